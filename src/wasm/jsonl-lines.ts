// What a JSON line is: where its object starts (behind a collector's head), its own time, and whether the
// kernel may read it or hands it to the caller (src/wasm/jsonl.ts scans them).
import { afterCollectorHead, afterTimeBlank, collectorTimed } from './line-heads';
import { bytesAt } from './bytes';
import {
  CALLER_HEAD_AT, CALLER_HEAD_COUNT, CALLER_HEAD_FIRST, CALLER_HEAD_LEN, CALLER_HEADS, HIT_KEY, HIT_KEY_LENGTH, MESSAGE_KEY, MESSAGE_KEY_LENGTH, OBJECT, TEXT, UNSURE,
} from './generated';
import { stringScope } from './json-scope';
import { SCOPES_UNREAD, scopeState } from './json-scopes';
import { notJson, validate } from './json-text';
import { jsonLineTime, namedTimeHeld } from './json-times';
import { objectsToCaller } from './keys';
import { jsonRecordsReset } from './records';
import { timeOf } from './times';
import { nextUnderscore } from './words';

/**
 * The line holds `"_source"` somewhere from its first `_` (u, as lineEnd noted it) on; the caller tells
 * whether it is the key of a top-level object. Only the line's `_`s are looked at.
 */
export function holdsHitKey(u: usize, end: usize): bool {
  for (; u + <usize>HIT_KEY_LENGTH + 1 <= end; u = nextUnderscore(u + 1, end)) {
    // `"`, the key (its `_` at u), `"`
    if (load<u8>(u - 1) != 0x22 || load<u8>(u + <usize>HIT_KEY_LENGTH) != 0x22) continue;
    let k: i32 = 1;
    while (k < HIT_KEY_LENGTH && load<u8>(u + <usize>k) == load<u8>(HIT_KEY + <usize>k)) k++;
    if (k == HIT_KEY_LENGTH) return true;
  }
  return false;
}


/** The file's lines have a collector's head before their objects (Sniffed.headed, src/input/detect.ts): set per file. */
export let headed: bool = false;

export function jsonlHeaded(on: bool): void {
  headed = on;
  headTimed = false;
  jsonRecordsReset();
}


/**
 * Where the JSON of the line at ls (before e) starts: on a file whose lines have a collector's head, right
 * after it when a `{` is there (the time and stream before it are the collector's: the line's text still
 * holds them); else ls (a line of text, or JSON without a head).
 */
export function objectAt(ls: usize, e: usize): usize {
  headTimed = false;
  if (!headed || ls >= e || load<u8>(ls) == 0x7b) return ls;
  const p = afterCollectorHead(ls, e);
  if (p >= e || load<u8>(p) != 0x7b) return ls;
  headTimed = collectorTimed;
  return p;
}

/**
 * Set by objectAt: the line's JSON is behind a head that holds a time. That time, the collector's (always
 * whole, with its zone), is the line's own, not the program's time fields (src/extract/record.ts recordTime),
 * unless the object holds the field --time-field names.
 */
export let headTimed: bool = false;

/** The own time of the JSON line [ls, end) (v: its kind, objectAt read): see jsonLineTime, and headTimed. */
@inline export function ownLineTime(v: i32, ls: usize, end: usize): f64 {
  return headTimed && v != UNSURE && !(v == OBJECT && namedTimeHeld()) ? timeOf(ls, end) : jsonLineTime(v, ls, end);
}

/** headTimed, for a caller that asked objectAt. */
export function objectHeadTimed(): bool {
  return headTimed;
}

/** The own time of the JSON line [ls, end), as a caller that reads it would have it (lineTimes). */
export function jsonLineOwnTime(ls: usize, end: usize): f64 {
  return ownLineTime(lineKind(ls, end), ls, end);
}

/**
 * The line [ls, end) validated, as the kernel times it when the caller reads it (lineTimes): an object the
 * caller looks into (a search hit, as scanJsonl has it; any, with a time field the kernel cannot find) is UNSURE.
 */
export function lineKind(ls: usize, end: usize): i32 {
  const os = objectAt(ls, end);
  const v = validate(os, end);
  // A line no JSON value starts or ends like is TEXT, as scanJsonl reads it.
  if (v != OBJECT) return v == UNSURE && !headed && notJson(os, end) ? TEXT : v;
  return callersObject(os, ls, end) ? UNSURE : v;
}

/**
 * Is the object just validated at os (its line [ls, end)) one the caller reads: every object (a time field the
 * kernel cannot find), one whose string holds JSON or whose scopes the validator left to it, a search hit
 * whose scopes it did not read, a line the caller looks into?
 */
export function callersObject(os: usize, ls: usize, end: usize): bool {
  return objectsToCaller || stringScope || (scopeState() == SCOPES_UNREAD && holdsHitKey(nextUnderscore(ls, end), end)) || callersLine(os, end);
}

/** Does the object [os, end) start as a line the caller looks into (src/input/fields.ts CALLERS_HEADS: Splunk's export, Docker's, stern's, logcli's)? */
@inline export function callersLine(os: usize, end: usize): bool {
  // Their first key's first letter tells whether to compare (most lines: one load).
  if (end - os < 3 || load<u8>(CALLER_HEAD_FIRST + <usize>load<u8>(os + 2)) == 0) return false;
  for (let k = 0; k < CALLER_HEAD_COUNT; k++) {
    const at = CALLER_HEADS + <usize>load<i32>(CALLER_HEAD_AT + (<usize>k << 2));
    if (bytesAt(os, end, at, <usize>load<i32>(CALLER_HEAD_LEN + (<usize>k << 2)))) return true;
  }
  // stern -o json --timestamps: MESSAGE_KEY, a collector's time, a blank, `{` (src/input/fields.ts timedMessageLine).
  if (!bytesAt(os, end, MESSAGE_KEY, <usize>MESSAGE_KEY_LENGTH)) return false;
  const p = os + <usize>MESSAGE_KEY_LENGTH;
  const t = afterTimeBlank(p, end);
  return t != p && t < end && load<u8>(t) == 0x7b;
}


