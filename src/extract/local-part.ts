// Where an e-mail address's local part starts before its `@` (src/extract/accounts.ts finds the addresses):
// the run of local-part bytes, and what before it moves its start or leaves no address. The kernel reads
// the same (src/wasm/email-at.ts).
import { HEX } from './chars.js';

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
const BACKSLASH = 0x5c;

/**
 * Whether a text's escapes before an address are JSON's (see pastEscape): not (plain text, CSV), everywhere
 * (a JSON array's elements), or on a line that ends in `}` (JSON lines: a line of text among them, a JVM's
 * trace, holds none).
 */
export type JsonText = 0 | 1 | 2;
export const JSON_NONE = 0;
export const JSON_ALL = 1;
export const JSON_LINES = 2;

/** Where the run of local-part bytes that ends at q starts. */
export function localStart(buf: Uint8Array, start: number, q: number): number {
  let s = q;
  while (s > start && LOCAL[buf[s - 1]!] === 1) s--;
  return s;
}

/**
 * Where the local part of a Microsoft 365 guest's name that ends at q starts (`bob_fabrikam.com#EXT#@contoso.onmicrosoft.com`:
 * `#EXT#`, in any case, after a run of local-part bytes), else q. The kernel does the same (src/wasm/email-at.ts guestStart).
 */
export function guestStart(buf: Uint8Array, start: number, q: number): number {
  if (q - 6 < start || buf[q - 1] !== 0x23 || buf[q - 5] !== 0x23 || (buf[q - 4]! | 0x20) !== 0x65 || (buf[q - 3]! | 0x20) !== 0x78 || (buf[q - 2]! | 0x20) !== 0x74) return q;
  const s = localStart(buf, start, q - 5);
  return s < q - 5 ? s : q;
}

/**
 * Is the local part that starts at s (its domain ending at e) cut from a word by a character an address may
 * hold there but mxscan's local part does not — `'`, `&`, `#`, `!` or `*` between a letter or digit and it
 * (`o'brien@contoso.com`, `r&d@…`, a password's `Sup3r#S3cret@host`)? Then it is no account, rather than
 * another person's address (`brien@contoso.com`). After anything else (`'jane@…'`, `user=jane@…`) the run is
 * the address, and so it is after a `'` that opens a quote the address closes (`u'jane@contoso.com'`,
 * `N'jane@contoso.com'`: Python's and SQL's string prefixes). The kernel asks the same (src/wasm/email-at.ts
 * cutInWord).
 */
export function cutInWord(buf: Uint8Array, start: number, s: number, e: number, end: number): boolean {
  if (s - 2 < start) return false;
  const b = buf[s - 1]!;
  if (b === 0x27 && e < end && buf[e] === 0x27) return false;
  return (b === 0x27 || b === 0x26 || b === 0x23 || b === 0x21 || b === 0x2a) && LABEL[buf[s - 2]!] === 1;
}

/**
 * Where a local part that starts at s (its `@` at q; its line ends at or before `end`) starts when the bytes
 * before it are an escape's letters: JSON's escape of `<`, `\u003c`, after one backslash or more, in any text
 * (Go's encoding/json, and so Docker's json-file, logrus and zap, write `Lee <lee@x.io>` as
 * `Lee \u003clee@x.io\u003e`; JSON in a JSON string `\\u003c`); in JSON (`json`, see JsonText) also `\n`, `\r`, `\t`, `\b`, `\f` after a
 * backslash no other one escapes (a multi-line message's `failed:\njane@contoso.com`; `C:\\Users\\fred@`
 * is a path's `\fred`) and a `\uXXXX` of any character no local part holds (.NET's `\u0027jane@…\u0027`); one
 * of a character it holds (`jane\u002Barchive@…`), or of one that cuts a local part from a word right after a
 * letter or digit (`o\u0027brien@…`, `j\u00fcrgen@…`: see cutInWord), leaves no address (q), rather than another's. In plain text
 * other escapes are left alone: `CORP\nora@corp.com` and `C:\Users\fred@…` hold none. The kernel does the
 * same (src/wasm/email-at.ts pastEscape).
 */
export function pastEscape(buf: Uint8Array, start: number, s: number, q: number, json: JsonText = JSON_NONE, end = q): number {
  if (s === start || buf[s - 1] !== BACKSLASH || s >= q) return s;
  const c = buf[s]!;
  const u = c === 0x75 && s + 5 <= q && HEX[buf[s + 1]!] === 1 && HEX[buf[s + 2]!] === 1 && HEX[buf[s + 3]!] === 1 && HEX[buf[s + 4]!] === 1;
  const lt = u && buf[s + 1] === 0x30 && buf[s + 2] === 0x30 && buf[s + 3] === 0x33 && (buf[s + 4]! | 0x20) === 0x63;
  if (!lt && !((u || c === 0x6e || c === 0x72 || c === 0x74 || c === 0x62 || c === 0x66) && (json === JSON_ALL || (json === JSON_LINES && endsObject(buf, q, end))))) return s;
  if (!u) {
    let k = s;
    while (k > start && buf[k - 1] === BACKSLASH) k--;
    return (s - k) % 2 === 1 ? s + 1 : s;
  }
  const v = (hexValue(buf[s + 1]!) << 12) | (hexValue(buf[s + 2]!) << 8) | (hexValue(buf[s + 3]!) << 4) | hexValue(buf[s + 4]!);
  if (v < 0x80 && LOCAL[v] === 1) return q;
  // A character that cuts a local part from the word before it (see cutInWord, cutAfterLetter), escaped
  // after a letter or digit: `o\u0027brien@…`, `j\u00fcrgen@…` name no one, not brien or rgen.
  let k = s - 1;
  while (k > start && buf[k - 1] === BACKSLASH) k--;
  const cuts = v === 0x27 || v === 0x26 || v === 0x23 || v === 0x21 || v === 0x2a || (v >= 0xc0 && v <= 0x24f) || v === 0xfffd;
  return cuts && k > start && LABEL[buf[k - 1]!] === 1 ? q : s + 5;
}


/**
 * Where a local part buf[s, q) starts past the last character a URL encodes there that no local part
 * holds (`%20`, `%3D`, `%2F`: `q=storage_error%20for%20bob@example.com` names `bob@example.com`, not the
 * whole run); `%2B` (`+`) and the like stay in it, as do `%` and two letters that are no hex digits (the
 * old `user%host@relay`). The kernel does the same (src/wasm/email-at.ts pastEncoded).
 */
export function pastEncoded(buf: Uint8Array, s: number, q: number): number {
  for (let p = q - 3; p >= s; p--) {
    if (buf[p] === 0x25 && HEX[buf[p + 1]!] === 1 && HEX[buf[p + 2]!] === 1 && LOCAL[hexValue(buf[p + 1]!) * 16 + hexValue(buf[p + 2]!)] !== 1) return p + 3;
  }
  return s;
}

/**
 * Is the local part that starts at s a URL's password (`https://user:Sup3rS3cret@box.example.com/`): a `:`
 * right before it, and before that a user's name (no blank, `/` or `:` in it) right after `//`? It is
 * no account (and redaction masks it). The kernel asks the same (src/wasm/email-at.ts urlPassword).
 */
export function urlPassword(buf: Uint8Array, start: number, s: number): boolean {
  if (s - 3 < start || buf[s - 1] !== 0x3a) return false;
  let k = s - 2;
  while (k >= start && !USERINFO_END[buf[k]!]) k--;
  return k - 1 >= start && buf[k] === 0x2f && buf[k - 1] === 0x2f;
}

/**
 * Is the local part that starts at s cut from a letter outside ASCII right before it (`jürgen@contoso.com`:
 * the run of ASCII local-part bytes is `rgen`)? Then it is no account, rather than another person's
 * address: a Latin letter in UTF-8 (a lead byte 0xC3-0xC9 and its continuation: À-ɏ), which reads the same
 * in bytes and decoded; a byte that is no UTF-8 there (`m\xfcller@`: Windows-1252's ü, a letter of another
 * encoding or text cut apart), and U+FFFD, what a decoder makes of such bytes, so that text read as bytes
 * and decoded text agree. A CJK character, `«` or `…` before an address parts it from its text as a blank
 * does. The kernel asks the same (src/wasm/email-at.ts).
 */
export function cutAfterLetter(buf: Uint8Array, start: number, s: number): boolean {
  if (s - 1 < start) return false;
  const b = buf[s - 1]!;
  if (b < 0x80) return false;
  // A lead byte with no continuation after it.
  if (b >= 0xc0) return true;
  // A continuation: back to its lead, at most three of them.
  let p = s - 2;
  while (p >= start && s - 1 - p < 4 && buf[p]! >= 0x80 && buf[p]! <= 0xbf) p--;
  if (p < start) return true;
  const lead = buf[p]!;
  const size = s - p;
  const need = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
  if (size !== need) return true;
  const second = buf[p + 1]!;
  if ((lead === 0xe0 && second < 0xa0) || (lead === 0xed && second > 0x9f) || (lead === 0xf0 && second < 0x90) || (lead === 0xf4 && second > 0x8f)) return true;
  return (size === 2 && lead >= 0xc3 && lead <= 0xc9) || (size === 3 && lead === 0xef && second === 0xbf && b === 0xbd);
}

/**
 * Bytes no URL's user name holds: controls and the blank, `/`, `:`, quotes, `<`, `>` (where a search back for
 * its `//` stops). An `@` it may hold, unencoded: `imaps://jane@contoso.com:Winter2026@outlook.office365.com`.
 */
const USERINFO_END = new Uint8Array(256);
for (let c = 0; c <= 0x20; c++) USERINFO_END[c] = 1;
for (const c of [0x2f, 0x3a, 0x22, 0x27, 0x3c, 0x3e]) USERINFO_END[c] = 1;

const hexValue = (c: number): number => (c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x57);

/** Does the line around q (ending at or before `end`) end in `}`, blanks and a `\r` aside: a JSON line's object? */
function endsObject(buf: Uint8Array, q: number, end: number): boolean {
  let p = q;
  while (p < end && buf[p] !== 0x0a) p++;
  while (p > q && (buf[p - 1] === 0x20 || buf[p - 1] === 0x09 || buf[p - 1] === 0x0d)) p--;
  return buf[p - 1] === 0x7d;
}
