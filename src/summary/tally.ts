import { addPair, mergeAccountList, newAccountList } from './account-list.js';
import { addAccount, mergeAccounts, newAccounts } from './accounts.js';
import { mergeSeen, newSeen } from './accounts-seen.js';
import { addTime, mergeBuckets, newBuckets } from './buckets.js';
import { addEvidence, addSample, compareWhere, isBefore, mergeEvidence, mergeSamples, newEvidence } from './samples.js';
import { FileSet } from './file-set.js';
import type { Hit, Occurrence } from '../model/finding.js';
import type { InputFormat } from '../model/record.js';
import { newFileStat, type FileStat, type FileStatus } from '../model/stats.js';
import type { CodeStat, Tally, TimedSample, UnknownStat } from '../model/tally.js';

export { newFileStat, type FileStat, type FileStatus, type Hit, type InputFormat, type Occurrence };
export type { CodeStat, Tally, UnknownStat };

/** An empty tally; with `list`, one that keeps every (code, account) pair. */
export function newTally(list = false): Tally {
  return { codes: new Map(), unknown: new Map(), files: new Map(), ...(list ? { accountList: newAccountList() } : {}) };
}

function earlier(a: Occurrence, b: Occurrence): boolean {
  return before(a.time, a.file, a.line, b);
}

/** True when an occurrence at (time, file, line) comes before b: earlier time (untimed last), then place. */
function before(time: number | null, file: string, line: number, b: Occurrence): boolean {
  if (time !== b.time) {
    if (time === null) return false;
    if (b.time === null) return true;
    return time < b.time;
  }
  return file !== b.file ? file < b.file : line < b.line;
}

/** A code not seen yet. */
export function newCodeStat(file: string, line: number, time: number | null): CodeStat {
  return {
    count: 0,
    firstSeen: null,
    lastSeen: null,
    first: { time, file, line },
    files: new FileSet(),
    samples: [],
    evidence: newEvidence(),
    accounts: newAccounts(),
    buckets: newBuckets(),
  };
}

/** Counts one occurrence of a code: a record at (file, line) with its time, evidence and accounts. */
export function addOccurrence(
  s: CodeStat,
  file: string,
  line: number,
  time: number | null,
  text: string | undefined,
  accounts: readonly string[],
  accountCount = accounts.length,
  bucketed = true,
): void {
  addCount(s, file, line, 1, time, time);
  if (time !== null && bucketed) addTime(s.buckets, time);
  if (text !== undefined) {
    const sample = { file, line, time, text };
    addSample(s.samples, sample);
    addEvidence(s.evidence, sample);
  }
  for (let i = 0; i < accountCount; i++) addAccount(s.accounts, accounts[i]!);
}

/** Adds a file's (or byte range's) first or last occurrence of a code as an evidence candidate. */
export function addEnd(s: CodeStat, end: TimedSample): void {
  (s.tail ??= []).push(end);
  addEvidence(s.evidence, end);
}

/**
 * Adds `count` occurrences of a code in `file`: the earliest at time `earliest` (null: none has a time),
 * first met in line `line`, the latest at `latest`. Their buckets, evidence and accounts are added apart.
 * A code's first occurrence is the one its CodeStat was made with (see newCodeStat).
 */
export function addCount(s: CodeStat, file: string, line: number, count: number, earliest: number | null, latest: number | null): void {
  if (s.count > 0 && before(earliest, file, line, s.first)) s.first = { time: earliest, file, line };
  s.count += count;
  if (earliest !== null && (s.firstSeen === null || earliest < s.firstSeen)) s.firstSeen = earliest;
  if (latest !== null && (s.lastSeen === null || latest > s.lastSeen)) s.lastSeen = latest;
  if (s.lastFile !== file) {
    s.files.add(file);
    s.lastFile = file;
  }
}

/** Counts one record's findings. */
export function addHit(t: Tally, h: Hit): void {
  const accounts = h.codes.size > 0 ? [...h.accounts] : [];
  for (const [code, text] of h.codes) {
    let s = t.codes.get(code);
    if (s === undefined) {
      s = newCodeStat(h.file, h.line, h.time);
      t.codes.set(code, s);
    }
    addOccurrence(s, h.file, h.line, h.time, text, accounts);
    if (t.accountList !== undefined) for (const a of accounts) addPair(t.accountList, code, a, 1, h.time, h.time);
  }
  for (const [code, text] of h.unknown) addUnknownAt(t, code.toLowerCase(), code, h.file, h.line, text);
}

/** An unknown code as written (`key`: lower-cased) met at (file, line), with its evidence (undefined: not kept). */
export function addUnknownAt(t: Tally, key: string, code: string, file: string, line: number, text: string | undefined): void {
  let u = t.unknown.get(key);
  if (u === undefined) {
    u = { code, firstAt: { file, line }, count: 0, files: new Set(), samples: [] };
    t.unknown.set(key, u);
  } else if (isBefore(file, line, u.firstAt)) {
    u.code = code;
    u.firstAt = { file, line };
  }
  u.count++;
  u.files.add(file);
  if (text !== undefined) addSample(u.samples, { file, line, text });
}

/** Adds n occurrences of the unknown code `key` (lower-cased), met before in the same file: they add nothing but their count. */
export function addUnknownCount(t: Tally, key: string, n: number): void {
  const u = t.unknown.get(key);
  if (u !== undefined) u.count += n;
}

/** Merges the counts of one code into another's. */
export function mergeCodeStat(x: CodeStat, s: CodeStat): void {
  x.count += s.count;
  x.firstSeen = minTime(x.firstSeen, s.firstSeen);
  x.lastSeen = maxTime(x.lastSeen, s.lastSeen);
  if (earlier(s.first, x.first)) x.first = s.first;
  for (const f of s.files) x.files.add(f);
  x.samples = mergeSamples(x.samples, s.samples);
  mergeEvidence(x.evidence, s.evidence);
  mergeAccounts(x.accounts, s.accounts);
  mergeBuckets(x.buckets, s.buckets);
}

/**
 * Merges b into a (b is left as it was; `owned`: b is not used again, so what a lacks is moved in, not copied:
 * a byte range's tally, joined once and dropped).
 */
export function mergeTally(a: Tally, b: Tally, owned = false): Tally {
  if (b.accountList !== undefined) mergeAccountList((a.accountList ??= newAccountList()), b.accountList);
  if (b.seen !== undefined) mergeSeen((a.seen ??= newSeen()), b.seen);
  for (const [code, s] of b.codes) {
    const x = a.codes.get(code);
    if (x === undefined) a.codes.set(code, owned ? { ...s, lastFile: undefined, tail: undefined } : cloneCode(s));
    else mergeCodeStat(x, s);
  }
  for (const [key, u] of b.unknown) {
    const x = a.unknown.get(key);
    if (x === undefined) {
      a.unknown.set(key, owned ? u : { ...u, files: new Set(u.files), samples: [...u.samples] });
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
  const evidence = newEvidence();
  mergeEvidence(evidence, s.evidence);
  return { ...s, files: new Set(s.files), lastFile: undefined, samples: [...s.samples], evidence, accounts, buckets, tail: undefined };
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
    ...(x.nulBytes !== undefined || y.nulBytes !== undefined ? { nulBytes: (x.nulBytes ?? 0) + (y.nulBytes ?? 0) } : {}),
    outsideWindow: x.outsideWindow + y.outsideWindow,
    // The later part's first records inherit the earlier part's last time, unless it had none at all.
    untimedRecords: x.untimedRecords + (x.untimedRecords === x.records ? y.untimedRecords : 0),
    ...(x.dateOrders !== undefined || y.dateOrders !== undefined ? { dateOrders: (x.dateOrders ?? 0) | (y.dateOrders ?? 0) } : {}),
    ...(x.modified !== undefined || y.modified !== undefined ? { modified: x.modified ?? y.modified } : {}),
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
