/**
 * Passing over accounts a full map would leave out, without making their strings: the kernel's rank of an
 * id's account is the summary's rank, and mayKeep is false exactly when addAccount would drop the account.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acquireKernel, releaseKernel } from '../src/fast/kernel-pool.js';
import { addAccount, MAX_ACCOUNTS, mayKeep, newAccounts, rank } from '../src/summary/accounts.js';

describe('the kernel ranks an account as the summary does', () => {
  it('for ASCII accounts, and leaves the others to the string', () => {
    const k = acquireKernel();
    try {
      k.accountsReset();
      fc.assert(
        fc.property(fc.string({ minLength: 1, maxLength: 60 }), (s) => {
          const name = s.toLowerCase();
          const id = k.accountIdOf(name);
          if (id < 0) return;
          const ascii = [...Buffer.from(k.accountName(id))].every((b) => b < 0x80);
          expect(k.accountRank(id)).toBe(ascii ? rank(k.accountName(id)) : -1);
        }),
        { numRuns: 2000, seed: 5 },
      );
      // By hand: FNV-1a of "a" is 0xe40c292c.
      expect(k.accountRank(k.accountIdOf('a'))).toBe(0xe40c292c);
      expect(k.accountRank(k.accountIdOf('josé@x.io'))).toBe(-1);
      // A byte above 0x7f past the first 16 bytes, at the very end, and in the first one (the check is 16 bytes a round).
      expect(k.accountRank(k.accountIdOf('abcdefghijklmnopqrstuvwxyz@exampl.é'))).toBe(-1);
      expect(k.accountRank(k.accountIdOf('abcdefghijklmnopq@example.comé'))).toBe(-1);
      expect(k.accountRank(k.accountIdOf('é' + 'a'.repeat(40)))).toBe(-1);
    } finally {
      releaseKernel(k);
    }
  });
});

describe('mayKeep', () => {
  it('is true while the map has room, then false exactly for the ranks addAccount would drop', () => {
    const stat = newAccounts();
    const names = Array.from({ length: MAX_ACCOUNTS + 500 }, (_, i) => `u${i}@x.com`);
    for (const name of names.slice(0, MAX_ACCOUNTS)) {
      expect(mayKeep(stat, 0xffffffff)).toBe(true);
      addAccount(stat, name);
    }
    for (const name of names.slice(MAX_ACCOUNTS)) {
      const r = rank(name);
      const keep = mayKeep(stat, r);
      addAccount(stat, name);
      // Passed over: the account is not kept. Kept: mayKeep said it might be.
      if (!keep) expect(stat.counts.has(name)).toBe(false);
      if (stat.counts.has(name)) expect(keep).toBe(true);
    }
    expect(stat.bounded).toBe(true);
    // The worst kept rank is the bound: an account ranked there may be kept (by name), one above never.
    const worst = Math.max(...[...stat.counts.keys()].map(rank));
    expect(mayKeep(stat, worst)).toBe(true);
    expect(mayKeep(stat, worst + 1)).toBe(false);
  });
});
