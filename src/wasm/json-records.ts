// Whether a JSON line carries on the record before it (the rule's home: src/model/record.ts MESSAGE_FIELDS):
// its first message field holding a string holds a stack trace's later line (src/wasm/line-heads.ts traceAt).
// The record's state is src/wasm/records.ts's.
import { FIELD_BYTES, FIELD_END, FIELD_START, FIELD_TYPE, MESSAGE_SLOT_END, MESSAGE_SLOT_FIRST, OBJECT, T_STRING, UNSURE } from './generated';
import { validate } from './json-text';
import { slotsFrom } from './json-times';
import { headed, objectAt, ownLineTime } from './jsonl-lines';
import { traceAt, traceUnderHead } from './line-heads';
import { timeOf } from './times';
import { FIELDS, PRESENT } from './memory';
import { jsonHeadTime, jsonHeadUnknown, jsonJoins, jsonRecordSkipped, jsonRecordStart, recordStart } from './records';

/** Does the object just validated have a message field whose string is a stack trace's later line (a frame, `Caused by:`)? */
export function messageCarries(): bool {
  // Most lines: no message field, or one the first byte of which no trace's line starts with.
  for (let m = load<u32>(PRESENT) & slotsFrom(MESSAGE_SLOT_FIRST, MESSAGE_SLOT_END); m != 0; m &= m - 1) {
    const f = FIELDS + <usize>(<i32>ctz<u32>(m) * FIELD_BYTES);
    if (load<u8>(f + FIELD_TYPE) != T_STRING) continue;
    return traceAt(<usize>load<i32>(f + FIELD_START), <usize>load<i32>(f + FIELD_END));
  }
  return false;
}

/** Where the current record's first line is (in this call's bytes: see scanJsonl's end), to read its time when a line may carry it on. */
let headLs: usize = 0;
let headEnd: usize = 0;

/** The own time of the JSON line [ls, end), validated again (the fields are its from now on). */
function timeAgain(ls: usize, end: usize): f64 {
  const os = objectAt(ls, end);
  return lineOwnTime(validate(os, end), os, ls, end);
}

/**
 * The own time of the line [ls, end), its object at os validated (v): a line of text (behind a collector's
 * head, or no JSON at all) has its text's; one the caller must parse has none here (Infinity).
 */
function lineOwnTime(v: i32, os: usize, ls: usize, end: usize): f64 {
  return v == UNSURE && (os >= end || load<u8>(os) != 0x7b) ? timeOf(ls, end) : ownLineTime(v, ls, end);
}


/**
 * The line [ls, end) (validated: v its kind, its number `line`) takes its place in a record (see
 * src/wasm/json-records.ts): true when it starts one. -1: the record's first line's time is needed first and
 * was read (the line's fields are lost: it is to be validated again).
 */
export function place(v: i32, os: usize, ls: usize, end: usize, line: f64): i32 {
  const n = <f64>(end - ls + 1);
  if (v == OBJECT ? messageCarries() : headed && os == ls && traceUnderHead(ls, end)) {
    if (jsonHeadUnknown()) {
      jsonHeadTime(timeAgain(headLs, headEnd));
      return -1;
    }
    if (jsonJoins(lineOwnTime(v, os, ls, end), n)) return 0;
  }
  jsonRecordStart(n, line);
  headLs = ls;
  headEnd = end;
  return 1;
}

/** The caller reads the line [ls, end) (numbered `line`) itself: it takes its place in a record; returns the number of the record's first line. */
export function jsonlPlace(ls: usize, end: usize, line: f64): f64 {
  let p = -1;
  while (p < 0) {
    const os = objectAt(ls, end);
    p = place(validate(os, end), os, ls, end, line);
  }
  return recordStart;
}

/** The caller's lines end for now (its bytes move): the current record's first line's time is read while it is there. */
export function jsonlPlaced(): void {
  if (jsonHeadUnknown()) jsonHeadTime(timeAgain(headLs, headEnd));
}

/** A line too long to read, numbered `line`, is a record of its own. */
export function jsonlSkipped(line: f64): void {
  jsonRecordSkipped(line);
}

/** Does the JSON line [ls, end) carry on the record before it when written with it (see place)? A range of a file never starts at one. */
export function jsonlCarries(ls: usize, end: usize): bool {
  const os = objectAt(ls, end);
  return validate(os, end) == OBJECT ? messageCarries() : headed && os == ls && traceUnderHead(ls, end);
}
