// JSON lines: each line validated, its code field looked up, or the line scanned as text; its own time
// from its time fields (src/wasm/json-times.ts).
import { lineAccounts, lineIds } from './accounts';
import { classMask32, isPlain, lower, placeholder } from './bytes';
import { awaitsEvidence, countHere, EVIDENCE_BATCH } from './counting';
import {
  CODE_SLOT_END, CODE_SLOT_FIRST, FIELD_BYTES, FIELD_END, FIELD_ESCAPED, FIELD_START, FIELD_TYPE, J_CALLER, J_FIELD, J_MIXED, J_TEXT, JSONL_HEAD_CODES, JSONL_HEAD_END,
  JSONL_HEAD_IDS, JSONL_HEAD_INDEX, JSONL_HEAD_KIND, JSONL_HEAD_RECORD, JSONL_HEAD_START, JSONL_HEAD_TIME, JSONL_HEAD_UNKNOWNS, JSONL_HEAD_WORDS, NIBBLES_WORD, OBJECT,
  T_STRING, TEXT, TEXT_OUT_MARGIN, TEXT_OUT_WORDS, UNSURE,
} from './generated';
import { flatEnd, NOT_FLAT, passKey, UNDER_STRINGS, UNDER_STRINGS_MAX, underStrings, validateFlat } from './json';
import { stringScope } from './json-scope';
import { SCOPES_UNREAD, scopeState } from './json-scopes';
import { ASK, jsonlPlaced, jsonlSkipped, place } from './json-records';
import { callersLine, headed, holdsHitKey, objectAt, ownLineTime } from './jsonl-lines';
import { countedAtStart, countedLater, leaveCounted, recordStart, textCountedAt, textCountedAtStart, toCaller, uncountLater } from './records';
import { notJson, validateNested } from './json-text';
import { FIELDS, outAt, PRESENT, TEXT_LINES } from './memory';
import { slotsFrom } from './json-times';
import { noneValue } from './time-values';
import { noteTime, timesFull, timesStart, timesWritten } from './window';
import { firstUnderscore, lineEnd, lineWords, lookup, mayBeCode, moreWords, nextUnderscore, wordCodes, wordUnknowns } from './words';

/** Does [vs, ve) start with the bytes [s, e), the case of ASCII letters aside? */
@inline function startsWith(vs: usize, ve: usize, s: usize, e: usize): bool {
  if (e - s > ve - vs) return false;
  for (let i: usize = 0; i < e - s; i++) if (lower(<u32>load<u8>(vs + i)) != lower(<u32>load<u8>(s + i))) return false;
  return true;
}

/**
 * A J_MIXED record's text codes (`codes` at output word `body`, then its `unknowns`, then its account ids)
 * counted here, as countHere counts a line's: its unknown values, the field's first, are then all the caller
 * gets, moved to `body`. False when the caller must count the codes too (nothing is counted then).
 */
export function countMixed(body: i32, codes: i32, unknowns: i32, ids: i32, time: f64, line: f64, ls: usize, le: usize): bool {
  if (!countHere(body, codes, body + 2 * (codes + unknowns), ids, time, line, ls, le, false)) return false;
  for (let k = 0; k < 2 * unknowns; k++) store<i32>(outAt(body + k), load<i32>(outAt(body + 2 * codes + k)));
  return true;
}

/**
 * A JSON record's line (of kind `kind`, its record's first when `starts`: `codes` at output word `body`, then
 * its `unknowns`, then `ids` account ids) counted here when it can be, as countHere counts a line (a J_MIXED
 * one's codes as countMixed), its codes noted in its record first (src/wasm/records.ts); a line with codes the
 * caller counts makes the record's codes the caller's (toCaller). True when counted here.
 */
export function countInRecord(starts: bool, kind: i32, body: i32, codes: i32, unknowns: i32, ids: i32, time: f64, line: f64, ls: usize, le: usize): bool {
  if (codes > 0 && (kind == J_MIXED || unknowns == 0)) {
    const noted = starts ? countedAtStart(body, codes) : countedLater(body, codes);
    if (noted && (kind == J_MIXED ? countMixed(body, codes, unknowns, ids, time, line, ls, le) : countHere(body, codes, body + 2 * codes, ids, time, line, ls, le, kind == J_FIELD))) return true;
    if (noted && starts) countedAtStart(body, 0);
    else if (noted) uncountLater(codes);
  }
  if (codes > 0) toCaller();
  return false;
}

/**
 * Is the key [s, e) (at most 16 bytes) one word that no code can be: all of it word bytes (the word is the
 * key), and mayBeCode false for it? The validator passes it over from now on when it is (passKey).
 */
@inline function cleanKey(s: usize, e: usize): bool {
  if ((~classMask32(s, NIBBLES_WORD) & ((<u32>1 << <u32>(e - s)) - 1)) != 0 || mayBeCode(s, e)) return false;
  passKey(s, e);
  return true;
}

/**
 * lineWords for a flat object the compact pairs read whole (see UNDER_STRINGS): its `_` words are those of
 * its strings that hold a `_`. A key of word bytes alone is one word, and no unknown value (a `"` and a
 * `{` or `,` before it): only a code could count (cleanKey; a key passed over, passKey, is one of those).
 */
function objectWords(ls: usize, at: i32): bool {
  let codes = 0;
  let unknowns = 0;
  for (let k = 0; k < underStrings; k++) {
    const s = <usize>load<u32>(UNDER_STRINGS + (<usize>k << 3));
    const e = <usize>load<u32>(UNDER_STRINGS + (<usize>k << 3), 4);
    // A key's closing quote is followed by `:`, a value's never.
    if (load<u8>(e + 1) == 0x3a && e - s <= 16 && cleanKey(s, e)) continue;
    if (!moreWords(ls, s, e, at, codes, unknowns)) return false;
    codes = wordCodes;
    unknowns = wordUnknowns;
  }
  objectCodes = codes;
  objectUnknowns = unknowns;
  return true;
}

// Set by objectWords: the codes and unknown values it wrote.
let objectCodes: i32 = 0;
let objectUnknowns: i32 = 0;

// Set by recordFindings: the codes and unknown values it wrote.
export let recordCodes: i32 = 0;
export let recordUnknowns: i32 = 0;

/**
 * What a JSON record [ls, end) (validated: v its kind) holds, written from output word `body`: an object's
 * first code field that holds a code (see placeholder) decides it when it is a catalog code; a record whose
 * code field holds another value has that unknown code and is read as plain text too, one without a code
 * field is read as plain text (its `_` words, the first at `first`; -2: not looked for yet; -3: a flat
 * object whose strings with a `_` validateFlat noted, see objectWords). Returns J_FIELD, J_TEXT, J_MIXED
 * (the field's unknown value and the text's findings) or J_CALLER (only the caller can tell), with
 * recordCodes and recordUnknowns.
 */
export function recordFindings(v: i32, ls: usize, end: usize, first: isize, body: i32): i32 {
  let kind = J_TEXT;
  let codes = 0;
  let unknowns = 0;
  // The code field's unknown value, read beside the text's findings (0, 0: none).
  let us: usize = 0;
  let ue: usize = 0;
  if (v == UNSURE) kind = J_CALLER;
  else if (v == OBJECT) {
    // The present code slots, lowest first: most lines have none.
    for (let m = load<u32>(PRESENT) & slotsFrom(CODE_SLOT_FIRST, CODE_SLOT_END); m != 0; m &= m - 1) {
      const slot = <i32>ctz<u32>(m);
      const f = FIELDS + <usize>(slot * FIELD_BYTES);
      if (load<u8>(f + FIELD_TYPE) != T_STRING) continue;
      const vs = <usize>load<i32>(f + FIELD_START);
      const ve = <usize>load<i32>(f + FIELD_END);
      if (load<u8>(f + FIELD_ESCAPED) != 0) {
        kind = J_CALLER;
        break;
      }
      if (ve == vs) continue;
      if (!isPlain(load<u8>(vs)) || !isPlain(load<u8>(ve - 1))) {
        kind = J_CALLER;
        break;
      }
      // A placeholder is no value: the next code field, else the line's text.
      const p = placeholder(vs, ve);
      if (p < 0) {
        kind = J_CALLER;
        break;
      }
      if (p > 0) continue;
      const idx = lookup(vs, ve);
      // A word for none is no value either (no catalog code is one).
      if (idx < 0 && noneValue(vs, ve)) continue;
      if (idx >= 0) {
        kind = J_FIELD;
        store<i32>(outAt(body), idx);
        store<i32>(outAt(body + 1), <i32>vs);
        codes = 1;
      } else {
        // An unknown value, told as the caller would tell it only when it is ASCII; the text is read too.
        for (let i = vs; i < ve; i++) if (load<u8>(i) >= 0x80) kind = J_CALLER;
        us = vs;
        ue = ve;
      }
      break;
    }
  }
  if (kind == J_TEXT && first == -3) {
    if (!objectWords(ls, body)) kind = J_CALLER;
    else {
      codes = objectCodes;
      unknowns = objectUnknowns;
    }
  } else if (kind == J_TEXT) {
    if (first == -2) {
      const u = nextUnderscore(ls, end);
      first = u < end ? <isize>u : -1;
    }
    if (first >= 0 && <usize>first < end) {
      if (!lineWords(ls, end, <usize>first, body)) kind = J_CALLER;
      else {
        codes = wordCodes;
        unknowns = wordUnknowns;
      }
    }
  }
  if (ue > us && kind == J_TEXT) {
    // The field's value first among the unknown values; what the text found that the value starts with (its
    // key's own value, whole or its code-like head) is the value's (as dropValueOwn in src/fast/field-unknown.ts).
    const u0 = body + 2 * codes;
    let n = 0;
    for (let k = 0; k < unknowns; k++) {
      const s = load<i32>(outAt(u0 + 2 * k));
      const e = load<i32>(outAt(u0 + 2 * k + 1));
      if (startsWith(us, ue, <usize>s, <usize>e)) continue;
      store<i32>(outAt(u0 + 2 * n), s);
      store<i32>(outAt(u0 + 2 * n + 1), e);
      n++;
    }
    if (u0 + 2 * n + 4 > TEXT_OUT_WORDS) kind = J_CALLER;
    else {
      for (let k = n - 1; k >= 0; k--) {
        store<i32>(outAt(u0 + 2 * k + 2), load<i32>(outAt(u0 + 2 * k)));
        store<i32>(outAt(u0 + 2 * k + 3), load<i32>(outAt(u0 + 2 * k + 1)));
      }
      store<i32>(outAt(u0), <i32>us);
      store<i32>(outAt(u0 + 1), <i32>ue);
      unknowns = n + 1;
      // Nothing in the text beside the value: the line is the field's alone.
      kind = codes + n == 0 ? J_FIELD : J_MIXED;
    }
  }
  recordCodes = codes;
  recordUnknowns = unknowns;
  return kind;
}

/** Lines read here as text (TEXT: malformed JSON) since the caller last asked (jsonlMalformed). */
let malformed: i32 = 0;

/** The malformed lines this side read (TEXT) since last asked: the caller counts them (it counts those it reads). */
export function jsonlMalformed(): i32 {
  const n = malformed;
  malformed = 0;
  return n;
}

/**
 * Scans the JSON lines of [s, e) (e ends a line, or the text). Each line is validated; what it holds is
 * recordFindings': an object's code field's catalog code alone, else the line scanned as plain text (see
 * lineWords), beside the code field's unknown value if any. Lines with findings are written out with their
 * own time and, when they hold codes, their account ids; what the kernel cannot be sure of is left to
 * the caller, line by line (J_CALLER). With a window (windowed), the own time of every line is noted
 * (src/wasm/window.ts) and a line whose time (own, or inherited: the first from `before`) is outside it is
 * passed over, unless the caller must read it (too long, or unsure). Returns the words written; stores the lines read, where to go on from
 * (less than e only when the output or the times filled up, or EVIDENCE_BATCH lines whose codes await their
 * evidence were written) and the times noted.
 */
export function scanJsonl(s: usize, e: usize, longest: usize, lineBase: f64, windowed: bool, before: f64): i32 {
  let w = 0;
  let lines = 0;
  let ls = s;
  // Lines written out whose codes await their evidence: few before the caller takes them (EVIDENCE_BATCH).
  let awaiting = 0;
  timesStart(before);
  while (ls < e) {
    if (w + TEXT_OUT_MARGIN > TEXT_OUT_WORDS || (windowed && timesFull()) || awaiting >= EVIDENCE_BATCH) break;
    // Most lines are flat objects: validated as the line's end is found, in one pass.
    // Most files have no heads: objectAt is not asked (headTimed stays false: jsonlHeaded).
    const os = headed ? objectAt(ls, e) : ls;
    let v = validateFlat(os, e);
    let le: usize;
    let first: isize = -2; // not looked for yet
    if (v == OBJECT) {
      le = flatEnd;
      // A collector's head before the object is text of the line too: its words are looked for from ls.
      if (underStrings <= UNDER_STRINGS_MAX && os == ls) first = -3;
    } else {
      le = lineEnd(ls, e);
      first = firstUnderscore;
    }
    let kind = J_CALLER;
    let codes = 0;
    let unknowns = 0;
    const body = w + JSONL_HEAD_WORDS;
    const end = le > ls && load<u8>(le - 1) == 0x0d ? le - 1 : le;
    let object = false;
    // 1: the line starts a record; 0: it carries one on (see place).
    let starts = 1;
    if (le - ls > longest) jsonlSkipped(lineBase + <f64>lines);
    else {
      // validateFlat judged the line as validate would (the `\n` it may have met ends the line for both):
      // only a nested one is left to read.
      const nested = v == NOT_FLAT;
      if (nested) v = validateNested(os, end);
      // A line no JSON value starts or ends like (a JVM's stack trace on stderr among its JSON logging):
      // malformed for certain, read here as a line of text.
      if (v == UNSURE && !headed && notJson(ls, end)) v = TEXT;
      starts = place(v, os, ls, end, lineBase + <f64>lines);
      // Its record's first line's time was read: validated again; a time is asked of the caller: it stops here.
      if (starts == ASK) break;
      if (starts < 0) continue;
      // Counted once the line is this call's (a stop above reads it again), the caller told of it: jsonlMalformed.
      if (v == TEXT) malformed++;
      // A line of Splunk's export and one of Docker's json-file log of JSON (and stern's, logcli's) are looked
      // into by the caller (src/input/fields.ts CALLERS_HEADS); so is a line whose `message` (or `log`, …) string
      // may hold a program's JSON (Vector's, Filebeat's file output), and one whose scopes the validator left
      // to it (src/wasm/json-scopes.ts). One whose scopes it did not read, holding a search hit's key: too.
      if (v == OBJECT && (stringScope || (nested && scopeState() == SCOPES_UNREAD && first >= 0 && holdsHitKey(<usize>first, end)) || callersLine(os, end))) v = UNSURE;
      if (windowed && noteTime(lines, ls, ownLineTime(v, ls, end))) {
        lines++;
        ls = le + 1;
        continue;
      }
      // Most lines: a flat object with no code field and no string with a `_` (but keys passed over) holds nothing.
      if (first == -3 && v == OBJECT && underStrings == 0 && (load<u32>(PRESENT) & slotsFrom(CODE_SLOT_FIRST, CODE_SLOT_END)) == 0) {
        lines++;
        ls = le + 1;
        continue;
      }
      object = v == OBJECT;
      kind = recordFindings(v, ls, end, first, body);
      codes = recordCodes;
      unknowns = recordUnknowns;
      // A code counts once per record: those counted here in it are left out.
      if (starts == 0 && kind != J_CALLER) codes = leaveCounted(body, codes, unknowns);
      if (kind != J_CALLER && codes + unknowns == 0) {
        lines++;
        ls = le + 1;
        continue;
      }
    }
    let ids = 0;
    let time: f64 = NaN;
    if (kind != J_CALLER) {
      // The line's own time (as ownLineTime has it; never UNSURE here: that is the caller's).
      time = ownLineTime(v, ls, end);
      if (time == Infinity) kind = J_CALLER;
    }
    if (kind != J_CALLER && codes > 0) {
      if (lineAccounts(ls, end, object, body + 2 * (codes + unknowns), true)) ids = lineIds;
      else kind = J_CALLER;
    }
    if (kind == J_CALLER) {
      // The caller reads it: it counts it malformed (a TEXT line it reads is one yet).
      if (v == TEXT) malformed--;
      unknowns = 0;
      ids = 0;
      // A line after its record's first: what was counted here in the record, for the caller to leave out.
      codes = starts == 0 ? textCountedAtStart() : 0;
      for (let k = 0; k < codes; k++) {
        store<i32>(outAt(body + 2 * k), load<i32>(textCountedAt() + (<usize>k << 2)));
        store<i32>(outAt(body + 2 * k + 1), 0);
      }
      toCaller();
    } else if (countInRecord(starts != 0, kind, body, codes, unknowns, ids, time, lineBase + <f64>lines, ls, le)) {
      if (kind != J_MIXED) {
        lines++;
        ls = le + 1;
        continue;
      }
      // Its codes counted here: the caller gets its unknown values alone.
      codes = 0;
      ids = 0;
    }
    store<i32>(outAt(w + JSONL_HEAD_START), <i32>ls);
    store<i32>(outAt(w + JSONL_HEAD_END), <i32>le);
    store<i32>(outAt(w + JSONL_HEAD_INDEX), lines);
    store<i32>(outAt(w + JSONL_HEAD_KIND), kind);
    store<i32>(outAt(w + JSONL_HEAD_CODES), codes);
    store<i32>(outAt(w + JSONL_HEAD_UNKNOWNS), unknowns);
    store<i32>(outAt(w + JSONL_HEAD_IDS), ids);
    store<f64>(outAt(w + JSONL_HEAD_TIME), kind == J_CALLER ? NaN : time);
    store<i32>(outAt(w + JSONL_HEAD_RECORD), <i32>(recordStart - lineBase));
    w = body + 2 * (codes + unknowns) + ((ids + 1) & ~1);
    if (kind != J_CALLER && codes > 0 && awaitsEvidence(body, codes)) awaiting++;
    lines++;
    ls = le + 1;
  }
  // The bytes move before the next call: the current record's first line's time is read while they are here.
  jsonlPlaced();
  store<i32>(TEXT_LINES, lines);
  store<u32>(TEXT_LINES + 4, <u32>ls);
  store<i32>(TEXT_LINES + 8, timesWritten());
  return w;
}

