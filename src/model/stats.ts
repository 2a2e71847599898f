// The per-file aggregate: what was read from one input. Readers, fast paths and the tally all fill it.
import type { Delimiter, Encoding, InputFormat } from './record.js';

export type FileStatus = 'ok' | 'binary' | 'error';

/** What was read from one input. */
export interface FileStat {
  path: string;
  format: InputFormat;
  compressed: boolean;
  /** Text encoding it was read in. */
  encoding: Encoding;
  /** A CSV file's delimiter, when it is not `,`. */
  delimiter?: Delimiter;
  /** A CSV file's likely delimiter, when the one it was read with fits few of its first rows (see CsvDialect). */
  likelyDelimiter?: Delimiter;
  status: FileStatus;
  message?: string;
  /** Bytes read from the input (compressed size for gzip). */
  bytes: number;
  /** Bytes after decompression. */
  expandedBytes: number;
  records: number;
  /** Catalog-code occurrences counted. */
  matches: number;
  unknown: number;
  malformedRecords: number;
  skippedLines: number;
  /** NUL bytes taken out of its text past its first bytes (see src/input/nul-bytes.ts), when any. */
  nulBytes?: number;
  outsideWindow: number;
  /**
   * Records with neither a time of their own nor one inherited: those before the first timed record (all of
   * a file without one). With a window they are also among those outside it: they cannot be placed in it.
   */
  untimedRecords: number;
  /**
   * What its numeric dates read as times told of their order (bits): DATE_ORDER_OTHER, one could only be
   * read in the other order than its separator's (`13/04/2026`, day first where `/` is month first);
   * DATE_ORDER_EITHER, one both orders read (`07/04/2026`) was read in its separator's. Both: some may be
   * misread (the report's mixedDateOrder).
   */
  dateOrders?: number;
  /** When the file read was last changed (epoch ms; none for standard input): no time of its records is later (see timesAfterModified). */
  modified?: number;
  /** First and last timestamp of its records, in file order. */
  firstTime: number | null;
  lastTime: number | null;
}

export const DATE_ORDER_OTHER = 1;
export const DATE_ORDER_EITHER = 2;

/** Did a file read some numeric dates in the other order and others, that either order reads, in their own (see FileStat.dateOrders)? */
export const mixedDateOrder = (f: FileStat): boolean => f.dateOrders === (DATE_ORDER_OTHER | DATE_ORDER_EITHER);

/** Slack for times later than a file's modification time: a day covers a zone read wrong by --tz. */
const AFTER_MODIFIED = 24 * 3600 * 1000;

/**
 * Are some of the file's times later than its last change, which no log can hold? Then they were misread: a
 * numeric date read month first that is day first (07/04 as 4 July in a file written in April), or a year-less
 * syslog time given the wrong year. A file's first and last times stand for its range (logs are in time order,
 * one way or the other).
 */
export const timesAfterModified = (f: FileStat): boolean =>
  f.modified !== undefined && Math.max(f.firstTime ?? -Infinity, f.lastTime ?? -Infinity) > f.modified + AFTER_MODIFIED;

/** A file's stat before anything is read from it. */
export function newFileStat(path: string): FileStat {
  return {
    path,
    format: 'text',
    compressed: false,
    encoding: 'utf-8',
    status: 'ok',
    bytes: 0,
    expandedBytes: 0,
    records: 0,
    matches: 0,
    unknown: 0,
    malformedRecords: 0,
    skippedLines: 0,
    outsideWindow: 0,
    untimedRecords: 0,
    firstTime: null,
    lastTime: null,
  };
}
