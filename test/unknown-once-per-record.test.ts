/**
 * An unknown code counts once per record, however many of its lines name it, in any case; the spellings a
 * record has seen are let go of only at a record's start, so a record of thousands of them (more than the
 * map keeps from one record to the next) still counts each once. Counts worked out by hand; the reference agrees.
 */
import { describe, expect, it } from 'vitest';
import { chunked, defaultMatcher, expectSameTally, fastJsonl, fastTally, referenceJsonl, referenceTally } from './support/engines.js';

const MANY = 5000;
const lines = [
  // Record 1–3: box_melted on all three lines, the last in another case: 1.
  '2026-03-18T10:00:00Z ERROR code=box_melted',
  '    caused by code=box_melted',
  '    then CODE=Box_Melted',
  // Record 4: box_melted again: 2.
  '2026-03-18T10:01:00Z ERROR code=box_melted',
  // Record 5–7: MANY spellings on line 6, then the first again on line 7 (not counted again).
  '2026-03-18T10:02:00Z INFO batch',
  '    ' + Array.from({ length: MANY }, (_, i) => `code=mx_unknown_${i}`).join(' '),
  '    code=mx_unknown_0',
  // Record 8–10: mx_unknown_0 (2), box_melted (3), mx_unknown_1 twice (2).
  '2026-03-18T10:03:00Z ERROR code=mx_unknown_0 code=box_melted',
  '    code=mx_unknown_1',
  '    code=MX_UNKNOWN_1',
];
const TEXT = Buffer.from(lines.join('\n') + '\n');

describe('an unknown code in a record', () => {
  it('counts once per record, past thousands of spellings in one record', async () => {
    const m = defaultMatcher();
    const chunks = chunked(TEXT, [4096, 65_536, 100_000, TEXT.length]);
    const t = fastTally(chunks, m);
    const count = (k: string): number | undefined => t.unknown.get(k)?.count;
    expect([count('box_melted'), count('mx_unknown_0'), count('mx_unknown_1'), count('mx_unknown_2'), count(`mx_unknown_${MANY - 1}`)]).toEqual([3, 2, 2, 1, 1]);
    expect(t.unknown.size).toBe(MANY + 1);
    expect([...t.unknown.values()].reduce((n, u) => n + u.count, 0)).toBe(3 + 2 + 2 + (MANY - 2));
    expectSameTally(t, await referenceTally(chunks, m), m);
  });

  it('in a JSON line\'s code field counts once per line, and its text\'s spellings with it', async () => {
    const m = defaultMatcher();
    // Each line: the field's value and the same spelling in the text (one), then another in the text (one).
    const json = Array.from({ length: 3 * MANY }, (_, i) => JSON.stringify({ time: '2026-03-18T10:00:00Z', code: `mx_unknown_${i % MANY}`, msg: `code=MX_UNKNOWN_${i % MANY} and code=other_thing` })).join('\n') + '\n';
    const chunks = chunked(Buffer.from(json), [json.length]);
    const t = fastJsonl(chunks, m);
    expect([t.unknown.get('mx_unknown_0')?.count, t.unknown.get(`mx_unknown_${MANY - 1}`)?.count, t.unknown.get('other_thing')?.count]).toEqual([3, 3, 3 * MANY]);
    expectSameTally(t, await referenceJsonl(chunks, m), m);
  });
});
