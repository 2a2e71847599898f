/**
 * With a window, a JSON line whose time only a parse can find (a dotted --time-field, a search hit's
 * `_source`) is timed as the record reader times it, on every road to the JSON-lines scan: plain JSON lines,
 * and input the JSON-array path reads as lines because it is no array; with a catalog of `_` words and with
 * one the kernel does not scan (the general pattern). Expected values worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import type { FieldOptions } from '../src/extract/record.js';
import type { Matcher } from '../src/extract/matcher.js';
import type { TimeWindow } from '../src/summary/window.js';
import { defaultMatcher, fastJsonl, generalMatcher, report } from './support/engines.js';
import { fastJsonArray } from './support/structured.js';

// 1710756000 s = 2024-03-18T10:00:00Z.
const AT = '2024-03-18T10:00:00.000Z';
const AFTER_2024 = { since: Date.UTC(2024, 0, 1), until: null };
const BEFORE_1999 = { since: null, until: Date.UTC(1999, 0, 1) };

function both(text: string, m: Matcher, w: TimeWindow, fields: FieldOptions) {
  const bytes = Buffer.from(text);
  return [report(fastJsonl([bytes], m, 'a', undefined, undefined, w, fields), m), report(fastJsonArray([bytes], m, undefined, w, fields), m)];
}

const summary = (r: ReturnType<typeof report>) => ({
  codes: r.codes.map((c) => [c.code, c.count, c.firstSeen]),
  records: r.totals.records,
  untimed: r.totals.untimedRecords,
  outside: r.totals.outsideWindow,
});

describe('a JSON line timed only by its parse, with a window', () => {
  it('takes its time from a dotted --time-field (message.ts), and the next line inherits it', () => {
    const text = '{"message":{"ts":1710756000},"msg":"storage_error"}\n{"msg":"smime_error"}\n';
    for (const r of both(text, defaultMatcher(), AFTER_2024, { timeField: 'message.ts' }))
      expect(summary(r)).toEqual({ codes: [['smime_error', 1, AT], ['storage_error', 1, AT]], records: 2, untimed: 0, outside: 0 });
    for (const r of both(text, defaultMatcher(), BEFORE_1999, { timeField: 'message.ts' })) expect(summary(r)).toEqual({ codes: [], records: 2, untimed: 0, outside: 2 });
  });

  it('takes it from a dotted --time-field with a catalog the kernel does not scan', () => {
    const text = '{"message":{"ts":1710756000},"msg":"E-101 failed"}\n{"msg":"TIMEOUT"}\n';
    for (const r of both(text, generalMatcher(), AFTER_2024, { timeField: 'message.ts' }))
      expect(summary(r)).toEqual({ codes: [['E-101', 1, AT], ['TIMEOUT', 1, AT]], records: 2, untimed: 0, outside: 0 });
    for (const r of both(text, generalMatcher(), BEFORE_1999, { timeField: 'message.ts' })) expect(summary(r)).toEqual({ codes: [], records: 2, untimed: 0, outside: 2 });
  });

  it('looks into a search hit (`_source`) for its time with a catalog the kernel does not scan', () => {
    // A line holding a `_source` object is a hit: its scopes are looked into, the `message` object's `time` too.
    const text = '{"_source":{},"message":{"time":1710756000}}\n{"msg":"E-101"}\n{"_source":{"timestamp":1710756000},"msg":"TIMEOUT"}\n';
    for (const r of both(text, generalMatcher(), AFTER_2024, {}))
      expect(summary(r)).toEqual({ codes: [['E-101', 1, AT], ['TIMEOUT', 1, AT]], records: 3, untimed: 0, outside: 0 });
    for (const r of both(text, generalMatcher(), BEFORE_1999, {})) expect(summary(r)).toEqual({ codes: [], records: 3, untimed: 0, outside: 3 });
  });
});
