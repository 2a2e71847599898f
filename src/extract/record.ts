import { ACCOUNT_FIELDS, addAccountValue, findAccounts } from './accounts.js';
import { findCodes, findUnknownCodes, type Matcher } from './matcher.js';
import { evidence } from './sample.js';
import type { Findings } from '../model/finding.js';
import type { Fields, RawRecord } from '../model/record.js';
import type { FieldOptions } from '../model/settings.js';
import { findTimestamp, timeFromValue } from './timestamp.js';

export type { Fields, FieldOptions, Findings, RawRecord };

export const CODE_FIELDS = ['code', 'error_code', 'errorCode'] as const;
// __REALTIME_TIMESTAMP: journald's (`journalctl -o json`), microseconds as a string.
export const TIME_FIELDS = ['timestamp', 'time', '@timestamp', 'ts', 'date', 'datetime', '__REALTIME_TIMESTAMP'] as const;

/** Unknown values of a code field longer than this are cut: they are shown, not trusted. */
const MAX_UNKNOWN_LENGTH = 120;

/** The value of the record's code field: the first of the code fields that holds a non-empty string. */
export function codeFieldValue(fields: Fields, opts: FieldOptions): string | undefined {
  for (const name of opts.codeField !== undefined ? [opts.codeField] : CODE_FIELDS) {
    const v = fields.get(name);
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
  }
  return undefined;
}

/** The record's own time: its time field, else the first date-time in its text. */
export function recordTime(rec: RawRecord, opts: FieldOptions): number | null {
  if (rec.skipped) return null;
  if (rec.fields !== undefined) {
    for (const name of opts.timeField !== undefined ? [opts.timeField] : TIME_FIELDS) {
      const t = timeFromValue(rec.fields.get(name), opts.times);
      if (t !== null) return t;
    }
  }
  return findTimestamp(rec.text, opts.times);
}

/**
 * The codes, unknown codes and accounts of one record. A structured record with a code field has that
 * value as its only code (codes mentioned elsewhere in it are not counted); any other record is scanned
 * as plain text.
 */
export function analyzeRecord(rec: RawRecord, m: Matcher, opts: FieldOptions): Findings {
  const codes = new Map<string, string>();
  const unknown = new Map<string, string>();
  const accounts = new Set<string>();
  if (rec.skipped) return { codes, unknown, accounts };
  const value = rec.fields === undefined ? undefined : codeFieldValue(rec.fields, opts);
  if (value !== undefined) {
    const at = Math.max(0, rec.text.indexOf(value));
    const sample = evidence(rec.text, at, value.length, opts.redact === true);
    const entry = m.catalog.byKey.get(value.toLowerCase());
    if (entry !== undefined) codes.set(entry.code, sample);
    else unknown.set(value.length > MAX_UNKNOWN_LENGTH ? value.slice(0, MAX_UNKNOWN_LENGTH) + '…' : value, sample);
  } else {
    const redact = opts.redact === true;
    for (const c of findCodes(rec.text, m)) codes.set(c.entry.code, evidence(rec.text, c.at, c.entry.code.length, redact));
    for (const u of findUnknownCodes(rec.text, m)) unknown.set(u.code, evidence(rec.text, u.at, u.code.length, redact));
  }
  if (codes.size > 0) {
    findAccounts(rec.text, accounts);
    if (rec.fields !== undefined) for (const f of ACCOUNT_FIELDS) addAccountValue(rec.fields.get(f), accounts);
  }
  return { codes, unknown, accounts };
}
