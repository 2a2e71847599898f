import { open, stat as fsStat } from 'node:fs/promises';
import { readSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Catalog } from './catalog/catalog.js';
import { buildMatcher } from './extract/matcher.js';
import type { FieldOptions } from './extract/record.js';
import type { Engine, FileSettings } from './model/settings.js';
import type { FormatChoice } from './input/detect.js';
import { discover } from './input/discover.js';
import type { Shard, ShardInfo } from './input/shard.js';
import { openInput, type Input, type Opened } from './input/open.js';
import { recordReader } from './input/read.js';
import type { ChunkBuffer } from './fast/chunk-buffer.js';
import { JsonlFastScan } from './fast/jsonl-scan.js';
import { TextFastScan } from './fast/text-scan.js';
import { planUnits } from './parallel/plan.js';
import { runOnWorkers } from './parallel/pool.js';
import type { Workers } from './parallel/warm.js';
import { FileScan } from './summary/file-scan.js';
import { joinRanges, type RangeTally } from './summary/ranges.js';
import { mergeTally, newFileStat, newTally, type FileStat, type InputFormat, type Tally } from './summary/tally.js';
import type { TimeWindow } from './summary/window.js';
import { fsReason } from './write.js';

export type { Engine, FileSettings };

/** Default longest record (JSON line, CSV record, JSON element) held whole; longer ones are skipped and counted. */
export const DEFAULT_MAX_LINE_LENGTH = 16 * 1024 * 1024;

export interface ScanOptions {
  /** Files, directories, globs, `-` for standard input. */
  readonly inputs: readonly string[];
  readonly cwd: string;
  readonly catalog: Catalog;
  readonly inputFormat?: FormatChoice;
  readonly fields?: FieldOptions;
  readonly window?: TimeWindow | null;
  readonly maxLineLength?: number;
  /** Globs left out of directory walks. */
  readonly exclude?: readonly string[];
  readonly stdin?: NodeJS.ReadableStream;
  /**
   * `auto` reads plain text with the byte-level fast path when it applies (no window, a word-code catalog),
   * `stream` always uses the split2 record readers (the reference path).
   */
  readonly engine?: Engine;
  /** Redact evidence as it is taken (before it is cut to its window). */
  readonly redact?: boolean;
  /** Worker threads (default: the machine's cores); 1 scans in this thread. */
  readonly jobs?: number;
  /** Called now and then with bytes read since the last call (for a progress bar). */
  readonly onProgress?: (bytes: number) => void;
  /** Called once the inputs are known, with their total size in bytes. */
  readonly onPlan?: (bytes: number) => void;
  /** Worker threads started ahead of time (see Workers), used before any new one is started. */
  readonly workers?: Workers;
  /** `--label`: the name of standard input, and a prefix to every file's path. */
  readonly label?: string;
  /** `--shard`: scan only this slice of the discovered files. */
  readonly shard?: Shard;
}

export function fileSettings(opts: ScanOptions): FileSettings {
  return {
    matcher: buildMatcher(opts.catalog),
    inputFormat: opts.inputFormat ?? 'auto',
    fields: { ...opts.fields, redact: opts.redact === true },
    window: opts.window ?? null,
    maxLineLength: opts.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH,
    stdin: opts.stdin,
    engine: opts.engine ?? 'auto',
    redact: opts.redact === true,
    readAhead: true,
  };
}

/** Default number of workers: the machine's cores. */
export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/**
 * Scans every input; an input that cannot be read is recorded and the scan goes on. With more than one job,
 * inputs (and ranges of large files) are scanned on worker threads; the tally is the same either way.
 */
export async function scan(opts: ScanOptions): Promise<ScanResult> {
  const tally = newTally();
  // 1. Discover: files, directories and globs into a sorted list; what matched nothing is recorded.
  const { inputs, missing, shard } = await discover(opts.inputs, opts.cwd, opts.exclude, { label: opts.label, shard: opts.shard });
  for (const m of missing) {
    tally.files.set(m.path, { ...newFileStat(m.path), status: 'error', message: m.message });
  }
  const settings = fileSettings(opts);
  const files = inputs.filter((i) => i.file !== undefined);
  const jobs = opts.jobs ?? defaultJobs();
  // 2. Plan: one unit per file, large files split when there are more workers than files.
  const units = await planUnits(files, jobs, settings, fastPathApplies);
  opts.onPlan?.(units.reduce((n, u) => n + u.size, 0));
  // 3. Read and count: on workers, or here, one input after the other.
  if (jobs > 1 && units.length > 1) {
    const ranges = new Map<string, RangeTally[]>();
    // Each result is merged as it comes (the merge is order-free), while other workers still scan; the
    // ranges of a split file are joined once all are in.
    await runOnWorkers(
      units.map((u, index) => ({ index, input: u.input, size: u.size })),
      settings,
      jobs,
      (result) => {
        const u = units[result.index]!;
        if (u.part === undefined) mergeTally(tally, result.tally);
        else {
          const list = ranges.get(u.input.path) ?? [];
          list[u.part.index] = result;
          ranges.set(u.input.path, list);
        }
      },
      opts.onProgress,
      opts.workers,
    );
    for (const [path, parts] of ranges) mergeTally(tally, joinRanges(path, parts));
  } else {
    for (const u of units) await scanFile(u.input, settings, tally, opts.onProgress);
  }
  for (const input of inputs) if (input.file === undefined) await scanFile(input, settings, tally, opts.onProgress);
  return { tally, files: files.map((i) => i.file!), ...(shard !== undefined ? { shard } : {}) };
}

export interface ScanResult {
  readonly tally: Tally;
  /** Absolute paths of the files read. */
  readonly files: readonly string[];
  /** The shard scanned (with --shard). */
  readonly shard?: ShardInfo;
}

/** Opens, reads and counts one input into the tally. Never throws for a bad input: its stat says what went wrong. */
export async function scanFile(input: Input, s: FileSettings, tally: Tally, progress?: (bytes: number) => void): Promise<FileStat> {
  const stat = newFileStat(input.path);
  tally.files.set(input.path, stat);
  let reported = 0;
  let last = Date.now();
  const report = (force: boolean): void => {
    const now = Date.now();
    if (progress === undefined || (!force && now - last < 100)) return;
    progress(stat.bytes - reported);
    reported = stat.bytes;
    last = now;
  };
  try {
    const opened = await openInput(input, stat, s.inputFormat, s.stdin);
    stat.format = opened.format;
    stat.compressed = opened.compressed;
    stat.encoding = opened.encoding;
    if (opened.binary) {
      stat.status = 'binary';
      stat.message = 'binary content (a NUL byte in its first 8 KiB): skipped';
      await opened.close();
      // Its size is what it holds, not the part read before it was skipped.
      if (input.file !== undefined && input.range === undefined) stat.bytes = (await fsStat(input.file)).size;
      return stat;
    }
    const fast = fastPath(opened.format, s, tally, stat, (input.range?.start ?? 0) > 0);
    if (fast !== undefined) {
      try {
        if (opened.direct !== undefined) {
          // Read the file straight into the scanner's buffer: no stream, no chunk allocated per read.
          await opened.close();
          // Counted again as they are read; a byte-order mark before the read is still the input's.
          const before = opened.direct.start - (input.range?.start ?? 0);
          stat.bytes = before;
          stat.expandedBytes = before;
          if (s.readAhead) await readAhead(opened.direct, fast, stat, () => report(false));
          else await readInPlace(opened.direct, fast, stat, () => report(false));
        } else {
          for await (const chunk of opened.chunks) {
            fast.push(chunk);
            report(false);
          }
        }
      } catch (err) {
        // What was counted before the fault stays counted (the cut last line is not a record).
        fast.end(false);
        throw err;
      }
      fast.end();
    } else {
      const scanner = new FileScan(tally, stat, s.matcher, s.fields, s.window);
      let n = 0;
      for await (const rec of recordReader(opened.format)(opened.chunks, s.maxLineLength)) {
        scanner.push(rec);
        if ((++n & 0xfff) === 0) report(false);
      }
    }
  } catch (err) {
    stat.status = 'error';
    stat.message = readError(err);
  }
  report(true);
  return stat;
}

const DIRECT_CHUNK = 1 << 20;

type Direct = NonNullable<Opened['direct']>;

/** How many bytes to read at pos: a chunk, less at the end of the range (0 or less: none). */
const chunkAt = (d: Direct, pos: number): number => (d.end === undefined ? DIRECT_CHUNK : Math.min(DIRECT_CHUNK, d.end - pos));

/** Reads a file (or a byte range of it) into a fast scanner's buffer, chunk by chunk, reading ahead. */
async function readAhead(
  d: Direct,
  scanner: ChunkBuffer,
  stat: FileStat,
  progress: () => void,
): Promise<void> {
  const fh = await open(d.file, 'r');
  // Two buffers in turn: the next chunk is read while this one is scanned.
  const stages = [Buffer.allocUnsafe(DIRECT_CHUNK), Buffer.allocUnsafe(DIRECT_CHUNK)];
  let k = 0;
  let pos = d.start;
  const next = (): Promise<{ bytesRead: number; buffer: Buffer }> | undefined => {
    const want = chunkAt(d, pos);
    if (want <= 0) return undefined;
    const read = fh.read(stages[k]!, 0, want, pos);
    k ^= 1;
    return read;
  };
  let pending = next();
  try {
    while (pending !== undefined) {
      const { bytesRead, buffer } = await pending;
      // A file truncated while it is read simply ends here.
      if (bytesRead === 0) break;
      pos += bytesRead;
      pending = next();
      stat.bytes += bytesRead;
      stat.expandedBytes += bytesRead;
      scanner.push(buffer.subarray(0, bytesRead));
      progress();
    }
  } finally {
    // Let a read still under way finish before the file is closed.
    await pending?.catch(() => undefined);
    await fh.close();
  }
}

/** Reads a file (or a byte range of it) straight into a fast scanner's buffer, one chunk after the other. */
async function readInPlace(d: Direct, scanner: ChunkBuffer, stat: FileStat, progress: () => void): Promise<void> {
  const fh = await open(d.file, 'r');
  try {
    for (let pos = d.start; ; ) {
      const want = chunkAt(d, pos);
      if (want <= 0) break;
      const room = scanner.reserve(want);
      const n = readSync(fh.fd, room.buffer, room.offset, want, pos);
      // A file truncated while it is read simply ends here.
      if (n === 0) break;
      pos += n;
      stat.bytes += n;
      stat.expandedBytes += n;
      scanner.commit(n);
      progress();
    }
  } finally {
    await fh.close();
  }
}

/**
 * The byte-level scanner for a format, when one applies: plain text or JSON lines, no window, the default
 * fields, a catalog of word codes. It gives the same tally as the record readers.
 */
function fastPath(format: InputFormat, s: FileSettings, tally: Tally, stat: FileStat, inheritsTime: boolean): TextFastScan | JsonlFastScan | undefined {
  if (!fastPathApplies(format, s)) return undefined;
  if (format === 'text') return new TextFastScan(tally, stat, s.matcher, inheritsTime, s.redact);
  return new JsonlFastScan(tally, stat, s.matcher, s.maxLineLength, inheritsTime, s.redact);
}

/** True when a byte-level scanner reads this format with these settings (and a file may be split). */
export function fastPathApplies(format: InputFormat, s: FileSettings): boolean {
  if (s.engine !== 'auto' || s.window !== null) return false;
  // Plain text takes any catalog (a general pattern when codes are not `_` words); JSON lines need word codes.
  if (format === 'text') return true;
  return format === 'jsonl' && s.matcher.wordCodes && s.fields.codeField === undefined && s.fields.timeField === undefined;
}

/** One line saying why an input could not be read (what was counted before the fault stays counted). */
export function readError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'Z_BUF_ERROR') return 'gzip data is truncated (unexpected end of file)';
  if (e.code === 'Z_DATA_ERROR') return `gzip data is corrupt (${e.message})`;
  return fsReason(err);
}
