/**
 * The bounded account map of a code: past MAX_ACCOUNTS distinct accounts it keeps exactly those with the
 * smallest (rank, name) — whatever order they arrive in, with exact counts for them — so that shards merge
 * into what one scan gives. Checked against a model that sorts every account.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ACCOUNTS, addAccount, mergeAccounts, newAccounts, rank, topAccounts, type AccountStat } from '../src/summary/accounts.js';

/** The model: every account's count, then the MAX_ACCOUNTS smallest by (rank, name). */
function model(seq: readonly string[]): Map<string, number> {
  const all = new Map<string, number>();
  for (const a of seq) all.set(a, (all.get(a) ?? 0) + 1);
  const kept = [...all.keys()].sort((x, y) => rank(x) - rank(y) || (x < y ? -1 : x > y ? 1 : 0)).slice(0, MAX_ACCOUNTS);
  return new Map(kept.map((k) => [k, all.get(k)!]));
}

const sorted = (m: Map<string, number>): [string, number][] => [...m].sort((x, y) => (x[0] < y[0] ? -1 : 1));

describe('the bounded account map', () => {
  it('keeps the accounts with the smallest (rank, name) and their exact counts, in any order of arrival', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (extra, repeats, seed) => {
        // MAX_ACCOUNTS + extra distinct accounts, some named more than once, in a shuffled order.
        const names = Array.from({ length: MAX_ACCOUNTS + extra }, (_, i) => `u${i}@x.io`);
        const seq = names.flatMap((n, i) => (i % 7 === 0 ? Array<string>(repeats).fill(n) : [n]));
        let s = seed;
        for (let i = seq.length - 1; i > 0; i--) {
          s = (s * 1103515245 + 12345) & 0x7fffffff;
          const j = s % (i + 1);
          [seq[i], seq[j]] = [seq[j]!, seq[i]!];
        }
        const stat = newAccounts();
        for (const a of seq) addAccount(stat, a);
        expect(stat.bounded).toBe(extra > 0);
        expect(stat.counts.size).toBe(Math.min(MAX_ACCOUNTS, names.length));
        expect(sorted(stat.counts)).toEqual(sorted(model(seq)));
      }),
      { numRuns: 8, seed: 3 },
    );
  });

  it('merges two shards into what one map of both gives', () => {
    const seq = Array.from({ length: MAX_ACCOUNTS + 1500 }, (_, i) => `acct${(i * 7919) % (MAX_ACCOUNTS + 900)}@y.org`);
    const whole = newAccounts();
    for (const a of seq) addAccount(whole, a);
    const shards: AccountStat[] = [newAccounts(), newAccounts()];
    seq.forEach((a, i) => addAccount(shards[i % 2]!, a));
    mergeAccounts(shards[0]!, shards[1]!);
    expect(shards[0]!.bounded).toBe(true);
    expect(sorted(shards[0]!.counts)).toEqual(sorted(whole.counts));
    expect(sorted(whole.counts)).toEqual(sorted(model(seq)));
  });

  it('breaks a tie on rank by name at the bound, whichever of the two comes first', () => {
    // Two accounts of the same rank (found by search), higher than every other account added.
    const [low, high] = ['c1170982@x.io', 'c693448@x.io'];
    expect(rank(low)).toBe(rank(high));
    const others = Array.from({ length: 3 * MAX_ACCOUNTS }, (_, i) => `u${i}@x.io`).filter((a) => rank(a) < rank(low)).slice(0, MAX_ACCOUNTS - 1);
    expect(others).toHaveLength(MAX_ACCOUNTS - 1);
    for (const order of [[high, low], [low, high]]) {
      const stat = newAccounts();
      for (const a of [...others, ...order]) addAccount(stat, a);
      expect(stat.bounded).toBe(true);
      expect(stat.counts.has(low)).toBe(true);
      expect(stat.counts.has(high)).toBe(false);
    }
    // Both kept, then one more of a lower rank: the one of the two with the larger name goes.
    const extra = Array.from({ length: 3 * MAX_ACCOUNTS }, (_, i) => `v${i}@x.io`).find((a) => rank(a) < rank(low))!;
    for (const order of [[high, low], [low, high]]) {
      const stat = newAccounts();
      for (const a of [...others.slice(1), ...order, extra]) addAccount(stat, a);
      expect(stat.counts.has(low)).toBe(true);
      expect(stat.counts.has(high)).toBe(false);
      expect(stat.counts.has(extra)).toBe(true);
    }
  });

  it('stays bounded when merged into an empty map (a code seen in one shard only)', () => {
    const full = newAccounts();
    for (let i = 0; i <= MAX_ACCOUNTS; i++) addAccount(full, `w${i}@x.io`);
    expect(full.bounded).toBe(true);
    const copy = newAccounts();
    mergeAccounts(copy, full);
    expect(copy.bounded).toBe(true);
    expect(copy.counts.size).toBe(MAX_ACCOUNTS);
  });

  it('lists the top accounts by count, then by name', () => {
    const stat = newAccounts();
    for (const [a, n] of [['c@x', 2], ['a@x', 3], ['b@x', 3], ['d@x', 1], ['e@x', 2], ['f@x', 2]] as const) addAccount(stat, a, n);
    expect(topAccounts(stat)).toEqual([
      { account: 'a@x', count: 3 },
      { account: 'b@x', count: 3 },
      { account: 'c@x', count: 2 },
      { account: 'e@x', count: 2 },
      { account: 'f@x', count: 2 },
    ]);
    expect(topAccounts(stat, 2).map((t) => t.account)).toEqual(['a@x', 'b@x']);
    // A tie with the last kept, met after the list is full, still goes in by name.
    const late = newAccounts();
    for (const a of ['b@x', 'c@x', 'a@x']) addAccount(late, a, 3);
    expect(topAccounts(late, 2)).toEqual([{ account: 'a@x', count: 3 }, { account: 'b@x', count: 3 }]);
  });
});
