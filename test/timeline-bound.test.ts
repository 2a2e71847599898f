/**
 * Time ranges of decades to millennia (a `valid until 9999-…` in a line, epoch seconds holding a sequence
 * number, a code seen every week for 50 years) never crash a scan, and the timeline stays within 48 buckets.
 * Expected widths and counts are worked out by hand from day numbers since 1970-01-01 (day 0, a Thursday):
 * 2026-03-01 is day 20,513 (56 years with 14 leap days, then 31 + 28), 9999-12-31 is day 2,932,896.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { sparkline } from '../src/render/markdown.js';
import { MAX_BUCKETS, TIME_MAX, TIME_MIN, WIDTHS, addTime, mergeBuckets, newBuckets, type Buckets } from '../src/summary/buckets.js';
import { tallyFromJson, tallyToJson } from '../src/summary/partial.js';
import { joinRanges, type RangeTally } from '../src/summary/ranges.js';
import { mergeTally, newFileStat, newTally, type Tally } from '../src/summary/tally.js';
import { buildTimeline, chooseWidth } from '../src/summary/timeline.js';
import { TextFastScan } from '../src/fast/text-scan.js';
import { runBin, tempDir } from './support/cli.js';
import { defaultMatcher, report } from './support/engines.js';
import type { Report } from '../src/summary/report.js';

const DAY = 86_400_000;
const iso = (day: number): string => new Date(day * DAY).toISOString();
const dir = tempDir('timeline');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One `storage_error` line a week, at midnight, weeks [from, to) counted from 1970-01-01. */
function weekly(from: number, to: number): string {
  let s = '';
  for (let k = from; k < to; k++) s += `${iso(7 * k).slice(0, 19)}Z storage_error on put\n`;
  return s;
}

// 2,600 weeks from day 0 to day 18,193. Timeline: 364d gives floor(18,193 / 364) + 1 = 50 buckets (too
// many), 728d gives floor(18,193 / 728) + 1 = 25, each 104 weeks: 104 lines. The code's own buckets: 2,600
// weeks are more than MAX_BUCKETS, so 28d: 650 buckets of 4.
const WEEKS = 2600;
const weeklyTimeline = Array.from({ length: 25 }, (_, j) => ({ start: iso(728 * j), ERROR: 104, WARN: 0, INFO: 0 }));
function expectWeeklyCode(b: Buckets): void {
  expect(WIDTHS[b.width]![0]).toBe('28d');
  expect([...b.counts].sort((x, y) => x[0] - y[0])).toEqual(Array.from({ length: 650 }, (_, i) => [28 * i * DAY, 4]));
}
function expectWeeklyReport(r: Report): void {
  expect(r.timeline.bucket).toBe('728d');
  expect(r.timeline.buckets).toEqual(weeklyTimeline);
  expect(r.codes.map((c) => [c.code, c.count, c.firstSeen, c.lastSeen, c.peak, c.series])).toEqual([
    ['storage_error', WEEKS, iso(0), iso(7 * 2599), { start: iso(0), count: 104 }, Array(25).fill(104)],
  ]);
}

describe('the bucket ladder', () => {
  it('goes past 7d for long ranges, the narrowest with at most 48 buckets', () => {
    // 47 weeks from day 0: 48 buckets of 7d. 1,000 weeks (7,000 days): 1,001 at 7d, 251 at 28d, 20 at 364d.
    expect(WIDTHS[chooseWidth(0, 47 * 7 * DAY)]![0]).toBe('7d');
    expect(WIDTHS[chooseWidth(0, 1000 * 7 * DAY)]![0]).toBe('364d');
    // Day 0 to 2026-03-01: 57 buckets at 364d, floor(20,513 / 728) + 1 = 29 at 728d.
    expect(WIDTHS[chooseWidth(1000, 20_513 * DAY)]![0]).toBe('728d');
  });

  it('holds any two times a scan can have in at most 48 buckets', () => {
    // TIME_MIN is day -719,529, TIME_MAX day 2,932,898: at 72800d floor(-9.9) = -10 to 40 is 51 buckets, at
    // 364000d -2 to 8 is 11.
    const { timeline, series } = buildTimeline([{ level: 'ERROR', buckets: newBuckets() }], { start: TIME_MIN, end: TIME_MAX });
    expect(timeline.bucket).toBe('364000d');
    expect(timeline.buckets.map((b) => b.start)).toEqual(Array.from({ length: 11 }, (_, j) => iso(364_000 * (j - 2))));
    expect(series).toEqual([Array(11).fill(0)]);
  });

  it('keeps a code seen in more than MAX_BUCKETS weeks, and merges it in any order', () => {
    const whole = newBuckets();
    for (let k = 0; k < WEEKS; k++) addTime(whole, 7 * k * DAY);
    expectWeeklyCode(whole);
    // Weeks 0 … 2,048 are one more than MAX_BUCKETS: 28d, floor(2,048 / 4) + 1 = 513 buckets. The other
    // parts have few enough to stay at the finest width, 1m: 300 and 251 buckets.
    const parts = [[0, 2049], [2049, 2349], [2349, WEEKS]].map(([from, to]) => {
      const b = newBuckets();
      for (let k = from!; k < to!; k++) addTime(b, 7 * k * DAY);
      return b;
    });
    expect(parts.map((b) => [WIDTHS[b.width]![0], b.counts.size])).toEqual([['28d', 513], ['1m', 300], ['1m', 251]]);
    expect(MAX_BUCKETS).toBe(2048);
    for (const order of [[0, 1, 2], [2, 1, 0], [1, 2, 0], [1, 0, 2]]) {
      const merged = newBuckets();
      for (const i of order) mergeBuckets(merged, parts[i]!);
      expectWeeklyCode(merged);
    }
  });
});

describe('merging buckets over any range of times', () => {
  it('gives the series of the union in any grouping and order, never more than MAX_BUCKETS', () => {
    const sorted = (b: Buckets): [number, number, number][] => [...b.counts].map(([s, n]): [number, number, number] => [b.width, s, n]).sort((x, y) => x[1] - y[1]);
    const of = (times: readonly number[]): Buckets => {
      const b = newBuckets();
      for (const t of times) addTime(b, t);
      return b;
    };
    // Times spread over the whole range, or packed into a few weeks so that several widths are crossed.
    const time = fc.oneof(fc.integer({ min: TIME_MIN, max: TIME_MAX }), fc.integer({ min: 0, max: 3000 }).map((k) => k * 7 * DAY));
    fc.assert(
      fc.property(fc.array(fc.array(time, { maxLength: 1500 }), { minLength: 1, maxLength: 4 }), (groups) => {
        const whole = of(groups.flat());
        expect(whole.counts.size).toBeLessThanOrEqual(MAX_BUCKETS);
        const forward = newBuckets();
        for (const g of groups) mergeBuckets(forward, of(g));
        const backward = newBuckets();
        for (const g of [...groups].reverse()) mergeBuckets(backward, of(g));
        expect(sorted(forward)).toEqual(sorted(whole));
        expect(sorted(backward)).toEqual(sorted(whole));
      }),
      { numRuns: 60, seed: 11 },
    );
  });
});

describe('a long time range through the CLI', () => {
  it('a line valid until 9999 and one of 2026: both codes counted, 41 buckets of 72800d, exit 0', async () => {
    // 36400d: floor(2,932,896 / 36,400) + 1 = 81 buckets; 72800d: floor(2,932,896 / 72,800) + 1 = 41.
    const file = path.join(dir, 'until.log');
    writeFileSync(file, '2026-03-01T00:00:00Z storage_error on put\nvalid until 9999-12-31T23:59:59Z web_hook_moved\n');
    const out = path.join(dir, 'until-out');
    const run = await runBin(['scan', file, '--out', out]);
    const r = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as Report;
    // The year 9999 is later than the file was written: a time misread, and the report says so.
    const later = `mxscan: ${r.files[0]!.path}: some times are later than the file was last changed: a date read month first may be day first (give --date-order dmy), a syslog time may have the wrong year (give --year, or --year YYYY-MM for a log across a year's turn)\n`;
    // storage_error's one bucket of 72800d starts at the epoch (2026 is in the first 72,800 days)
    expect([run.status, run.stderr]).toEqual([0, `${later}mxscan: 1 ERROR code needs action: storage_error (1) began 2026-03-01 00:00:00Z and peaked in the 72800d from 1970-01-01 00:00:00Z (1); no account named (2 records in 1 file) — wrote ${out}/report.md, ${out}/report.json and ${out}/report.html\n`]);
    expect(r.files[0]!.timesAfterModified).toBe(true);
    expect(r.timeline.bucket).toBe('72800d');
    const empty = { ERROR: 0, WARN: 0, INFO: 0 };
    expect(r.timeline.buckets).toEqual(
      Array.from({ length: 41 }, (_, j) => ({ start: iso(72_800 * j), ...empty, ...(j === 0 ? { ERROR: 1 } : j === 40 ? { INFO: 1 } : {}) })),
    );
    expect(r.codes.map((c) => [c.code, c.count, c.peak])).toEqual([
      ['storage_error', 1, { start: iso(0), count: 1 }],
      ['web_hook_moved', 1, { start: iso(2_912_000), count: 1 }],
    ]);
    const md = readFileSync(path.join(out, 'report.md'), 'utf8');
    expect(md).toContain(`Occurrences per 72800d`);
    expect(md).toContain('`█' + '·'.repeat(40) + '`');
  });

  it('the earliest and the latest time a line can hold: 11 buckets of 364000d', async () => {
    // 0000-01-01T00:00+14:00 is day -719,528.5833, 9999-12-31T23:59:59-14:00 day 2,932,897.5833 (the widest
    // offsets read). At 72800d floor(-9.88) = -10 to floor(40.29) = 40: 51 buckets; at 364000d -2 to 8: 11,
    // from day -728,000.
    const file = path.join(dir, 'ends.log');
    writeFileSync(file, '0000-01-01T00:00:00+14:00 storage_error\n9999-12-31T23:59:59-14:00 web_hook_moved\n');
    const run = await runBin(['scan', file, '--format', 'json']);
    expect(run.status).toBe(0);
    const r = JSON.parse(run.stdout) as Report;
    expect(r.timeRange).toEqual({ start: '-000001-12-31T10:00:00.000Z', end: '+010000-01-01T13:59:59.000Z' });
    expect(r.timeline.bucket).toBe('364000d');
    const buckets = Array.from({ length: 11 }, (_, j) => ({ start: iso(364_000 * (j - 2)), ERROR: j === 0 ? 1 : 0, WARN: 0, INFO: j === 10 ? 1 : 0 }));
    expect(r.timeline.buckets).toEqual(buckets);
  });

  it('epoch seconds holding sequence numbers beside a 2026 time: no times (before 2001), the range 2026 alone', async () => {
    const file = path.join(dir, 'sequence.jsonl');
    const lines = [
      { time: 1, code: 'storage_error' },
      { time: 2, code: 'storage_error' },
      { time: 3, code: 'web_hook_moved' },
      { time: '2026-03-01T00:00:00Z', code: 'web_hook_moved' },
    ];
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const run = await runBin(['scan', file, '--format', 'json']);
    expect(run.status).toBe(0);
    const r = JSON.parse(run.stdout) as Report;
    // Lines 1-3: no time of their own, none before them: untimed. Line 4: 2026-03-01.
    expect(r.files[0]).toMatchObject({ records: 4, untimedRecords: 3 });
    expect(r.timeRange).toMatchObject({ start: '2026-03-01T00:00:00.000Z', end: '2026-03-01T00:00:00.000Z' });
    expect(r.codes.map((c) => [c.code, c.count, c.firstSeen, c.lastSeen])).toEqual([
      ['storage_error', 2, null, null],
      ['web_hook_moved', 2, '2026-03-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z'],
    ]);
  });

  it('a code seen in 2,600 distinct weeks, in one file and in two files on two workers', async () => {
    const one = path.join(dir, 'weekly.log');
    writeFileSync(one, weekly(0, WEEKS));
    const whole = await runBin(['scan', one, '--format', 'json', '--jobs', '1']);
    expect(whole.status).toBe(0);
    expectWeeklyReport(JSON.parse(whole.stdout) as Report);
    writeFileSync(path.join(dir, 'w1.log'), weekly(0, 1300));
    writeFileSync(path.join(dir, 'w2.log'), weekly(1300, WEEKS));
    const split = await runBin(['scan', path.join(dir, 'w1.log'), path.join(dir, 'w2.log'), '--format', 'json', '--jobs', '2']);
    expect(split.status).toBe(0);
    expectWeeklyReport(JSON.parse(split.stdout) as Report);
  });
});

describe('a code seen in more than MAX_BUCKETS weeks, merged from parts', () => {
  const m = defaultMatcher();
  const bytes = Buffer.from(weekly(0, WEEKS));

  /** One byte range of the log scanned as a worker does, sent back through JSON. */
  function part(start: number, end: number): RangeTally {
    const t = newTally();
    const stat = newFileStat('a.log');
    t.files.set('a.log', stat);
    const scanner = new TextFastScan(t, stat, m, start > 0);
    scanner.push(bytes.subarray(start, end));
    scanner.end();
    const back = tallyFromJson(JSON.parse(JSON.stringify(tallyToJson(t))), 'test');
    return { tally: back, records: stat.records, lastTime: stat.lastTime };
  }

  it('ranges of one file joined, and whole tallies merged in either order', () => {
    // Cuts after 700 and 2,100 lines (every line is 42 bytes: a 20-byte time, ` storage_error on put`, `\n`).
    const line = 42;
    expect(bytes.length).toBe(WEEKS * line);
    const ranges = [part(0, 700 * line), part(700 * line, 2100 * line), part(2100 * line, bytes.length)];
    const joined = joinRanges('a.log', ranges);
    expectWeeklyCode(joined.codes.get('storage_error')!.buckets);
    expectWeeklyReport(report(joined, m));
    const halves = [part(0, 1300 * line).tally, part(1300 * line, bytes.length).tally];
    for (const [a, b] of [[0, 1], [1, 0]] as const) {
      const t: Tally = mergeTally(mergeTally(newTally(), halves[a]!), halves[b]!);
      expectWeeklyCode(t.codes.get('storage_error')!.buckets);
    }
  });
});

describe('the sparkline', () => {
  it('draws a series longer than the stack allows to spread', () => {
    const long = Array<number>(300_000).fill(0);
    long[0] = 8;
    long[299_999] = 1;
    const s = sparkline(long);
    expect([s.length, s[0], s[1], s[299_999]]).toEqual([300_000, '█', '·', '▂']);
  });
});
