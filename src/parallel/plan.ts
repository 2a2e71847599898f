import { statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { DETECT_BYTES, detectBom, detectFormat, innerName, isBinary, usesBareCr } from '../input/detect.js';
import type { Input } from '../input/open.js';
import { fastPathApplies, type FileSettings } from '../scan.js';
import { MIN_PART } from './warm.js';


/** One piece of work: a whole input, or one byte range of a file split at line boundaries. */
export interface Unit {
  readonly input: Input;
  /** Size in bytes, for scheduling the largest first. */
  readonly size: number;
  /** For a range: which file it belongs to and its place among the file's ranges. */
  readonly part?: { readonly index: number; readonly of: number };
}

/**
 * Plans the work for `jobs` workers: every input is a unit; when there are fewer inputs than workers, large
 * plain-text and JSON-lines files (uncompressed, UTF-8, `\n` line ends) are split into byte ranges at line
 * boundaries, so that one big log keeps every worker busy.
 */
export async function planUnits(inputs: readonly Input[], jobs: number, s: FileSettings, minPart = MIN_PART): Promise<Unit[]> {
  const sized = inputs.map((input) => ({ input, size: sizeOf(input.file) }));
  if (jobs <= 1 || inputs.length >= jobs) return sized;
  const total = sized.reduce((n, u) => n + u.size, 0);
  // Each file gets the share of the workers its size earns (a lone file all of them), in parts of at least minPart.
  const share = total / jobs;
  const units: Unit[] = [];
  for (const u of sized) {
    const parts = share === 0 ? 0 : Math.min(jobs, Math.floor(u.size / minPart), Math.round(u.size / share));
    const format = parts >= 2 && u.input.file !== undefined ? await splittable(u.input, s) : undefined;
    if (format === undefined) {
      units.push(u);
      continue;
    }
    const cuts = await lineCuts(u.input.file!, u.size, parts);
    cuts.forEach((start, i) => {
      const end = cuts[i + 1] ?? u.size;
      units.push({ input: { ...u.input, range: { start, end }, format }, size: end - start, part: { index: i, of: cuts.length } });
    });
  }
  return units;
}

/**
 * A file's size (0 for standard input or a file gone since it was found). Synchronous: a stat takes
 * microseconds, and one promise per file of a large tree cost several times more than all of them.
 */
function sizeOf(file: string | undefined): number {
  if (file === undefined) return 0;
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/**
 * Bytes from which a scan is shared with worker threads: below it, starting a worker and merging its tally
 * back cost more than the half of the scan it saves (64 MiB is about 0.1 s of scanning on one core).
 */
export const MIN_PARALLEL = 2 * MIN_PART;
/** A unit smaller than this (a small file, read whole) costs about as much to send away and merge as to scan. */
const MIN_SHARED_UNIT = 1 << 20;

/**
 * How many threads (this one and workers) scan the units: one when there is a single unit or too little to
 * share — fewer than `from` bytes in units worth sending to a worker — else up to `jobs`.
 */
export function threadsFor(units: readonly Unit[], jobs: number, from = MIN_PARALLEL): number {
  if (jobs <= 1 || units.length <= 1) return 1;
  const shared = units.reduce((n, u) => n + (u.size >= MIN_SHARED_UNIT ? u.size : 0), 0);
  return shared >= from ? Math.min(jobs, units.length) : 1;
}

/** The format of a file that may be split: read by a byte-level scanner, with nothing to decode first. */
async function splittable(input: Input, s: FileSettings): Promise<'text' | 'jsonl' | undefined> {
  const head = await readAt(input.file!, 0, DETECT_BYTES);
  if (head.length < 2 || (head[0] === 0x1f && head[1] === 0x8b)) return undefined;
  if (detectBom(head).length > 0 || isBinary(head) || usesBareCr(head)) return undefined;
  const format = detectFormat(innerName(input.path), head, s.inputFormat, head.length < DETECT_BYTES);
  return (format === 'text' || format === 'jsonl') && fastPathApplies(format, s) ? format : undefined;
}

/** Range starts: 0, then just after the first newline at or after each even cut (cuts with none are dropped). */
async function lineCuts(file: string, size: number, parts: number): Promise<number[]> {
  const starts = [0];
  for (let i = 1; i < parts; i++) {
    const at = Math.floor((size * i) / parts);
    if (at <= starts[starts.length - 1]!) continue;
    const block = await readAt(file, at, 1 << 20);
    const nl = block.indexOf(0x0a);
    if (nl === -1) continue;
    const start = at + nl + 1;
    if (start < size && start > starts[starts.length - 1]!) starts.push(start);
  }
  return starts;
}

async function readAt(file: string, position: number, length: number): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await fh.read(buf, 0, length, position);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}
