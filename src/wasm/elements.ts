// JSON arrays: where an element ends, as src/input/json-split.ts (elementEnd) finds it; the fast path's
// property tests hold the two to the same answers.

/**
 * Where the element starting at s ends: its delimiter (`,` or `]` outside strings and nesting), or -1 when
 * none comes before `to`. A string ends at the first quote not escaped by a backslash; a stray `}` at the
 * top stays in the element. Strings are read sixteen bytes at a time while they hold no `"` or `\`.
 */
export function elementEnd(s: usize, to: usize): isize {
  const quote = i8x16.splat(0x22);
  const backslash = i8x16.splat(0x5c);
  let depth: i32 = 0;
  let i = s;
  while (i < to) {
    const c = <u32>load<u8>(i);
    if (c == 0x22) {
      i++;
      while (true) {
        while (i + 16 <= to) {
          const v = v128.load(i);
          const bits = i8x16.bitmask(v128.or(i8x16.eq(v, quote), i8x16.eq(v, backslash)));
          if (bits == 0) {
            i += 16;
            continue;
          }
          i += <usize>ctz<i32>(bits);
          break;
        }
        if (i >= to) return -1;
        const d = <u32>load<u8>(i);
        if (d == 0x22) break;
        // A backslash takes the byte after it (which may be a quote).
        i += d == 0x5c ? 2 : 1;
      }
    } else if (c == 0x7b || c == 0x5b) depth++;
    else if (c == 0x7d || c == 0x5d) {
      if (depth > 0) depth--;
      else if (c == 0x5d) return <isize>i;
    } else if (c == 0x2c && depth == 0) return <isize>i;
    i++;
  }
  return -1;
}
