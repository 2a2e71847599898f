/**
 * A worker posts its result with each code's files as indexes into its tally's file paths
 * (src/parallel/protocol.ts): unpacked, after the copy a worker's message makes, it is the same result.
 */
import { describe, expect, it } from 'vitest';
import { packResult, unpackResult } from '../src/parallel/protocol.js';
import { addOccurrence, newCodeStat, newFileStat, newTally } from '../src/summary/tally.js';

describe('a worker result, packed and unpacked', () => {
  it('gives each code back its files, in their order, paths outside the tally’s files too', () => {
    const tally = newTally();
    for (const p of ['a.log', 'b.log', 'c.log']) tally.files.set(p, newFileStat(p));
    const s = newCodeStat('c.log', 1, null);
    for (const [file, line] of [['c.log', 1], ['a.log', 2], ['gone.log', 3]] as const) addOccurrence(s, file, line, null, undefined, []);
    tally.codes.set('storage_error', s);
    tally.codes.set('smime_error', newCodeStat('b.log', 1, null));
    const packed = packResult({ index: 3, tally, records: 7, lastTime: null });
    // c.log is the third path, a.log the first; gone.log is not a file of the tally: the first extra one.
    expect([...packed.files[0]!]).toEqual([2, 0, 3]);
    expect(packed.extra).toEqual(['gone.log']);
    expect(packed.files[1]!.length).toBe(0);
    expect(packed.result.tally.codes.get('storage_error')!.files.size).toBe(0);
    const back = unpackResult(structuredClone(packed));
    expect([...back.tally.codes.get('storage_error')!.files]).toEqual(['c.log', 'a.log', 'gone.log']);
    expect(back.tally.codes.get('storage_error')!.count).toBe(3);
    expect([back.index, back.records, [...back.tally.files.keys()]]).toEqual([3, 7, ['a.log', 'b.log', 'c.log']]);
    // The tally packed is left as it was.
    expect(tally.codes.get('storage_error')!.files.size).toBe(3);
  });
});
