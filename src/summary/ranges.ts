import { addTime } from './buckets.js';
import { MAX_SAMPLES, addEvidence, newEvidence, type TimedSample } from './samples.js';
import type { AccountStat } from './accounts.js';
import { mergeTally, newTally, type Tally } from './tally.js';

/** The tally of one byte range of a file, with what joining it to the ranges before needs. */
export interface RangeTally {
  readonly tally: Tally;
  /** Lines in the range (plain text: its records may hold several). */
  readonly records: number;
  /** The range's last own time. */
  readonly lastTime: number | null;
  /**
   * A JSON array's range that ended where the whole file's read would not be between two elements: it may
   * not be joined to the range after it (the file is read again whole).
   */
  readonly endUnsure?: true;
  /** A JSON array's range that gave up, its start likely no place between two elements: not joined either. */
  readonly abandoned?: true;
}

/**
 * Joins the tallies of consecutive byte ranges of one file (split at line boundaries, in order) into the
 * tally a scan of the whole file gives: line numbers move on by the lines of the ranges before, and
 * occurrences before a range's first time take the last time of the ranges before.
 */
export function joinRanges(file: string, parts: readonly RangeTally[]): Tally {
  const out = newTally();
  let offset = 0;
  let before: number | null = null;
  const lasts = new Map<string, (TimedSample | undefined)[]>();
  for (const part of parts) {
    const t = part.tally;
    if (offset > 0) shiftLines(t, offset);
    if (t.inherit !== undefined && before !== null) {
      for (const [code, { count, line }] of t.inherit) {
        const s = t.codes.get(code);
        if (s === undefined) continue;
        s.firstSeen = s.firstSeen === null ? before : Math.min(s.firstSeen, before);
        s.lastSeen = s.lastSeen === null ? before : Math.max(s.lastSeen, before);
        addTime(s.buckets, before, count);
        const at = line + offset;
        if (s.first.time === null || before < s.first.time || (before === s.first.time && at < s.first.line)) {
          s.first = { time: before, file, line: at };
        }
      }
    }
    delete t.inherit;
    delete t.ranged;
    // A range's evidence candidates are its first occurrences; those of the whole file are its first
    // MAX_SAMPLES: a range keeps only those still among them. Lines before its first time take the time before.
    // Its minute candidates (the first of each bucket) have their time and keep it.
    const timeOf = (x: TimedSample): TimedSample => (x.time === null && before !== null ? { ...x, time: before } : x);
    for (const [code, s] of t.codes) {
      const prior = out.codes.get(code)?.count ?? 0;
      const firsts = [...s.evidence.byBucket.values()];
      s.samples = s.samples.map(timeOf);
      s.evidence = newEvidence();
      for (const x of firsts) addEvidence(s.evidence, offset > 0 ? { ...x, line: x.line + offset } : x);
      for (const x of s.samples.slice(0, Math.max(0, MAX_SAMPLES - prior))) addEvidence(s.evidence, x);
      for (const x of s.tail ?? []) {
        lastOf(lasts, code, timeOf(x));
        // The first of those taking the time before is the earliest of them (one time): a minute candidate.
        if (x.time === null && before !== null) addEvidence(s.evidence, timeOf(x));
      }
      delete s.tail;
    }
    // The ranges are this join's to use up: the first one's codes become the file's, not copies of them.
    mergeTally(out, t, true);
    offset += part.records;
    before = part.lastTime ?? before;
  }
  // The file's first and last occurrences, with a time and without, are the earliest and latest of its ranges'.
  for (const [code, xs] of lasts) for (const x of xs) if (x !== undefined) addEvidence(out.codes.get(code)!.evidence, x);
  return out;
}

/** Keeps x when it is earlier or later (time, then line) than the code's first or last so far with (or without) a time. */
function lastOf(lasts: Map<string, (TimedSample | undefined)[]>, code: string, x: TimedSample): void {
  let ends = lasts.get(code);
  if (ends === undefined) lasts.set(code, (ends = [undefined, undefined, undefined, undefined]));
  const i = x.time === null ? 2 : 0;
  const t = x.time ?? 0;
  const first = ends[i];
  if (first === undefined || t < (first.time ?? 0) || (t === (first.time ?? 0) && x.line < first.line)) ends[i] = x;
  const last = ends[i + 1];
  if (last === undefined || t > (last.time ?? 0) || (t === (last.time ?? 0) && x.line >= last.line)) ends[i + 1] = x;
}

/** Moves every line number in a tally (of one file) on by `offset`. */
function shiftLines(t: Tally, offset: number): void {
  for (const s of t.codes.values()) {
    s.first = { ...s.first, line: s.first.line + offset };
    s.samples = s.samples.map((x) => ({ ...x, line: x.line + offset }));
    if (s.tail !== undefined) s.tail = s.tail.map((x) => ({ ...x, line: x.line + offset }));
  }
  for (const u of t.unknown.values()) {
    u.firstAt = { ...u.firstAt, line: u.firstAt.line + offset };
    u.samples = u.samples.map((x) => ({ ...x, line: x.line + offset }));
  }
}

/**
 * For a range of a file about to come in (`ranges`: those in already, by file): the accounts of each code in
 * the first of its file's ranges that comes before it, where joinRanges would add its accounts anyway (the
 * first range's codes become the file's). Undefined for a whole file, or a range with none in before it.
 */
export function accountsBefore(
  ranges: ReadonlyMap<string, readonly { start: number; part: RangeTally }[]>,
  input: { readonly path: string; readonly range?: { readonly start: number } | undefined },
): ((code: string) => AccountStat | undefined) | undefined {
  if (input.range === undefined) return undefined;
  let first: RangeTally | undefined;
  let at = input.range.start;
  for (const p of ranges.get(input.path) ?? []) if (p.start < at) [first, at] = [p.part, p.start];
  return first === undefined ? undefined : (code) => first.tally.codes.get(code)?.accounts;
}
