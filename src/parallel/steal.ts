import type { Input } from '../input/open.js';
import type { TimeContext } from '../model/settings.js';
import { RangeClaim } from './claim.js';
import { cutAfter, type SplitFormat } from './plan.js';
import { MIN_PART } from './warm.js';

/** A byte range some thread is reading, and its claim (what it has not taken yet). */
export interface Reading {
  readonly input: Input;
  readonly claim: RangeClaim;
}

/**
 * A range is halved only while it has this much left: each half is worth a thread (a range costs its own
 * account flush, transfer and join, tens of milliseconds), as when a file is split at all (MIN_PART).
 */
export const MIN_STEAL = 2 * MIN_PART;

/** How often a cut is tried again when the reader went past it while it was looked for. */
const TRIES = 4;

/** Whether a range with these bytes left may be halved: one home for the rule. */
const halvable = (left: { next: number; end: number }, min: number): boolean => left.end - left.next >= min;

/**
 * Whether steal may find a range to halve now: false tells, without waiting, that it would find none (ranges
 * only shrink, so it stays false), and a thread with nothing left can be told it is done at once.
 */
export function mayHalve(reading: Iterable<Reading>, min = MIN_STEAL): boolean {
  for (const r of reading) if (halvable(r.claim.left(), min)) return true;
  return false;
}

/**
 * For a thread with nothing left to do: the back half of the range with the most bytes left, cut at the
 * first line start (a timed line for plain text) after its middle, as an input of its own with its claim;
 * undefined when no range has `min` bytes left, or no cut is found. The range read keeps the front half:
 * it ends there, and the halves joined give the tally of the whole (see joinRanges).
 */
export function steal(reading: Iterable<Reading>, min = MIN_STEAL, times?: TimeContext, maxLength?: number): Reading | undefined {
  for (let tries = 0; tries < TRIES; tries++) {
    let most: { r: Reading; next: number; end: number } | undefined;
    for (const r of reading) {
      const { next, end } = r.claim.left();
      if (halvable({ next, end }, min) && (most === undefined || end - next > most.end - most.next)) most = { r, next, end };
    }
    if (most === undefined) return undefined;
    const { r, next, end } = most;
    const cut = cutAfter(r.input.file!, next + Math.floor((end - next) / 2), end, r.input.format as SplitFormat, times, r.input.delimiter, maxLength);
    if (cut < 0) return undefined;
    if (r.claim.cut(cut, end)) return { input: { ...r.input, range: { start: cut, end } }, claim: RangeClaim.over(cut, end) };
  }
  return undefined;
}
