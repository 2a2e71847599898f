/** Bucket widths, each a whole multiple of the one before, all aligned to the Unix epoch. */
export const WIDTHS = [
  ['1m', 60_000],
  ['5m', 300_000],
  ['15m', 900_000],
  ['1h', 3_600_000],
  ['6h', 21_600_000],
  ['1d', 86_400_000],
  ['7d', 604_800_000],
] as const;

/** Kept buckets per code before they are coarsened: bounds memory whatever the span. */
export const MAX_BUCKETS = 2048;

/**
 * Occurrences of one code over time, at the finest width that keeps at most MAX_BUCKETS non-empty
 * buckets. Because every width nests in the next, coarsening is exact, and merging two series gives
 * the series of the union: a whole scan and any split of it agree.
 */
export interface Buckets {
  /** Index into WIDTHS. */
  width: number;
  /** Bucket start (epoch ms) → count. */
  readonly counts: Map<number, number>;
}

export function newBuckets(): Buckets {
  return { width: 0, counts: new Map() };
}

const widthMs = (w: number): number => WIDTHS[w]![1];

export function addTime(b: Buckets, t: number, n = 1): void {
  const ms = widthMs(b.width);
  const start = Math.floor(t / ms) * ms;
  b.counts.set(start, (b.counts.get(start) ?? 0) + n);
  if (b.counts.size > MAX_BUCKETS && b.width < WIDTHS.length - 1) coarsen(b, b.width + 1);
}

/** Re-buckets at a coarser width (and further while still too many). */
export function coarsen(b: Buckets, width: number): void {
  while (b.width < width || (b.counts.size > MAX_BUCKETS && b.width < WIDTHS.length - 1)) {
    const next = Math.max(b.width + 1, Math.min(width, WIDTHS.length - 1));
    const ms = widthMs(next);
    const old = [...b.counts];
    b.counts.clear();
    for (const [start, n] of old) {
      const s = Math.floor(start / ms) * ms;
      b.counts.set(s, (b.counts.get(s) ?? 0) + n);
    }
    b.width = next;
    if (next >= width && b.counts.size <= MAX_BUCKETS) break;
  }
}

/** Merges b into a. */
export function mergeBuckets(a: Buckets, b: Buckets): void {
  const other = b.width > a.width ? b : { width: b.width, counts: new Map(b.counts) };
  if (b.width > a.width) coarsen(a, b.width);
  else if (a.width > b.width) coarsen(other, a.width);
  for (const [s, n] of other.counts) {
    a.counts.set(s, (a.counts.get(s) ?? 0) + n);
  }
  if (a.counts.size > MAX_BUCKETS) coarsen(a, a.width + 1);
}
