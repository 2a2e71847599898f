import { StringDecoder } from 'node:string_decoder';
import type { InputFormat } from '../summary/tally.js';
import { startsJsonObject } from './json-start.js';

/** Bytes a file is sniffed by for binary content. */
export const SNIFF_BYTES = 8192;
/** Bytes whose line ends decide how lines end (see lineEnds). */
export const DETECT_BYTES = 64 * 1024;
/**
 * Most bytes read ahead to find the end of the first line: a first line longer than this is never held
 * whole, it is judged by its beginning (a line of 1 GiB would otherwise be held in memory to be sniffed).
 */
export const HOLD_BYTES = 1024 * 1024;

export type FormatChoice = InputFormat | 'auto';

/** True when the bytes hold a NUL: the file is binary and is skipped. */
export function isBinary(head: Uint8Array): boolean {
  const n = Math.min(head.length, SNIFF_BYTES);
  for (let i = 0; i < n; i++) if (head[i] === 0) return true;
  return false;
}

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** The encoding a byte-order mark announces, and the mark's length. */
export function detectBom(head: Uint8Array): { encoding: Encoding; length: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return { encoding: 'utf-8', length: 0 };
}

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
  let cr = 0;
  let lf = 0;
  const counted = Math.min(head.length, DETECT_BYTES);
  for (let i = 0; i < counted; i++) {
    if (head[i] === CR) {
      if (head[i + 1] === LF) lf++;
      else cr++;
    } else if (head[i] === LF && head[i - 1] !== CR) lf++;
  }
  if (cr + lf > 0) return cr > lf ? 'cr' : 'lf';
  const held = Math.min(head.length, HOLD_BYTES);
  for (let i = counted; i < held; i++) {
    if (head[i] === LF) return 'lf';
    if (head[i] !== CR) continue;
    if (i + 1 < head.length) return head[i + 1] === LF ? 'lf' : 'cr';
    return complete ? 'cr' : undefined;
  }
  return complete || head.length > HOLD_BYTES ? 'lf' : undefined;
}

/**
 * The format of an input from its name (with any `.gz` already removed) and its first bytes, read with the
 * line ends it will be read with: `.jsonl`/`.ndjson` and content whose first non-empty line is a JSON object
 * are JSON lines, `.csv` is CSV, a `.json` file starting with `[` — or any content starting with an array of
 * objects — is a JSON array, the rest is plain text. A first non-empty line that does not end in the first
 * HOLD_BYTES is JSON lines when those bytes are the beginning of a JSON object (startsJsonObject). Undefined
 * when more bytes are needed (`complete`: the head is the whole input).
 */
export function detectFormat(name: string, head: Uint8Array, choice: FormatChoice = 'auto', complete = true): InputFormat | undefined {
  if (choice !== 'auto') return choice;
  const lower = name.toLowerCase();
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  if (lower.endsWith('.csv')) return 'csv';
  // Nothing follows what is read; more can be read.
  const whole = complete && head.length <= HOLD_BYTES;
  const more = !complete && head.length <= HOLD_BYTES;
  const text = decode(head.subarray(0, HOLD_BYTES), whole);
  const start = text.search(/\S/);
  if (start === -1) return more ? undefined : 'text';
  if (text[start] === '[') {
    if (lower.endsWith('.json')) return 'json';
    const next = text.slice(start + 1).search(/\S/);
    if (next === -1) return more ? undefined : 'text';
    const c = text[start + 1 + next];
    return c === '{' || c === ']' ? 'json' : 'text';
  }
  if (text[start] !== '{') return 'text';
  const nl = text.indexOf('\n', start);
  if (nl !== -1 || whole) return isObject(text.slice(start, nl === -1 ? undefined : nl).trim()) ? 'jsonl' : 'text';
  if (more) return undefined;
  // A first line too long to hold: its beginning decides.
  return startsJsonObject(text.slice(start)) ? 'jsonl' : 'text';
}

/** What an input's first bytes tell. */
export interface Sniffed {
  readonly lineEnds: LineEnds;
  readonly format: InputFormat;
  readonly binary: boolean;
}

/**
 * Everything decided from an input's first bytes (at most HOLD_BYTES + 1 of them are looked at): undefined
 * while more are needed, never when `complete` (the head is the whole input) or past HOLD_BYTES. The same
 * input gives the same answer however much of it was read ahead.
 */
export function sniff(name: string, head: Uint8Array, choice: FormatChoice, complete: boolean): Sniffed | undefined {
  const ends = lineEnds(head, complete);
  if (ends === undefined) return undefined;
  const format = detectFormat(name, ends === 'cr' ? crToLfHead(head) : head, choice, complete);
  if (format === undefined) return undefined;
  return { lineEnds: ends, format, binary: isBinary(head) };
}

/** The head with its `\r`s as `\n` (a `\r\n` becomes an empty line, which detection skips). */
function crToLfHead(head: Uint8Array): Buffer {
  const copy = Buffer.from(head);
  for (let i = 0; i < copy.length; i++) if (copy[i] === CR) copy[i] = LF;
  return copy;
}

/** UTF-8 text of the bytes; a character cut at their end is left out unless they are the whole input. */
function decode(bytes: Uint8Array, whole: boolean): string {
  const decoder = new StringDecoder('utf8');
  return whole ? decoder.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)) : decoder.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
}

function isObject(line: string): boolean {
  try {
    const v: unknown = JSON.parse(line);
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  } catch {
    return false;
  }
}

/** The name that decides the format of a compressed file: `x.jsonl.gz` → `x.jsonl`. */
export function innerName(name: string): string {
  return name.replace(/\.(gz|gzip)$/i, '').replace(/\.tgz$/i, '.tar');
}
