// Own times of every line, for a scan with a window: which lines are inside it is decided by the caller
// (src/summary/window.ts), from these times; a line without one takes the last one before it.
import { nextByte } from './bytes';
import { OBJECT, TIMES_MAX, UNSURE } from './generated';
import { validate } from './json';
import { fieldTime, timeFields } from './jsonl';
import { timeOf } from './times';

/** Entries per call (TIMES_MAX): 16 bytes each — line index (i32), line start (i32, absolute), own time (f64). */
const TIMES_OUT: usize = memory.data(TIMES_MAX * 16 + 16, 16);

export function timesOut(): usize {
  return TIMES_OUT;
}

/**
 * Notes the own time of every line of [s, e) (e ends a line, or the text) that has one: plain text takes
 * its first ISO-8601 date-time, a JSON line (json) its time fields first. Lines longer than `longest` have
 * none (they are skipped). Time +Infinity: only the caller can tell. Returns the entries written; stores
 * the lines read and the position to go on from (less than e only when the output filled up).
 */
export function lineTimes(s: usize, e: usize, longest: usize, json: bool): i32 {
  let n = 0;
  let lines = 0;
  let ls = s;
  while (ls < e && n < TIMES_MAX) {
    const le = nextByte(ls, e, 0x0a);
    const end = le > ls && load<u8>(le - 1) == 0x0d ? le - 1 : le;
    let t: f64 = NaN;
    if (le - ls <= longest) t = json ? jsonTime(ls, end) : timeOf(ls, end);
    if (!isNaN(t)) {
      const at = TIMES_OUT + (<usize>n << 4);
      store<i32>(at, lines);
      store<i32>(at, <i32>ls, 4);
      store<f64>(at, t, 8);
      n++;
    }
    lines++;
    ls = le + 1;
  }
  // After the entries: the lines read, and where the next call should go on from.
  store<i32>(TIMES_OUT + (<usize>n << 4), lines);
  store<u32>(TIMES_OUT + (<usize>n << 4), <u32>ls, 4);
  return n;
}

/** A JSON line's own time: its time fields (as timeFields has them), else the first date-time in it. */
function jsonTime(ls: usize, end: usize): f64 {
  const v = validate(ls, end);
  if (v == UNSURE) return Infinity;
  if (v == OBJECT) {
    if (!timeFields()) return Infinity;
    if (!isNaN(fieldTime)) return fieldTime;
  }
  return timeOf(ls, end);
}
