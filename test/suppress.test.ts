/** Reading a suppressions file, and when a suppression stops applying. */
import { describe, expect, it } from 'vitest';
import { expiryTime, isExpired, parseSuppressions } from '../src/summary/suppress.js';

const parse = (data: unknown): ReturnType<typeof parseSuppressions> => parseSuppressions(JSON.stringify(data), 's.json');

describe('parseSuppressions', () => {
  it('takes code and reason trimmed, and expires as written (null when absent)', () => {
    expect(
      parse([
        { code: '  smime_error ', reason: ' CA rotation ', expires: '2026-12-31' },
        { code: 'storage_error', reason: 'box outage', expires: null },
        { code: 'web_hook_moved', reason: 'noise' },
        { code: 'x_error', reason: 'until noon', expires: '2026-12-31T12:00:00Z' },
      ]),
    ).toEqual([
      { code: 'smime_error', reason: 'CA rotation', expires: '2026-12-31' },
      { code: 'storage_error', reason: 'box outage', expires: null },
      { code: 'web_hook_moved', reason: 'noise', expires: null },
      { code: 'x_error', reason: 'until noon', expires: '2026-12-31T12:00:00Z' },
    ]);
    expect(parse([])).toEqual([]);
  });

  it('reads only own fields, not inherited ones', () => {
    const text = '[{"code":"smime_error","__proto__":{"reason":"inherited"}}]';
    // A key JSON.parse keeps as the object's own: unknown, refused before its "reason" could be read.
    expect(() => parseSuppressions(text, 's.json')).toThrow('bad suppressions file s.json: entry 0: unknown key "__proto__" (the keys are code, reason, expires)');
    expect(() => parseSuppressions('[{"code":"smime_error","expires":null}]', 's.json')).toThrow('entry 0, field "reason": a suppression needs a reason');
  });

  it.each([
    ['not JSON', '[{', /^bad suppressions file s\.json: not valid JSON \([^\n]+\)$/],
    ['an object', '{}', 'bad suppressions file s.json: expected a JSON array of { "code", "reason", "expires" }'],
    ['a null entry', '[null]', 'bad suppressions file s.json: entry 0: expected an object'],
    ['a string entry', '["smime_error"]', 'bad suppressions file s.json: entry 0: expected an object'],
    ['an array entry', '[["smime_error", "why"]]', 'bad suppressions file s.json: entry 0: expected an object'],
    ['no code', '[{"reason":"r"}]', 'bad suppressions file s.json: entry 0, field "code": expected a non-empty string'],
    ['a blank code', '[{"code":"  ","reason":"r"}]', 'bad suppressions file s.json: entry 0, field "code": expected a non-empty string'],
    ['a numeric code', '[{"code":7,"reason":"r"}]', 'bad suppressions file s.json: entry 0, field "code": expected a non-empty string'],
    ['a blank reason', '[{"code":"a","reason":" "}]', 'bad suppressions file s.json: entry 0, field "reason": a suppression needs a reason'],
    ['a numeric reason', '[{"code":"a","reason":1}]', 'bad suppressions file s.json: entry 0, field "reason": a suppression needs a reason'],
    ['a numeric expiry', '[{"code":"a","reason":"r","expires":20261231}]', 'bad suppressions file s.json: entry 0, field "expires": expected an ISO-8601 date such as 2026-12-31'],
    ['an expiry that is no date', '[{"code":"a","reason":"r","expires":"soon"}]', 'bad suppressions file s.json: entry 0, field "expires": expected an ISO-8601 date such as 2026-12-31'],
    ['a misspelt key, which would never expire (SUSPECTED BUG: it was passed over)', '[{"code":"a","reason":"r","expiry":"2026-01-01"}]', 'bad suppressions file s.json: entry 0: unknown key "expiry" (did you mean "expires"?)'],
    ['a key of another file', '[{"code":"a","reason":"r","level":"warn"}]', 'bad suppressions file s.json: entry 0: unknown key "level" (the keys are code, reason, expires)'],
    ['a number for a date (SUSPECTED BUG: "1" was the year 2001)', '[{"code":"a","reason":"r","expires":"1"}]', 'field "expires": expected an ISO-8601 date such as 2026-12-31, or a date and time such as 2026-12-31T18:00Z (UTC without a zone), got "1"'],
    ['a day the calendar does not have (SUSPECTED BUG: 2026-02-31 was 3 March)', '[{"code":"a","reason":"r","expires":"2026-02-31"}]', 'got "2026-02-31"'],
    ['a code twice, in another case', '[{"code":"a_error","reason":"r"},{"code":" A_ERROR","reason":"s"}]', 'bad suppressions file s.json: entry 1, field "code":  A_ERROR is suppressed twice'],
  ])('refuses %s', (_what, text, why) => {
    expect(() => parseSuppressions(text, 's.json')).toThrow(why);
  });

  it('names the entry at fault by its index', () => {
    expect(() => parse([{ code: 'a', reason: 'r' }, { code: 'b', reason: 'r' }, { code: 'c' }])).toThrow('entry 2, field "reason"');
  });
});

describe('expiry', () => {
  it('runs a date through the last millisecond of that day, UTC, and a date-time to its instant', () => {
    expect(expiryTime('2026-12-31')).toBe(Date.UTC(2026, 11, 31, 23, 59, 59, 999));
    expect(expiryTime(' 2026-12-31 ')).toBe(Date.UTC(2026, 11, 31, 23, 59, 59, 999));
    expect(expiryTime('2026-12-31T12:00:00Z')).toBe(Date.UTC(2026, 11, 31, 12));
    expect(expiryTime('2026-12-31T12:00:00+02:00')).toBe(Date.UTC(2026, 11, 31, 10));
    expect(expiryTime('2026-12-31T12:00+0200')).toBe(Date.UTC(2026, 11, 31, 10));
  });

  it('reads a date and time without a zone in UTC, wherever mxscan runs (SUSPECTED BUG: in the machine\'s zone)', () => {
    const before = process.env['TZ'];
    try {
      for (const tz of ['UTC', 'Asia/Tokyo', 'America/Los_Angeles']) {
        process.env['TZ'] = tz;
        expect(expiryTime('2026-12-06T20:00')).toBe(Date.UTC(2026, 11, 6, 20));
        expect(expiryTime('2026-12-06 20:00:30')).toBe(Date.UTC(2026, 11, 6, 20, 0, 30));
      }
    } finally {
      if (before === undefined) delete process.env['TZ'];
      else process.env['TZ'] = before;
    }
  });

  it('has expired only once now is past that instant; no expiry never expires', () => {
    const s = { code: 'a', reason: 'r', expires: '2026-12-31' };
    const end = Date.UTC(2026, 11, 31, 23, 59, 59, 999);
    expect(isExpired(s, end - 1)).toBe(false);
    expect(isExpired(s, end)).toBe(false);
    expect(isExpired(s, end + 1)).toBe(true);
    expect(isExpired({ ...s, expires: null }, 8.64e15)).toBe(false);
  });
});
