/**
 * lineEnd never reads past `to`: a scan's buffer holds megabytes past its bytes (stale or zero), and a search
 * from where the bytes end, asked once per kernel call, read all of them (Buffer#indexOf has no end).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lineEnd } from '../src/fast/line-times.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('lineEnd', () => {
  it('gives a line\'s newline, or `to` when there is none before it', () => {
    const buf = Buffer.from('ab\ncd\nef');
    expect([lineEnd(buf, 0, 8), lineEnd(buf, 3, 8), lineEnd(buf, 6, 8), lineEnd(buf, 3, 4)]).toEqual([2, 5, 8, 4]);
  });

  it('does not search at all from where the bytes end', () => {
    const buf = Buffer.alloc(4 << 20);
    buf.write('line one\n');
    const search = vi.spyOn(Buffer.prototype, 'indexOf');
    expect(lineEnd(buf, 9, 9)).toBe(9);
    expect(lineEnd(buf, 12, 9)).toBe(9);
    expect(search).not.toHaveBeenCalled();
  });
});
