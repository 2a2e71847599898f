/**
 * Reading the fields of structured records: a JSON object's own properties and dotted paths (never
 * inherited ones), CSV columns by header name in any case (first duplicate wins), and JSON text that
 * parses, does not, or is not an object. Expected values come straight from the inputs written here.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { headerColumn, headerIndex, jsonRecord, objectFields, parseJson, rowFields } from '../src/input/fields.js';

describe('objectFields', () => {
  const f = objectFields({ code: 'storage_error', 'a.b': 'flat', a: { b: 'nested', n: null, c: { d: 7 } }, s: 'str', z: 0 });

  it('reads an own property by its exact name, a falsy value included', () => {
    expect(f.get('code')).toBe('storage_error');
    expect(f.get('z')).toBe(0);
    expect(f.get('Code')).toBeUndefined();
  });

  it('prefers a property whose name holds a dot over the path', () => {
    expect(f.get('a.b')).toBe('flat');
  });

  it('follows a dotted path into nested objects', () => {
    expect(f.get('a.c.d')).toBe(7);
    expect(f.get('a.c')).toEqual({ d: 7 });
  });

  it('gives undefined for a missing name or a path through null, a string or a missing key', () => {
    expect(f.get('missing')).toBeUndefined();
    expect(f.get('a.n.x')).toBeUndefined();
    expect(f.get('s.length')).toBeUndefined();
    expect(f.get('a.x.y')).toBeUndefined();
    expect(f.get('a.n')).toBeNull();
  });

  it('never reads an inherited property', () => {
    expect(f.get('toString')).toBeUndefined();
    expect(f.get('a.constructor')).toBeUndefined();
    expect(f.get('constructor.name')).toBeUndefined();
  });
});

describe('headerIndex and rowFields', () => {
  it('match header names trimmed and in any case; the first of duplicate names wins', () => {
    const index = headerIndex([' Time ', 'CODE', 'code', 'Message']);
    expect([...index].filter(([k]) => !k.startsWith('\0'))).toEqual([
      ['time', 0],
      ['code', 1],
      ['message', 3],
    ]);
    const row = rowFields(index, ['2026-03-11T10:00:00Z', 'storage_error', 'smime_error', 'hello']);
    expect(row.get('Code')).toBe('storage_error');
    expect(row.get('TIME')).toBe('2026-03-11T10:00:00Z');
    expect(row.get('message')).toBe('hello');
    expect(row.get('missing')).toBeUndefined();
  });

  it('match a name squashed too: without blanks, `_`, `-` and `.`, in any case, the name as written first', () => {
    const index = headerIndex(['Error Code', 'Time Generated [UTC]', 'E-mail', 'error.code', 'timestamp', 'Time_Stamp']);
    expect(headerColumn(index, 'error_code')).toBe(0); // `Error Code`, not the later `error.code`
    expect(headerColumn(index, 'errorCode')).toBe(0);
    expect(headerColumn(index, 'ErrorCode')).toBe(0);
    expect(headerColumn(index, 'TimeGenerated')).toBe(1); // squashed after the zone is off
    expect(headerColumn(index, 'email')).toBe(2);
    expect(headerColumn(index, 'timestamp')).toBe(4); // as written, before `Time_Stamp` squashed
    expect(headerColumn(index, 'code')).toBeUndefined(); // a part of a name is not the name
    expect(headerColumn(index, 'error')).toBeUndefined();
    expect(rowFields(index, ['quota_full', 'x', 'kim@example.com']).get('error_code')).toBe('quota_full');
    // a name as written wins over another one squashed to it
    expect(headerColumn(headerIndex(['error-code', 'errorcode']), 'errorcode')).toBe(1);
    expect(headerColumn(headerIndex(['error-code', 'errorcode']), 'error_code')).toBe(0);
  });

  it('gives undefined for a column the row is too short to have', () => {
    expect(rowFields(headerIndex(['a', 'b']), ['1']).get('b')).toBeUndefined();
  });
});

describe('parseJson and jsonRecord', () => {
  it('returns the value or an error, never a throw', () => {
    expect(parseJson('{"a":1}')).toEqual({ value: { a: 1 } });
    expect(parseJson('null')).toEqual({ value: null });
    expect(parseJson('{oops')).toEqual({ err: true });
  });

  it('gives fields for an object, and nothing for other JSON values, which are not malformed', () => {
    const obj = jsonRecord('{"code":"smime_error"}');
    expect(obj.malformed).toBe(false);
    expect(obj.fields?.get('code')).toBe('smime_error');
    for (const v of ['null', '[1,2]', '"x"', '3', 'true']) expect(jsonRecord(v), v).toEqual({ malformed: false });
  });

  it('is malformed when the text does not parse', () => {
    expect(jsonRecord('{"code":')).toEqual({ malformed: true });
  });

  it('reads what JSON.parse reads, the texts it tells at once without it included (a stack trace\'s lines)', () => {
    const parse = (t: string): unknown => {
      try {
        return { value: JSON.parse(t) as unknown };
      } catch {
        return { err: true };
      }
    };
    for (const t of ['\tat com.mx.Svc.run(Svc.java:12)', 'Caused by: java.io.IOException: storage_error', '\t... 4 more', ' \r\n{"a":[1,true,null]}\t', ' -0.5e3 ', 'false', 'nul', '"x', '{}x', '\ufeff{}', '']) {
      expect(parseJson(t), JSON.stringify(t)).toEqual(parse(t));
    }
    const blank = fc.constantFrom('', ' ', '\t', '\n', '\r', '\u00a0', '\ufeff');
    const text = fc.oneof(fc.json(), fc.string(), fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null'));
    fc.assert(
      fc.property(blank, text, blank, fc.string({ maxLength: 2 }), (a, t, b, junk) => {
        for (const x of [a + t + b, a + t + junk, junk + t]) expect(parseJson(x)).toEqual(parse(x));
      }),
      { numRuns: 2000, seed: 21 },
    );
  });
});
