// CSV: the records of a buffer (src/wasm/csv-split.ts), each read as src/fast/csv-scan.ts reads it — a row
// (a good record with the header's width) by its columns, any other record as text — and counted here when
// nothing in it needs the caller: its code is a steady catalog code (see countHere) or it holds none, its
// time and accounts are plain bytes. A record with findings only the caller can tell is noted for it; one
// the caller must read whole stops the call, and the caller calls again after it.
import { lineAccounts, lineIds, accountId, keptId, plainAccount, seeEmails } from './accounts';
import { isPlain, placeholder } from './bytes';
import { awaitsEvidence, countHere, EVIDENCE_BATCH } from './counting';
import {
  CSV_COLS_ACCOUNT, CSV_COLS_ACCOUNTS, CSV_COLS_CLOCK, CSV_COLS_CODE, CSV_COLS_CODES, CSV_COLS_DATE, CSV_COLS_SCOPE, CSV_COLS_SCOPES, CSV_COLS_TIME, CSV_COLS_TIMES, CSV_COLS_WIDTH,
  CSV_COLS_WORDS,
  CSV_STATE_BYTES, CSV_STATE_FIRST, CSV_STATE_INHERITED, CSV_STATE_LAST, CSV_STATE_LINE, CSV_STATE_MALFORMED, CSV_STATE_NEXT,
  CSV_STATE_OUTSIDE, CSV_STATE_RECORDS, CSV_STATE_STOPPED, CSV_STATE_UNTIMED, CSV_LEFT_BYTES, CSV_LEFT_LINE, CSV_LEFT_MAX, CSV_LEFT_START,
  CSV_FIELDS, CSV_LEFT_TIME, TEXT_OUT_WORDS,
} from './generated';
import { fieldCount, fieldEnd, fieldQuoted, fieldStart, readRecord, recordBad, recordEnd, recordLines, recordNext, setDelimiter } from './csv-split';
import { outAt } from './memory';
import { lineTime, timeOf } from './times';
import { dayTime, fieldValueTime, hasValue, noneValue, numberAt, pairTime, timeHeld, valueDate, valueTime } from './time-values';
import { countUnknown, unknownAt, unknownsReset } from './csv-unknown';
import { insideWindow } from './window';
import { lineWords, lookup, nextUnderscore, wordCodes, wordUnknowns } from './words';

const COLS: usize = memory.data(CSV_COLS_WORDS * 4 + 16, 16);
const STATE: usize = memory.data(CSV_STATE_BYTES + 16, 16);
const LEFT: usize = memory.data(CSV_LEFT_MAX * CSV_LEFT_BYTES + 16, 16);

let windowed: bool = false;
/** Set by csvRecordTime: the record lies outside the window. */
let outside: bool = false;

/** Where the caller writes the header's columns (see CSV_COLS). */
export function csvColumns(): usize {
  return COLS;
}

/** Where scanCsv notes the records it leaves to the caller (see CSV_LEFT). */
export function csvLeft(): usize {
  return LEFT;
}

/** Where the file's counts are (see CSV_STATE). */
export function csvState(): usize {
  return STATE;
}

@inline function col(at: i32, k: i32): i32 {
  return load<i32>(COLS + (<usize>(at + k) << 2));
}

@inline function add(at: i32, n: f64): void {
  store<f64>(STATE + <usize>at, load<f64>(STATE + <usize>at) + n);
}

/** A file starts: `delimiter` between fields, and with a window (`window`, see setWindow) records outside it are only counted. */
export function csvReset(delimiter: u32, window: bool): void {
  setDelimiter(delimiter);
  windowed = window;
  memory.fill(STATE, 0, CSV_STATE_BYTES);
  store<f64>(STATE + CSV_STATE_FIRST, NaN);
  store<f64>(STATE + CSV_STATE_LAST, NaN);
  store<f64>(STATE + CSV_STATE_INHERITED, NaN);
  store<i32>(COLS + (<usize>CSV_COLS_WIDTH << 2), -1);
  pending = 0;
  unknownsReset();
}

/**
 * The next record has the own time `own` (NaN: none): returns its time, own or the last one before it, and
 * counts it as untimed or outside the window (then csvOutside is true) as src/fast/record-window.ts would.
 * For a record skipped as too long, NaN.
 */
export function csvRecordTime(own: f64): f64 {
  if (!isNaN(own)) store<f64>(STATE + CSV_STATE_INHERITED, own);
  const t = load<f64>(STATE + CSV_STATE_INHERITED);
  if (isNaN(t)) add(CSV_STATE_UNTIMED, 1);
  outside = windowed && !insideWindow(t);
  if (outside) {
    add(CSV_STATE_OUTSIDE, 1);
    return t;
  }
  if (!isNaN(own)) {
    if (isNaN(load<f64>(STATE + CSV_STATE_FIRST))) store<f64>(STATE + CSV_STATE_FIRST, own);
    store<f64>(STATE + CSV_STATE_LAST, own);
  }
  return t;
}

export function csvOutside(): bool {
  return outside;
}

/**
 * The record's own time, as recordTime in src/extract/record.ts has it: its first time column whose value is
 * one as a whole (the date column's turn: it and the time-of-day column read together first, see pairTime),
 * else the first date-time in one that holds a time (timeHeld); none when one holds a time all the same;
 * else its first field that is a time (fieldsTime, unless a quote broke it); else the first date-time in its
 * text. NaN: none; Infinity: only the caller can tell.
 */
function ownTime(s: usize, e: usize, row: bool): f64 {
  // The time columns (by their place in CSV_COLS_TIME, at most CSV_COLUMNS) that hold a time.
  let held: u32 = 0;
  // A time column whose cell holds no value (empty, NULL): no time of its own (src/extract/record.ts noTimeValue).
  let none = false;
  if (row) {
    const n = col(CSV_COLS_TIMES, 0);
    const date = col(CSV_COLS_DATE, 0);
    for (let k = 0; k < n; k++) {
      const c = col(CSV_COLS_TIME, k);
      if (fieldQuoted(c) == 2) return Infinity;
      // The date column's turn: it and the time-of-day column read together first.
      if (c == date) {
        const clock = col(CSV_COLS_CLOCK, 0);
        if (fieldQuoted(clock) == 2) return Infinity;
        const t = pairTime(fieldStart(c), fieldEnd(c), fieldStart(clock), fieldEnd(clock));
        if (!isNaN(t)) return t;
      }
      const t = fieldValueTime(fieldStart(c), fieldEnd(c));
      // A date alone: the time of day its text holds on that day, if any.
      if (!isNaN(t)) return valueDate ? dayTime(t, timeOf(s, e)) : t;
      if (timeHeld(fieldStart(c), fieldEnd(c))) held |= 1 << k;
      else if (!hasValue(fieldStart(c), fieldEnd(c))) none = true;
    }
    if (held != 0) {
      for (; held != 0; held &= held - 1) {
        const c = col(CSV_COLS_TIME, <i32>ctz<u32>(held));
        const t = timeOf(fieldStart(c), fieldEnd(c));
        if (!isNaN(t)) return t;
      }
      return NaN;
    }
  }
  if (!recordBad) {
    const t = fieldsTime();
    if (!isNaN(t)) return t;
  }
  if (none) return NaN;
  // A malformed record is read as plain text: its time by the line rules.
  return row ? timeOf(s, e) : lineTime(s, e);
}

/** The first of the record's fields (the first CSV_FIELDS) whose value is a date-time as a whole, as valuesTime in src/extract/record.ts has it (not a number, a date alone or one with `""`); NaN for none. */
function fieldsTime(): f64 {
  const n = min(fieldCount, CSV_FIELDS);
  for (let k = 0; k < n; k++) {
    if (fieldQuoted(k) == 2 || numberAt(fieldStart(k), fieldEnd(k))) continue;
    const t = valueTime(fieldStart(k), fieldEnd(k));
    if (!isNaN(t) && !valueDate) return t;
  }
  return NaN;
}

/** What findings and codeColumn give for a row whose code value is an unknown one counted here (see src/wasm/csv-unknown.ts). */
const UNKNOWN: i32 = -2;
/** Its number there. */
let unknownFound: i32 = 0;

/** A row's code column that holds a value: 1 with its catalog index and position at output word 0; 0 none; -1 the caller's; UNKNOWN. */
function codeColumn(): i32 {
  for (let k = 0, n = col(CSV_COLS_CODES, 0); k < n; k++) {
    const c = col(CSV_COLS_CODE, k);
    const vs = fieldStart(c);
    const ve = fieldEnd(c);
    if (fieldQuoted(c) == 2) return -1;
    if (ve == vs) continue;
    if (!isPlain(load<u8>(vs)) || !isPlain(load<u8>(ve - 1))) return -1;
    // A placeholder is no value: the next code column, else the row's text.
    const p = placeholder(vs, ve);
    if (p < 0) return -1;
    if (p > 0) continue;
    const idx = lookup(vs, ve);
    // A word for none is no value either (no catalog code is one).
    if (idx < 0 && noneValue(vs, ve)) continue;
    if (idx < 0) {
      unknownFound = unknownAt(vs, ve);
      return unknownFound < 0 ? -1 : UNKNOWN;
    }
    store<i32>(outAt(0), idx);
    store<i32>(outAt(1), <i32>vs);
    return 1;
  }
  return 0;
}

/** The account ids of a record with codes, from output word `at`: its e-mail addresses, then its account columns; -1 the caller's. */
function recordIds(s: usize, e: usize, row: bool, at: i32): i32 {
  // Its addresses are those seeEmails kept when the record was read (see scanCsv).
  if (!lineAccounts(s, e, false, at, true)) return -1;
  let n = lineIds;
  if (!row) return n;
  for (let k = 0, m = col(CSV_COLS_ACCOUNTS, 0); k < m; k++) {
    const c = col(CSV_COLS_ACCOUNT, k);
    const vs = fieldStart(c);
    const ve = fieldEnd(c);
    if (ve == vs) continue;
    if (fieldQuoted(c) == 2) return -1;
    if (at + n + 2 > TEXT_OUT_WORDS) return -1;
    let id = keptId(vs, ve, at);
    if (id < 0) {
      const plain = plainAccount(vs, ve);
      if (plain < 0) return -1;
      if (plain == 0) continue;
      id = accountId(vs, ve);
      if (id < 0) return -1;
    }
    store<i32>(outAt(at + n), id);
    n++;
  }
  return n;
}

// Findings of the record read last (see findings): codes (catalog index, position) from output word 0, and
// whether its one code is a code column's value.
let fieldCode: bool = false;

// Set by findings: the record's code column holds an unknown value counted here (unknownFound) beside the
// codes of its text it returned.
let unknownToo: bool = false;

/**
 * The record [s, end)'s findings (a row when `row`): the codes written at output word 0; 0 none; -1 only the
 * caller can tell; UNKNOWN (an unknown code value, read as text too: the text holds no code beside it; with
 * codes, unknownToo).
 */
function findings(s: usize, end: usize, row: bool): i32 {
  const codes = row ? codeColumn() : 0;
  fieldCode = codes > 0;
  unknownToo = false;
  if (codes > 0 || codes == -1) return codes;
  const u = nextUnderscore(s, end);
  if (u >= end) return codes;
  if (!lineWords(s, end, u, 0) || wordUnknowns > 0) return -1;
  if (codes == UNKNOWN && wordCodes == 0) return UNKNOWN;
  unknownToo = codes == UNKNOWN;
  return wordCodes;
}

/** Counts here the record [s, end) with `codes` codes at output word 0, at `time`, line `line`: false when the caller must. */
function countCodes(s: usize, end: usize, row: bool, codes: i32, time: f64, line: f64): bool {
  const ids = recordIds(s, end, row, 2 * codes);
  return ids >= 0 && countHere(0, codes, 2 * codes, ids, time, line, s, end, fieldCode);
}

// Without a window, once the file's first time is known, a record without findings needs no time but
// for the records after it that have none of their own, and for the file's last time: its own time is
// read only then. The starts of such records since the last one whose time was read (at most PENDING_MAX).
const PENDING_MAX = 64;
const PENDING: usize = memory.data(PENDING_MAX * 4 + 16, 16);
let pending = 0;

/** A scope column of the row read last starts with `{`: the row may be looked into (src/fast/csv-columns.ts scopedRowFields), by the caller. */
function scopeHeld(): bool {
  for (let k = 0, n = col(CSV_COLS_SCOPES, 0); k < n; k++) {
    const c = col(CSV_COLS_SCOPE, k);
    if (fieldEnd(c) > fieldStart(c) && load<u8>(fieldStart(c)) == 0x7b) return true;
  }
  return false;
}

/** A row's time columns may hold a value that is not its bytes: its own time is read at once (see ownTime). */
function unsureTime(row: bool): bool {
  if (row) for (let k = 0, n = col(CSV_COLS_TIMES, 0); k < n; k++) if (fieldQuoted(col(CSV_COLS_TIME, k)) == 2) return true;
  return false;
}

/** The own times of the records left unread, the last first, up to one that has one: it is the time the next record inherits (they are read again: the current record's fields are gone). */
function settle(e: usize, last: bool, width: i32): void {
  for (let j = pending - 1; j >= 0; j--) {
    const s = <usize>load<i32>(PENDING + (<usize>j << 2));
    readRecord(s, e, last);
    const t = ownTime(s, recordEnd, !recordBad && fieldCount == width);
    if (!isNaN(t)) {
      csvRecordTime(t);
      break;
    }
  }
  pending = 0;
}

/** The record at p (read, with its own time `own`) takes its time (see csvRecordTime), after those left unread before it. */
function recordTime(own: f64, p: usize, e: usize, last: bool, width: i32): f64 {
  if (pending > 0) {
    if (!isNaN(own)) pending = 0;
    else {
      settle(e, last, width);
      readRecord(p, e, last);
    }
  }
  return csvRecordTime(own);
}

/**
 * Reads the records of [s, e) (`last`: e is the input's end), the first on line `line`: each is counted
 * (records, malformed, untimed, outside the window, accounts seen), and its findings here or, when only the
 * caller can tell them, it is noted at csvLeft (start, line, time: see CSV_LEFT). Returns how many were
 * noted. The call ends at the first record that does not end before e, or when the notes are full (or hold
 * EVIDENCE_BATCH rows whose codes await their evidence), or
 * stops (CSV_STATE_STOPPED) before one the caller must read whole: one longer than `longest` bytes, before
 * the header's columns are given, with a time column whose value is not its bytes, or a row with a scope
 * column that starts with `{`. Where it ended and the
 * line there are in the state (CSV_STATE_NEXT, CSV_STATE_LINE).
 */
export function scanCsv(s: usize, e: usize, last: bool, line: f64, longest: usize): i32 {
  let p = s;
  let stopped = false;
  let left = 0;
  const width = col(CSV_COLS_WIDTH, 0);
  const scopes = col(CSV_COLS_SCOPES, 0) > 0;
  // Rows left whose codes await their evidence: few before the caller reads them (EVIDENCE_BATCH).
  let awaiting = 0;
  while (p < e && left < CSV_LEFT_MAX && awaiting < EVIDENCE_BATCH) {
    const c = <u32>load<u8>(p);
    if (c == 0x0a) {
      line++;
      p++;
      continue;
    }
    if (c == 0x0d) {
      if (p + 1 == e) {
        if (last) p = e;
        break;
      }
      if (<u32>load<u8>(p + 1) == 0x0a) {
        line++;
        p += 2;
        continue;
      }
    }
    if (!readRecord(p, e, last)) break;
    const end = recordEnd;
    const next = recordNext;
    const lines = recordLines;
    if (width < 0 || end - p > longest) {
      stopped = true;
      break;
    }
    const row = !recordBad && fieldCount == width;
    if (scopes && row && scopeHeld()) {
      stopped = true;
      break;
    }
    const lazy = !windowed && !isNaN(load<f64>(STATE + CSV_STATE_FIRST)) && !unsureTime(row);
    let own: f64 = lazy ? NaN : ownTime(p, end, row);
    if (own == Infinity) {
      stopped = true;
      break;
    }
    add(CSV_STATE_RECORDS, 1);
    if (!row) add(CSV_STATE_MALFORMED, 1);
    // Read: its accounts seen, found in it alone (as the caller finds those of a record it reads) and kept for its ids.
    seeEmails(p, end, -1, 0);
    let time: f64 = lazy ? NaN : recordTime(own, p, e, last, width);
    // Outside the window: counted there, nothing more.
    if (!outside) {
      const codes = findings(p, end, row);
      if (codes == 0 || codes == UNKNOWN) {
        // Neither needs a time.
        if (codes == UNKNOWN) countUnknown(unknownFound);
        if (lazy) {
          if (pending == PENDING_MAX) settle(e, last, width);
          store<i32>(PENDING + (<usize>pending << 2), <i32>p);
          pending++;
        }
      } else {
        if (lazy) time = recordTime((own = ownTime(p, end, row)), p, e, last, width);
        if (codes > 0 && countCodes(p, end, row, codes, time, line)) {
          if (unknownToo) countUnknown(unknownFound);
        } else {
          const at = LEFT + <usize>(left * CSV_LEFT_BYTES);
          store<f64>(at + CSV_LEFT_START, <f64>p);
          store<f64>(at + CSV_LEFT_LINE, line);
          store<f64>(at + CSV_LEFT_TIME, time);
          left++;
          if (codes > 0 && awaitsEvidence(0, codes)) awaiting++;
        }
      }
    }
    line += <f64>(lines + 1);
    p = next;
  }
  settle(e, last, width);
  store<f64>(STATE + CSV_STATE_NEXT, <f64>p);
  store<f64>(STATE + CSV_STATE_LINE, line);
  store<f64>(STATE + CSV_STATE_STOPPED, stopped ? 1 : 0);
  return left;
}
