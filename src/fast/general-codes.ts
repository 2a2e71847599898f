import { ESCAPE_LETTERS, pastEscape, WORD } from '../extract/chars.js';
import type { Matcher } from '../extract/matcher.js';
import type { LineFindings } from './line-findings.js';
import type { Sampler } from './sampler.js';
import { isUnknownValue } from './unknown.js';

/**
 * Catalog lookups for any catalog (codes that are not words, or words without a `_`): one compiled pattern
 * over latin1-decoded bytes (one character per byte, so positions are byte offsets) finds where a code may
 * start; each place is then checked exactly, every code starting there counted.
 */
export class GeneralCodes {
  readonly pattern: RegExp;
  /** Lower-cased first byte → [lower-cased code bytes, catalog index], longest first. */
  readonly byFirst = new Map<number, [Buffer, number][]>();
  /** Lower-cased code → catalog index (a word that is a code is never an unknown value). */
  readonly index: Map<string, number>;
  /** Length of the longest code. */
  readonly longest: number;

  constructor(m: Matcher) {
    const entries = m.catalog.entries;
    const alternatives = entries
      .map((e) => e.code.toLowerCase())
      .sort((a, b) => b.length - a.length)
      .map((code) => [...code].map((ch) => (/[a-z]/.test(ch) ? `[${ch}${ch.toUpperCase()}]` : ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'))).join(''));
    // After a word character only where an escape's tail ends (see pastEscape; codesAt checks it exactly).
    this.pattern = new RegExp(alternatives.length === 0 ? '(?!)' : `(?:(?<![A-Za-z0-9_])|(?<=\\\\(?:[${ESCAPE_LETTERS}]|u[0-9A-Fa-f]{4})|%[0-9A-Fa-f]{2}))(?:${alternatives.join('|')})`, 'g');
    entries.forEach((e, i) => {
      const key = Buffer.from(e.code.toLowerCase(), 'latin1');
      const list = this.byFirst.get(key[0]!) ?? [];
      list.push([key, i]);
      list.sort((a, b) => b[0].length - a[0].length);
      this.byFirst.set(key[0]!, list);
    });
    this.index = new Map(entries.map((e, i) => [e.code.toLowerCase(), i]));
    this.longest = m.maxCodeLength;
  }

  /** Records every code that starts at p in the line buf[ls, le) with word boundaries on both sides. */
  codesAt(buf: Buffer, found: LineFindings, line: number, ls: number, le: number, p: number, sample: Sampler): void {
    if (p > ls && WORD[buf[p - 1]!] === 1) {
      // Only past an escape's tail (`\nstorage_error`): the word that reaches p starts with it.
      let s = p - 1;
      while (s > ls && WORD[buf[s - 1]!] === 1) s--;
      if (pastEscape(buf, ls, s, le) !== p) return;
    }
    const first = buf[p]!;
    for (const [key, idx] of this.byFirst.get(first >= 65 && first <= 90 ? first + 32 : first) ?? []) {
      const end = p + key.length;
      if (end > le || (end < le && WORD[buf[end]!] === 1)) continue;
      let i = 0;
      while (i < key.length) {
        const c = buf[p + i]!;
        if ((c >= 65 && c <= 90 ? c + 32 : c) !== key[i]) break;
        i++;
      }
      if (i !== key.length || !found.isNew(idx, line)) continue;
      found.addCode(idx, line, sample.text(p, key.length));
    }
  }

  /**
   * Every code and unknown-code value in one record buf[s, e) read as plain text (a CSV record, a JSON
   * element: line breaks inside it are its text), as TextFastScan reads a line with this catalog.
   */
  scanRecord(buf: Buffer, found: LineFindings, line: number, s: number, e: number, sample: Sampler): void {
    const text = buf.toString('latin1', s, e);
    const re = this.pattern;
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      this.codesAt(buf, found, line, s, e, s + m.index, sample);
      re.lastIndex = m.index + 1;
    }
    for (let u = text.indexOf('_'); u !== -1 && s + u < e; u = text.indexOf('_', u + 1)) {
      u = checkUnknownWord(buf, this, found, s, e, s + u, sample) - s;
    }
  }

  /** Every place in buf[0, to) where a code may start, in order. */
  places(buf: Buffer, to: number): number[] {
    const out: number[] = [];
    const text = buf.toString('latin1', 0, to);
    const re = this.pattern;
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      out.push(m.index);
      re.lastIndex = m.index + 1;
    }
    return out;
  }
}

/** With a general catalog: an unknown-code value around the `_` at u (codes are found by the pattern). */
export function checkUnknownWord(buf: Buffer, general: GeneralCodes, found: LineFindings, ls: number, le: number, u: number, sample: Sampler, cut = false): number {
  let s = u;
  while (s > ls && WORD[buf[s - 1]!] === 1) s--;
  let e = u + 1;
  while (e < le && WORD[buf[e]!] === 1) e++;
  if (cut && e === le) return e;
  if (isUnknownValue(buf, ls, s, e)) {
    const code = buf.toString('latin1', s, e);
    if (!general.index.has(code.toLowerCase())) found.addUnknown(code, sample.text(s, e - s));
  }
  return e;
}

