// The oracle for the kernel's ISO-8601 reading (src/wasm/times.ts): the pattern mxscan read times with
// before the kernel became the one implementation, kept here for differential tests only. UTC for a
// time without a zone; epoch seconds, or milliseconds above 10^11, for numbers.
import { afterFirstWord, startOnly } from './line-heads.js';

/**
 * An ISO-8601 date-time: `T`, a space or a tab between date and time, optional seconds and fraction (up to nine
 * digits), `Z` or an offset `±hh:mm` / `±hhmm` (or `±hh` glued to the time) that zones have — up to 14 hours, 0, 30 or 45 minutes — (after
 * a space too, when a blank, `]`, `)`, `"`, `,` or the end follows it; without its minutes when `]`, `)`, `"`,
 * `,`, the end or a blank and `[` do), a zone's name after a blank (`UTC`,
 * `GMT`, `UT`, `Z` in any case, an abbreviation in capitals: `CEST`), or AM/PM in capitals, nothing glued
 * after it (a 12-hour clock, for hours 1 to 12); not glued to other digits.
 */
const ISO =
  /(?<![0-9])([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt \t]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:[.,]([0-9]{1,9}))?)?(?:([Zz])|([+-])(0[0-9]|1[0-4])(?::?(00|30|45)|(?![0-9:]))| ([+-])(0[0-9]|1[0-4])(?::?(00|30|45)(?=$|[ \t\]),"])|(?=$|[\]),"]|[ \t]\[))| ((?:[Uu][Tt][Cc]?|[Gg][Mm][Tt]|[Zz]|WET|CET|CEST|MET|MEST|EET|EEST|MSK|EST|EDT|CDT|MST|MDT|PST|PDT|AKST|AKDT|HST|NST|NDT|ADT|SAST|WIB|HKT|SGT|AWST|JST|KST|ACST|ACDT|AEST|AEDT|NZST|NZDT)(?![A-Za-z0-9_]))| ?([AP]M)(?![A-Za-z0-9]))?(?![0-9])/g;
// A zone's abbreviation after a blank: its offset in minutes (written out again: the engine's table is
// src/extract/time-names.ts ZONE_ABBREVIATIONS).
const ABBREVIATIONS: Record<string, number> = {
  WET: 0, CET: 60, CEST: 120, MET: 60, MEST: 120, EET: 120, EEST: 180, MSK: 180, EST: -300, EDT: -240, CDT: -300, MST: -420,
  MDT: -360, PST: -480, PDT: -420, AKST: -540, AKDT: -480, HST: -600, NST: -210, NDT: -150, ADT: -180, SAST: 120, WIB: 420,
  HKT: 480, SGT: 480, AWST: 480, JST: 540, KST: 540, ACST: 570, ACDT: 630, AEST: 600, AEDT: 660, NZST: 720, NZDT: 780,
};
const DATE_ONLY = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Epoch ms of the first valid ISO-8601 date-time in a text, or null. */
export function oracleFindTimestamp(text: string): number | null {
  ISO.lastIndex = 0;
  for (let m = ISO.exec(text); m !== null; m = ISO.exec(text)) {
    const t = fromParts(m);
    if (t !== null) return t;
    ISO.lastIndex = m.index + 1;
  }
  return null;
}

/**
 * The own time of a line of ISO-8601 times: the first valid one, but on a line that only has one at its
 * start (see startOnly: an exception's head, a clock …), only one there (after blanks and one `[`, `(`,
 * `"` or `<`), or one right after its first word.
 */
export function oracleLineTime(text: string): number | null {
  if (!startOnly(text)) return oracleFindTimestamp(text);
  const at = (i: number): number | null => {
    ISO.lastIndex = i;
    const m = ISO.exec(text);
    return m !== null && m.index === i ? fromParts(m) : null;
  };
  const head = at(/^[ \t]*(?:<[0-9]{1,3}>|["(<[])?/.exec(text)![0].length);
  if (head !== null) return head;
  const word = afterFirstWord(text);
  // Past a word that ends the line, nothing is left to read.
  return word < text.length ? at(word) : null;
}

/** The time of a field value: a whole ISO date-time or date (midnight UTC), or epoch seconds / milliseconds. */
export function oracleTimeFromValue(value: unknown): number | null {
  let n: number | undefined;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string') {
    const s = value.trim();
    if (/^[0-9]+(?:\.[0-9]+)?$/.test(s)) n = Number(s);
    else {
      if (DATE_ONLY.test(s)) return oracleFindTimestamp(`${s}T00:00:00Z`);
      ISO.lastIndex = 0;
      const m = ISO.exec(s);
      return m !== null && m.index === 0 && m[0].length === s.length ? fromParts(m) : null;
    }
  }
  if (n === undefined || !Number.isFinite(n) || n < 0) return null;
  const t = Math.floor(n > 1e17 ? Math.round(n / 1000) / 1000 : n > 1e14 ? n / 1000 : n > 1e11 ? n : n * 1000);
  // From 10⁹ seconds on (2001-09-09): a smaller number is a duration or a count.
  return t >= 1e12 && t <= Date.UTC(9999, 11, 31, 23, 59, 59, 999) ? t : null;
}

function fromParts(m: RegExpExecArray): number | null {
  const [sign, oh, om] = m[9] !== undefined ? [m[9], +m[10]!, +(m[11] ?? 0)] : [m[12], +m[13]!, +(m[14] ?? 0)];
  const offset = sign === undefined ? (m[15] === undefined ? 0 : (ABBREVIATIONS[m[15]] ?? 0)) : (sign === '-' ? -1 : 1) * (oh * 60 + om);
  if (sign !== undefined && (oh > 23 || om > 59)) return null;
  const frac = m[7] === undefined ? 0 : +m[7].slice(0, 3).padEnd(3, '0');
  const sec = m[6] === undefined ? 0 : +m[6];
  const [y, mo, d, h0, mi] = [+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!];
  // AM or PM after it: a 12-hour clock, for hours 1 to 12.
  const h = m[16] !== undefined && h0 >= 1 && h0 <= 12 ? (h0 % 12) + (/^p/i.test(m[16]) ? 12 : 0) : h0;
  if (mo < 1 || mo > 12 || d < 1 || d > DAYS[mo - 1]! || (mo === 2 && d === 29 && !isLeap(y))) return null;
  if (h > 23 || mi > 59 || sec > 60) return null;
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, sec === 60 ? 59 : sec, frac);
  return date.getTime() - offset * 60_000;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}
