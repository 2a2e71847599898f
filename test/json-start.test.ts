/**
 * startsJsonObject: the beginning of one JSON object, cut anywhere (how a first line too long to hold is
 * judged). Every prefix of a JSON object past its first key is one; the rejected cases are written by hand
 * from JSON's grammar.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startsJsonObject } from '../src/input/json-start.js';

describe('startsJsonObject', () => {
  it('takes every cut of a JSON object once its first key (or its closing brace) has begun', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }), fc.constantFrom(undefined, 1, '\t'), (obj, space) => {
        const text = JSON.stringify(obj, null, space);
        // the first character after `{` and its white space: `"` or `}`
        const first = text.slice(1).search(/\S/) + 1;
        const wrong: string[] = [];
        for (let n = 1; n <= text.length; n++) if (startsJsonObject(text.slice(0, n)) !== n > first) wrong.push(text.slice(0, n));
        expect(wrong).toEqual([]);
        expect(startsJsonObject(text + '  \t')).toBe(true);
      }),
      { numRuns: 200, seed: 2026 },
    );
  });

  it('takes cuts inside strings, escapes, numbers and literals', () => {
    for (const cut of ['{"a', '{"a\\', '{"a\\u00', '{"a":"x\\n', '{"a":-', '{"a":12.', '{"a":1.5e', '{"a":1e+', '{"a":0', '{"a":t', '{"a":fals', '{"a":nul', '{"a":[', '{"a":[1,', '{"a":{"b":[{}', '{"a":"é'])
      expect(startsJsonObject(cut), cut).toBe(true);
  });

  it('rejects what JSON rejects, wherever the text is cut', () => {
    for (const bad of [
      '',
      '[',
      ' {"a":1',
      '{',
      '{ ',
      '{a',
      "{'a'",
      '{"a" 1',
      '{"a":}',
      '{"a":1,}',
      '{"a":1 "b"',
      '{"a":[1,]',
      '{"a":[1}',
      '{"a":{]',
      '{"a":01',
      '{"a":1.e5',
      '{"a":.5',
      '{"a":+1',
      '{"a":1x',
      '{"a":truex',
      '{"a":tx',
      '{"a":"\\x"',
      '{"a":"\\u12g4"',
      '{"a":"tab\there"',
      '{"a":1} x',
      '{"a":1}{',
      '{"a":NaN',
      '{"a":é',
    ])
      expect(startsJsonObject(bad), JSON.stringify(bad)).toBe(false);
  });

  it('takes an empty object, and one with white space anywhere JSON allows it', () => {
    expect(startsJsonObject('{}')).toBe(true);
    expect(startsJsonObject('{ \t\r}  ')).toBe(true);
    expect(startsJsonObject('{ "a" : [ 1 , true ] , "b" : null }')).toBe(true);
  });

  it('holds a deep nesting without running out of stack', () => {
    expect(startsJsonObject('{"a":' + '['.repeat(200_000))).toBe(true);
    expect(startsJsonObject('{"a":' + '['.repeat(200_000) + ']'.repeat(200_000) + '}')).toBe(true);
  });
});
