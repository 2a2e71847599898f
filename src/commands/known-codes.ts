import { nearestCodes, type Catalog } from '../catalog/catalog.js';
import type { Baseline } from '../summary/baseline.js';
import type { Suppression } from '../summary/suppress.js';

/**
 * Codes a suppressions file or a --fail-on-new baseline names that the catalog does not hold: a misspelled
 * `smime_eror` never matches anything, so it is said, with the nearest codes, not just shown "unused".
 */
export function codesNotInCatalog(catalog: Catalog, suppressions: readonly Suppression[] | undefined, suppressFile: string | undefined, baseline: Baseline | undefined): string[] {
  const lines: string[] = [];
  const hint = (code: string): string => {
    const near = nearestCodes(catalog, code, 1);
    return near.length > 0 ? ` (did you mean ${near[0]}?)` : '';
  };
  for (const s of suppressions ?? []) {
    if (!catalog.byKey.has(s.code.toLowerCase())) lines.push(`suppressions file ${suppressFile ?? ''}: ${s.code} is not in the catalog${hint(s.code)}`);
  }
  for (const { code } of baseline?.counts.values() ?? []) {
    if (!catalog.byKey.has(code.toLowerCase())) lines.push(`baseline ${baseline!.path}: ${code} is not in the catalog${hint(code)}`);
  }
  return lines;
}
