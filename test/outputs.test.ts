/**
 * Outputs that cannot be written (--out, --junit, the GitHub job summary): one line on stderr naming the
 * path and why, exit 2, never a stack trace or a hang.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBin, runBin, stackTraceLines, tempDir } from './support/cli.js';
import { runMain } from './support/main.js';

const INCIDENT = 'fixtures/incident';
/** stderr without the workflow annotations (which go there under --github). */
const messages = (err: string): string => err.split('\n').filter((l) => !l.startsWith('::')).join('\n');

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

describe('a GITHUB_STEP_SUMMARY that cannot be written', () => {
  const cases: [string, () => string, string][] = [
    ['names a directory', () => dir, 'it is a directory'],
    ['is in a directory that does not exist', () => path.join(dir, 'no-such-dir', 'summary.md'), 'no such file or directory'],
  ];
  for (const [what, target, why] of cases) {
    it(`${what}: one line, exit 2, annotations and the printed report intact (--github)`, async () => {
      const summary = target();
      const r = await runMain(['scan', INCIDENT, '--github', '--quiet'], { env: { GITHUB_STEP_SUMMARY: summary } });
      expect(r.code).toBe(2);
      expect(messages(r.err)).toBe(`mxscan: cannot write the job summary to ${summary}: ${why}\n`);
      expect(r.err).toMatch(/^::warning /m);
      expect(r.out).toContain('# mxscan incident report');
    });
  }

  it('GITHUB_ACTIONS=true and --out: the line, exit 2, and both report files written', async () => {
    const out = path.join(dir, 'gh-out');
    const r = await runMain(['scan', INCIDENT, '--out', out], { env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: dir } });
    expect(r.code).toBe(2);
    expect(messages(r.err).split('\n')[0]).toBe(`mxscan: cannot write the job summary to ${dir}: it is a directory`);
    // The summary line still says where the report went.
    expect(r.err).toContain(`wrote ${path.join(out, 'report.md')}`);
    expect(readFileSync(path.join(out, 'report.md'), 'utf8')).toContain('# mxscan incident report');
    expect(JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8'))).toHaveProperty('schemaVersion', 1);
  });
});

describe('one output that cannot be written leaves the others', () => {
  it('--junit into a file\'s path: --out and the job summary are still written; exit 2 over --fail-on\'s 1', async () => {
    const d = path.join(dir, 'mixed');
    mkdirSync(d);
    const summary = path.join(d, 'summary.md');
    const r = await runMain(['scan', INCIDENT, '--quiet', '--fail-on', 'error', '--github', '--out', path.join(d, 'out'), '--junit', path.join(dir, 'a-file', 'junit.xml')], {
      env: { GITHUB_STEP_SUMMARY: summary },
    });
    expect(r.code).toBe(2);
    expect(messages(r.err)).toBe(`mxscan: cannot write ${path.join(dir, 'a-file', 'junit.xml')}: ${path.join(dir, 'a-file')} is not a directory\n`);
    expect(existsSync(path.join(d, 'out', 'report.json'))).toBe(true);
    expect(readFileSync(summary, 'utf8')).toContain('# mxscan incident report');
  });

  it('--out that cannot be written: the summary line does not claim it was', async () => {
    const r = await runMain(['scan', INCIDENT, '--out', path.join(dir, 'a-file')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`mxscan: cannot write ${path.join(dir, 'a-file', 'report.md')}: ${path.join(dir, 'a-file')} is not a directory\n`);
    expect(r.err).not.toContain('wrote');
  });
});

describe('a baseline, suppressions file or partial report that is a directory', () => {
  it.each([
    [['scan', INCIDENT, '--baseline'], 'baseline'],
    [['scan', INCIDENT, '--suppress'], 'suppressions file'],
    [['merge'], 'partial report'],
  ])('%j DIR: one line saying so, exit 2', async (argv, what) => {
    const r = await runMain([...argv, dir, '--quiet']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`mxscan: cannot read ${what} ${dir}: it is a directory\n`);
  });
});

describe('a job summary trimmed to fit says where the full report is', () => {
  // 30,000 distinct unknown codes: well over the job summary's 1 MB.
  let big: string;
  beforeAll(() => {
    big = path.join(dir, 'big');
    mkdirSync(big);
    const lines = ['2026-03-18T19:00:00.000Z ERROR [storage-box] upload failed: storage_error (507)'];
    for (let i = 0; i < 30_000; i++) lines.push(`2026-03-18T19:00:01.000Z WARN  [storage-box] Box replied error_code=box_fault_${String(i).padStart(5, '0')}`);
    writeFileSync(path.join(big, 'box-faults.log'), lines.join('\n') + '\n');
  });
  const note = (s: string): string => s.split('\n').find((l) => l.startsWith('> Trimmed to fit the job summary: ')) ?? '(no note)';

  it('without --out: the job log (trimmed too), not files that do not exist', async () => {
    const summary = path.join(big, 'printed.md');
    const r = await runMain(['scan', 'box-faults.log', '--github', '--quiet'], { cwd: big, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(r.code, r.err).toBe(0);
    expect(note(readFileSync(summary, 'utf8'))).toMatch(/\. The job log holds the report trimmed to a comment; --out DIR writes the whole report to files\.$/);
  });

  it('with --out: the files it wrote', async () => {
    const summary = path.join(big, 'written.md');
    const r = await runMain(['scan', 'box-faults.log', '--github', '--quiet', '--out', 'ci-report'], { cwd: big, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(r.code, r.err).toBe(0);
    expect(note(readFileSync(summary, 'utf8'))).toMatch(/\. The full report is in ci-report\/report\.md, ci-report\/report\.json and ci-report\/report\.html\.$/);
    expect(existsSync(path.join(big, 'ci-report', 'report.md'))).toBe(true);
  });
});
