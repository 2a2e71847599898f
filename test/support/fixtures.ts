/**
 * What the fixture tests share: the in-process scan, report look-ups, and the hand tallies of the fixture
 * files that more than one of test/fixtures-*.test.ts checks (every value counted by hand, never copied from
 * mxscan's output).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { ROOT, runMain, type MainOptions } from './main.js';
import type { CodeRow, FileRow, Report } from '../../src/summary/report.js';

export interface Run {
  code: number;
  out: string;
  err: string;
  report: Report;
}

/** Runs `mxscan scan <args> --format json [--quiet]` in-process (or with the oracle's scan, see test/oracle/switch.ts) and parses the report. */
export async function scan(args: string[], opts: { stdin?: Buffer; quiet?: boolean; engine?: MainOptions['engine'] } = {}): Promise<Run> {
  const r = await runMain(['scan', ...args, '--format', 'json', ...(opts.quiet === false ? [] : ['--quiet'])], opts);
  return { ...r, report: (r.out === '' ? undefined : JSON.parse(r.out)) as Report };
}

export const fixture = (rel: string): Buffer => readFileSync(path.join(ROOT, 'fixtures', rel));

/** [code, count] in report order: checks the counts and the sort order at once. */
export const order = (r: Report): [string, number][] => r.codes.map((c) => [c.code, c.count]);

export function row(r: Report, code: string): CodeRow {
  const c = r.codes.find((x) => x.code === code);
  if (c === undefined) throw new Error(`${code} not in report (codes: ${r.codes.map((x) => x.code).join(', ')})`);
  return c;
}

export function fileRow(r: Report, p: string): FileRow {
  const f = r.files.find((x) => x.path === p);
  if (f === undefined) throw new Error(`${p} not in report (files: ${r.files.map((x) => x.path).join(', ')})`);
  return f;
}

/** `file:line` of a code's samples. */
export const at = (r: Report, code: string): string[] => row(r, code).samples.map((s) => `${s.file}:${s.line}`);

/** The lines of a code's samples. */
export const lines = (r: Report, code: string): number[] => row(r, code).samples.map((s) => s.line);

/** The accounts a code's row names, busiest first. */
export const accounts = (r: Report, code: string): string[] => row(r, code).accounts.top.map((a) => a.account);

/** firstSeen/lastSeen of a code. */
export const seen = (r: Report, code: string): [string | null, string | null] => [row(r, code).firstSeen, row(r, code).lastSeen];

/** Unknown codes as { displayed spelling: count }. */
export const unknown = (r: Report): Record<string, number> => Object.fromEntries(r.unknownCodes.map((u) => [u.code, u.count]));

export const totals = (r: Report) => ({
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
// a late-flushed line whose time (08:10:58.004) is earlier than every line around it. Read as events, the
// 28 continuation lines join the record above them: INCIDENT_RECORDS = 327 - 28 = 299 records (no code
// repeats within a record, so the counts are those of the lines).
// ---------------------------------------------------------------------------------------------------
export const INCIDENT = 'fixtures/incident/mail2cloud.log';
export const INCIDENT_RECORDS = 299;

/** The hand tally of the incident log: line numbers of each code, and their own or inherited times. */
export const INCIDENT_CODES: Record<string, { count: number; firstSeen: string; lastSeen: string }> = {
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

// ---------------------------------------------------------------------------------------------------
// fixtures/edge: one tiny file per rule
// ---------------------------------------------------------------------------------------------------
export const EDGE = 'fixtures/edge';
export const edge = (name: string): string => `${EDGE}/${name}`;

// ---------------------------------------------------------------------------------------------------
// Structured formats: fixtures/formats
// ---------------------------------------------------------------------------------------------------
export const FORMATS = 'fixtures/formats';
export const fmt = (name: string): string => `${FORMATS}/${name}`;

/** Hand tally of notifications.jsonl (16 lines). */
export function expectNotifications(report: Report, file: string): void {
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
  // The first (1, 09:00, also the busiest 1m bucket's: each holds one), the last (14, 09:21), and the first of
  // the next bucket, 9 (09:08).
  expect(at(report, 'storage_error')).toEqual([`${file}:1`, `${file}:9`, `${file}:14`]);
  expect(seen(report, 'storage_error')).toEqual(['2026-03-18T09:00:00.000Z', '2026-03-18T09:21:00.000Z']);
  expect(seen(report, 'smime_error')).toEqual(['2026-03-18T09:02:00.000Z', '2026-03-18T09:02:00.000Z']); // time 11:02+02:00
  expect(seen(report, 'STORAGE_USER_WITH_ERROR')).toEqual(['2026-03-18T09:09:00.250Z', '2026-03-18T09:09:00.250Z']); // @timestamp
  expect(seen(report, 'task_finished_without_error')).toEqual(['2026-03-18T09:10:00.000Z', '2026-03-18T09:10:00.000Z']); // date "1773825000"
  expect(seen(report, 'execution_unexpected_error')).toEqual(['2026-03-18T09:20:00.000Z', '2026-03-18T09:20:00.000Z']); // datetime
  expect(seen(report, 'execution_failed')).toEqual(['2026-03-18T09:05:00.000Z', '2026-03-18T09:05:00.000Z']);
  // 4: ts 1773824580000 (ms) = 09:03; 16: Quota_Exceeded_Hard; 15: "Code" (PascalCase) is a code field, and THROTTLED no catalog code
  expect(unknown(report)).toEqual({ quota_exceeded_hard: 2, THROTTLED: 1 });
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
export function expectExport(report: Report, file: string): void {
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
export function expectApi(report: Report, file: string): void {
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
