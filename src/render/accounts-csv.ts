import { redactText } from '../extract/redact.js';
import { listRows, MAX_PAIRS, type AccountList } from '../summary/account-list.js';
import { cleanText } from './escape.js';

/** The accounts file's header (README "The accounts file"). */
export const ACCOUNTS_HEADER = ['code', 'account', 'occurrences', 'first_seen', 'last_seen'] as const;

/**
 * One CSV field, RFC 4180: quoted (quotes doubled) when it holds a comma, a quote, CR or LF. A field a
 * spreadsheet would read as a formula — starting with `=`, `+`, `-`, `@`, tab or CR — gets a leading `'`
 * first, as OWASP recommends against CSV injection.
 */
export function csvField(value: string): string {
  const v = /^[=+\-@\t\r]/.test(value) ? "'" + value : value;
  return /[",\r\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
}

const iso = (t: number | null): string => (t === null ? '' : new Date(t).toISOString());

/**
 * The accounts file: every (code, account) pair, by code then account, lines ending in CRLF. Past the bound
 * a first line `# sample: …` says the list is a fixed sample; with `redact`, accounts are masked as in the
 * report (so two accounts may show the same mask).
 */
export function renderAccountsCsv(list: AccountList, redact: boolean): string {
  return [...accountsCsvPieces(list, redact)].join('');
}

/** The accounts file in pieces of a few thousand rows each, to be written one after the other. */
export function* accountsCsvPieces(list: AccountList, redact: boolean): Generator<string> {
  let out = '';
  if (list.bounded) out += `# sample: more than ${MAX_PAIRS.toLocaleString('en-US')} (code, account) pairs; these are a fixed sample of them, each with exact counts and times\r\n`;
  out += ACCOUNTS_HEADER.join(',') + '\r\n';
  let rows = 0;
  for (const p of listRows(list)) {
    // Shown as text when the file is printed (cat, less): no escape sequence or hidden character of a log's.
    const account = cleanText(redact ? redactText(p.account) : p.account);
    out += `${csvField(cleanText(p.code))},${csvField(account)},${p.count},${iso(p.first)},${iso(p.last)}\r\n`;
    if (++rows % 4096 === 0) {
      yield out;
      out = '';
    }
  }
  yield out;
}
