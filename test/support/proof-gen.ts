/**
 * Generators of log inputs with catalog codes injected at KNOWN places, for the reader property tests.
 * Every generator returns the text it built together with what the counting rules say about it — per
 * record, its line and the codes placed in it — worked out from the placements, never by scanning.
 *
 * Text is built with `\n` line ends and placeholder characters (U+E000…) where invalid UTF-8 goes; `encode`
 * then applies the line-end style, the BOM, UTF-16, the junk bytes and gzip.
 */
export * from './proof-gen-text.js';
export * from './proof-gen-expected.js';
export * from './proof-gen-json.js';
export * from './proof-gen-csv.js';
export * from './proof-gen-bytes.js';
