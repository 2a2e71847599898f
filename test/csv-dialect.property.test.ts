/**
 * CSV with another delimiter than `,`, on random files: a file whose `,` and `d` are swapped, split by `d`,
 * has the records of the original split by `,` (the delimiter is the splitter's only difference); and the
 * fast path (CsvFastScan) and the record reader (csvRecords + FileScan) agree with `d`, whatever the chunks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvFastScan } from '../src/fast/csv-scan.js';
import { CsvSplitter } from '../src/input/csv-split.js';
import { fieldValues } from '../src/input/csv.js';
import { csvRecords } from './oracle/csv.js';
import type { Delimiter } from '../src/model/record.js';
import { FileScan } from './oracle/file-scan.js';
import { newFileStat, newTally, type Tally } from '../src/summary/tally.js';
import { chunked, defaultMatcher, report } from './support/engines.js';
import { runFast } from './support/structured.js';

const COLUMNS = ['time', 'code', 'msg', 'account', 'level'];
const VALUES = ['storage_error', ' smime_error ', '', '2026-03-18T10:15:00Z', 'a,b;c|d\te storage_error', 'two\nlines web_hook_moved', 'say "hi"', 'Bob@Example.COM', 'code=foo_bar', '1,5 GB'];
const field = fc.tuple(fc.constantFrom(...VALUES), fc.boolean()).map(([v, q]) => (q || /[",;|\t\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v));
const csvFile = fc
  .record({
    header: fc.array(fc.constantFrom(...COLUMNS), { minLength: 1, maxLength: 4 }),
    rows: fc.array(fc.record({ fields: fc.array(field, { minLength: 1, maxLength: 5 }), width: fc.integer({ min: 0, max: 5 }), damage: fc.option(fc.nat(), { freq: 5 }), end: fc.constantFrom('\n', '\r\n') }), { maxLength: 15 }),
  })
  .map(({ header, rows }) => {
    let out = header.join(',') + '\n';
    for (const r of rows) {
      const width = r.width < 4 ? header.length : r.width === 4 ? header.length + 1 : Math.max(1, header.length - 1);
      let text = Array.from({ length: width }, (_, k) => r.fields[k % r.fields.length]!).join(',');
      if (r.damage !== null) text = text.slice(0, r.damage % (text.length + 1)) + '"x' + text.slice(r.damage % (text.length + 1));
      out += text + r.end;
    }
    return out;
  });
const delimiter = fc.constantFrom<Delimiter>(';', '\t', '|');

/** `,` and `d` swapped, everywhere. */
const swap = (text: string, d: string): string => [...text].map((c) => (c === ',' ? d : c === d ? ',' : c)).join('');

function splitAll(text: string, d: Delimiter): [number, string[] | 'bad'][] {
  const split = new CsvSplitter(Infinity, undefined, d);
  const buf = Buffer.from(text, 'utf8');
  const out: [number, string[] | 'bad'][] = [];
  split.split(buf, 0, buf.length, true, { record: (b, _s, _e, line, bad) => out.push([line, bad ? 'bad' : fieldValues(b, split)]), skipped: () => undefined });
  return out;
}

async function* iterate(chunks: readonly Buffer[]): AsyncGenerator<Buffer> {
  for (const c of chunks) yield c;
}

async function reference(bytes: Buffer, d: Delimiter): Promise<Tally> {
  const m = defaultMatcher();
  const tally = newTally();
  const stat = newFileStat('a');
  tally.files.set('a', stat);
  const scan = new FileScan(tally, stat, m, {}, null);
  for await (const rec of csvRecords(iterate([bytes]), 1 << 20, d)) scan.push(rec);
  // The file's end: each code's first and last occurrences join its evidence.
  scan.end();
  return tally;
}

describe('CSV with another delimiter', () => {
  it('splits a file with `,` and the delimiter swapped into the records of the original', () => {
    fc.assert(
      fc.property(csvFile, delimiter, (text, d) => {
        const swapped = splitAll(swap(text, d), d).map(([line, v]) => [line, v === 'bad' ? v : v.map((x) => swap(x, d))]);
        expect(swapped).toEqual(splitAll(text, ','));
      }),
      { numRuns: 300, seed: 5310 },
    );
  });

  it('gives the same report on the fast path and the record reader, whatever the chunk sizes', async () => {
    const m = defaultMatcher();
    await fc.assert(
      fc.asyncProperty(csvFile, delimiter, fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 5 }), async (text, d, cut) => {
        const bytes = Buffer.from(swap(text, d), 'utf8');
        const fast = runFast((tally, stat) => new CsvFastScan(tally, stat, m, {}, 1 << 20, false, null, d), chunked(bytes, cut));
        const ref = await reference(bytes, d);
        expect(report(fast, m)).toEqual(report(ref, m));
        expect([...fast.files]).toEqual([...ref.files]);
      }),
      { numRuns: 200, seed: 5311 },
    );
  });
});
