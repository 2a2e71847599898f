import { stat as fsStat } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Catalog } from './catalog/catalog.js';
import { buildMatcher } from './extract/matcher.js';
import type { FieldOptions } from './extract/record.js';
import { DEFAULT_TIMES, inUtc, localMonth, timeContext } from './extract/time-rules.js';
import type { FileSettings, TimeSettings } from './model/settings.js';
import type { FormatChoice } from './input/detect.js';
import type { Delimiter } from './model/record.js';
import { discover } from './input/discover.js';
import type { Shard, ShardInfo } from './input/shard.js';
import { openInput, type Input, type Opened } from './input/open.js';
import { HEAD_KEPT, keptHead } from './input/stream-head.js';
import { jsonShape } from './input/json-shape.js';
import { readWhole, type Whole } from './input/whole.js';
import { CsvFastScan } from './fast/csv-scan.js';
import { JsonArrayFastScan } from './fast/json-array-scan.js';
import { JsonlFastScan } from './fast/jsonl-scan.js';
import { TextFastScan } from './fast/text-scan.js';
import { holdAccounts, settleAccounts } from './fast/account-cache.js';
import { batchUnits, planUnits, readSmallFirst, smallFirst, threadsFor, type Unit as PlanUnit } from './parallel/plan.js';
import { runOnWorkers } from './parallel/pool.js';
import { readAhead, readInPlace, readYamlRange, ShrankError } from './parallel/read-direct.js';
import { fastPath, fastPathApplies } from './fast/scanner-for.js';
import { dropNuls, withoutNuls } from './input/nul-bytes.js';
import type { RangeClaim } from './parallel/claim.js';
import type { Unit, UnitResult } from './parallel/protocol.js';
import { parallelFrom, type Workers } from './parallel/warm.js';
import { accountsBefore, joinRanges, type RangeTally } from './summary/ranges.js';
import { mergeTally, newFileStat, newTally, type FileStat, type Tally } from './summary/tally.js';
import type { TimeWindow } from './summary/window.js';
import { fsReason } from './write.js';

export type { FileSettings };

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
  /** Files a directory walk or a glob leaves out (absolute paths): this run's outputs holding an earlier report. */
  readonly leaveOut?: ReadonlySet<string>;
  readonly stdin?: NodeJS.ReadableStream;
  /** Redact evidence as it is taken (before it is cut to its window). */
  readonly redact?: boolean;
  /** `--accounts`: keep every (code, account) pair, with counts and times (tally.accountList). */
  readonly accountList?: boolean;
  /** Worker threads (default: the machine's cores); 1 scans in this thread. */
  readonly jobs?: number;
  /** Called now and then with bytes read since the last call (for a progress bar). */
  readonly onProgress?: (bytes: number) => void;
  /** Called once the inputs are known, with their total size in bytes; again with the new total when a shared file is read again whole. */
  readonly onPlan?: (bytes: number) => void;
  /** Worker threads started ahead of time (see Workers), used before any new one is started. */
  readonly workers?: Workers;
  /** Bytes from which worker threads are used (see threadsFor; default parallelFrom(cores), 0: whatever the size). */
  readonly parallelFrom?: number;
  /** The cores the plan counts on (default: availableParallelism()). */
  readonly cores?: number;
  /** Bytes a file needs per thread to be shared, and twice that a range left to be halved (default MIN_PART). */
  readonly minPart?: number;
  /** `--label`: the name of standard input, and a prefix to every file's path. */
  readonly label?: string;
  /** `--shard`: scan only this slice of the discovered files. */
  readonly shard?: Shard;
  /** `--delimiter`: CSV fields are split by it (else each file's own, see csvDialect). */
  readonly delimiter?: Delimiter | undefined;
  /** How times are read: --tz, --date-order, --year, --time-format (absent: the defaults). */
  readonly times?: TimeSettings;
}

export function fileSettings(opts: ScanOptions): FileSettings {
  return {
    matcher: buildMatcher(opts.catalog),
    inputFormat: opts.inputFormat ?? 'auto',
    fields: { ...opts.fields, redact: opts.redact === true },
    window: opts.window ?? null,
    maxLineLength: opts.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH,
    stdin: opts.stdin,
    redact: opts.redact === true,
    readAhead: true,
    accountList: opts.accountList === true,
    ...(opts.delimiter !== undefined ? { delimiter: opts.delimiter } : {}),
    ...(opts.times !== undefined ? { times: opts.times } : {}),
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
  const tally = newTally(opts.accountList === true);
  // The accounts of the files this thread counts go into the tally once, at the end (see holdAccounts).
  holdAccounts(tally);
  try {
    return await scanInto(tally, opts);
  } finally {
    settleAccounts(tally);
  }
}

async function scanInto(tally: Tally, opts: ScanOptions): Promise<ScanResult> {
  // 1. Discover: files, directories and globs into a sorted list; what matched nothing is recorded.
  const { inputs, missing, shard, leftOut } = await discover(opts.inputs, opts.cwd, opts.exclude, { label: opts.label, shard: opts.shard, leaveOut: opts.leaveOut });
  for (const m of missing) {
    tally.files.set(m.path, { ...newFileStat(m.path), status: 'error', message: m.message });
  }
  const settings = fileSettings(opts);
  const files = inputs.filter((i) => i.file !== undefined);
  const jobs = opts.jobs ?? defaultJobs();
  // 2. Where small files would be read here alone anyway: those first, in order, up to the first large one.
  const here = opts.onPlan === undefined && smallFirst(jobs, opts.parallelFrom, opts.cores) ? await readSmallFirst(files, (i, whole) => scanFile(i, settings, tally, opts.onProgress, undefined, whole)) : 0;
  const rest = here === 0 ? files : files.slice(here);
  // 3. Plan: one unit per file, large files split when there are more workers than files.
  // One thread and no progress bar: nothing needs the sizes, so no file is measured first.
  const units: PlanUnit[] = jobs > 1 || opts.onPlan !== undefined ? await planUnits(rest, jobs, settings, fastPathApplies, opts.minPart, opts.parallelFrom ?? parallelFrom(opts.cores ?? availableParallelism())) : rest.map((input) => ({ input, size: 0 }));
  let planned = units.reduce((n, u) => n + u.size, 0);
  opts.onPlan?.(planned);
  // 4. Read and count: here and on workers when there is enough to share, else here, one input after the other.
  // Small files are shared in batches: one tally each to send back and merge.
  const work = jobs > 1 ? batchUnits(units, jobs) : units;
  const threads = threadsFor(work, jobs, opts.parallelFrom, opts.cores);
  // Workers booted early (bin.ts) that this scan will not use: ended now, not after it, so they stop taking a core.
  if (threads <= 1) opts.workers?.close();
  if (threads > 1) {
    const ranges = new Map<string, { start: number; part: RangeTally; input: Input }[]>();
    // Whole files are counted into one tally per thread (here: this one), sent back once at the end (order-free
    // merges); the ranges of a shared file come back one tally each and are joined, in order, once all are in.
    await runOnWorkers(
      work.map((u, index) => ({ index, input: u.input, size: u.size, ...(u.more !== undefined ? { more: u.more } : {}), ...(u.shares !== undefined ? { shares: u.shares } : {}) })),
      settings,
      threads,
      (result, unit) => {
        const range = unit?.input.range;
        if (range === undefined) mergeTally(tally, result.tally);
        else {
          const list = ranges.get(unit!.input.path) ?? [];
          list.push({ start: range.start, part: result, input: unit!.input });
          ranges.set(unit!.input.path, list);
        }
      },
      (unit, s, progress, claim) => scanUnit(unit, s, progress, unit.input.range === undefined ? tally : undefined, claim),
      // A worker's range: its accounts go straight into those of a range before it, in already (see accountsBefore).
      { progress: opts.onProgress, warm: opts.workers, accountsHome: (unit) => accountsBefore(ranges, unit.input), ...(opts.minPart !== undefined ? { minSteal: 2 * opts.minPart } : {}) },
    );
    for (const [path, list] of ranges) {
      const parts = list.sort((a, b) => a.start - b.start).map((p) => p.part);
      // A range that did not end between two records (its cut only looked like one: see cutAfter), or gave up
      // (JsonArrayFastScan.abandoned): the file is read again, whole, here (the ranges' tallies are dropped).
      if (parts.every((p, i) => p.abandoned !== true && (p.endUnsure !== true || i === parts.length - 1))) mergeTally(tally, joinRanges(path, parts), true);
      else {
        // Read twice: the bar's total grows by the file's size, where its last range ends (the ranges were counted as read).
        planned += Math.max(...list.map((p) => p.input.range!.end));
        opts.onPlan?.(planned);
        await scanFile(wholeOf(list[0]!.input), settings, tally, opts.onProgress);
      }
    }
  } else {
    for (const u of units) await scanFile(u.input, settings, tally, opts.onProgress);
  }
  for (const input of inputs) if (input.file === undefined) await scanFile(input, settings, tally, opts.onProgress);
  return { tally, files: files.map((i) => i.file!), inputs, ...(shard !== undefined ? { shard } : {}), ...(leftOut !== undefined ? { leftOut } : {}) };
}

/** The file a byte range is of, as one input read whole. */
function wholeOf(input: Input): Input {
  const { range: _range, ...whole } = input;
  return whole;
}

export interface ScanResult {
  readonly tally: Tally;
  /** Absolute paths of the files read. */
  readonly files: readonly string[];
  /** The inputs read (files and standard input), by the paths the tally has them under. */
  readonly inputs: readonly Input[];
  /** The shard scanned (with --shard). */
  readonly shard?: ShardInfo;
  /** Files a walk or a glob found that hold an earlier report of mxscan's: not read (see discover). */
  readonly leftOut?: readonly string[];
}

/**
 * Scans one unit into a tally of its own, or (a whole file or batch) into the thread's tally `into`, leaving
 * the result's empty: what a worker thread runs, and this thread beside the workers (a range: as its claim allows).
 */
export async function scanUnit(msg: Unit, s: FileSettings, progress?: (bytes: number) => void, into?: Tally, claim?: RangeClaim): Promise<UnitResult> {
  const mine = newTally(s.accountList === true);
  const tally = into ?? mine;
  const stat = await scanFile(msg.input, s, tally, progress, claim);
  // A batch (never ranges): the other files go into the same tally.
  for (const input of msg.more ?? []) await scanFile(input, s, tally, progress);
  // The ranges after it are numbered on by its lines (plain text: a record may hold several).
  const lines = tally.lines ?? stat.records;
  const unsure = tally.cleanCut === false;
  const abandoned = tally.abandoned === true;
  delete tally.lines;
  delete tally.cleanCut;
  delete tally.abandoned;
  return { index: msg.index, tally: mine, records: lines, lastTime: stat.lastTime, ...(unsure ? { endUnsure: true } : {}), ...(abandoned ? { abandoned: true } : {}) };
}

/**
 * Opens an input as every scan of it does, noting in its stat what it was opened as (format, compression,
 * encoding, CSV delimiter); undefined for a binary input, skipped (closed, its stat saying so).
 */
export async function openToScan(input: Input, s: FileSettings, stat: FileStat, whole?: Buffer): Promise<{ opened: Opened; delimiter: Delimiter } | undefined> {
  const opened = await openInput(input, stat, s.inputFormat, s.stdin, { whole, delimiter: s.delimiter, shape: jsonShape(s.fields), maxLength: s.maxLineLength, isCode: (name) => s.matcher.catalog.byKey.has(name.toLowerCase()) });
  stat.format = opened.format;
  stat.compressed = opened.compressed;
  stat.encoding = opened.encoding;
  const delimiter = opened.dialect?.delimiter ?? ',';
  if (delimiter !== ',') stat.delimiter = delimiter;
  if (opened.dialect?.likely !== undefined) stat.likelyDelimiter = opened.dialect.likely;
  if (opened.unread !== undefined) {
    // Not one byte of it is scanned: as an input that cannot be opened (see nothingRead).
    stat.status = 'error';
    stat.message = opened.unread;
    stat.bytes = 0;
    stat.expandedBytes = 0;
    await opened.close();
    return undefined;
  }
  if (!opened.binary) return { opened, delimiter };
  stat.status = 'binary';
  stat.message = opened.binaryKind ?? 'binary content (NUL and control bytes in its first 8 KiB)';
  await opened.close();
  // Its size is what it holds, not the part read before it was skipped.
  if (whole !== undefined) stat.bytes = whole.length;
  else if (input.file !== undefined && input.range === undefined) stat.bytes = (await fsStat(input.file)).size;
  return undefined;
}

export { fastPathApplies };

/** Opens, reads and counts one input into the tally (a byte range as far as its claim lets it). Never throws for a bad input: its stat says what went wrong. */
export async function scanFile(input: Input, s: FileSettings, tally: Tally, progress?: (bytes: number) => void, claim?: RangeClaim, read?: Whole): Promise<FileStat> {
  const stat = newFileStat(input.path);
  tally.files.set(input.path, stat);
  if (input.range !== undefined) tally.ranged = true;
  let reported = 0;
  let last = Date.now();
  const report = (force: boolean): void => {
    const now = Date.now();
    if (progress === undefined || (!force && now - last < 100)) return;
    progress(stat.bytes - reported);
    reported = stat.bytes;
    last = now;
  };
  // A small file is read whole (`read`: already), with one open; its buffer is the next file's once it is scanned.
  let whole = read;
  try {
    if (whole === undefined && input.file !== undefined && input.range === undefined && input.pipe !== true) whole = readWhole(input.file);
    const got = await openToScan(input, s, stat, whole?.bytes);
    if (got === undefined) return stat;
    const { opened, delimiter } = got;
    const modified = inputModified(input, whole?.modified);
    if (modified !== undefined) stat.modified = modified;
    const fields = inputFields(input, s, modified, opened.utc === true);
    const fast = await fastPath(input, opened.format, s, tally, stat, fields, delimiter, opened.headed === true);
    // A range of a YAML stream is read as its claim allows and rewritten here (see readYamlRange); one read
    // by the stream is read to its end: none of it may be taken by another thread.
    const yamlRange = input.range !== undefined && opened.format === 'yaml';
    let yamlLines = 0;
    try {
      if (opened.direct === undefined && !yamlRange) claim?.take(input.range?.start ?? 0, Infinity);
      if (yamlRange) {
        await opened.close();
        stat.bytes = 0;
        stat.expandedBytes = 0;
        yamlLines = await readYamlRange({ file: input.file!, ...input.range! }, fast, stat, s.maxLineLength, jsonShape(s.fields), () => report(false), claim);
      } else if (opened.direct !== undefined) {
        // Read the file straight into the scanner's buffer: no stream, no chunk allocated per read.
        await opened.close();
        // Counted again as they are read; a byte-order mark before the read is still the input's.
        const before = opened.direct.start - (input.range?.start ?? 0);
        stat.bytes = before;
        stat.expandedBytes = before;
        if (whole !== undefined) {
          const content = whole.bytes.subarray(opened.direct.start);
          stat.bytes += content.length;
          stat.expandedBytes += content.length;
          fast.push(content.subarray(0, dropNuls(content, 0, content.length, stat)));
        } else if (s.readAhead) await readAhead(opened.direct, fast, stat, () => report(false), claim);
        else await readInPlace(opened.direct, fast, stat, () => report(false), claim);
      } else {
        // A stream read once (standard input, a pipe) keeps its first bytes for the notes' second look.
        const head = input.file === undefined || input.pipe === true ? keptHead(stat) : undefined;
        for await (const chunk of opened.chunks) {
          if (head !== undefined && head.size < HEAD_KEPT) head.add(chunk);
          fast.push(withoutNuls(chunk, stat));
          report(false);
        }
      }
    } catch (err) {
      // What was counted before the fault stays counted (the cut last line is not a record).
      fast.end(false);
      throw err;
    }
    fast.end();
    if (input.range !== undefined && fast instanceof JsonArrayFastScan) {
      tally.lines = yamlRange ? yamlLines : fast.lines;
      // A `---` line always starts a document: a YAML range ends where the whole file's read has one end.
      if (opened.format === 'json') tally.cleanCut = fast.cleanCut;
      if (fast.abandoned) tally.abandoned = true;
    } else if (input.range !== undefined && fast instanceof CsvFastScan) {
      tally.lines = fast.lines;
      tally.cleanCut = fast.cleanCut;
    } else if (input.range !== undefined && (fast instanceof TextFastScan || fast instanceof JsonlFastScan)) tally.lines = fast.lineNo - 1;
  } catch (err) {
    stat.status = 'error';
    stat.message = readError(err);
  } finally {
    whole?.release();
  }
  report(true);
  return stat;
}

// Per settings and month: the field options of the files changed in it (their times are read alike).
const monthFields = new WeakMap<FileSettings, Map<number, FieldOptions>>();

/** When the input, a file, was last changed (epoch ms; `known` when reading it told it), or undefined (standard input, unreadable). */
export function inputModified(input: Input, known?: number): number | undefined {
  if (known !== undefined || input.file === undefined) return known;
  try {
    return statSync(input.file).mtimeMs;
  } catch {
    return undefined;
  }
}

/**
 * The field options with the rules this input's times are read with: a time without a year (syslog) takes
 * --year, else the file's modification time (`modified`, see inputModified) decides it (standard input: now;
 * an unreadable file: none): only its year and month. A W3C log's times (`utc`, see Opened.utc) are UTC
 * whatever --tz says.
 */
export function inputFields(input: Input, s: FileSettings, modified: number | undefined, utc = false): FieldOptions {
  const fields = localFields(input, s, modified);
  return utc && fields.times !== undefined ? { ...fields, times: inUtc(fields.times) } : fields;
}

function localFields(input: Input, s: FileSettings, modified: number | undefined): FieldOptions {
  const t = s.times ?? DEFAULT_TIMES;
  if (t.year !== null) return { ...s.fields, times: timeContext(t, null) };
  const at = modified ?? (input.file === undefined ? Date.now() : null);
  const local = at === null ? undefined : localMonth(t.zone, at);
  const month = local === undefined ? -1 : local.year * 12 + local.month;
  const cache = monthFields.get(s) ?? new Map<number, FieldOptions>();
  monthFields.set(s, cache);
  let fields = cache.get(month);
  if (fields === undefined) cache.set(month, (fields = { ...s.fields, times: timeContext(t, at) }));
  return fields;
}

/** One line saying why an input could not be read (what was counted before the fault stays counted). */
export function readError(err: unknown): string {
  if (err instanceof ShrankError) return err.message;
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'Z_BUF_ERROR') return 'gzip data is truncated (unexpected end of file)';
  if (e.code === 'Z_DATA_ERROR') return `gzip data is corrupt (${e.message})`;
  return fsReason(err);
}
