// Records of plain text (the rule's home: src/model/record.ts): a line with a time of its own (or a time of
// day alone at its start) starts one; the lines after it without one join it, up to RECORD_LINES_MAX lines
// or RECORD_BYTES_MAX bytes (then a new one starts, still taking that time); lines before a file's first
// time are records of their own. One state per file, kept here for the lines scanText reads and for those
// its caller reads (textRecordLine), in line order; JSON lines' and arrays' records keep theirs here too
// (jsonRecordStart and after: src/wasm/json-records.ts says which carry one on).
import { RECORD_BYTES_MAX, RECORD_LINES_MAX, RECORD_START_CODES, TRACE_GAP_MS } from './generated';
import { outAt } from './memory';
import { clock, clockOffset } from './line-heads';
import { clockAfter } from './time-civil';
import { lineSource } from './times';
import { insideWindow } from './window';

/** A line with a time has been seen: lines without one join its record. */
let open: bool = false;
let lines: i32 = 0;
let bytes: f64 = 0;
/** The number of the current record's first line. */
export let recordStart: f64 = 0;
/** The time the current record has (own or taken from before it; NaN: none). */
export let recordTime: f64 = NaN;
/** The last own time of a line (NaN: none yet): a line without one has it, as it has in its record (a stack trace's line that carries on a record has its own). */
export let lastTime: f64 = NaN;
/** The first own time of a line since the file (or range) started (NaN: none yet). */
let firstTime: f64 = NaN;
/** A line of the current record with codes was the caller's to count (see countedLater). */
let callerInRecord: bool = false;
/** Records started, and those outside the window, since the file started. */
let started: f64 = 0;
let outside: f64 = 0;
/** Records started with no time, own or taken from before them. */
let untimed: f64 = 0;
let windowed: bool = false;
/** The codes the kernel counted itself in the current record (see countedAtStart and countedLater). */
const START_CODES: usize = memory.data(RECORD_START_CODES * 4 + 16, 16);
let startCodes: i32 = 0;
/** The source of the current record's first line (src/wasm/times.ts lineSource): a line of another does not carry it on. */
let recordSource: u32 = 0;

/** A file starts (or a byte range of one that starts with a timed line, `before` the time before it). */
export function textRecordsReset(before: f64, window: bool): void {
  open = false;
  lines = 0;
  bytes = 0;
  recordStart = 0;
  recordTime = before;
  lastTime = before;
  firstTime = NaN;
  started = 0;
  outside = 0;
  untimed = 0;
  windowed = window;
  startCodes = 0;
  callerInRecord = false;
  recordSource = 0;
}

/**
 * The line numbered `line`, `n` bytes long (its end counted as one), its own time `own` (NaN: none), starting
 * a record without one or not (`clock`: a time of day alone, see clockFirst), a
 * stack trace's line under a collector's time or not (`carries`, see src/wasm/times.ts lineCarries): true
 * when it starts a record. A clock starts one that takes
 * the time before it, as a record started at the line or byte limit does; a line that carries joins the
 * record before it when its time is no earlier and less than TRACE_GAP_MS later than the record's (the lines
 * of one stack trace are written at once; another program's line, minutes later, is an event of its own).
 */
@inline export function recordLine(own: f64, clock: bool, n: f64, line: f64, carries: bool): bool {
  if (!isNaN(own)) {
    if (isNaN(firstTime)) firstTime = own;
    // A stack trace's line under a collector's time, written with the record before it: it carries it on.
    // A line that names a source or stream carries on only a record its first line began with the same one.
    if (carries && mayJoin(own) && (lineSource == 0 || lineSource == recordSource)) {
      lastTime = own;
      lines++;
      bytes += n;
      return false;
    }
    lastTime = own;
    open = true;
    begin(own, n, line);
    started++;
    if (windowed && !insideWindow(own)) outside++;
    return true;
  }
  if (clock || !open || lines >= RECORD_LINES_MAX || bytes >= <f64>RECORD_BYTES_MAX) {
    if (clock) open = true;
    // The time before it: a stack trace's line that carried on the record before may have been the last.
    begin(lastTime, n, line);
    started++;
    if (isNaN(recordTime)) untimed++;
    if (windowed && !insideWindow(recordTime)) outside++;
    return true;
  }
  lines++;
  bytes += n;
  return false;
}

/** A record starts at line `line`, its first `n` bytes, taking time `time`: nothing counted in it yet. */
@inline function begin(time: f64, n: f64, line: f64): void {
  recordTime = time;
  lines = 1;
  bytes = n;
  recordStart = line;
  startCodes = 0;
  callerInRecord = false;
  recordSource = lineSource;
}

/** May a line with its own time `own` carry on the current record, should it be a stack trace's line (see recordLine)? */
@inline export function mayJoin(own: f64): bool {
  return open && own >= recordTime && own - recordTime < <f64>TRACE_GAP_MS && lines < RECORD_LINES_MAX && bytes < <f64>RECORD_BYTES_MAX;
}

/** A line the caller reads itself (see recordLine): returns the number of its record's first line. */
export function textRecordLine(own: f64, clock: bool, n: f64, line: f64, carries: bool): f64 {
  recordLine(own, clock, n, line, carries);
  callerInRecord = true;
  return recordStart;
}

/** The codes counted here in the current record (for the lines the caller reads itself): how many, from textCountedAt(). */
export function textCountedAtStart(): i32 {
  return startCodes;
}

export function textCountedAt(): usize {
  return START_CODES;
}

export function textRecords(): f64 {
  return started;
}

/** The first and the last own time of a line since textRecordsReset (NaN: none); the last is what the next line without one has. */
export function textFirstTime(): f64 {
  return firstTime;
}

export function textLastTime(): f64 {
  return lastTime;
}

/** The time of day clockFirst read last (ms since midnight), for the caller. */
export function clockRead(): f64 {
  return clock;
}

/** The offset glued to the time of day clockFirst read last (minutes; IN_ZONE: none), for the caller. */
export function clockOffsetRead(): i32 {
  return clockOffset;
}

/** A line starting with a time of day alone, `ms` since midnight at `offset`: its own time, on the date of the time before it (see clockAfter). */
export function clockTime(ms: f64, offset: i32): f64 {
  return clockAfter(lastTime, ms, offset);
}

export function textRecordsOutside(): f64 {
  return outside;
}

export function textRecordsUntimed(): f64 {
  return untimed;
}

/** The current record's first line is counted here with the nCodes codes at output word `at` (see countHere): false when they are too many to keep. */
export function countedAtStart(at: i32, nCodes: i32): bool {
  if (nCodes > RECORD_START_CODES) return false;
  for (let k = 0; k < nCodes; k++) store<i32>(START_CODES + (<usize>k << 2), load<i32>(outAt(at + 2 * k)));
  startCodes = nCodes;
  return true;
}

/**
 * A line after the record's first, its nCodes codes at output word `at` none counted in the record yet (see
 * leaveCounted), is counted here too when no line of the record before it was the caller's to count (the
 * caller keeps the record's codes then): they join those counted, unless they are too many to keep. False:
 * the caller counts it. countHere may still refuse the line: then uncountLater(nCodes).
 */
export function countedLater(at: i32, nCodes: i32): bool {
  if (callerInRecord || startCodes + nCodes > RECORD_START_CODES) return false;
  for (let k = 0; k < nCodes; k++) store<i32>(START_CODES + (<usize>(startCodes + k) << 2), load<i32>(outAt(at + 2 * k)));
  startCodes += nCodes;
  return true;
}

/** A line countedLater took is the caller's to count after all (and so is the rest of its record). */
export function uncountLater(nCodes: i32): void {
  startCodes -= nCodes;
  callerInRecord = true;
}

/** A line of the current record goes to the caller with codes: the record's later lines go too. */
export function toCaller(): void {
  callerInRecord = true;
}

/**
 * A line after the record's first: of its nCodes codes (then nUnknown unknown values, then nIds account ids,
 * when written already) from output word `at`, those counted here in the record are taken out, what follows
 * them moved up. Returns the codes left.
 */
export function leaveCounted(at: i32, nCodes: i32, nUnknown: i32, nIds: i32 = 0): i32 {
  if (startCodes == 0) return nCodes;
  let kept = 0;
  for (let k = 0; k < nCodes; k++) {
    const idx = load<i32>(outAt(at + 2 * k));
    let counted = false;
    for (let j = 0; j < startCodes; j++) if (load<i32>(START_CODES + (<usize>j << 2)) == idx) counted = true;
    if (counted) continue;
    if (kept != k) {
      store<i32>(outAt(at + 2 * kept), idx);
      store<i32>(outAt(at + 2 * kept + 1), load<i32>(outAt(at + 2 * k + 1)));
    }
    kept++;
  }
  if (kept != nCodes) for (let k = 0; k < 2 * nUnknown + nIds; k++) store<i32>(outAt(at + 2 * kept + k), load<i32>(outAt(at + 2 * nCodes + k)));
  return kept;
}

// JSON lines (src/model/record.ts MESSAGE_FIELDS): every line starts a record but one whose message is a
// stack trace's later line, which carries on the record before it as recordLine's `carries` does. A record's
// first line's time is read only when a line may carry it on (most never are): headKnown.
let headKnown: bool = true;
/** Lines that carried on a record, and those of them outside the window, since the caller last asked (jsonJoined). */
let joined: i32 = 0;
let joinedOutside: i32 = 0;

/** A JSON-lines file (or a range of one) starts. */
export function jsonRecordsReset(): void {
  textRecordsReset(NaN, false);
  headKnown = true;
  joined = 0;
  joinedOutside = 0;
}

/** A JSON line (numbered `line`, `n` bytes with its end) starts a record; its own time is read when needed (see headKnown). */
export function jsonRecordStart(n: f64, line: f64): void {
  open = true;
  begin(NaN, n, line);
  headKnown = false;
}

/** A line too long to read starts a record of its own, without a time: none carries it on. */
export function jsonRecordSkipped(line: f64): void {
  jsonRecordStart(<f64>RECORD_BYTES_MAX, line);
  headKnown = true;
}

/** Is the current record's first line's time still to be read (jsonHeadTime)? */
export function jsonHeadUnknown(): bool {
  return !headKnown;
}

/** The current record's first line's own time (NaN: none, or one only the caller can read: no line carries it on). */
export function jsonHeadTime(t: f64): void {
  recordTime = isFinite(t) ? t : NaN;
  headKnown = true;
}

/** A JSON line whose message carries on a record, its own time `own`: does it join the current one (see mayJoin)? */
export function jsonJoins(own: f64, n: f64): bool {
  if (!mayJoin(own)) return false;
  lines++;
  bytes += n;
  joined++;
  if (!insideWindow(own)) joinedOutside++;
  return true;
}

/** The lines that carried on a record since last asked; the count starts over. */
export function jsonJoined(): i32 {
  const n = joined;
  joined = 0;
  return n;
}

/** Those of them outside the window, since last asked; the count starts over. */
export function jsonJoinedOutside(): i32 {
  const n = joinedOutside;
  joinedOutside = 0;
  return n;
}
