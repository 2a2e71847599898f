/**
 * Broken and hostile input. Every expected value below is worked out by hand from the rules (README /
 * the brief), never copied from mxscan's output. Small cases are files in fixtures/bad/; big ones are
 * generated into a temporary directory here and removed afterwards (never committed).
 *
 * Each case checks: exit code, file status, records/matches/codes, the one stderr line that names the file,
 * and that stderr holds no stack trace. Cases whose memory matters run the built bin (dist/bin.js, build it
 * first) as a subprocess and read its peak RSS.
 */
import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  closeSync,
  constants as fsConstants,
  copyFileSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { constants as zc, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/summary/report.js';
import {
  BIN,
  ROOT,
  counts,
  fileRow,
  isRoot,
  binReachableByOthers,
  linesNaming,
  problemLines,
  runBin,
  runMain,
  sampleLines,
  stackTraceLines,
  tempDir,
  unknownCounts,
  within,
  type Run,
} from './support/cli.js';

const ENGINES = ['auto', 'stream'] as const;
const bad = (name: string): string => `fixtures/bad/${name}`;
const MiB = 1024 * 1024;

/** The checks every case shares: exit code, no stack trace, and exactly one stderr line per named file. */
function expectClean(run: Pick<Run, 'code' | 'err'>, code: number, namedOnce: readonly string[] = []): void {
  expect(stackTraceLines(run.err), run.err).toEqual([]);
  for (const name of namedOnce) expect(linesNaming(run.err, name), run.err).toHaveLength(1);
  expect(run.code, run.err).toBe(code);
}

/** Writes a file of `size` bytes of filler (no `_`, no newline) with `inserts` written over it at their offsets. */
function writeFiller(file: string, size: number, inserts: readonly (readonly [number, string])[], filler = 'lorem ipsum dolor sit amet '): void {
  const block = Buffer.alloc(MiB, filler);
  const fd = openSync(file, 'w');
  try {
    for (let at = 0; at < size; at += MiB) writeSync(fd, block, 0, Math.min(MiB, size - at), at);
    for (const [at, text] of inserts) writeSync(fd, Buffer.from(text), 0, Buffer.byteLength(text), at);
  } finally {
    closeSync(fd);
  }
}

// ---------------------------------------------------------------------------------------------------
// Records and lines
// ---------------------------------------------------------------------------------------------------
describe('records: line ends, NUL bytes, encodings (fixtures/bad)', () => {
  for (const engine of ENGINES) {
    describe(`--engine ${engine}`, () => {
      const scan = (inputs: string[], extra: string[] = []): Promise<Run> => runMain(['scan', ...inputs, '--engine', engine, '-j', '1', ...extra]);

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
        // storage_error (1) \r plain second (2) \r third smime_error (3)
        const r = await scan([bad('cr-only.log')]);
        expectClean(r, 0);
        expect(fileRow(r.report, bad('cr-only.log'))).toMatchObject({ status: 'ok', records: 3, matches: 2 });
        expect(sampleLines(r.report, 'storage_error')).toEqual([1]);
        expect(sampleLines(r.report, 'smime_error')).toEqual([3]);
      });

      it('skips a file with a NUL byte in its first 8 KiB as binary: exit 0, one stderr line, nothing counted', async () => {
        const f = bad('nul-in-head.log');
        const r = await scan([f]);
        expectClean(r, 0, [f]);
        expect(linesNaming(r.err, f)[0]).toMatch(/^mxscan: skipped fixtures\/bad\/nul-in-head\.log: binary/);
        expect(fileRow(r.report, f)).toMatchObject({ status: 'binary', records: 0, matches: 0 });
        expect(r.report.codes).toEqual([]);
        expect(r.report.totals.binaryFiles).toBe(1);
      });

      it('scans a file whose first NUL comes after 8 KiB as text', async () => {
        // 210 filler lines of 40 bytes (8,400 bytes), then "storage_error next to a NUL \0 here" (211), "smime_error …" (212)
        const f = bad('nul-after-8k.log');
        const r = await scan([f]);
        expectClean(r, 0);
        expect(problemLines(r.err)).toEqual([]);
        expect(fileRow(r.report, f)).toMatchObject({ status: 'ok', format: 'text', records: 212, matches: 2 });
        expect(sampleLines(r.report, 'storage_error')).toEqual([211]);
        expect(sampleLines(r.report, 'smime_error')).toEqual([212]);
      });

      it('decodes UTF-16 LE with a BOM (CRLF line ends)', async () => {
        const f = bad('utf16le-bom.log');
        const r = await scan([f]);
        expectClean(r, 0);
        expect(fileRow(r.report, f)).toMatchObject({ status: 'ok', encoding: 'utf-16le', records: 2, matches: 2 });
        expect(counts(r.report)).toEqual({ storage_error: 1, smime_error: 1 });
        const s = r.report.codes.find((c) => c.code === 'storage_error')!.samples[0]!;
        expect([s.line, s.text]).toEqual([1, '2026-03-18T08:00:00Z storage_error first']);
        expect(r.report.codes.find((c) => c.code === 'storage_error')!.firstSeen).toBe('2026-03-18T08:00:00.000Z');
      });

      it('decodes UTF-16 BE with a BOM', async () => {
        const f = bad('utf16be-bom.log');
        const r = await scan([f]);
        expectClean(r, 0);
        expect(fileRow(r.report, f)).toMatchObject({ status: 'ok', encoding: 'utf-16be', records: 2, matches: 2 });
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
          const r = await runMain(['scan', 'midcr.log', '--engine', engine, '-j', '1'], { cwd: dir });
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
      expect(sampleLines(r.report, 'storage_error')).toEqual([1000, 2000, 3000]);
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
      it(`from a file (one 1 MiB read), --engine ${engine}`, async () => {
        expectCr(await runMain(['scan', 'cr-72k.log', '--engine', engine, '-j', '1'], { cwd: dir }), 'cr-72k.log');
      });
    }
  });
});

// ---------------------------------------------------------------------------------------------------
// Long lines and memory
// ---------------------------------------------------------------------------------------------------
describe('long lines', () => {
  let dir: string;
  /** Peak RSS (KiB) of the bin scanning a one-line file: what Node itself takes. */
  let baseRssKb: number;
  const growthMb = (kb: number | undefined): number => ((kb ?? Infinity) - baseRssKb) / 1024;

  beforeAll(async () => {
    dir = tempDir('long');
    // big10.log: line 1 short, line 2 = 10 MiB with codes at start / middle / end (storage_error twice:
    // counted once), line 3 short.
    const ten = 10 * MiB;
    writeFiller(path.join(dir, 'line2.tmp'), ten, [
      [0, '2026-03-18T08:00:01Z storage_error start '],
      [ten / 2, ' smime_error middle '],
      [ten - 60, ' storage_error again execution_failed at the end '],
    ]);
    writeFileSync(
      path.join(dir, 'big10.log'),
      Buffer.concat([Buffer.from('2026-03-18T08:00:00Z before web_hook_moved\n'), readFileSync(path.join(dir, 'line2.tmp')), Buffer.from('\nafter web_hook_deleted\n')]),
    );
    rmSync(path.join(dir, 'line2.tmp'));
    // big100.log: ONE line of 100 MiB and no newline at all. Codes at the start, the middle, the end, and
    // near the 16 MiB piece edges of the fast path (each distinct code counts once for the line).
    const hundred = 100 * MiB;
    writeFiller(path.join(dir, 'big100.log'), hundred, [
      [0, 'storage_error at the start '],
      [16 * MiB - 6, ' web_hook_moved '],
      [17 * MiB - 4096 - 7, ' web_hook_deleted '],
      [33 * MiB - 8192 - 5, ' task_finished_with_error '],
      [hundred / 2, ' smime_error in the middle '],
      [hundred - 50, ' storage_error and execution_failed. '],
    ]);
    baseRssKb = (await runBin(['scan', bad('no-final-newline.log'), '-q', '-j', '1', '--format', 'json'])).maxRssKb!;
    expect(baseRssKb).toBeGreaterThan(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const engine of ENGINES) {
    it(`reads a 10 MiB line whole (under the 64M default), codes at start/middle/end, --engine ${engine}`, async () => {
      const r = await runMain(['scan', 'big10.log', '--engine', engine, '-j', '1'], { cwd: dir });
      expectClean(r, 0);
      expect(problemLines(r.err)).toEqual([]);
      expect(fileRow(r.report, 'big10.log')).toMatchObject({ status: 'ok', records: 3, matches: 5, skippedLines: 0 });
      expect(counts(r.report)).toEqual({ storage_error: 1, smime_error: 1, execution_failed: 1, web_hook_moved: 1, web_hook_deleted: 1 });
      expect(sampleLines(r.report, 'storage_error')).toEqual([2]);
      expect(sampleLines(r.report, 'web_hook_deleted')).toEqual([3]);
      // Evidence of a long line is cut around the match, never the whole 10 MiB.
      for (const c of r.report.codes) for (const s of c.samples) expect(s.text.length).toBeLessThan(1000);
    });
  }

  it('--engine stream skips a line longer than --max-line-length, counts it, and says so in one line', async () => {
    const r = await runMain(['scan', 'big10.log', '--engine', 'stream', '--max-line-length', '1M', '-j', '1'], { cwd: dir });
    expectClean(r, 0, ['big10.log']);
    expect(linesNaming(r.err, 'big10.log')[0]).toBe('mxscan: big10.log: 1 over-long line skipped (see --max-line-length)');
    expect(fileRow(r.report, 'big10.log')).toMatchObject({ status: 'ok', records: 3, matches: 2, skippedLines: 1 });
    expect(counts(r.report)).toEqual({ web_hook_moved: 1, web_hook_deleted: 1 });
    expect(sampleLines(r.report, 'web_hook_deleted')).toEqual([3]);
  });

  it('the plain-text fast path scans lines of any length, whatever --max-line-length says', async () => {
    const r = await runMain(['scan', 'big10.log', '--max-line-length', '1M', '-j', '1'], { cwd: dir });
    expectClean(r, 0);
    expect(fileRow(r.report, 'big10.log')).toMatchObject({ records: 3, matches: 5, skippedLines: 0 });
  });

  it('scans a single 100 MiB line with no newline in pieces, with flat memory (fast path, subprocess)', async () => {
    const r = await runBin(['scan', 'big100.log', '--format', 'json', '-j', '1'], { cwd: dir, timeoutMs: 60_000 });
    expect(r.timedOut).toBe(false);
    expectClean({ code: r.status ?? -1, err: r.stderr }, 0);
    const report = JSON.parse(r.stdout) as Report;
    expect(fileRow(report, 'big100.log')).toMatchObject({ status: 'ok', records: 1, matches: 6, skippedLines: 0, bytes: 100 * MiB });
    expect(counts(report)).toEqual({
      storage_error: 1,
      smime_error: 1,
      execution_failed: 1,
      web_hook_moved: 1,
      web_hook_deleted: 1,
      task_finished_with_error: 1,
    });
    expect(growthMb(r.maxRssKb)).toBeLessThan(200);
  });

  it('--engine stream skips the 100 MiB line (over the 64M default) without holding it: memory stays flat', async () => {
    // SUSPECTED BUG: split2 keeps the first 64 MiB of the line as a string and re-splits it on every chunk:
    // about 600 MB peak RSS and several seconds for one skipped line.
    const r = await runBin(['scan', 'big100.log', '--format', 'json', '-j', '1', '--engine', 'stream'], { cwd: dir, timeoutMs: 60_000 });
    expect(r.timedOut).toBe(false);
    expectClean({ code: r.status ?? -1, err: r.stderr }, 0, ['big100.log']);
    expect(linesNaming(r.stderr, 'big100.log')[0]).toBe('mxscan: big100.log: 1 over-long line skipped (see --max-line-length)');
    const report = JSON.parse(r.stdout) as Report;
    expect(fileRow(report, 'big100.log')).toMatchObject({ status: 'ok', records: 1, matches: 0, skippedLines: 1 });
    expect(growthMb(r.maxRssKb)).toBeLessThan(200);
  });
});

describe('many short untimed lines without a "-" (fast path cost)', () => {
  // 4 MiB of 64-byte lines "bbb…b" (no timestamp, no '-'), storage_error on the first line and smime_error
  // on the last: 65,538 records. SUSPECTED BUG: findTimestampIn's indexOf('-') is not bounded by the line
  // end, so the fast path looks through the rest of its buffer for every untimed line.
  let dir: string;
  const n = 4 * 16384;
  beforeAll(() => {
    dir = tempDir('untimed');
    writeFileSync(path.join(dir, 'untimed.log'), 'storage_error first\n' + ('b'.repeat(63) + '\n').repeat(n) + 'last smime_error\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('counts them the same in both engines, and the fast path is not slower than the reference path', async () => {
    const t0 = Date.now();
    const fast = await runMain(['scan', 'untimed.log', '-j', '1'], { cwd: dir });
    const fastMs = Date.now() - t0;
    const t1 = Date.now();
    const ref = await runMain(['scan', 'untimed.log', '-j', '1', '--engine', 'stream'], { cwd: dir });
    const refMs = Date.now() - t1;
    for (const r of [fast, ref]) {
      expectClean(r, 0);
      expect(fileRow(r.report, 'untimed.log')).toMatchObject({ records: n + 2, matches: 2 });
    }
    expect(fastMs, `fast path ${fastMs} ms, stream ${refMs} ms`).toBeLessThan(2 * refMs + 300);
  });
});

// ---------------------------------------------------------------------------------------------------
// gzip
// ---------------------------------------------------------------------------------------------------
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
    describe(`--engine ${engine}`, () => {
      const scan = (inputs: string[]): Promise<Run> => runMain(['scan', ...inputs, '--engine', engine, '-j', '1']);

      it('reads every member of a concatenated gzip', async () => {
        // member 1 "one storage_error\n" (18 bytes), member 2 "two smime_error\n" (16 bytes)
        const f = bad('concat.log.gz');
        const r = await scan([f]);
        expectClean(r, 0);
        expect(fileRow(r.report, f)).toMatchObject({ status: 'ok', compressed: true, records: 2, matches: 2, bytes: 74, expandedBytes: 34 });
        expect(sampleLines(r.report, 'smime_error')).toEqual([2]);
      });

      it('skips a gzip of binary content as binary (exit 0, one stderr line)', async () => {
        const f = bad('binary.log.gz');
        const r = await scan([f]);
        expectClean(r, 0, [f]);
        expect(fileRow(r.report, f)).toMatchObject({ status: 'binary', compressed: true, records: 0, matches: 0 });
        expect(r.report.codes).toEqual([]);
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
        expect(row.records).toBeGreaterThanOrEqual(50);
        expect(row.records).toBeLessThanOrEqual(51);
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
      it(`keeps the codes of the lines before the damage in the report, --engine ${engine}`, async () => {
        // SUSPECTED BUG (auto): the fast path adds its codes to the tally only in end(), which is never
        // called when the read fails: files[].matches says 100, codes[] is empty ("No catalog codes found").
        const r = await runMain(['scan', 'half.log.gz', '--engine', engine, '-j', '1'], { cwd: dir });
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

// ---------------------------------------------------------------------------------------------------
// Inputs: directories, globs, special files, links, permissions, files that change
// ---------------------------------------------------------------------------------------------------
describe('inputs', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('inputs');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A fresh sub-directory of the test's temp dir. */
  const sub = (name: string): string => {
    const d = path.join(dir, name);
    mkdirSync(d, { recursive: true });
    return d;
  };

  it('walks a directory recursively, leaves hidden files out and never opens a FIFO or a socket', async () => {
    const d = sub('walk');
    writeFileSync(path.join(d, 'a.log'), 'a storage_error\n');
    mkdirSync(path.join(d, 'nested', 'deeper'), { recursive: true });
    writeFileSync(path.join(d, 'nested', 'deeper', 'b.log'), 'b smime_error\n');
    writeFileSync(path.join(d, '.hidden.log'), 'hidden execution_failed\n');
    mkdirSync(path.join(d, '.git'));
    writeFileSync(path.join(d, '.git', 'x.log'), 'x execution_failed\n');
    execFileSync('mkfifo', [path.join(d, 'pipe.log')]);
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(path.join(d, 'sock.log'), resolve));
    try {
      let r: Run;
      try {
        r = await within(15_000, 'scan of a directory holding a FIFO and a socket', runMain(['scan', '.', '-j', '1'], { cwd: d }));
      } catch (err) {
        // Let a reader blocked on the FIFO go, so that the test process does not hang, then fail.
        try {
          closeSync(openSync(path.join(d, 'pipe.log'), fsConstants.O_WRONLY | fsConstants.O_NONBLOCK));
        } catch {
          /* nobody was reading */
        }
        throw err;
      }
      expectClean(r, 0);
      expect(r.report.files.map((f) => f.path)).toEqual(['a.log', 'nested/deeper/b.log']);
      expect(counts(r.report)).toEqual({ storage_error: 1, smime_error: 1 });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('refuses a FIFO given by name without opening it: error, exit 2, one line', async () => {
    const d = sub('fifo-arg');
    execFileSync('mkfifo', [path.join(d, 'named.pipe')]);
    writeFileSync(path.join(d, 'ok.log'), 'ok storage_error\n');
    const r = await within(15_000, 'scan of a FIFO given by name', runMain(['scan', 'named.pipe', 'ok.log', '-j', '1'], { cwd: d }));
    expectClean(r, 2, ['named.pipe']);
    expect(fileRow(r.report, 'named.pipe')).toMatchObject({ status: 'error', records: 0 });
    expect(counts(r.report)).toEqual({ storage_error: 1 });
  });

  it('a path that does not exist is an error (exit 2, one line) and the other inputs are still counted', async () => {
    const r = await runMain(['scan', bad('no-final-newline.log'), bad('no-such-file.log'), '-j', '1']);
    expectClean(r, 2, [bad('no-such-file.log')]);
    expect(linesNaming(r.err, 'no-such-file.log')[0]).toBe('mxscan: cannot read fixtures/bad/no-such-file.log: no such file or directory');
    expect(fileRow(r.report, bad('no-such-file.log'))).toMatchObject({ status: 'error', message: 'no such file or directory', records: 0 });
    expect(counts(r.report)).toEqual({ storage_error: 1 });
    expect(r.report.totals.unreadableFiles).toBe(1);
  });

  it('a glob that matches nothing is an error; a glob that matches is read', async () => {
    const d = sub('globs');
    writeFileSync(path.join(d, 'one.log'), 'x storage_error\n');
    writeFileSync(path.join(d, 'two.log'), 'y smime_error\n');
    writeFileSync(path.join(d, 'three.txt'), 'z execution_failed\n');
    const r = await runMain(['scan', '*.log', 'nothing-*.gz', '-j', '1'], { cwd: d });
    expectClean(r, 2, ['nothing-*.gz']);
    expect(fileRow(r.report, 'nothing-*.gz')).toMatchObject({ status: 'error' });
    expect(counts(r.report)).toEqual({ storage_error: 1, smime_error: 1 });
  });

  it('a symlink loop (`ln -s . loop`) under a scanned directory: each file counted once', async () => {
    // SUSPECTED BUG: fast-glob follows the link until ELOOP: a.log is read 41 times.
    const d = sub('loop');
    writeFileSync(path.join(d, 'a.log'), 'a storage_error\n');
    symlinkSync('.', path.join(d, 'loop'));
    const r = await runMain(['scan', '.', '-j', '1'], { cwd: d });
    expectClean(r, 0);
    expect(r.report.files.map((f) => f.path)).toEqual(['a.log']);
    expect(counts(r.report)).toEqual({ storage_error: 1 });
    expect(r.report.totals.records).toBe(1);
  });

  it('two symlink loops under a scanned directory do not hang the scan (subprocess, 6 s limit)', async () => {
    // SUSPECTED BUG: with two links to "." the walk is exponential (2^40 paths): it never finishes.
    const d = sub('loops');
    writeFileSync(path.join(d, 'a.log'), 'a storage_error\n');
    symlinkSync('.', path.join(d, 'loop1'));
    symlinkSync('.', path.join(d, 'loop2'));
    const r = await runBin(['scan', '.', '--format', 'json', '-j', '1'], { cwd: d, timeoutMs: 6_000 });
    expect(r.timedOut, 'the scan was still running after 6 s').toBe(false);
    expectClean({ code: r.status ?? -1, err: r.stderr }, 0);
    expect((JSON.parse(r.stdout) as Report).files.map((f) => f.path)).toEqual(['a.log']);
  });

  it('permission denied: error, exit 2, one line naming the file, other inputs counted', async ({ skip }) => {
    const d = sub('perm');
    chmodSync(dir, 0o755);
    chmodSync(d, 0o755);
    writeFileSync(path.join(d, 'ok.log'), 'ok storage_error\n');
    writeFileSync(path.join(d, 'secret.log'), 'secret smime_error\n');
    chmodSync(path.join(d, 'secret.log'), 0o000);
    if (!isRoot()) {
      const r = await runMain(['scan', 'ok.log', 'secret.log', '-j', '1'], { cwd: d });
      expectClean(r, 2, ['secret.log']);
      expect(linesNaming(r.err, 'secret.log')[0]).toBe('mxscan: cannot read secret.log: permission denied');
      expect(fileRow(r.report, 'secret.log')).toMatchObject({ status: 'error', message: 'permission denied' });
      expect(counts(r.report)).toEqual({ storage_error: 1 });
      return;
    }
    // As root chmod 000 does not stop a read: run the built bin as the unprivileged user "nobody" (65534),
    // which needs to reach it.
    if (!binReachableByOthers()) skip('running as root in a checkout other users cannot enter: no user to deny the read to');
    const r = await runBin(['scan', 'ok.log', 'secret.log', '--format', 'json', '-j', '1'], { cwd: d, uid: 65534, gid: 65534 });
    expectClean({ code: r.status ?? -1, err: r.stderr }, 2, ['secret.log']);
    expect(linesNaming(r.stderr, 'secret.log')[0]).toBe('mxscan: cannot read secret.log: permission denied');
    const report = JSON.parse(r.stdout) as Report;
    expect(fileRow(report, 'secret.log')).toMatchObject({ status: 'error', message: 'permission denied' });
    expect(counts(report)).toEqual({ storage_error: 1 });
  });

  it('reads a file with a backslash in its name found by a directory walk', async () => {
    // SUSPECTED BUG: the walk turns "back\\slash.log" into "back/slash.log": "no such file or directory", exit 2.
    const d = sub('backslash');
    writeFileSync(path.join(d, 'back\\slash.log'), 'x storage_error\n');
    const r = await runMain(['scan', '.', '-j', '1'], { cwd: d });
    expectClean(r, 0);
    expect(r.report.files.map((f) => [f.path, f.status])).toEqual([['back\\slash.log', 'ok']]);
    expect(counts(r.report)).toEqual({ storage_error: 1 });
  });

  describe('a file that changes while it is read', () => {
    // Timed lines of 50 bytes, storage_error on every 1,000th: 20 MB for one job; 70 MB for two jobs,
    // so that the file is split into byte ranges read by two workers (planned from its size before the change).
    const LINES: Record<string, number> = { '1': 400_000, '2': 1_400_000 };
    /** One generated log per job count, copied for each test (each test changes its copy). */
    const masters: Record<string, string> = {};
    beforeAll(() => {
      for (const [jobs, n] of Object.entries(LINES)) {
        const parts: string[] = [];
        for (let i = 1; i <= n; i++) parts.push(`2026-03-18T08:00:00Z ${i % 1000 === 0 ? 'storage_error' : 'filler_ok'.padEnd(13, ' ')} ${String(i).padStart(14, '0')}\n`);
        masters[jobs] = path.join(sub('masters'), `j${jobs}.log`);
        writeFileSync(masters[jobs]!, parts.join(''));
      }
    });
    const whileScanning = async (args: string[], cwd: string, change: () => void): Promise<Run> => {
      const run = runMain(args, { cwd });
      await new Promise((resolve) => setTimeout(resolve, 15));
      change();
      return run;
    };

    for (const jobs of ['1', '2']) {
      const N = LINES[jobs]!;
      it(`truncated under the reader: no crash, a consistent report (-j ${jobs})`, async () => {
        const d = sub(`shrink-${jobs}`);
        const f = path.join(d, 'shrinking.log');
        copyFileSync(masters[jobs]!, f);
        const r = await whileScanning(['scan', 'shrinking.log', '-j', jobs], d, () => truncateSync(f, 1_000_000));
        expect(stackTraceLines(r.err)).toEqual([]);
        expect([0, 2]).toContain(r.code);
        expect(r.code === 2 ? problemLines(r.err) : []).toHaveLength(r.code === 2 ? 1 : 0);
        const row = fileRow(r.report, 'shrinking.log');
        expect(['ok', 'error']).toContain(row.status);
        expect(row.records).toBeLessThanOrEqual(N);
        expect(r.report.codes.reduce((n, c) => n + c.count, 0)).toBe(row.matches);
        expect(row.matches).toBeLessThanOrEqual(N / 1000);
        rmSync(d, { recursive: true, force: true });
      });

      it(`growing while read: no crash, a consistent report (-j ${jobs})`, async () => {
        const d = sub(`grow-${jobs}`);
        const f = path.join(d, 'growing.log');
        copyFileSync(masters[jobs]!, f);
        const extra = 'appended smime_error\n'.repeat(1000);
        const r = await whileScanning(['scan', 'growing.log', '-j', jobs], d, () => {
          for (let i = 0; i < 20; i++) appendFileSync(f, extra);
        });
        expectClean(r, 0);
        const row = fileRow(r.report, 'growing.log');
        expect(row.status).toBe('ok');
        expect(row.records).toBeGreaterThanOrEqual(N);
        expect(row.records).toBeLessThanOrEqual(N + 20_000);
        expect(counts(r.report)['storage_error']).toBe(N / 1000);
        // Every whole appended line read holds smime_error (a last line may be cut mid-append).
        const appended = counts(r.report)['smime_error'] ?? 0;
        expect(appended).toBeGreaterThanOrEqual(row.records - N - 1);
        expect(appended).toBeLessThanOrEqual(row.records - N);
        rmSync(d, { recursive: true, force: true });
      });
    }
  });
});

// ---------------------------------------------------------------------------------------------------
// Catalog files
// ---------------------------------------------------------------------------------------------------
describe('catalog files (--catalog)', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('catalog');
    writeFileSync(path.join(dir, 'app.log'), 'x proto_keys_code polluted_code inherited_code\ny code_0 code_99999 big_description_code\nz constructor __proto__ toString\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const entry = (o: Record<string, unknown>): Record<string, unknown> => ({ module: 'm', code: 'my_code', type: 't', level: 'ERROR', description: 'd', action: 'a', ...o });
  const write = (name: string, text: string): string => {
    writeFileSync(path.join(dir, name), text);
    return name;
  };
  const scanWith = (catalog: string): Promise<Run> => runMain(['scan', 'app.log', '--catalog', catalog, '-j', '1'], { cwd: dir });

  /** One stderr line: `mxscan: bad catalog FILE: entry N, field "F": …`, exit 2, no report. */
  const expectRejected = (r: Run, file: string, where: RegExp): void => {
    expectClean(r, 2);
    const lines = r.err.split('\n').filter((l) => l !== '');
    expect(lines, r.err).toHaveLength(1);
    expect(lines[0]).toContain(file);
    expect(lines[0]).toMatch(where);
    expect(r.out).toBe('');
  };

  const rejected: [string, RegExp][] = [
    ['catalog-bad-level.json', /entry 1, field "level"/],
    ['catalog-number-code.json', /entry 2, field "code": expected a string/],
    ['catalog-missing-field.json', /entry 0, field "action": missing/],
    ['catalog-duplicate.json', /entry 1, field "code": duplicate of entry 0/],
    ['catalog-proto-only.json', /entry 0, field "(module|code|type|level|description|action)": missing/],
    ['catalog-not-array.json', /expected a JSON array/],
    ['catalog-invalid-json.json', /not valid JSON/],
  ];
  for (const [name, where] of rejected) {
    it(`rejects fixtures/bad/${name} in one line naming the file, entry and field (exit 2)`, async () => {
      const r = await runMain(['scan', bad('no-final-newline.log'), '--catalog', bad(name), '-j', '1']);
      expectRejected(r, bad(name), where);
    });
  }

  it('takes "__proto__" and "constructor" keys as data: the entry is valid, nothing is polluted', async () => {
    const r = await runMain(['scan', path.join(dir, 'app.log'), '--catalog', bad('catalog-proto-keys.json'), '--no-builtin-catalog', '-j', '1']);
    expectClean(r, 0);
    expect(r.report.codes.map((c) => [c.code, c.level, c.count])).toEqual([['proto_keys_code', 'WARN', 1]]);
    expect(({} as Record<string, unknown>)['code']).toBeUndefined();
    expect(({} as Record<string, unknown>)['level']).toBeUndefined();
  });

  it('accepts "constructor" and "__proto__" as codes and counts them', async () => {
    const f = write('proto-codes.json', JSON.stringify([entry({ code: 'constructor', level: 'INFO' }), entry({ code: '__proto__', level: 'WARN' })]));
    const r = await runMain(['scan', 'app.log', '--catalog', f, '--no-builtin-catalog', '-j', '1'], { cwd: dir });
    expectClean(r, 0);
    expect(r.report.codes.map((c) => [c.code, c.count])).toEqual([
      ['__proto__', 1],
      ['constructor', 1],
    ]);
    expect(r.report.unknownCodes).toEqual([]);
  });

  it('accepts a 1 MB description and rejects a 1 MB code in one line', async () => {
    const ok = await scanWith(write('big-description.json', JSON.stringify([entry({ code: 'big_description_code', description: 'd'.repeat(MiB) })])));
    expectClean(ok, 0);
    expect(ok.report.codes.find((c) => c.code === 'big_description_code')!.description).toHaveLength(MiB);
    const r = await scanWith(write('big-code.json', JSON.stringify([entry({ code: 'a_' + 'b'.repeat(MiB) })])));
    expectRejected(r, 'big-code.json', /entry 0, field "code"/);
    expect(r.err.length).toBeLessThan(500);
  });

  it('survives deep nesting: a 100,000-deep array as an entry is rejected, as an extra field it is ignored', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const r = await scanWith(write('deep-entry.json', `[${deep}]`));
    expectRejected(r, 'deep-entry.json', /entry 0/);
    const e = JSON.stringify(entry({ code: 'code_0' }));
    const ok = await scanWith(write('deep-field.json', `[${e.slice(0, -1)},"extra":${deep}}]`));
    expectClean(ok, 0);
    expect(counts(ok.report)['code_0']).toBe(1);
  });

  it('loads 100,000 entries fast, and names the bad one when the last entry is bad', async () => {
    const many = Array.from({ length: 100_000 }, (_, i) => entry({ code: `code_${i}`, level: i % 2 === 0 ? 'WARN' : 'INFO' }));
    const t = Date.now();
    const ok = await scanWith(write('many.json', JSON.stringify(many)));
    expect(Date.now() - t).toBeLessThan(15_000);
    expectClean(ok, 0);
    expect(counts(ok.report)).toEqual({ code_0: 1, code_99999: 1 });
    many[99_999] = entry({ code: 'code_99999', level: 'SEVERE' });
    const r = await scanWith(write('many-bad.json', JSON.stringify(many)));
    expectRejected(r, 'many-bad.json', /entry 99999, field "level"/);
  });
});

// ---------------------------------------------------------------------------------------------------
// JSON lines
// ---------------------------------------------------------------------------------------------------
describe('JSON lines', () => {
  for (const engine of ENGINES) {
    describe(`--engine ${engine}`, () => {
      const scan = (inputs: string[], cwd = ROOT, extra: string[] = []): Promise<Run> =>
        runMain(['scan', ...inputs, '--engine', engine, '-j', '1', ...extra], { cwd });

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
        // web_hook_deleted · 4: last 7 → text: web_hook_deleted · 5: last "unknown_thing" → unknown
        const f = bad('dup-keys.jsonl');
        const r = await scan([f]);
        expectClean(r, 0);
        expect(fileRow(r.report, f)).toMatchObject({ records: 5, matches: 4, unknown: 1, malformedRecords: 0 });
        expect(counts(r.report)).toEqual({ smime_error: 1, web_hook_moved: 1, web_hook_deleted: 2 });
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

    for (const engine of ENGINES) {
      it(`reads them with --max-line-length 64M, --engine ${engine}`, async () => {
        const r = await runBin(['scan', 'big.jsonl', '--format', 'json', '-j', '1', '--engine', engine, '--max-line-length', '64M'], { cwd: dir, timeoutMs: 60_000 });
        expect(r.timedOut).toBe(false);
        expectClean({ code: r.status ?? -1, err: r.stderr }, 0);
        const report = JSON.parse(r.stdout) as Report;
        expect(fileRow(report, 'big.jsonl')).toMatchObject({ format: 'jsonl', records: 3, matches: 4, skippedLines: 0, malformedRecords: 0 });
        expect(counts(report)).toEqual({ storage_error: 1, smime_error: 1, execution_failed: 1, web_hook_moved: 1 });
        // Two 50 MB lines, each held whole: the byte scanner keeps a copy or two of one line; the record
        // readers hold it as bytes, as a string and parsed (a handful of copies) — never a dozen.
        expect(((r.maxRssKb ?? Infinity) - baseRssKb) / 1024).toBeLessThan(engine === 'auto' ? 250 : 350);
      });

      it(`skips them under the default 16M limit, saying so, --engine ${engine}`, async () => {
        const r = await runBin(['scan', 'big.jsonl', '--format', 'json', '-j', '1', '--engine', engine], { cwd: dir, timeoutMs: 60_000 });
        expect(r.timedOut).toBe(false);
        expect(r.status).toBe(0);
        expect(r.stderr.split('\n').filter((l) => l.includes('big.jsonl'))).toEqual(['mxscan: big.jsonl: 2 over-long lines skipped (see --max-line-length)']);
        const report = JSON.parse(r.stdout) as Report;
        expect(fileRow(report, 'big.jsonl')).toMatchObject({ records: 3, matches: 1, skippedLines: 2 });
        expect(counts(report)).toEqual({ web_hook_moved: 1 });
        expect(((r.maxRssKb ?? Infinity) - baseRssKb) / 1024).toBeLessThan(100);
      });
    }
  });
});

// ---------------------------------------------------------------------------------------------------
// Everything at once
// ---------------------------------------------------------------------------------------------------
describe('all small bad fixtures in one scan', () => {
  it('reports every problem in one line each, exits 2 for the unreadable ones, and counts the rest', async () => {
    const inputs = [
      'binary.log.gz',
      'concat.log.gz',
      'corrupt.log.gz',
      'cr-only.log',
      'invalid-utf8.log',
      'no-final-newline.log',
      'nul-after-8k.log',
      'nul-in-head.log',
      'truncated.log.gz',
      'utf16be-bom.log',
      'utf16le-bom.log',
    ].map(bad);
    const r = await runMain(['scan', ...inputs, bad('missing.log'), '-j', '1']);
    expectClean(r, 2);
    const problems = problemLines(r.err);
    expect(problems, r.err).toHaveLength(5);
    expect(problems).toContain('mxscan: skipped fixtures/bad/binary.log.gz: binary content (a NUL byte in its first 8 KiB): skipped');
    expect(problems.filter((l) => l.startsWith('mxscan: cannot read fixtures/bad/corrupt.log.gz: gzip data is corrupt'))).toHaveLength(1);
    expect(problems).toContain('mxscan: cannot read fixtures/bad/missing.log: no such file or directory');
    expect(problems).toContain('mxscan: skipped fixtures/bad/nul-in-head.log: binary content (a NUL byte in its first 8 KiB): skipped');
    expect(problems).toContain('mxscan: cannot read fixtures/bad/truncated.log.gz: gzip data is truncated (unexpected end of file)');
    expect(r.report.totals.unreadableFiles).toBe(3);
    expect(r.report.totals.binaryFiles).toBe(2);
    // concat 1+1, cr-only 2, invalid-utf8 4, no-final-newline 1, nul-after-8k 2, utf16be 2, utf16le 2
    // (plus whatever truncated.log.gz gave before its damage)
    const truncated = fileRow(r.report, bad('truncated.log.gz')).matches;
    expect(r.report.codes.reduce((n, c) => n + c.count, 0)).toBe(15 + truncated);
  });

  it('runs the built bin on them without a stack trace (subprocess)', async () => {
    expect(BIN).toMatch(/dist\/bin\.js$/);
    const r = await runBin(['scan', 'fixtures/bad', '--format', 'json'], { timeoutMs: 30_000 });
    expect(r.timedOut).toBe(false);
    expectClean({ code: r.status ?? -1, err: r.stderr }, 2);
  });
});
