/**
 * Fixture tests, fixtures/exports: kubectl, journald, Kibana and Datadog CSV, the dashboard CSV, elasticdump
 * (see fixtures/exports/README.md; time fields and SQL Developer's times are in
 * test/exports-time-fields.test.ts, the exports refused in test/exports-unread.test.ts). Every expected
 * value was worked out by hand from the fixture files (lines and times cited), never copied from mxscan's
 * output.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from './support/cli.js';
import { describe, expect, it } from 'vitest';
import type { Report } from '../src/summary/report.js';
import { accounts, fileRow, lines, order, scan, seen, unknown } from './support/fixtures.js';
import { ENGINES } from './oracle/switch.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts; src/scan.ts is mocked
// by the setup file of the project these tests run in, test/support/oracle-mock.ts).

const exp = (name: string): string => `fixtures/exports/${name}`;

describe('kubectl', () => {
  it('logs --timestamps: the RFC 3339 nano time kubectl puts first is the line’s, JSON after it or not', async () => {
    const f = exp('kubectl/timestamps.log');
    const { code, report } = await scan([f]);
    expect(code).toBe(0);
    // every line starts with kubectl's time: lines 1, 2, 4 and 5 are records of their own; the stack frame on
    // line 3 carries on line 2's exception. Lines of text among the JSON ones: the file is plain text.
    expect(fileRow(report, f)).toMatchObject({ format: 'text', records: 4, matches: 4, unknown: 0, untimedRecords: 0 });
    expect(order(report)).toEqual([
      ['smime_error', 1], // line 2
      ['storage_credential_no_access', 1], // line 5
      ['storage_error', 1], // line 1
      ['task_finished_without_error', 1], // line 4
    ]);
    expect([lines(report, 'storage_error'), lines(report, 'smime_error'), lines(report, 'task_finished_without_error')]).toEqual([[1], [2], [4]]);
    // line 1: kubectl's 09:14:02.113456789 (to the millisecond), not the app's own "time" 09:14:02.100
    expect(seen(report, 'storage_error')).toEqual(['2026-04-07T09:14:02.113Z', '2026-04-07T09:14:02.113Z']);
    expect(seen(report, 'smime_error')[0]).toBe('2026-04-07T09:14:02.200Z');
    expect(seen(report, 'task_finished_without_error')[0]).toBe('2026-04-07T09:15:30.500Z'); // .5
    expect(seen(report, 'storage_credential_no_access')[0]).toBe('2026-04-07T09:16:00.000Z'); // .000000001
    expect(accounts(report, 'storage_error')).toEqual(['ana@contoso.com']);
    expect(accounts(report, 'storage_credential_no_access')).toEqual(['cy@contoso.com']); // mailbox=
  });

  it('logs of a JSON-logging pod: JSON lines, zap’s epoch-seconds ts, the code field the only code', async () => {
    const f = exp('kubectl/json-pod.log');
    const { code, report } = await scan([f]);
    expect(code).toBe(0);
    expect(fileRow(report, f)).toMatchObject({ format: 'jsonl', records: 3, matches: 2, unknown: 0, malformedRecords: 0 });
    expect(order(report)).toEqual([
      ['smime_error', 1], // line 1: "code" (the storage_error in its msg is not counted)
      ['web_hook_moved', 1], // line 3: "error_code"
    ]);
    expect(seen(report, 'smime_error')).toEqual(['2026-04-07T09:14:05.250Z', '2026-04-07T09:14:05.250Z']); // ts 1775553245.25
    expect(seen(report, 'web_hook_moved')[0]).toBe('2026-04-07T09:16:00.500Z'); // ts 1775553360.5
    expect(accounts(report, 'smime_error')).toEqual(['dee@contoso.com']);
    expect(accounts(report, 'web_hook_moved')).toEqual(['eve@contoso.com']);
  });

  it('logs --prefix: `[pod/name/container] ` before the JSON is a collector\'s head: JSON lines, the code field the only code', async () => {
    const f = exp('kubectl/prefix.log');
    const { code, report } = await scan([f]);
    expect(code).toBe(0);
    expect(fileRow(report, f)).toMatchObject({ format: 'jsonl', records: 3, matches: 2, unknown: 0, malformedRecords: 0 });
    expect(order(report)).toEqual([
      ['connection_error_max_retry', 1], // line 3
      ['storage_error', 1], // line 1, the code (the smime_error its msg names is not counted)
    ]);
    // the JSON's "time"
    expect(seen(report, 'storage_error')[0]).toBe('2026-04-07T09:14:05.250Z');
    expect(seen(report, 'connection_error_max_retry')[0]).toBe('2026-04-07T09:17:00.000Z');
    expect(accounts(report, 'connection_error_max_retry')).toEqual(['gus@contoso.com']);
  });
});

describe('journald', () => {
  it('journalctl -o json: __REALTIME_TIMESTAMP (µs, a string) is the time; a MESSAGE of bytes is a record without codes', async () => {
    const f = exp('journald/journal.json');
    const { code, report } = await scan([f]);
    expect(code).toBe(0);
    expect(fileRow(report, f)).toMatchObject({ format: 'jsonl', records: 4, matches: 3, unknown: 0, malformedRecords: 0, untimedRecords: 0 });
    expect(order(report)).toEqual([
      ['storage_credential_no_access', 1], // line 4: in the MESSAGE string that holds JSON (JSON lines: top level only)
      ['storage_error', 1], // line 1
      ['task_finished_without_error', 1], // line 3
    ]);
    // line 2's MESSAGE is an array of byte values (non-UTF-8): its smime_error is not text, nothing is counted
    expect(seen(report, 'storage_error')).toEqual(['2026-04-07T09:14:02.113Z', '2026-04-07T09:14:02.113Z']); // 1775553242113000
    expect(seen(report, 'task_finished_without_error')[0]).toBe('2026-04-07T09:16:30.500Z'); // 1775553390500000
    expect(seen(report, 'storage_credential_no_access')[0]).toBe('2026-04-07T09:17:00.000Z'); // 1775553420000000
    expect(accounts(report, 'storage_credential_no_access')).toEqual(['cy@contoso.com']);
    expect(report.timeRange).toEqual({ start: '2026-04-07T09:14:02.113Z', end: '2026-04-07T09:17:00.000Z' }); // line 2 (09:15) is inside
  });

  it('journalctl -o json with a window: each entry inside or outside by __REALTIME_TIMESTAMP', async () => {
    const f = exp('journald/journal.json');
    for (const engine of ENGINES) {
      const { code, report } = await scan([f, '--since', '2026-04-07T09:15:00Z', '--until', '2026-04-07T09:17:00Z'], { engine });
      expect(code).toBe(0);
      // inside: line 2 (09:15:00) and line 3 (09:16:30.5); outside: line 1 (09:14:02.113), line 4 (09:17:00, until is open)
      expect(fileRow(report, f)).toMatchObject({ records: 4, outsideWindow: 2, matches: 1, untimedRecords: 0 });
      expect(order(report)).toEqual([['task_finished_without_error', 1]]);
    }
  });

  it('journalctl -o short-iso: `2026-04-07T11:14:02+0200` (systemd before 255), a `-- Boot … --` line joins the entry above', async () => {
    const f = exp('journald/short-iso.log');
    const { code, report } = await scan([f]);
    expect(code).toBe(0);
    expect(fileRow(report, f)).toMatchObject({ format: 'text', records: 3, matches: 3, untimedRecords: 0 }); // lines 1, 2-3, 4
    expect(order(report)).toEqual([
      ['smime_error', 1],
      ['storage_error', 1],
      ['task_finished_without_error', 1],
    ]);
    expect(seen(report, 'storage_error')[0]).toBe('2026-04-07T09:14:02.000Z'); // 11:14:02+0200
    expect(seen(report, 'smime_error')[0]).toBe('2026-04-07T09:14:02.000Z');
    expect(seen(report, 'task_finished_without_error')[0]).toBe('2026-04-07T09:16:30.000Z');
    expect(lines(report, 'task_finished_without_error')).toEqual([4]);
    expect(accounts(report, 'task_finished_without_error')).toEqual(['bo@contoso.com']);
  });

});

describe('Winston (Node.js)', () => {
  it("`code` holds a Node error code: an unknown code, and the line's text is read too (its catalog codes count)", async () => {
    const f = exp('winston/app.jsonl');
    const { code, report } = await scan([f]);
    expect(code).toBe(0);
    expect(fileRow(report, f)).toMatchObject({ format: 'jsonl', records: 5, matches: 4, unknown: 4, malformedRecords: 0 });
    expect(order(report)).toEqual([
      ['connection_error_max_retry', 1], // line 1, in the message beside ECONNREFUSED
      ['smime_error', 1], // line 4: its code field, a catalog code, alone (not the detail's storage_error)
      ['storage_credential_no_access', 1], // line 2, beside "401"
      ['task_finished_without_error', 1], // line 5, beside E_SYNC_DONE
    ]);
    // line 5 names E_SYNC_DONE twice more (its code key, and `code=e_sync_done`): one unknown code a record
    expect(unknown(report)).toEqual({ ECONNREFUSED: 1, '401': 1, ETIMEDOUT: 1, E_SYNC_DONE: 1 });
    expect(seen(report, 'connection_error_max_retry')[0]).toBe('2026-04-07T09:14:02.113Z');
    expect(accounts(report, 'connection_error_max_retry')).toEqual(['ana@contoso.com']);
    expect(accounts(report, 'storage_credential_no_access')).toEqual(['bo@contoso.com']);
    expect(report.verdict).toMatch(/^3 ERROR codes need action: /);
  });
});

describe('CSV reports of log tools', () => {
  it('psql\'s \\copy of a timestamptz in a zone on the hour (`+02`, minutes left out): the offset is applied, in a window too', async () => {
    const csv = 'created_at,code,account\n2026-04-07 11:14:02.113+02,storage_error,ann@example.com\n2026-04-07 11:40:00+02,smime_error,bob@example.com\n';
    const text = '2026-04-07 11:14:02.113+02 ERROR storage_error\n2026-04-07 04:40:00-05 ERROR smime_error\n';
    for (const [stdin, args] of [[csv, ['--input-format', 'csv']], [text, []]] as const) {
      const { report } = await scan(['-', ...args], { stdin: Buffer.from(stdin) });
      // 11:14:02.113+02 is 09:14:02.113Z; 11:40+02 and 04:40-05 are 09:40Z.
      expect([seen(report, 'storage_error')[0], seen(report, 'smime_error')[0]]).toEqual(['2026-04-07T09:14:02.113Z', '2026-04-07T09:40:00.000Z']);
      const w = await scan(['-', ...args, '--since', '2026-04-07T09:00:00Z', '--until', '2026-04-07T10:00:00Z'], { stdin: Buffer.from(stdin) });
      expect(order(w.report)).toEqual([['smime_error', 1], ['storage_error', 1]]);
    }
  });

  it('SQL Developer\'s zone region in capitals (EUROPE/BERLIN) is a zone mxscan cannot apply: no time, not hours off', async () => {
    const { report } = await scan(['-', '--input-format', 'csv'], { stdin: Buffer.from('LOGGED_AT,CODE,MAILBOX\n07-APR-26 11.14.02.113000000 AM EUROPE/BERLIN,storage_error,ann@example.com\n') });
    expect(seen(report, 'storage_error')[0]).toBeNull();
  });

  it('PostgreSQL COPY … CSV (no header by default): the first record holds a date-time, so it is a row; rows read as text', async () => {
    const f = exp('postgres/copy.csv');
    const { code, report } = await scan([f]);
    expect(code).toBe(0);
    // records on lines 1, 2, 3-4 (a quoted message across two lines), 5; no column has a name
    expect(fileRow(report, f)).toMatchObject({ format: 'csv', records: 4, matches: 4, malformedRecords: 0, untimedRecords: 0 });
    expect(order(report)).toEqual([
      ['smime_error', 1], // line 2
      ['storage_error', 1], // line 1: the first record, not a header
      ['task_finished_with_error', 1], // lines 3-4, in the message (the code cell is empty)
      ['web_hook_moved', 1], // line 5
    ]);
    expect([lines(report, 'storage_error'), lines(report, 'task_finished_with_error'), lines(report, 'web_hook_moved')]).toEqual([[1], [3], [5]]);
    // PostgreSQL writes its timestamptz with the offset `+00`
    expect(seen(report, 'storage_error')[0]).toBe('2026-04-07T09:14:02.113Z');
    expect(seen(report, 'task_finished_with_error')[0]).toBe('2026-04-07T09:30:00.000Z');
    expect(accounts(report, 'storage_error')).toEqual(['ana@contoso.com']);
    expect(accounts(report, 'task_finished_with_error')).toEqual(['cy@contoso.com']);
  });

  it('Kibana Discover CSV report: quoted, newest first, @timestamp as `Apr 7, 2026 @ 09:14:02.113`', async () => {
    const f = exp('kibana/discover-report.csv');
    const { code, report } = await scan([f]);
    expect(code).toBe(0);
    expect(fileRow(report, f)).toMatchObject({ format: 'csv', records: 3, matches: 3, malformedRecords: 0, untimedRecords: 0 });
    expect(order(report)).toEqual([
      ['smime_error', 1], // line 3
      ['storage_error', 1], // line 4
      ['task_finished_without_error', 1], // line 2
    ]);
    expect([lines(report, 'task_finished_without_error'), lines(report, 'smime_error'), lines(report, 'storage_error')]).toEqual([[2], [3], [4]]);
    expect(seen(report, 'storage_error')[0]).toBe('2026-04-07T09:14:02.113Z');
    expect(seen(report, 'smime_error')[0]).toBe('2026-04-07T09:15:00.500Z');
    expect(seen(report, 'task_finished_without_error')[0]).toBe('2026-04-07T09:16:10.000Z');
    expect(accounts(report, 'smime_error')).toEqual(['bo@contoso.com']);
    // the browser's zone is not in the file: --tz says which it was
    const berlin = await scan([f, '--tz', 'Europe/Berlin']);
    expect(seen(berlin.report, 'storage_error')[0]).toBe('2026-04-07T07:14:02.113Z');
  });

  it('Datadog Log Explorer CSV: Date, Host, Service, Message; a quoted message holding a stack trace is one record', async () => {
    const f = exp('datadog-csv/log-explorer.csv');
    const { code, report } = await scan([f]);
    expect(code).toBe(0);
    // records on lines 2 (its message runs to line 4) and 5; no code column: each row's text is scanned
    expect(fileRow(report, f)).toMatchObject({ format: 'csv', records: 2, matches: 3, malformedRecords: 0 });
    expect(order(report)).toEqual([
      ['execution_failed', 1], // line 2
      ['storage_credential_no_access', 1], // line 5
      ['storage_error', 1], // line 2, in the stack trace of the same message
    ]);
    expect(lines(report, 'storage_error')).toEqual([2]);
    expect(seen(report, 'execution_failed')[0]).toBe('2026-04-07T09:18:40.500Z');
    expect(seen(report, 'storage_credential_no_access')[0]).toBe('2026-04-07T09:14:05.000Z');
    expect(accounts(report, 'execution_failed')).toEqual(['dee@contoso.com']);
    expect(accounts(report, 'storage_credential_no_access')).toEqual(['fay@contoso.com']);
  });

  it("PowerShell Export-Csv of Get-WinEvent: the #TYPE line is no header; TimeCreated is the time, not a date a message mentions", async () => {
    const f = exp('powershell/application-events.csv');
    const { code, report } = await scan([f, '--since', '2026-04-07T09:00:00Z', '--until', '2026-04-07T10:00:00Z']);
    expect(code).toBe(0);
    // line 1 #TYPE, line 2 the header; rows on lines 3, 4 (its message over two lines) and 6, newest first
    expect(fileRow(report, f)).toMatchObject({ format: 'csv', records: 3, matches: 3, malformedRecords: 0, outsideWindow: 0, untimedRecords: 0 });
    expect([lines(report, 'storage_credential_no_access'), lines(report, 'smime_error'), lines(report, 'storage_error')]).toEqual([[3], [4], [6]]);
    // TimeCreated `4/7/2026 9:20:00 AM`, not the certificate's 2026-03-01 in the message
    expect(seen(report, 'smime_error')[0]).toBe('2026-04-07T09:20:00.000Z');
    expect(seen(report, 'storage_error')[0]).toBe('2026-04-07T09:14:02.000Z');
    expect(accounts(report, 'smime_error')).toEqual(['kim.park@contoso.com']);
    // On standard input, told a table by its content past the #TYPE line.
    const piped = await scan(['-'], { stdin: readFileSync(f) });
    expect(piped.report.files[0]).toMatchObject({ format: 'csv', records: 3, malformedRecords: 0 });
  });

  it('Azure Log Analytics CSV: `TimeGenerated [UTC]` holding `4/7/2026, 9:40:00.250 AM` is the time', async () => {
    const f = exp('azure/query-data.csv');
    const { code, report } = await scan([f, '--since', '2026-04-07T09:00:00Z', '--until', '2026-04-07T10:00:00Z']);
    expect(code).toBe(0);
    // rows on lines 2-4, newest first; no code column: each row's text is read (the JSON in LogMessage)
    expect(fileRow(report, f)).toMatchObject({ format: 'csv', records: 3, matches: 3, outsideWindow: 0, untimedRecords: 0 });
    expect(seen(report, 'storage_credential_no_access')[0]).toBe('2026-04-07T09:40:00.250Z');
    // not 2026-03-01, which the message mentions (and the window would have left it out)
    expect(seen(report, 'smime_error')[0]).toBe('2026-04-07T09:15:40.502Z');
    expect(seen(report, 'storage_error')[0]).toBe('2026-04-07T09:14:02.113Z');
    expect(accounts(report, 'storage_error')).toEqual(['ann.lee@contoso.com']);
  });

  it('Azure Log Analytics CSV piped in reads as the file does (SUSPECTED BUG: plain text, mentions counted, times in --tz)', async () => {
    const f = exp('azure/query-data.csv');
    const view = (r: Report) => ({ format: r.files[0]!.format, codes: r.codes.map((c) => [c.code, c.count, c.firstSeen]) });
    const file = await scan([f, '--tz', 'Europe/Berlin']);
    const piped = await scan(['-', '--tz', 'Europe/Berlin'], { stdin: readFileSync(f) });
    expect(view(piped.report)).toEqual(view(file.report));
    expect(view(piped.report).format).toBe('csv');
    // The [UTC] column: 09:40:00.250 UTC whatever --tz says.
    expect(seen(piped.report, 'storage_credential_no_access')[0]).toBe('2026-04-07T09:40:00.250Z');
  });

  it('a header note that names a zone is set aside, a unit is not: `Time [ms]` holds no time', async () => {
    const dir = tempDir('header-notes');
    const units = path.join(dir, 'checks.csv');
    writeFileSync(units, 'Check,Time [ms],Result\nping,1523,storage_error\n');
    const local = path.join(dir, 'local.csv');
    writeFileSync(local, '"TimeGenerated [Local Time]",LogMessage\n"4/7/2026, 11:14:02.113 AM",storage_error\n');
    const r = await scan([units, local, '--tz', 'Europe/Berlin']);
    expect(r.report.files.map((f) => [path.basename(f.path), f.untimedRecords])).toEqual([
      ['checks.csv', 1],
      ['local.csv', 0],
    ]);
    // Local time read in --tz: 11:14 in Berlin (UTC+2 in April) is 09:14 UTC.
    expect(seen(r.report, 'storage_error')).toEqual(['2026-04-07T09:14:02.113Z', '2026-04-07T09:14:02.113Z']);
    rmSync(dir, { recursive: true, force: true });
  });

  it('the dashboard CSV the Excel re-saves came from: the same tally as fixtures/exports/excel-us', async () => {
    const f = exp('dashboard/dashboard.csv');
    const { code, report } = await scan([f]);
    expect(code).toBe(0);
    expect(fileRow(report, f)).toMatchObject({ format: 'csv', records: 4, matches: 3, untimedRecords: 0 });
    expect(order(report)).toEqual([
      ['storage_error', 2], // lines 2, 3
      ['smime_error', 1], // line 4 (the Level column says WARN; the catalog's level counts)
    ]);
    expect(seen(report, 'storage_error')).toEqual(['2026-04-07T09:14:02.000Z', '2026-04-07T09:15:40.000Z']);
    expect(seen(report, 'smime_error')[0]).toBe('2026-04-07T13:02:09.000Z');
    expect(accounts(report, 'storage_error')).toEqual(['ana@contoso.com', 'ben@contoso.com']);
    const resaved = await scan([exp('excel-us/dashboard-resaved.csv')]);
    expect(order(resaved.report)).toEqual(order(report));
    expect(resaved.report.codes.map((c) => [c.firstSeen, c.lastSeen])).toEqual(report.codes.map((c) => [c.firstSeen, c.lastSeen]));
  });
});

describe('elasticdump', () => {
  it('one hit per line: a JSON line holding a _source object is looked into, as a search response’s hits are', async () => {
    const f = exp('elasticdump/mail2cloud-2026.04.07.json');
    for (const engine of ENGINES) {
      const { code, report } = await scan([f], { engine });
      expect(code).toBe(0);
      expect(fileRow(report, f)).toMatchObject({ format: 'jsonl', records: 3, matches: 3, malformedRecords: 0 });
      expect(order(report)).toEqual([
        ['smime_error', 1], // line 2: no code field, its text (line 1's message mentions smime_error: not counted)
        ['storage_error', 1], // line 1: _source.code
        ['task_finished_without_error', 1], // line 3: _source.code
      ]);
      expect(lines(report, 'storage_error')).toEqual([1]);
      // line 2: _source.@timestamp 09:20:00, not the 09:19:58,004 its message starts with
      expect(seen(report, 'smime_error')).toEqual(['2026-04-07T09:20:00.000Z', '2026-04-07T09:20:00.000Z']);
      expect(seen(report, 'task_finished_without_error')[0]).toBe('2026-04-07T09:25:00.000Z');
      expect(accounts(report, 'storage_error')).toEqual(['ana@contoso.com']);
      expect(accounts(report, 'smime_error')).toEqual(['bo@contoso.com']);
    }
  });

  it('with a window, a hit is inside or outside by its _source.@timestamp', async () => {
    const f = exp('elasticdump/mail2cloud-2026.04.07.json');
    for (const engine of ENGINES) {
      const { report } = await scan([f, '--since', '2026-04-07T09:19:59Z', '--until', '2026-04-07T09:22:00Z'], { engine });
      // line 2 (09:20:00) inside; lines 1 (09:14:02.113) and 3 (09:25) outside
      expect(fileRow(report, f)).toMatchObject({ records: 3, outsideWindow: 2, matches: 1 });
      expect(order(report)).toEqual([['smime_error', 1]]);
    }
  });

  it('a dotted --code-field/--time-field under _source reads the same', async () => {
    const f = exp('elasticdump/mail2cloud-2026.04.07.json');
    const { report } = await scan([f, '--code-field', '_source.code', '--time-field', '_source.@timestamp']);
    expect(order(report)).toEqual([
      ['smime_error', 1],
      ['storage_error', 1],
      ['task_finished_without_error', 1],
    ]);
    expect(seen(report, 'smime_error')[0]).toBe('2026-04-07T09:20:00.000Z');
  });
});

describe('Google Cloud Logging', () => {
  it('gcloud logging read --format=json: an array of entries; jsonPayload holds the code and account fields', async () => {
    const f = exp('gcp/entries.json');
    const { code, report } = await scan([f]);
    expect(code).toBe(0);
    // entries start on lines 2, 22 and 42
    expect(fileRow(report, f)).toMatchObject({ format: 'json', records: 3, matches: 3, unknown: 0, untimedRecords: 0 });
    // entry 2's jsonPayload.code is its only code: the storage_error its message mentions is not counted
    expect(order(report)).toEqual([
      ['smime_error', 1], // line 42: textPayload, read as text
      ['storage_error', 1], // line 2
      ['task_finished_without_error', 1], // line 22
    ]);
    expect([lines(report, 'storage_error'), lines(report, 'task_finished_without_error'), lines(report, 'smime_error')]).toEqual([[2], [22], [42]]);
    // `timestamp`, not `receiveTimestamp`
    expect(seen(report, 'storage_error')[0]).toBe('2026-04-07T09:14:02.113Z');
    expect(seen(report, 'smime_error')[0]).toBe('2026-04-07T09:25:00.250Z');
    expect(accounts(report, 'storage_error')).toEqual(['ann.lee@contoso.com']); // jsonPayload.account
    expect(accounts(report, 'smime_error')).toEqual(['bob.ray@contoso.com']); // in the text
  });
});

describe('the oracle (test/oracle) reads these exports alike', () => {
  it.each([
    ['kubectl/timestamps.log'],
    ['kubectl/stack-trace.log'],
    ['kubectl/containerd.log'],
    ['kubectl/json-pod.log'],
    ['kubectl/prefix.log'],
    ['journald/journal.json'],
    ['journald/short-iso.log'],
    ['journald/stack-trace.log'],
    ['kibana/discover-report.csv'],
    ['datadog-csv/log-explorer.csv'],
    ['dashboard/dashboard.csv'],
    ['elasticdump/mail2cloud-2026.04.07.json'],
    ['postgres/copy.csv'],
    ['winston/app.jsonl'],
    ['gcp/entries.json'],
    ['powershell/application-events.csv'],
    ['azure/query-data.csv'],
  ])('%s', async (name) => {
    const fast = await scan([exp(name)]);
    const stream = await scan([exp(name)], { engine: 'oracle' });
    const view = (r: Report) => ({ codes: r.codes.map((c) => [c.code, c.count, c.firstSeen, c.lastSeen, c.samples.map((s) => s.line)]), files: r.files.map((x) => [x.records, x.matches, x.untimedRecords]) });
    expect(view(stream.report)).toEqual(view(fast.report));
  });
});
