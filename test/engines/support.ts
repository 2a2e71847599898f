/**
 * What the engine tests share: the Debian packages they need (installed when missing and possible), child
 * processes that are all stopped when the tests end (or the process exits), and the plain scan that every
 * engine's merged report must equal.
 */
import { spawn, spawnSync, type SpawnOptions } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const NODE = process.execPath;
export const BIN = path.join(ROOT, 'dist', 'bin.js');
/** Debian's Python, where python3-distributed installs (the `python3` first on PATH may be another). */
export const PYTHON = '/usr/bin/python3';
/** What every engine scans: the fixtures, as `npm start` does. */
// Redaction is explicit (it is on by default under CI=true, which an ssh session does not pass on): every scan and merge of these tests reads the same way.
export const SCAN_ARGS = ['fixtures', '--exclude', 'bad/**', '--no-redact'];

const PACKAGES = ['parallel', 'openssh-server', 'python3-distributed'];

/** Which of the engines' tools are here. */
function missingTools(): string[] {
  const missing: string[] = [];
  if (spawnSync('parallel', ['--version'], { stdio: 'ignore' }).status !== 0) missing.push('parallel');
  if (!existsSync('/usr/sbin/sshd') || spawnSync('ssh', ['-V'], { stdio: 'ignore' }).status !== 0) missing.push('openssh-server');
  if (spawnSync(PYTHON, ['-c', 'import distributed, psutil'], { stdio: 'ignore' }).status !== 0) missing.push('python3-distributed');
  return missing;
}

/**
 * Installs the packages that are missing (as root, from Debian); returns why the engine tests cannot run,
 * or undefined when they can. In CI a package that cannot be installed is a failure, not a skip.
 */
export function ensureTools(): string | undefined {
  let missing = missingTools();
  if (missing.length === 0) return undefined;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    // Debian's way to keep a package's install from starting its service (an sshd on every address).
    const policy = '/usr/sbin/policy-rc.d';
    const ownPolicy = !existsSync(policy);
    if (ownPolicy) writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
    try {
      spawnSync('apt-get', ['update', '-qq', '-o', 'DPkg::Lock::Timeout=120'], { stdio: 'inherit', env });
      spawnSync('apt-get', ['install', '-y', '-qq', '-o', 'DPkg::Lock::Timeout=120', ...PACKAGES], { stdio: 'inherit', env });
    } finally {
      if (ownPolicy) rmSync(policy, { force: true });
    }
    missing = missingTools();
  }
  if (missing.length === 0) return undefined;
  return cannotRun(`the engine tests need ${missing.join(', ')} (apt-get install -y ${PACKAGES.join(' ')}), which could not be installed here`);
}

/**
 * A part of the engine tests that cannot run here: outside CI it is skipped, said on stderr, and the reason
 * returned (for `skipIf`); under CI=true it throws, so a runner that lost a prerequisite fails, never passes
 * by skipping.
 */
export function cannotRun(why: string, env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (env['CI'] === 'true') throw new Error(why);
  process.stderr.write(`skipping: ${why}\n`);
  return why;
}

const running = new Set<number>();

/** Stops every process group still running (each child was started as the leader of its own group). */
export function stopAll(): void {
  for (const pid of running) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  running.clear();
}
process.on('exit', stopAll);

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

/** Runs a command to its end (at most `timeoutMs`, then its whole group is killed), input piped in. */
export function run(cmd: string, args: readonly string[], opts: SpawnOptions & { input?: string; timeoutMs?: number } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, ...opts, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    const pid = child.pid;
    if (pid !== undefined) running.add(pid);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (b: Buffer) => out.push(b));
    child.stderr!.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => {
      if (pid !== undefined) process.kill(-pid, 'SIGKILL');
    }, opts.timeoutMs ?? 120_000);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (pid !== undefined) {
        // The group may hold children the leader left behind.
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          // None left.
        }
        running.delete(pid);
      }
      resolve({ code, signal, out: Buffer.concat(out).toString('utf8'), err: Buffer.concat(err).toString('utf8') });
    });
    // A command that stops before reading all its input (merge refusing a partial) closes the pipe: its
    // exit status says what happened, the EPIPE adds nothing.
    child.stdin!.on('error', () => undefined);
    child.stdin!.end(opts.input ?? '');
  });
}

/** Starts a long-running command (a server) in its own group; stopAll() or stop() ends it. */
export function start(cmd: string, args: readonly string[], opts: SpawnOptions = {}): { pid: number; stop: () => void; output: () => string } {
  const child = spawn(cmd, args, { cwd: ROOT, ...opts, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const pid = child.pid!;
  running.add(pid);
  let text = '';
  child.stdout!.on('data', (b: Buffer) => (text += b.toString('utf8')));
  child.stderr!.on('data', (b: Buffer) => (text += b.toString('utf8')));
  return {
    pid,
    output: () => text,
    stop: () => {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
      running.delete(pid);
    },
  };
}

/** mxscan's own report of one plain scan of the fixtures: what every engine's merge must equal. */
export async function plainReport(format: 'json' | 'markdown'): Promise<string> {
  const r = await run(NODE, [BIN, 'scan', ...SCAN_ARGS, '-f', format, '-q', '--jobs', '1']);
  if (r.code !== 0) throw new Error(`plain scan failed (${r.code}): ${r.err}`);
  return r.out;
}

/** A temporary directory, removed by the returned function. */
export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Quotes a word for sh. */
export const sh = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
