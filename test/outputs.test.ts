/**
 * Outputs that cannot be written (--out, --junit, the GitHub job summary): one line on stderr naming the
 * path and why, exit 2, never a stack trace or a hang.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBin, runBin, stackTraceLines, tempDir } from './support/cli.js';
import { runMain } from './support/main.js';

const INCIDENT = 'fixtures/incident';

let dir: string;
beforeAll(() => {
  dir = tempDir('outputs');
  writeFileSync(path.join(dir, 'a-file'), 'not a directory\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--out and --junit where no directory can be made', () => {
  // Node's recursive mkdir spins forever at full CPU on /proc: the built bin, with a time limit.
  it.skipIf(!existsSync('/proc/self'))('--out /proc/nope fails fast: one line, exit 2', async () => {
    requireBin();
    const r = await runBin(['scan', INCIDENT, '--quiet', '--out', '/proc/nope'], { timeoutMs: 15_000 });
    expect(r.timedOut, 'still running after 15 s').toBe(false);
    expect(stackTraceLines(r.stderr), r.stderr).toEqual([]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toBe('mxscan: cannot write /proc/nope/report.md: /proc does not accept new directories\n');
  });

  it.skipIf(!existsSync('/proc/self'))('--junit /proc/nope/junit.xml fails fast: one line, exit 2', async () => {
    requireBin();
    const r = await runBin(['scan', INCIDENT, '--quiet', '--junit', '/proc/nope/junit.xml'], { timeoutMs: 15_000 });
    expect(r.timedOut, 'still running after 15 s').toBe(false);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toBe('mxscan: cannot write /proc/nope/junit.xml: /proc does not accept new directories\n');
  });

  it('names the file that stands where a directory is needed', async () => {
    const r = await runMain(['scan', INCIDENT, '--quiet', '--out', path.join(dir, 'a-file', 'sub', 'out')]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`mxscan: cannot write ${path.join(dir, 'a-file', 'sub', 'out', 'report.md')}: ${path.join(dir, 'a-file')} is not a directory\n`);
  });

  it('still makes missing parents of --out', async () => {
    const out = path.join(dir, 'new', 'deep', 'out');
    const r = await runMain(['scan', INCIDENT, '--quiet', '--out', out]);
    expect(r.code, r.err).toBe(0);
    expect(existsSync(path.join(out, 'report.md')) && existsSync(path.join(out, 'report.json'))).toBe(true);
  });
});
