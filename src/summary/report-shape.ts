import type { Level } from '../catalog/types.js';
import type { Sample } from '../model/finding.js';
import type { FileStat } from '../model/stats.js';
import type { Timeline } from './timeline.js';

// The report's shape: plain data that building it (report.ts), comparing it with a baseline (baseline.ts),
// finalizing it (finalize.ts) and rendering it share. Apart from all of them, so none imports another back.

export const SCHEMA_VERSION = 1;

export interface CodeRow {
  readonly code: string;
  readonly module: string;
  readonly type: string;
  readonly level: Level;
  readonly description: string;
  readonly action: string;
  readonly count: number;
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
  /** Its first occurrence: earliest time (untimed last), then file, then line. */
  readonly first: Place;
  /** Number of files it was seen in. */
  readonly files: number;
  /** Its first occurrence, the first in its busiest timeline bucket and its last (of its evidence candidates), in time order. */
  readonly samples: readonly (Sample & { readonly time: string | null })[];
  readonly peak: { start: string; count: number } | null;
  /** Occurrences per timeline bucket, aligned with `timeline.buckets`. */
  readonly series: number[];
  readonly accounts: { distinct: number; bounded: boolean; top: { account: string; count: number }[] };
}

/** Where and when something was seen. */
export interface Place {
  readonly time: string | null;
  readonly file: string;
  readonly line: number;
}

/** One line of the key events: a code first seen, the busiest timeline bucket, or the last ERROR. */
export type KeyEvent =
  | { readonly time: string | null; readonly kind: 'first-seen'; readonly code: string; readonly level: Level }
  | { readonly time: string; readonly kind: 'peak'; readonly ERROR: number; readonly WARN: number; readonly INFO: number }
  | { readonly time: string; readonly kind: 'last-error'; readonly code: string };

export interface UnknownRow {
  readonly code: string;
  readonly count: number;
  readonly files: number;
  readonly samples: readonly Sample[];
}

/**
 * A file's line in the report: its stat without the times (those go into the report's time range), and what
 * its dates tell (mixedDateOrder: see FileStat.dateOrders; timesAfterModified: see FileStat.modified).
 */
export type FileRow = Readonly<
  Omit<FileStat, 'firstTime' | 'lastTime' | 'format' | 'dateOrders' | 'modified'> & { format: FileStat['format'] | 'binary'; mixedDateOrder?: true; timesAfterModified?: true }
>;

/**
 * Something an input's records lacked, as data (its text is rendered in one place, render/format.ts noteText).
 * `no-time`: under a window, no record of the file has a readable time — an input problem (exit 2).
 * `missing-field`: no record of a structured file holds the field --time-field or --code-field names.
 * `one-document`: a JSON or YAML input whose first record is a document listing things, not an event (see
 * listedArrays in src/input/json-shape.ts): read as one record, each code counted once in it.
 * `outside-records`: a JSON export read with no record whose other parts name catalog codes (an
 * aggregation's buckets): none of them is counted.
 */
export interface InputNote {
  readonly kind: 'no-time' | 'missing-field' | 'one-document' | 'outside-records';
  readonly file: string;
  /** The field or CSV column tried (no-time: none for plain text, or when it is not known), or the one named. */
  readonly field?: string;
  /** What the records are: CSV rows (a field is a column), structured records, or plain-text lines. */
  readonly source?: 'column' | 'field' | 'line';
  /** missing-field: the option that named the field. */
  readonly option?: 'time-field' | 'code-field';
  /** no-time: a value (a plain-text line) no time could be read from, cut short. */
  readonly example?: string;
  /** missing-field: the first few fields the records do hold. */
  readonly seen?: readonly string[];
  /** missing-field: only this many records were looked at (the input holds more). */
  readonly searched?: number;
  /** one-document: the line the document starts on. */
  readonly line?: number;
  /** one-document: the arrays in it whose elements look like events (paths --records would name). */
  readonly arrays?: readonly string[];
}

export interface ActionItem {
  readonly action: string;
  readonly level: Level;
  readonly codes: string[];
  readonly count: number;
  /** Distinct accounts behind the codes (a lower bound when `bounded`). */
  readonly accounts: number;
  /** One of its codes passed the bound on distinct accounts: `accounts` is a lower bound ("≥"). */
  readonly bounded: boolean;
  /** Every one of its codes is under an active suppression: it comes last, said so. */
  readonly suppressed?: true;
}

/**
 * Impact: distinct accounts named in records with catalog codes, out of the distinct accounts (e-mail
 * addresses, not Message-IDs) in every record read, affected ones included, inside a window or not.
 */
export interface Impact {
  readonly affectedAccounts: number;
  readonly accountsSeen: number;
  /** affectedAccounts ÷ accountsSeen; null when no account was seen. */
  readonly ratio: number | null;
  /** A count is not exact: affected accounts a lower bound, accounts seen an estimate (see accounts-seen.ts). */
  readonly bounded: boolean;
}

/** The report: plain data, written as JSON almost as is, and the only input of every renderer. */
export interface Report {
  schemaVersion: number;
  tool: { name: string; version: string };
  verdict: string;
  totals: {
    files: number;
    records: number;
    bytes: number;
    byLevel: Record<Level, number>;
    codes: number;
    unknown: number;
    skippedLines: number;
    malformedRecords: number;
    outsideWindow: number;
    /** Records with no time of their own nor one inherited (see FileStat.untimedRecords). */
    untimedRecords: number;
    unreadableFiles: number;
    binaryFiles: number;
  };
  /** Accounts behind the codes out of all accounts seen in the records read. */
  impact: Impact;
  timeRange: { start: string | null; end: string | null };
  window: { since: string | null; until: string | null } | null;
  codes: CodeRow[];
  unknownCodes: UnknownRow[];
  timeline: Timeline;
  firstError: { code: string; time: string | null; file: string; line: number } | null;
  /**
   * The onset of the incident: the first occurrence of an ERROR code (not suppressed; with a baseline, new or
   * increased) in the first bucket of the unbroken run of ERROR buckets that holds the ERROR peak.
   */
  startHere: { code: string; time: string | null; file: string; line: number } | null;
  /** First sight of each code, the peak and the last ERROR, in time order (untimed last). */
  keyEvents: KeyEvent[];
  actions: ActionItem[];
  files: FileRow[];
  /** What some inputs' records lacked (a time, a named field); only when there is something to say. */
  inputNotes?: InputNote[];
  /** Added when the report is finalized. */
  provenance?: Provenance;
  comparison?: Comparison;
  suppressed?: SuppressedRow[];
  [extra: string]: unknown;
}

/** What lets anyone re-run and audit the report. */
export interface Provenance {
  toolVersion: string;
  catalog: { entries: number; sha256: string };
  /** Each input, with its delimiter when it is a CSV file read with another one than `,`. */
  inputs: { path: string; bytes: number; delimiter?: string }[];
  window: Report['window'];
  options: Record<string, unknown>;
  /** No input was unreadable and no line was skipped. */
  complete: boolean;
  redacted: boolean;
}

export type Change = 'new' | 'resolved' | 'increased' | 'decreased' | 'unchanged';

export interface ComparisonRow {
  readonly code: string;
  readonly status: Change;
  readonly count: number;
  readonly baselineCount: number;
  readonly ratePer10k: number;
  readonly baselineRatePer10k: number;
}

export interface Comparison {
  readonly baseline: string;
  readonly tolerance: number;
  readonly codes: ComparisonRow[];
}

/** A code kept out of --fail-on by a suppression, with why and until when. */
export interface SuppressedRow {
  readonly code: string;
  readonly reason: string;
  readonly expires: string | null;
  readonly expired: boolean;
  readonly count: number;
  /** False for a code the catalog does not hold (a typo such as `smime_eror`): it can never match. */
  readonly inCatalog: boolean;
  /** The nearest catalog code, when the code is not in the catalog and one is near. */
  readonly didYouMean?: string;
}
