import { ScanError } from '../errors.js';
import { DELIMITERS } from '../input/csv-dialect.js';
import type { Delimiter } from '../model/record.js';
import { DATE_ORDER_EITHER, DATE_ORDER_OTHER } from '../model/stats.js';
import { MAX_ACCOUNTS } from './accounts.js';
import { MAX_BUCKETS, TIME_MAX, TIME_MIN, WIDTHS, bucketStart } from './buckets.js';
import { seenFromJson, seenToJson } from './accounts-seen.js';
import { MAX_SAMPLES, SAMPLE_BUCKETS, addEvidence, evidenceList, newEvidence, type Evidence, type Sample, type TimedSample } from './samples.js';
import type { CodeStat, FileStat, Tally, UnknownStat } from './tally.js';

/** A tally as plain JSON: what workers send back and what `scan --partial` writes for `merge`. */
export interface TallyJson {
  files: FileStat[];
  codes: {
    code: string;
    count: number;
    firstSeen: number | null;
    lastSeen: number | null;
    first: { time: number | null; file: string; line: number };
    files: string[];
    samples: TimedSample[];
    /** The evidence candidates kept (see Evidence), each once, in time order. */
    evidence: { width: number; samples: TimedSample[] };
    /** A file's or byte range's first and last occurrences (see CodeStat.tail), when asked for. */
    tail?: TimedSample[];
    accounts: { bounded: boolean; counts: [string, number][] };
    buckets: { width: number; counts: [number, number][] };
  }[];
  unknown: { key: string; code: string; firstAt: { file: string; line: number }; count: number; files: string[]; samples: Sample[] }[];
  /** Distinct accounts in the records read (see accounts-seen.ts). */
  seen?: ReturnType<typeof seenToJson>;
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The tally as JSON, every list sorted so that the same counts always give the same text; with `tails`, the
 * last occurrences a range's tally keeps for joining it (a partial report leaves them out).
 */
export function tallyToJson(t: Tally, tails = true): TallyJson {
  return {
    files: [...t.files.values()].sort((a, b) => byString(a.path, b.path)).map((f) => ({ ...f })),
    codes: [...t.codes]
      .sort((a, b) => byString(a[0], b[0]))
      .map(([code, s]) => ({
        code,
        count: s.count,
        firstSeen: s.firstSeen,
        lastSeen: s.lastSeen,
        first: { ...s.first },
        files: [...s.files].sort(byString),
        samples: s.samples.map((x) => ({ ...x })),
        evidence: { width: s.evidence.width, samples: evidenceList(s.evidence).map((x) => ({ ...x })) },
        ...(tails && s.tail !== undefined ? { tail: s.tail.map((x) => ({ ...x })) } : {}),
        accounts: { bounded: s.accounts.bounded, counts: [...s.accounts.counts].sort((a, b) => byString(a[0], b[0])) },
        buckets: { width: s.buckets.width, counts: [...s.buckets.counts].sort((a, b) => a[0] - b[0]) },
      })),
    unknown: [...t.unknown]
      .sort((a, b) => byString(a[0], b[0]))
      .map(([key, u]) => ({ key, code: u.code, firstAt: { ...u.firstAt }, count: u.count, files: [...u.files].sort(byString), samples: u.samples.map((x) => ({ ...x })) })),
    ...(t.seen !== undefined ? { seen: seenToJson(t.seen) } : {}),
  };
}

/**
 * A tally from JSON, checked field by field: a partial report may come from anywhere, so a malformed one
 * is a clear error, never a crash or a silently wrong count.
 */
export function tallyFromJson(j: unknown, source: string): Tally {
  const fail = (what: string): never => {
    throw new ScanError('BAD_PARTIAL', `bad partial report ${source}: ${what}`);
  };
  const obj = (v: unknown, what: string): Record<string, unknown> =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : fail(`${what}: expected an object`);
  const arr = (v: unknown, what: string): unknown[] => (Array.isArray(v) ? v : fail(`${what}: expected an array`));
  const str = (v: unknown, what: string): string => (typeof v === 'string' ? v : fail(`${what}: expected a string`));
  const num = (v: unknown, what: string): number =>
    typeof v === 'number' && Number.isFinite(v) ? v : fail(`${what}: expected a number`);
  const count = (v: unknown, what: string): number => {
    const n = num(v, what);
    return Number.isInteger(n) && n >= 0 ? n : fail(`${what}: expected a count`);
  };
  // Times beyond what a scan can hold would widen the timeline past its bound and out of the dates' range.
  const inRange = (t: number, what: string): number => (t >= TIME_MIN && t <= TIME_MAX ? t : fail(`${what}: time out of range`));
  const time = (v: unknown, what: string): number | null => (v === null ? null : inRange(num(v, what), what));
  const bool = (v: unknown, what: string): boolean => (typeof v === 'boolean' ? v : fail(`${what}: expected true or false`));
  const samples = (v: unknown, what: string): Sample[] => {
    const list = arr(v, what).map((x, i) => {
      const s = obj(x, `${what}[${i}]`);
      return { file: str(s['file'], `${what}[${i}].file`), line: count(s['line'], `${what}[${i}].line`), text: str(s['text'], `${what}[${i}].text`) };
    });
    return list.length > MAX_SAMPLES ? fail(`${what}: more than ${MAX_SAMPLES} samples`) : list;
  };
  const timed = (v: unknown, what: string, max: number): TimedSample[] => {
    const list = arr(v, what);
    if (list.length > max) fail(`${what}: more than ${max} samples`);
    return list.map((x, i) => {
      const s = obj(x, `${what}[${i}]`);
      return { file: str(s['file'], `${what}[${i}].file`), line: count(s['line'], `${what}[${i}].line`), time: time(s['time'], `${what}[${i}].time`), text: str(s['text'], `${what}[${i}].text`) };
    });
  };
  // Folding the kept candidates in again at their width gives back the same evidence.
  const evidence = (v: unknown, what: string): Evidence => {
    const e = obj(v, what);
    const width = count(e['width'], `${what}.width`);
    if (width >= WIDTHS.length) fail(`${what}.width: out of range`);
    const out = newEvidence();
    out.width = width;
    for (const x of timed(e['samples'], `${what}.samples`, SAMPLE_BUCKETS + 2)) addEvidence(out, x);
    return out;
  };

  const root = obj(j, 'tally');
  const t: Tally = { codes: new Map(), unknown: new Map(), files: new Map() };
  arr(root['files'], 'files').forEach((x, i) => {
    const f = obj(x, `files[${i}]`);
    const w = `files[${i}]`;
    const status = str(f['status'], `${w}.status`);
    if (status !== 'ok' && status !== 'binary' && status !== 'error') fail(`${w}.status: unknown status`);
    const format = str(f['format'], `${w}.format`);
    if (!['text', 'jsonl', 'csv', 'json', 'yaml'].includes(format)) fail(`${w}.format: unknown format`);
    const encoding = str(f['encoding'], `${w}.encoding`);
    if (!['utf-8', 'utf-16le', 'utf-16be'].includes(encoding)) fail(`${w}.encoding: unknown encoding`);
    const stat: FileStat = {
      path: str(f['path'], `${w}.path`),
      format: format as FileStat['format'],
      compressed: bool(f['compressed'], `${w}.compressed`),
      encoding: encoding as FileStat['encoding'],
      status: status as FileStat['status'],
      bytes: count(f['bytes'], `${w}.bytes`),
      expandedBytes: count(f['expandedBytes'], `${w}.expandedBytes`),
      records: count(f['records'], `${w}.records`),
      matches: count(f['matches'], `${w}.matches`),
      unknown: count(f['unknown'], `${w}.unknown`),
      malformedRecords: count(f['malformedRecords'], `${w}.malformedRecords`),
      skippedLines: count(f['skippedLines'], `${w}.skippedLines`),
      outsideWindow: count(f['outsideWindow'], `${w}.outsideWindow`),
      untimedRecords: count(f['untimedRecords'], `${w}.untimedRecords`),
      firstTime: time(f['firstTime'], `${w}.firstTime`),
      lastTime: time(f['lastTime'], `${w}.lastTime`),
    };
    if (f['message'] !== undefined) stat.message = str(f['message'], `${w}.message`);
    if (f['modified'] !== undefined) stat.modified = time(f['modified'], `${w}.modified`) ?? undefined;
    if (f['nulBytes'] !== undefined) stat.nulBytes = count(f['nulBytes'], `${w}.nulBytes`);
    if (f['dateOrders'] !== undefined) stat.dateOrders = count(f['dateOrders'], `${w}.dateOrders`) & (DATE_ORDER_OTHER | DATE_ORDER_EITHER);
    const delimiter = (key: string): Delimiter => {
      const d = str(f[key], `${w}.${key}`);
      return (DELIMITERS as readonly string[]).includes(d) ? (d as Delimiter) : fail(`${w}.${key}: unknown delimiter`);
    };
    if (f['delimiter'] !== undefined) stat.delimiter = delimiter('delimiter');
    if (f['likelyDelimiter'] !== undefined) stat.likelyDelimiter = delimiter('likelyDelimiter');
    if (t.files.has(stat.path)) fail(`${w}: ${stat.path} is listed twice`);
    t.files.set(stat.path, stat);
  });
  arr(root['codes'], 'codes').forEach((x, i) => {
    const c = obj(x, `codes[${i}]`);
    const w = `codes[${i}]`;
    const first = obj(c['first'], `${w}.first`);
    const accounts = obj(c['accounts'], `${w}.accounts`);
    const buckets = obj(c['buckets'], `${w}.buckets`);
    const width = count(buckets['width'], `${w}.buckets.width`);
    if (width >= WIDTHS.length) fail(`${w}.buckets.width: out of range`);
    const accountCounts = arr(accounts['counts'], `${w}.accounts.counts`).map((p, k): [string, number] => {
      const pair = arr(p, `${w}.accounts.counts[${k}]`);
      return [str(pair[0], `${w}.accounts.counts[${k}][0]`), count(pair[1], `${w}.accounts.counts[${k}][1]`)];
    });
    if (accountCounts.length > MAX_ACCOUNTS) fail(`${w}.accounts: more than ${MAX_ACCOUNTS} accounts`);
    const bucketCounts = arr(buckets['counts'], `${w}.buckets.counts`).map((p, k): [number, number] => {
      const pair = arr(p, `${w}.buckets.counts[${k}]`);
      const start = num(pair[0], `${w}.buckets.counts[${k}][0]`);
      if (start !== bucketStart(start, width) || start < bucketStart(TIME_MIN, width) || start > TIME_MAX) fail(`${w}.buckets.counts[${k}][0]: not a bucket start in range`);
      return [start, count(pair[1], `${w}.buckets.counts[${k}][1]`)];
    });
    if (bucketCounts.length > MAX_BUCKETS) fail(`${w}.buckets: too many buckets`);
    const stat: CodeStat = {
      count: count(c['count'], `${w}.count`),
      firstSeen: time(c['firstSeen'], `${w}.firstSeen`),
      lastSeen: time(c['lastSeen'], `${w}.lastSeen`),
      first: { time: time(first['time'], `${w}.first.time`), file: str(first['file'], `${w}.first.file`), line: count(first['line'], `${w}.first.line`) },
      files: new Set(arr(c['files'], `${w}.files`).map((f, k) => str(f, `${w}.files[${k}]`))),
      samples: timed(c['samples'], `${w}.samples`, MAX_SAMPLES),
      evidence: evidence(c['evidence'], `${w}.evidence`),
      ...(c['tail'] === undefined ? {} : { tail: timed(c['tail'], `${w}.tail`, 4) }),
      accounts: { bounded: bool(accounts['bounded'], `${w}.accounts.bounded`), counts: new Map(accountCounts) },
      buckets: { width, counts: new Map(bucketCounts) },
    };
    const code = str(c['code'], `${w}.code`);
    if (t.codes.has(code)) fail(`${w}: ${code} is listed twice`);
    t.codes.set(code, stat);
  });
  arr(root['unknown'], 'unknown').forEach((x, i) => {
    const u = obj(x, `unknown[${i}]`);
    const w = `unknown[${i}]`;
    const firstAt = obj(u['firstAt'], `${w}.firstAt`);
    const stat: UnknownStat = {
      code: str(u['code'], `${w}.code`),
      firstAt: { file: str(firstAt['file'], `${w}.firstAt.file`), line: count(firstAt['line'], `${w}.firstAt.line`) },
      count: count(u['count'], `${w}.count`),
      files: new Set(arr(u['files'], `${w}.files`).map((f, k) => str(f, `${w}.files[${k}]`))),
      samples: samples(u['samples'], `${w}.samples`),
    };
    const key = str(u['key'], `${w}.key`);
    if (key !== stat.code.toLowerCase()) fail(`${w}.key: does not match its code`);
    t.unknown.set(key, stat);
  });
  if (root['seen'] !== undefined) t.seen = seenFromJson(root['seen']) ?? fail('seen: not a count of accounts');
  return t;
}
