/** Reading a baseline report: what is refused (one message each) and what its rates are taken from. */
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../src/summary/report.js';
import { parseBaseline } from '../src/summary/baseline.js';

const good = { tool: { name: 'mxscan' }, schemaVersion: SCHEMA_VERSION, totals: { records: 200, outsideWindow: 50 }, codes: [{ code: 'STORAGE_ERROR', count: 3 }] };
const withOut = (patch: Record<string, unknown>): string => JSON.stringify({ ...good, ...patch });

describe('parseBaseline', () => {
  it('takes its codes (by lower-cased code) and the records inside its window', () => {
    const b = parseBaseline(JSON.stringify(good), 'base.json');
    expect(b.records).toBe(150);
    expect([...b.counts]).toEqual([['storage_error', { code: 'STORAGE_ERROR', count: 3 }]]);
    // Without outsideWindow (an older report), every record counts.
    expect(parseBaseline(withOut({ totals: { records: 200 } }), 'base.json').records).toBe(200);
    // All records outside the window: none left.
    expect(parseBaseline(withOut({ totals: { records: 200, outsideWindow: 200 } }), 'base.json').records).toBe(0);
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
