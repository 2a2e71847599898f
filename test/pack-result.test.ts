/**
 * A worker posts its result with each code's files as indexes into its tally's file paths
 * (src/parallel/protocol.ts): unpacked, after the copy a worker's message makes, it is the same result.
 */
import { describe, expect, it } from 'vitest';
import { packResult, unpackResult } from '../src/parallel/protocol.js';
import { MAX_ACCOUNTS, addAccount, mergeAccounts, newAccounts, type AccountStat } from '../src/summary/accounts.js';
import { accountsBefore, type RangeTally } from '../src/summary/ranges.js';
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

  it('adds a code’s accounts into their home when it has one, counts summed, and keeps a map for a code only it saw', () => {
    const tally = newTally();
    const a = newCodeStat('a.log', 1, null);
    addOccurrence(a, 'a.log', 1, null, undefined, ['bo@x.com', 'al@x.com']);
    addOccurrence(a, 'a.log', 2, null, undefined, ['al@x.com']);
    a.accounts.bounded = true;
    const b = newCodeStat('a.log', 3, null);
    addOccurrence(b, 'a.log', 3, null, undefined, ['cy@x.com']);
    tally.codes.set('storage_error', a);
    tally.codes.set('smime_error', b);
    // The home has storage_error only, with al (3) and dee (5); smime_error is a code only the worker saw.
    const home: AccountStat = { counts: new Map([['al@x.com', 3], ['dee@x.com', 5]]), bounded: false };
    const back = unpackResult(structuredClone(packResult({ index: 0, tally, records: 3, lastTime: null })), (code) => (code === 'storage_error' ? home : undefined));
    // al: 3 + 2; dee: only in the home; bo: only in the worker's, added after; its bound came along.
    expect([...home.counts]).toEqual([['al@x.com', 5], ['dee@x.com', 5], ['bo@x.com', 1]]);
    expect(home.bounded).toBe(true);
    expect(back.tally.codes.get('storage_error')!.accounts).toEqual({ counts: new Map(), bounded: false });
    expect(back.tally.codes.get('storage_error')!.count).toBe(2);
    expect(back.tally.codes.get('smime_error')!.accounts).toEqual({ counts: new Map([['cy@x.com', 1]]), bounded: false });
  });

  it('past the bound in its home, keeps the accounts mergeAccounts keeps, with the same counts', () => {
    const full = (): AccountStat => {
      const s = newAccounts();
      for (let i = 0; i < MAX_ACCOUNTS; i++) addAccount(s, `h${i}@x.com`, 1);
      return s;
    };
    const tally = newTally();
    const a = newCodeStat('a.log', 1, null);
    // h7 is in the home already (1 + 1 = 2 wherever it is kept); w0–w99 are new to it: each kept or not by its rank.
    for (let i = 0; i < 100; i++) addOccurrence(a, 'a.log', i + 1, null, undefined, [`w${i}@x.com`, 'h7@x.com']);
    tally.codes.set('storage_error', a);
    const packed = packResult({ index: 0, tally, records: 100, lastTime: null });
    const home = full();
    unpackResult(structuredClone(packed), () => home);
    const merged = full();
    mergeAccounts(merged, unpackResult(structuredClone(packed)).tally.codes.get('storage_error')!.accounts);
    expect(home.counts.size).toBe(MAX_ACCOUNTS);
    expect(home.bounded).toBe(true);
    expect(new Map([...home.counts].sort())).toEqual(new Map([...merged.counts].sort()));
    expect(home.counts.get('h7@x.com')).toBe(merged.counts.get('h7@x.com'));
    expect([...home.counts.values()].reduce((x, y) => x + y, 0)).toBe([...merged.counts.values()].reduce((x, y) => x + y, 0));
  });
});

describe('the home of a range’s accounts', () => {
  const part = (code: string): RangeTally => {
    const tally = newTally();
    tally.codes.set(code, newCodeStat('a.log', 1, null));
    return { tally, records: 1, lastTime: null };
  };

  it('is the first range in already that comes before it, and none for a range with none before it', () => {
    const p0 = part('storage_error');
    const p100 = part('storage_error');
    const ranges = new Map([['a.log', [{ start: 100, part: p100 }, { start: 0, part: p0 }]]]);
    const at = (start: number) => ({ path: 'a.log', range: { start } });
    expect(accountsBefore(ranges, at(50))!('storage_error')).toBe(p0.tally.codes.get('storage_error')!.accounts);
    expect(accountsBefore(ranges, at(200))!('storage_error')).toBe(p0.tally.codes.get('storage_error')!.accounts);
    // A code that range did not meet: no home, its accounts keep a map of their own.
    expect(accountsBefore(ranges, at(200))!('smime_error')).toBeUndefined();
    expect(accountsBefore(ranges, at(0))).toBeUndefined();
    expect(accountsBefore(new Map([['a.log', [{ start: 100, part: p100 }]]]), at(50))).toBeUndefined();
    // Another file's ranges, or a whole file: none.
    expect(accountsBefore(ranges, { path: 'b.log', range: { start: 200 } })).toBeUndefined();
    expect(accountsBefore(ranges, { path: 'a.log' })).toBeUndefined();
  });
});
