/**
 * The pure part of timeBefore: a line's own time from bytes already read (src/input/lines-before.ts reads
 * them). Each line is written by hand; the expected time is the first date-time that starts in the piece.
 */
import { describe, expect, it } from 'vitest';
import { jsonLineTime, pieceTime } from '../src/fast/time-before.js';

const T1 = Date.UTC(2026, 2, 18, 10, 0, 59);
const T2 = Date.UTC(2026, 2, 18, 11);

describe('pieceTime', () => {
  it('finds the first date-time of a whole line, and none in a line without one', () => {
    const b = Buffer.from('no time yet, 2026-03-18T10:00:59Z then 2026-03-18T11:00:00Z\r');
    expect(pieceTime(b, b.length, true, true, 0, undefined)).toBe(T1);
    const none = Buffer.from('still none, 2026-13-01T00:00Z is no date');
    expect(pieceTime(none, none.length, true, true, 0, undefined)).toBe(null);
  });

  it('takes only a time that starts in its piece: one before it was looked for with the piece before', () => {
    const b = Buffer.from('x 2026-03-18T10:00:59Z then 2026-03-18T11:00:00Z');
    expect(pieceTime(b, b.length, true, false, b.indexOf(' then'), undefined)).toBe(T2);
    expect(pieceTime(b, b.length, true, false, b.indexOf('2026-03-18T11') + 1, undefined)).toBe(null);
  });
});

describe('jsonLineTime', () => {
  it('reads the time of a JSON line, a CR before its end left out; a blank line has none', () => {
    expect(jsonLineTime(Buffer.from('{"msg":"a","time":"2026-03-18T10:00:59Z"}\r'), {})).toBe(T1);
    expect(jsonLineTime(Buffer.from('   \r'), {})).toBe(null);
    // By --time-field: its field, not the first of the built-in ones.
    expect(jsonLineTime(Buffer.from('{"time":"2026-03-18T09:00:00Z","at":"2026-03-18T10:00:59Z"}'), { timeField: 'at' })).toBe(T1);
  });
});
