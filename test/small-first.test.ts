/**
 * Where small files alone would be read by this thread only (two cores), a scan on several threads starts
 * here with the files in order, each sized by its own open, and plans the rest only from the first file of
 * WHOLE_FILE bytes or more: that one (and what follows) is shared with the workers.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCatalog } from '../src/catalog/catalog.js';
import { WHOLE_FILE, type Whole } from '../src/input/whole.js';
import type { Input } from '../src/input/open.js';
import { planUnits, readSmallFirst, smallFirst, threadsFor } from '../src/parallel/plan.js';
import { MIN_PARALLEL } from '../src/parallel/warm.js';
import { Workers } from '../src/parallel/warm.js';
import { fastPathApplies, fileSettings, scan } from '../src/scan.js';
import { buildReport } from '../src/summary/report.js';
import { renderJson } from '../src/render/json.js';
import { tempDir } from './support/main.js';

let tmp: { dir: string; remove: () => void };
const catalog = buildCatalog([], true);
/** 128-byte lines, each with one storage_error: `lines` of them. */
const big = (lines: number): string => `${'2026-03-18T11:00:00Z storage_error for zed@example.com '.padEnd(127, 'x')}\n`.repeat(lines);

beforeAll(() => {
  tmp = tempDir('mxscan-small-first-');
  // Ten small files (s0 … s9: file k at 10:0k, one storage_error and one smime_error for uk), then two of
  // 9,000 lines of 128 bytes (1,152,000 bytes each, one storage_error a line), in path order. Past 1 MiB and
  // its FILE_COST (64 KiB): a file just over 1 MiB is still one that this thread reads alone (see isBatch).
  mkdirSync(path.join(tmp.dir, 'mixed'));
  for (let k = 0; k < 10; k++) {
    const t = `2026-03-18T10:0${k}:00Z`;
    writeFileSync(path.join(tmp.dir, 'mixed', `s${k}.log`), `${t} storage_error for u${k}@example.com\n${t} smime_error for u${k}@example.com\nno code here\n`);
  }
  for (const name of ['z1.log', 'z2.log']) writeFileSync(path.join(tmp.dir, 'mixed', name), big(9000));
});
afterAll(() => tmp.remove());

describe('deciding to read small files here first', () => {
  it('does so where small files alone would get this thread only: two cores, whatever the jobs', () => {
    expect(smallFirst(2, MIN_PARALLEL, 2)).toBe(true);
    expect(smallFirst(8, MIN_PARALLEL, 2)).toBe(true);
    expect(smallFirst(2, MIN_PARALLEL, 1)).toBe(true);
    // Three cores or more: two threads or more share small files, so they are measured and batched first.
    expect(smallFirst(2, MIN_PARALLEL, 3)).toBe(false);
    expect(smallFirst(4, MIN_PARALLEL, 4)).toBe(false);
    // One job reads every file here anyway; told to share whatever the size (from 0), nothing is read first.
    expect(smallFirst(1, MIN_PARALLEL, 2)).toBe(false);
    expect(smallFirst(2, 0, 2)).toBe(false);
  });
});

describe('reading the small files first', () => {
  const input = (name: string): Input => ({ path: name, file: path.join(tmp.dir, 'first', name) });
  beforeAll(() => {
    mkdirSync(path.join(tmp.dir, 'first'));
    writeFileSync(path.join(tmp.dir, 'first', 'a.log'), 'abc\n');
    writeFileSync(path.join(tmp.dir, 'first', 'c.log'), Buffer.alloc(WHOLE_FILE - 1, 0x61));
    writeFileSync(path.join(tmp.dir, 'first', 'd.log'), Buffer.alloc(WHOLE_FILE, 0x61));
    writeFileSync(path.join(tmp.dir, 'first', 'e.log'), 'e\n');
  });
  const handed = async (inputs: Input[]): Promise<{ stop: number; got: [string, number | undefined][] }> => {
    const got: [string, number | undefined][] = [];
    const stop = await readSmallFirst(inputs, async (i: Input, whole: Whole | undefined) => {
      got.push([i.path, whole?.bytes.length]);
      whole?.release();
    });
    return { stop, got };
  };

  it('hands them on in order, read whole, and stops at the first of WHOLE_FILE bytes or more', async () => {
    // b.log does not exist: handed on unread (its scan records why); c.log is one byte under the limit.
    const { stop, got } = await handed(['a.log', 'b.log', 'c.log', 'd.log', 'e.log'].map(input));
    expect(got).toEqual([
      ['a.log', 4],
      ['b.log', undefined],
      ['c.log', WHOLE_FILE - 1],
    ]);
    expect(stop).toBe(3);
  });

  it('reads them all when none is large, and stops at once when the first is', async () => {
    expect(await handed(['a.log', 'e.log'].map(input))).toEqual({ stop: 2, got: [['a.log', 4], ['e.log', 2]] });
    expect(await handed(['d.log', 'a.log'].map(input))).toEqual({ stop: 0, got: [] });
    expect(await handed([])).toEqual({ stop: 0, got: [] });
  });

  it('leaves a large file after them to be planned as before: one file that every thread shares', async () => {
    mkdirSync(path.join(tmp.dir, 'then-large'));
    const files = ['a.log', 'b.log', 'z.log'].map((name) => ({ path: name, file: path.join(tmp.dir, 'then-large', name) }));
    writeFileSync(files[0]!.file, 'small\n');
    writeFileSync(files[1]!.file, 'small too\n');
    writeFileSync(files[2]!.file, big(8192));
    const { stop, got } = await handed(files);
    expect([stop, got.map((g) => g[0])]).toEqual([2, ['a.log', 'b.log']]);
    // Parts of 1 KiB at least, threads from 1 MiB (a test's scale): z.log alone is one range for both threads.
    const settings = fileSettings({ inputs: [], cwd: tmp.dir, catalog });
    const units = await planUnits(files.slice(stop), 2, settings, fastPathApplies, 1024);
    expect(units.map((u) => [u.input.path, u.input.range, u.shares])).toEqual([['z.log', { start: 0, end: 8192 * 128 }, 2]]);
    expect(threadsFor(units, 2, 1 << 20, 2)).toBe(2);
  });
});

describe('a scan of small files followed by large ones, on two jobs', () => {
  // Two cores, whatever the machine's: the small files are then read first, on this thread.
  const report = async (opts: { jobs: number; parallelFrom?: number; workers?: Workers }): Promise<string> => {
    const { tally } = await scan({ inputs: ['mixed'], cwd: tmp.dir, catalog, cores: 2, ...opts });
    return renderJson(buildReport(tally, { catalog, version: 'test', window: null }));
  };

  it('shares the large ones with a worker and counts as one thread does', async () => {
    const taken: number[] = [];
    class Counted extends Workers {
      override take(n: number) {
        taken.push(n);
        return super.take(n);
      }
    }
    const one = await report({ jobs: 1 });
    const counts = JSON.parse(one).codes.map((c: { code: string; count: number }) => [c.code, c.count]);
    // storage_error: one in each small file, 9,000 in each large one; smime_error: one in each small file.
    expect(counts).toEqual([
      ['storage_error', 10 + 2 * 9000],
      ['smime_error', 10],
    ]);
    const workers = new Counted();
    try {
      // Threads from 1 MiB: the two large files (2.2 MB) are worth a worker.
      expect(await report({ jobs: 2, parallelFrom: 1 << 20, workers })).toBe(one);
      expect(taken).toEqual([1]);
    } finally {
      workers.close();
    }
    // At the default threshold (64 MiB) they are too little to share: no worker, the same report.
    taken.length = 0;
    expect(await report({ jobs: 2, workers: new Counted() })).toBe(one);
    expect(taken).toEqual([]);
  });
});
