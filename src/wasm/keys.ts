// Watched keys: each slot's key is the generated default (src/fast/json-line.ts's WATCHED), or one the
// caller sets (--code-field, --time-field: see Kernel.watchFields).
import { KEY_AT, KEY_LEN, KEY_LONGEST, KEY_MASKS, KEYS, SLOTS } from './generated';

const ROOM: i32 = KEY_LONGEST + 1;
/** Per slot, room for a key the caller sets. */
const CUSTOM: usize = memory.data(SLOTS * ROOM, 16);
const CUSTOM_LEN: usize = memory.data(SLOTS * 4, 4);
/** The slots whose key is the caller's. */
let custom: u32 = 0;
/** Per first byte of a key: the mask of the slots whose key starts with it (with KEY_MASKS, most keys are told by two loads). */
const FIRST_MASKS: usize = memory.data(256 * 4, 4);
/**
 * Per slot, the first byte it is marked under in FIRST_MASKS: the caller writes a new key over the old one
 * before it calls watch, so the old key's first byte is read from here, not from the key.
 */
const FIRST_OF: usize = memory.data(SLOTS, 1);

@inline function keyAt(slot: i32): usize {
  return ((custom >> slot) & 1) != 0 ? CUSTOM + <usize>(slot * ROOM) : KEYS + <usize>load<i32>(KEY_AT + (<usize>slot << 2));
}

@inline function keyLength(slot: i32): i32 {
  return ((custom >> slot) & 1) != 0 ? load<i32>(CUSTOM_LEN + (<usize>slot << 2)) : load<i32>(KEY_LEN + (<usize>slot << 2));
}

/**
 * [a, a + n) equals [b, b + n), eight bytes at a time: the last word is read whole and the bytes past n are
 * masked off: b has 7 bytes of room after n (a key's slot has), and so has a, a key in the caller's bytes
 * (see LOAD_SLACK).
 */
@inline function sameBytes(a: usize, b: usize, n: usize): bool {
  let i: usize = 0;
  while (i + 8 <= n) {
    if (load<u64>(a + i) != load<u64>(b + i)) return false;
    i += 8;
  }
  if (i == n) return true;
  const bits = <u64>(n - i) << 3;
  const mask: u64 = (<u64>1 << bits) - 1;
  return ((load<u64>(a + i) ^ load<u64>(b + i)) & mask) == 0;
}

/** The slots whose key may be [ks, ks + n) (n at most KEY_LONGEST): those of its length and first byte. */
@inline export function keyCandidates(ks: usize, n: usize): u32 {
  // ks holds a byte even for an empty key (its closing quote).
  return load<u32>(KEY_MASKS + (n << 2)) & load<u32>(FIRST_MASKS + (<usize>load<u8>(ks) << 2));
}

/**
 * Per slot, its key's first 16 bytes (fewer: zeros after them): with keyCandidates, a key of at most 16
 * bytes is told by one compare of two words, and a longer one that is not watched mostly is (see
 * keySlotQuick).
 */
const PREFIX: usize = memory.data(SLOTS * 16, 16);

/** The first n bytes (at most 8) of the 8 at p, zeros after them. */
@inline function word(p: usize, n: usize): u64 {
  return n >= 8 ? load<u64>(p) : load<u64>(p) & ((<u64>1 << (<u64>n << 3)) - 1);
}

/** Writes the first 16 bytes of the slot's key (n bytes long) to PREFIX. */
@inline function setPrefix(slot: i32, key: usize, n: usize): void {
  const at = PREFIX + (<usize>slot << 4);
  store<u64>(at, word(key, n));
  store<u64>(at + 8, n > 8 ? word(key + 8, n - 8) : 0);
}

/**
 * keySlot, quickly: the candidates' first two (lowest) slots are compared by their prefixes, so most keys are
 * told without a call — two watched keys may share a length and a first byte (`mailbox`, `message`); ks has
 * 16 bytes to read (see LOAD_SLACK).
 */
@inline export function keySlotQuick(ks: usize, ke: usize): i32 {
  const n = ke - ks;
  if (n > <usize>KEY_LONGEST) return -1;
  let m = keyCandidates(ks, n);
  if (m == 0) return -1;
  const low = word(ks, n);
  const high = n > 8 ? word(ks + 8, n - 8) : 0;
  let slot = <i32>ctz<u32>(m);
  let at = PREFIX + (<usize>slot << 4);
  if (load<u64>(at) == low && load<u64>(at + 8) == high) return n <= 16 ? slot : keySlot(ks, ke);
  // The second candidate, written out: as a loop of two, the scan of snake_case JSON lines took 3 % longer.
  m &= m - 1;
  if (m == 0) return -1;
  slot = <i32>ctz<u32>(m);
  at = PREFIX + (<usize>slot << 4);
  if (load<u64>(at) == low && load<u64>(at + 8) == high) return n <= 16 ? slot : keySlot(ks, ke);
  return (m & (m - 1)) == 0 ? -1 : keySlot(ks, ke);
}

/** The slot that watches the key [ks, ke) (its raw bytes), or -1. */
export function keySlot(ks: usize, ke: usize): i32 {
  const n = ke - ks;
  if (n > <usize>KEY_LONGEST) return -1;
  // The slots whose key has this length and first byte, compared in turn (8 bytes at a time, see sameBytes).
  let m = keyCandidates(ks, n);
  while (m != 0) {
    const slot = <i32>ctz<u32>(m);
    if (sameBytes(ks, keyAt(slot), n)) return slot;
    m &= m - 1;
  }
  return -1;
}

/**
 * Every object of a JSON line is the caller's to time (watchNested): its time field is one the kernel cannot
 * find (a dotted path, a name it cannot watch).
 */
export let objectsToCaller: bool = false;

export function watchNested(on: bool): void {
  objectsToCaller = on;
}

/** Where the caller writes a slot's key: KEY_LONGEST + 1 bytes per slot. */
export function keysOut(): usize {
  return CUSTOM;
}

@inline function mark(slot: i32, on: bool): void {
  const n = keyLength(slot);
  if (n <= 0 || n > KEY_LONGEST) return;
  const at = KEY_MASKS + (<usize>n << 2);
  store<u32>(at, on ? load<u32>(at) | (1 << slot) : load<u32>(at) & ~(1 << slot));
  if (on) {
    store<u8>(FIRST_OF + <usize>slot, load<u8>(keyAt(slot)));
    setPrefix(slot, keyAt(slot), <usize>n);
  }
  const first = FIRST_MASKS + (<usize>load<u8>(FIRST_OF + <usize>slot) << 2);
  store<u32>(first, on ? load<u32>(first) | (1 << slot) : load<u32>(first) & ~(1 << slot));
}

// The generated keys' first bytes (KEY_MASKS has their lengths already).
for (let slot = 0; slot < SLOTS; slot++) {
  // An empty key (--time-field's slot, see NAMED_TIME_SLOT) is no key: nothing is marked for it.
  if (keyLength(slot) == 0) continue;
  const c = load<u8>(keyAt(slot));
  store<u8>(FIRST_OF + <usize>slot, c);
  const first = FIRST_MASKS + (<usize>c << 2);
  store<u32>(first, load<u32>(first) | (1 << slot));
  setPrefix(slot, keyAt(slot), <usize>keyLength(slot));
}

/**
 * Slot `slot` watches the `len` bytes the caller wrote at keysOut() + slot * (KEY_LONGEST + 1); len -1:
 * its own key again; 0: no key.
 */
export function watch(slot: i32, len: i32): void {
  mark(slot, false);
  if (len < 0) custom &= ~(1 << slot);
  else {
    custom |= 1 << slot;
    store<i32>(CUSTOM_LEN + (<usize>slot << 2), len);
  }
  mark(slot, true);
}
