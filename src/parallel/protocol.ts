import { buildCatalog } from '../catalog/catalog.js';
import type { CatalogEntry } from '../catalog/types.js';
import { buildMatcher } from '../extract/matcher.js';
import type { Input } from '../input/open.js';
import { scanFile, type FileSettings } from '../scan.js';
import { newTally } from '../summary/tally.js';
import type { RangeTally } from '../summary/ranges.js';

/** File settings as a worker receives them (the catalog as its entries). */
export interface SettingsJson {
  readonly entries: readonly CatalogEntry[];
  readonly inputFormat: FileSettings['inputFormat'];
  readonly fields: FileSettings['fields'];
  readonly window: FileSettings['window'];
  readonly maxLineLength: number;
  readonly engine: FileSettings['engine'];
  readonly redact: boolean;
  readonly readAhead: boolean;
}

export function settingsToJson(s: FileSettings): SettingsJson {
  return {
    entries: s.matcher.catalog.entries,
    inputFormat: s.inputFormat,
    fields: s.fields,
    window: s.window,
    maxLineLength: s.maxLineLength,
    engine: s.engine,
    redact: s.redact,
    readAhead: s.readAhead,
  };
}

export function settingsFromJson(j: SettingsJson): FileSettings {
  return {
    matcher: buildMatcher(buildCatalog([j.entries], false)),
    inputFormat: j.inputFormat,
    fields: j.fields,
    window: j.window,
    maxLineLength: j.maxLineLength,
    engine: j.engine,
    redact: j.redact,
    readAhead: j.readAhead,
  };
}

/** A unit to scan. */
export interface Unit {
  readonly index: number;
  readonly input: Input;
}

/** A unit as a worker is sent it: the first one a worker gets comes with the settings for all of them. */
export interface UnitMessage extends Unit {
  readonly settings?: SettingsJson;
}

/**
 * A scanned unit: its tally, and for a byte range what joining it needs. A tally is plain data (objects,
 * arrays, Maps, Sets), so it crosses to the main thread as it is, by structured clone.
 */
export interface UnitResult extends RangeTally {
  readonly index: number;
}

/** Scans one unit into a tally of its own. */
export async function scanUnit(msg: Unit, s: FileSettings, progress?: (bytes: number) => void): Promise<UnitResult> {
  const tally = newTally();
  const stat = await scanFile(msg.input, s, tally, progress);
  return { index: msg.index, tally, records: stat.records, lastTime: stat.lastTime };
}
