/**
 * The plain-text line loop finds each line's `\n` and first `_` from the bits of a 64-byte block made once and
 * kept across the lines in it (src/wasm/words.ts nextLineEnd): lines ending at a block's edges, a block shared
 * by lines with and without a `_`, a line over many blocks, bytes past the end of a call, a call after another.
 * Every position below is worked out by hand; `code=quota_exceeded_hard` (24 bytes) is an unknown-code value.
 */
import { describe, expect, it } from 'vitest';
import { heldKernels } from './support/held-kernels.js';

const kernels = heldKernels();
const U = 'code=quota_exceeded_hard';

/** The lines scanText reports in [s, e) of text, as [start, end, index, codes, unknown values], and what it returns. */
function scan(text: string, s = 0, e = text.length, before?: [number, number]) {
  const k = kernels.holding(Buffer.from(text, 'latin1'), ['storage_error']);
  if (before) k.scanText(before[0], before[1], 1, () => undefined);
  const found: number[][] = [];
  const r = k.scanText(s, e, 1, (ls, le, index, _w, nCodes, nUnknown) => void found.push([ls, le, index, nCodes, nUnknown]));
  return { found, ...r };
}

describe('line ends and first `_` from a kept 64-byte block', () => {
  it('a line ending on the block\'s last byte (63), the next line in a new block', () => {
    const t = 'x'.repeat(38) + ' ' + U + '\n' + U + '\n';
    expect(scan(t)).toEqual({ found: [[0, 63, 0, 0, 1], [64, 88, 1, 0, 1]], lines: 2, next: 89 });
  });

  it('a line ending on the next block\'s first byte (64)', () => {
    const t = 'x'.repeat(39) + ' ' + U + '\n' + U + '\n';
    expect(scan(t)).toEqual({ found: [[0, 64, 0, 0, 1], [65, 89, 1, 0, 1]], lines: 2, next: 90 });
  });

  it('lines with and without a `_` in one block: a `_` counts for its own line only', () => {
    // plain 0-4 \n5, U 6-29 \n30, "no code here" 31-42 \n43, U 44-67 (its `_` at 54, in the first block) \n68.
    const t = 'plain\n' + U + '\n' + 'no code here\n' + U + '\n';
    expect(scan(t)).toEqual({ found: [[6, 30, 1, 0, 1], [44, 68, 3, 0, 1]], lines: 4, next: 69 });
  });

  it('a line over many blocks, its `_` seven blocks from its start', () => {
    // 400 bytes, U 400-423, a blank, 300 bytes: \n at 725; then U 726-749, \n at 750.
    const t = 'a b '.repeat(100) + U + ' ' + 'c'.repeat(300) + '\n' + U + '\n';
    expect(scan(t)).toEqual({ found: [[0, 725, 0, 0, 1], [726, 750, 1, 0, 1]], lines: 2, next: 751 });
  });

  it('a call ending mid-block: the `_` and `\\n` past its end do not count', () => {
    // U 0-23 \n24, "plain one" 25-33, the end at 34 (a `_` there, a `\n` at 36).
    const t = U + '\n' + 'plain one_x\nmore_y\n';
    expect(scan(t, 0, 34)).toEqual({ found: [[0, 24, 0, 0, 1]], lines: 2, next: 35 });
  });

  it('a call starting where the one before ended mid-block makes its own block', () => {
    // As the block test above; the call before ends at 31, inside the block the next call starts in.
    const t = 'plain\n' + U + '\n' + 'no code here\n' + U + '\n';
    expect(scan(t, 31, t.length, [0, 31])).toEqual({ found: [[44, 68, 1, 0, 1]], lines: 2, next: 69 });
  });
});
