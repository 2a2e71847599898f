/**
 * The window in the byte kernel: scanText notes every line's own time as it reads it (at most TIMES_MAX a
 * call, then it stops and is resumed) and passes over a line whose time, own or inherited, is outside the
 * window, by the bounds' rule of src/summary/window.ts (since in it, until not). Values worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { Kernel, type NotedTimes } from '../src/fast/kernels.js';
import { heldKernels } from './support/held-kernels.js';
import { TIMES_MAX } from '../src/fast/kernel-layout.js';

const kernels = heldKernels();
const kernelWith = (bytes: Buffer): Kernel => kernels.holding(bytes, ['storage_error']);

/** The (line index, start, time) entries a call noted. */
const entries = (t: NotedTimes): [number, number, number][] =>
  Array.from({ length: t.n }, (_, k) => [t.i32[t.at + 4 * k]!, t.i32[t.at + 4 * k + 1]! - t.base, t.f64[(t.at >> 1) + 2 * k + 1]!]);

describe('the window in the kernel', () => {
  const since = Date.UTC(2026, 2, 18, 8);
  const until = Date.UTC(2026, 2, 18, 12);
  const iso = (t: number): string => new Date(t).toISOString();

  it('passes over the lines whose time is outside it and notes every own time', () => {
    // Lines 0 (a millisecond before since), 1 (since), 2 (no time: inherits since), 3 (a millisecond before
    // until), 4 (until), 5 (no time: inherits until, outside).
    const lines = [`${iso(since - 1)} storage_error`, `${iso(since)} storage_error`, 'no time storage_error', `${iso(until - 1)} storage_error`, `${iso(until)} storage_error`, 'no time storage_error'];
    const text = lines.map((l) => `${l}\n`).join('');
    const starts = lines.map((_, i) => lines.slice(0, i).reduce((n, l) => n + l.length + 1, 0));
    const k = kernelWith(Buffer.from(text));
    k.setWindow(since, until);
    let noted: [number, number, number][] = [];
    const reported: [number, number][] = [];
    const windowed = {
      before: NaN,
      took(t: NotedTimes): void {
        noted = entries(t);
        expect([t.lines, t.next]).toEqual([6, text.length]);
      },
    };
    const r = k.scanText(0, text.length, 1, (_ls, _le, index, _w, nCodes, _u, _at, _ids, time) => void reported.push([index, nCodes === 1 ? time : -1]), windowed);
    expect(r).toEqual({ lines: 6, next: text.length });
    expect(noted).toEqual([[0, starts[0], since - 1], [1, starts[1], since], [3, starts[3], until - 1], [4, starts[4], until]]);
    expect(reported).toEqual([[1, since], [2, NaN], [3, until - 1]]);
  });

  it(`notes at most TIMES_MAX (${TIMES_MAX}) times a call, then stops before the next line`, () => {
    const line = `${iso(since)} ok\n`;
    const n = TIMES_MAX + 1000;
    const k = kernelWith(Buffer.from(line.repeat(n)));
    k.setWindow(null, null);
    const calls: number[][] = [];
    let from = 0;
    while (from < n * line.length) {
      const r = k.scanText(from, n * line.length, 1, () => undefined, { before: NaN, took: (t) => void calls.push([t.n, t.lines, t.next]) });
      from = r.next;
    }
    expect(calls).toEqual([[TIMES_MAX, TIMES_MAX, TIMES_MAX * line.length], [1000, 1000, n * line.length]]);
  });
});

describe('a call told the time before it', () => {
  it('passes over the untimed lines at its start when that time is outside the window, and reads them when it is inside', () => {
    const text = 'no time storage_error\nnone either storage_error\n';
    const reportedWith = (before: number): number[] => {
      const k = kernelWith(Buffer.from(text));
      k.setWindow(Date.UTC(2026, 2, 18, 8), Date.UTC(2026, 2, 18, 12));
      const seen: number[] = [];
      k.scanText(0, text.length, 1, (_ls, _le, index) => void seen.push(index), { before, took: () => undefined });
      return seen;
    };
    expect(reportedWith(Date.UTC(2026, 2, 18, 7))).toEqual([]);
    expect(reportedWith(NaN)).toEqual([]);
    expect(reportedWith(Date.UTC(2026, 2, 18, 9))).toEqual([0, 1]);
    // Only the caller can tell the time before: the lines are its to decide.
    expect(reportedWith(Infinity)).toEqual([0, 1]);
  });
});
