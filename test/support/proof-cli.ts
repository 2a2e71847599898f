import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { main } from '../../src/cli.js';
import type { Report } from '../../src/summary/report.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
  /** The parsed JSON report; undefined when nothing was written on stdout. */
  report: Report | undefined;
}

/**
 * Runs `mxscan scan <args> --format json --quiet --jobs 1` in-process, in `cwd`, with an empty
 * environment (no CI redaction) and, when given, `stdin` fed chunk by chunk.
 */
export async function runScan(args: readonly string[], opts: { cwd: string; stdin?: readonly Buffer[] }): Promise<CliRun> {
  let out = '';
  let err = '';
  const io = {
    stdout: (s: string) => {
      out += s;
    },
    stderr: (s: string) => {
      err += s;
    },
    cwd: opts.cwd,
    env: {},
    stdoutIsTTY: false,
    stderrIsTTY: false,
    ...(opts.stdin !== undefined ? { stdin: Readable.from(opts.stdin) } : {}),
  };
  const code = await main(['scan', ...args, '--format', 'json', '--quiet', '--jobs', '1'], io);
  return { code, out, err, report: out === '' ? undefined : (JSON.parse(out) as Report) };
}

/** A fresh temporary directory and a function that removes it. */
export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Per catalog code: its count. */
export const countsOf = (r: Report): Record<string, number> => Object.fromEntries(r.codes.map((c) => [c.code, c.count]));

/** Per catalog code: `file:line` of its samples. */
export const samplesOf = (r: Report): Record<string, string[]> =>
  Object.fromEntries(r.codes.map((c) => [c.code, c.samples.map((s) => `${s.file}:${s.line}`)]));

/** Per unknown code (lower-cased): its count. */
export const unknownOf = (r: Report): Record<string, number> =>
  Object.fromEntries(r.unknownCodes.map((u) => [u.code.toLowerCase(), u.count]));
