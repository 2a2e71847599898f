// The own times of the lines of a stretch that a caller reads itself, with a window (a catalog the kernel
// does not scan, the rest of a long line): one entry per line that has one, as scanText and scanJsonl note them.
import { nextByte } from './bytes';
import { TIMES_MAX } from './generated';
import { jsonLineOwnTime } from './jsonl-lines';
import { clock, clockFirst, clockOffset } from './line-heads';
import { clockAfter } from './time-civil';
import { lineTime } from './times';
import { TEXT_LINES } from './memory';
import { lastNoted, noteTime, timesStart, timesWritten } from './window';

/**
 * Notes the own time of every line of [s, e) (e ends a line, or the text) that has one, for a caller that
 * reads the lines itself: plain text takes its first date-time (a time of day alone at its start: on the date
 * of the time before it, the first line's `before`, as scanText reads it), a JSON line (json) its time
 * fields first. Lines longer than `longest` have none. Returns the entries written; stores the lines read,
 * the position to go on from (less than e only when the entries filled up) and the entries, as scanText.
 */
export function lineTimes(s: usize, e: usize, longest: usize, json: bool, before: f64): i32 {
  let lines = 0;
  let ls = s;
  timesStart(before);
  while (ls < e && timesWritten() < TIMES_MAX) {
    const le = nextByte(ls, e, 0x0a);
    const end = le > ls && load<u8>(le - 1) == 0x0d ? le - 1 : le;
    if (le - ls <= longest) noteTime(lines, ls, json ? jsonLineOwnTime(ls, end) : textTime(ls, end));
    lines++;
    ls = le + 1;
  }
  // As scanText has them: the lines read, where the next call should go on from, the entries.
  store<i32>(TEXT_LINES, lines);
  store<u32>(TEXT_LINES + 4, <u32>ls);
  store<i32>(TEXT_LINES + 8, timesWritten());
  return timesWritten();
}

/** A plain-text line's own time, a time of day alone at its start on the date of the time before it (see src/wasm/text.ts). */
function textTime(ls: usize, end: usize): f64 {
  const t = lineTime(ls, end);
  return isNaN(t) && clockFirst(ls, end) ? clockAfter(lastNoted(), clock, clockOffset) : t;
}
