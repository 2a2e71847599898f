/** Field names whose values are accounts in structured records. */
export const ACCOUNT_FIELDS = ['account', 'user', 'email', 'mailbox'] as const;

/** Longest account, in bytes. */
export const MAX_ACCOUNT_LENGTH = 254;
const AT = 0x40;

// Character classes of an e-mail address, on bytes (every one of them is ASCII): the local part, a domain
// label's letters and digits (and inner DASH), letters.
export const LOCAL = new Uint8Array(256);
export const LABEL = new Uint8Array(256);
export const ALPHA = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  const alpha = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  const alnum = alpha || (c >= 48 && c <= 57);
  ALPHA[c] = alpha ? 1 : 0;
  LABEL[c] = alnum ? 1 : 0;
  LOCAL[c] = alnum || c === 0x2e || c === 0x5f || c === 0x25 || c === 0x2b || c === 0x2d ? 1 : 0;
}
const DOT = 0x2e;
export const DASH = 0x2d;

/**
 * Adds the e-mail addresses in buf[start, end) to `into`, lower-cased. For each `@`: the run of
 * [A-Za-z0-9._%+-] before it, then the longest domain after it — dot-separated labels of letters, digits
 * and inner hyphens, at least two, the last all letters and two or more long — not followed by a letter,
 * digit or hyphen.
 */
export function findAccountsInBytes(buf: Buffer, start: number, end: number, into: { add(account: string): unknown }): void {
  forEachAccount(buf, start, end, {
    nextAt: (from) => indexOfAt(buf, from, end),
    account: (s, e) => void into.add(buf.toString('latin1', s, e).toLowerCase()),
  });
}

/** What `forEachAccount` reports to: an object, so a scanner passes itself and no closure is made per line. */
export interface AccountSink {
  /** The next `@` at or after `from`, or -1 (a scanner remembers its last search across lines). */
  nextAt(from: number): number;
  /** An e-mail address at buf[s, e). */
  account(s: number, e: number): void;
}

/** Reports each e-mail address buf[s, e) in buf[start, end) to `sink`. */
export function forEachAccount(buf: Buffer, start: number, end: number, sink: AccountSink): void {
  for (let q = sink.nextAt(start); q !== -1 && q < end; q = sink.nextAt(q + 1)) {
    let s = q;
    while (s > start && LOCAL[buf[s - 1]!] === 1) s--;
    if (s === q) continue;
    const e = domainEnd(buf, q + 1, end);
    if (e === -1 || e - s > MAX_ACCOUNT_LENGTH) continue;
    sink.account(s, e);
  }
}

/** True when a field's bytes buf[s, e) are an account exactly as `accountValue` would give it, bar case. */
export function isPlainAccount(buf: Buffer, s: number, e: number): boolean {
  if (e <= s || e - s > MAX_ACCOUNT_LENGTH || buf[s]! <= 0x20 || buf[e - 1]! <= 0x20) return false;
  for (let i = s; i < e; i++) if (buf[i]! >= 0x80) return false;
  return true;
}

/** The next `@` in buf[from, end), or -1, never searching past `end`. */
function indexOfAt(buf: Uint8Array, from: number, end: number): number {
  if (from >= end) return -1;
  const i = buf.subarray(from, end).indexOf(AT);
  return i === -1 ? -1 : from + i;
}

/** End of the longest valid domain starting at `from`, or -1. */
function domainEnd(buf: Uint8Array, from: number, end: number): number {
  let best = -1;
  let labels = 0;
  let i = from;
  for (;;) {
    // One label: [A-Za-z0-9] then [A-Za-z0-9-]* ending in [A-Za-z0-9].
    const ls = i;
    let alphaOnly = true;
    while (i < end && (LABEL[buf[i]!] === 1 || buf[i] === DASH)) {
      if (ALPHA[buf[i]!] !== 1) alphaOnly = false;
      i++;
    }
    if (i === ls || buf[ls] === DASH || buf[i - 1] === DASH) return best;
    labels++;
    // The label ran as far as it could, so what follows is no label character: the domain may end here.
    if (labels >= 2 && alphaOnly && i - ls >= 2) best = i;
    if (i >= end || buf[i] !== DOT) return best;
    i++;
  }
}

/** Adds the e-mail addresses of a text (read as UTF-8). */
export function findAccounts(text: string, into: Set<string> = new Set()): Set<string> {
  if (text.indexOf('@') !== -1) {
    const buf = Buffer.from(text, 'utf8');
    findAccountsInBytes(buf, 0, buf.length, into);
  }
  return into;
}

/** Adds an account given as a field value. */
export function addAccountValue(value: unknown, into: { add(account: string): unknown }): void {
  const v = accountValue(value);
  if (v !== undefined) into.add(v);
}

/** An account given as a field value (a string or a number), trimmed and lower-cased; undefined if none. */
export function accountValue(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const v = String(value).trim().toLowerCase();
  return v !== '' && v.length <= MAX_ACCOUNT_LENGTH ? v : undefined;
}
