// Reading times from text and values: a thin adapter over the kernel (src/wasm/times.ts, the one reading of
// every form), for the callers that hold strings or bytes outside a kernel's memory: the record readers,
// --since/--until, the library. The bytes are copied into a small kernel instance of this thread.
import type { TimeContext } from '../model/settings.js';
import { EDGE_BLANKS } from '../input/fields.js';
import { kernelModule } from './kernel-module.js';
import { DEFAULT_CONTEXT, EPOCH_MS_ABOVE, EPOCH_US_ABOVE, IN_ZONE, MAX_TIME, MIN_TIME, VALUE_LONGEST, writeTimeRules, type TimeKernel } from './time-rules.js';

export { EPOCH_MS_ABOVE, MAX_TIME, MIN_TIME };

/** Bytes after a place where a time may start that reading it may look at (the longest form and one more). */
export const TIME_READ = 64;

interface TimeExports extends TimeKernel {
  heapBase(): number;
  timeIn(s: number, e: number, from: number, before: number, line: number): number;
  timeFurtherIn(): number;
  lineCarried(e: number): number;
  lineSourceRead(): number;
  dateOrdersTaken(): number;
  valueTime(s: number, e: number): number;
  valueWasDate(): number;
  epochTime(n: number): number;
  clockAfter(before: number, ms: number, offset: number): number;
  pairTime(ds: number, de: number, cs: number, ce: number): number;
  timeHeld(s: number, e: number): number;
}

let x: TimeExports | undefined;
let base = 0;
let u8 = new Uint8Array(0);
let current: TimeContext | undefined;

/** This thread's time reader, with the context's rules in it. */
function reader(ctx: TimeContext): TimeExports {
  if (x === undefined) {
    x = new WebAssembly.Instance(kernelModule(), {}).exports as unknown as TimeExports;
    base = (x.heapBase() + 15) & ~15;
    u8 = new Uint8Array(x.memory.buffer);
  }
  if (ctx !== current) {
    writeTimeRules(x, ctx);
    current = ctx;
  }
  return x;
}

/** Room for n bytes at `base` in the reader's memory. */
function room(r: TimeExports, n: number): Uint8Array {
  const need = base + n + 16 - r.memory.buffer.byteLength;
  if (need > 0) r.memory.grow(Math.ceil(need / 65536));
  if (u8.buffer !== r.memory.buffer) u8 = new Uint8Array(r.memory.buffer);
  return u8;
}

/** Writes `text` as UTF-8 at `base + at` in the reader's memory (made room for): its length in bytes. */
function put(r: TimeExports, text: string, at = 0): number {
  const mem = room(r, at + text.length * 3);
  return Buffer.from(mem.buffer, base + at, text.length * 3).write(text, 'utf8');
}

const orNull = (t: number): number | null => (Number.isNaN(t) ? null : t);

// A long text is copied in pieces of this many characters: the reader's memory stays small.
const PIECE = 1 << 16;

/**
 * Epoch ms of the own time of a text (the time at its start, else the first one at an anchor further in), or
 * null; a plain-text `line` by the line rules (see timeIn in src/wasm/times.ts), else a record's text.
 */
export function findTimestamp(text: string, ctx: TimeContext = DEFAULT_CONTEXT, line = true): number | null {
  const r = reader(ctx);
  for (let at = 0; at < text.length || at === 0; at += PIECE) {
    const mem = room(r, (PIECE + TIME_READ + 2) * 3);
    const buf = Buffer.from(mem.buffer, base, (PIECE + TIME_READ + 2) * 3);
    // The character before the piece (nothing may be glued to a time), the piece, and what a time that
    // starts in it may take after it.
    const h = at === 0 ? 0 : buf.write(text.slice(at - 1, at), 0, 'utf8');
    const n = h + buf.write(text.slice(at, at + PIECE), h, 'utf8');
    const end = n + buf.write(text.slice(at + PIECE, at + PIECE + TIME_READ), n, 'utf8');
    const t = r.timeIn(base, base + end, base + h, base + n, line ? 1 : 0);
    if (!Number.isNaN(t)) return t;
    // Some lines have a time only near their start (see timeFurtherIn).
    if (line && at === 0 && r.timeFurtherIn() === 0) return null;
  }
  return null;
}

/**
 * A time of day alone, `ms` since midnight at an offset (minutes; IN_ZONE: none written), on the local date
 * of the time before it (`before`), or of the day after when that is more than half a day earlier
 * (src/wasm/time-civil.ts clockAfter, the rule's home).
 */
export function clockAfter(before: number, ms: number, offset: number = IN_ZONE, ctx: TimeContext = DEFAULT_CONTEXT): number | null {
  return orNull(reader(ctx).clockAfter(before, ms, offset));
}

/** What numeric dates this thread's reader read as times told of their order since the last call (see FileStat.dateOrders). */
export function dateOrdersTaken(): number {
  // A thread that never read a time here has nothing to tell: no reader is made for it.
  return x === undefined ? 0 : x.dateOrdersTaken();
}

/** After this thread's reader read a line from its start (findTimestampIn): may a later piece of it hold its time (see timeIn in src/wasm/times.ts)? */
export function timeFurtherIn(): boolean {
  return x === undefined || x.timeFurtherIn() !== 0;
}

/**
 * After this thread's reader read a line from its start: is it a stack trace's line under a collector's time,
 * which carries on the record before it when written with it (see recordLine in src/wasm/records.ts)?
 */
export function timeCarried(): boolean {
  // timeIn tells it at once (no line end is needed).
  return x !== undefined && x.lineCarried(0) !== 0;
}

/** With timeCarried: the source written before the line's time, hashed (0: none; see lineSource in src/wasm/times.ts). */
export function timeSource(): number {
  return x === undefined ? 0 : x.lineSourceRead();
}

/**
 * The same as `findTimestamp(buf.toString('utf8', start, end))`, on bytes: only times that start in
 * [from, before) are looked for, the one at the line's start only when from is start (a long line read in
 * pieces: what was looked at before, and what may be cut off at the end of the bytes at hand, TIME_READ
 * bytes, is left out).
 */
export function findTimestampIn(buf: Uint8Array, start: number, end: number, from = start, before = end, ctx: TimeContext = DEFAULT_CONTEXT, line = true): number | null {
  const r = reader(ctx);
  // A byte before `start` (a piece of a line) is kept: no time may be glued to it.
  const s = Math.max(0, Math.min(start, from - 1));
  const mem = room(r, end - s);
  mem.set(buf.subarray(s, end), base);
  const at = (i: number): number => base + Math.max(0, i - s);
  return orNull(r.timeIn(at(Math.max(start, 0)), at(end), at(from), at(Math.min(before, end)), line ? 1 : 0));
}


/**
 * The time held by a structured field, as a whole: a date-time in any form read (a date alone at midnight),
 * or a number — epoch seconds, milliseconds above 10^11, microseconds above 10^14 — also written as digits.
 */
export function timeFromValue(value: unknown, ctx: TimeContext = DEFAULT_CONTEXT): number | null {
  lastDate = false;
  if (typeof value === 'number') return orNull(reader(ctx).epochTime(value));
  if (value !== null && typeof value === 'object') return objectTime(value as Record<string, unknown>, ctx);
  if (typeof value !== 'string') return null;
  // A value longer than VALUE_LONGEST bytes once its blanks are off holds no time, and has at least as many
  // bytes as characters.
  const v = value.replace(EDGE_BLANKS, '');
  if (v.length > VALUE_LONGEST) return null;
  const r = reader(ctx);
  const n = put(r, v);
  const t = orNull(r.valueTime(base, base + n));
  lastDate = t !== null && r.valueWasDate() !== 0;
  return t;
}

let lastDate = false;

/**
 * Does a field's string value hold a time — a value with a date's mark in it (src/wasm/time-values.ts
 * timeHeld, the rule's home: a year, a numeric date, a month's name)?
 */
export function timeHeldIn(value: string): boolean {
  // The time rules play no part: whatever context the reader holds will do.
  const r = reader(current ?? DEFAULT_CONTEXT);
  const n = put(r, value);
  return r.timeHeld(base, base + n) !== 0;
}

/**
 * The time of a date's value and a time of day's read together, as one value (`2026-04-07` and
 * `11:14:02+02:00`), or null: src/wasm/time-values.ts pairTime, the rule's home (the time of day must be one
 * alone: `09:00-10:00` is a range).
 */
export function timeOfPair(date: string, clock: string, ctx: TimeContext = DEFAULT_CONTEXT): number | null {
  lastDate = false;
  const d = date.replace(EDGE_BLANKS, '');
  const c = clock.replace(EDGE_BLANKS, '');
  if (d.length + c.length >= VALUE_LONGEST) return null;
  const r = reader(ctx);
  const n = put(r, d);
  const m = put(r, c, n);
  return orNull(r.pairTime(base, base + n, base + n, base + n + m));
}

/**
 * A time written as a JSON object, read as the value it wraps: MongoDB Extended JSON's `{"$date": …}` (an
 * ISO-8601 string, epoch milliseconds, or `{"$numberLong": "…"}`), log4j2 JsonLayout's `instant`
 * (`{"epochSecond": …, "nanoOfSecond": …}`) and protobuf's Timestamp (`{"seconds": …, "nanos": …}`, as
 * numbers or digits). Any other object is none.
 */
function objectTime(o: Record<string, unknown>, ctx: TimeContext): number | null {
  if (Array.isArray(o)) return null;
  if (Object.prototype.hasOwnProperty.call(o, '$date')) {
    const d = o['$date'];
    const long = d !== null && typeof d === 'object' ? (d as Record<string, unknown>)['$numberLong'] : undefined;
    if (typeof d === 'string') return timeFromValue(d, ctx);
    // A number is milliseconds (1775552400 is in January 1970, no time read): those epoch numbers read as such.
    const ms = typeof d === 'number' ? d : typeof long === 'string' && /^[0-9]{1,17}$/.test(long) ? Number(long) : NaN;
    return ms > EPOCH_MS_ABOVE && ms <= EPOCH_US_ABOVE ? timeFromValue(ms, ctx) : null;
  }
  const [s, n] = Object.prototype.hasOwnProperty.call(o, 'epochSecond') ? [o['epochSecond'], o['nanoOfSecond']] : [o['seconds'], o['nanos']];
  const secs = whole(s);
  const nanos = n === undefined ? 0 : whole(n);
  // Seconds as epoch seconds are (below EPOCH_MS_ABOVE), then the nanoseconds' whole milliseconds.
  if (secs === undefined || secs >= EPOCH_MS_ABOVE || nanos === undefined || nanos >= 1e9) return null;
  const t = timeFromValue(secs, ctx);
  const ms = t === null ? null : t + Math.floor(nanos / 1e6);
  return ms === null || ms > MAX_TIME ? null : ms;
}

/** A whole number of at most 15 digits, as a number or its digits. */
function whole(v: unknown): number | undefined {
  const digits = typeof v === 'number' ? (Number.isInteger(v) && v >= 0 ? String(v) : '') : typeof v === 'string' ? v : '';
  return /^[0-9]{1,15}$/.test(digits) ? Number(digits) : undefined;
}

/** The last timeFromValue read a date alone (midnight): a record's time of day may be in its text (see dayTime). */
export function valueWasDate(): boolean {
  return lastDate;
}

/** `YYYY-MM-DDTHH:mm:ss.sssZ`, or null. */
export function isoOrNull(t: number | null): string | null {
  return t === null ? null : new Date(t).toISOString();
}
