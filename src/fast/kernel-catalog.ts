import { CATALOG } from './kernel-layout.js';

/**
 * The kernel's catalog table: `size` entries (a power of two) of open addressing, keyed by the hash of each
 * lower-cased key (hash, as the kernel computes it over the key's bytes at their absolute offset from
 * `arena` on, where they lie one after the other), with the catalog index, the key's offset and length.
 */
export function catalogTable(keys: readonly Buffer[], size: number, arena: number, hash: (s: number, e: number) => number): Int32Array {
  const table = new Int32Array(size * CATALOG.words);
  for (let i = 0; i < size; i++) table[i * CATALOG.words + CATALOG.idx] = -1;
  let offset = arena;
  keys.forEach((key, idx) => {
    const h = hash(offset, offset + key.length);
    let slot = (h >>> 0) & (size - 1);
    while (table[slot * CATALOG.words + CATALOG.idx] !== -1) slot = (slot + 1) & (size - 1);
    const at = slot * CATALOG.words;
    table[at + CATALOG.hash] = h | 0;
    table[at + CATALOG.idx] = idx;
    table[at + CATALOG.key] = offset;
    table[at + CATALOG.length] = key.length;
    offset += key.length;
  });
  return table;
}
