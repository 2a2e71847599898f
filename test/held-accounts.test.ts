/**
 * A thread's whole files are counted into one tally, and their accounts stay in the kernel from file to file
 * (src/fast/account-cache.ts): they go into the tally when the kernel's ids run low and once at the end,
 * never per file. The counts are those worked out by hand from the lines written.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCatalog } from '../src/catalog/catalog.js';
import { holdAccounts, settleAccounts } from '../src/fast/account-cache.js';
import { fileSettings, scan, scanFile } from '../src/scan.js';
import { seenCount } from '../src/summary/accounts-seen.js';
import { MAX_ACCOUNTS, rank } from '../src/summary/accounts.js';
import { newTally, type CodeStat, type Tally } from '../src/summary/tally.js';
import { tempDir } from './support/main.js';

let tmp: { dir: string; remove: () => void };
const catalog = buildCatalog([], true);
const FILES = 6;
const LINES = 3000;

beforeAll(() => {
  tmp = tempDir('mxscan-held-');
  // 18,000 lines, each naming an account of its own and all@example.com: 18,001 accounts, more than the
  // kernel's ids (16,384 before they start over), so they start over in the middle of a file. Even lines
  // (counting across the files) have storage_error, odd ones smime_error.
  mkdirSync(path.join(tmp.dir, 'many'));
  for (let f = 0; f < FILES; f++) {
    const lines = Array.from({ length: LINES }, (_, j) => {
      const code = (f * LINES + j) % 2 === 0 ? 'storage_error' : 'smime_error';
      return `2026-03-18T08:00:00Z ${code} for u${f}x${j}@example.com and ALL@example.com`;
    });
    writeFileSync(path.join(tmp.dir, 'many', `f${f}.log`), lines.join('\n') + '\n');
  }
  for (const [name, text] of Object.entries({
    'a.log': '2026-03-18T08:00:00Z storage_error for ann@example.com\n2026-03-18T08:01:00Z storage_error for bob@example.com\n',
    'b.log': '2026-03-18T08:02:00Z storage_error for ann@example.com and cy@example.com\n',
    'c.log': '2026-03-18T08:03:00Z smime_error for bob@example.com\n2026-03-18T08:04:00Z storage_error for ann@example.com\n',
  })) {
    writeFileSync(path.join(tmp.dir, name), text);
  }
  // One code, 12,000 lines naming all@example.com, then 10,500 naming an account each: 10,501 accounts,
  // more than a code keeps (MAX_ACCOUNTS), fewer than the kernel's ids. JSON lines: past the first chunk the
  // kernel counts them itself (see setSteady), so most come back as its counts per id.
  const line = (time: string, account: string): string => `{"timestamp":"${time}","account_email":"${account}","message":"storage_error"}\n`;
  writeFileSync(
    path.join(tmp.dir, 'wide.jsonl'),
    Array.from({ length: 12_000 }, () => line('2026-03-18T00:00:00Z', 'all@example.com')).join('') +
      Array.from({ length: 10_500 }, (_, j) => line(`2026-03-18T${String(Math.floor(j / 3600)).padStart(2, '0')}:${String(Math.floor(j / 60) % 60).padStart(2, '0')}:00Z`, `w${j}@example.com`)).join(''),
  );
});
afterAll(() => tmp.remove());

const counts = (s: CodeStat | undefined): Record<string, number> => Object.fromEntries(s?.accounts.counts ?? []);

describe('accounts kept in the kernel from file to file', () => {
  it('counts every account once per record when the ids start over in the middle of a file', async () => {
    for (const jobs of [1, 2]) {
      const { tally } = await scan({ inputs: ['many'], cwd: tmp.dir, catalog, jobs, parallelFrom: 0 });
      for (const [code, parity] of [['storage_error', 0], ['smime_error', 1]] as const) {
        const s = tally.codes.get(code)!;
        expect(s.count).toBe((FILES * LINES) / 2);
        const got = counts(s);
        // Half the lines each, all@example.com in every one of them.
        expect(Object.keys(got).length).toBe((FILES * LINES) / 2 + 1);
        expect(got['all@example.com']).toBe((FILES * LINES) / 2);
        expect(got[`u0x${parity}@example.com`]).toBe(1);
        expect(got[`u5x${LINES - 2 + parity}@example.com`]).toBe(1);
        expect(got[`u0x${1 - parity}@example.com`]).toBeUndefined();
        expect(s.accounts.bounded).toBe(false);
      }
    }
  });

  it('keeps the accounts with the smallest (rank, name) when one settle brings a code more than it keeps', async () => {
    const { tally } = await scan({ inputs: ['wide.jsonl'], cwd: tmp.dir, catalog, jobs: 1 });
    const s = tally.codes.get('storage_error')!;
    expect(s.count).toBe(22_500);
    // The model: every account, the MAX_ACCOUNTS smallest by (rank, name) kept with their whole counts.
    const all = ['all@example.com', ...Array.from({ length: 10_500 }, (_, j) => `w${j}@example.com`)];
    const kept = all.sort((x, y) => rank(x) - rank(y) || (x < y ? -1 : 1)).slice(0, MAX_ACCOUNTS);
    expect(s.accounts.bounded).toBe(true);
    const got = counts(s);
    expect(Object.keys(got).sort()).toEqual(kept.sort());
    expect(kept.every((a) => got[a] === (a === 'all@example.com' ? 12_000 : 1))).toBe(true);
  });

  it('counts accounts seen across the files once each', async () => {
    const { tally } = await scan({ inputs: ['a.log', 'b.log', 'c.log'], cwd: tmp.dir, catalog, jobs: 1 });
    // ann, bob, cy.
    expect(seenCount(tally.seen!)).toEqual({ count: 3, bounded: false });
    expect(counts(tally.codes.get('storage_error'))).toEqual({ 'ann@example.com': 3, 'bob@example.com': 1, 'cy@example.com': 1 });
    expect(counts(tally.codes.get('smime_error'))).toEqual({ 'bob@example.com': 1 });
  });

  it('puts a held tally’s accounts into it when its kernel reads a file for another tally in between', async () => {
    const s = fileSettings({ inputs: [], cwd: tmp.dir, catalog });
    const held = newTally();
    const other = newTally();
    holdAccounts(held);
    const read = (name: string, t: Tally) => scanFile({ path: name, file: path.join(tmp.dir, name) }, s, t);
    await read('a.log', held);
    await read('b.log', other);
    await read('c.log', held);
    // The tally not held has its file's accounts as soon as the file ends.
    expect(counts(other.codes.get('storage_error'))).toEqual({ 'ann@example.com': 1, 'cy@example.com': 1 });
    expect(seenCount(other.seen!)).toEqual({ count: 2, bounded: false });
    settleAccounts(held);
    expect(counts(held.codes.get('storage_error'))).toEqual({ 'ann@example.com': 2, 'bob@example.com': 1 });
    expect(counts(held.codes.get('smime_error'))).toEqual({ 'bob@example.com': 1 });
    expect(seenCount(held.seen!)).toEqual({ count: 2, bounded: false });
    // Settled twice: nothing is added again.
    settleAccounts(held);
    expect(counts(held.codes.get('storage_error'))).toEqual({ 'ann@example.com': 2, 'bob@example.com': 1 });
  });
});
