import { WORD } from '../extract/chars.js';
import { CODE_FIELDS } from '../model/record.js';

/** Keys (lower-cased, matched in any case) whose code-shaped values are unknown codes: the code fields'. */
export const UNKNOWN_KEYS: readonly string[] = [...new Set(CODE_FIELDS.map((k) => k.toLowerCase()))];
const KEYS = UNKNOWN_KEYS.map((k) => Buffer.from(k, 'latin1'));
const QUOTE = 0x22;
const isSpace = (c: number | undefined): boolean => c === 0x20 || c === 0x09;
const lower = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);

/**
 * True when the word buf[s, e) (a run of [A-Za-z0-9_] holding a `_`) is an unknown-code value: shaped like
 * a code and given to a `code`, `error_code` or `errorCode` key — the byte form of the text rule, read
 * backwards from the value: optional `"`, spaces, `=` or `:`, spaces, optional `"`, the key, a boundary.
 */
export function isUnknownValue(buf: Buffer, ls: number, s: number, e: number): boolean {
  let j = s - 1;
  if (j < ls) return false;
  let c = buf[j];
  if (c !== QUOTE && c !== 0x3d && c !== 0x3a && !isSpace(c)) return false;
  if (!codeShaped(buf, s, e)) return false;
  if (c === QUOTE) j--;
  while (j >= ls && isSpace(buf[j])) j--;
  c = buf[j];
  if (j < ls || (c !== 0x3d && c !== 0x3a)) return false;
  j--;
  while (j >= ls && isSpace(buf[j])) j--;
  if (j >= ls && buf[j] === QUOTE) j--;
  // The key ends at j.
  for (const key of KEYS) {
    const start = j - key.length + 1;
    if (start < ls) continue;
    let ok = true;
    for (let i = 0; i < key.length && ok; i++) ok = lower(buf[start + i]!) === key[i];
    if (ok && (start === ls || WORD[buf[start - 1]!] !== 1)) return true;
  }
  return false;
}

/** A letter, then letters or digits, then `_`-joined groups of letters or digits. */
function codeShaped(buf: Buffer, s: number, e: number): boolean {
  const first = buf[s]!;
  if (!((first >= 65 && first <= 90) || (first >= 97 && first <= 122))) return false;
  if (buf[e - 1] === 0x5f) return false;
  let groups = 1;
  for (let i = s + 1; i < e; i++) {
    if (buf[i] === 0x5f) {
      if (buf[i - 1] === 0x5f) return false;
      groups++;
    }
  }
  return groups >= 2;
}
