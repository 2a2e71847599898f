/**
 * The kernel finds a `_` word's ends from the bits of 32 bytes at once, so it reads past a buffer's end into
 * whatever the kernel's memory held before: a word ends where the buffer does, whatever follows it there.
 */
import { describe, expect, it } from 'vitest';
import { defaultMatcher, fastTally } from './support/engines.js';

describe('a code at the very end of the bytes scanned', () => {
  it('is counted when the memory after it held word bytes from the file before', () => {
    const m = defaultMatcher();
    // The first file fills the kernel's memory with letters; the second is shorter and ends on a code.
    fastTally([Buffer.from('a'.repeat(200) + '\n')], m, 'first.log');
    for (const text of ['storage_error', 'x storage_error', `${'y'.repeat(30)} storage_error`, `${'z '.repeat(40)}smime_error`]) {
      const t = fastTally([Buffer.from(text)], m, 'second.log');
      const code = text.endsWith('smime_error') ? 'smime_error' : 'storage_error';
      expect(t.codes.get(code)?.count, text).toBe(1);
      fastTally([Buffer.from('a'.repeat(200) + '\n')], m, 'again.log');
    }
  });
});

describe('bytes that end where the memory would end', () => {
  it('are read up to their end: the kernel loads 32 bytes at a time into the slack the memory keeps past them', async () => {
    const { acquireKernel, releaseKernel } = await import('../src/fast/kernel-pool.js');
    const k = acquireKernel();
    try {
      // As many bytes as reach the memory's present end: without its slack, a 32-byte load at the last
      // address would fall off the memory.
      const n = k.room(1).buffer.byteLength - k.offset;
      const buf = k.room(n);
      buf.fill(0x20);
      buf.write('alice@example.de', n - 16, 'latin1');
      const found: string[] = [];
      k.emails(0, n, { email: (s: number, e: number) => found.push(buf.toString('latin1', s, e)) });
      expect(found).toEqual(['alice@example.de']);
    } finally {
      releaseKernel(k);
    }
  });
});
