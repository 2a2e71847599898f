import { createHash } from 'node:crypto';
import { BUILTIN_CATALOG } from './builtin.js';
import type { CatalogEntry } from './types.js';
import { distance } from './nearest.js';

/** The active catalog: its entries in order and a case-insensitive index. */
export interface Catalog {
  readonly entries: readonly CatalogEntry[];
  /** Lower-cased code → entry. */
  readonly byKey: ReadonlyMap<string, CatalogEntry>;
  /** SHA-256 of the entries' canonical JSON, so a report names exactly the catalog it used. */
  readonly sha256: string;
}

/**
 * Builds the active catalog: the built-in one (unless dropped), then each custom catalog in order.
 * An entry whose code (case-insensitive) is already present replaces it in place.
 */
export function buildCatalog(custom: readonly (readonly CatalogEntry[])[], builtin = true): Catalog {
  const byKey = new Map<string, CatalogEntry>();
  for (const list of [builtin ? BUILTIN_CATALOG : [], ...custom]) {
    for (const entry of list) byKey.set(entry.code.toLowerCase(), entry);
  }
  const entries = [...byKey.values()];
  return { entries, byKey, sha256: catalogSha256(entries) };
}

/** Hash of the entries with a fixed field order. */
export function catalogSha256(entries: readonly CatalogEntry[]): string {
  const canonical = entries.map((e) => [e.module, e.code, e.type, e.level, e.description, e.action]);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** Catalog codes nearest to a mistyped one, by edit distance, for "did you mean". */
export function nearestCodes(catalog: Catalog, query: string, limit = 3): string[] {
  const q = query.toLowerCase();
  return catalog.entries
    .map((e) => ({ code: e.code, d: distance(q, e.code.toLowerCase()) }))
    .sort((a, b) => a.d - b.d || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .filter((x, i) => i < limit && x.d <= Math.max(3, Math.floor(q.length / 2)))
    .map((x) => x.code);
}
