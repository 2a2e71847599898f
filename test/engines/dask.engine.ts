/**
 * Dask distributed (Debian's python3-distributed, run by /usr/bin/python3): a LocalCluster bound to
 * 127.0.0.1, every port pinned there. The map step is one task per shard running `mxscan scan … --shard
 * I/N --partial` (test/engines/dask_shards.py writes each partial to a file); the reduce step is
 * `mxscan merge part-*.json`. The merged report must be the plain scan's, byte for byte.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, NODE, PYTHON, ROOT, SCAN_ARGS, ensureTools, plainReport, run, stopAll, tempDir } from './support.js';

const skip = ensureTools();
const SHARDS = 4;

interface DaskRun {
  partials: string[];
  codes: number[];
  stderr: string[];
  listeners: [string, number][];
}

describe.skipIf(skip !== undefined)('Dask LocalCluster on 127.0.0.1', () => {
  const temp = tempDir('mxscan-engines-dask-');
  let result: DaskRun;
  beforeAll(async () => {
    const script = path.join(ROOT, 'test', 'engines', 'dask_shards.py');
    const r = await run(PYTHON, [script, NODE, BIN, ROOT, String(SHARDS), path.join(temp.dir, 'out'), ...SCAN_ARGS], { timeoutMs: 240_000 });
    if (r.code !== 0) throw new Error(`the Dask run failed (${r.code}): ${r.err}`);
    result = JSON.parse(r.out.trim().split('\n').at(-1)!) as DaskRun;
  });
  afterAll(() => {
    stopAll();
    temp.remove();
  });

  it('listens on 127.0.0.1 only: scheduler, workers, nannies and their HTTP servers', () => {
    // At least the scheduler and its HTTP server, and a port for each of the two workers.
    expect(result.listeners.length).toBeGreaterThanOrEqual(4);
    expect(result.listeners.filter(([addr]) => !addr.startsWith('127.0.0.1:'))).toEqual([]);
  });

  it('runs every shard, and their merge is the plain scan, byte for byte', async () => {
    expect(result.codes).toEqual([0, 0, 0, 0]);
    expect(result.stderr).toEqual(['', '', '', '']);
    const merged = await run(NODE, [BIN, 'merge', ...result.partials, '-f', 'json', '-q', '--no-redact']);
    expect(merged.code).toBe(0);
    expect(merged.out).toBe(await plainReport('json'));
  });

  it('a shard whose partial was lost fails the merge with exit 2, naming the shard', async () => {
    const lost = result.partials.filter((p) => !p.endsWith('part-2.json'));
    const merged = await run(NODE, [BIN, 'merge', ...lost, '-f', 'json', '-q', '--no-redact']);
    expect(merged.code).toBe(2);
    expect(merged.out).toBe('');
    expect(merged.err).toBe('mxscan: shard 2/4 missing: 3 of 4 shards were given (1/4, 3/4, 4/4); rerun the missing shard and merge again\n');
  });

  it('a cut-off partial fails the merge with exit 2, naming its shard', async () => {
    const part3 = result.partials.find((p) => p.endsWith('part-3.json'))!;
    const cut = path.join(temp.dir, 'part-3-cut.json');
    const text = readFileSync(part3);
    writeFileSync(cut, text.subarray(0, text.length >> 1));
    const merged = await run(NODE, [BIN, 'merge', ...result.partials.map((p) => (p === part3 ? cut : p)), '-f', 'json', '-q', '--no-redact']);
    expect(merged.code).toBe(2);
    expect(merged.err).toBe(`mxscan: bad partial report ${cut} (shard 3/4): not valid JSON (cut off or corrupt: was its scan stopped?)\n`);
    rmSync(cut);
  });
});
