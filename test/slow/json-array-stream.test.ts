/**
 * Slow: a JSON array of about 210 MB, streamed through the CLI in-process, with its memory measured. Run with
 * `npm run test:slow` (MXSCAN_SLOW=1); skipped otherwise, so that `vitest run` stays fast.
 */
import type { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { lazyInput, scanStreamMeasured } from '../support/main.js';

const SLOW = process.env['MXSCAN_SLOW'] === '1';

/** A JSON array of `n` elements, produced lazily: it never exists whole, here or in mxscan. */
function bigArray(n: number): Readable {
  return lazyInput(
    n,
    '[\n',
    (i) => {
      const code = i % 10 === 0 ? 'storage_error' : i % 10 === 1 ? 'SMIME_ERROR' : 'none_of_them';
      return (
        `${i === 0 ? '' : ',\n'}  {"time": "2026-03-18T10:00:${String(i % 60).padStart(2, '0')}Z", "code": "${code}", ` +
        `"account": "user${i % 1000}@example.com", "msg": "${'x'.repeat(60)} mentions execution_failed"}`
      );
    },
    '\n]\n',
  );
}

describe.skipIf(!SLOW)('the JSON-array reader', () => {
  it('streams an array far larger than the memory it uses', async () => {
    const n = 1_500_000; // about 210 MB of JSON
    const { code, out, peak } = await scanStreamMeasured(['--input-format', 'json'], bigArray(n));
    expect(code).toBe(0);
    const report = JSON.parse(out) as { totals: { records: number; bytes: number }; codes: { code: string; count: number }[]; unknownCodes: { code: string; count: number }[] };
    expect(report.totals.records).toBe(n);
    expect(report.totals.bytes).toBeGreaterThan(200_000_000);
    // A catalog code in the code field wins: its msg's execution_failed is not counted; beside none_of_them
    // (no catalog code) the element is read as text too, and execution_failed counts (8 in 10, ERROR first).
    expect(report.codes.map((c) => [c.code, c.count])).toEqual([
      ['execution_failed', (n * 8) / 10],
      ['SMIME_ERROR'.toLowerCase(), n / 10],
      ['storage_error', n / 10],
    ]);
    expect(report.unknownCodes).toEqual([expect.objectContaining({ code: 'none_of_them', count: (n * 8) / 10 })]);
    // Far less than the 210 MB read.
    expect(peak).toBeLessThan(120 * 1024 * 1024);
  }, 180_000);
});
