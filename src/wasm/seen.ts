// Accounts seen: the distinct e-mail addresses of every line read, counted as src/summary/accounts-seen.ts
// counts them (the same hash, bound and sketch), for the caller to merge into its own count.
import { hashLower } from './bytes';
import { SEEN_BITS, SEEN_EXACT, SEEN_MEMO_SLOTS, SEEN_SLOTS } from './generated';

// An open-addressing set of the hashes met (u32 hash, u32 generation: starting over is one increment), the
// new ones also listed in order for the caller (at most SEEN_EXACT; past that only the sketch counts), and
// the sketch's registers.
const TABLE: usize = memory.data(SEEN_SLOTS * 8, 16);
const LIST: usize = memory.data(SEEN_EXACT * 4, 16);
const REGISTERS: usize = memory.data(1 << SEEN_BITS, 16);
// Addresses met lately, two per set of slots (the newer first): key1, key2 (hashBoth of the bytes, which has the
// length in it), the address's hash as counted (see `see`), the generation it was last counted in.
const MEMO: usize = memory.data(SEEN_MEMO_SLOTS * 16, 16);
let gen: u32 = 1;
let listed: i32 = 0;
let full = false;
/** Registers were set since the last reset. */
let sketched = false;

/** Forgets every hash (a new file). */
export function seenReset(): void {
  gen++;
  if (gen == 0xffffffff) {
    memory.fill(TABLE, 0, <usize>SEEN_SLOTS * 8);
    memory.fill(MEMO, 0, <usize>SEEN_MEMO_SLOTS * 16);
    gen = 1;
  }
  listed = 0;
  full = false;
  if (sketched) memory.fill(REGISTERS, 0, 1 << SEEN_BITS);
  sketched = false;
}

@inline function fmix32(h: u32): u32 {
  h ^= h >> 16;
  h *= 0x85ebca6b;
  h ^= h >> 13;
  h *= 0xc2b2ae35;
  return h ^ (h >> 16);
}

@inline function register(h: u32): void {
  const r = REGISTERS + <usize>(h >> (32 - SEEN_BITS));
  const rho = <u8>(clz<u32>((h << SEEN_BITS) | (1 << (SEEN_BITS - 1))) + 1);
  if (rho > load<u8>(r)) store<u8>(r, rho);
}

/**
 * The memo entry of the key k1, k2 (hashBoth of an address's bytes), or 0 when it holds none. An address in
 * the memo was found (as a whole address) before.
 */
@inline export function memoOf(k1: u32, k2: u32): usize {
  const at = MEMO + (<usize>(k1 & (SEEN_MEMO_SLOTS - 2)) << 4);
  if (load<u32>(at) == k1 && load<u32>(at, 4) == k2) return at;
  if (load<u32>(at, 16) == k1 && load<u32>(at, 20) == k2) return at + 16;
  return 0;
}

/** Counts the account of a memo entry (see memoOf): once per generation. */
@inline export function seeMemo(at: usize): void {
  if (load<u32>(at, 12) == gen) return;
  store<u32>(at, gen, 12);
  seeHash(load<u32>(at, 8));
}

/**
 * Counts the account of the bytes [s, e) (lower-cased as they are hashed), whose hashBoth is k1, k2. A
 * repeated address is known by its cache slot: counted already in this generation, or its hash is there.
 */
export function see(s: usize, e: usize, k1: u32, k2: u32): void {
  const known = memoOf(k1, k2);
  if (known != 0) return seeMemo(known);
  // Two ways per set: two addresses whose keys share a slot do not push each other out in turn. A new key
  // goes first in its set, the one there moves second.
  const at = MEMO + (<usize>(k1 & (SEEN_MEMO_SLOTS - 2)) << 4);
  v128.store(at + 16, v128.load(at));
  const h = fmix32(hashLower(s, e));
  store<u32>(at, k1);
  store<u32>(at, k2, 4);
  store<u32>(at, h, 8);
  store<u32>(at, gen, 12);
  seeHash(h);
}

/** Counts an account by its hash (fmix32 of its FNV-1a, as src/summary/accounts-seen.ts counts it). */
function seeHash(h: u32): void {
  // Past the bound only the sketch counts; below it the list is all there is to know.
  if (full) return register(h);
  let slot = h & (SEEN_SLOTS - 1);
  while (true) {
    const at = TABLE + (<usize>slot << 3);
    if (load<u32>(at, 4) != gen) {
      store<u32>(at, h);
      store<u32>(at, gen, 4);
      store<u32>(LIST + (<usize>listed << 2), h);
      if (++listed == SEEN_EXACT) {
        // The sketch starts from the listed hashes.
        full = true;
        sketched = true;
        for (let i = 0; i < SEEN_EXACT; i++) register(load<u32>(LIST + (<usize>i << 2)));
      }
      return;
    }
    if (load<u32>(at) == h) return;
    slot = (slot + 1) & (SEEN_SLOTS - 1);
  }
}

/** Where the hashes listed since the last reset are, and how many; -1 when they passed the bound (read the sketch). */
export function seenList(): usize {
  return LIST;
}

export function seenListed(): i32 {
  return full ? -1 : listed;
}

export function seenRegisters(): usize {
  return REGISTERS;
}
