// JSON tokens: where a string ends, from a mask of the bytes that can end or break it (`"`, `\`, control
// characters) over 64 bytes at a time, so that the many short strings of a record share one pass of SIMD;
// where a number or a literal ends.
import { isDigit, isHex } from './bytes';

/** Set by skipString: the string held a backslash escape; it held a `_` (its `_` words: see UNDER_STRINGS). */
export let escaped: bool = false;
export let underscored: bool = false;

// The block: bit k of `special` is set when the byte at `block + k` is `"`, `\`, `_` or below 0x20. Bytes past
// the caller's end may be in it (memory holds LOAD_SLACK bytes past any input): a bit there is never taken.
let block: usize = 0;
let special: u64 = 0;

/**
 * No block: the next string computes its own. A validator calls this first, since the bytes may have
 * changed since the last call (block 0 never holds a string: the kernel's own data is below any input).
 */
@inline export function forgetBlock(): void {
  block = 0;
}

/**
 * The bytes among the 16 of v that are not special, as a 16-bit mask: with the quote moved to 0x20 (xor 2,
 * which keeps the control characters below it), a byte above 0x20 reaches 0x80 when 0x5f is added. `_` is
 * special too: the validators note the strings that hold one (see UNDER_STRINGS in src/wasm/json.ts).
 */
@inline function plain16(v: v128): u64 {
  // The constants are loaded from memory: built in registers, they would be kept (and spilled) across
  // every loop of the validator that reads blocks inline.
  const above = i8x16.add_sat_u(v128.xor(v, v128.load(SPLATS)), v128.load(SPLATS, 16));
  const other = v128.or(i8x16.eq(v, v128.load(SPLATS, 32)), i8x16.eq(v, v128.load(SPLATS, 16)));
  return <u64><u32>i8x16.bitmask(v128.andnot(above, other));
}

// 0x02, 0x5f (`_`) and `\`, sixteen of each.
const SPLATS: usize = memory.data<u8>([
  2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0x5f, 0x5f, 0x5f, 0x5f, 0x5f, 0x5f, 0x5f, 0x5f, 0x5f, 0x5f, 0x5f, 0x5f, 0x5f, 0x5f, 0x5f, 0x5f,
  0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c,
], 16);

/** The mask of the special bytes of the 64 at p (bit k: the byte at p + k). */
@inline export function specialBits(p: usize): u64 {
  return ~(plain16(v128.load(p)) | (plain16(v128.load(p, 16)) << 16) | (plain16(v128.load(p, 32)) << 32) | (plain16(v128.load(p, 48)) << 48));
}

/**
 * From just after an opening quote: the index of the closing quote, or -1 when the string is invalid (a
 * control character, a bad escape, no end before e), with whether it held an escape and a `_`. The block
 * moves on to start at i when i is past it.
 */
@inline export function skipString(i: usize, e: usize): isize {
  escaped = false;
  underscored = false;
  while (true) {
    let off = i - block;
    if (off >= 64) {
      if (i >= e) return -1;
      block = i;
      special = specialBits(i);
      off = 0;
    }
    const m = special >> <u64>off;
    if (m == 0) {
      // None in the rest of the block: on from its end.
      i = block + 64;
      continue;
    }
    i += <usize>ctz<u64>(m);
    if (i >= e) return -1;
    const c = <u32>load<u8>(i);
    if (c == 0x22) return <isize>i;
    if (c == 0x5f) {
      underscored = true;
      i++;
      continue;
    }
    if (c < 0x20) return -1;
    // A backslash escape.
    escaped = true;
    if (i + 1 >= e) return -1;
    const x = <u32>load<u8>(i + 1);
    if (x == 0x75) {
      if (i + 5 >= e) return -1;
      if (!isHex(load<u8>(i + 2)) || !isHex(load<u8>(i + 3)) || !isHex(load<u8>(i + 4)) || !isHex(load<u8>(i + 5))) return -1;
      i += 6;
    } else if (x == 0x22 || x == 0x5c || x == 0x2f || x == 0x62 || x == 0x66 || x == 0x6e || x == 0x72 || x == 0x74) {
      i += 2;
    } else return -1;
  }
  return -1;
}

// The masks compactPairs reads the special bytes from, in order, 64 bytes at a time: maskAt is where the
// current one starts. Bits past the end are cleared, so a position read from one is always before it.
export let maskAt: usize = 0;

/** The mask of the 64 bytes at p, none from e on (inline: once per line, before the pairs). */
@inline export function firstBlock(p: usize, e: usize): u64 {
  maskAt = p;
  const bits = specialBits(p);
  return e - p >= 64 ? bits : bits & ((<u64>1 << <u64>(e - p)) - 1);
}

/** The next block's mask that has a special byte (its start in maskAt), or 0 when none comes before e. */
export function nextBlock(e: usize): u64 {
  let p = maskAt + 64;
  while (p < e) {
    let bits = specialBits(p);
    if (e - p < 64) bits &= (<u64>1 << <u64>(e - p)) - 1;
    if (bits != 0) {
      maskAt = p;
      return bits;
    }
    p += 64;
  }
  return 0;
}

/** After a number's first byte (a digit or `-`) at i: its end, or 0 when it is not a JSON number. */
@inline export function skipNumber(i: usize, e: usize): usize {
  let c = <u32>load<u8>(i);
  if (c == 0x2d) {
    i++;
    c = i < e ? <u32>load<u8>(i) : 0;
  }
  if (c == 0x30) i++;
  else if (c >= 0x31 && c <= 0x39) {
    while (i < e && isDigit(load<u8>(i))) i++;
  } else return 0;
  if (i < e && load<u8>(i) == 0x2e) {
    i++;
    if (i >= e || !isDigit(load<u8>(i))) return 0;
    while (i < e && isDigit(load<u8>(i))) i++;
  }
  if (i < e && (load<u8>(i) | 0x20) == 0x65) {
    i++;
    if (i < e && (load<u8>(i) == 0x2b || load<u8>(i) == 0x2d)) i++;
    if (i >= e || !isDigit(load<u8>(i))) return 0;
    while (i < e && isDigit(load<u8>(i))) i++;
  }
  return i;
}

/**
 * skipNumber for compactPairs: a number that starts with 1-9 and is not digits alone for eight bytes ends
 * where they stop (from one load: a byte is a digit when its xor with `0` is at most 9; bit 7 of each byte
 * of `above` is set where it is not), unless a fraction or an exponent follows (`.`, `e`, `E`: read by
 * skipNumber). The end may be past e, or before a byte no number ends at: compactPairs then stops there
 * (its `,` or `}` is not found before e), and the pair is read again token by token.
 */
@inline export function quickNumber(i: usize, e: usize): usize {
  const c = <u32>load<u8>(i);
  if (c >= 0x31 && c <= 0x39) {
    const t = load<u64>(i) ^ 0x3030303030303030;
    const above = (((t & 0x7f7f7f7f7f7f7f7f) + 0x7676767676767676) | t) & 0x8080808080808080;
    if (above != 0) {
      const end = i + <usize>(ctz<u64>(above) >> 3);
      const d = <u32>load<u8>(end) | 0x20;
      if (d != 0x2e && d != 0x65) return end;
    }
  }
  return skipNumber(i, e);
}

/** After `true`, `false` or `null` at i: its end, or 0. */
@inline export function skipLiteral(i: usize, e: usize): usize {
  const c = <u32>load<u8>(i);
  if (c == 0x74 && i + 4 <= e && load<u8>(i + 1) == 0x72 && load<u8>(i + 2) == 0x75 && load<u8>(i + 3) == 0x65) return i + 4;
  if (c == 0x6e && i + 4 <= e && load<u8>(i + 1) == 0x75 && load<u8>(i + 2) == 0x6c && load<u8>(i + 3) == 0x6c) return i + 4;
  if (c == 0x66 && i + 5 <= e && load<u8>(i + 1) == 0x61 && load<u8>(i + 2) == 0x6c && load<u8>(i + 3) == 0x73 && load<u8>(i + 4) == 0x65) return i + 5;
  return 0;
}

/** nextBlock, with the block right after the current one read inline (the common case). */
@inline export function followingBlock(e: usize): u64 {
  const p = maskAt + 64;
  if (p >= e) return 0;
  maskAt = p;
  let bits = specialBits(p);
  if (e - p < 64) bits &= (<u64>1 << <u64>(e - p)) - 1;
  return bits != 0 ? bits : nextBlock(e);
}
