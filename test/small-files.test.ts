/**
 * Many small files: the fast paths count each file straight into the scan's tally (no tally per file merged
 * at its end), and with more than one job small files go to the threads in batches, one tally back per
 * batch. Either way the counts are those worked out by hand from the lines written.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCatalog } from '../src/catalog/catalog.js';
import { discover } from '../src/input/discover.js';
import { FILE_COST, batchUnits, threadsFor, type Unit } from '../src/parallel/plan.js';
import { scan } from '../src/scan.js';
import type { CodeStat } from '../src/summary/tally.js';
import { tempDir } from './support/main.js';

let tmp: { dir: string; remove: () => void };
const catalog = buildCatalog([], true);
const T = (hm: string): number => Date.parse(`2026-03-18T${hm}:00Z`);

beforeAll(() => {
  tmp = tempDir('mxscan-small-');
  mkdirSync(path.join(tmp.dir, 'three'));
  const three: Record<string, string> = {
    'a.log': [
      '2026-03-18T08:00:00Z storage_error for ann@example.com',
      '2026-03-18T08:05:00Z storage_error for bob@example.com',
      '2026-03-18T08:06:00Z storage_error for ann@example.com',
      '2026-03-18T08:07:00Z storage_error for ann@example.com',
    ].join('\n') + '\n',
    'b.log': '2026-03-18T07:00:00Z storage_error for cy@example.com\n2026-03-18T09:00:00Z smime_error for ann@example.com\n',
    'c.log': 'no time here storage_error\n',
  };
  for (const [name, text] of Object.entries(three)) writeFileSync(path.join(tmp.dir, 'three', name), text);
  // 300 files of one line each: file i at 10:00 + i minutes, storage_error for u(i % 7).
  mkdirSync(path.join(tmp.dir, 'many'));
  for (let i = 0; i < 300; i++) {
    const t = new Date(T('10:00') + i * 60_000).toISOString().replace('.000', '');
    writeFileSync(path.join(tmp.dir, 'many', `f${String(i).padStart(3, '0')}.log`), `${t} storage_error for u${i % 7}@example.com\n`);
  }
});
afterAll(() => tmp.remove());

const accounts = (s: CodeStat | undefined): Record<string, number> => Object.fromEntries(s?.accounts.counts ?? []);

describe('a scan of several small files, counted straight into one tally', () => {
  it('gives each code its count, first and last time, first occurrence, files, accounts, timeline and evidence', async () => {
    const { tally } = await scan({ inputs: ['three'], cwd: tmp.dir, catalog, jobs: 1 });
    const s = tally.codes.get('storage_error')!;
    // a.log 4, b.log 1, c.log 1 (untimed).
    expect(s.count).toBe(6);
    expect([s.firstSeen, s.lastSeen]).toEqual([T('07:00'), T('08:07')]);
    expect(s.first).toEqual({ time: T('07:00'), file: 'three/b.log', line: 1 });
    expect([...s.files].sort()).toEqual(['three/a.log', 'three/b.log', 'three/c.log']);
    expect(accounts(s)).toEqual({ 'ann@example.com': 3, 'bob@example.com': 1, 'cy@example.com': 1 });
    expect(Object.fromEntries(s.buckets.counts)).toEqual({ [T('07:00')]: 1, [T('08:00')]: 1, [T('08:05')]: 1, [T('08:06')]: 1, [T('08:07')]: 1 });
    // The head: the first three by file and line; evidence: the earliest in time, the last (untimed ones last).
    expect(s.samples.map((x) => `${x.file}:${x.line}`)).toEqual(['three/a.log:1', 'three/a.log:2', 'three/a.log:3']);
    expect([s.evidence.first?.file, s.evidence.first?.line]).toEqual(['three/b.log', 1]);
    expect([s.evidence.last?.file, s.evidence.last?.time]).toEqual(['three/c.log', null]);
    const m = tally.codes.get('smime_error')!;
    expect([m.count, m.firstSeen, [...m.files]]).toEqual([1, T('09:00'), ['three/b.log']]);
    expect(accounts(m)).toEqual({ 'ann@example.com': 1 });
  });
});

describe('the paths of a directory walk', () => {
  it('are relative to the working directory, from above, beside or below the walked directory', async () => {
    mkdirSync(path.join(tmp.dir, 'walk', 'sub', 'deep'), { recursive: true });
    for (const f of ['top.log', 'sub/in.log', 'sub/deep/low.log']) writeFileSync(path.join(tmp.dir, 'walk', f), 'x\n');
    const paths = async (input: string, cwd: string) => (await discover([input], path.join(tmp.dir, cwd))).inputs.map((i) => i.path);
    expect(await paths('walk', '.')).toEqual(['walk/sub/deep/low.log', 'walk/sub/in.log', 'walk/top.log']);
    expect(await paths('.', 'walk')).toEqual(['sub/deep/low.log', 'sub/in.log', 'top.log']);
    expect(await paths('../walk', 'three')).toEqual(['../walk/sub/deep/low.log', '../walk/sub/in.log', '../walk/top.log']);
    // From below the walked directory: paths lead down from here, or up and back.
    expect(await paths('..', 'walk/sub')).toEqual(['../top.log', 'deep/low.log', 'in.log']);
    expect(await paths('../..', 'walk/sub/deep')).toEqual(['../../top.log', '../in.log', 'low.log']);
  });
});

describe('small files shared with workers in batches', () => {
  const unit = (name: string, size: number): Unit => ({ input: { path: name, file: `/${name}` }, size });

  it('groups small whole files in order, up to 256 files or 4 MiB a batch; large files and ranges stay alone', () => {
    const units = [
      ...Array.from({ length: 1100 }, (_, i) => unit(`s${i}.log`, 100)),
      unit('big.log', 2 << 20),
      { ...unit('part.log', 10), input: { path: 'part.log', file: '/part.log', range: { start: 10, end: 20 } } },
      // Just under 1 MiB each: small, but the fifth takes the batch past 4 MiB.
      ...Array.from({ length: 5 }, (_, i) => unit(`m${i}.log`, 1_000_000)),
      unit('t.log', 100),
    ];
    const full = ['s0.log', 256, 256 * (100 + FILE_COST)];
    const batches = batchUnits(units, 1);
    expect(batches.map((b) => [b.input.path, (b.more ?? []).length + 1, b.size])).toEqual([
      full,
      ['s256.log', ...full.slice(1)],
      ['s512.log', ...full.slice(1)],
      ['s768.log', ...full.slice(1)],
      ['big.log', 1, 2 << 20],
      ['part.log', 1, 10],
      // The small files after s1023 are gathered past the large ones, in order.
      ['s1024.log', 76 + 5, 76 * 100 + 5_000_000 + 81 * FILE_COST],
      ['t.log', 1, 100 + FILE_COST],
    ]);
    expect(batches[0]!.more!.map((i) => i.path).slice(0, 2)).toEqual(['s1.log', 's2.log']);
    expect(batches[6]!.more!.slice(-5).map((i) => i.path)).toEqual(['m0.log', 'm1.log', 'm2.log', 'm3.log', 'm4.log']);
  });

  it('makes at least four batches a thread when there are files enough, and leaves a few files alone', () => {
    const sizes = (n: number, jobs: number) => batchUnits(Array.from({ length: n }, (_, i) => unit(`f${i}.log`, 100)), jobs).map((b) => (b.more ?? []).length + 1);
    // 300 files, 2 threads: ⌈300 / 8⌉ = 38 a batch.
    expect(sizes(300, 2)).toEqual([...Array.from({ length: 7 }, () => 38), 34]);
    expect(sizes(3, 3)).toEqual([1, 1, 1]);
  });

  it('shares 20,000 files of 10 KB once they are batched, on one thread fewer than the cores', () => {
    const units = Array.from({ length: 20_000 }, (_, i) => unit(`f${i}.log`, 10_240));
    expect(threadsFor(units, 2, undefined, 4)).toBe(1);
    // Batched: 79 batches of 256 files (2.5 MiB and 256 × FILE_COST each), worth sending.
    expect(threadsFor(batchUnits(units, 2), 2, undefined, 4)).toBe(2);
    expect(threadsFor(batchUnits(units, 4), 4, undefined, 4)).toBe(3);
    // Two cores: the collector's threads take the second one; this thread reads them all.
    expect(threadsFor(batchUnits(units, 2), 2, undefined, 2)).toBe(1);
    expect(threadsFor(batchUnits(units, 2), 2, undefined, 1)).toBe(1);
    // Told to share whatever the size (from 0): the cores do not count either.
    expect(threadsFor(batchUnits(units, 2), 2, 0, 2)).toBe(2);
  });

  it('still gives a worker a large file among small ones on two cores', () => {
    const units = [unit('big.log', 400 << 20), ...Array.from({ length: 1000 }, (_, i) => unit(`f${i}.log`, 4096))];
    expect(threadsFor(batchUnits(units, 2), 2, undefined, 2)).toBe(2);
    // 64 files just under 1 MiB, 16 jobs: a batch of one file each (⌈64 / 64⌉), 1 MiB − 1 + FILE_COST: still small files.
    const lone = batchUnits(Array.from({ length: 64 }, (_, i) => unit(`g${i}.log`, (1 << 20) - 1)), 16);
    expect(lone.map((b) => [b.more, b.size])).toEqual(Array.from({ length: 64 }, () => [undefined, (1 << 20) - 1 + FILE_COST]));
    expect(threadsFor(lone, 16, undefined, 4)).toBe(3);
    expect(threadsFor(lone, 16, undefined, 17)).toBe(16);
  });

  it('counts the same on a worker and this thread as on one thread', async () => {
    const one = (await scan({ inputs: ['many'], cwd: tmp.dir, catalog, jobs: 1 })).tally;
    const two = (await scan({ inputs: ['many'], cwd: tmp.dir, catalog, jobs: 2, parallelFrom: 0 })).tally;
    for (const t of [one, two]) {
      const s = t.codes.get('storage_error')!;
      expect([s.count, s.files.size, t.files.size]).toEqual([300, 300, 300]);
      expect([s.firstSeen, s.lastSeen]).toEqual([T('10:00'), T('14:59')]);
      expect(s.first).toEqual({ time: T('10:00'), file: 'many/f000.log', line: 1 });
      // 300 = 7 × 42 + 6: u0 … u5 are named 43 times, u6 42.
      expect(accounts(s)).toEqual(Object.fromEntries(Array.from({ length: 7 }, (_, k) => [`u${k}@example.com`, k < 6 ? 43 : 42])));
      // One a minute for five hours: 300 one-minute buckets.
      expect([s.buckets.width, s.buckets.counts.size]).toEqual([0, 300]);
      expect(s.samples.map((x) => x.file)).toEqual(['many/f000.log', 'many/f001.log', 'many/f002.log']);
      expect([s.evidence.first?.file, s.evidence.last?.file]).toEqual(['many/f000.log', 'many/f299.log']);
    }
    const pick = (s: CodeStat) => ({ ...s, files: [...s.files].sort(), lastFile: undefined, evidence: { ...s.evidence, byBucket: [...s.evidence.byBucket].sort((a, b) => a[0] - b[0]) } });
    expect(pick(two.codes.get('storage_error')!)).toEqual(pick(one.codes.get('storage_error')!));
  });
});
