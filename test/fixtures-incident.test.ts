/**
 * Fixture tests, fixtures/incident: a realistic service log (counts, times, files, samples, accounts). Every
 * expected value below was counted by hand from the fixture files (line numbers cited in the comments), never
 * copied from mxscan's output; the shared tallies are in test/support/fixtures.ts.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/main.js';
import { scan, order, row, fileRow, at, unknown, totals, INCIDENT, INCIDENT_CODES } from './support/fixtures.js';

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
      records: 299, // 327 lines, final newline; 28 continue the record above them (INCIDENT_RECORDS)
      // ERROR 13+12+9+8+7+6+5+4+3, WARN 7+4+2, INFO 13+5+3
      byLevel: { ERROR: 67, WARN: 13, INFO: 21 },
      unknown: 7, // invalid_grant 39, 124; box_rate_limited 62, 86, 266; graph_token_expired 69; mailbox_locked 213
      malformedRecords: 0,
      outsideWindow: 0,
    });
    // first own timestamp is line 3 (lines 1-2 have none), last is line 327
    expect(report.timeRange).toEqual({ start: '2026-03-18T07:58:14.000Z', end: '2026-03-18T09:39:56.115Z' });
  });

  it('describes the file: text, uncompressed, ok, 299 records, 101 matches', async () => {
    const { report } = await scan([INCIDENT]);
    expect(report.files).toHaveLength(1);
    expect(fileRow(report, INCIDENT)).toMatchObject({
      format: 'text',
      compressed: false,
      status: 'ok',
      records: 299,
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

  it('keeps the first, the first of the busiest bucket and the last occurrence as samples, whole lines as text', async () => {
    const { report } = await scan([INCIDENT]);
    // 13 occurrences; 5m buckets: the first is line 110 (08:10:58, the file's seventh), also the first of the
    // busiest bucket 08:10 (110, 41, 44); the last is 294 (09:28:36); the third is the first of the next
    // bucket that holds one, 08:15: line 66 (08:17:14).
    expect(at(report, 'storage_error')).toEqual([`${INCIDENT}:110`, `${INCIDENT}:66`, `${INCIDENT}:294`]);
    expect(row(report, 'storage_error').samples[1]!.text).toBe(
      '2026-03-18T08:17:14.232Z ERROR [notifier] req=12a39a60 batch sent: storage_error,STORAGE_USER_WITH_ERROR account=chen.wei@contoso-legal.com',
    );
    // 9 occurrences: the first (40, 08:11:11) is the first of the busiest bucket 08:10 (40, 43, 52 at 08:13:12
    // from its record's line 47, 57); the last (258); the first of the next bucket, 08:15: 69 (08:18:27).
    expect(at(report, 'storage_credential_no_access')).toEqual([`${INCIDENT}:40`, `${INCIDENT}:69`, `${INCIDENT}:258`]);
    // 5: 08:50 holds two (172, 182): the first and the busiest's first are 172; then 09:00's first (203), the last (263).
    expect(at(report, 'store_in_ai_error')).toEqual([`${INCIDENT}:172`, `${INCIDENT}:203`, `${INCIDENT}:263`]);
    // 7: 08:15 holds two (65, 66): 65; then 08:25's first (91), the last (295).
    expect(at(report, 'STORAGE_USER_WITH_ERROR')).toEqual([`${INCIDENT}:65`, `${INCIDENT}:91`, `${INCIDENT}:295`]);
    // 13: the busiest bucket is 09:35 (315, 319, 322; 08:00, 09:20 and 09:30 hold two): the first (10), 315, the last (322).
    expect(at(report, 'task_finished_without_error')).toEqual([`${INCIDENT}:10`, `${INCIDENT}:315`, `${INCIDENT}:322`]);
    expect(at(report, 'execution_unexpected_error')).toEqual([`${INCIDENT}:175`, `${INCIDENT}:207`, `${INCIDENT}:279`]);
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
