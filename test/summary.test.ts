import { describe, expect, it } from 'vitest';
import { progressBar } from '../src/commands/progress.js';
import { MAX_ACCOUNTS, addAccount, mergeAccounts, newAccounts, topAccounts } from '../src/summary/accounts.js';
import { MAX_BUCKETS, addTime, coarsen, mergeBuckets, newBuckets, WIDTHS } from '../src/summary/buckets.js';
import { addSample, compareWhere, keepsSample, mergeSamples, type Sample } from '../src/summary/samples.js';
import { atWidth, buildTimeline, chooseWidth } from '../src/summary/timeline.js';

describe('bounded accounts', () => {
  const accounts = Array.from({ length: 12_000 }, (_, i) => `user${i}@example.com`);

  it('keep the same accounts with exact counts whatever the order and however the work was split', () => {
    const whole = newAccounts();
    for (const a of accounts) addAccount(whole, a, a.endsWith('7@example.com') ? 3 : 1);
    const reversed = newAccounts();
    for (const a of [...accounts].reverse()) addAccount(reversed, a, a.endsWith('7@example.com') ? 3 : 1);
    const parts = [newAccounts(), newAccounts(), newAccounts()];
    accounts.forEach((a, i) => addAccount(parts[i % 3]!, a, a.endsWith('7@example.com') ? 3 : 1));
    const merged = newAccounts();
    for (const p of [parts[2]!, parts[0]!, parts[1]!]) mergeAccounts(merged, p);

    for (const s of [whole, reversed, merged]) {
      expect(s.bounded).toBe(true);
      expect(s.counts.size).toBe(MAX_ACCOUNTS);
    }
    const sorted = (m: Map<string, number>) => [...m].sort((a, b) => (a[0] < b[0] ? -1 : 1));
    expect(sorted(reversed.counts)).toEqual(sorted(whole.counts));
    expect(sorted(merged.counts)).toEqual(sorted(whole.counts));
    expect(topAccounts(merged)).toEqual(topAccounts(whole));
    expect(topAccounts(whole)[0]!.count).toBe(3);
  });

  it('are exact below the bound', () => {
    const s = newAccounts();
    for (const a of ['a@x.io', 'b@x.io', 'a@x.io', 'c@x.io', 'a@x.io', 'b@x.io']) addAccount(s, a);
    expect(s.bounded).toBe(false);
    expect(topAccounts(s)).toEqual([
      { account: 'a@x.io', count: 3 },
      { account: 'b@x.io', count: 2 },
      { account: 'c@x.io', count: 1 },
    ]);
  });

  it('top five: the highest counts, a tie by name, whatever order the accounts came in', () => {
    const s = newAccounts();
    // Counts: e 1, d 2, c 2, b 4, a 2, f 4, g 3, h 1 (added lowest first, ties out of name order).
    for (const [a, n] of [['h', 1], ['e', 1], ['d', 2], ['c', 2], ['a', 2], ['g', 3], ['f', 4], ['b', 4]] as const) addAccount(s, `${a}@x.io`, n);
    expect(topAccounts(s)).toEqual([
      { account: 'b@x.io', count: 4 },
      { account: 'f@x.io', count: 4 },
      { account: 'g@x.io', count: 3 },
      { account: 'a@x.io', count: 2 },
      { account: 'c@x.io', count: 2 },
    ]);
    expect(topAccounts(s, 1)).toEqual([{ account: 'b@x.io', count: 4 }]);
    expect(topAccounts(s, 0)).toEqual([]);
  });

  it('top five: by count, then by name, whatever the order they were met in', () => {
    // counts: e 4, b 3, f 3, a 2, g 2, c 2, d 1, h 1: a, c and g tie at 2: the fourth and fifth places go to a and c.
    for (const order of [['d', 'a', 'b', 'c', 'e', 'f', 'g', 'h'], ['h', 'g', 'f', 'e', 'd', 'c', 'b', 'a']]) {
      const s = newAccounts();
      const n: Record<string, number> = { a: 2, b: 3, c: 2, d: 1, e: 4, f: 3, g: 2, h: 1 };
      for (const k of order) addAccount(s, `${k}@x.io`, n[k]);
      expect(topAccounts(s).map((x) => `${x.account.slice(0, 1)}${x.count}`)).toEqual(['e4', 'b3', 'f3', 'a2', 'c2']);
      expect(topAccounts(s, 2).map((x) => x.account)).toEqual(['e@x.io', 'b@x.io']);
      expect(topAccounts(s, 0)).toEqual([]);
    }
  });
});

describe('time buckets', () => {
  it('coarsen exactly, and merge to what one series of the union gives', () => {
    const times = Array.from({ length: 5000 }, (_, i) => Date.UTC(2026, 2, 18) + i * 97_000);
    const whole = newBuckets();
    for (const t of times) addTime(whole, t);
    const a = newBuckets();
    const b = newBuckets();
    times.forEach((t, i) => addTime(i % 2 === 0 ? a : b, t));
    mergeBuckets(a, b);
    expect(a.width).toBe(whole.width);
    expect([...a.counts].sort((x, y) => x[0] - y[0])).toEqual([...whole.counts].sort((x, y) => x[0] - y[0]));
    expect(whole.counts.size).toBeLessThanOrEqual(MAX_BUCKETS);
    expect([...whole.counts.values()].reduce((n, c) => n + c, 0)).toBe(5000);
    expect(WIDTHS[whole.width]![0]).toBe('5m');
  });

  it('choose the narrowest width with at most 48 buckets', () => {
    const t0 = Date.UTC(2026, 2, 18, 10, 0);
    expect(WIDTHS[chooseWidth(t0, t0 + 47 * 60_000)]![0]).toBe('1m');
    expect(WIDTHS[chooseWidth(t0, t0 + 48 * 60_000)]![0]).toBe('5m');
    expect(WIDTHS[chooseWidth(t0, t0 + 3 * 3_600_000)]![0]).toBe('5m');
    expect(WIDTHS[chooseWidth(t0, t0 + 11 * 3_600_000)]![0]).toBe('15m');
    expect(WIDTHS[chooseWidth(t0, t0 + 40 * 3_600_000)]![0]).toBe('1h');
    expect(WIDTHS[chooseWidth(t0, t0 + 10 * 86_400_000)]![0]).toBe('6h');
    expect(WIDTHS[chooseWidth(t0, t0 + 40 * 86_400_000)]![0]).toBe('1d');
    // Day 20,530 (+10h) to day 20,930: 59 weeks (2,932 … 2,990), 15 spans of 28 days (733 … 747).
    expect(WIDTHS[chooseWidth(t0, t0 + 400 * 86_400_000)]![0]).toBe('28d');
  });
});

describe('the progress bar', () => {
  const io = (tty: boolean, env: Record<string, string> = {}) => {
    const out: string[] = [];
    return { out, io: { stdout: () => {}, stderr: (s: string) => out.push(s), env, stderrIsTTY: tty } };
  };

  it('draws on a terminal once a scan has run for a second, and erases itself', () => {
    const { out, io: x } = io(true);
    let now = 0;
    const bar = progressBar(x, true, () => now)!;
    bar.start(1_000_000_000);
    now = 500;
    bar.advance(100_000_000);
    expect(out).toEqual([]);
    now = 1500;
    bar.advance(400_000_000);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^\r.* 50% 500\.0 MB \/ 1\.00 GB .*ETA 2s/);
    bar.done();
    expect(out[1]).toBe('\r\x1b[K');
  });

  it('takes a larger total when a file is read again whole, the share and rate going on from what was read', () => {
    const { out, io: x } = io(true);
    let now = 0;
    const bar = progressBar(x, true, () => now)!;
    bar.start(400_000_000);
    now = 1000;
    bar.advance(400_000_000);
    // Its ranges did not join: the file (400 MB) is read again, the plan is 800 MB.
    bar.start(800_000_000);
    now = 2000;
    bar.advance(200_000_000);
    expect(out.at(-1)).toMatch(/^\r.* 75% 600\.0 MB \/ 800\.0 MB 300\.0 MB\/s ETA 1s/);
    bar.done();
  });

  it('on standard input, whose size is unknown, says what was read and how fast, with no share or time left', () => {
    const { out, io: x } = io(true);
    let now = 0;
    const bar = progressBar(x, true, () => now)!;
    bar.start(0);
    now = 2000;
    bar.advance(5_000_000);
    expect(out).toEqual(['\r5.0 MB read, 2.5 MB/s \x1b[K']);
    bar.done();
    expect(out[1]).toBe('\r\x1b[K');
  });

  it('is never drawn when stderr is not a terminal, in CI, or when turned off', () => {
    expect(progressBar(io(false).io, true)).toBeUndefined();
    expect(progressBar(io(true, { CI: 'true' }).io, true)).toBeUndefined();
    expect(progressBar(io(true).io, false)).toBeUndefined();
  });
});

describe('evidence samples', () => {
  const s = (file: string, line: number): Sample => ({ file, line, text: `${file}:${line}` });

  it('orders by file path in code-unit order, then by line', () => {
    expect(compareWhere({ file: 'B.log', line: 9 }, { file: 'a.log', line: 1 })).toBeLessThan(0);
    expect(compareWhere({ file: 'a.log', line: 1 }, { file: 'B.log', line: 9 })).toBeGreaterThan(0);
    expect(compareWhere({ file: 'a.log', line: 2 }, { file: 'a.log', line: 10 })).toBeLessThan(0);
    expect(compareWhere({ file: 'a.log', line: 10 }, { file: 'a.log', line: 2 })).toBeGreaterThan(0);
    expect(compareWhere({ file: 'a.log', line: 4 }, { file: 'a.log', line: 4 })).toBe(0);
  });

  it('keeps the first three by place, whatever order they come in', () => {
    const list: Sample[] = [];
    for (const x of [s('b.log', 1), s('a.log', 9), s('a.log', 2), s('c.log', 1), s('a.log', 5), s('a.log', 1)]) addSample(list, x);
    expect(list).toEqual([s('a.log', 1), s('a.log', 2), s('a.log', 5)]);
    const inOrder: Sample[] = [];
    for (const x of [s('a.log', 1), s('a.log', 2), s('a.log', 3), s('a.log', 4)]) addSample(inOrder, x);
    expect(inOrder).toEqual([s('a.log', 1), s('a.log', 2), s('a.log', 3)]);
    const two: Sample[] = [];
    for (const x of [s('a.log', 7), s('a.log', 3)]) addSample(two, x);
    expect(two).toEqual([s('a.log', 3), s('a.log', 7)]);
  });

  it('tells, before a sample is made, whether addSample would keep it', () => {
    const full = [s('b.log', 2), s('b.log', 5), s('c.log', 1)];
    // Full: only a place before the third is kept (an earlier file, or an earlier line of the same file).
    expect(keepsSample(full, 'c.log', 1)).toBe(false);
    expect(keepsSample(full, 'c.log', 2)).toBe(false);
    expect(keepsSample(full, 'd.log', 1)).toBe(false);
    expect(keepsSample(full, 'b.log', 9)).toBe(true);
    expect(keepsSample(full, 'a.log', 99)).toBe(true);
    expect(keepsSample(full, 'c.log', 0)).toBe(true);
    expect(keepsSample([s('z.log', 1), s('z.log', 2)], 'z.log', 50)).toBe(true);
    for (const [file, line] of [['c.log', 1], ['b.log', 9], ['d.log', 1], ['a.log', 3]] as const) {
      const list = [...full];
      addSample(list, s(file, line));
      expect(JSON.stringify(list) !== JSON.stringify(full)).toBe(keepsSample(full, file, line));
    }
  });

  it('merges two lists into the first three of both, leaving the second as it was', () => {
    const b = [s('a.log', 2), s('b.log', 1)];
    expect(mergeSamples([s('a.log', 1), s('a.log', 8), s('c.log', 1)], b)).toEqual([s('a.log', 1), s('a.log', 2), s('a.log', 8)]);
    expect(b).toEqual([s('a.log', 2), s('b.log', 1)]);
    expect(mergeSamples([], b)).toEqual(b);
  });
});

describe('time buckets, by hand', () => {
  const T = Date.UTC(2026, 2, 18, 10, 0);
  const sorted = (b: { counts: Map<number, number> }) => [...b.counts].sort((x, y) => x[0] - y[0]);

  it('put a time in the minute that starts at or before it', () => {
    const b = newBuckets();
    addTime(b, T);
    addTime(b, T + 59_999);
    addTime(b, T + 60_000, 3);
    addTime(b, T - 1);
    expect(b.width).toBe(0);
    expect(sorted(b)).toEqual([[T - 60_000, 1], [T, 2], [T + 60_000, 3]]);
  });

  it('keep MAX_BUCKETS minutes at 1m, and go to 5m at one more', () => {
    const b = newBuckets();
    for (let i = 0; i < MAX_BUCKETS; i++) addTime(b, T + i * 60_000);
    expect(b.width).toBe(0);
    expect(b.counts.size).toBe(MAX_BUCKETS);
    addTime(b, T + MAX_BUCKETS * 60_000);
    expect(b.width).toBe(1);
    // 2049 minutes from a 5-minute boundary: 409 full buckets and one of 4
    expect(b.counts.size).toBe(410);
    expect(b.counts.get(T)).toBe(5);
    expect(b.counts.get(T + 2045 * 60_000)).toBe(4);
  });

  it('merge at the coarser width, re-bucketing the narrower side in one pass, and leave b as it was', () => {
    // a at 5m, b at 1m: b's 0:01 and 0:04 go to a's 0:00, its 0:10 to 0:10.
    const a = { width: 1, counts: new Map([[T, 1]]) };
    const b = { width: 0, counts: new Map([[T + 60_000, 2], [T + 240_000, 3], [T + 600_000, 1]]) };
    mergeBuckets(a, b);
    expect(a.width).toBe(1);
    expect(sorted(a)).toEqual([[T, 6], [T + 600_000, 1]]);
    expect(b.width).toBe(0);
    expect(sorted(b)).toEqual([[T + 60_000, 2], [T + 240_000, 3], [T + 600_000, 1]]);
    // a at 1m, b at 1h: a is coarsened to 1h first (1:01 goes to 1:00).
    const c = { width: 0, counts: new Map([[T + 60_000, 1], [T + 3_660_000, 2]]) };
    mergeBuckets(c, { width: 3, counts: new Map([[T, 5]]) });
    expect(c.width).toBe(3);
    expect(sorted(c)).toEqual([[T, 6], [T + 3_600_000, 2]]);
    // A code's buckets at the timeline's width, or at its own when that is wider; the code's own are untouched.
    const d = { width: 0, counts: new Map([[T, 2], [T + 60_000, 3], [T + 300_000, 1], [T + 3_600_000, 4]]) };
    expect([...atWidth(d, 1)].sort((x, y) => x[0] - y[0])).toEqual([[T, 5], [T + 300_000, 1], [T + 3_600_000, 4]]);
    expect([...atWidth(d, 3)].sort((x, y) => x[0] - y[0])).toEqual([[T, 6], [T + 3_600_000, 4]]);
    expect([...atWidth({ width: 3, counts: new Map([[T, 6]]) }, 1)]).toEqual([[T, 6]]);
    expect(d.counts.size).toBe(4);
    // Buckets out of time order: 0:00 gets 2 + 1 + 4 back and forth, in the order the buckets first came.
    const e = { width: 0, counts: new Map([[T + 600_000, 1], [T, 2], [T + 60_000, 1], [T + 660_000, 3], [T + 120_000, 4]]) };
    expect([...atWidth(e, 1)]).toEqual([[T + 600_000, 4], [T, 7]]);
  });

  it('coarsen to a given width in one go, and further while still too many', () => {
    const b = newBuckets();
    for (let i = 0; i < 130; i++) addTime(b, T + i * 60_000);
    coarsen(b, 3);
    expect(b.width).toBe(3);
    expect(sorted(b)).toEqual([[T, 60], [T + 3_600_000, 60], [T + 7_200_000, 10]]);
    coarsen(b, 2);
    expect(b.width).toBe(3);
    // 3000 hours are more than MAX_BUCKETS: 6h buckets (500 of them) are few enough
    const wide = { width: 3, counts: new Map(Array.from({ length: 3000 }, (_, i): [number, number] => [i * 3_600_000, 1])) };
    coarsen(wide, 3);
    expect(wide.width).toBe(4);
    expect(wide.counts.size).toBe(500);
    // 2049 times five minutes apart: as many buckets at 5m as at 1m, so on to 15m (683 of them)
    const sparse = newBuckets();
    for (let i = 0; i <= MAX_BUCKETS; i++) addTime(sparse, T + i * 300_000);
    expect(sparse.width).toBe(2);
    expect(sparse.counts.size).toBe(683);
  });

  it('merge into the coarser of the two widths, leaving the second as it was', () => {
    const fine = newBuckets();
    addTime(fine, T + 60_000);
    addTime(fine, T + 7 * 60_000);
    const coarse = { width: 1, counts: new Map([[T, 2]]) };
    mergeBuckets(coarse, fine);
    expect(coarse.width).toBe(1);
    expect(sorted(coarse)).toEqual([[T, 3], [T + 300_000, 1]]);
    expect(fine).toEqual({ width: 0, counts: new Map([[T + 60_000, 1], [T + 7 * 60_000, 1]]) });

    const a = newBuckets();
    addTime(a, T + 60_000);
    const b = { width: 2, counts: new Map([[T, 4]]) };
    mergeBuckets(a, b);
    expect(a.width).toBe(2);
    expect(sorted(a)).toEqual([[T, 5]]);
    expect(b).toEqual({ width: 2, counts: new Map([[T, 4]]) });
  });

  it('keep a merge of exactly MAX_BUCKETS minutes at 1m', () => {
    const a = newBuckets();
    const b = newBuckets();
    for (let i = 0; i < MAX_BUCKETS; i++) addTime(i % 2 === 0 ? a : b, T + i * 60_000);
    mergeBuckets(a, b);
    expect(a.width).toBe(0);
    expect(a.counts.size).toBe(MAX_BUCKETS);
  });

  it('coarsen a merge that passes MAX_BUCKETS', () => {
    const a = newBuckets();
    const b = newBuckets();
    for (let i = 0; i < MAX_BUCKETS; i++) addTime(i % 2 === 0 ? a : b, T + i * 60_000);
    addTime(b, T + MAX_BUCKETS * 60_000);
    mergeBuckets(a, b);
    expect(a.width).toBe(1);
    expect(a.counts.size).toBe(410);
    expect([...a.counts.values()].reduce((n, c) => n + c, 0)).toBe(MAX_BUCKETS + 1);
  });
});

describe('the timeline', () => {
  const T = Date.UTC(2026, 2, 18, 10, 0);
  const series = (...times: number[]) => {
    const b = newBuckets();
    for (const t of times) addTime(b, t);
    return b;
  };

  it('is empty without a time range, with an empty series and no peak per code', () => {
    expect(buildTimeline([{ level: 'ERROR', buckets: newBuckets() }], null)).toEqual({ timeline: { bucket: null, buckets: [] }, width: null, series: [[]], peaks: [null] });
  });

  it('lists every bucket of the range, empty ones too, with counts per level and a series per code', () => {
    const codes = [
      { level: 'ERROR' as const, buckets: series(T + 30_000, T + 3 * 60_000) },
      { level: 'WARN' as const, buckets: series(T + 3 * 60_000 + 1, T + 3 * 60_000 + 2) },
      { level: 'ERROR' as const, buckets: series(T + 3 * 60_000 + 5) },
    ];
    const { timeline, width, series: s, peaks } = buildTimeline(codes, { start: T + 30_000, end: T + 3 * 60_000 + 5 });
    expect(width).toBe(0);
    // Each code's busiest bucket, the earliest on a tie.
    expect(peaks).toEqual([[T, 1], [T + 3 * 60_000, 2], [T + 3 * 60_000, 1]]);
    expect(timeline.bucket).toBe('1m');
    expect(timeline.buckets).toEqual([
      { start: '2026-03-18T10:00:00.000Z', ERROR: 1, WARN: 0, INFO: 0 },
      { start: '2026-03-18T10:01:00.000Z', ERROR: 0, WARN: 0, INFO: 0 },
      { start: '2026-03-18T10:02:00.000Z', ERROR: 0, WARN: 0, INFO: 0 },
      { start: '2026-03-18T10:03:00.000Z', ERROR: 2, WARN: 2, INFO: 0 },
    ]);
    expect(s).toEqual([[1, 0, 0, 1], [0, 0, 0, 2], [0, 0, 0, 1]]);
    // the codes' own buckets are left as they were
    expect(codes[0]!.buckets.width).toBe(0);
  });

  it('counts a code kept at a finer width in the timeline width, and leaves its buckets as they were', () => {
    const b = series(T, T + 60_000, T + 2 * 3_600_000);
    const { timeline, series: s, peaks } = buildTimeline([{ level: 'INFO', buckets: b }], { start: T, end: T + 50 * 60_000 * 3 });
    expect(timeline.bucket).toBe('5m');
    // T and T + 1m share the first 5m bucket.
    expect(peaks).toEqual([[T, 2]]);
    expect(timeline.buckets).toHaveLength(31);
    expect(timeline.buckets[0]).toEqual({ start: '2026-03-18T10:00:00.000Z', ERROR: 0, WARN: 0, INFO: 2 });
    expect(timeline.buckets[24]).toEqual({ start: '2026-03-18T12:00:00.000Z', ERROR: 0, WARN: 0, INFO: 1 });
    expect(s[0]!.reduce((n, c) => n + c, 0)).toBe(3);
    expect(atWidth(b, 3)).toEqual(new Map([[T, 2], [T + 2 * 3_600_000, 1]]));
    expect(b.width).toBe(0);
    expect(b.counts.size).toBe(3);
  });

  it('names the peak bucket of a code, the earliest on a tie', () => {
    const peak = (b: ReturnType<typeof series>, end: number) => {
      const { width, peaks } = buildTimeline([{ level: 'ERROR', buckets: b }], { start: T, end });
      return { width, peak: peaks[0] };
    };
    // Ten minutes: 1m buckets. 10:01 and 10:05 hold two each: the earlier wins.
    expect(peak(series(T + 5 * 60_000, T + 5 * 60_000, T + 60_000, T + 60_000, T), T + 10 * 60_000)).toEqual({ width: 0, peak: [T + 60_000, 2] });
    expect(peak(series(T + 5 * 60_000, T, T + 5 * 60_000), T + 10 * 60_000)).toEqual({ width: 0, peak: [T + 5 * 60_000, 2] });
    // Two hours: 5m buckets; 10:00 and 10:04 share the first.
    expect(peak(series(T + 5 * 60_000, T, T + 4 * 60_000), T + 120 * 60_000)).toEqual({ width: 1, peak: [T, 2] });
    expect(buildTimeline([{ level: 'ERROR', buckets: newBuckets() }], { start: T, end: T + 60_000 }).peaks).toEqual([null]);
  });

  it('goes wider than 7d when a week gives more than 48 buckets', () => {
    // 1,000 weeks: 1,001 buckets of 7d, 251 of 28d, floor(7,000 / 364) + 1 = 20 of 364d.
    expect(WIDTHS[chooseWidth(0, 1000 * 604_800_000)]![0]).toBe('364d');
    expect(WIDTHS[chooseWidth(0, 47 * 604_800_000)]![0]).toBe('7d');
  });
});
