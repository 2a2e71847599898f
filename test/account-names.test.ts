/** The kernel's accounts decoded all at once (one call per flush) are the ones decoded one id at a time. */
import { describe, expect, it } from 'vitest';
import { acquireKernel, releaseKernel } from '../src/fast/kernel-pool.js';

describe('accountNames', () => {
  it('gives every id its account, in id order, whether all are ASCII or not', () => {
    const k = acquireKernel();
    try {
      k.accountsReset();
      expect(k.accountNames(0)).toEqual([]);
      for (const a of ['ann@x.io', 'a', 'bob.smith+alerts@mail.example.com', 'ann@x.io']) k.accountIdOf(a);
      // The fourth is the first again: three ids.
      expect(k.accountCount()).toBe(3);
      expect(k.accountNames(3)).toEqual(['ann@x.io', 'a', 'bob.smith+alerts@mail.example.com']);
      // One account that is not ASCII: each decoded as UTF-8.
      k.accountIdOf('josé@x.io');
      k.accountIdOf('cy@x.io');
      expect(k.accountNames(5)).toEqual(['ann@x.io', 'a', 'bob.smith+alerts@mail.example.com', 'josé@x.io', 'cy@x.io']);
      // Started over: the ids and their accounts are the new ones only.
      k.accountsReset();
      k.accountIdOf('zed@y.io');
      expect(k.accountNames(k.accountCount())).toEqual(['zed@y.io']);
    } finally {
      releaseKernel(k);
    }
  });
});
