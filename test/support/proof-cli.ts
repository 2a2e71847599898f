import { runMain, type MainOptions } from './main.js';
export { tempDir } from './main.js';
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
 * environment (no CI redaction) and, when given, `stdin` fed chunk by chunk; with `engine: 'oracle'`, the
 * oracle's scan (src/scan.ts is mocked for the test file, see test/oracle/switch.ts).
 */
export async function runScan(args: readonly string[], opts: { cwd: string; stdin?: readonly Buffer[]; engine?: MainOptions['engine'] }): Promise<CliRun> {
  const r = await runMain(['scan', ...args, '--format', 'json', '--quiet', '--jobs', '1'], opts);
  return { ...r, report: r.out === '' ? undefined : (JSON.parse(r.out) as Report) };
}


/** Per catalog code: its count. */
export const countsOf = (r: Report): Record<string, number> => Object.fromEntries(r.codes.map((c) => [c.code, c.count]));

/**
 * Per catalog code: `file:line` of its samples, by file and line (which records are shown; the order they
 * are shown in, by time, is tested in evidence-order.test.ts).
 */
export const samplesOf = (r: Report): Record<string, string[]> =>
  Object.fromEntries(
    r.codes.map((c) => [c.code, [...c.samples].sort((a, b) => (a.file !== b.file ? (a.file < b.file ? -1 : 1) : a.line - b.line)).map((s) => `${s.file}:${s.line}`)]),
  );

/** Per unknown code (lower-cased): its count. */
export const unknownOf = (r: Report): Record<string, number> =>
  Object.fromEntries(r.unknownCodes.map((u) => [u.code.toLowerCase(), u.count]));
