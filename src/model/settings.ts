// The settings: how a scan reads and counts. One core shape (Settings); the others add to it or are cut from it.
import type { Catalog } from '../catalog/catalog.js';
import type { CatalogEntry } from '../catalog/types.js';
import type { Delimiter, FormatChoice } from './record.js';

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
  /** How times are read in this input (src/extract/time-rules.ts); absent: the defaults (UTC, no year). */
  readonly times?: TimeContext | undefined;
}

/** Day and month order of a numeric date: `4/7/2026` is 7 April with `mdy`. */
export type DateOrder = 'mdy' | 'dmy';

/** How times are read: --tz, --date-order, --year, --time-format. */
export interface TimeSettings {
  /** IANA zone (or `UTC`) that times without a zone of their own are read in. */
  readonly zone: string;
  /** The order of dates with `/` and `.`; null: `mdy` for `/`, `dmy` for `.`. */
  readonly dateOrder: DateOrder | null;
  /** The year of times without one (syslog); null: the year the file was last modified. */
  readonly year: number | null;
  /**
   * With a year (--year YYYY-MM): the month (1 to 12) the log ends in, a later month's times being the year
   * before, as with a file's modification time; absent: every such time takes the year.
   */
  readonly yearEnds?: number;
  /** An strftime pattern for times in other forms; null: none. */
  readonly format: string | null;
}

/** Time rules as the kernel reads them (src/extract/time-rules.ts writes them), for one input: its year resolved. */
export interface TimeContext {
  /** The rules' head, the zone's offset table and the compiled pattern, as laid out in the kernel's memory. */
  readonly head: Int32Array;
  readonly zones: Float64Array;
  readonly format: Uint8Array;
}

/** Compiled lookup for one catalog. */
export interface Matcher {
  readonly catalog: Catalog;
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
  readonly redact: boolean;
  /**
   * Read the next chunk of a file while this one is scanned (on the thread pool). Off where every core
   * already runs a scan: reading ahead would only take time from another one, so the chunk is read
   * straight into the scanner's buffer, which also saves copying it there.
   */
  readonly readAhead: boolean;
  /** `--accounts`: the tallies keep every (code, account) pair (src/summary/account-list.ts). */
  readonly accountList?: boolean;
  /** `--delimiter`: CSV fields are split by it (else each file's own, see csvDialect). */
  readonly delimiter?: Delimiter | undefined;
  /** How times are read (absent: UTC, the default date orders, the file's year, no pattern). */
  readonly times?: TimeSettings;
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
  /** Evidence was redacted as it was taken. */
  readonly redact: boolean;
  /** `--delimiter`, when given (absent otherwise, so partial reports of earlier versions still merge). */
  readonly delimiter?: Delimiter;
  /** The zone times without one were read in, and the order of day and month in numeric dates (`/ mdy, . dmy`). */
  readonly timeZone?: string;
  readonly dateOrder?: string;
  /** The year of times without one, when --year gave it (and the month it ends in, when given); the --time-format pattern. */
  readonly year?: number | null;
  readonly yearEnds?: number;
  readonly timeFormat?: string | null;
}
