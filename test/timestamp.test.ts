import { describe, expect, it } from 'vitest';
import { findTimestamp, isoOrNull, timeFromValue } from '../src/extract/timestamp.js';

const iso = (text: string) => isoOrNull(findTimestamp(text));

describe('the timestamp rule', () => {
  it.each([
    ['2026-03-18T10:15:00Z boot', '2026-03-18T10:15:00.000Z'],
    ['[2026-03-18 10:15:00] no zone is UTC', '2026-03-18T10:15:00.000Z'],
    ['at 2026-03-18T10:15:00.123456Z', '2026-03-18T10:15:00.123Z'],
    ['2026-03-18T10:15:00,5Z', '2026-03-18T10:15:00.500Z'],
    ['2026-03-18T10:15:00+02:00', '2026-03-18T08:15:00.000Z'],
    ['2026-03-18T10:15:00-0530', '2026-03-18T15:45:00.000Z'],
    ['2026-03-18T10:15Z without seconds', '2026-03-18T10:15:00.000Z'],
    ['2026-03-18t10:15:00z lower case', '2026-03-18T10:15:00.000Z'],
  ])('reads %s', (text, expected) => {
    expect(iso(text)).toBe(expected);
  });

  it('takes the first valid date-time in a record', () => {
    expect(iso('start 2026-03-18T10:15:00Z end 2026-03-19T00:00:00Z')).toBe('2026-03-18T10:15:00.000Z');
    expect(iso('bad 2026-02-30T10:00:00Z good 2026-03-01T00:00:00Z')).toBe('2026-03-01T00:00:00.000Z');
  });

  it.each([['no time here'], ['12026-03-18T10:15:00Z'], ['2026-13-01T00:00:00Z'], ['2026-02-29T00:00:00Z'], ['2026-03-18T24:00:00Z'], ['2026-03-18'], ['18/13/2026 10:15:00']])(
    'finds no time in %s',
    (text) => {
      expect(findTimestamp(text)).toBeNull();
    },
  );

  it('knows leap years', () => {
    expect(iso('2024-02-29T00:00:00Z')).toBe('2024-02-29T00:00:00.000Z');
    expect(iso('2000-02-29T00:00:00Z')).toBe('2000-02-29T00:00:00.000Z');
    expect(findTimestamp('1900-02-29T00:00:00Z')).toBeNull();
  });
});

describe('times in structured fields', () => {
  it('reads ISO strings, dates, epoch seconds and milliseconds', () => {
    expect(isoOrNull(timeFromValue('2026-03-18 12:00:00'))).toBe('2026-03-18T12:00:00.000Z');
    expect(isoOrNull(timeFromValue('2026-03-18'))).toBe('2026-03-18T00:00:00.000Z');
    expect(isoOrNull(timeFromValue(1773835200))).toBe('2026-03-18T12:00:00.000Z');
    expect(isoOrNull(timeFromValue(1773835200123))).toBe('2026-03-18T12:00:00.123Z');
    expect(isoOrNull(timeFromValue('1773835200'))).toBe('2026-03-18T12:00:00.000Z');
  });

  it('wants the whole value to be the time', () => {
    expect(timeFromValue('at 2026-03-18T12:00:00Z')).toBeNull();
    expect(timeFromValue(true)).toBeNull();
    expect(timeFromValue(null)).toBeNull();
    expect(timeFromValue(-5)).toBeNull();
    expect(timeFromValue('soon')).toBeNull();
  });

  it('reads the objects a time is wrapped in: MongoDB $date, log4j2 instant, protobuf Timestamp', () => {
    const iso = (v: unknown): string | null => isoOrNull(timeFromValue(v));
    expect(iso({ $date: '2026-03-18T12:00:00.123Z' })).toBe('2026-03-18T12:00:00.123Z');
    expect(iso({ $date: { $numberLong: '1773835200123' } })).toBe('2026-03-18T12:00:00.123Z');
    expect(iso({ $date: 1773835200123 })).toBe('2026-03-18T12:00:00.123Z');
    expect(iso({ epochSecond: 1773835200, nanoOfSecond: 123999999 })).toBe('2026-03-18T12:00:00.123Z');
    expect(iso({ epochSecond: 1773835200 })).toBe('2026-03-18T12:00:00.000Z');
    expect(iso({ seconds: '1773835200', nanos: 5000000 })).toBe('2026-03-18T12:00:00.005Z');
    // the epoch rule holds inside: a count of seconds (before 2001-09-09) is no time
    expect(iso({ epochSecond: 12, nanoOfSecond: 0 })).toBeNull();
    // not whole, out of range, or another shape
    expect(iso({ epochSecond: 1773835200.5 })).toBeNull();
    expect(iso({ epochSecond: 1773835200, nanoOfSecond: 1e9 })).toBeNull();
    expect(iso({ epochSecond: 1773835200, nanoOfSecond: -1 })).toBeNull();
    expect(iso({ epochSecond: 1e11 })).toBeNull();
    expect(iso({ $date: { $oid: 'x' } })).toBeNull();
    // $date's numbers are milliseconds: 1775552400 ms is January 1970, none; past the year 9999, none
    expect(iso({ $date: 1775552400 })).toBeNull();
    expect(iso({ $date: { $numberLong: '1775552400' } })).toBeNull();
    expect(iso({ $date: { $numberLong: '99999999999999999999' } })).toBeNull();
    expect(iso({ $date: { $numberLong: '253402300800000' } })).toBeNull();
    expect(iso({ $date: null })).toBeNull();
    expect(iso({ time: '2026-03-18T12:00:00Z' })).toBeNull();
    expect(iso([1773835200])).toBeNull();
    expect(iso({})).toBeNull();
  });
});
