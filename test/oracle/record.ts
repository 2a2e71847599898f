/**
 * The oracle's record analysis: what FileScan counts in one record, found with the string matcher
 * (./matcher.ts) on the decoded text. The engine reads the same rules' data from src/ on bytes.
 */
import { ACCOUNT_FIELDS, addAccountValue, findAccounts, JSON_NONE, type JsonText } from '../../src/extract/accounts.js';
import type { Matcher } from '../../src/extract/matcher.js';
import { codeFieldValue, shownUnknown, type FieldOptions, type Findings, type RawRecord } from '../../src/extract/record.js';
import { evidence } from '../../src/extract/sample.js';
import { findCodes, findUnknownCodes } from './matcher.js';

/**
 * The codes, unknown codes and accounts of one record. A structured record whose code field holds a catalog
 * code has it as its only code (codes mentioned elsewhere in it are not counted); one whose code field holds
 * another value has that unknown code, and is scanned as plain text too (Winston's `code` is a Node error
 * code: `ECONNREFUSED`); any other record is scanned as plain text. `json`: whether the input is JSON (lines or
 * an array), whose escapes before an address are not its (src/extract/local-part.ts pastEscape).
 */
export function analyzeRecord(rec: RawRecord, m: Matcher, opts: FieldOptions, json: JsonText = JSON_NONE): Findings {
  const codes = new Map<string, string>();
  const unknown = new Map<string, string>();
  const accounts = new Set<string>();
  if (rec.skipped) return { codes, unknown, accounts };
  const value = rec.fields === undefined ? undefined : codeFieldValue(rec.fields, opts);
  const entry = value === undefined ? undefined : m.catalog.byKey.get(value.toLowerCase());
  if (value !== undefined) {
    const at = Math.max(0, rec.text.indexOf(value));
    const sample = evidence(rec.text, at, value.length, opts.redact === true);
    if (entry !== undefined) codes.set(entry.code, sample);
    else unknown.set(shownUnknown(value), sample);
  }
  if (entry === undefined) {
    const redact = opts.redact === true;
    for (const c of findCodes(rec.text, m)) codes.set(c.entry.code, evidence(rec.text, c.at, c.entry.code.length, redact));
    // The code field's unknown value once (with its own evidence): what the text finds that the value starts
    // with (its key's own value, whole or its code-like head) is the value's.
    const field = value?.toLowerCase();
    for (const u of findUnknownCodes(rec.text, m)) if (field === undefined || !field.startsWith(u.code.toLowerCase())) unknown.set(u.code, evidence(rec.text, u.at, u.code.length, redact));
  }
  if (codes.size > 0) {
    findAccounts(rec.text, accounts, json);
    if (rec.fields !== undefined) for (const f of ACCOUNT_FIELDS) addAccountValue(rec.fields.get(f), accounts);
  }
  return { codes, unknown, accounts };
}
