import { bucketStart } from './buckets.js';
import type { Sample, Where } from '../model/finding.js';
import type { Evidence, TimedSample } from '../model/tally.js';

export type { Evidence, Sample, TimedSample };

/** Evidence candidates per code and file: a file's first occurrences of a code (all the fast paths decode). */
export const MAX_SAMPLES = 3;

/** Kept first-in-bucket candidates per code: no more than the timeline's buckets, so the busiest is exact. */
export const SAMPLE_BUCKETS = 48;

/** Order of occurrence: file path (code-unit order, the order files are scanned in), then line. */
export function compareWhere(a: Where, b: Where): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line;
}

/** Whether (file, line) comes before `w` in the order of occurrence (compareWhere's, with no object made). */
export function isBefore(file: string, line: number, w: Where): boolean {
  return file === w.file ? line < w.line : file < w.file;
}

/** Order of evidence: time (records without one after timed ones), then file, then line. */
export function compareWhen(a: TimedSample, b: TimedSample): number {
  if (a.time !== b.time) {
    if (a.time === null) return 1;
    if (b.time === null) return -1;
    return a.time - b.time;
  }
  return compareWhere(a, b);
}

/** Whether addSample would keep a sample at (file, line) in list: evidence it would not keep need not be made. */
export function keepsSample(list: readonly Sample[], file: string, line: number): boolean {
  return list.length < MAX_SAMPLES || isBefore(file, line, list[MAX_SAMPLES - 1]!);
}

/** Adds a sample in place, keeping the first MAX_SAMPLES by (file, line). */
export function addSample<T extends Sample>(list: T[], s: T): void {
  if (!keepsSample(list, s.file, s.line)) return;
  let i = list.length;
  while (i > 0 && compareWhere(s, list[i - 1]!) < 0) i--;
  list.splice(i, 0, s);
  if (list.length > MAX_SAMPLES) list.length = MAX_SAMPLES;
}

/** The first MAX_SAMPLES of two sample lists. */
export function mergeSamples<T extends Sample>(a: readonly T[], b: readonly T[]): T[] {
  const out = [...a];
  for (const s of b) addSample(out, s);
  return out;
}

export function newEvidence(): Evidence {
  return { first: null, last: null, width: 0, byBucket: new Map() };
}

/** Adds a candidate. */
export function addEvidence(e: Evidence, s: TimedSample): void {
  if (e.first === null || compareWhen(s, e.first) < 0) e.first = s;
  if (e.last === null || compareWhen(s, e.last) > 0) e.last = s;
  if (s.time === null) return;
  const start = bucketStart(s.time, e.width);
  const x = e.byBucket.get(start);
  if (x === undefined || compareWhen(s, x) < 0) e.byBucket.set(start, s);
  if (e.byBucket.size > SAMPLE_BUCKETS) coarsenEvidence(e, e.width + 1);
}

/** True when addEvidence would keep s now (as the first, the last or the first of its bucket). */
export function keepsEvidence(e: Evidence, s: TimedSample): boolean {
  if (e.first === null || compareWhen(s, e.first) < 0 || e.last === null || compareWhen(s, e.last) > 0) return true;
  return s.time !== null && keepsInBucket(e, s.time, s.file, s.line);
}

/** Re-buckets at `width`, then a width coarser at a time while more than SAMPLE_BUCKETS are left. */
function coarsenEvidence(e: Evidence, width: number): void {
  while (e.width < width || e.byBucket.size > SAMPLE_BUCKETS) {
    const old = [...e.byBucket.values()];
    e.byBucket.clear();
    e.width = Math.max(width, e.width + 1);
    for (const s of old) {
      const start = bucketStart(s.time!, e.width);
      const x = e.byBucket.get(start);
      if (x === undefined || compareWhen(s, x) < 0) e.byBucket.set(start, s);
    }
  }
}

/** Merges b into a (b is left as it was). */
export function mergeEvidence(a: Evidence, b: Evidence): void {
  if (b.width > a.width) coarsenEvidence(a, b.width);
  for (const s of evidenceList(b)) addEvidence(a, s);
}

/** Every kept candidate once, in time order: what a partial report stores. */
export function evidenceList(e: Evidence): TimedSample[] {
  const all = [...e.byBucket.values()];
  if (e.first !== null) all.push(e.first);
  if (e.last !== null) all.push(e.last);
  return distinctInOrder(all);
}

/**
 * Each candidate once, in time order. By identity, not place: the records of a one-line JSON array share a
 * line. Evidence holds each candidate as one object (a partial report stores it once), so this is exact.
 */
function distinctInOrder(list: TimedSample[]): TimedSample[] {
  return [...new Set(list)].sort(compareWhen);
}

const sameSample = (a: TimedSample, b: TimedSample): boolean => a.file === b.file && a.line === b.line && a.time === b.time && a.text === b.text;

/**
 * True when an occurrence at `time` (file, line) would be kept as the first of its bucket: the scanners ask
 * before they make its evidence text. Every occurrence that is the earliest of its minute (in its file, or
 * in any part of a scan) is added, so the first of any timeline bucket (a union of whole minutes) is exact.
 */
export function keepsInBucket(e: Evidence, time: number, file: string, line: number): boolean {
  const x = e.byBucket.get(bucketStart(time, e.width));
  if (x === undefined) return true;
  if (x.time !== time) return time < x.time!;
  return file !== x.file ? file < x.file : line < x.line;
}

/**
 * A code's evidence: its first occurrence, the first in the bucket `peak` (its busiest at the timeline's
 * `width`; null: none) and its last, each once, in time order. When they are fewer than MAX_SAMPLES (they
 * coincide), the first occurrences of its other timeline buckets fill in, earliest first, then `head` (its
 * first occurrences by file and line). Each of these is exact whatever the split of the scan, so the
 * evidence is the same for one scan, workers, byte ranges or merged partial reports.
 */
export function pickSamples(e: Evidence, head: readonly TimedSample[], width: number | null, peak: number | null): TimedSample[] {
  const picked: TimedSample[] = [];
  if (e.first !== null) picked.push(e.first);
  const firsts = width === null ? new Map<number, TimedSample>() : bucketFirsts(e, width);
  const busiest = peak === null ? undefined : firsts.get(peak);
  if (busiest !== undefined) picked.push(busiest);
  if (e.last !== null) picked.push(e.last);
  const out = distinctInOrder(picked);
  for (const s of distinctInOrder([...firsts.values()])) if (out.length < MAX_SAMPLES && !out.includes(s)) out.push(s);
  // The head may hold the same candidates as other objects (read back from a partial report): one that
  // equals a sample already shown stands for it, once; records alike in every way are alike as evidence too.
  const shown = [...out];
  for (const h of [...head].sort(compareWhen)) {
    if (out.length >= MAX_SAMPLES) break;
    const i = shown.findIndex((x) => sameSample(x, h));
    if (i >= 0) shown.splice(i, 1);
    else out.push(h);
  }
  return out.sort(compareWhen);
}

/** The first candidate of each bucket at `width` (at least the evidence's own: see Evidence). */
function bucketFirsts(e: Evidence, width: number): Map<number, TimedSample> {
  const out = new Map<number, TimedSample>();
  for (const [start, s] of e.byBucket) {
    const b = bucketStart(start, width);
    const x = out.get(b);
    if (x === undefined || compareWhen(s, x) < 0) out.set(b, s);
  }
  return out;
}
