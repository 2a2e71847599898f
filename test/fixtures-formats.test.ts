/**
 * Fixture tests, fixtures/formats: JSON lines, CSV, JSON arrays, gzip and binary files, from disk and from
 * stdin. Every expected value below was counted by hand from the fixture files (line numbers cited in the
 * comments), never copied from mxscan's output; the shared tallies are in test/support/fixtures.ts.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/main.js';
import { scan, fixture, order, row, fileRow, at, seen, unknown, totals, INCIDENT_CODES, FORMATS, fmt, expectNotifications, expectExport, expectApi } from './support/fixtures.js';

describe('structured formats', () => {
  it('reads JSON lines: code field first, raw text when absent, malformed and blank lines', async () => {
    const f = fmt('notifications.jsonl');
    const { code, report } = await scan([f]);
    expect(code).toBe(0);
    expectNotifications(report, f);
    expect(fileRow(report, f)).toMatchObject({
      format: 'jsonl',
      compressed: false,
      status: 'ok',
      records: 16, // every line, the blank 5 and the malformed 9 included
      matches: 12, // 4 + 8 × 1
      unknown: 3, // quota_exceeded_hard 2, THROTTLED (15)
      malformedRecords: 1,
    });
  });

  it('reads CSV: Code header in capitals, multi-line quoted field, wrong field count', async () => {
    const f = fmt('export.csv');
    const { report } = await scan([f]);
    expectExport(report, f);
    expect(fileRow(report, f)).toMatchObject({
      format: 'csv',
      compressed: false,
      status: 'ok',
      records: 9, // data rows, not the header
      matches: 8, // 2 + 6 × 1
      unknown: 1,
      malformedRecords: 1, // line 8
    });
  });

  it('reads an Excel CSV: BOM before the Code header, CRLF line ends', async () => {
    const f = fmt('excel-export.csv');
    const { report } = await scan([f]);
    // header line 1; rows on lines 2, 3-4 (a quoted CRLF), 5
    expect(fileRow(report, f)).toMatchObject({ format: 'csv', compressed: false, status: 'ok', records: 3, matches: 2, unknown: 1, malformedRecords: 0 });
    expect(order(report)).toEqual([
      ['execution_failed', 1], // row 3
      ['smime_error', 1], // row 2 (storage_error in its Details is not counted)
    ]);
    // row 1: the Code column (first, right after the BOM) holds QUOTA-FULL: an unknown code though not code-shaped
    expect(unknown(report)).toEqual({ 'QUOTA-FULL': 1 });
    expect(seen(report, 'execution_failed')).toEqual(['2026-03-18T12:32:00.000Z', '2026-03-18T12:32:00.000Z']);
    expect(row(report, 'smime_error').accounts.top).toEqual([{ account: 'omar@northwind.com', count: 1 }]); // User column
  });

  it('gives a CSV record the physical line it starts on when a quoted field holds a CRLF', async () => {
    const f = fmt('excel-export.csv');
    const { report } = await scan([f]);
    expect(report.unknownCodes[0]!.samples.map((s) => s.line)).toEqual([2]);
    expect(at(report, 'smime_error')).toEqual([`${f}:3`]); // its field runs on to line 4
    expect(at(report, 'execution_failed')).toEqual([`${f}:5`]);
  });

  it('leaves the CRLF line end out of the sample text of a CSV record', async () => {
    const { report } = await scan([fmt('excel-export.csv')]);
    expect(report.unknownCodes[0]!.samples[0]!.text).toBe('QUOTA-FULL,2026-03-18T12:30:00Z,Nina@Northwind.com,Mailbox over quota');
    expect(row(report, 'execution_failed').samples[0]!.text).toBe('execution_failed,2026-03-18T12:32:00Z,paul@northwind.com,Rule step 2 failed');
    expect(row(report, 'smime_error').samples[0]!.text).toBe(
      'smime_error,2026-03-18T12:31:00Z,omar@northwind.com,"Certificate expired\r\nsee storage_error in the previous export"',
    );
  });

  it('reads a pretty-printed JSON array: one record per element, at the line of its {', async () => {
    const f = fmt('api.json');
    const { report } = await scan([f]);
    expectApi(report, f);
    expect(fileRow(report, f)).toMatchObject({ format: 'json', compressed: false, status: 'ok', records: 5, matches: 5, malformedRecords: 0 });
  });

  it('reads gzip copies the same as the originals, the inner name deciding the format', async () => {
    const j = fmt('notifications.jsonl.gz');
    const jr = (await scan([j])).report;
    expectNotifications(jr, j);
    expect(fileRow(jr, j)).toMatchObject({
      format: 'jsonl',
      compressed: true,
      status: 'ok',
      records: 16,
      matches: 12,
      bytes: statSync(path.join(ROOT, j)).size,
    });
    const c = fmt('export.csv.gz');
    const cr = (await scan([c])).report;
    expectExport(cr, c);
    expect(fileRow(cr, c)).toMatchObject({ format: 'csv', compressed: true, status: 'ok', records: 9, matches: 8 });
  });

  it('reads a gzipped text log', async () => {
    const f = fmt('app.log.1.gz');
    const { report } = await scan([f]);
    expect(fileRow(report, f)).toMatchObject({ format: 'text', compressed: true, status: 'ok', records: 6, matches: 5 });
    expect(order(report)).toEqual([
      ['connection_error_max_retry', 1], // 3
      ['storage_error', 1], // 2
      ['task_finished_with_error', 1], // 5
      ['STORAGE_USER_WITH_ERROR', 1], // 4
      ['task_finished_without_error', 1], // 6
    ]);
    expect(at(report, 'storage_error')).toEqual([`${f}:2`]);
    expect(seen(report, 'storage_error')).toEqual(['2026-03-17T23:10:44.503Z', '2026-03-17T23:10:44.503Z']);
    expect(report.timeRange).toEqual({ start: '2026-03-17T22:58:01.112Z', end: '2026-03-18T00:05:03.250Z' });
  });

  it('reads a file as JSON lines when its first non-empty line is a JSON object, whatever its name', async () => {
    const f = fmt('service.log');
    const { report } = await scan([f]);
    // line 1 is blank (a record), 2 has the code field, 3 has the code only in its text
    expect(fileRow(report, f)).toMatchObject({ format: 'jsonl', compressed: false, status: 'ok', records: 3, matches: 2, malformedRecords: 0 });
    expect(order(report)).toEqual([
      ['web_hook_deleted', 1],
      ['web_hook_moved', 1],
    ]);
    expect(at(report, 'web_hook_deleted')).toEqual([`${f}:2`]);
    expect(at(report, 'web_hook_moved')).toEqual([`${f}:3`]);
    expect(seen(report, 'web_hook_moved')).toEqual(['2026-03-18T12:01:00.000Z', '2026-03-18T12:01:00.000Z']); // ts
    expect(row(report, 'web_hook_deleted').accounts.top).toEqual([{ account: 'ops@northwind.com', count: 1 }]);
  });

  it('skips a binary file (NUL in the first 8 KiB) without counting the code text inside it', async () => {
    const f = fmt('misc/blob.bin');
    // alone, nothing is scanned: no report (its "No catalog codes found" would read as an all-clear), exit 2
    const alone = await scan([f]);
    expect([alone.code, alone.out]).toEqual([2, '']);
    expect(alone.err).toBe(`mxscan: skipped ${f}: binary content (NUL and control bytes in its first 8 KiB)\nmxscan: nothing was scanned: every input was binary or could not be read\n`);
    // beside service.log (web_hook_deleted line 2, web_hook_moved line 3): a row of the report, which says
    // it is incomplete; blob.bin's storage_error text is not counted
    const { code, report } = await scan([f, fmt('service.log')]);
    expect(code).toBe(0);
    expect(fileRow(report, f)).toMatchObject({ status: 'binary', records: 0, matches: 0 });
    expect(report.codes.map((c) => c.code)).toEqual(['web_hook_deleted', 'web_hook_moved']);
    expect(report.provenance?.complete).toBe(false);
    expect(report.verdict).toMatch(/ \(1 binary file skipped\)$/);
  });

  it('scans a directory mixing every format, gzip and a binary file', async () => {
    const { code, report } = await scan([FORMATS]);
    expect(code).toBe(0);
    expect(report.files.map((f) => [f.path, f.format, f.compressed, f.status, f.records, f.matches])).toEqual([
      [fmt('api.json'), 'json', false, 'ok', 5, 5],
      [fmt('app.log.1.gz'), 'text', true, 'ok', 6, 5],
      [fmt('excel-export.csv'), 'csv', false, 'ok', 3, 2],
      [fmt('export.csv'), 'csv', false, 'ok', 9, 8],
      [fmt('export.csv.gz'), 'csv', true, 'ok', 9, 8],
      [fmt('misc/blob.bin'), expect.any(String), false, 'binary', 0, 0],
      [fmt('notifications.jsonl'), 'jsonl', false, 'ok', 16, 12],
      [fmt('notifications.jsonl.gz'), 'jsonl', true, 'ok', 16, 12],
      [fmt('service.log'), 'jsonl', false, 'ok', 3, 2],
    ]);
    expect(totals(report)).toEqual({
      files: 9,
      records: 67, // 5 + 6 + 3 + 9 + 9 + 0 + 16 + 16 + 3
      byLevel: { ERROR: 38, WARN: 5, INFO: 11 }, // 54 = 5 + 5 + 2 + 8 + 8 + 12 + 12 + 2
      unknown: 9, // QUOTA-FULL 1, mailbox-quota-full 1 × 2, quota_exceeded_hard 2 × 2, THROTTLED 1 × 2
      malformedRecords: 4, // export.csv 1 × 2, notifications.jsonl 1 × 2
      outsideWindow: 0,
    });
    expect(order(report)).toEqual([
      ['storage_error', 10], // api 1 + app.log 1 + jsonl 4 × 2
      ['execution_failed', 5], // excel 1 + csv 2 + jsonl 2
      ['smime_error', 5], // excel 1 + csv 2 + jsonl 2
      ['task_finished_with_error', 5], // app.log 1 + csv 1 × 2 + jsonl 1 × 2
      ['storage_credential_no_access', 4], // csv 2 × 2
      ['connection_error_max_retry', 3], // app.log 1 + jsonl 2
      ['store_in_ai_error', 3], // api 1 + csv 2
      ['execution_unexpected_error', 2], // jsonl 2
      ['accounts_and_groups_source_sync_error', 1], // api
      ['STORAGE_USER_WITH_ERROR', 3], // app.log 1 + jsonl 2
      ['accounts_and_groups_source_sync_warning', 1], // api
      ['web_hook_removed_by_move_conflict', 1], // api
      ['web_hook_moved', 5], // csv 2 + jsonl 2 + service.log 1
      ['task_finished_without_error', 3], // app.log 1 + jsonl 2
      ['web_hook_deleted', 3], // csv 2 + service.log 1
    ]);
    expect(unknown(report)).toEqual({ quota_exceeded_hard: 4, 'mailbox-quota-full': 2, THROTTLED: 2, 'QUOTA-FULL': 1 });
    expect(report.totals.binaryFiles).toBe(1);
    expect(row(report, 'storage_error').files).toBe(4); // api.json, app.log.1.gz, notifications.jsonl(.gz)
    // in time order: the first, app.log.1.gz:2 (23:10:44.503 the day before); the first in the busiest bucket
    // (09:00, notifications.jsonl and its .gz copy at 09:00, 09:08, 09:08, 09:21), notifications.jsonl:1 (its
    // .gz twin sorts after it by path); the last, api.json:22 (11:20)
    expect(at(report, 'storage_error')).toEqual([`${fmt('app.log.1.gz')}:2`, `${fmt('notifications.jsonl')}:1`, `${fmt('api.json')}:22`]);
    // app.log.1.gz 23:10:44.503 the day before; api.json 11:20
    expect(seen(report, 'storage_error')).toEqual(['2026-03-17T23:10:44.503Z', '2026-03-18T11:20:00.000Z']);
  });
});

// ---------------------------------------------------------------------------------------------------
// Standard input
// ---------------------------------------------------------------------------------------------------
describe('standard input', () => {
  it('reads a text log from - and names it (stdin)', async () => {
    const { code, err, report } = await scan(['-'], { stdin: fixture('incident/mail2cloud.log') });
    expect([code, err]).toEqual([0, '']);
    expect(report.files).toHaveLength(1);
    expect(fileRow(report, '(stdin)')).toMatchObject({ format: 'text', compressed: false, status: 'ok', records: 299, matches: 101, unknown: 7 }); // INCIDENT_RECORDS
    expect(report.totals.byLevel).toEqual({ ERROR: 67, WARN: 13, INFO: 21 });
    expect(row(report, 'storage_error')).toMatchObject(INCIDENT_CODES['storage_error']!);
    // The first (110, 08:10:58), the first of the next bucket (66, 08:17:14), the last (294, 09:28:36) (see fixtures-incident).
    expect(at(report, 'storage_error')).toEqual(['(stdin):110', '(stdin):66', '(stdin):294']);
  });

  it('detects JSON lines on stdin from the first line being an object', async () => {
    const { code, err, report } = await scan(['-'], { stdin: fixture('formats/notifications.jsonl') });
    expect([code, err]).toEqual([0, '']);
    expect(fileRow(report, '(stdin)')).toMatchObject({ format: 'jsonl', compressed: false, records: 16, matches: 12, malformedRecords: 1 });
    expectNotifications(report, '(stdin)');
  });

  it('reads CSV from stdin with --input-format csv', async () => {
    const { code, err, report } = await scan(['-', '--input-format', 'csv'], { stdin: fixture('formats/export.csv') });
    expect([code, err]).toEqual([0, '']);
    expect(fileRow(report, '(stdin)')).toMatchObject({ format: 'csv', records: 9, matches: 8, malformedRecords: 1 });
    expectExport(report, '(stdin)');
  });

  it('reads a JSON array from stdin with --input-format json', async () => {
    const { code, err, report } = await scan(['-', '--input-format', 'json'], { stdin: fixture('formats/api.json') });
    expect([code, err]).toEqual([0, '']);
    expect(fileRow(report, '(stdin)')).toMatchObject({ format: 'json', records: 5, matches: 5 });
    expectApi(report, '(stdin)');
  });

  it('gunzips stdin by its magic bytes', async () => {
    const { code, err, report } = await scan(['-'], { stdin: fixture('formats/notifications.jsonl.gz') });
    expect([code, err]).toEqual([0, '']);
    expect(fileRow(report, '(stdin)')).toMatchObject({ format: 'jsonl', compressed: true, records: 16, matches: 12 });
    expectNotifications(report, '(stdin)');
  });
});
