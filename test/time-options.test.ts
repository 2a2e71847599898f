/**
 * --tz, --date-order, --year and --time-format on the command line and in the configuration file, and the
 * export fixtures whose times are not ISO-8601 (fixtures/exports/excel-us, fixtures/exports/syslog): every
 * expected time worked out by hand from the files.
 */
import { copyFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT, runMain, tempDir } from './support/main.js';
import { ENGINES, type Engine } from './oracle/switch.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts; src/scan.ts is mocked
// by the setup file of the project these tests run in, test/support/oracle-mock.ts).

let dir: string;
let remove: () => void;
beforeEach(() => {
  ({ dir, remove } = tempDir('times-'));
});
afterEach(() => remove());

interface Json {
  timeRange: { start: string | null; end: string | null };
  codes: { code: string; count: number; firstSeen: string; lastSeen: string }[];
  provenance: { options: Record<string, unknown> };
}

const put = (name: string, text: string): string => {
  writeFileSync(path.join(dir, name), text);
  return name;
};
const scan = async (args: string[], engine: Engine = 'engine') => {
  const r = await runMain(['scan', ...args, '--format', 'json', '--jobs', '1'], { cwd: dir, engine });
  return { ...r, json: r.code === 2 && r.out === '' ? undefined : (JSON.parse(r.out) as Json) };
};
const seen = (j: Json | undefined) => j?.codes.map((c) => [c.code, c.count, c.firstSeen, c.lastSeen]);

// Berlin changes to summer time on 29 March 2026 at 02:00 CET (01:00 UTC).
const DST = '2026-03-29 01:30:00 ERROR storage_error\n2026-03-29 03:30:00 ERROR storage_error\n';

describe('--tz', () => {
  it('reads times without a zone in the zone, and says so in the report', async () => {
    put('dst.log', DST);
    for (const engine of ENGINES) {
      const r = await scan(['dst.log', '--tz', 'Europe/Berlin'], engine);
      expect(r.code, r.err).toBe(0);
      expect(seen(r.json)).toEqual([['storage_error', 2, '2026-03-29T00:30:00.000Z', '2026-03-29T01:30:00.000Z']]);
      expect(r.json!.provenance.options).toMatchObject({ timeZone: 'Europe/Berlin', dateOrder: '/ mdy, . dmy' });
    }
    const plain = await scan(['dst.log']);
    expect(seen(plain.json)).toEqual([['storage_error', 2, '2026-03-29T01:30:00.000Z', '2026-03-29T03:30:00.000Z']]);
    expect(plain.json!.provenance.options['timeZone']).toBe('UTC');
  });

  it('reads a time in the hour repeated as summer time ends as its first pass, summer time’s (README: --tz)', async () => {
    // Berlin goes back from 03:00 CEST to 02:00 CET on 25 October 2026 (01:00 UTC): 02:30 is 00:30 or 01:30 UTC.
    put('back.log', '2026-10-25 02:30:00 ERROR storage_error\n2026-10-25 02:10:00+01:00 ERROR storage_error\n');
    for (const engine of ENGINES) {
      const r = await scan(['back.log', '--tz', 'Europe/Berlin'], engine);
      expect(seen(r.json)).toEqual([['storage_error', 2, '2026-10-25T00:30:00.000Z', '2026-10-25T01:10:00.000Z']]);
    }
  });

  it('is applied from the configuration file’s tz', async () => {
    put('dst.log', DST);
    put('mxscan.config.json', JSON.stringify({ tz: 'Europe/Berlin' }));
    const r = await scan(['dst.log']);
    expect(seen(r.json)).toEqual([['storage_error', 2, '2026-03-29T00:30:00.000Z', '2026-03-29T01:30:00.000Z']]);
    // The command line wins.
    expect(seen((await scan(['dst.log', '--tz', 'UTC'])).json)![0]![2]).toBe('2026-03-29T01:30:00.000Z');
  });

  it('reads --since/--until in the zone too', async () => {
    put('dst.log', DST);
    const r = await scan(['dst.log', '--tz', 'Europe/Berlin', '--since', '2026-03-29 03:00']);
    expect(seen(r.json)).toEqual([['storage_error', 1, '2026-03-29T01:30:00.000Z', '2026-03-29T01:30:00.000Z']]);
  });

  it('refuses an unknown zone in one line, exit 2, with the nearest name', async () => {
    put('dst.log', DST);
    const r = await scan(['dst.log', '--tz', 'Europe/Berln']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('mxscan: --tz: unknown time zone "Europe/Berln" — did you mean Europe/Berlin?\n');
  });
});

describe('--date-order, --year, --time-format', () => {
  it('reads 07/04/2026 as 4 July by default and as 7 April with --date-order dmy', async () => {
    put('eu.log', '07/04/2026 09:14 ERROR storage_error\n');
    expect(seen((await scan(['eu.log'])).json)![0]![2]).toBe('2026-07-04T09:14:00.000Z');
    const dmy = await scan(['eu.log', '--date-order', 'dmy']);
    expect(seen(dmy.json)![0]![2]).toBe('2026-04-07T09:14:00.000Z');
    expect(dmy.json!.provenance.options['dateOrder']).toBe('/ dmy, . dmy');
  });

  it('gives syslog times the year of the file’s modification time, or --year', async () => {
    const file = put('mail.log', 'Apr  7 09:14:02 mx1 app: ERROR storage_error\n');
    utimesSync(path.join(dir, file), new Date(Date.UTC(2025, 5, 1)), new Date(Date.UTC(2025, 5, 1)));
    expect(seen((await scan(['mail.log'])).json)![0]![2]).toBe('2025-04-07T09:14:02.000Z');
    expect(seen((await scan(['mail.log'], 'oracle')).json)![0]![2]).toBe('2025-04-07T09:14:02.000Z');
    expect(seen((await scan(['mail.log', '--year', '2024'])).json)![0]![2]).toBe('2024-04-07T09:14:02.000Z');
    const bad = await scan(['mail.log', '--year', '24']);
    expect([bad.code, bad.err]).toEqual([2, 'mxscan: --year: expected a year such as 2026, or the year and month a log ends in such as 2026-01, got "24"\n']);
  });

  it('reads a syslog file across a year’s turn with the year and month it ends in (--year 2026-01), as a file last changed then', async () => {
    // Copied in June 2024: its file time says nothing of the year. Two lines of 31 December, two of 1 January.
    const file = put('turn.log', 'Dec 31 23:58:01 mx1 app: ERROR storage_error\nDec 31 23:59:59 mx1 app: INFO web_hook_deleted\nJan  1 00:00:05 mx1 app: ERROR storage_error\nJan  1 00:10:00 mx1 app: ERROR smime_error\n');
    utimesSync(path.join(dir, file), new Date(Date.UTC(2024, 5, 1)), new Date(Date.UTC(2024, 5, 1)));
    for (const engine of ENGINES) {
      const r = await scan(['turn.log', '--year', '2026-01'], engine);
      expect(seen(r.json)).toEqual([
        ['storage_error', 2, '2025-12-31T23:58:01.000Z', '2026-01-01T00:00:05.000Z'],
        ['smime_error', 1, '2026-01-01T00:10:00.000Z', '2026-01-01T00:10:00.000Z'],
        ['web_hook_deleted', 1, '2025-12-31T23:59:59.000Z', '2025-12-31T23:59:59.000Z'],
      ]);
      expect(r.json!.timeRange).toEqual({ start: '2025-12-31T23:58:01.000Z', end: '2026-01-01T00:10:00.000Z' });
      expect([r.json!.provenance.options['year'], r.json!.provenance.options['yearEnds']]).toEqual([2026, 1]);
      // A year alone gives every line that year: 31 December comes after 1 January.
      const alone = await scan(['turn.log', '--year', '2026'], engine);
      expect(alone.json!.timeRange).toEqual({ start: '2026-01-01T00:00:05.000Z', end: '2026-12-31T23:59:59.000Z' });
      expect(alone.json!.provenance.options['yearEnds']).toBeUndefined();
    }
    // Two files read by two worker threads take it too.
    copyFileSync(path.join(dir, file), path.join(dir, 'turn2.log'));
    const two = await runMain(['scan', 'turn.log', 'turn2.log', '--year', '2026-01', '--jobs', '2', '--format', 'json'], { cwd: dir });
    expect((JSON.parse(two.out) as Json).timeRange).toEqual({ start: '2025-12-31T23:58:01.000Z', end: '2026-01-01T00:10:00.000Z' });
    for (const typed of ['2026-13', '2026-1', '2026-00', '0000', '0000-01']) {
      const bad = await scan(['turn.log', '--year', typed]);
      expect([bad.code, bad.err]).toEqual([2, `mxscan: --year: expected a year such as 2026, or the year and month a log ends in such as 2026-01, got "${typed}"\n`]);
    }
  });

  it('reads another form with --time-format, and refuses an unknown directive in one line', async () => {
    put('odd.log', '2026-04-07-09.14.02 ERROR storage_error\n');
    expect(seen((await scan(['odd.log'])).json)![0]![2]).toBeNull();
    const r = await scan(['odd.log', '--time-format', '%Y-%m-%d-%H.%M.%S']);
    expect(seen(r.json)![0]![2]).toBe('2026-04-07T09:14:02.000Z');
    expect(r.json!.provenance.options['timeFormat']).toBe('%Y-%m-%d-%H.%M.%S');
    const bad = await scan(['odd.log', '--time-format', '%d-%Q']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^mxscan: --time-format: unknown directive %Q in "%d-%Q" \(known: .*\)\n$/);
  });

  it('reads journald’s __REALTIME_TIMESTAMP (microseconds) as the time field, and other forms in JSON fields', async () => {
    put('journal.jsonl', '{"__REALTIME_TIMESTAMP":"1775553242113456","MESSAGE":"ERROR storage_error"}\n');
    put('kibana.jsonl', '{"time":"Apr 7, 2026 @ 09:14:02.113","code":"storage_error"}\n{"time":"4/7/2026 9:15:00 PM","code":"storage_error"}\n');
    for (const engine of ENGINES) {
      const r = await scan(['journal.jsonl', '--time-field', '__REALTIME_TIMESTAMP'], engine);
      expect(seen(r.json)).toEqual([['storage_error', 1, '2026-04-07T09:14:02.113Z', '2026-04-07T09:14:02.113Z']]);
      const k = await scan(['kibana.jsonl'], engine);
      expect(seen(k.json)).toEqual([['storage_error', 2, '2026-04-07T09:14:02.113Z', '2026-04-07T21:15:00.000Z']]);
    }
  });

  it('reads a window\'s bounds to the millisecond, as every time (README: --since)', async () => {
    // .113100 and .113456789 are both .113: the first line is inside [.113, .114); .114 is not.
    put('micro.log', '2026-04-07T09:14:02.113100Z ERROR storage_error\n2026-04-07T09:14:02.114000Z ERROR smime_error\n');
    for (const engine of ENGINES) {
      const r = await scan(['micro.log', '--since', '2026-04-07T09:14:02.113456789Z', '--until', '2026-04-07T09:14:02.114Z'], engine);
      expect(seen(r.json)).toEqual([['storage_error', 1, '2026-04-07T09:14:02.113Z', '2026-04-07T09:14:02.113Z']]);
    }
  });
});

describe('export fixtures with times in other forms', () => {
  it('fixtures/exports/excel-us: a dashboard CSV re-saved by Excel (US times, AM/PM, CRLF)', async () => {
    copyFileSync(path.join(ROOT, 'fixtures/exports/excel-us/dashboard-resaved.csv'), path.join(dir, 'd.csv'));
    for (const engine of ENGINES) {
      const r = await scan(['d.csv'], engine);
      expect(r.code, r.err).toBe(0);
      expect(r.json!.timeRange).toEqual({ start: '2026-04-07T09:14:02.000Z', end: '2026-04-07T13:30:00.000Z' });
      expect(seen(r.json)).toEqual([
        ['storage_error', 2, '2026-04-07T09:14:02.000Z', '2026-04-07T09:15:40.000Z'],
        ['smime_error', 1, '2026-04-07T13:02:09.000Z', '2026-04-07T13:02:09.000Z'],
      ]);
    }
  });

  it('fixtures/exports/syslog: syslog lines take the year of the file, in --tz', async () => {
    copyFileSync(path.join(ROOT, 'fixtures/exports/syslog/mail.log'), path.join(dir, 'mail.log'));
    utimesSync(path.join(dir, 'mail.log'), new Date(Date.UTC(2026, 3, 9)), new Date(Date.UTC(2026, 3, 9)));
    const r = await scan(['mail.log']);
    expect(r.json!.timeRange).toEqual({ start: '2026-04-07T09:14:02.000Z', end: '2026-04-08T00:00:01.000Z' });
    expect(seen(r.json)).toEqual([
      ['storage_error', 2, '2026-04-07T09:14:02.000Z', '2026-04-07T23:59:59.000Z'],
      ['smime_error', 1, '2026-04-08T00:00:01.000Z', '2026-04-08T00:00:01.000Z'],
    ]);
    // In Berlin (CEST, +2) the last line is 22:00:01 UTC the day before.
    const berlin = await scan(['mail.log', '--tz', 'Europe/Berlin']);
    expect(berlin.json!.timeRange).toEqual({ start: '2026-04-07T07:14:02.000Z', end: '2026-04-07T22:00:01.000Z' });
  });
});
