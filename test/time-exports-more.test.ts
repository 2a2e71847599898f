/**
 * Times as more exports write them: CloudFront's W3C log (a tab between date and time), PostgreSQL's numeric
 * zone abbreviations after a space, syslog's priority before its time, Werkzeug's access line. Every expected
 * time is worked out by hand from the text (Date.UTC only spells it as epoch ms). The scans run on the engine
 * and on the oracle (test/support/oracle-mock.ts).
 */
import { rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findTimestamp, timeFromValue } from '../src/extract/timestamp.js';
import { DEFAULT_TIMES, timeContext } from '../src/extract/time-rules.js';
import { tempDir } from './support/cli.js';
import { runMain } from './support/main.js';

// Year-less times take the year of the file's last change: 2026.
const utc = timeContext(DEFAULT_TIMES, Date.UTC(2026, 11, 8, 2));
const dir = tempDir('mxscan-exports-more-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a line\'s own time', () => {
  it.each([
    ['2026-12-07\t11:14:02\tFRA56-C1\t203.0.113.7\tPOST\t/hook\t500\te=storage_error', Date.UTC(2026, 11, 7, 11, 14, 2)],
    ['2026-12-07 08:14:02.113 -03 [4121] ERROR:  storage_error: could not write', Date.UTC(2026, 11, 7, 11, 14, 2, 113)],
    ['2026-12-07 19:14:02.113 +08,"postgres",storage_error', Date.UTC(2026, 11, 7, 11, 14, 2, 113)],
    // Hours alone after a space before anything else are no zone: read in --tz.
    ['2026-12-07 08:14:02 +12 rows storage_error', Date.UTC(2026, 11, 7, 8, 14, 2)],
    ['2026-12-07 08:14:02 -03 LOG: x', Date.UTC(2026, 11, 7, 8, 14, 2)],
    // `logger --rfc3164`'s line: its priority, then syslog's time (the year of the file); a date further in is a mention.
    ['<131>Dec  7 12:14:02 mx01 m2c[812]: storage_error upload failed, next retry 2026-12-08T00:00:00Z', Date.UTC(2026, 11, 7, 12, 14, 2)],
    ['<13>2026-12-07T12:14:02.003Z mx01 m2c: x', Date.UTC(2026, 11, 7, 12, 14, 2, 3)],
    // Not a priority: more than three digits.
    ['<1311>Dec  7 12:14:02 x', null],
    ['127.0.0.1 - - [07/Dec/2026 12:14:02] "POST /hook?since=2026-12-01T00:00:00Z HTTP/1.1" 500 -', Date.UTC(2026, 11, 7, 12, 14, 2)],
    // The AWS console's time, its zone in parentheses; another form's too. Words there are no zone.
    ['December 07, 2026, 12:14:02 (UTC+01:00) storage_error', Date.UTC(2026, 11, 7, 11, 14, 2)],
    ['07/12/2026 12:14:02 (UTC-05:00) x', Date.UTC(2026, 6, 12, 17, 14, 2)],
    ['07-Dec-2026 12:14:02 (CET) x', Date.UTC(2026, 11, 7, 11, 14, 2)],
    ['07-Dec-2026 12:14:02 (see below) x', Date.UTC(2026, 11, 7, 12, 14, 2)],
    // Epoch seconds with a fraction at a line's start (journalctl -o short-unix, Zeek); not dmesg's seconds since boot.
    ['1796642042.113456 mx01 m2c[812]: storage_error', Date.UTC(2026, 11, 7, 11, 14, 2, 113)],
    ['1796642042.113\tCwZ1\t203.0.113.7 storage_error', Date.UTC(2026, 11, 7, 11, 14, 2, 113)],
    ['[  12345.678901] storage_error', null],
    ['1796642042.1134 x', null],
    ['1796642042 x', null],
  ])('%s', (text, expected) => {
    expect(findTimestamp(text, utc)).toBe(expected);
  });
});

describe('a field\'s value', () => {
  it('reads a spreadsheet serial with a decimal comma, as a German or French sheet saves it; not as an epoch', () => {
    // Day 46363 is 2026-12-07; .46807870371 of a day is 40,442 s, 11:14:02.
    expect(timeFromValue('46363,46807870371', utc)).toBe(Date.UTC(2026, 11, 7, 11, 14, 2));
    expect(timeFromValue('46363.46807870371', utc)).toBe(Date.UTC(2026, 11, 7, 11, 14, 2));
    // An epoch with a comma is none; nor is a whole number of days (a count).
    expect(timeFromValue('1796642042,113', utc)).toBeNull();
    expect(timeFromValue('46363,0', utc)).toBeNull();
  });
});

describe.each(['engine', 'oracle'] as const)('a CloudFront log and a PostgreSQL log scanned (%s)', (engine) => {
  it('gives each record its time, inside a window around it', async () => {
    const cf = path.join(dir, `cf-${engine}.log`);
    writeFileSync(
      cf,
      [
        '#Version: 1.0',
        '#Fields: date time x-edge-location c-ip cs-method cs-uri-stem sc-status cs-uri-query',
        '2026-12-07\t11:14:02\tFRA56-C1\t203.0.113.7\tPOST\t/hook\t500\te=storage_error',
        '2026-12-07\t11:20:00\tFRA56-C1\t203.0.113.7\tPOST\t/hook\t500\te=smime_error',
        '',
      ].join('\n'),
    );
    const pg = path.join(dir, `pg-${engine}.log`);
    writeFileSync(pg, '2026-12-07 08:14:02.113 -03 [4121] ERROR:  storage_error: could not write\n2026-12-07 08:30:00.000 -03 [4121] ERROR:  execution_failed\n');
    utimesSync(cf, new Date(Date.UTC(2026, 11, 8)), new Date(Date.UTC(2026, 11, 8)));
    // 11:10 to 11:25 UTC: storage_error at 11:14:02 in both, smime_error at 11:20; execution_failed (11:30) outside.
    const r = await runMain(['scan', cf, pg, '--format', 'json', '--quiet', '--since', '2026-12-07T11:10:00Z', '--until', '2026-12-07T11:25:00Z'], { engine });
    expect(r.err).toBe('');
    const report = JSON.parse(r.out) as { codes: { code: string; count: number; firstSeen: string }[]; totals: { outsideWindow: number; untimedRecords: number } };
    expect(report.codes.map((c) => [c.code, c.count, c.firstSeen])).toEqual([
      ['storage_error', 2, '2026-12-07T11:14:02.000Z'],
      ['smime_error', 1, '2026-12-07T11:20:00.000Z'],
    ]);
    // Outside: execution_failed's record, and CloudFront's two `#` lines (untimed: they cannot be placed inside).
    expect(report.totals).toMatchObject({ outsideWindow: 3, untimedRecords: 2 });
  });

  it('reads a German sheet\'s serial in a time column; a number with a decimal comma elsewhere is no time', async () => {
    const sheet = path.join(dir, `de-${engine}.csv`);
    writeFileSync(sheet, 'Timestamp;Meldung\r\n46363,46807870371;storage_error a\r\n');
    const amounts = path.join(dir, `amounts-${engine}.csv`);
    writeFileSync(amounts, 'Betrag;Meldung\r\n46363,50;smime_error b\r\n');
    const r = await runMain(['scan', sheet, amounts, '--format', 'json', '--quiet'], { engine });
    const report = JSON.parse(r.out) as { codes: { code: string; firstSeen: string | null }[] };
    expect(report.codes.map((c) => [c.code, c.firstSeen])).toEqual([
      ['smime_error', null],
      ['storage_error', '2026-12-07T11:14:02.000Z'],
    ]);
  });
});
