/**
 * Slow: a single 1 GiB line with no newline at all (generated into a temporary directory, removed after).
 * Run with `npm run test:slow` (MXSCAN_SLOW=1; the built bin is needed: npm run build). Skipped otherwise,
 * so that `vitest run` stays fast.
 *
 * Rule: the plain-text fast path counts codes in lines of any length, scanning a long line in pieces, each
 * distinct code once per line, with flat memory.
 */
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/summary/report.js';
import { BIN, counts, fileRow, runBin, stackTraceLines, tempDir } from '../support/cli.js';

const SLOW = process.env['MXSCAN_SLOW'] === '1';
const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const TIMEOUT = 10 * 60_000;

describe.skipIf(!SLOW)('a single 1 GiB line without a newline', () => {
  let dir: string;
  let baseRssKb: number;
  const growthMb = (kb: number | undefined): number => ((kb ?? Infinity) - baseRssKb) / 1024;

  beforeAll(async () => {
    dir = tempDir('gib');
    const file = path.join(dir, 'one-line.log');
    const block = Buffer.alloc(MiB, 'lorem ipsum dolor sit amet ');
    const fd = openSync(file, 'w');
    try {
      for (let at = 0; at < GiB; at += MiB) writeSync(fd, block, 0, MiB, at);
      // Distinct codes at the start, near the 16 MiB piece edges, at 1/4, 1/2, 3/4 and the end;
      // storage_error twice (start and end): it counts once.
      const inserts: [number, string][] = [
        [0, '2026-03-18T08:00:00Z storage_error at the start '],
        [16 * MiB - 6, ' web_hook_moved '],
        [17 * MiB - 4096 - 7, ' web_hook_deleted '],
        [GiB / 4, ' smime_error '],
        [GiB / 2 - 3, ' execution_failed '],
        [(3 * GiB) / 4, ' connection_error_max_retry '],
        [GiB - 60, ' storage_error and store_in_ai_error at the end. '],
      ];
      for (const [at, text] of inserts) writeSync(fd, Buffer.from(text), 0, Buffer.byteLength(text), at);
    } finally {
      closeSync(fd);
    }
    baseRssKb = (await runBin(['scan', 'fixtures/bad/no-final-newline.log', '-q', '-j', '1', '--format', 'json'])).maxRssKb!;
  }, TIMEOUT);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const EXPECTED = {
    storage_error: 1,
    web_hook_moved: 1,
    web_hook_deleted: 1,
    smime_error: 1,
    execution_failed: 1,
    connection_error_max_retry: 1,
    store_in_ai_error: 1,
  };

  for (const jobs of ['1', '2']) {
    it(
      `the fast path counts every code once, memory flat (-j ${jobs})`,
      async () => {
        const r = await runBin(['scan', 'one-line.log', '--format', 'json', '-j', jobs], { cwd: dir, timeoutMs: TIMEOUT });
        expect(r.timedOut).toBe(false);
        expect(stackTraceLines(r.stderr)).toEqual([]);
        expect(r.status, r.stderr).toBe(0);
        const report = JSON.parse(r.stdout) as Report;
        expect(fileRow(report, 'one-line.log')).toMatchObject({ status: 'ok', records: 1, matches: 7, skippedLines: 0, bytes: GiB });
        expect(counts(report)).toEqual(EXPECTED);
        expect(report.codes.find((c) => c.code === 'storage_error')!.firstSeen).toBe('2026-03-18T08:00:00.000Z');
        expect(growthMb(r.maxRssKb)).toBeLessThan(200);
      },
      TIMEOUT,
    );
  }

  it(
    'the same from standard input (`cat one-line.log | mxscan scan -`)',
    async () => {
      const { spawn } = await import('node:child_process');
      const out = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
        const child = spawn('bash', ['-c', `cat one-line.log | node '${BIN}' scan - --format json -j 1`], { cwd: dir, env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' } });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
        child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
        child.on('error', reject);
        child.on('close', (status) => resolve({ status, stdout, stderr }));
      });
      expect(out.status, out.stderr).toBe(0);
      const report = JSON.parse(out.stdout) as Report;
      expect(fileRow(report, '(stdin)')).toMatchObject({ status: 'ok', records: 1, matches: 7, bytes: GiB });
      expect(counts(report)).toEqual(EXPECTED);
    },
    TIMEOUT,
  );
});

describe.skipIf(SLOW)('slow tests', () => {
  it.skip('are skipped: run `npm run test:slow` (MXSCAN_SLOW=1)', () => {});
});
