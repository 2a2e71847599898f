/**
 * Fixture tests, fixtures/edge: one tiny file per counting rule (boundaries, unknown codes, line ends,
 * timestamps). Every expected value below was counted by hand from the fixture files (line numbers cited in the
 * comments), never copied from mxscan's output; the shared tallies are in test/support/fixtures.ts.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/main.js';
import { scan, fixture, order, row, fileRow, at, seen, unknown, totals, edge } from './support/fixtures.js';
import { ENGINES } from './oracle/switch.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts; src/scan.ts is mocked
// by the setup file of the project these tests run in, test/support/oracle-mock.ts).

describe('edge cases: code boundaries, case and distinct counting', () => {
  it('counts a code only where the characters around it are not [A-Za-z0-9_]', async () => {
    const f = edge('boundaries.log');
    const { report } = await scan([f]);
    // lines 1 [storage_error], 2 code=storage_error, 3 "storage_error", 4 /api/storage_error?x, 6 at the end;
    // not 7 storage_error_count, 8 xstorage_error, 9 storage_error2, 10 storage-error, 11 _storage_error/
    // storage_errors, 12 StorageError. Line 5 (STORAGE_ERROR at the start of a line without a time) is in line
    // 4's record, which counted it already: 11 records, 5 occurrences.
    expect(order(report)).toEqual([['storage_error', 5]]);
    // The first (1) and the last (6, 10:05); every minute holds one, the busiest is the first (10:00, line 1):
    // the first of the next bucket (10:01, line 2) fills in.
    expect(at(report, 'storage_error')).toEqual([`${f}:1`, `${f}:2`, `${f}:6`]);
    expect(seen(report, 'storage_error')).toEqual(['2026-03-18T10:00:00.000Z', '2026-03-18T10:05:00.000Z']);
    expect(totals(report)).toMatchObject({ records: 11, unknown: 0, byLevel: { ERROR: 5, WARN: 0, INFO: 0 } });
    expect(fileRow(report, f)).toMatchObject({ records: 11, matches: 5, unknown: 0 });
  });

  it('counts a code once per line even when it appears twice, and each distinct code once', async () => {
    const f = edge('case-and-distinct.log');
    const { report } = await scan([f]);
    expect(order(report)).toEqual([
      ['execution_failed', 2], // lines 2, 6
      ['smime_error', 2], // lines 2, 5 (three spellings on line 5: once)
      ['storage_error', 2], // lines 1 (STORAGE_ERROR + storage_error: once), 6
      ['execution_unexpected_error', 1], // line 6
      ['STORAGE_USER_WITH_ERROR', 2], // lines 3 (lower case), 4 (two spellings: once)
    ]);
    expect(fileRow(report, f)).toMatchObject({ records: 6, matches: 9 }); // 1 + 2 + 1 + 1 + 1 + 3
    expect(report.totals.byLevel).toEqual({ ERROR: 7, WARN: 2, INFO: 0 });
    expect(seen(report, 'STORAGE_USER_WITH_ERROR')).toEqual(['2026-03-18T11:02:00.000Z', '2026-03-18T11:03:00.000Z']);
    expect(row(report, 'STORAGE_USER_WITH_ERROR').accounts).toMatchObject({ distinct: 1, top: [{ account: 'bob@fabrikam.com', count: 2 }] });
  });

  it('breaks count ties by plain code-unit order (upper-case STORAGE_USER_WITH_ERROR first)', async () => {
    const { report } = await scan([edge('tie-order.log')]);
    expect(order(report)).toEqual([
      ['store_in_ai_error', 1], // line 11: ERROR comes before everything though its count is lowest
      ['STORAGE_USER_WITH_ERROR', 2], // lines 5, 9; 'S' < 'a' < 'w'
      ['accounts_and_groups_source_sync_warning', 2], // lines 3, 7
      ['web_hook_removed_by_move_conflict', 2], // lines 4, 8
      ['web_hook_moved', 4], // lines 1, 2, 6, 10
    ]);
    expect(report.totals.byLevel).toEqual({ ERROR: 1, WARN: 6, INFO: 4 });
  });

  it('collects accounts lower-cased, once per record, top 5 by count then name', async () => {
    const { report } = await scan([edge('accounts.log')]);
    // alice: lines 1 (two spellings: once), 6; bob: 2, 3 (BOB@), 6; carol 2; dave 4; erin 5; frank 5
    expect(row(report, 'storage_error').count).toBe(6);
    expect(row(report, 'storage_error').accounts).toMatchObject({
      distinct: 6,
      top: [
        { account: 'bob@contoso.com', count: 3 },
        { account: 'alice@contoso.com', count: 2 },
        { account: 'carol@contoso.com', count: 1 },
        { account: 'dave@contoso.com', count: 1 },
        { account: 'erin@contoso.com', count: 1 },
      ],
    });
  });

  it('shows a record of exactly 400 characters whole as sample text', async () => {
    const f = edge('long-record.log');
    const line = fixture('edge/long-record.log').toString('utf8').split('\n')[0]!;
    expect(line.length).toBe(400);
    const { report } = await scan([f]);
    expect(row(report, 'storage_error').samples).toEqual([{ file: f, line: 1, time: '2026-03-18T21:00:00.000Z', text: line }]);
  });
});

describe('edge cases: unknown codes', () => {
  it('takes code-shaped values of code/error_code/errorCode keys that are not in the catalog', async () => {
    const f = edge('unknown-codes.log');
    const { report } = await scan([f]);
    expect(unknown(report)).toEqual({
      foo_bar: 3, // 1 code=foo_bar; 6 CODE=Foo_Bar + code=foo_bar (once); 13 code=<tab>foo_bar
      a_b: 2, // 4 {"errorCode":"a_b"}; 8 code=a_b
      quota_exceeded_hard: 2, // 2 code: "quota_exceeded_hard"; 12 "code" : "Quota_Exceeded_Hard"
      BOX_RATE_LIMITED: 1, // 7 Error_Code = "BOX_RATE_LIMITED"
      c_d2: 1, // 8 error_code=c_d2
      e_f: 1, // 8 errorCode:e_f
      storage_error_count: 1, // 10 code=storage_error_count (not the catalog code, so unknown)
      zip_zap: 1, // 3 error_code=zip_zap
      mailbox_full: 1, // 14 X-Error-Code: mailbox_full ("Code" after "-" is a whole token)
      // line 5: code=500 mycode= errcode= code=foo_ code=_x_y code=9a_b code=foo__bar: none
      // line 11: my_error_code= status_code=: none
    });
    expect(report.totals.unknown).toBe(13);
    expect(fileRow(report, f)).toMatchObject({ records: 14, matches: 1, unknown: 13 });
    // line 9: code=storage_error is the catalog code
    expect(order(report)).toEqual([['storage_error', 1]]);
    expect(at(report, 'storage_error')).toEqual([`${f}:9`]);
    const foo = report.unknownCodes.find((u) => u.code === 'foo_bar')!;
    expect(foo.samples.map((s) => s.line)).toEqual([1, 6, 13]);
    expect(foo.files).toBe(1);
  });
});

describe('edge cases: records and line ends', () => {
  it('strips a UTF-8 BOM from the first record', async () => {
    const f = edge('bom.log');
    const { report } = await scan([f]);
    expect(row(report, 'storage_error').count).toBe(2); // lines 1, 2
    // evidence in time order: line 2 (14:00) first, then line 1, which has no time
    expect(row(report, 'storage_error').samples[1]).toEqual({
      file: f,
      line: 1,
      time: null,
      text: 'storage_error raised before the first timestamp (BOM before it)',
    });
    // line 1 has no time and nothing to inherit
    expect(seen(report, 'storage_error')).toEqual(['2026-03-18T14:00:00.000Z', '2026-03-18T14:00:00.000Z']);
    expect(report.totals.records).toBe(3);
  });

  it("counts a BOM file's bytes as the file's size on disk, whichever engine reads it", async () => {
    const f = edge('bom.log');
    const size = statSync(path.join(ROOT, f)).size;
    for (const engine of ENGINES) {
      const { report } = await scan([f], { engine });
      expect(fileRow(report, f).bytes, engine).toBe(size);
      expect(report.totals.bytes, engine).toBe(size);
      expect(report.provenance?.inputs, engine).toEqual([{ path: f, bytes: size }]);
    }
  });

  it('splits CRLF lines without keeping the CR; an empty line and a continuation join the record before them', async () => {
    const f = edge('crlf.log');
    const { report } = await scan([f]);
    expect(report.totals.records).toBe(2); // 1-2 (line 2 is empty), 3-4
    // Line 4's code is in line 3's record, which counted it already.
    expect(row(report, 'connection_error_max_retry').samples).toEqual([
      { file: f, line: 1, time: '2026-03-18T15:00:00.000Z', text: '2026-03-18T15:00:00Z ERROR [emailsync-worker-1] connection_error_max_retry' },
      { file: f, line: 3, time: '2026-03-18T15:01:00.000Z', text: '2026-03-18T15:01:00Z ERROR [emailsync-worker-2] retry budget exhausted: CONNECTION_ERROR_MAX_RETRY' },
    ]);
    expect(seen(report, 'connection_error_max_retry')).toEqual(['2026-03-18T15:00:00.000Z', '2026-03-18T15:01:00.000Z']);
  });

  it('counts a last line without a final newline', async () => {
    const f = edge('no-final-newline.log');
    const { report } = await scan([f]);
    expect(report.totals.records).toBe(3);
    expect(order(report)).toEqual([
      ['accounts_and_groups_source_sync_error', 1],
      ['accounts_and_groups_source_sync_warning', 1],
    ]);
    expect(row(report, 'accounts_and_groups_source_sync_error').samples).toEqual([
      { file: f, line: 3, time: '2026-03-18T15:32:00.000Z', text: '2026-03-18T15:32:00Z ERROR [directory-sync] accounts_and_groups_source_sync_error on the last line, no newline after it' },
    ]);
  });

  it('counts blank lines into the record before them, and not the empty string after the final newline', async () => {
    const f = edge('blank-lines.log');
    const { report } = await scan([f]);
    // "header\n\n\n<4>\n\n<6>\n\n": lines 2, 3, 5, 7 are empty; records 1-3 and 4-7 (6 has no time)
    expect(report.totals.records).toBe(2);
    expect(at(report, 'web_hook_deleted')).toEqual([`${f}:4`]);
    expect(seen(report, 'web_hook_deleted')).toEqual(['2026-03-18T16:01:00.000Z', '2026-03-18T16:01:00.000Z']);
  });

  it('splits a file whose lines end with a bare CR', async () => {
    const f = edge('bare-cr.log');
    const { report } = await scan([f]);
    // Records 1, 2, 3-4 (line 4 has no time of its own).
    expect(report.totals.records).toBe(3);
    expect(order(report)).toEqual([
      ['smime_error', 2],
      ['store_in_ai_error', 1],
    ]);
    expect(at(report, 'smime_error')).toEqual([`${f}:1`, `${f}:3`]);
    expect(at(report, 'store_in_ai_error')).toEqual([`${f}:4`]);
    expect(seen(report, 'store_in_ai_error')).toEqual(['2026-03-18T16:32:00.000Z', '2026-03-18T16:32:00.000Z']);
  });

  it('reads an empty file as 0 records and a lone newline as 1 record', async () => {
    const empty = await scan([edge('empty.log')]);
    expect(empty.code).toBe(0);
    expect(empty.report.codes).toEqual([]);
    expect(fileRow(empty.report, edge('empty.log'))).toMatchObject({ status: 'ok', format: 'text', records: 0, matches: 0 });
    const nl = await scan([edge('only-newline.log')]);
    expect(fileRow(nl.report, edge('only-newline.log'))).toMatchObject({ status: 'ok', records: 1, matches: 0 });
  });
});

describe('edge cases: timestamps', () => {
  it('parses offsets, fractions, a space for T, missing seconds and missing zones', async () => {
    const { report } = await scan([edge('offsets.log')]);
    const got = Object.fromEntries(report.codes.map((c) => [c.code, [c.count, c.firstSeen, c.lastSeen]]));
    expect(got).toEqual({
      storage_error: [1, '2026-03-18T08:16:00.000Z', '2026-03-18T08:16:00.000Z'], // 1: 10:16:00+02:00
      smime_error: [1, '2026-03-18T08:16:00.000Z', '2026-03-18T08:16:00.000Z'], // 2: 10:16:00+0200
      execution_failed: [1, '2026-03-18T07:30:15.500Z', '2026-03-18T07:30:15.500Z'], // 3: "2026-03-18 07:30:15.5Z"
      store_in_ai_error: [1, '2026-03-18T08:00:00.000Z', '2026-03-18T08:00:00.000Z'], // 4: 03:00-05:00
      web_hook_moved: [1, '2026-03-18T06:45:10.123Z', '2026-03-18T06:45:10.123Z'], // 5: .123456, no zone
      // 6: "92026-03-18T09:00:00Z" is glued to a digit: no own time, inherits line 5
      web_hook_deleted: [1, '2026-03-18T06:45:10.123Z', '2026-03-18T06:45:10.123Z'],
      task_finished_with_error: [1, '2026-03-18T11:00:00.000Z', '2026-03-18T11:00:00.000Z'], // 7: first of two times
      // 8: 2026-13-01 is not a valid date; the first valid one is 09:30
      storage_credential_no_access: [1, '2026-03-18T09:30:00.000Z', '2026-03-18T09:30:00.000Z'],
      connection_error_max_retry: [1, '2026-03-19T02:30:00.000Z', '2026-03-19T02:30:00.000Z'], // 9: 23:30-03:00
      task_finished_without_error: [1, '2026-03-18T08:30:00.000Z', '2026-03-18T08:30:00.000Z'], // 10: 14:00+05:30
      // 11: 2026-02-30 is not a valid date; the first valid one is 09:45
      web_hook_removed_by_move_conflict: [1, '2026-03-18T09:45:00.000Z', '2026-03-18T09:45:00.000Z'],
    });
    // start: line 5's time (also inherited by line 6); end: line 9's time
    expect(report.timeRange).toEqual({ start: '2026-03-18T06:45:10.123Z', end: '2026-03-19T02:30:00.000Z' });
  });

  it('gives stack-trace continuation lines the time of the line above them', async () => {
    const f = edge('inherited-time.log');
    const { report } = await scan([f]);
    expect(report.totals.records).toBe(3); // 1-5, 6-7, 8
    expect(order(report)).toEqual([
      ['store_in_ai_error', 3], // 4 (inherits 1), 7 (inherits 6), 8 (own, +01:00)
      ['execution_failed', 1], // 1
    ]);
    expect(seen(report, 'store_in_ai_error')).toEqual(['2026-03-18T16:10:00.000Z', '2026-03-18T17:05:00.000Z']);
    expect(seen(report, 'execution_failed')).toEqual(['2026-03-18T17:00:00.250Z', '2026-03-18T17:00:00.250Z']);
    // in time order: 8 (16:10), 4 (17:00:00.250), 7 (17:05)
    expect(at(report, 'store_in_ai_error')).toEqual([`${f}:8`, `${f}:4`, `${f}:7`]);
    // file's first own time 17:00:00.250, last own 16:10; codes up to 17:05
    expect(report.timeRange).toEqual({ start: '2026-03-18T16:10:00.000Z', end: '2026-03-18T17:05:00.000Z' });
  });

  it('leaves firstSeen/lastSeen null for a code seen only before any timestamp', async () => {
    const f = edge('untimed-start.log');
    const { report } = await scan([f]);
    expect(order(report)).toEqual([
      ['execution_unexpected_error', 2], // lines 1, 2: no time at all
      ['task_finished_without_error', 2], // lines 2 (no time), 4 (inherits 18:00 from line 3)
    ]);
    expect(seen(report, 'execution_unexpected_error')).toEqual([null, null]);
    expect(seen(report, 'task_finished_without_error')).toEqual(['2026-03-18T18:00:00.000Z', '2026-03-18T18:00:00.000Z']);
    expect(at(report, 'execution_unexpected_error')).toEqual([`${f}:1`, `${f}:2`]);
    expect(report.timeRange).toEqual({ start: '2026-03-18T18:00:00.000Z', end: '2026-03-18T18:00:00.000Z' });
  });

  it('takes the time range from each file\'s first and last own timestamp and the code times', async () => {
    const { report } = await scan([edge('timerange.log')]);
    // first line 19:00, last line 19:20, code on line 3 at 19:10; line 2 (23:59) is neither first nor last
    expect(report.timeRange).toEqual({ start: '2026-03-18T19:00:00.000Z', end: '2026-03-18T19:20:00.000Z' });
    expect(seen(report, 'web_hook_removed_by_move_conflict')).toEqual(['2026-03-18T19:10:00.000Z', '2026-03-18T19:10:00.000Z']);
  });
});
