/**
 * A JSON line's time field read at once (src/wasm/jsonl.ts stringTime: an ISO date-time alone, with the minute
 * the line before had kept) reads as valueTime reads it; every other value is valueTime's.
 */
import { describe, expect, it } from 'vitest';
import { defaultMatcher, expectSameTally, fastJsonl, referenceJsonl } from './support/engines.js';

const m = defaultMatcher();
// 2026-03-18T00:00 UTC is 1773792000000 ms (20530 days since 1970-01-01, times 86400000).
const minute = 1_773_792_000_000;
const line = (time: string, before = ''): string => `{${before}"time":${JSON.stringify(time)},"code":"storage_error"}`;

/** The first time the line's code is seen, scanned alone. */
const seen = (text: string): number | null | undefined => fastJsonl([Buffer.from(text + '\n')], m).codes.get('storage_error')?.firstSeen;

describe("a JSON line's time field", () => {
  it('reads an ISO date-time alone, in the minute read last and after it', () => {
    expect(Date.UTC(2026, 2, 18)).toBe(minute);
    expect(seen(line('2026-03-18T00:00:07.123Z'))).toBe(minute + 7_123);
    // The same minute again (read at once), then the next minute, then back.
    expect(seen(line('2026-03-18T00:00:59.999Z'))).toBe(minute + 59_999);
    expect(seen(line('2026-03-18T00:01:00.000Z'))).toBe(minute + 60_000);
    expect(seen(line('2026-03-18T00:00:01.001Z'))).toBe(minute + 1_001);
    // Other tails after the same minute: an offset, no fraction, a comma.
    expect(seen(line('2026-03-18T00:00:07.123+02:00'))).toBe(minute + 7_123 - 2 * 3_600_000);
    expect(seen(line('2026-03-18T00:00:07Z'))).toBe(minute + 7_000);
    expect(seen(line('2026-03-18T00:00:07,5Z'))).toBe(minute + 7_500);
  });

  it('leaves a value that is more than the date-time to valueTime', () => {
    // Blanks after it are trimmed: the same time.
    expect(seen(line('2026-03-18T00:00:09.000Z  '))).toBe(minute + 9_000);
    // A digit after the Z: the value as a whole is no time; the field holds a value, so the line's time is
    // the first date-time in that value, not the one its note mentions (05:00).
    const before = '"note":"2026-03-18T05:00:00Z",';
    expect(seen(line('2026-03-18T00:00:07.123Z5', before))).toBe(minute + 7_123);
    // Text after it: the same.
    expect(seen(line('2026-03-18T00:00:07.123Z x', before))).toBe(minute + 7_123);
    // A date that is not real, in the minute read last and alone: the value holds no time, so the line has none.
    expect(seen(line('2026-03-18T00:00:07.123Z'))).toBe(minute + 7_123);
    expect(seen(line('2026-02-30T00:00:07.123Z', before))).toBeNull();
    expect(seen(line('2026-02-30T00:00:08.123Z', before))).toBeNull();
    // A word (no year, no month's name) says nothing of where the time is: the note's date-time is the line's.
    expect(seen(line('later', before))).toBe(Date.UTC(2026, 2, 18, 5));
    // A placeholder is no value: the line has no time of its own, not the date its note mentions.
    expect(seen(line('-', before))).toBeNull();
    expect(seen(line('', before))).toBeNull();
    // Too short for a minute: a date alone is midnight.
    expect(seen(line('2026-03-19'))).toBe(Date.UTC(2026, 2, 19));
  });

  it('counts as the reference reader does, the lines in a file in a row', async () => {
    const times = ['2026-03-18T00:00:07.123Z', '2026-03-18T00:00:07.123Z ', '2026-03-18T00:00:07.123Z5', '2026-02-30T00:00:07.123Z', '2026-03-18T00:00:60.000Z', '2026-03-18T00:00:61.000Z', '2026-03-18 00:00:02.5', '2026-03-18T00:00:03.000Z'];
    const text = times.map((t, i) => line(t, `"n":${i},`) + '\n').join('');
    for (const order of [text, text.split('\n').reverse().join('\n')]) {
      const chunks = [Buffer.from(order)];
      expectSameTally(fastJsonl(chunks, m), await referenceJsonl(chunks, m), m);
    }
  });

  it('takes the code and time fields in their slots\' order, passing over those that hold none', async () => {
    const count = (text: string, code: string): number | undefined => fastJsonl([Buffer.from(text + '\n')], m).codes.get(code)?.count;
    // `code` is empty and `error_code` a number: `errorCode` decides, and the text is not read for codes.
    const fields = '{"msg":"storage_error","errorCode":"smime_error","code":"","error_code":42,"time":"2026-03-18T00:00:04Z"}';
    expect(count(fields, 'smime_error')).toBe(1);
    expect(count(fields, 'storage_error')).toBe(undefined);
    // `timestamp` holds no time and `date` comes after `time` in the slots: `time` (00:00:01) is the line's.
    const times = '{"date":"2026-03-18T00:00:02Z","time":"2026-03-18T00:00:01Z","timestamp":"x","code":"storage_error"}';
    expect(seen(times)).toBe(minute + 1_000);
    // An empty `timestamp`, then `date` in epoch seconds.
    expect(seen('{"timestamp":"","date":1773792003,"code":"storage_error"}')).toBe(minute + 3_000);
    const chunks = [Buffer.from([fields, times].join('\n') + '\n')];
    expectSameTally(fastJsonl(chunks, m), await referenceJsonl(chunks, m), m);
  });
});
