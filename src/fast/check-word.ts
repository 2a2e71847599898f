import { pastEscape, WORD } from '../extract/chars.js';
import type { Kernel } from './kernels.js';
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
  // Only a word as long as some code is looked up (near misses like storage_error_count are not); one that is
  // no code as it stands, again past an escape's tail at its start (`\nstorage_error`).
  let idx = lookUp(words, buf, s, e);
  const esc = idx === -1 ? pastEscape(buf, ls, s, e) : s;
  if (esc !== s && (idx = lookUp(words, buf, esc, e)) !== -1) s = esc;
  const n = e - s;
  if (idx !== -1) {
    if (found.isNew(idx, line)) found.addCode(idx, line, sample.text(s, n));
  } else if (isUnknownValue(buf, ls, s, e)) {
    const code = buf.toString('latin1', s, e);
    // `line` is the record's first line (or a long line's key, below 0): never after the line counted.
    found.addUnknown(code, found.wantsUnknownSample(code, line) ? sample.text(s, n) : undefined);
  }
  return e;
}

/** The catalog index of the word buf[s, e), or -1: only a word as long as some code is looked up. */
function lookUp(words: CodeWords, buf: Buffer, s: number, e: number): number {
  return e - s < words.lengths.length && words.lengths[e - s] === 1 ? words.table.get(buf, s, e) : -1;
}

/**
 * Records the `_` words of the record buf[s, e) (buf from the kernel's `room`; the sampler on the record),
 * read by the kernel in one call as checkWord reads them one by one: each catalog code once (first place),
 * each unknown-code value. `line` is the record's number (see LineFindings.isNew); `codeLength` the codes'
 * lengths by catalog index. The kernel's output must be free (no batch of it being read: pieceWords writes
 * there). False when there were more words than the output holds: nothing was recorded, and the caller
 * reads them itself.
 */
export function recordWords(kernel: Kernel, found: LineFindings, line: number, s: number, e: number, sampler: Sampler, codeLength: Int32Array): boolean {
  const got = kernel.pieceWords(s, e);
  if (got === undefined) return false;
  const { n, codes, words, at } = got;
  const base = kernel.offset;
  for (let k = 0, w = at; k < n; k++, w += 2) {
    if (k < codes) {
      const idx = words[w]!;
      if (found.isNew(idx, line)) found.addCode(idx, line, sampler.text(words[w + 1]! - base, codeLength[idx]!));
    } else {
      const ws = words[w]! - base;
      const we = words[w + 1]! - base;
      const code = sampler.buf.toString('latin1', ws, we);
      found.addUnknown(code, found.wantsUnknownSample(code, line) ? sampler.text(ws, we - ws) : undefined);
    }
  }
  return true;
}
