/**
 * Formats and line ends told from content, end to end, where the first line is long or the first 64 KiB
 * hold many short lines: a JSON-lines log named .log (or on standard input) whose first event is 64 KiB or
 * more, and 6,553 `\r`-ended lines followed by one `\n`. The engine and the oracle (the byte-level fast paths and the
 * split2 record readers of test/oracle), files and standard input, and the planner that splits files for the workers,
 * read the same records. Expected values are worked out by hand from the inputs below.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCatalog } from '../src/catalog/catalog.js';
import { planUnits } from '../src/parallel/plan.js';
import { fastPathApplies, fileSettings } from '../src/scan.js';
import type { Report } from '../src/summary/report.js';
import { BIN, counts, fileRow, requireBin, runMain, sampleLines } from './support/cli.js';
import { tempDir } from './support/main.js';
import { ENGINES } from './oracle/switch.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts; src/scan.ts is mocked
// by the setup file of the project these tests run in, test/support/oracle-mock.ts).

let tmp: { dir: string; remove: () => void };
beforeAll(() => {
  tmp = tempDir('mxscan-first-line-');
});
afterAll(() => tmp.remove());

/**
 * Three events; the first carries a message of `pad` bytes. 1773878400 is 20,531 days after the epoch:
 * 2026-03-19T00:00:00Z; the next two are one and two minutes later.
 */
function events(pad: number): string {
  return [
    { time: 1773878400, code: 'storage_error', message: `retry after smime_error ${'x'.repeat(pad)}` },
    { time: 1773878460, code: 'web_hook_moved', message: 'see storage_error' },
    { time: 1773878520, message: 'no code field: execution_failed here' },
  ]
    .map((e) => JSON.stringify(e) + '\n')
    .join('');
}

/**
 * Read as JSON lines: each event counts its code field only (smime_error and the second storage_error are
 * in messages), the third has none and is scanned as text; every event has its epoch time.
 */
function expectJsonLines(r: Report, p: string): void {
  expect(fileRow(r, p)).toMatchObject({ status: 'ok', format: 'jsonl', records: 3, matches: 3, malformedRecords: 0, skippedLines: 0 });
  expect(counts(r)).toEqual({ storage_error: 1, web_hook_moved: 1, execution_failed: 1 });
  const seen = Object.fromEntries(r.codes.map((c) => [c.code, c.firstSeen]));
  expect(seen).toEqual({
    storage_error: '2026-03-19T00:00:00.000Z',
    web_hook_moved: '2026-03-19T00:01:00.000Z',
    execution_failed: '2026-03-19T00:02:00.000Z',
  });
  expect(r.timeRange).toEqual({ start: '2026-03-19T00:00:00.000Z', end: '2026-03-19T00:02:00.000Z' });
}

/** `node dist/bin.js scan - --format json <extra>` with `input` on standard input. */
function scanStdin(input: string, extra: readonly string[] = []): Report {
  requireBin();
  const run = spawnSync(process.execPath, [BIN, 'scan', '-', '--format', 'json', ...extra], { input, encoding: 'utf8', maxBuffer: 64 << 20, env: { PATH: process.env['PATH'] ?? '' } });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Report;
}

describe('JSON lines recognised by content with a first line of 64 KiB or more', () => {
  // Was a bug: the first line did not end in the 64 KiB detection read, so the log was read as plain text
  // (storage_error 2, smime_error 1, web_hook_moved 1, execution_failed 1, no time) without a warning.
  const text = events(70_000);

  beforeAll(() => {
    expect(text.indexOf('\n')).toBeGreaterThan(64 * 1024);
    writeFileSync(path.join(tmp.dir, 'app.log'), text);
  });

  for (const engine of ENGINES) {
    it(`from a file named .log, ${engine}`, async () => {
      const r = await runMain(['scan', 'app.log', '-j', '1'], { cwd: tmp.dir, engine });
      expect(r.code).toBe(0);
      expectJsonLines(r.report, 'app.log');
    });

    it(`from standard input through the CLI, ${engine}`, async () => {
      // The engine through the bin's real standard input; the oracle in-process, fed the same bytes.
      const report = engine === 'engine' ? scanStdin(text) : (await runMain(['scan', '-', '-j', '1'], { cwd: tmp.dir, stdin: [Buffer.from(text)], engine })).report;
      expectJsonLines(report, '(stdin)');
    });
  }

  it('from standard input, a first line longer than the 1 MiB held: judged by its beginning', () => {
    const huge = events(1_200_000);
    expect(huge.indexOf('\n')).toBeGreaterThan(1024 * 1024);
    expectJsonLines(scanStdin(huge), '(stdin)');
  });

  it('is split for the workers as JSON lines', async () => {
    const s = fileSettings({ inputs: [], cwd: tmp.dir, catalog: buildCatalog([], true) });
    const units = await planUnits([{ path: 'app.log', file: path.join(tmp.dir, 'app.log') }], 2, s, fastPathApplies, 1024);
    expect(units.map((u) => [u.input.format, u.shares])).toEqual([['jsonl', 2]]);
  });
});

describe('6,553 lines ending in \\r alone, then one line ending in \\n', () => {
  // Lines 1–6,553: "storage_error\r" (14 bytes) on odd lines (3,277 of them), "ok\r" (3 bytes) on even
  // ones (3,276): 45,878 + 9,828 = 55,706 bytes; line 6,554: "web_hook_moved\n". The \n comes inside the
  // first 64 KiB. Was a bug: that one \n made the whole file one record (storage_error 1, web_hook_moved 1).
  let bytes = '';
  for (let i = 1; i <= 6553; i++) bytes += i % 2 === 1 ? 'storage_error\r' : 'ok\r';
  bytes += 'web_hook_moved\n';

  beforeAll(() => {
    expect(bytes.length).toBe(55_721);
    writeFileSync(path.join(tmp.dir, 'cr.log'), bytes);
  });

  const expectCr = (r: Report, p: string): void => {
    expect(fileRow(r, p)).toMatchObject({ status: 'ok', format: 'text', records: 6554, matches: 3278 });
    expect(counts(r)).toEqual({ storage_error: 3277, web_hook_moved: 1 });
    // Its first occurrence, its last (line 6,553: the last odd line), topped up by the next by line (no times).
    expect(sampleLines(r, 'storage_error')).toEqual([1, 3, 6553]);
    expect(sampleLines(r, 'web_hook_moved')).toEqual([6554]);
  };

  for (const engine of ENGINES) {
    it(`from a file, ${engine}`, async () => {
      const r = await runMain(['scan', 'cr.log', '-j', '1'], { cwd: tmp.dir, engine });
      expect(r.code).toBe(0);
      expectCr(r.report, 'cr.log');
    });

    it(`from standard input, ${engine}`, async () => {
      const r = await runMain(['scan', '-', '-j', '1'], { cwd: tmp.dir, stdin: [Buffer.from(bytes)], engine });
      expect(r.code).toBe(0);
      expectCr(r.report, '(stdin)');
    });
  }

  it('is not split for the workers (its line ends are rewritten on the way in)', async () => {
    const s = fileSettings({ inputs: [], cwd: tmp.dir, catalog: buildCatalog([], true) });
    const units = await planUnits([{ path: 'cr.log', file: path.join(tmp.dir, 'cr.log') }], 2, s, fastPathApplies, 1024);
    expect(units.map((u) => u.input.range)).toEqual([undefined]);
  });
});
