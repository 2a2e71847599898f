/**
 * A plain-text line longer than LONG_LINE (16 MiB) is scanned in pieces, never held whole. Its own time is
 * still the first ISO-8601 date-time in its text, wherever that is: in its first piece, across the edge of
 * a piece, or in its last one. Lines are built in memory and pushed in chunks, as a file is read.
 */
import { describe, expect, it } from 'vitest';
import { LONG_LINE } from '../src/fast/text-scan.js';
import { chunked, defaultMatcher, fastTally } from './support/engines.js';

const MiB = 1024 * 1024;
const T = Date.UTC(2026, 2, 18, 10, 0, 59);

/** An 18 MiB line of filler with `2026-03-18T10:00:59Z storage_error` at `at`, then a line that inherits its time. */
function log(at: number): Buffer {
  const line = Buffer.alloc(18 * MiB, 'lorem ipsum ');
  line.write(' 2026-03-18T10:00:59Z storage_error ', at, 'latin1');
  return Buffer.concat([line, Buffer.from('\nthen smime_error\n')]);
}

describe('the own time of a line longer than LONG_LINE', () => {
  const m = defaultMatcher();
  expect(LONG_LINE).toBe(16 * MiB);
  const cases: [string, number][] = [
    ['past 16 MiB, in the last piece', 17 * MiB + 12_345],
    ['across the end of the bytes the first piece looks at', 17 * MiB - 30],
    // Cut after `10:00` in the old first-piece search: read whole, it is 10:00:59, not 10:00:00.
    ['where only its first 16 characters were looked at before', LONG_LINE - 4096 - 17],
  ];

  for (const [name, at] of cases) {
    it(`is found ${name}`, () => {
      for (const sizes of [[MiB], [999_983]]) {
        const t = fastTally(chunked(log(at), sizes), m);
        const storage = t.codes.get('storage_error')!;
        const smime = t.codes.get('smime_error')!;
        expect([storage.count, storage.firstSeen, storage.lastSeen]).toEqual([1, T, T]);
        // Line 2 has no time of its own: it takes line 1's.
        expect([smime.count, smime.firstSeen]).toEqual([1, T]);
        expect([t.files.get('a.log')!.firstTime, t.files.get('a.log')!.lastTime]).toEqual([T, T]);
      }
    });
  }

  it('is only at its start when the line carries on a record or starts with a time of day alone', () => {
    const T0 = Date.UTC(2026, 2, 18, 9);
    for (const [head, records, own] of [
      // Joins line 1's record: storage_error counts once, at line 1.
      ['Caused by: java.io.IOException: storage_error ', 1, T0],
      // Starts a record of its own, at its time of day on line 1's date: storage_error counts again.
      ['09:14:02.113 [main] ERROR storage_error ', 2, Date.UTC(2026, 2, 18, 9, 14, 2, 113)],
      // The same with its offset: 11:14:02.113 at +02:00 on that date is 09:14:02.113 UTC.
      ['11:14:02.113+02:00 [main] ERROR storage_error ', 2, Date.UTC(2026, 2, 18, 9, 14, 2, 113)],
    ] as const) {
      const line = Buffer.alloc(18 * MiB, 'lorem ipsum ');
      line.write(head, 0, 'latin1');
      line.write(' 2026-03-18T10:00:59Z smime_error ', 17 * MiB + 12_345, 'latin1');
      const text = Buffer.concat([Buffer.from('2026-03-18T09:00:00Z storage_error\n'), line, Buffer.from('\n')]);
      for (const sizes of [[MiB], [999_983]]) {
        const t = fastTally(chunked(text, sizes), m);
        expect([t.codes.get('storage_error')!.count, t.codes.get('smime_error')!.firstSeen], head).toEqual([records, own]);
        expect([t.files.get('a.log')!.records, t.files.get('a.log')!.lastTime], head).toEqual([records, own]);
      }
    }
  });

  it('is inside a window by its own time, wherever it is', () => {
    const w = { since: T, until: T + 1 };
    const t = fastTally(chunked(log(17 * MiB + 12_345), [MiB]), m, 'a.log', undefined, false, w);
    expect(t.codes.get('storage_error')!.count).toBe(1);
    expect(t.codes.get('smime_error')!.count).toBe(1);
    expect(t.files.get('a.log')!.outsideWindow).toBe(0);
    const before = fastTally(chunked(log(17 * MiB + 12_345), [MiB]), m, 'a.log', undefined, false, { since: null, until: T });
    expect(before.codes.size).toBe(0);
    expect(before.files.get('a.log')!.outsideWindow).toBe(2);
  });
});
