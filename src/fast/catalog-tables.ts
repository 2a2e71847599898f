import { WORD } from '../extract/chars.js';
import type { Matcher } from '../extract/matcher.js';
import type { LineFindings } from './line-findings.js';
import { WordTable } from './word-table.js';

/**
 * A table derived from a catalog, built once per matcher (a scan, or a worker) and shared by every file it
 * scans: making it per file cost more than scanning a small file.
 */
function perMatcher<T>(make: (m: Matcher) => T): (m: Matcher) => T {
  const cache = new WeakMap<Matcher, { value: T }>();
  return (m) => {
    let hit = cache.get(m);
    if (hit === undefined) {
      hit = { value: make(m) };
      cache.set(m, hit);
    }
    return hit.value;
  };
}

/** Catalog lookups for the byte scanners: codes by their bytes, and which word lengths can be codes. */
export class CodeWords {
  readonly table: WordTable;
  readonly lengths: Uint8Array;
  constructor(m: Matcher) {
    if (!m.wordCodes) throw new Error('the word scanner needs a catalog whose codes are words with a `_`');
    this.table = new WordTable(m.catalog.entries);
    this.lengths = new Uint8Array(m.maxCodeLength + 1);
    for (const e of m.catalog.entries) this.lengths[e.code.length] = 1;
  }
}

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
    this.pattern = new RegExp(alternatives.length === 0 ? '(?!)' : `(?<![A-Za-z0-9_])(?:${alternatives.join('|')})`, 'g');
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
  codesAt(buf: Buffer, found: LineFindings, line: number, ls: number, le: number, p: number, sample: { text(p: number, n: number): string }): void {
    if (p > ls && WORD[buf[p - 1]!] === 1) return;
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
      found.addCode(idx, line, found.wantsSample(idx) ? sample.text(p, key.length) : undefined);
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

/** The byte scanners' tables for a catalog, each built once per scan (and per worker), shared by its files. */
export const codeWordsOf = perMatcher((m) => new CodeWords(m));
export const generalCodesOf = perMatcher((m) => new GeneralCodes(m));
/** Per catalog index: the code's length in bytes. */
export const codeLengthsOf = perMatcher((m) => Int32Array.from(m.catalog.entries, (e) => e.code.length));
/** The codes the kernel's catalog is set from (none for a catalog that is not all words). */
export const kernelCodesOf = perMatcher((m) => (m.wordCodes ? m.catalog.entries.map((e) => e.code) : undefined));
/** Lower-cased code → catalog index. */
export const codeIndexOf = perMatcher((m) => new Map(m.catalog.entries.map((e, i) => [e.code.toLowerCase(), i])));
