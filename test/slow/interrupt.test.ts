/**
 * Slow: Ctrl-C at a real terminal. mxscan runs under a pseudo-terminal (util-linux `script`), reading a
 * stream that keeps coming, so its progress bar is on screen; then the terminal's interrupt character is
 * typed. The run must end with exit 130 and leave the line clean (the bar erased), as the signal path in
 * src/bin.ts does it — not through a hook the test calls itself.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, requireBin, tempDir } from '../support/cli.js';

const SLOW = process.env['MXSCAN_SLOW'] === '1';
const hasScript = spawnSync('script', ['--version']).status === 0 && spawnSync('mkfifo', ['--version']).status === 0;
// CI must run it; elsewhere a machine without util-linux says so and skips.
if (SLOW && !hasScript && process.env['CI'] === undefined) console.warn('interrupt.test.ts: no `script`/`mkfifo` here, skipped');

describe.skipIf(!SLOW || (!hasScript && process.env['CI'] === undefined))('Ctrl-C at a terminal', () => {
  let dir: string;
  beforeAll(() => {
    requireBin();
    dir = tempDir('interrupt-');
    spawnSync('mkfifo', [path.join(dir, 'feed')]);
  });
  afterAll(() => spawnSync('rm', ['-rf', dir]));

  it('erases the progress bar and exits 130', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm' };
    // The bar is drawn only on a terminal and never in CI.
    delete env['CI'];
    delete env['NO_COLOR'];
    const feed = path.join(dir, 'feed');
    // stdin is the FIFO (so reading it never waits on the terminal), stderr the pseudo-terminal the bar is
    // drawn on; mxscan is the shell's own process (exec), so `script -e` exits with mxscan's status.
    const cmd = `stty -echo; exec '${process.execPath}' '${BIN}' scan - --jobs 1 --format json <'${feed}' >/dev/null`;
    const child = spawn('script', ['-qfec', cmd, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let screen = '';
    child.stdout.on('data', (d: Buffer) => (screen += d.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const fd = openSync(feed, 'w');
    const block = Buffer.from('2026-03-18T08:10:58Z storage_error for a user\n'.repeat(2000));
    const started = Date.now();
    // Keep the stream coming until the bar has been on screen for a while (it waits a second before it draws).
    while (!screen.includes('MB read') || Date.now() - started < 1500) {
      writeSync(fd, block);
      await new Promise((r) => setTimeout(r, 50));
      if (Date.now() - started > 20_000) break;
    }
    expect(screen).toContain('MB read');
    // The terminal's interrupt character: the line discipline sends SIGINT to the foreground job.
    child.stdin.write('\x03');
    const code = await exited;
    closeSync(fd);
    expect(code).toBe(130);
    // The last thing on the terminal is the erase of the bar's line: the prompt starts on a clean line.
    const last = screen.lastIndexOf('MB read');
    expect(last).toBeGreaterThan(-1);
    expect(screen.slice(last)).toMatch(/MB\/s \x1b\[K\r\x1b\[K$/);
  }, 30_000);

  it('ends a scan that waits for a FIFO no one writes to (SIGINT, SIGTERM): by the signal, at once', async () => {
    const idle = path.join(dir, 'idle');
    spawnSync('mkfifo', [idle]);
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const child = spawn(process.execPath, [BIN, 'scan', idle, '--jobs', '1'], { stdio: 'ignore' });
      const ended = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
      await new Promise((r) => setTimeout(r, 1000));
      child.kill(signal);
      const timer = new Promise<'hung'>((r) => setTimeout(() => r('hung'), 5000));
      // Before: the handler's process.exit waited for the thread opening the FIFO, for ever.
      const got = await Promise.race([ended, timer]);
      if (got === 'hung') child.kill('SIGKILL');
      expect(got).toBe(signal);
    }
  }, 30_000);
});
