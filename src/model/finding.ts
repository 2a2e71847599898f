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

/**
 * Where and when: a record's file, line and time (its own or inherited). A code's first occurrence is the
 * earliest time (untimed last), then file, then line.
 */
export interface Occurrence {
  readonly time: number | null;
  readonly file: string;
  readonly line: number;
}

/** One record's findings with where and when it was, ready to be counted. */
export interface Hit extends Occurrence {
  /** Catalog code → evidence text (undefined where it would not be kept). */
  readonly codes: ReadonlyMap<string, string | undefined>;
  /** Pairs of unknown code as written and evidence text (distinct case-insensitively). */
  readonly unknown: Iterable<readonly [string, string | undefined]>;
  readonly accounts: ReadonlySet<string>;
}

/** Where, without when: a record's file and line. */
export type Where = Pick<Occurrence, 'file' | 'line'>;

/** One piece of evidence: where a code was seen and the text around it. */
export interface Sample extends Where {
  readonly text: string;
}
