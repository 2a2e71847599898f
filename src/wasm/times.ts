// Times: the one reading of every time form (src/extract/time-rules.ts has the caller's side). ISO-8601 is
// read here, exactly as the pattern test/support/iso-oracle.ts states it; the other forms are in
// time-forms.ts and the --time-format pattern in time-format.ts. A line's own time is the first form at its
// start, else the first one at a cheap anchor further in (the dash of an ISO date, a `[`); a field's time
// is its whole value.
import { byteAt, isAlnum, isBlank, isDigit, isWord } from './bytes';
import { EPOCH_FROM, EPOCH_MS_ABOVE, EPOCH_NS_ABOVE, EPOCH_US_ABOVE, MAX_TIME, MIN_TIME, VALUE_LONGEST } from './generated';
import { civil, daysFromCivil, formatLength, IN_ZONE, validCivil, zoned } from './time-civil';
import { formatAt, formatEnd } from './time-format';
import { epochLineAt, formAt, formEnd, orderSeenTaken } from './time-forms';
import { gluedZone, meridiem, meridiemDotted, numEnd, offset, zoneNameAt } from './time-parts';
import { setLoose } from './time-flags';
import { afterRfc3339, headAt, mayTrace, sourcedTimeAt, startOnly, traceAfterTime, wordEnd } from './line-heads';
import { sourceKey, streamKey } from './line-sources';

/** Value of the two ASCII digits at i, or -1 (also past e). */
@inline export function two(i: usize, e: usize): i32 {
  if (i + 2 > e) return -1;
  const a = <i32>load<u8>(i) - 0x30;
  const b = <i32>load<u8>(i + 1) - 0x30;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

@inline function digitAt(i: usize, e: usize): bool {
  return i < e && isDigit(load<u8>(i));
}

// Where the last reading that found a time ended.
export let parsedEnd: usize = 0;

// The first 16 bytes (date, hour, minute) isoAt read last with a date-time shape, and what they gave:
// whether they are a real date and minute, and that minute since the epoch in local time.
let minuteLo: u64 = 0;
let minuteHi: u64 = 0;
let minuteValid: bool = false;
let minuteOf: i64 = 0;

/** The ISO time that ends at j with its parts; NaN when the date or time is not real. */
@inline function isoTime(j: usize, s: i32, ms: i32, offset: i32, hours: i32 = 0): f64 {
  if (!minuteValid || s > 60) return NaN;
  parsedEnd = j;
  const local: i64 = (minuteOf + <i64>hours * 60) * 60000 + <i64>(s == 60 ? 59 : s) * 1000 + <i64>ms;
  return offset == IN_ZONE ? zoned(<f64>local) : <f64>(local - <i64>offset * 60000);
}

/**
 * The eight bytes `:SS.mmmZ` (seconds 00-59) as milliseconds into the minute, or -1 for any other bytes:
 * `:` `.` `Z` in place and five digits, tested together.
 */
@inline function secondsMsZ(w: u64): i32 {
  if ((w & 0xff000000ff0000ff) != 0x5a0000002e00003a) return -1;
  const x = (w ^ 0x3030303030303030) & 0x00ffffff00ffff00;
  // Each digit byte is now 0-9: no high nibble, and none after adding 6.
  if ((x & 0xf0f0f0f0f0f0f0f0) != 0 || ((x + 0x0606060606060606) & 0x00f0f0f000f0f000) != 0) return -1;
  // Each digit times ten plus the next one, in every byte at once (at most 99: no carry): the seconds in byte
  // 1, the first two digits of the milliseconds in byte 4.
  const pairs = x * 10 + (x >> 8);
  const s = <i32>((pairs >> 8) & 0xff);
  if (s > 59) return -1;
  return s * 1000 + <i32>((pairs >> 32) & 0xff) * 10 + <i32>((x >> 48) & 0xff);
}

/**
 * The ISO-8601 date-time at i (the first digit of a year; the caller checks no digit is before it), as the
 * pattern reads it: `YYYY-MM-DD`, `T`, `t` or a space, `HH:MM`, optional `:SS` with an optional fraction
 * (`.` or `,`, 1 to 9 digits), optional `Z` or `±hh[:]mm`, no digit after. Where an optional part taken
 * would leave a digit after, the pattern goes back and leaves it out: so does this. Epoch ms, NaN for none
 * (also when the first reading the pattern finds is not a real date, time or offset).
 */
@inline export function isoAt(i: usize, e: usize): f64 {
  // Most lines go on from the minute the line before had with `:SS.mmmZ` and no digit after: read at once,
  // as isoRead's choices would read them.
  if (i + 24 <= e && load<u64>(i) == minuteLo && load<u64>(i, 8) == minuteHi && (i + 24 == e || !isDigit(load<u8>(i + 24)))) {
    const t = secondsMsZ(load<u64>(i, 16));
    if (t >= 0) {
      if (!minuteValid) return NaN;
      parsedEnd = i + 24;
      return <f64>(minuteOf * 60000 + <i64>t);
    }
  }
  return isoRead(i, e);
}

/** isoAt's whole reading. */
function isoRead(i: usize, e: usize): f64 {
  if (i + 16 > e) return NaN;
  // Lines in a row mostly share their date, hour and minute: the last ones read are kept.
  const lo = load<u64>(i);
  const hi = load<u64>(i, 8);
  if (lo != minuteLo || hi != minuteHi) {
    const y1 = two(i, e);
    const y2 = two(i + 2, e);
    const mo = two(i + 5, e);
    const d = two(i + 8, e);
    const sep = <u32>load<u8>(i + 10);
    const h = two(i + 11, e);
    const mi = two(i + 14, e);
    if (y1 < 0 || y2 < 0 || load<u8>(i + 4) != 0x2d || mo < 0 || load<u8>(i + 7) != 0x2d || d < 0) return NaN;
    // A tab too: CloudFront's W3C log and TSV exports hold the date and the time in columns side by side.
    if ((sep != 0x54 && sep != 0x74 && sep != 0x20 && sep != 0x09) || h < 0 || load<u8>(i + 13) != 0x3a || mi < 0) return NaN;
    const y = y1 * 100 + y2;
    minuteValid = validCivil(y, mo, d, h, mi, 0);
    minuteOf = minuteValid ? (daysFromCivil(y, mo, d) * 24 + <i64>h) * 60 + <i64>mi : 0;
    minuteLo = lo;
    minuteHi = hi;
  }
  const j0 = i + 16;
  const ss = j0 < e && load<u8>(j0) == 0x3a ? two(j0 + 1, e) : -1;
  // The fraction after the seconds: up to nine digits, the first three are the milliseconds.
  let fracEnd: usize = 0;
  let fracMs = 0;
  if (ss >= 0) {
    const f = j0 + 3;
    const c = f < e ? <u32>load<u8>(f) : 0;
    if ((c == 0x2e || c == 0x2c) && digitAt(f + 1, e)) {
      let k = f + 1;
      while (k < e && k - f <= 9 && isDigit(load<u8>(k))) {
        if (k - f <= 3) fracMs = fracMs * 10 + (<i32>load<u8>(k) - 0x30);
        k++;
      }
      for (let n = <i32>(k - f - 1); n < 3; n++) fracMs *= 10;
      fracEnd = k;
    }
  }
  // The pattern's choices in its order: seconds before none, the fraction before none, then the zone.
  for (let withSec = ss >= 0 ? 1 : 0; withSec >= 0; withSec--) {
    for (let withFrac = withSec == 1 && fracEnd != 0 ? 1 : 0; withFrac >= 0; withFrac--) {
      const j = withFrac == 1 ? fracEnd : withSec == 1 ? j0 + 3 : j0;
      const s = withSec == 1 ? ss : 0;
      const ms = withFrac == 1 ? fracMs : 0;
      const z = j < e ? <u32>load<u8>(j) : 0;
      if ((z == 0x5a || z == 0x7a) && !digitAt(j + 1, e)) return isoTime(j + 1, s, ms, 0);
      // A numeric offset may follow a space (Go's and Ruby's `2026-04-07 02:14:02 -0700`, Serilog's `+02:00`).
      const k = z == 0x20 && j + 1 < e && (load<u8>(j + 1) == 0x2b || load<u8>(j + 1) == 0x2d) ? j + 1 : j;
      const sign = k < e ? <u32>load<u8>(k) : 0;
      // Only a real offset (gluedZone: `09:00-17:00` is an hour's range), the hours alone too (PostgreSQL's
      // `11:14:02.113+02` for a zone on the hour); after a space, one that ends there (not `-2026-…`, a date;
      // not `+1234 bytes`), its hours alone where PostgreSQL's log line has them (`%m` in a zone whose
      // abbreviation is numeric: `08:14:02.113 -03 [4121]`, its csvlog's `-03,`; not `+12 rows`). Else the time
      // is read without one.
      if ((sign == 0x2b || sign == 0x2d) && gluedZone(k, e)) {
        const end = numEnd;
        if (k == j || (end == k + 3 ? hoursAloneEnd(end, e) : end >= e || offsetEnd(<u32>load<u8>(end)))) return isoTime(end, s, ms, offset);
      }
      if (!digitAt(j, e)) {
        // A zone's name after a blank: BigQuery's and PostgreSQL's `2026-04-07 09:14:02.113 UTC`, `… CEST`.
        if (z == 0x20 && zoneNameAt(j + 1, e) && !isWord(byteAt(numEnd, e))) return isoTime(numEnd, s, ms, offset);
        // A 12-hour clock (log4net's `yyyy-MM-dd hh:mm:ss tt`): ` PM` after 09:14:02 makes it 21:14:02.
        const h = <i32>((minuteOf / 60) % 24);
        const h24 = meridiem(j, e, h);
        // In capitals or with dots, nothing glued after it: `PM2 log:` (pm2's) or `am I right` is no meridiem.
        const upper = numEnd > j && ((load<u8>(numEnd - 1) == 0x4d && (load<u8>(numEnd - 2) == 0x41 || load<u8>(numEnd - 2) == 0x50)) || meridiemDotted());
        return upper && h24 >= 0 && (numEnd >= e || !isAlnum(load<u8>(numEnd))) ? isoTime(numEnd, s, ms, IN_ZONE, h24 - h) : isoTime(j, s, ms, IN_ZONE);
      }
    }
  }
  return NaN;
}

/** What may follow the hours alone of an offset written after a space: the end, `]`, `)`, `"`, `,`, or a blank and `[`. */
@inline function hoursAloneEnd(p: usize, e: usize): bool {
  if (p >= e) return true;
  const c = <u32>load<u8>(p);
  return c == 0x5d || c == 0x29 || c == 0x22 || c == 0x2c || ((c == 0x20 || c == 0x09) && p + 1 < e && load<u8>(p + 1) == 0x5b);
}

/** A byte that may follow an offset written after a space: a blank, `]`, `)`, `"` or `,`. */
@inline function offsetEnd(c: u32): bool {
  return c == 0x20 || c == 0x09 || c == 0x5d || c == 0x29 || c == 0x22 || c == 0x2c;
}

/** An ISO date-time at i, when four digits (no digit before them, from s on) and a dash are there. */
@inline function isoHere(i: usize, s: usize, e: usize): f64 {
  if (!isDigit(load<u8>(i)) || !isDigit(load<u8>(i + 1)) || !isDigit(load<u8>(i + 2)) || !isDigit(load<u8>(i + 3))) return NaN;
  if (i > s && isDigit(load<u8>(i - 1))) return NaN;
  return isoAt(i, e);
}

/** Any form at i (the pattern first), ISO included; NaN for none. Sets parsedEnd. */
export function anyAt(i: usize, e: usize, field: bool): f64 {
  if (formatLength() > 0) {
    const t = formatAt(i, e);
    if (!isNaN(t)) {
      parsedEnd = formatEnd;
      return t;
    }
  }
  if (i + 4 < e && load<u8>(i + 4) == 0x2d) {
    const t = isoAt(i, e);
    // A field's value is read whole: one ISO-8601 reads only part of may be another form (`… 09:14:02 PM`:
    // AM or PM alone after it; meridiem gives -1 for an hour of 13 with one).
    if (!isNaN(t) && (!field || parsedEnd == e || meridiem(parsedEnd, e, 13) >= 0 || numEnd != e)) return t;
  }
  const t = formAt(i, e, field);
  if (!isNaN(t)) parsedEnd = formEnd;
  return t;
}

/**
 * The own time of the text [s, e): the time at its start (after blanks and one `[`, `(`, `"` or `<`), else
 * the first one from `from` on that starts before `before` at an anchor: four digits and the dash of an ISO
 * date, or any form after `[` (and, with a pattern, the pattern after any non-letter, non-digit byte). Epoch
 * ms; NaN for none. A plain-text `line` whose time may only be at its start (startOnly) has none further in
 * than right after its first word.
 * `from` is s only at the line's start: a caller reading a long line in pieces asks timeFurtherIn after its first.
 */
export function timeIn(s: usize, e: usize, from: usize, before: usize, line: bool): f64 {
  orderSeenTaken();
  furtherIn = true;
  carried = false;
  startTimeEnd = 0;
  return taken(lineOrText(s, e, from, before, line));
}

/** Set by timeIn: false when the line it read from its start has no time further in (startOnly): its later pieces hold none. */
let furtherIn: bool = true;

/**
 * Set by lineTime and timeIn: the line read from its start is a stack trace's line under a collector's time
 * (traceAfterTime): it carries on the record before it when that record's time is within a second of its
 * own (src/wasm/records.ts recordLine).
 */
export let carried: bool = false;

/** Set with carried: the source before the line's time (sourcedTimeAt), hashed; 0: none. A trace's line carries on only its own source's record (records.ts). */
export let lineSource: u32 = 0;

/** Set by lineTime: where the time at the line's very start that its fast path read ends (carried then waits for lineCarries). */
export let startTimeEnd: usize = 0;

/**
 * Is the line that ends at e, whose time lineTime read, a stack trace's line under a collector's time (see
 * carried)? Asked only of a line that could carry on its record: a time at its very start read by lineTime's
 * fast path is looked at here, not on every line.
 */
@inline export function lineCarries(e: usize): bool {
  return carried || (startTimeEnd != 0 && mayTrace(startTimeEnd, e) && traceAfterTime(startTimeEnd, e));
}

/** lineCarries, for a caller that reads lines itself (e: the end of the line lineTime or timeIn read last). */
export function lineCarried(e: usize): bool {
  return lineCarries(e);
}

export function timeFurtherIn(): bool {
  return furtherIn;
}

/** What numeric dates read as times told of their order since the last call: DATE_ORDER_OTHER and DATE_ORDER_EITHER bits (see FileStat.dateOrders). */
export function dateOrdersTaken(): i32 {
  const d = dateOrders;
  dateOrders = 0;
  return d;
}
let dateOrders: i32 = 0;

/** A time read (NaN: none): what its numeric date, if any, told of its order is kept. */
@inline export function taken(t: f64): f64 {
  const o = orderSeenTaken();
  if (!isNaN(t)) dateOrders |= o;
  return t;
}

/** timeIn's reading. */
function lineOrText(s: usize, e: usize, from: usize, before: usize, line: bool): f64 {
  if (from == s) {
    lineSource = 0;
    let t = timeAfterBlanks(s, e, before);
    if (isNaN(t)) {
      const h = headAt(s, e);
      if (h < before && !isNaN((t = epochLineAt(h, e)))) parsedEnd = formEnd;
    }
    if (!isNaN(t)) {
      const head = line && headAt(s, e) == s;
      carried = head && traceAfterTime(parsedEnd, e);
      if (head) lineSource = streamKey(parsedEnd, e);
      startTimeEnd = 0;
      return t;
    }
    // A collector's source before its time (sourcedTimeAt): a trace's line after them carries on its source's record.
    const src = line ? sourcedTimeAt(s, e) : s;
    if (src != s && src < before && !isNaN((t = timeAfterBlanks(src, e, before)))) {
      carried = traceAfterTime(afterRfc3339(src, e), e);
      lineSource = sourceKey(s, src);
      return t;
    }
    // Right after its first word: Jenkins' `09:14:02  2026-04-07 09:14:02,113 …`, a cron wrapper's `Error: 2026-…`.
    if (line && startOnly(s, e)) {
      furtherIn = false;
      return timeAfterBlanks(wordEnd(s, e), e, before);
    }
  }
  const last = before + 4 < e ? before + 4 : e;
  // From the byte before `from`: a `[` there opens a time that starts at `from`.
  let d = from > s ? from - 1 : from;
  if (formatLength() > 0) return patternIn(s, e, d, from, before, last);
  while (true) {
    d = nextAnchor(d, last);
    if (d >= last) return NaN;
    const t = anchorAt(d, s, e, from, before);
    if (!isNaN(t)) return t;
    d++;
  }
  return NaN;
}

/** The time at p after blanks and one `[`, `(`, `"` or `<` or a syslog priority (see headAt; starting before `before`), or NaN. */
function timeAfterBlanks(p: usize, e: usize, before: usize): f64 {
  const h = headAt(p, e);
  if (h >= before) return NaN;
  // After blanks (an indented line, a time after a line's first word), not the forms a mention may take.
  setLoose(h == p || !isBlank(load<u8>(p)));
  const t = anyAt(h, e, false);
  setLoose(true);
  return t;
}

/** The next `-` or `[` in [i, e), or e: 16 bytes at a time (most of a line holds neither). */
@inline function nextAnchor(i: usize, e: usize): usize {
  const dash = i8x16.splat(0x2d);
  const open = i8x16.splat(0x5b);
  while (i + 16 <= e) {
    const v = v128.load(i);
    const bits = i8x16.bitmask(v128.or(i8x16.eq(v, dash), i8x16.eq(v, open)));
    if (bits != 0) return i + <usize>ctz<i32>(bits);
    i += 16;
  }
  while (i < e && load<u8>(i) != 0x2d && load<u8>(i) != 0x5b) i++;
  return i;
}

/** The time at the anchor d (a `-` or a `[`) that starts in [from, before); NaN for none. */
function anchorAt(d: usize, s: usize, e: usize, from: usize, before: usize): f64 {
  if (load<u8>(d) == 0x2d) return d >= from + 4 && d - 4 < before ? isoHere(d - 4, s, e) : NaN;
  if (d + 1 < from || d + 1 >= before) return NaN;
  // Further in, not the forms a message's mention may take (see setLoose).
  setLoose(false);
  const t = anyAt(d + 1, e, false);
  setLoose(true);
  return t;
}

/** timeIn's search with a --time-format pattern: the anchors, and the pattern after any non-letter, non-digit byte. */
function patternIn(s: usize, e: usize, d: usize, from: usize, before: usize, last: usize): f64 {
  for (; d < last; d++) {
    const c = load<u8>(d);
    if (c == 0x2d || c == 0x5b) {
      const t = anchorAt(d, s, e, from, before);
      if (!isNaN(t)) return t;
    } else if (d >= from && d < before && (d == s || !isAlnum(load<u8>(d - 1)))) {
      const t = formatAt(d, e);
      if (!isNaN(t)) {
        parsedEnd = formatEnd;
        return t;
      }
    }
  }
  return NaN;
}

/** The own time of a record's text [s, e) (a CSV row's, a JSON line's): see timeIn. */
export function timeOf(s: usize, e: usize): f64 {
  const t = isoFirst(s, e);
  return isNaN(t) ? timeIn(s, e, s, e, false) : t;
}

/** The own time of a plain-text line [s, e): see timeIn. */
export function lineTimeOf(s: usize, e: usize): f64 {
  return lineTime(s, e);
}

/** lineTimeOf, for the kernel's own line loops. */
@inline export function lineTime(s: usize, e: usize): f64 {
  // Most lines start with an ISO date-time, which timeIn would read first.
  const t = isoFirst(s, e);
  if (isNaN(t)) return timeIn(s, e, s, e, true);
  carried = false;
  lineSource = streamKey(parsedEnd, e);
  startTimeEnd = parsedEnd;
  return t;
}

/**
 * isoAt at s when an ISO date-time is what a line's or a value's reading would try first there (no
 * --time-format pattern, room for one, its year's dash in place); NaN otherwise, or when isoAt finds none.
 */
@inline export function isoFirst(s: usize, e: usize): f64 {
  return formatLength() == 0 && s + 16 <= e && load<u8>(s + 4) == 0x2d ? isoAt(s, e) : NaN;
}

/** Epoch ms of a number of epoch seconds, milliseconds (above EPOCH_MS_ABOVE), microseconds (above EPOCH_US_ABOVE) or nanoseconds (above EPOCH_NS_ABOVE); NaN when out of range. */
export function epochTime(n: f64): f64 {
  if (!isFinite(n) || n < 0) return NaN;
  // Nanoseconds are past a double's exact integers: to the nearest microsecond first (exact), then down.
  const t = Math.floor(n > <f64>EPOCH_NS_ABOVE ? Math.round(n / 1000) / 1000 : n > <f64>EPOCH_US_ABOVE ? n / 1000 : n > <f64>EPOCH_MS_ABOVE ? n : n * 1000);
  return t >= <f64>EPOCH_FROM && t <= <f64>MAX_TIME ? t : NaN;
}

