/**
 * Slow: a kubectl list of events (`kubectl get events -o yaml`: `items:`, each event a `- ` item at column 0,
 * then `kind: List`) of about 190 MB on standard input, read an item at a time through the CLI in-process,
 * with its memory measured. Run with `npm run test:slow` (MXSCAN_SLOW=1); skipped otherwise.
 */
import type { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { lazyInput, scanStreamMeasured } from '../support/main.js';

const SLOW = process.env['MXSCAN_SLOW'] === '1';

/** Event i's time: 2026-03-18 from 00:00:00, a second each, as kubectl writes it. */
const time = (i: number): string => new Date(Date.UTC(2026, 2, 18) + i * 1000).toISOString().replace('.000Z', 'Z');

/** The list, produced lazily: it never exists whole, here or in mxscan. */
function bigList(n: number): Readable {
  return lazyInput(
    n,
    'apiVersion: v1\nitems:\n',
    (i) => {
      // Every tenth event names storage_error, the next one smime_error, the rest no code.
      const what = i % 10 === 0 ? 'storage_error' : i % 10 === 1 ? 'smime_error' : 'synced';
      return (
        `- apiVersion: v1\n  count: 1\n  firstTimestamp: "${time(i)}"\n  involvedObject:\n    kind: Pod\n    name: m2c-worker-${i % 50}\n    namespace: mail2cloud\n` +
        `  kind: Event\n  lastTimestamp: "${time(i)}"\n  message: '${what} for user${i % 1000}@example.com'\n  metadata:\n    name: m2c-worker.${i.toString(16).padStart(12, '0')}\n` +
        `    namespace: mail2cloud\n  reason: Sync\n  source:\n    component: m2c\n  type: ${i % 10 < 2 ? 'Warning' : 'Normal'}\n`
      );
    },
    'kind: List\nmetadata:\n  resourceVersion: ""\n',
  );
}

describe.skipIf(!SLOW)('a kubectl list of events as YAML', () => {
  it('is read an item at a time, in memory far smaller than the list', async () => {
    const n = 500_000; // about 190 MB of YAML
    const { code, out, peak } = await scanStreamMeasured(['--input-format', 'yaml'], bigList(n));
    expect(code).toBe(0);
    const report = JSON.parse(out) as { files: { format: string; records: number; malformedRecords: number }[]; totals: { bytes: number }; codes: { code: string; count: number; firstSeen: string; lastSeen: string; accounts: { distinct: number } }[] };
    expect(report.files[0]).toMatchObject({ format: 'yaml', records: n, malformedRecords: 0 });
    expect(report.totals.bytes).toBeGreaterThan(180_000_000);
    expect(report.codes.map((c) => [c.code, c.count])).toEqual([
      ['smime_error', n / 10],
      ['storage_error', n / 10],
    ]);
    // Event 0 the first storage_error, event n - 10 the last, at their own times; user(i % 1000): i ≡ 0 (mod 10)
    // reaches 100 of them.
    const storage = report.codes.find((c) => c.code === 'storage_error')!;
    expect([storage.firstSeen, storage.lastSeen]).toEqual([time(0).replace('Z', '.000Z'), time(n - 10).replace('Z', '.000Z')]);
    expect(storage.accounts.distinct).toBe(100);
    // Far less than the 190 MB read (past 10 MiB such a list was read as lines of text, a record each).
    expect(peak).toBeLessThan(120 * 1024 * 1024);
  }, 300_000);
});
