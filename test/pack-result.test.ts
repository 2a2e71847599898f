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

  it('gives each code back its accounts and their counts, in their order, each name sent once', () => {
    const tally = newTally();
    const a = newCodeStat('a.log', 1, null);
    addOccurrence(a, 'a.log', 1, null, undefined, ['bo@x.com', 'al@x.com']);
    addOccurrence(a, 'a.log', 2, null, undefined, ['al@x.com']);
    const b = newCodeStat('a.log', 3, null);
    addOccurrence(b, 'a.log', 3, null, undefined, ['cy@x.com', 'al@x.com']);
    b.accounts.bounded = true;
    tally.codes.set('storage_error', a);
    tally.codes.set('smime_error', b);
    const packed = packResult({ index: 0, tally, records: 3, lastTime: null });
    // Names in the order first met: bo 0, al 1, cy 2.
    expect(packed.names).toEqual(['bo@x.com', 'al@x.com', 'cy@x.com']);
    expect(packed.accounts.map((ids) => [...ids])).toEqual([[0, 1], [2, 1]]);
    expect(packed.counts.map((n) => [...n])).toEqual([[1, 2], [1, 1]]);
    expect(packed.result.tally.codes.get('storage_error')!.accounts.counts.size).toBe(0);
    const back = unpackResult(structuredClone(packed));
    expect([...back.tally.codes.get('storage_error')!.accounts.counts]).toEqual([['bo@x.com', 1], ['al@x.com', 2]]);
    expect(back.tally.codes.get('smime_error')!.accounts).toEqual({ counts: new Map([['cy@x.com', 1], ['al@x.com', 1]]), bounded: true });
    expect(a.accounts.counts.size).toBe(2);
  });
});
