// JSON validation, quickly: is a line a flat object (never where JSON.parse would throw), and where are the
// watched top-level fields' values (src/wasm/json-text.ts reads any other JSON text).
import { isDigit } from './bytes';
import { FIELD_BYTES, FIELD_END, FIELD_ESCAPED, FIELD_START, FIELD_TYPE, MESSAGE_SLOT_END, MESSAGE_SLOT_FIRST, OBJECT, T_NUMBER, T_OTHER, T_STRING, UNSURE } from './generated';
import { forgetStringScope, noteStringScope, trimSpaceBytes } from './json-scope';
import { escaped, firstBlock, followingBlock, forgetBlock, maskAt, quickNumber, skipLiteral, skipNumber, skipString, underscored } from './json-tokens';
import { keySlotQuick } from './keys';
import { FIELDS, PRESENT } from './memory';

/** The watched slot a top-level key names: -1 none, -2 unsure (an escaped key could spell one). */
@inline export function watchedSlot(ks: usize, ke: usize): i32 {
  return escaped ? -2 : keySlotQuick(ks, ke);
}

@inline export function setField(slot: i32, type: u8, start: usize, end: usize, esc: bool): void {
  store<u32>(PRESENT, load<u32>(PRESENT) | (1 << slot));
  const at = FIELDS + <usize>(slot * FIELD_BYTES);
  store<u8>(at + FIELD_TYPE, type);
  store<u8>(at + FIELD_ESCAPED, esc ? 1 : 0);
  store<i32>(at + FIELD_START, <i32>start);
  store<i32>(at + FIELD_END, <i32>end);
}

/** What validateFlat returns when the object holds an object or an array: the general validator decides. */
export const NOT_FLAT: i32 = -1;

// validateElement reads a JSON array's element with validateFlat: `\n` is white space there (counted in
// flatNewlines), and the object ends at its array's delimiter.
let elementMode: bool = false;
export let flatNewlines: i32 = 0;

/** Past JSON whitespace other than `\n` (a line never holds one; where the end is open, it ends the line). */
@inline export function skipWs(i: usize, e: usize): usize {
  // Compact JSON: no white space here (every white space byte is below `!`).
  if (i < e && load<u8>(i) > 0x20) return i;
  return skipWsBytes(i, e);
}

function skipWsBytes(i: usize, e: usize): usize {
  while (i < e) {
    const c = load<u8>(i);
    if (c != 0x20 && c != 0x09 && c != 0x0d) {
      if (c != 0x0a || !elementMode) break;
      flatNewlines++;
    }
    i++;
  }
  return i;
}

// Set by validateFlat when it returns OBJECT: where the object's line ends (its `\n`, or e).
export let flatEnd: usize = 0;
// Set by validateElement (validateFlat may, or may not): a string value starts with `{`, a space, an
// escape or a `2` (only then can a flat object hold a scope: a scope key's string value that starts with an
// object, or a collector's time before one, see src/wasm/json-array.ts).
export let flatBrace: bool = false;

/**
 * May the string [vs, ve), first byte f, start a scope's JSON: `{`, white space, or a collector's time before
 * it (src/input/fields.ts TIMED_JSON: `2…` with `T` at 10, long enough, under a key the kernel does not watch
 * or a message field: a time field's own value is passed over at the cost of two loads)?
 */
@inline function mayStartScope(f: u32, vs: usize, ve: usize, slot: i32): bool {
  return f == 0x7b || f == 0x20 || (isDigit(f) && (slot < 0 || (slot >= MESSAGE_SLOT_FIRST && slot < MESSAGE_SLOT_END)) && ve - vs >= 23 && load<u8>(vs + 10) == 0x54) || (f >= 0xc2 && trimSpaceBytes(vs, ve) != 0);
}

/** After an object's `}` at i - 1: OBJECT when only whitespace is left on its line. */
@inline function flatTail(i: usize, e: usize): i32 {
  // Most objects end their line, or their element, at once.
  if (i < e) {
    const c = load<u8>(i);
    if (c == (elementMode ? 0x2c : 0x0a)) {
      flatEnd = i;
      return OBJECT;
    }
  }
  i = skipWs(i, e);
  if (elementMode) {
    // An element: its delimiter, `,` or `]`, in flatEnd.
    if (i >= e || (load<u8>(i) != 0x2c && load<u8>(i) != 0x5d)) return UNSURE;
    flatEnd = i;
    return OBJECT;
  }
  if (i < e && load<u8>(i) != 0x0a) return UNSURE;
  flatEnd = i;
  return OBJECT;
}

/**
 * The common line, quickly: an object whose values are strings, numbers and literals. Notes the watched
 * fields as validate does; NOT_FLAT when a value is an object or an array (validate then reads the line).
 * The line may run on past e's first `\n`: an object followed by whitespace and a `\n` (or e) is OBJECT,
 * with its line's end in flatEnd, so a scan need not find the line's end first.
 */
export function validateFlat(s: usize, e: usize): i32 {
  return flatObject(s, e, false);
}

/** validateFlat, and with `element` flatBrace noted by the compact pairs too (a JSON line has no use for it). */
@inline function flatObject(s: usize, e: usize, element: bool): i32 {
  store<u32>(PRESENT, 0);
  forgetStringScope();
  underStrings = 0;
  flatBrace = false;
  // Most lines start `{"`: their first key at once. One copy of the compact pairs for both ways in: it is
  // most of the validator, and V8 compiles it again (to optimized code) while a scan's first chunks run.
  let ks = s + 2;
  if (s + 1 >= e || load<u16>(s) != 0x227b) {
    let i = skipWs(s, e);
    if (i >= e || load<u8>(i) != 0x7b) return NOT_FLAT;
    i = skipWs(i + 1, e);
    if (i < e && load<u8>(i) == 0x7d) return flatTail(i + 1, e);
    if (i >= e || load<u8>(i) != 0x22) return UNSURE;
    ks = i + 1;
  }
  // Compact pairs first (compactPairs); the rest from the key where they stopped.
  const r = compactPairs(ks, e, false, element);
  if (r != STOPPED) return r;
  return pairsAfter(compactStop, e);
}

/**
 * validateFlat's pairs from the opening quote of a key at i on, where compact ones stopped: spaced ones
 * (`"key": value, `) as far as they go, the rest token by token (at once for a JSON array's element: mostly
 * pretty-printed). Apart, so that the compact pairs, the common case, compile alike with or without them.
 */
function pairsAfter(i: usize, e: usize): i32 {
  if (elementMode) return flatPairs(i, e);
  const r = compactPairs(i + 1, e, true, false);
  if (r != STOPPED) return r;
  return flatPairs(compactStop, e);
}

/** validateFlat's pairs from the opening quote of a key at i on, read token by token. */
function flatPairs(i: usize, e: usize): i32 {
  forgetBlock();
  while (true) {
    if (i >= e || load<u8>(i) != 0x22) return UNSURE;
    const ks = i + 1;
    const kend = skipString(ks, e);
    if (kend < 0) return UNSURE;
    if (underscored) noteString(ks, <usize>kend, true);
    const slot = watchedSlot(ks, <usize>kend);
    if (slot == -2) return UNSURE;
    i = skipWs(<usize>kend + 1, e);
    if (i >= e || load<u8>(i) != 0x3a) return UNSURE;
    i = skipWs(i + 1, e);
    if (i >= e) return UNSURE;
    const c = <u32>load<u8>(i);
    if (c == 0x22) {
      const vs = i + 1;
      const end = skipString(vs, e);
      if (end < 0) return UNSURE;
      const ve = <usize>end;
      if (underscored) noteString(vs, ve, false);
      if (slot >= 0) setField(slot, T_STRING, vs, ve, escaped);
      const f = load<u8>(vs);
      if (f == 0x5c || mayStartScope(f, vs, ve, slot)) flatBrace = true;
      // Only a value with an escape comes here from the compact pairs, as a program's JSON in a string has.
      if (!elementMode) noteStringScope(ks, <usize>kend, vs, ve);
      i = ve + 1;
    } else if (c == 0x7b || c == 0x5b) {
      return NOT_FLAT;
    } else if (c == 0x2d || isDigit(c)) {
      const vs = i;
      i = skipNumber(i, e);
      if (i == 0) return UNSURE;
      if (slot >= 0) setField(slot, T_NUMBER, vs, i, false);
    } else {
      i = skipLiteral(i, e);
      if (i == 0) return UNSURE;
      if (slot >= 0) setField(slot, T_OTHER, 0, 0, false);
    }
    i = skipWs(i, e);
    if (i >= e) return UNSURE;
    const d = <u32>load<u8>(i);
    if (d == 0x2c) {
      i = skipWs(i + 1, e);
      continue;
    }
    if (d == 0x7d) return flatTail(i + 1, e);
    return UNSURE;
  }
  return UNSURE;
}

// The strings (keys and values) with a `_` in them of the last object validated (by its compact pairs, token
// by token or, nested, by nestedText), in order, but for keys passed over (passKey): every `_` of a JSON text
// is in a string, so its `_` words are theirs (see objectWords in src/wasm/jsonl.ts). Each is (start, end) of
// its bytes between the quotes; a key's closing quote is followed by `:` (or, spaced, a blank), a value's
// never by `:`. More than UNDER_STRINGS_MAX: not all noted.
export const UNDER_STRINGS_MAX = 32;
export const UNDER_STRINGS: usize = memory.data(UNDER_STRINGS_MAX * 8, 8);
export let underStrings: i32 = 0;

/** None noted yet: a validator reads a text from its start (see nestedText). */
export function forgetUnder(): void {
  underStrings = 0;
}

/** The string [s, e) holds a `_`: noted, unless it is a key (at most 16 bytes) passed over (see passKey). */
@inline export function noteString(s: usize, e: usize, key: bool): void {
  if (!key || e - s > 16 || !passedKey(s, e)) noteUnder(s, e);
}

@inline function noteUnder(s: usize, e: usize): void {
  const n = underStrings;
  if (n < UNDER_STRINGS_MAX) {
    store<u32>(UNDER_STRINGS + (<usize>n << 3), <u32>s);
    store<u32>(UNDER_STRINGS + (<usize>n << 3), <u32>e, 4);
  }
  underStrings = n + 1;
}

// Keys of at most 16 bytes whose `_`s the scan has no use for (passKey): per slot the first eight bytes
// (fewer: zeros after them), the last eight (none: 0) and the length, so that a key is told by three
// compares (most lines hold the keys the lines before them held).
const PASSED_SLOTS = 64;
const PASSED_KEYS: usize = memory.data(PASSED_SLOTS * 24, 8);

@inline function keyHead(s: usize, n: usize): u64 {
  return n >= 8 ? load<u64>(s) : load<u64>(s) & ((<u64>1 << (<u64>n << 3)) - 1);
}

@inline function keyTail(e: usize, n: usize): u64 {
  return n > 8 ? load<u64>(e - 8) : 0;
}

@inline function passedSlot(head: u64, tail: u64): usize {
  return PASSED_KEYS + <usize>(((head ^ (tail * 0x9e3779b97f4a7c15)) * 0xff51afd7ed558ccd) >> 58) * 24;
}

/** Is the key [s, e) (at most 16 bytes) one to pass over? */
@inline function passedKey(s: usize, e: usize): bool {
  const n = e - s;
  const head = keyHead(s, n);
  const tail = keyTail(e, n);
  const at = passedSlot(head, tail);
  return load<u64>(at) == head && load<u64>(at, 8) == tail && load<u32>(at, 16) == <u32>n;
}

/** From now on compactPairs does not note the key [s, e) (at most 16 bytes, a `_` in it). */
export function passKey(s: usize, e: usize): void {
  const n = e - s;
  const head = keyHead(s, n);
  const tail = keyTail(e, n);
  const at = passedSlot(head, tail);
  store<u64>(at, head);
  store<u64>(at, tail, 8);
  store<u32>(at, <u32>n, 16);
}

// Where compactPairs stopped: the opening quote of the key the general reading goes on from.
let compactStop: usize = 0;

/** What compactPairs returns where it stops, with the key to read on from in compactStop. */
const STOPPED: i32 = NOT_FLAT - 1;

@inline function stopAt(ks: usize): i32 {
  compactStop = ks - 1;
  // The strings noted of the pair read on from (its key starts at ks) are noted again there.
  let n = underStrings;
  if (n <= UNDER_STRINGS_MAX) {
    while (n > 0 && <usize>load<u32>(UNDER_STRINGS + (<usize>(n - 1) << 3)) >= ks) n--;
    underStrings = n;
  }
  return STOPPED;
}

/**
 * The pairs of a compact object from its first key's first byte ks: `"key":value` with `,` between them
 * and no white space, or, `spaced`, `"key": value` with `, ` between them (as many exporters write them),
 * each string without an escape, read from the special bytes' masks (see firstBlock) in order: a string's
 * quotes are two bits in a row. Returns flatTail's verdict at the `}`, or STOPPED where something else
 * comes (other white space, an escape, a nested value, the end): validateFlat reads on from the opening
 * quote of that pair's key (compactStop), so the verdict and the fields are its own. With `brace` (an array's
 * element), notes flatBrace. `_` is a special byte too, passed over inside a string, and each string with
 * one is noted (UNDER_STRINGS).
 */
@inline function compactPairs(ks: usize, e: usize, spaced: bool, brace: bool): i32 {
  // The key's opening quote is bit 0: taken.
  let bits = firstBlock(ks - 1, e) & ~(<u64>1);
  // The space after each `:` and `,` of spaced pairs.
  const gap: usize = spaced ? 1 : 0;
  while (true) {
    // The key's closing quote: the next special byte.
    if (bits == 0) {
      bits = followingBlock(e);
      if (bits == 0) return stopAt(ks);
    }
    let ke = maskAt + <usize>ctz<u64>(bits);
    bits &= bits - 1;
    if (load<u8>(ke) != 0x22) {
      if (load<u8>(ke) != 0x5f) return stopAt(ks);
      // The key holds a `_` (noted): its closing quote is the next special byte after its `_`s.
      while (true) {
        if (bits == 0) {
          bits = followingBlock(e);
          if (bits == 0) return stopAt(ks);
        }
        ke = maskAt + <usize>ctz<u64>(bits);
        bits &= bits - 1;
        if (load<u8>(ke) != 0x5f) break;
      }
      if (load<u8>(ke) != 0x22) return stopAt(ks);
      noteString(ks, ke, true);
    }
    const slot = keySlotQuick(ks, ke);
    // `:`, the space of spaced pairs, and the value's first byte.
    const colon = spaced ? load<u32>(ke + 1) & 0xffffff : <u32>load<u16>(ke + 1);
    let i: usize;
    if (colon == (spaced ? 0x22203a : 0x223a)) {
      // A string: its opening quote (at ke + 2 + gap) is the next special byte, its closing one the byte after.
      if (bits == 0) {
        bits = followingBlock(e);
        if (bits == 0) return stopAt(ks);
      }
      bits &= bits - 1;
      if (bits == 0) {
        bits = followingBlock(e);
        if (bits == 0) return stopAt(ks);
      }
      let ve = maskAt + <usize>ctz<u64>(bits);
      bits &= bits - 1;
      const vs = ke + 3 + gap;
      if (load<u8>(ve) != 0x22) {
        if (load<u8>(ve) != 0x5f) return stopAt(ks);
        // As a key's: past the `_`s, noted.
        while (true) {
          if (bits == 0) {
            bits = followingBlock(e);
            if (bits == 0) return stopAt(ks);
          }
          ve = maskAt + <usize>ctz<u64>(bits);
          bits &= bits - 1;
          if (load<u8>(ve) != 0x5f) break;
        }
        if (load<u8>(ve) != 0x22) return stopAt(ks);
        noteUnder(vs, ve);
      }
      if (slot >= 0) setField(slot, T_STRING, vs, ve, false);
      const f = <u32>load<u8>(vs);
      if (brace) {
        if (mayStartScope(f, vs, ve, slot)) flatBrace = true;
      } else if (f == 0x7b || f == 0x20 || f >= 0xc2) noteStringScope(ks, ke, vs, ve);
      i = ve + 1;
    } else if ((colon & (spaced ? 0xffff : 0xff)) == (spaced ? 0x203a : 0x3a)) {
      // A number or a literal (no special byte in either).
      const c = colon >> (spaced ? 16 : 8);
      const vs = ke + 2 + gap;
      if (c == 0x2d || isDigit(c)) {
        i = quickNumber(vs, e);
        if (i == 0) return stopAt(ks);
        if (slot >= 0) setField(slot, T_NUMBER, vs, i, false);
      } else {
        i = skipLiteral(vs, e);
        if (i == 0) return stopAt(ks);
        if (slot >= 0) setField(slot, T_OTHER, 0, 0, false);
      }
    } else return stopAt(ks);
    if (i >= e) return stopAt(ks);
    const sep = spaced ? load<u32>(i) & 0xffffff : <u32>load<u16>(i);
    if ((sep & 0xff) == 0x7d) return flatTail(i + 1, e);
    if (sep != (spaced ? 0x22202c : 0x222c)) return stopAt(ks);
    // The next key: its opening quote is the next special byte.
    ks = i + 2 + gap;
    if (bits == 0) {
      bits = followingBlock(e);
      if (bits == 0) return stopAt(ks);
    }
    bits &= bits - 1;
  }
  return stopAt(ks);
}

/**
 * A JSON array's element at s, quickly: OBJECT when it is a flat object (as validateFlat, line breaks
 * allowed between its tokens) followed by white space and its delimiter, whose index is then in flatEnd
 * and the `\n`s before it in flatNewlines; anything else (UNSURE, NOT_FLAT) is left to elementEnd and
 * validate. The fields are validate's for the element's text.
 */
export function validateElement(s: usize, e: usize): i32 {
  elementMode = true;
  flatNewlines = 0;
  const v = flatObject(s, e, true);
  elementMode = false;
  return v;
}
