import { afterEach } from 'vitest';
import type { Kernel } from '../../src/fast/kernels.js';
import { acquireKernel, releaseKernel } from '../../src/fast/kernel-pool.js';
import { newSeen, seenCount } from '../../src/summary/accounts-seen.js';

/** Kernels a test file takes from the pool: each holds the bytes it was given and goes back after its test. */
export interface HeldKernels {
  /** A kernel for `codes` whose memory holds `bytes` from 0. */
  holding(bytes: Buffer, codes: readonly string[]): Kernel;
  /** Gives a kernel back now, not after the test (a property test takes one a run). */
  release(k: Kernel): void;
}

/** Registers the after-each hook that gives a test file's kernels back: call once, at the file's top level. */
export function heldKernels(): HeldKernels {
  const held: Kernel[] = [];
  afterEach(() => {
    for (const k of held.splice(0)) releaseKernel(k);
  });
  return {
    holding(bytes, codes) {
      const k = acquireKernel(codes);
      held.push(k);
      // The built-in code and time fields, as a scanner sets them: a pooled kernel keeps those the scan
      // before it watched (--code-field), and which test ran before is vitest's choice.
      k.watchFields(undefined, undefined);
      k.watchNested(false);
      k.room(bytes.length).set(bytes);
      return k;
    },
    release(k) {
      const i = held.indexOf(k);
      if (i >= 0) held.splice(i, 1);
      releaseKernel(k);
    },
  };
}

/** The distinct accounts a kernel has seen since its last takeSeen. */
export function seenOf(k: Kernel): number {
  const seen = newSeen();
  k.takeSeen(seen);
  return seenCount(seen).count;
}
