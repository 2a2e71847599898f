// The catalog table the scanner gives (setCatalog), and looking a word up in it: a first test from a code's
// lengths and first and last bytes, then the table keyed by a hash, each key compared whole.
import { lower8 } from './bytes';
import { CATALOG_HASH, CATALOG_IDX, CATALOG_KEY, CATALOG_LENGTH, CATALOG_WORDS } from './generated';

// The catalog, as the scanner gives it (setCatalog): an open-addressing table of CATALOG_WORDS entries
// (src/fast/kernel-layout.ts) with the lower-cased keys elsewhere in memory, and a map of the lengths codes have.
let tableAt: usize = 0;
let tableMask: u32 = 0;
let lengthsAt: usize = 0;
let maxLength: i32 = 0;

// One bit per (first byte, last byte, length mod 4) of a code, in each case: most words that are no code
// are told so here, before their bytes are hashed or lower-cased.
const FILTER: usize = memory.data(8192, 16);

@inline function filterBit(first: u32, last: u32, n: usize): u32 {
  return (first & 0x7f) | ((last & 0x7f) << 7) | ((<u32>n & 3) << 14);
}

@inline function setFilterBit(first: u32, last: u32, n: usize): void {
  const bit = filterBit(first, last, n);
  store<u8>(FILTER + (bit >> 3), <u8>(<u32>load<u8>(FILTER + (bit >> 3)) | (1 << (bit & 7))));
}

// Per length of a code (64: any from 64 on), a bit per last byte of one (its low six bits), in either case:
// the first test of a line's `_` words (src/wasm/words.ts gather), coarser than FILTER with lengthsAt, from one load.
const LAST_LENGTHS = 64;
const LASTS: usize = memory.data((LAST_LENGTHS + 1) * 8, 16);

@inline export function lastsAt(n: usize): usize {
  return LASTS + (min(n, <usize>LAST_LENGTHS) << 3);
}

/** The byte c (lower-cased, as catalog keys are) in upper case when it is a letter a-z, else c. */
@inline function upper(c: u32): u32 {
  return c >= 0x61 && c <= 0x7a ? c - 32 : c;
}

export function setCatalog(table: usize, mask: u32, lengths: usize, longest: i32): void {
  tableAt = table;
  tableMask = mask;
  lengthsAt = lengths;
  maxLength = longest;
  memory.fill(FILTER, 0, 8192);
  memory.fill(LASTS, 0, (LAST_LENGTHS + 1) * 8);
  for (let slot: u32 = 0; slot <= mask; slot++) {
    const at = tableAt + <usize>(slot * CATALOG_WORDS * 4);
    if (load<i32>(at + CATALOG_IDX * 4) < 0) continue;
    const key = <usize>load<u32>(at + CATALOG_KEY * 4);
    const n = <usize>load<i32>(at + CATALOG_LENGTH * 4);
    // A word's first and last bytes are tested as they are: each in either case.
    const first = <u32>load<u8>(key);
    const last = <u32>load<u8>(key + n - 1);
    setFilterBit(first, last, n);
    setFilterBit(upper(first), last, n);
    setFilterBit(first, upper(last), n);
    setFilterBit(upper(first), upper(last), n);
    store<u64>(lastsAt(n), load<u64>(lastsAt(n)) | (<u64>1 << <u64>(last & 63)) | (<u64>1 << <u64>(upper(last) & 63)));
  }
}

/** The hash the catalog table is keyed by: of the bytes [s, e), each OR 0x20 (see hashOf; keys are compared whole). */
export function codeHash(s: usize, e: usize): u32 {
  return hashOf(s, e);
}

/**
 * A hash of the bytes [s, e) in any case from their length and three eight-byte reads: the first eight, the
 * middle eight and the last eight (all of a word up to 24 bytes; fewer than eight: those, as sameKey reads
 * them), each byte OR 0x20 (a letter and its other case agree so). The table's keys are compared whole after
 * it, so it need only spread them.
 */
@inline function hashOf(s: usize, e: usize): u32 {
  const n = e - s;
  const fold: u64 = 0x2020202020202020;
  let first: u64, middle: u64, last: u64;
  if (n >= 8) {
    first = load<u64>(s) | fold;
    middle = load<u64>(s + (n >> 1) - 4) | fold;
    last = load<u64>(e - 8) | fold;
  } else {
    last = (load<u64>(e - 8) | fold) >> (<u64>(8 - n) << 3);
    first = last;
    middle = last;
  }
  let h = (<u64>n * 0x9e3779b97f4a7c15) ^ first;
  h = rotl<u64>(h * 0xff51afd7ed558ccd, 29) ^ middle;
  h = rotl<u64>(h * 0xff51afd7ed558ccd, 29) ^ last;
  h *= 0xc4ceb9fe1a85ec53;
  return <u32>(h ^ (h >> 32));
}

/**
 * [s, e) equals the lower-cased key at `key` in any case, compared eight bytes at a time, the last eight (or
 * fewer) from the eight that end there: memory before any text and any key holds the kernels' own data, so
 * e - 8 is always inside it, and what lies before s (or the key) is shifted out. With `words` (the bytes are
 * word bytes, as a code's), each byte OR 0x20 is compared: among word bytes only a letter and its other case
 * agree so. Else A-Z are lower-cased (lower8).
 */
@inline function sameKey(s: usize, e: usize, key: usize, words: bool): bool {
  const n = e - s;
  const fold: u64 = 0x2020202020202020;
  let i: usize = 0;
  while (i + 8 < n) {
    const a = load<u64>(s + i);
    const b = load<u64>(key + i);
    if (words ? (a | fold) != (b | fold) : lower8(a) != b) return false;
    i += 8;
  }
  const out = <u64>(8 - min(n, 8)) << 3;
  const a = load<u64>(e - 8);
  const b = load<u64>(key + n - 8);
  return words ? (a | fold) >> out == (b | fold) >> out : lower8(a) >> out == b >> out;
}

/** Could the word [s, e) be a code: a length codes have, and a (first, last, length) the filter holds? */
@inline export function mayBeCode(s: usize, e: usize): bool {
  const n = <i32>(e - s);
  if (n > maxLength || load<u8>(lengthsAt + <usize>n) == 0) return false;
  const bit = filterBit(load<u8>(s), load<u8>(e - 1), e - s);
  return (load<u8>(FILTER + (bit >> 3)) & (1 << (bit & 7))) != 0;
}

/** The catalog index of the word [s, e), or -1. */
export function lookup(s: usize, e: usize): i32 {
  return mayBeCode(s, e) ? find(s, e) : -1;
}

/** The catalog index of [s, e) (that mayBeCode), or -1. */
function find(s: usize, e: usize): i32 {
  return probe(s, e, false);
}

/** The catalog index of the word [s, e) (that mayBeCode; word bytes only), or -1 (inline: in the loops of the words scans). */
@inline export function findWord(s: usize, e: usize): i32 {
  return probe(s, e, true);
}

@inline function probe(s: usize, e: usize, words: bool): i32 {
  const n = <i32>(e - s);
  const h = hashOf(s, e);
  let slot = h & tableMask;
  while (true) {
    const at = tableAt + <usize>(slot * CATALOG_WORDS * 4);
    const idx = load<i32>(at + CATALOG_IDX * 4);
    if (idx < 0) return -1;
    if (load<u32>(at + CATALOG_HASH * 4) == h && load<i32>(at + CATALOG_LENGTH * 4) == n && sameKey(s, e, <usize>load<u32>(at + CATALOG_KEY * 4), words)) return idx;
    slot = (slot + 1) & tableMask;
  }
  return -1;
}
