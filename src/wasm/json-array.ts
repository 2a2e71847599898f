// JSON arrays: each element found, validated and read in one pass, and counted here when it can be, as
// scanJsonl reads JSON lines (src/fast/json-array-scan.ts is the caller).
import { lineAccounts, lineIds, SEE_LATER, seeEmails, seeKept } from './accounts';
import { SEE_JSON } from './email-at';
import { nextByte } from './bytes';
import { mayHoldJson } from './json-scope';
import { elementEnd } from './elements';
import {
  ARRAY_HEAD_CODES, ARRAY_HEAD_END, ARRAY_HEAD_IDS, ARRAY_HEAD_INDEX, ARRAY_HEAD_KIND, ARRAY_HEAD_LINE, ARRAY_HEAD_RECORD, ARRAY_HEAD_START, ARRAY_HEAD_TIME,
  ARRAY_HEAD_UNKNOWNS, ARRAY_HEAD_WORDS, J_CALLER, J_FIELD, J_MIXED, OBJECT, SCOPE_KEY_AT, SCOPE_KEY_COUNT, SCOPE_KEY_LEN, SCOPE_KEY_OBJECT, SCOPE_KEYS, TEXT_OUT_MARGIN,
  TEXT_OUT_WORDS, UNSURE,
} from './generated';
import { flatBrace, flatEnd, flatNewlines, NOT_FLAT, UNDER_STRINGS_MAX, underStrings, validateElement } from './json';
import { spanEnd, spanNested, validate, validateSpan } from './json-text';
import { jsonLineTime } from './json-times';
import { countInRecord, recordCodes, recordFindings, recordUnknowns } from './jsonl';
import { outAt, TEXT_LINES } from './memory';
import { messageCarries, placeElement } from './json-records';
import { SCOPES_CALLER, SCOPES_UNREAD, scopeState } from './json-scopes';
import { jsonHeadTime, jsonHeadUnknown, leaveCounted, recordStart } from './records';

// The file's times as its elements give them, in order (as src/fast/record-times.ts keeps them): the last
// own time so far, the first, and the elements before the first (NaN: none yet). The caller notes those
// it reads itself (arrayNote).
let lastTime: f64 = NaN;
let firstTime: f64 = NaN;
let untimed: i32 = 0;

/** A new file: no time yet. */
export function arrayReset(): void {
  lastTime = NaN;
  firstTime = NaN;
  untimed = 0;
}

/** The next element's own time (NaN: none), for an element the caller read (or skipped). */
export function arrayNote(own: f64): void {
  // The element the caller read and placed (jsonlPlace) starts a record: this is its first element's time.
  if (jsonHeadUnknown()) jsonHeadTime(own);
  if (!isNaN(own)) {
    lastTime = own;
    if (isNaN(firstTime)) firstTime = own;
  } else if (isNaN(firstTime)) untimed++;
}

export function arrayLast(): f64 {
  return lastTime;
}

export function arrayFirst(): f64 {
  return firstTime;
}

export function arrayUntimed(): i32 {
  return untimed;
}

/** JSON white space. */
@inline function isJsonWs(c: u32): bool {
  return c == 0x20 || c == 0x0a || c == 0x09 || c == 0x0d;
}

/** The `\n`s of [s, e), sixteen bytes at a time. */
function countNewlines(s: usize, e: usize): i32 {
  const nl = i8x16.splat(0x0a);
  let n = 0;
  let i = s;
  for (; i + 16 <= e; i += 16) n += <i32>popcnt<u32>(i8x16.bitmask(i8x16.eq(v128.load(i), nl)));
  for (; i < e; i++) if (load<u8>(i) == 0x0a) n++;
  return n;
}

/** The element before was nested (see scanJsonArray): a new file, or a new call, starts with none. */
let nestedBefore: bool = false;

/** The delimiter (`,` or `]`) after the value that ends at p, white space between; `to` when another byte comes first, or none before `to`. */
function spanAfter(p: usize, to: usize): usize {
  while (p < to && isJsonWs(load<u8>(p))) p++;
  return p < to && (load<u8>(p) == 0x2c || load<u8>(p) == 0x5d) ? p : to;
}

/** SCOPE_KEY_OBJECT's flag of the keys whose object is a scope: an export's element's, a JSON line's. */
const ELEMENT_OBJECTS: i32 = 1;
const LINE_OBJECTS: i32 = 2;

/**
 * The object [ls, e) may hold a scope, searched in its bytes, for one whose scopes the validator did not read
 * (a flat object, src/wasm/json-scopes.ts): a `{` past its first byte (or, in an element, an escape: `\u007b`),
 * and a quoted scope key followed by `:` and an object (for a key whose flag `objects` is: ELEMENT_OBJECTS or
 * LINE_OBJECTS), or by a string that may hold JSON (src/wasm/json-scope.ts mayHoldJson).
 */
function holdsScope(ls: usize, e: usize, objects: i32): bool {
  // No `{` past its first byte, and no escape in an element: none.
  if (nextByte(ls + 1, e, 0x7b) >= e && (objects != ELEMENT_OBJECTS || nextByte(ls, e, 0x5c) >= e)) return false;
  for (let q = nextByte(ls, e, 0x22); q < e; q = nextByte(q + 1, e, 0x22)) {
    for (let k = 0; k < SCOPE_KEY_COUNT; k++) {
      const n = <usize>load<i32>(SCOPE_KEY_LEN + (<usize>k << 2));
      if (q + n <= e && memory.compare(q, SCOPE_KEYS + <usize>load<i32>(SCOPE_KEY_AT + (<usize>k << 2)), n) == 0 && scopeAfter(q + n, e, (load<i32>(SCOPE_KEY_OBJECT + (<usize>k << 2)) & objects) != 0)) return true;
    }
  }
  return false;
}

/** holdsScope for the caller (NestedFields.needsParse, src/fast/json-nested.ts): an element's scopes, or (lines) a JSON line's. */
export function scopeHeld(ls: usize, e: usize, lines: bool): bool {
  return holdsScope(ls, e, lines ? LINE_OBJECTS : ELEMENT_OBJECTS);
}

/** After a scope key at i: `:`, then an object (when `objects`) or a string that starts with one (see holdsScope). */
function scopeAfter(i: usize, e: usize, objects: bool): bool {
  while (i < e && isJsonWs(load<u8>(i))) i++;
  if (i >= e || load<u8>(i) != 0x3a) return false;
  i++;
  while (i < e && isJsonWs(load<u8>(i))) i++;
  if (i < e && load<u8>(i) != 0x22 && !objects) return false;
  // A string that may hold JSON (after blanks, a collector's time: src/input/fields.ts messageObject), or an object.
  if (i < e && load<u8>(i) == 0x22) return mayHoldJson(i + 1, e, true);
  return i < e && load<u8>(i) == 0x7b;
}

/**
 * Reads the elements of a JSON array from s (between two elements) up to `to`, as JsonElements and
 * JsonArrayFastScan read them one by one: each element's end (its delimiter) is found as it is validated;
 * an element with findings is counted here (countInRecord) or written out (ARRAY_HEAD, then what scanJsonl
 * writes) with its time, own or the last before it, and its line (`\n`s since s); the e-mail addresses of
 * every element read are seen (seeEmails, over the element alone, as the caller sees one it reads). Stops before the array's `]`, before an element that does not end
 * before `to` or is longer than `longest`, and before one only the caller can read (unsure, holding a
 * scope, an unsure time or field): the caller reads that one and calls again after it.
 * Returns the words written; stores the elements read, where to go on from and the `\n`s before it.
 */
export function scanJsonArray(s: usize, to: usize, longest: usize, lineBase: f64, ordinalBase: f64): i32 {
  nestedBefore = false;
  let w = 0;
  let n = 0;
  let lines = 0;
  let i = s;
  while (true) {
    // Between elements: white space and stray commas, as JsonElements passes them.
    while (i < to) {
      const c = <u32>load<u8>(i);
      if (c == 0x0a) lines++;
      else if (c != 0x2c && !isJsonWs(c)) break;
      i++;
    }
    if (i >= to || load<u8>(i) == 0x5d || w + TEXT_OUT_MARGIN > TEXT_OUT_WORDS) break;
    const ls = i;
    // Most elements are flat objects: validated as their end is found, in one pass; after a nested one, the
    // next is taken for nested too (an export's elements are alike): not tried as flat first.
    let v = nestedBefore ? NOT_FLAT : validateElement(ls, to);
    let d: usize = 0;
    let e: usize = 0;
    let inside: i32 = 0;
    // A flat object holds a scope only in a string value that starts with `{`, a space or an escape.
    const maybeScope = v != OBJECT || flatBrace;
    let scopes = SCOPES_UNREAD;
    if (v == OBJECT) {
      d = flatEnd;
      inside = flatNewlines;
    } else if (v == NOT_FLAT) {
      // Nested: validated to its end in one pass, when its delimiter follows it (else as any other below).
      const n = validateSpan(ls, to);
      d = n == UNSURE ? to : spanAfter(spanEnd, to);
      nestedBefore = d < to && spanNested;
      if (d < to) {
        v = n;
        e = spanEnd;
        inside = countNewlines(ls, d);
        scopes = scopeState();
      }
    }
    if (e == 0) {
      nestedBefore = false;
      if (v != OBJECT) {
        const r = elementEnd(ls, to);
        if (r < 0) break;
        d = <usize>r;
        inside = countNewlines(ls, d);
      }
      e = d;
      while (e > ls && isJsonWs(load<u8>(e - 1))) e--;
      if (v != OBJECT) {
        v = validate(ls, e);
        if (v == UNSURE) break;
        scopes = scopeState();
      }
    }
    if (d - ls > longest) break;
    // Its scopes (`jsonPayload`, `_source`, `attributes`): read as it was validated when it has nested values
    // (src/wasm/json-scopes.ts), their fields taken in, unless only the caller can read them; a flat object's
    // string that may hold JSON is the caller's to look into.
    if (v == OBJECT && (scopes != SCOPES_UNREAD ? scopes == SCOPES_CALLER : maybeScope && holdsScope(ls, e, ELEMENT_OBJECTS))) break;
    const own = jsonLineTime(v, ls, e);
    if (own == Infinity) break;
    const body = w + ARRAY_HEAD_WORDS;
    // An object's `_` words are those of the strings its validator noted (see objectWords), when it noted all.
    const kind = recordFindings(v, ls, e, v == OBJECT && underStrings <= UNDER_STRINGS_MAX ? -3 : -2, body);
    if (kind == J_CALLER) break;
    let codes = recordCodes;
    const unknowns = recordUnknowns;
    let ids = 0;
    if (codes > 0) {
      // Its addresses are found once: kept for its accounts, and seen (seeKept) only once it is read here.
      seeEmails(ls, e, -1, SEE_LATER | SEE_JSON);
      if (!lineAccounts(ls, e, v == OBJECT, body + 2 * (codes + unknowns), true)) break;
      ids = lineIds;
      seeKept();
    } else seeEmails(ls, e, -1, SEE_JSON);
    // Read: from here on the element is this call's. It takes its place in a record (src/wasm/json-records.ts):
    // a code counted in the record already is left out (its account ids, written already, move up with the rest).
    const starts = placeElement(v == OBJECT && messageCarries(), own, ls, e, ordinalBase + <f64>n);
    if (!starts) codes = leaveCounted(body, codes, unknowns, ids);
    const time = isNaN(own) ? lastTime : own;
    arrayNote(own);
    const line = lineBase + <f64>lines;
    const counted = countInRecord(starts, kind, body, codes, unknowns, ids, time, line, ls, e);
    // A J_MIXED element's codes counted here: the caller gets its unknown values alone.
    if (counted && kind == J_MIXED) {
      codes = 0;
      ids = 0;
    }
    if (codes + unknowns > 0 && !(counted && kind != J_MIXED)) {
      store<i32>(outAt(w + ARRAY_HEAD_RECORD), <i32>(recordStart - ordinalBase));
      store<i32>(outAt(w + ARRAY_HEAD_START), <i32>ls);
      store<i32>(outAt(w + ARRAY_HEAD_END), <i32>e);
      store<i32>(outAt(w + ARRAY_HEAD_INDEX), n);
      store<i32>(outAt(w + ARRAY_HEAD_KIND), kind);
      store<i32>(outAt(w + ARRAY_HEAD_CODES), codes);
      store<i32>(outAt(w + ARRAY_HEAD_UNKNOWNS), unknowns);
      store<i32>(outAt(w + ARRAY_HEAD_IDS), ids);
      store<i32>(outAt(w + ARRAY_HEAD_LINE), lines);
      store<f64>(outAt(w + ARRAY_HEAD_TIME), time);
      w = body + 2 * (codes + unknowns) + ((ids + 1) & ~1);
    }
    n++;
    lines += inside;
    i = d;
    // Its delimiter: a `]` is the caller's; a `,` is passed with the white space after it.
    if (load<u8>(d) == 0x5d) break;
    i = d + 1;
  }
  store<i32>(TEXT_LINES, n);
  store<u32>(TEXT_LINES + 4, <u32>i);
  store<i32>(TEXT_LINES + 8, lines);
  return w;
}
