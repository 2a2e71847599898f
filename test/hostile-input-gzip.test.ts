/**
 * Broken and hostile input: gzip — concatenated members, binary content, corrupt and truncated files, and a
 * gzip bomb. Every expected value below is worked out by hand from the rules (README / the brief), never
 * copied from mxscan's output. Big cases are generated into a temporary directory and removed afterwards.
 *
 * Each case checks: exit code, file status, records/matches/codes, the one stderr line that names the file,
 * and that stderr holds no stack trace. Cases whose memory matters run the built bin (dist/bin.js, build it
 * first) as a subprocess and read its peak RSS.
 */
import { rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { constants as zc, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/summary/report.js';
import { counts, fileRow, linesNaming, runBin, runMain, sampleLines, tempDir, type Run } from './support/cli.js';
import { ENGINES, bad, MiB, expectClean } from './support/hostile.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts; src/scan.ts is mocked
// by the setup file of the project these tests run in, test/support/oracle-mock.ts).

/** The 12 occurrences on lines 1–50 of truncated.log.gz (= fixtures/incident/mail2cloud.log lines 1–51, cut in 51). */
const TRUNCATED_CODES = {
  task_finished_without_error: 3, // lines 10, 20, 30
  web_hook_moved: 2, // 14, 35
  accounts_and_groups_source_sync_warning: 1, // 24
  smime_error: 1, // 27
  storage_credential_no_access: 2, // 40, 43
  storage_error: 2, // 41, 44
  execution_failed: 1, // 47
};

describe('gzip', () => {
  for (const engine of ENGINES) {
    describe(`${engine}`, () => {
      const scan = (inputs: string[]): Promise<Run> => runMain(['scan', ...inputs, '-j', '1'], { engine });

      it('reads every member of a concatenated gzip', async () => {
        // member 1 "one storage_error\n" (18 bytes), member 2 "two smime_error\n" (16 bytes)
        const f = bad('concat.log.gz');
        const r = await scan([f]);
        expectClean(r, 0);
        expect(fileRow(r.report, f)).toMatchObject({ status: 'ok', compressed: true, records: 2, matches: 2, bytes: 74, expandedBytes: 34 });
        expect(sampleLines(r.report, 'smime_error')).toEqual([2]);
      });

      it('skips a gzip of binary content as binary: one stderr line; alone, nothing is scanned (exit 2, no report)', async () => {
        const f = bad('binary.log.gz');
        const alone = await scan([f]);
        expectClean(alone, 2, [f]);
        expect(alone.out).toBe('');
        expect(linesNaming(alone.err, f)).toEqual([`mxscan: skipped ${f}: binary content (NUL and control bytes in its first 8 KiB)`]);
        const r = await scan([f, bad('no-final-newline.log')]);
        expectClean(r, 0, [f]);
        expect(fileRow(r.report, f)).toMatchObject({ status: 'binary', compressed: true, records: 0, matches: 0 });
        expect(r.report.totals.binaryFiles).toBe(1);
        expect(r.report.provenance?.complete).toBe(false);
      });

      it('a corrupt gzip is an error: exit 2, one stderr line naming it', async () => {
        const f = bad('corrupt.log.gz');
        const r = await scan([f]);
        expectClean(r, 2, [f]);
        expect(linesNaming(r.err, f)[0]).toMatch(/^mxscan: cannot read fixtures\/bad\/corrupt\.log\.gz: gzip data is corrupt/);
        expect(fileRow(r.report, f)).toMatchObject({ status: 'error', records: 0, matches: 0 });
      });

      it('a truncated gzip is an error (exit 2, one line) that keeps what was counted before the damage', async () => {
        // SUSPECTED BUG: the damage is hit while openInput reads its 64 KiB head, so nothing is counted.
        const f = bad('truncated.log.gz');
        const r = await scan([f]);
        expectClean(r, 2, [f]);
        expect(linesNaming(r.err, f)[0]).toBe('mxscan: cannot read fixtures/bad/truncated.log.gz: gzip data is truncated (unexpected end of file)');
        const row = fileRow(r.report, f);
        expect(row.status).toBe('error');
        // Lines 1-51 of the incident log read whole (52 cut): 47 records, 48-51 continue line 47's record.
        expect(row.records).toBe(47);
        expect(counts(r.report)).toEqual(TRUNCATED_CODES);
        expect(row.matches).toBe(12);
      });

      it('marks a damaged gzip as compressed (it was detected by its magic bytes)', async () => {
        const r = await scan([bad('truncated.log.gz'), bad('corrupt.log.gz')]);
        expect(fileRow(r.report, bad('truncated.log.gz')).compressed).toBe(true);
        expect(fileRow(r.report, bad('corrupt.log.gz')).compressed).toBe(true);
      });
    });
  }

  describe('a large gzip truncated half-way', () => {
    // 20,000 timed lines, storage_error on every 100th; the gzip is cut at half its size. The oracle is
    // zlib's own decode of the readable prefix (Z_SYNC_FLUSH): complete lines in it were counted before
    // the damage and must be in the report.
    let dir: string;
    let completeLines: number;
    beforeAll(() => {
      dir = tempDir('gztrunc');
      let s = '';
      for (let i = 1; i <= 20000; i++) s += `2026-03-18T08:${String(Math.floor(i / 400) % 60).padStart(2, '0')}:00Z line ${i} ${i % 100 === 0 ? 'storage_error' : 'ok'} ${(i * 7919) % 100003}\n`;
      const gz = gzipSync(s);
      const cut = gz.subarray(0, Math.floor(gz.length / 2));
      writeFileSync(path.join(dir, 'half.log.gz'), cut);
      const prefix = gunzipSync(cut, { finishFlush: zc.Z_SYNC_FLUSH });
      completeLines = prefix.toString('latin1').split('\n').length - 1;
      expect(prefix.length).toBeGreaterThan(64 * 1024);
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    for (const engine of ENGINES) {
      it(`keeps the codes of the lines before the damage in the report, ${engine}`, async () => {
        // SUSPECTED BUG (auto): the fast path adds its codes to the tally only in end(), which is never
        // called when the read fails: files[].matches says 100, codes[] is empty ("No catalog codes found").
        const r = await runMain(['scan', 'half.log.gz', '-j', '1'], { cwd: dir, engine });
        expectClean(r, 2, ['half.log.gz']);
        const row = fileRow(r.report, 'half.log.gz');
        expect(row).toMatchObject({ status: 'error', compressed: true, message: 'gzip data is truncated (unexpected end of file)' });
        expect(row.records).toBeGreaterThanOrEqual(completeLines);
        expect(row.records).toBeLessThanOrEqual(completeLines + 1);
        const expected = Math.floor(completeLines / 100);
        expect(row.matches).toBeGreaterThanOrEqual(expected);
        expect(r.report.codes.map((c) => [c.code, c.count])).toEqual([['storage_error', row.matches]]);
        expect(r.report.totals.byLevel.ERROR).toBe(row.matches);
      });
    }
  });

  describe('a gzip bomb (256 MiB from well under 1 MiB)', () => {
    let dir: string;
    let expanded: number;
    let baseRssKb: number;
    const lines = 262144;
    beforeAll(async () => {
      dir = tempDir('bomb');
      const first = '2026-03-18T08:00:00Z start storage_error\n';
      const last = '2026-03-18T08:00:01Z end smime_error\n';
      const line = '2026-03-18T08:00:00Z ' + 'a'.repeat(1002) + '\n'; // 1 KiB
      const block = Buffer.from(line.repeat(1024)); // 1 MiB
      const { createGzip } = await import('node:zlib');
      const { createWriteStream } = await import('node:fs');
      const { pipeline } = await import('node:stream/promises');
      async function* source(): AsyncGenerator<Buffer> {
        yield Buffer.from(first);
        for (let i = 0; i < lines / 1024; i++) yield block;
        yield Buffer.from(last);
      }
      await pipeline(source, createGzip({ level: 6 }), createWriteStream(path.join(dir, 'bomb.log.gz')));
      expanded = first.length + lines * 1024 + last.length;
      expect(statSync(path.join(dir, 'bomb.log.gz')).size).toBeLessThan(MiB);
      baseRssKb = (await runBin(['scan', bad('no-final-newline.log'), '-q', '-j', '1', '--format', 'json'])).maxRssKb!;
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('streams it: expandedBytes shows the expanded size, memory stays flat (subprocess)', async () => {
      const r = await runBin(['scan', 'bomb.log.gz', '--format', 'json', '-j', '1'], { cwd: dir, timeoutMs: 60_000 });
      expect(r.timedOut).toBe(false);
      expectClean({ code: r.status ?? -1, err: r.stderr }, 0);
      const report = JSON.parse(r.stdout) as Report;
      expect(fileRow(report, 'bomb.log.gz')).toMatchObject({
        status: 'ok',
        compressed: true,
        records: lines + 2,
        matches: 2,
        bytes: statSync(path.join(dir, 'bomb.log.gz')).size,
        expandedBytes: expanded,
      });
      expect(counts(report)).toEqual({ storage_error: 1, smime_error: 1 });
      expect(((r.maxRssKb ?? Infinity) - baseRssKb) / 1024).toBeLessThan(200);
    });
  });
});
