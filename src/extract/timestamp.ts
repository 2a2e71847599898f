/**
 * An ISO-8601 date-time: `T` or a space between date and time, optional seconds and fraction (up to nine
 * digits), `Z` or an offset `±hh:mm` / `±hhmm`; without a zone it is UTC. Not glued to other digits.
 * A match is at most ISO_SPAN characters long, and the lookahead reads one more.
 */
const ISO =
  /(?<![0-9])([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:[.,]([0-9]{1,9}))?)?(?:([Zz])|([+-])([0-9]{2}):?([0-9]{2}))?(?![0-9])/g;
const ISO_AT = new RegExp(ISO.source, 'y');
const ISO_SPAN = 36;
/** Bytes a time is read from: where it starts, its characters and the one after them. */
export const TIME_READ = ISO_SPAN + 1;

const DATE_ONLY = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Epoch milliseconds of the first valid ISO-8601 date-time in a text, or null. */
export function findTimestamp(text: string): number | null {
  ISO.lastIndex = 0;
  for (let m = ISO.exec(text); m !== null; m = ISO.exec(text)) {
    const t = fromParts(m);
    if (t !== null) return t;
    ISO.lastIndex = m.index + 1;
  }
  return null;
}

/**
 * The same as `findTimestamp(buf.toString('utf8', start, end))`, on bytes: every `-` that may be the
 * first dash of a date is tried with the pattern on a short slice, left to right. Only times that start in
 * [from, before) are looked for (a long line read in pieces: what was looked at before, and what may be
 * cut off at the end of the bytes at hand, TIME_READ bytes, is left out).
 */
export function findTimestampIn(buf: Buffer, start: number, end: number, from = start, before = end): number | null {
  const dashes = Math.min(end, before + 4);
  for (let d = dashAt(buf, from + 4, dashes); d !== -1; d = dashAt(buf, d + 1, dashes)) {
    const i = d - 4;
    if (!isDigit(buf[i]!) || !isDigit(buf[i + 1]!) || !isDigit(buf[i + 2]!) || !isDigit(buf[i + 3]!)) continue;
    if (i > start && isDigit(buf[i - 1]!)) continue;
    const quick = parseAt(buf, i, end);
    if (quick !== undefined) {
      if (quick !== null) return quick;
      continue;
    }
    ISO_AT.lastIndex = 0;
    const m = ISO_AT.exec(buf.toString('latin1', i, Math.min(end, i + ISO_SPAN + 1)));
    if (m === null) continue;
    const t = fromParts(m);
    if (t !== null) return t;
  }
  return null;
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/** The next `-` in buf[from, end), or -1; never searching past `end` (a line without one costs its length). */
function dashAt(buf: Buffer, from: number, end: number): number {
  if (from >= end) return -1;
  // Most lines start with their time: the dash is right there.
  if (buf[from] === 0x2d) return from;
  const i = buf.subarray(from, end).indexOf(0x2d);
  return i === -1 ? -1 : from + i;
}

function fromParts(m: RegExpExecArray): number | null {
  const offset = m[9] === undefined ? 0 : (m[9] === '-' ? -1 : 1) * (+m[10]! * 60 + +m[11]!);
  if (m[9] !== undefined && (+m[10]! > 23 || +m[11]! > 59)) return null;
  const frac = m[7] === undefined ? 0 : +m[7].slice(0, 3).padEnd(3, '0');
  const sec = m[6] === undefined ? 0 : +m[6];
  return toEpoch(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, sec, frac, offset);
}

/** Epoch ms of a valid civil UTC time minus an offset in minutes; null for an impossible date or time. */
function toEpoch(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, offsetMin: number): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > DAYS[mo - 1]! || (mo === 2 && d === 29 && !isLeap(y))) return null;
  if (h > 23 || mi > 59 || s > 60) return null;
  // A leap second (:60) is read as :59.
  const sec = s === 60 ? 59 : s;
  return ((daysFromCivil(y, mo, d) * 24 + h) * 60 + mi - offsetMin) * 60_000 + sec * 1000 + ms;
}

let lastDate = -1;
let lastDays = 0;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm): no Date object needed. */
function daysFromCivil(y: number, m: number, d: number): number {
  // Consecutive log lines share their date.
  const key = (y * 100 + m) * 100 + d;
  if (key === lastDate) return lastDays;
  lastDate = key;
  lastDays = civilDays(y, m, d);
  return lastDays;
}

function civilDays(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Value of the two ASCII digits at buf[i], or -1 (also past `end`). */
function two(buf: Buffer, i: number, end: number): number {
  if (i + 2 > end) return -1;
  const a = buf[i]! - 0x30;
  const b = buf[i + 1]! - 0x30;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

const isDigitAt = (buf: Buffer, i: number, end: number): boolean => i < end && buf[i]! >= 0x30 && buf[i]! <= 0x39;

/**
 * The pattern read greedily at buf[i] (the first digit of a year, not preceded by a digit): the time when
 * every optional part is taken as far as it goes and no digit follows — exactly the pattern's first choice
 * — null when the pattern cannot start here; undefined when only the pattern itself can tell (it would
 * backtrack).
 */
/** Where the last successful `parseAt` reading ended. */
let parsedEnd = 0;

// Consecutive lines share the first 16 bytes of their time (`YYYY-MM-DDTHH:MM`): keep the last ones read.
const prefix = new Uint8Array(16);
let prefixMinute = 0; // epoch minutes of `prefix`, before any offset; -1 when it is not a valid time
let prefixValid = false;

function parseAt(buf: Buffer, i: number, end: number): number | null | undefined {
  if (i + 16 > end) return undefined;
  let same = prefixValid;
  for (let k = 0; same && k < 16; k++) same = buf[i + k] === prefix[k];
  let minute: number;
  if (same) minute = prefixMinute;
  else {
    const y1 = two(buf, i, end);
    const y2 = two(buf, i + 2, end);
    const mo = two(buf, i + 5, end);
    const d = two(buf, i + 8, end);
    const sep = buf[i + 10];
    const h = two(buf, i + 11, end);
    const mi = two(buf, i + 14, end);
    if (y1 < 0 || y2 < 0 || buf[i + 4] !== 0x2d || mo < 0 || buf[i + 7] !== 0x2d || d < 0) return null;
    if ((sep !== 0x54 && sep !== 0x74 && sep !== 0x20) || h < 0 || buf[i + 13] !== 0x3a || mi < 0) return null;
    const valid = validDate(y1 * 100 + y2, mo, d) && h <= 23 && mi <= 59;
    minute = valid ? (daysFromCivil(y1 * 100 + y2, mo, d) * 24 + h) * 60 + mi : -1;
    for (let k = 0; k < 16; k++) prefix[k] = buf[i + k]!;
    prefixMinute = minute;
    prefixValid = true;
  }
  let j = i + 16;
  let s = 0;
  let ms = 0;
  if (j < end && buf[j] === 0x3a) {
    const ss = two(buf, j + 1, end);
    if (ss >= 0) {
      s = ss;
      j += 3;
      const c = j < end ? buf[j] : -1;
      if ((c === 0x2e || c === 0x2c) && isDigitAt(buf, j + 1, end)) {
        let k = j + 1;
        while (k < end && k - j <= 9 && isDigitAt(buf, k, end)) {
          if (k - j <= 3) ms = ms * 10 + (buf[k]! - 0x30);
          k++;
        }
        for (let n = k - j - 1; n < 3; n++) ms *= 10;
        j = k;
      }
    }
  }
  let offset = 0;
  const z = j < end ? buf[j] : -1;
  if (z === 0x5a || z === 0x7a) j++;
  else if (z === 0x2b || z === 0x2d) {
    const oh = two(buf, j + 1, end);
    const colon = j + 3 < end && buf[j + 3] === 0x3a;
    const om = two(buf, j + (colon ? 4 : 3), end);
    if (oh >= 0 && om >= 0) {
      if (oh > 23 || om > 59) return undefined;
      offset = (z === 0x2d ? -1 : 1) * (oh * 60 + om);
      j += colon ? 6 : 5;
    }
  }
  if (isDigitAt(buf, j, end)) return undefined;
  parsedEnd = j;
  // The pattern's first choice is this very reading: an impossible date or time is null for it too.
  if (minute < 0 || s > 60) return null;
  return (minute - offset) * 60_000 + (s === 60 ? 59 : s) * 1000 + ms;
}

function validDate(y: number, mo: number, d: number): boolean {
  return mo >= 1 && mo <= 12 && d >= 1 && d <= DAYS[mo - 1]! && !(mo === 2 && d === 29 && !isLeap(y));
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** The range of times a field may hold (epoch ms), and the number above which a field's epoch is in ms, not s. */
export const MIN_TIME = Date.UTC(1000, 0, 1);
export const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
export const EPOCH_MS_ABOVE = 1e11;

/**
 * The time held by a structured field: an ISO-8601 string (a date-time, or a date at midnight UTC),
 * or a number — epoch seconds, or milliseconds when above 10^11 — also when written as a digit string.
 */
export function timeFromValue(value: unknown): number | null {
  let n: number | undefined;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string') {
    const s = value.trim();
    if (/^[0-9]+(?:\.[0-9]+)?$/.test(s)) n = Number(s);
    else {
      const date = DATE_ONLY.exec(s);
      if (date !== null) return findTimestamp(`${s}T00:00:00Z`);
      ISO.lastIndex = 0;
      const m = ISO.exec(s);
      // The whole value must be the date-time, not merely contain one.
      return m !== null && m.index === 0 && m[0].length === s.length ? fromParts(m) : null;
    }
  }
  if (n === undefined || !Number.isFinite(n) || n < 0) return null;
  const t = Math.floor(n > EPOCH_MS_ABOVE ? n : n * 1000);
  return t >= MIN_TIME && t <= MAX_TIME ? t : null;
}

/**
 * The same as `timeFromValue(buf.toString('utf8', s, e))` for a string field's bytes, without making the
 * string when the value is a plain ISO-8601 date-time (the common case).
 */
export function timeFromBytes(buf: Buffer, s: number, e: number): number | null {
  if (e - s >= 16 && buf[s]! >= 0x30 && buf[s]! <= 0x39 && buf[s + 4] === 0x2d) {
    const t = parseAt(buf, s, e);
    // The whole value is one date-time (the pattern reads exactly this far at the start), or it is none.
    if (t !== undefined) return t !== null && parsedEnd === e ? t : null;
  }
  return timeFromValue(buf.toString('utf8', s, e));
}

/** `YYYY-MM-DDTHH:mm:ss.sssZ`, or null. */
export function isoOrNull(t: number | null): string | null {
  return t === null ? null : new Date(t).toISOString();
}
