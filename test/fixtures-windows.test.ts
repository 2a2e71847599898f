/**
 * Fixture tests: time windows (--since/--until, --around/--window) over fixtures/incident and fixtures/edge.
 * Every expected value below was counted by hand from the fixture files (line numbers cited in the comments),
 * never copied from mxscan's output; the shared tallies are in test/support/fixtures.ts.
 */
import { describe, expect, it } from 'vitest';
import { scan, order, row, fileRow, seen, unknown, INCIDENT, edge } from './support/fixtures.js';

// ---------------------------------------------------------------------------------------------------
// Time windows
// ---------------------------------------------------------------------------------------------------
describe('time windows', () => {
  it('keeps since <= t < until, cutting through a stack trace with its inherited times', async () => {
    // since = line 47's time (kept, with its stack trace 48-54); until = line 98's time (dropped, with 99-103)
    const { report } = await scan([INCIDENT, '--since', '2026-03-18T08:13:12.468Z', '--until', '2026-03-18T08:28:16.936Z']);
    // kept: lines 47..97 = 44 records (47-54 is one); out: 1-2 (no time), 3-46, 98-327 (incl. line 110 at
    // 08:10:58.004): 299 records in all (see INCIDENT_RECORDS), 255 outside
    expect(report.totals.records).toBe(299);
    expect(report.totals.outsideWindow).toBe(255);
    expect(fileRow(report, INCIDENT)).toMatchObject({ records: 299, outsideWindow: 255, matches: 16, unknown: 3 });
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
    // kept: record 1-5 (17:00:00.250); out: record 6-7 (17:05, until is exclusive), 8 (16:10)
    expect(report.totals.outsideWindow).toBe(2);
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
