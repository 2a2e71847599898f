import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCatalog, buildReport } from '../src/index.js';
import { planUnits } from '../src/parallel/plan.js';
import { fastPathApplies, fileSettings, scanUnit } from '../src/scan.js';
import * as lib from '../src/scan.js';
import { joinRanges } from '../src/summary/ranges.js';
import { oracleScanFile } from './oracle/scan.js';
import { tempDir } from './support/cli.js';
import { evenRanges } from './support/ranges.js';
import type { Matcher } from '../src/extract/matcher.js';
import { DEFAULT_TIMES, timeContext } from '../src/extract/time-rules.js';
import { TextFastScan } from '../src/fast/text-scan.js';
import type { TimeContext } from '../src/model/settings.js';
import { newFileStat, newTally, type Tally } from '../src/summary/tally.js';
import type { TimeWindow } from '../src/summary/window.js';
import { FileScan } from './oracle/file-scan.js';
import { textRecords } from './oracle/read.js';
import { chunked, defaultMatcher, expectSameTally, generalMatcher, report } from './support/engines.js';
import { runs } from './support/runs.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts; src/scan.ts is mocked
// by the setup file of the project these tests run in, test/support/oracle-mock.ts).

// Logback's default pattern writes a time of day alone (`11:14:02.113 [main] …`); among dated lines (Tomcat's
// own in catalina.out, a wrapper's banner) such a line has its time of day on the date of the time before it,
// the day after when that is more than half a day earlier (src/model/record.ts).

function fast(chunks: readonly Buffer[], m: Matcher, times: TimeContext, window: TimeWindow | null): Tally {
  const t = newTally();
  const stat = newFileStat('a.log');
  t.files.set('a.log', stat);
  const scan = new TextFastScan(t, stat, m, false, false, window, null, times);
  for (const c of chunks) scan.push(c);
  scan.end();
  return t;
}

async function reference(bytes: Buffer, m: Matcher, times: TimeContext, window: TimeWindow | null): Promise<Tally> {
  const t = newTally();
  const stat = newFileStat('a.log');
  t.files.set('a.log', stat);
  const scan = new FileScan(t, stat, m, { times }, window, true);
  for await (const rec of textRecords((async function* () { yield bytes; })(), 64 * 1024 * 1024)) scan.push(rec);
  scan.end();
  return t;
}

const UTC = timeContext(DEFAULT_TIMES, null);
const BERLIN = timeContext({ ...DEFAULT_TIMES, zone: 'Europe/Berlin' }, null);

describe('a line that starts with a time of day alone', () => {
  it('has its time of day on the date of the time before it, the next day past midnight (counts and times by hand)', async () => {
    const m = defaultMatcher();
    const log = Buffer.from(
      [
        // 1: Tomcat's own line, dated.
        '07-Apr-2026 08:59:58.123 INFO [main] org.apache.catalina.startup.Catalina.start Server startup in [1234] milliseconds',
        // 2-4: Logback's line at 11:14:02.113 that day, its exception joining it.
        '11:14:02.113 [http-nio-8080-exec-1] ERROR c.m.Upload - upload failed: storage_error for ann@contoso.com',
        'com.mxhero.StorageException: storage_error',
        '\tat com.mxhero.Box.upload(Box.java:42)',
        // 5: just before midnight; 6: past it, the next day.
        '23:59:59.900 [http-nio-8080-exec-2] INFO c.m.Hook - web_hook_moved',
        '00:05:00.000 [http-nio-8080-exec-3] ERROR c.m.Smime - smime_error for bob@contoso.com',
      ].join('\n') + '\n',
    );
    for (const [times, at] of [
      [UTC, (d: number, h: number, mi: number, s: number, ms: number) => Date.UTC(2026, 3, d, h, mi, s, ms)],
      // Europe/Berlin in April: UTC+2.
      [BERLIN, (d: number, h: number, mi: number, s: number, ms: number) => Date.UTC(2026, 3, d, h - 2, mi, s, ms)],
    ] as const) {
      const r = report(fast([log], m, times, null), m);
      expect(r.totals.records).toBe(4);
      expect(r.totals.untimedRecords).toBe(0);
      const seen = Object.fromEntries(r.codes.map((c) => [c.code, [c.count, c.firstSeen]]));
      expect(seen).toEqual({
        storage_error: [1, new Date(at(7, 11, 14, 2, 113)).toISOString()],
        web_hook_moved: [1, new Date(at(7, 23, 59, 59, 900)).toISOString()],
        smime_error: [1, new Date(at(8, 0, 5, 0, 0)).toISOString()],
      });
      expect(r).toEqual(report(await reference(log, m, times, null), m));
      // A window around the Logback line's own time holds it, and nothing else.
      const w = { since: at(7, 11, 0, 0, 0), until: at(7, 12, 0, 0, 0) };
      const inside = report(fast([log], m, times, w), m);
      expect(inside.codes.map((c) => [c.code, c.count])).toEqual([['storage_error', 1]]);
      expect(inside.totals.outsideWindow).toBe(3);
    }
  });

  it('reads AM and PM, a line written just before midnight logged after one past it, and no duration (times by hand)', async () => {
    const m = defaultMatcher();
    const log = Buffer.from(
      [
        // 1: dated, just past midnight; 2: written 7 s before it: the day before; 3: past midnight again.
        '2026-04-08 00:00:05,000 INFO [main] c.m.App - tick',
        '23:59:58.000 [w-1] ERROR c.m.A - storage_error',
        '00:00:06.000 [w-2] ERROR c.m.B - smime_error',
        // 4: a 12-hour clock, PM: 13:15:02 that day; 5: a duration, no time of day: it joins line 4's record.
        '1:15:02 PM [w-3] INFO c.m.C - web_hook_moved',
        '00:03:12.5 elapsed execution_failed',
      ].join('\n') + '\n',
    );
    const r = report(fast([log], m, UTC, null), m);
    expect(r.totals.records).toBe(4);
    expect(Object.fromEntries(r.codes.map((c) => [c.code, c.firstSeen]))).toEqual({
      storage_error: '2026-04-07T23:59:58.000Z',
      smime_error: '2026-04-08T00:00:06.000Z',
      web_hook_moved: '2026-04-08T13:15:02.000Z',
      execution_failed: '2026-04-08T13:15:02.000Z',
    });
    expect(r).toEqual(report(await reference(log, m, UTC, null), m));
  });

  it('goes on into the hour that happens twice when clocks are set back (times by hand)', async () => {
    const m = defaultMatcher();
    // Europe/Berlin, 2026-10-25: 03:00 summer time (01:00Z) is set back to 02:00 winter time.
    const log = Buffer.from(
      [
        '2026-10-25 02:49:00,000 INFO [main] start', // the first 02:49 (summer time): 00:49Z
        '02:50:00.000 [w] ERROR storage_error', // 00:50Z
        '02:49:59.000 [w] ERROR smime_error', // a second earlier, still summer time: 00:49:59Z
        '02:10:00.000 [w] ERROR web_hook_moved', // past the change, winter time: 01:10Z
        '03:05:00.000 [w] ERROR execution_failed', // 02:05Z
      ].join('\n') + '\n',
    );
    const r = report(fast([log], m, BERLIN, null), m);
    expect(Object.fromEntries(r.codes.map((c) => [c.code, c.firstSeen]))).toEqual({
      storage_error: '2026-10-25T00:50:00.000Z',
      smime_error: '2026-10-25T00:49:59.000Z',
      web_hook_moved: '2026-10-25T01:10:00.000Z',
      execution_failed: '2026-10-25T02:05:00.000Z',
    });
    expect(r).toEqual(report(await reference(log, m, BERLIN, null), m));
  });

  it('counts as the reference does, whatever the chunks and the catalog, with a window or without', async () => {
    const clock = fc.record({
      h: fc.integer({ min: 0, max: 23 }),
      mi: fc.constantFrom(0, 14, 59),
      frac: fc.constantFrom('', '.113', ',5', '.123456', ' PM', ' am', 'AM', '.250 PM'),
      lead: fc.constantFrom('', '[', ' '),
    });
    const line = fc.oneof(
      clock.map(({ h, mi, frac, lead }) => `${lead}${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}:02${frac} [main] ERROR storage_error x`),
      fc.constantFrom(
        '2026-10-24T23:30:00Z start smime_error',
        '2026-10-25 01:30:00 Tomcat line web_hook_moved',
        '07-Apr-2026 23:59:58.123 INFO [main] up',
        '\tat a.B(B.java:1) storage_error',
        'Caused by: smime_error',
        'no time here storage_error',
        '9:15:02 AM smime_error',
        '24:00:00 not a clock storage_error',
        '00:03:12.5 elapsed smime_error',
        '12:00:01 AM web_hook_moved',
        '13:00:00 PM storage_error',
        '2026-04-08 00:00:05,000 INFO tick',
      ),
    );
    const corpus = fc.array(line, { minLength: 1, maxLength: 60 }).map((ls) => Buffer.from(ls.join('\n') + '\n'));
    const window = fc.constantFrom<TimeWindow | null>(null, { since: Date.UTC(2026, 9, 25, 0), until: null }, { since: Date.UTC(2026, 3, 7, 12), until: Date.UTC(2026, 9, 25, 6) });
    const sizes = fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 5 });
    for (const m of [defaultMatcher(), generalMatcher()]) {
      await fc.assert(
        fc.asyncProperty(corpus, window, sizes, fc.constantFrom(UTC, BERLIN), async (bytes, w, s, times) => {
          expectSameTally(fast(chunked(bytes, s), m, times, w), await reference(bytes, m, times, w), m);
        }),
        { numRuns: runs(150), seed: 1206 },
      );
    }
  });
});

describe('the byte ranges of a split catalina.out', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('count what the reference counts over the whole file, with a window or without', async () => {
    // 3,000 lines: Tomcat's dated line every 50 lines, Logback's lines between, a minute apart, past midnight.
    const lines: string[] = [];
    for (let i = 0; i < 3_000; i++) {
      const t = new Date(Date.UTC(2026, 3, 7, 22) + i * 60_000);
      const clock = t.toISOString().slice(11, 23);
      lines.push(i % 50 === 0 ? `${t.toISOString()} INFO [main] Tomcat storage_error` : `${clock} [exec-${i % 7}] ERROR ${['storage_error', 'smime_error', 'ok'][i % 3]} for u${i % 5}@x.com`);
    }
    const dir = tempDir('clock-ranges');
    dirs.push(dir);
    const file = path.join(dir, 'catalina.out');
    writeFileSync(file, lines.join('\n') + '\n');
    const catalog = buildCatalog([], true);
    for (const window of [null, { since: Date.UTC(2026, 3, 8, 6), until: Date.UTC(2026, 3, 8, 20) }]) {
      const s = fileSettings({ inputs: [], cwd: dir, catalog, window, jobs: 3 });
      const units = await evenRanges(await planUnits([{ path: 'catalina.out', file }], 3, s, fastPathApplies, 1024), 3);
      expect(units.length).toBe(3);
      const parts = [];
      for (const [index, u] of units.entries()) parts.push(await scanUnit({ index, input: u.input }, s));
      const whole = newTally();
      await oracleScanFile({ path: 'catalina.out', file }, s, whole, lib);
      const r = (t: Tally) => buildReport(t, { catalog, version: 'test', window });
      const joined = r(joinRanges('catalina.out', parts));
      expect(joined).toEqual(r(whole));
      // By hand: every line its own record, a minute apart from 22:00 on; the last at 22:00 + 2,999 min (2026-04-09 23:59).
      expect(joined.totals.records).toBe(3_000);
      if (window === null) expect(joined.timeRange).toEqual({ start: '2026-04-07T22:00:00.000Z', end: '2026-04-09T23:59:00.000Z' });
      // 06:00 to 20:00 on 2026-04-08: lines 480 to 1319 (840 minutes), the rest outside.
      else expect(joined.totals.outsideWindow).toBe(3_000 - 840);
    }
  });
});
