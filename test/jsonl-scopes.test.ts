/**
 * JSON lines that hold a scope object (README "Structured records"): a Google Cloud log sink's files
 * (`jsonPayload`), Datadog's archives and `jq -c '.data[]'` of its API (`attributes`) are looked into as an
 * array's elements are, so the same events one a line or in an array count alike: the code field there is
 * the event's only code, not a code its message names. Every expected value was worked out by hand from the
 * lines written here.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { accounts, order, scan, seen } from './support/fixtures.js';
import { tempDir } from './support/main.js';
import { ENGINES } from './oracle/switch.js';

// The oracle stands in for the engine where a case asks for it (src/scan.ts is mocked by the setup file of
// the project these tests run in, test/support/oracle-mock.ts).

const { remove, write } = tempDir('mxscan-jsonl-scopes-');
afterAll(remove);

const GCS = [
  // Line 1: jsonPayload.code accounts_and_groups_source_sync_warning (not the _error its message names); eve.
  '{"insertId":"1a","jsonPayload":{"account":"eve@contoso.com","code":"accounts_and_groups_source_sync_warning","message":"sync partial; accounts_and_groups_source_sync_error threshold near"},"logName":"projects/mx-prod/logs/stdout","resource":{"type":"k8s_container"},"severity":"WARNING","timestamp":"2026-04-07T11:41:00.123456789Z"}',
  // Line 2: web_hook_moved (not web_hook_removed_by_move_conflict); fay.
  '{"insertId":"4d","jsonPayload":{"account":"fay@contoso.com","code":"web_hook_moved","message":"moved after web_hook_removed_by_move_conflict"},"logName":"projects/mx-prod/logs/stdout","severity":"INFO","timestamp":"2026-04-07T11:42:00Z"}',
];
const DATADOG = [
  // Line 1: no code field: its message's connection_error_max_retry; dave (attributes.attributes.account).
  '{"id":"A","type":"log","attributes":{"attributes":{"account":"dave@contoso.com","retries":5},"host":"mx-1","message":"connection_error_max_retry after 5 attempts","service":"mail2cloud","status":"error","timestamp":"2026-04-07T10:05:00.250Z"}}',
  // Line 2: attributes.attributes.error_code task_finished_with_error, not the storage_error its message names; erin.
  '{"id":"B","type":"log","attributes":{"attributes":{"error_code":"task_finished_with_error","user":"erin@contoso.com"},"host":"mx-1","message":"task 7781 finished (see storage_error details)","service":"mail2cloud","status":"error","timestamp":"2026-04-07T10:06:00.000Z"}}',
];

describe.each(ENGINES)('JSON lines with a scope object (%s)', (engine) => {
  it.each([
    ['stdout/11:00:00_11:59:59_S0.json', 'lines'],
    ['gcs.json', 'array'],
  ])('a Google Cloud log sink\'s entries (%s, as %s): jsonPayload\'s code field is the only code', async (name, shape) => {
    const f = write(name.replace(/[/:]/g, '_'), shape === 'lines' ? GCS.join('\n') + '\n' : `[${GCS.join(',\n')}]\n`);
    const { code, report } = await scan([f], { engine });
    expect(code).toBe(0);
    expect(report.files[0]).toMatchObject({ records: 2, untimedRecords: 0 });
    expect(order(report)).toEqual([
      ['accounts_and_groups_source_sync_warning', 1],
      ['web_hook_moved', 1],
    ]);
    expect(seen(report, 'accounts_and_groups_source_sync_warning')[0]).toBe('2026-04-07T11:41:00.123Z');
    expect([accounts(report, 'accounts_and_groups_source_sync_warning'), accounts(report, 'web_hook_moved')]).toEqual([['eve@contoso.com'], ['fay@contoso.com']]);
  });

  it.each(['jsonl', 'json'])('Datadog\'s logs one a line (jq -c .data[], an archive) as .%s: attributes looked into', async (ext) => {
    const f = write(`datadog.${ext}`, DATADOG.join('\n') + '\n');
    const { code, report } = await scan([f], { engine });
    expect(code).toBe(0);
    expect(report.files[0]).toMatchObject({ records: 2, untimedRecords: 0 });
    expect(order(report)).toEqual([
      ['connection_error_max_retry', 1],
      ['task_finished_with_error', 1],
    ]);
    expect(seen(report, 'connection_error_max_retry')[0]).toBe('2026-04-07T10:05:00.250Z');
    expect(seen(report, 'task_finished_with_error')[0]).toBe('2026-04-07T10:06:00.000Z');
    expect([accounts(report, 'connection_error_max_retry'), accounts(report, 'task_finished_with_error')]).toEqual([['dave@contoso.com'], ['erin@contoso.com']]);
  });

  it('a mail log\'s message object is the mail\'s: its date and status code are not the event\'s', async () => {
    const f = write('mail.jsonl', [
      // logged_at is no time field: the line's first date-time is its time (09:00); the mail's date and its
      // SMTP status (250) are not read as the event's time and code.
      '{"logged_at":"2026-04-07T09:00:00Z","msg":"storage_error uploading","message":{"id":"<a1@mx.contoso.com>","date":"2026-03-01T08:00:00Z","code":"250"}}',
      '{"logged_at":"2026-04-07T09:05:00Z","msg":"smime_error signing","message":{"id":"<a2@mx.contoso.com>","date":"2026-03-02T08:00:00Z"}}',
    ].join('\n') + '\n');
    const { code, report } = await scan([f], { engine });
    expect(code).toBe(0);
    expect(order(report)).toEqual([
      ['smime_error', 1],
      ['storage_error', 1],
    ]);
    expect(report.unknownCodes).toEqual([]);
    expect([seen(report, 'storage_error')[0], seen(report, 'smime_error')[0]]).toEqual(['2026-04-07T09:00:00.000Z', '2026-04-07T09:05:00.000Z']);
  });
});
