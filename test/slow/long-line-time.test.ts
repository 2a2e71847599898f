/**
 * Slow: a 40 MiB plain-text line (three pieces of the fast path) whose first time is in its middle piece,
 * compared with the reference reader, which holds the line whole (its limit raised to 64 MiB). Run with
 * `npm run test:slow` (MXSCAN_SLOW=1); skipped otherwise.
 *
 * Rule: a record's own time is the first ISO-8601 date-time in its text, wherever it is.
 */
import { describe, expect, it } from 'vitest';
import { chunked, defaultMatcher, expectSameTally, fastTally, referenceTally } from '../support/engines.js';

const SLOW = process.env['MXSCAN_SLOW'] === '1';
const MiB = 1024 * 1024;

describe.skipIf(!SLOW)('a 40 MiB line with its first time in its middle piece', () => {
  it('has the time the reference reader finds, with and without a window', async () => {
    const m = defaultMatcher();
    const line = Buffer.alloc(40 * MiB, 'lorem ipsum ');
    line.write(' storage_error ', 100, 'latin1');
    line.write(' 2026-03-18T10:00:59.5Z smime_error ', 24 * MiB + 7, 'latin1');
    line.write(' 2026-03-18T11:00:00Z web_hook_moved ', 39 * MiB, 'latin1');
    const bytes = Buffer.concat([Buffer.from('2026-03-18T09:00:00Z start\n'), line, Buffer.from('\nthen execution_failed\n')]);
    const T = Date.UTC(2026, 2, 18, 10, 0, 59, 500);
    for (const w of [null, { since: T, until: T + 1 }, { since: null, until: T }]) {
      const reference = await referenceTally([bytes], m, 'a.log', undefined, false, w);
      expectSameTally(fastTally(chunked(bytes, [MiB]), m, 'a.log', undefined, false, w), reference, m);
      if (w === null) {
        // Line 3 takes line 2's own time: the first one in it, 24 MiB in.
        expect(reference.codes.get('execution_failed')!.firstSeen).toBe(T);
      }
    }
  }, 120_000);
});
