/**
 * Fixture tests, fixtures/exports: wrapped JSON exports as CloudWatch, Datadog and Elasticsearch write them
 * (see fixtures/exports/README.md). Every expected value was counted by hand from the fixture files (the
 * element lines and times are cited), never copied from mxscan's output.
 */
import { describe, expect, it } from 'vitest';
import { accounts, fileRow, lines, order, scan, seen, unknown } from './support/fixtures.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts; src/scan.ts is mocked
// by the setup file of the project these tests run in, test/support/oracle-mock.ts).

const EXPORTS = 'fixtures/exports';
const exp = (name: string): string => `${EXPORTS}/${name}`;

describe('wrapped JSON exports', () => {
  it('CloudWatch filter-log-events: one record per event, its epoch-ms timestamp, a message holding JSON read as JSON', async () => {
    const f = exp('cloudwatch/filter-log-events.json');
    const { code, report } = await scan([f]);
    expect(code).toBe(0);
    // events start on lines 3, 10, 17 and 24; the stream named storage_error-retry (line 34) is not a record
    expect(fileRow(report, f)).toMatchObject({ format: 'json', status: 'ok', records: 4, matches: 4, unknown: 0, malformedRecords: 0 });
    expect(order(report)).toEqual([
      ['storage_error', 2], // line 3 (text of the message), line 24 (code of the JSON message)
      ['smime_error', 1], // line 10: the JSON message's code; the storage_error in its msg is not counted
      ['task_finished_without_error', 1], // line 17
    ]);
    expect(lines(report, 'storage_error')).toEqual([3, 24]);
    expect(lines(report, 'smime_error')).toEqual([10]);
    // 1775553242113 and 1775553450250 ms; the event's own timestamp wins over the message's time (09:14:59)
    expect(seen(report, 'storage_error')).toEqual(['2026-04-07T09:14:02.113Z', '2026-04-07T09:17:30.250Z']);
    expect(seen(report, 'smime_error')).toEqual(['2026-04-07T09:15:00.500Z', '2026-04-07T09:15:00.500Z']);
    expect(seen(report, 'task_finished_without_error')).toEqual(['2026-04-07T09:16:10.000Z', '2026-04-07T09:16:10.000Z']);
    expect(accounts(report, 'storage_error')).toEqual(['ana@contoso.com', 'cy@contoso.com']);
    expect(accounts(report, 'smime_error')).toEqual(['bo@contoso.com']);
  });

  it('Datadog Logs API v2: the code and time inside attributes, custom ones in attributes.attributes', async () => {
    const f = exp('datadog/logs-search.json');
    const { code, report } = await scan([f]);
    expect(code).toBe(0);
    // elements on lines 3, 19 and 32; links and meta are not records
    expect(fileRow(report, f)).toMatchObject({ format: 'json', status: 'ok', records: 3, matches: 3, unknown: 0, malformedRecords: 0 });
    expect(order(report)).toEqual([
      ['execution_failed', 1], // line 19: no code field, found in the message's text
      ['storage_credential_no_access', 1], // line 3: attributes.attributes.error_code
      ['web_hook_moved', 1], // line 32: attributes.attributes.code
    ]);
    expect([lines(report, 'storage_credential_no_access'), lines(report, 'execution_failed'), lines(report, 'web_hook_moved')]).toEqual([[3], [19], [32]]);
    expect(seen(report, 'storage_credential_no_access')[0]).toBe('2026-04-07T09:14:05.000Z');
    expect(seen(report, 'execution_failed')[0]).toBe('2026-04-07T09:18:40.500Z');
    expect(seen(report, 'web_hook_moved')[0]).toBe('2026-04-07T09:30:00.000Z');
    expect(accounts(report, 'storage_credential_no_access')).toEqual(['dee@contoso.com']);
    expect(accounts(report, 'web_hook_moved')).toEqual(['fay@contoso.com']); // attributes.attributes.account
  });

  it('an Elasticsearch search response on one line: hits.hits, fields under _source', async () => {
    const f = exp('elastic/search-response.json');
    const { code, report } = await scan([f]);
    expect(code).toBe(0);
    expect(fileRow(report, f)).toMatchObject({ format: 'json', status: 'ok', records: 3, matches: 3, unknown: 0 });
    expect(order(report)).toEqual([
      ['smime_error', 1], // hit kX1a: no code field, found in its text
      ['storage_error', 1], // hit kX1b: _source.code (its message's smime_error is not counted)
      ['task_finished_without_error', 1], // hit kX1c: text
    ]);
    // every hit on line 1; times from _source.@timestamp
    expect(lines(report, 'storage_error')).toEqual([1]);
    expect(seen(report, 'smime_error')).toEqual(['2026-04-07T09:14:03.000Z', '2026-04-07T09:14:03.000Z']);
    expect(seen(report, 'storage_error')).toEqual(['2026-04-07T09:20:00.000Z', '2026-04-07T09:20:00.000Z']);
    expect(accounts(report, 'storage_error')).toEqual(['gus@contoso.com']);
  });

  it('a dotted --code-field and --time-field inside _source', async () => {
    const f = exp('elastic/search-response.json');
    const { report } = await scan([f, '--code-field', 'event.code', '--time-field', 'event.created']);
    expect(order(report)).toEqual([
      ['smime_error', 2], // kX1a: event.code; kX1b has no event.code: its text holds smime_error and storage_error
      ['storage_error', 1],
      ['task_finished_without_error', 1], // kX1c: event.code
    ]);
    // kX1a: event.created 09:14:01; kX1b: no event.created, the first date-time in its text (09:20:00)
    expect(seen(report, 'smime_error')).toEqual(['2026-04-07T09:14:01.000Z', '2026-04-07T09:20:00.000Z']);
    expect(seen(report, 'task_finished_without_error')[0]).toBe('2026-04-07T09:25:00.000Z');
    expect(unknown(report)).toEqual({});
  });

  it('--records names the array of any other shape; without it that file is plain text', async () => {
    const f = exp('custom/alerts.json');
    const plain = await scan([f]);
    // 10 lines: lines 1-5 have no time (a record each), 6 and 7 each start an event, 8-10 join line 7's: 7 records
    expect(fileRow(plain.report, f)).toMatchObject({ format: 'text', records: 7 });
    const { code, report } = await scan([f, '--records', 'result.rows']);
    expect(code).toBe(0);
    expect(fileRow(report, f)).toMatchObject({ format: 'json', records: 2, matches: 2 });
    expect(order(report)).toEqual([
      ['connection_error_max_retry', 1], // line 6
      ['web_hook_deleted', 1], // line 7
    ]);
    expect(lines(report, 'web_hook_deleted')).toEqual([7]);
    expect(seen(report, 'connection_error_max_retry')[0]).toBe('2026-04-07T09:40:00.000Z'); // `when` is no time field: the date-time in its text
    expect(accounts(report, 'connection_error_max_retry')).toEqual(['hal@contoso.com']); // mailbox
  });

  it('with a window: an event counts by its own time, read inside it (CloudWatch, 09:15–09:17)', async () => {
    const f = exp('cloudwatch/filter-log-events.json');
    const { report } = await scan([f, '--since', '2026-04-07T09:15:00Z', '--until', '2026-04-07T09:17:00Z']);
    // events 2 (09:15:00.500) and 3 (09:16:10) inside; 1 (09:14:02.113) and 4 (09:17:30.250) outside
    expect(fileRow(report, f)).toMatchObject({ records: 4, outsideWindow: 2, matches: 2 });
    expect(order(report)).toEqual([
      ['smime_error', 1],
      ['task_finished_without_error', 1],
    ]);
  });

  it('the oracle (the record readers) gives the same reports', async () => {
    const cases = [
      [exp('cloudwatch/filter-log-events.json')],
      [exp('datadog/logs-search.json')],
      [exp('elastic/search-response.json'), '--code-field', 'event.code', '--time-field', 'event.created'],
      [exp('custom/alerts.json'), '--records', 'result.rows'],
      [exp('cloudwatch/filter-log-events.json'), '--since', '2026-04-07T09:15:00Z', '--until', '2026-04-07T09:17:00Z'],
    ];
    for (const args of cases) {
      const fast = (await scan(args)).report;
      const stream = (await scan(args, { engine: 'oracle' })).report;
      expect([stream.codes, stream.files.map((f) => ({ ...f, bytes: 0 }))], args.join(' ')).toEqual([fast.codes, fast.files.map((f) => ({ ...f, bytes: 0 }))]);
    }
  });

  it('refuses a --records that is no path', async () => {
    const r = await scan([exp('custom/alerts.json'), '--records', 'result..rows'], { quiet: false });
    expect(r.code).toBe(2);
    expect(r.err).toContain('--records');
  });
});
