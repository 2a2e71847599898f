/**
 * The kernel's compact pairs read a whole number of up to eight digits from one eight-byte load (src/wasm/
 * json-tokens.ts quickNumber), anything else digit by digit. The verdicts and the number fields are those
 * JSON.parse gives: eight and nine digits, a fraction or an exponent right after them, a leading zero, a
 * minus sign, a number the text's end cuts.
 */
import { describe, expect, it } from 'vitest';
import { Kind, Type, WATCHED } from '../src/fast/json-line.js';
import { validateText } from './support/kernel-json.js';

const TS = WATCHED.indexOf('ts'); // a time field: its number's text is noted

/** Validates the first `end` bytes of `text`: the kind, and the text of the number in `ts` (if the object holds one). */
function read(text: string, end = text.length): { kind: Kind; ts?: string } {
  const { kind, fields, buf } = validateText(text, end);
  if (kind !== Kind.Object || fields.type(TS) !== Type.Number) return { kind };
  return { kind, ts: buf.toString('latin1', fields.start[TS]!, fields.end[TS]!) };
}

describe('numbers in compact pairs', () => {
  it('one to eight digits, then `,` or `}`', () => {
    for (const n of ['1', '42', '4076', '12345678']) {
      expect(read(`{"ts":${n},"a":"b"}`)).toEqual({ kind: Kind.Object, ts: n });
      expect(read(`{"a":"b","ts":${n}}`)).toEqual({ kind: Kind.Object, ts: n });
    }
  });

  it('nine digits and more (past the one load)', () => {
    expect(read('{"ts":123456789,"a":1}')).toEqual({ kind: Kind.Object, ts: '123456789' });
    expect(read('{"ts":1700000000123}')).toEqual({ kind: Kind.Object, ts: '1700000000123' });
  });

  it('a fraction or an exponent right after the digits is read on', () => {
    expect(read('{"ts":17.5}')).toEqual({ kind: Kind.Object, ts: '17.5' });
    expect(read('{"ts":17e3}')).toEqual({ kind: Kind.Object, ts: '17e3' });
    expect(read('{"ts":17E+3,"a":1}')).toEqual({ kind: Kind.Object, ts: '17E+3' });
    expect(read('{"ts":1234567.25}')).toEqual({ kind: Kind.Object, ts: '1234567.25' });
    // Not JSON: a point or an exponent with no digit after it.
    expect(read('{"ts":17.}').kind).toBe(Kind.Unsure);
    expect(read('{"ts":17e}').kind).toBe(Kind.Unsure);
  });

  it('a leading zero, a minus sign', () => {
    expect(read('{"ts":0,"a":1}')).toEqual({ kind: Kind.Object, ts: '0' });
    expect(read('{"ts":-12}')).toEqual({ kind: Kind.Object, ts: '-12' });
    expect(read('{"ts":0.5}')).toEqual({ kind: Kind.Object, ts: '0.5' });
    expect(read('{"ts":01}').kind).toBe(Kind.Unsure);
    expect(read('{"ts":-}').kind).toBe(Kind.Unsure);
  });

  it('digits the text\'s end cuts, with more digits after it in memory', () => {
    // `{"ts":12345}`: cut after `123` (byte 9), the two digits after it are not the text's.
    expect(read('{"ts":12345}', 9).kind).toBe(Kind.Unsure);
    expect(read('{"ts":12345}', 11).kind).toBe(Kind.Unsure);
    // A digit or a letter after the number, where `,` or `}` belongs.
    expect(read('{"ts":12a}').kind).toBe(Kind.Unsure);
    expect(read('{"ts":12 }')).toEqual({ kind: Kind.Object, ts: '12' });
  });
});
