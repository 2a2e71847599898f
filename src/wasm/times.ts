// Times: the first ISO-8601 date-time of a line, as src/extract/timestamp.ts finds it.
import { isDigit } from './bytes';

/** Value of the two ASCII digits at i, or -1 (also past e). */
@inline function two(i: usize, e: usize): i32 {
  if (i + 2 > e) return -1;
  const a = <i32>load<u8>(i) - 0x30;
  const b = <i32>load<u8>(i + 1) - 0x30;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

@inline function isLeap(y: i32): bool {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

function daysIn(m: i32, y: i32): i32 {
  if (m == 2) return isLeap(y) ? 29 : 28;
  return m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date. */
function daysFromCivil(y: i32, m: i32, d: i32): i64 {
  const yy: i64 = m <= 2 ? <i64>y - 1 : <i64>y;
  const era: i64 = (yy >= 0 ? yy : yy - 399) / 400;
  const yoe: i64 = yy - era * 400;
  const mp: i64 = m > 2 ? m - 3 : m + 9;
  const doy: i64 = (153 * mp + 2) / 5 + <i64>d - 1;
  const doe: i64 = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// What parseAt found: a time, nothing at this place, or only the full pattern can tell.
export const P_NONE: i32 = 0;
export const P_TIME: i32 = 1;
export const P_UNSURE: i32 = 2;
export let parsed: f64 = 0;
// Where the last reading that found a time ended.
export let parsedEnd: usize = 0;

/**
 * The pattern read greedily at i (the first digit of a year, not after a digit), every optional part as
 * far as it goes (as parseAt in src/extract/timestamp.ts).
 */
// The first 16 bytes (date, hour, minute) parseAt read last with a date-time shape (none at first: those
// start with four digits), and what they gave: whether they are a real date and minute, and its minute
// since the epoch (before any zone offset).
let minuteLo: u64 = 0;
let minuteHi: u64 = 0;
let minuteValid: bool = false;
let minuteOf: i64 = 0;

export function parseAt(i: usize, e: usize): i32 {
  if (i + 16 > e) return P_UNSURE;
  // Lines in a row mostly share their date, hour and minute: the last ones read are kept.
  const lo = load<u64>(i);
  const hi = load<u64>(i, 8);
  if (lo != minuteLo || hi != minuteHi) {
    const y1 = two(i, e);
    const y2 = two(i + 2, e);
    const mo = two(i + 5, e);
    const d = two(i + 8, e);
    const sep = <u32>load<u8>(i + 10);
    const h = two(i + 11, e);
    const mi = two(i + 14, e);
    if (y1 < 0 || y2 < 0 || load<u8>(i + 4) != 0x2d || mo < 0 || load<u8>(i + 7) != 0x2d || d < 0) return P_NONE;
    if ((sep != 0x54 && sep != 0x74 && sep != 0x20) || h < 0 || load<u8>(i + 13) != 0x3a || mi < 0) return P_NONE;
    const y = y1 * 100 + y2;
    minuteValid = mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(mo, y) && h <= 23 && mi <= 59;
    minuteOf = minuteValid ? (daysFromCivil(y, mo, d) * 24 + <i64>h) * 60 + <i64>mi : 0;
    minuteLo = lo;
    minuteHi = hi;
  }
  const valid = minuteValid;
  let j = i + 16;
  let s = 0;
  let ms = 0;
  if (j < e && load<u8>(j) == 0x3a) {
    const ss = two(j + 1, e);
    if (ss >= 0) {
      s = ss;
      j += 3;
      const c = j < e ? <u32>load<u8>(j) : 0;
      if ((c == 0x2e || c == 0x2c) && j + 1 < e && isDigit(load<u8>(j + 1))) {
        let k = j + 1;
        while (k < e && k - j <= 9 && isDigit(load<u8>(k))) {
          if (k - j <= 3) ms = ms * 10 + (<i32>load<u8>(k) - 0x30);
          k++;
        }
        for (let n = <i32>(k - j - 1); n < 3; n++) ms *= 10;
        j = k;
      }
    }
  }
  let offset = 0;
  const z = j < e ? <u32>load<u8>(j) : 0;
  if (z == 0x5a || z == 0x7a) j++;
  else if (z == 0x2b || z == 0x2d) {
    const oh = two(j + 1, e);
    const colon = j + 3 < e && load<u8>(j + 3) == 0x3a;
    const om = two(j + (colon ? 4 : 3), e);
    if (oh >= 0 && om >= 0) {
      if (oh > 23 || om > 59) return P_UNSURE;
      offset = (z == 0x2d ? -1 : 1) * (oh * 60 + om);
      j += colon ? 6 : 5;
    }
  }
  if (j < e && isDigit(load<u8>(j))) return P_UNSURE;
  if (!valid || s > 60) return P_NONE;
  parsedEnd = j;
  const minute: i64 = minuteOf - <i64>offset;
  parsed = <f64>(minute * 60000 + <i64>(s == 60 ? 59 : s) * 1000 + <i64>ms);
  return P_TIME;
}

/**
 * The first ISO-8601 date-time in [s, e) as epoch milliseconds; NaN when there is none; +Infinity when
 * only the full pattern can tell (the caller asks it).
 */
export function timeOf(s: usize, e: usize): f64 {
  for (let d = s + 4; d < e; d++) {
    if (load<u8>(d) != 0x2d) continue;
    const i = d - 4;
    if (!isDigit(load<u8>(i)) || !isDigit(load<u8>(i + 1)) || !isDigit(load<u8>(i + 2)) || !isDigit(load<u8>(i + 3))) continue;
    if (i > s && isDigit(load<u8>(i - 1))) continue;
    const r = parseAt(i, e);
    if (r == P_TIME) return parsed;
    if (r == P_UNSURE) return Infinity;
  }
  return NaN;
}
