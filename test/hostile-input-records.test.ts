/**
 * Broken and hostile input: records — line ends, NUL bytes, encodings (fixtures/bad), and bare CR decided by
 * the first 64 KiB. Every expected value below is worked out by hand from the rules (README / the brief),
 * never copied from mxscan's output.
 *
 * Each case checks: exit code, file status, records/matches/codes, the one stderr line that names the file,
 * and that stderr holds no stack trace. Cases whose memory matters run the built bin (dist/bin.js, build it
 * first) as a subprocess and read its peak RSS.
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counts, fileRow, problemLines, runMain, sampleLines, tempDir, type Run } from './support/cli.js';
import { ENGINES, bad, expectClean } from './support/hostile.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts; src/scan.ts is mocked
// by the setup file of the project these tests run in, test/support/oracle-mock.ts).

describe('records: line ends, NUL bytes, encodings (fixtures/bad)', () => {
  for (const engine of ENGINES) {
    describe(`${engine}`, () => {
      const scan = (inputs: string[], extra: string[] = []): Promise<Run> => runMain(['scan', ...inputs, '-j', '1', ...extra], { engine });

      it('counts a last line without a newline as a record (CRLF before it)', async () => {
        // "first line\r\n" (1) "last line storage_error" (2, no line end)
        const r = await scan([bad('no-final-newline.log')]);
        expectClean(r, 0);
        expect(problemLines(r.err)).toEqual([]);
        expect(fileRow(r.report, bad('no-final-newline.log'))).toMatchObject({ status: 'ok', records: 2, matches: 1 });
        expect(counts(r.report)).toEqual({ storage_error: 1 });
        expect(sampleLines(r.report, 'storage_error')).toEqual([2]);
      });

      it('splits a file with bare CR line ends on CR (last line without one)', async () => {
        // storage_error (1) \r plain second (2) \r third smime_error (3): one record (2 and 3 have no time)
        const r = await scan([bad('cr-only.log')]);
        expectClean(r, 0);
        expect(fileRow(r.report, bad('cr-only.log'))).toMatchObject({ status: 'ok', records: 1, matches: 2 });
        expect(sampleLines(r.report, 'storage_error')).toEqual([1]);
        expect(sampleLines(r.report, 'smime_error')).toEqual([3]);
      });

      it('reads a file with a stray NUL among the text of its first 8 KiB as text, the NUL taken out: one stderr line, its codes counted', async () => {
        // storage_error (1), `binary \0 byte smime_error` (2), execution_failed (3): lines 2 and 3 join line 1's record.
        const f = bad('nul-in-head.log');
        const r = await scan([f]);
        expectClean(r, 0, [f]);
        expect(problemLines(r.err)).toEqual([`mxscan: ${f}: 1 NUL byte taken out (padding, or UTF-16 text without a byte-order mark)`]);
        expect(fileRow(r.report, f)).toMatchObject({ status: 'ok', records: 1, matches: 3, nulBytes: 1 });
        expect(sampleLines(r.report, 'smime_error')).toEqual([2]);
        expect(r.report.totals.binaryFiles).toBe(0);
      });

      it('scans a file whose first NUL comes after 8 KiB as text', async () => {
        // 210 filler lines of 40 bytes (8,400 bytes), then "storage_error next to a NUL \0 here" (211), "smime_error …" (212)
        const f = bad('nul-after-8k.log');
        const r = await scan([f]);
        expectClean(r, 0);
        // The NUL is taken out and said (text appended as UTF-16 without a byte-order mark reads so).
        expect(problemLines(r.err)).toEqual([`mxscan: ${f}: 1 NUL byte taken out (padding, or UTF-16 text without a byte-order mark)`]);
        expect(fileRow(r.report, f)).toMatchObject({ status: 'ok', format: 'text', records: 212, matches: 2, nulBytes: 1 });
        expect(sampleLines(r.report, 'storage_error')).toEqual([211]);
        expect(sampleLines(r.report, 'smime_error')).toEqual([212]);
      });

      it('decodes UTF-16 LE with a BOM (CRLF line ends)', async () => {
        const f = bad('utf16le-bom.log');
        const r = await scan([f]);
        expectClean(r, 0);
        // Line 2 has no time: one record.
        expect(fileRow(r.report, f)).toMatchObject({ status: 'ok', encoding: 'utf-16le', records: 1, matches: 2 });
        expect(counts(r.report)).toEqual({ storage_error: 1, smime_error: 1 });
        const s = r.report.codes.find((c) => c.code === 'storage_error')!.samples[0]!;
        expect([s.line, s.text]).toEqual([1, '2026-03-18T08:00:00Z storage_error first']);
        expect(r.report.codes.find((c) => c.code === 'storage_error')!.firstSeen).toBe('2026-03-18T08:00:00.000Z');
      });

      it('decodes UTF-16 BE with a BOM', async () => {
        const f = bad('utf16be-bom.log');
        const r = await scan([f]);
        expectClean(r, 0);
        // Line 2 has no time: one record.
        expect(fileRow(r.report, f)).toMatchObject({ status: 'ok', encoding: 'utf-16be', records: 1, matches: 2 });
        expect(counts(r.report)).toEqual({ web_hook_moved: 1, web_hook_deleted: 1 });
        expect(sampleLines(r.report, 'web_hook_deleted')).toEqual([2]);
      });

      it('scans invalid UTF-8 and counts the codes right next to the bad bytes', async () => {
        // line 1: "bad \xff\xfe" storage_error "\xc3 " smime_error "\xe2\x82"; line 2: execution_failed "\xff";
        // line 3: "\xc0\xaf" web_hook_moved "\x80"
        const f = bad('invalid-utf8.log');
        const r = await scan([f]);
        expectClean(r, 0);
        expect(fileRow(r.report, f)).toMatchObject({ status: 'ok', records: 3, matches: 4 });
        expect(counts(r.report)).toEqual({ storage_error: 1, smime_error: 1, execution_failed: 1, web_hook_moved: 1 });
        expect(sampleLines(r.report, 'web_hook_moved')).toEqual([3]);
      });

      it('keeps a bare CR inside a line that ends with LF as part of the record', async () => {
        const dir = tempDir('midcr');
        try {
          writeFileSync(path.join(dir, 'midcr.log'), 'a storage_error\rb smime_error\nc\r\n');
          const r = await runMain(['scan', 'midcr.log', '-j', '1'], { cwd: dir, engine });
          expectClean(r, 0);
          // "a storage_error\rb smime_error" (1), "c" (2)
          expect(fileRow(r.report, 'midcr.log')).toMatchObject({ records: 2, matches: 2 });
          expect(sampleLines(r.report, 'smime_error')).toEqual([1]);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
    });
  }

  describe('bare CR decided by the first 64 KiB, not by how the input is chunked', () => {
    // 4,000 lines of 18 bytes ending in \r (72,000 bytes: the first 64 KiB hold \r and no \n), then
    // "late smime_error\r\n" (one line end) and "last execution_failed\n". storage_error on lines 1000,
    // 2000, 3000, 4000; smime_error on 4001; execution_failed on 4002.
    let dir: string;
    let bytes: Buffer;
    beforeAll(() => {
      dir = tempDir('cr64k');
      let s = '';
      for (let i = 1; i <= 4000; i++) s += `line ${String(i).padStart(5, '0')} ${i % 1000 === 0 ? 'storage_error' : 'filler'}\r`;
      s += 'late smime_error\r\nlast execution_failed\n';
      bytes = Buffer.from(s);
      expect(bytes.indexOf(0x0a)).toBeGreaterThan(64 * 1024);
      writeFileSync(path.join(dir, 'cr-72k.log'), bytes);
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    const expectCr = (r: Run, p: string): void => {
      expectClean(r, 0);
      expect(fileRow(r.report, p)).toMatchObject({ status: 'ok', records: 4002, matches: 6 });
      expect(counts(r.report)).toEqual({ storage_error: 4, smime_error: 1, execution_failed: 1 });
      // No times: the first, the last, topped up by line.
      expect(sampleLines(r.report, 'storage_error')).toEqual([1000, 2000, 4000]);
      expect(sampleLines(r.report, 'execution_failed')).toEqual([4002]);
    };

    it('from standard input in 64 KiB chunks (as a pipe delivers it)', async () => {
      const chunks = [bytes.subarray(0, 64 * 1024), bytes.subarray(64 * 1024)];
      expectCr(await runMain(['scan', '-', '-j', '1'], { cwd: dir, stdin: chunks }), '(stdin)');
    });

    it('from standard input in one chunk', async () => {
      expectCr(await runMain(['scan', '-', '-j', '1'], { cwd: dir, stdin: [bytes] }), '(stdin)');
    });

    for (const engine of ENGINES) {
      it(`from a file (one 1 MiB read), ${engine}`, async () => {
        expectCr(await runMain(['scan', 'cr-72k.log', '-j', '1'], { cwd: dir, engine }), 'cr-72k.log');
      });
    }
  });
});
