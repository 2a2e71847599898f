import type { AccountsSeen } from '../model/tally.js';
import { rank } from './accounts.js';

// Accounts seen: every distinct account in the records read, for the report's impact (affected ÷ seen).
// Counted exactly up to SEEN_EXACT distinct accounts, by a 32-bit hash of each (with 10,000 accounts the
// chance that two share a hash, and the count is one short, is about 1 %); past it by a HyperLogLog sketch of 2^SEEN_BITS registers (about 0.8 %
// standard error), and the count says it is an estimate. The byte kernel counts the same way
// (src/wasm/seen.ts, with these limits generated from here): its hashes and registers merge with these.

/** Distinct accounts counted exactly; past this the count is an estimate. */
export const SEEN_EXACT = 10_000;
/** The sketch has 2^SEEN_BITS registers. */
export const SEEN_BITS = 14;

export type { AccountsSeen };

export function newSeen(): AccountsSeen {
  return { exact: new Set(), registers: null };
}

/** Murmur3's finalizer: spreads the account's rank (FNV-1a) over all 32 bits, as the sketch needs. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The hash an account is counted by (lower-cased, as accounts are kept). */
export function seenHash(account: string): number {
  return fmix32(rank(account));
}

function register(r: Uint8Array, h: number): void {
  const i = h >>> (32 - SEEN_BITS);
  // Leading zeros of the other bits, plus one (a guard bit caps it).
  const rho = Math.clz32(((h << SEEN_BITS) | (1 << (SEEN_BITS - 1))) >>> 0) + 1;
  if (rho > r[i]!) r[i] = rho;
}

function toSketch(s: AccountsSeen): Uint8Array {
  if (s.registers === null) {
    s.registers = new Uint8Array(1 << SEEN_BITS);
    for (const h of s.exact ?? []) register(s.registers, h);
    s.exact = null;
  }
  return s.registers;
}

/** Counts an account by its hash (see seenHash). */
export function addSeen(s: AccountsSeen, h: number): void {
  if (s.exact !== null) {
    s.exact.add(h);
    if (s.exact.size > SEEN_EXACT) toSketch(s);
  } else register(s.registers!, h);
}

/** Adds a sketch's registers (the kernel's, past its exact bound). */
export function addRegisters(s: AccountsSeen, r: Uint8Array): void {
  const mine = toSketch(s);
  for (let i = 0; i < mine.length; i++) if (r[i]! > mine[i]!) mine[i] = r[i]!;
}

/** Merges b into a (b is left as it was). */
export function mergeSeen(a: AccountsSeen, b: AccountsSeen): void {
  if (b.exact !== null) for (const h of b.exact) addSeen(a, h);
  else addRegisters(a, b.registers!);
}

/** A copy of s (made in one go: what merging s into a new count gives). */
export function copySeen(s: AccountsSeen): AccountsSeen {
  return s.exact !== null ? { exact: new Set(s.exact), registers: null } : { exact: null, registers: s.registers!.slice() };
}

/** How many distinct accounts: exact, or (bounded) the sketch's estimate. */
export function seenCount(s: AccountsSeen): { count: number; bounded: boolean } {
  if (s.exact !== null) return { count: s.exact.size, bounded: false };
  const r = s.registers!;
  const m = r.length;
  let sum = 0;
  let zeros = 0;
  for (let i = 0; i < m; i++) {
    sum += 2 ** -r[i]!;
    if (r[i] === 0) zeros++;
  }
  const raw = ((0.7213 / (1 + 1.079 / m)) * m * m) / sum;
  // Few accounts for the sketch's size: linear counting is the better estimate.
  const est = raw <= 2.5 * m && zeros > 0 ? m * Math.log(m / zeros) : raw;
  return { count: Math.max(SEEN_EXACT + 1, Math.round(est)), bounded: true };
}

/** As JSON: the hashes (sorted) while exact, else the registers in base64. */
export function seenToJson(s: AccountsSeen): { exact: number[] } | { registers: string } {
  return s.exact !== null ? { exact: [...s.exact].sort((x, y) => x - y) } : { registers: Buffer.from(s.registers!).toString('base64') };
}

/** From JSON (see seenToJson); undefined when malformed. */
export function seenFromJson(v: unknown): AccountsSeen | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  if (Array.isArray(o['exact'])) {
    const list = o['exact'] as unknown[];
    if (list.length > SEEN_EXACT || !list.every((h) => typeof h === 'number' && Number.isInteger(h) && h >= 0 && h < 2 ** 32)) return undefined;
    return { exact: new Set(list as number[]), registers: null };
  }
  if (typeof o['registers'] !== 'string') return undefined;
  const r = new Uint8Array(Buffer.from(o['registers'], 'base64'));
  if (r.length !== 1 << SEEN_BITS || r.some((x) => x > 33 - SEEN_BITS)) return undefined;
  return { exact: null, registers: r };
}
