import type { TimeWindow } from '../model/settings.js';

export type { TimeWindow };

/** The window's bounds: `since` is in it, `until` is not (the byte kernel's test is generated from these). */
export const SINCE_INCLUSIVE = true;
export const UNTIL_INCLUSIVE = false;

/** True when a record's time (own or inherited) lies in the window; a record without one never does. */
export function inWindow(w: TimeWindow, t: number | null): boolean {
  if (t === null) return false;
  const afterSince = w.since === null || (SINCE_INCLUSIVE ? t >= w.since : t > w.since);
  return afterSince && (w.until === null || (UNTIL_INCLUSIVE ? t <= w.until : t < w.until));
}

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds of a duration such as `30m`, `90s`, `2h`, `1d` (or `1h30m`); null when it is not one. */
export function parseDuration(text: string): number | null {
  const s = text.trim().toLowerCase();
  if (!/^(?:[0-9]+(?:\.[0-9]+)?[smhd])+$/.test(s)) return null;
  let ms = 0;
  for (const m of s.matchAll(/([0-9]+(?:\.[0-9]+)?)([smhd])/g)) ms += Number(m[1]) * UNITS[m[2]!]!;
  // Less than half a millisecond rounds to nothing: a window of no width is not one.
  const rounded = Math.round(ms);
  return rounded > 0 ? rounded : null;
}
