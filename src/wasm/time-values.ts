// A time field's value: whether it holds a time (a record's time is then in it, or it has none), and a date
// and a time of day in two fields read together — as isValue, holdsTime and pairTime in
// src/extract/record.ts have them.
import { isDigit, lower, placeholder } from './bytes';
import { NONE_WORD_BYTES, NONE_WORD_COUNT, NONE_WORDS, VALUE_LONGEST } from './generated';
import { monthName } from './time-months';
import { valueTime } from './times';

@inline function isBlank(c: u32): bool {
  return c == 0x20 || (c >= 0x09 && c <= 0x0d);
}

@inline function isLetter(c: u32): bool {
  return (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
}

@inline function at(i: usize, e: usize): u32 {
  return i < e ? <u32>load<u8>(i) : 0;
}

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
  if (n >= NONE_WORD_BYTES) return false;
  for (let w = 0; w < NONE_WORD_COUNT; w++) {
    const word = NONE_WORDS + <usize>w * NONE_WORD_BYTES;
    let k: usize = 0;
    while (k < n && lower(<u32>load<u8>(vs + k)) == <u32>load<u8>(word + k)) k++;
    if (k == n && load<u8>(word + n) == 0) return true;
  }
  return false;
}

/** isValue: an ASCII letter or digit, and not a word for none. */
function isValue(s: usize, e: usize): bool {
  if (placeholder(s, e) != 0) return false;
  trim(s, e);
  return !noneWord();
}

/** The trimmed value holds a date's mark, as DATE_MARK in src/extract/record.ts: four digits in a row not after a digit, `.` or `,`; or a month's name (monthName) not after a letter. */
function dateMark(): bool {
  for (let i = vs; i < ve; i++) {
    const c = <u32>load<u8>(i);
    const prev = i > vs ? <u32>load<u8>(i - 1) : 0x20;
    if (isDigit(c)) {
      if (isDigit(prev)) continue;
      let k = i;
      while (k < ve && isDigit(load<u8>(k))) k++;
      if (k - i >= 4 && prev != 0x2e && prev != 0x2c) return true;
      i = k - 1;
    } else if (isLetter(c) && !isLetter(prev) && monthName(i, ve) != 0) return true;
  }
  return false;
}

/** The trimmed value is a time of day alone, as CLOCK in src/extract/record.ts: H[H]:MM[:SS[(.|,)digits]], blanks, [AM|PM]. */
function clockAlone(): bool {
  const e = ve;
  let i = vs;
  while (i < e && isDigit(load<u8>(i))) i++;
  const n = i - vs;
  if (n < 1 || n > 2 || at(i, e) != 0x3a || !isDigit(at(i + 1, e)) || !isDigit(at(i + 2, e))) return false;
  i += 3;
  if (at(i, e) == 0x3a) {
    if (!isDigit(at(i + 1, e)) || !isDigit(at(i + 2, e))) return false;
    i += 3;
    const c = at(i, e);
    if ((c == 0x2e || c == 0x2c) && isDigit(at(i + 1, e))) {
      i++;
      while (i < e && isDigit(load<u8>(i))) i++;
    }
  }
  while (i < e && (load<u8>(i) == 0x20 || load<u8>(i) == 0x09)) i++;
  if (i == e) return true;
  const a = at(i, e) | 0x20;
  return i + 2 == e && (a == 0x61 || a == 0x70) && (at(i + 1, e) | 0x20) == 0x6d;
}

/** holdsTime of a field's string value [s, e). */
export function timeHeld(s: usize, e: usize): bool {
  return isValue(s, e) && dateMark();
}

// The two values pairTime reads as one, copied here.
const PAIR: usize = memory.data(<i32>VALUE_LONGEST + 16, 16);

/**
 * The time of a date's value [ds, de) and a time of day's [cs, ce) read together, as one value (blanks
 * around each aside, one between them); NaN for none (also when either is no value, see isValue, or the time
 * of day is not one alone, see clockAlone: `09:00-10:00` is an hour's range).
 */
export function pairTime(ds: usize, de: usize, cs: usize, ce: usize): f64 {
  if (!isValue(cs, ce) || !clockAlone()) return NaN;
  cs = vs;
  ce = ve;
  if (!isValue(ds, de)) return NaN;
  ds = vs;
  de = ve;
  const n = de - ds + 1 + ce - cs;
  if (n > VALUE_LONGEST) return NaN;
  memory.copy(PAIR, ds, de - ds);
  store<u8>(PAIR + de - ds, 0x20);
  memory.copy(PAIR + de - ds + 1, cs, ce - cs);
  return valueTime(PAIR, PAIR + n);
}
