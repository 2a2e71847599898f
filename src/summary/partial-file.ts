import { buildCatalog, type Catalog } from '../catalog/catalog.js';
import { parseCatalog } from '../catalog/load.js';
import type { CatalogEntry } from '../catalog/types.js';
import { ScanError } from '../errors.js';
import type { CountingSettings } from '../model/settings.js';
import { tallyFromJson, tallyToJson, type TallyJson } from './partial.js';
import type { Tally } from './tally.js';

export type { CountingSettings };

export const PARTIAL_KIND = 'mxscan-partial';
export const PARTIAL_VERSION = 1;

/** A partial report: what `scan --partial` writes and `merge` reads (one line of JSON). */
export interface PartialJson {
  kind: typeof PARTIAL_KIND;
  version: number;
  tool: { name: 'mxscan'; version: string };
  catalog: { sha256: string; entries: readonly CatalogEntry[] };
  settings: CountingSettings;
  tally: TallyJson;
}

export function partialToJson(t: Tally, catalog: Catalog, settings: CountingSettings, version = '0'): PartialJson {
  return {
    kind: PARTIAL_KIND,
    version: PARTIAL_VERSION,
    tool: { name: 'mxscan', version },
    catalog: { sha256: catalog.sha256, entries: catalog.entries },
    settings,
    tally: tallyToJson(t),
  };
}

/** Reads one partial report; anything that is not one is a clear error. */
export function partialFromJson(data: unknown, source: string): { tally: Tally; catalog: Catalog; settings: CountingSettings } {
  const fail = (why: string): never => {
    throw new ScanError('BAD_PARTIAL', `bad partial report ${source}: ${why}`);
  };
  if (data === null || typeof data !== 'object') return fail('not a JSON object');
  const p = data as Partial<PartialJson>;
  if (p.kind !== PARTIAL_KIND) return fail('not an mxscan partial report (write one with mxscan scan --partial)');
  if (p.version !== PARTIAL_VERSION) return fail(`version ${JSON.stringify(p.version)} cannot be merged by this version (${PARTIAL_VERSION})`);
  const entries = parseCatalog(JSON.stringify(p.catalog?.entries ?? null), `${source} (its catalog)`);
  const catalog = buildCatalog([entries], false);
  if (catalog.sha256 !== p.catalog?.sha256) fail('its catalog does not match its checksum');
  const s = p.settings;
  if (s === null || typeof s !== 'object') return fail('no settings');
  return { tally: tallyFromJson(p.tally, source), catalog, settings: s };
}
