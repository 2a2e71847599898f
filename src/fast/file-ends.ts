// Each code's first and last occurrences in one file (time, then line), with a time and without: evidence
// candidates the file gives when it ends (a byte range's untimed ones take the time before it later).
import type { CodeStat, Tally } from '../model/tally.js';
import { addEvidence, keepsEvidence } from '../summary/samples.js';
import { addEnd } from '../summary/tally.js';

/** Makes the evidence text of an occurrence at [ls, le), its code at `at`, while its bytes are there. */
export type MakeSample = (idx: number, ls: number, le: number, at: number, field: boolean) => string;

/** A first or last occurrence a file keeps: changed in place as later ones come. */
interface End {
  readonly file: string;
  line: number;
  time: number | null;
  text: string;
}

export class FileEnds {
  /** Four per code: [first timed, last timed, first untimed, last untimed]. */
  private readonly ends: (End | undefined)[];
  /** Per ends slot: where the evidence not made yet is (line start, end, the code's position); NaN: made. */
  private readonly endAt: number[];

  /** The file whose occurrences these are (see PerFile: one FileEnds serves file after file). */
  file = '';

  constructor(codes: number) {
    this.ends = new Array<End | undefined>(4 * codes).fill(undefined);
    this.endAt = new Array<number>(12 * codes).fill(NaN);
  }

  /** Forgets the last file's occurrences (given to its stats by now: they are theirs). */
  clear(): void {
    this.ends.fill(undefined);
    this.endAt.fill(NaN);
  }

  /**
   * Keeps an occurrence as the code's first or last in the file when it is (by time, then line; `which`: 1
   * first, 2 last): its evidence `text`, or where to make it (p: 3 numbers in `where`) when it is kept (see makeTexts).
   */
  note(idx: number, line: number, time: number | null, text: string | undefined, which = 3, where: readonly number[] = [], p = 0): void {
    const at = 4 * idx + (time === null ? 2 : 0);
    const t = time ?? 0;
    const first = this.ends[at];
    if ((which & 1) !== 0 && (first === undefined || t < (first.time ?? 0) || (t === (first.time ?? 0) && line < first.line))) this.keep(at, line, time, text, where, p);
    const last = this.ends[at + 1];
    if ((which & 2) !== 0 && (last === undefined || t > (last.time ?? 0) || (t === (last.time ?? 0) && line >= last.line))) this.keep(at + 1, line, time, text, where, p);
  }

  /** Puts an occurrence in slot k (its object is the file's own until the file ends: changed in place). */
  private keep(k: number, line: number, time: number | null, text: string | undefined, where: readonly number[], p: number): void {
    const x = (this.ends[k] ??= { file: this.file, line, time, text: '' });
    x.line = line;
    x.time = time;
    x.text = text ?? '';
    this.endAt[3 * k] = text === undefined ? where[p]! : NaN;
    if (text === undefined) {
      this.endAt[3 * k + 1] = where[p + 1]!;
      this.endAt[3 * k + 2] = where[p + 2]!;
    }
  }

  /**
   * Makes the evidence of the kept occurrences whose text is not made yet, while their bytes are in the
   * buffer. In a whole file's tally (`stats`: per catalog index, its code's stat) not of one its evidence
   * would not take now: it will not at the file's end either (what it takes only gets stricter).
   */
  makeTexts(make: MakeSample, tally?: Tally, stats?: readonly (CodeStat | undefined)[]): void {
    for (let k = 0; k < this.ends.length; k++) {
      if (Number.isNaN(this.endAt[3 * k])) continue;
      const end = this.ends[k]!;
      const st = stats?.[k >> 2];
      if (tally?.ranged === true || st === undefined || keepsEvidence(st.evidence, end)) end.text = make(k >> 2, this.endAt[3 * k]!, this.endAt[3 * k + 1]!, this.endAt[3 * k + 2]!, false);
      this.endAt[3 * k] = NaN;
    }
  }

  /**
   * The file ended: code idx's first and last become candidates of its stat — a byte range's as its tail (joined
   * with its neighbours', see joinRanges), a whole file's as evidence candidates.
   */
  give(idx: number, s: CodeStat, tally: Tally): void {
    for (let k = 4 * idx; k < 4 * idx + 4; k++) {
      const end = this.ends[k];
      if (end === undefined) continue;
      if (tally.ranged === true) addEnd(s, end);
      else addEvidence(s.evidence, end);
    }
  }
}
