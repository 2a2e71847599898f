/**
 * Search APIs' responses saved as JSON (README "Structured records", Wrapped JSON exports): Datadog's Logs
 * API v1 (each log's fields in `content`), Loggly's events API (the line it received in `logmsg`),
 * `kubectl get events -o json` (an event's time its `lastTimestamp`). Each event's code field is its only
 * code, not the codes its message mentions. Every expected value is worked out by hand from the inputs.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { order, scan, seen } from './support/fixtures.js';
import { ENGINE_FLAGS, on } from './oracle/switch.js';
import { tempDir } from './support/main.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts; src/scan.ts is mocked
// by the setup file of the project these tests run in, test/support/oracle-mock.ts).

const { remove, write } = tempDir('mxscan-api-');
afterAll(remove);

const accounts = (r: Awaited<ReturnType<typeof scan>>['report'], code: string): string[] => r.codes.find((c) => c.code === code)!.accounts.top.map((a) => a.account);

describe('search APIs\' responses', () => {
  it.each(ENGINE_FLAGS)('Datadog Logs API v1 (logs[].content) and Loggly (events[].logmsg): each code field the only code %j', async (flags) => {
    const datadog = write(
      'datadog.json',
      JSON.stringify(
        {
          logs: [
            { content: { attributes: { code: 'storage_error', user: 'ana@contoso.com' }, host: 'mx01', message: 'upload failed; last run ended with smime_error', timestamp: '2026-04-07T09:14:02.113Z' }, id: 'AQAA1' },
            { content: { attributes: { code: 'task_finished_without_error', user: 'bo@contoso.com' }, host: 'mx01', message: 'rule run done after a storage_error retry', timestamp: '2026-04-07T09:20:45.500Z' }, id: 'AQAA2' },
          ],
          nextLogId: null,
          status: 'done',
        },
        null,
        2,
      ),
    );
    const loggly = write(
      'loggly.json',
      JSON.stringify({
        total_events: 1,
        page: 0,
        events: [{ timestamp: 1775555470000, logmsg: JSON.stringify({ code: 'smime_error', user: 'cy@contoso.com', message: 'signing failed after storage_error' }), logtypes: ['json'], id: 'e1' }],
      }),
    );
    const { report } = await scan([datadog, loggly, ...on(flags).args], { engine: on(flags).engine });
    // Datadog: storage_error (ana, 09:14:02.113), task_finished_without_error (bo, 09:20:45.500); Loggly:
    // smime_error (cy, 1775555470000 = 09:51:10Z). The messages' mentions are not counted.
    expect(order(report)).toEqual([
      ['smime_error', 1],
      ['storage_error', 1],
      ['task_finished_without_error', 1],
    ]);
    expect(accounts(report, 'storage_error')).toEqual(['ana@contoso.com']);
    expect(accounts(report, 'smime_error')).toEqual(['cy@contoso.com']);
    expect(seen(report, 'task_finished_without_error')[0]).toBe('2026-04-07T09:20:45.500Z');
    expect(seen(report, 'smime_error')[0]).toBe('2026-04-07T09:51:10.000Z');
  });

  it.each(ENGINE_FLAGS)('kubectl get events -o json: an event is timed by when it was last seen %j', async (flags) => {
    const event = (name: string, message: string, first: string, last: string, count: number) => ({
      apiVersion: 'v1',
      count,
      firstTimestamp: first,
      involvedObject: { kind: 'Pod', name: 'm2c-sync-7d9f' },
      kind: 'Event',
      lastTimestamp: last,
      message,
      metadata: { name, namespace: 'm2c', creationTimestamp: first },
      reason: 'Unhealthy',
      type: 'Warning',
    });
    const f = write(
      'events.json',
      JSON.stringify(
        {
          apiVersion: 'v1',
          items: [
            event('a.1', 'Readiness probe failed: storage_error', '2026-04-07T09:02:11Z', '2026-04-07T09:14:02Z', 14),
            event('b.1', 'Liveness probe failed: smime_error', '2026-04-07T09:31:10Z', '2026-04-07T09:31:10Z', 1),
          ],
          kind: 'List',
          metadata: { resourceVersion: '' },
        },
        null,
        2,
      ),
    );
    // The storage_error event was last seen at 09:14:02, inside 09:10-09:20; smime_error's at 09:31:10 is not.
    const { report } = await scan([f, '--since', '2026-04-07T09:10Z', '--until', '2026-04-07T09:20Z', ...on(flags).args], { engine: on(flags).engine });
    expect(order(report)).toEqual([['storage_error', 1]]);
    expect(seen(report, 'storage_error')[0]).toBe('2026-04-07T09:14:02.000Z');
    expect(report.files[0]).toMatchObject({ records: 2, outsideWindow: 1 });
  });
});

describe('collectors\' file outputs: JSON lines whose `message` string holds the program\'s JSON line', () => {
  it.each(ENGINE_FLAGS)('Vector (keys sorted) and Filebeat (nested objects, an escaped line break first) %j', async (flags) => {
    const line = (code: string, user: string, msg: string): string => JSON.stringify({ level: 'error', code, user, msg });
    // Vector's file sink with a JSON codec: storage_error (ana), task_finished_without_error (bo); each
    // message names another code, not counted.
    const vector = write(
      'vector.json',
      [
        JSON.stringify({ file: '/var/log/m2c/sync.log', host: 'mx01', message: line('storage_error', 'ana@contoso.com', 'upload failed; previous run ended with smime_error'), source_type: 'file', timestamp: '2026-04-07T09:14:02.113456789Z' }),
        JSON.stringify({ file: '/var/log/m2c/rules.log', host: 'mx01', message: line('task_finished_without_error', 'bo@contoso.com', 'done after a storage_error retry'), source_type: 'file', timestamp: '2026-04-07T09:20:45.5Z' }),
        '',
      ].join('\n'),
    );
    // Filebeat's file output: nested objects, the program's line in `message` after a line break (smime_error, cy).
    const filebeat = write(
      'filebeat.ndjson',
      JSON.stringify({ '@timestamp': '2026-04-07T09:31:10.000Z', agent: { type: 'filebeat' }, log: { file: { path: '/var/log/m2c/smime.log' } }, message: '\n' + line('smime_error', 'cy@contoso.com', 'signing failed after web_hook_moved'), host: { name: 'mx02' } }) + '\n',
    );
    const { report } = await scan([vector, filebeat, ...on(flags).args], { engine: on(flags).engine });
    expect(order(report)).toEqual([
      ['smime_error', 1],
      ['storage_error', 1],
      ['task_finished_without_error', 1],
    ]);
    expect(accounts(report, 'storage_error')).toEqual(['ana@contoso.com']);
    expect(accounts(report, 'smime_error')).toEqual(['cy@contoso.com']);
    // The collector's time of each line (Vector's `timestamp`, Filebeat's `@timestamp`).
    expect(seen(report, 'storage_error')[0]).toBe('2026-04-07T09:14:02.113Z');
    expect(seen(report, 'smime_error')[0]).toBe('2026-04-07T09:31:10.000Z');
    // A message that is text (not JSON) is read as before: its codes count.
    const plain = write('plain.jsonl', JSON.stringify({ host: 'mx01', message: '{not json} storage_error for ann', timestamp: '2026-04-07T09:40:00Z' }) + '\n');
    const p = await scan([plain, ...on(flags).args], { engine: on(flags).engine });
    expect(order(p.report)).toEqual([['storage_error', 1]]);
  });
});
