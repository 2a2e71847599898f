/**
 * Stack traces in exports (README "What counts", plain text): kubectl logs --timestamps,
 * containerd's files, the journal, rsyslog and heroku logs (see fixtures/exports/README.md). Every
 * expected value was worked out by hand from the fixture files (lines and times cited), never copied from
 * mxscan's output.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { accounts, fileRow, lines, order, scan, seen } from './support/fixtures.js';
import { ENGINES } from './oracle/switch.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts; src/scan.ts is mocked
// by the setup file of the project these tests run in, test/support/oracle-mock.ts).

const exp = (name: string): string => `fixtures/exports/${name}`;

describe('stack traces under a collector\'s time', () => {
  it('logs --timestamps of stack traces: a frame, `Caused by:`, `Suppressed:` under kubectl’s time carry on the exception', async () => {
    const f = exp('kubectl/stack-trace.log');
    const { code, report } = await scan([f]);
    expect(code).toBe(0);
    // Records: 1; 2 (with the frames 3, 4, 6, `... 2 more` on 7, `Caused by:` on 5); 8; 9; 10 (11, `Suppressed:`
    // on 12, 13); 14 (15, 16: Node's frames); 17 (18); 19 (Python's `File "` on 20); 21 and 23 (source lines:
    // indentation alone tells nothing); 24. Codes in 2, 8, 9, 10, 14, 17, 24.
    expect(fileRow(report, f)).toMatchObject({ format: 'text', records: 11, matches: 7, unknown: 0, untimedRecords: 0 });
    expect(order(report)).toEqual([
      ['smime_error', 2], // lines 9 and 10 (not 12: Suppressed is in line 10's record)
      ['storage_credential_no_access', 2], // lines 14 and 17: each `Error:` head starts a record
      ['storage_error', 2], // lines 2 and 24 (not 5: Caused by is in line 2's record)
      ['task_finished_without_error', 1], // line 8
    ]);
    expect([lines(report, 'storage_error'), lines(report, 'smime_error'), lines(report, 'storage_credential_no_access')]).toEqual([[2, 24], [9, 10], [14, 17]]);
    expect(seen(report, 'storage_error')).toEqual(['2026-04-07T09:14:02.113Z', '2026-04-07T09:17:00.000Z']);
    expect(seen(report, 'storage_credential_no_access')).toEqual(['2026-04-07T09:16:00.000Z', '2026-04-07T09:16:05.000Z']);
    expect(accounts(report, 'smime_error')).toEqual(['cy@contoso.com']);
  });

  it('containerd’s files under /var/log/pods (CRI): `stdout F ` after the time, a stack trace’s lines carry on its head', async () => {
    const f = exp('kubectl/containerd.log');
    const { code, report } = await scan([f]);
    expect(code).toBe(0);
    // Records: 1; 2 (frame 3, `Caused by:` 4, `... 1 more` 5); 6.
    expect(fileRow(report, f)).toMatchObject({ format: 'text', records: 3, matches: 2, unknown: 0, untimedRecords: 0 });
    expect(order(report)).toEqual([
      ['store_in_ai_error', 1], // line 2 (not 4)
      ['web_hook_moved', 1], // line 6
    ]);
    expect(seen(report, 'store_in_ai_error')).toEqual(['2026-04-07T09:14:02.113Z', '2026-04-07T09:14:02.113Z']);
    expect(seen(report, 'web_hook_moved')[0]).toBe('2026-04-07T09:14:09.000Z');
    expect(accounts(report, 'web_hook_moved')).toEqual(['eve@contoso.com']);
  });

});

describe('the journal and rsyslog', () => {
  it('journalctl of a Java service: each line of a stack trace is an entry, its frames and `Caused by:` carry on the exception', async () => {
    const f = exp('journald/stack-trace.log');
    const { code, report } = await scan([f]);
    expect(code).toBe(0);
    // Records: 1; 2 (frame 3, `Caused by:` 4, `... 1 more` 5, after `mx1 mail2cloud[2211]: `); 6.
    expect(fileRow(report, f)).toMatchObject({ format: 'text', records: 3, matches: 2, untimedRecords: 0 });
    expect(order(report)).toEqual([
      ['connection_error_max_retry', 1], // line 2 (not 4)
      ['task_finished_with_error', 1], // line 6
    ]);
    expect(seen(report, 'connection_error_max_retry')).toEqual(['2026-04-07T09:14:02.000Z', '2026-04-07T09:14:02.000Z']); // 11:14:02+0200
    expect(seen(report, 'task_finished_with_error')[0]).toBe('2026-04-07T09:15:00.000Z');
    expect(accounts(report, 'task_finished_with_error')).toEqual(['bo@contoso.com']);
  });

  it('rsyslog’s /var/log/messages: a tab written `#011`, the frames after `host tag[pid]: ` carry on the exception', async () => {
    const f = exp('syslog/messages-trace.log');
    const { code, report } = await scan([f, '--year', '2026']);
    expect(code).toBe(0);
    // Records: 1; 2 (`#011at` 3, `Caused by:` 4, `#011... 1 more` 5); 6.
    expect(fileRow(report, f)).toMatchObject({ format: 'text', records: 3, matches: 3, untimedRecords: 0 });
    expect(order(report)).toEqual([
      ['smime_error', 2], // lines 1 and 2 (not 4)
      ['web_hook_moved', 1], // line 6
    ]);
    expect(lines(report, 'smime_error')).toEqual([1, 2]);
    expect(seen(report, 'web_hook_moved')[0]).toBe('2026-04-07T09:16:30.000Z');
  });

  it.each(ENGINES)('heroku logs of a Java app (%s): the frames, `Caused by:` and `Suppressed:` after `app[web.1]: ` carry on the exception', async (engine) => {
    const f = exp('heroku/java-trace.log');
    const { code, report } = await scan([f], { engine });
    expect(code).toBe(0);
    // Records: 1 (the router's line); 2; 3 (an exception's head: frames 4, 5, `Caused by:` 6, `... 2 more` 7, each
    // within a millisecond of it); 8 (another dyno's line); 9 (Heroku's own); 10; 11 (a head: frame 12, `Suppressed:` 13).
    expect(fileRow(report, f)).toMatchObject({ format: 'text', records: 7, matches: 4, unknown: 0, untimedRecords: 0 });
    expect(order(report)).toEqual([
      ['smime_error', 2], // lines 10 and 11 (not 13: Suppressed is in line 11's record)
      ['storage_error', 1], // line 3 (not 6: Caused by is in line 3's record)
      ['task_finished_without_error', 1], // line 8
    ]);
    expect([lines(report, 'storage_error'), lines(report, 'smime_error')]).toEqual([[3], [10, 11]]);
    // Heroku's time, to the millisecond, before the app's own.
    expect(seen(report, 'storage_error')[0]).toBe('2026-04-07T09:14:02.113Z');
    expect(accounts(report, 'smime_error')).toEqual(['cy@contoso.com']);
  });
});

describe.each(ENGINES)('a collector\'s source before its time (%s)', (engine) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mxscan-sources-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    // kubectl logs --prefix --timestamps: records 1; 2 (frame 3, Caused by 4, 100-300 µs later); 5.
    [
      'pods.log',
      [
        '[pod/m2c-7d9f/m2c] 2026-04-07T15:30:00.100000000Z 2026-04-07 15:30:00.100 ERROR c.m.Sync - accounts_and_groups_source_sync_error for nat@contoso.com',
        '[pod/m2c-7d9f/m2c] 2026-04-07T15:30:00.100100000Z com.mxhero.SyncException: accounts_and_groups_source_sync_error',
        '[pod/m2c-7d9f/m2c] 2026-04-07T15:30:00.100200000Z \tat com.mxhero.Sync.run(Sync.java:5)',
        '[pod/m2c-7d9f/m2c] 2026-04-07T15:30:00.100300000Z Caused by: javax.naming.AuthenticationException: accounts_and_groups_source_sync_error',
        '[pod/m2c-8a1b/m2c] 2026-04-07T15:31:00.000000000Z 2026-04-07 15:31:00.000 WARN c.m.Sync - web_hook_moved for oli@contoso.com',
      ],
    ],
    // docker compose logs -t: the same shape after `m2c-1  | `.
    [
      'compose.log',
      [
        'm2c-1  | 2026-04-07T15:30:00.100000000Z 2026-04-07 15:30:00.100 ERROR c.m.Sync - accounts_and_groups_source_sync_error for nat@contoso.com',
        'm2c-1  | 2026-04-07T15:30:00.100100000Z com.mxhero.SyncException: accounts_and_groups_source_sync_error',
        'm2c-1  | 2026-04-07T15:30:00.100200000Z \tat com.mxhero.Sync.run(Sync.java:5)',
        'm2c-1  | 2026-04-07T15:30:00.100300000Z Caused by: javax.naming.AuthenticationException: accounts_and_groups_source_sync_error',
        'm2c-1  | 2026-04-07T15:31:00.000000000Z 2026-04-07 15:31:00.000 WARN c.m.Sync - web_hook_moved for oli@contoso.com',
      ],
    ],
    // aws logs tail: the log stream's name after the time.
    [
      'tail.log',
      [
        '2026-04-07T15:30:00.100000+00:00 m2c/worker/1a ERROR accounts_and_groups_source_sync_error for nat@contoso.com',
        '2026-04-07T15:30:00.100100+00:00 m2c/worker/1a com.mxhero.SyncException: accounts_and_groups_source_sync_error',
        '2026-04-07T15:30:00.100200+00:00 m2c/worker/1a \tat com.mxhero.Sync.run(Sync.java:5)',
        '2026-04-07T15:30:00.100300+00:00 m2c/worker/1a Caused by: javax.naming.AuthenticationException: accounts_and_groups_source_sync_error',
        '2026-04-07T15:31:00.000000+00:00 m2c/worker/1b WARN web_hook_moved for oli@contoso.com',
      ],
    ],
  ])('%s: a trace\'s frame and Caused by carry on its exception; its code counts once there', async (name, text) => {
    const f = path.join(dir, name);
    writeFileSync(f, text.join('\n') + '\n');
    const { code, report } = await scan([f], { engine });
    expect(code).toBe(0);
    expect(report.files[0]).toMatchObject({ format: 'text', records: 3, matches: 3, untimedRecords: 0 });
    expect(order(report)).toEqual([
      ['accounts_and_groups_source_sync_error', 2], // lines 1 and 2 (not 4: its Caused by is in line 2's record)
      ['web_hook_moved', 1], // line 5
    ]);
    expect(lines(report, 'accounts_and_groups_source_sync_error')).toEqual([1, 2]);
    expect(seen(report, 'accounts_and_groups_source_sync_error')).toEqual(['2026-04-07T15:30:00.100Z', '2026-04-07T15:30:00.100Z']);
  });

  it.each([
    ['compose-2.log', (src: string) => `${src}-1  | `],
    ['prefix-2.log', (src: string) => `[pod/${src}-7d9/${src}] `],
  ])('%s: sources interleave: a Caused by: carries on only a record its own source began', async (name, source) => {
    const f = path.join(dir, name);
    const text = [
      `${source('api')}2026-04-07T09:00:00.100000000Z ERROR upload failed: java.lang.RuntimeException: upload failed`,
      `${source('web')}2026-04-07T09:00:00.200000000Z ERROR storage_error while saving attachment`,
      // api's, 0.1 s after web's record began: not web's; a record of its own (storage_error counts again).
      `${source('api')}2026-04-07T09:00:00.300000000Z Caused by: com.mxhero.StorageException: storage_error`,
      // api's frame: carries on line 3's record.
      `${source('api')}2026-04-07T09:00:00.350000000Z \tat com.mxhero.Api.run(Api.java:3)`,
      // web's, but the current record (line 3's) is api's: a record of its own.
      `${source('web')}2026-04-07T09:00:00.400000000Z Caused by: com.mxhero.StorageException: storage_error`,
    ];
    writeFileSync(f, text.join('\n') + '\n');
    const { code, report } = await scan([f], { engine });
    expect(code).toBe(0);
    // Records: 1 (api); 2 (web); 3 (api's Caused by, with its frame on 4); 5 (web's: web's record is not the current one).
    expect(report.files[0]).toMatchObject({ format: 'text', records: 4, untimedRecords: 0 });
    expect(order(report)).toEqual([['storage_error', 3]]); // lines 2, 3 and 5
    expect(lines(report, 'storage_error')).toEqual([2, 3, 5]);
  });

  it('aws logs tail, two Lambda streams interleaved: each Caused by: carries on only its own stream\'s record', async () => {
    const f = path.join(dir, 'streams.log');
    writeFileSync(
      f,
      [
        '2026-04-07T09:00:00.100000+00:00 2026/04/07/[$LATEST]aaaa ERROR upload failed: com.x.UploadException: storage_error',
        '2026-04-07T09:00:00.150000+00:00 2026/04/07/[$LATEST]bbbb ERROR upload failed: com.x.UploadException: storage_error',
        // aaaa's, but the current record is bbbb's: a record of its own; so is bbbb's after it (the current is aaaa's).
        '2026-04-07T09:00:00.160000+00:00 2026/04/07/[$LATEST]aaaa Caused by: com.x.SmimeException: smime_error',
        '2026-04-07T09:00:00.170000+00:00 2026/04/07/[$LATEST]bbbb Caused by: com.x.SmimeException: smime_error',
        // bbbb's frame right after bbbb's Caused by: carries it on.
        '2026-04-07T09:00:00.180000+00:00 2026/04/07/[$LATEST]bbbb \tat com.x.Up.run(Up.java:9)',
      ].join('\n') + '\n',
    );
    const { code, report } = await scan([f], { engine });
    expect(code).toBe(0);
    // Records: 1 (aaaa), 2 (bbbb), 3 (aaaa's Caused by), 4 (bbbb's Caused by, with its frame on 5).
    expect(report.files[0]).toMatchObject({ format: 'text', records: 4 });
    expect(order(report)).toEqual([
      ['smime_error', 2],
      ['storage_error', 2],
    ]);
  });

  it('a word with a `/` after the time that is no stream (a dd/MM/yyyy date) does not part a trace whose frames name none', async () => {
    // kubectl logs --timestamps of a log4j app writing dd/MM/yyyy: one record (frames and Caused by carry it on).
    const f = path.join(dir, 'slashed.log');
    writeFileSync(
      f,
      [
        '2026-03-18T08:00:00.100000000Z 18/03/2026 08:00:00.100 ERROR [main] c.x.SyncService - sync failed: storage_error',
        '2026-03-18T08:00:00.100100000Z \tat com.x.SyncService.run(SyncService.java:42)',
        '2026-03-18T08:00:00.100200000Z Caused by: com.x.StorageException: storage_error',
        '2026-03-18T08:00:00.100300000Z \tat com.x.Store.put(Store.java:7)',
      ].join('\n') + '\n',
    );
    const { code, report } = await scan([f], { engine });
    expect(code).toBe(0);
    expect(report.files[0]).toMatchObject({ format: 'text', records: 1 });
    expect(order(report)).toEqual([['storage_error', 1]]);
  });
});
