// The aggregates: what is counted per code, per unknown code and per (code, account), and the tally that holds
// them with the per-file stats. Types only: src/summary/ builds and merges them, the fast paths count into them.
import type { Occurrence, Sample, Where } from './finding.js';
import type { FileStat } from './stats.js';

/** A piece of evidence with the time of its record (its own or inherited; null: none). */
export interface TimedSample extends Sample {
  readonly time: number | null;
}

/**
 * What a code's evidence is chosen from: of all candidates, the first and the last in time order, and the
 * first of each time bucket (at the finest width that keeps at most SAMPLE_BUCKETS of them; widths nest, so
 * coarsening is exact). Each part is a minimum or maximum, so merging is associative and commutative.
 */
export interface Evidence {
  first: TimedSample | null;
  last: TimedSample | null;
  /** Index into WIDTHS of `byBucket`'s buckets. */
  width: number;
  readonly byBucket: Map<number, TimedSample>;
}

/** Accounts seen with one code: a bounded map of account → records. */
export interface AccountStat {
  /** Account → number of records; never more than MAX_ACCOUNTS keys. */
  readonly counts: Map<string, number>;
  /** True once an account had to be left out. */
  bounded: boolean;
}

/**
 * Occurrences of one code over time, at the finest width that keeps at most MAX_BUCKETS non-empty
 * buckets. Because every width nests in the next, coarsening is exact, and merging two series gives
 * the series of the union: a whole scan and any split of it agree.
 */
export interface Buckets {
  /** Index into WIDTHS. */
  width: number;
  /** Bucket start (epoch ms) → count. */
  readonly counts: Map<number, number>;
}

/**
 * Distinct accounts seen (src/summary/accounts-seen.ts counts them): their hashes while exact, else a
 * HyperLogLog sketch's registers.
 */
export interface AccountsSeen {
  exact: Set<number> | null;
  registers: Uint8Array | null;
}

/** One (code, account) pair: records naming it, and the first and last of their times (null: none had one). */
export interface Pair {
  readonly code: string;
  readonly account: string;
  count: number;
  first: number | null;
  last: number | null;
}

/** Every affected account per code (`--accounts`): exact up to MAX_PAIRS pairs, a fixed sample past it. */
export interface AccountList {
  /** Code → account → its pair (no key string per pair: a million of them add up). */
  readonly codes: Map<string, Map<string, Pair>>;
  /** Pairs held: never more than the bound. */
  size: number;
  /** True once a pair had to be left out. */
  bounded: boolean;
}

/** Everything counted for one catalog code. */
export interface CodeStat {
  count: number;
  firstSeen: number | null;
  lastSeen: number | null;
  first: Occurrence;
  readonly files: Set<string>;
  /** The file last added to `files` (most hits come from the same file as the one before). */
  lastFile?: string;
  /**
   * The first MAX_SAMPLES occurrences by (file, line) with evidence text. In the tally of one file (or of a
   * byte range of one) they are its evidence candidates: all the fast paths decode before the kernel takes over.
   */
  samples: TimedSample[];
  /** The candidates the report's evidence is chosen from (see Evidence). */
  evidence: Evidence;
  /**
   * Only in the tally of one file or byte range: its first and last occurrences with a time and without one
   * (see addEnd), which joining ranges adds again once untimed lines have their time.
   */
  tail?: TimedSample[];
  readonly accounts: AccountStat;
  readonly buckets: Buckets;
}

/** Everything counted for one unknown code (grouped case-insensitively). */
export interface UnknownStat {
  /** The spelling of its first occurrence by (file, line). */
  code: string;
  firstAt: Where;
  count: number;
  readonly files: Set<string>;
  samples: Sample[];
}

/**
 * The counts of a scan or of any part of one. Tallies merge with `mergeTally`, which is associative and
 * commutative: shards, workers and partial reports combine into exactly what one scan gives.
 */
export interface Tally {
  readonly codes: Map<string, CodeStat>;
  readonly unknown: Map<string, UnknownStat>;
  readonly files: Map<string, FileStat>;
  /**
   * Only in the tally of a byte range that does not start a file: per code, the occurrences counted without
   * a time because no line before them in the range had one (they take the last time of the ranges before),
   * and the line of the first of them.
   */
  inherit?: Map<string, { count: number; line: number }>;
  /** Only while a byte range of plain text or JSON lines is scanned: the lines it holds (its records may hold several). */
  lines?: number;
  /** Only while a byte range of a JSON array or CSV is scanned: whether it ends between two records (see JsonElements.cleanCut). */
  cleanCut?: boolean;
  /** Only while a byte range of a JSON array is scanned: it gave up (see JsonArrayFastScan.abandoned). */
  abandoned?: boolean;
  /** Only while a byte range of a file is scanned: its codes keep their tails (see CodeStat.tail, joinRanges). */
  ranged?: boolean;
  /** `--accounts`: every (code, account) pair with its counts and times. */
  accountList?: AccountList;
  /** Distinct accounts in the records read (made when the first is counted). */
  seen?: AccountsSeen;
}
