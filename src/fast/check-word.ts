import { WORD } from '../extract/chars.js';
import type { LineFindings } from './line-findings.js';
import type { Sampler } from './sampler.js';
import type { CodeWords } from './catalog-tables.js';
import { isUnknownValue } from './unknown.js';

/**
 * Checks the word around the `_` at u in the line buf[ls, le) — a catalog code or an unknown-code value —
 * and records it; returns where the word ends. `cut` says the line goes on past le (a piece of a long
 * line): a word touching le is then left for the next piece.
 */
export function checkWord(
  buf: Buffer,
  words: CodeWords,
  found: LineFindings,
  line: number,
  ls: number,
  le: number,
  u: number,
  sample: Sampler,
  cut = false,
): number {
  let s = u;
  while (s > ls && WORD[buf[s - 1]!] === 1) s--;
  let e = u + 1;
  while (e < le && WORD[buf[e]!] === 1) e++;
  if (cut && e === le) return e;
  const n = e - s;
  // Only a word as long as some code is looked up (near misses like storage_error_count are not).
  const idx = n < words.lengths.length && words.lengths[n] === 1 ? words.table.get(buf, s, e) : -1;
  if (idx !== -1) {
    if (found.isNew(idx, line)) found.addCode(idx, line, found.wantsSample(idx) ? sample.text(s, n) : undefined);
  } else if (isUnknownValue(buf, ls, s, e)) {
    found.addUnknown(buf.toString('latin1', s, e), sample.text(s, n));
  }
  return e;
}
