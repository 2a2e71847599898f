// The byte kernel's limits and the layout of what it writes into its memory: src/fast/kernels.ts reads the
// kernel's memory by these, and the build writes them into src/wasm/generated.ts for the kernel (see
// kernel-source.ts), so both sides take them from here.
import { CSV_FIELDS_READ } from '../model/record.js';

/** Words of the lines output (scanText, scanJsonl); the lines read, the position to resume from and the times noted follow. */
export const TEXT_OUT_WORDS = 1 << 18;
/** A call stops before a line when fewer than this many output words are left. */
export const TEXT_OUT_MARGIN = 64;

/**
 * Head of a line scanText reports (words): then (index, position) per code, (start, end) per unknown value, the
 * ids; `record` is the index (in the call, negative before it) of the first line of the record the line is in,
 * `time` its own time, `last` the time it has, own or the one before it (f64s; NaN: none).
 */
export const TEXT_HEAD = { words: 12, start: 0, end: 1, index: 2, codes: 3, unknowns: 4, ids: 5, time: 6, record: 8, last: 10 } as const;
/** Codes of a record's first line the kernel keeps, to leave out of the lines after it (more: that line is not counted there). */
export const RECORD_START_CODES = 16;
/**
 * Head of a line scanJsonl reports (words), in the same order with the kind after the index; `record` as
 * TEXT_HEAD's. A Caller line after its record's first has as its codes those the kernel counted in the record
 * (positions 0): the caller leaves them out.
 */
export const JSONL_HEAD = { words: 10, start: 0, end: 1, index: 2, kind: 3, codes: 4, unknowns: 5, ids: 6, record: 7, time: 8 } as const;

/** Head of an element scanJsonArray reports (words): as JSONL_HEAD, with the `\n`s before it since the call's start. */
export const ARRAY_HEAD = { words: 12, start: 0, end: 1, index: 2, kind: 3, codes: 4, unknowns: 5, ids: 6, line: 7, time: 8, record: 10 } as const;

/** How scanJsonl reports a line. */
export const enum JsonlKind {
  /** The caller reads the line itself: too long, or something the kernel could not be sure of. */
  Caller = 0,
  /** The code field's value: one code (catalog index, position) or one unknown value (start, end). */
  Field = 1,
  /** No code field: the line's `_` words, as in plain text. */
  Text = 2,
  /**
   * The code field's unknown value and the line's `_` words beside it: the codes the text holds, then the
   * unknown values, the field's first (its evidence is the field's), then the text's others.
   */
  Mixed = 3,
}

/** Lines whose own time one call notes with a window (scanText, scanJsonl, lineTimes): 16 bytes each — line index (i32), line start (i32, absolute), time (f64). */
export const TIMES_MAX = 16384;

/** E-mail addresses one `emails` call reports (i32 words: start, end, account id, a spare); the resume position follows. */
export const MAX_EMAILS = 1024;
export const EMAIL = { words: 4, start: 0, end: 1, id: 2 } as const;
/**
 * Addresses one seeEmails call keeps for the lines scanText and scanJsonl then read (past them, those lines
 * find their own): more than a 4 MiB buffer of one address a line holds.
 */
export const MET_MAX = 65536;

/** A watched field of the last validated line: type (u8), escaped (u8), start, end, the code value's hash (bytes). */
export const FIELD = { bytes: 16, type: 0, escaped: 1, start: 4, end: 8, hash: 12 } as const;
/** Longest key that may be watched (keys are told apart by their length first). */
export const KEY_LONGEST = 63;

/** An entry of the catalog table the scanner gives (i32 words): hash, catalog index (-1: empty), key offset, key length. */
export const CATALOG = { words: 4, hash: 0, idx: 1, key: 2, length: 3 } as const;

/** Open containers the JSON validator follows; deeper text is left to JSON.parse. */
export const MAX_DEPTH = 65535;

/**
 * Records the kernel holds until the caller takes them: a finished minute (catalog index, minute, count), or,
 * with count 0, an occurrence that may be the earliest of its minute (time, line, the line's start and end,
 * the code's position, whether it is a JSON code field's value): an evidence candidate.
 */
export const BUCKETS_MAX = 4096;
export const BUCKET = { bytes: 72, idx: 0, minute: 8, count: 16, time: 24, line: 32, start: 40, end: 48, at: 56, field: 64 } as const;

/** Catalogs with more codes are counted by the caller only. */
export const COUNT_CODES_MAX = 32;
/**
 * Per catalog index (bytes of f64): steady, count, earliest time, its line, latest time, pending minute, its
 * count; the last occurrence counted (latest time, then line): its line, its line's start and end and the
 * code's position (absolute), whether it is a JSON code field's value, and 1 when it changed since the caller
 * last took it; the same of the first (earliest time, then line; its time and line are earliest and line);
 * the earliest time counted in the pending minute's run.
 */
export const COUNT = {
  bytes: 152, steady: 0, count: 8, earliest: 16, line: 24, latest: 32, minute: 40, pending: 48,
  lastline: 56, laststart: 64, lastend: 72, lastat: 80, lastfield: 88, lastnew: 96,
  firststart: 104, firstend: 112, firstat: 120, firstfield: 128, firstnew: 136, runfirst: 144,
} as const;

/** Account table entries (a power of two) and ids per generation (half of them, so probes stay short). */
export const ACCOUNT_TABLE_SLOTS = 65536;
export const ACCOUNT_IDS = 32768;
/** Bits of an account's length in the account table: the kernel takes accounts of fewer than 2^bits bytes. */
export const ACCOUNT_LENGTH_BITS = 10;
/** Bytes of the accounts' lower-cased names, per generation. */
export const ARENA_BYTES = 2 << 20;
/** Slots of the kernel's set of accounts seen (a power of two, over twice SEEN_EXACT: probes stay short). */
export const SEEN_SLOTS = 32768;
/**
 * Entries of the kernel's cache of addresses met lately (a power of two), keyed by a hash read eight bytes
 * at a time: a repeated address costs one probe, not its accounts-seen hash byte by byte.
 */
export const SEEN_MEMO_SLOTS = 8192;
/**
 * Bytes the kernel's memory always has past any bytes handed to it (Kernel.grow): the kernel loads 16, 32 or
 * 64 bytes at a time from any position before a text's end and masks off what lies past it, and needs no
 * check that it may.
 */
export const LOAD_SLACK = 64;

/** CSV (src/wasm/csv.ts): fields of a record whose spans the kernel keeps (more are counted, not kept). */
export const CSV_FIELDS = CSV_FIELDS_READ;
/** Code, time and account columns the kernel reads each (a header with more leaves every record to the caller). */
export const CSV_COLUMNS = 8;
/**
 * The columns the caller gives (i32 words): width, how many code, time and account columns, then CSV_COLUMNS
 * of each; then the date and time-of-day columns read together (pairTime), -1 when the header has not both;
 * then how many scope columns (src/input/fields.ts CSV_SCOPE_COLUMNS) and CSV_COLUMNS of them.
 */
export const CSV_COLS = {
  words: 7 + 4 * CSV_COLUMNS,
  width: 0,
  codes: 1,
  times: 2,
  accounts: 3,
  code: 4,
  time: 4 + CSV_COLUMNS,
  account: 4 + 2 * CSV_COLUMNS,
  date: 4 + 3 * CSV_COLUMNS,
  clock: 5 + 3 * CSV_COLUMNS,
  scopes: 6 + 3 * CSV_COLUMNS,
  scope: 7 + 3 * CSV_COLUMNS,
} as const;
/**
 * What scanCsv keeps for a file (f64): records it read, those malformed, untimed and outside the window; the
 * first and last own times (with a window, of records inside it); the time the next record inherits; where the
 * last call ended, the line there, and 1 when it stopped before a record the caller must read.
 */
export const CSV_STATE = { bytes: 80, records: 0, malformed: 8, untimed: 16, outside: 24, first: 32, last: 40, inherited: 48, next: 56, line: 64, stopped: 72 } as const;
/** Records with findings one scanCsv call leaves to the caller (f64 each: start, line, time, own or inherited); a call stops when they fill up. */
export const CSV_LEFT_MAX = 4096;
export const CSV_LEFT = { bytes: 24, start: 0, line: 8, time: 16 } as const;
/** Unknown code values a file's rows may hold that the kernel counts itself (see csvUnknown), and the longest one in bytes. */
export const CSV_UNKNOWNS = 64;
export const CSV_UNKNOWN_BYTES = 128;
