// --tz, --date-order, --year and --time-format: checked once (a bad value is one line, exit 2) into the
// settings times are read with, and shown in the report's options.
import { ScanError } from '../errors.js';
import { checkTimeSettings, dateOrders, DEFAULT_TIMES, TimeRulesError } from '../extract/time-rules.js';
import type { DateOrder, TimeSettings } from '../model/settings.js';

/** The time settings of a command line (with the configuration's defaults under it). */
export function parseTimeArgs(args: Record<string, unknown>): TimeSettings {
  const zone = args['tz'] === undefined ? DEFAULT_TIMES.zone : String(args['tz']).trim();
  const order = args['dateOrder'] as DateOrder | undefined;
  const typedYear = args['year'] === undefined ? undefined : String(args['year']).trim();
  // Year 0 is none to the rules (time-rules.ts): refused, not read as no year at all.
  const year = typedYear === undefined ? undefined : /^(?!0000)([0-9]{4})(?:-(0[1-9]|1[0-2]))?$/.exec(typedYear);
  if (year === null) throw new ScanError('USAGE', `--year: expected a year such as 2026, or the year and month a log ends in such as 2026-01, got ${JSON.stringify(typedYear)}`);
  const format = args['timeFormat'] === undefined ? null : String(args['timeFormat']);
  const times: TimeSettings = {
    zone,
    dateOrder: order ?? null,
    year: year === undefined ? null : Number(year[1]),
    ...(year?.[2] !== undefined ? { yearEnds: Number(year[2]) } : {}),
    format,
  };
  try {
    checkTimeSettings(times);
  } catch (err) {
    if (err instanceof TimeRulesError) throw new ScanError('USAGE', err.message);
    throw err;
  }
  return times;
}

/** How times were read, for the report's options: the zone, the date orders, the year and pattern when given. */
export function timeShown(t: TimeSettings): { timeZone: string; dateOrder: string; year: number | null; yearEnds?: number; timeFormat: string | null } {
  const o = dateOrders(t.dateOrder);
  return { timeZone: t.zone, dateOrder: `/ ${o.slash}, . ${o.dot}`, year: t.year, ...(t.yearEnds !== undefined ? { yearEnds: t.yearEnds } : {}), timeFormat: t.format };
}
