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
    const code = own('code');
    if (typeof code !== 'string' || code.trim() === '') return fail(`entry ${i}, field "code": expected a non-empty string`);
    const reason = own('reason');
    if (typeof reason !== 'string' || reason.trim() === '') return fail(`entry ${i}, field "reason": a suppression needs a reason`);
    const expires = own('expires');
    if (expires !== undefined && expires !== null && (typeof expires !== 'string' || Number.isNaN(expiryTime(expires)))) {
      return fail(`entry ${i}, field "expires": expected an ISO-8601 date such as 2026-12-31`);
    }
    const key = code.trim().toLowerCase();
    if (seen.has(key)) fail(`entry ${i}, field "code": ${code} is suppressed twice`);
    seen.add(key);
    return { code: code.trim(), reason: reason.trim(), expires: typeof expires === 'string' ? expires : null };
  });
}

/** The instant a suppression stops applying: the end of its day for a date, the instant for a date-time. */
export function expiryTime(expires: string): number {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(expires.trim());
  return Date.parse(date ? `${expires.trim()}T23:59:59.999Z` : expires);
}

/** True when a suppression has expired at `now` (epoch ms). */
export function isExpired(s: Suppression, now: number): boolean {
  return s.expires !== null && expiryTime(s.expires) < now;
}
