import type { Buckets } from '../model/tally.js';

export type { Buckets };

const DAY = 86_400_000;

/**
 * Bucket widths, each a whole multiple of the one before, all aligned to the Unix epoch. Past a week they
 * grow by 4, 13, then 2 and 5 in turn (28 days, 364 days ≈ a year, 2, 10, 20, 100, 200, 1,000 years), so
 * that the widest cuts any range of times a scan can hold (TIME_MIN … TIME_MAX) into at most 11 buckets.
 */
export const WIDTHS = [
  ['1m', 60_000],
  ['5m', 300_000],
  ['15m', 900_000],
  ['1h', 3_600_000],
  ['6h', 21_600_000],
  ['1d', DAY],
  ['7d', 7 * DAY],
  ['28d', 28 * DAY],
  ['364d', 364 * DAY],
  ['728d', 728 * DAY],
  ['3640d', 3_640 * DAY],
  ['7280d', 7_280 * DAY],
  ['36400d', 36_400 * DAY],
  ['72800d', 72_800 * DAY],
  ['364000d', 364_000 * DAY],
] as const;

/**
 * The times a scan can hold: ISO-8601 years 0000 to 9999 shifted by any offset (under a day), and field
 * times within them. A partial report with a time outside is refused, so no bucket ever leaves this range.
 */
export const TIME_MIN = -62_167_219_200_000 - DAY; // 0000-01-01T00:00:00Z less a day
export const TIME_MAX = 253_402_300_800_000 + DAY; // 10000-01-01T00:00:00Z and a day

/** Kept buckets per code before they are coarsened: bounds memory whatever the span. */
export const MAX_BUCKETS = 2048;

export function newBuckets(): Buckets {
  return { width: 0, counts: new Map() };
}

const LAST = WIDTHS.length - 1;
const widthMs = (w: number): number => WIDTHS[w]![1];

/** Start of the bucket of width w that holds t. */
export function bucketStart(t: number, w: number): number {
  const ms = widthMs(w);
  return Math.floor(t / ms) * ms;
}

export function addTime(b: Buckets, t: number, n = 1): void {
  const start = bucketStart(t, b.width);
  b.counts.set(start, (b.counts.get(start) ?? 0) + n);
  if (b.counts.size > MAX_BUCKETS) coarsen(b, b.width + 1);
}

/**
 * Re-buckets at `width` in one go, then a width coarser at a time while more than MAX_BUCKETS are left.
 * Never past the widest, which holds every time a scan can have in a few buckets.
 */
export function coarsen(b: Buckets, width: number): void {
  const target = Math.min(width, LAST);
  while (b.width < target || (b.counts.size > MAX_BUCKETS && b.width < LAST)) {
    const next = Math.max(b.width + 1, target);
    const old = [...b.counts];
    b.counts.clear();
    for (const [start, n] of old) {
      const s = bucketStart(start, next);
      b.counts.set(s, (b.counts.get(s) ?? 0) + n);
    }
    b.width = next;
  }
}

/**
 * Merges b into a (b is left as it was): at the coarser of the two widths, b's starts re-bucketed on the way
 * in (the widths are whole multiples of each other, all aligned to the epoch: one division per start gives
 * what coarsening a width at a time would). b holds at most MAX_BUCKETS, so at a coarser width no more.
 */
export function mergeBuckets(a: Buckets, b: Buckets): void {
  if (b.width > a.width) coarsen(a, b.width);
  const counts = a.counts;
  // At the same width the starts go in as they are.
  const same = b.width === a.width;
  // b lists its buckets about in time order: a run of them in one of a's goes in with one update.
  let run = NaN;
  let sum = 0;
  b.counts.forEach((n, s) => {
    const at = same ? s : bucketStart(s, a.width);
    if (at === run) {
      sum += n;
      return;
    }
    if (!Number.isNaN(run)) counts.set(run, (counts.get(run) ?? 0) + sum);
    run = at;
    sum = n;
  });
  if (!Number.isNaN(run)) counts.set(run, (counts.get(run) ?? 0) + sum);
  if (counts.size > MAX_BUCKETS) coarsen(a, a.width + 1);
}
