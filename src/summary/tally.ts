import { addAccount, mergeAccounts, newAccounts, type AccountStat } from './accounts.js';
import { addTime, mergeBuckets, newBuckets, type Buckets } from './buckets.js';
import { addSample, compareWhere, mergeSamples, type Sample } from './samples.js';

/** Where and when a code was first seen: earliest time (untimed last), then file, then line. */
export interface Occurrence {
  readonly time: number | null;
  readonly file: string;
  readonly line: number;
}

/** Everything counted for one catalog code. */
export interface CodeStat {
  count: number;
  firstSeen: number | null;
  lastSeen: number | null;
  first: Occurrence;
  readonly files: Set<string>;
  samples: Sample[];
  readonly accounts: AccountStat;
  readonly buckets: Buckets;
}

/** Everything counted for one unknown code (grouped case-insensitively). */
export interface UnknownStat {
  /** The spelling of its first occurrence by (file, line). */
  code: string;
  firstAt: { file: string; line: number };
  count: number;
  readonly files: Set<string>;
  samples: Sample[];
}

export type FileStatus = 'ok' | 'binary' | 'error';
export type InputFormat = 'text' | 'jsonl' | 'csv' | 'json';

/** What was read from one input. */
export interface FileStat {
  path: string;
  format: InputFormat;
  compressed: boolean;
  /** Text encoding it was read in. */
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
  status: FileStatus;
  message?: string;
  /** Bytes read from the input (compressed size for gzip). */
  bytes: number;
  /** Bytes after decompression. */
  expandedBytes: number;
  records: number;
  /** Catalog-code occurrences counted. */
  matches: number;
  unknown: number;
  malformedRecords: number;
  skippedLines: number;
  outsideWindow: number;
  /** First and last timestamp of its records, in file order. */
  firstTime: number | null;
  lastTime: number | null;
}

export function newFileStat(path: string): FileStat {
  return {
    path,
    format: 'text',
    compressed: false,
    encoding: 'utf-8',
    status: 'ok',
    bytes: 0,
    expandedBytes: 0,
    records: 0,
    matches: 0,
    unknown: 0,
    malformedRecords: 0,
    skippedLines: 0,
    outsideWindow: 0,
    firstTime: null,
    lastTime: null,
  };
}

/** One record's findings, ready to be counted. */
export interface Hit {
  readonly file: string;
  readonly line: number;
  readonly time: number | null;
  /** Catalog code → evidence text. */
  readonly codes: ReadonlyMap<string, string>;
  /** Unknown code as written → evidence text (distinct case-insensitively). */
  readonly unknown: ReadonlyMap<string, string>;
  readonly accounts: ReadonlySet<string>;
}

/**
 * The counts of a scan or of any part of one. Tallies merge with `mergeTally`, which is associative and
 * commutative: shards, workers and partial reports combine into exactly what one scan gives.
 */
export interface Tally {
  readonly codes: Map<string, CodeStat>;
  readonly unknown: Map<string, UnknownStat>;
  readonly files: Map<string, FileStat>;
}

export function newTally(): Tally {
  return { codes: new Map(), unknown: new Map(), files: new Map() };
}

function earlier(a: Occurrence, b: Occurrence): boolean {
  if (a.time !== b.time) {
    if (a.time === null) return false;
    if (b.time === null) return true;
    return a.time < b.time;
  }
  return compareWhere(a, b) < 0;
}

/** Counts one record's findings. */
export function addHit(t: Tally, h: Hit): void {
  for (const [code, text] of h.codes) {
    let s = t.codes.get(code);
    const here: Occurrence = { time: h.time, file: h.file, line: h.line };
    if (s === undefined) {
      s = {
        count: 0,
        firstSeen: null,
        lastSeen: null,
        first: here,
        files: new Set(),
        samples: [],
        accounts: newAccounts(),
        buckets: newBuckets(),
      };
      t.codes.set(code, s);
    } else if (earlier(here, s.first)) s.first = here;
    s.count++;
    if (h.time !== null) {
      if (s.firstSeen === null || h.time < s.firstSeen) s.firstSeen = h.time;
      if (s.lastSeen === null || h.time > s.lastSeen) s.lastSeen = h.time;
      addTime(s.buckets, h.time);
    }
    s.files.add(h.file);
    addSample(s.samples, { file: h.file, line: h.line, text });
    for (const a of h.accounts) addAccount(s.accounts, a);
  }
  for (const [code, text] of h.unknown) {
    const key = code.toLowerCase();
    let u = t.unknown.get(key);
    if (u === undefined) {
      u = { code, firstAt: { file: h.file, line: h.line }, count: 0, files: new Set(), samples: [] };
      t.unknown.set(key, u);
    } else if (compareWhere(h, u.firstAt) < 0) {
      u.code = code;
      u.firstAt = { file: h.file, line: h.line };
    }
    u.count++;
    u.files.add(h.file);
    addSample(u.samples, { file: h.file, line: h.line, text });
  }
}

/** Merges b into a (b is left as it was). */
export function mergeTally(a: Tally, b: Tally): Tally {
  for (const [code, s] of b.codes) {
    const x = a.codes.get(code);
    if (x === undefined) {
      a.codes.set(code, cloneCode(s));
      continue;
    }
    x.count += s.count;
    x.firstSeen = minTime(x.firstSeen, s.firstSeen);
    x.lastSeen = maxTime(x.lastSeen, s.lastSeen);
    if (earlier(s.first, x.first)) x.first = s.first;
    for (const f of s.files) x.files.add(f);
    x.samples = mergeSamples(x.samples, s.samples);
    mergeAccounts(x.accounts, s.accounts);
    mergeBuckets(x.buckets, s.buckets);
  }
  for (const [key, u] of b.unknown) {
    const x = a.unknown.get(key);
    if (x === undefined) {
      a.unknown.set(key, { ...u, files: new Set(u.files), samples: [...u.samples] });
      continue;
    }
    if (compareWhere(u.firstAt, x.firstAt) < 0) {
      x.code = u.code;
      x.firstAt = u.firstAt;
    }
    x.count += u.count;
    for (const f of u.files) x.files.add(f);
    x.samples = mergeSamples(x.samples, u.samples);
  }
  for (const [path, f] of b.files) {
    const x = a.files.get(path);
    a.files.set(path, x === undefined ? { ...f } : mergeFile(x, f));
  }
  return a;
}

function cloneCode(s: CodeStat): CodeStat {
  const accounts = newAccounts();
  mergeAccounts(accounts, s.accounts);
  const buckets = newBuckets();
  mergeBuckets(buckets, s.buckets);
  return { ...s, files: new Set(s.files), samples: [...s.samples], accounts, buckets };
}

/** Two parts of the same file (ranges read by different workers), the earlier part first. */
function mergeFile(a: FileStat, b: FileStat): FileStat {
  const [x, y] = [a, b];
  return {
    ...x,
    status: x.status === 'ok' ? y.status : x.status,
    message: x.message ?? y.message,
    bytes: x.bytes + y.bytes,
    expandedBytes: x.expandedBytes + y.expandedBytes,
    records: x.records + y.records,
    matches: x.matches + y.matches,
    unknown: x.unknown + y.unknown,
    malformedRecords: x.malformedRecords + y.malformedRecords,
    skippedLines: x.skippedLines + y.skippedLines,
    outsideWindow: x.outsideWindow + y.outsideWindow,
    firstTime: x.firstTime ?? y.firstTime,
    lastTime: y.lastTime ?? x.lastTime,
  };
}

export function minTime(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.min(a, b);
}

export function maxTime(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}
