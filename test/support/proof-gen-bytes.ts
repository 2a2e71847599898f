/**
 * The bytes of a generated input for the reader property tests (see proof-gen.ts): line ends, junk bytes,
 * BOM, UTF-16 and gzip; file names that make auto-detection pick the format; chunking.
 */
import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { JUNK, PLACEHOLDER } from './proof-gen-text.js';
import type { Format } from './proof-gen-expected.js';

export type LineEnds = 'lf' | 'crlf' | 'mixed' | 'cr';

export interface Encoding {
  readonly lineEnds: LineEnds;
  /** Per line end, for `mixed`: CRLF when true. */
  readonly crlf: readonly boolean[];
  readonly bom: boolean;
  readonly utf16: 'no' | 'le' | 'be';
  readonly gzip: boolean;
  /** gzip only: cut into two members at this byte (modulo the length) when not null. */
  readonly members: number | null;
}

export const encodingArb = (format: Format): fc.Arbitrary<Encoding> =>
  fc.record({
    // csv-parse takes the first line end as the record delimiter: a CSV file keeps one style.
    lineEnds: format === 'csv' ? fc.constantFrom<LineEnds>('lf', 'crlf', 'cr') : fc.constantFrom<LineEnds>('lf', 'crlf', 'mixed', 'cr'),
    crlf: fc.array(fc.boolean(), { maxLength: 64 }),
    bom: fc.boolean(),
    utf16: fc.constantFrom<'no' | 'le' | 'be'>('no', 'no', 'no', 'no', 'le', 'be'),
    gzip: fc.boolean(),
    members: fc.option(fc.nat(), { freq: 3 }),
  });

/** The bytes of a built input: line ends, junk bytes (UTF-8) or spaces (UTF-16), BOM, gzip. */
export function encode(text: string, e: Encoding): Buffer {
  let k = 0;
  const ends = text.replace(/\n/g, () => {
    if (e.lineEnds === 'crlf') return '\r\n';
    if (e.lineEnds === 'cr') return '\r';
    if (e.lineEnds === 'mixed') return e.crlf[k++ % Math.max(1, e.crlf.length)] === true ? '\r\n' : '\n';
    return '\n';
  });
  let bytes: Buffer;
  if (e.utf16 !== 'no') {
    const s = ends.replace(/[\ue000-\ue00f]/g, ' ');
    const le = Buffer.from('\ufeff' + s, 'utf16le');
    if (e.utf16 === 'be') for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
    bytes = le;
  } else {
    const parts = ends.split(/([\ue000-\ue00f])/);
    bytes = Buffer.concat(parts.map((p, i) => (i % 2 === 1 ? JUNK[p.charCodeAt(0) - PLACEHOLDER]! : Buffer.from(p, 'utf8'))));
    if (e.bom) bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
  }
  if (!e.gzip) return bytes;
  if (e.members === null) return gzipSync(bytes);
  // A multi-member gzip file (as `cat a.gz b.gz` makes): every member is read.
  const cut = e.members % (bytes.length + 1);
  return Buffer.concat([gzipSync(bytes.subarray(0, cut)), gzipSync(bytes.subarray(cut))]);
}

/** The file name that makes auto-detection pick the format. */
export const fileName = (format: Format, gzip: boolean): string =>
  ({ text: 'input.log', jsonl: 'input.jsonl', csv: 'input.csv', json: 'input.json' })[format] + (gzip ? '.gz' : '');

/** Cuts bytes into chunks of the given sizes (cycled). */
export function chunks(bytes: Buffer, sizes: readonly number[]): Buffer[] {
  const out: Buffer[] = [];
  let i = 0;
  let k = 0;
  while (i < bytes.length) {
    const n = Math.max(1, sizes[k++ % Math.max(1, sizes.length)] ?? bytes.length);
    out.push(bytes.subarray(i, i + n));
    i += n;
  }
  return out;
}
