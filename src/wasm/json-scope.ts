// Whether a JSON line has a scope the caller looks into (src/input/fields.ts holdsScope): a top-level string
// that may hold a program's JSON (a collector's `message`), or an object under a scope key (Google Cloud's
// `jsonPayload`, Datadog's `attributes`). The validators note it (src/wasm/json.ts, json-text.ts), the
// JSON-lines scan hands such a line to the caller (jsonl.ts).
import { SCOPE_KEY_AT, SCOPE_KEY_COUNT, SCOPE_KEY_LEN, SCOPE_KEY_OBJECT, SCOPE_KEYS, STRING_SCOPE_AT, STRING_SCOPE_COUNT, STRING_SCOPE_KEYS, STRING_SCOPE_LEN } from './generated';

// Set by validateFlat and validateNested (src/wasm/json-text.ts): a JSON line's top-level string under a key
// of STRING_SCOPE_KEYS (`message`, `log`, …) starts with `{`, a blank or an escape: it may hold a program's
// JSON; or a top-level object is under a key of src/input/fields.ts LINE_SCOPES (noteObjectScope).
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

/** May the string value [vs, …) under the key [ks, ke) hold a scope's JSON (see stringScope)? */
@inline function mayHoldScope(ks: usize, ke: usize, vs: usize): bool {
  const f = load<u8>(vs);
  return (f == 0x7b || f == 0x20 || f == 0x09 || f == 0x5c) && isStringScopeKey(ks, ke);
}

/** Is [ks, ke) one of STRING_SCOPE_KEYS? */
function isStringScopeKey(ks: usize, ke: usize): bool {
  for (let k = 0; k < STRING_SCOPE_COUNT; k++) {
    const n = <usize>load<i32>(STRING_SCOPE_LEN + (<usize>k << 2));
    if (ke - ks == n && memory.compare(ks, STRING_SCOPE_KEYS + <usize>load<i32>(STRING_SCOPE_AT + (<usize>k << 2)), n) == 0) return true;
  }
  return false;
}

/** Notes a string value [vs, …) under the key [ks, ke) that may hold a scope's JSON (see stringScope). */
export function noteStringScope(ks: usize, ke: usize, vs: usize): void {
  if (!stringScope && mayHoldScope(ks, ke, vs)) stringScope = true;
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
