/**
 * src/input/bytes.ts crToLf finds the `\r`s with indexOf and moves bytes back only after a `\r\n` pair; the
 * oracle here reads a byte at a time: every `\r` a `\n`, the `\n` right after a `\r` (in the same chunk or
 * the next) dropped. Texts of `\r`, `\n`, letters and empty chunks, cut anywhere.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crToLf } from '../src/input/bytes.js';

function oracle(chunks: readonly Buffer[]): string {
  let afterCr = false;
  let out = '';
  for (const chunk of chunks) {
    for (const c of chunk) {
      if (c === 0x0a && afterCr) {
        afterCr = false;
        continue;
      }
      afterCr = c === 0x0d;
      out += String.fromCharCode(afterCr ? 0x0a : c);
    }
  }
  return out;
}

describe('crToLf against a byte-at-a-time reading', () => {
  it('gives the same text and no empty chunk, however the chunks fall', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(fc.constantFrom(0x0d, 0x0a, 0x61, 0x62), { maxLength: 12 }), { maxLength: 8 }), async (parts) => {
        const chunks = parts.map((p) => Buffer.from(p));
        async function* source(): AsyncGenerator<Buffer> {
          for (const c of chunks) yield c;
        }
        const out: Buffer[] = [];
        for await (const b of crToLf(source())) out.push(b);
        expect(Buffer.concat(out).toString('latin1')).toBe(oracle(chunks));
        for (const c of out) expect(c.length).toBeGreaterThan(0);
        // The source's bytes are not changed.
        expect(chunks.map((c) => [...c])).toEqual(parts);
      }),
      { numRuns: 3000, seed: 1613 },
    );
  });
});
