/** The incident window and the durations of --window. */
import { describe, expect, it } from 'vitest';
import { inWindow, parseDuration } from '../src/summary/window.js';

const T = Date.UTC(2026, 2, 18, 10, 0);

describe('inWindow', () => {
  it('keeps since ≤ t < until: since is in, until is out', () => {
    const w = { since: T, until: T + 60_000 };
    expect(inWindow(w, T - 1)).toBe(false);
    expect(inWindow(w, T)).toBe(true);
    expect(inWindow(w, T + 59_999)).toBe(true);
    expect(inWindow(w, T + 60_000)).toBe(false);
  });

  it('leaves an open side open, and never keeps a record without a time', () => {
    expect(inWindow({ since: T, until: null }, T + 1e12)).toBe(true);
    expect(inWindow({ since: T, until: null }, T - 1)).toBe(false);
    expect(inWindow({ since: null, until: T }, 0)).toBe(true);
    expect(inWindow({ since: null, until: T }, T)).toBe(false);
    expect(inWindow({ since: null, until: null }, 0)).toBe(true);
    expect(inWindow({ since: null, until: null }, null)).toBe(false);
    expect(inWindow({ since: T, until: T + 1 }, null)).toBe(false);
  });
});

describe('parseDuration', () => {
  it.each([
    ['30m', 1_800_000],
    ['90s', 90_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    ['1h30m', 5_400_000],
    ['1d2h3m4s', 86_400_000 + 7_200_000 + 180_000 + 4_000],
    ['1.5h', 5_400_000],
    [' 2H ', 7_200_000],
    ['0.0015s', 2],
  ])('reads %j as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '30', 'm', '30x', '-5m', '1h 30m', 'x30m', '30m2', '.5h', '5.h', '0m', '0s0m', '0.0004s'])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeNull();
  });
});
