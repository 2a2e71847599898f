/**
 * The kernel's reading of times (src/wasm/times.ts) against the ISO-8601 oracle (test/support/iso-oracle.ts,
 * the pattern mxscan read times with before): for field values that are ISO-shaped or numbers of epoch
 * seconds or milliseconds, both give the same time, backtracking and invalid dates included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { timeFromValue } from '../src/extract/timestamp.js';
import { oracleTimeFromValue } from './support/iso-oracle.js';

const two = (n: number): string => String(n).padStart(2, '0');
const isoish = fc
  .record({
    y: fc.integer({ min: 999, max: 2031 }),
    mo: fc.integer({ min: 0, max: 13 }),
    d: fc.integer({ min: 0, max: 32 }),
    h: fc.integer({ min: 0, max: 25 }),
    sep: fc.constantFrom('T', ' ', 't', '\t', 'x'),
    rest: fc.array(fc.constantFrom(':07', ':60', ':5', '.1', '.123456789', '.1234567890', ',5', 'Z', 'z', '+02:00', '-0530', '+25:00', '1', ' ', ' -03', ' +05:30', ' -15', '"', ','), { maxLength: 4 }),
  })
  .map((p) => `${String(p.y).padStart(4, '0')}-${two(p.mo)}-${two(p.d)}${p.sep}${two(p.h)}:15${p.rest.join('')}`);

describe('field times: the kernel and the ISO oracle', () => {
  it('agree on ISO-shaped values and dates alone', () => {
    fc.assert(
      fc.property(fc.oneof(isoish, isoish.map((s) => s.slice(0, 10)), isoish.map((s) => ` ${s} `)), (value) => {
        expect(timeFromValue(value), value).toBe(oracleTimeFromValue(value));
      }),
      { numRuns: 3000, seed: 12 },
    );
  });

  it('agree on epoch seconds and milliseconds (below 10^14, where microseconds begin), as numbers and digits', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 0, max: 99_999_999_999_999 }), fc.integer({ min: -5, max: 40_000_000_000 })), (n) => {
        expect(timeFromValue(n), String(n)).toBe(oracleTimeFromValue(n));
        if (n >= 0) expect(timeFromValue(String(n)), String(n)).toBe(oracleTimeFromValue(String(n)));
      }),
      { numRuns: 3000, seed: 13 },
    );
  });
});
