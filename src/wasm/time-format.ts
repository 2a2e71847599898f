// The --time-format pattern: steps compiled by src/extract/time-format.ts (one byte each, a literal byte
// after F_LITERAL), read here at a position.
import { byteAt, isDigit } from './bytes';
import {
  F_AMPM, F_DAY, F_DAY_SPACE, F_EPOCH, F_FRACTION, F_DOT_FRACTION, F_HOUR, F_HOUR12, F_LITERAL, F_MINUTE, F_MONTH, F_MONTH_NAME, F_SECOND,
  F_SPACES, F_WEEKDAY, F_YEAR, F_YEAR2, F_ZONE,
} from './generated';
import { civil, FORMAT, formatLength, IN_ZONE, ruleYear, yearOf } from './time-civil';
import { digits, monthAt, numEnd, offset, zoneAt } from './time-parts';

// Where the last reading that found a time ended.
export let formatEnd: usize = 0;

// Where the last fraction read ended (numEnd belongs to time-forms: a fraction is read here).
let fractionEnd: usize = 0;

/** The digits of a fraction at j (1 to 9) as milliseconds; -1 for none. fractionEnd after them. */
function fraction(j: usize, e: usize): i32 {
  let k = j;
  let ms = 0;
  while (k < e && isDigit(load<u8>(k)) && k - j < 9) {
    if (k - j < 3) ms = ms * 10 + (<i32>load<u8>(k) - 0x30);
    k++;
  }
  if (k == j || (k < e && isDigit(load<u8>(k)))) return -1;
  for (let n = <i32>(k - j); n < 3; n++) ms *= 10;
  fractionEnd = k;
  return ms;
}

/** The pattern read at i: epoch ms, NaN when the bytes there do not follow it (or are not a real time). */
export function formatAt(i: usize, e: usize): f64 {
  const n = <usize>formatLength();
  // No year in the pattern: the caller's (see yearOf, once the month is read).
  let y = -1;
  let mo = 1;
  let d = 1;
  let h = 0;
  let mi = 0;
  let s = 0;
  let ms = 0;
  let pm = -1;
  let zone = IN_ZONE;
  let epoch: f64 = NaN;
  let j = i;
  for (let k: usize = 0; k < n; k++) {
    const op = <i32>load<u8>(FORMAT + k);
    let v = 0;
    if (op == F_LITERAL) {
      if (byteAt(j, e) != <u32>load<u8>(FORMAT + ++k)) return NaN;
      j++;
      continue;
    }
    if (op == F_SPACES) {
      const from = j;
      while (j < e && (load<u8>(j) == 0x20 || load<u8>(j) == 0x09)) j++;
      if (j == from) return NaN;
      continue;
    }
    if (op == F_YEAR) v = y = digits(j, e, 4, 4, true);
    else if (op == F_YEAR2) {
      v = digits(j, e, 2, 2, true);
      y = 2000 + v;
    } else if (op == F_MONTH) v = mo = digits(j, e, 1, 2, true);
    else if (op == F_DAY) v = d = digits(j, e, 1, 2, true);
    else if (op == F_DAY_SPACE) v = d = digits(byteAt(j, e) == 0x20 ? j + 1 : j, e, 1, 2, true);
    else if (op == F_HOUR || op == F_HOUR12) v = h = digits(j, e, 1, 2, true);
    else if (op == F_MINUTE) v = mi = digits(j, e, 1, 2, true);
    else if (op == F_SECOND) v = s = digits(j, e, 1, 2, true);
    else if (op == F_FRACTION || op == F_DOT_FRACTION) {
      // %.f is optional: `.` or `,` and digits, or nothing. What follows is read after the digits.
      const c = byteAt(j, e);
      if (op == F_DOT_FRACTION && !((c == 0x2e || c == 0x2c) && isDigit(byteAt(j + 1, e)))) {
        ms = 0;
        continue;
      }
      ms = fraction(op == F_DOT_FRACTION ? j + 1 : j, e);
      if (ms < 0) return NaN;
      j = fractionEnd;
      continue;
    } else if (op == F_MONTH_NAME) {
      mo = monthAt(j, e);
      if (mo == 0) return NaN;
    } else if (op == F_WEEKDAY) {
      let k2 = j;
      while (k2 < e && ((load<u8>(k2) | 0x20) >= 0x61 && (load<u8>(k2) | 0x20) <= 0x7a)) k2++;
      if (k2 - j < 3) return NaN;
      j = k2;
      continue;
    } else if (op == F_AMPM) {
      const a = byteAt(j, e) | 0x20;
      if ((a != 0x61 && a != 0x70) || (byteAt(j + 1, e) | 0x20) != 0x6d) return NaN;
      pm = a == 0x70 ? 1 : 0;
      j += 2;
      continue;
    } else if (op == F_ZONE) {
      zoneAt(j, e);
      if (offset == IN_ZONE) return NaN;
      zone = offset;
    } else if (op == F_EPOCH) {
      let t: f64 = 0;
      let k2 = j;
      while (k2 < e && isDigit(load<u8>(k2)) && k2 - j < 12) t = t * 10 + <f64>(load<u8>(k2++) - 0x30);
      if (k2 == j) return NaN;
      epoch = t * 1000;
      j = k2;
      continue;
    }
    if (v < 0) return NaN;
    j = numEnd;
  }
  if (isDigit(byteAt(j, e))) return NaN;
  if (y < 0) {
    if (ruleYear() <= 0) return NaN;
    y = yearOf(mo);
  }
  formatEnd = j;
  if (!isNaN(epoch)) return epoch + <f64>ms;
  if (pm >= 0) {
    if (h < 1 || h > 12) return NaN;
    h = pm == 1 ? (h % 12) + 12 : h % 12;
  }
  return civil(y, mo, d, h, mi, s, ms, zone);
}
