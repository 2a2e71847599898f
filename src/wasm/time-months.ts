// English month and weekday names, and the areas of IANA zones' names, as the time forms read them
// (src/wasm/time-forms.ts, time-format.ts); the names are generated from src/extract/time-names.ts.
import { byteAt, isAlpha } from './bytes';
import { AREA_BYTES, AREA_COUNT, AREAS, isWeekday, MONTH_BYTES, MONTHS } from './generated';

export { isWeekday };

/** Where the last month name monthName read ends. */
export let monthEnd: usize = 0;

/** Three bytes at i, lower-cased, in one word (0 past e). */
@inline export function three(i: usize, e: usize): u32 {
  return i + 3 > e ? 0 : ((byteAt(i, e) | 0x20) << 16) | ((byteAt(i + 1, e) | 0x20) << 8) | (byteAt(i + 2, e) | 0x20);
}

/** The month (1 to 12) whose name (MONTHS) starts with the three letters of the word w (see three), 0 for none. */
function monthOf(w: u32): i32 {
  for (let m = 0; m < 12; m++) {
    const name = MONTHS + <usize>m * MONTH_BYTES;
    if (((<u32>load<u8>(name) << 16) | (<u32>load<u8>(name + 1) << 8) | <u32>load<u8>(name + 2)) == w) return m + 1;
  }
  return 0;
}

/** The month named at i (its first three letters, or its whole English name, any case), 0 for none; monthEnd after it. */
export function monthName(i: usize, e: usize): i32 {
  const m = monthOf(three(i, e));
  if (m == 0) return 0;
  const name = MONTHS + <usize>(m - 1) * MONTH_BYTES;
  let k = i + 3;
  // The whole name, when it is there.
  let n: usize = 3;
  while (n < MONTH_BYTES && load<u8>(name + n) != 0 && (byteAt(i + n, e) | 0x20) == <u32>load<u8>(name + n)) n++;
  if (n == MONTH_BYTES || load<u8>(name + n) == 0) k = i + n;
  // A month name is not the start of a longer word.
  if (isAlpha(byteAt(k, e))) return 0;
  monthEnd = k;
  return m;
}

/**
 * An IANA zone's name after one blank at j (PHP's error log: `[07-Apr-2026 11:14:02 Europe/Berlin]`): a zone
 * mxscan cannot apply, so the time is none rather than hours off.
 */
export function areaAt(j: usize, e: usize): bool {
  if (byteAt(j, e) != 0x20) return false;
  j++;
  for (let a = 0; a < AREA_COUNT; a++) {
    const name = AREAS + <usize>a * AREA_BYTES;
    let k: usize = 0;
    // Any case: SQL Developer writes a region in capitals (`EUROPE/BERLIN`).
    while (load<u8>(name + k) != 0 && (byteAt(j + k, e) | 0x20) == (<u32>load<u8>(name + k) | 0x20)) k++;
    if (load<u8>(name + k) == 0 && isAlpha(byteAt(j + k, e))) return true;
  }
  return false;
}

/** After a day's number at j, the end of its English ordinal suffix (`7th`, `1st`, `22nd`, `3rd`); j when there is none. */
export function ordinal(j: usize, e: usize): usize {
  const a = byteAt(j, e) | 0x20;
  const b = byteAt(j + 1, e) | 0x20;
  const suffix = (a == 0x73 && b == 0x74) || (a == 0x6e && b == 0x64) || (a == 0x72 && b == 0x64) || (a == 0x74 && b == 0x68);
  return suffix && !isAlpha(byteAt(j + 2, e)) ? j + 2 : j;
}
