// An exported element's scopes (and a JSON line's that holds a LINE_SCOPES object), read as it is validated
// (src/input/fields.ts scopedFields is the rule's home):
// the watched fields of the objects under its scope keys (Google Cloud's `jsonPayload`, Elasticsearch's
// `_source`, Datadog's `attributes`), breadth first, SCOPE_DEPTH levels down; a slot takes the first scope's
// value that has its key, after the element's own. What only the caller reads sends the element to it: a
// string scope that may hold JSON, a program's object (Filebeat's `json`: its times come after the element's),
// a scope of arrays (a search hit's `fields`), a scope key twice in one object (JSON.parse keeps the last,
// whatever its type), an escaped key in a scope. src/wasm/json-text.ts validateNested calls these.
import { mayHoldJson } from './json-scope';
import {
  FIELD_BYTES, FIELD_END, FIELD_ESCAPED, FIELD_START, FIELD_TYPE, MESSAGE_SLOT_END, MESSAGE_SLOT_FIRST, SCOPE_DEPTH, SCOPE_KEY_AT, SCOPE_KEY_COUNT, SCOPE_KEY_LEN,
  SCOPE_KEY_OBJECT, SCOPE_KEYS, SLOTS,
} from './generated';
import { FIELDS, PRESENT } from './memory';

/**
 * Whose scopes are read, set by the caller per scan: none (SCOPES_OFF), an export's elements (always looked
 * into: a JSON array's, a wrapped export's), or JSON lines (looked into when one holds an object under a key
 * of src/input/fields.ts LINE_SCOPES at its top level: a log sink's `jsonPayload`, a search hit's `_source`).
 */
export const SCOPES_OFF: i32 = 0;
export const SCOPES_ELEMENTS: i32 = 1;
export const SCOPES_LINES: i32 = 2;
export let scopedMode: i32 = SCOPES_OFF;

export function watchScopes(mode: i32): void {
  scopedMode = mode;
}

// What validate learnt of the last object's scopes, for the caller (scopeState): not read (a flat object, or
// not in scopedMode: the caller searches the bytes), read and none, read and taken in, the caller's to read.
export const SCOPES_UNREAD: i32 = 0;
export const SCOPES_NONE: i32 = 1;
export const SCOPES_READ: i32 = 2;
export const SCOPES_CALLER: i32 = 3;
let state: i32 = SCOPES_UNREAD;

export function scopeState(): i32 {
  return state;
}

/** A new text is validated: its scopes are not read (yet). */
export function scopesUnread(): void {
  state = SCOPES_UNREAD;
}

// The scopes' watched fields: FIELD_BYTES per slot as in FIELDS, the mask of those set, and each one's rank.
const BANK: usize = memory.data(SLOTS * FIELD_BYTES + 16, 16);
const BANK_PRESENT: usize = BANK + <usize>(SLOTS * FIELD_BYTES);
const RANKS: usize = memory.data(SLOTS * 4, 4);
/**
 * Per depth 1 to SCOPE_DEPTH: the rank of the object open there when it is a scope, else -1. A scope's rank
 * orders it breadth first: its level (the element 0) above its path of scope-key indexes (base 32).
 */
const RANK_AT: usize = memory.data(4 * (SCOPE_DEPTH + 2), 4);
/** Per depth: the scope keys met in the object open there (a key twice: the caller's). */
const SEEN_AT: usize = memory.data(4 * (SCOPE_DEPTH + 2), 4);
const LEVEL_SHIFT: i32 = 20;
/** Something in the element only the caller reads. */
let caller: bool = false;
/** A scope object was read. */
let found: bool = false;
/** The object holds one under a key of LINE_SCOPES at its top level: a JSON line is looked into. */
let lineScope: bool = false;

/** The element's object is validated from here (its fields at depth 1). */
export function scopesStart(): void {
  store<u32>(BANK_PRESENT, 0);
  caller = false;
  found = false;
  lineScope = false;
  store<i32>(RANK_AT + 4, 0);
  store<u32>(SEEN_AT + 4, 0);
  for (let d = 2; d <= SCOPE_DEPTH; d++) store<i32>(TIME_SLOT_AT + (<usize>d << 2), -1);
}

/** The rank of the object open at depth (-1: no scope, or too deep to look into). */
@inline export function rankAt(depth: i32): i32 {
  return depth <= SCOPE_DEPTH ? load<i32>(RANK_AT + (<usize>depth << 2)) : -1;
}

/** An escaped key in a scope: it may spell a watched or a scope key. */
export function scopeEscaped(): void {
  caller = true;
}

/**
 * The index of the scope key [ks, ke) read in the scope open at depth (its children scopes of its own:
 * depth < SCOPE_DEPTH), or -1; a scope key met twice in one object leaves the element to the caller. Most
 * keys are told by their length and first byte, here (ks holds a byte even for an empty key: its quote).
 */
@inline export function scopeKeyAt(ks: usize, ke: usize, depth: i32): i32 {
  const n = ke - ks;
  const m = n < 32 ? load<u32>(KEY_LENGTHS + (n << 2)) & load<u32>(KEY_FIRSTS + (<usize>load<u8>(ks) << 2)) : 0;
  return m == 0 ? -1 : scopeKeyOf(ks, n, depth, m);
}

/** scopeKeyAt for a key whose length and first byte are those of the scope keys of mask m. */
function scopeKeyOf(ks: usize, n: usize, depth: i32, m: u32): i32 {
  for (; m != 0; m &= m - 1) {
    const k = <i32>ctz<u32>(m);
    // The table's keys are quoted: compared without their quotes.
    if (memory.compare(ks, SCOPE_KEYS + <usize>load<i32>(SCOPE_KEY_AT + (<usize>k << 2)) + 1, n) != 0) continue;
    const at = SEEN_AT + (<usize>depth << 2);
    const seen = load<u32>(at);
    if ((seen & (<u32>1 << <u32>k)) != 0) caller = true;
    store<u32>(at, seen | (<u32>1 << <u32>k));
    return k;
  }
  return -1;
}

/** Per length below 32, and per first byte: the mask of the scope keys that have it. */
const KEY_LENGTHS: usize = memory.data(32 * 4, 4);
const KEY_FIRSTS: usize = memory.data(256 * 4, 4);
for (let k = 0; k < SCOPE_KEY_COUNT; k++) {
  const at = SCOPE_KEYS + <usize>load<i32>(SCOPE_KEY_AT + (<usize>k << 2));
  const n = <usize>load<i32>(SCOPE_KEY_LEN + (<usize>k << 2)) - 2;
  if (n < 32) store<u32>(KEY_LENGTHS + (n << 2), load<u32>(KEY_LENGTHS + (n << 2)) | (<u32>1 << <u32>k));
  const first = KEY_FIRSTS + (<usize>load<u8>(at + 1) << 2);
  store<u32>(first, load<u32>(first) | (<u32>1 << <u32>k));
}

@inline function flags(k: i32): i32 {
  return load<i32>(SCOPE_KEY_OBJECT + (<usize>k << 2));
}

/**
 * A container opens at depth + 1 (c its `{` or `[`), the value of the key read at depth in a scope (its
 * scope-key index k, -1 none): its rank there (a scope: an object under a key that takes one; a program's
 * or a scope of arrays is the caller's).
 */
export function scopeOpens(depth: i32, k: i32, c: u32): void {
  if (depth + 1 > SCOPE_DEPTH) return;
  let rank: i32 = -1;
  if (k >= 0 && c == 0x7b && (flags(k) & 1) != 0) {
    if ((flags(k) & 12) != 0) caller = true;
    if (depth == 1 && (flags(k) & 2) != 0) lineScope = true;
    found = true;
    const parent = load<i32>(RANK_AT + (<usize>depth << 2));
    rank = (((parent >> LEVEL_SHIFT) + 1) << LEVEL_SHIFT) | (((parent & ((1 << LEVEL_SHIFT) - 1)) << 5) | k);
    store<u32>(SEEN_AT + (<usize>(depth + 1) << 2), 0);
  }
  store<i32>(RANK_AT + (<usize>(depth + 1) << 2), rank);
}

/** A string [vs, ve) under scope key k: one that may hold JSON (see mayHoldJson) is the caller's. */
export function scopeString(k: i32, vs: usize, ve: usize): void {
  if ((flags(k) & 16) != 0 && mayHoldJson(vs, ve, true)) caller = true;
}

/** A watched key's value in the scope of this rank: kept when no earlier scope has the key (the same scope: the last, as JSON.parse keeps). */
export function setScopeField(slot: i32, rank: i32, type: u8, start: usize, end: usize, esc: bool): void {
  const bit: u32 = <u32>1 << <u32>slot;
  const present = load<u32>(BANK_PRESENT);
  const r = RANKS + (<usize>slot << 2);
  if ((present & bit) != 0 && load<i32>(r) < rank) return;
  store<u32>(BANK_PRESENT, present | bit);
  store<i32>(r, rank);
  const at = BANK + <usize>(slot * FIELD_BYTES);
  store<u8>(at + FIELD_TYPE, type);
  store<u8>(at + FIELD_ESCAPED, esc ? 1 : 0);
  store<i32>(at + FIELD_START, <i32>start);
  store<i32>(at + FIELD_END, <i32>end);
}

/**
 * Per depth 2 to SCOPE_DEPTH: the slot (and its scope's rank) of the time field whose object is open there,
 * the value of a key read at that depth (-1: none). One may hold another: --time-field may name a scope key.
 */
const TIME_SLOT_AT: usize = memory.data(4 * (SCOPE_DEPTH + 2), 4);
const TIME_RANK_AT: usize = memory.data(4 * (SCOPE_DEPTH + 2), 4);

/** A scope's time field's object opens: the value of the key of slot `slot` read at depth, in the scope of rank `rank`. */
export function openScopeTime(depth: i32, slot: i32, rank: i32): void {
  store<i32>(TIME_SLOT_AT + (<usize>depth << 2), slot);
  store<i32>(TIME_RANK_AT + (<usize>depth << 2), rank);
}

/** A container closed, back at depth: a scope's time field's object open from there ends at `end` (just past its `}`), when its slot still holds it. */
export function closeScopeTime(depth: i32, end: usize): void {
  if (depth > SCOPE_DEPTH) return;
  const at = TIME_SLOT_AT + (<usize>depth << 2);
  const slot = load<i32>(at);
  if (slot < 0) return;
  store<i32>(at, -1);
  if (load<i32>(RANKS + (<usize>slot << 2)) == load<i32>(TIME_RANK_AT + (<usize>depth << 2))) store<i32>(BANK + <usize>(slot * FIELD_BYTES) + FIELD_END, <i32>end);
}

/**
 * The element was validated (valid: an object): its scope state, and the scopes' fields taken into FIELDS
 * where the element has none of its own. The message fields stay the element's: whether it carries on a
 * record is told by its own (src/wasm/json-records.ts messageCarries). True when the caller reads it.
 */
export function scopesEnd(valid: bool): bool {
  if (!valid) {
    state = SCOPES_UNREAD;
    return false;
  }
  if (caller) {
    state = SCOPES_CALLER;
    return true;
  }
  // A JSON line with no scope of LINE_SCOPES at its top level is read by its own keys alone.
  if (scopedMode == SCOPES_LINES && !lineScope) found = false;
  state = found ? SCOPES_READ : SCOPES_NONE;
  if (!found) return false;
  const own = load<u32>(PRESENT);
  const messages = ((<u32>1 << <u32>MESSAGE_SLOT_END) - 1) & ~((<u32>1 << <u32>MESSAGE_SLOT_FIRST) - 1);
  let take = load<u32>(BANK_PRESENT) & ~own & ~messages;
  if (take == 0) return false;
  store<u32>(PRESENT, own | take);
  for (; take != 0; take &= take - 1) {
    const at = <usize>(<i32>ctz<u32>(take) * FIELD_BYTES);
    memory.copy(FIELDS + at, BANK + at, FIELD_BYTES);
  }
  return false;
}
