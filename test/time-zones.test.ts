/**
 * A zone after a time (README Time): `UTC`, `GMT` and the abbreviations of src/extract/time-names.ts
 * (`CEST`, `EDT`) are read, whatever --tz says; a name several zones use, a word, lower case are not (the
 * time is read in --tz). Every expected value is the UTC time worked out by hand from the text (Date.UTC only
 * spells it as epoch ms), or the counts and times of the files below.
 */
import { utimesSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { findTimestamp, timeFromValue } from '../src/extract/timestamp.js';
import { DEFAULT_TIMES, timeContext } from '../src/extract/time-rules.js';
import { order, scan, seen } from './support/fixtures.js';
import { tempDir } from './support/main.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts; src/scan.ts is mocked
// by the setup file of the project these tests run in, test/support/oracle-mock.ts).

const utc = timeContext(DEFAULT_TIMES, Date.UTC(2026, 11, 31));
const berlin = timeContext({ ...DEFAULT_TIMES, zone: 'Europe/Berlin' }, Date.UTC(2026, 11, 31));
const { remove, write } = tempDir('mxscan-zones-');
afterAll(remove);

describe('a zone\'s name after a time', () => {
  it.each([
    // Zone abbreviations: Java's Date.toString, Go's RFC1123, PostgreSQL's %m, Airflow; BigQuery's UTC.
    ['Tue Apr 07 11:14:02 CEST 2026 Java', Date.UTC(2026, 3, 7, 9, 14, 2)],
    ['Tue, 07 Apr 2026 05:14:02 EDT Go', Date.UTC(2026, 3, 7, 9, 14, 2)],
    ['2026-04-07 11:14:02.113 CEST [812] LOG: PostgreSQL', Date.UTC(2026, 3, 7, 9, 14, 2, 113)],
    ['[2026-04-07, 18:14:02 JST] Airflow', Date.UTC(2026, 3, 7, 9, 14, 2)],
    ['2026-04-07 09:14:02.113000 UTC BigQuery', Date.UTC(2026, 3, 7, 9, 14, 2, 113)],
    ['2026-04-07 01:44:02 NST Newfoundland', Date.UTC(2026, 3, 7, 5, 14, 2)],
    // Not a zone: a word (no time zone has it), a name of several zones, lower case — read in --tz (UTC here).
    ['2026-04-07 09:14:02 WEST region failover', Date.UTC(2026, 3, 7, 9, 14, 2)],
    ['2026-04-07 09:14:02 CST China or US Central', Date.UTC(2026, 3, 7, 9, 14, 2)],
    ['2026-04-07 09:14:02 cest lower case', Date.UTC(2026, 3, 7, 9, 14, 2)],
    ['2026-04-07 09:14:02 ESTX glued', Date.UTC(2026, 3, 7, 9, 14, 2)],
    ['2026-04-07 09:14:02 UTC_x glued', Date.UTC(2026, 3, 7, 9, 14, 2)],
  ])('reads %s', (text, expected) => {
    expect(findTimestamp(text, utc)).toBe(expected);
  });

  it('reads a name the same under any --tz; a time with none, or a name of several zones, in --tz', () => {
    expect(findTimestamp('2026-04-07 09:14:02.113000 UTC x', berlin)).toBe(Date.UTC(2026, 3, 7, 9, 14, 2, 113));
    expect(findTimestamp('Tue, 07 Apr 2026 05:14:02 EDT x', berlin)).toBe(Date.UTC(2026, 3, 7, 9, 14, 2));
    expect(findTimestamp('2026-04-07 11:14:02 x', berlin)).toBe(Date.UTC(2026, 3, 7, 9, 14, 2));
    expect(findTimestamp('2026-04-07 11:14:02 IST x', berlin)).toBe(Date.UTC(2026, 3, 7, 9, 14, 2));
    // A field's value: BigQuery's timestamp column, a JSON field.
    expect(timeFromValue('2026-04-07 09:14:02.113000 UTC', berlin)).toBe(Date.UTC(2026, 3, 7, 9, 14, 2, 113));
    expect(timeFromValue('2026-04-07 11:14:02 CEST', utc)).toBe(Date.UTC(2026, 3, 7, 9, 14, 2));
  });

  it('keeps a UTC export in an incident window under another --tz (BigQuery, PostgreSQL\'s CEST, Go\'s EDT)', async () => {
    const pg = write('postgresql-2026-04-07.log', '2026-04-07 11:10:00.001 CEST [812] LOG:  checkpoint starting: time\n2026-04-07 11:14:02.113 CEST [9921] ERROR:  mail2cloud sync failed: storage_error\n');
    const go = write('bridge.log', 'Tue, 07 Apr 2026 05:20:05 EDT ERROR bridge: notification code=smime_error\n');
    // BigQuery's lines 2 (storage_error, 09:14:02.113 UTC) and 3 (the sync warning, 09:20:00 UTC) are inside;
    // PostgreSQL's line 2 (09:14:02.113Z) and Go's (09:20:05Z) too.
    const { code, report } = await scan(['fixtures/exports/bigquery/mail2cloud-logs.csv', pg, go, '--tz', 'Europe/Berlin', '--around', '2026-04-07T09:15:00Z', '--window', '10m']);
    expect(code).toBe(0);
    expect(order(report)).toEqual([
      ['storage_error', 2],
      ['smime_error', 1],
      ['accounts_and_groups_source_sync_warning', 1],
    ]);
    expect(seen(report, 'storage_error')[0]).toBe('2026-04-07T09:14:02.113Z');
    expect(seen(report, 'smime_error')[0]).toBe('2026-04-07T09:20:05.000Z');
  });
});

describe('where a zone is said apart from the time', () => {
  it.each([[], ['--jobs', '2']])('a CSV column named `… [UTC]` holds UTC times under any --tz (Azure\'s export) %j', async (...flags) => {
    const f = write('query-data.csv', '\ufeff"TimeGenerated [UTC]",Computer,RawData\n"4/7/2026, 9:14:02.113 AM",mx01,"notification code=storage_error"\n"4/7/2026, 9:20:05.500 AM",mx01,"code=smime_error"\n');
    const local = write('local-data.csv', '"TimeGenerated [Local Time]",RawData\n"4/7/2026, 11:14:02.113 AM",code=web_hook_moved\n');
    const { report } = await scan([f, local, '--tz', 'Europe/Berlin', '--around', '2026-04-07T09:15:00Z', '--window', '10m', ...flags]);
    // Line 2: 09:14:02.113 UTC, line 3: 09:20:05.500 UTC; the local file's 11:14:02.113 in Berlin is 09:14:02.113 UTC.
    expect(seen(report, 'storage_error')[0]).toBe('2026-04-07T09:14:02.113Z');
    expect(seen(report, 'smime_error')[0]).toBe('2026-04-07T09:20:05.500Z');
    expect(seen(report, 'web_hook_moved')[0]).toBe('2026-04-07T09:14:02.113Z');
  });

  it.each([['engine'], ['oracle']] as const)('the oracle reads a `… [UTC]` column as the engine does: one rule (%s)', async (engine) => {
    const f = write('utc-rows.csv', '"TimeGenerated [UTC]",message\n2026-12-07 11:00:00,smime_error\n');
    const { report } = await scan([f, '--tz', 'Europe/Berlin'], { engine });
    // 11:00 UTC, not 11:00 in Berlin (10:00 UTC).
    expect(seen(report, 'smime_error')[0]).toBe('2026-12-07T11:00:00.000Z');
  });

  it('so does one named `… (UTC)`, and it is found by its name alone (--time-field Date)', async () => {
    const f = write('trace.csv', '"Date (UTC)","Recipient","Status"\n"4/7/2026 9:14:02 AM","bo@contoso.com","Failed storage_error"\n');
    for (const flags of [[], ['--time-field', 'Date']]) {
      const { report } = await scan([f, '--tz', 'America/New_York', ...flags]);
      // 09:14:02 UTC, not 09:14:02 in New York (13:14:02 UTC).
      expect(seen(report, 'storage_error')[0]).toBe('2026-04-07T09:14:02.000Z');
    }
  });

  it('a syslog file\'s year is that of its last change in --tz (rotated just after midnight in Berlin, before it in UTC)', async () => {
    const f = write('messages', 'Dec 31 23:58:12 mx01 m2c[812]: notification code=storage_error\nJan  1 00:03:44 mx01 m2c[812]: notification code=smime_error\n');
    // Changed at 00:15 on 1 January 2026 in Berlin: 2025-12-31T23:15Z. December is 2025's, January 2026's.
    utimesSync(f, new Date('2025-12-31T23:15:00Z'), new Date('2025-12-31T23:15:00Z'));
    const { report } = await scan([f, '--tz', 'Europe/Berlin']);
    expect(seen(report, 'storage_error')[0]).toBe('2025-12-31T22:58:12.000Z');
    expect(seen(report, 'smime_error')[0]).toBe('2025-12-31T23:03:44.000Z');
  });
});

describe('a time field with no value', () => {
  it.each([['engine'], ['oracle']] as const)('is no time of the record\'s: it takes the one before it, not a date its message mentions (%s)', async (engine) => {
    // MySQL's export: row 2's timestamp is NULL, its message names a certificate's expiry date.
    const f = write('batch.tsv', 'id\ttimestamp\tlevel\tmessage\n1\t2026-04-07 09:14:02\tERROR\tnotification code=storage_error\n2\tNULL\tERROR\tnotification code=smime_error: cert for bo@contoso.com expired 2026-03-01 00:00:00\n3\t2026-04-07 09:20:05\tERROR\tnotification code=execution_failed\n');
    const j = write('rows.jsonl', '{"timestamp":"2026-04-07T09:30:00Z","code":"storage_error"}\n{"timestamp":"","code":"web_hook_moved","msg":"folder moved on 2026-01-02T00:00:00Z"}\n');
    const { report } = await scan([f, j], { engine });
    // smime_error takes row 1's 09:14:02; web_hook_moved line 1's 09:30:00.
    expect(seen(report, 'smime_error')[0]).toBe('2026-04-07T09:14:02.000Z');
    expect(seen(report, 'web_hook_moved')[0]).toBe('2026-04-07T09:30:00.000Z');
    expect(report.timeRange).toEqual({ start: '2026-04-07T09:14:02.000Z', end: '2026-04-07T09:30:00.000Z' });
  });
});

describe('a time field holding a date no form reads', () => {
  it.each([['engine'], ['oracle']] as const)('a two-digit year: the record has no time of its own, not a date its message mentions (%s)', async (engine) => {
    // Java's short date (`12/7/26 11:14`), a German sheet's (`07.12.26 11:14`): no form reads them.
    const f = write('short.csv', 'Date,Message\n12/7/26 11:14,storage_error cert expired 2026-03-01T00:00:00Z\n');
    const j = write('short.jsonl', '{"time":"07.12.26 11:14","code":"smime_error","msg":"retry at 2026-12-08T00:00:00Z"}\n');
    const { report } = await scan([f, j], { engine });
    // Before: 2026-03-01 and 2026-12-08, the dates their messages mention.
    expect(seen(report, 'storage_error')[0]).toBeNull();
    expect(seen(report, 'smime_error')[0]).toBeNull();
    expect(report.totals.untimedRecords).toBe(2);
  });

  it.each([['engine'], ['oracle']] as const)('but a dotted time of day or a version is no date: the message\'s date is the time (%s)', async (engine) => {
    const j = write('dotted.jsonl', '{"time":"11.14.02","code":"storage_error","msg":"at 2026-03-01T10:00:00Z"}\n{"time":"v1.2.26","code":"smime_error","msg":"at 2026-03-02T10:00:00Z"}\n');
    const { report } = await scan([j], { engine });
    expect(seen(report, 'storage_error')[0]).toBe('2026-03-01T10:00:00.000Z');
    expect(seen(report, 'smime_error')[0]).toBe('2026-03-02T10:00:00.000Z');
  });
});

