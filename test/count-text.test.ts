/** Counts with thousands separators, written out without ICU: the same text as toLocaleString('en-US'). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { num } from '../src/summary/count-text.js';

describe('num', () => {
  it.each([
    [0, '0'],
    [7, '7'],
    [999, '999'],
    [1000, '1,000'],
    [50_000, '50,000'],
    [100_000, '100,000'],
    [1_234_567, '1,234,567'],
    [-1, '-1'],
    [-1234, '-1,234'],
    [-999_999, '-999,999'],
    [Number.MAX_SAFE_INTEGER, '9,007,199,254,740,991'],
    [-Number.MAX_SAFE_INTEGER, '-9,007,199,254,740,991'],
  ])('%d is %s', (n, text) => {
    expect(num(n)).toBe(text);
  });

  it('leaves what is not a safe integer to en-US: fractions, -0, beyond 2^53, not a number', () => {
    expect(num(1234.5)).toBe('1,234.5');
    expect(num(-0)).toBe('-0');
    // en-US rounds past 17 significant digits, where the digits of String(2 ** 60) would not.
    expect(num(2 ** 60)).toBe('1,152,921,504,606,847,000');
    expect(num(Number.NaN)).toBe('NaN');
    expect(num(Number.POSITIVE_INFINITY)).toBe('∞');
  });

  it('agrees with toLocaleString("en-US") on any safe integer', () => {
    fc.assert(fc.property(fc.maxSafeInteger(), (n) => num(n) === n.toLocaleString('en-US')), { numRuns: 2000 });
  });
});
