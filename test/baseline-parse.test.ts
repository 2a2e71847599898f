/** Reading a baseline report (what is refused, one message each, and what its rates are taken from) and comparing with it. */
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, type Report } from '../src/summary/report.js';
import { compare, parseBaseline, ratePer10k, windowRecords, type Baseline } from '../src/summary/baseline.js';

const good = { tool: { name: 'mxscan' }, schemaVersion: SCHEMA_VERSION, totals: { records: 200, outsideWindow: 50 }, codes: [{ code: 'STORAGE_ERROR', count: 3 }] };
const withOut = (patch: Record<string, unknown>): string => JSON.stringify({ ...good, ...patch });

describe('parseBaseline', () => {
  it('takes its codes (by lower-cased code) and the records inside its window', () => {
    const b = parseBaseline(JSON.stringify(good), 'base.json');
    expect(b.records).toBe(150);
    expect([...b.counts]).toEqual([['storage_error', { code: 'STORAGE_ERROR', count: 3 }]]);
    // Without outsideWindow (an older report), every record counts.
    expect(parseBaseline(withOut({ totals: { records: 200 } }), 'base.json').records).toBe(200);
    // All records outside the window and no code inside: none left.
    expect(parseBaseline(withOut({ totals: { records: 200, outsideWindow: 200 }, codes: [] }), 'base.json').records).toBe(0);
    // All records outside, 3 occurrences of a code inside (later lines of straddling traces): at least 3 records.
    expect(parseBaseline(withOut({ totals: { records: 200, outsideWindow: 200 } }), 'base.json').records).toBe(3);
  });

  it.each([
    ['not JSON', '{', 'not a JSON report'],
    ['null', 'null', 'not an mxscan JSON report'],
    ['a number', '42', 'not an mxscan JSON report'],
    ['another tool', withOut({ tool: { name: 'other' } }), 'not an mxscan JSON report'],
    ['no tool', withOut({ tool: undefined }), 'not an mxscan JSON report'],
    ['no records', withOut({ totals: {} }), 'it has no totals.records or codes'],
    ['records as text', withOut({ totals: { records: '200' } }), 'it has no totals.records or codes'],
    ['no totals', withOut({ totals: undefined }), 'it has no totals.records or codes'],
    ['codes not a list', withOut({ codes: {} }), 'it has no totals.records or codes'],
    ['outsideWindow as text', withOut({ totals: { records: 200, outsideWindow: '5' } }), 'totals.outsideWindow is not a count of its records'],
    ['outsideWindow below zero', withOut({ totals: { records: 200, outsideWindow: -1 } }), 'totals.outsideWindow is not a count of its records'],
    ['outsideWindow past records', withOut({ totals: { records: 200, outsideWindow: 201 } }), 'totals.outsideWindow is not a count of its records'],
    ['a row without a code', withOut({ codes: [{ count: 1 }] }), 'a code row has no code or count'],
    ['a row without a count', withOut({ codes: [{ code: 'smime_error' }] }), 'a code row has no code or count'],
    ['a null row', withOut({ codes: [null] }), 'a code row has no code or count'],
  ])('refuses %s', (_what, text, why) => {
    expect(() => parseBaseline(text, 'base.json')).toThrow(`bad baseline base.json: ${why}`);
  });
});

describe('compare', () => {
  /** A report as far as compare reads it: its window's records and its codes' counts. */
  const now = (records: number, outsideWindow: number, codes: [string, number][]): Report =>
    ({ totals: { records, outsideWindow }, codes: codes.map(([code, count]) => ({ code, count })) }) as unknown as Report;
  const base = (records: number, codes: [string, number][]): Baseline => ({
    path: 'base.json',
    records,
    counts: new Map(codes.map(([code, count]) => [code.toLowerCase(), { code, count }])),
  });

  it('rates per 10,000 records, to 4 decimals, and 0 over no records', () => {
    expect(ratePer10k(1, 3)).toBe(3333.3333);
    expect(ratePer10k(2, 3)).toBe(6666.6667);
    expect(ratePer10k(5, 10_000)).toBe(5);
    expect(ratePer10k(3, 0)).toBe(0);
  });

  it('divides by the records inside the window', () => {
    expect(windowRecords(now(1000, 200, []))).toBe(800);
    // 4 in 800 records = 50 per 10k; 5 in 1000 = 50: unchanged
    const c = compare(now(1000, 200, [['storage_error', 4]]), base(1000, [['storage_error', 5]]), 0);
    expect(c.codes).toEqual([{ code: 'storage_error', status: 'unchanged', count: 4, baselineCount: 5, ratePer10k: 50, baselineRatePer10k: 50 }]);
  });

  it('counts at least as many records inside the window as its most counted code has: a straddling stack trace is compared, not skipped', () => {
    // 3 records, all outside by their first lines; one code counted inside by a carried line's time.
    expect(windowRecords(now(3, 3, [['storage_error', 1]]))).toBe(1);
    // 1 in 1 record = 10,000 per 10k against 1 in 100 = 100: increased (not "nothing to compare").
    const c = compare(now(3, 3, [['storage_error', 1], ['smime_error', 1]]), base(100, [['storage_error', 1]]), 0.2);
    expect(c.codes.map((x) => [x.code, x.status, x.ratePer10k])).toEqual([
      ['smime_error', 'new', 10_000],
      ['storage_error', 'increased', 10_000],
    ]);
    // Nothing inside at all: nothing to compare.
    expect(compare(now(3, 3, []), base(100, [['storage_error', 1]]), 0.2).codes).toEqual([]);
  });

  it('classifies by rate against the band of ±tolerance around the baseline rate, the edges in the band', () => {
    // baseline: 100 in 10,000 records = 100 per 10k; tolerance 0.2: unchanged from 80 to 120 inclusive
    const b = base(10_000, [['a', 100], ['b', 100], ['c', 100], ['d', 100], ['e', 100]]);
    const r = now(10_000, 0, [['a', 121], ['b', 120], ['c', 80], ['d', 79], ['e', 100]]);
    const status = Object.fromEntries(compare(r, b, 0.2).codes.map((x) => [x.code, x.status]));
    expect(status).toEqual({ a: 'increased', b: 'unchanged', c: 'unchanged', d: 'decreased', e: 'unchanged' });
    // with no tolerance, any change counts
    const zero = Object.fromEntries(compare(now(10_000, 0, [['a', 101], ['b', 99], ['c', 100]]), base(10_000, [['a', 100], ['b', 100], ['c', 100]]), 0).codes.map((x) => [x.code, x.status]));
    expect(zero).toEqual({ a: 'increased', b: 'decreased', c: 'unchanged' });
  });

  it('calls a code new when the baseline lacks it or counted none, and resolved when it is gone now', () => {
    const c = compare(now(100, 0, [['A_ERROR', 2], ['b_error', 1]]), base(100, [['a_error', 0], ['C_ERROR', 4], ['d_error', 0]]), 0.1);
    expect(c).toEqual({
      baseline: 'base.json',
      tolerance: 0.1,
      codes: [
        { code: 'A_ERROR', status: 'new', count: 2, baselineCount: 0, ratePer10k: 200, baselineRatePer10k: 0 },
        { code: 'b_error', status: 'new', count: 1, baselineCount: 0, ratePer10k: 100, baselineRatePer10k: 0 },
        { code: 'C_ERROR', status: 'resolved', count: 0, baselineCount: 4, ratePer10k: 0, baselineRatePer10k: 400 },
      ],
    });
  });

  it('matches codes case-insensitively and names them as this scan spells them', () => {
    const c = compare(now(100, 0, [['Storage_Error', 3]]), base(100, [['STORAGE_ERROR', 3]]), 0);
    expect(c.codes).toEqual([{ code: 'Storage_Error', status: 'unchanged', count: 3, baselineCount: 3, ratePer10k: 300, baselineRatePer10k: 300 }]);
  });

  it('orders new, increased, unchanged, decreased, resolved; then by count, baseline count and code', () => {
    const b = base(100, [['inc1', 1], ['inc2', 1], ['same1', 5], ['same2', 6], ['same3', 6], ['dec', 9], ['gone1', 1], ['gone2', 2]]);
    const r = now(100, 0, [['dec', 1], ['same1', 5], ['same3', 5], ['same2', 5], ['inc1', 3], ['inc2', 4], ['new2', 1], ['new1', 1], ['new3', 2]]);
    expect(compare(r, b, 0.25).codes.map((x) => [x.code, x.status])).toEqual([
      ['new3', 'new'],
      ['new1', 'new'],
      ['new2', 'new'],
      ['inc2', 'increased'],
      ['inc1', 'increased'],
      ['same2', 'unchanged'],
      ['same3', 'unchanged'],
      ['same1', 'unchanged'],
      ['dec', 'decreased'],
      ['gone2', 'resolved'],
      ['gone1', 'resolved'],
    ]);
  });
});
