import { buildCatalog, type Catalog } from '../catalog/catalog.js';
import { parseCatalog } from '../catalog/load.js';
import type { CatalogEntry } from '../catalog/types.js';
import { ScanError } from '../errors.js';
import type { CountingSettings } from '../model/settings.js';
import type { ShardInfo } from '../input/shard.js';
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
  /** Made with --shard: which slice of which inputs (first in the text, so a cut-off file still names it). */
  shard?: ShardInfo;
  catalog: { sha256: string; entries: readonly CatalogEntry[] };
  settings: CountingSettings;
  tally: TallyJson;
}

export function partialToJson(t: Tally, catalog: Catalog, settings: CountingSettings, version = '0', shard?: ShardInfo): PartialJson {
  return {
    kind: PARTIAL_KIND,
    version: PARTIAL_VERSION,
    tool: { name: 'mxscan', version },
    ...(shard !== undefined ? { shard: { index: shard.index, count: shard.count, inputs: shard.inputs } } : {}),
    catalog: { sha256: catalog.sha256, entries: catalog.entries },
    settings,
    tally: tallyToJson(t),
  };
}

/** Reads one partial report; anything that is not one is a clear error. */
export function partialFromJson(data: unknown, source: string, known?: Catalog): PartialRead {
  const fail = (why: string): never => {
    throw new ScanError('BAD_PARTIAL', `bad partial report ${source}: ${why}`);
  };
  if (data === null || typeof data !== 'object') return fail('not a JSON object');
  const p = data as Partial<PartialJson>;
  if (p.kind !== PARTIAL_KIND) return fail('not an mxscan partial report (write one with mxscan scan --partial)');
  if (p.version !== PARTIAL_VERSION) return fail(`version ${JSON.stringify(p.version)} cannot be merged by this version (${PARTIAL_VERSION})`);
  const shard = p.shard === undefined ? undefined : shardFromJson(p.shard, fail);
  // The catalog the merge already holds, when this one is the same: checked once, not once per partial.
  const same = known !== undefined && p.catalog?.sha256 === known.sha256 && JSON.stringify(p.catalog.entries) === JSON.stringify(known.entries);
  const catalog = same ? known : buildCatalog([parseCatalog(JSON.stringify(p.catalog?.entries ?? null), `${source} (its catalog)`)], false);
  if (catalog.sha256 !== p.catalog?.sha256) fail('its catalog does not match its checksum');
  const s = p.settings;
  if (s === null || typeof s !== 'object') return fail('no settings');
  return { tally: tallyFromJson(p.tally, source), catalog, settings: s, ...(shard !== undefined ? { shard } : {}) };
}

/** What one partial report holds. */
export interface PartialRead {
  readonly tally: Tally;
  readonly catalog: Catalog;
  readonly settings: CountingSettings;
  readonly shard?: ShardInfo;
}

function shardFromJson(v: unknown, fail: (why: string) => never): ShardInfo {
  const o = (v !== null && typeof v === 'object' ? v : {}) as Record<string, unknown>;
  const { index, count, inputs } = o;
  const ok = Number.isInteger(count) && (count as number) >= 1 && Number.isInteger(index) && (index as number) >= 1 && (index as number) <= (count as number);
  if (!ok || typeof inputs !== 'string') return fail(`its shard is not { index, count, inputs } with 1 ≤ index ≤ count`);
  return { index: index as number, count: count as number, inputs };
}

/**
 * The shard a partial report's text names, read from its start: a cut-off or corrupt partial is still
 * named by its shard (the shard comes before the catalog and the tally).
 */
export function shardInText(text: string): string | undefined {
  const m = /"shard":\{"index":([0-9]+),"count":([0-9]+)/.exec(text.slice(0, 4096));
  return m === null ? undefined : `${m[1]}/${m[2]}`;
}
