// Bytes: character classes (generated from the rules' tables), searching and hashing.
import { C_ALPHA, C_HEX, C_WORD, CLASSES } from './generated';

@inline export function hasClass(c: u32, bits: u8): bool {
  return (load<u8>(CLASSES + <usize>c) & bits) != 0;
}
@inline export function isAlpha(c: u32): bool {
  return hasClass(c, C_ALPHA);
}
/** An ASCII letter or digit. */
@inline export function isAlnum(c: u32): bool {
  return isDigit(c) || isAlpha(c);
}
@inline export function isWord(c: u32): bool {
  return hasClass(c, C_WORD);
}

/** Which of the 16 bytes v are in a class, as a vector (non-zero where they are), from its nibble tables. */
@inline export function classOf(v: v128, nibbles: usize): v128 {
  // The high nibbles by a 16-bit shift and a mask: x64 has no byte shift, and its stand-in costs more.
  const low = i8x16.splat(0x0f);
  return v128.and(i8x16.swizzle(v128.load(nibbles), v128.and(v, low)), i8x16.swizzle(v128.load(nibbles, 16), v128.and(i16x8.shr_u(v, 4), low)));
}

/** A 32-bit mask of the bytes of a and b (the 32 bytes at some p: bit k, the byte at p + k) that are non-zero. */
@inline export function bits32(a: v128, b: v128): u32 {
  const z = i8x16.splat(0);
  return ~(<u32>i8x16.bitmask(i8x16.eq(a, z)) | (<u32>i8x16.bitmask(i8x16.eq(b, z)) << 16));
}

/**
 * Which of the 32 bytes at p are in a class, as a 32-bit mask (bit k: the byte at p + k), from the class's
 * nibble tables (NIBBLES_*, generated with CLASSES): two swizzles per 16 bytes in place of 16 lookups.
 */
@inline export function classMask32(p: usize, nibbles: usize): u32 {
  return bits32(classOf(v128.load(p), nibbles), classOf(v128.load(p, 16), nibbles));
}

// The caller grows the memory to LOAD_SLACK bytes past any bytes it hands in (src/fast/kernel-base.ts), so
// 32 bytes can be loaded at any position before the end of those bytes; what is read past it is masked off.

/**
 * Where the run of a class's bytes that ends at q starts (not before `start`), 32 bytes at a time: the last
 * byte before q not in the class, by its bit. Memory below any text holds the kernels' own data, so q - 32
 * is always inside it; the bytes before `start` count as not in the class.
 */
@inline export function runStart(q: usize, start: usize, nibbles: usize): usize {
  let p = q;
  while (p > start) {
    let stop = ~classMask32(p - 32, nibbles);
    if (p - start < 32) stop |= <u32>((<u64>1 << <u64>(32 - (p - start))) - 1);
    if (stop != 0) return p - <usize>clz<u32>(stop);
    p -= 32;
  }
  return start;
}

/** Where the run of a class's bytes (`nibbles`: its tables) that starts at p ends (not after `end`). */
@inline export function runEnd(p: usize, end: usize, nibbles: usize): usize {
  while (p < end) {
    const stop = ~classMask32(p, nibbles);
    if (stop != 0) return min(end, p + <usize>ctz<u32>(stop));
    p += 32;
  }
  return end;
}

/** Which of the 32 bytes a, b are c, as a 32-bit mask. */
@inline export function byteBits32(a: v128, b: v128, c: u8): u32 {
  const w = i8x16.splat(c);
  return <u32>i8x16.bitmask(i8x16.eq(a, w)) | (<u32>i8x16.bitmask(i8x16.eq(b, w)) << 16);
}

/** No byte of [s, e) is 0x80 or above, 16 bytes a round (their top bits; past e masked off, see LOAD_SLACK). */
@inline export function isAscii(s: usize, e: usize): bool {
  let i = s;
  while (e - i > 16) {
    if (i8x16.bitmask(v128.load(i)) != 0) return false;
    i += 16;
  }
  return (<u32>i8x16.bitmask(v128.load(i)) & ((<u32>1 << <u32>(e - i)) - 1)) == 0;
}

/** JSON whitespace. */
@inline export function isWs(c: u32): bool {
  // Bits 9, 10, 13 and 32: one shift, not four compares.
  return c <= 0x20 && ((<u64>0x100002600 >> <u64>c) & 1) != 0;
}

/**
 * Past JSON white space from i (at most to e), sixteen bytes a round: a pretty-printed text's line break and
 * indentation in one or two (bytes past e may be read: see LOAD_SLACK).
 */
export function skipJsonWs(i: usize, e: usize): usize {
  // Read from memory, not built per call: tab, `\n` and `\r` by a table lookup (a byte from 16 up looks up 0), then the space.
  const table = v128.load(JSON_WS);
  const sp = v128.load(JSON_WS, 16);
  while (i < e) {
    const v = v128.load(i);
    const other = ~<u32>i8x16.bitmask(v128.or(i8x16.swizzle(table, v), i8x16.eq(v, sp))) & 0xffff;
    if (other != 0) {
      const at = i + <usize>ctz<u32>(other);
      return at < e ? at : e;
    }
    i += 16;
  }
  return e;
}

// 0xff at tab, `\n` and `\r` of the first sixteen; sixteen spaces.
const JSON_WS: usize = memory.data<u8>([
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0xff, 0, 0,
  0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
], 16);

/** A hex digit (src/extract/chars.ts HEX, through the generated classes); c a byte. */
@inline export function isHex(c: u32): bool {
  return hasClass(c, C_HEX);
}

@inline export function isDigit(c: u32): bool {
  return c >= 0x30 && c <= 0x39;
}

/** A blank around a value: a space or an ASCII control from tab to carriage return. */
@inline export function isBlank(c: u32): bool {
  return c == 0x20 || (c >= 0x09 && c <= 0x0d);
}

/** The byte at i, 0 at or past e. */
@inline export function byteAt(i: usize, e: usize): u32 {
  return i < e ? <u32>load<u8>(i) : 0;
}

@inline export function isSpace(c: u32): bool {
  return c == 0x20 || c == 0x09;
}

/** Is the byte printable ASCII (nothing `trim` would take off)? */
@inline export function isPlain(c: u32): bool {
  return c > 0x20 && c < 0x7f;
}

/**
 * A code field's value [s, e) as src/extract/record.ts's fieldCode has it: 0 when a byte is an ASCII
 * letter or digit (a value), 1 when none is and all are ASCII (a placeholder such as Kibana's `-`: no
 * value), -1 when only the caller can tell (bytes past ASCII, which may spell a letter).
 */
export function placeholder(s: usize, e: usize): i32 {
  let high = false;
  for (let i = s; i < e; i++) {
    const c = <u32>load<u8>(i);
    if (isDigit(c) || isAlpha(c)) return 0;
    if (c >= 0x80) high = true;
  }
  return high ? -1 : 1;
}

@inline export function lower(c: u32): u32 {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/** Eight bytes with A-Z lower-cased (other bytes, UTF-8 ones included, as they are). */
@inline export function lower8(w: u64): u64 {
  const low = w & 0x7f7f7f7f7f7f7f7f;
  const aboveZ = low + 0x2525252525252525; // high bit set where the byte is above `Z`
  const fromA = low + 0x3f3f3f3f3f3f3f3f; // high bit set where the byte is `A` or above
  const upper = (fromA ^ aboveZ) & ~w & 0x8080808080808080;
  return w | (upper >> 2);
}

// Both hashes of the last hashBoth call.
export let hash1: u32 = 0;
export let hash2: u32 = 0;

const K1: u64 = 0xff51afd7ed558ccd;
const K2: u64 = 0xc4ceb9fe1a85ec53;

// 16 bytes of 0xff then 16 of 0: the 16 at HEAD_MASK + 16 - n keep the first n bytes of 16.
const HEAD_MASK: usize = memory.data<u8>([255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 16);

/** 16 bytes with A-Z lower-cased (as lower8). */
@inline function lower16(v: v128): v128 {
  // A-Z move to the 26 lowest signed bytes (0x80 on): one signed compare finds them.
  const upper = i8x16.lt_s(i8x16.add(v, i8x16.splat(0x3f)), i8x16.splat(<i8>(0x80 + 26)));
  return v128.or(v, v128.and(upper, i8x16.splat(0x20)));
}

@inline function round(h: u64, w: u64): u64 {
  return rotl<u64>((h ^ w) * K1, 29);
}

/**
 * A 64-bit hash of the ASCII-lower-cased bytes [s, e), eight bytes a round (a multiply and a rotation, each
 * round one-to-one in the state: inputs of one length that differ in one word never meet), the last word
 * zero-padded, the length in the seed, mixed once at the end: with both halves and the length, an account
 * is told from another without its bytes. The bytes are lower-cased 16 at a time; the last 16 loaded may
 * run past e (see LOAD_SLACK), masked to those before it.
 */
@inline export function hash64(s: usize, e: usize): u64 {
  const n = e - s;
  let h: u64 = <u64>n * 0x9e3779b97f4a7c15;
  if (n > 0) {
    let i = s;
    while (e - i > 16) {
      const v = lower16(v128.load(i));
      h = round(round(h, i64x2.extract_lane(v, 0)), i64x2.extract_lane(v, 1));
      i += 16;
    }
    const v = lower16(v128.and(v128.load(i), v128.load(HEAD_MASK + 16 - (e - i))));
    h = round(h, i64x2.extract_lane(v, 0));
    if (e - i > 8) h = round(h, i64x2.extract_lane(v, 1));
  }
  h ^= h >> 32;
  h *= K2;
  return h ^ (h >> 29);
}

/** hash64 of [s, e), split into hash1 (low half) and hash2. */
export function hashBoth(s: usize, e: usize): void {
  const h = hash64(s, e);
  hash1 = <u32>h;
  hash2 = <u32>(h >> 32);
}

/** FNV-1a of the ASCII-lower-cased bytes [s, e): the hash the scanners' tables are keyed by. */
export function hashLower(s: usize, e: usize): u32 {
  let h: u32 = 0x811c9dc5;
  for (let i = s; i < e; i++) {
    let c = <u32>load<u8>(i);
    if (c >= 65 && c <= 90) c += 32;
    h = (h ^ c) * 0x01000193;
  }
  return h;
}

/** The first byte c in [i, e), or e, 32 bytes at a time. */
@inline export function nextByte(i: usize, e: usize, c: u8): usize {
  const wanted = i8x16.splat(c);
  while (i + 32 <= e) {
    const a = i8x16.eq(v128.load(i), wanted);
    const b = i8x16.eq(v128.load(i, 16), wanted);
    if (v128.any_true(v128.or(a, b))) return i + <usize>ctz<u32>(<u32>i8x16.bitmask(a) | (<u32>i8x16.bitmask(b) << 16));
    i += 32;
  }
  while (i + 16 <= e) {
    const bits = i8x16.bitmask(i8x16.eq(v128.load(i), wanted));
    if (bits != 0) return i + <usize>ctz<i32>(bits);
    i += 16;
  }
  while (i < e && load<u8>(i) != c) i++;
  return i;
}

/** Are the n bytes at `word` at i (before e)? */
@inline export function bytesAt(i: usize, e: usize, word: usize, n: usize): bool {
  if (i + n > e) return false;
  for (let k: usize = 0; k < n; k++) if (load<u8>(i + k) != load<u8>(word + k)) return false;
  return true;
}

/** The length of a JSON string's escaped blank at q — `\t`, `\u0009`, `\u0020` — or 0. */
export function jsonBlank(q: usize, e: usize): usize {
  if (q + 1 >= e || load<u8>(q) != 0x5c) return 0;
  const c = load<u8>(q + 1);
  if (c == 0x74) return 2;
  if (c != 0x75 || q + 6 > e || load<u8>(q + 2) != 0x30 || load<u8>(q + 3) != 0x30) return 0;
  const h = load<u8>(q + 4);
  const l = load<u8>(q + 5);
  return (h == 0x30 && l == 0x39) || (h == 0x32 && l == 0x30) ? 6 : 0;
}
