/** Counting the records of one file: inherited times, the window, and the file's own counts, by hand. */
import { describe, expect, it } from 'vitest';
import type { RawRecord } from '../src/extract/record.js';
import { FileScan } from './oracle/file-scan.js';
import { newFileStat, newTally } from '../src/summary/tally.js';
import type { TimeWindow } from '../src/summary/window.js';
import { defaultMatcher } from './support/engines.js';

const m = defaultMatcher();
const T = Date.UTC(2026, 2, 18, 10, 0);

// 1  a line before any time, with a code                  (untimed)
// 2  10:00 start, no code
// 3  storage_error with an address, no time of its own    (takes 10:00)
// 4  10:05 smime_error and an unknown code
// 5  a line too long to read
// 6  a malformed JSON record at 09:00 with storage_error   (late-flushed: earlier than line 4)
// 7  10:10 storage_error, twice on the line
// Read as plain text, line 3 (no time of its own) joins the record of line 2; line 5, skipped unread, is a
// record of its own: 6 records (1, 2-3, 4, 5, 6, 7).
const RECORDS: RawRecord[] = [
  { line: 1, text: 'boot web_hook_moved' },
  { line: 2, text: '2026-03-18T10:00:00Z start' },
  { line: 3, text: 'storage_error for ann@x.io' },
  { line: 4, text: '2026-03-18T10:05:00Z smime_error code=foo_bar' },
  { line: 5, text: '', skipped: true },
  { line: 6, text: '{"t": "2026-03-18T09:00:00Z storage_error', malformed: true },
  { line: 7, text: '2026-03-18T10:10:00Z storage_error storage_error' },
];

function scan(window: TimeWindow | null) {
  const t = newTally();
  const stat = newFileStat('a.log');
  const s = new FileScan(t, stat, m, {}, window, true);
  for (const r of RECORDS) s.push(r);
  s.end();
  return { t, stat };
}

describe('FileScan', () => {
  it('counts every record, gives untimed lines the last time before them, and keeps the first and last own time', () => {
    const { t, stat } = scan(null);
    expect(stat).toMatchObject({ records: 6, malformedRecords: 1, skippedLines: 1, outsideWindow: 0, matches: 5, unknown: 1, firstTime: T, lastTime: T + 600_000 });
    const se = t.codes.get('storage_error')!;
    expect(se.count).toBe(3);
    expect(se.firstSeen).toBe(T - 3_600_000);
    expect(se.lastSeen).toBe(T + 600_000);
    expect(se.first).toEqual({ time: T - 3_600_000, file: 'a.log', line: 6 });
    expect([...se.accounts.counts]).toEqual([['ann@x.io', 1]]);
    expect(t.codes.get('web_hook_moved')!.first).toEqual({ time: null, file: 'a.log', line: 1 });
    expect(t.codes.get('smime_error')!.firstSeen).toBe(T + 300_000);
    expect(t.unknown.get('foo_bar')!.count).toBe(1);
  });

  it('counts a record outside the window (by its own or inherited time, or none) as such and nothing else', () => {
    // 10:00 ≤ t < 10:10: lines 2, 3 and 4 in; 1 (no time), 5 (inherits 10:05) in, 6 (09:00) and 7 (10:10) out:
    // 3 records out (1, 6, 7), 3 in (2–3, 4, 5)
    const { t, stat } = scan({ since: T, until: T + 600_000 });
    expect(stat).toMatchObject({ records: 6, malformedRecords: 1, skippedLines: 1, outsideWindow: 3, matches: 2, unknown: 1, firstTime: T, lastTime: T + 300_000 });
    expect([...t.codes.keys()].sort()).toEqual(['smime_error', 'storage_error']);
    expect(t.codes.get('storage_error')!.count).toBe(1);
    expect(t.codes.get('storage_error')!.first).toEqual({ time: T, file: 'a.log', line: 3 });
  });
});
