// How times are read (one home for the rules' data): the forms (src/wasm/times.ts reads them), the zone
// zone-less times are read in, the date order, the year of year-less times, the --time-format pattern. The
// kernel reads them from its memory, laid out here; the zone becomes a table of offsets built with Intl.
import type { DateOrder, TimeContext, TimeSettings } from '../model/settings.js';
import { nearestWord } from '../catalog/nearest.js';
import { compileTimeFormat, FORMAT_MAX } from './time-format.js';

export { FORMAT_MAX };

/** The range of times a field may hold (epoch ms), and the numbers above which an epoch is in ms, in µs. */
export const MIN_TIME = Date.UTC(1000, 0, 1);
export const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
export const EPOCH_MS_ABOVE = 1e11;
export const EPOCH_US_ABOVE = 1e14;
/** Above this an epoch is in nanoseconds (zerolog's UnixNano, OpenTelemetry's timeUnixNano). */
export const EPOCH_NS_ABOVE = 1e17;
/**
 * The first time an epoch number may be (10⁹ seconds: 2001-09-09T01:46:40Z): a number before it is no log's
 * time but a duration, a count or a sequence number (an access log's `"time":0.012`, HAProxy's `"time":"15"`).
 */
export const EPOCH_FROM = 1e12;
/** The offset of a time written without one (it is read in the zone the caller set): no offset a zone has. */
export const IN_ZONE = 0x7fffffff;
/** A field's value longer than this (bytes, blanks around it aside) holds no time. */
export const VALUE_LONGEST = 256;

/**
 * The rules' head in the kernel's memory (bytes): `/` and `.` day-first, the month the file was last modified
 * (u8: 0 when --year gives the year), --date-order given (u8), the year, the zone entries, the pattern's
 * length (i32).
 */
export const TIME_RULES = { bytes: 16, slashDmy: 0, dotDmy: 1, lastMonth: 2, orderGiven: 3, year: 4, zones: 8, formatLen: 12 } as const;
/** Zone table entries (UTC start in epoch ms, offset in minutes: f64 each), and how many the kernel holds. */
export const ZONE_BYTES = 16;
export const ZONES_MAX = 1024;
/** The years the zone table covers: times before and after read with its first and last offsets. */
const ZONE_FROM_YEAR = 1970;
const ZONE_TO_YEAR = 2060;

export const DEFAULT_TIMES: TimeSettings = { zone: 'UTC', dateOrder: null, year: null, format: null };

/** A bad --tz, --time-format or --year: one line for the user. */
export class TimeRulesError extends Error {}

const compiled = new Map<string, { zones: Float64Array; format: Uint8Array; head: Int32Array }>();

/** Is it UTC (no table needed)? */
const isUtc = (zone: string): boolean => /^(utc|gmt|z|etc\/utc|etc\/gmt|utc[+-]0+|gmt[+-]0+)$/i.test(zone);

/** Checks the settings, throwing TimeRulesError with one line (a suggestion for a misspelled zone). */
export function checkTimeSettings(t: TimeSettings): void {
  rulesOf(t);
}

/**
 * The context an input's times are read with: the settings compiled (once per process), and the year of
 * times without one — --year, else the year of the file's modification time (epoch ms; null: none), and a
 * month after the file's belongs to the year before (a log written in January holds December's lines); so
 * too after the month --year YYYY-MM gives (a log across a year's turn).
 */
export function timeContext(t: TimeSettings, fileTime: number | null): TimeContext {
  const r = rulesOf(t);
  const head = Int32Array.from(r.head);
  const file = fileTime === null ? null : localMonth(t.zone, fileTime);
  head[TIME_RULES.year >> 2] = t.year ?? file?.year ?? 0;
  const lastMonth = t.year === null ? file?.month : t.yearEnds;
  if (lastMonth !== undefined) head[0] = head[0]! | (lastMonth << 16);
  return { head, zones: r.zones, format: r.format };
}

/**
 * The year and month (1 to 12) an instant falls in, in the zone the year-less times are read in: a file
 * rotated at 00:30 on 1 January in Berlin (23:30 UTC the day before) was last changed in the new year.
 */
export function localMonth(zone: string, at: number): { year: number; month: number } {
  if (Number.isNaN(at)) return { year: 0, month: 0 };
  if (isUtc(zone)) {
    const d = new Date(at);
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 };
  }
  const p: Record<string, number> = {};
  for (const part of formatterOf(zone).formatToParts(at)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { year: p['year']!, month: p['month']! };
}

const utcOf = new WeakMap<TimeContext, TimeContext>();

/**
 * The context with UTC for its zone, the rest as it is: for times that say they are UTC elsewhere than in
 * their text (a CSV column named `TimeGenerated [UTC]`). The same object each time for one context.
 */
export function inUtc(ctx: TimeContext): TimeContext {
  if (ctx.zones.length === 0) return ctx;
  let utc = utcOf.get(ctx);
  if (utc === undefined) {
    const head = Int32Array.from(ctx.head);
    head[TIME_RULES.zones >> 2] = 0;
    utcOf.set(ctx, (utc = { head, zones: new Float64Array(0), format: ctx.format }));
  }
  return utc;
}

/** The defaults: UTC, `mdy` for `/`, `dmy` for `.`, no year, no pattern. */
export const DEFAULT_CONTEXT: TimeContext = timeContext(DEFAULT_TIMES, null);

/** Which order dates with `/` and `.` are read in. */
export function dateOrders(order: DateOrder | null): { slash: DateOrder; dot: DateOrder } {
  return { slash: order ?? 'mdy', dot: order ?? 'dmy' };
}

function rulesOf(t: TimeSettings): { zones: Float64Array; format: Uint8Array; head: Int32Array } {
  const key = JSON.stringify([t.zone, t.dateOrder, t.format]);
  let r = compiled.get(key);
  if (r !== undefined) return r;
  const format = t.format === null ? new Uint8Array(0) : compileFormat(t.format);
  const zones = zoneTable(t.zone);
  const head = new Int32Array(TIME_RULES.bytes >> 2);
  const orders = dateOrders(t.dateOrder);
  head[0] = (orders.slash === 'dmy' ? 1 : 0) | (orders.dot === 'dmy' ? 1 << 8 : 0) | (t.dateOrder !== null ? 1 << (TIME_RULES.orderGiven * 8) : 0);
  head[TIME_RULES.zones >> 2] = zones.length / 2;
  head[TIME_RULES.formatLen >> 2] = format.length;
  r = { zones, format, head };
  compiled.set(key, r);
  return r;
}

function compileFormat(pattern: string): Uint8Array {
  const c = compileTimeFormat(pattern);
  if (!c.ok) throw new TimeRulesError(c.error);
  return c.steps;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A zone's formatter, or a TimeRulesError naming the zone (and the nearest known one). */
function formatterOf(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (f === undefined) formatters.set(zone, (f = newFormatter(zone)));
  return f;
}

function newFormatter(zone: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
  } catch {
    const near = nearestWord(Intl.supportedValuesOf('timeZone'), zone);
    throw new TimeRulesError(`--tz: unknown time zone ${JSON.stringify(zone)}${near === undefined ? ' (an IANA name such as Europe/Berlin, or UTC)' : ` — did you mean ${near}?`}`);
  }
}

/** The zone's offset (minutes) at an instant. */
function offsetOf(f: Intl.DateTimeFormat, t: number): number {
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(t)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const local = Date.UTC(p['year']!, p['month']! - 1, p['day']!, p['hour']!, p['minute']!, p['second']!);
  return Math.round((local - Math.floor(t / 1000) * 1000) / 60000);
}

/**
 * The zone's offsets as (UTC start, offset) pairs from ZONE_FROM_YEAR to ZONE_TO_YEAR, found by sampling
 * every few days and narrowing each change down to the second; empty for UTC.
 */
function zoneTable(zone: string): Float64Array {
  if (isUtc(zone)) return new Float64Array(0);
  const f = formatterOf(zone);
  const STEP = 3 * 86400000;
  const out: number[] = [-Infinity, offsetOf(f, Date.UTC(ZONE_FROM_YEAR, 0, 1))];
  let t = Date.UTC(ZONE_FROM_YEAR, 0, 1);
  let off = out[1]!;
  const end = Date.UTC(ZONE_TO_YEAR, 0, 1);
  while (t < end) {
    const next = t + STEP;
    const o = offsetOf(f, next);
    if (o !== off) {
      // The change is in (t, next]: narrow it down to the second.
      let lo = t;
      let hi = next;
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
        if (offsetOf(f, mid) === off) lo = mid;
        else hi = mid;
      }
      out.push(hi, o);
      off = o;
    }
    t = next;
  }
  if (out.length / 2 > ZONES_MAX) throw new TimeRulesError(`--tz: ${zone} changes its offset too often to be read`);
  return Float64Array.from(out);
}

/** The kernel side the rules are written to (src/wasm/time-civil.ts). */
export interface TimeKernel {
  readonly memory: WebAssembly.Memory;
  timeRulesAt(): number;
  zonesAt(): number;
  formatAt(): number;
  zoneChanged(): void;
}

/** Writes a context's rules into a kernel's memory (the kernel keeps them until the next). */
export function writeTimeRules(x: TimeKernel, ctx: TimeContext): void {
  const buf = x.memory.buffer;
  new Int32Array(buf, x.timeRulesAt(), ctx.head.length).set(ctx.head);
  new Float64Array(buf, x.zonesAt(), ctx.zones.length).set(ctx.zones);
  new Uint8Array(buf, x.formatAt(), ctx.format.length).set(ctx.format);
  x.zoneChanged();
}
