/**
 * Broken and hostile input: JSON lines — numbers in the code field, duplicate keys, deep nesting, over-long
 * and 50 MB object lines. Every expected value below is worked out by hand from the rules (README / the
 * brief), never copied from mxscan's output.
 *
 * Each case checks: exit code, file status, records/matches/codes, the one stderr line that names the file,
 * and that stderr holds no stack trace. Cases whose memory matters run the built bin (dist/bin.js, build it
 * first) as a subprocess and read its peak RSS.
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/summary/report.js';
import {
  ROOT,
  counts,
  fileRow,
  linesNaming,
  problemLines,
  runBin,
  runMain,
  sampleLines,
  tempDir,
  unknownCounts,
  type Run,
} from './support/cli.js';
import { ENGINES, bad, MiB, expectClean } from './support/hostile.js';
import type { Engine } from './oracle/switch.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts; src/scan.ts is mocked
// by the setup file of the project these tests run in, test/support/oracle-mock.ts).

describe('JSON lines', () => {
  for (const engine of ENGINES) {
    describe(`${engine}`, () => {
      const scan = (inputs: string[], cwd = ROOT, extra: string[] = []): Promise<Run> =>
        runMain(['scan', ...inputs, '-j', '1', ...extra], { cwd, engine });

      it('a number in the code field is not a code: the line is scanned as text', async () => {
        // 1: "code":404, storage_error in msg (text) · 2: "code":"smime_error" · 3: numbers only · 4: 12.5e3, web_hook_moved in msg
        const f = bad('number-code.jsonl');
        const r = await scan([f]);
        expectClean(r, 0);
        expect(problemLines(r.err)).toEqual([]);
        expect(fileRow(r.report, f)).toMatchObject({ format: 'jsonl', records: 4, matches: 3, malformedRecords: 0, unknown: 0 });
        expect(counts(r.report)).toEqual({ storage_error: 1, smime_error: 1, web_hook_moved: 1 });
        expect(r.report.codes.find((c) => c.code === 'storage_error')!.firstSeen).toBe('2026-03-18T08:00:01.000Z');
      });

      it('duplicate keys: the last wins, as in JSON.parse', async () => {
        // 1: smime_error (not storage_error; msg not scanned) · 2: web_hook_moved · 3: last "" → no code field → text:
        // web_hook_deleted · 4: last 7 → text: web_hook_deleted · 5: last "unknown_thing" → unknown, and the line
        // read as text too: the first "code" holds web_hook_moved
        const f = bad('dup-keys.jsonl');
        const r = await scan([f]);
        expectClean(r, 0);
        expect(fileRow(r.report, f)).toMatchObject({ records: 5, matches: 5, unknown: 1, malformedRecords: 0 });
        expect(counts(r.report)).toEqual({ smime_error: 1, web_hook_moved: 2, web_hook_deleted: 2 });
        expect(unknownCounts(r.report)).toEqual({ unknown_thing: 1 });
        expect(sampleLines(r.report, 'web_hook_deleted')).toEqual([3, 4]);
      });

      it('arrays nested 10,000 deep: valid ones are read, an unclosed one is one malformed record', async () => {
        const dir = tempDir('deepjson');
        try {
          const open = '['.repeat(10_000);
          const close = ']'.repeat(10_000);
          writeFileSync(
            path.join(dir, 'deep.jsonl'),
            [
              `{"code":"storage_error","a":${open}${close}}`, // code field
              `${open}"smime_error"${close}`, // valid, not an object: text
              `{"x":${open}"execution_failed"${close}}`, // object without a code field: text
              open, // malformed
            ].join('\n') + '\n',
          );
          const r = await scan(['deep.jsonl'], dir);
          expectClean(r, 0, ['deep.jsonl']);
          expect(linesNaming(r.err, 'deep.jsonl')[0]).toBe('mxscan: deep.jsonl: 1 malformed record read as plain text');
          expect(fileRow(r.report, 'deep.jsonl')).toMatchObject({ records: 4, matches: 3, malformedRecords: 1 });
          expect(counts(r.report)).toEqual({ storage_error: 1, smime_error: 1, execution_failed: 1 });
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });

      it('skips JSON lines longer than --max-line-length and counts them (one stderr line)', async () => {
        const dir = tempDir('longjson');
        try {
          const pad = 'x'.repeat(2 * MiB);
          writeFileSync(
            path.join(dir, 'long.jsonl'),
            `{"code":"storage_error","pad":"${pad}"}\n{"msg":"smime_error","pad":"${pad}"}\n{"code":"web_hook_moved"}\n`,
          );
          const r = await scan(['long.jsonl'], dir, ['--max-line-length', '1M']);
          expectClean(r, 0, ['long.jsonl']);
          expect(linesNaming(r.err, 'long.jsonl')[0]).toBe('mxscan: long.jsonl: 2 over-long lines skipped (see --max-line-length)');
          expect(fileRow(r.report, 'long.jsonl')).toMatchObject({ records: 3, matches: 1, skippedLines: 2 });
          expect(counts(r.report)).toEqual({ web_hook_moved: 1 });
          expect(sampleLines(r.report, 'web_hook_moved')).toEqual([3]);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
    });
  }

  describe('50 MB object lines (subprocess, memory)', () => {
    let dir: string;
    let baseRssKb: number;
    beforeAll(async () => {
      dir = tempDir('json50');
      const pad = 'x'.repeat(50 * 1000 * 1000);
      writeFileSync(
        path.join(dir, 'big.jsonl'),
        `{"time":"2026-03-18T08:00:00Z","code":"storage_error","pad":"${pad}"}\n` + // code field
          `{"msg":"smime_error at the start","pad":"${pad}","tail":"execution_failed"}\n` + // text: 2 codes
          `{"code":"web_hook_moved"}\n`,
      );
      baseRssKb = (await runBin(['scan', bad('no-final-newline.log'), '-q', '-j', '1', '--format', 'json'])).maxRssKb!;
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    /** The engine runs as the bin, its memory measured (MB over the baseline); the oracle in-process, its values only. */
    const big = async (engine: Engine, extra: string[] = []): Promise<{ code: number; err: string; report: Report; growthMb?: number }> => {
      if (engine === 'oracle') return runMain(['scan', 'big.jsonl', '-j', '1', ...extra], { cwd: dir, engine });
      const r = await runBin(['scan', 'big.jsonl', '--format', 'json', '-j', '1', ...extra], { cwd: dir, timeoutMs: 60_000 });
      expect(r.timedOut).toBe(false);
      return { code: r.status ?? -1, err: r.stderr, report: JSON.parse(r.stdout) as Report, growthMb: ((r.maxRssKb ?? Infinity) - baseRssKb) / 1024 };
    };

    for (const engine of ENGINES) {
      it(`reads them with --max-line-length 64M, ${engine}`, async () => {
        const { report, growthMb, ...r } = await big(engine, ['--max-line-length', '64M']);
        expectClean(r, 0);
        expect(fileRow(report, 'big.jsonl')).toMatchObject({ format: 'jsonl', records: 3, matches: 4, skippedLines: 0, malformedRecords: 0 });
        expect(counts(report)).toEqual({ storage_error: 1, smime_error: 1, execution_failed: 1, web_hook_moved: 1 });
        // Two 50 MB lines, each held whole: the byte scanner keeps a copy or two of one line, never a dozen.
        if (engine === 'engine') expect(growthMb).toBeLessThan(250);
      });

      it(`skips them under the default 16M limit, saying so, ${engine}`, async () => {
        const { report, growthMb, ...r } = await big(engine);
        expect(r.code).toBe(0);
        expect(r.err.split('\n').filter((l) => l.includes('big.jsonl'))).toEqual(['mxscan: big.jsonl: 2 over-long lines skipped (see --max-line-length)']);
        expect(fileRow(report, 'big.jsonl')).toMatchObject({ records: 3, matches: 1, skippedLines: 2 });
        expect(counts(report)).toEqual({ web_hook_moved: 1 });
        if (engine === 'engine') expect(growthMb).toBeLessThan(100);
      });
    }
  });
});
