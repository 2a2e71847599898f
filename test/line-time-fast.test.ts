/**
 * The kernel's short road for a line's own time (src/wasm/times.ts: an ISO date-time at the line's start,
 * `:SS.mmmZ` after the minute read at once, the date and minute kept from the line before): every line
 * reads as it would alone, whatever the lines before it held.
 */
import { describe, expect, it } from 'vitest';
import { timeOfBytes } from '../src/fast/kernel-pool.js';
import { oracleFindTimestamp } from './support/iso-oracle.js';
import { defaultMatcher, fastTally } from './support/engines.js';

const time = (line: string): number | null => timeOfBytes(Buffer.from(line, 'latin1'));

describe("a line's own time at its start", () => {
  // 2026-03-18T00:00 UTC is 1773792000000 ms (20530 days since 1970-01-01, times 86400000).
  const minute = 1_773_792_000_000;

  it('reads seconds and milliseconds of `:SS.mmmZ` lines that share their minute, in any order', () => {
    expect(Date.UTC(2026, 2, 18)).toBe(minute);
    expect(time('2026-03-18T00:00:00.035Z INFO a')).toBe(minute + 35);
    expect(time('2026-03-18T00:00:59.999Z INFO b')).toBe(minute + 59_999);
    // Same first 19 bytes, a later byte differs.
    expect(time('2026-03-18T00:00:59.998Z INFO c')).toBe(minute + 59_998);
    expect(time('2026-03-18T00:00:07.120Z')).toBe(minute + 7_120);
    // Five different digits, each in its place: 34 s and 567 ms.
    expect(time('2026-03-18T00:00:34.567Z y')).toBe(minute + 34_567);
    expect(time('2026-03-18T00:00:48.219Z y')).toBe(minute + 48_219);
    // The next minute, then back.
    expect(time('2026-03-18T00:01:00.000Z x')).toBe(minute + 60_000);
    expect(time('2026-03-18T00:00:01.001Z x')).toBe(minute + 1_001);
  });

  it('leaves other shapes after the same minute to the whole reading', () => {
    expect(time('2026-03-18T00:00:07.123Z a')).toBe(minute + 7_123);
    // A second 60 reads as 59; 61 is no time (and nothing else on the line is one).
    expect(time('2026-03-18T00:00:60.500Z a')).toBe(minute + 59_500);
    expect(time('2026-03-18T00:00:61.500Z a')).toBe(null);
    // An offset: the same wall time two hours ahead of UTC.
    expect(time('2026-03-18T00:00:07.123+02:00 a')).toBe(minute + 7_123 - 2 * 3_600_000);
    expect(time('2026-03-18T00:00:07,123Z a')).toBe(minute + 7_123);
    expect(time('2026-03-18T00:00:07.123z a')).toBe(minute + 7_123);
    // A digit after the Z: the Z is no zone, the time is read in the zone (UTC here) up to the fraction.
    expect(time('2026-03-18T00:00:07.123Z5 a')).toBe(minute + 7_123);
    expect(time('2026-03-18T00:00:07.12Z a')).toBe(minute + 7_120);
    expect(time('2026-03-18T00:00:07.1234Z a')).toBe(minute + 7_123);
    expect(time('2026-03-18T00:00:07Z a')).toBe(minute + 7_000);
    // The line ends right after the Z.
    expect(time('2026-03-18T00:00:08.250Z')).toBe(minute + 8_250);
    expect(time('2026-03-18T00:00:0x.250Z a')).toBe(minute);
  });

  it('reads no time from a date that is not real, then the real one after it', () => {
    expect(time('2026-02-30T00:00:07.123Z a')).toBe(null);
    expect(time('2026-02-28T00:00:07.123Z a')).toBe(Date.UTC(2026, 1, 28, 0, 0, 7, 123));
    expect(time('2026-02-30T00:00:07.123Z a')).toBe(null);
  });

  it('agrees with the ISO oracle on lines that share their date, hour and minute, in three orders', () => {
    const tails = [':07.123Z', ':07.123Z1', ':07.123z', ':07,123Z', ':60.123Z', ':61.123Z', ':99.123Z', ':07.123+02:00', ':07.1Z', ':07.12345Z', ':07.123', ':07Z', 'Z', ''];
    const heads = ['2026-03-18T10:15', '2026-02-29T10:15', '2024-02-29T10:15', '2026-03-18 23:59', '2026-03-18T24:00'];
    const all = heads.flatMap((h) => tails.flatMap((t) => [h + t, `${h}${t} x`]));
    for (const order of [all, [...all].reverse(), all.filter((_, i) => i % 3 === 0)]) {
      for (const text of order) expect(time(text), text).toBe(oracleFindTimestamp(text));
    }
  });

  it('reads lines the same across chunks, a line cut inside its minute, and the next file', () => {
    const m = defaultMatcher();
    const text = [
      '2026-03-18T00:00:59.990Z a storage_error\n',
      '2026-03-18T00:00:59.995Z b\n',
      '2026-03-18T00:0',
      '0:59.999Z c storage_error\n2026-03-18T00:01:00.001Z d storage_error\n',
      '2026-03-18T00:00:07.500+01:00 e storage_error\n',
    ];
    const t = fastTally(text.map((c) => Buffer.from(c)), m, 'a.log');
    const s = t.codes.get('storage_error');
    expect(s?.count).toBe(4);
    // The +01:00 line is the earliest: 2026-03-17T23:00:07.500Z.
    expect(s?.firstSeen).toBe(Date.UTC(2026, 2, 17, 23, 0, 7, 500));
    expect(s?.lastSeen).toBe(Date.UTC(2026, 2, 18, 0, 1, 0, 1));
    // A file after it whose line starts with the minute read last, then a line whose date is not real: it has
    // no time of its own, so it joins the first line's record and takes its time.
    const next = fastTally([Buffer.from('2026-03-18T00:01:30.000Z storage_error\n2026-02-30T00:01:31.000Z smime_error storage_error\n')], m, 'b.log');
    expect(next.codes.get('storage_error')?.count).toBe(1);
    expect(next.codes.get('storage_error')?.firstSeen).toBe(Date.UTC(2026, 2, 18, 0, 1, 30));
    expect(next.codes.get('smime_error')?.count).toBe(1);
    expect(next.codes.get('smime_error')?.firstSeen).toBe(Date.UTC(2026, 2, 18, 0, 1, 30));
  });
});
