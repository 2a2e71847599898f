// The per-code state of one file's LineFindings, kept from file to file in this thread: with many small
// files, making it anew for each file was a good part of the run's garbage (and its collection time).
import type { CatalogEntry } from '../catalog/types.js';
import type { CodeStat, Tally } from '../model/tally.js';
import { keepsSample, MAX_SAMPLES } from '../summary/samples.js';
import { FileEnds } from './file-ends.js';
import { HeadSamples } from './head-samples.js';

/** Spellings LineFindings.newInRecord's map holds before it is cleared at a record's start (never needed). */
export const RECORD_UNKNOWN_KEPT = 4096;

/** Per catalog index and per line, for one file at a time (see LineFindings, whose fields these are). */
export class PerFile {
  readonly stats: (CodeStat | undefined)[];
  readonly taken: number[];
  readonly seenIn: number[];
  readonly pendMinute: number[];
  readonly pendCount: number[];
  readonly steady: number[];
  readonly ends: FileEnds;
  readonly heads = new HeadSamples();
  // Per code of the current line, and its accounts and unknown codes: only their first n are read.
  readonly codes: number[] = [];
  readonly samples: (string | undefined)[] = [];
  readonly before: number[] = [];
  readonly codeAt: number[] = [];
  readonly head: number[] = [];
  readonly ids: number[] = [];
  readonly spare: string[] = [];
  readonly unknown = new Map<string, [string, string | undefined]>();
  /** Unknown codes (lower-cased) and the record each was last seen in (see LineFindings.newInRecord). */
  readonly recordUnknown = new Map<string, number>();

  constructor(readonly size: number) {
    // Plain arrays: a typed array costs several times more to make.
    this.stats = new Array<CodeStat | undefined>(size).fill(undefined);
    this.taken = new Array<number>(size).fill(0);
    this.seenIn = new Array<number>(size).fill(-1);
    this.pendMinute = new Array<number>(size).fill(NaN);
    this.pendCount = new Array<number>(size).fill(0);
    this.steady = new Array<number>(size).fill(0);
    this.ends = new FileEnds(size);
  }

  /**
   * A file's first MAX_SAMPLES occurrences of a code are counted by LineFindings, as candidates for the code's
   * samples (its first by file and line); its other evidence, the kernel's first, last and earliest of each
   * minute give. A code whose samples are all before the file at `path` can take none from it: the kernel
   * counts it from the file's first line (`steady` is called for each). With many small files, that is most
   * codes of every file but the first few.
   */
  steadyFrom(tally: Tally, entries: readonly CatalogEntry[], path: string, steady: (idx: number) => void): void {
    for (let idx = 0; idx < entries.length; idx++) {
      const st = tally.codes.get(entries[idx]!.code);
      if (st === undefined || keepsSample(st.samples, path, 0)) continue;
      this.stats[idx] = st;
      this.taken[idx] = MAX_SAMPLES;
      this.steady[idx] = 1;
      steady(idx);
    }
  }

  /** Back to the state of a file not read yet (and holding nothing of the last one's). */
  clear(): void {
    this.stats.fill(undefined);
    this.taken.fill(0);
    this.seenIn.fill(-1);
    this.pendMinute.fill(NaN);
    this.pendCount.fill(0);
    this.steady.fill(0);
    this.ends.clear();
    this.heads.clear();
    this.samples.fill(undefined);
    this.spare.length = 0;
    this.unknown.clear();
    this.recordUnknown.clear();
  }
}

/** Cleared states given back: a few, as a thread may read more than one file at a time. */
const spare: PerFile[] = [];
const SPARE = 4;

/** The state for a new file of `path` over a catalog of `codes` entries. */
export function takePerFile(codes: number, path: string): PerFile {
  const i = spare.findIndex((p) => p.size === codes);
  const p = i === -1 ? new PerFile(codes) : spare.splice(i, 1)[0]!;
  p.ends.file = path;
  return p;
}

/** The file ended: its state is cleared for the next one (the caller uses it no more). */
export function givePerFile(p: PerFile): void {
  p.clear();
  if (spare.length < SPARE) spare.push(p);
}
