/**
 * Map-reduce through the built bin: shards scanned as separate processes with `scan --partial`, then
 * `mxscan merge` (files, or `-` for a stream on stdin), give byte for byte the report of one scan of all
 * the inputs, in JSON and in markdown. The bin is the build of the sources (test/support/global-setup.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../support/postmortem-cli.js';

// Slow (processes spawned one after the other): run with `npm run test:slow` (MXSCAN_SLOW=1).
const SLOW = process.env['MXSCAN_SLOW'] === '1';

const BIN = path.join(ROOT, 'dist', 'bin.js');
const temp = tempDir('mxscan-pm-merge-');
afterAll(() => temp.remove());

interface Proc {
  code: number | null;
  out: string;
  err: string;
}

function bin(args: string[], stdin?: string): Proc {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { PATH: process.env['PATH'] ?? '' },
    ...(stdin !== undefined ? { input: stdin } : {}),
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Every file under a fixtures directory, relative POSIX paths, sorted, `fixtures/bad/` left out. */
function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const e of readdirSync(path.join(ROOT, rel), { withFileTypes: true })) {
      const p = `${rel}/${e.name}`;
      if (e.name.startsWith('.') || p === 'fixtures/bad') continue;
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** Round-robin shards of a list. */
const shard = <T>(xs: readonly T[], n: number): T[][] => Array.from({ length: n }, (_, k) => xs.filter((_, i) => i % n === k));

/** Options that change the finished report but not what is counted: both sides get them. */
const DELIVERY = ['--baseline', 'test/data/baseline-2026-03-11.json', '--suppress', 'test/data/suppress-mixed.json'];

describe.skipIf(!SLOW).each([
  ['fixtures (all but fixtures/bad)', 'fixtures', 3],
  ['fixtures/postmortem', 'fixtures/postmortem', 4],
])('scan --partial in shards, then merge: %s', (_name, dir, n) => {
  const inputs = files(dir);
  const partials: string[] = [];

  beforeAll(() => {
    expect(inputs.length).toBeGreaterThanOrEqual(n);
    shard(inputs, n).forEach((group, k) => {
      const p = bin(['scan', ...group, '--partial', '--quiet']);
      expect(p.code, p.err).toBe(0);
      expect(p.out.trimEnd().split('\n')).toHaveLength(1); // one JSON document per line
      const file = path.join(temp.dir, `${path.basename(dir)}-${k}.json`);
      writeFileSync(file, p.out);
      partials.push(file);
    });
  });

  it('merges partial files into the JSON report of one scan, byte for byte, in any order', () => {
    const one = bin(['scan', ...inputs, '--format', 'json', '--quiet']);
    expect(one.code).toBe(0);
    const merged = bin(['merge', ...partials, '--format', 'json', '--quiet']);
    expect(merged.code, merged.err).toBe(0);
    expect(merged.out).toBe(one.out);
    expect(bin(['merge', ...[...partials].reverse(), '--format', 'json', '--quiet']).out).toBe(one.out);
    // the report covers every input
    expect((JSON.parse(one.out) as { files: unknown[] }).files).toHaveLength(inputs.length);
  });

  it('merges into the markdown report of one scan, byte for byte', () => {
    const one = bin(['scan', ...inputs, '--quiet']);
    const merged = bin(['merge', ...partials, '--quiet']);
    expect(merged.code, merged.err).toBe(0);
    expect(merged.out).toBe(one.out);
  });

  it('merges a stream of partial reports on stdin (-)', () => {
    const stream = partials.map((p) => readFileSync(p, 'utf8')).join('');
    const one = bin(['scan', ...inputs, '--format', 'json', '--quiet']);
    const merged = bin(['merge', '-', '--format', 'json', '--quiet'], stream);
    expect(merged.code, merged.err).toBe(0);
    expect(merged.out).toBe(one.out);
  });

  it('merges partials into a partial (merge --partial), which merges with the rest into the same report', () => {
    const file = path.join(temp.dir, `${path.basename(dir)}-reduced.json`);
    const reduced = bin(['merge', ...partials.slice(0, -1), '--partial', '--quiet']);
    expect(reduced.code, reduced.err).toBe(0);
    writeFileSync(file, reduced.out);
    const one = bin(['scan', ...inputs, '--format', 'json', '--quiet']);
    const merged = bin(['merge', file, partials[partials.length - 1]!, '--format', 'json', '--quiet']);
    expect(merged.code, merged.err).toBe(0);
    expect(merged.out).toBe(one.out);
  });

  it('agrees with one scan with a baseline and suppressions applied on both sides', () => {
    for (const format of ['json', 'markdown']) {
      const one = bin(['scan', ...inputs, ...DELIVERY, '--format', format, '--quiet']);
      const merged = bin(['merge', ...partials, ...DELIVERY, '--format', format, '--quiet']);
      expect(merged.code, merged.err).toBe(one.code);
      expect(merged.out).toBe(one.out);
    }
  });
});

describe.skipIf(!SLOW)('scan --partial and merge past the bound of 10,000 accounts', () => {
  it('keeps the same accounts as one scan when each shard holds under 10,000 but together they hold 10,050', () => {
    const dir = path.join(temp.dir, 'accounts');
    mkdirSync(dir);
    const shards = [0, 1].map((k) => {
      const lines: string[] = [];
      for (let i = k * 5025; i < (k + 1) * 5025; i++) {
        lines.push(`2026-03-18T16:${String(Math.floor(i / 200)).padStart(2, '0')}:00Z ERROR [storage-box] upload failed for user${String(i).padStart(5, '0')}@northwind-traders.com: storage_error (507)`);
      }
      const file = path.join(dir, `shard-${k}.log`);
      writeFileSync(file, lines.join('\n') + '\n');
      return file;
    });
    const parts = shards.map((f, k) => {
      const p = bin(['scan', f, '--partial', '--quiet']);
      expect(p.code, p.err).toBe(0);
      const file = path.join(dir, `partial-${k}.json`);
      writeFileSync(file, p.out);
      return file;
    });
    const one = bin(['scan', ...shards, '--format', 'json', '--quiet']);
    const merged = bin(['merge', ...parts, '--format', 'json', '--quiet']);
    expect(merged.out).toBe(one.out);
    const accounts = (JSON.parse(one.out) as { codes: { accounts: { distinct: number; bounded: boolean } }[] }).codes[0]!.accounts;
    expect(accounts).toMatchObject({ distinct: 10_000, bounded: true });
  });
});

describe.skipIf(!SLOW)('merge refuses what it cannot combine', () => {
  it('exits 2 when the same file was counted in two partial reports', () => {
    const p = bin(['scan', 'fixtures/postmortem/compare', '--partial', '--quiet']);
    const file = path.join(temp.dir, 'compare.json');
    writeFileSync(file, p.out);
    const r = bin(['merge', file, file, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('fixtures/postmortem/compare/mail2cloud-2026-03-18.log');
  });
});
