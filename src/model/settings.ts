// The settings: how a scan reads and counts. One core shape (Settings); the others add to it or are cut from it.
import type { Catalog } from '../catalog/catalog.js';
import type { CatalogEntry } from '../catalog/types.js';
import type { FormatChoice } from './record.js';

/** `auto`: the byte-level fast paths where they apply; `stream`: always the split2 record readers. */
export type Engine = 'auto' | 'stream';

/** The incident window: records with since ≤ t < until are kept. */
export interface TimeWindow {
  readonly since: number | null;
  readonly until: number | null;
}

/** Which fields of structured records hold the code and the time; whether evidence is redacted. */
export interface FieldOptions {
  readonly codeField?: string | undefined;
  readonly timeField?: string | undefined;
  readonly redact?: boolean | undefined;
  /** `--records`: the (dotted) path of a wrapped export's records array (default: RECORDS_PATHS). */
  readonly records?: string | undefined;
}

/** Compiled lookup for one catalog. */
export interface Matcher {
  readonly catalog: Catalog;
  /** Finds positions where some code may start; each is then checked exactly. */
  readonly candidates: RegExp;
  /** Lower-cased first character → entries starting with it, longest first. */
  readonly byFirst: ReadonlyMap<string, readonly { key: string; entry: CatalogEntry }[]>;
  /** Every code is made of [A-Za-z0-9_] and holds a `_`: the byte scanner's word lookup is exact. */
  readonly wordCodes: boolean;
  readonly maxCodeLength: number;
}

/** Resolved settings every input of a scan is read and counted with, as plain data. */
export interface Settings {
  readonly inputFormat: FormatChoice;
  readonly fields: FieldOptions;
  readonly window: TimeWindow | null;
  readonly maxLineLength: number;
  readonly engine: Engine;
  readonly redact: boolean;
  /**
   * Read the next chunk of a file while this one is scanned (on the thread pool). Off where every core
   * already runs a scan: reading ahead would only take time from another one, so the chunk is read
   * straight into the scanner's buffer, which also saves copying it there.
   */
  readonly readAhead: boolean;
  /** `--accounts`: the tallies keep every (code, account) pair (src/summary/account-list.ts). */
  readonly accountList?: boolean;
}

/** The settings one input is scanned with: the plain settings and the compiled catalog. */
export interface FileSettings extends Settings {
  readonly matcher: Matcher;
  readonly stdin?: NodeJS.ReadableStream | undefined;
}

/** The settings as a worker receives them (the catalog as its entries). */
export interface SettingsJson extends Settings {
  readonly entries: readonly CatalogEntry[];
}

/** The settings that decide what is counted: partial reports merge only when theirs are equal. */
export interface CountingSettings {
  readonly inputFormat: FormatChoice;
  readonly codeField: string | null;
  readonly timeField: string | null;
  /** `--records` (absent: the known paths). */
  readonly records?: string;
  readonly window: TimeWindow | null;
  readonly maxLineLength: number;
  readonly exclude: readonly string[];
  readonly engine: string;
  /** Evidence was redacted as it was taken. */
  readonly redact: boolean;
}
