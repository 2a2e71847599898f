/** Joining the tallies of consecutive byte ranges of one file: line numbers and inherited times, by hand. */
import { describe, expect, it } from 'vitest';
import { joinRanges, type RangeTally } from '../src/summary/ranges.js';
import { addHit, newFileStat, newTally, type Tally } from '../src/summary/tally.js';

const T = Date.UTC(2026, 2, 18, 10, 0);
const M = 60_000;

/**
 * The tally of one range: hits as [line in the range, own time or null, code or `?unknown`]. Occurrences
 * before the range's first own time are left to inherit (as a range that does not start the file counts them).
 */
function range(records: number, hits: [number, number | null, string][], starts = false): RangeTally {
  const t: Tally = newTally();
  t.files.set('a.log', { ...newFileStat('a.log'), records });
  let timed = starts;
  let lastTime: number | null = null;
  for (const [line, time, code] of hits) {
    if (time !== null) {
      timed = true;
      lastTime = time;
    }
    const unknown = code.startsWith('?');
    addHit(t, { file: 'a.log', line, time: lastTime, codes: new Map(unknown ? [] : [[code, `${code}@${line}`]]), unknown: unknown ? [[code.slice(1), `${code}@${line}`]] : [], accounts: new Set() });
    if (!timed && !unknown) {
      t.inherit ??= new Map();
      const had = t.inherit.get(code);
      t.inherit.set(code, { count: (had?.count ?? 0) + 1, line: had?.line ?? line });
    }
  }
  return { tally: t, records, lastTime };
}

describe('joinRanges', () => {
  it('moves line numbers on by the records of the ranges before, and gives untimed lines the last time before them', () => {
    const out = joinRanges('a.log', [
      range(3, [[2, T + M, 'e']], true),
      range(4, [[1, null, 'e'], [2, null, '?x=1'], [3, T + 5 * M, 'e']]),
      range(2, [[2, null, 'e']]),
      range(5, [[4, null, 'e']]),
    ]);
    const e = out.codes.get('e')!;
    expect(e.count).toBe(5);
    expect(e.first).toEqual({ time: T + M, file: 'a.log', line: 2 });
    expect(e.firstSeen).toBe(T + M);
    expect(e.lastSeen).toBe(T + 5 * M);
    expect(e.samples.map((s) => [s.line, s.text])).toEqual([[2, 'e@2'], [4, 'e@1'], [6, 'e@3']]);
    // line 4 takes T+1m from the first range; lines 9 and 13 take T+5m (the third range has no time of its own)
    expect([...e.buckets.counts].sort((a, b) => a[0] - b[0])).toEqual([[T + M, 2], [T + 5 * M, 3]]);
    const u = out.unknown.get('x=1')!;
    expect(u.firstAt).toEqual({ file: 'a.log', line: 5 });
    expect(u.samples.map((s) => s.line)).toEqual([5]);
    expect(out.files.get('a.log')!.records).toBe(14);
    expect(out.inherit).toBeUndefined();
  });

  it('makes an inherited occurrence the first one when it is earlier, or at the same time on an earlier line', () => {
    const earlier = joinRanges('a.log', [range(3, [[1, T, '?x=1']], true), range(4, [[2, null, 'e'], [4, T + 2 * M, 'e']])]);
    expect(earlier.codes.get('e')!.first).toEqual({ time: T, file: 'a.log', line: 5 });
    expect(earlier.codes.get('e')!.firstSeen).toBe(T);
    expect(earlier.codes.get('e')!.lastSeen).toBe(T + 2 * M);

    const tie = joinRanges('a.log', [range(3, [[3, T, '?x=1']], true), range(4, [[1, null, 'e'], [2, T, 'e']])]);
    expect(tie.codes.get('e')!.first).toEqual({ time: T, file: 'a.log', line: 4 });

    const untimed = joinRanges('a.log', [range(3, [[3, T + M, '?x=1']], true), range(4, [[2, null, 'e']])]);
    const u = untimed.codes.get('e')!;
    expect(u.first).toEqual({ time: T + M, file: 'a.log', line: 5 });
    expect(u.firstSeen).toBe(T + M);
    expect(u.lastSeen).toBe(T + M);
  });

  it('keeps a later inherited occurrence from being first, and raises the last time to the inherited one', () => {
    // range 2: line 1 inherits T+9m; its own line 2 has the earlier time T+3m (a late-flushed line before it)
    const out = joinRanges('a.log', [range(2, [[2, T + 9 * M, '?x=1']], true), range(3, [[1, null, 'e'], [2, T + 3 * M, 'e']])]);
    const e = out.codes.get('e')!;
    expect(e.first).toEqual({ time: T + 3 * M, file: 'a.log', line: 4 });
    expect(e.firstSeen).toBe(T + 3 * M);
    expect(e.lastSeen).toBe(T + 9 * M);
  });

  it('leaves untimed lines untimed when no range before had a time', () => {
    const out = joinRanges('a.log', [range(2, [[1, null, '?x=1']], true), range(2, [[1, null, 'e']])]);
    const e = out.codes.get('e')!;
    expect(e.first).toEqual({ time: null, file: 'a.log', line: 3 });
    expect(e.firstSeen).toBeNull();
    expect(e.buckets.counts.size).toBe(0);
  });
});
