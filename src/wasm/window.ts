// A scan with a window: the window's bounds (setWindow), tested as src/summary/window.ts has the rule (its
// bounds' inclusiveness generated from there), and the own times of the lines read (timesOut). Which
// lines are inside it is decided by the caller from these times; the kernel only passes over the lines
// whose own time is outside it, and counts no line itself unless its own time is inside.
import { SINCE_INCLUSIVE, TIMES_MAX, UNTIL_INCLUSIVE } from './generated';

/** Entries per call (TIMES_MAX): 16 bytes each — line index (i32), line start (i32, absolute), own time (f64). */
const TIMES_OUT: usize = memory.data(TIMES_MAX * 16 + 16, 16);

let since: f64 = -Infinity;
let until: f64 = Infinity;
/** Entries written by the current call. */
let timed: i32 = 0;
/** The time the next line inherits: the last own time (NaN: none yet; +Infinity: only the caller can tell). */
let inherited: f64 = NaN;

export function timesOut(): usize {
  return TIMES_OUT;
}

/** The window (epoch ms; -Infinity and +Infinity for an open end). */
export function setWindow(s: f64, u: f64): void {
  since = s;
  until = u;
}

/** Time t lies in the window (NaN never does). */
@inline function inside(t: f64): bool {
  return (SINCE_INCLUSIVE ? t >= since : t > since) && (UNTIL_INCLUSIVE ? t <= until : t < until);
}

/** Time t lies in the window (for the records' count outside it, src/wasm/records.ts). */
export function insideWindow(t: f64): bool {
  return inside(t);
}

/** The time the next line inherits (see inherited). */
export function lastNoted(): f64 {
  return inherited;
}

/** A call starts: no entry yet; its first line inherits time `before` (as `inherited`). */
export function timesStart(before: f64): void {
  timed = 0;
  inherited = before;
}

/** The call's entries are full: it stops before the next line. */
@inline export function timesFull(): bool {
  return timed >= TIMES_MAX;
}

/** Entries the call wrote. */
export function timesWritten(): i32 {
  return timed;
}

/**
 * Notes the own time `own` of line `index` of the call, starting at ls (NaN: none, noted nowhere; the line
 * inherits the last one; +Infinity: only the caller can tell). True when the line's time, own or
 * inherited, is known and outside the window (a line without any is never in it): it may be passed over.
 */
export function noteTime(index: i32, ls: usize, own: f64): bool {
  if (!isNaN(own)) {
    const at = TIMES_OUT + (<usize>timed << 4);
    store<i32>(at, index);
    store<i32>(at, <i32>ls, 4);
    store<f64>(at, own, 8);
    timed++;
    inherited = own;
  }
  return inherited != Infinity && !inside(inherited);
}

/** Takes back the last noteTime (its line is read again by the next call, told the time before it). */
export function unnoteTime(own: f64): void {
  if (!isNaN(own)) timed--;
}
