/**
 * The CSV fast path (CsvFastScan) against the record reader (csvRecords + FileScan) on random CSV files:
 * quoted fields with commas, quotes and line breaks, CRLF and LF mixed, code columns or none, JSON in scope
 * columns (CloudWatch Insights' `@message`) or others, codes in
 * other columns, rows of the wrong width, quote errors, blank lines, random chunkings and limits. The
 * splitter's rows are also checked against csv-parse where csv-parse reads the file as intended.
 */
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvSplitter } from '../src/input/csv-split.js';
import { fieldValues } from '../src/input/csv.js';
import { chunked, defaultMatcher, generalMatcher, report } from './support/engines.js';
import { fastCsv, referenceStructured } from './support/structured.js';
import { windowArb } from './support/windows.js';
import { runs } from './support/runs.js';

const COLUMNS = ['time', 'code', 'error_code', 'errorCode', 'Code', 'timestamp', 'ts', 'msg', 'account', 'email', 'user', 'level', 'n', 'message', '@message'];
const VALUES = [
  'storage_error', 'STORAGE_USER_WITH_ERROR', ' smime_error ', 'Execution_Failed', 'web_hook_moved', 'quota_exceeded', '', ' ', '500',
  'mentions smime_error here', 'code=foo_bar', 'error_code: zip_zap', 'a "quoted" storage_error', 'x,y storage_error', 'two\nlines web_hook_moved',
  'crlf\r\ninside', '2026-03-18T10:15:00Z', '2026-03-18 12:00:00', '1710756000', '2026-03-18', 'at 2026-03-18T08:00:00Z smime_error',
  'Bob@Example.COM', 'x@y.io z@w.org', 'E-101', '-', 'N/A', 'ann@x.io.PST', 'x@y.pst', 'Lee <lee@x.io>', 'Kim <kim@x.io>;', '>;',
  // The JSON a service logged, in a scope column (or any other), whole or not.
  '{"code":"storage_error","msg":"also smime_error"}', '{"level":"error","msg":"smime_error for a@b.io"}', '{"code":"quota_exceeded","ts":"2026-03-18T09:00:00Z"}',
  '{"ts":1710756000,"user":"Lee <lee@x.io>","error_code":"web_hook_moved"}', '{"code":""}', '{not json storage_error', '{"time":"2026-03-18","code":"-"}', ' {"code":"smime_error"}', 'e-101-x failed', 'TimeOut', 'quota.full.', 'a+b', 'stórage_error', 'WEB_HOO\u212A_MOVED', '""', '"', 'é', 'a'.repeat(500) + ' storage_error',
];

const value = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...VALUES) }, { weight: 1, arbitrary: fc.string({ maxLength: 5 }) });

/** A field as written: quoted when it must be, or when the coin says so. */
const field = fc.tuple(value, fc.boolean()).map(([v, q]) => (q || /[",\r\n]/.test(v) || v.startsWith('"') ? `"${v.replaceAll('"', '""')}"` : v));

/** A record's text from its fields; damaged ones break the quoting as exporters do. */
const damage = fc.constantFrom('"', '"x"y', 'a"b', '"open', ',', '\r');

const csvFile = fc
  .record({
    header: fc.array(fc.constantFrom(...COLUMNS), { minLength: 1, maxLength: 5 }),
    rows: fc.array(
      fc.record({
        fields: fc.array(field, { minLength: 1, maxLength: 6 }),
        width: fc.integer({ min: 0, max: 9 }),
        damage: fc.option(fc.tuple(damage, fc.nat()), { freq: 6 }),
        end: fc.constantFrom('\n', '\r\n', '\n\n', '\r\n\r\n'),
      }),
      { maxLength: 25 },
    ),
    headerEnd: fc.constantFrom('\n', '\r\n'),
    finalNewline: fc.boolean(),
  })
  .map(({ header, rows, headerEnd, finalNewline }) => {
    let out = header.join(',') + headerEnd;
    rows.forEach((r, i) => {
      // Mostly the header's width; now and then one more or less.
      const width = r.width < 7 ? header.length : r.width === 7 ? header.length + 1 : Math.max(1, header.length - 1);
      const fields = Array.from({ length: width }, (_, k) => r.fields[k % r.fields.length]!);
      let text = fields.join(',');
      if (r.damage !== null) {
        const [junk, at] = r.damage;
        const k = at % (text.length + 1);
        text = text.slice(0, k) + junk + text.slice(k);
      }
      out += text + (i < rows.length - 1 || finalNewline ? r.end : '');
    });
    return Buffer.from(out, 'utf8');
  });

const sizes = fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 6 });
const fieldOptions = fc.constantFrom({}, {}, { codeField: 'msg' }, { timeField: 'n' }, { codeField: 'Level', timeField: 'msg' });

describe('the CSV fast path and the record reader agree', () => {
  const m = defaultMatcher();

  it('gives the identical report for random CSV files, whatever the chunk sizes', async () => {
    await fc.assert(
      fc.asyncProperty(csvFile, sizes, fieldOptions, async (bytes, cut, fields) => {
        const reference = await referenceStructured('csv', [bytes], m, fields);
        const fast = fastCsv(chunked(bytes, cut), m, fields);
        expect(report(fast, m)).toEqual(report(reference, m));
        expect([...fast.files]).toEqual([...reference.files]);
      }),
      { numRuns: runs(400), seed: 1789 },
    );
  });

  it('skips over-long records exactly as the record reader does', async () => {
    await fc.assert(
      fc.asyncProperty(csvFile, fc.integer({ min: 1, max: 120 }), sizes, async (bytes, max, cut) => {
        const reference = await referenceStructured('csv', chunked(bytes, [7]), m, {}, max);
        const fast = fastCsv(chunked(bytes, cut), m, {}, max);
        expect(report(fast, m)).toEqual(report(reference, m));
        expect([...fast.files]).toEqual([...reference.files]);
      }),
      { numRuns: runs(300), seed: 4180 },
    );
  });

  it('counts only the records inside a window, as the record reader does', async () => {
    await fc.assert(
      fc.asyncProperty(csvFile, sizes, fieldOptions, windowArb, fc.constantFrom(60, 64 * 1024 * 1024), async (bytes, cut, fields, w, max) => {
        const reference = await referenceStructured('csv', [bytes], m, fields, max, w);
        const fast = fastCsv(chunked(bytes, cut), m, fields, max, w);
        expect(report(fast, m)).toEqual(report(reference, m));
        expect([...fast.files]).toEqual([...reference.files]);
      }),
      { numRuns: runs(400), seed: 611 },
    );
  });

  it('agrees with a catalog of codes that are not `_` words (the general pattern), with and without a window', async () => {
    const g = generalMatcher();
    expect(g.wordCodes).toBe(false);
    await fc.assert(
      fc.asyncProperty(csvFile, sizes, fieldOptions, fc.option(windowArb), fc.constantFrom(60, 64 * 1024 * 1024), async (bytes, cut, fields, w, max) => {
        const reference = await referenceStructured('csv', [bytes], g, fields, max, w);
        const fast = fastCsv(chunked(bytes, cut), g, fields, max, w);
        expect(report(fast, g)).toEqual(report(reference, g));
        expect([...fast.files]).toEqual([...reference.files]);
      }),
      { numRuns: runs(300), seed: 612 },
    );
  });
});

describe('the CSV splitter reads rows as csv-parse does', () => {
  // csv-parse as mxscan used it; only files it reads as intended: one kind of line end, no quote errors.
  const options = { relax_column_count: true, relax_quotes: true, skip_empty_lines: true, skip_records_with_error: true };
  const plain = fc
    .record({
      rows: fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 20 }),
      crlf: fc.boolean(),
      blank: fc.boolean(),
    })
    .map(({ rows, crlf, blank }) => {
      const nl = crlf ? '\r\n' : '\n';
      // csv-parse takes a quoted line end of the other kind as text: keep them to the file's own kind.
      return rows.map((r) => r.map((f) => f.replace(/\r?\n/g, nl)).join(',')).join(blank ? nl + nl : nl) + nl;
    });

  it('gives the same fields for every row', () => {
    fc.assert(
      fc.property(plain, (text) => {
        const rows: string[][] = [];
        const split = new CsvSplitter(Infinity);
        const buf = Buffer.from(text, 'utf8');
        split.split(buf, 0, buf.length, true, {
          record: (b, _s, _e, _line, bad) => rows.push(bad ? ['<bad>'] : fieldValues(b, split)),
          skipped: () => rows.push(['<skipped>']),
        });
        expect(rows).toEqual(parse(text, options));
      }),
      { numRuns: runs(500), seed: 9 },
    );
  });
});
