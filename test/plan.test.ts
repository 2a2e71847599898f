import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCatalog } from '../src/catalog/catalog.js';
import { cutAfter, cutTimes, planUnits, threadsFor, type Unit } from '../src/parallel/plan.js';
import { MIN_PARALLEL, MIN_PARALLEL_TWO_CORES } from '../src/parallel/warm.js';
import { fastPathApplies, fileSettings } from '../src/scan.js';
import { evenRanges } from './support/ranges.js';

const dir = mkdtempSync(path.join(tmpdir(), 'mxscan-plan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A plain-text log of `lines` lines of varying length (so sizes are odd and cuts fall mid-line). */
function log(name: string, lines: number): string {
  const file = path.join(dir, name);
  writeFileSync(file, Array.from({ length: lines }, (_, i) => `2026-03-18T10:00:00Z line ${i} ${'x'.repeat(i % 17)} storage_error\n`).join(''));
  return file;
}

const settings = fileSettings({ inputs: [], cwd: dir, catalog: buildCatalog([], true) });
const input = (file: string) => ({ path: path.basename(file), file });
const MIN = 1024;

describe('planning the work for the workers', () => {
  it('makes a lone large file one range that every worker shares (cut while it is read)', async () => {
    const file = log('one.log', 2001);
    if (readFileSync(file).length % 2 === 0) writeFileSync(file, '\n', { flag: 'a' });
    const bytes = readFileSync(file);
    expect(bytes.length % 2).toBe(1); // an odd size once left a lone file unsplit
    for (const jobs of [2, 3, 4]) {
      const units = await planUnits([input(file)], jobs, settings, fastPathApplies, MIN);
      expect(units.map((u) => [u.input.range, u.input.format, u.size, u.shares])).toEqual([[{ start: 0, end: bytes.length }, 'text', bytes.length, jobs]]);
      // Cut where a thread would cut it: at line starts, covering it exactly.
      const ranges = await evenRanges(units, jobs);
      expect(ranges).toHaveLength(jobs);
      let at = 0;
      for (const u of ranges) {
        expect(u.input.range!.start).toBe(at);
        if (at > 0) expect(bytes[at - 1]).toBe(0x0a);
        at = u.input.range!.end;
      }
      expect(at).toBe(bytes.length);
    }
  });

  it('leaves files whole when there are as many files as workers, or a file is too small to share', async () => {
    const a = log('a.log', 300);
    const b = log('b.log', 300);
    expect((await planUnits([input(a), input(b)], 2, settings, fastPathApplies, MIN)).map((u) => u.input.range)).toEqual([undefined, undefined]);
    const small = log('small.log', 10);
    expect(readFileSync(small).length).toBeLessThan(2 * MIN);
    expect(await planUnits([input(small)], 2, settings, fastPathApplies, MIN)).toHaveLength(1);
    expect(await planUnits([input(a)], 1, settings, fastPathApplies, MIN)).toHaveLength(1);
  });

  it('gives a large file beside a small one the workers the small one leaves', async () => {
    const big = log('big.log', 3000);
    const small = log('tiny.log', 5);
    const units = await planUnits([input(big), input(small)], 3, settings, fastPathApplies, MIN);
    expect(units.filter((u) => u.input.path === 'big.log').map((u) => u.shares)).toEqual([3]);
    expect(units.filter((u) => u.input.path === 'tiny.log').map((u) => u.input.range)).toEqual([undefined]);
  });

  it('leaves a file whole that weighs less than the threads are shared from', async () => {
    const file = log('weighed.log', 3000);
    const size = readFileSync(file).length;
    const plan = async (from: number): Promise<unknown[]> => (await planUnits([input(file)], 2, settings, fastPathApplies, MIN, from)).map((u) => [u.input.range, u.shares]);
    expect(await plan(size)).toEqual([[{ start: 0, end: size }, 2]]);
    expect(await plan(size + 1)).toEqual([[undefined, undefined]]);
    // A YAML stream weighs eight times its bytes (see work in warm.ts).
    const yaml = path.join(dir, 'entries.yaml');
    writeFileSync(yaml, Array.from({ length: 3000 }, (_, i) => `---\ninsertId: id${i}\nseverity: ERROR\ntextPayload: storage_error ${i}\ntimestamp: '2026-03-18T10:00:00Z'\n`).join(''));
    const bytes = readFileSync(yaml).length;
    const yamlPlan = async (from: number): Promise<unknown[]> => (await planUnits([input(yaml)], 2, settings, fastPathApplies, MIN, from)).map((u) => [u.input.format, u.shares]);
    expect(await yamlPlan(8 * bytes)).toEqual([['yaml', 2]]);
    expect(await yamlPlan(8 * bytes + 1)).toEqual([[undefined, undefined]]);
  });

  it('leaves a file whole when there is no line to cut at after its middle: plain text without times', async () => {
    const file = path.join(dir, 'untimed.log');
    // 2,000 lines of 24 bytes, none with a time: no record starts after the first line.
    writeFileSync(file, 'line without a time xyz\n'.repeat(2000));
    expect((await planUnits([input(file)], 2, settings, fastPathApplies, MIN)).map((u) => [u.input.range, u.shares])).toEqual([[undefined, undefined]]);
  });

  it('never splits JSON lines behind a collector\'s head (the first line tells it: a range is read without it)', async () => {
    const file = path.join(dir, 'pod.log');
    writeFileSync(file, Array.from({ length: 3000 }, (_, i) => `2026-03-18T10:00:00.${String(i).padStart(9, '0')}Z {"level":"info","msg":"poll ${i}"}\n`).join(''));
    expect((await planUnits([input(file)], 2, settings, fastPathApplies, MIN)).map((u) => [u.input.range, u.shares])).toEqual([[undefined, undefined]]);
    // The same lines without the head are JSON lines, which are shared.
    const plain = path.join(dir, 'pod.jsonl');
    writeFileSync(plain, Array.from({ length: 3000 }, (_, i) => `{"level":"info","msg":"poll ${i}"}\n`).join(''));
    expect((await planUnits([input(plain)], 2, settings, fastPathApplies, MIN)).map((u) => u.shares)).toEqual([2]);
  });

  it('never splits a gzip file', async () => {
    const file = path.join(dir, 'one.log.gz');
    writeFileSync(file, gzipSync(readFileSync(log('z.log', 3000))));
    expect(await planUnits([input(file)], 2, settings, fastPathApplies, 16)).toHaveLength(1);
  });
});

describe('deciding how many threads share the scan', () => {
  const MiB = 1024 * 1024;
  const units = (...sizes: number[]): Unit[] => sizes.map((size, i) => ({ input: { path: `f${i}.log`, file: `/f${i}.log` }, size }));
  const shared = (size: number, shares: number, format?: 'yaml' | 'text'): Unit => ({ input: { path: 'big.log', file: '/big.log', range: { start: 0, end: size }, ...(format !== undefined ? { format } : {}) }, size, shares });

  it('uses this thread alone for one unit, one job, or too little to share', () => {
    expect(threadsFor(units(1024 * MiB), 2, undefined, 4)).toBe(1);
    expect(threadsFor(units(100 * MiB, 100 * MiB), 1, undefined, 4)).toBe(1);
    // 40 MiB in all: under MIN_PARALLEL (64 MiB).
    expect(threadsFor(units(20 * MiB, 20 * MiB), 2, undefined, 4)).toBe(1);
    // 20,000 files of 10 KB: 195 MiB, but each costs about as much to send to a worker as to scan here.
    expect(threadsFor(units(...Array.from({ length: 20_000 }, () => 10_240)), 2, undefined, 4)).toBe(1);
  });

  it('on more than two cores, shares units worth sending once they hold MIN_PARALLEL bytes, on at most one thread per unit', () => {
    expect(MIN_PARALLEL).toBe(64 * MiB);
    expect(threadsFor(units(32 * MiB, 32 * MiB), 2, undefined, 4)).toBe(2);
    expect(threadsFor(units(32 * MiB, 32 * MiB - 1), 2, undefined, 4)).toBe(1);
    expect(threadsFor(units(40 * MiB, 40 * MiB), 4, undefined, 4)).toBe(2);
    // A large file among many small ones: it goes to a worker while this thread reads the small ones.
    expect(threadsFor(units(100 * MiB, ...Array.from({ length: 1000 }, () => 4096)), 2, undefined, 4)).toBe(2);
  });

  it('on two cores or one, only from MIN_PARALLEL_TWO_CORES bytes (384 MiB), a YAML stream\'s weighing eight times as much', () => {
    expect(MIN_PARALLEL_TWO_CORES).toBe(384 * MiB);
    expect(threadsFor([shared(256 * MiB, 2)], 2, undefined, 2)).toBe(1);
    expect(threadsFor([shared(384 * MiB - 1, 2)], 2, undefined, 2)).toBe(1);
    expect(threadsFor([shared(384 * MiB, 2)], 2, undefined, 2)).toBe(2);
    expect(threadsFor(units(200 * MiB, 200 * MiB), 2, undefined, 2)).toBe(2);
    expect(threadsFor(units(100 * MiB, 100 * MiB), 2, undefined, 1)).toBe(1);
    // YAML is read about eight times slower a byte: 48 MiB of it weigh 384.
    expect(threadsFor([shared(48 * MiB, 2, 'yaml')], 2, undefined, 2)).toBe(2);
    expect(threadsFor([shared(48 * MiB, 2, 'text')], 2, undefined, 2)).toBe(1);
    expect(threadsFor([shared(47 * MiB, 2, 'yaml')], 2, undefined, 2)).toBe(1);
    // Whole files whose format is not known yet: a YAML file told by its name.
    const whole = (name: string, size: number): Unit => ({ input: { path: name, file: `/${name}` }, size });
    expect(threadsFor([whole('a.yaml', 25 * MiB), whole('b.yml', 25 * MiB)], 2, undefined, 2)).toBe(2);
    expect(threadsFor([whole('a.log', 25 * MiB), whole('b.log', 25 * MiB)], 2, undefined, 2)).toBe(1);
  });

  it('counts a file that threads share as the threads it earns', () => {
    expect(threadsFor([shared(1024 * MiB, 2)], 2, undefined, 4)).toBe(2);
    expect(threadsFor([shared(1024 * MiB, 2)], 4, undefined, 4)).toBe(2);
    expect(threadsFor([shared(1024 * MiB, 4)], 2, undefined, 2)).toBe(2);
    expect(threadsFor([shared(40 * MiB, 2)], 2, undefined, 4)).toBe(1);
  });

  it('shares whatever the size when told to (from 0)', () => {
    expect(threadsFor(units(10, 20, 30), 3, 0)).toBe(3);
    expect(threadsFor(units(10), 3, 0)).toBe(1);
  });
});

describe('where a range of plain text may be cut', () => {
  it('only before a line the scan reads a time on, by the scan\'s date order', () => {
    // Line 2 is 13 April read day first (no --date-order), or no time at all with --date-order mdy given.
    const f = path.join(dir, 'cut.log');
    writeFileSync(f, 'untimed head\n13/04/2026 09:14:02 storage_error\nuntimed tail\n');
    expect(cutAfter(f, 0, 1000, 'text', cutTimes(settings))).toBe('untimed head\n'.length);
    const strict = fileSettings({ inputs: [], cwd: dir, catalog: buildCatalog([], true), times: { zone: 'UTC', dateOrder: 'mdy', year: null, format: null } });
    expect(cutAfter(f, 0, 1000, 'text', cutTimes(strict))).toBe(-1);
  });

  it('not before a stack trace\'s line under a collector\'s time, which may carry on the record before it', () => {
    const f = path.join(dir, 'trace.log');
    const lines = [
      'untimed head',
      '2026-04-07T09:14:02.100Z java.io.IOException: storage_error',
      '2026-04-07T09:14:02.101Z \tat c.e.App.run(App.java:12)',
      '2026-04-07T09:14:02.102Z Caused by: java.io.IOException: storage_error',
      '2026-04-07T09:14:05.000Z INFO done',
    ];
    writeFileSync(f, lines.join('\n') + '\n');
    // From line 2 on: line 3 and 4 carry on line 2's record, line 5 starts one.
    const at = lines[0]!.length + 1 + lines[1]!.length;
    expect(cutAfter(f, at, 1000, 'text', cutTimes(settings))).toBe(lines.slice(0, 4).join('\n').length + 1);
  });
});
