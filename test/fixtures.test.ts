/**
 * Fixture tests: every expected value below was counted by hand from the fixture files (line numbers
 * cited in the comments), never copied from mxscan's output. fixtures/incident holds a realistic service
 * log, fixtures/edge one tiny file per counting rule, fixtures/formats the structured and compressed
 * inputs, fixtures/bad unreadable gzips (left out of the `npm start` showcase).
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runMain } from './support/main.js';
import type { CodeRow, FileRow, Report } from '../src/summary/report.js';


interface Run {
  code: number;
  out: string;
  err: string;
  report: Report;
}

/** Runs `mxscan scan <args> --format json [--quiet]` in-process and parses the report. */
async function scan(args: string[], opts: { stdin?: Buffer; quiet?: boolean } = {}): Promise<Run> {
  const r = await runMain(['scan', ...args, '--format', 'json', ...(opts.quiet === false ? [] : ['--quiet'])], opts);
  return { ...r, report: (r.out === '' ? undefined : JSON.parse(r.out)) as Report };
}

const fixture = (rel: string): Buffer => readFileSync(path.join(ROOT, 'fixtures', rel));

/** [code, count] in report order: checks the counts and the sort order at once. */
const order = (r: Report): [string, number][] => r.codes.map((c) => [c.code, c.count]);

function row(r: Report, code: string): CodeRow {
  const c = r.codes.find((x) => x.code === code);
  if (c === undefined) throw new Error(`${code} not in report (codes: ${r.codes.map((x) => x.code).join(', ')})`);
  return c;
}

function fileRow(r: Report, p: string): FileRow {
  const f = r.files.find((x) => x.path === p);
  if (f === undefined) throw new Error(`${p} not in report (files: ${r.files.map((x) => x.path).join(', ')})`);
  return f;
}

/** `file:line` of a code's samples. */
const at = (r: Report, code: string): string[] => row(r, code).samples.map((s) => `${s.file}:${s.line}`);

/** firstSeen/lastSeen of a code. */
const seen = (r: Report, code: string): [string | null, string | null] => [row(r, code).firstSeen, row(r, code).lastSeen];

/** Unknown codes as { displayed spelling: count }. */
const unknown = (r: Report): Record<string, number> => Object.fromEntries(r.unknownCodes.map((u) => [u.code, u.count]));

const totals = (r: Report) => ({
  files: r.totals.files,
  records: r.totals.records,
  byLevel: r.totals.byLevel,
  unknown: r.totals.unknown,
  malformedRecords: r.totals.malformedRecords,
  outsideWindow: r.totals.outsideWindow,
});

// ---------------------------------------------------------------------------------------------------
// fixtures/incident/mail2cloud.log: 327 lines; lines 1-2 are an untimed header; three stack traces with
// untimed continuation lines (48-54, 99-103, 166-168, 176-178, 207-209, 232-234, 276-279); line 110 is
// a late-flushed line whose time (08:10:58.004) is earlier than every line around it.
// ---------------------------------------------------------------------------------------------------
const INCIDENT = 'fixtures/incident/mail2cloud.log';

/** The hand tally of the incident log: line numbers of each code, and their own or inherited times. */
const INCIDENT_CODES: Record<string, { count: number; firstSeen: string; lastSeen: string }> = {
  // lines 41, 44, 66, 79, 88, 107, 110, 121, 126, 138, 250, 268, 294 (41 has STORAGE_ERROR and storage_error: once);
  // firstSeen is line 110 (out of order), not line 41
  storage_error: { count: 13, firstSeen: '2026-03-18T08:10:58.004Z', lastSeen: '2026-03-18T09:28:36.014Z' },
  // lines 63, 83, 87, 102 (stack trace, inherits 98), 113, 118, 130, 141, 238, 239, 267, 303
  connection_error_max_retry: { count: 12, firstSeen: '2026-03-18T08:16:42.041Z', lastSeen: '2026-03-18T09:31:47.587Z' },
  // lines 40, 43, 52 (stack trace, inherits 47), 57, 69, 78 (twice, two cases), 106, 125, 258
  storage_credential_no_access: { count: 9, firstSeen: '2026-03-18T08:11:11.689Z', lastSeen: '2026-03-18T09:17:34.310Z' },
  // lines 83, 107, 118, 131, 196, 239, 268, 304 (not the near-miss task_finished_with_errors on 326)
  task_finished_with_error: { count: 8, firstSeen: '2026-03-18T08:23:12.981Z', lastSeen: '2026-03-18T09:32:01.984Z' },
  // lines 47, 98, 138, 183, 213, 242, 296 (not execution_failed_total on 17)
  execution_failed: { count: 7, firstSeen: '2026-03-18T08:13:12.468Z', lastSeen: '2026-03-18T09:28:57.808Z' },
  // lines 27, 95, 135, 195, 216 (smime_error + SMIME_ERROR: once), 287 (not xsmime_error, smime_errors, smime_error_rate)
  smime_error: { count: 6, firstSeen: '2026-03-18T08:06:12.528Z', lastSeen: '2026-03-18T09:26:16.235Z' },
  // lines 172, 182, 203, 226, 263
  store_in_ai_error: { count: 5, firstSeen: '2026-03-18T08:50:47.741Z', lastSeen: '2026-03-18T09:19:08.295Z' },
  // lines 175, 207 (stack trace, inherits 206), 227, 279 (stack trace, inherits 275)
  execution_unexpected_error: { count: 4, firstSeen: '2026-03-18T08:51:49.932Z', lastSeen: '2026-03-18T09:23:23.059Z' },
  // lines 165, 200, 231
  accounts_and_groups_source_sync_error: { count: 3, firstSeen: '2026-03-18T08:49:48.153Z', lastSeen: '2026-03-18T09:09:19.782Z' },
  // lines 65 (lower case), 66, 91, 114 (Mixed_Case), 126, 251, 295 (lower case)
  STORAGE_USER_WITH_ERROR: { count: 7, firstSeen: '2026-03-18T08:17:11.835Z', lastSeen: '2026-03-18T09:28:54.411Z' },
  // lines 152, 157, 187 (two cases, once), 220
  web_hook_removed_by_move_conflict: { count: 4, firstSeen: '2026-03-18T08:44:49.992Z', lastSeen: '2026-03-18T09:05:12.415Z' },
  // lines 24, 192
  accounts_and_groups_source_sync_warning: { count: 2, firstSeen: '2026-03-18T08:05:40.337Z', lastSeen: '2026-03-18T08:56:56.490Z' },
  // lines 10, 20, 30, 246, 255, 272, 283, 290, 300, 308, 315, 319, 322
  task_finished_without_error: { count: 13, firstSeen: '2026-03-18T08:00:38.779Z', lastSeen: '2026-03-18T09:38:12.130Z' },
  // lines 14, 35, 160, 222, 312 (not web_hook_moved_total on 161)
  web_hook_moved: { count: 5, firstSeen: '2026-03-18T08:01:54.367Z', lastSeen: '2026-03-18T09:34:28.160Z' },
  // lines 153, 188, 221 (not web_hook_deleted_total on 161)
  web_hook_deleted: { count: 3, firstSeen: '2026-03-18T08:45:16.389Z', lastSeen: '2026-03-18T09:05:34.812Z' },
};

describe('incident log: fixtures/incident/mail2cloud.log', () => {
  it('counts all 15 catalog codes and orders them by level, then count, then code', async () => {
    const { code, report } = await scan([INCIDENT]);
    expect(code).toBe(0);
    expect(order(report)).toEqual([
      ['storage_error', 13],
      ['connection_error_max_retry', 12],
      ['storage_credential_no_access', 9],
      ['task_finished_with_error', 8],
      ['execution_failed', 7],
      ['smime_error', 6],
      ['store_in_ai_error', 5],
      ['execution_unexpected_error', 4],
      ['accounts_and_groups_source_sync_error', 3],
      ['STORAGE_USER_WITH_ERROR', 7],
      ['web_hook_removed_by_move_conflict', 4],
      ['accounts_and_groups_source_sync_warning', 2],
      ['task_finished_without_error', 13],
      ['web_hook_moved', 5],
      ['web_hook_deleted', 3],
    ]);
  });

  it('gives every code its firstSeen/lastSeen as min/max of own or inherited times', async () => {
    const { report } = await scan([INCIDENT]);
    const got = Object.fromEntries(report.codes.map((c) => [c.code, { count: c.count, firstSeen: c.firstSeen, lastSeen: c.lastSeen }]));
    expect(got).toEqual(INCIDENT_CODES);
    for (const c of report.codes) expect(c.files).toBe(1);
  });

  it('totals records, levels and unknown codes', async () => {
    const { report } = await scan([INCIDENT]);
    expect(totals(report)).toEqual({
      files: 1,
      records: 327, // 327 lines, final newline
      // ERROR 13+12+9+8+7+6+5+4+3, WARN 7+4+2, INFO 13+5+3
      byLevel: { ERROR: 67, WARN: 13, INFO: 21 },
      unknown: 7, // invalid_grant 39, 124; box_rate_limited 62, 86, 266; graph_token_expired 69; mailbox_locked 213
      malformedRecords: 0,
      outsideWindow: 0,
    });
    // first own timestamp is line 3 (lines 1-2 have none), last is line 327
    expect(report.timeRange).toEqual({ start: '2026-03-18T07:58:14.000Z', end: '2026-03-18T09:39:56.115Z' });
  });

  it('describes the file: text, uncompressed, ok, 327 records, 101 matches', async () => {
    const { report } = await scan([INCIDENT]);
    expect(report.files).toHaveLength(1);
    expect(fileRow(report, INCIDENT)).toMatchObject({
      format: 'text',
      compressed: false,
      status: 'ok',
      records: 327,
      bytes: statSync(path.join(ROOT, INCIDENT)).size,
      matches: 101, // 67 + 13 + 21
      unknown: 7,
      malformedRecords: 0,
      skippedLines: 0,
      outsideWindow: 0,
    });
  });

  it('finds unknown codes given to code=, error_code: and "errorCode":, shown in their first spelling', async () => {
    const { report } = await scan([INCIDENT]);
    expect(unknown(report)).toEqual({
      box_rate_limited: 3, // 62, 86, 266 (Box_Rate_Limited on 266 groups with the first spelling)
      invalid_grant: 2, // 39, 124: "(error_code: invalid_grant)"
      graph_token_expired: 1, // 69: "errorCode":"graph_token_expired" inside a JSON payload in a text line
      mailbox_locked: 1, // 213: error_code=mailbox_locked next to code=execution_failed
    });
    const box = report.unknownCodes.find((u) => u.code === 'box_rate_limited')!;
    expect(box.samples.map((s) => s.line)).toEqual([62, 86, 266]);
  });

  it('keeps the first three occurrences by line as samples, whole lines as text', async () => {
    const { report } = await scan([INCIDENT]);
    expect(at(report, 'storage_error')).toEqual([`${INCIDENT}:41`, `${INCIDENT}:44`, `${INCIDENT}:66`]);
    expect(row(report, 'storage_error').samples[0]!.text).toBe(
      '2026-03-18T08:11:22.086Z ERROR [emailsync-worker-2] req=fa4bd365 upload failed for ann.lee@contoso-legal.com: STORAGE_ERROR (401 Unauthorized) -> notifying code=storage_error',
    );
    // line 52 is the "Caused by:" line of the stack trace under line 47
    expect(at(report, 'storage_credential_no_access')).toEqual([`${INCIDENT}:40`, `${INCIDENT}:43`, `${INCIDENT}:52`]);
    expect(row(report, 'storage_credential_no_access').samples[2]!.text).toBe(
      'Caused by: com.mxhero.storage.box.BoxApiException: 401 Unauthorized (storage_credential_no_access)',
    );
    expect(at(report, 'execution_unexpected_error')).toEqual([`${INCIDENT}:175`, `${INCIDENT}:207`, `${INCIDENT}:227`]);
    expect(at(report, 'STORAGE_USER_WITH_ERROR')).toEqual([`${INCIDENT}:65`, `${INCIDENT}:66`, `${INCIDENT}:91`]);
    expect(at(report, 'accounts_and_groups_source_sync_warning')).toEqual([`${INCIDENT}:24`, `${INCIDENT}:192`]);
    expect(at(report, 'web_hook_deleted')).toEqual([`${INCIDENT}:153`, `${INCIDENT}:188`, `${INCIDENT}:221`]);
  });

  it('collects the e-mail accounts of a code, distinct per record', async () => {
    const { report } = await scan([INCIDENT]);
    // lines 40 ann.lee, 43 bruno.costa, 52 none, 57 george.hill, 69 eli.moss, 78 dana.kim, 106 fatima.rahman,
    // 125 hana.sato, 258 hana.sato
    expect(row(report, 'storage_credential_no_access').accounts).toMatchObject({
      distinct: 7,
      top: [
        { account: 'hana.sato@contoso-legal.com', count: 2 },
        { account: 'ann.lee@contoso-legal.com', count: 1 },
        { account: 'bruno.costa@contoso-legal.com', count: 1 },
        { account: 'dana.kim@contoso-legal.com', count: 1 },
        { account: 'eli.moss@contoso-legal.com', count: 1 },
      ],
    });
  });

  it('exits 1 with --fail-on error and 0 without --fail-on', async () => {
    expect((await scan([INCIDENT, '--fail-on', 'error'])).code).toBe(1);
    expect((await scan([INCIDENT, '--fail-on', 'warn'])).code).toBe(1);
    expect((await scan([INCIDENT])).code).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------------
// fixtures/edge: one tiny file per rule
// ---------------------------------------------------------------------------------------------------
const EDGE = 'fixtures/edge';
const edge = (name: string): string => `${EDGE}/${name}`;

describe('edge cases: code boundaries, case and distinct counting', () => {
  it('counts a code only where the characters around it are not [A-Za-z0-9_]', async () => {
    const f = edge('boundaries.log');
    const { report } = await scan([f]);
    // lines 1 [storage_error], 2 code=storage_error, 3 "storage_error", 4 /api/storage_error?x, 5 STORAGE_ERROR at
    // the start, 6 at the end; not 7 storage_error_count, 8 xstorage_error, 9 storage_error2, 10 storage-error,
    // 11 _storage_error/storage_errors, 12 StorageError
    expect(order(report)).toEqual([['storage_error', 6]]);
    expect(at(report, 'storage_error')).toEqual([`${f}:1`, `${f}:2`, `${f}:3`]);
    // line 5 has no time and inherits 10:03 from line 4
    expect(seen(report, 'storage_error')).toEqual(['2026-03-18T10:00:00.000Z', '2026-03-18T10:05:00.000Z']);
    expect(totals(report)).toMatchObject({ records: 12, unknown: 0, byLevel: { ERROR: 6, WARN: 0, INFO: 0 } });
    expect(fileRow(report, f)).toMatchObject({ records: 12, matches: 6, unknown: 0 });
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
    for (const engine of ['auto', 'stream']) {
      const { report } = await scan([f, '--engine', engine]);
      expect(fileRow(report, f).bytes, engine).toBe(size);
      expect(report.totals.bytes, engine).toBe(size);
      expect(report.provenance?.inputs, engine).toEqual([{ path: f, bytes: size }]);
    }
  });

  it('splits CRLF lines without keeping the CR, and an empty line in the middle is a record', async () => {
    const f = edge('crlf.log');
    const { report } = await scan([f]);
    expect(report.totals.records).toBe(4); // line 2 is empty
    expect(row(report, 'connection_error_max_retry').samples).toEqual([
      { file: f, line: 1, time: '2026-03-18T15:00:00.000Z', text: '2026-03-18T15:00:00Z ERROR [emailsync-worker-1] connection_error_max_retry' },
      { file: f, line: 3, time: '2026-03-18T15:01:00.000Z', text: '2026-03-18T15:01:00Z ERROR [emailsync-worker-2] retry budget exhausted: CONNECTION_ERROR_MAX_RETRY' },
      // takes the time of line 3
      { file: f, line: 4, time: '2026-03-18T15:01:00.000Z', text: 'continuation without time: connection_error_max_retry' },
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

  it('counts blank lines as records but not the empty string after the final newline', async () => {
    const f = edge('blank-lines.log');
    const { report } = await scan([f]);
    // "header\n\n\n<4>\n\n<6>\n\n": lines 2, 3, 5, 7 are empty
    expect(report.totals.records).toBe(7);
    expect(at(report, 'web_hook_deleted')).toEqual([`${f}:4`, `${f}:6`]);
    expect(seen(report, 'web_hook_deleted')).toEqual(['2026-03-18T16:01:00.000Z', '2026-03-18T16:01:00.000Z']);
  });

  it('splits a file whose lines end with a bare CR', async () => {
    const f = edge('bare-cr.log');
    const { report } = await scan([f]);
    expect(report.totals.records).toBe(4);
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
    expect(report.totals.records).toBe(8);
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

// ---------------------------------------------------------------------------------------------------
// Several directories at once: 1 incident file + 17 edge files
// ---------------------------------------------------------------------------------------------------
describe('incident and edge directories scanned together', () => {
  it('adds up the per-file counts and merges codes across files', async () => {
    const { code, report } = await scan(['fixtures/incident', 'fixtures/edge']);
    expect(code).toBe(0);
    expect(totals(report)).toEqual({
      files: 18,
      // incident 327; edge: accounts 6, bare-cr 4, blank-lines 7, bom 3, boundaries 12, case-and-distinct 6,
      // crlf 4, empty 0, inherited-time 8, long-record 1, no-final-newline 3, offsets 11, only-newline 1,
      // tie-order 11, timerange 4, unknown-codes 14, untimed-start 4 = 99
      records: 426,
      byLevel: { ERROR: 111, WARN: 24, INFO: 32 }, // incident 67/13/21 + edge 44/11/11
      unknown: 20, // incident 7 + unknown-codes.log 13
      malformedRecords: 0,
      outsideWindow: 0,
    });
    expect(order(report)).toEqual([
      ['storage_error', 32], // 13 + accounts 6, bom 2, boundaries 6, case 2, long-record 1, offsets 1, unknown-codes 1
      ['connection_error_max_retry', 16], // 12 + crlf 3, offsets 1
      ['execution_failed', 11], // 7 + case 2, inherited-time 1, offsets 1
      ['smime_error', 11], // 6 + bare-cr 2, case 2, offsets 1
      ['store_in_ai_error', 11], // 5 + bare-cr 1, inherited-time 3, offsets 1, tie-order 1
      ['storage_credential_no_access', 10], // 9 + offsets 1
      ['task_finished_with_error', 9], // 8 + offsets 1
      ['execution_unexpected_error', 7], // 4 + case 1, untimed-start 2
      ['accounts_and_groups_source_sync_error', 4], // 3 + no-final-newline 1
      ['STORAGE_USER_WITH_ERROR', 11], // 7 + case 2, tie-order 2
      ['web_hook_removed_by_move_conflict', 8], // 4 + offsets 1, tie-order 2, timerange 1
      ['accounts_and_groups_source_sync_warning', 5], // 2 + no-final-newline 1, tie-order 2
      ['task_finished_without_error', 16], // 13 + offsets 1, untimed-start 2
      ['web_hook_moved', 10], // 5 + offsets 1, tie-order 4
      ['web_hook_deleted', 6], // 3 + blank-lines 2, offsets 1
    ]);
    expect(row(report, 'storage_error').files).toBe(8);
    // min: incident line 110; max: long-record.log 21:00
    expect(seen(report, 'storage_error')).toEqual(['2026-03-18T08:10:58.004Z', '2026-03-18T21:00:00.000Z']);
    expect(seen(report, 'connection_error_max_retry')).toEqual(['2026-03-18T08:16:42.041Z', '2026-03-19T02:30:00.000Z']);
    // untimed occurrences in untimed-start.log do not make it null once a timed one exists
    expect(seen(report, 'execution_unexpected_error')).toEqual(['2026-03-18T08:51:49.932Z', '2026-03-18T11:05:00.000Z']);
    // evidence in time order, among each file's first three occurrences: the first is incident line 41
    // (08:11:22.086; line 110 at 08:10:58.004 is the file's fourth); the busiest hour is 08:00 (incident 9, more
    // than accounts.log's 6 at 20:00), whose first candidate is line 41 again; the last is bom.log:1, untimed.
    // Topped up from the first by file and line (accounts.log 1–3): accounts.log:1 at 20:00.
    expect(at(report, 'storage_error')).toEqual([`${INCIDENT}:41`, `${edge('accounts.log')}:1`, `${edge('bom.log')}:1`]);
    expect(report.timeRange).toEqual({ start: '2026-03-18T06:45:10.123Z', end: '2026-03-19T02:30:00.000Z' });
  });

  it('groups unknown codes across files and shows the spelling of the first by path and line', async () => {
    const { report } = await scan(['fixtures/incident', 'fixtures/edge']);
    expect(unknown(report)).toEqual({
      BOX_RATE_LIMITED: 4, // edge/unknown-codes.log 7 (first by path) + incident 62, 86, 266
      foo_bar: 3,
      a_b: 2,
      invalid_grant: 2,
      quota_exceeded_hard: 2,
      c_d2: 1,
      e_f: 1,
      graph_token_expired: 1,
      mailbox_full: 1,
      mailbox_locked: 1,
      storage_error_count: 1,
      zip_zap: 1,
    });
    const box = report.unknownCodes.find((u) => u.code === 'BOX_RATE_LIMITED')!;
    expect(box.files).toBe(2);
    expect(box.samples.map((s) => `${s.file}:${s.line}`)).toEqual([`${edge('unknown-codes.log')}:7`, `${INCIDENT}:62`, `${INCIDENT}:86`]);
  });

  it('lists every file in path order with its own counts', async () => {
    const { report } = await scan(['fixtures/incident', 'fixtures/edge']);
    expect(report.files.map((f) => [f.path, f.records, f.matches, f.unknown])).toEqual([
      [edge('accounts.log'), 6, 6, 0],
      [edge('bare-cr.log'), 4, 3, 0],
      [edge('blank-lines.log'), 7, 2, 0],
      [edge('bom.log'), 3, 2, 0],
      [edge('boundaries.log'), 12, 6, 0],
      [edge('case-and-distinct.log'), 6, 9, 0],
      [edge('crlf.log'), 4, 3, 0],
      [edge('empty.log'), 0, 0, 0],
      [edge('inherited-time.log'), 8, 4, 0],
      [edge('long-record.log'), 1, 1, 0],
      [edge('no-final-newline.log'), 3, 2, 0],
      [edge('offsets.log'), 11, 11, 0],
      [edge('only-newline.log'), 1, 0, 0],
      [edge('tie-order.log'), 11, 11, 0],
      [edge('timerange.log'), 4, 1, 0],
      [edge('unknown-codes.log'), 14, 1, 13],
      [edge('untimed-start.log'), 4, 4, 0],
      [INCIDENT, 327, 101, 7],
    ]);
    for (const f of report.files) expect([f.format, f.compressed, f.status]).toEqual(['text', false, 'ok']);
  });
});

// ---------------------------------------------------------------------------------------------------
// Time windows
// ---------------------------------------------------------------------------------------------------
describe('time windows', () => {
  it('keeps since <= t < until, cutting through a stack trace with its inherited times', async () => {
    // since = line 47's time (kept, with its stack trace 48-54); until = line 98's time (dropped, with 99-103)
    const { report } = await scan([INCIDENT, '--since', '2026-03-18T08:13:12.468Z', '--until', '2026-03-18T08:28:16.936Z']);
    // kept: lines 47..97 = 51 records; out: 1-2 (no time), 3-46, 98-327 (incl. line 110 at 08:10:58.004)
    expect(report.totals.records).toBe(327);
    expect(report.totals.outsideWindow).toBe(276);
    expect(fileRow(report, INCIDENT)).toMatchObject({ records: 327, outsideWindow: 276, matches: 16, unknown: 3 });
    expect(order(report)).toEqual([
      ['storage_credential_no_access', 4], // 52 (inherits 47), 57, 69, 78
      ['connection_error_max_retry', 3], // 63, 83, 87 (not 102: inherits 98)
      ['storage_error', 3], // 66, 79, 88 (not 110: out of order, before since)
      ['execution_failed', 1], // 47
      ['smime_error', 1], // 95
      ['task_finished_with_error', 1], // 83
      ['STORAGE_USER_WITH_ERROR', 3], // 65, 66, 91
    ]);
    expect(report.totals.byLevel).toEqual({ ERROR: 13, WARN: 3, INFO: 0 });
    expect(seen(report, 'storage_credential_no_access')).toEqual(['2026-03-18T08:13:12.468Z', '2026-03-18T08:21:26.996Z']);
    expect(unknown(report)).toEqual({ box_rate_limited: 2, graph_token_expired: 1 }); // 62, 86; 69
    expect(report.window).toEqual({ since: '2026-03-18T08:13:12.468Z', until: '2026-03-18T08:28:16.936Z' });
  });

  it('drops records that have no time at all', async () => {
    const { report } = await scan([edge('untimed-start.log'), '--since', '2026-03-18T00:00:00Z']);
    expect(report.totals.outsideWindow).toBe(2); // lines 1, 2
    expect(order(report)).toEqual([['task_finished_without_error', 1]]); // line 4
  });

  it('applies --since/--until to inherited times of continuation lines', async () => {
    const { report } = await scan([edge('inherited-time.log'), '--since', '2026-03-18T17:00:00.250Z', '--until', '2026-03-18T17:05:00Z']);
    // kept: 1-5 (17:00:00.250); out: 6 (17:05, until is exclusive), 7 (inherits 17:05), 8 (16:10)
    expect(report.totals.outsideWindow).toBe(3);
    expect(order(report)).toEqual([
      ['execution_failed', 1],
      ['store_in_ai_error', 1], // line 4
    ]);
  });

  it('builds the window from --around and --window', async () => {
    const { report } = await scan([edge('inherited-time.log'), '--around', '2026-03-18T17:05:00Z', '--window', '5m']);
    // [17:00, 17:10): lines 1-7 kept, line 8 (16:10) out
    expect(report.totals.outsideWindow).toBe(1);
    expect(row(report, 'store_in_ai_error').count).toBe(2); // 4, 7
    expect(seen(report, 'store_in_ai_error')).toEqual(['2026-03-18T17:00:00.250Z', '2026-03-18T17:05:00.000Z']);
    expect(report.window).toEqual({ since: '2026-03-18T17:00:00.000Z', until: '2026-03-18T17:10:00.000Z' });
  });
});

// ---------------------------------------------------------------------------------------------------
// Structured formats: fixtures/formats
// ---------------------------------------------------------------------------------------------------
const FORMATS = 'fixtures/formats';
const fmt = (name: string): string => `${FORMATS}/${name}`;

/** Hand tally of notifications.jsonl (16 lines). */
function expectNotifications(report: Report, file: string): void {
  expect(order(report)).toEqual([
    ['storage_error', 4], // 1; 9 (malformed, read as text); 12 (no time: inherits 11); 14 (code field once, message not counted)
    ['connection_error_max_retry', 1], // 7: "code":503 is not a string, so the raw text is scanned
    ['execution_failed', 1], // 6: no top-level code, raw text has "code":"execution_failed"
    ['execution_unexpected_error', 1], // 13
    ['smime_error', 1], // 3: "SMIME_ERROR"
    ['task_finished_with_error', 1], // 2 (storage_credential_no_access in its message is not counted)
    ['STORAGE_USER_WITH_ERROR', 1], // 10: errorCode
    ['task_finished_without_error', 1], // 11
    ['web_hook_moved', 1], // 8: code "  " is blank, error_code is used
  ]);
  expect(at(report, 'storage_error')).toEqual([`${file}:1`, `${file}:9`, `${file}:12`]);
  expect(seen(report, 'storage_error')).toEqual(['2026-03-18T09:00:00.000Z', '2026-03-18T09:21:00.000Z']);
  expect(seen(report, 'smime_error')).toEqual(['2026-03-18T09:02:00.000Z', '2026-03-18T09:02:00.000Z']); // time 11:02+02:00
  expect(seen(report, 'STORAGE_USER_WITH_ERROR')).toEqual(['2026-03-18T09:09:00.250Z', '2026-03-18T09:09:00.250Z']); // @timestamp
  expect(seen(report, 'task_finished_without_error')).toEqual(['2026-03-18T09:10:00.000Z', '2026-03-18T09:10:00.000Z']); // date "1773825000"
  expect(seen(report, 'execution_unexpected_error')).toEqual(['2026-03-18T09:20:00.000Z', '2026-03-18T09:20:00.000Z']); // datetime
  expect(seen(report, 'execution_failed')).toEqual(['2026-03-18T09:05:00.000Z', '2026-03-18T09:05:00.000Z']);
  // 4: ts 1773824580000 (ms) = 09:03; 16: Quota_Exceeded_Hard; 15: "Code" is not the code field and THROTTLED is not code-shaped
  expect(unknown(report)).toEqual({ quota_exceeded_hard: 2 });
  expect(report.unknownCodes[0]!.samples.map((s) => s.line)).toEqual([4, 16]);
  expect(row(report, 'storage_error').accounts).toMatchObject({
    distinct: 2, // 1 account Alice@Contoso.com, 12 account erin@contoso.com
    top: [
      { account: 'alice@contoso.com', count: 1 },
      { account: 'erin@contoso.com', count: 1 },
    ],
  });
  expect(row(report, 'STORAGE_USER_WITH_ERROR').accounts.top).toEqual([{ account: 'dave@contoso.com', count: 1 }]); // mailbox
  expect(row(report, 'smime_error').accounts.top).toEqual([{ account: 'bob@contoso.com', count: 1 }]); // user
  expect(report.totals.byLevel).toEqual({ ERROR: 9, WARN: 1, INFO: 2 });
  expect(report.totals.malformedRecords).toBe(1); // line 9 (line 5 is blank: a record, not malformed)
  expect(report.timeRange).toEqual({ start: '2026-03-18T09:00:00.000Z', end: '2026-03-18T09:23:00.000Z' });
}

/** Hand tally of export.csv (header + 9 data rows on lines 2, 3-5, 6, 7, 8, 9, 10, 11, 12). */
function expectExport(report: Report, file: string): void {
  expect(order(report)).toEqual([
    ['storage_credential_no_access', 2], // 2; 10 (Storage_Credential_No_Access)
    ['execution_failed', 1], // 8: 6 fields, malformed, read as text
    ['smime_error', 1], // 7: empty Code cell, row text scanned
    ['store_in_ai_error', 1], // 12: no timestamp, inherits 11
    ['task_finished_with_error', 1], // 3: its quoted description (lines 4-5) mentions other codes, not counted
    ['web_hook_deleted', 1], // 6: doubled quotes
    ['web_hook_moved', 1], // 11: " web_hook_moved " trimmed
  ]);
  expect(at(report, 'storage_credential_no_access')).toEqual([`${file}:2`, `${file}:10`]);
  expect(at(report, 'task_finished_with_error')).toEqual([`${file}:3`]);
  // the whole record, its quoted line breaks included
  expect(row(report, 'task_finished_with_error').samples[0]!.text).toBe(
    '2026-03-18T10:05:00Z,frank@fabrikam.com,task_finished_with_error,"Sync finished with errors:\nstorage_error on 3 mailboxes\nsee STORAGE_USER_WITH_ERROR for details",req-1002',
  );
  expect(at(report, 'web_hook_deleted')).toEqual([`${file}:6`]);
  expect(at(report, 'smime_error')).toEqual([`${file}:7`]);
  expect(at(report, 'execution_failed')).toEqual([`${file}:8`]);
  expect(at(report, 'web_hook_moved')).toEqual([`${file}:11`]);
  expect(at(report, 'store_in_ai_error')).toEqual([`${file}:12`]);
  expect(seen(report, 'storage_credential_no_access')).toEqual(['2026-03-18T10:00:00.000Z', '2026-03-18T10:30:00.000Z']);
  expect(seen(report, 'store_in_ai_error')).toEqual(['2026-03-18T10:35:00.000Z', '2026-03-18T10:35:00.000Z']);
  expect(seen(report, 'execution_failed')).toEqual(['2026-03-18T10:20:00.000Z', '2026-03-18T10:20:00.000Z']);
  expect(unknown(report)).toEqual({ 'mailbox-quota-full': 1 }); // 9: any value of the code field
  expect(report.unknownCodes[0]!.samples.map((s) => s.line)).toEqual([9]);
  // account column: erin@fabrikam.com on 2, Erin@Fabrikam.com on 10
  expect(row(report, 'storage_credential_no_access').accounts).toMatchObject({ distinct: 1, top: [{ account: 'erin@fabrikam.com', count: 2 }] });
  expect(report.totals.byLevel).toEqual({ ERROR: 6, WARN: 0, INFO: 2 });
  expect(report.totals.malformedRecords).toBe(1);
  expect(report.timeRange).toEqual({ start: '2026-03-18T10:00:00.000Z', end: '2026-03-18T10:35:00.000Z' });
}

/** Hand tally of api.json (elements start on lines 2, 8, 13, 18, 22). */
function expectApi(report: Report, file: string): void {
  expect(order(report)).toEqual([
    ['accounts_and_groups_source_sync_error', 1], // 18: no code field, found in the message
    ['storage_error', 1], // 22: "code": "" is blank, error_code is used
    ['store_in_ai_error', 1], // 13: details.code execution_failed is not counted
    ['accounts_and_groups_source_sync_warning', 1], // 8: errorCode
    ['web_hook_removed_by_move_conflict', 1], // 2
  ]);
  expect(at(report, 'web_hook_removed_by_move_conflict')).toEqual([`${file}:2`]);
  expect(at(report, 'accounts_and_groups_source_sync_warning')).toEqual([`${file}:8`]);
  expect(at(report, 'store_in_ai_error')).toEqual([`${file}:13`]);
  expect(at(report, 'accounts_and_groups_source_sync_error')).toEqual([`${file}:18`]);
  expect(at(report, 'storage_error')).toEqual([`${file}:22`]);
  expect(seen(report, 'store_in_ai_error')).toEqual(['2026-03-18T11:10:00.000Z', '2026-03-18T11:10:00.000Z']); // 1773832200 s
  expect(seen(report, 'accounts_and_groups_source_sync_error')).toEqual(['2026-03-18T11:10:00.000Z', '2026-03-18T11:10:00.000Z']); // inherited
  expect(seen(report, 'storage_error')).toEqual(['2026-03-18T11:20:00.000Z', '2026-03-18T11:20:00.000Z']);
  expect(row(report, 'storage_error').accounts.top).toEqual([{ account: 'max@northwind.com', count: 1 }]); // user
  expect(row(report, 'accounts_and_groups_source_sync_error').accounts.top).toEqual([{ account: 'lee@northwind.com', count: 1 }]);
  expect(report.totals.byLevel).toEqual({ ERROR: 3, WARN: 2, INFO: 0 });
  expect(report.totals.unknown).toBe(0);
}

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
      unknown: 2,
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
    const { code, report } = await scan([f]);
    expect(code).toBe(0);
    expect(fileRow(report, f)).toMatchObject({ status: 'binary', records: 0, matches: 0 });
    expect(report.codes).toEqual([]);
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
      unknown: 7, // QUOTA-FULL 1, mailbox-quota-full 1 × 2, quota_exceeded_hard 2 × 2
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
    expect(unknown(report)).toEqual({ quota_exceeded_hard: 4, 'mailbox-quota-full': 2, 'QUOTA-FULL': 1 });
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
    expect(fileRow(report, '(stdin)')).toMatchObject({ format: 'text', compressed: false, status: 'ok', records: 327, matches: 101, unknown: 7 });
    expect(report.totals.byLevel).toEqual({ ERROR: 67, WARN: 13, INFO: 21 });
    expect(row(report, 'storage_error')).toMatchObject(INCIDENT_CODES['storage_error']!);
    expect(at(report, 'storage_error')).toEqual(['(stdin):41', '(stdin):44', '(stdin):66']);
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

// ---------------------------------------------------------------------------------------------------
// Unreadable inputs and exit codes
// ---------------------------------------------------------------------------------------------------
describe('unreadable inputs', () => {
  for (const name of ['truncated.log.gz', 'corrupt.log.gz']) {
    it(`exits 2 for ${name}, marks it 'error' and names it in one stderr line`, async () => {
      const f = `fixtures/bad/${name}`;
      const { code, err, report } = await scan([f], { quiet: false });
      expect(code).toBe(2);
      expect(fileRow(report, f).status).toBe('error');
      expect(report.totals.unreadableFiles).toBe(1);
      expect(err.split('\n').filter((l) => l.includes(f))).toHaveLength(1);
    });
  }

  it('exits 2 for a path that does not exist', async () => {
    const { code, err } = await scan(['fixtures/no-such-file.log'], { quiet: false });
    expect(code).toBe(2);
    expect(err).toContain('fixtures/no-such-file.log');
  });

  it('exits 2 when one input of several is unreadable, and still counts the others', async () => {
    const { code, report } = await scan([edge('tie-order.log'), 'fixtures/bad/corrupt.log.gz']);
    expect(code).toBe(2);
    expect(row(report, 'web_hook_moved').count).toBe(4);
    expect(fileRow(report, 'fixtures/bad/corrupt.log.gz').status).toBe('error');
  });

  it('exits by --fail-on level', async () => {
    // blank-lines.log holds only INFO web_hook_deleted
    expect((await scan([edge('blank-lines.log'), '--fail-on', 'warn'])).code).toBe(0);
    expect((await scan([edge('blank-lines.log'), '--fail-on', 'info'])).code).toBe(1);
    // no-final-newline.log holds a WARN and an ERROR
    expect((await scan([edge('no-final-newline.log'), '--fail-on', 'error'])).code).toBe(1);
    // empty.log holds nothing
    expect((await scan([edge('empty.log'), '--fail-on', 'info'])).code).toBe(0);
  });
});

describe('the npm start showcase: fixtures without bad/', () => {
  it('scans every fixture directory except bad/ and adds them up', async () => {
    const { code, report } = await scan(['fixtures', '--exclude', 'bad/**']);
    expect(code).toBe(0);
    expect(report.files.some((f) => f.path.startsWith('fixtures/bad/'))).toBe(false);
    // fixtures/postmortem (18 files, hand tally per file in test/postmortem*.test.ts): records accounts 4 + 8,
    // accounts-csv 3 (data rows), compare 40, first-error 4 + 2 + 2, github 17 + 6, junit 8, redact 2 + 6,
    // redact-cut 2, redact-edge 1 + 3 + 1, suppress 8, timeline 19 = 136;
    // ERROR 3+7+2+12+1+2+2+13+3+5+2+4+1+1+3+1+4+9 = 75, WARN 14, INFO 13; unknown 1 (redact/secrets.log:6)
    expect(totals(report)).toEqual({
      files: 45, // 17 edge + 9 formats + 1 incident + 18 postmortem
      records: 629, // 99 + 67 + 327 + 136
      byLevel: { ERROR: 224, WARN: 43, INFO: 56 }, // edge 44/11/11 + formats 38/5/11 + incident 67/13/21 + postmortem 75/14/13
      unknown: 28, // 13 + 7 + 7 + 1
      malformedRecords: 4,
      outsideWindow: 0,
    });
    // 19 + 10 + 13 + postmortem 29 (accounts 2 + 5, accounts-csv 2, compare 6, github 3 + 2, junit 2, redact 1 + 1, timeline 5)
    expect(row(report, 'storage_error').count).toBe(71);
    expect(unknown(report)['quota_exceeded_hard']).toBe(6); // edge 2 + formats 4, first spelled on edge/unknown-codes.log:2
  });
});
