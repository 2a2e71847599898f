/**
 * The CSV fast path and the record reader on small files whose counts are worked out by hand: both must
 * give them. Lines are numbered as a user counts them (the header is line 1).
 */
import { describe, expect, it } from 'vitest';
import type { Tally } from '../src/summary/tally.js';
import type { TimeWindow } from '../src/summary/window.js';
import { chunked, defaultMatcher, report } from './support/engines.js';
import { fastCsv, handCounted, referenceStructured } from './support/structured.js';

const m = defaultMatcher();

/** Both paths, in one-byte chunks too: code → [count, first seen, sample lines], plus the totals. */
async function both(text: string, max?: number, window: TimeWindow | null = null): Promise<unknown[]> {
  const bytes = Buffer.from(text, 'utf8');
  const tallies: Tally[] = [
    await referenceStructured('csv', [bytes], m, {}, max, window),
    fastCsv([bytes], m, {}, max, window),
    fastCsv(chunked(bytes, [1]), m, {}, max, window),
  ];
  return tallies.map((t) => handCounted(report(t, m), window));
}

describe('CSV files counted by hand, on the fast path and the record reader', () => {
  it('counts a code column, plain text without one, an unknown value, a malformed row and a quoted line break', async () => {
    const text = [
      'time,code,msg,account\r\n', // 1 header
      '2026-03-18T10:00:00Z,storage_error,"quota, full",Bob@X.io\r\n', // 2 storage_error, account bob@x.io
      '2026-03-18T10:05:00Z,,"see smime_error and\nweb_hook_moved",\n', // 3-4 no code field: two codes in the text
      ',Quota_Unknown_Code,x,\n', // 5 an unknown value; time inherited (10:05)
      '2026-03-18T10:10:00Z,storage_error\n', // 6 two fields: malformed, storage_error in its text
      '\n', // 7 blank
      '"2026-03-18T10:20:00Z",web_hook_moved,"a ""quoted"" smime_error",\r\n', // 8 web_hook_moved only
    ].join('');
    const expected = {
      codes: {
        storage_error: [2, '2026-03-18T10:00:00.000Z', [2, 6], 1],
        smime_error: [1, '2026-03-18T10:05:00.000Z', [3], 0],
        web_hook_moved: [2, '2026-03-18T10:05:00.000Z', [3, 8], 0],
      },
      unknown: { Quota_Unknown_Code: [1, [5]] },
      records: 5,
      malformed: 1,
      skipped: 0,
      range: ['2026-03-18T10:00:00.000Z', '2026-03-18T10:20:00.000Z'],
    };
    expect(await both(text)).toEqual([expected, expected, expected]);
  });

  it('reads 100 LF rows after a CRLF header as 100 events (was: one malformed record)', async () => {
    let text = 'time,code,msg\r\n';
    for (let i = 0; i < 100; i++) text += `2026-03-18T10:${String(i % 60).padStart(2, '0')}:00Z,storage_error,row ${i}\n`;
    const [ref, fast] = await both(text);
    expect(fast).toEqual(ref);
    // Samples: the first (line 2, 10:00, also the first of the busiest 5m bucket: 10:00-10:35 hold 10 each),
    // the first of the next bucket (line 7, 10:05), the last (line 61, 10:59).
    expect(ref).toMatchObject({ codes: { storage_error: [100, '2026-03-18T10:00:00.000Z', [2, 7, 61], 0] }, records: 100, malformed: 0 });
  });

  it('skips an over-long record whole: the next row is read, text inside it is not counted, no phantom record', async () => {
    const text = [
      'time,code,msg\r\n', // 1 header
      '2026-03-18T10:00:00Z,,"short\nsmime_error in a record of 65 bytes"\r\n', // 2-3 65 bytes, lines of 28 and 36: skipped
      '2026-03-18T10:01:00Z,web_hook_moved,ok\r\n', // 4 38 bytes without its CRLF: read
      '2026-03-18T10:02:00Z,storage_error,over the limit\r\n', // 5 49 bytes: skipped, CRLF-ended and last
    ].join('');
    const expected = {
      codes: { web_hook_moved: [1, '2026-03-18T10:01:00.000Z', [4], 0] },
      unknown: {},
      records: 3,
      malformed: 0,
      skipped: 2,
      range: ['2026-03-18T10:01:00.000Z', '2026-03-18T10:01:00.000Z'],
    };
    expect(await both(text, 40)).toEqual([expected, expected, expected]);
  });

  it('counts only the records inside a window, their time own or inherited; malformed ones outside still count as malformed', async () => {
    const text = [
      'time,code,msg\n', // 1 header
      '2026-03-18T10:00:00Z,storage_error,a\n', // 2 10:00: before the window
      '2026-03-18T10:05:00Z,smime_error,b\n', // 3 10:05: inside (since is inclusive)
      ',web_hook_moved,c\n', // 4 inherits 10:05: inside
      '2026-03-18T10:10:00Z,storage_error\n', // 5 two fields: malformed, 10:10 from its text, inside
      '2026-03-18T10:20:00Z,web_hook_moved,d\n', // 6 10:20: outside (until is exclusive)
      ',smime_error,e\n', // 7 inherits 10:20: outside
      'x,y\n', // 8 malformed, inherits 10:20: outside
    ].join('');
    const expected = {
      codes: {
        smime_error: [1, '2026-03-18T10:05:00.000Z', [3], 0],
        web_hook_moved: [1, '2026-03-18T10:05:00.000Z', [4], 0],
        storage_error: [1, '2026-03-18T10:10:00.000Z', [5], 0],
      },
      unknown: {},
      records: 7,
      malformed: 2,
      skipped: 0,
      range: ['2026-03-18T10:05:00.000Z', '2026-03-18T10:10:00.000Z'],
      outside: 4,
    };
    const window = { since: Date.UTC(2026, 2, 18, 10, 5), until: Date.UTC(2026, 2, 18, 10, 20) };
    expect(await both(text, undefined, window)).toEqual([expected, expected, expected]);
  });
});
