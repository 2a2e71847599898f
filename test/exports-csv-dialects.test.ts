/**
 * CSV dialects, fixtures/exports/{excel-de,excel-unicode,pipe,tsv}: the delimiter told from the header (or
 * given), a UTF-16 "Unicode Text" export and CSV on stdin read as tables, and the message a file read with
 * the wrong delimiter gets. Every expected value was counted by hand from the fixture files (rows cited).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../src/catalog/catalog.js';
import { BUILTIN_CATALOG } from '../src/catalog/builtin.js';
import { scan as scanLib } from '../src/scan.js';
import { ROOT, runMain } from './support/main.js';
import { fileRow, fixture, order, row, scan, seen } from './support/fixtures.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts; src/scan.ts is mocked
// by the setup file of the project these tests run in, test/support/oracle-mock.ts).

const DE = 'fixtures/exports/excel-de/ereignisse.csv';
const UNICODE = 'fixtures/exports/excel-unicode/ereignisse.txt';
const PIPE = 'fixtures/exports/pipe/events.csv';
const TSV = 'fixtures/exports/tsv/events.tsv';
const SEP = 'fixtures/exports/excel-sep/bericht.csv';

/** excel-de, read with `;`: rows 2-5 (lines 2-5), Code column, row 4's Code empty (its text names execution_failed). */
const DE_CODES: [string, number][] = [
  ['storage_error', 2], // rows on lines 2 and 5
  ['execution_failed', 1], // line 4, from the text
  ['smime_error', 1], // line 3
];

describe('CSV dialects', () => {
  it('reads an Excel (German locale) export by the `;` its header holds', async () => {
    const { code, report } = await scan([DE]);
    expect(code).toBe(0);
    expect(fileRow(report, DE)).toMatchObject({ format: 'csv', delimiter: ';', encoding: 'utf-8', records: 4, matches: 4, unknown: 0, malformedRecords: 0 });
    expect(fileRow(report, DE).likelyDelimiter).toBeUndefined();
    expect(order(report)).toEqual(DE_CODES);
    expect(row(report, 'storage_error').accounts.top).toEqual([{ account: 'anna@contoso.de', count: 2 }]); // Benutzer is no account column: the address in the text
    expect(row(report, 'smime_error').samples.map((s) => s.line)).toEqual([3]);
    // The report says how the file was read, in its files and its provenance.
    expect(report.provenance!.inputs).toEqual([{ path: DE, bytes: 372, delimiter: ';' }]);
  });

  it("reads Excel's `sep=;` first line as the delimiter, neither a header nor a row", async () => {
    for (const engine of ['engine', 'oracle'] as const) {
      const { code, report } = await scan([SEP], { engine });
      expect(code).toBe(0);
      // line 1 `sep=;`, line 2 the header, rows on lines 3-5
      expect(fileRow(report, SEP)).toMatchObject({ format: 'csv', delimiter: ';', records: 3, matches: 3, unknown: 0, malformedRecords: 0 });
      expect(order(report)).toEqual([
        ['smime_error', 1], // line 4's Code (not line 3's message: its Code decides)
        ['storage_error', 1], // line 3
        ['web_hook_moved', 1], // line 5: an empty Code, its text
      ]);
      expect([row(report, 'storage_error').samples[0]!.line, row(report, 'web_hook_moved').samples[0]!.line]).toEqual([3, 5]);
      // `07.04.2026`: day first (`.` dates are dmy)
      expect(seen(report, 'storage_error')[0]).toBe('2026-04-07T09:14:02.000Z');
    }
  });

  it('reads a UTF-16LE "Unicode Text" export (.txt, tab-separated, CRLF) as a table', async () => {
    const { code, report } = await scan([UNICODE]);
    expect(code).toBe(0);
    // header line 1; rows on lines 2, 3-4 (a quoted CRLF), 5, 6; BOM + 383 characters × 2 bytes
    expect(fileRow(report, UNICODE)).toMatchObject({ format: 'csv', delimiter: '\t', encoding: 'utf-16le', records: 4, matches: 4, malformedRecords: 0, bytes: 768 });
    expect(order(report)).toEqual([
      ['storage_credential_no_access', 2], // lines 2 and 5
      ['task_finished_with_error', 1], // line 3
      ['web_hook_deleted', 1], // line 6, Code empty: from the text
    ]);
    expect(seen(report, 'storage_credential_no_access')).toEqual(['2026-04-07T09:14:02.000Z', '2026-04-07T09:31:45.000Z']);
    expect(row(report, 'task_finished_with_error').samples.map((s) => s.line)).toEqual([3]);
    expect(row(report, 'web_hook_deleted').accounts.top).toEqual([{ account: 'fritz@fabrikam.com', count: 1 }]);
    expect(report.timeRange).toEqual({ start: '2026-04-07T09:14:02.000Z', end: '2026-04-07T09:40:00.000Z' });
  });

  it('reads a `|` export by its header; a row of six fields is malformed and read as text', async () => {
    const { report } = await scan([PIPE]);
    expect(fileRow(report, PIPE)).toMatchObject({ format: 'csv', delimiter: '|', records: 5, matches: 5, malformedRecords: 1 });
    expect(order(report)).toEqual([
      ['smime_error', 2], // lines 2, 3
      ['execution_failed', 1], // line 5, code empty: from the text
      ['STORAGE_USER_WITH_ERROR', 1], // line 4 ("Quota | 98%" quoted)
      ['web_hook_moved', 1], // line 6, six fields: read as text
    ]);
    expect(row(report, 'web_hook_moved').samples.map((s) => s.line)).toEqual([6]);
    // The markdown's files table names the delimiter in a word: a `|` would split its cell.
    const md = await runMain(['scan', PIPE, '--quiet']);
    expect(md.out.split('\n').filter((l) => l.startsWith('| `fixtures/exports/pipe'))).toEqual(['| `fixtures/exports/pipe/events.csv` | csv (delimiter pipe) | 5 | 5 | 1 malformed record read as text |']);
  });

  it('reads a .tsv as tab-separated, though every row holds commas', async () => {
    const { report } = await scan([TSV]);
    expect(fileRow(report, TSV)).toMatchObject({ format: 'csv', delimiter: '\t', records: 3, matches: 3, malformedRecords: 0 });
    expect(order(report)).toEqual([
      ['connection_error_max_retry', 2],
      ['task_finished_without_error', 1],
    ]);
    expect(row(report, 'connection_error_max_retry').accounts.top).toEqual([
      { account: 'jo@northwind.com', count: 1 },
      { account: 'kai@northwind.com', count: 1 },
    ]);
  });

  it('reads CSV on stdin by its content, with its delimiter', async () => {
    const { code, report } = await scan(['-'], { stdin: fixture('exports/excel-de/ereignisse.csv') });
    expect(code).toBe(0);
    expect(fileRow(report, '(stdin)')).toMatchObject({ format: 'csv', delimiter: ';', records: 4, matches: 4, malformedRecords: 0 });
    expect(order(report)).toEqual(DE_CODES);
    const unicode = await scan(['-'], { stdin: fixture('exports/excel-unicode/ereignisse.txt') });
    expect(fileRow(unicode.report, '(stdin)')).toMatchObject({ format: 'csv', delimiter: '\t', encoding: 'utf-16le', records: 4, matches: 4 });
    // Excel's `sep=;` first: a table by what follows it, the same three rows as the file
    const sep = await scan(['-'], { stdin: fixture('exports/excel-sep/bericht.csv') });
    expect(fileRow(sep.report, '(stdin)')).toMatchObject({ format: 'csv', delimiter: ';', records: 3, matches: 3, malformedRecords: 0 });
    expect(order(sep.report)).toEqual([
      ['smime_error', 1],
      ['storage_error', 1],
      ['web_hook_moved', 1],
    ]);
  });

  it('says what it guessed when most rows do not fit the delimiter forced', async () => {
    // `,` splits the header into one field and every row (each holds a decimal comma) into more.
    const r = await runMain(['scan', DE, '--delimiter', ',', '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(fileRow(report, DE)).toMatchObject({ format: 'csv', likelyDelimiter: ';', records: 4, matches: 4, malformedRecords: 4 });
    expect(fileRow(report, DE).delimiter).toBeUndefined();
    // Read as text, the rows still give every code.
    expect(order(report)).toEqual(DE_CODES);
    expect(r.err.split('\n').filter((l) => l.includes(DE))).toEqual([`mxscan: ${DE}: read as CSV with ','; 4 of 4 rows have the wrong number of fields — is the delimiter ';'?`]);
    expect(report.provenance.options.delimiter).toBe(',');
    // And in the data quality of the markdown report.
    const md = await runMain(['scan', TSV, '--delimiter', ',', '--quiet']);
    expect(md.out).toContain("read as CSV with ','; 3 of 3 rows have the wrong number of fields — is the delimiter tab?");
    // A tab given is shown by its name in the report's options.
    const tab = await scan([DE, '--delimiter', '\\t'], { quiet: false });
    expect(tab.report.provenance!.options['delimiter']).toBe('tab');
    expect(fileRow(tab.report, DE)).toMatchObject({ delimiter: '\t', likelyDelimiter: ';', malformedRecords: 0 }); // one field each, as the header
    // No row is malformed, and yet the file is misread: said all the same.
    expect(tab.err.split('\n').filter((l) => l.includes(DE))).toEqual([`mxscan: ${DE}: read as CSV with tab; its header and first rows fit ';' — is the delimiter ';'?`]);
  });

  it('gives the same counts on the oracle (the record readers) and on worker threads', async () => {
    const inputs = [DE, UNICODE, PIPE, TSV];
    const fast = await scan(inputs);
    const stream = await scan(inputs, { engine: 'oracle' });
    expect(stream.report.files).toEqual(fast.report.files);
    expect(order(stream.report)).toEqual(order(fast.report));
    // Workers: one unit each, whatever their size; --delimiter reaches them with the settings.
    const catalog = buildCatalog([BUILTIN_CATALOG], false);
    const one = await scanLib({ inputs, cwd: ROOT, catalog, jobs: 1, delimiter: ',' });
    const four = await scanLib({ inputs, cwd: ROOT, catalog, jobs: 4, parallelFrom: 0, delimiter: ',' });
    const stats = (t: typeof one): unknown[] => [...t.tally.files.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
    expect(stats(four)).toEqual(stats(one));
    // By hand: with `,` the excel-de header is one field, so are the unicode and tsv ones; pipe's has none either.
    expect(stats(one).map((f) => [path.basename((f as { path: string }).path), (f as { malformedRecords: number }).malformedRecords, (f as { likelyDelimiter?: string }).likelyDelimiter])).toEqual([
      ['ereignisse.csv', 4, ';'],
      ['ereignisse.txt', 0, '\t'], // no row holds a comma: one field each, as the header
      ['events.csv', 1, '|'], // line 2 holds a comma (2 fields)
      ['events.tsv', 3, '\t'],
    ]);
  });

  it('refuses a --delimiter it does not read', async () => {
    const r = await runMain(['scan', TSV, '--delimiter', ':']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--delimiter: expected , ; | or tab, got ":"');
  });
});
