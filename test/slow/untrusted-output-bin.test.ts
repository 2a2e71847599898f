/**
 * Untrusted output, through the built bin (subprocess): a closed pipe (`| head -1`) is not an error, `--out`
 * writes atomically (a run killed or interrupted while it writes leaves the previous report or a whole new
 * one) and never over an input. (What the reports and stderr show of log text: untrusted-output-report.test.ts.)
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/summary/report.js';
import { BIN, ROOT, linesNaming, problemLines, requireBin, runBin, stackTraceLines, tempDir, type BinRun } from '../support/cli.js';

// Slow (processes spawned one after the other): run with `npm run test:slow` (MXSCAN_SLOW=1).
const SLOW = process.env['MXSCAN_SLOW'] === '1';

/** Runs a bash command line; resolves with its stdout, stderr and exit status. */
function bash(script: string, cwd: string, timeoutMs = 60_000): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script], { cwd, env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

describe.skipIf(!SLOW)('the built bin (subprocess)', () => {
  let dir: string;
  beforeAll(() => {
    requireBin();
    dir = tempDir('bin');
    // 30,000 lines with an unknown code each: a report of well over a megabyte (JSON; the markdown is trimmed to a comment).
    const lines: string[] = [];
    for (let i = 0; i < 30_000; i++) lines.push(`2026-03-18T08:00:00Z storage_error code=unknown_code_${i} ${'pad '.repeat(10)}`);
    writeFileSync(path.join(dir, 'big.log'), lines.join('\n') + '\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe('`mxscan scan … | head -1`', () => {
    const cases: [string, string, number][] = [
      ['markdown', '', 0],
      ['json', '--format json', 0],
      ['markdown, --fail-on error', '--fail-on error', 1],
    ];
    for (const [what, flags, exit] of cases) {
      it(`ends quietly (${what}): first line out, nothing on stderr, mxscan's own exit status ${exit}`, async () => {
        const r = await bash(`node '${BIN}' scan big.log -j 1 -q ${flags} 2>err.txt | head -1; echo "status=\${PIPESTATUS[0]}"`, dir);
        const [first, status] = r.stdout.split('\n');
        expect(first).toBe(flags.includes('json') ? '{' : '# mxscan incident report');
        expect(status).toBe(`status=${exit}`);
        expect(readFileSync(path.join(dir, 'err.txt'), 'utf8')).toBe('');
      });
    }

    it('without --quiet, stderr holds only the summary line (no EPIPE error)', async () => {
      const r = await bash(`node '${BIN}' scan big.log -j 1 2>err.txt | head -1; echo "status=\${PIPESTATUS[0]}"`, dir);
      expect(r.stdout.split('\n')[1]).toBe('status=0');
      const err = readFileSync(path.join(dir, 'err.txt'), 'utf8');
      expect(err).toBe('mxscan: 1 ERROR code needs action: storage_error (30,000) began 2026-03-18 08:00:00Z and peaked in the 1m from 2026-03-18 08:00:00Z (30,000); no account named (30,000 records in 1 file)\n');
    });
  });

  describe('stderr closed early (`2>&1 >report.md | true`)', () => {
    for (const [flags, exit] of [['', 0], ['--fail-on error', 1]] as const) {
      it(`is no error: the report is written whole and the exit status is the gate's (${exit})`, async () => {
        rmSync(path.join(dir, 'report.md'), { force: true });
        const r = await bash(`node '${BIN}' scan big.log -j 1 ${flags} 2>&1 >report.md | true; echo "status=\${PIPESTATUS[0]}"`, dir);
        expect(r.stdout.trim()).toBe(`status=${exit}`);
        const report = readFileSync(path.join(dir, 'report.md'), 'utf8');
        expect(report.startsWith('# mxscan incident report')).toBe(true);
        // Whole: it ends with the provenance's last line.
        expect(report).toMatch(/\n- mxscan \d+\.\d+\.\d+\n$/);
      });
    }
  });

  describe('--out DIR is written atomically', () => {
    const isTmp = (n: string): boolean => /^\.report\.(md|json|html)\..*\.tmp$/.test(n);

    /** Runs a scan of big.log into `out` and sends `signal` as soon as `when` sees the directory in the state it waits for. */
    async function killWhile(out: string, when: (names: string[]) => boolean, delayMs = 0, signal: NodeJS.Signals = 'SIGTERM'): Promise<BinRun> {
      let stop = false;
      const run = runBin(['scan', 'big.log', '-j', '1', '--out', out], {
        cwd: dir,
        onSpawn: (child) => {
          const started = Date.now();
          const poll = (): void => {
            if (stop) return;
            const names = existsSync(out) ? readdirSync(out) : [];
            if (Date.now() - started >= delayMs && when(names)) {
              child.kill(signal);
              return;
            }
            setTimeout(poll, 1);
          };
          poll();
        },
      });
      const r = await run;
      stop = true;
      return r;
    }

    /** report.json is absent, the previous one, or a complete report of big.log — never half of one. */
    function expectWhole(out: string, previous: { json: string; md: string }): void {
      const json = path.join(out, 'report.json');
      if (existsSync(json)) {
        const text = readFileSync(json, 'utf8');
        if (text !== previous.json) {
          const report = JSON.parse(text) as Report;
          expect(report.files.map((f) => f.path)).toEqual(['big.log']);
          expect(report.unknownCodes).toHaveLength(30_000);
        }
      }
      const md = path.join(out, 'report.md');
      if (existsSync(md)) {
        const text = readFileSync(md, 'utf8');
        if (text !== previous.md) expect(text).toMatch(/\n- mxscan \d+\.\d+\.\d+\S*\n$/);
      }
    }

    it('a second --out run killed (SIGTERM) while it writes leaves the previous report or a whole new one', async () => {
      const out = path.join(dir, 'out-kill');
      const first = await runBin(['scan', path.join(ROOT, 'fixtures/bad/hostile.log'), '-j', '1', '--out', out], { cwd: dir });
      expect(first.status).toBe(0);
      const previous = { json: readFileSync(path.join(out, 'report.json'), 'utf8'), md: readFileSync(path.join(out, 'report.md'), 'utf8') };
      JSON.parse(previous.json);
      // Killed while report.md's temporary file is being written, then while report.json's is.
      await killWhile(out, (names) => names.some((n) => n.startsWith('.report.md.') && isTmp(n)));
      expectWhole(out, previous);
      await killWhile(out, (names) => names.some((n) => n.startsWith('.report.json.') && isTmp(n)));
      expectWhole(out, previous);
      // And at a few moments in between.
      for (const ms of [150, 400, 800]) {
        await killWhile(out, () => true, ms);
        expectWhole(out, previous);
      }
    });

    it('an --out run interrupted (SIGINT, Ctrl-C) while it writes leaves the previous report or a whole new one, exit 130', async () => {
      const out = path.join(dir, 'out-interrupt');
      expect((await runBin(['scan', path.join(ROOT, 'fixtures/bad/hostile.log'), '-j', '1', '--out', out], { cwd: dir })).status).toBe(0);
      const previous = { json: readFileSync(path.join(out, 'report.json'), 'utf8'), md: readFileSync(path.join(out, 'report.md'), 'utf8') };
      const r = await killWhile(out, (names) => names.some(isTmp), 0, 'SIGINT');
      expectWhole(out, previous);
      // Interrupted by its handler (130), or by the signal itself when it came before the handler was set.
      expect(r.status === 130 || r.signal === 'SIGINT', `${r.status} ${r.signal}`).toBe(true);
      expect(readdirSync(out).filter(isTmp)).toEqual([]);
    });

    it('two runs in a row: the second replaces every file whole', async () => {
      const out = path.join(dir, 'out-twice');
      expect((await runBin(['scan', path.join(ROOT, 'fixtures/bad/hostile.log'), '-j', '1', '--out', out], { cwd: dir })).status).toBe(0);
      const r = await runBin(['scan', 'big.log', '-j', '1', '--out', out], { cwd: dir });
      expect(r.status).toBe(0);
      expect(r.stdout).toBe('');
      const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as Report;
      expect(report.totals.records).toBe(30_000);
      expect(readdirSync(out).sort()).toEqual(['report.html', 'report.json', 'report.md']);
      expect(readFileSync(path.join(out, 'report.html'), 'utf8')).toContain('30,000 records in 1 file');
    });
  });

  describe('--out never writes over an input', () => {
    it('--out naming one of the input files is refused: exit 2, one line, the input unchanged', async () => {
      // SUSPECTED BUG: mkdir(<input file>) fails with EEXIST, which is not a ScanError: a stack trace and exit 1.
      const d = path.join(dir, 'out-is-input');
      mkdirSync(d);
      const input = path.join(d, 'in.log');
      writeFileSync(input, 'x storage_error\n');
      const r = await runBin(['scan', 'in.log', '--out', 'in.log', '-j', '1'], { cwd: d });
      expect(readFileSync(input, 'utf8')).toBe('x storage_error\n');
      expect(stackTraceLines(r.stderr), r.stderr).toEqual([]);
      expect(r.status, r.stderr).toBe(2);
      expect(problemLines(r.stderr), r.stderr).toHaveLength(1);
      expect(linesNaming(r.stderr, 'in.log')).toHaveLength(1);
    });

    it('an input named DIR/report.json is not overwritten by --out DIR: exit 2, one line', async () => {
      const d = path.join(dir, 'report-is-input');
      mkdirSync(d);
      writeFileSync(path.join(d, 'report.json'), 'x storage_error\n');
      const r = await runBin(['scan', 'report.json', '--out', '.', '-j', '1'], { cwd: d });
      expect(readFileSync(path.join(d, 'report.json'), 'utf8')).toBe('x storage_error\n');
      expect(stackTraceLines(r.stderr)).toEqual([]);
      expect(r.status).toBe(2);
      expect(problemLines(r.stderr)).toEqual([expect.stringMatching(/^mxscan: refusing to write .*report\.json: it is one of the scanned inputs$/)]);
    });

    it('DIR/report.md as a symlink to an input is not written through: exit 2, one line, the input unchanged', async () => {
      const d = path.join(dir, 'symlinked-report');
      mkdirSync(path.join(d, 'out'), { recursive: true });
      writeFileSync(path.join(d, 'in.log'), 'x storage_error\n');
      symlinkSync(path.join(d, 'in.log'), path.join(d, 'out', 'report.md'));
      const r = await runBin(['scan', 'in.log', '--out', 'out', '-j', '1'], { cwd: d });
      expect(readFileSync(path.join(d, 'in.log'), 'utf8')).toBe('x storage_error\n');
      expect(stackTraceLines(r.stderr)).toEqual([]);
      expect(r.status).toBe(2);
      expect(problemLines(r.stderr)).toEqual([expect.stringMatching(/^mxscan: refusing to write .*report\.md: it is one of the scanned inputs$/)]);
    });
  });
});
