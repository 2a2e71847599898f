/**
 * Standard input through a shell's pipe (src/input/stdin-drain.ts): its first 4 MiB read on Node's thread
 * pool, the rest drained by a thread of its own. The built command line, run as a user runs it (`cat FILE |
 * mxscan scan -`), must report what the same file named gives, whatever the pipe's pace (the 5.4 MB input
 * crosses the hand-over); an empty pipe is an empty input; a stalled pipe never holds the process once it
 * is told to stop, nor does a scan refused before it reads. Expected counts written by hand.
 */
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/summary/report.js';
import { BIN, counts, requireBin, tempDir } from './support/cli.js';

/** Runs a shell line (bash, pipefail) in dir: its exit code, or the signal that ended it, and stderr. */
function sh(line: string, dir: string, signalAfterMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    // A process group of its own, so that a signal reaches every process of the pipeline, as a terminal's ^C does.
    const child = spawn('bash', ['-c', `set -o pipefail; ${line}`], { cwd: dir, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' } });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    if (signalAfterMs !== undefined) setTimeout(() => process.kill(-child.pid!, 'SIGINT'), signalAfterMs);
    child.on('close', (code, signal) => resolve({ code, signal, stderr, ms: Date.now() - started }));
  });
}

const read = async (file: string): Promise<Report> => JSON.parse(await import('node:fs/promises').then((f) => f.readFile(file, 'utf8'))) as Report;

describe('standard input drained by a thread of its own', () => {
  let dir: string;
  beforeAll(() => {
    requireBin();
    dir = tempDir('stdin-drain');
    // 3 × 40,000 lines, ~5.4 MB (five pieces and more): every 4th line storage_error (30,000), every 10th
    // web_hook_deleted (12,000; both on 6,000 lines: each counts there too), an account on each, a time on each.
    const lines: string[] = [];
    for (let i = 0; i < 120_000; i++) {
      const s = String(i % 60).padStart(2, '0');
      const m = String(Math.floor(i / 60) % 60).padStart(2, '0');
      const codes = `${i % 4 === 0 ? ' storage_error' : ''}${i % 10 === 0 ? ' web_hook_deleted' : ''}`;
      lines.push(`2026-03-18T10:${m}:${s}Z INFO worker-${i % 7} user=u${i % 50}@contoso.com${codes} seq=${i}`);
    }
    writeFileSync(path.join(dir, 'big.log'), lines.join('\n') + '\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports what the same file named gives, piped at once or in slow, odd pieces', async () => {
    const named = await sh(`node '${BIN}' scan big.log --format json -o named.json --quiet`, dir);
    expect(named.code).toBe(0);
    const piped = await sh(`cat big.log | node '${BIN}' scan - --format json -o piped.json --quiet`, dir);
    expect(piped.code).toBe(0);
    // A writer that stops between odd-sized pieces (the pipe runs dry while the thread waits in its read).
    const slow = await sh(`(head -c 700001 big.log; sleep 0.3; tail -c +700002 big.log | head -c 1999999; sleep 0.2; tail -c +2700001 big.log) | node '${BIN}' scan - --format json -o slow.json --quiet`, dir);
    expect(slow.code).toBe(0);
    for (const f of ['named.json', 'piped.json', 'slow.json']) {
      const r = await read(path.join(dir, f));
      expect(counts(r)).toEqual({ storage_error: 30_000, web_hook_deleted: 12_000 });
      expect(r.totals.records).toBe(120_000);
      expect(r.totals.untimedRecords).toBe(0);
    }
    const [a, b] = await Promise.all([read(path.join(dir, 'named.json')), read(path.join(dir, 'piped.json'))]);
    expect(b.accounts).toEqual(a.accounts);
    expect(b.timeline).toEqual(a.timeline);
  });

  it('ends when the scan stops reading past the hand-over while the writer neither writes nor closes', async () => {
    // A gzip stream of ~8 MB, corrupt from 6 MB on: the scan stops there (exit 2, as before the reader), with
    // the writer still holding the pipe open. No read of the reader's blocks: the process ends at once.
    const { gzipSync } = await import('node:zlib');
    const { randomBytes } = await import('node:crypto');
    const text = Array.from({ length: 120_000 }, (_, i) => `2026-03-18T10:00:00Z storage_error ${randomBytes(60).toString('base64')} ${i}`).join('\n');
    const gz = gzipSync(Buffer.from(text), { level: 1 });
    expect(gz.length).toBeGreaterThan(7_000_000);
    gz.fill(0x55, 6_000_000, 6_100_000);
    writeFileSync(path.join(dir, 'late-corrupt.gz'), gz);
    const r = await sh(`{ cat late-corrupt.gz; sleep 30 & echo $! > writer2.pid; wait; } | { node '${BIN}' scan - --format json -o late.json --quiet; echo "node-exit:$?" >&2; kill $(cat writer2.pid); }`, dir);
    expect(r.ms).toBeLessThan(10_000);
    expect(r.stderr).toMatch(/node-exit:2/);
  });

  it('reads an empty pipe as an empty input', async () => {
    const r = await sh(`true | node '${BIN}' scan - --format json -o empty.json --quiet`, dir);
    expect(r.code).toBe(0);
    expect((await read(path.join(dir, 'empty.json'))).totals.records).toBe(0);
  });

  it('ends on ^C while the pipe is stalled, and when the command line is refused before anything is read', async () => {
    // The writer never writes nor ends: the scan waits for the thread reading; SIGINT must still end it.
    const stalled = await sh(`sleep 30 | node '${BIN}' scan - --format json -o never.json --quiet`, dir, 1500);
    expect(stalled.ms).toBeLessThan(10_000);
    expect(stalled.code === 130 || stalled.signal === 'SIGINT').toBe(true);
    // A flag no scan takes: exit 2 at once, the thread (blocked in its read of a stalled pipe) not waited for.
    // (The shell waits for every process of a pipeline: the writer is ended once node is done, and node's own
    // exit code is written out.)
    const refused = await sh(`{ sleep 30 & echo $! > writer.pid; wait; } | { node '${BIN}' scan - --bogus-flag; echo "node-exit:$?" >&2; kill $(cat writer.pid); }`, dir);
    expect(refused.ms).toBeLessThan(10_000);
    expect(refused.stderr).toMatch(/bogus-flag/);
    expect(refused.stderr).toMatch(/node-exit:2/);
  });
});
