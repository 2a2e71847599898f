import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addPair, listRows, mergeAccountList, newAccountList, pairsOf, type AccountList } from '../src/summary/account-list.js';
import { newTally } from '../src/summary/tally.js';
import { chunked, defaultMatcher, fastJsonl, fastTally, referenceJsonl, referenceTally } from './support/engines.js';

type Add = [code: string, account: string, n: number, time: number | null];
const add = fc.tuple(
  fc.constantFrom('storage_error', 'smime_error', 'a'),
  fc.integer({ min: 0, max: 30 }).map((i) => `u${i}@x.io`),
  fc.integer({ min: 1, max: 3 }),
  fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null }),
);
const LIMIT = 12;
const listOf = (adds: readonly Add[], limit = LIMIT): AccountList => {
  const l = newAccountList();
  for (const [c, a, n, t] of adds) addPair(l, c, a, n, t, t, limit);
  return l;
};
const rows = (l: AccountList) => ({ rows: listRows(l), bounded: l.bounded });

describe('the accounts list', () => {
  it('keeps the same pairs, counts and times however the adds are grouped and merged, past its bound too', () => {
    fc.assert(
      fc.property(fc.array(add, { maxLength: 80 }), fc.array(fc.nat(), { maxLength: 4 }), (adds, cuts) => {
        const whole = listOf(adds);
        // Cut into parts, list each, merge left to right and right to left.
        const at = [...new Set(cuts.map((c) => (adds.length === 0 ? 0 : c % adds.length)))].sort((x, y) => x - y);
        const parts = [0, ...at, adds.length].slice(1).map((end, i, ends) => adds.slice(i === 0 ? 0 : ends[i - 1], end));
        const left = newAccountList();
        for (const p of parts) mergeAccountList(left, listOf(p), LIMIT);
        const right = newAccountList();
        for (const p of [...parts].reverse()) mergeAccountList(right, listOf(p), LIMIT);
        expect(rows(left)).toEqual(rows(whole));
        expect(rows(right)).toEqual(rows(whole));
        // Exact below the bound: the sums and extremes of the adds.
        const all = listOf(adds, Infinity);
        expect(whole.bounded).toBe(all.size > LIMIT);
        for (const p of pairsOf(whole)) expect(all.codes.get(p.code)!.get(p.account)).toEqual(p);
        expect(whole.size).toBe(Math.min(LIMIT, all.size));
        expect([...pairsOf(whole)].length).toBe(whole.size);
      }),
      { numRuns: 500, seed: 12 },
    );
  });
});

// Lines with codes, accounts and times; enough of one code for the kernel to count it on its own when no list is asked for.
const line = fc
  .tuple(
    fc.option(fc.integer({ min: 0, max: 59 }), { nil: null }),
    fc.constantFrom('storage_error', 'smime_error', 'storage_error smime_error', 'nothing'),
    fc.array(fc.constantFrom('ann@x.io', 'Bo@X.io', '<0123456789ab@mx.io>', 'message <c@x.io>', 'dee@y.io'), { maxLength: 3 }),
  )
  .map(([m, codes, accounts]) => `${m === null ? '' : `2026-03-18T08:${String(m).padStart(2, '0')}:00Z `}ERROR ${codes} ${accounts.join(' ')}`);

describe('the fast paths list the accounts the reference path lists', () => {
  const m = defaultMatcher();
  it('in text and in JSON lines, whatever the chunk sizes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 40 }), fc.integer({ min: 1, max: 400 }), async (lines, size) => {
        const text = Buffer.from(lines.join('\n') + '\n');
        const f = fastTally(chunked(text, [size]), m, 'a.log', newTally(true));
        const r = await referenceTally([text], m, 'a.log', newTally(true));
        expect(listRows(f.accountList!)).toEqual(listRows(r.accountList!));
        const jsonl = Buffer.from(lines.map((l) => JSON.stringify({ msg: l, user: l.length % 3 === 0 ? 'Eve@Z.io' : undefined })).join('\n') + '\n');
        const fj = fastJsonl(chunked(jsonl, [size]), m, 'a.jsonl', newTally(true));
        const rj = await referenceJsonl([jsonl], m, 'a.jsonl', newTally(true));
        expect(listRows(fj.accountList!)).toEqual(listRows(rj.accountList!));
      }),
      { numRuns: 300, seed: 12 },
    );
  });
});
