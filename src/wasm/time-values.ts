// A field's value as a time: its time as a whole (valueTime), whether it holds a time (a record's time is then
// in it, or it has none), and a date and a time of day in two fields read together — as timeFromValue in
// src/extract/timestamp.ts, isValue in src/input/fields.ts, and holdsTime in src/extract/record.ts have them (pairTime is read here for it).
import { byteAt, isAlpha, isBlank, isDigit, lower, placeholder } from './bytes';
import { EPOCH_FROM, MAX_TIME, NONE_WORD_BYTES, NONE_WORD_COUNT, NONE_WORD_LENGTHS, NONE_WORDS, VALUE_LONGEST } from './generated';
import { civil, IN_ZONE, zoned } from './time-civil';
import { dateAloneTaken } from './time-flags';
import { orderSeenTaken } from './time-forms';
import { monthName } from './time-months';
import { gluedZone, meridiem, numEnd } from './time-parts';
import { anyAt, epochTime, isoFirst, parsedEnd, taken, two } from './times';

// The value trimmed of blanks around it (set by trim).
let vs: usize = 0;
let ve: usize = 0;

function trim(s: usize, e: usize): void {
  while (s < e && isBlank(load<u8>(s))) s++;
  while (e > s && isBlank(load<u8>(e - 1))) e--;
  vs = s;
  ve = e;
}

/** Is the trimmed value a word for none (NONE_WORDS, any case)? */
function noneWord(): bool {
  const n = ve - vs;
  if (n >= NONE_WORD_BYTES || ((NONE_WORD_LENGTHS >> <u32>n) & 1) == 0) return false;
  for (let w = 0; w < NONE_WORD_COUNT; w++) {
    const word = NONE_WORDS + <usize>w * NONE_WORD_BYTES;
    let k: usize = 0;
    while (k < n && lower(<u32>load<u8>(vs + k)) == <u32>load<u8>(word + k)) k++;
    if (k == n && load<u8>(word + n) == 0) return true;
  }
  return false;
}

/** A code field's value that is a word for none (`NULL`, `None`, `N/A`: see fieldCode in src/extract/record.ts): no code. */
export function noneValue(s: usize, e: usize): bool {
  trim(s, e);
  return noneWord();
}

/** isValue (src/input/fields.ts): an ASCII letter or digit, and not a word for none. */
export function hasValue(s: usize, e: usize): bool {
  if (placeholder(s, e) != 0) return false;
  trim(s, e);
  return !noneWord();
}

/**
 * The trimmed value holds a date's mark: a year (19xx or 20xx, four digits alone, not after `.` or `,`); a
 * numeric date of a two-digit year (`12/7/26`, `07.12.26`: see shortDate; not after a letter, a digit, `.` or
 * `,`; Java's short date, a German sheet's), which no form reads but which is a date all the same; or a
 * month's name but May (monthName) not after a letter.
 */
function dateMark(): bool {
  for (let i = vs; i < ve; i++) {
    const c = <u32>load<u8>(i);
    const prev = i > vs ? <u32>load<u8>(i - 1) : 0x20;
    if (isDigit(c)) {
      if (isDigit(prev)) continue;
      let k = i;
      while (k < ve && isDigit(load<u8>(k))) k++;
      // Four digits alone, 19xx or 20xx: a year.
      if (k - i == 4 && prev != 0x2e && prev != 0x2c && (c == 0x32 ? load<u8>(i + 1) == 0x30 : c == 0x31 && load<u8>(i + 1) == 0x39)) return true;
      if (k - i <= 2 && prev != 0x2e && prev != 0x2c && !isAlpha(prev) && shortDate(i, k)) return true;
      i = k - 1;
    } else if (isAlpha(c) && !isAlpha(prev)) {
      // `may` is a word as often as a month.
      const m = monthName(i, ve);
      if (m != 0 && m != 5) return true;
    }
  }
  return false;
}

/**
 * The digits [i, k) then `/` or `.`, one or two digits, the same separator, two digits, no digit or `.` after:
 * a date (see dateMark) — with `/` month and day in either order, with `.` a day then a month (`11.14.02` is a
 * time of day, `1.2.26` after a `v` a version: the caller's test).
 */
function shortDate(i: usize, k: usize): bool {
  const sep = k < ve ? <u32>load<u8>(k) : 0;
  if (sep != 0x2f && sep != 0x2e) return false;
  let j = k + 1;
  while (j < ve && j - k <= 3 && isDigit(load<u8>(j))) j++;
  if (j - k < 2 || j - k > 3 || j >= ve || <u32>load<u8>(j) != sep) return false;
  const y = j + 1;
  if (!(y + 2 <= ve && isDigit(load<u8>(y)) && isDigit(load<u8>(y + 1)) && (y + 2 == ve || (!isDigit(load<u8>(y + 2)) && load<u8>(y + 2) != 0x2e)))) return false;
  const a = k - i == 1 ? <i32>load<u8>(i) - 0x30 : (<i32>load<u8>(i) - 0x30) * 10 + (<i32>load<u8>(i + 1) - 0x30);
  const b = j - k == 2 ? <i32>load<u8>(k + 1) - 0x30 : (<i32>load<u8>(k + 1) - 0x30) * 10 + (<i32>load<u8>(k + 2) - 0x30);
  if (a < 1 || b < 1) return false;
  return sep == 0x2e ? a <= 31 && b <= 12 : (a <= 12 && b <= 31) || (a <= 31 && b <= 12);
}

/**
 * The trimmed value is a time of day alone: H[H]:MM[:SS[(.|,)digits]], then
 * blanks and AM or PM (meridiem), `Z`, `UTC` or `GMT`, if any, or after its seconds an offset zones have
 * (gluedZone; `09:00-10:00` is a range).
 */
function clockAlone(): bool {
  const e = ve;
  let i = vs;
  while (i < e && isDigit(load<u8>(i))) i++;
  const n = i - vs;
  if (n < 1 || n > 2 || byteAt(i, e) != 0x3a || !isDigit(byteAt(i + 1, e)) || !isDigit(byteAt(i + 2, e))) return false;
  i += 3;
  const seconds = byteAt(i, e) == 0x3a;
  if (seconds) {
    if (!isDigit(byteAt(i + 1, e)) || !isDigit(byteAt(i + 2, e))) return false;
    i += 3;
    const c = byteAt(i, e);
    if ((c == 0x2e || c == 0x2c) && isDigit(byteAt(i + 1, e))) {
      i++;
      while (i < e && isDigit(load<u8>(i))) i++;
    }
  }
  while (i < e && (load<u8>(i) == 0x20 || load<u8>(i) == 0x09)) i++;
  if (i == e) return true;
  const a = byteAt(i, e) | 0x20;
  if (a == 0x61 || a == 0x70) return meridiem(i, e, 1) >= 0 && numEnd == e;
  if (a == 0x75) return i + 3 == e && (byteAt(i + 1, e) | 0x20) == 0x74 && (byteAt(i + 2, e) | 0x20) == 0x63;
  if (a == 0x67) return i + 3 == e && (byteAt(i + 1, e) | 0x20) == 0x6d && (byteAt(i + 2, e) | 0x20) == 0x74;
  const c = byteAt(i, e);
  return (seconds || (c != 0x2b && c != 0x2d)) && gluedZone(i, e) && numEnd == e;
}

/** A date alone (midnight, `date`) and the time its record's text holds (`text`): that one when it is on that day, as dayTime in src/extract/record.ts. */
export function dayTime(date: f64, text: f64): f64 {
  return text >= date && text < date + 86400000 ? text : date;
}

/** Is [s, e) a number, blanks around it (NUMBER in src/extract/record.ts)? */
export function numberAt(s: usize, e: usize): bool {
  trim(s, e);
  let i = vs;
  const from = i;
  while (i < ve && isDigit(load<u8>(i))) i++;
  if (i == from) return false;
  if (i < ve && (load<u8>(i) == 0x2e || load<u8>(i) == 0x2c) && i + 1 < ve && isDigit(load<u8>(i + 1))) {
    i++;
    while (i < ve && isDigit(load<u8>(i))) i++;
  }
  return i == ve;
}

/** holdsTime of a field's string value [s, e). */
export function timeHeld(s: usize, e: usize): bool {
  return hasValue(s, e) && dateMark();
}

// The two values pairTime reads as one, copied here.
const PAIR: usize = memory.data(<i32>VALUE_LONGEST + 16, 16);

/**
 * The time of a date's value [ds, de) and a time of day's [cs, ce) read together, as one value (blanks
 * around each aside, one between them); NaN for none (also when either is no value, see isValue, or the time
 * of day is not one alone, see clockAlone: `09:00-10:00` is an hour's range).
 */
export function pairTime(ds: usize, de: usize, cs: usize, ce: usize): f64 {
  if (!hasValue(cs, ce) || !clockAlone()) return NaN;
  cs = vs;
  ce = ve;
  if (!hasValue(ds, de)) return NaN;
  ds = vs;
  de = ve;
  const n = de - ds + 1 + ce - cs;
  if (n > VALUE_LONGEST) return NaN;
  memory.copy(PAIR, ds, de - ds);
  store<u8>(PAIR + de - ds, 0x20);
  memory.copy(PAIR + de - ds + 1, cs, ce - cs);
  return valueTime(PAIR, PAIR + n);
}

/**
 * The time a field's value [s, e) holds, as a whole (blanks around it aside): the pattern, a number of
 * epoch seconds, milliseconds or microseconds (digits, with a fraction), an ISO date (midnight) or date-time,
 * .NET's `/Date(ms)/`, or another form (a date alone too); a longer value than VALUE_LONGEST bytes holds none. Epoch ms; NaN for none.
 */
export function valueTime(s: usize, e: usize): f64 {
  valueDate = false;
  dateAloneTaken();
  const t = valueRead(s, e);
  if (dateAloneTaken()) valueDate = true;
  if (isNaN(t)) valueDate = false;
  return t;
}

/**
 * valueTime of a field's value [vs, ve), read at once when it is an ISO date-time alone (no pattern, four
 * digits and a dash first, the whole value read): isoAt, with the minute the line before had kept (as
 * lineTime reads a line's start), is what valueTime would read. Anything else is valueTime's.
 */
@inline export function fieldValueTime(vs: usize, ve: usize): f64 {
  if (ve - vs <= <usize>VALUE_LONGEST) {
    const t = isoFirst(vs, ve);
    if (!isNaN(t) && parsedEnd == ve) {
      valueDate = false;
      return t;
    }
  }
  return valueTime(vs, ve);
}

/** Whether the last valueTime read a date alone (midnight): the record's time of day may be in its text (see recordTime). */
export let valueDate: bool = false;

/** valueTime, for the caller. */
export function valueWasDate(): i32 {
  return valueDate ? 1 : 0;
}

function valueRead(s: usize, e: usize): f64 {
  while (s < e && isBlank(load<u8>(s))) s++;
  while (e > s && isBlank(load<u8>(e - 1))) e--;
  if (s >= e || e - s > VALUE_LONGEST) return NaN;
  if (isDigit(load<u8>(s))) {
    // Digits, and at most one `.` with digits after it: a number.
    let n: f64 = 0;
    let i = s;
    while (i < e && isDigit(load<u8>(i))) n = n * 10 + <f64>(load<u8>(i++) - 0x30);
    if (i == e) return epochTime(n);
    const point = load<u8>(i);
    if ((point == 0x2e || point == 0x2c) && i + 1 < e) {
      let k = i + 1;
      let scale: f64 = 1;
      let frac: f64 = 0;
      while (k < e && isDigit(load<u8>(k))) {
        scale *= 10;
        frac = frac * 10 + <f64>(load<u8>(k++) - 0x30);
      }
      if (k == e) {
        // A decimal comma: a sheet's serial as a locale that writes one (German, French) exports it.
        if (point == 0x2c) return spreadsheetSerial(n + frac / scale);
        const t = epochTime(n + frac / scale);
        return isNaN(t) ? spreadsheetSerial(n + frac / scale) : t;
      }
    }
    if (e - s == 10 && load<u8>(s + 4) == 0x2d && load<u8>(s + 7) == 0x2d && isDigit(load<u8>(s + 3))) {
      const y1 = two(s, e);
      const y2 = two(s + 2, e);
      const mo = two(s + 5, e);
      const d = two(s + 8, e);
      if (y1 >= 0 && y2 >= 0 && mo >= 0 && d >= 0) {
        valueDate = true;
        return civil(y1 * 100 + y2, mo, d, 0, 0, 0, 0, IN_ZONE);
      }
    }
  }
  if (load<u8>(s) == 0x2f) {
    const t = dotNetDate(s, e);
    if (!isNaN(t)) return t;
  }
  orderSeenTaken();
  const t = anyAt(s, e, true);
  return taken(!isNaN(t) && parsedEnd == e ? t : NaN);
}

/**
 * .NET's JSON date (DataContractJsonSerializer, ASP.NET AJAX), `/Date(1775553242113)/` or with the writer's
 * offset after the milliseconds (`+0200`: the milliseconds are UTC all the same). Epoch ms; NaN for none.
 */
function dotNetDate(s: usize, e: usize): f64 {
  // `/Date(` is 0x2f 0x44 0x61 0x74 0x65 0x28.
  if (e - s < 9 || load<u32>(s) != 0x7461442f || load<u16>(s + 4) != 0x2865 || load<u16>(e - 2) != 0x2f29) return NaN;
  let i = s + 6;
  const negative = load<u8>(i) == 0x2d;
  if (negative) i++;
  let n: f64 = 0;
  const from = i;
  while (i < e - 2 && isDigit(load<u8>(i))) n = n * 10 + <f64>(load<u8>(i++) - 0x30);
  if (i == from || i - from > 15) return NaN;
  // An offset: a sign and four digits.
  if (i < e - 2) {
    const c = load<u8>(i);
    if ((c != 0x2b && c != 0x2d) || i + 5 != e - 2) return NaN;
    for (let k = i + 1; k < i + 5; k++) if (!isDigit(load<u8>(k))) return NaN;
  }
  const t = negative ? -n : n;
  return t >= <f64>EPOCH_FROM && t <= <f64>MAX_TIME ? t : NaN;
}

/** Days from 1899-12-30, a spreadsheet's day 0, to 1970-01-01; the serials of 2000-01-01 and 2100-01-01. */
const SERIAL_1970: f64 = 25569;
const SERIAL_FROM: f64 = 36526;
const SERIAL_TO: f64 = 73051;

/**
 * A spreadsheet's date-time serial (Excel's, Google Sheets', LibreOffice's: days since 1899-12-30, the
 * fraction the time of day, `46119.38474537037`), as a cell formatted General exports it: a time in --tz
 * (the sheet's wall clock), to the millisecond, from 2000 to 2100 and with a fraction (a whole number may be
 * a count). NaN for anything else.
 */
function spreadsheetSerial(x: f64): f64 {
  if (!(x >= SERIAL_FROM && x < SERIAL_TO) || x == Math.floor(x)) return NaN;
  const t = zoned(Math.round((x - SERIAL_1970) * 86400000));
  return t >= <f64>EPOCH_FROM && t <= <f64>MAX_TIME ? t : NaN;
}
