/**
 * Fixture tests, fixtures/exports/bigquery, log4j-json, excel-date-time and mongo, other tools' time fields and
 * oracle's SQL Developer columns: a record's time field, when it holds a value, is where its time is —
 * in that value, or nowhere — never a date its message mentions; a date and a time of day in two fields are
 * read together. Every expected value was
 * worked out by hand from the fixture files (lines and times cited), never copied from mxscan's output.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './support/cli.js';
import { fileRow, order, row, scan, seen, unknown } from './support/fixtures.js';
import { ENGINES } from './oracle/switch.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts; src/scan.ts is mocked
// by the setup file of the project these tests run in, test/support/oracle-mock.ts).

const HOUR = ['--since', '2026-04-07T09:00:00Z', '--until', '2026-04-07T10:00:00Z'];
const DAY = ['--since', '2026-04-07T00:00:00Z', '--until', '2026-04-08T00:00:00Z'];

describe.each(ENGINES)('time fields that hold a value (%s)', (engine) => {
  const bq = 'fixtures/exports/bigquery/mail2cloud-logs.csv';
  const log4j = 'fixtures/exports/log4j-json/mail2cloud.jsonl';

  it('Excel: a Date column and a Time column read together, not the date alone at midnight', async () => {
    const f = 'fixtures/exports/excel-date-time/alerts.csv';
    const all = await scan([f], { engine });
    expect(all.code).toBe(0);
    expect(fileRow(all.report, f)).toMatchObject({ format: 'csv', records: 4, matches: 4, untimedRecords: 0 });
    expect(seen(all.report, 'storage_error')[0]).toBe('2026-04-07T09:14:02.000Z'); // line 2: 4/7/2026 and 9:14:02 AM
    expect(seen(all.report, 'accounts_and_groups_source_sync_warning')[0]).toBe('2026-04-07T09:52:40.000Z'); // line 3
    expect(seen(all.report, 'smime_error')[0]).toBe('2026-04-07T10:05:30.000Z'); // line 4
    expect(seen(all.report, 'task_finished_without_error')[0]).toBe('2026-04-07T23:30:00.000Z'); // line 5: 11:30:00 PM
    // One hour: lines 2 and 3 inside, 4 and 5 outside.
    const hour = await scan([f, ...HOUR], { engine });
    expect(hour.code).toBe(0);
    expect(fileRow(hour.report, f)).toMatchObject({ records: 4, outsideWindow: 2, untimedRecords: 0 });
    expect(order(hour.report)).toEqual([
      ['storage_error', 1],
      ['accounts_and_groups_source_sync_warning', 1],
    ]);
  });

  it('Excel\'s long date (`Tuesday, April 7, 2026`) in the Date column, with the Time column; 12:00:00 AM is midnight', async () => {
    const f = 'fixtures/exports/excel-date-time/long-date.csv';
    const { code, report } = await scan([f, ...HOUR], { engine });
    expect(code).toBe(0);
    // line 2 09:14:02 inside; line 3 10:05:30 and line 4 (April 8, 00:00) outside
    expect(fileRow(report, f)).toMatchObject({ format: 'csv', records: 3, outsideWindow: 2, untimedRecords: 0 });
    expect(order(report)).toEqual([['storage_error', 1]]);
    const all = await scan([f], { engine });
    expect(seen(all.report, 'smime_error')[0]).toBe('2026-04-07T10:05:30.000Z');
    expect(seen(all.report, 'web_hook_moved')[0]).toBe('2026-04-08T00:00:00.000Z');
  });

  it('mysql --batch: a NULL timestamp is no value, so the row takes its text\'s first date-time (received_at)', async () => {
    const f = 'fixtures/exports/mysql/batch.tsv';
    const { code, report } = await scan([f, ...HOUR], { engine });
    expect(code).toBe(0);
    // Rows 2 (09:14:02) and 3 (NULL: received_at 09:20:00) inside; row 4 (NULL: 10:40:00) outside.
    expect(fileRow(report, f)).toMatchObject({ format: 'csv', records: 3, outsideWindow: 1, untimedRecords: 0 });
    expect(order(report)).toEqual([
      ['smime_error', 1],
      ['storage_error', 1],
    ]);
    expect(seen(report, 'smime_error')[0]).toBe('2026-04-07T09:20:00.000Z');
  });

  it('a date and time of day beside a UTC timestamp: the timestamp; a duration in `time` is no time, the text\'s is', async () => {
    const dir = tempDir('time-fields-more');
    // A sheet: Timestamp in UTC, Date and Time in Berlin's local time (two hours ahead).
    const sheet = path.join(dir, 'sheet.csv');
    writeFileSync(sheet, 'Timestamp,Date,Time,Code\n2026-04-07T09:14:02Z,4/7/2026,11:14:02 AM,storage_error\n2026-04-07T07:30:00Z,4/7/2026,9:30:00 AM,execution_failed\n');
    // Elasticdump of FortiGate logs: @timestamp (UTC) and the device's date and time.
    const dump = path.join(dir, 'dump.json');
    writeFileSync(dump, '{"_index":"fw","_id":"1","_source":{"@timestamp":"2026-04-07T09:50:00.000Z","date":"2026-04-07","time":"11:50:00","msg":"smime_error"}}\n');
    // A report whose Time is how long a task ran; an access log's "time" in ms.
    const tasks = path.join(dir, 'tasks.csv');
    writeFileSync(tasks, 'Task,Started,Time,Result\nsync-1,2026-04-07 09:20:00,00:03:12,web_hook_moved\nsync-2,2026-04-07 10:30:00,00:00:41,web_hook_deleted\n');
    const access = path.join(dir, 'access.jsonl');
    writeFileSync(access, '{"start":"2026-04-07T09:40:00.000Z","status":410,"time":"12ms","msg":"task_finished_with_error"}\n');
    const { code, report } = await scan([sheet, dump, tasks, access, ...HOUR], { engine });
    expect(code).toBe(0);
    // Inside: storage_error 09:14:02, smime_error 09:50, web_hook_moved 09:20, task_finished_with_error 09:40;
    // outside: execution_failed 07:30, web_hook_deleted 10:30.
    expect(report.codes.map((c) => [c.code, c.count, c.firstSeen]).sort()).toEqual([
      ['smime_error', 1, '2026-04-07T09:50:00.000Z'],
      ['storage_error', 1, '2026-04-07T09:14:02.000Z'],
      ['task_finished_with_error', 1, '2026-04-07T09:40:00.000Z'],
      ['web_hook_moved', 1, '2026-04-07T09:20:00.000Z'],
    ]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('Kibana 6 CSV report: `April 7th 2026, 09:14:02.113` in @timestamp (UTC), not the local time the message starts with', async () => {
    const f = 'fixtures/exports/kibana/discover-report-kibana6.csv';
    const { code, report } = await scan([f, ...HOUR], { engine });
    expect(code).toBe(0);
    // Newest first: line 2 at 10:02:00.004 (outside), line 3 at 09:40:00.250, line 4 at 09:14:02.113; the
    // messages' 11:14, 11:40 and 12:02 are Berlin's, two hours ahead.
    expect(fileRow(report, f)).toMatchObject({ format: 'csv', records: 3, outsideWindow: 1, untimedRecords: 0 });
    expect(order(report)).toEqual([
      ['storage_error', 1],
      ['accounts_and_groups_source_sync_warning', 1],
    ]);
    expect(seen(report, 'storage_error')[0]).toBe('2026-04-07T09:14:02.113Z');
    expect(seen(report, 'accounts_and_groups_source_sync_warning')[0]).toBe('2026-04-07T09:40:00.250Z');
  });

  it('Event Viewer "Save All Events As" CSV: rows one field wider than the header; the time is the `Date and Time` value', async () => {
    const f = 'fixtures/exports/eventviewer/application.csv';
    const all = await scan([f], { engine });
    // Rows 2, 3 and 4-5 (a description over two lines): each has an unnamed sixth field, so each is malformed.
    expect(fileRow(all.report, f)).toMatchObject({ format: 'csv', records: 3, malformedRecords: 3, untimedRecords: 0 });
    // Not the 12/31/2026 11:59:59 PM row 2's message names.
    expect(seen(all.report, 'storage_error')).toEqual(['2026-04-07T09:14:02.000Z', '2026-04-07T09:14:02.000Z']);
    expect(seen(all.report, 'task_finished_without_error')[0]).toBe('2026-04-07T09:20:41.000Z');
    expect(seen(all.report, 'smime_error')[0]).toBe('2026-04-07T10:05:30.000Z');
    const hour = await scan([f, ...HOUR], { engine });
    expect(hour.code).toBe(0);
    expect(fileRow(hour.report, f)).toMatchObject({ records: 3, outsideWindow: 1 });
    expect(order(hour.report)).toEqual([
      ['storage_error', 1],
      ['task_finished_without_error', 1],
    ]);
  });

  it('a time column of another name (`Received`), in any form: the first value that is a time as a whole', async () => {
    const dir = tempDir('time-values');
    const f = path.join(dir, 'trace.csv');
    writeFileSync(f, 'Sender,Received,Subject,Code\nana@contoso.com,"Apr 7, 2026 @ 09:14:02.113","renewal due 2026-05-01T00:00:00Z",storage_error\nbo@contoso.com,07.04.2026 10:40,hello,smime_error\n');
    // Not a number (an id, a phone number) nor a date alone: the text's date-time.
    const ids = path.join(dir, 'ids.csv');
    writeFileSync(ids, 'Id,Received,Code,Message\n4155551234,4/7/2026,web_hook_moved,"2026-04-07T11:20:00Z moved"\n');
    const { report } = await scan([f, ids], { engine });
    expect(seen(report, 'storage_error')[0]).toBe('2026-04-07T09:14:02.113Z');
    expect(seen(report, 'smime_error')[0]).toBe('2026-04-07T10:40:00.000Z');
    expect(seen(report, 'web_hook_moved')[0]).toBe('2026-04-07T11:20:00.000Z');
    rmSync(dir, { recursive: true, force: true });
  });

  it('SQL Developer: a DATE column shown as `07-APR-26` is a date alone; the time of day is the message\'s, on that day', async () => {
    const f = 'fixtures/exports/oracle/date-column.csv';
    const { code, report } = await scan([f, ...HOUR], { engine });
    expect(code).toBe(0);
    // Lines 2 (09:14:02.113) and 3 (09:52:40) inside, line 4 (10:30) outside; not all at midnight.
    expect(fileRow(report, f)).toMatchObject({ format: 'csv', records: 3, outsideWindow: 1, untimedRecords: 0 });
    expect(seen(report, 'storage_error')[0]).toBe('2026-04-07T09:14:02.113Z');
    expect(seen(report, 'smime_error')[0]).toBe('2026-04-07T09:52:40.000Z');
  });

  it('BigQuery: the `timestamp` column after the message, as `… UTC`; an empty one leaves the row to its text', async () => {
    const { code, report } = await scan([bq], { engine });
    expect(code).toBe(0);
    expect(fileRow(report, bq)).toMatchObject({ format: 'csv', records: 4, matches: 4, untimedRecords: 0 });
    expect(order(report)).toEqual([
      ['smime_error', 1], // line 4
      ['storage_error', 1], // line 2
      ['accounts_and_groups_source_sync_warning', 1], // line 3
      ['task_finished_without_error', 1], // line 5
    ]);
    // line 2: the timestamp column (09:14:02.113000 UTC), not the 2026-03-01 its message names first
    expect(seen(report, 'storage_error')).toEqual(['2026-04-07T09:14:02.113Z', '2026-04-07T09:14:02.113Z']);
    expect(seen(report, 'accounts_and_groups_source_sync_warning')[0]).toBe('2026-04-07T09:20:00.000Z');
    // line 4: 10:05:30.5, not the certificate's 2026-12-31 23:59:59
    expect(seen(report, 'smime_error')[0]).toBe('2026-04-07T10:05:30.500Z');
    // line 5: no timestamp, so the row's first date-time: receiveTimestamp's 10:30:00
    expect(seen(report, 'task_finished_without_error')[0]).toBe('2026-04-07T10:30:00.000Z');
    expect(report.timeRange).toMatchObject({ start: '2026-04-07T09:14:02.113Z', end: '2026-04-07T10:30:00.000Z' });
  });

  it('BigQuery, one hour: the rows of 09:14 and 09:20 inside, those of 10:05 and 10:30 outside', async () => {
    const { code, report } = await scan([bq, ...HOUR], { engine });
    expect(code).toBe(0);
    expect(fileRow(report, bq)).toMatchObject({ records: 4, outsideWindow: 2, untimedRecords: 0 });
    expect(order(report)).toEqual([
      ['storage_error', 1],
      ['accounts_and_groups_source_sync_warning', 1],
    ]);
  });

  it('log4j JsonLayout with a custom date pattern: no time it can read, none from the messages; a window says so, exit 2', async () => {
    const plain = await scan([log4j], { engine });
    expect(plain.code).toBe(0);
    expect(fileRow(plain.report, log4j)).toMatchObject({ format: 'jsonl', records: 3, matches: 3, untimedRecords: 3 });
    // Not 12:00 (line 1's retry) nor 2026-04-06 23:00 (line 3's previous run).
    expect(plain.report.timeRange).toMatchObject({ start: null, end: null });
    const hour = await scan([log4j, ...HOUR], { engine, quiet: false });
    expect(hour.code).toBe(2);
    expect(hour.err.split('\n')[0]).toBe(
      `mxscan: ${log4j}: no readable time in field timestamp (e.g. "2026-04-07-09.14.02.113000"); give --time-format or --time-field`,
    );
    expect(fileRow(hour.report, log4j)).toMatchObject({ records: 3, untimedRecords: 3, outsideWindow: 3, matches: 0 });
  });

  it('log4j JsonLayout read with the --time-format it asks for: lines 1 and 2 in the hour, line 3 (09:40) too', async () => {
    const { code, report } = await scan([log4j, ...HOUR, '--time-format', '%Y-%m-%d-%H.%M.%S.%f'], { engine });
    expect(code).toBe(0);
    expect(fileRow(report, log4j)).toMatchObject({ records: 3, untimedRecords: 0, outsideWindow: 0, matches: 3 });
    expect(seen(report, 'storage_error')[0]).toBe('2026-04-07T09:14:02.113Z');
    expect(seen(report, 'smime_error')[0]).toBe('2026-04-07T09:15:40.020Z');
    expect(seen(report, 'task_finished_without_error')[0]).toBe('2026-04-07T09:40:00.000Z');
  });
});

describe.each(ENGINES)('a time field holding an object (%s)', (engine) => {
  const layout = 'fixtures/exports/log4j-json/jsonlayout.jsonl';
  const mongo = 'fixtures/exports/mongo/notifications.json';

  it('log4j2 JsonLayout: `instant` {epochSecond, nanoOfSecond}, `timeMillis` before 2.11; not the dates messages mention', async () => {
    const { code, report } = await scan([layout], { engine });
    expect(code).toBe(0);
    expect(fileRow(report, layout)).toMatchObject({ format: 'jsonl', records: 4, matches: 4, untimedRecords: 0 });
    // 1775553242 s + 113000000 ns; not line 1's retry (2026-04-08T12:00:00Z)
    expect(seen(report, 'storage_error')).toEqual(['2026-04-07T09:14:02.113Z', '2026-04-07T09:14:02.113Z']);
    // 1775553302 s: not inherited from line 1's message
    expect(seen(report, 'task_finished_without_error')[0]).toBe('2026-04-07T09:15:02.000Z');
    // 1775553362 s + 500999000 ns, down to the millisecond; not the thrown certificate's 2027-01-01
    expect(seen(report, 'smime_error')[0]).toBe('2026-04-07T09:16:02.500Z');
    // timeMillis 1775556000000; not the message's 2026-04-06T23:00:00Z
    expect(seen(report, 'execution_failed')[0]).toBe('2026-04-07T10:00:00.000Z');
    expect(report.timeRange).toEqual({ start: '2026-04-07T09:14:02.113Z', end: '2026-04-07T10:00:00.000Z' });
  });

  it('log4j2 JsonLayout, 09:15 to 10:00: lines 2 and 3 inside, 1 before, 4 at the end (outside)', async () => {
    const { code, report } = await scan([layout, '--since', '2026-04-07T09:15:00Z', '--until', '2026-04-07T10:00:00Z'], { engine });
    expect(code).toBe(0);
    expect(fileRow(report, layout)).toMatchObject({ records: 4, outsideWindow: 2, untimedRecords: 0 });
    expect(order(report)).toEqual([
      ['smime_error', 1],
      ['task_finished_without_error', 1],
    ]);
  });

  it('log4j2 JsonLayout as it writes by default: pretty objects one after another, each a record at its instant', async () => {
    const pretty = 'fixtures/exports/log4j-json/jsonlayout-default.log';
    const { code, report } = await scan([pretty, ...HOUR], { engine });
    expect(code).toBe(0);
    // objects on lines 1-14, 15-34 and 35-48; the third (10:00:00) is after the hour
    expect(fileRow(report, pretty)).toMatchObject({ format: 'json', records: 3, untimedRecords: 0, outsideWindow: 1 });
    expect(order(report)).toEqual([
      ['smime_error', 1],
      ['storage_error', 1],
    ]);
    expect(row(report, 'storage_error').samples.map((s) => s.line)).toEqual([1]);
    // 1775553302 s; not the thrown certificate's 2027-01-01
    expect(seen(report, 'smime_error')[0]).toBe('2026-04-07T09:15:02.000Z');
  });

  it('a date alone in `{"$date": …}` is read as one in a string: the time of day its text holds on that day', async () => {
    const dir = tempDir('date-object');
    const file = path.join(dir, 'days.jsonl');
    writeFileSync(
      file,
      '{"timestamp":"2026-04-07","code":"storage_error","note":"started 2026-04-07T09:40:00Z"}\n' +
        '{"timestamp":{"$date":"2026-04-07"},"code":"smime_error","note":"started 2026-04-07T09:50:00Z"}\n',
    );
    const { report } = await scan([file], { engine });
    expect(seen(report, 'storage_error')[0]).toBe('2026-04-07T09:40:00.000Z');
    expect(seen(report, 'smime_error')[0]).toBe('2026-04-07T09:50:00.000Z');
    rmSync(dir, { recursive: true, force: true });
  });

  it('mongoexport: `{"$date": ISO-8601}` and `{"$date": {"$numberLong": ms}}`; not the next run a message names', async () => {
    const { code, report } = await scan([mongo, ...HOUR], { engine });
    expect(code).toBe(0);
    // line 3 (10:30) is after the hour
    expect(fileRow(report, mongo)).toMatchObject({ format: 'jsonl', records: 3, outsideWindow: 1, untimedRecords: 0 });
    expect(seen(report, 'storage_error')[0]).toBe('2026-04-07T09:14:02.113Z');
    // 1775553302000 ms
    expect(seen(report, 'smime_error')[0]).toBe('2026-04-07T09:15:02.000Z');
    expect(order(report)).toEqual([
      ['smime_error', 1],
      ['storage_error', 1],
    ]);
  });
});

describe.each(ENGINES)('a time field holding an object, in a JSON array (%s)', (engine) => {
  it('mongoexport --jsonArray, pretty-printed: each element timed by its $date', async () => {
    const dir = tempDir('mongo-array');
    const file = path.join(dir, 'notifications.json');
    const lines = readFileSync('fixtures/exports/mongo/notifications.json', 'utf8').trim().split('\n');
    writeFileSync(file, JSON.stringify(lines.map((l) => JSON.parse(l) as unknown), null, 2));
    const { code, report } = await scan([file, ...HOUR], { engine });
    expect(code).toBe(0);
    expect(report.files[0]).toMatchObject({ format: 'json', records: 3, outsideWindow: 1, untimedRecords: 0 });
    expect(seen(report, 'smime_error')[0]).toBe('2026-04-07T09:15:02.000Z');
    expect(order(report)).toEqual([
      ['smime_error', 1],
      ['storage_error', 1],
    ]);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('time fields of other tools', () => {
  it('CloudTrail eventTime, Serilog @t, a Splunk CSV _time: each the time, not a date the message mentions', async () => {
    const dir = tempDir('time-fields');
    const trail = path.join(dir, 'cloudtrail.json');
    // As CloudTrail orders them: the session's creationDate comes before eventTime.
    const identity = { type: 'AssumedRole', sessionContext: { attributes: { creationDate: '2026-04-07T08:00:00Z', mfaAuthenticated: 'false' } } };
    writeFileSync(trail, JSON.stringify({ Records: [{ eventVersion: '1.08', userIdentity: identity, eventTime: '2026-04-07T09:14:02Z', eventName: 'PutObject', errorCode: 'storage_error' }] }));
    const serilog = path.join(dir, 'app.clef');
    writeFileSync(serilog, '{"@mt":"Upload failed: {Code}, token valid until 2026-05-01T00:00:00Z","@t":"2026-04-07T09:15:00.1230000Z","@l":"Error","Code":"smime_error"}\n');
    const splunk = path.join(dir, 'splunk.csv');
    writeFileSync(splunk, '"_raw","_time",host\n"expired at 2026-03-01T00:00:00Z: storage_credential_no_access","2026-04-07T09:16:00.000+00:00",m2c\n');
    const { report } = await scan([trail, serilog, splunk, '--input-format', 'auto']);
    expect(seen(report, 'storage_error')[0]).toBe('2026-04-07T09:14:02.000Z');
    expect(seen(report, 'smime_error')[0]).toBe('2026-04-07T09:15:00.123Z');
    expect(seen(report, 'storage_credential_no_access')[0]).toBe('2026-04-07T09:16:00.000Z');
    rmSync(dir, { recursive: true, force: true });
  });
});

describe.each(ENGINES)('SQL Developer TIMESTAMP (%s)', (engine) => {
  const f = 'fixtures/exports/oracle/timestamp-column.csv';

  it('a Date column of `07-APR-26 09.14.02.113000000 AM`: Oracle\'s TIMESTAMP, read to the millisecond, 12-hour clock', async () => {
    const { code, report } = await scan([f, ...HOUR], { engine });
    expect(code).toBe(0);
    // row 2's 01.02.09 PM is 13:02, after the hour
    expect(fileRow(report, f)).toMatchObject({ records: 2, untimedRecords: 0, outsideWindow: 1, matches: 1 });
    expect(seen(report, 'storage_error')[0]).toBe('2026-04-07T09:14:02.113Z');
    expect(order(report)).toEqual([['storage_error', 1]]);
  });

  it('the same with the --time-format it would need otherwise', async () => {
    const { code, report } = await scan([f, ...DAY, '--time-format', '%d-%b-%y %I.%M.%S.%f %p'], { engine });
    expect(code).toBe(0);
    expect(fileRow(report, f)).toMatchObject({ records: 2, untimedRecords: 0, outsideWindow: 0, matches: 2 });
    expect(seen(report, 'storage_error')[0]).toBe('2026-04-07T09:14:02.113Z');
    expect(seen(report, 'smime_error')[0]).toBe('2026-04-07T13:02:09.000Z'); // 01.02.09 PM
    expect(unknown(report)).toEqual({});
  });
});

describe.each(ENGINES)('time fields of search tools (%s)', (engine) => {
  it('Sumo Logic: messageTime (_messagetime in its CSV); a created_at is no time field', async () => {
    const dir = tempDir('api-times');
    try {
      // Line 1: messageTime in epoch ms 1775553422113 = 09:17:02.113, not the 02:17:02 its message names; line 2:
      // an event_time (no time field) and a user's created_at (2023, when the user was made): no time field
      // holds a value, so the time is the first in its text, 09:20:00.
      writeFileSync(
        path.join(dir, 'api.jsonl'),
        [
          '{"id":"4","messageTime":1775553422113,"msg":"web_hook_moved, see 2026-04-07 02:17:02"}',
          '{"event_time":"2026-04-07T09:20:00Z","created_at":"2023-01-15T00:00:00Z","msg":"web_hook_deleted"}',
        ].join('\n') + '\n',
      );
      // Sumo Logic's CSV: _messagetime in epoch ms (09:14:02.113Z), the raw line's local 02:14:02 is not it.
      writeFileSync(path.join(dir, 'sumo.csv'), '"_messagetime","_raw"\n"1775553242113","storage_error upload failed 2026-04-07 02:14:02"\n');
      const { report } = await scan([path.join(dir, 'api.jsonl'), path.join(dir, 'sumo.csv')], { engine });
      expect(seen(report, 'web_hook_moved')[0]).toBe('2026-04-07T09:17:02.113Z');
      expect(seen(report, 'web_hook_deleted')[0]).toBe('2026-04-07T09:20:00.000Z');
      expect(seen(report, 'storage_error')).toEqual(['2026-04-07T09:14:02.113Z', '2026-04-07T09:14:02.113Z']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.each(ENGINES)('Splunk’s JSON export (%s)', (engine) => {
  it('reads each line’s fields in its result: _time its time, code its only code, not what _raw mentions', async () => {
    const f = 'fixtures/exports/splunk/export.json';
    const { code, report } = await scan([f], { engine });
    expect(code).toBe(0);
    expect(fileRow(report, f)).toMatchObject({ format: 'jsonl', records: 3, matches: 3, untimedRecords: 0 });
    expect(order(report)).toEqual([
      ['smime_error', 1], // line 3: no code field, its text
      ['storage_error', 1], // line 1's code (line 2's _raw mentions it: line 2's code is its only code)
      ['task_finished_without_error', 1], // line 2
    ]);
    // _time, not the next_window=10:14:02 its _raw names first, nor 10:05 on line 2
    expect(seen(report, 'storage_error')).toEqual(['2026-04-07T09:14:02.113Z', '2026-04-07T09:14:02.113Z']);
    expect(seen(report, 'task_finished_without_error')[0]).toBe('2026-04-07T09:20:45.500Z');
    expect(seen(report, 'smime_error')[0]).toBe('2026-04-07T09:31:10.000Z');
    expect(row(report, 'storage_error').accounts.top.map((a) => a.account)).toEqual(['ana@contoso.com']);
    // From 09:15: line 1 (09:14:02.113) is outside, though its _raw names 10:14:02.
    const later = await scan([f, '--since', '2026-04-07T09:15:00Z', '--until', '2026-04-07T10:00:00Z'], { engine });
    expect(fileRow(later.report, f)).toMatchObject({ records: 3, outsideWindow: 1 });
    expect(order(later.report)).toEqual([
      ['smime_error', 1],
      ['task_finished_without_error', 1],
    ]);
  });
});
