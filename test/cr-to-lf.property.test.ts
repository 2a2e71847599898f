/**
 * src/input/bytes.ts crToLf finds the `\r`s with indexOf and moves bytes back only after a `\r\n` pair; the
 * oracle here reads a byte at a time: every `\r` a `\n`, the `\n` right after a `\r` (in the same chunk or
 * the next) dropped. Texts of `\r`, `\n`, letters (runs of up to 5,000) and empty chunks, cut anywhere.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crToLf } from '../src/input/bytes.js';

function oracle(chunks: readonly Buffer[]): Buffer {
  let afterCr = false;
  const out: number[] = [];
  for (const chunk of chunks) {
    for (const c of chunk) {
      if (c === 0x0a && afterCr) {
        afterCr = false;
        continue;
      }
      afterCr = c === 0x0d;
      out.push(afterCr ? 0x0a : c);
    }
  }
  return Buffer.from(out);
}

describe('crToLf against a byte-at-a-time reading', () => {
  it('gives the same text and no empty chunk, however the chunks fall', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(fc.oneof(fc.constantFrom([0x0d], [0x0a], [0x61], [0x62], [0x0d, 0x0a]), fc.integer({ min: 20, max: 5000 }).map((k) => Array<number>(k).fill(0x61))), { maxLength: 12 }), { maxLength: 8 }), async (pieces) => {
        // Short lines and long ones (a byte at a time, and a call per line), blank ones, pairs, in chunks.
        const parts = pieces.map((p) => p.flat());
        const chunks = parts.map((p) => Buffer.from(p));
        async function* source(): AsyncGenerator<Buffer> {
          for (const c of chunks) yield c;
        }
        const out: Buffer[] = [];
        for await (const b of crToLf(source())) out.push(b);
        expect(Buffer.concat(out).equals(oracle(chunks))).toBe(true);
        for (const c of out) expect(c.length).toBeGreaterThan(0);
        // The source's bytes are not changed.
        expect(chunks.map((c) => [...c])).toEqual(parts);
      }),
      { numRuns: 600, seed: 1613 },
    );
  });
});
