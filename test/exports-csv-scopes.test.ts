/**
 * JSON in a CSV column (README "JSON in a CSV column"): CloudWatch Logs Insights' `@message`, Azure's
 * `LogMessage`, Kibana's and Datadog's `message`, Splunk's `_raw`. Every expected value was worked out by hand
 * from the inputs (lines and times cited), never copied from mxscan's output.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { accounts, fileRow, lines, order, scan, seen, unknown } from './support/fixtures.js';
import { ENGINE_FLAGS, on } from './oracle/switch.js';
import { tempDir } from './support/main.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts; src/scan.ts is mocked
// by the setup file of the project these tests run in, test/support/oracle-mock.ts).

const { remove, write } = tempDir('mxscan-csv-scopes-');
afterAll(remove);
const written = (name: string, rows: readonly string[]): string => write(name, rows.join('\n') + '\n');
const INSIGHTS = 'fixtures/exports/cloudwatch-insights/logs-insights-results.csv';

describe('CloudWatch Logs Insights\' CSV', () => {
  it.each(ENGINE_FLAGS)('an @message holding JSON is looked into %j: its code field is the row\'s only code', async (flags) => {
    const { report } = await scan([INSIGHTS, ...on(flags).args], { engine: on(flags).engine });
    expect(fileRow(report, INSIGHTS)).toMatchObject({ format: 'csv', records: 5, malformedRecords: 0, untimedRecords: 0, unknown: 1 });
    // Line 7: an unknown code field (rate_limited), its text's storage_error counts; line 6: the code field.
    // Neither smime_error (line 6's msg) nor execution_failed (line 5's msg) counts.
    expect(order(report)).toEqual([['storage_error', 2], ['connection_error_max_retry', 1], ['task_finished_with_error', 1], ['web_hook_moved', 1]]);
    expect(unknown(report)).toEqual({ rate_limited: 1 });
    expect(lines(report, 'storage_error')).toEqual([7, 6]);
    expect([lines(report, 'task_finished_with_error'), lines(report, 'connection_error_max_retry'), lines(report, 'web_hook_moved')]).toEqual([[2], [4], [5]]);
    expect(accounts(report, 'storage_error')).toEqual(['bo@contoso.com', 'eve@contoso.com']);
    expect([accounts(report, 'web_hook_moved'), accounts(report, 'task_finished_with_error')]).toEqual([['ana@contoso.com'], ['dee@contoso.com']]);
    // @timestamp, not the JSON's zoneless timestamp (2026-04-07 11:15:00).
    expect(seen(report, 'storage_error')).toEqual(['2026-04-07T09:14:00.777Z', '2026-04-07T09:15:00.031Z']);
  });

  it.each(ENGINE_FLAGS)('with a window %j: each row in or out by its @timestamp', async (flags) => {
    const { report } = await scan([INSIGHTS, '--since', '2026-04-07T09:15:00Z', '--until', '2026-04-07T09:15:30Z', ...on(flags).args], { engine: on(flags).engine });
    expect(order(report)).toEqual([['storage_error', 1]]);
    expect(fileRow(report, INSIGHTS)).toMatchObject({ records: 5, outsideWindow: 4 });
  });
});

describe('a scope column', () => {
  it.each(ENGINE_FLAGS)('the row\'s own code and time columns come first; an empty cell is none; JSON cut short is text %j', async (flags) => {
    const f = written('rows.csv', [
      'time,code,message',
      // Line 2: its own code column (smime_error), not the JSON's.
      '2026-04-07T09:00:00Z,smime_error,"{""code"":""storage_error""}"',
      // Line 3: an empty code cell: the JSON's web_hook_moved; the execution_failed its msg names is not counted.
      '2026-04-07T09:01:00Z,,"{""code"":""web_hook_moved"",""msg"":""after execution_failed""}"',
      // Line 4: JSON cut short: the row's text, both codes.
      '2026-04-07T09:02:00Z,,"{""code"":""storage_error"",""msg"":""after execution_failed"""',
      // Line 5: text in the column: the row's text.
      '2026-04-07T09:03:00Z,,plain task_finished_with_error',
      // Line 6: no time of its own column (empty): the JSON's ts (09:04).
      ',,"{""ts"":""2026-04-07T09:04:00Z"",""code"":""smime_error"",""user"":""Lee <lee@contoso.com>""}"',
    ]);
    const { report } = await scan([f, ...on(flags).args], { engine: on(flags).engine });
    expect(report.files[0]).toMatchObject({ records: 5, malformedRecords: 0, untimedRecords: 0 });
    expect(order(report)).toEqual([['smime_error', 2], ['execution_failed', 1], ['storage_error', 1], ['task_finished_with_error', 1], ['web_hook_moved', 1]]);
    expect([lines(report, 'smime_error'), lines(report, 'execution_failed'), lines(report, 'web_hook_moved')]).toEqual([[2, 6], [4], [3]]);
    expect(seen(report, 'smime_error')).toEqual(['2026-04-07T09:00:00.000Z', '2026-04-07T09:04:00.000Z']);
    expect(accounts(report, 'smime_error')).toEqual(['lee@contoso.com']);
  });

  it.each(ENGINE_FLAGS)('Kibana\'s `-` and SSMS\'s NULL in the row\'s own cells are no value: the JSON\'s fields decide %j', async (flags) => {
    const f = written('kibana.csv', [
      '"@timestamp","host.name","code","user","message"',
      // Line 2: web_hook_deleted from the JSON (its storage_error only named), dee the account.
      '"Apr 7, 2026 @ 09:14:02.113","m2c-1","-","-","{""code"":""web_hook_deleted"",""user"":""dee@contoso.com"",""msg"":""hook gone; storage_error earlier""}"',
      // Line 3: text; its `-` user names no account.
      '"Apr 7, 2026 @ 09:15:02.113","m2c-1","-","-","plain text smime_error"',
      // Line 4: SSMS's NULL is no value either: the JSON's storage_error (its execution_failed only named).
      '"Apr 7, 2026 @ 09:16:02.113","m2c-1","NULL","NULL","{""code"":""storage_error"",""msg"":""after execution_failed""}"',
    ]);
    const { report } = await scan([f, ...on(flags).args], { engine: on(flags).engine });
    expect(order(report)).toEqual([['smime_error', 1], ['storage_error', 1], ['web_hook_deleted', 1]]);
    expect([accounts(report, 'web_hook_deleted'), accounts(report, 'smime_error')]).toEqual([['dee@contoso.com'], []]);
  });

  it.each(ENGINE_FLAGS)('Kibana\'s _source column (a CSV without columns chosen) %j: the document\'s code field', async (flags) => {
    const f = written('source.csv', [
      '"@timestamp","_source"',
      '"Apr 7, 2026 @ 09:14:02.113","{""@timestamp"":""2026-04-07T09:14:02.113Z"",""code"":""storage_error"",""message"":""after smime_error""}"',
    ]);
    const { report } = await scan([f, ...on(flags).args], { engine: on(flags).engine });
    expect(order(report)).toEqual([['storage_error', 1]]);
  });

  it.each(ENGINE_FLAGS)('Grafana Explore\'s CSV of Loki\'s lines: a Line holding JSON is looked into %j', async (flags) => {
    const f = written('explore.csv', [
      '"labels","Time","Line","tsNs","id"',
      // Line 2: the JSON's code field, smime_error, its only code (not the execution_failed its msg names); yuri.
      '"{""app"":""m2c""}","2026-04-07 11:01:00.000","{""level"":""error"",""code"":""smime_error"",""account"":""yuri@contoso.com"",""msg"":""see execution_failed""}","1775559660000000000","a1"',
      // Line 3: logfmt text, read as text: storage_error, xena.
      '"{""app"":""m2c""}","2026-04-07 11:00:00.123","level=error code=storage_error user=xena@contoso.com","1775559600123456789","c3"',
    ]);
    const { report } = await scan([f, ...on(flags).args], { engine: on(flags).engine });
    expect(order(report)).toEqual([['smime_error', 1], ['storage_error', 1]]);
    expect([accounts(report, 'smime_error'), accounts(report, 'storage_error')]).toEqual([['yuri@contoso.com'], ['xena@contoso.com']]);
    expect(seen(report, 'smime_error')[0]).toBe('2026-04-07T11:01:00.000Z');
  });

  it.each(ENGINE_FLAGS)('Azure\'s LogMessage, Splunk\'s _raw and --code-field into the JSON %j', async (flags) => {
    const azure = written('azure.csv', [
      '"TimeGenerated [UTC]",Computer,LogMessage,LogLevel',
      '"4/7/2026, 9:40:00.250 AM",aks-1,"{""code"":""smime_error"",""msg"":""then storage_error""}",error',
    ]);
    const splunk = written('splunk.csv', [
      '_time,host,_raw',
      '2026-04-07T09:41:00.000+0000,m2c-1,"{""event"":{""kind"":""web_hook_moved""},""msg"":""see smime_error""}"',
    ]);
    const { report } = await scan([azure, splunk, '--code-field', 'event.kind', ...on(flags).args], { engine: on(flags).engine });
    // Azure's row has no event.kind: its text (smime_error, storage_error); Splunk's row: web_hook_moved alone.
    expect(order(report)).toEqual([['smime_error', 1], ['storage_error', 1], ['web_hook_moved', 1]]);
    const { report: plain } = await scan([azure, splunk, ...on(flags).args], { engine: on(flags).engine });
    // Without the option: Azure's code field (smime_error alone); Splunk's row has none: its text.
    expect(order(plain)).toEqual([['smime_error', 2], ['web_hook_moved', 1]]);
  });
});
