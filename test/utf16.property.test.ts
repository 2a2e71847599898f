/**
 * src/input/utf16.ts transcodes UTF-16 through Node's transcoder, a piece of whole characters at a time; the
 * oracle here is what a streaming TextDecoder and a UTF-8 encoding of its strings give (the WHATWG reading:
 * U+FFFD for a lone surrogate and a dangling byte, a leading U+FEFF dropped). Texts of ASCII, letters past
 * it, pairs, lone halves of pairs, U+FEFF, U+FFFE/U+FFFF and NUL, cut into chunks anywhere, both byte orders.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf16ToUtf8, type Utf16 } from '../src/input/utf16.js';

async function oracle(chunks: readonly Buffer[], encoding: Utf16): Promise<Buffer> {
  const decoder = new TextDecoder(encoding);
  const out: Buffer[] = [];
  for (const c of chunks) out.push(Buffer.from(decoder.decode(c, { stream: true }), 'utf8'));
  out.push(Buffer.from(decoder.decode(), 'utf8'));
  return Buffer.concat(out);
}

async function transcoded(chunks: readonly Buffer[], encoding: Utf16): Promise<Buffer[]> {
  async function* source(): AsyncGenerator<Buffer> {
    for (const c of chunks) yield c;
  }
  const out: Buffer[] = [];
  for await (const b of utf16ToUtf8(source(), encoding)) out.push(b);
  return out;
}

const UNITS = [0x41, 0x5f, 0x0a, 0x0d, 0x00, 0xe9, 0x20ac, 0xfeff, 0xfffe, 0xffff, 0xd83d, 0xde00, 0xdbff, 0xdc00, 0x7f, 0x80, 0x7ff, 0x800];
const unit = fc.oneof(fc.constantFrom(...UNITS), fc.integer({ min: 0, max: 0xffff }));

/** The units' bytes in the byte order, a dangling byte after them or not. */
function bytesOf(units: readonly number[], encoding: Utf16, odd: number | undefined): Buffer {
  const b = Buffer.alloc(units.length * 2 + (odd === undefined ? 0 : 1));
  units.forEach((u, i) => (encoding === 'utf-16le' ? b.writeUInt16LE(u, i * 2) : b.writeUInt16BE(u, i * 2)));
  if (odd !== undefined) b[b.length - 1] = odd;
  return b;
}

/** The bytes cut at the given offsets (sorted, within it). */
function cut(b: Buffer, at: readonly number[]): Buffer[] {
  const points = [...new Set(at.map((a) => a % (b.length + 1)))].sort((x, y) => x - y);
  const out: Buffer[] = [];
  let from = 0;
  for (const p of [...points, b.length]) {
    out.push(b.subarray(from, p));
    from = p;
  }
  return out;
}

describe('utf16ToUtf8 against a streaming TextDecoder', () => {
  it('gives the same bytes for any text cut anywhere, in either byte order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(unit, { maxLength: 60 }),
        fc.constantFrom<Utf16>('utf-16le', 'utf-16be'),
        fc.option(fc.integer({ min: 0, max: 255 }), { nil: undefined }),
        fc.array(fc.nat(), { maxLength: 8 }),
        async (units, encoding, odd, at) => {
          const chunks = cut(bytesOf(units, encoding, odd), at);
          const out = await transcoded(chunks, encoding);
          expect(Buffer.concat(out).equals(await oracle(chunks, encoding))).toBe(true);
          for (const c of out) expect(c.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 2000, seed: 1612 },
    );
  });

  it('drops U+FEFF where it starts the text only, however the chunks fall', async () => {
    // Written by hand: FEFF, "a", FEFF, "b" -> "a", FEFF, "b".
    const le = bytesOf([0xfeff, 0x61, 0xfeff, 0x62], 'utf-16le', undefined);
    for (let k = 0; k <= le.length; k++) {
      const out = Buffer.concat(await transcoded([le.subarray(0, k), le.subarray(k)], 'utf-16le'));
      expect(out.toString('hex')).toBe('61efbbbf62');
    }
  });

  it('reads a lone surrogate as U+FFFD beside valid text, in one piece or cut', async () => {
    // "x", a lone first half, "y", a lone second half, a pair (U+1F600): x FFFD y FFFD 😀.
    const be = bytesOf([0x78, 0xd83d, 0x79, 0xde00, 0xd83d, 0xde00], 'utf-16be', undefined);
    for (let k = 0; k <= be.length; k++) {
      const out = Buffer.concat(await transcoded([be.subarray(0, k), be.subarray(k)], 'utf-16be'));
      expect(out.toString('utf8')).toBe('x\ufffdy\ufffd😀');
    }
  });
});
