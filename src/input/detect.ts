import type { InputFormat } from '../summary/tally.js';

/** Bytes a file is sniffed by: binary check, format and line-end detection. */
export const SNIFF_BYTES = 8192;
/** Bytes read ahead to find a complete first line for JSON-lines detection. */
export const DETECT_BYTES = 64 * 1024;

export type FormatChoice = InputFormat | 'auto';

/** True when the bytes hold a NUL: the file is binary and is skipped. */
export function isBinary(head: Uint8Array): boolean {
  // Buffer's indexOf is memchr: a loop here cost more than reading a small file.
  return Buffer.from(head.buffer, head.byteOffset, Math.min(head.length, SNIFF_BYTES)).indexOf(0) !== -1;
}

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** The encoding a byte-order mark announces, and the mark's length. */
export function detectBom(head: Uint8Array): { encoding: Encoding; length: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return { encoding: 'utf-8', length: 0 };
}

/** True when the head ends its lines with `\r` alone (classic Mac exports): it has `\r` and no `\n`. */
export function usesBareCr(head: Uint8Array): boolean {
  return head.indexOf(0x0a) === -1 && head.indexOf(0x0d) !== -1;
}

/**
 * The format of an input from its name (with any `.gz` already removed) and its first bytes:
 * `.jsonl`/`.ndjson` and content whose first non-empty line is a JSON object are JSON lines, `.csv` is CSV,
 * a `.json` file starting with `[` — or any content starting with an array of objects — is a JSON array,
 * the rest is plain text.
 */
export function detectFormat(
  name: string,
  head: Uint8Array,
  choice: FormatChoice = 'auto',
  /** The head is the whole input. */
  complete = true,
): InputFormat {
  if (choice !== 'auto') return choice;
  const lower = name.toLowerCase();
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  if (lower.endsWith('.csv')) return 'csv';
  if (startsAsText(head)) return 'text';
  const text = Buffer.from(head.buffer, head.byteOffset, head.length).toString('utf8');
  const start = text.trimStart();
  if (lower.endsWith('.json') && start.startsWith('[')) return 'json';
  if (/^\[\s*[{\]]/.test(start)) return 'json';
  if (firstLineIsObject(text, complete)) return 'jsonl';
  return 'text';
}

/**
 * True when the first byte after ASCII white space is an ASCII character other than `{` and `[`: neither a
 * JSON array nor JSON lines then, which most logs show at once without their head being decoded.
 */
function startsAsText(head: Uint8Array): boolean {
  let i = 0;
  while (i < head.length && (head[i] === 0x20 || (head[i]! >= 0x09 && head[i]! <= 0x0d))) i++;
  const c = head[i];
  return c !== undefined && c < 0x80 && c !== 0x7b && c !== 0x5b;
}

function firstLineIsObject(text: string, complete: boolean): boolean {
  // Line by line up to the first non-empty one (not split whole: the head may be 64 KiB of short lines).
  for (let s = 0; s <= text.length; ) {
    const nl = text.indexOf('\n', s);
    const last = nl === -1;
    const line = text.slice(s, last ? text.length : nl).trim();
    s = last ? text.length + 1 : nl + 1;
    if (line === '') continue;
    if (!line.startsWith('{')) return false;
    // Only a complete line can tell: the last piece of a head that is not the whole input may be cut.
    if (last && !complete) return false;
    try {
      const v: unknown = JSON.parse(line);
      return v !== null && typeof v === 'object' && !Array.isArray(v);
    } catch {
      return false;
    }
  }
  return false;
}

/** The name that decides the format of a compressed file: `x.jsonl.gz` → `x.jsonl`. */
export function innerName(name: string): string {
  return name.replace(/\.(gz|gzip)$/i, '').replace(/\.tgz$/i, '.tar');
}
