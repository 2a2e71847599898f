/**
 * Slow: a CloudWatch-shaped wrapped export (`{"events":[…],"searchedLogStreams":[…]}`) of about 200 MB,
 * detected by content on standard input and streamed through the CLI in-process, with its memory measured.
 * Run with `npm run test:slow` (MXSCAN_SLOW=1); skipped otherwise.
 */
import type { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { lazyInput, scanStreamMeasured } from '../support/main.js';

const SLOW = process.env['MXSCAN_SLOW'] === '1';
const T0 = 1775553242113; // 2026-04-07T09:14:02.113Z

/** The export, produced lazily: it never exists whole, here or in mxscan. */
function bigExport(n: number): Readable {
  return lazyInput(
    n,
    '{\n    "events": [\n',
    (i) => {
      // Every tenth event logs JSON with a code field, the next one a code in its text, the rest nothing.
      const message =
        i % 10 === 0
          ? JSON.stringify({ level: 'error', code: 'storage_error', user: `user${i % 1000}@example.com`, msg: 'retry of smime_error' })
          : i % 10 === 1
            ? `2026-04-07 09:14:02,113 ERROR smime_error for user${i % 1000}@example.com ${'x'.repeat(40)}`
            : `2026-04-07 09:14:02,113 INFO all good ${'y'.repeat(60)}`;
      return (
        `${i === 0 ? '' : ',\n'}        {\n            "logStreamName": "mail2cloud/worker/${i % 7}",\n            "timestamp": ${T0 + i},\n` +
        `            "message": ${JSON.stringify(message)},\n            "ingestionTime": ${T0 + i + 900},\n            "eventId": "${String(i).padStart(56, '3')}"\n        }`
      );
    },
    '\n    ],\n    "searchedLogStreams": [{"logStreamName": "storage_error-stream", "searchedCompletely": true}]\n}\n',
  );
}

describe.skipIf(!SLOW)('a wrapped JSON export', () => {
  it('is read one event at a time, in memory far smaller than the export', async () => {
    const n = 800_000; // about 250 MB of JSON
    const { code, out, peak } = await scanStreamMeasured([], bigExport(n));
    expect(code).toBe(0);
    const report = JSON.parse(out) as { files: { format: string; records: number }[]; totals: { bytes: number }; codes: { code: string; count: number; firstSeen: string; lastSeen: string }[] };
    expect(report.files[0]).toMatchObject({ format: 'json', records: n });
    expect(report.totals.bytes).toBeGreaterThan(200_000_000);
    // The JSON message's code wins over the smime_error in its msg; the stream list is not read.
    expect(report.codes.map((c) => [c.code, c.count])).toEqual([
      ['smime_error', n / 10],
      ['storage_error', n / 10],
    ]);
    // Event 0 is the first storage_error, event n - 10 the last; times are the events' epoch milliseconds.
    const storage = report.codes.find((c) => c.code === 'storage_error')!;
    expect([storage.firstSeen, storage.lastSeen]).toEqual([new Date(T0).toISOString(), new Date(T0 + n - 10).toISOString()]);
    // Far less than the 250 MB read.
    expect(peak).toBeLessThan(120 * 1024 * 1024);
  }, 300_000);
});
