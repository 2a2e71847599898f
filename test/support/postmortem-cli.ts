/** Runs mxscan's main() in-process with buffered writers, as a CI job or a terminal would call it. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, runMain, tempDir, type MainOptions } from './main.js';
import type { CodeRow, Report } from '../../src/summary/report.js';

export { ROOT, tempDir };

export interface RunResult {
  code: number;
  out: string;
  err: string;
}

export interface RunOptions {
  env?: Record<string, string>;
  cwd?: string;
  stdin?: Buffer | string;
  engine?: MainOptions['engine'];
}

/** `mxscan <argv>` in-process; the environment is empty unless given (no CI, no GITHUB_ACTIONS). */
export function run(argv: string[], opts: RunOptions = {}): Promise<RunResult> {
  return runMain(argv, opts);
}

/** `mxscan scan <args> --format json --quiet`, with the report parsed. */
export async function scanJson(args: string[], opts: RunOptions = {}): Promise<RunResult & { report: Report }> {
  const r = await run(['scan', ...args, '--format', 'json', '--quiet'], opts);
  if (r.out === '') throw new Error(`no report on stdout (exit ${r.code}): ${r.err}`);
  return { ...r, report: JSON.parse(r.out) as Report };
}

/** `mxscan scan <args> --quiet` (markdown on stdout). */
export async function scanMarkdown(args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return run(['scan', ...args, '--quiet'], opts);
}

export function row(r: Report, code: string): CodeRow {
  const c = r.codes.find((x) => x.code === code);
  if (c === undefined) throw new Error(`${code} not in report (codes: ${r.codes.map((x) => x.code).join(', ')})`);
  return c;
}

/** [code, count] in report order. */
export const order = (r: Report): [string, number][] => r.codes.map((c) => [c.code, c.count]);

/** A markdown section: from its `## ` heading to the next one. */
export function section(markdown: string, heading: string): string {
  const lines = markdown.split('\n');
  const start = lines.indexOf(`## ${heading}`);
  if (start === -1) throw new Error(`no "## ${heading}" section; headings: ${lines.filter((l) => l.startsWith('## ')).join(' / ')}`);
  let end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  if (end === -1) end = lines.length;
  return lines.slice(start, end).join('\n');
}

/** The `## ` headings of a markdown report, in order. */
export const headings = (markdown: string): string[] =>
  markdown
    .split('\n')
    .filter((l) => l.startsWith('## '))
    .map((l) => l.slice(3));

/** tempLog(name, lines): writes a log into `dir` and returns its absolute path. */
export function logWriter(dir: string): (name: string, lines: string[]) => string {
  return (name, lines) => {
    const file = path.join(dir, name);
    writeFileSync(file, lines.join('\n') + '\n');
    return file;
  };
}

/** freshDir(): a new sub-directory of `dir` on each call. */
export function dirMaker(dir: string): () => string {
  let n = 0;
  return () => {
    const sub = path.join(dir, `d${++n}`);
    mkdirSync(sub, { recursive: true });
    return sub;
  };
}

/** A fresh temporary directory and a function that removes it. */
