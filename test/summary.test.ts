import { describe, expect, it } from 'vitest';
import { progressBar } from '../src/commands/progress.js';
import { MAX_ACCOUNTS, addAccount, mergeAccounts, newAccounts, topAccounts } from '../src/summary/accounts.js';
import { MAX_BUCKETS, addTime, mergeBuckets, newBuckets, WIDTHS } from '../src/summary/buckets.js';
import { chooseWidth } from '../src/summary/timeline.js';

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
    expect(WIDTHS[chooseWidth(t0, t0 + 400 * 86_400_000)]![0]).toBe('7d');
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

  it('is never drawn when stderr is not a terminal, in CI, or when turned off', () => {
    expect(progressBar(io(false).io, true)).toBeUndefined();
    expect(progressBar(io(true, { CI: 'true' }).io, true)).toBeUndefined();
    expect(progressBar(io(true).io, false)).toBeUndefined();
  });
});
