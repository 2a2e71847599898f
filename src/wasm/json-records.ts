// Whether a JSON line (or a JSON array's element) carries on the record before it (the rule's home:
// src/model/record.ts MESSAGE_FIELDS): its first message field holding a string holds a stack trace's later
// line (src/wasm/line-heads.ts traceAt), or, behind a collector's head, its text does; and where each line
// takes its place, for the scans (jsonl.ts, json-array.ts) and for the lines the caller reads (jsonlPlace).
// The record's state is src/wasm/records.ts's.
import { FIELD_BYTES, FIELD_END, FIELD_START, FIELD_TYPE, MESSAGE_SLOT_END, MESSAGE_SLOT_FIRST, OBJECT, T_STRING, UNSURE } from './generated';
import { validate } from './json-text';
import { slotsFrom } from './json-times';
import { callersObject, headed, objectAt, ownLineTime } from './jsonl-lines';
import { afterRfc3339, afterSyslogTime, mayStartTrace, traceAfterTime, traceAt } from './line-heads';
import { afterSource } from './line-sources';
import { timeOf } from './times';
import { FIELDS, PRESENT } from './memory';
import { jsonHeadTime, jsonHeadUnknown, jsonJoins, jsonRecordSkipped, jsonRecordStart, recordStart, toCaller } from './records';

/** Does the object just validated have a message field whose string is a stack trace's later line (a frame, `Caused by:`)? */
export function messageCarries(): bool {
  // Most lines: no message field, or one the first byte of which no trace's line starts with.
  for (let m = load<u32>(PRESENT) & slotsFrom(MESSAGE_SLOT_FIRST, MESSAGE_SLOT_END); m != 0; m &= m - 1) {
    const f = FIELDS + <usize>(<i32>ctz<u32>(m) * FIELD_BYTES);
    if (load<u8>(f + FIELD_TYPE) != T_STRING) continue;
    const s = <usize>load<i32>(f + FIELD_START);
    const e = <usize>load<i32>(f + FIELD_END);
    return s < e && mayStartTrace(load<u8>(s)) && traceAt(s, e);
  }
  return false;
}

/** Where the current record's first line is (in this call's bytes: see scanJsonl's end), to read its time when a line may carry it on. */
let headLs: usize = 0;
let headEnd: usize = 0;

// A time only the caller can read (a number with a fraction, an object: see objectTime) is asked of it: the
// scan stops (place gives ASK), the caller reads it and gives it (jsonlGive), and the scan goes on.
/** 1: the current record's first line's time is asked; 2: the time of the line the scan stopped at. */
let asked: i32 = 0;
/** The time the caller gave for the line at givenAt. */
let givenAt: usize = 0;
let givenTime: f64 = NaN;
export const ASK: i32 = -2;

/** What the caller is asked for (see asked), with jsonlHeadAt and jsonlHeadEnd: where the record's first line is. */
export function jsonlAsked(): i32 {
  return asked;
}

export function jsonlHeadAt(): usize {
  return headLs;
}

export function jsonlHeadEnd(): usize {
  return headEnd;
}

/** A file starts: nothing asked, nothing given. */
export function jsonlAskReset(): void {
  asked = 0;
  givenAt = 0;
}

/** The caller read what it was asked: the record's first line's time `head`, the time `own` of the line at `at` (NaN: none). */
export function jsonlGive(head: f64, at: usize, own: f64): void {
  if ((asked & 1) != 0) jsonHeadTime(head);
  if ((asked & 2) != 0) {
    givenAt = at;
    givenTime = own;
  }
  asked = 0;
}

/** The record's first line's time read again (-1), or asked of the caller (ASK). */
function headTime(): i32 {
  const t = timeAgain(headLs, headEnd);
  if (t == Infinity) {
    asked |= 1;
    return ASK;
  }
  jsonHeadTime(t);
  return -1;
}

/** The own time of the JSON line [ls, end), validated again (the fields are its from now on). */
function timeAgain(ls: usize, end: usize): f64 {
  const os = objectAt(ls, end);
  return lineOwnTime(validate(os, end), os, ls, end);
}

/**
 * The own time of the line [ls, end), its object at os validated (v): a line of text (behind a collector's
 * head, or no JSON at all) has its text's; one the caller must parse, or reads (callersObject: its time may
 * be in fields the kernel does not see), has none here (Infinity).
 */
function lineOwnTime(v: i32, os: usize, ls: usize, end: usize): f64 {
  if (v == UNSURE && (os >= end || load<u8>(os) != 0x7b)) return timeOf(ls, end);
  return v == OBJECT && callersObject(os, ls, end) ? Infinity : ownLineTime(v, ls, end);
}


/**
 * The line [ls, end) (validated: v its kind, its number `line`) takes its place in a record: 1 when it starts
 * one, 0 when it carries one on. -1: the record's first line's time was needed first and read (the line's
 * fields are lost: it is to be validated again); ASK: a time only the caller can read is asked of it.
 */
export function place(v: i32, os: usize, ls: usize, end: usize, line: f64): i32 {
  const n = <f64>(end - ls + 1);
  if (v == OBJECT ? messageCarries() : headed && os == ls && textCarries(ls, end)) {
    if (jsonHeadUnknown()) return headTime();
    let own = lineOwnTime(v, os, ls, end);
    if (own == Infinity) {
      if (givenAt != ls) {
        asked |= 2;
        return ASK;
      }
      own = givenTime;
      givenAt = 0;
    }
    if (jsonJoins(own, n)) return 0;
  }
  startAt(ls, end, line);
  return 1;
}

/** The line [ls, end), numbered `line`, starts a record: its time is read when a line may carry it on (headTime). */
function startAt(ls: usize, end: usize, line: f64): void {
  jsonRecordStart(<f64>(end - ls + 1), line);
  headLs = ls;
  headEnd = end;
}

/**
 * The caller reads the line [ls, end) (numbered `line`) itself: it takes its place in a record; returns the
 * number of the record's first line, or -1 when a time is asked of the caller first (see asked).
 */
export function jsonlPlace(ls: usize, end: usize, line: f64): f64 {
  let p = -1;
  while (p == -1) {
    const os = objectAt(ls, end);
    p = place(validate(os, end), os, ls, end, line);
  }
  if (p == ASK) return -1;
  // Its codes are the caller's to count: those of the lines after it in its record too.
  toCaller();
  return recordStart;
}

/**
 * A JSON array's element [ls, end) the kernel reads (numbered `line`), its own time `own` known (NaN: none),
 * carrying on a record or not (`carries`, see messageCarries): does it start one?
 */
export function placeElement(carries: bool, own: f64, ls: usize, end: usize, line: f64): bool {
  if (carries && jsonJoins(own, <f64>(end - ls + 1))) return false;
  startAt(ls, end, line);
  jsonHeadTime(own);
  return true;
}

/** The caller's lines end for now (its bytes move): the current record's first line's time is read (or asked) while it is there. */
export function jsonlPlaced(): void {
  if (jsonHeadUnknown()) headTime();
}

/**
 * A line of text behind a collector's head (no `{` after it): after its source and its time (RFC 3339's, or
 * syslog's), is it a stack trace's later line, as plain text under a collector's time has it (traceAfterTime)?
 */
function textCarries(ls: usize, end: usize): bool {
  const p = afterSource(ls < end && load<u8>(ls) == 0x1e ? ls + 1 : ls, end);
  const r = afterRfc3339(p, end);
  if (r != p) return traceAfterTime(r, end);
  const y = afterSyslogTime(p, end);
  return y != p && traceAfterTime(y - 1, end);
}

/** A line too long to read, numbered `line`, is a record of its own. */
export function jsonlSkipped(line: f64): void {
  jsonRecordSkipped(line);
}

/** Does the JSON line [ls, end) carry on the record before it when written with it (see place)? A range of a file never starts at one. */
export function jsonlCarries(ls: usize, end: usize): bool {
  const os = objectAt(ls, end);
  return validate(os, end) == OBJECT ? messageCarries() : headed && os == ls && textCarries(ls, end);
}
