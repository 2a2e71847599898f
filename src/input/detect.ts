import { StringDecoder } from 'node:string_decoder';
import type { Delimiter, Encoding, FormatChoice, InputFormat } from '../model/record.js';
import { hasEscapes, hasWrittenColours, stripEscapes } from './ansi.js';
import { csvDialect, looksLikeTable, type CsvDialect } from './csv-dialect.js';
import { countTable } from './count-table.js';
import { unreadShape } from './unread.js';
import { binaryKind, isBinary } from './binary-kind.js';
import { COLLECTOR_HEAD, textUnderHead } from './collector-head.js';
import { isObject as isJsonObject, parseJson } from './fields.js';
import { startsJsonObject } from './json-start.js';
import { MORE, recordsStart, valueEnd } from './json-records.js';
import { DEFAULT_SHAPE, eventFields, isEvent, objectOn, pagesFrom, type JsonShape } from './json-shape.js';
import { YAML_NAME, isYamlStream } from './yaml.js';
import { w3cHead } from './w3c.js';

/** Bytes a file is sniffed by for binary content. */
export { SNIFF_BYTES } from './binary-kind.js';
/** Bytes whose line ends decide how lines end (see lineEnds). */
export const DETECT_BYTES = 64 * 1024;
/**
 * Most bytes read ahead to find the end of the first line: a first line longer than this is never held
 * whole, it is judged by its beginning (a line of 1 GiB would otherwise be held in memory to be sniffed).
 */
export const HOLD_BYTES = 1024 * 1024;
/** Names of files read as CSV whatever their content (with --input-format auto). */
export const CSV_NAME = /\.(csv|tsv|tab)$/;

export type { Encoding, FormatChoice };

export { isBinary };

/** The encoding a byte-order mark announces, and the mark's length. */
export function detectBom(head: Uint8Array): { encoding: Encoding; length: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return { encoding: 'utf-8', length: 0 };
}

/** A file that starts so is read whole by one thread: gzip (inflated in order), a byte-order mark (UTF-16 is transcoded). */
export const readAsOne = (head: Uint8Array): boolean => (head[0] === 0x1f && head[1] === 0x8b) || detectBom(head).length > 0;

/** How an input's lines end: `\n` (or `\r\n`), or `\r` alone (classic Mac exports; `\n` and `\r\n` end lines too). */
export type LineEnds = 'lf' | 'cr';

const LF = 0x0a;
const CR = 0x0d;

/**
 * How the lines of an input end, from its first bytes: the line ends in the first DETECT_BYTES are counted,
 * and when `\r` alone ends more of them than `\n` (or `\r\n`) does, every `\r` is a line end. A first line
 * longer than that: its own end decides, found in the first HOLD_BYTES; none there is `\n`. Undefined when
 * more bytes are needed (`complete`: the head is the whole input).
 */
export function lineEnds(head: Uint8Array, complete: boolean): LineEnds | undefined {
  // A `\r` at the end of what is counted is told by the byte after it.
  if (head.length <= DETECT_BYTES && !complete) return undefined;
  const b = Buffer.from(head.buffer, head.byteOffset, head.length);
  const counted = Math.min(b.length, DETECT_BYTES);
  // Searched for, not walked byte by byte: most files have no `\r`, and then one search tells.
  const w = b.subarray(0, counted);
  let cr = 0;
  let crlf = 0;
  for (let i = w.indexOf(CR); i !== -1; i = w.indexOf(CR, i + 1)) {
    if (b[i + 1] === LF) crlf++;
    else cr++;
  }
  const firstLf = w.indexOf(LF);
  if (cr === 0 && crlf === 0 && firstLf === -1) return firstEnd(b, counted, complete);
  if (cr === 0) return 'lf';
  // Every `\n` counted ends a line, and a `\r\n` whose `\n` is just past the count.
  let lf = b[counted - 1] === CR && b[counted] === LF ? 1 : 0;
  for (let i = firstLf; i !== -1; i = w.indexOf(LF, i + 1)) lf++;
  return cr > lf ? 'cr' : 'lf';
}

/** The line ends of an input whose first `from` bytes hold none: the first line end decides, in HOLD_BYTES. */
function firstEnd(b: Buffer, from: number, complete: boolean): LineEnds | undefined {
  const held = b.subarray(0, Math.min(b.length, HOLD_BYTES));
  const lf = held.indexOf(LF, from);
  const cr = held.indexOf(CR, from);
  if (cr === -1 || (lf !== -1 && lf < cr)) return lf !== -1 || complete || b.length > HOLD_BYTES ? 'lf' : undefined;
  if (cr + 1 < b.length) return b[cr + 1] === LF ? 'lf' : 'cr';
  return complete ? 'cr' : undefined;
}

/**
 * The format of an input from its name (with any `.gz` already removed) and its first bytes, read with the
 * line ends it will be read with: `.jsonl`/`.ndjson` and content whose first non-empty line is a JSON object
 * are JSON lines, `.csv`, `.tsv` and `.tab` are CSV, and so is content that looks like a table (a header of
 * names and rows of as many fields: see looksLikeTable), a `.json` file starting with `[` — or any content
 * starting with an array of objects — is a JSON array, and so is a wrapped export (an object whose records
 * array, one of `paths`, opens in the first HOLD_BYTES: see recordsStart), the rest is plain text. A first
 * non-empty line that does not end in the first HOLD_BYTES is JSON lines when those bytes are the beginning
 * of a JSON object (startsJsonObject). Undefined when more bytes are needed (`complete`: the head is the
 * whole input).
 */
export function detectFormat(
  name: string,
  head: Uint8Array,
  choice: FormatChoice = 'auto',
  complete = true,
  shape: JsonShape = DEFAULT_SHAPE,
): InputFormat | undefined {
  if (choice !== 'auto') return choice;
  const lower = name.toLowerCase();
  // `whole`: nothing follows what is read; `more`: more can be read before deciding.
  const whole = complete && head.length <= HOLD_BYTES;
  const more = !complete && head.length <= HOLD_BYTES;
  const held = head.subarray(0, HOLD_BYTES);
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) {
    const page = pageLines(held, whole, more, shape);
    if (page !== false) return page === undefined ? undefined : 'json';
    // Pretty events saved under a JSON-lines name (`jq . > events.jsonl`): objects one after another.
    const sequence = objectSequence(held, whole, shape);
    return sequence === undefined ? (more ? undefined : 'jsonl') : sequence ? 'json' : 'jsonl';
  }
  if (CSV_NAME.test(lower)) return 'csv';
  if (YAML_NAME.test(lower) || isYamlStream(head.subarray(0, DETECT_BYTES), complete && head.length <= DETECT_BYTES)) return 'yaml';
  if (looksLikeTable(lower, head, complete)) return 'csv';
  // Most logs show at once that they are neither JSON lines nor a JSON array: no decoding then.
  if (startsAsText(head)) return 'text';
  const wrapped = wrappedExport(held, whole, shape);
  if (wrapped === true) return 'json';
  if (wrapped === undefined && more) return undefined;
  const sequence = objectSequence(held, whole, shape);
  if (sequence === true) return 'json';
  if (sequence === undefined && more) return undefined;
  // Most inputs are told by their first line: that much is decoded first, all of it only when not enough.
  const first = firstLine(held);
  const early = first < held.length ? formatOf(decode(held.subarray(0, first), false), lower, true, false) : undefined;
  return early ?? formatOf(decode(held, whole), lower, more, whole);
}

/**
 * The format told by the text, or undefined when more is needed: `more` when more can be read, `whole`
 * when the text is all of the input.
 */
function formatOf(text: string, lower: string, more: boolean, whole: boolean): InputFormat | undefined {
  const start = text.search(/\S/);
  if (start === -1) return more ? undefined : 'text';
  if (text[start] === '[') {
    const next = text.slice(start + 1).search(/\S/);
    if (next === -1) return more ? undefined : lower.endsWith('.json') ? 'json' : 'text';
    const c = text[start + 1 + next];
    // A `.json` file is an array, but for kubectl's `[pod/…] ` prefix before its lines (`--prefix > pods.json`):
    // no JSON value starts with `p`.
    if (lower.endsWith('.json') && !(c === 'p' && next === 0)) return 'json';
    return c === '{' || c === ']' ? 'json' : 'text';
  }
  if (text[start] !== '{') return 'text';
  const nl = text.indexOf('\n', start);
  if (nl !== -1 || whole) return isObject(text.slice(start, nl === -1 ? undefined : nl).trim()) ? 'jsonl' : 'text';
  if (more) return undefined;
  // A first line too long to hold: its beginning decides.
  return startsJsonObject(text.slice(start)) ? 'jsonl' : 'text';
}

/**
 * True when the bytes start a wrapped export: an object whose records array opens in them, that is no event
 * (see isEvent), and is not the first of several JSON lines (a complete object on the first line, and
 * another line starting with `{` after it) unless that line is a page of an export, its first record timed
 * (see firstTimed). Undefined when they end before that is known (`whole`: they are all of the input).
 */
function wrappedExport(held: Uint8Array, whole: boolean, shape: JsonShape): boolean | undefined {
  const i = skipBlanks(held, 0);
  if (held[i] !== 0x7b) return false;
  const opened = { objects: 0 };
  const at = recordsStart(held, i, held.length, shape.paths, opened);
  if (at === MORE) return undefined;
  if (at < 0) return false;
  const event = isEvent(held, i, at, opened.objects, held.length, whole, shape);
  if (event !== false) return event === undefined ? undefined : false;
  // A whole object on the first line and another line after it: JSON lines, unless the lines are pages.
  const nl = held.indexOf(LF, i);
  if (nl === -1 || held[skipBlanks(held, nl + 1)] !== 0x7b || objectOn(held, i, nl) === undefined) return true;
  return pagesFrom(held, i, nl, whole, shape);
}

/**
 * True when the bytes start with events as JSON objects one after another, the first over several lines
 * (`jq '.[]'`, log4j2's JsonLayout): the first is a whole JSON object with an event's own fields (see
 * eventFields; looked up as an element's are), and only white space, another `{` or the input's end follows
 * it. A document of another shape (events in an array of it: `--records` names it) stays plain text, a line
 * a record. Undefined when they end before that is known.
 */
function objectSequence(held: Uint8Array, whole: boolean, shape: JsonShape): boolean | undefined {
  const i = skipBlanks(held, 0);
  if (held[i] !== 0x7b) return false;
  const end = valueEnd(held, i, held.length);
  if (end === MORE) return whole ? false : undefined;
  const nl = held.indexOf(LF, i);
  if (end < 0 || nl === -1 || nl >= end) return false;
  const first = objectOn(held, i, end);
  if (first === undefined || !eventFields(first, shape, true)) return false;
  const next = skipBlanks(held, end);
  if (next === held.length) return whole ? true : undefined;
  return held[next] === 0x7b;
}

/**
 * For a JSON-lines name: true when the first line is one page of an export (no event, see isEvent; its
 * first record timed, see firstTimed, or its records array the one `--records` names), so that the lines are
 * pages, each read as a wrapped export; undefined
 * when more bytes are needed (`whole`, `more`: as detectFormat has them). A first line longer than HOLD_BYTES
 * is judged by them.
 */
function pageLines(held: Uint8Array, whole: boolean, more: boolean, shape: JsonShape): boolean | undefined {
  const i = skipBlanks(held, 0);
  if (held[i] !== 0x7b) return i < held.length || !more ? false : undefined;
  const nl = held.indexOf(LF, i);
  const end = nl !== -1 ? nl : whole ? held.length : -1;
  if (end === -1 && more) return undefined;
  const pages = pagesFrom(held, i, end === -1 ? held.length : end, whole, shape);
  return pages === undefined && !more ? false : pages;
}

/** The first byte at or after i that is no ASCII white space. */
function skipBlanks(b: Uint8Array, i: number): number {
  while (i < b.length && (b[i] === 0x20 || (b[i]! >= 0x09 && b[i]! <= 0x0d))) i++;
  return i;
}


/** Bytes up to the end of the first line with more than ASCII white space in it (after a `[`: to the next such byte). */
function firstLine(b: Uint8Array): number {
  const skip = (i: number): number => {
    while (i < b.length && (b[i] === 0x20 || (b[i]! >= 0x09 && b[i]! <= 0x0d))) i++;
    return i;
  };
  const start = skip(0);
  if (b[start] === 0x5b) return Math.min(b.length, skip(start + 1) + 1);
  const nl = b.indexOf(LF, start);
  return nl === -1 ? b.length : nl + 1;
}

/** What an input's first bytes tell. */
export interface Sniffed {
  readonly lineEnds: LineEnds;
  readonly format: InputFormat;
  readonly binary: boolean;
  /** For CSV: its delimiter (see csvDialect). */
  readonly dialect?: CsvDialect;
  /** Why the input is not read: a shape mxscan would misread (see unreadShape). */
  readonly unread?: string;
  /** Plain text (or JSON lines behind a collector's head) with ANSI escape sequences in its first bytes: they are taken out on the way in (src/input/ansi.ts). */
  readonly ansi?: true;
  /** JSON lines behind a collector's head (see headedJson): each line's JSON starts right after its head (src/input/fields.ts jsonLineRecord). */
  readonly headed?: true;
  /** Colours written as text in its first bytes (`\u001b[1m`): they are taken out on the way in (src/input/ansi.ts). */
  readonly colours?: true;
  /** For a binary input whose magic bytes tell: what it is, and how to scan it (see binaryKind). */
  readonly binaryKind?: string;
  /** Plain text whose times are UTC whatever --tz says: a W3C extended log (see w3cHead). */
  readonly utc?: true;
}

/** Are the input's bytes rewritten on the way in (`\r` line ends, ANSI escapes, colours written as text, YAML as JSON)? Then they are read as a stream, whole: not in place, nor split. */
export const rewritten = (s: Sniffed): boolean => s.lineEnds === 'cr' || s.ansi === true || s.colours === true || s.format === 'yaml';

/**
 * Is every line that ends in the first DETECT_BYTES (the first whole in HOLD_BYTES) a collector's head and a
 * JSON object (a program that logs JSON, under `kubectl logs --timestamps`), or a line of text under a
 * collector's time that carries on no stack trace (Heroku's router lines, a banner: see textUnderHead),
 * one of them JSON? The file is JSON lines then: each line's object is its record's fields, and its text,
 * head and all, is the record's text; a line of text is a record of text. A frame or a line with no head
 * among them (a stack trace on stderr) leaves the file to plain text, whose records keep a stack trace
 * together. Undefined while the first line goes on past the bytes read and more can be read (up to
 * HOLD_BYTES: a longer first line is none).
 */
function headedJson(head: Uint8Array, complete: boolean, escapes: boolean): boolean | undefined {
  const held = head.subarray(0, HOLD_BYTES);
  let start = skipBlanks(held, 0);
  if (start >= held.length || held[start] === 0x7b) return false;
  // No `{` in what is looked at, nor in what more could be: no JSON behind a head (most plain text, at once).
  if (held.indexOf(0x7b) === -1 && (complete || (head.length > DETECT_BYTES && held.indexOf(LF) !== -1))) return false;
  const whole = complete && head.length <= HOLD_BYTES;
  // Lines of kubetail's preamble still to pass over (see KUBETAIL_PREAMBLE); -1 before the first line.
  let preamble = -1;
  let first = true;
  // A line of JSON behind a head was seen (lines of text alone are plain text).
  let json = false;
  for (; start < held.length; start = skipBlanks(held, start)) {
    const nl = held.indexOf(LF, start);
    const end = nl !== -1 ? nl : whole ? held.length : -1;
    // The first line must end in what may be read; the others are looked at in the first DETECT_BYTES only.
    if (end === -1) {
      if (!first) return head.length > DETECT_BYTES ? json : undefined;
      return complete || head.length > HOLD_BYTES ? false : undefined;
    }
    if (!first && end > DETECT_BYTES) return json;
    // The line as the engine reads it: from its first byte (blanks before a head are none), less a `\r`.
    // Its ANSI escapes taken out (`docker compose logs --ansi always`, `stern --color always`), as they are on the way in.
    const bytes = held.subarray(start === 0 ? 0 : held.lastIndexOf(LF, start - 1) + 1, end);
    const text = decode(escapes ? stripEscapes(Buffer.from(bytes), true).out : bytes, true).replace(/\r$/, '');
    if (preamble === -1) preamble = Number(KUBETAIL_PREAMBLE.exec(text)?.[1] ?? -1) + 1;
    if (preamble > 0) {
      // The preamble's lines are lines of text (the engine reads them so); the first log line after them has a head.
      preamble--;
      start = end;
      continue;
    }
    const m = COLLECTOR_HEAD.exec(text);
    // The first line has a head (JSON lines without one are told apart by formatOf).
    if (m !== null && !(first && m[0] === '') && isObject(text.slice(m[0].length))) json = true;
    else if (!textUnderHead(text)) return false;
    first = false;
    start = end;
  }
  // A preamble alone is none.
  return json;
}

/** kubetail's first lines: `Will tail N logs...`, then the N pods' (and containers') names it tails. */
const KUBETAIL_PREAMBLE = /^Will tail (\d{1,4}) logs\.\.\.$/;

/** What detection is told besides the bytes (see OpenOptions in open.ts, which holds them too). */
export interface SniffOptions {
  /** `--delimiter`: CSV fields are split by it, whatever the header holds. */
  readonly delimiter?: Delimiter | undefined;
  /** Where wrapped exports hold their records (`--records`) and the fields given (see detectFormat). */
  readonly shape?: JsonShape | undefined;
  /** Is the name a catalog code? A CSV file whose columns codes name, holding counts, is a table of counts (see countTable). */
  readonly isCode?: ((name: string) => boolean) | undefined;
}

/**
 * Everything decided from an input's first bytes (at most HOLD_BYTES + 1 of them are looked at): undefined
 * while more are needed, never when `complete` (the head is the whole input) or past HOLD_BYTES. The same
 * input gives the same answer however much of it was read ahead.
 */
export function sniff(name: string, head: Uint8Array, choice: FormatChoice, complete: boolean, { delimiter, shape = DEFAULT_SHAPE, isCode }: SniffOptions = {}): Sniffed | undefined {
  const ends = lineEnds(head, complete);
  if (ends === undefined) return undefined;
  const read = ends === 'cr' ? crToLfHead(head) : head;
  const format = detectFormat(name, read, choice, complete, shape);
  if (format === undefined) return undefined;
  // A file whose magic bytes tell what it is (an Excel workbook, another compression than gzip) is binary, NUL or not.
  const kind = binaryKind(head);
  if (kind !== undefined) return { lineEnds: ends, format, binary: true, binaryKind: kind };
  const binary = isBinary(head);
  // Looked for in the first DETECT_BYTES alone: every call reads that much, or the whole input.
  const colours = !binary && hasWrittenColours(head, DETECT_BYTES) ? { colours: true as const } : {};
  const escapes = !binary && (format === 'text' || format === 'jsonl') && hasEscapes(head.subarray(0, HOLD_BYTES));
  if (!binary && (format === 'jsonl' || (format === 'text' && choice === 'auto'))) {
    const headed = headedJson(read, complete, escapes);
    if (headed === undefined) return undefined;
    if (headed) return { lineEnds: ends, format: 'jsonl', binary, headed: true, ...(escapes ? { ansi: true as const } : {}), ...colours };
  }
  if (format === 'text' && !binary && !escapes && !complete && head.length <= HOLD_BYTES) return undefined; // a stream and a file read as far
  const unread = format === 'csv' || format === 'yaml' || binary ? undefined : unreadShape(read);
  if (unread !== undefined) return { lineEnds: ends, format, binary, unread };
  const utc = format === 'text' && !binary && w3cHead(read) ? { utc: true as const } : {};
  if (format === 'text' && escapes) return { lineEnds: ends, format, binary, ansi: true, ...colours, ...utc };
  if (format !== 'csv' || binary) return { lineEnds: ends, format, binary, ...colours, ...utc };
  const dialect = csvDialect(name.toLowerCase(), read, complete, delimiter);
  const counts = countTable(read, complete, dialect.delimiter, isCode);
  if (counts !== undefined) return { lineEnds: ends, format, binary, dialect, unread: counts };
  return { lineEnds: ends, format, binary, dialect, ...colours };
}

/** The head with its `\r`s as `\n` (a `\r\n` becomes an empty line, which detection skips). */
function crToLfHead(head: Uint8Array): Buffer {
  const copy = Buffer.from(head);
  for (let i = copy.indexOf(CR); i !== -1; i = copy.indexOf(CR, i + 1)) copy[i] = LF;
  return copy;
}

/** UTF-8 text of the bytes; a character cut at their end is left out unless they are the whole input. */
function decode(bytes: Uint8Array, whole: boolean): string {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  // Whole, a decoder's end is toString's U+FFFD for a cut character: without a decoder made per line.
  return whole ? b.toString('utf8') : new StringDecoder('utf8').write(b);
}

function isObject(line: string): boolean {
  const parsed = parseJson(line);
  return !('err' in parsed) && isJsonObject(parsed.value);
}

/**
 * True when the first byte after ASCII white space is an ASCII character other than `{` and `[`: neither a
 * JSON array nor JSON lines then, which most logs show at once without their head being decoded.
 */
function startsAsText(head: Uint8Array): boolean {
  const c = firstByte(head);
  return c !== undefined && c < 0x80 && c !== 0x7b && c !== 0x5b;
}

/** The first byte after ASCII white space, or undefined. */
function firstByte(head: Uint8Array): number | undefined {
  let i = 0;
  while (i < head.length && (head[i] === 0x20 || (head[i]! >= 0x09 && head[i]! <= 0x0d))) i++;
  return head[i];
}

/** The name that decides the format of a compressed file: `x.jsonl.gz` → `x.jsonl`. */
export function innerName(name: string): string {
  return name.replace(/\.(gz|gzip)$/i, '').replace(/\.tgz$/i, '.tar');
}
