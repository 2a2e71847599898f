/**
 * Slow: JSON lines on standard input whose first event is 1 GiB long (generated into a temporary directory,
 * removed after). Run with `npm run test:slow` (MXSCAN_SLOW=1; the built bin is needed). Skipped otherwise.
 *
 * Rule (README, What counts → Formats): a first line longer than the 1 MiB detection holds is judged by
 * its first MiB — here the beginning of a JSON object — so the input is JSON lines; the 1 GiB event is then
 * longer than --max-line-length (16M) and skipped and counted, never held; memory stays flat.
 */
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/summary/report.js';
import { counts, fileRow, runBin, stackTraceLines, tempDir } from '../support/cli.js';

const SLOW = process.env['MXSCAN_SLOW'] === '1';
const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const TIMEOUT = 10 * 60_000;

describe.skipIf(!SLOW)('JSON lines on standard input whose first line is 1 GiB', () => {
  let dir: string;
  let file: string;
  let baseRssKb: number;

  beforeAll(async () => {
    dir = tempDir('gib-json');
    file = path.join(dir, 'events.log');
    const fd = openSync(file, 'w');
    try {
      // Line 1: {"code":"storage_error","msg":"lorem ipsum … (1 GiB) … smime_error"}
      writeSync(fd, '{"code":"storage_error","msg":"');
      const block = Buffer.alloc(MiB, 'lorem ipsum dolor sit amet ');
      for (let n = 0; n < GiB; n += MiB) writeSync(fd, block);
      writeSync(fd, ' smime_error"}\n');
      // Line 2: a code field and an epoch time (20,531 days: 2026-03-19T00:00:00Z); line 3: a code field.
      writeSync(fd, '{"time":1773878400,"code":"web_hook_moved","msg":"not execution_failed"}\n');
      writeSync(fd, '{"code":"execution_failed"}\n');
    } finally {
      closeSync(fd);
    }
    baseRssKb = (await runBin(['scan', 'fixtures/bad/no-final-newline.log', '-q', '-j', '1', '--format', 'json'])).maxRssKb!;
  }, TIMEOUT);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(
    'is read as JSON lines, the 1 GiB event skipped, memory flat',
    async () => {
      const r = await runBin(['scan', '-', '--format', 'json', '-j', '1'], { stdin: file, timeoutMs: TIMEOUT });
      expect(r.timedOut).toBe(false);
      expect(stackTraceLines(r.stderr)).toEqual([]);
      expect(r.status, r.stderr).toBe(0);
      const report = JSON.parse(r.stdout) as Report;
      expect(fileRow(report, '(stdin)')).toMatchObject({ status: 'ok', format: 'jsonl', records: 3, skippedLines: 1, matches: 2 });
      expect(counts(report)).toEqual({ web_hook_moved: 1, execution_failed: 1 });
      expect(report.codes.find((c) => c.code === 'web_hook_moved')!.firstSeen).toBe('2026-03-19T00:00:00.000Z');
      expect(((r.maxRssKb ?? Infinity) - baseRssKb) / 1024).toBeLessThan(100);
    },
    TIMEOUT,
  );
});
