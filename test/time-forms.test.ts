/**
 * The time forms exports hold, read by the kernel (src/wasm/times.ts, time-forms.ts, time-format.ts) through
 * the adapter: every expected value is the UTC time worked out by hand from the text (Date.UTC only
 * spells it as epoch ms).
 */
import { describe, expect, it } from 'vitest';
import { dateOrdersTaken, findTimestamp, timeCarried, timeFromValue } from '../src/extract/timestamp.js';
import { DATE_ORDER_EITHER, DATE_ORDER_OTHER } from '../src/model/stats.js';
import { timeContext, DEFAULT_TIMES } from '../src/extract/time-rules.js';
import type { TimeSettings } from '../src/model/settings.js';

// The file last changed on 31 December of fileYear: every month of that year is its own.
const ctx = (t: Partial<TimeSettings> = {}, fileYear: number | null = 2026) => timeContext({ ...DEFAULT_TIMES, ...t }, fileYear === null ? null : Date.UTC(fileYear, 11, 31));
const utc = ctx();
const at = (text: string, c = utc) => findTimestamp(text, c);

describe('time forms in a line of text', () => {
  it.each([
    ['4/7/2026 9:14 storage_error', Date.UTC(2026, 3, 7, 9, 14)],
    ['4/7/2026 9:14:02 AM storage_error', Date.UTC(2026, 3, 7, 9, 14, 2)],
    // ISO's date with a 12-hour clock (log4net's `yyyy-MM-dd hh:mm:ss tt`, Java's `hh:mm:ss a`).
    ['2026-04-07 09:14:02 PM [12] ERROR execution_failed', Date.UTC(2026, 3, 7, 21, 14, 2)],
    ['2026-04-07 12:30:00 AM x', Date.UTC(2026, 3, 7, 0, 30)],
    ['2026-04-07 12:30:00.250 PM x', Date.UTC(2026, 3, 7, 12, 30, 0, 250)],
    ['2026-04-07 12:14:02 am I right', Date.UTC(2026, 3, 7, 12, 14, 2)],
    ['2026-04-07T09:14:02 PM2 log: started', Date.UTC(2026, 3, 7, 9, 14, 2)],
    ['2026-04-07 09:14 PM x', Date.UTC(2026, 3, 7, 21, 14)],
    ['2026-04-07T09:14:02 AM x', Date.UTC(2026, 3, 7, 9, 14, 2)],
    ['2026-04-07 09:14:02 Amazon x', Date.UTC(2026, 3, 7, 9, 14, 2)],
    ['2026-04-07 09:14:02 PM2.5 at 40', Date.UTC(2026, 3, 7, 9, 14, 2)],
    ['2026-04-07 13:14:02 PM x', Date.UTC(2026, 3, 7, 13, 14, 2)],
    ['2026-04-07 09:14:02Z PM x', Date.UTC(2026, 3, 7, 9, 14, 2)],
    ['4/7/2026 9:14:02 PM storage_error', Date.UTC(2026, 3, 7, 21, 14, 2)],
    ['4/7/2026 12:05:00 AM midnight hour', Date.UTC(2026, 3, 7, 0, 5)],
    ['4/7/2026 12:05:00 PM noon hour', Date.UTC(2026, 3, 7, 12, 5)],
    ['07.04.2026 09:14 European', Date.UTC(2026, 3, 7, 9, 14)],
    ['07.04.2026 09:14:02 European', Date.UTC(2026, 3, 7, 9, 14, 2)],
    ['07/04/2026 09:14 is 4 July by default', Date.UTC(2026, 6, 4, 9, 14)],
    ['Apr 7, 2026 @ 09:14:02.113 Kibana', Date.UTC(2026, 3, 7, 9, 14, 2, 113)],
    ['Tue, 07 Apr 2026 09:14:02 +0200 RFC 2822', Date.UTC(2026, 3, 7, 7, 14, 2)],
    ['07 Apr 2026 09:14:02 GMT no weekday', Date.UTC(2026, 3, 7, 9, 14, 2)],
    ['10.0.0.7 - - [07/Apr/2026:09:14:02 +0200] "GET / HTTP/1.1" 500', Date.UTC(2026, 3, 7, 7, 14, 2)],
    ['Apr  7 09:14:02 mail postfix: storage_error', Date.UTC(2026, 3, 7, 9, 14, 2)],
    ['2026-04-07 09:14:02,113 ERROR log4j', Date.UTC(2026, 3, 7, 9, 14, 2, 113)],
    ['[4/7/2026 9:14:02 AM] bracketed', Date.UTC(2026, 3, 7, 9, 14, 2)],
    ['"Apr 7, 2026 @ 09:14:02.113",storage_error', Date.UTC(2026, 3, 7, 9, 14, 2, 113)],
    ['2026/04/07 09:14:02 Go log package', Date.UTC(2026, 3, 7, 9, 14, 2)],
    ['[Tue Apr 07 11:14:02.113456 2026] [proxy:error] [pid 812] Apache 2.4 error log', Date.UTC(2026, 3, 7, 11, 14, 2, 113)],
    ['Tue Apr  7 11:14:02 2026 ctime', Date.UTC(2026, 3, 7, 11, 14, 2)],
    ['07-Apr-2026 09:14:02.113 SEVERE [main] Tomcat, java.util.logging', Date.UTC(2026, 3, 7, 9, 14, 2, 113)],
    ['7-APR-2026 9:14 PM Oracle, one-digit day', Date.UTC(2026, 3, 7, 21, 14)],
    ['[07-April-2026 09:14:02] the whole name, bracketed', Date.UTC(2026, 3, 7, 9, 14, 2)],
    ['07-APR-26 09:14:02 Oracle, a two-digit year', Date.UTC(2026, 3, 7, 9, 14, 2)],
    ['07-APR-99 09:14:02 Oracle\'s RR: 50-99 are 19YY', Date.UTC(1999, 3, 7, 9, 14, 2)],
    ['April 7th 2026, 09:14:02.113 Kibana 6', Date.UTC(2026, 3, 7, 9, 14, 2, 113)],
    ['Apr 21st, 2026 @ 09:14 an ordinal', Date.UTC(2026, 3, 21, 9, 14)],
    ['Tue Apr 07 2026 11:14:02 GMT+0200 (Central European Summer Time) JavaScript', Date.UTC(2026, 3, 7, 9, 14, 2)],
    ['Tue, 07 Apr 2026 09:14:02 GMT-0500 an offset after GMT', Date.UTC(2026, 3, 7, 14, 14, 2)],
    ['2026-04-07 9:14:02 Google Sheets, a one-digit hour', Date.UTC(2026, 3, 7, 9, 14, 2)],
    ['2026-4-7 09:14 a one-digit month and day', Date.UTC(2026, 3, 7, 9, 14)],
    ['1999-01-01T00:17+25:00 no such offset: the time alone', Date.UTC(1999, 0, 1, 0, 17)],
    ['2026-04-07 09:00-17:00 an hour\'s range: the time alone', Date.UTC(2026, 3, 7, 9)],
    ['Tue 04/07/2026  9:14:02.11 Windows %date% %time%', Date.UTC(2026, 3, 7, 9, 14, 2, 110)],
    ['Apr-07-2026 09:14:02 winston\'s MMM-DD-YYYY', Date.UTC(2026, 3, 7, 9, 14, 2)],
    ['[2026-04-07, 09:14:02 UTC] {taskinstance.py:1165} INFO - Airflow', Date.UTC(2026, 3, 7, 9, 14, 2)],
    ['Tue Apr 07 11:14:02 UTC 2026 Java Date.toString', Date.UTC(2026, 3, 7, 11, 14, 2)],
    ['2026-04-07 02:14:02 -0700 Go time.String, Ruby Time#to_s', Date.UTC(2026, 3, 7, 9, 14, 2)],
    ['2026-04-07 02:14:02.123456789 -0700 MST Go with a zone name', Date.UTC(2026, 3, 7, 9, 14, 2, 123)],
    ['2026-04-07 11:14:02.113 +02:00 [ERR] Serilog file sink', Date.UTC(2026, 3, 7, 9, 14, 2, 113)],
    ['2026-04-07 09:14:02 - m2c.sync - a dash after, no offset', Date.UTC(2026, 3, 7, 9, 14, 2)],
    ['2026-04-07 09:14:02 -12 items, no offset', Date.UTC(2026, 3, 7, 9, 14, 2)],
    ['2026-04-07 09:14:02 -2026-04-08 a range, no offset', Date.UTC(2026, 3, 7, 9, 14, 2)],
    ['2026-04-07 09:14:02 +1234 bytes, no offset', Date.UTC(2026, 3, 7, 9, 14, 2)],
    ['2026-04-07 09:14:02 +9900 x, no offset', Date.UTC(2026, 3, 7, 9, 14, 2)],
    ['2026-04-07 09:14:02 +0545 Nepal', Date.UTC(2026, 3, 7, 3, 29, 2)],
    ['2026/04/07 09:14:02.118223 Go, Lmicroseconds', Date.UTC(2026, 3, 7, 9, 14, 2, 118)],
    ['2026/4/7 9:14 one-digit month, day and hour', Date.UTC(2026, 3, 7, 9, 14)],
    ['2026/04/07 09:14:02 [error] 812#812: *4411 nginx error.log', Date.UTC(2026, 3, 7, 9, 14, 2)],
    ['2026.04.07 09:14:02 dotted', Date.UTC(2026, 3, 7, 9, 14, 2)],
    ['[2026/04/07 09:14:02] bracketed further in', Date.UTC(2026, 3, 7, 9, 14, 2)],
    ['[pod/api-1/api] 2026-04-07T09:14:02Z kubectl --prefix', Date.UTC(2026, 3, 7, 9, 14, 2)],
    ['ERROR: retry after 2026-04-07T09:14:02Z (no time at the start)', Date.UTC(2026, 3, 7, 9, 14, 2)],
  ])('reads %s', (text, expected) => {
    expect(at(text)).toBe(expected);
  });

  it.each([
    '2026/04/07 no time: a path or a version',
    'Tue Apr 07 11:14:02 CAT 2026 a zone name not read',
    'Tue Apr 07 2026 no clock',
    '07-Apr-2026 no clock',
    '07-Aprx-2026 09:14:02 no month',
    '12-month plan from 2026',
    '  retention window [01-Apr-2026 00:00:00 .. ] a mention further in',
    '  01-Apr-2026 00:00 indented: a mention',
    '  Apr-01-2026 00:00 indented: a mention',
    '2026-04-07, no time after the comma',
    '  2026-4-7 8:59:59 indented, one-digit parts',
    '  Tue Apr 07 2026 09:14:02 GMT+0200 (CEST) indented',
    'x [April 7th 2026, 09:14:02.113] further in',
    '[07-Apr-2026 11:14:02 Europe/Berlin] PHP: a zone mxscan cannot apply',
    '4/7/2026 9:14:02 AM America/New_York a zone mxscan cannot apply',
    '07-Apr-206 09:14:02 a three-digit year',
    'Apr  7th 09:14:02 an ordinal without a year',
    'Tue Apr 07 11:14:02 PM 2026 no form',
    '2026-04-07-09.14.02 DB2',
    '4/7/260 9:14 a three-digit year',
    '17/06/09 20:10:40 a two-digit year: Spark writes its year first',
    '4/7/26 9:14 a two-digit year',
    '31-Apr-2026 09:14:02 no 31 April',
    '2026/13/07 09:14:02 no 13th month',
    '2026/02/29 09:14:02 no 29 February in 2026',
    '12026/04/07 09:14:02 five digits',
    'Caused by: java.io.IOException: expired at 2026-03-01T00:00:00Z',
    '\tCaused by: expired at 2026-03-01T00:00:00Z',
    ' ---> System.Security.Cryptography.CryptographicException: expired 2026-03-01 00:00:00Z.',
    'Exception in thread "rule-exec-3" java.lang.IllegalStateException: expired at 2026-03-01T00:00:00Z',
    'panic: expired at 2026-03-01T00:00:00Z',
    'Unhandled exception. System.InvalidOperationException: cert 2025-12-01T00:00:00Z',
    '-- Journal begins at Mon 2026-03-30 00:00:01 UTC, ends at Tue 2026-04-07 09:20:00 UTC. --',
    'java.lang.IllegalStateException: certificate expired at 2026-03-01T00:00:00Z',
    'ValueError: bad date [2026-03-01 00:00:00]',
    'Error: expired at 2026-03-01T00:00:00Z',
    '09:14:02.113 [main] INFO token valid until 2026-05-01T00:00:00Z',
    '[09:14:02] valid until 2026-05-01T00:00:00Z',
  ])('finds no time of its own in %s', (text) => {
    expect(at(text)).toBe(null);
  });

  it('reads a time at the start of any line, and one further in where a line does not start so', () => {
    // The date first: the line's own time, whatever follows.
    expect(at('Caused by: 2026-03-01T00:00:00Z')).toBe(null);
    // A collector's time (kubectl --timestamps, docker logs -t, CRI, the journal) before a stack trace's line: it
    // is the line's, and the line is marked as one that carries on the record before it when written with it
    // (src/wasm/records.ts recordLine); an exception's head or any other line is not.
    const carried = (text: string): [number | null, boolean] => [at(text), timeCarried()];
    for (const trace of ['Caused by: x', '\tat c.e.App.run(App.java:12)', '    at Object.<anonymous> (/app/x.js:1:1)', '\t... 2 more', '  File "/app/x.py", line 3, in <module>', '\tSuppressed: x', ' ---> System.IO.IOException: x', '   --- End of inner exception stack trace ---', '#011at c.e.App.run(App.java:12)'])
      for (const prefix of ['2026-03-01T00:00:00Z ', '2026-03-01T00:00:00.123456789Z ', '2026-03-01T00:00:00.123456789Z stdout F ', '2026-03-01T00:00:00+00:00 stderr P ', '2026-03-01T00:00:00+0000 mx1 java[2211]: ', 'Mar 01 00:00:00 mx1 mail2cloud: '])
        expect(carried(prefix + trace), prefix + trace).toEqual([Date.UTC(2026, 2, 1) + (prefix.includes('.123') ? 123 : 0), true]);
    for (const line of ['2026-03-01T00:00:00Z java.io.IOException: x', '2026-03-01T00:00:00Z Traceback (most recent call last):', '2026-03-01T00:00:00Z  INFO app: at 9', '2026-03-01T00:00:00Z   atlas ok', '2026-03-01T00:00:00Z ... done', '2026-03-01T00:00:00Z stdout F at x', '2026-03-01T00:00:00Z stdout X \tat x', '2026-03-01T00:00:00Z\tat x', '2026-03-01T00:00:00Z Caused', '2026-03-01T00:00:00Z mx1 java[2211]: at x', '2026-03-01T00:00:00Z mx1 java[22a]: \tat x', '2026-03-01T00:00:00Z mx1  java: \tat x', '2026-03-01T00:00:00Z INFO  [main] Caused by: x', '2026-03-01T00:00:00Z mx1 java[2211]:\tat x', 'Mar 01 00:00:00 mx1 mail2cloud: hello'])
      expect(carried(line), line).toEqual([Date.UTC(2026, 2, 1), false]);
    // Not at the line's very start: a time after blanks or a bracket is no collector's.
    expect(carried(' 2026-03-01T00:00:00Z \tat x')).toEqual([Date.UTC(2026, 2, 1), false]);
    expect(carried('[2026-03-01T00:00:00Z] \tat x')).toEqual([Date.UTC(2026, 2, 1), false]);
    // A structured record's text is not read by the line rules.
    findTimestamp('2026-03-01T00:00:00Z \tat x', utc, false);
    expect(timeCarried()).toBe(false);
    expect(at('  2026-03-01T00:00:00Z indented, at its start')).toBe(Date.UTC(2026, 2, 1));
    // Indented lines: log4j's `%5p` level, `  Date:` of wevtutil, YAML's `  ts: "…"`.
    expect(at(' INFO 2026-03-01 11:20:00,000 [main] x')).toBe(Date.UTC(2026, 2, 1, 11, 20));
    expect(at('  Date: 2026-03-01T00:00:00Z')).toBe(Date.UTC(2026, 2, 1));
    expect(at('  ts: "2026-03-01T00:00:00Z"')).toBe(Date.UTC(2026, 2, 1));
    // Indentation alone tells nothing: a wrapped line's date is read as its time.
    expect(at('  token issued 2026-03-01T00:00:00Z')).toBe(Date.UTC(2026, 2, 1));
    expect(at('\tat c.e.App.run(App.java:12) 2026-03-01T00:00:00Z')).toBe(Date.UTC(2026, 2, 1));
    // Right after the first word of a line that has no time further in: Jenkins' timestamper, a cron wrapper.
    expect(at('09:14:02  2026-03-01 09:10:02,113 ERROR x')).toBe(Date.UTC(2026, 2, 1, 9, 10, 2, 113));
    expect(at('Error: 2026-03-01T00:00:00Z job failed')).toBe(Date.UTC(2026, 2, 1));
    expect(at('-- [2026-03-01 00:00:00] cron job')).toBe(Date.UTC(2026, 2, 1));
    expect(at('\tSuppressed: java.io.IOException: at 2026-03-01T00:00:00Z')).toBe(null);
    expect(at('--2026-03-01T00:00:00Z no space after the dashes')).toBe(Date.UTC(2026, 2, 1));
    // A name that is no exception's, or no colon after it: a time further in is the line's.
    expect(at('MyErrorHandler: retry at 2026-03-01T00:00:00Z')).toBe(Date.UTC(2026, 2, 1));
    expect(at('StorageException retry at 2026-03-01T00:00:00Z')).toBe(Date.UTC(2026, 2, 1));
    // An exception's name of at most EXCEPTION_NAME_LONGEST (256) bytes: a longer one heads no exception.
    expect(at('a'.repeat(247) + 'Exception: at 2026-03-01T00:00:00Z')).toBe(null);
    expect(at('a'.repeat(248) + 'Exception: at 2026-03-01T00:00:00Z')).toBe(Date.UTC(2026, 2, 1));
    expect(at('Errors: at 2026-03-01T00:00:00Z')).toBe(Date.UTC(2026, 2, 1));
    // A clock that is not one alone: a date further in is the line's.
    expect(at('09:14:02:77 [main] at 2026-03-01T00:00:00Z')).toBe(Date.UTC(2026, 2, 1));
    expect(at('24:00:00 [main] at 2026-03-01T00:00:00Z')).toBe(Date.UTC(2026, 2, 1));
  });

  it('reads a date that cannot be in its separator\'s order in the other, unless --date-order is given', () => {
    expect(at('13/04/2026 09:14:02 x')).toBe(Date.UTC(2026, 3, 13, 9, 14, 2));
    expect(at('07/04/2026 09:14 x')).toBe(Date.UTC(2026, 6, 4, 9, 14));
    expect(at('04.13.2026 09:14 x')).toBe(Date.UTC(2026, 3, 13, 9, 14));
    expect(timeFromValue('13/04/2026')).toBe(Date.UTC(2026, 3, 13));
    // Neither order: no date.
    expect(at('13/13/2026 09:14 x')).toBe(null);
    expect(at('13/04/2026 09:14:02 x', ctx({ dateOrder: 'mdy' }))).toBe(null);
    expect(at('04.13.2026 09:14 x', ctx({ dateOrder: 'dmy' }))).toBe(null);
  });

  it('tells what dates read as times told of their order, and only of those (FileStat.dateOrders)', () => {
    dateOrdersTaken();
    expect(at('see 13/04/2026 alone, no time')).toBe(null);
    expect(at('13/04/2026 25:00 no such hour')).toBe(null);
    // A field's date with more after it is no time.
    expect(timeFromValue('13/04/2026 09:14:02 local')).toBe(null);
    expect(dateOrdersTaken()).toBe(0);
    at('13/04/2026 09:14 x');
    expect([dateOrdersTaken(), dateOrdersTaken()]).toEqual([DATE_ORDER_OTHER, 0]);
    at('07/04/2026 09:14 x');
    expect(dateOrdersTaken()).toBe(DATE_ORDER_EITHER);
    // Either order reads it the same (4/4), or only one reads it, or the order was given: nothing to tell.
    at('04/04/2026 09:14 x');
    at('4/13/2026 09:14 x');
    at('13/04/2026 09:14 x', ctx({ dateOrder: 'mdy' }));
    at('07/04/2026 09:14 x', ctx({ dateOrder: 'dmy' }));
    expect(dateOrdersTaken()).toBe(0);
  });

  it('reads a year-first date in any --date-order, and alone in a field', () => {
    expect(at('2026/04/07 09:14:02 x', ctx({ dateOrder: 'dmy' }))).toBe(Date.UTC(2026, 3, 7, 9, 14, 2));
    expect(timeFromValue('2026/04/07')).toBe(Date.UTC(2026, 3, 7));
    expect(timeFromValue('2026/04/07 09:14:02')).toBe(Date.UTC(2026, 3, 7, 9, 14, 2));
  });

  it('reads --date-order dmy for `/` (and `.`)', () => {
    const dmy = ctx({ dateOrder: 'dmy' });
    expect(at('07/04/2026 09:14 x', dmy)).toBe(Date.UTC(2026, 3, 7, 9, 14));
    const mdy = ctx({ dateOrder: 'mdy' });
    expect(at('07.04.2026 09:14 x', mdy)).toBe(Date.UTC(2026, 6, 4, 9, 14));
  });

  it('reads every month by its three letters and by its whole name, in any case', () => {
    const names = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
    names.forEach((name, m) => {
      expect(at(`${name.slice(0, 3)}  7 09:14:02 host x`), name).toBe(Date.UTC(2026, m, 7, 9, 14, 2));
      expect(at(`${name.slice(0, 3).toUpperCase()}  7 09:14:02 host x`), name).toBe(Date.UTC(2026, m, 7, 9, 14, 2));
      expect(at(`07 ${name} 2026 09:14:02 GMT x`), name).toBe(Date.UTC(2026, m, 7, 9, 14, 2));
    });
    // Neither a longer word nor a name's wrong ending is a month.
    expect(at('Marchy  7 09:14:02 host x')).toBeNull();
    expect(at('Septem  7 09:14:02 host x')).toBeNull();
  });

  it('gives syslog times the year it is told (the file’s), none without one', () => {
    expect(at('Apr  7 09:14:02 host x', ctx({}, 2025))).toBe(Date.UTC(2025, 3, 7, 9, 14, 2));
    expect(at('Apr  7 09:14:02 host x', ctx({ year: 2024 }, 2025))).toBe(Date.UTC(2024, 3, 7, 9, 14, 2));
    expect(at('Apr  7 09:14:02 host x', ctx({}, null))).toBeNull();
  });

  it('gives months after the file’s last change the year before (a log rotated in January holds December)', () => {
    const january = timeContext(DEFAULT_TIMES, Date.UTC(2027, 0, 3, 6));
    expect(at('Dec 31 23:59:59 host x', january)).toBe(Date.UTC(2026, 11, 31, 23, 59, 59));
    expect(at('Jan  2 00:00:01 host x', january)).toBe(Date.UTC(2027, 0, 2, 0, 0, 1));
    expect(at('31/12 23:59:59 x', timeContext({ ...DEFAULT_TIMES, format: '%d/%m %H:%M:%S' }, Date.UTC(2027, 0, 3)))).toBe(Date.UTC(2026, 11, 31, 23, 59, 59));
    // --year is taken as it is.
    expect(at('Dec 31 23:59:59 host x', timeContext({ ...DEFAULT_TIMES, year: 2027 }, Date.UTC(2027, 0, 3)))).toBe(Date.UTC(2027, 11, 31, 23, 59, 59));
  });

  it.each([
    ['release 1.2.2026 is out'],
    ['1.2.2026 release notes'],
    ['v1.2.2026 9:14'],
    ['10.4.7.2026 9:14 four numbers'],
    ['192.168.1.20 connected'],
    ['ratio 4/7 of them'],
    ['4/7 9:14 without a year'],
    ['4/7/2026 without a time'],
    ['31.04.2026 09:14 no 31 April'],
    ['2/29/2026 9:14 not a leap year'],
    ['4/7/2026 13:14:02 PM'],
    ['4/7/2026 9:61'],
    ['May 5 was fine'],
    ['Apr 7, 2026 no clock'],
    ['Tue, 31 Apr 2026 09:14:02 +0200'],
    ['[07/Apr/2026] no clock'],
    ['price 12/25/20269:14'],
  ])('finds no time in %s', (text) => {
    expect(at(text)).toBeNull();
  });

  it('knows leap years in every form', () => {
    expect(at('2/29/2024 9:14 x')).toBe(Date.UTC(2024, 1, 29, 9, 14));
    expect(at('29.02.2000 09:14 x')).toBe(Date.UTC(2000, 1, 29, 9, 14));
    expect(at('29.02.1900 09:14 x')).toBeNull();
  });

  it('looks past the start of a line only at an ISO date or a `[`', () => {
    expect(at('host1 4/7/2026 9:14 not at the start')).toBeNull();
    expect(at('host1 [4/7/2026 9:14] after a bracket')).toBe(Date.UTC(2026, 3, 7, 9, 14));
    expect(at('host1 at 2026-04-07T09:14:02Z')).toBe(Date.UTC(2026, 3, 7, 9, 14, 2));
  });
});

describe('times without a zone, in --tz', () => {
  const berlin = ctx({ zone: 'Europe/Berlin' });
  it('reads them at the zone’s offset of the day: CET (+1) in winter, CEST (+2) in summer', () => {
    expect(at('2026-01-15 12:00:00 x', berlin)).toBe(Date.UTC(2026, 0, 15, 11, 0));
    expect(at('4/7/2026 9:14 x', berlin)).toBe(Date.UTC(2026, 3, 7, 7, 14));
    expect(at('Apr  7 09:14:02 x', berlin)).toBe(Date.UTC(2026, 3, 7, 7, 14, 2));
  });

  it('leaves times with a zone as they are', () => {
    expect(at('2026-04-07T09:14:02Z x', berlin)).toBe(Date.UTC(2026, 3, 7, 9, 14, 2));
    expect(at('Tue, 07 Apr 2026 09:14:02 +0000 x', berlin)).toBe(Date.UTC(2026, 3, 7, 9, 14, 2));
  });

  it('follows the change to summer time (29 March 2026, 02:00 CET → 03:00 CEST) and back (25 October, 03:00 → 02:00)', () => {
    expect(at('3/29/2026 1:30 x', berlin)).toBe(Date.UTC(2026, 2, 29, 0, 30));
    expect(at('3/29/2026 3:30 x', berlin)).toBe(Date.UTC(2026, 2, 29, 1, 30));
    // 02:30 never happens that night: read with the offset before the change (+1), as Date does.
    expect(at('3/29/2026 2:30 x', berlin)).toBe(Date.UTC(2026, 2, 29, 1, 30));
    // 02:30 happens twice on 25 October: the first (CEST, +2).
    expect(at('10/25/2026 2:30 x', berlin)).toBe(Date.UTC(2026, 9, 25, 0, 30));
    expect(at('10/25/2026 3:30 x', berlin)).toBe(Date.UTC(2026, 9, 25, 2, 30));
    expect(at('2026-10-25 01:59:59 x', berlin)).toBe(Date.UTC(2026, 9, 24, 23, 59, 59));
  });

  it('reads a zone west of UTC too (New York, EDT −4 in April)', () => {
    expect(at('4/7/2026 9:14 x', ctx({ zone: 'America/New_York' }))).toBe(Date.UTC(2026, 3, 7, 13, 14));
  });
});

describe('times in fields', () => {
  it.each<[unknown, number]>([
    [1775553242, Date.UTC(2026, 3, 7, 9, 14, 2)],
    ['1775553242', Date.UTC(2026, 3, 7, 9, 14, 2)],
    [1775553242.5, Date.UTC(2026, 3, 7, 9, 14, 2, 500)],
    [1775553242113, Date.UTC(2026, 3, 7, 9, 14, 2, 113)],
    ['1775553242113', Date.UTC(2026, 3, 7, 9, 14, 2, 113)],
    // journald's __REALTIME_TIMESTAMP: microseconds.
    ['1775553242113456', Date.UTC(2026, 3, 7, 9, 14, 2, 113)],
    [1775553242113456, Date.UTC(2026, 3, 7, 9, 14, 2, 113)],
    ['4/7/2026 9:14:02 AM', Date.UTC(2026, 3, 7, 9, 14, 2)],
    ['4/7/2026', Date.UTC(2026, 3, 7)],
    ['07.04.2026 09:14', Date.UTC(2026, 3, 7, 9, 14)],
    ['Apr 7, 2026 @ 09:14:02.113', Date.UTC(2026, 3, 7, 9, 14, 2, 113)],
    [' 2026-04-07T09:14:02Z ', Date.UTC(2026, 3, 7, 9, 14, 2)],
    ['2026-04-07', Date.UTC(2026, 3, 7)],
    // Excel's long date, and its date format `mmmm d, yyyy`: a date alone; with a time of day after it
    ['Tuesday, April 7, 2026', Date.UTC(2026, 3, 7)],
    ['Tuesday, April 7, 2026 9:14:02 AM', Date.UTC(2026, 3, 7, 9, 14, 2)],
    ['April 7, 2026', Date.UTC(2026, 3, 7)],
    ['Tue, Apr 7, 2026', Date.UTC(2026, 3, 7)],
    // Oracle's TIMESTAMP as SQL Developer shows it: to the millisecond, a 12-hour clock, a zone
    ['07-APR-26 09.14.02.113000000 AM', Date.UTC(2026, 3, 7, 9, 14, 2, 113)],
    ['07-APR-26 01.02.09.000000000 PM', Date.UTC(2026, 3, 7, 13, 2, 9)],
    ['07-APR-26 12.00.00.5 AM', Date.UTC(2026, 3, 7, 0, 0, 0, 500)],
    ['07-APR-26 09.14.02 AM +02:00', Date.UTC(2026, 3, 7, 7, 14, 2)],
  ])('reads %j', (value, expected) => {
    expect(timeFromValue(value, utc)).toBe(expected);
  });

  it('reads .NET\'s JSON date, from 2001-09-09 on', () => {
    expect(timeFromValue('/Date(1775553242113)/', utc)).toBe(Date.UTC(2026, 3, 7, 9, 14, 2, 113));
    expect(timeFromValue('/Date(1775553242113+0200)/', utc)).toBe(Date.UTC(2026, 3, 7, 9, 14, 2, 113));
    expect(timeFromValue('/Date(0)/', utc)).toBeNull();
    expect(timeFromValue('/Date(12)/x', utc)).toBeNull();
  });

  it.each<[unknown]>([
    ['4/7'],
    ['1.2.3'],
    ['4/7/2026 9:14 and more'],
    ['at 2026-04-07T09:14:02Z'],
    [-5],
    ['soon'],
    [true],
    [null],
    ['31.04.2026'],
    ['April 31, 2026'],
    ['April 7, 26'],
    // Oracle's: an hour past 12 with AM/PM, a fraction of ten digits, no AM/PM, a zone's name
    ['07-APR-26 13.14.02 PM'],
    ['07-APR-26 09.14.02.1234567890 AM'],
    ['07-APR-26 09.14'],
    ['07-APR-26 09.14.02.999 PM Europe/Berlin'],
  ])('reads no time from %j', (value) => {
    expect(timeFromValue(value, utc)).toBeNull();
  });
});

describe('--time-format', () => {
  it('reads an strftime pattern, at the start of a line or as a whole field', () => {
    const f = ctx({ format: '%Y-%m-%d-%H.%M.%S' });
    expect(at('2026-04-07-09.14.02 storage_error', f)).toBe(Date.UTC(2026, 3, 7, 9, 14, 2));
    expect(timeFromValue('2026-04-07-09.14.02', f)).toBe(Date.UTC(2026, 3, 7, 9, 14, 2));
    expect(at('2026-04-07-09.14.02 x', utc)).toBeNull();
  });

  it('reads numbers glued together, a fraction, AM/PM, a zone, a time without a year', () => {
    expect(at('20260407 091402 x', ctx({ format: '%Y%m%d %H%M%S' }))).toBe(Date.UTC(2026, 3, 7, 9, 14, 2));
    expect(at('2026/04/07-09.14.02.113 x', ctx({ format: '%Y/%m/%d-%H.%M.%S.%f' }))).toBe(Date.UTC(2026, 3, 7, 9, 14, 2, 113));
    expect(at('07/04/26 09:14:02 PM +0200 x', ctx({ format: '%d/%m/%y %I:%M:%S %p %z' }))).toBe(Date.UTC(2026, 3, 7, 19, 14, 2));
    expect(at('Apr 07 09:14:02 x', ctx({ format: '%b %d %H:%M:%S' }, 2025))).toBe(Date.UTC(2025, 3, 7, 9, 14, 2));
    expect(at('07.04.2026 09:14:02 x', ctx({ format: '%d.%m.%Y %H:%M:%S%.f', zone: 'Europe/Berlin' }))).toBe(Date.UTC(2026, 3, 7, 7, 14, 2));
  });

  it('reads what follows a fraction after its digits (SQL Developer: 07-APR-26 09.14.02.113000000 AM)', () => {
    const oracle = ctx({ format: '%d-%b-%y %I.%M.%S.%f %p' });
    expect(at('07-APR-26 09.14.02.113000000 AM storage_error', oracle)).toBe(Date.UTC(2026, 3, 7, 9, 14, 2, 113));
    expect(timeFromValue('07-APR-26 01.02.09.000000000 PM', oracle)).toBe(Date.UTC(2026, 3, 7, 13, 2, 9));
    // %.f (optional) the same: the zone after it is read, and a missing fraction still reads.
    const vector = ctx({ format: '%d/%m/%Y %H:%M:%S%.f %z' });
    expect(at('07/04/2026 09:14:02.5 +0200 x', vector)).toBe(Date.UTC(2026, 3, 7, 7, 14, 2, 500));
    expect(at('07/04/2026 09:14:02 +0200 x', vector)).toBe(Date.UTC(2026, 3, 7, 7, 14, 2));
  });

  it('is looked for after any non-letter, non-digit byte too', () => {
    expect(at('host=a time=07-Apr-2026 09:14:02 x', ctx({ format: '%d-%b-%Y %H:%M:%S' }))).toBe(Date.UTC(2026, 3, 7, 9, 14, 2));
  });
});
