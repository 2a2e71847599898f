// JSON validation: is a line one JSON text (never where JSON.parse would throw), and where are the watched
// top-level fields' values.
import { hashLower, isDigit, isHex, isWs } from './bytes';
import {
  CODE_SLOT_END, CODE_SLOT_FIRST, FIELD_BYTES, FIELD_END, FIELD_ESCAPED, FIELD_HASH, FIELD_START, FIELD_TYPE, KEY_LONGEST, MAX_DEPTH, OBJECT, T_NUMBER, T_OTHER, T_STRING, UNSURE, VALUE,
} from './generated';
import { keyCandidates, keySlot } from './keys';
import { FIELDS, PRESENT, STACK } from './memory';

// Set by skipString: the string held a backslash escape.
export let escaped: bool = false;

/**
 * From just after an opening quote: the index of the closing quote, or -1 when the string is invalid (a
 * control character, a bad escape, no end). Sixteen bytes at a time while none of them is special.
 */
@inline export function skipString(i: usize, e: usize): isize {
  escaped = false;
  const quote = i8x16.splat(0x22);
  const backslash = i8x16.splat(0x5c);
  const space = i8x16.splat(0x20);
  while (true) {
    // To the next special byte: sixteen at a time, the last few one by one.
    if (i + 16 <= e) {
      const v = v128.load(i);
      const special = v128.or(v128.or(i8x16.eq(v, quote), i8x16.eq(v, backslash)), i8x16.lt_u(v, space));
      const bits = i8x16.bitmask(special);
      if (bits == 0) {
        i += 16;
        continue;
      }
      i += <usize>ctz<i32>(bits);
    } else {
      while (i < e) {
        const c = <u32>load<u8>(i);
        if (c == 0x22 || c == 0x5c || c < 0x20) break;
        i++;
      }
      if (i >= e) return -1;
    }
    const c = <u32>load<u8>(i);
    if (c == 0x22) return <isize>i;
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

/** The watched slot a top-level key names: -1 none, -2 unsure (an escaped key could spell one). */
@inline export function watchedSlot(ks: usize, ke: usize): i32 {
  if (escaped) return -2;
  // Most keys have a length no watched key has: told without a call.
  const n = ke - ks;
  return n > <usize>KEY_LONGEST || keyCandidates(ks, n) == 0 ? -1 : keySlot(ks, ke);
}

@inline function setField(slot: i32, type: u8, start: usize, end: usize, esc: bool): void {
  store<u32>(PRESENT, load<u32>(PRESENT) | (1 << slot));
  const at = FIELDS + <usize>(slot * FIELD_BYTES);
  store<u8>(at + FIELD_TYPE, type);
  store<u8>(at + FIELD_ESCAPED, esc ? 1 : 0);
  store<i32>(at + FIELD_START, <i32>start);
  store<i32>(at + FIELD_END, <i32>end);
  // Code fields are looked up by this hash.
  if (type == T_STRING && slot >= CODE_SLOT_FIRST && slot < CODE_SLOT_END) store<u32>(at + FIELD_HASH, hashLower(start, end));
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
// Set by validateFlat: a string value starts with `{`, a space or an escape (only then can a flat object
// hold a scope: a scope key's string value that starts with an object, see src/wasm/json-array.ts).
export let flatBrace: bool = false;

/** After a number's first byte (a digit or `-`) at i: its end, or 0 when it is not a JSON number. */
@inline function skipNumber(i: usize, e: usize): usize {
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

/** After `true`, `false` or `null` at i: its end, or 0. */
@inline function skipLiteral(i: usize, e: usize): usize {
  const c = <u32>load<u8>(i);
  if (c == 0x74 && i + 4 <= e && load<u8>(i + 1) == 0x72 && load<u8>(i + 2) == 0x75 && load<u8>(i + 3) == 0x65) return i + 4;
  if (c == 0x6e && i + 4 <= e && load<u8>(i + 1) == 0x75 && load<u8>(i + 2) == 0x6c && load<u8>(i + 3) == 0x6c) return i + 4;
  if (c == 0x66 && i + 5 <= e && load<u8>(i + 1) == 0x61 && load<u8>(i + 2) == 0x6c && load<u8>(i + 3) == 0x73 && load<u8>(i + 4) == 0x65) return i + 5;
  return 0;
}

/**
 * The common line, quickly: an object whose values are strings, numbers and literals. Notes the watched
 * fields as validate does; NOT_FLAT when a value is an object or an array (validate then reads the line).
 * The line may run on past e's first `\n`: an object followed by whitespace and a `\n` (or e) is OBJECT,
 * with its line's end in flatEnd, so a scan need not find the line's end first.
 */
/** After an object's `}` at i - 1: OBJECT when only whitespace is left on its line. */
@inline function flatTail(i: usize, e: usize): i32 {
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

export function validateFlat(s: usize, e: usize): i32 {
  store<u32>(PRESENT, 0);
  flatBrace = false;
  let i = skipWs(s, e);
  if (i >= e || load<u8>(i) != 0x7b) return NOT_FLAT;
  i = skipWs(i + 1, e);
  if (i < e && load<u8>(i) == 0x7d) return flatTail(i + 1, e);
  while (true) {
    if (i >= e || load<u8>(i) != 0x22) return UNSURE;
    const ks = i + 1;
    const kend = skipString(ks, e);
    if (kend < 0) return UNSURE;
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
      if (slot >= 0) setField(slot, T_STRING, vs, ve, escaped);
      const f = load<u8>(vs);
      if (f == 0x7b || f == 0x20 || f == 0x5c) flatBrace = true;
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

/**
 * A JSON array's element at s, quickly: OBJECT when it is a flat object (as validateFlat, line breaks
 * allowed between its tokens) followed by white space and its delimiter, whose index is then in flatEnd
 * and the `\n`s before it in flatNewlines; anything else (UNSURE, NOT_FLAT) is left to elementEnd and
 * validate. The fields are validate's for the element's text.
 */
export function validateElement(s: usize, e: usize): i32 {
  elementMode = true;
  flatNewlines = 0;
  const v = validateFlat(s, e);
  elementMode = false;
  return v;
}

/**
 * Validates [s, e) as one JSON text and notes the watched top-level fields (the last of duplicate keys
 * wins, as in JSON.parse). Never calls valid what JSON.parse rejects: anything doubtful is UNSURE.
 * Offsets written to the fields are absolute (the caller subtracts its base).
 */
export function validate(s: usize, e: usize): i32 {
  const flat = validateFlat(s, e);
  if (flat == OBJECT) {
    // validateFlat stops at a `\n`: what follows must be whitespace too.
    let i = flatEnd;
    while (i < e && isWs(load<u8>(i))) i++;
    return i == e ? OBJECT : UNSURE;
  }
  // Nested values, and what the quick reading could not judge (a JSON array's pretty-printed element:
  // line breaks between its fields) are read in full.
  return validateNested(s, e);
}

/** validate for a text that validateFlat left to it (an object or array holds an object or an array). */
export function validateNested(s: usize, e: usize): i32 {
  store<u32>(PRESENT, 0);
  let i = s;
  let depth: i32 = 0;
  let top = VALUE;
  let slot: i32 = -1;
  let at: i32 = 0; // 0 a value, 1 after a value, 2 a key
  while (true) {
    let c: u32 = 0;
    while (i < e) {
      c = <u32>load<u8>(i);
      if (!isWs(c)) break;
      i++;
    }
    if (i >= e) return at == 1 && depth == 0 ? top : UNSURE;
    if (at == 1) {
      if (depth == 0) return UNSURE;
      const open = <u32>load<u8>(STACK + <usize>depth);
      if (c == 0x2c) {
        i++;
        if (open == 1) at = 2;
        else {
          at = 0;
          slot = -1;
        }
      } else if (c == (open == 1 ? 0x7d : 0x5d)) {
        depth--;
        i++;
      } else return UNSURE;
      continue;
    }
    if (c == 0x22) {
      const vs = i + 1;
      const end = skipString(vs, e);
      if (end < 0) return UNSURE;
      const ve = <usize>end;
      i = ve + 1;
      if (at == 2) {
        slot = depth == 1 ? watchedSlot(vs, ve) : -1;
        if (slot == -2) return UNSURE;
        while (i < e && isWs(load<u8>(i))) i++;
        if (i >= e || load<u8>(i) != 0x3a) return UNSURE;
        i++;
        at = 0;
        continue;
      }
      if (depth == 1 && slot >= 0) setField(slot, T_STRING, vs, ve, escaped);
      at = 1;
      continue;
    }
    if (at == 2) return UNSURE;
    if (c == 0x7b || c == 0x5b) {
      if (depth == 0 && c == 0x7b) top = OBJECT;
      if (depth == 1 && slot >= 0) setField(slot, T_OTHER, 0, 0, false);
      if (depth >= MAX_DEPTH) return UNSURE;
      depth++;
      const object = c == 0x7b;
      store<u8>(STACK + <usize>depth, object ? 1 : 2);
      i++;
      while (i < e && isWs(load<u8>(i))) i++;
      if (i < e && <u32>load<u8>(i) == (object ? 0x7d : 0x5d)) {
        depth--;
        i++;
        at = 1;
      } else if (object) at = 2;
      else {
        at = 0;
        slot = -1;
      }
      continue;
    }
    if (c == 0x2d || (c >= 0x30 && c <= 0x39)) {
      const vs = i;
      if (c == 0x2d) {
        i++;
        c = i < e ? <u32>load<u8>(i) : 0;
      }
      if (c == 0x30) i++;
      else if (c >= 0x31 && c <= 0x39) {
        while (i < e && <u32>load<u8>(i) >= 0x30 && <u32>load<u8>(i) <= 0x39) i++;
      } else return UNSURE;
      if (i < e && load<u8>(i) == 0x2e) {
        i++;
        if (i >= e || <u32>load<u8>(i) < 0x30 || <u32>load<u8>(i) > 0x39) return UNSURE;
        while (i < e && <u32>load<u8>(i) >= 0x30 && <u32>load<u8>(i) <= 0x39) i++;
      }
      if (i < e && (load<u8>(i) == 0x65 || load<u8>(i) == 0x45)) {
        i++;
        if (i < e && (load<u8>(i) == 0x2b || load<u8>(i) == 0x2d)) i++;
        if (i >= e || <u32>load<u8>(i) < 0x30 || <u32>load<u8>(i) > 0x39) return UNSURE;
        while (i < e && <u32>load<u8>(i) >= 0x30 && <u32>load<u8>(i) <= 0x39) i++;
      }
      if (depth == 1 && slot >= 0) setField(slot, T_NUMBER, vs, i, false);
      at = 1;
      continue;
    }
    // true, false, null
    if (c == 0x74 && i + 4 <= e && load<u8>(i + 1) == 0x72 && load<u8>(i + 2) == 0x75 && load<u8>(i + 3) == 0x65) i += 4;
    else if (c == 0x6e && i + 4 <= e && load<u8>(i + 1) == 0x75 && load<u8>(i + 2) == 0x6c && load<u8>(i + 3) == 0x6c) i += 4;
    else if (c == 0x66 && i + 5 <= e && load<u8>(i + 1) == 0x61 && load<u8>(i + 2) == 0x6c && load<u8>(i + 3) == 0x73 && load<u8>(i + 4) == 0x65) i += 5;
    else return UNSURE;
    if (depth == 1 && slot >= 0) setField(slot, T_OTHER, 0, 0, false);
    at = 1;
  }
  return UNSURE;
}

