// The time forms besides ISO-8601 that exports hold (README "What counts", Time, lists them): numeric dates
// with `/` or `.` (US Excel, European; year first: Go, nginx), month names (Kibana, RFC 2822, Apache/nginx,
// syslog without a year, ctime, Tomcat's `07-Apr-2026`, Oracle's `07-APR-26 09.14.02.113000000 AM`).
import { byteAt, isAlpha, isDigit } from './bytes';
import { DATE_ORDER_EITHER, DATE_ORDER_OTHER } from './generated';
import { civil, dotDmy, IN_ZONE, orderGiven, ruleYear, slashDmy, yearOf } from './time-civil';
import { loose, sawDateAlone } from './time-flags';
import { areaAt, isWeekday, ordinal, three } from './time-months';
import { blanks, clockAt, digits, gluedZone, hour, meridiem, milli, minute, monthAt, numEnd, offset, second, year, zoneAt } from './time-parts';

// Where the last reading that found a time ended.
export let formEnd: usize = 0;
/**
 * What the last numeric date read (see numericAt) tells of its order: DATE_ORDER_OTHER, read in the other
 * order than its separator's; DATE_ORDER_EITHER, one both orders read, read in its separator's; 0 neither.
 * The reader that takes the date as a time keeps it (see dateOrdersTaken in times.ts).
 */
let orderSeen: i32 = 0;

/** orderSeen, cleared. */
export function orderSeenTaken(): i32 {
  const o = orderSeen;
  orderSeen = 0;
  return o;
}

/** The time of a clock (and zone) at j for the date y-mo-d; NaN when there is no clock, or with a digit after it. */
function dateTime(y: i32, mo: i32, d: i32, j: usize, e: usize, needSeconds: bool, amPm: bool): f64 {
  if (!clockAt(j, e, needSeconds)) return NaN;
  let h = hour;
  if (amPm) {
    h = meridiem(numEnd, e, h);
    if (h < 0) return NaN;
  }
  return zonedCivil(y, mo, d, h, e);
}

/** The time of the date y-mo-d at the clock last read (its hour h), in the zone at numEnd, if any; NaN with a digit after it, or a zone's name mxscan cannot apply. */
function zonedCivil(y: i32, mo: i32, d: i32, h: i32, e: usize): f64 {
  zoneAt(numEnd, e);
  if (isDigit(byteAt(numEnd, e)) || (offset == IN_ZONE && areaAt(numEnd, e))) return NaN;
  formEnd = numEnd;
  return civil(y, mo, d, h, minute, second, milli, offset);
}

/**
 * A numeric date at i: D/M/YYYY or M/D/YYYY (the order set for `/`), D.M.YYYY or M.D.YYYY (for `.`), then
 * its time (see dateThen). Without --date-order, one its separator's order cannot read is read in the other.
 */
function numericAt(i: usize, e: usize, field: bool): f64 {
  const a = digits(i, e, 1, 2);
  if (a < 0) return NaN;
  const sep = byteAt(numEnd, e);
  if (sep != 0x2f && sep != 0x2e) return NaN;
  const b = digits(numEnd + 1, e, 1, 2);
  if (b < 0 || byteAt(numEnd, e) != sep) return NaN;
  // Four digits: with two, `17/06/09` may be Spark's year first as well as a day or a month first.
  const y = digits(numEnd + 1, e, 4, 4);
  if (y < 0) return NaN;
  const given = sep == 0x2f ? slashDmy() : dotDmy();
  const dmy = (given ? b : a) > 12 && (given ? a : b) <= 12 && !orderGiven() ? !given : given;
  const t = dateThen(y, dmy ? b : a, dmy ? a : b, numEnd, e, field);
  // With --date-order given, there is nothing to tell.
  if (!isNaN(t) && !orderGiven()) orderSeen = dmy != given ? DATE_ORDER_OTHER : a != b && a <= 12 && b <= 12 ? DATE_ORDER_EITHER : 0;
  return t;
}

/**
 * A year-first date at i: YYYY/M/D or YYYY.M.D (Go, nginx: `2026/04/07 09:14:02`), or YYYY-M-D where ISO-8601
 * does not read it (Google Sheets' `2026-04-07 9:14:02`: a one-digit hour), then its time (see dateThen).
 */
function yearFirstAt(i: usize, e: usize, field: bool): f64 {
  const y = digits(i, e, 4, 4);
  if (y < 0) return NaN;
  const sep = byteAt(numEnd, e);
  if (sep != 0x2f && sep != 0x2e && sep != 0x2d) return NaN;
  const moAt = numEnd + 1;
  const mo = digits(moAt, e, 1, 2);
  if (mo < 0 || byteAt(numEnd, e) != sep) return NaN;
  const dAt = numEnd + 1;
  const d = digits(dAt, e, 1, 2);
  if (d < 0) return NaN;
  const j = numEnd;
  // With `-`, what ISO-8601 does not read: a one-digit month or day, a comma after it (Airflow's `[2026-04-07,
  // 09:14:02 UTC]`), a blank and a one-digit hour or a clock with AM/PM (meridiem: -1 for 13 with AM or PM).
  if (sep == 0x2d && dAt - moAt == 3 && j - dAt == 2 && byteAt(j, e) != 0x2c) {
    if (blanks(j, e) == 0) return NaN;
    const k = numEnd;
    if (!(isDigit(byteAt(k, e)) && byteAt(k + 1, e) == 0x3a) && !(clockAt(k, e, false) && meridiem(numEnd, e, 13) < 0)) return NaN;
  }
  return dateThen(y, mo, d, j, e, field);
}

/**
 * The time of a numeric date y-mo-d that ends at j: blanks (a comma before them too) or `T` and a clock (seconds,
 * fraction, AM/PM and a zone optional); a field may hold the date alone (midnight); in text, a date needs its time.
 */
function dateThen(y: i32, mo: i32, d: i32, j: usize, e: usize, field: bool): f64 {
  if (field && j == e) {
    sawDateAlone();
    formEnd = j;
    return civil(y, mo, d, 0, 0, 0, 0, IN_ZONE);
  }
  if (byteAt(j, e) == 0x54) return dateTime(y, mo, d, j + 1, e, false, true);
  // `4/7/2026, 9:40:00.250 AM`: the US locale's form (Azure's exports, JavaScript's toLocaleString).
  if (byteAt(j, e) == 0x2c && (byteAt(j + 1, e) == 0x20 || byteAt(j + 1, e) == 0x09)) j++;
  if (blanks(j, e) == 0) return NaN;
  return dateTime(y, mo, d, numEnd, e, false, true);
}

/** Apache/nginx at i: DD/Mon/YYYY:HH:MM:SS ±hhmm; a space for the `:` (Werkzeug's and Flask's `[07/Apr/2026 09:14:02]`). */
function apacheAt(i: usize, e: usize): f64 {
  const d = digits(i, e, 1, 2);
  if (d < 0 || byteAt(numEnd, e) != 0x2f) return NaN;
  const mo = monthAt(numEnd + 1, e);
  if (mo == 0 || byteAt(numEnd, e) != 0x2f) return NaN;
  const y = digits(numEnd + 1, e, 4, 4);
  if (y < 0 || (byteAt(numEnd, e) != 0x3a && byteAt(numEnd, e) != 0x20)) return NaN;
  return dateTime(y, mo, d, numEnd + 1, e, true, false);
}

/**
 * A day, a month's name and a year joined by `-`: D-Mon-YYYY or D-Mon-YY, then its time as a numeric date
 * has it (see dateThen) — Tomcat's and java.util.logging's `07-Apr-2026 09:14:02.113`, Oracle's `07-APR-26`,
 * Excel's `7-Apr-26`.
 */
function dashMonthAt(i: usize, e: usize, field: bool): f64 {
  const d = digits(i, e, 1, 2);
  if (d < 0 || byteAt(numEnd, e) != 0x2d) return NaN;
  const mo = monthAt(numEnd + 1, e);
  if (mo == 0 || byteAt(numEnd, e) != 0x2d) return NaN;
  const y = year(numEnd + 1, e);
  if (y < 0) return NaN;
  const j = numEnd;
  const t = oracleTime(y, mo, d, j, e);
  return isNaN(t) ? dateThen(y, mo, d, j, e, field) : t;
}

/**
 * Oracle's TIMESTAMP as SQL Developer and SQL*Plus show it (NLS_TIMESTAMP_FORMAT `DD-MON-RR HH.MI.SSXFF AM`)
 * after its date, at j: blanks, HH.MI.SS, a fraction of up to nine digits, AM or PM, a zone; NaN without them.
 */
function oracleTime(y: i32, mo: i32, d: i32, j: usize, e: usize): f64 {
  if (blanks(j, e) == 0 || !clockAt(numEnd, e, true, 0x2e)) return NaN;
  // AM or PM it needs (meridiem: -1 for 13 with one).
  const at = numEnd;
  if (meridiem(at, e, 13) >= 0) return NaN;
  const h = meridiem(at, e, hour);
  return h < 0 ? NaN : zonedCivil(y, mo, d, h, e);
}

/** RFC 2822 from the day on: D Mon YYYY HH:MM[:SS] [zone]. */
function rfcAt(i: usize, e: usize): f64 {
  const d = digits(i, e, 1, 2);
  if (d < 0 || blanks(numEnd, e) == 0) return NaN;
  const mo = monthAt(numEnd, e);
  if (mo == 0 || blanks(numEnd, e) == 0) return NaN;
  const y = digits(numEnd, e, 4, 4);
  if (y < 0 || blanks(numEnd, e) == 0) return NaN;
  return dateTime(y, mo, d, numEnd, e, false, false);
}

/**
 * A month name first at i: Kibana's `Mon D, YYYY @ HH:MM:SS.mmm` (Kibana 6's `Month Dth YYYY, HH:MM:SS.mmm`),
 * `Mon D YYYY HH:MM:SS` (JavaScript's Date.toString after its weekday), or syslog's `Mon D HH:MM:SS` (the year
 * the caller set, the file's; not when the year is needed).
 */
function monthFirstAt(i: usize, e: usize, yearNeeded: bool = false, field: bool = false): f64 {
  const mo = monthAt(i, e);
  // winston's `MMM-DD-YYYY HH:mm:ss` (its README's example): `Apr-07-2026 09:14:02`.
  if (mo != 0 && loose && byteAt(numEnd, e) == 0x2d) {
    const d = digits(numEnd + 1, e, 1, 2);
    if (d < 0 || byteAt(numEnd, e) != 0x2d) return NaN;
    const y = digits(numEnd + 1, e, 4, 4);
    return y < 0 || blanks(numEnd, e) == 0 ? NaN : dateTime(y, mo, d, numEnd, e, false, true);
  }
  if (mo == 0 || blanks(numEnd, e) == 0) return NaN;
  const d = digits(numEnd, e, 1, 2);
  if (d < 0) return NaN;
  const dayEnd = numEnd;
  let j = loose ? ordinal(dayEnd, e) : dayEnd;
  const comma = byteAt(j, e) == 0x2c;
  if (comma) j++;
  if (blanks(j, e) == 0) return NaN;
  j = numEnd;
  const y = digits(j, e, 4, 4);
  // A field may hold the date alone (Excel's long date, `April 7, 2026`): midnight.
  if (y >= 0 && field && numEnd == e) return dateThen(y, mo, d, e, e, true);
  if (y >= 0 && byteAt(numEnd, e) != 0x3a) {
    // Kibana 6's `April 7th 2026, 09:14:02.113`: a comma after the year.
    if (blanks(byteAt(numEnd, e) == 0x2c && loose ? numEnd + 1 : numEnd, e) == 0) return NaN;
    j = numEnd;
    if (byteAt(j, e) == 0x40) {
      if (blanks(j + 1, e) == 0) return NaN;
      j = numEnd;
    }
    return dateTime(y, mo, d, j, e, false, true);
  }
  if (yearNeeded || comma || ordinal(dayEnd, e) != dayEnd) return NaN;
  return ruleYear() > 0 ? dateTime(yearOf(mo), mo, d, j, e, true, false) : NaN;
}

/** A weekday name at i: 3 letters or more then `,` and RFC 2822 after it, or 3 letters then ctime (see ctimeAt) or a month first (JavaScript's). */
function weekdayAt(i: usize, e: usize, field: bool): f64 {
  if (!isWeekday(three(i, e))) return NaN;
  let k = i;
  while (k < e && isAlpha(load<u8>(k))) k++;
  if (k - i < 3 || k - i > 9) return NaN;
  if (byteAt(k, e) != 0x2c) {
    if (k - i != 3) return NaN;
    const t = ctimeAt(k, e);
    if (!isNaN(t) || !loose || blanks(k, e) != 1) return t;
    // JavaScript's Date.toString: `Tue Apr 07 2026 09:14:02 GMT+0200 (Central European Summer Time)`; Windows'
    // `%date% %time%`: `Tue 04/07/2026  9:14:02.11`.
    const j = numEnd;
    return isDigit(byteAt(j, e)) ? numericAt(j, e, false) : monthFirstAt(j, e, true);
  }
  if (blanks(k + 1, e) == 0) return NaN;
  // Excel's long date: `Tuesday, April 7, 2026` (a time after it, as a Time column's read with it).
  if (loose && isAlpha(byteAt(numEnd, e))) return monthFirstAt(numEnd, e, true, field);
  return rfcAt(numEnd, e);
}

/**
 * C's ctime after its weekday, at j: ` Mon D HH:MM:SS[.fraction] [zone] YYYY [offset]` — Apache 2.4's error
 * log (`[Tue Apr 07 11:14:02.113456 2026]`), Java's Date.toString (`Tue Apr 07 11:14:02 CEST 2026`: a zone's
 * name as zoneAt reads it, another is no time), Twitter's `created_at` (`Tue Apr 07 09:14:02 +0000 2026`); an
 * offset after the year when none came before it, a blank or the end after it. Read in --tz without a zone.
 */
function ctimeAt(j: usize, e: usize): f64 {
  if (blanks(j, e) == 0) return NaN;
  const mo = monthAt(numEnd, e);
  if (mo == 0 || blanks(numEnd, e) == 0) return NaN;
  const d = digits(numEnd, e, 1, 2);
  if (d < 0 || blanks(numEnd, e) == 0 || !clockAt(numEnd, e, true)) return NaN;
  const h = hour;
  const mi = minute;
  const s = second;
  const ms = milli;
  if (blanks(numEnd, e) == 0) return NaN;
  let k = numEnd;
  let off = IN_ZONE;
  const z = byteAt(k, e);
  if (isAlpha(z) || z == 0x2b || z == 0x2d) {
    zoneAt(k, e);
    if (offset == IN_ZONE || blanks(numEnd, e) == 0) return NaN;
    off = offset;
    k = numEnd;
  }
  const y = digits(k, e, 4, 4);
  if (y < 0) return NaN;
  formEnd = numEnd;
  // An offset after the year with its minutes, when none came before it (`Tue Apr 07 11:14:02 2026 +0200`, not
  // `2026 -10 items`), a blank or the end after it.
  const sign = byteAt(formEnd + 1, e);
  if (off == IN_ZONE && byteAt(formEnd, e) == 0x20 && (sign == 0x2b || sign == 0x2d) && gluedZone(formEnd + 1, e) && numEnd - formEnd >= 6) {
    const c = byteAt(numEnd, e);
    if (numEnd >= e || c == 0x20 || c == 0x09 || c == 0x5d || c == 0x29 || c == 0x22 || c == 0x2c) {
      off = offset;
      formEnd = numEnd;
    }
  }
  return civil(y, mo, d, h, mi, s, ms, off);
}

/** Any of these forms at i (nothing glued before it: the caller's test); NaN for none. formEnd after it. */
export function formAt(i: usize, e: usize, field: bool): f64 {
  const c = byteAt(i, e);
  if (isDigit(c)) {
    const c1 = byteAt(i + 1, e);
    const c2 = byteAt(i + 2, e);
    if (c1 == 0x2f || c1 == 0x2e || c2 == 0x2f || c2 == 0x2e) {
      const t = numericAt(i, e, field);
      if (!isNaN(t)) return t;
      return apacheAt(i, e);
    }
    if (c1 == 0x20 || c2 == 0x20) return rfcAt(i, e);
    if (c1 == 0x2d || c2 == 0x2d) return loose ? dashMonthAt(i, e, field) : NaN;
    const c4 = byteAt(i + 4, e);
    return c4 == 0x2f || c4 == 0x2e || (c4 == 0x2d && loose) ? yearFirstAt(i, e, field) : NaN;
  }
  if (!isAlpha(c)) return NaN;
  const t = monthFirstAt(i, e, false, field);
  return isNaN(t) ? weekdayAt(i, e, field) : t;
}

/**
 * Epoch seconds with a fraction at a line's start, h: ten digits, `.`, 3, 6 or 9 digits, then a blank or the
 * end (`journalctl -o short-unix`'s `1796642042.113456 host tag[pid]: …`, Zeek's `ts` column, `strace -ttt`);
 * dmesg's `[12345.678901]`, seconds since boot, has fewer digits. NaN for none; formEnd after it.
 */
export function epochLineAt(h: usize, e: usize): f64 {
  if (h + 14 > e) return NaN;
  let secs: f64 = 0;
  for (let k: usize = 0; k < 10; k++) {
    const c = <u32>load<u8>(h + k);
    if (!isDigit(c)) return NaN;
    secs = secs * 10 + <f64>(c - 0x30);
  }
  if (load<u8>(h + 10) != 0x2e) return NaN;
  let j = h + 11;
  let ms: f64 = 0;
  while (j < e && isDigit(load<u8>(j))) {
    if (j < h + 14) ms = ms * 10 + <f64>(load<u8>(j) - 0x30);
    j++;
  }
  const digits = j - h - 11;
  if ((digits != 3 && digits != 6 && digits != 9) || (j < e && load<u8>(j) != 0x20 && load<u8>(j) != 0x09)) return NaN;
  formEnd = j;
  return secs * 1000 + ms;
}
