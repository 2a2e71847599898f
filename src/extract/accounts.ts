import { ACCOUNT_FIELDS } from '../model/record.js';
import { isValue, NONE_WORDS } from '../input/fields.js';
import { HEX } from './chars.js';
import { ALPHA, cutAfterLetter, cutInWord, guestStart, JSON_NONE, LABEL, LOCAL, localStart, pastEncoded, pastEscape, urlPassword, type JsonText } from './local-part.js';

export { ACCOUNT_FIELDS };
export { ALPHA, cutAfterLetter, cutInWord, guestStart, LABEL, LOCAL, pastEncoded, pastEscape, urlPassword, type JsonText };
export { JSON_ALL, JSON_LINES, JSON_NONE } from './local-part.js';

/** Longest account, in bytes. */
export const MAX_ACCOUNT_LENGTH = 254;
const AT = 0x40;

const DOT = 0x2e;
export const DASH = 0x2d;

/**
 * Adds the e-mail addresses in buf[start, end) to `into`, lower-cased. For each `@`: the run of
 * [A-Za-z0-9._%+-] before it, then the longest domain after it — dot-separated labels of letters, digits
 * and inner hyphens, at least two, the last all letters and two or more long — not followed by a letter,
 * digit or hyphen; a message's id (see isMessageId) is not an account.
 */
export function findAccountsInBytes(buf: Buffer, start: number, end: number, into: { add(account: string): unknown }, json: JsonText = JSON_NONE): void {
  forEachAccount(
    buf,
    start,
    end,
    {
      nextAt: (from) => indexOfAt(buf, from, end),
      account: (s, e) => void into.add(buf.toString('latin1', s, e).toLowerCase()),
    },
    json,
  );
}

/** What `forEachAccount` reports to: an object, so a scanner passes itself and no closure is made per line. */
export interface AccountSink {
  /** The next `@` at or after `from`, or -1 (a scanner remembers its last search across lines). */
  nextAt(from: number): number;
  /** An e-mail address at buf[s, e). */
  account(s: number, e: number): void;
}

/** Reports each e-mail address buf[s, e) in buf[start, end) to `sink`; `json`: whether the text is JSON (see pastEscape). */
export function forEachAccount(buf: Buffer, start: number, end: number, sink: AccountSink, json: JsonText = JSON_NONE): void {
  for (let q = sink.nextAt(start); q !== -1 && q < end; q = sink.nextAt(q + 1)) {
    let s = localStart(buf, start, q);
    if (s === q) s = guestStart(buf, start, q);
    s = pastEncoded(buf, pastEscape(buf, start, s, q, json, end), q);
    if (s === q || urlPassword(buf, start, s) || cutAfterLetter(buf, start, s)) continue;
    const e = domainEnd(buf, q + 1, end);
    if (e === -1 || e - s > MAX_ACCOUNT_LENGTH || cutInWord(buf, start, s, e, end) || isMessageId(buf, start, s, q, e, end)) continue;
    sink.account(s, e);
  }
}


/**
 * True when a field's bytes buf[s, e) are an account exactly as `accountValues` would give it, bar case: no
 * blank to trim, no `>` (or `>;`) last (a name and an address), no file's extension after an address, a value;
 * a value with an `@` the one address its text names, whole (`SMTP:jane@…`, `carol@… (Carol)`, `to%3Djane@…`
 * are accountValues' to read). The kernel asks the same (src/wasm/accounts.ts).
 */
export function isPlainAccount(buf: Buffer, s: number, e: number): boolean {
  if (e <= s || e - s > MAX_ACCOUNT_LENGTH || buf[s]! <= 0x20 || buf[e - 1]! <= 0x20 || endsAsNameAddr(buf, e)) return false;
  // A file's extension after an address's domain, a placeholder or a word for none: accountValue's to read.
  let at = -1;
  let dot = -1;
  let alnum = false;
  for (let i = s; i < e; i++) {
    const c = buf[i]!;
    if (c >= 0x80) return false;
    if (c === AT) at = i;
    else if (c === DOT) dot = i;
    else if (LABEL[c] === 1) alnum = true;
  }
  if (!alnum || (at !== -1 && dot > at && fileLabelAt(buf, dot + 1, e))) return false;
  if (at !== -1 && !oneAddress(buf, s, e)) return false;
  // No word for none holds an `@`, nor is longer.
  if (at === -1 && e - s <= NONE_LONGEST && !isValue(buf.toString('latin1', s, e))) return false;
  return true;
}

/** Do the bytes buf[s, e) name one address, all of them (as forEachAccount finds addresses)? */
function oneAddress(buf: Buffer, s: number, e: number): boolean {
  let found = 0;
  let whole = false;
  forEachAccount(buf, s, e, {
    nextAt: (from) => indexOfAt(buf, from, e),
    account: (as, ae) => {
      found++;
      whole = as === s && ae === e;
    },
  });
  return found === 1 && whole;
}

/** The longest word for none (src/input/fields.ts NONE_WORDS). */
const NONE_LONGEST = Math.max(...NONE_WORDS.map((w) => w.length));

/** Is the label buf[s, e) one of FILE_LABELS, in any case? Read as the kernel reads it: its bytes (lower-cased) as one number, nothing allocated. */
function fileLabelAt(buf: Uint8Array, s: number, e: number): boolean {
  if (e - s > 4 || e - s < 2) return false;
  let w = 0;
  for (let i = s; i < e; i++) w += (buf[i]! | 0x20) * 256 ** (i - s);
  return FILE_LABEL_WORDS.has(w);
}

/** The next `@` in buf[from, end), or -1, never searching past `end`. */
function indexOfAt(buf: Uint8Array, from: number, end: number): number {
  if (from >= end) return -1;
  const i = buf.subarray(from, end).indexOf(AT);
  return i === -1 ? -1 : from + i;
}

/**
 * A domain's last labels that are a file's extension, not a top-level domain: a file named after a mailbox
 * (`ben@contoso.com.pst`, Exchange's and Purview's exports; `…com.csv.gz`) names the address before them; an
 * image's (`logo@2x.png`, an inline image of a mail) none.
 * None is a top-level domain (`.zip` and `.mov` are, so they are not here). Two to four letters, lower-case.
 */
export const FILE_LABELS = ['pst', 'ost', 'eml', 'msg', 'mbox', 'log', 'txt', 'csv', 'json', 'xml', 'pdf', 'gz', 'png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'bmp', 'tif', 'tiff', 'ico'] as const;
const FILE_LABEL_SET: ReadonlySet<string> = new Set(FILE_LABELS);
/** FILE_LABELS as numbers: each label's bytes, little-endian (see fileLabelAt). */
const FILE_LABEL_WORDS: ReadonlySet<number> = new Set(FILE_LABELS.map((l) => [...l].reduce((w, ch, i) => w + ch.charCodeAt(0) * 256 ** i, 0)));

/** End of the longest valid domain starting at `from` whose last label is no file's extension, or -1. */
function domainEnd(buf: Uint8Array, from: number, end: number): number {
  let e = longestDomain(buf, from, end);
  while (e !== -1) {
    const dot = buf.lastIndexOf(DOT, e - 1);
    if (!fileLabelAt(buf, dot + 1, e)) return e;
    e = longestDomain(buf, from, dot);
  }
  return e;
}

/** End of the longest valid domain starting at `from`, or -1. */
function longestDomain(buf: Uint8Array, from: number, end: number): number {
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

/** Adds the e-mail addresses of a text (read as UTF-8; `json`: whether it is JSON, see pastEscape). */
export function findAccounts(text: string, into: Set<string> = new Set(), json: JsonText = JSON_NONE): Set<string> {
  if (text.indexOf('@') !== -1) {
    const buf = Buffer.from(text, 'utf8');
    findAccountsInBytes(buf, 0, buf.length, into, json);
  }
  return into;
}

/** Adds the accounts given as a field value (see accountValues). */
export function addAccountValue(value: unknown, into: { add(account: string): unknown }): void {
  for (const v of accountValues(value)) into.add(v);
}

/**
 * The accounts given as a field value (a string or a number), trimmed and lower-cased; none for a
 * placeholder or a word for none. A value with an `@` gives the addresses its text names, as a record's text
 * gives them — a name and an address (`Lee <lee@x.io>`, `"Lee, Ann" <ann@x.io>`, as mail headers and
 * Exchange's exports write a sender), a proxy address (`SMTP:jane@x.io`), a link (`mailto:bob@x.io`), a name
 * after it (`carol@x.io (Carol King)`), a list (`jane@x.io;bob@x.io`): the accounts the record's text names
 * too, one per person; any other value is one account as it is (`jdoe`, `ann@contoso.pst`).
 */
export function accountValues(value: unknown): string[] {
  if (typeof value !== 'string' && typeof value !== 'number') return [];
  const t = String(value).trim();
  // A placeholder (Kibana's `-`) or a word for none (`N/A`, `NULL`) names no account.
  if (!isValue(t)) return [];
  if (t.includes('@')) {
    const named = findAccounts(t);
    if (named.size > 0) return [...named];
  }
  const named = NAME_ADDR.exec(t)?.[1] ?? t;
  // An address with Outlook's separator after it (`hal@contoso.com;`): the address.
  const v = withoutFileLabels((named.includes('@') ? named.replace(SEPARATORS, '') : named).toLowerCase());
  return v.length <= MAX_ACCOUNT_LENGTH ? [v] : [];
}

/** The first of a field value's accounts (see accountValues), or undefined. */
export function accountValue(value: unknown): string | undefined {
  return accountValues(value)[0];
}

/** An address without the file's extensions after its domain (`ann@contoso.com.pst`: see FILE_LABELS), as in text; other values whole. */
function withoutFileLabels(v: string): string {
  const at = v.indexOf('@');
  if (at <= 0) return v;
  let e = v.length;
  for (let dot = v.lastIndexOf('.'); dot > at && FILE_LABEL_SET.has(v.slice(dot + 1, e)); dot = v.lastIndexOf('.', dot - 1)) {
    // The domain left must still be one: two labels or more.
    if (v.lastIndexOf('.', dot - 1) <= at) break;
    e = dot;
  }
  return v.slice(0, e);
}

/** A value that ends in `<local@domain>` (Outlook's `;` or a `,` after it too): the address. */
const NAME_ADDR = /<([^<>@\s]+@[^<>@\s]+)>[;,]?$/;

/** Separators after an address (Outlook's `;`, a `,`). */
const SEPARATORS = /[;,]+$/;

/** The bytes buf[s, e) end as a name's address (`>`) or an address before a separator (`;`, `,`) may: accountValue's to read. */
const endsAsNameAddr = (buf: Uint8Array, e: number): boolean => buf[e - 1] === GT || buf[e - 1] === 0x3b || buf[e - 1] === 0x2c;

// ---- A Message-ID is not an account ----
// The rule's one home: the kernel takes its data from here (see src/fast/kernel-source.ts) and
// src/wasm/message-ids.ts's isMessageId follows it step by step.

/** Keys after which `<local@host>` is a message's id (compared lower-case; the `<…>` may be in quotes). */
export const MESSAGE_ID_KEYS = ['message-id', 'in-reply-to', 'references', 'message', 'msgid', 'message_id'] as const;
/** A local part holding a run of at least this many hex digits is an id. */
export const HEX_RUN = 12;
/** …or a run of at least this many base64 characters with an upper-case letter, a lower-case letter and a digit. */
export const BASE64_RUN = 20;
/** …or one at least this long that starts with `CA` and has no dot (Gmail's ids). */
export const GMAIL_ID = 20;
/** `<…>` ids looked back over to reach the key (`References: <a@x> <b@y> …`). */
export const MAX_ID_HOPS = 64;

const LT = 0x3c;
const GT = 0x3e;

export { HEX };
export const BASE64 = new Uint8Array(256);
/** What may stand between a key and its `<`: blanks, `:`, `=`, quotes, `,`, `[`. */
export const ID_SEP = new Uint8Array(256);
/** A key's characters: letters, digits, `-`, `_`. */
export const KEY = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  const alnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  BASE64[c] = alnum || c === 0x2b || c === 0x2f || c === 0x3d || c === 0x5f || c === 0x2d ? 1 : 0;
  ID_SEP[c] = c === 0x20 || c === 0x09 || c === 0x3a || c === 0x3d || c === 0x22 || c === 0x27 || c === 0x2c || c === 0x5b ? 1 : 0;
  KEY[c] = alnum || c === 0x2d || c === 0x5f ? 1 : 0;
}

const keys = MESSAGE_ID_KEYS.map((k) => Buffer.from(k, 'latin1'));

/**
 * True when the address buf[s, e) (its `@` at q), found in buf[start, end), is a message's id: it is
 * written `<local@host>` — a `<` right before its local part (which may also hold `=` and `/`, base64's,
 * that an address's may not) and a `>` right after it — JSON's `\u003c` and `\u003e` for them too — and
 * either its local part looks like an id or a Message-ID key comes before the `<`.
 */
export function isMessageId(buf: Uint8Array, start: number, s: number, q: number, e: number, end: number): boolean {
  if (e >= end || (buf[e] !== GT && !escapedAngle(buf, e, end, 0x65))) return false;
  // JSON's `\u003c…\u003e` (Go's encoding/json, and so logrus, zap and Docker's json-file): the escape is the
  // `<` (its first backslash where JSON in a JSON string doubles it), the id starts after it (see pastEscape).
  if (s - 6 >= start && escapedAngle(buf, s - 6, s, 0x63)) {
    let lt = s - 6;
    while (lt > start && buf[lt - 1] === BACKSLASH) lt--;
    return looksLikeId(buf, s, q) || followsIdKey(buf, start, lt);
  }
  let p = s;
  while (p > start && (LOCAL[buf[p - 1]!] === 1 || BASE64[buf[p - 1]!] === 1)) p--;
  if (p === start || buf[p - 1] !== LT) return false;
  return looksLikeId(buf, p, q) || followsIdKey(buf, start, p - 1);
}

const BACKSLASH = 0x5c;

/** Is buf[i, …) a backslash or more, then `u003c` (`last` 0x63) or `u003e` (0x65), in any case, before `end`? */
function escapedAngle(buf: Uint8Array, i: number, end: number, last: number): boolean {
  let k = i;
  while (k < end && buf[k] === BACKSLASH) k++;
  return k > i && k + 5 <= end && buf[k] === 0x75 && buf[k + 1] === 0x30 && buf[k + 2] === 0x30 && buf[k + 3] === 0x33 && (buf[k + 4]! | 0x20) === last;
}

/** True when the local part buf[s, e) holds a long hex run, a long base64 run, or is a Gmail id. */
function looksLikeId(buf: Uint8Array, s: number, e: number): boolean {
  let hex = 0;
  let run = 0;
  let kinds = 0;
  let dot = false;
  for (let i = s; i < e; i++) {
    const c = buf[i]!;
    if (c === DOT) dot = true;
    hex = HEX[c] === 1 ? hex + 1 : 0;
    if (hex >= HEX_RUN) return true;
    if (BASE64[c] === 1) {
      run++;
      kinds |= c >= 65 && c <= 90 ? 1 : c >= 97 && c <= 122 ? 2 : c >= 48 && c <= 57 ? 4 : 0;
      if (run >= BASE64_RUN && kinds === 7) return true;
    } else {
      run = 0;
      kinds = 0;
    }
  }
  return !dot && e - s >= GMAIL_ID && buf[s] === 0x43 && buf[s + 1] === 0x41;
}

/** True when a Message-ID key comes before the `<` at lt, maybe past other `<…>` ids. */
function followsIdKey(buf: Uint8Array, start: number, lt: number): boolean {
  let i = lt - 1;
  for (let hops = 0; ; hops++) {
    while (i >= start && ID_SEP[buf[i]!] === 1) i--;
    if (i < start || buf[i] !== GT || hops === MAX_ID_HOPS) break;
    i--;
    while (i >= start && buf[i] !== LT && buf[i] !== GT) i--;
    if (i < start || buf[i] !== LT) return false;
    i--;
  }
  const ke = i + 1;
  while (i >= start && KEY[buf[i]!] === 1) i--;
  const ks = i + 1;
  for (const k of keys) {
    if (k.length !== ke - ks) continue;
    let j = 0;
    while (j < k.length && (buf[ks + j]! | (buf[ks + j]! >= 65 && buf[ks + j]! <= 90 ? 0x20 : 0)) === k[j]) j++;
    if (j === k.length) return true;
  }
  return false;
}
