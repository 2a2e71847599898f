/**
 * Broken and hostile input: the inputs themselves — directories, globs, special files, links, permissions,
 * files that change while they are read. Every expected value below is worked out by hand from the rules
 * (README / the brief), never copied from mxscan's output.
 *
 * Each case checks: exit code, file status, records/matches/codes, the one stderr line that names the file,
 * and that stderr holds no stack trace. Cases whose memory matters run the built bin (dist/bin.js, build it
 * first) as a subprocess and read its peak RSS.
 */
import { execFileSync, spawn } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  closeSync,
  constants as fsConstants,
  copyFileSync,
  mkdirSync,
  openSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/summary/report.js';
import {
  counts,
  fileRow,
  isRoot,
  binReachableByOthers,
  linesNaming,
  problemLines,
  runBin,
  runMain,
  stackTraceLines,
  tempDir,
  within,
  type Run,
} from './support/cli.js';
import { bad, expectClean } from './support/hostile.js';

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

  it('reads a FIFO given by name as a stream, as grep does (its writer then done), beside the other inputs', async () => {
    const d = sub('fifo-arg');
    execFileSync('mkfifo', [path.join(d, 'named.pipe')]);
    writeFileSync(path.join(d, 'ok.log'), 'ok storage_error\n');
    // The writer opens the FIFO when the scan does, writes one smime_error line, and closes it.
    spawn('sh', ['-c', 'printf "x smime_error\\n" > named.pipe'], { cwd: d, stdio: 'ignore' }).unref();
    const r = await within(15_000, 'scan of a FIFO given by name', runMain(['scan', 'named.pipe', 'ok.log', '-j', '1'], { cwd: d }));
    expect(r.code, r.err).toBe(0);
    expect(fileRow(r.report, 'named.pipe')).toMatchObject({ status: 'ok', records: 1 });
    expect(counts(r.report)).toEqual({ smime_error: 1, storage_error: 1 });
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

  it('a quoted glob through a directory that cannot be entered names it, as a walk does (exit 2)', async ({ skip }) => {
    // SUSPECTED BUG: fast-glob passes over the directory without a word: a clean exit 0 on half the logs.
    if (!isRoot()) skip('the denied directory is set up as root and read as the user "nobody"');
    if (!binReachableByOthers()) skip('running as root in a checkout other users cannot enter: no user to deny the read to');
    const d = sub('perm-glob');
    chmodSync(dir, 0o755);
    chmodSync(d, 0o755);
    for (const [name, line] of [['open', 'ok storage_error'], ['shut', 'secret smime_error']] as const) {
      mkdirSync(path.join(d, name));
      writeFileSync(path.join(d, name, 'a.log'), `${line}\n`);
    }
    chmodSync(path.join(d, 'shut'), 0o000);
    const r = await runBin(['scan', '*/*.log', '--format', 'json', '-j', '1'], { cwd: d, uid: 65534, gid: 65534 });
    expectClean({ code: r.status ?? -1, err: r.stderr }, 2, ['shut']);
    expect(linesNaming(r.stderr, 'shut')[0]).toBe('mxscan: cannot read shut: permission denied (directory)');
    const report = JSON.parse(r.stdout) as Report;
    expect(fileRow(report, 'shut')).toMatchObject({ status: 'error', message: 'permission denied (directory)' });
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
        // Appended lines have no time: 999 join the file's last record, then they make records of 1,000 lines.
        expect(row.records).toBeLessThanOrEqual(N + 20);
        expect(counts(r.report)['storage_error']).toBe(N / 1000);
        // smime_error counts once in each record an appended line was read into (a last line may be cut mid-append).
        const appended = counts(r.report)['smime_error'] ?? 0;
        expect(appended).toBeGreaterThanOrEqual(row.records - N);
        expect(appended).toBeLessThanOrEqual(row.records - N + 1);
        rmSync(d, { recursive: true, force: true });
      });
    }
  });
});
