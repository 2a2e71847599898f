import { randomUUID } from 'node:crypto';
import { appendFile, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Catalog } from '../catalog/catalog.js';
import { type Level } from '../catalog/types.js';
import { EXIT, VERSION, type Io } from '../io.js';
import { ScanError } from '../errors.js';
import { terminalText } from '../render/escape.js';
import { guardCommands, renderAnnotations } from '../render/github.js';
import { renderJson } from '../render/json.js';
import { renderJunit } from '../render/junit.js';
import { accountsCsvPieces } from '../render/accounts-csv.js';
import { accountListRow } from '../summary/account-list.js';
import { renderHtml } from '../render/html.js';
import { SUMMARY_LIMIT, commentReport, stepSummary } from '../render/summary.js';
import { parseBaseline } from '../summary/baseline.js';
import { activeCodes, finalizeReport, newAtOrAbove } from '../summary/finalize.js';
import type { ShardInfo } from '../input/shard.js';
import { partialToJson, type CountingSettings } from '../summary/partial-file.js';
import { buildReport, type Report } from '../summary/report.js';
import { parseSuppressions } from '../summary/suppress.js';
import type { Tally } from '../summary/tally.js';
import { levelRank } from '../catalog/types.js';
import { fsReason, writeAtomic } from '../write.js';

/** How the report is delivered: the options `scan` and `merge` share. */
export interface Delivery {
  readonly format: 'markdown' | 'json';
  readonly out: string | undefined;
  readonly failOn: 'none' | 'error' | 'warn' | 'info';
  readonly failOnNew: 'error' | 'warn' | 'info' | undefined;
  readonly baseline: string | undefined;
  readonly tolerance: number;
  readonly suppress: string | undefined;
  readonly redact: boolean;
  readonly github: boolean;
  readonly junit: string | undefined;
  /** `--accounts FILE`: every affected account per code, as CSV (src/render/accounts-csv.ts). */
  readonly accounts: string | undefined;
  readonly quiet: boolean;
  readonly partial: boolean;
}

/** Reads the delivery options; in CI (CI=true) redaction is on unless --no-redact. */
export function deliveryArgs(args: Record<string, unknown>, io: Io): Delivery {
  const env = io.env ?? {};
  const tolerance = args['tolerance'] === undefined ? 0.2 : parsePercent(String(args['tolerance']));
  const redact = args['redact'] === undefined ? env['CI'] === 'true' : args['redact'] === true;
  // Without a baseline nothing is new: the gate would silently never fire.
  if (args['failOnNew'] !== undefined && args['baseline'] === undefined) throw new ScanError('USAGE', '--fail-on-new needs --baseline (the earlier report to compare with)');
  return {
    format: args['format'] === 'json' ? 'json' : 'markdown',
    out: args['out'] as string | undefined,
    failOn: ((args['failOn'] as string | undefined) ?? 'none') as Delivery['failOn'],
    failOnNew: args['failOnNew'] as Delivery['failOnNew'],
    baseline: args['baseline'] as string | undefined,
    tolerance,
    suppress: args['suppress'] as string | undefined,
    redact,
    github: args['github'] === true || (args['github'] === undefined && env['GITHUB_ACTIONS'] === 'true'),
    junit: args['junit'] as string | undefined,
    accounts: args['accounts'] as string | undefined,
    quiet: args['quiet'] === true,
    partial: args['partial'] === true,
  };
}

/** A tolerance such as 20%, 20 or 0.2 (all ±20 %). */
function parsePercent(v: string): number {
  const m = /^\s*([0-9]+(?:\.[0-9]+)?)\s*(%?)\s*$/.exec(v);
  if (m === null) throw new ScanError('USAGE', `--tolerance: expected a percentage such as 20% or 0.2, got ${JSON.stringify(v)}`);
  const n = Number(m[1]);
  return m[2] === '%' || n > 1 ? n / 100 : n;
}

/** Everything the report is built from, besides the tally. */
export interface Source {
  readonly catalog: Catalog;
  readonly counting: CountingSettings;
  /** Real paths of the inputs: reports are never written over one of them. */
  readonly inputFiles: readonly string[];
  /** The shards a partial report holds (scan --shard, or merge --partial of sharded partials). */
  readonly shards?: readonly ShardInfo[];
}

/**
 * Builds, finalizes, renders and writes the report (or the partial tally), prints the summary and the
 * problems on stderr, and returns the exit code.
 */
export async function deliver(tally: Tally, src: Source, d: Delivery, io: Io): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  // The list is the scan's own: partial reports do not carry it, so `merge` has none to write.
  if (d.accounts !== undefined && tally.accountList === undefined) throw new ScanError('USAGE', '--accounts: only a scan lists every account (partial reports keep the top five per code); give --accounts to the scan');
  if (d.partial) {
    const text = JSON.stringify(partialToJson(tally, src.catalog, src.counting, VERSION, src.shards)) + '\n';
    // This scan's own list: the partial does not carry it (see README "The accounts file").
    if (d.accounts !== undefined && tally.accountList !== undefined) await safeWrite(path.resolve(cwd, d.accounts), accountsCsvPieces(tally.accountList, d.redact), src.inputFiles);
    if (d.out !== undefined) await safeWrite(path.resolve(cwd, d.out, 'partial.json'), text, src.inputFiles);
    else io.stdout(text);
    return tally.files.size > 0 && [...tally.files.values()].some((f) => f.status === 'error') ? EXIT.ERROR : EXIT.OK;
  }
  const baseline = d.baseline === undefined ? undefined : parseBaseline(await readText(d.baseline, cwd, 'baseline'), d.baseline);
  const suppressions = d.suppress === undefined ? undefined : parseSuppressions(await readText(d.suppress, cwd, 'suppressions file'), d.suppress);
  const report = finalizeReport(buildReport(tally, { catalog: src.catalog, version: VERSION, window: src.counting.window }), {
    catalog: src.catalog,
    options: {
      ...src.counting,
      failOn: d.failOn,
      failOnNew: d.failOnNew ?? null,
      baseline: d.baseline ?? null,
      tolerance: d.tolerance,
      suppress: d.suppress ?? null,
    },
    baseline: baseline === undefined ? undefined : { baseline, tolerance: d.tolerance },
    suppressions,
    now: Date.now(),
    redact: d.redact,
  });
  const list = d.accounts === undefined ? undefined : tally.accountList;
  if (list !== undefined) report['accountList'] = accountListRow(list, d.accounts!);

  // Printed or written, the markdown fits a GitHub comment; the HTML and JSON reports are whole.
  const markdown = commentReport(report, d.out === undefined ? 'Run with --out DIR for the whole report (report.html, report.json), or --format json.' : `The whole report is in ${path.join(d.out, 'report.html')} and ${path.join(d.out, 'report.json')}.`);
  // Each output is tried on its own: one that cannot be written is one line on stderr and exit 2, and the
  // others (and stdout) are still delivered.
  const failures: string[] = [];
  const attempt = async (write: () => Promise<void>): Promise<boolean> => {
    try {
      await write();
      return true;
    } catch (err) {
      if (!(err instanceof ScanError)) throw err;
      failures.push(err.message);
      return false;
    }
  };
  const wrote =
    d.out !== undefined &&
    (await attempt(async () => {
      const md = path.resolve(cwd, d.out!, 'report.md');
      const json = path.resolve(cwd, d.out!, 'report.json');
      const page = path.resolve(cwd, d.out!, 'report.html');
      // Every target is checked before any is written.
      for (const target of [md, json, page]) await checkTarget(target, src.inputFiles);
      await safeWrite(md, markdown, src.inputFiles);
      await safeWrite(json, renderJson(report), src.inputFiles);
      await safeWrite(page, renderHtml(report), src.inputFiles);
    }));
  if (list !== undefined) await attempt(() => safeWrite(path.resolve(cwd, d.accounts!), accountsCsvPieces(list, d.redact), src.inputFiles));
  if (d.junit !== undefined) {
    const level = (d.failOn === 'none' ? 'ERROR' : d.failOn.toUpperCase()) as Level;
    await attempt(() => safeWrite(path.resolve(cwd, d.junit!), renderJunit(report, src.catalog, level), src.inputFiles));
  }
  if (d.github) {
    const summaryFile = io.env?.['GITHUB_STEP_SUMMARY'];
    if (summaryFile !== undefined && summaryFile !== '') await attempt(() => appendSummary(summaryFile, cwd, stepSummary(report, SUMMARY_LIMIT, whereFull(d.out, wrote))));
    io.stdout(renderAnnotations(report));
  }
  if (d.out === undefined) {
    const text = d.format === 'json' ? renderJson(report) : markdown;
    // In a GitHub job no printed line may act as a workflow command.
    io.stdout(d.github ? guardCommands(text, randomUUID().replace(/-/g, '')) : text);
  }
  // Failures are errors, shown even with --quiet.
  for (const line of failures) io.stderr(`mxscan: ${terminalText(line)}\n`);
  if (!d.quiet) {
    for (const line of problems(report)) io.stderr(`mxscan: ${terminalText(line)}\n`);
    if (d.out !== undefined || io.stdoutIsTTY !== true) io.stderr(summaryLine(report, wrote ? d.out : undefined) + '\n');
  }
  return failures.length > 0 ? EXIT.ERROR : exitCode(report, d);
}

/** 2 when an input could not be read; 1 when a code at or above --fail-on (or new at --fail-on-new) was found. */
export function exitCode(r: Report, d: Pick<Delivery, 'failOn' | 'failOnNew'>): number {
  if (r.totals.unreadableFiles > 0) return EXIT.ERROR;
  if (d.failOn !== 'none') {
    const threshold = levelRank(d.failOn.toUpperCase() as Level);
    if (activeCodes(r).some((c) => levelRank(c.level) <= threshold)) return EXIT.FOUND;
  }
  if (d.failOnNew !== undefined && newAtOrAbove(r, d.failOnNew.toUpperCase() as Level)) return EXIT.FOUND;
  return EXIT.OK;
}

/** Where a trimmed job summary sends its reader for the whole report. */
function whereFull(out: string | undefined, wrote: boolean): string {
  // The printed report is trimmed to a comment's size: only --out has the whole of it.
  if (out === undefined) return 'The job log holds the report trimmed to a comment; --out DIR writes the whole report to files.';
  if (!wrote) return `The full report could not be written to ${out} (see the job log).`;
  return `The full report is in ${path.join(out, 'report.md')}, ${path.join(out, 'report.json')} and ${path.join(out, 'report.html')}.`;
}

function summaryLine(r: Report, out: string | undefined): string {
  const where = out === undefined ? '' : ` — wrote ${path.join(out, 'report.md')}, ${path.join(out, 'report.json')} and ${path.join(out, 'report.html')}`;
  const files = `${r.totals.files.toLocaleString('en-US')} file${r.totals.files === 1 ? '' : 's'}`;
  const records = `${r.totals.records.toLocaleString('en-US')} record${r.totals.records === 1 ? '' : 's'}`;
  return terminalText(`mxscan: ${r.verdict} (${records} in ${files})${where}`);
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

/** Appends the job summary to the file GitHub named (GITHUB_STEP_SUMMARY); a failure is one line. */
async function appendSummary(file: string, cwd: string, text: string): Promise<void> {
  try {
    await appendFile(path.resolve(cwd, file), text);
  } catch (err) {
    throw new ScanError('WRITE', `cannot write the job summary to ${file}: ${fsReason(err)}`);
  }
}

async function readText(file: string, cwd: string, what: string): Promise<string> {
  try {
    return await readFile(path.resolve(cwd, file), 'utf8');
  } catch (err) {
    throw new ScanError('USAGE', `cannot read ${what} ${file}: ${fsReason(err)}`);
  }
}

/** Refuses a report target that is one of the scanned inputs, or a directory. */
async function checkTarget(file: string, inputs: readonly string[]): Promise<void> {
  const target = await realpath(file).catch(() => file);
  if (inputs.includes(target)) throw new ScanError('USAGE', `refusing to write ${file}: it is one of the scanned inputs`);
  const st = await stat(file).catch(() => undefined);
  if (st?.isDirectory() === true) throw new ScanError('USAGE', `cannot write ${file}: it is a directory`);
}

/** Writes a report file atomically, after `checkTarget`; a failure is one line, never a stack trace. */
async function safeWrite(file: string, text: string | Iterable<string>, inputs: readonly string[]): Promise<void> {
  await checkTarget(file, inputs);
  try {
    await writeAtomic(file, text);
  } catch (err) {
    throw new ScanError('WRITE', `cannot write ${file}: ${fsReason(err)}`);
  }
}
