/**
 * An ISO-8601 date-time: `T` or a space between date and time, optional seconds and fraction,
 * `Z` or an offset `±hh:mm` / `±hhmm`; without a zone it is UTC. Not glued to other digits.
 */
const ISO =
  /(?<![0-9])([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:[.,]([0-9]+))?)?(?:([Zz])|([+-])([0-9]{2}):?([0-9]{2}))?(?![0-9])/g;

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

function fromParts(m: RegExpExecArray): number | null {
  const year = +m[1]!;
  const month = +m[2]!;
  const day = +m[3]!;
  const hour = +m[4]!;
  const minute = +m[5]!;
  const second = m[6] === undefined ? 0 : +m[6];
  const ms = m[7] === undefined ? 0 : +m[7].slice(0, 3).padEnd(3, '0');
  if (month < 1 || month > 12 || day < 1 || day > DAYS[month - 1]!) return null;
  if (month === 2 && day === 29 && !isLeap(year)) return null;
  if (hour > 23 || minute > 59 || second > 60) return null;
  let offset = 0;
  if (m[9] !== undefined) {
    const oh = +m[10]!;
    const om = +m[11]!;
    if (oh > 23 || om > 59) return null;
    offset = (m[9] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  const d = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  d.setUTCFullYear(year, month - 1, day);
  // A leap second (:60) is read as the last millisecond-exact second before it.
  d.setUTCHours(hour, minute, Math.min(second, 59), ms);
  return d.getTime() - offset;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MIN_TIME = Date.UTC(1000, 0, 1);
const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

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
  const t = Math.floor(n > 1e11 ? n : n * 1000);
  return t >= MIN_TIME && t <= MAX_TIME ? t : null;
}

/** `YYYY-MM-DDTHH:mm:ss.sssZ`, or null. */
export function isoOrNull(t: number | null): string | null {
  return t === null ? null : new Date(t).toISOString();
}
