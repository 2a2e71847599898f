import { buildCatalog, type Catalog } from '../catalog/catalog.js';
import { parseCatalog } from '../catalog/load.js';
import type { CatalogEntry } from '../catalog/types.js';
import { ScanError } from '../errors.js';
import { DELIMITERS } from '../input/csv-dialect.js';
import type { CountingSettings } from '../model/settings.js';
import type { ShardInfo } from '../input/shard.js';
import { TIME_MAX, TIME_MIN } from './buckets.js';
import { shardNames } from './partial-shards.js';
import { tallyFromJson, tallyToJson, type TallyJson } from './partial.js';
import type { InputNote } from './report-shape.js';
import type { Tally } from './tally.js';

export type { CountingSettings };

export const PARTIAL_KIND = 'mxscan-partial';
// 2: code samples carry their time, and codes their evidence candidates. 3: files count their untimed records.
export const PARTIAL_VERSION = 3;

/** A partial report: what `scan --partial` writes and `merge` reads (one line of JSON). */
export interface PartialJson {
  kind: typeof PARTIAL_KIND;
  version: number;
  tool: { name: 'mxscan'; version: string };
  /** The shards it holds, when made with --shard (first in the text, so a cut-off file still names them). */
  shards?: ShardSetJson[];
  catalog: { sha256: string; entries: readonly CatalogEntry[] };
  settings: CountingSettings;
  /** What the scan found out about its inputs by reading them again (see InputNote), when anything. */
  notes?: InputNote[];
  /** Options as the user typed them (see Shown): the merged report shows them as the scan's report would. */
  shown?: Shown;
  tally: TallyJson;
}

/** Options as typed, shown in a report over the resolved ones: a window as ISO times, `--around` and its width, `maxLineLength: '64k'`. */
export interface Shown {
  readonly options?: Readonly<Record<string, unknown>>;
  readonly typed?: Readonly<Record<string, string>>;
}

/** Shards of one sharded scan: one from `scan --shard`, more once `merge --partial` has combined some. */
export interface ShardSetJson {
  indexes: number[];
  count: number;
  inputs: string;
}

export function partialToJson(t: Tally, catalog: Catalog, settings: CountingSettings, version = '0', shards: readonly ShardInfo[] = [], notes: readonly InputNote[] = [], shown: Shown = {}): PartialJson {
  return {
    kind: PARTIAL_KIND,
    version: PARTIAL_VERSION,
    tool: { name: 'mxscan', version },
    ...(shards.length > 0 ? { shards: shardSets(shards) } : {}),
    catalog: { sha256: catalog.sha256, entries: catalog.entries },
    settings,
    ...(notes.length > 0 ? { notes: [...notes] } : {}),
    ...(shown.options !== undefined || shown.typed !== undefined ? { shown } : {}),
    tally: tallyToJson(t, false),
  };
}

/** Shards grouped by the scan they belong to (N and inputs), each group's indexes in order. */
function shardSets(shards: readonly ShardInfo[]): ShardSetJson[] {
  const sets = new Map<string, ShardSetJson>();
  for (const s of shards) {
    const key = `${s.count}/${s.inputs}`;
    const set = sets.get(key) ?? { indexes: [], count: s.count, inputs: s.inputs };
    set.indexes.push(s.index);
    sets.set(key, set);
  }
  return [...sets.values()].map((x) => ({ ...x, indexes: x.indexes.sort((a, b) => a - b) }));
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
  const shards = p.shards === undefined ? [] : shardsFromJson(p.shards, fail);
  // The catalog the merge already holds, when this one is the same: checked once, not once per partial.
  const same = known !== undefined && p.catalog?.sha256 === known.sha256 && JSON.stringify(p.catalog.entries) === JSON.stringify(known.entries);
  const catalog = same ? known : buildCatalog([parseCatalog(JSON.stringify(p.catalog?.entries ?? null), `${source} (its catalog)`)], false);
  if (catalog.sha256 !== p.catalog?.sha256) fail('its catalog does not match its checksum');
  const settings = settingsFromJson(p.settings, fail);
  const notes = p.notes === undefined ? [] : notesFromJson(p.notes, fail);
  const tally = tallyFromJson(p.tally, source);
  // A code its own catalog does not hold was not counted by it: the partial was edited or made otherwise.
  for (const code of tally.codes.keys()) if (!catalog.byKey.has(code.toLowerCase())) fail(`tally.codes: ${code} is not in its catalog`);
  return { tally, catalog, settings, shards, notes, shown: shownFromJson(p.shown, fail) };
}

const FORMAT_CHOICES: readonly unknown[] = ['auto', 'text', 'jsonl', 'csv', 'json', 'yaml'];

/** A partial's settings, each of the shape CountingSettings gives it (a window of times a scan can hold, …): the report shows them. */
function settingsFromJson(v: unknown, fail: (why: string) => never): CountingSettings {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return fail('no settings');
  // Earlier versions named the engine (auto, or stream, which counted the same): left out, so they merge with today's.
  const { engine: _engine, ...s } = v as Record<string, unknown>;
  const is = (k: string, ok: (x: unknown) => boolean, optional = true): boolean => (optional && s[k] === undefined) || ok(s[k]);
  const text = (x: unknown): boolean => typeof x === 'string';
  const textOrNull = (x: unknown): boolean => x === null || typeof x === 'string';
  const time = (x: unknown): boolean => x === null || (typeof x === 'number' && x >= TIME_MIN && x <= TIME_MAX);
  const window = (x: unknown): boolean => x === null || (typeof x === 'object' && !Array.isArray(x) && time((x as Record<string, unknown>)['since']) && time((x as Record<string, unknown>)['until']));
  const ok =
    is('inputFormat', (x) => FORMAT_CHOICES.includes(x), false) &&
    is('codeField', textOrNull, false) &&
    is('timeField', textOrNull, false) &&
    is('window', window, false) &&
    is('maxLineLength', (x) => Number.isSafeInteger(x) && (x as number) > 0, false) &&
    is('exclude', (x) => Array.isArray(x) && x.every(text), false) &&
    is('redact', (x) => typeof x === 'boolean', false) &&
    is('records', text) &&
    is('delimiter', (x) => (DELIMITERS as readonly unknown[]).includes(x)) &&
    is('timeZone', text) &&
    is('dateOrder', text) &&
    is('year', (x) => x === null || Number.isSafeInteger(x)) &&
    is('yearEnds', (x) => Number.isSafeInteger(x) && (x as number) >= 1 && (x as number) <= 12) &&
    is('timeFormat', textOrNull);
  return ok ? (s as unknown as CountingSettings) : fail('its settings are not those of a scan ({ inputFormat, window, … })');
}

/** The options as typed a partial holds: objects of plain values (strings for `typed`). */
function shownFromJson(v: unknown, fail: (why: string) => never): Shown {
  if (v === undefined) return {};
  const plain = (o: unknown, strings: boolean): boolean =>
    o === undefined || (o !== null && typeof o === 'object' && !Array.isArray(o) && Object.values(o).every((x) => (strings ? typeof x === 'string' : x === null || ['string', 'number', 'boolean', 'object'].includes(typeof x))));
  const s = v as Shown;
  if (v === null || typeof v !== 'object' || !plain(s.options, false) || !plain(s.typed, true)) return fail('its shown options are not { options, typed } of plain values');
  return { ...(s.options !== undefined ? { options: s.options } : {}), ...(s.typed !== undefined ? { typed: s.typed } : {}) };
}

const NOTE_KINDS: readonly unknown[] = ['no-time', 'missing-field', 'one-document', 'outside-records'];
const NOTE_SOURCES: readonly unknown[] = ['column', 'field', 'line'];
const NOTE_OPTIONS: readonly unknown[] = ['time-field', 'code-field'];

/** A partial's notes on its inputs, each checked for the shape InputNote has. */
function notesFromJson(v: unknown, fail: (why: string) => never): InputNote[] {
  if (!Array.isArray(v)) return fail('its notes are not a list');
  return v.map((x: unknown, i) => {
    const n = (x !== null && typeof x === 'object' ? x : {}) as Record<string, unknown>;
    const text = (k: string): boolean => n[k] === undefined || typeof n[k] === 'string';
    const ok =
      NOTE_KINDS.includes(n['kind']) &&
      typeof n['file'] === 'string' &&
      text('field') &&
      text('example') &&
      (n['source'] === undefined || NOTE_SOURCES.includes(n['source'])) &&
      (n['option'] === undefined || NOTE_OPTIONS.includes(n['option'])) &&
      (n['seen'] === undefined || (Array.isArray(n['seen']) && n['seen'].every((f) => typeof f === 'string'))) &&
      (n['searched'] === undefined || (Number.isInteger(n['searched']) && (n['searched'] as number) >= 0)) &&
      (n['line'] === undefined || (Number.isInteger(n['line']) && (n['line'] as number) >= 1)) &&
      (n['arrays'] === undefined || (Array.isArray(n['arrays']) && n['arrays'].every((f) => typeof f === 'string')));
    if (!ok) fail(`notes[${i}]: not a note on an input ({ kind, file, … })`);
    return n as unknown as InputNote;
  });
}

/** What one partial report holds. */
export interface PartialRead {
  readonly tally: Tally;
  readonly catalog: Catalog;
  readonly settings: CountingSettings;
  /** The shards it holds, one by one (none when made without --shard). */
  readonly shards: readonly ShardInfo[];
  /** Its notes on inputs (see InputNote). */
  readonly notes: readonly InputNote[];
  /** Its options as typed (see Shown). */
  readonly shown: Shown;
}

function shardsFromJson(v: unknown, fail: (why: string) => never): ShardInfo[] {
  const bad = (): never => fail('its shards are not a list of { indexes, count, inputs } with indexes from 1 to count');
  if (!Array.isArray(v)) return bad();
  return v.flatMap((x: unknown) => {
    const o = (x !== null && typeof x === 'object' ? x : {}) as Record<string, unknown>;
    const { indexes, count, inputs } = o;
    if (!Number.isInteger(count) || (count as number) < 1 || typeof inputs !== 'string' || !Array.isArray(indexes) || indexes.length === 0) return bad();
    const n = count as number;
    if (!indexes.every((i) => Number.isInteger(i) && i >= 1 && i <= n) || new Set(indexes).size !== indexes.length) return bad();
    return (indexes as number[]).map((index) => ({ index, count: n, inputs }));
  });
}

/**
 * The shards a partial report's text names (of its first sharded scan), read from its start: a cut-off or
 * corrupt partial is still named by its shards (they come before the catalog and the tally).
 */
export function shardInText(text: string): string | undefined {
  const m = /"shards":\[\{"indexes":\[([0-9,]+)\],"count":([0-9]+)/.exec(text.slice(0, 4096));
  return m === null ? undefined : shardNames(m[1]!.split(',').map((i) => ({ index: Number(i), count: Number(m[2]) })));
}
