// A finding: a code seen in a record, with where, when and the evidence. Types only.
import type { CatalogEntry } from '../catalog/types.js';

/** A catalog code found in a record's text: the entry, and where (UTF-16 index) it first occurs. */
export interface CodeMatch {
  readonly entry: CatalogEntry;
  readonly at: number;
}

/** A value given to a code key that has the shape of a code but is not in the catalog. */
export interface UnknownMatch {
  /** As written in the log. */
  readonly code: string;
  readonly at: number;
}

/** What one record says. */
export interface Findings {
  /** Catalog code (catalog spelling) → evidence text. */
  readonly codes: Map<string, string>;
  /** Unknown code as written → evidence text. */
  readonly unknown: Map<string, string>;
  readonly accounts: Set<string>;
}

/** One record's findings with where and when it was, ready to be counted. */
export interface Hit {
  readonly file: string;
  readonly line: number;
  readonly time: number | null;
  /** Catalog code → evidence text (undefined where `wantsSample` said it would not be kept). */
  readonly codes: ReadonlyMap<string, string | undefined>;
  /** Pairs of unknown code as written and evidence text (distinct case-insensitively). */
  readonly unknown: Iterable<readonly [string, string | undefined]>;
  readonly accounts: ReadonlySet<string>;
}

/** Where and when a code was first seen: earliest time (untimed last), then file, then line. */
export interface Occurrence {
  readonly time: number | null;
  readonly file: string;
  readonly line: number;
}

/** One piece of evidence: where a code was seen and the text around it. */
export interface Sample {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}
