// One-line scalars of a YAML block document (yaml-block.ts) written as JSON bytes: a double- or single-quoted
// one, `{}` and `[]`, and a plain one resolved as the core schema does (YAML 1.2: null, a boolean, an integer
// in base 10, 8 or 16, a float) and as JSON.stringify writes the value.
import type { Elements } from './yaml-elements.js';

/** Plain scalars the core schema reads as null or a boolean (`~` too), or as a number (tested in the schema's order). */
const NULL_WORDS = ['null', 'Null', 'NULL'];
const BOOL_WORDS = ['true', 'True', 'TRUE', 'false', 'False', 'FALSE'];
export const NULL = new RegExp(`^(?:~|${NULL_WORDS.join('|')})$`);
export const BOOL = new RegExp(`^(?:${BOOL_WORDS.join('|')})$`);
const WORDS: readonly (readonly [Buffer, null | boolean])[] = [...NULL_WORDS.map((w) => [Buffer.from(w), null] as const), ...BOOL_WORDS.map((w) => [Buffer.from(w), w[0] === 't' || w[0] === 'T'] as const)];
const OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
/** A double-quoted scalar's escapes (YAML 1.2). */
const ESCAPE = /\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[^])/g;
const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029',
};
/** Bytes that start no plain scalar: a flow collection, comment, anchor, alias, tag, block scalar, directive or reserved character. */
const INDICATOR = new Uint8Array(256);
for (const c of ',[]{}#&*!|>%@`') INDICATOR[c.charCodeAt(0)] = 1;
/**
 * Bytes plainLine passes without a look at the bytes beside them and JSON writes as they are: printable
 * ASCII but `"`, `\`, `:` and `#`, and the bytes of UTF-8's multi-byte characters (the document's bytes are
 * UTF-8: see yaml-block.ts).
 */
const ORDINARY = new Uint8Array(256);
for (let c = 0x20; c < 0x7f; c++) ORDINARY[c] = 1;
for (let c = 0x80; c < 0x100; c++) ORDINARY[c] = 1;
for (const c of '"\\:#') ORDINARY[c.charCodeAt(0)] = 0;
/** First bytes of a plain scalar that may be anything but a string: 1, a number's; 2, a null's or a boolean's (4 or 5 bytes). */
export const MAY_RESOLVE = new Uint8Array(256);
for (const c of '0123456789-+.~') MAY_RESOLVE[c.charCodeAt(0)] = 1;
for (const c of 'nNtTfF') MAY_RESOLVE[c.charCodeAt(0)] = 2;
/** The document failed the shortcut (thrown where it is found, caught where the document is read). */
export const notBlock = new Error('not a block document');

/** Where the blanks at the start of the text from s to e end. */
export function skipBlanks(b: Buffer, s: number, e: number): number {
  while (s < e && b[s] === 0x20) s++;
  return s;
}

/** Has the text a control character (a `\r` is a line break to YAML), or a tab unless `tabs` (a block scalar's text may hold them)? */
export function hasControl(b: Buffer, s: number, e: number, tabs = false): boolean {
  for (let i = s; i < e; i++) {
    const c = b[i]!;
    if (c < 0x20 && (!tabs || c !== 0x09) || c === 0x7f) return true;
  }
  return false;
}

/**
 * Where a quoted scalar's quote q closes in the text from s to e, inside the scalar (a `\\` escapes the byte
 * after it in a double-quoted one, `''` is a quote in a single-quoted one), or -1; a tab or control character
 * fails the document.
 */
export function closingQuote(b: Buffer, s: number, e: number, q: number): number {
  let plain = true;
  for (let k = s; k < e; k++) {
    // Bytes none of the tests below is for (most of them) passed first, one table lookup each.
    while (k < e && IN_QUOTES[b[k]!] === 1) k++;
    if (k === e) break;
    const x = b[k]!;
    if (x === 0x5c) {
      plain = false;
      if (q === 0x22) k++;
    } else if (x === q) {
      if (q === 0x22 || b[k + 1] !== 0x27) {
        quotedAsIs = plain;
        return k;
      }
      plain = false;
      k++;
    } else if (x === 0x22 || x < 0x20 || x === 0x7f) {
      if (x !== 0x22) throw notBlock;
      plain = false;
    }
  }
  return -1;
}

/** Bytes closingQuote passes as they are in either quote: printable ASCII but the quotes and `\\`, and UTF-8's multi-byte characters' bytes. */
const IN_QUOTES = new Uint8Array(256);
for (let c = 0x20; c < 0x7f; c++) IN_QUOTES[c] = 1;
for (let c = 0x80; c < 0x100; c++) IN_QUOTES[c] = 1;
for (const c of `"'\\`) IN_QUOTES[c.charCodeAt(0)] = 0;

/** The last quoted scalar closingQuote closed holds no escape, `''`, `"` (in a single-quoted one) or `\\`: JSON writes its bytes as they are. */
let quotedAsIs = false;

/**
 * Checks a plain scalar's line from s to e (its first: `first`) and says whether JSON can write its bytes as
 * they are (no `"` or `\\`). A first byte that starts something else, a `: ` or `:` at its end (a mapping), a
 * ` #` (a comment), a tab or control character fail the document.
 */
export function plainLine(b: Buffer, s: number, e: number, first: boolean): boolean {
  const c = b[s]!;
  if (first) {
    if (INDICATOR[c] === 1) throw notBlock;
    // A `- ` or `? ` would start a sequence or a complex key.
    if ((c === 0x2d || c === 0x3f) && (e - s === 1 || b[s + 1] === 0x20)) throw notBlock;
  }
  let plainBytes = true;
  for (let k = s; k < e; k++) {
    const x = b[k]!;
    if (x === 0x3a && (k + 1 === e || b[k + 1] === 0x20) || x === 0x23 && k > s && b[k - 1] === 0x20) throw notBlock;
    if (x === 0x22 || x === 0x5c) plainBytes = false;
    else if (x < 0x20 || x === 0x7f) throw notBlock;
  }
  return plainBytes;
}

/** The value of the bytes when they are one of the words NULL and BOOL read (not `~`), by their bytes (no string made); undefined when not. */
export function nullOrBool(b: Buffer, s: number, e: number): null | boolean | undefined {
  const n = e - s;
  if (n !== 4 && n !== 5) return undefined;
  for (const [w, v] of WORDS) if (w.length === n && w[0] === b[s] && same(w, b, s, n)) return v;
  return undefined;
}

const same = (w: Buffer, b: Buffer, s: number, n: number): boolean => {
  for (let i = 1; i < n; i++) if (w[i] !== b[s + i]) return false;
  return true;
};

/** A one-line scalar's JSON, from s to e (a quoted one's closing quote at `close`, found by closingQuote just before). */
export function scalar(b: Buffer, s: number, e: number, out: Elements, close: number): void {
  const c = b[s]!;
  if (c === 0x22 || c === 0x27) {
    if (close !== e - 1) throw notBlock;
    if (!quotedAsIs) out.string(quotedJson(b.toString('utf8', s + 1, e - 1), c === 0x22));
    else if (c === 0x22) out.copy(b, s, e);
    else quote(b, s + 1, e - 1, out);
    return;
  }
  if (e - s === 2 && (c === 0x7b && b[s + 1] === 0x7d || c === 0x5b && b[s + 1] === 0x5d)) return out.copy(b, s, e);
  const may = MAY_RESOLVE[c]!;
  // Most: a string by its first byte, whose bytes plainLine passes one by one, written in the same pass.
  if (may === 0 && INDICATOR[c] === 0 && c !== 0x3f && out.quoted(b, s, e, ORDINARY)) return;
  const plainBytes = plainLine(b, s, e, true);
  if (may === 1 && canonicalInt(b, s, e)) return out.copy(b, s, e);
  // A first byte n, t or f: a number's it is not (see plain), so null, a boolean, or a string.
  const word = may === 2 ? nullOrBool(b, s, e) : undefined;
  if (word !== undefined) return out.ascii(JSON.stringify(word));
  if (may === 1 && mayBeNumber(b, s, e)) {
    const v = plain(b.toString('utf8', s, e));
    if (typeof v !== 'string') return out.ascii(JSON.stringify(v));
  }
  if (plainBytes) quote(b, s, e, out);
  else out.string(JSON.stringify(b.toString('utf8', s, e)));
}

/** A quoted scalar's text (between its quotes, its lines folded) as JSON: its escapes, or its `''`, read. */
export const quotedJson = (inner: string, double: boolean): string => JSON.stringify(double ? unescape(inner) : inner.replaceAll("''", "'"));

/** A plain scalar's text (its lines folded) as JSON, resolved as the core schema does. */
export const plainJson = (text: string): string => JSON.stringify(plain(text));

/**
 * Can a plain scalar that starts with a digit be a number? One that starts with 1-9 only when its bytes are
 * digits, `.`, `e`, `E`, `+` and `-` (the core schema's base-10 integers and floats: octal and hex start with
 * `0`, `.inf` and `.nan` with a `.` or a sign); a request id such as `2aa95f8867cb` is a string without a
 * regex tried. Any other first byte: the regexes of plain tell.
 */
function mayBeNumber(b: Buffer, s: number, e: number): boolean {
  const c = b[s]!;
  if (c < 0x31 || c > 0x39) return true;
  for (let i = s + 1; i < e; i++) {
    const x = b[i]!;
    if (!(x >= 0x30 && x <= 0x39) && x !== 0x2e && x !== 0x65 && x !== 0x45 && x !== 0x2b && x !== 0x2d) return false;
  }
  return true;
}

/** Are the bytes an integer JSON writes as they are (no sign but `-`, no leading zero, at most 15 digits)? */
function canonicalInt(b: Buffer, s: number, e: number): boolean {
  const d = b[s] === 0x2d ? s + 1 : s;
  if (e - d < 1 || e - d > 15 || b[d] === 0x30 && e - d > 1 || b[d] === 0x30 && d > s) return false;
  for (let i = d; i < e; i++) if (b[i]! < 0x30 || b[i]! > 0x39) return false;
  return true;
}

/** Bytes with no `"` or `\` (nor a control character) as a JSON string. */
function quote(b: Buffer, s: number, e: number, out: Elements): void {
  out.byte(0x22);
  out.copy(b, s, e);
  out.byte(0x22);
}

/** A double-quoted scalar's escapes read. */
function unescape(inner: string): string {
  return inner.replace(ESCAPE, (_m, x: string) => {
    if (x.length > 1) {
      const cp = Number.parseInt(x.slice(1), 16);
      if (cp > 0x10ffff) throw notBlock;
      return String.fromCodePoint(cp);
    }
    const v = ESCAPES[x];
    if (v === undefined) throw notBlock;
    return v;
  });
}

/** A plain scalar's value in the core schema. */
function plain(s: string): unknown {
  if (NULL.test(s)) return null;
  if (BOOL.test(s)) return s[0] === 't' || s[0] === 'T';
  if (OCT.test(s)) return Number.parseInt(s.slice(2), 8);
  if (INT.test(s)) return Number.parseInt(s, 10);
  if (HEX.test(s)) return Number.parseInt(s.slice(2), 16);
  if (FLOAT_NAN.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? Number.NaN : s[0] === '-' ? -Infinity : Infinity;
  if (FLOAT.test(s)) return Number.parseFloat(s);
  return s;
}
