import type { Matcher } from '../extract/matcher.js';
import { GeneralCodes } from './general-codes.js';
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

/** The byte scanners' tables for a catalog, each built once per scan (and per worker), shared by its files. */
export const codeWordsOf = perMatcher((m) => new CodeWords(m));
export const generalCodesOf = perMatcher((m) => new GeneralCodes(m));
/** Per catalog index: the code's length in bytes. */
export const codeLengthsOf = perMatcher((m) => Int32Array.from(m.catalog.entries, (e) => e.code.length));
/** The codes the kernel's catalog is set from (none for a catalog that is not all words). */
export const kernelCodesOf = perMatcher((m) => (m.wordCodes ? m.catalog.entries.map((e) => e.code) : undefined));
/** Lower-cased code → catalog index. */
export const codeIndexOf = perMatcher((m) => new Map(m.catalog.entries.map((e, i) => [e.code.toLowerCase(), i])));
