import path from 'node:path';
import { loadCatalog } from '../catalog/read.js';
import { levelRank, type Level } from '../catalog/types.js';
import { EXIT, STDIN_ARG, VERSION, type Io } from '../cli.js';
import { ScanError } from '../errors.js';
import { timeFromValue } from '../extract/timestamp.js';
import type { FormatChoice } from '../input/detect.js';
import { terminalText } from '../render/escape.js';
import { renderJson } from '../render/json.js';
import { renderMarkdown } from '../render/markdown.js';
import { scan, type Engine } from '../scan.js';
import { buildReport, type Report } from '../summary/report.js';
import { parseDuration, type TimeWindow } from '../summary/window.js';
import { writeAtomic } from '../write.js';
import { catalogArgs } from './catalog.js';

/** `mxscan scan`: scan, build the report, print or write it, and decide the exit code. */
export async function runScan(args: Record<string, unknown>, io: Io): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const { files, builtin } = catalogArgs(args);
  const catalog = await loadCatalog(files, builtin, cwd);
  const inputs = ((args['inputs'] as string[] | undefined) ?? []).map((a) => (a === STDIN_ARG ? '-' : a));
  if (inputs.length === 0) throw new ScanError('USAGE', 'give at least one input: a file, directory, glob, or - for stdin');
  const window = parseWindow(args);
  const out = args['out'] as string | undefined;

  const tally = await scan({
    inputs,
    cwd,
    catalog,
    inputFormat: args['inputFormat'] as FormatChoice,
    fields: { codeField: args['codeField'] as string | undefined, timeField: args['timeField'] as string | undefined },
    window,
    maxLineLength: parseSize(args['maxLineLength'] as string | undefined),
    exclude: (args['exclude'] as string[] | undefined) ?? [],
    stdin: io.stdin,
    engine: args['engine'] as Engine,
    ...(args['jobs'] !== undefined ? { jobs: parseJobs(args['jobs']) } : {}),
  });
  const report = buildReport(tally, { catalog, version: VERSION, window });

  if (out !== undefined) {
    const md = path.resolve(cwd, out, 'report.md');
    const json = path.resolve(cwd, out, 'report.json');
    await writeAtomic(md, renderMarkdown(report));
    await writeAtomic(json, renderJson(report));
  } else {
    io.stdout(args['format'] === 'json' ? renderJson(report) : renderMarkdown(report));
  }

  const quiet = args['quiet'] === true;
  if (!quiet) {
    for (const line of problems(report)) io.stderr(`mxscan: ${terminalText(line)}\n`);
    if (out !== undefined || io.stdoutIsTTY !== true) io.stderr(summaryLine(report, out) + '\n');
  }
  return exitCode(report, args['failOn'] as string);
}

/** 2 when an input could not be read; 1 when a code at or above --fail-on was found; else 0. */
export function exitCode(report: Report, failOn: string): number {
  if (report.totals.unreadableFiles > 0) return EXIT.ERROR;
  if (failOn === 'none' || failOn === undefined) return EXIT.OK;
  const threshold = levelRank(failOn.toUpperCase() as Level);
  return report.codes.some((c) => levelRank(c.level) <= threshold) ? EXIT.FOUND : EXIT.OK;
}

function summaryLine(r: Report, out: string | undefined): string {
  const where = out === undefined ? '' : ` — wrote ${path.join(out, 'report.md')} and ${path.join(out, 'report.json')}`;
  return `mxscan: ${r.verdict} (${r.totals.records.toLocaleString('en-US')} records in ${r.totals.files} files)${where}`;
}

/** One line per input that could not be read, was skipped, or had records skipped. */
function problems(r: Report): string[] {
  const lines: string[] = [];
  for (const f of r.files) {
    if (f.status === 'error') lines.push(`cannot read ${f.path}: ${f.message ?? 'unknown error'}`);
    else if (f.status === 'binary') lines.push(`skipped ${f.path}: ${f.message ?? 'binary'}`);
    if (f.skippedLines > 0) lines.push(`${f.path}: ${f.skippedLines} over-long line${f.skippedLines === 1 ? '' : 's'} skipped (see --max-line-length)`);
    if (f.malformedRecords > 0) lines.push(`${f.path}: ${f.malformedRecords} malformed record${f.malformedRecords === 1 ? '' : 's'} read as plain text`);
  }
  return lines;
}

function parseTime(value: string, flag: string): number {
  const t = timeFromValue(value);
  if (t === null) throw new ScanError('USAGE', `--${flag}: not an ISO-8601 time: ${JSON.stringify(value)}`);
  return t;
}

/** --since/--until, or --around with --window. */
export function parseWindow(args: Record<string, unknown>): TimeWindow | null {
  const since = args['since'] as string | undefined;
  const until = args['until'] as string | undefined;
  const around = args['around'] as string | undefined;
  const width = args['window'] as string | undefined;
  if (around !== undefined || width !== undefined) {
    if (around === undefined || width === undefined) throw new ScanError('USAGE', '--around and --window go together');
    if (since !== undefined || until !== undefined) throw new ScanError('USAGE', '--around/--window cannot be combined with --since/--until');
    const half = parseDuration(width);
    if (half === null) throw new ScanError('USAGE', `--window: not a duration (like 30m, 2h, 1d): ${JSON.stringify(width)}`);
    const t = parseTime(around, 'around');
    return { since: t - half, until: t + half };
  }
  if (since === undefined && until === undefined) return null;
  const w = { since: since === undefined ? null : parseTime(since, 'since'), until: until === undefined ? null : parseTime(until, 'until') };
  if (w.since !== null && w.until !== null && w.since >= w.until) throw new ScanError('USAGE', '--since must be before --until');
  return w;
}

function parseJobs(value: unknown): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new ScanError('USAGE', `--jobs: expected a whole number from 1 to 256, got ${JSON.stringify(value)}`);
  return n;
}

/** A byte size such as 65536, 64K, 16M, 1G. */
export function parseSize(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = /^([0-9]+)\s*([kmg]i?b?)?$/i.exec(value.trim());
  if (m === null || Number(m[1]) <= 0) throw new ScanError('USAGE', `--max-line-length: not a size (like 65536, 64K, 16M): ${JSON.stringify(value)}`);
  const unit = (m[2] ?? '').toLowerCase()[0];
  return Number(m[1]) * (unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1);
}
