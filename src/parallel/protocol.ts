import { buildCatalog } from '../catalog/catalog.js';
import { buildMatcher } from '../extract/matcher.js';
import type { Input } from '../input/open.js';
import type { FileSettings, SettingsJson } from '../model/settings.js';
import type { RangeTally } from '../summary/ranges.js';

export type { SettingsJson };

export function settingsToJson(s: FileSettings): SettingsJson {
  return {
    entries: s.matcher.catalog.entries,
    inputFormat: s.inputFormat,
    fields: s.fields,
    window: s.window,
    maxLineLength: s.maxLineLength,
    redact: s.redact,
    readAhead: s.readAhead,
    accountList: s.accountList === true,
    ...(s.delimiter !== undefined ? { delimiter: s.delimiter } : {}),
    ...(s.times !== undefined ? { times: s.times } : {}),
  };
}

export function settingsFromJson(j: SettingsJson): FileSettings {
  return {
    matcher: buildMatcher(buildCatalog([j.entries], false)),
    inputFormat: j.inputFormat,
    fields: j.fields,
    window: j.window,
    maxLineLength: j.maxLineLength,
    redact: j.redact,
    readAhead: j.readAhead,
    accountList: j.accountList === true,
    ...(j.delimiter !== undefined ? { delimiter: j.delimiter } : {}),
    ...(j.times !== undefined ? { times: j.times } : {}),
  };
}

/** A unit to scan: one input, or a batch of small files (`input` and those in `more`) into one tally. */
export interface Unit {
  readonly index: number;
  readonly input: Input;
  readonly more?: readonly Input[];
}

/** A unit as a worker is sent it: the first one a worker gets comes with the settings for all of them. */
export interface UnitMessage extends Unit {
  readonly settings?: SettingsJson;
}

/** What a worker is sent: a unit, or word that there are no more (it then posts back its tally, index -1). */
export type WorkerMessage = UnitMessage | { readonly end: true };

/**
 * A scanned unit: its tally, and for a byte range what joining it needs. A tally is plain data (objects,
 * arrays, Maps, Sets), so it crosses to the main thread as it is, by structured clone.
 */
export interface UnitResult extends RangeTally {
  readonly index: number;
}
