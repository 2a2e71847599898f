/**
 * Helpers for the hostile-input and untrusted-output tests: run `main()` in-process, or the built bin
 * (dist/bin.js) as a subprocess with a time limit and its peak memory, and read stderr the way a user does.
 */
import { spawn } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, runMain as runInProcess, type MainOptions } from './main.js';
import type { FileRow, Report } from '../../src/summary/report.js';

export { ROOT };
export const BIN = path.join(ROOT, 'dist', 'bin.js');

export interface Run {
  code: number;
  out: string;
  err: string;
  /** The JSON report when `--format json` was asked for and stdout holds one. */
  report: Report;
}

/**
 * Runs `mxscan <argv>` in-process. `json: true` (the default) adds `--format json` and parses stdout.
 * stderr is kept (no --quiet) so that its lines can be checked.
 */
export async function runMain(
  argv: readonly string[],
  opts: { cwd?: string; stdin?: Buffer | readonly Buffer[]; json?: boolean; env?: Record<string, string>; engine?: MainOptions['engine'] } = {},
): Promise<Run> {
  const json = opts.json ?? true;
  const r = await runInProcess([...argv, ...(json ? ['--format', 'json'] : [])], opts);
  const report = (json && r.out.trim().startsWith('{') ? JSON.parse(r.out) : undefined) as Report;
  return { ...r, report };
}

export interface BinRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Peak resident set size of the mxscan process, in KiB (from process.resourceUsage() at exit). */
  maxRssKb: number | undefined;
  timedOut: boolean;
  ms: number;
}

// Preloaded into the bin: writes the process's peak RSS to $MXSCAN_TEST_RSS_FILE when it exits.
const RSS_HOOK =
  'data:text/javascript,' +
  encodeURIComponent(
    "import { writeFileSync } from 'node:fs';" +
      "process.on('exit', () => { const f = process.env.MXSCAN_TEST_RSS_FILE; try { if (f) writeFileSync(f, String(process.resourceUsage().maxRSS)); } catch {} });",
  );

/** Fails with a clear message when the bin has not been built. */
export function requireBin(): void {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`npx tsc -p tsconfig.build.json\` (or npm run build) first`);
}

/**
 * Runs `node dist/bin.js <argv>` and resolves when it exits or is killed at `timeoutMs` (SIGKILL).
 * `onSpawn` gets the child process (to signal it while it runs).
 */
export function runBin(
  argv: readonly string[],
  opts: {
    cwd?: string;
    timeoutMs?: number;
    uid?: number;
    gid?: number;
    env?: Record<string, string>;
    /** A file given as standard input (`mxscan scan - < file`); none by default. */
    stdin?: string;
    onSpawn?: (child: import('node:child_process').ChildProcess) => void;
  } = {},
): Promise<BinRun> {
  requireBin();
  const rssDir = mkdtempSync(path.join(tmpdir(), 'mxscan-rss-'));
  // The bin may run as another user (see the permission test): let it write its RSS file.
  chmodSync(rssDir, 0o777);
  const rssFile = path.join(rssDir, 'rss');
  const started = Date.now();
  const stdinFd = opts.stdin === undefined ? undefined : openSync(opts.stdin, 'r');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', RSS_HOOK, BIN, ...argv], {
      cwd: opts.cwd ?? ROOT,
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...opts.env, MXSCAN_TEST_RSS_FILE: rssFile },
      stdio: [stdinFd ?? 'ignore', 'pipe', 'pipe'],
      ...(opts.uid !== undefined ? { uid: opts.uid } : {}),
      ...(opts.gid !== undefined ? { gid: opts.gid } : {}),
    });
    // The child has its own copy of the descriptor.
    if (stdinFd !== undefined) closeSync(stdinFd);
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    // Both are pipes (see stdio above).
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? 60_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      let maxRssKb: number | undefined;
      try {
        maxRssKb = Number(readFileSync(rssFile, 'utf8'));
      } catch {
        maxRssKb = undefined;
      }
      rmSync(rssDir, { recursive: true, force: true });
      resolve({ status, signal, stdout, stderr, maxRssKb, timedOut, ms: Date.now() - started });
    });
    opts.onSpawn?.(child);
  });
}

/** A fresh temporary directory (removed by the caller with `rmSync(dir, { recursive: true, force: true })`). */
export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `mxscan-${prefix}-`));
}

/** stderr lines that look like a stack trace ("    at fn (file:1:2)"), or Node's uncaught-error banner. */
export function stackTraceLines(err: string): string[] {
  return err.split('\n').filter((l) => /^\s+at\s/.test(l) || /^Node\.js v\d/.test(l) || /^\s*\^+\s*$/.test(l));
}

/** The stderr lines that mention `name`. */
export function linesNaming(err: string, name: string): string[] {
  return err.split('\n').filter((l) => l.includes(name));
}

/** stderr without the final summary line (`mxscan: <verdict> (N records in M files)`). */
export function problemLines(err: string): string[] {
  return err.split('\n').filter((l) => l !== '' && !/ records? in \d+ files?\)/.test(l));
}

export function fileRow(r: Report, p: string): FileRow {
  const f = r.files.find((x) => x.path === p);
  if (f === undefined) throw new Error(`${p} not in report (files: ${r.files.map((x) => x.path).join(', ')})`);
  return f;
}

/** { code: count } of a report, for one-line assertions. */
export const counts = (r: Report): Record<string, number> => Object.fromEntries(r.codes.map((c) => [c.code, c.count]));

/** { unknown code: count } of a report. */
export const unknownCounts = (r: Report): Record<string, number> => Object.fromEntries(r.unknownCodes.map((u) => [u.code, u.count]));

/** `line` of each sample of a code. */
export const sampleLines = (r: Report, code: string): number[] => (r.codes.find((c) => c.code === code)?.samples ?? []).map((s) => s.line);

/** The promise's value, or a rejection after `ms` (the timer is cleared either way). */
export async function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: not done after ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** True when running as root: file permissions do not stop reads. */
export const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

/** Whether another user can run the built bin: every directory above it lets others through (a clone in a
 * `mktemp -d` directory, mode 0700, does not). */
export function binReachableByOthers(): boolean {
  for (let d = path.dirname(BIN); ; d = path.dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0) return false;
    if (path.dirname(d) === d) return true;
  }
}
