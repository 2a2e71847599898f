// English month and weekday names, and the areas of IANA zones' names, as the time forms read them
// (src/wasm/time-forms.ts, time-format.ts).
import { byteAt, isAlpha } from './bytes';

/** Where the last month name monthName read ends. */
export let monthEnd: usize = 0;

const MONTHS = memory.data<u8>([
  106, 97, 110, 117, 97, 114, 121, 0, 0, // january
  102, 101, 98, 114, 117, 97, 114, 121, 0, // february
  109, 97, 114, 99, 104, 0, 0, 0, 0, // march
  97, 112, 114, 105, 108, 0, 0, 0, 0, // april
  109, 97, 121, 0, 0, 0, 0, 0, 0, // may
  106, 117, 110, 101, 0, 0, 0, 0, 0, // june
  106, 117, 108, 121, 0, 0, 0, 0, 0, // july
  97, 117, 103, 117, 115, 116, 0, 0, 0, // august
  115, 101, 112, 116, 101, 109, 98, 101, 114, // september
  111, 99, 116, 111, 98, 101, 114, 0, 0, // october
  110, 111, 118, 101, 109, 98, 101, 114, 0, // november
  100, 101, 99, 101, 109, 98, 101, 114, 0, // december
]);

/** Three bytes at i, lower-cased, in one word (0 past e). */
@inline export function three(i: usize, e: usize): u32 {
  return i + 3 > e ? 0 : ((byteAt(i, e) | 0x20) << 16) | ((byteAt(i + 1, e) | 0x20) << 8) | (byteAt(i + 2, e) | 0x20);
}

/** The month (1 to 12) whose name (MONTHS) starts with the three letters of the word w (see three), 0 for none. */
function monthOf(w: u32): i32 {
  for (let m = 0; m < 12; m++) {
    const name = MONTHS + <usize>(m * 9);
    if (((<u32>load<u8>(name) << 16) | (<u32>load<u8>(name + 1) << 8) | <u32>load<u8>(name + 2)) == w) return m + 1;
  }
  return 0;
}

/** Is the word w (see three) the first three letters of a weekday? */
export function isWeekday(w: u32): bool {
  return w == 0x6d6f6e || w == 0x747565 || w == 0x776564 || w == 0x746875 || w == 0x667269 || w == 0x736174 || w == 0x73756e;
}

/** The month named at i (its first three letters, or its whole English name, any case), 0 for none; monthEnd after it. */
export function monthName(i: usize, e: usize): i32 {
  const m = monthOf(three(i, e));
  if (m == 0) return 0;
  const name = MONTHS + <usize>((m - 1) * 9);
  let k = i + 3;
  // The whole name, when it is there.
  let n: usize = 3;
  while (n < 9 && load<u8>(name + n) != 0 && (byteAt(i + n, e) | 0x20) == <u32>load<u8>(name + n)) n++;
  if (n == 9 || load<u8>(name + n) == 0) k = i + n;
  // A month name is not the start of a longer word.
  if (isAlpha(byteAt(k, e))) return 0;
  monthEnd = k;
  return m;
}

// The areas of the IANA zones' names (`Europe/Berlin`), each followed by `/`.
const AREAS = memory.data<u8>([
  // Africa/ America/ Antarctica/ Arctic/ Asia/ Atlantic/ Australia/ Europe/ Indian/ Pacific/ Etc/
  0x41, 0x66, 0x72, 0x69, 0x63, 0x61, 0x2f, 0, 0, 0, 0, 0,
  0x41, 0x6d, 0x65, 0x72, 0x69, 0x63, 0x61, 0x2f, 0, 0, 0, 0,
  0x41, 0x6e, 0x74, 0x61, 0x72, 0x63, 0x74, 0x69, 0x63, 0x61, 0x2f, 0,
  0x41, 0x72, 0x63, 0x74, 0x69, 0x63, 0x2f, 0, 0, 0, 0, 0,
  0x41, 0x73, 0x69, 0x61, 0x2f, 0, 0, 0, 0, 0, 0, 0,
  0x41, 0x74, 0x6c, 0x61, 0x6e, 0x74, 0x69, 0x63, 0x2f, 0, 0, 0,
  0x41, 0x75, 0x73, 0x74, 0x72, 0x61, 0x6c, 0x69, 0x61, 0x2f, 0, 0,
  0x45, 0x75, 0x72, 0x6f, 0x70, 0x65, 0x2f, 0, 0, 0, 0, 0,
  0x49, 0x6e, 0x64, 0x69, 0x61, 0x6e, 0x2f, 0, 0, 0, 0, 0,
  0x50, 0x61, 0x63, 0x69, 0x66, 0x69, 0x63, 0x2f, 0, 0, 0, 0,
  0x45, 0x74, 0x63, 0x2f, 0, 0, 0, 0, 0, 0, 0, 0,
]);

/**
 * An IANA zone's name after one blank at j (PHP's error log: `[07-Apr-2026 11:14:02 Europe/Berlin]`): a zone
 * mxscan cannot apply, so the time is none rather than hours off.
 */
export function areaAt(j: usize, e: usize): bool {
  if (byteAt(j, e) != 0x20) return false;
  j++;
  for (let a = 0; a < 11; a++) {
    const name = AREAS + <usize>(a * 12);
    let k: usize = 0;
    while (load<u8>(name + k) != 0 && byteAt(j + k, e) == <u32>load<u8>(name + k)) k++;
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
