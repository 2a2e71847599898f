import type { Catalog } from '../catalog/catalog.js';
import type { Matcher } from '../model/settings.js';

export type { Matcher };

/**
 * Compiles the catalog into a matcher: what the byte scanners build their tables from (src/fast/catalog-tables.ts).
 * A code counts where it occurs case-insensitively (ASCII) and the characters right before and after it are not
 * [A-Za-z0-9_] (src/extract/chars.ts); the string matcher the tests compare with is test/oracle/matcher.ts.
 */
export function buildMatcher(catalog: Catalog): Matcher {
  const keys = catalog.entries.map((e) => e.code.toLowerCase());
  return {
    catalog,
    wordCodes: keys.every((k) => /^[a-z0-9_]+$/.test(k) && k.includes('_')),
    maxCodeLength: keys.reduce((m, k) => Math.max(m, k.length), 0),
  };
}
