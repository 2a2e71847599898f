// A JSON object's own time from its time fields (as recordTime in src/extract/record.ts has it), and a JSON
// line's, for the line loops of src/wasm/jsonl.ts, json-array.ts and line-times.ts.
import { isDigit } from './bytes';
import {
  CLOCK_SLOT, DATE_SLOT, FIELD_BYTES, FIELD_END, FIELD_ESCAPED, FIELD_START, FIELD_TYPE, NAMED_TIME_SLOT, OBJECT, T_OBJECT, T_OTHER, T_STRING, TIME_SLOT_END,
  TEXT, TIME_SLOT_FIRST, UNSURE,
} from './generated';
import { FIELDS, PRESENT } from './memory';
import { epochTime, lineTimeOf, timeOf } from './times';
import { dayTime, fieldValueTime, hasValue, pairTime, timeHeld, valueDate } from './time-values';

/** The mask of slots [first, end). */
@inline export function slotsFrom(first: i32, end: i32): u32 {
  return ((<u32>1 << <u32>end) - 1) & ~((<u32>1 << <u32>first) - 1);
}

/** fieldTime of a time field's string [vs, ve), and whether it is a date alone (fieldDate). */
@inline function stringTime(vs: usize, ve: usize): f64 {
  const t = fieldValueTime(vs, ve);
  fieldDate = !isNaN(t) && valueDate;
  return t;
}

// Set by timeFields: the time of the watched time fields (NaN: none), and whether one of them holds a value
// (see holdsTime in src/extract/record.ts: the line's time is then in its time fields or it has none).
let fieldTime: f64 = NaN;
let fieldHeld: bool = false;
/** A time field's string holds no value (empty, NULL, N/A: src/extract/record.ts noTimeValue): the object has no time of its own. */
let fieldNone: bool = false;
/** fieldTime is a date alone (midnight): the line's time of day may be in its text (see objectTime). */
let fieldDate: bool = false;

/**
 * The object's own time from its time fields (as fieldsTime in src/fast/json-values.ts), in fieldTime: in slot
 * order, the first whose value as a whole is one — a string that is a time (valueTime; the date field's turn:
 * it and the time field read together first, pairTime), or a whole number of epoch seconds, milliseconds or
 * microseconds — else the first date-time in a string that holds a time (timeHeld); false when only the
 * caller can tell (an escaped string, a number with a fraction or an exponent, an object).
 */
function timeFields(): bool {
  fieldHeld = false;
  fieldDate = false;
  fieldNone = false;
  let strings: u32 = 0;
  const present = load<u32>(PRESENT);
  // The present time slots, lowest first; --time-field's alone when the object holds it (NAMED_TIME_SLOT).
  const named: u32 = <u32>1 << <u32>NAMED_TIME_SLOT;
  for (let m = namedTimeHeld() ? named : present & slotsFrom(TIME_SLOT_FIRST, TIME_SLOT_END); m != 0; m &= m - 1) {
    const slot = <i32>ctz<u32>(m);
    const at = FIELDS + <usize>(slot * FIELD_BYTES);
    const type = load<u8>(at + FIELD_TYPE);
    if (type == T_OTHER) continue;
    // An object (`{"$date": …}`, log4j2's `instant`) is read by the caller, as an escaped string is.
    if (type == T_OBJECT || load<u8>(at + FIELD_ESCAPED) != 0) return false;
    const vs = <usize>load<i32>(at + FIELD_START);
    const ve = <usize>load<i32>(at + FIELD_END);
    if (type == T_STRING) {
      // The date field's turn: it and the time field read together first (pairTime).
      if (slot == DATE_SLOT && (present & (1 << CLOCK_SLOT)) != 0) {
        const c = FIELDS + <usize>(CLOCK_SLOT * FIELD_BYTES);
        if (load<u8>(c + FIELD_TYPE) == T_STRING) {
          if (load<u8>(c + FIELD_ESCAPED) != 0) return false;
          const t = pairTime(vs, ve, <usize>load<i32>(c + FIELD_START), <usize>load<i32>(c + FIELD_END));
          if (!isNaN(t)) {
            fieldTime = t;
            return true;
          }
        }
      }
      const t = stringTime(vs, ve);
      if (!isNaN(t)) {
        fieldTime = t;
        return true;
      }
      if (timeHeld(vs, ve)) strings |= 1 << slot;
      else if (!hasValue(vs, ve)) fieldNone = true;
      continue;
    }
    // A number: digits only, few enough to be exact (others, with a fraction or an exponent, are the caller's).
    if (ve - vs > 16) return false;
    let n: i64 = 0;
    for (let i = vs; i < ve; i++) {
      const c = <u32>load<u8>(i);
      if (!isDigit(c)) return false;
      n = n * 10 + <i64>(c - 0x30);
    }
    const t = epochTime(<f64>n);
    if (!isNaN(t)) {
      fieldTime = t;
      fieldDate = false;
      return true;
    }
  }
  fieldTime = NaN;
  fieldHeld = strings != 0;
  for (; strings != 0; strings &= strings - 1) {
    const at = FIELDS + <usize>(<i32>ctz<u32>(strings) * FIELD_BYTES);
    const t = timeOf(<usize>load<i32>(at + FIELD_START), <usize>load<i32>(at + FIELD_END));
    if (!isNaN(t)) {
      fieldTime = t;
      return true;
    }
  }
  return true;
}

/** The validated object holds the field --time-field names (NAMED_TIME_SLOT): its time is that field's alone. */
@inline export function namedTimeHeld(): bool {
  return (load<u32>(PRESENT) & (<u32>1 << <u32>NAMED_TIME_SLOT)) != 0;
}

/** A validated object's own time (its fields as the validator noted them): its time fields', else, when none holds a value, the first date-time in [ls, end); Infinity: only the caller can tell. */
export function objectTime(ls: usize, end: usize): f64 {
  if (!timeFields()) return Infinity;
  // A date alone: the time of day the line's text holds on that day, if any.
  if (fieldDate && !isNaN(fieldTime)) return dayTime(fieldTime, timeOf(ls, end));
  if (!isNaN(fieldTime) || fieldHeld || fieldNone) return fieldTime;
  return timeOf(ls, end);
}

/**
 * A validated JSON line's own time (v: its kind): its time fields' (as timeFields has them), else, when none
 * holds a value, the first date-time in it (a line of text's, as a plain-text line's: TEXT).
 */
export function jsonLineTime(v: i32, ls: usize, end: usize): f64 {
  if (v == UNSURE) return Infinity;
  // A malformed line's text is read as a line of plain text is (recordTime: its rules for a line).
  return v == OBJECT ? objectTime(ls, end) : v == TEXT ? lineTimeOf(ls, end) : timeOf(ls, end);
}
