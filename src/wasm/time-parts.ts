// The parts a time is read from, byte by byte: numbers, a year, blanks, a month's name, a clock, a zone and
// AM/PM. Each reader leaves where it stopped in numEnd, and what it read in the values below.
import { byteAt, isAlpha, isDigit } from './bytes';
import { ZONE_ABBR_COUNT, ZONE_ABBR_OFFSETS, ZONE_ABBRS } from './generated';
import { IN_ZONE } from './time-civil';
import { monthEnd, monthName } from './time-months';

// What the readers below read last, and where they stopped.
export let numEnd: usize = 0;
export let hour: i32 = 0;
export let minute: i32 = 0;
export let second: i32 = 0;
export let milli: i32 = 0;
/** The digits of the fraction clockAt read last (0: none). */
export let fraction: i32 = 0;
export let offset: i32 = 0;

/**
 * The number of min to max digits at i (numEnd after them), -1 when there are fewer, or more unless `glued`
 * (a pattern's `%Y%m%d`: the next number follows at once).
 */
export function digits(i: usize, e: usize, min: i32, max: i32, glued: bool = false): i32 {
  let n = 0;
  let k = i;
  while (k < e && isDigit(load<u8>(k)) && <i32>(k - i) < max) n = n * 10 + (<i32>load<u8>(k++) - 0x30);
  if (<i32>(k - i) < min || (!glued && k < e && isDigit(load<u8>(k)))) return -1;
  numEnd = k;
  return n;
}

/** A year of four digits, or two (Oracle's RR: 00-49 20YY, 50-99 19YY) at i, -1 for none; numEnd after it. */
export function year(i: usize, e: usize): i32 {
  const y = digits(i, e, 2, 4);
  if (y < 0 || numEnd - i == 3) return -1;
  return numEnd - i == 2 ? (y < 50 ? 2000 : 1900) + y : y;
}

/** Blanks (spaces, tabs) from i on; numEnd after them. How many. */
@inline export function blanks(i: usize, e: usize): i32 {
  let k = i;
  while (k < e && (load<u8>(k) == 0x20 || load<u8>(k) == 0x09)) k++;
  numEnd = k;
  return <i32>(k - i);
}

/** The month named at i (its first three letters, or its whole English name, any case), 0 for none; numEnd after it. */
export function monthAt(i: usize, e: usize): i32 {
  const m = monthName(i, e);
  if (m != 0) numEnd = monthEnd;
  return m;
}

/** A clock at i: H[H]:MM[:SS[(.|,)fraction]] (hour, minute, second, milli; numEnd after it), or with `sep` for `:` (Oracle's `09.14.02.113`). */
export function clockAt(i: usize, e: usize, needSeconds: bool, sep: u32 = 0x3a): bool {
  const h = digits(i, e, 1, 2);
  if (h < 0 || byteAt(numEnd, e) != sep) return false;
  const mi = digits(numEnd + 1, e, 2, 2);
  if (mi < 0) return false;
  let j = numEnd;
  let s = 0;
  let ms = 0;
  let f = 0;
  if (byteAt(j, e) == sep) {
    const ss = digits(j + 1, e, 2, 2);
    if (ss < 0) return false;
    s = ss;
    j = numEnd;
    const c = byteAt(j, e);
    // A fraction after `.`, or `,` where `:` separates the clock's parts.
    if ((c == 0x2e || (c == 0x2c && sep == 0x3a)) && isDigit(byteAt(j + 1, e))) {
      let k = j + 1;
      while (k < e && isDigit(load<u8>(k))) {
        if (k - j <= 3) ms = ms * 10 + (<i32>load<u8>(k) - 0x30);
        k++;
      }
      for (let n = <i32>(k - j - 1); n < 3; n++) ms *= 10;
      if (k - j - 1 > 9) return false;
      f = <i32>(k - j - 1);
      j = k;
    }
  } else if (needSeconds) return false;
  hour = h;
  minute = mi;
  second = s;
  milli = ms;
  fraction = f;
  numEnd = j;
  return true;
}

/**
 * A zone after a time at j: optional blanks, then `±hh[:]mm` or a zone's name (zoneNameAt), that name in
 * parentheses too (the AWS console's `December 07, 2026, 12:14:02 (UTC+01:00)`); offset (minutes, or IN_ZONE
 * when there is none) and numEnd after it (j when there is none).
 */
export function zoneAt(j: usize, e: usize): void {
  offset = IN_ZONE;
  numEnd = j;
  let k = j;
  while (k < e && load<u8>(k) == 0x20) k++;
  const c = byteAt(k, e);
  if (c == 0x2b || c == 0x2d) {
    const oh = digits(k + 1, e, 2, 2);
    if (oh < 0 && !(isDigit(byteAt(k + 1, e)) && isDigit(byteAt(k + 2, e)))) return;
    const h = oh >= 0 ? oh : (<i32>byteAt(k + 1, e) - 0x30) * 10 + (<i32>byteAt(k + 2, e) - 0x30);
    let m = -1;
    let end: usize = 0;
    if (byteAt(k + 3, e) == 0x3a) {
      m = digits(k + 4, e, 2, 2);
      end = k + 6;
    } else if (isDigit(byteAt(k + 3, e))) {
      m = digits(k + 3, e, 2, 2);
      end = k + 5;
    }
    if (m < 0 || h > 23 || m > 59) {
      numEnd = j;
      return;
    }
    offset = (c == 0x2d ? -1 : 1) * (h * 60 + m);
    numEnd = end;
    return;
  }
  if (c == 0x28) {
    if (!zoneNameAt(k + 1, e) || byteAt(numEnd, e) != 0x29) {
      offset = IN_ZONE;
      numEnd = j;
      return;
    }
    numEnd++;
    return;
  }
  if (!zoneNameAt(k, e)) numEnd = j;
}

/**
 * A zone's name at k: `Z`, `UTC`, `GMT` or `UT` in any case (an offset glued after the last three:
 * `GMT+0200`, `UTC-05:00`, as JavaScript's Date.toString and .NET write them), or an abbreviation of
 * src/extract/time-names.ts ZONE_ABBREVIATIONS in capitals (`CEST`, `EDT`); no letter after it. True, with
 * offset and numEnd after it, when there is one.
 */
export function zoneNameAt(k: usize, e: usize): bool {
  const c = byteAt(k, e);
  const u = c | 0x20;
  let end: usize = 0;
  if (u == 0x7a) end = k + 1;
  else if (u == 0x75 && (byteAt(k + 1, e) | 0x20) == 0x74) end = (byteAt(k + 2, e) | 0x20) == 0x63 ? k + 3 : k + 2;
  else if (u == 0x67 && (byteAt(k + 1, e) | 0x20) == 0x6d && (byteAt(k + 2, e) | 0x20) == 0x74) end = k + 3;
  if (end != 0 && !isAlpha(byteAt(end, e))) {
    offset = 0;
    numEnd = end;
    const sign = byteAt(end, e);
    if (u != 0x7a && (sign == 0x2b || sign == 0x2d)) {
      zoneAt(end, e);
      // The hours without minutes (`GMT+2`, `GMT+10`, `UTC-5`, `UTC+5:30`: Windows', Java's custom zone IDs,
      // JavaScript's toLocaleString with timeZoneName short).
      if (offset == IN_ZONE && isDigit(byteAt(end + 1, e))) hoursAlone(end, e);
      if (offset == IN_ZONE) {
        offset = 0;
        numEnd = end;
      }
    }
    return true;
  }
  return abbreviationAt(k, e);
}

/** `±h`, `±hh`, `±h:mm` at k (an offset zones have, see realOffset; no digit after it): offset and numEnd after it, else offset IN_ZONE. */
function hoursAlone(k: usize, e: usize): void {
  const two = isDigit(byteAt(k + 2, e));
  const h = two ? (<i32>byteAt(k + 1, e) - 0x30) * 10 + (<i32>byteAt(k + 2, e) - 0x30) : <i32>byteAt(k + 1, e) - 0x30;
  let m = 0;
  let end = k + (two ? 3 : 2);
  if (byteAt(end, e) == 0x3a) {
    m = digits(end + 1, e, 2, 2);
    end += 3;
  }
  if (m < 0 || isDigit(byteAt(end, e)) || !realOffset(h, m)) return;
  offset = (byteAt(k, e) == 0x2d ? -1 : 1) * (h * 60 + m);
  numEnd = end;
}

/** A zone abbreviation (ZONE_ABBRS: three or four capitals, no letter after them) at k: offset and numEnd after it. */
function abbreviationAt(k: usize, e: usize): bool {
  let n: usize = 0;
  let w: u32 = 0;
  while (n < 5 && isUpper(byteAt(k + n, e))) {
    if (n < 4) w |= byteAt(k + n, e) << (<u32>n * 8);
    n++;
  }
  if (n < 3 || n > 4 || isAlpha(byteAt(k + n, e))) return false;
  for (let i = 0; i < ZONE_ABBR_COUNT; i++) {
    if (load<u32>(ZONE_ABBRS + (<usize>i << 2)) == w) {
      offset = load<i32>(ZONE_ABBR_OFFSETS + (<usize>i << 2));
      numEnd = k + n;
      return true;
    }
  }
  return false;
}

@inline function isUpper(c: u32): bool {
  return c >= 0x41 && c <= 0x5a;
}

/**
 * AM or PM at j (one blank before it at most), in any case, or with dots (`p.m.`, `p. m.`, as English prose
 * and Spanish locales write it): the hour on a 24-hour clock, -1 when hour does not fit it; j unchanged when
 * there is none.
 */
export function meridiem(j: usize, e: usize, h: i32): i32 {
  let k = j;
  if (byteAt(k, e) == 0x20) k++;
  const a = byteAt(k, e) | 0x20;
  let m = k + 1;
  const dotted = byteAt(m, e) == 0x2e;
  if (dotted) m += byteAt(m + 1, e) == 0x20 ? 2 : 1;
  let end = m + 1;
  if (dotted && byteAt(end, e) == 0x2e) end++;
  if ((a != 0x61 && a != 0x70) || (byteAt(m, e) | 0x20) != 0x6d || isAlpha(byteAt(end, e))) {
    numEnd = j;
    return h;
  }
  numEnd = end;
  if (h < 1 || h > 12) return -1;
  return a == 0x70 ? (h % 12) + 12 : h % 12;
}

/** The meridiem meridiem read last (numEnd after it) was written with dots (`p.m.`): no word's letters. */
export function meridiemDotted(): bool {
  return load<u8>(numEnd - 1) == 0x2e || load<u8>(numEnd - 2) == 0x2e;
}

/** An offset zones have (up to 14 hours; 0, 30 or 45 minutes): what one must be to be read as one. */
@inline export function realOffset(h: i32, m: i32): bool {
  return h <= 14 && (m == 0 || m == 30 || m == 45);
}

/**
 * A zone glued at k, as after a time of day alone: `Z`, or an offset zones have (realOffset) as `±hh:mm`,
 * `±hhmm` or `±hh`, no digit after it. True, with offset and numEnd after it, when there is one.
 */
export function gluedZone(k: usize, e: usize): bool {
  const sign = byteAt(k, e);
  if ((sign | 0x20) == 0x7a) {
    offset = 0;
    numEnd = k + 1;
    return true;
  }
  if ((sign != 0x2b && sign != 0x2d) || !isDigit(byteAt(k + 1, e)) || !isDigit(byteAt(k + 2, e))) return false;
  const h = (<i32>byteAt(k + 1, e) - 0x30) * 10 + (<i32>byteAt(k + 2, e) - 0x30);
  let m = 0;
  let end = k + 3;
  const c = byteAt(end, e);
  if (c == 0x3a || isDigit(c)) {
    const at = c == 0x3a ? end + 1 : end;
    if (!isDigit(byteAt(at, e)) || !isDigit(byteAt(at + 1, e))) return false;
    m = (<i32>byteAt(at, e) - 0x30) * 10 + (<i32>byteAt(at + 1, e) - 0x30);
    end = at + 2;
  }
  if (isDigit(byteAt(end, e)) || !realOffset(h, m)) return false;
  offset = (sign == 0x2d ? -1 : 1) * (h * 60 + m);
  numEnd = end;
  return true;
}

/** The clock clockAt read last, as ms since midnight (a leap second as :59), AM or PM after it at numEnd read too (numEnd after it); -1 when the hour does not fit them. */
export function clockOfDay(e: usize): f64 {
  const h = meridiem(numEnd, e, hour);
  return h < 0 ? -1 : <f64>(((h * 60 + minute) * 60 + (second > 59 ? 59 : second)) * 1000 + milli);
}
