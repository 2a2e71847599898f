import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCatalog } from '../src/catalog/catalog.js';
import { likelyWorkers, MIN_PARALLEL_TWO_CORES, MIN_PART, Workers } from '../src/parallel/warm.js';
import { scan } from '../src/scan.js';
import { buildReport } from '../src/summary/report.js';

describe('guessing from the raw arguments how many workers a run will want', () => {
  it.each([
    [['scan', 'a.log'], 2, 1],
    [['scan', 'a.log', 'b.log'], 8, 7],
    [['scan', 'a.log'], 1, 0],
    [['merge', 'a.json', 'b.json'], 4, 0],
    [['catalog'], 4, 0],
    [['--quiet', 'scan', 'a.log'], 4, 0],
    [['scan', 'a.log', '--jobs', '1'], 4, 0],
    [['scan', 'a.log', '--jobs=1'], 4, 0],
    [['scan', 'a.log', '-j1'], 4, 0],
    [['scan', 'a.log', '-j', '3'], 8, 2],
    [['scan', 'a.log', '--jobs', '16'], 4, 3],
    [['scan', 'a.log', '--jobs', 'zero'], 4, 3],
    [['scan', '-'], 4, 0],
    [['scan'], 4, 0],
    [['scan', 'a.log', '--help'], 4, 0],
    [['scan', 'a.log', '-qh'], 4, 0],
    [['scan', 'a.log', '--version'], 4, 0],
    [['scan', 'a.log', '--', '-h'], 4, 3],
    // A glob is no file read whole, whatever its name.
    [['scan', 'logs/*.jsonl.gz'], 2, 1],
  ])('%j on %i cores: %i (the main thread scans too)', (argv, cores, want) => {
    // No such files: each input may be a glob or a directory of many.
    expect(likelyWorkers(argv, cores, () => undefined)).toBe(want);
  });

  // Sizes of regular files; anything else is not one (a directory, a glob).
  // On two cores a scan is shared from MIN_PARALLEL_TWO_CORES bytes (a YAML stream's weigh eight times as much).
  const sizes = new Map([
    ['small.log', 1024],
    ['big.log', MIN_PARALLEL_TWO_CORES],
    ['edge.log', MIN_PARALLEL_TWO_CORES - 1],
    ['half.log', MIN_PARALLEL_TWO_CORES / 2],
    ['events.yaml', MIN_PARALLEL_TWO_CORES / 8],
    ['less.yaml', MIN_PARALLEL_TWO_CORES / 8 - 1],
  ]);
  it.each([
    [['scan', 'small.log'], 0],
    [['scan', 'edge.log'], 0],
    [['scan', 'big.log'], 1],
    // Two small files: on two cores small files are read by this thread alone, from the first one on.
    [['scan', 'small.log', 'small.log'], 0],
    // big.log comes first in path order.
    [['scan', 'small.log', 'big.log'], 1],
    [['scan', 'big.log', 'small.log', 'small.log'], 1],
    [['scan', 'small.log', '--out', 'reports'], 0],
    [['scan', '--out', 'reports', 'small.log', '--quiet'], 0],
    [['scan', 'logs/', '--out', 'reports'], 1],
    [['scan', '--quiet', 'big.log', 'small.log'], 0],
    [['scan', 'small.log', '--format=json', 'big.log'], 1],
    // Two files that weigh enough together, or not; a YAML stream, slower to read, from an eighth of the bytes.
    [['scan', 'half.log', 'half.log'], 1],
    [['scan', 'half.log', 'small.log'], 0],
    [['scan', 'events.yaml'], 1],
    [['scan', 'less.yaml'], 0],
  ])('%j: %i (one file too small to split needs none)', (argv, want) => {
    expect(likelyWorkers(argv, 2, (p) => sizes.get(p))).toBe(want);
  });

  it.each([
    [['scan', 'a.log'], 2 * MIN_PART, 3],
    [['scan', 'a.log'], 2 * MIN_PART - 1, 0],
    [['scan', 'a.log', 'b.log'], MIN_PART, 3],
  ])('%j of %i bytes each on four cores: %i (shared from 64 MiB there)', (argv, size, want) => {
    expect(likelyWorkers(argv, 4, () => size)).toBe(want);
  });

  it('weighs a few named files, not a shell\'s glob of thousands', () => {
    let stats = 0;
    const small = (): number => (stats++, 1024);
    const names = (n: number): string[] => Array.from({ length: n }, (_, i) => `f${i}.log`);
    expect(likelyWorkers(['scan', ...names(10)], 4, small)).toBe(0);
    expect(stats).toBe(10);
    stats = 0;
    expect(likelyWorkers(['scan', ...names(5000)], 4, small)).toBe(3);
    expect(stats).toBe(0);
  });

  // Where small files alone are read by this thread only (two cores; on three, two jobs share them), a scan whose
  // first file in path order is small starts here with the small files: no worker boots ahead for it.
  const firstIn = new Map([
    ['small-first', 1024],
    ['big-first', 2 * MIN_PART],
    ['edge-first', 1024 * 1024],
    ['under-edge', 1024 * 1024 - 1],
  ]);
  it.each([
    [['scan', 'small-first'], 2, 0],
    [['scan', 'small-first', '-j', '8'], 2, 0],
    [['scan', 'small-first', '-j', '2'], 3, 1],
    [['scan', 'small-first'], 3, 2],
    [['scan', 'small-first'], 4, 3],
    [['scan', 'big-first'], 2, 1],
    [['scan', 'edge-first'], 2, 1],
    [['scan', 'under-edge'], 2, 0],
    [['scan', 'small-first', 'big-first'], 2, 1],
    [['scan', 'small-first', 'zz-nothing-known'], 2, 0],
    [['scan', 'nothing-known'], 2, 1],
  ])('%j (directories) on %i cores: %i', (argv, cores, want) => {
    expect(likelyWorkers(argv, cores, () => undefined, () => undefined, (p) => firstIn.get(p))).toBe(want);
  });

  // One big file that is never split (gzip, UTF-16 or another byte-order mark, a compact JSON array) is scanned by one thread: no worker boots
  // for it; a CSV export, a pretty-printed array and YAML are split.
  const big = MIN_PARALLEL_TWO_CORES;
  const heads = new Map([
    ['array.json', Buffer.from(' [{"a": 1}, {"a": 2},\n{"a": 3}]')],
    ['pretty.json', Buffer.from('[\n  {\n    "a": 1\n  },')],
    ['lines.json', Buffer.from('{"a": 1}\n{"a": 2}\n')],
    // UTF-16 (PowerShell's `>`), transcoded on the way in; gzip told by its bytes, whatever its name; a UTF-8 mark.
    ['mail.log', Buffer.from([0xff, 0xfe, 0x32, 0x00, 0x30, 0x00])],
    ['be.log', Buffer.from([0xfe, 0xff, 0x00, 0x32, 0x00, 0x30])],
    ['rotated.1', Buffer.from([0x1f, 0x8b, 0x08, 0x00])],
    ['bom.csv', Buffer.from('\ufefftime,code\n')],
    ['plain.log', Buffer.from('2026-03-18T10:00:00Z storage_error\n')],
  ]);
  it.each([
    [['scan', 'export.csv'], 1],
    [['scan', 'EXPORT.TSV'], 1],
    [['scan', 'mail.log.gz'], 0],
    [['scan', 'array.json'], 0],
    [['scan', 'pretty.json'], 1],
    [['scan', 'lines.json'], 1],
    [['scan', 'empty.json'], 1],
    [['scan', 'export.csv', 'other.csv'], 1],
    [['scan', 'mail.log'], 0],
    [['scan', 'be.log'], 0],
    [['scan', 'rotated.1'], 0],
    [['scan', 'bom.csv'], 0],
    [['scan', 'plain.log'], 1],
  ])('%j, each file 384 MiB: %i', (argv, want) => {
    expect(likelyWorkers(argv, 2, () => big, (p) => heads.get(p))).toBe(want);
  });
});

describe('workers started ahead of time', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mxscan-warm-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // A custom code besides the built-in ones: the settings reach workers started before they were known.
  const catalog = buildCatalog([[{ module: 'x', code: 'quota_hard_limit', type: 'MAIL', level: 'WARN', description: 'd', action: 'a' }]], true);
  const files = ['a.log', 'b.log', 'c.log'].map((name, k) => {
    const file = path.join(dir, name);
    writeFileSync(file, Array.from({ length: 100 * (k + 1) }, (_, i) => `2026-03-18T10:00:0${k}Z ${i % 2 === 0 ? 'storage_error' : 'quota_hard_limit'} #${i}\n`).join(''));
    return file;
  });
  const counts = async (opts: { jobs: number; workers?: Workers }) => {
    // parallelFrom 0: these small files go to workers all the same.
    const { tally } = await scan({ inputs: files, cwd: dir, catalog, parallelFrom: 0, ...opts });
    return buildReport(tally, { catalog, version: 'test', window: null }).codes.map((c) => [c.code, c.count]);
  };

  it('scan with the settings they are sent, fewer or more of them than the scan needs', async () => {
    // 600 lines in all, every other one of each code: counted by hand.
    const want = [
      ['storage_error', 300],
      ['quota_hard_limit', 300],
    ];
    expect(await counts({ jobs: 1 })).toEqual(want);
    for (const started of [0, 1, 3, 5]) {
      const workers = new Workers(started);
      try {
        expect(await counts({ jobs: 3, workers })).toEqual(want);
      } finally {
        workers.close();
      }
    }
  });

  it('takes one worker fewer than the jobs (this thread scans too), and none for a small scan', async () => {
    const asked: number[] = [];
    class Counted extends Workers {
      override take(n: number) {
        asked.push(n);
        return super.take(n);
      }
    }
    const want = [
      ['storage_error', 300],
      ['quota_hard_limit', 300],
    ];
    expect(await counts({ jobs: 3, workers: new Counted() })).toEqual(want);
    expect(asked).toEqual([2]);
    asked.length = 0;
    // The same three small files at the default threshold: scanned here, no worker taken.
    const { tally } = await scan({ inputs: files, cwd: dir, catalog, jobs: 3, workers: new Counted() });
    expect(buildReport(tally, { catalog, version: 'test', window: null }).codes.map((c) => [c.code, c.count])).toEqual(want);
    expect(asked).toEqual([]);
  });

  it('are ended by a scan that will not use them, and left to the caller by one that does', async () => {
    const events: string[] = [];
    class Counted extends Workers {
      override take(n: number) {
        events.push(`take ${n}`);
        return super.take(n);
      }
      override close() {
        events.push('close');
        super.close();
      }
    }
    // Three small files at the default threshold: one thread, so the worker started early is ended by the scan.
    await scan({ inputs: files, cwd: dir, catalog, jobs: 2, workers: new Counted(1) });
    expect(events).toEqual(['close']);
    events.length = 0;
    // parallelFrom 0: shared with a worker, which the scan takes and does not end (the caller closes the rest).
    const workers = new Counted(1);
    try {
      expect(await counts({ jobs: 2, workers })).toEqual([
        ['storage_error', 300],
        ['quota_hard_limit', 300],
      ]);
      expect(events).toEqual(['take 1']);
    } finally {
      workers.close();
    }
  });
});
