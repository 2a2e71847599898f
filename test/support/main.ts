/** The one way tests run mxscan in-process: main() with buffered writers, no TTY and an empty environment unless given. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main, type Io } from '../../src/cli.js';
import { withEngine, type Engine } from '../oracle/switch.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface MainRun {
  code: number;
  out: string;
  err: string;
}

export interface MainOptions {
  cwd?: string;
  /** The environment main() sees (default: empty, so no CI, no GITHUB_ACTIONS). */
  env?: Record<string, string>;
  /** Standard input, fed chunk by chunk. */
  stdin?: string | Buffer | readonly Buffer[];
  /** Anything else of the Io to replace (TTY flags, say). */
  io?: Partial<Io>;
  /** `oracle`: the scan is done by test/oracle (src/scan.ts is mocked for the test file, see test/oracle/switch.ts). */
  engine?: Engine;
}

/** `mxscan <argv>` in-process. */
export async function runMain(argv: readonly string[], opts: MainOptions = {}): Promise<MainRun> {
  let out = '';
  let err = '';
  const stdin = opts.stdin === undefined ? undefined : typeof opts.stdin === 'string' || Buffer.isBuffer(opts.stdin) ? [Buffer.from(opts.stdin)] : [...opts.stdin];
  const code = await withEngine(opts.engine ?? 'engine', () => main([...argv], {
    stdout: (s) => void (out += s),
    stderr: (s) => void (err += s),
    cwd: opts.cwd ?? ROOT,
    env: opts.env ?? {},
    stdoutIsTTY: false,
    stderrIsTTY: false,
    ...(stdin !== undefined ? { stdin: Readable.from(stdin) } : {}),
    ...opts.io,
  }));
  return { code, out, err };
}

/**
 * A large input produced lazily (it never exists whole, here or in mxscan), 2,000 items a read: `head`,
 * item(0) … item(n - 1), then `tail`.
 */
export function lazyInput(n: number, head: string, item: (i: number) => string, tail: string): Readable {
  let i = 0;
  return new Readable({
    read() {
      const parts: string[] = [];
      if (i === 0) parts.push(head);
      for (let k = 0; k < 2000 && i < n; k++, i++) parts.push(item(i));
      if (i === n) parts.push(tail);
      this.push(parts.join(''));
      if (i === n) this.push(null);
    },
  });
}

/**
 * `mxscan scan - <args> --format json --quiet --jobs 1` in-process on a stream (the slow tests' large inputs,
 * produced lazily), with the most RSS above the start while it ran (sampled every 20 ms), in bytes.
 */
export async function scanStreamMeasured(args: readonly string[], stdin: Readable): Promise<{ code: number; out: string; peak: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  let out = '';
  const code = await main(['scan', '-', ...args, '--format', 'json', '--quiet', '--jobs', '1'], {
    stdout: (s) => void (out += s),
    stderr: () => {},
    stdin,
    env: {},
  }).finally(() => clearInterval(timer));
  return { code, out, peak: peak - before };
}

/** A fresh temporary directory and a function that removes it. */
export function tempDir(prefix = 'mxscan-'): { dir: string; remove: () => void; write: (name: string, text: string) => string } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return {
    dir,
    remove: () => rmSync(dir, { recursive: true, force: true }),
    /** Writes a file of this text in the folder: its path. */
    write: (name, text) => {
      const f = path.join(dir, name);
      writeFileSync(f, text);
      return f;
    },
  };
}
