import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acquireKernel, releaseKernel } from '../src/fast/kernel-pool.js';
import { ACCOUNT_IDS } from '../src/fast/kernel-layout.js';

/** What the kernel calls the same account: equal after lower-casing A-Z only (as src/extract/accounts.ts). */
const asciiLower = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

// Letters near the edges of A-Z, digits, punctuation and multi-byte characters whose UTF-8 bytes sit
// where a word-at-a-time lower-casing could go wrong (0xC0-0xDA, 0x80-0x9A).
const char = fc.constantFrom(...'@AZaz[`{@.-_09Mm'.split(''), 'À', 'Ú', 'é', 'K', '\u212a', '€', '𝄞');
const account = fc.array(char, { maxLength: 40 }).map((a) => a.join(''));

describe('account ids in the kernel', () => {
  it('give two accounts one id exactly when they are equal but for the case of A-Z', () => {
    const k = acquireKernel();
    try {
      fc.assert(
        fc.property(fc.array(account, { minLength: 1, maxLength: 30 }), (names) => {
          k.accountsReset();
          const byName = new Map<string, number>();
          for (const name of names) {
            const id = k.accountIdOf(name);
            const key = asciiLower(name);
            const known = byName.get(key);
            if (known === undefined) {
              expect([...byName.values()]).not.toContain(id);
              byName.set(key, id);
            } else expect(id).toBe(known);
            expect(k.accountName(id)).toBe(key);
          }
          expect(k.accountCount()).toBe(byName.size);
        }),
        { numRuns: 2000, seed: 11 },
      );
    } finally {
      releaseKernel(k);
    }
  });

  it('tell apart accounts that differ in one byte at every position, whatever their length', () => {
    const k = acquireKernel();
    try {
      k.accountsReset();
      const seen = new Set<number>();
      for (let n = 1; n <= 40; n++) {
        const base = 'a'.repeat(n);
        for (let i = 0; i < n; i++) seen.add(k.accountIdOf(base.slice(0, i) + 'b' + base.slice(i + 1)));
        seen.add(k.accountIdOf(base));
        seen.add(k.accountIdOf(base + '\0'));
      }
      expect(seen.size).toBe((40 * 41) / 2 + 80);
    } finally {
      releaseKernel(k);
    }
  });

  it('start over after accountsReset, however lately an account was looked up', () => {
    const k = acquireKernel();
    try {
      k.accountsReset();
      expect([k.accountIdOf('a@x.io'), k.accountIdOf('b@x.io'), k.accountIdOf('a@x.io')]).toEqual([0, 1, 0]);
      k.accountsReset();
      // a@x.io was id 0 a moment ago, in the ids before the reset.
      expect([k.accountIdOf('b@x.io'), k.accountIdOf('a@x.io'), k.accountIdOf('b@x.io')]).toEqual([0, 1, 0]);
      expect(k.accountCount()).toBe(2);
    } finally {
      releaseKernel(k);
    }
  });

  it('keep their ids among thousands of accounts, looked up again in any order', () => {
    const n = 6000;
    expect(n).toBeLessThan(ACCOUNT_IDS / 2);
    const k = acquireKernel();
    try {
      k.accountsReset();
      for (let i = 0; i < n; i++) expect(k.accountIdOf(`u${i}@x.io`)).toBe(i);
      // Again, backwards and then every seventh: each is the id it got first.
      for (let i = n - 1; i >= 0; i--) expect(k.accountIdOf(`u${i}@x.io`)).toBe(i);
      for (let i = 0; i < n; i += 7) expect(k.accountIdOf(`u${i}@x.io`)).toBe(i);
      expect(k.accountCount()).toBe(n);
    } finally {
      releaseKernel(k);
    }
  });
});
