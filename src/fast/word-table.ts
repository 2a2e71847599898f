import type { CatalogEntry } from '../catalog/types.js';

/**
 * Catalog codes looked up straight from bytes, case-insensitively (ASCII), without making a string:
 * an open-addressing table keyed by a hash of the lower-cased bytes.
 */
export class WordTable {
  private readonly mask: number;
  private readonly keys: (Buffer | undefined)[];
  private readonly index: Int32Array;

  constructor(entries: readonly CatalogEntry[]) {
    let size = 16;
    while (size < entries.length * 4) size *= 2;
    this.mask = size - 1;
    this.keys = new Array<Buffer | undefined>(size).fill(undefined);
    this.index = new Int32Array(size).fill(-1);
    for (const [i, e] of entries.entries()) {
      const key = Buffer.from(e.code.toLowerCase(), 'latin1');
      let slot = hash(key, 0, key.length) & this.mask;
      while (this.keys[slot] !== undefined) slot = (slot + 1) & this.mask;
      this.keys[slot] = key;
      this.index[slot] = i;
    }
  }

  /** Index (in the catalog's entries) of the code equal to buf[s, e) ignoring ASCII case, or -1. */
  get(buf: Buffer, s: number, e: number, h = hash(buf, s, e)): number {
    const n = e - s;
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const key = this.keys[slot];
      if (key === undefined) return -1;
      if (key.length !== n) continue;
      let i = 0;
      while (i < n && LOWER[buf[s + i]!] === key[i]) i++;
      if (i === n) return this.index[slot]!;
    }
  }
}

/** Byte → its ASCII lower case. */
export const LOWER = new Uint8Array(256).map((_, c) => (c >= 65 && c <= 90 ? c | 0x20 : c));
export const HASH_SEED = 0x811c9dc5;
export const HASH_PRIME = 0x01000193;

/** FNV-1a of the lower-cased bytes (the scanner computes the same hash as it reads a word). */
export function hash(buf: Uint8Array, s: number, e: number): number {
  let h = HASH_SEED;
  for (let i = s; i < e; i++) h = Math.imul(h ^ LOWER[buf[i]!]!, HASH_PRIME);
  return h >>> 0;
}
