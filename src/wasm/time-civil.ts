// Civil dates and times to epoch milliseconds: validity (no 31 April), the zone a zone-less time is read in
// (an offset table the caller builds for the zone, src/extract/time-rules.ts) and the rules the caller set.
import { IN_ZONE, RULES_DOT_DMY, RULES_FORMAT_LEN, RULES_LAST_MONTH, RULES_ORDER_GIVEN, RULES_SLASH_DMY, RULES_YEAR, RULES_ZONES, TIME_RULES_BYTES, ZONE_BYTES, ZONES_MAX, FORMAT_MAX } from './generated';

/** What the caller sets (see timeRulesAt): date orders, the year of year-less times, the zone's entries, the pattern's length. */
export const RULES: usize = memory.data(TIME_RULES_BYTES, 16);
/** The zone's offsets: (UTC start in epoch ms, offset in minutes) as two f64 each, by start; none: UTC. */
export const ZONES: usize = memory.data(ZONES_MAX * ZONE_BYTES, 16);
/** The compiled --time-format pattern (src/extract/time-format.ts). */
export const FORMAT: usize = memory.data(FORMAT_MAX, 16);

/** Where the caller writes the rules: the zone table and the pattern follow at zonesAt() and formatAt(). */
export function timeRulesAt(): usize {
  return RULES;
}
export function zonesAt(): usize {
  return ZONES;
}
export function formatAt(): usize {
  return FORMAT;
}

@inline export function slashDmy(): bool {
  return load<u8>(RULES + RULES_SLASH_DMY) != 0;
}
@inline export function dotDmy(): bool {
  return load<u8>(RULES + RULES_DOT_DMY) != 0;
}
/** --date-order was given: a date is read in its order only. */
@inline export function orderGiven(): bool {
  return load<u8>(RULES + RULES_ORDER_GIVEN) != 0;
}
@inline export function ruleYear(): i32 {
  return load<i32>(RULES + RULES_YEAR);
}

/** The year of a time without one in month mo: the caller's, the year before for a month after the file's last change. */
export function yearOf(mo: i32): i32 {
  const last = <i32>load<u8>(RULES + RULES_LAST_MONTH);
  return last != 0 && mo > last ? ruleYear() - 1 : ruleYear();
}
@inline export function formatLength(): i32 {
  return load<i32>(RULES + RULES_FORMAT_LEN);
}

@inline function isLeap(y: i32): bool {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

export function daysIn(m: i32, y: i32): i32 {
  if (m == 2) return isLeap(y) ? 29 : 28;
  return m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31;
}

/** Is it a real date and time of day (a leap second :60 is allowed: it is read as :59)? */
export function validCivil(y: i32, mo: i32, d: i32, h: i32, mi: i32, s: i32): bool {
  return y >= 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(mo, y) && h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && s >= 0 && s <= 60;
}

/** Days since 1970-01-01 of a proleptic Gregorian date. */
export function daysFromCivil(y: i32, m: i32, d: i32): i64 {
  const yy: i64 = m <= 2 ? <i64>y - 1 : <i64>y;
  const era: i64 = (yy >= 0 ? yy : yy - 399) / 400;
  const yoe: i64 = yy - era * 400;
  const mp: i64 = m > 2 ? m - 3 : m + 9;
  const doy: i64 = (153 * mp + 2) / 5 + <i64>d - 1;
  const doe: i64 = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

/** No offset was written: the time is read in the zone the caller set (src/extract/time-rules.ts). */
export { IN_ZONE } from './generated';

/**
 * Epoch ms of a civil time (y-mo-d h:mi:s.ms) at an offset in minutes, or IN_ZONE; NaN when it is not a
 * real date or time.
 */
export function civil(y: i32, mo: i32, d: i32, h: i32, mi: i32, s: i32, ms: i32, offset: i32): f64 {
  if (!validCivil(y, mo, d, h, mi, s)) return NaN;
  const local: i64 = ((daysFromCivil(y, mo, d) * 24 + <i64>h) * 60 + <i64>mi) * 60000 + <i64>(s == 60 ? 59 : s) * 1000 + <i64>ms;
  return offset == IN_ZONE ? zoned(<f64>local) : <f64>(local - <i64>offset * 60000);
}

// The entry offsetAt found last.
let entry = 0;

/** The zone's offset (minutes) at an instant: the entry in force then (its index is left in `entry`). */
function offsetAt(utc: f64): f64 {
  const n = load<i32>(RULES + RULES_ZONES);
  // Entry 0 holds from the beginning of time; find the last entry that starts at or before utc.
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (load<f64>(ZONES + <usize>(mid * ZONE_BYTES)) <= utc) lo = mid;
    else hi = mid - 1;
  }
  entry = lo;
  return load<f64>(ZONES + <usize>(lo * ZONE_BYTES), 8);
}

// Lines in a row are mostly in the same stretch between two changes of the zone: local times in
// [keptFrom, keptTo) all read with keptOffset.
let keptFrom: f64 = 0;
let keptTo: f64 = -1;
let keptOffset: f64 = 0;
const DAY: f64 = 86400000;

/**
 * Epoch ms of a local time (ms since 1970 as if it were UTC) in the caller's zone. A time that happens twice
 * (clocks set back) is the earlier one; a time that never happens (clocks set forward) is read with the
 * offset before the change, as JavaScript's Date and Temporal's "compatible" do.
 */
export function zoned(local: f64): f64 {
  const n = load<i32>(RULES + RULES_ZONES);
  if (n == 0) return local;
  if (local >= keptFrom && local < keptTo) return local - keptOffset * 60000;
  // The offsets in force a day either side (no zone changes twice in a day): the larger one first, so a
  // time that happens twice is the earlier.
  const a = offsetAt(local - DAY);
  const b = offsetAt(local + DAY);
  const hiOff = a > b ? a : b;
  const loOff = a > b ? b : a;
  let utc = local - hiOff * 60000;
  if (offsetAt(utc) != hiOff) {
    utc = local - loOff * 60000;
    // In a gap: the offset before the change.
    if (offsetAt(utc) != loOff) utc = local - a * 60000;
  }
  if (a == b) {
    // Keep the stretch of this entry, a day in from each end (where the neighbours' changes are).
    offsetAt(utc);
    const from = entry == 0 ? -Infinity : load<f64>(ZONES + <usize>(entry * ZONE_BYTES));
    const to = entry + 1 >= n ? Infinity : load<f64>(ZONES + <usize>((entry + 1) * ZONE_BYTES));
    keptOffset = a;
    keptFrom = from + a * 60000 + DAY;
    keptTo = to + a * 60000 - DAY;
  }
  return utc;
}

/** Forgets what zoned kept (the caller changed the zone). */
export function zoneChanged(): void {
  keptFrom = 0;
  keptTo = -1;
}

/**
 * A time of day alone, `ms` since midnight (src/model/record.ts), at the offset written with it (minutes;
 * IN_ZONE: none, the caller's zone): on the local date there of the time before it; of the day after when
 * that is more than half a day earlier than that time (the log went past midnight); of the day before when
 * it is more than 23 hours later (a line written just before midnight, logged after one just past it); NaN
 * when there is no time before it.
 */
export function clockAfter(before: f64, ms: f64, offset: i32): f64 {
  if (!isFinite(before)) return NaN;
  if (offset != IN_ZONE) {
    const shift = <f64>offset * 60000;
    const at = Math.floor((before + shift) / DAY) * DAY + ms - shift;
    if (at < before - DAY / 2) return at + DAY;
    return at > before + DAY - 3600000 ? at - DAY : at;
  }
  const local = load<i32>(RULES + RULES_ZONES) == 0 ? before : before + offsetAt(before) * 60000;
  const day = Math.floor(local / DAY) * DAY;
  const t = zonedNear(day + ms, before);
  if (t < before - DAY / 2) return zonedNear(day + DAY + ms, before);
  return t > before + DAY - 3600000 ? zonedNear(day - DAY + ms, before) : t;
}

/**
 * zoned, but a local time that happens twice (clocks set back) is the one of its two instants nearer to
 * `before`: after 02:59 summer time, 02:10 is the second one (winter time), as a log going on writes it.
 */
function zonedNear(local: f64, before: f64): f64 {
  const t = zoned(local);
  if (load<i32>(RULES + RULES_ZONES) == 0) return t;
  const a = offsetAt(local - DAY);
  const b = offsetAt(local + DAY);
  if (a <= b) return t;
  // Set back from a to b: the same local time read with b, when b is then in force, is the later instant.
  const later = local - b * 60000;
  return later != t && offsetAt(later) == b && Math.abs(later - before) < Math.abs(t - before) ? later : t;
}
