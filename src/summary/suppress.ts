import { unknownKey } from '../catalog/nearest.js';
import { ScanError } from '../errors.js';

/** A code accepted as known noise until a date, with the reason why. */
export interface Suppression {
  readonly code: string;
  readonly reason: string;
  /** ISO date or date-time after which it no longer applies; null: it does not expire. */
  readonly expires: string | null;
}

/** Parses a suppressions file: a JSON array of `{ code, reason, expires }`; a missing reason is an error. */
export function parseSuppressions(text: string, source: string): Suppression[] {
  const fail = (why: string): never => {
    throw new ScanError('BAD_SUPPRESSIONS', `bad suppressions file ${source}: ${why}`);
  };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return fail(`not valid JSON (${(err as Error).message.split('\n')[0]})`);
  }
  if (!Array.isArray(data)) return fail('expected a JSON array of { "code", "reason", "expires" }');
  const seen = new Set<string>();
  return data.map((item: unknown, i) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return fail(`entry ${i}: expected an object`);
    const o = item as Record<string, unknown>;
    const own = (k: string): unknown => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);
    // A misspelt key (`expiry`) would leave a suppression that never ends, without a word.
    for (const k of Object.keys(o)) if (!KEYS.includes(k)) fail(`entry ${i}: ${unknownKey(k, KEYS, ` (the keys are ${KEYS.join(', ')})`)}`);
    const code = own('code');
    if (typeof code !== 'string' || code.trim() === '') return fail(`entry ${i}, field "code": expected a non-empty string`);
    const reason = own('reason');
    if (typeof reason !== 'string' || reason.trim() === '') return fail(`entry ${i}, field "reason": a suppression needs a reason`);
    const expires = own('expires');
    if (expires !== undefined && expires !== null && (typeof expires !== 'string' || Number.isNaN(expiryTime(expires)))) {
      return fail(`entry ${i}, field "expires": expected an ISO-8601 date such as 2026-12-31, or a date and time such as 2026-12-31T18:00Z (UTC without a zone), got ${JSON.stringify(expires)}`);
    }
    const key = code.trim().toLowerCase();
    if (seen.has(key)) fail(`entry ${i}, field "code": ${code} is suppressed twice`);
    seen.add(key);
    return { code: code.trim(), reason: reason.trim(), expires: typeof expires === 'string' ? expires : null };
  });
}

const KEYS = ['code', 'reason', 'expires'];

/** An ISO-8601 date, or a date and a time of day with or without a zone. */
const EXPIRES = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * The instant a suppression stops applying: the end of its day (UTC) for a date, the instant for a date and
 * time, in UTC when it names no zone (as mxscan reads every time without one by default: the same on a
 * laptop and on a runner); NaN for anything else, a day the calendar does not have (2026-02-31) included.
 */
export function expiryTime(expires: string): number {
  const m = EXPIRES.exec(expires.trim());
  if (m === null) return NaN;
  const [, y, mo, d, h, mi, sec, zone] = m;
  const day = Date.UTC(Number(y), Number(mo) - 1, Number(d));
  if (new Date(day).getUTCDate() !== Number(d) || Number(mo) < 1 || Number(mo) > 12) return NaN;
  if (h === undefined) return day + 86_400_000 - 1;
  if (Number(h) > 23 || Number(mi) > 59 || Number(sec ?? 0) > 59) return NaN;
  const text = expires.trim();
  return Date.parse(zone === undefined ? `${text}Z` : text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

/** True when a suppression has expired at `now` (epoch ms). */
export function isExpired(s: Suppression, now: number): boolean {
  return s.expires !== null && expiryTime(s.expires) < now;
}
