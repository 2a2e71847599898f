import type { Level } from '../catalog/types.js';
import { WIDTHS, bucketStart, mergeBuckets, newBuckets, type Buckets } from './buckets.js';

/** Most buckets the report's timeline has: the widest width holds any range of times in fewer. */
export const TARGET_BUCKETS = 48;

export interface TimelineBucket {
  readonly start: string;
  readonly ERROR: number;
  readonly WARN: number;
  readonly INFO: number;
}

export interface Timeline {
  /** Width of a bucket (`1m` … `364000d`, see WIDTHS), or null when nothing had a time. */
  readonly bucket: string | null;
  readonly buckets: TimelineBucket[];
}

/** The narrowest width that cuts [start, end] into at most TARGET_BUCKETS buckets. */
export function chooseWidth(start: number, end: number): number {
  for (let w = 0; w < WIDTHS.length; w++) {
    const ms = WIDTHS[w]![1];
    if ((bucketStart(end, w) - bucketStart(start, w)) / ms + 1 <= TARGET_BUCKETS) return w;
  }
  return WIDTHS.length - 1;
}

/** A code's buckets at the given width, or its own when wider (a copy, made in one pass). */
export function atWidth(b: Buckets, width: number): Map<number, number> {
  const at = { ...newBuckets(), width: Math.max(width, b.width) };
  mergeBuckets(at, b);
  return at.counts;
}

/** Counts per bucket and level over [start, end], every bucket listed, empty ones too. */
export function buildTimeline(
  codes: readonly { level: Level; buckets: Buckets }[],
  range: { start: number; end: number } | null,
): { timeline: Timeline; width: number | null; series: number[][]; peaks: ([number, number] | null)[] } {
  if (range === null) return { timeline: { bucket: null, buckets: [] }, width: null, series: codes.map(() => []), peaks: codes.map(() => null) };
  const width = chooseWidth(range.start, range.end);
  const ms = WIDTHS[width]![1];
  const first = bucketStart(range.start, width);
  const last = bucketStart(range.end, width);
  const rows = new Map<number, { ERROR: number; WARN: number; INFO: number }>();
  for (let s = first; s <= last; s += ms) rows.set(s, { ERROR: 0, WARN: 0, INFO: 0 });
  const starts = [...rows.keys()];
  // Each code's buckets at the width are made once: for its series, the levels' rows and its peak.
  const peaks: ([number, number] | null)[] = [];
  const series = codes.map((c) => {
    const counts = atWidth(c.buckets, width);
    for (const [s, n] of counts) {
      const row = rows.get(s);
      if (row !== undefined) row[c.level] += n;
    }
    peaks.push(busiest(counts));
    return starts.map((s) => counts.get(s) ?? 0);
  });
  return {
    timeline: {
      bucket: WIDTHS[width]![0],
      buckets: [...rows].map(([s, r]) => ({ start: new Date(s).toISOString(), ...r })),
    },
    width,
    series,
    peaks,
  };
}

/**
 * The incident's peak: the index of the bucket with the most occurrences of the most urgent level seen
 * (peakLevel: ERROR, else WARN, else INFO; the earliest on a tie), or -1 when all are empty. The key events
 * and the chart's marker name it, as the verdict and "Start here" take the ERROR peak: a night's 50 INFO
 * successes are no peak beside 15 ERRORs.
 */
export function busiestBucket(buckets: readonly TimelineBucket[]): number {
  const level = peakLevel(buckets);
  let best = -1;
  let most = 0;
  buckets.forEach((b, i) => {
    if (b[level] > most) [best, most] = [i, b[level]];
  });
  return best;
}

/** The most urgent level the buckets hold (ERROR, else WARN, else INFO): the one busiestBucket counts. */
export function peakLevel(buckets: readonly TimelineBucket[]): 'ERROR' | 'WARN' | 'INFO' {
  return buckets.some((b) => b.ERROR > 0) ? 'ERROR' : buckets.some((b) => b.WARN > 0) ? 'WARN' : 'INFO';
}

/** A peak as the report shows it. */
export function peakRow(p: [number, number] | null): { start: string; count: number } | null {
  return p === null ? null : { start: new Date(p[0]).toISOString(), count: p[1] };
}

/** The start and count of the bucket with the most occurrences (the earliest on a tie), or null for none. */
function busiest(counts: Map<number, number>): [number, number] | null {
  let best: [number, number] | null = null;
  for (const [s, n] of counts) if (best === null || n > best[1] || (n === best[1] && s < best[0])) best = [s, n];
  return best;
}
