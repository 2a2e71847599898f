// JSON validation of any text: what the flat objects' quick reading (src/wasm/json.ts) leaves, nested values
// and all, read token by token (never called valid where JSON.parse would throw).
import { hashLower, isDigit, isWs, skipJsonWs } from './bytes';
import {
  CODE_SLOT_END, CODE_SLOT_FIRST, FIELD_BYTES, FIELD_END, FIELD_HASH, FIELD_START, FIELD_TYPE, MAX_DEPTH, OBJECT, T_NUMBER, T_OBJECT, T_OTHER, T_STRING,
  JSON_EDGES, NAMED_TIME_SLOT, SCOPE_DEPTH, TIME_SLOT_END, TIME_SLOT_FIRST, UNSURE, VALUE,
} from './generated';
import { flatEnd, forgetUnder, noteString, setField, validateFlat, watchedSlot } from './json';
import { forgetStringScope, noteObjectScope, noteStringScope, scopesCaller } from './json-scope';
import { closeScopeTime, openScopeTime, rankAt, scopedMode, SCOPES_OFF, scopeEscaped, scopeKeyAt, scopeOpens, scopesEnd, scopesStart, scopeString, scopesUnread, setScopeField } from './json-scopes';
import { keySlotQuick } from './keys';
import { escaped, forgetBlock, skipLiteral, skipNumber, skipString, underscored } from './json-tokens';
import { FIELDS, PRESENT, STACK } from './memory';

/**
 * The hash the caller looks a code field's string up by (see validate): once the line is read, not as
 * each field is found (a call in the validators' loops makes the compiler keep their values in memory).
 */
function hashCodeFields(): void {
  for (let m = load<u32>(PRESENT) & (((<u32>1 << <u32>CODE_SLOT_END) - 1) & ~((<u32>1 << <u32>CODE_SLOT_FIRST) - 1)); m != 0; m &= m - 1) {
    const at = FIELDS + <usize>(<i32>ctz<u32>(m) * FIELD_BYTES);
    if (load<u8>(at + FIELD_TYPE) == T_STRING) store<u32>(at + FIELD_HASH, hashLower(<usize>load<i32>(at + FIELD_START), <usize>load<i32>(at + FIELD_END)));
  }
}

/** A time field's object ends at `end` (just past its `}`): its span is [start, end). */
@inline function closeObject(slot: i32, end: usize): void {
  store<i32>(FIELDS + <usize>(slot * FIELD_BYTES) + FIELD_END, <i32>end);
}

/** Does the slot watch a time field (its object's span is noted: T_OBJECT)? */
@inline function isTimeSlot(slot: i32): bool {
  return (slot >= TIME_SLOT_FIRST && slot < TIME_SLOT_END) || slot == NAMED_TIME_SLOT;
}

/**
 * Validates [s, e) as one JSON text and notes the watched top-level fields (the last of duplicate keys
 * wins, as in JSON.parse). Never calls valid what JSON.parse rejects: anything doubtful is UNSURE.
 * Offsets written to the fields are absolute (the caller subtracts its base); a code field's string has its hash.
 */
export function validate(s: usize, e: usize): i32 {
  scopesUnread();
  const v = validateText(s, e);
  if (v == OBJECT) hashCodeFields();
  return v;
}

/**
 * Is [s, e) malformed JSON for certain, and no blank line (the caller's reading: src/input/fields.ts
 * JSON_FIRST)? Its first byte after JSON's white space is a printable ASCII one no JSON text starts with,
 * or it starts as one may and its last before white space is a printable ASCII one none ends with: a stack
 * trace's line among JSON lines. Anything else (a control, a byte past ASCII) is JSON.parse's to tell.
 */
export function notJson(s: usize, e: usize): bool {
  let i = s;
  let j = e;
  while (i < j && isWs(load<u8>(i))) i++;
  while (j > i && isWs(load<u8>(j - 1))) j--;
  if (i >= j) return false;
  const a = <u32>load<u8>(i);
  if (a <= 0x20 || a >= 0x7f) return false;
  if ((load<u8>(JSON_EDGES + a) & 1) == 0) return true;
  const b = <u32>load<u8>(j - 1);
  return b > 0x20 && b < 0x7f && (load<u8>(JSON_EDGES + b) & 2) == 0;
}

function validateText(s: usize, e: usize): i32 {
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

/**
 * validate for a text that validateFlat left to it (an object or array holds an object or an array). With
 * scopedMode on (an exported element, a JSON line) its scopes are read too (src/wasm/json-scopes.ts): their
 * fields are taken in, or the object is noted as the caller's (stringScope).
 */
export function validateNested(s: usize, e: usize): i32 {
  return nestedScoped(s, e, false);
}

/** Set by validateSpan: where the value it validated ends (its last byte's next), and whether it holds an object or an array. */
export let spanEnd: usize = 0;
export let spanNested: bool = false;

/**
 * validate for a JSON array's element that validateElement left (NOT_FLAT): the value that starts at s is
 * read to its end (spanEnd), whatever follows it before `to`; UNSURE when it does not end before `to`. Its
 * end is found as it is validated: no search for it first (src/wasm/json-array.ts).
 */
export function validateSpan(s: usize, to: usize): i32 {
  scopesUnread();
  spanNested = false;
  const v = nestedScoped(s, to, true);
  if (v == OBJECT) hashCodeFields();
  return v;
}

function nestedScoped(s: usize, e: usize, open: bool): i32 {
  // No object at its first byte (a line of text among JSON lines, a blank first): its scopes are not read here.
  const scoped = scopedMode != SCOPES_OFF && s < e && load<u8>(s) == 0x7b;
  if (scoped) scopesStart();
  else scopesUnread();
  // One call of the reader (two made the compiler lay it out anew, slower for every nested text).
  const v = nestedText(s, e, scoped, open);
  if (scoped) {
    const callers = scopesEnd(v == OBJECT);
    if (v == OBJECT) scopesCaller(callers);
  }
  return v;
}

/** nestedText's reading; `openEnd`: the text goes on past the value (validateSpan). */
function nestedText(s: usize, e: usize, scoped: bool, openEnd: bool): i32 {
  store<u32>(PRESENT, 0);
  forgetStringScope();
  // Its strings with a `_` are noted (at any depth), the text read from its start.
  forgetUnder();
  // The top-level key before the value being read (see noteStringScope).
  let keyS: usize = 0;
  let keyE: usize = 0;
  forgetBlock();
  let i = s;
  let depth: i32 = 0;
  let top = VALUE;
  let slot: i32 = -1;
  // Scoped: the slot of the key just read in a scope (-1: none) and the scope's rank; the key's scope-key
  // index (-1: none). Both are the next value's alone: taken back once it is read.
  let inner: i32 = -1;
  let innerRank: i32 = 0;
  let scopeKey: i32 = -1;
  // A time field's object (T_OBJECT, see timeFields): its slot while it is open, its end noted when it closes
  // (a scope's: see openScopeTime).
  let timeObject: i32 = -1;
  let at: i32 = 0; // 0 a value, 1 after a value, 2 a key
  while (true) {
    // A value done at depth 0 ends an open text there (depth first: seldom 0 while reading).
    if (depth == 0 && at == 1 && openEnd) {
      spanEnd = i;
      return top;
    }
    let c: u32 = i < e ? <u32>load<u8>(i) : 0;
    // A line break and its indentation (pretty-printed JSON) are passed sixteen bytes at a time.
    if (isWs(c)) {
      if (c == 0x0a) {
        // Past every white space byte at once: c is the next byte.
        i = skipJsonWs(i, e);
        c = i < e ? <u32>load<u8>(i) : 0;
      } else {
        i++;
        while (i < e) {
          c = <u32>load<u8>(i);
          if (!isWs(c)) break;
          i++;
        }
      }
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
        if (depth == 1 && timeObject >= 0) closeObject(timeObject, i);
        timeObject = depth == 1 ? -1 : timeObject;
        if (scoped && depth > 1) closeScopeTime(depth, i);
      } else return UNSURE;
      continue;
    }
    if (c == 0x22) {
      const vs = i + 1;
      const end = skipString(vs, e);
      if (end < 0) return UNSURE;
      const ve = <usize>end;
      i = ve + 1;
      if (underscored) noteString(vs, ve, at == 2);
      if (at == 2) {
        slot = depth == 1 ? watchedSlot(vs, ve) : -1;
        if (slot == -2) return UNSURE;
        if (depth == 1) {
          keyS = vs;
          keyE = ve;
          if (scoped) scopeKey = scopeKeyAt(vs, ve, 1);
        } else if (scoped) {
          const rank = rankAt(depth);
          if (rank >= 0) {
            if (escaped) scopeEscaped();
            else {
              inner = keySlotQuick(vs, ve);
              innerRank = rank;
              if (depth < SCOPE_DEPTH) scopeKey = scopeKeyAt(vs, ve, depth);
            }
          }
        }
        while (i < e && isWs(load<u8>(i))) i++;
        if (i >= e || load<u8>(i) != 0x3a) return UNSURE;
        i++;
        at = 0;
        continue;
      }
      if (depth == 1 && slot >= 0) setField(slot, T_STRING, vs, ve, escaped);
      // Where scopes are read, scopeString notes what noteStringScope would (and more: a collector's time first).
      if (!scoped && depth == 1 && keyE != 0) noteStringScope(keyS, keyE, vs, ve);
      if (scoped) {
        if (inner >= 0) setScopeField(inner, innerRank, T_STRING, vs, ve, escaped);
        if (scopeKey >= 0) scopeString(scopeKey, vs, ve);
        inner = -1;
        scopeKey = -1;
      }
      at = 1;
      continue;
    }
    if (at == 2) return UNSURE;
    if (c == 0x7b || c == 0x5b) {
      if (depth == 0 && c == 0x7b) top = OBJECT;
      if (depth > 0) spanNested = true;
      if (!scoped && depth == 1 && c == 0x7b && keyE != 0) noteObjectScope(keyS, keyE);
      if (depth == 1 && slot >= 0) {
        const timed = c == 0x7b && isTimeSlot(slot);
        setField(slot, timed ? T_OBJECT : T_OTHER, i, i, false);
        if (timed) timeObject = slot;
      }
      if (scoped && depth >= 1) {
        if (inner >= 0) {
          const timed = c == 0x7b && isTimeSlot(inner);
          setScopeField(inner, innerRank, timed ? T_OBJECT : T_OTHER, i, i, false);
          if (timed) openScopeTime(depth, inner, innerRank);
        }
        if (depth < SCOPE_DEPTH) scopeOpens(depth, scopeKey, c);
        inner = -1;
        scopeKey = -1;
      }
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
        if (depth == 1 && timeObject >= 0) closeObject(timeObject, i);
        timeObject = depth == 1 ? -1 : timeObject;
        if (scoped && depth > 1) closeScopeTime(depth, i);
      } else if (object) at = 2;
      else {
        at = 0;
        slot = -1;
      }
      continue;
    }
    if (c == 0x2d || isDigit(c)) {
      const vs = i;
      i = skipNumber(i, e);
      if (i == 0) return UNSURE;
      if (depth == 1 && slot >= 0) setField(slot, T_NUMBER, vs, i, false);
      if (scoped && inner >= 0) setScopeField(inner, innerRank, T_NUMBER, vs, i, false);
      inner = -1;
      scopeKey = -1;
      at = 1;
      continue;
    }
    i = skipLiteral(i, e);
    if (i == 0) return UNSURE;
    if (depth == 1 && slot >= 0) setField(slot, T_OTHER, 0, 0, false);
    if (scoped && inner >= 0) setScopeField(inner, innerRank, T_OTHER, 0, 0, false);
    inner = -1;
    scopeKey = -1;
    at = 1;
  }
  return UNSURE;
}
