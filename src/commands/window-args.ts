import { ScanError } from '../errors.js';
import { isoOrNull, timeFromValue } from '../extract/timestamp.js';
import { DEFAULT_CONTEXT, MIN_TIME, timeContext } from '../extract/time-rules.js';
import type { TimeContext, TimeSettings } from '../model/settings.js';
import { parseDuration, type TimeWindow } from '../summary/window.js';

/** Half-width of the window when --around is given without --window. */
export const DEFAULT_AROUND = '30m';

/** The window and how it was asked for, to be shown in the report as typed. */
export interface WindowArgs {
  readonly window: TimeWindow | null;
  /** For the report's options: the window as ISO times, and --around with its width when given. */
  readonly shown: Record<string, unknown>;
}

/**
 * A time in any form a log's is read in (ISO-8601, `4/7/2026 9:14`, …; without a zone, in --tz), or a
 * duration back from now (`2h`, `30m`, `1d`, `90s`, as kubectl and journalctl take them).
 */
export function parseTime(value: string, flag: string, now: number, ctx: TimeContext = DEFAULT_CONTEXT): number {
  const back = parseDuration(value);
  // No log holds a time before the year 1000 (see MIN_TIME): `--until 1000000d` is a slip of the finger.
  if (back !== null && now - back < MIN_TIME) throw new ScanError('USAGE', `--${flag}: ${JSON.stringify(value)} back from now is before the year 1000`);
  if (back !== null) return now - back;
  const t = timeFromValue(value, ctx);
  if (t === null) throw new ScanError('USAGE', `--${flag}: not an ISO-8601 time or a duration back from now (like 2h, 30m): ${JSON.stringify(value)}`);
  return t;
}

/** --since/--until, or --around with --window (30 minutes either side when --window is not given). */
export function parseWindow(args: Record<string, unknown>, now: number, times?: TimeSettings): WindowArgs {
  // Read in --tz; a time without a year takes this one.
  const ctx = times === undefined ? DEFAULT_CONTEXT : timeContext(times, now);
  const since = args['since'] as string | undefined;
  const until = args['until'] as string | undefined;
  const around = args['around'] as string | undefined;
  const width = args['window'] as string | undefined;
  if (around !== undefined || width !== undefined) {
    if (around === undefined) throw new ScanError('USAGE', '--window needs --around (the centre of the window)');
    if (since !== undefined || until !== undefined) throw new ScanError('USAGE', '--around/--window cannot be combined with --since/--until');
    const half = parseDuration(width ?? DEFAULT_AROUND);
    if (half === null) throw new ScanError('USAGE', `--window: not a duration (like 30m, 2h, 1d): ${JSON.stringify(width)}`);
    const t = parseTime(around, 'around', now, ctx);
    const window = { since: t - half, until: t + half };
    return { window, shown: { window: iso(window), around: isoOrNull(t), halfWidth: width ?? `${DEFAULT_AROUND} (the default for --around without --window)` } };
  }
  if (since === undefined && until === undefined) return { window: null, shown: {} };
  const w = { since: since === undefined ? null : parseTime(since, 'since', now, ctx), until: until === undefined ? null : parseTime(until, 'until', now, ctx) };
  if (w.since !== null && w.until !== null && w.since >= w.until) throw new ScanError('USAGE', '--since must be before --until');
  return { window: w, shown: { window: iso(w) } };
}

function iso(w: TimeWindow): { since: string | null; until: string | null } {
  return { since: isoOrNull(w.since), until: isoOrNull(w.until) };
}
