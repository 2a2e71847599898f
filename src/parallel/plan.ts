import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { findTimestampIn, timeCarried } from '../extract/timestamp.js';
import { jsonLineCarries } from '../fast/kernel-pool.js';
import { DEFAULT_TIMES, timeContext } from '../extract/time-rules.js';
import { HOLD_BYTES, innerName, readAsOne, rewritten, sniff } from '../input/detect.js';
import { arrayIndent, COMMA, elementEnd, NL, OPEN_BRACE, trimEnd } from '../input/json-bytes.js';
import { jsonShape } from '../input/json-shape.js';
import { yamlCut } from '../input/yaml-cut.js';
import { readAt } from '../input/read-at.js';
import { arrayInBulk } from '../fast/json-array-scan.js';
import type { Input } from '../input/open.js';
import { readWhole, WHOLE_FILE, type Whole } from '../input/whole.js';
import type { Delimiter, InputFormat } from '../model/record.js';
import { csvCut, fileHeader } from '../input/csv-header.js';
import type { FileSettings, TimeContext } from '../model/settings.js';
import { MIN_PART, parallelFrom, smallFileThreads, work } from './warm.js';

const CR = 0x0d;

/** True when a byte-level scanner reads this format with these settings: only then may a file be split. */
export type FastPathApplies = (format: InputFormat, s: FileSettings) => boolean;

/** One piece of work: a whole input, or a byte range of a file that threads may share (see steal.ts). */
export interface Unit {
  readonly input: Input;
  /** Size in bytes, for scheduling the largest first. */
  readonly size: number;
  /**
   * For a file that may be split (its `input.range` is the whole of it): how many threads its size earns.
   * It is cut at line boundaries while it is read, as threads come free (see steal.ts), not before.
   */
  readonly shares?: number;
  /** For a batch of small files: the files after `input`, scanned into the same tally (see batchUnits). */
  readonly more?: readonly Input[];
}

/**
 * Plans the work for `jobs` workers: every input is a unit; when there are fewer inputs than workers, large
 * plain-text, JSON-lines, CSV, YAML and pretty-printed JSON-array files (uncompressed, UTF-8, `\n` line ends:
 * see splittable) become a byte range that threads share, so that one big log keeps every worker busy. Where it is cut is decided while it is read: a
 * worker that starts later (it boots), or reads slower, gets less of it.
 */
export async function planUnits(
  inputs: readonly Input[],
  jobs: number,
  s: FileSettings,
  fast: FastPathApplies,
  minPart = MIN_PART,
  /** Weighed bytes from which threads are shared (see threadsFor): when the inputs weigh less in all (as if all were in the file's format), no file is looked at for a cut. */
  from = 0,
): Promise<Unit[]> {
  const sized = inputs.map((input) => ({ input, size: sizeOf(input.file) }));
  if (jobs <= 1 || inputs.length >= jobs) return sized;
  const total = sized.reduce((n, u) => n + u.size, 0);
  // Each file gets the share of the workers its size earns (a lone file all of them), in parts of at least minPart.
  const share = total / jobs;
  // Whether the inputs could weigh enough in the slowest format: if not, no file is sniffed for its own.
  const mayShare = work(total, 'yaml') >= from;
  const units: Unit[] = [];
  for (const u of sized) {
    const parts = share === 0 ? 0 : Math.min(jobs, Math.floor(u.size / minPart), Math.round(u.size / share));
    const split = parts >= 2 && u.input.file !== undefined && mayShare ? splittable(u.input, s, fast) : undefined;
    // Too little to share in its format, or no line to cut at after its middle (plain text: none with a time of
    // its own in the MiB there): read whole.
    if (split === undefined || work(total, split.format) < from || cutAfter(u.input.file!, Math.floor(u.size / 2), u.size, split.format, cutTimes(s), split.delimiter, s.maxLineLength) < 0) {
      units.push(u);
      continue;
    }
    units.push({ input: { ...u.input, range: { start: 0, end: u.size }, ...split }, size: u.size, shares: parts });
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

/** A unit smaller than this (a small file, read whole) costs about as much to send away and merge as to scan. */
const MIN_SHARED_UNIT = WHOLE_FILE;

/**
 * How many threads (this one and workers) scan the units: one when there is a single unit or too little to
 * share — units worth sending to a worker that weigh less than `from` (by default parallelFrom(cores); a
 * YAML stream's bytes weigh more, see work) — else up to `jobs`. Units that are all
 * small files (batches, see batchUnits) are shared by one thread fewer than the `cores`: beside a thread
 * reading small files, V8's own threads (collecting its garbage, compiling) keep about 0.4 of a core busy
 * (20,000 files of 10 KB: 1.23 s on this thread, 0.46 s on those), and a second isolate needs as much again,
 * so a thread on every core gains nothing there (two cores: 0.8 s more CPU and 0.1 s more wall than one
 * thread). `from` 0 shares whatever the size and the cores.
 */
export function threadsFor(units: readonly Unit[], jobs: number, from?: number, cores = availableParallelism()): number {
  // A file that threads share counts as the threads it earns.
  const slots = units.reduce((n, u) => n + (u.shares ?? 1), 0);
  if (jobs <= 1 || slots <= 1) return 1;
  const least = from ?? parallelFrom(cores);
  const shared = units.reduce((n, u) => n + (u.size >= MIN_SHARED_UNIT ? work(u.size, u.input.format, u.input.path) : 0), 0);
  if (shared < least) return 1;
  const smallOnly = least > 0 && units.every(isBatch);
  return Math.min(jobs, slots, smallOnly ? smallFileThreads(jobs, cores) : jobs);
}

/**
 * True when a scan on `jobs` threads may start on this one with the files in order, planning the rest only
 * from the first file too large to read whole (see readSmallFirst): small files alone would be read by this
 * thread only (see threadsFor), so measuring each first (20,000 files: 60 ms) would be wasted.
 */
export function smallFirst(jobs: number, from?: number, cores = availableParallelism()): boolean {
  return jobs > 1 && from !== 0 && smallFileThreads(jobs, cores) <= 1;
}

/**
 * Hands the files to `scan` in order, each read whole (its size from its open's own stat), up to the first
 * of WHOLE_FILE bytes or more: how many it handed on. A file not read whole for another reason (it cannot
 * be opened, it is not a regular file) is handed on unread: its scan reads it, or records why it cannot.
 */
export async function readSmallFirst(files: readonly Input[], scan: (input: Input, whole: Whole | undefined) => Promise<unknown>): Promise<number> {
  for (let k = 0; k < files.length; k++) {
    const input = files[k]!;
    let whole: Whole | undefined;
    try {
      // A pipe is read once, as a stream: opened here (and closed) its writer's bytes would be lost.
      if (input.pipe !== true) whole = readWhole(input.file!);
    } catch {
      // Not opened: its scan tries again, and records why.
    }
    if (whole === undefined && sizeOf(input.file) >= WHOLE_FILE) return k;
    await scan(input, whole);
  }
  return files.length;
}

/** Small files (under MIN_SHARED_UNIT) go to a thread in batches of up to this many bytes… */
const BATCH_BYTES = 4 << 20;
/** …or this many files: one tally sent back and merged per batch, not per file. */
const BATCH_FILES = 256;
/** Batches per thread at least, when there are files enough: the threads end at about the same time. */
const BATCHES_PER_THREAD = 4;
/**
 * What a file costs beyond its bytes (opening, reading, its row), in bytes of scanning: about 0.1 ms.
 * A batch's size counts it, so that many tiny files are worth sharing too.
 */
export const FILE_COST = 64 * 1024;

/**
 * Groups the small whole-file units into batches (in their order), each sized by its bytes and its files'
 * FILE_COST, at least BATCHES_PER_THREAD of them per thread when there are files enough (a few small files
 * are a unit each); large files and ranges stay units of their own.
 */
export function batchUnits(units: readonly Unit[], jobs: number): Unit[] {
  const small = units.reduce((n, u) => n + (isSmall(u) ? 1 : 0), 0);
  const files = Math.min(BATCH_FILES, Math.max(1, Math.ceil(small / (BATCHES_PER_THREAD * jobs))));
  const out: Unit[] = [];
  let batch: Unit[] = [];
  let bytes = 0;
  const close = (): void => {
    if (batch.length === 0) return;
    const [first, ...rest] = batch;
    out.push({ input: first!.input, size: bytes + batch.length * FILE_COST, ...(rest.length > 0 ? { more: rest.map((u) => u.input) } : {}) });
    batch = [];
    bytes = 0;
  };
  for (const u of units) {
    if (!isSmall(u)) {
      out.push(u);
      continue;
    }
    batch.push(u);
    bytes += u.size;
    if (bytes >= BATCH_BYTES || batch.length >= files) close();
  }
  close();
  return out;
}

/** A batch of small files, or a small file before batching (a batch of one counts its FILE_COST). */
const isBatch = (u: Unit): boolean => u.input.range === undefined && (u.more !== undefined || u.size < MIN_SHARED_UNIT + FILE_COST);

const isSmall = (u: Unit): boolean => u.input.range === undefined && u.size < MIN_SHARED_UNIT && u.input.file !== undefined;

/**
 * The formats a file may be split in (a JSON array: one whose elements each start a line, see arrayIndent;
 * YAML: a stream of documents, cut at a `---` line, each range's documents turned into JSON on its own thread;
 * CSV: each later range read by the columns of the file's header, see fileHeader).
 */
export type SplitFormat = 'text' | 'jsonl' | 'json' | 'yaml' | 'csv';

/** The format of a file that may be split: read by a byte-level scanner, with nothing to decode first. */
function splittable(input: Input, s: FileSettings, fast: FastPathApplies): { format: SplitFormat; delimiter?: Delimiter } | undefined {
  // A range's first records may take their time from the ranges before: the accounts file's times need them whole.
  if (s.accountList === true) return undefined;
  const head = readAt(input.file!, 0, HOLD_BYTES + 1);
  if (head.length < 2 || readAsOne(head)) return undefined;
  // Read as openInput reads it: a file rewritten on the way in is not split; nor are JSON lines behind a
  // collector's head (their first line tells it: a range is read without it).
  const sniffed = sniff(innerName(input.path), head, s.inputFormat, head.length <= HOLD_BYTES, { delimiter: s.delimiter, shape: jsonShape(s.fields) });
  // Nor a W3C log, whose head says its times are UTC. YAML is rewritten as JSON on the way in, and may be split.
  const yaml = sniffed?.format === 'yaml' && sniffed.ansi !== true && sniffed.colours !== true;
  if (sniffed === undefined || sniffed.binary || sniffed.unread !== undefined || sniffed.lineEnds !== 'lf' || (rewritten(sniffed) && !yaml) || sniffed.headed === true || sniffed.utc === true) return undefined;
  const format = sniffed.format;
  if (!fast(format, s)) return undefined;
  // A range's records before its first time take the last time of the ranges before: without a window (with
  // one, a range would need that time first), and for JSON, where the kernel reads the elements in bulk.
  if (format === 'yaml' || format === 'json') return arrayInBulk(s.window, s.matcher, s.fields) && (format === 'yaml' || arrayIndent(head) !== undefined) ? { format } : undefined;
  if (format === 'csv') {
    const delimiter = sniffed.dialect?.delimiter ?? ',';
    return s.window === null && fileHeader(head, delimiter, s.maxLineLength) !== undefined ? { format, delimiter } : undefined;
  }
  return format === 'text' || format === 'jsonl' ? { format } : undefined;
}

/**
 * The start of the first line of the block after its first newline that starts an element of a bare array
 * (see arrayIndent), or -1: the element's blanks and `{` after a line that ends in `,`, ending in the block
 * and carrying no record on (see jsonLineCarries). A nested array written alike is told apart only by the
 * read of the range before (JsonElements.cleanCut): then the file is read again whole.
 */
function arrayCut(block: Buffer, indent: Buffer): number {
  for (let nl = block.indexOf(NL); nl !== -1; nl = block.indexOf(NL, nl + 1)) {
    const at = nl + 1 + indent.length;
    // After a line ending in `,` (CRLF too: PowerShell's).
    const comma = block[nl - 1] === COMMA || (block[nl - 1] === CR && block[nl - 2] === COMMA);
    if (!comma || block[at] !== OPEN_BRACE || !block.subarray(nl + 1, at).equals(indent)) continue;
    const end = elementEnd(block, at, block.length);
    if (end === -1) return -1;
    if (!jsonLineCarries(block.subarray(at, trimEnd(block, at, end)))) return nl + 1;
  }
  return -1;
}

/**
 * Where a range may be cut at or after byte `at`: just after the first newline from there, before `end`, or
 * -1. Plain text is cut only before a line with a time of its own, where a record starts (see
 * src/model/record.ts; not a stack trace's line under a collector's time, which may carry one on), JSON lines
 * before one that starts a record (see firstLine), a JSON array before an element that does (see arrayCut),
 * YAML before a document that does (see yamlCut), CSV before two rows (see csvCut): no record spans two
 * ranges; -1 when there is no such line in the MiB after `at`.
 */
export function cutAfter(file: string, at: number, end: number, format: SplitFormat, times?: TimeContext, delimiter?: Delimiter, maxLength = HOLD_BYTES): number {
  const block = readAt(file, at, Math.min(1 << 20, Math.max(0, end - at)));
  const nl = cutIn(block, file, format, times, delimiter ?? ',', maxLength);
  return nl > 0 && at + nl < end ? at + nl : -1;
}

/** Where in the block cutAfter's rule for the format cuts (see it), or -1; the file's head tells an array's blanks and a CSV's header. */
function cutIn(block: Buffer, file: string, format: SplitFormat, times: TimeContext | undefined, delimiter: Delimiter, maxLength: number): number {
  switch (format) {
    case 'text':
      return firstLine(block, (s, e) => findTimestampIn(block, s, e, s, e, times) !== null && !timeCarried());
    case 'jsonl':
      return firstLine(block, (s, e) => !jsonLineCarries(block.subarray(s, e)));
    case 'yaml':
      return yamlCut(block, jsonLineCarries);
    case 'json': {
      const indent = arrayIndent(readAt(file, 0, 1 << 16));
      return indent === undefined ? -1 : arrayCut(block, indent);
    }
    case 'csv': {
      // A line inside a quoted field that rows seem to follow is told by the read of the range before it.
      const head = fileHeader(readAt(file, 0, HOLD_BYTES + 1), delimiter, maxLength);
      return head === undefined ? -1 : csvCut(block, delimiter, head.width, maxLength);
    }
  }
}

/**
 * How a cut tells a line with a time: by the scan's rules (a line the scanner reads without one must not
 * start a range), but for the year of times without one (none: such lines are not cut at).
 */
export const cutTimes = (s: FileSettings): TimeContext => timeContext(s.times ?? DEFAULT_TIMES, null);

/**
 * The start of the first whole line of the block after its first newline that starts a record (`starts`, told
 * the line's start and end, its `\r` left out), or -1: plain text's line with a time of its own (not a stack
 * trace's line under a collector's time, which may carry on the record before it), a JSON line that carries
 * none on (src/model/record.ts MESSAGE_FIELDS). A line the block cuts is not looked at.
 */
function firstLine(block: Buffer, starts: (s: number, e: number) => boolean): number {
  for (let nl = block.indexOf(0x0a); nl !== -1; ) {
    const le = block.indexOf(0x0a, nl + 1);
    if (le === -1) return -1;
    if (starts(nl + 1, le > nl + 1 && block[le - 1] === 0x0d ? le - 1 : le)) return nl + 1;
    nl = le;
  }
  return -1;
}
