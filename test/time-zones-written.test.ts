/**
 * Zones and 12-hour marks written the ways exports write them, beside the forms test/time-forms.test.ts
 * holds: every expected time is worked out by hand from the text (Date.UTC only spells it as epoch ms).
 * The scans run on the engine and on the oracle (test/support/oracle-mock.ts).
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findTimestamp } from '../src/extract/timestamp.js';
import { DEFAULT_TIMES, timeContext } from '../src/extract/time-rules.js';
import { tempDir } from './support/cli.js';
import { runMain } from './support/main.js';
import type { Engine } from './oracle/switch.js';

const utc = timeContext(DEFAULT_TIMES, Date.UTC(2026, 11, 31));
const dir = tempDir('mxscan-zones-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The first and last time of each code a scan of `file` reports. */
async function seen(file: string, engine: Engine, extra: string[] = []): Promise<Record<string, [string | null, string | null, number]>> {
  const r = await runMain(['scan', file, '--format', 'json', '--quiet', ...extra], { engine });
  expect(r.err).toBe('');
  const report = JSON.parse(r.out) as { codes: { code: string; firstSeen: string | null; lastSeen: string | null; count: number }[] };
  return Object.fromEntries(report.codes.map((c) => [c.code, [c.firstSeen, c.lastSeen, c.count]]));
}

describe('a zone written after a time', () => {
  it.each([
    // Windows' and Java's custom zone IDs: one digit for the hours.
    ['2026-12-07 11:14:02 GMT+2 storage_error', Date.UTC(2026, 11, 7, 9, 14, 2)],
    ['2026-12-07 11:14:02 UTC-5 storage_error', Date.UTC(2026, 11, 7, 16, 14, 2)],
    ['2026-12-07 11:14:02 UTC+5:30 storage_error', Date.UTC(2026, 11, 7, 5, 44, 2)],
    // Two digits, no minutes (JavaScript's toLocaleString with timeZoneName short, for Sydney).
    ['12/7/2026, 9:14:02 PM GMT+10 storage_error', Date.UTC(2026, 11, 7, 11, 14, 2)],
    ['Mon, 07 Dec 2026 11:14:02 GMT+2 RFC 2822 with an ID', Date.UTC(2026, 11, 7, 9, 14, 2)],
    // No zone has 15 hours or 20 minutes: GMT alone.
    ['2026-12-07 11:14:02 GMT+15 x', Date.UTC(2026, 11, 7, 11, 14, 2)],
    ['2026-12-07 11:14:02 UTC+5:20 x', Date.UTC(2026, 11, 7, 11, 14, 2)],
    // Twitter's created_at (an offset before the year), ctime with an offset after it.
    ['Mon Dec 07 11:14:02 +0000 2026 storage_error', Date.UTC(2026, 11, 7, 11, 14, 2)],
    ['Mon Dec 07 11:14:02 -0500 2026 storage_error', Date.UTC(2026, 11, 7, 16, 14, 2)],
    ['Mon Dec 07 11:14:02 2026 +0200 storage_error', Date.UTC(2026, 11, 7, 9, 14, 2)],
    ['[Mon Dec 07 11:14:02 2026 +02:00] bracketed', Date.UTC(2026, 11, 7, 9, 14, 2)],
    ['Mon Dec 07 11:14:02 2026 +0200', Date.UTC(2026, 11, 7, 9, 14, 2)],
    // A number after the year is no offset: `+1234 bytes`, `-2` of a count.
    ['Mon Dec 07 11:14:02 2026 +1234 bytes', Date.UTC(2026, 11, 7, 11, 14, 2)],
    ['Mon Dec 07 11:14:02 2026 -2 retries', Date.UTC(2026, 11, 7, 11, 14, 2)],
    ['Mon Dec 07 11:14:02 2026 -10 items', Date.UTC(2026, 11, 7, 11, 14, 2)],
  ])('%s', (text, expected) => {
    expect(findTimestamp(text, utc)).toBe(expected);
  });
});

describe('AM and PM with dots', () => {
  it.each([
    ['2026-12-07 11:14:02 p.m. storage_error', Date.UTC(2026, 11, 7, 23, 14, 2)],
    ['2026-12-07 11:14:02 p. m. Spanish locales', Date.UTC(2026, 11, 7, 23, 14, 2)],
    ['2026-12-07 12:14:02 a.m. after midnight', Date.UTC(2026, 11, 7, 0, 14, 2)],
    ['2026-12-07 09:14 A.M. in capitals', Date.UTC(2026, 11, 7, 9, 14)],
    ['12/7/2026 9:14:02 p.m. a US date', Date.UTC(2026, 11, 7, 21, 14, 2)],
    ['07.12.2026 9:14:02 p. m. a dotted date', Date.UTC(2026, 11, 7, 21, 14, 2)],
    // Letters glued after it: no meridiem (`a.mxhero.com`, `p.m.s`).
    ['2026-12-07 09:14:02 a.mxhero.com', Date.UTC(2026, 11, 7, 9, 14, 2)],
    ['2026-12-07 09:14:02 p.m.s', Date.UTC(2026, 11, 7, 9, 14, 2)],
    // Not for an hour a 12-hour clock has not.
    ['2026-12-07 13:14:02 p.m. x', Date.UTC(2026, 11, 7, 13, 14, 2)],
  ])('%s', (text, expected) => {
    expect(findTimestamp(text, utc)).toBe(expected);
  });
});

describe.each(['engine', 'oracle'] as const)('times of day alone with a zone (%s)', (engine) => {
  it('reads a line starting with a time of day and its offset on the date of the time before it, there', async () => {
    const file = path.join(dir, `clock-${engine}.log`);
    writeFileSync(
      file,
      [
        '2026-12-07T23:30:00Z boot',
        // 01:30 on 8 December at +02:00 is the time before: 01:40 that day there is 23:40 UTC on the 7th.
        '01:40:00.000+02:00 [main] ERROR storage_error',
        '23:50:00.000Z [main] INFO web_hook_deleted',
        // 18:50 at −05:00 on the 7th before it: 00:10 is the next day's there, 05:10 UTC on the 8th.
        '00:10:00.000-05:00 [main] ERROR storage_error',
        // No zone: UTC (--tz), on the 8th: 21:14:02.
        '09:14:02 p.m. [main] INFO web_hook_deleted',
        // Not an offset zones have (20 minutes): the time of day alone, in UTC, on the 8th.
        '22:00:00.000+02:20 [main] WARN web_hook_removed_by_move_conflict',
        // A letter glued after the offset: it is none, the time of day is read alone, in UTC (23:00 on the 8th).
        '23:00:00.000+02:00x smime_error',
        '',
      ].join('\n'),
    );
    expect(await seen(file, engine)).toEqual({
      storage_error: ['2026-12-07T23:40:00.000Z', '2026-12-08T05:10:00.000Z', 2],
      web_hook_deleted: ['2026-12-07T23:50:00.000Z', '2026-12-08T21:14:02.000Z', 2],
      web_hook_removed_by_move_conflict: ['2026-12-08T22:00:00.000Z', '2026-12-08T22:00:00.000Z', 1],
      smime_error: ['2026-12-08T23:00:00.000Z', '2026-12-08T23:00:00.000Z', 1],
    });
    // A window from midnight UTC on the 8th: the first storage_error (23:40 on the 7th) and web_hook_deleted (23:50) fall outside it.
    const since = await seen(file, engine, ['--since', '2026-12-08T00:00:00Z']);
    expect(since['storage_error']?.[2]).toBe(1);
    expect(since['web_hook_deleted']?.[2]).toBe(1);
  });

  it('reads a date field and a time field with a zone together (CSV and JSON lines)', async () => {
    const csv = path.join(dir, `pair-${engine}.csv`);
    writeFileSync(
      csv,
      [
        'date,time,event',
        '2026-12-07,11:14:02.113+02:00,storage_error',
        '2026-12-07,11:14:02 UTC,smime_error',
        '12/07/2026,11:14:02 p.m.,web_hook_deleted',
        '2026-12-07,11:14:02 +05:30,execution_failed',
        '2026-12-07,11:14:02Z,web_hook_moved',
        // No zone has 20 minutes: no time of day alone, so the date alone: midnight.
        '2026-12-07,11:14:02+02:20,store_in_ai_error',
        '',
      ].join('\r\n'),
    );
    expect(await seen(csv, engine)).toEqual({
      storage_error: ['2026-12-07T09:14:02.113Z', '2026-12-07T09:14:02.113Z', 1],
      smime_error: ['2026-12-07T11:14:02.000Z', '2026-12-07T11:14:02.000Z', 1],
      web_hook_deleted: ['2026-12-07T23:14:02.000Z', '2026-12-07T23:14:02.000Z', 1],
      execution_failed: ['2026-12-07T05:44:02.000Z', '2026-12-07T05:44:02.000Z', 1],
      web_hook_moved: ['2026-12-07T11:14:02.000Z', '2026-12-07T11:14:02.000Z', 1],
      store_in_ai_error: ['2026-12-07T00:00:00.000Z', '2026-12-07T00:00:00.000Z', 1],
    });
    const jsonl = path.join(dir, `pair-${engine}.jsonl`);
    writeFileSync(
      jsonl,
      [
        '{"date":"2026-12-07","time":"11:14:02-05:00","event":"storage_error"}',
        '{"date":"2026-12-07","time":"11:14:02.250 a.m.","event":"smime_error"}',
        '',
      ].join('\n'),
    );
    expect(await seen(jsonl, engine)).toEqual({
      storage_error: ['2026-12-07T16:14:02.000Z', '2026-12-07T16:14:02.000Z', 1],
      smime_error: ['2026-12-07T11:14:02.250Z', '2026-12-07T11:14:02.250Z', 1],
    });
  });
});
