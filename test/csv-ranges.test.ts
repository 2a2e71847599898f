import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCatalog, buildReport } from '../src/index.js';
import { csvCut, fileHeader } from '../src/input/csv-header.js';
import { planUnits } from '../src/parallel/plan.js';
import { fastPathApplies, fileSettings, scanUnit } from '../src/scan.js';
import { joinRanges } from '../src/summary/ranges.js';
import type { Tally } from '../src/summary/tally.js';
import { joinedRanges, scratchFiles, wholeScans } from './support/ranges.js';

// A CSV export is shared by threads: cut at a line start, each later range read by the columns of the file's
// header (src/input/csv-header.ts), the tallies joined; a range that ends inside a quoted field (a line break
// in a cell) says so, and the file is read again whole (src/scan.ts).

const T0 = Date.UTC(2026, 2, 18, 10, 0, 0);
const at = (ms: number): string => new Date(T0 + ms).toISOString();
const catalog = buildCatalog([], true);
const report = (t: Tally) => buildReport(t, { catalog, version: 'test', window: null });
const write = scratchFiles('csv-ranges');

describe('fileHeader: the header a CSV file is read by', () => {
  it('is its first record, past a preamble line; a first record of times makes a file without a header', () => {
    expect(fileHeader(Buffer.from('time,code,message\n2026-03-18T10:00:00Z,x,y\n'), ',', 1 << 20)?.names).toEqual(['time', 'code', 'message']);
    expect(fileHeader(Buffer.from('sep=;\r\nZeit;Code\r\n'), ';', 1 << 20)?.names).toEqual(['Zeit', 'Code']);
    expect(fileHeader(Buffer.from('2026-03-18T10:00:00Z,storage_error\n'), ',', 1 << 20)?.row).toBe(true);
    // A header cut by the end of the bytes read is none.
    expect(fileHeader(Buffer.from('time,co'), ',', 1 << 20)).toBeUndefined();
  });
});

describe('csvCut: where a CSV export may be cut', () => {
  it('at a line start that two rows of the header’s width follow: not at a line inside a quoted cell', () => {
    const block = Buffer.from('a,b,"one\ntwo"\nc,"d",e\nf,g,h\n');
    // After `one\n`: `two"` reads as a row of one field.
    expect(csvCut(block, ',', 3, 1 << 20)).toBe(block.indexOf('c,'));
    // A row of another width is no place to cut before.
    expect(csvCut(Buffer.from('x\na,b\nc,d,e\nf,g,h\ni,j,k\n'), ',', 3, 1 << 20)).toBe(6);
    // Two rows must end in the block.
    expect(csvCut(Buffer.from('x\na,b,c\nd,e'), ',', 3, 1 << 20)).toBe(-1);
  });
});

describe('the byte ranges of a CSV export', () => {
  // 1,500 rows, 1 ms apart: the code column holds web_hook_deleted in every fifth, the message storage_error
  // in every third (for u(i % 4)), a line break inside its quotes in every seventh; every eleventh from the
  // fourth has an empty time cell (it takes the time before). Semicolons and CRLF, as a German Excel writes.
  const rows = Array.from({ length: 1_500 }, (_, i) => {
    const message = `${i % 3 === 0 ? 'upload failed: storage_error' : 'synced'} for u${i % 4}@example.com${i % 7 === 0 ? '\r\nsecond line of the cell' : ''}`;
    return [i % 11 === 3 ? '' : at(i), 'ERROR', i % 5 === 0 ? 'web_hook_deleted' : '', `"${message}"`].join(';');
  });
  const text = ['Timestamp;Level;Code;Message', ...rows].join('\r\n') + '\r\n';

  it('joined, count what the whole file does, line numbers and inherited times included', async () => {
    const file = write('export.csv', text);
    const { units, results, tally } = await joinedRanges(file, 'export.csv', 3, catalog);
    expect(units.length).toBe(3);
    expect(units.map((u) => [u.input.format, u.input.delimiter])).toEqual([
      ['csv', ';'],
      ['csv', ';'],
      ['csv', ';'],
    ]);
    const r = report(tally);
    const w = await wholeScans(file, 'export.csv', catalog);
    expect(r).toEqual(report(w.tally));
    expect(r).toEqual(report(w.oracle));
    // By hand: 300 fifths hold web_hook_deleted in the code column (their storage_error is not counted);
    // 500 thirds less the 100 fifteenths.
    expect(r.totals.records).toBe(1_500);
    expect(r.codes.map((c) => [c.code, c.count])).toEqual([
      ['storage_error', 400],
      ['web_hook_deleted', 300],
    ]);
    // The cuts found here fall between rows (where one falls in a cell, see below).
    expect(results.slice(0, -1).map((x) => x.endUnsure)).toEqual(units.slice(0, -1).map((u) => (inCell(u.input.range!.end) ? true : undefined)));
  });

  /** Whether byte p of the text lies inside a quoted cell. */
  const inCell = (p: number): boolean => (text.slice(0, p).match(/"/g) ?? []).length % 2 === 1;

  it('a range that ends inside a quoted cell says so; one that ends between rows does not', async () => {
    const file = write('export.csv', text);
    const s = fileSettings({ inputs: [], cwd: path.dirname(file), catalog, jobs: 2 });
    const scan = (end: number) => scanUnit({ index: 0, input: { path: 'export.csv', file, format: 'csv', delimiter: ';', range: { start: 0, end } } }, s);
    const cell = text.indexOf('\r\nsecond line', text.length / 2) + 2;
    expect(inCell(cell)).toBe(true);
    expect((await scan(cell)).endUnsure).toBe(true);
    const row = text.indexOf('\r\n', cell) + 2;
    expect(inCell(row)).toBe(false);
    const front = await scan(row);
    expect(front.endUnsure).toBeUndefined();
    // The rest, read by the header's columns, joined to it: the whole file's report.
    const back = await scanUnit({ index: 1, input: { path: 'export.csv', file, format: 'csv', delimiter: ';', range: { start: row, end: text.length } } }, s);
    expect(report(joinRanges('export.csv', [front, back]))).toEqual(report((await wholeScans(file, 'export.csv', catalog)).tally));
  });

  it('a range that starts at a row without a time of its own: its codes take the last time of the ranges before', async () => {
    const file = write('export.csv', text);
    const s = fileSettings({ inputs: [], cwd: path.dirname(file), catalog, jobs: 2 });
    // Row 762: an empty time cell (762 = 11 × 69 + 3) and storage_error (762 = 3 × 254).
    const cut = 'Timestamp;Level;Code;Message\r\n'.length + rows.slice(0, 762).reduce((n, r) => n + r.length + 2, 0);
    expect(text.slice(cut, cut + 8)).toBe(';ERROR;;');
    const parts = [];
    for (const [index, range] of [{ start: 0, end: cut }, { start: cut, end: text.length }].entries()) {
      parts.push(await scanUnit({ index, input: { path: 'export.csv', file, format: 'csv', delimiter: ';', range } }, s));
    }
    expect(parts[1]!.tally.inherit?.get('storage_error')).toEqual({ count: 1, line: 1 });
    expect(report(joinRanges('export.csv', parts))).toEqual(report((await wholeScans(file, 'export.csv', catalog)).tally));
  });

  it('is not split with a window, nor without a header in its first MiB', async () => {
    const file = write('export.csv', text);
    const plan = async (f: string, opts: Partial<Parameters<typeof fileSettings>[0]> = {}) =>
      (await planUnits([{ path: 'x.csv', file: f }], 2, fileSettings({ inputs: [], cwd: path.dirname(f), catalog, jobs: 2, ...opts }), fastPathApplies, 1024))[0]!.input.range;
    expect(await plan(file)).toEqual({ start: 0, end: text.length });
    expect(await plan(file, { window: { since: T0, until: T0 + 60_000 } })).toBeUndefined();
    const long = write('long.csv', `"${'x'.repeat(1_100_000)}";code\r\n${rows.join('\r\n')}\r\n`);
    expect(await plan(long, { inputFormat: 'csv' })).toBeUndefined();
  });
});
