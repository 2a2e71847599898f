/**
 * The JSON-array fast path and the record reader on small arrays whose counts are worked out by hand:
 * both must give them, in any chunking.
 */
import { describe, expect, it } from 'vitest';
import type { Tally } from '../src/summary/tally.js';
import { chunked, defaultMatcher, report } from './support/engines.js';
import { fastJsonArray, referenceStructured } from './support/structured.js';

const m = defaultMatcher();

/** Both paths (the fast one whole and in 3-byte chunks): code → [count, first seen, sample lines, accounts], totals. */
async function both(text: string, max?: number): Promise<unknown[]> {
  const bytes = Buffer.from(text, 'utf8');
  const tallies: Tally[] = [
    await referenceStructured('json', [bytes], m, {}, max),
    fastJsonArray([bytes], m, max),
    fastJsonArray(chunked(bytes, [3]), m, max),
  ];
  return tallies.map((t) => {
    const r = report(t, m);
    return {
      codes: Object.fromEntries(r.codes.map((c) => [c.code, [c.count, c.firstSeen, c.samples.map((s) => s.line), c.accounts.distinct]])),
      unknown: Object.fromEntries(r.unknownCodes.map((u) => [u.code, [u.count, u.samples.map((s) => s.line)]])),
      records: r.totals.records,
      malformed: r.totals.malformedRecords,
      skipped: r.totals.skippedLines,
      range: [r.timeRange.start, r.timeRange.end],
    };
  });
}

describe('JSON arrays counted by hand, on the fast path and the record reader', () => {
  it('counts pretty-printed and compact elements, several on one line, brackets in strings and a malformed one', async () => {
    const text = [
      '[', // 1
      '  {', // 2 an element over four lines: its code field only (not the smime_error in msg)
      '    "time": "2026-03-18T10:00:00Z", "code": "storage_error",', // 3
      '    "msg": "see smime_error"', // 4
      '  },', // 5
      '  {"msg": "smime_error and web_hook_moved, brackets ] [ in text"},', // 6 no code field: two codes, time 10:00 inherited
      '  {"code": "Quota_Unknown_Code"}, {"msg": "smime_error again"},', // 7 two elements: an unknown value; smime_error
      '  {"code": "web_hook_moved", "time": "2026-03-18T10:05:00Z", "account": "Bob@X.io"},', // 8
      '  {"broken": storage_error}', // 9 malformed: read as text
      ']', // 10
    ].join('\n');
    const expected = {
      codes: {
        storage_error: [2, '2026-03-18T10:00:00.000Z', [2, 9], 0],
        smime_error: [2, '2026-03-18T10:00:00.000Z', [6, 7], 0],
        web_hook_moved: [2, '2026-03-18T10:00:00.000Z', [6, 8], 1],
      },
      unknown: { Quota_Unknown_Code: [1, [7]] },
      records: 6,
      malformed: 1,
      skipped: 0,
      range: ['2026-03-18T10:00:00.000Z', '2026-03-18T10:05:00.000Z'],
    };
    expect(await both(text)).toEqual([expected, expected, expected]);
  });

  it('counts every element of a one-line array, each its own record', async () => {
    const text = '[' + Array.from({ length: 100 }, () => '{"msg":"storage_error"}').join(',') + ']';
    const expected = { codes: { storage_error: [100, null, [1, 1, 1], 0] }, unknown: {}, records: 100, malformed: 0, skipped: 0, range: [null, null] };
    expect(await both(text)).toEqual([expected, expected, expected]);
  });

  it('skips an over-long element and reads the next; reads input that is no array as JSON lines', async () => {
    // limit 40: the first element is 83 bytes, the second 22
    const long = `[{"code":"storage_error","msg":"${'x'.repeat(50)}"},{"code":"smime_error"}]`;
    const one = { codes: { smime_error: [1, null, [1], 0] }, unknown: {}, records: 2, malformed: 0, skipped: 1, range: [null, null] };
    expect(await both(long, 40)).toEqual([one, one, one]);
    const lines = '\n{"code":"smime_error"}\n{"code":"smime_error","time":"2026-03-18T10:00:00Z"}\n';
    // evidence in time order: line 3 (10:00) before line 2, which has no time
    const two = { codes: { smime_error: [2, '2026-03-18T10:00:00.000Z', [3, 2], 0] }, unknown: {}, records: 3, malformed: 0, skipped: 0, range: ['2026-03-18T10:00:00.000Z', '2026-03-18T10:00:00.000Z'] };
    expect(await both(lines)).toEqual([two, two, two]);
  });
});
