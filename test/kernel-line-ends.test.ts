/**
 * The plain-text line loop finds each line's `\n` and first `_` 32 bytes a round from the line's start, then
 * only the `\n` (src/wasm/words.ts lineEnd), the last bytes one at a time: lines ending on a round's last and
 * next round's first byte, a round holding one line's `\n` and the next line's `_`, a line over many rounds,
 * bytes past the end of a call, a call that starts where another ended.
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

describe('line ends and first `_`, 32 bytes a round', () => {
  it('a line ending on a round\'s last byte (63)', () => {
    const t = 'x'.repeat(38) + ' ' + U + '\n' + U + '\n';
    expect(scan(t)).toEqual({ found: [[0, 63, 0, 0, 1], [64, 88, 1, 0, 1]], lines: 2, next: 89 });
  });

  it('a line ending on a round\'s first byte (64)', () => {
    const t = 'x'.repeat(39) + ' ' + U + '\n' + U + '\n';
    expect(scan(t)).toEqual({ found: [[0, 64, 0, 0, 1], [65, 89, 1, 0, 1]], lines: 2, next: 90 });
  });

  it('a line with no `_` ending on a round\'s last byte (63) or first byte (64): the next line counts from after it', () => {
    expect(scan('x'.repeat(63) + '\n' + U + '\n')).toEqual({ found: [[64, 88, 1, 0, 1]], lines: 2, next: 89 });
    expect(scan('x'.repeat(64) + '\n' + U + '\n')).toEqual({ found: [[65, 89, 1, 0, 1]], lines: 2, next: 90 });
  });

  it('a round with one line\'s `\\n` and the next line\'s `_`: the `_` counts for its own line only', () => {
    // plain 0-4 \n5, U 6-29 \n30, "no code here" 31-42 \n43, U 44-67 (its `_` at 54) \n68.
    const t = 'plain\n' + U + '\n' + 'no code here\n' + U + '\n';
    expect(scan(t)).toEqual({ found: [[6, 30, 1, 0, 1], [44, 68, 3, 0, 1]], lines: 4, next: 69 });
  });

  it('a line over many rounds, its `_` in its 13th round', () => {
    // 400 bytes, U 400-423, a blank, 300 bytes: \n at 725; then U 726-749, \n at 750.
    const t = 'a b '.repeat(100) + U + ' ' + 'c'.repeat(300) + '\n' + U + '\n';
    expect(scan(t)).toEqual({ found: [[0, 725, 0, 0, 1], [726, 750, 1, 0, 1]], lines: 2, next: 751 });
  });

  it('a call ending mid-line: the `_` and `\\n` past its end do not count', () => {
    // U 0-23 \n24, "plain one" 25-33, the end at 34 (a `_` there, a `\n` at 36).
    const t = U + '\n' + 'plain one_x\nmore_y\n';
    expect(scan(t, 0, 34)).toEqual({ found: [[0, 24, 0, 0, 1]], lines: 2, next: 35 });
  });

  it('a call starting where the one before ended', () => {
    // As the round test above; the call before ends at 31, where the next one starts.
    const t = 'plain\n' + U + '\n' + 'no code here\n' + U + '\n';
    expect(scan(t, 31, t.length, [0, 31])).toEqual({ found: [[44, 68, 1, 0, 1]], lines: 2, next: 69 });
  });
});
