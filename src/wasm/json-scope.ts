// Whether an object has a scope only the caller reads (src/input/fields.ts holdsScope, messageObject): a
// top-level string that may hold a program's JSON (a collector's `message`: mayHoldJson, the one reading of
// it here), or, where the validator does not read scopes (src/wasm/json-scopes.ts), an object under a key of
// LINE_SCOPES. The validators note it (src/wasm/json.ts, json-text.ts); the scans hand such an object to the
// caller (jsonl.ts, json-array.ts).
import { afterTimeBlank } from './line-heads';
import { SCOPE_KEY_AT, SCOPE_KEY_COUNT, SCOPE_KEY_LEN, SCOPE_KEY_OBJECT, SCOPE_KEYS, STRING_SCOPE_AT, STRING_SCOPE_COUNT, STRING_SCOPE_KEYS, STRING_SCOPE_LEN, TRIM_SPACE_COUNT, TRIM_SPACES } from './generated';

// Set by validateFlat and validateNested (src/wasm/json-text.ts): a JSON line's top-level string under a key
// of STRING_SCOPE_KEYS (`message`, `log`, …) may hold a program's JSON (mayHoldJson); or a top-level object is
// under a key of src/input/fields.ts LINE_SCOPES (noteObjectScope). Where scopes are read (scopesCaller): the
// object is one only the caller reads.
export let stringScope: bool = false;

/** Notes a top-level object under the key [ks, ke) (its quotes at ks - 1 and ke) that is a JSON line's scope (see stringScope). */
export function noteObjectScope(ks: usize, ke: usize): void {
  if (stringScope) return;
  for (let k = 0; k < SCOPE_KEY_COUNT; k++) {
    const n = <usize>load<i32>(SCOPE_KEY_LEN + (<usize>k << 2));
    if (ke - ks + 2 == n && (load<i32>(SCOPE_KEY_OBJECT + (<usize>k << 2)) & 2) != 0 && memory.compare(ks - 1, SCOPE_KEYS + <usize>load<i32>(SCOPE_KEY_AT + (<usize>k << 2)), n) == 0) {
      stringScope = true;
      return;
    }
  }
}

/** May the string value [vs, ve) under the key [ks, ke) hold a scope's JSON (see stringScope)? */
@inline function mayHoldScope(ks: usize, ke: usize, vs: usize, ve: usize): bool {
  // Most strings are told by their first byte: none of a blank, an escape, a `{` or a Unicode space's.
  const f = vs < ve ? <u32>load<u8>(vs) : 0;
  return (f == 0x7b || f == 0x5c || f <= 0x20 || f >= 0xc2) && mayHoldJson(vs, ve, false) && isStringScopeKey(ks, ke);
}

/**
 * May the JSON string whose bytes are [vs, ve) hold an object after what trim() takes off its start (and,
 * when `timed`, after a collector's time and a blank: src/input/fields.ts messageObject and TIMED_JSON, the
 * rule's home)? Blanks as they are or escaped, Unicode's spaces too, are passed; a `{` (or `\u007b`) then
 * says it may; any other byte that it does not; a time with an escape in it, that it may.
 */
export function mayHoldJson(vs: usize, ve: usize, timed: bool): bool {
  let i = vs;
  while (i < ve) {
    const c = <u32>load<u8>(i);
    if (c == 0x7b) return true;
    if (c == 0x20 || (c >= 0x09 && c <= 0x0d)) {
      i++;
      continue;
    }
    if (c == 0x5c) {
      const d = i + 1 < ve ? <u32>load<u8>(i + 1) : 0;
      if (d == 0x74 || d == 0x6e || d == 0x72 || d == 0x66) {
        i += 2;
        continue;
      }
      if (d != 0x75) return false;
      const u = hex4(i + 2, ve);
      // An escaped `{`, or a time's first digit (`\u0032026-…`: the caller reads it).
      if (u == 0x7b || u < 0 || (timed && u >= 0x30 && u <= 0x39)) return true;
      if (!isTrimSpace(u)) return false;
      i += 6;
      continue;
    }
    if (c >= 0xc2) {
      const n = trimSpaceBytes(i, ve);
      if (n == 0) return false;
      i += n;
      continue;
    }
    // A collector's time (any year: RFC 3339's four digits).
    if (!timed || c < 0x30 || c > 0x39) return false;
    const t = afterTimeBlank(i, ve);
    // The JSON after the time, its `{` as it is or escaped (`\u007b`).
    if (t != i) return t < ve && (load<u8>(t) == 0x7b || load<u8>(t) == 0x5c);
    // An escape where a time may be: the caller reads it.
    for (let k = i; k < ve && k < i + 40; k++) if (load<u8>(k) == 0x5c) return true;
    return false;
  }
  return false;
}

/** The code point of the four hex digits at p (a `\u` escape's), or -1. */
function hex4(p: usize, e: usize): i32 {
  if (p + 4 > e) return -1;
  let u: i32 = 0;
  for (let k: usize = 0; k < 4; k++) {
    const c = <i32>load<u8>(p + k);
    const v = c >= 0x30 && c <= 0x39 ? c - 0x30 : (c | 0x20) >= 0x61 && (c | 0x20) <= 0x66 ? (c | 0x20) - 0x57 : -1;
    if (v < 0) return -1;
    u = (u << 4) | v;
  }
  return u;
}

/** Is the code point one trim() takes off (TRIM_SPACES: JavaScript's white space and line ends)? */
function isTrimSpace(u: i32): bool {
  for (let k = 0; k < TRIM_SPACE_COUNT; k++) if (load<i32>(TRIM_SPACES + (<usize>k << 2)) == u) return true;
  return false;
}

/** The length of the UTF-8 bytes at p (before e) of a character of two or three bytes that trim() takes off, or 0. */
export function trimSpaceBytes(p: usize, e: usize): usize {
  const c = <u32>load<u8>(p);
  const d = p + 1 < e ? <u32>load<u8>(p + 1) & 0x3f : 0x40;
  if (c >= 0xc2 && c < 0xe0) return d < 0x40 && isTrimSpace(<i32>(((c & 0x1f) << 6) | d)) ? 2 : 0;
  if (c < 0xe0 || c >= 0xf0 || p + 2 >= e) return 0;
  const f = <u32>load<u8>(p + 2) & 0x3f;
  return d < 0x40 && isTrimSpace(<i32>(((c & 0x0f) << 12) | (d << 6) | f)) ? 3 : 0;
}

/** Is [ks, ke) one of STRING_SCOPE_KEYS? */
function isStringScopeKey(ks: usize, ke: usize): bool {
  for (let k = 0; k < STRING_SCOPE_COUNT; k++) {
    const n = <usize>load<i32>(STRING_SCOPE_LEN + (<usize>k << 2));
    if (ke - ks == n && memory.compare(ks, STRING_SCOPE_KEYS + <usize>load<i32>(STRING_SCOPE_AT + (<usize>k << 2)), n) == 0) return true;
  }
  return false;
}

/** Notes a string value [vs, ve) under the key [ks, ke) that may hold a scope's JSON (see stringScope). */
export function noteStringScope(ks: usize, ke: usize, vs: usize, ve: usize): void {
  if (!stringScope && mayHoldScope(ks, ke, vs, ve)) stringScope = true;
}

/** stringScope, for the caller (after validate). */
export function scopeNoted(): bool {
  return stringScope;
}

/** An exported element's scopes were read (src/wasm/json-scopes.ts): stringScope is whether the caller reads it. */
export function scopesCaller(on: bool): void {
  stringScope = on;
}

/** Forgets stringScope (a new object is validated). */
export function forgetStringScope(): void {
  stringScope = false;
}
