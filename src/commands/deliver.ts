import { existsSync } from 'node:fs';
import { appendFile, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Catalog } from '../catalog/catalog.js';
import { EXIT, inCi, VERSION, withoutBom, type Io } from '../io.js';
import { ScanError } from '../errors.js';
import { code, terminalText } from '../render/escape.js';
import { incompleteAnnotation, renderAnnotations } from '../render/github.js';
import { incompleteReasons } from '../summary/completeness.js';
import { STDIN_PATH } from '../input/open.js';
import { renderJsonPieces } from '../render/json.js';
import { renderJunit } from '../render/junit.js';
import { accountsCsvPieces } from '../render/accounts-csv.js';
import { accountListRow } from '../summary/account-list.js';
import { renderHtml } from '../render/html.js';
import { dateOrderDoubt, delimiterDoubt, noteText, nulNote, num, plural } from '../render/format.js';
import { SUMMARY_LIMIT, commentReport, stepSummary } from '../render/summary.js';
import { parseBaseline } from '../summary/baseline.js';
import { finalizeReport, maskedFile } from '../summary/finalize.js';
import { redactText } from '../extract/redact.js';
import { decideGate, parseFailLevel, type FailOn, type FailOnNew, type Gate } from '../summary/gate.js';
import type { ShardInfo } from '../input/shard.js';
import { partialToJson, type CountingSettings } from '../summary/partial-file.js';
import { buildReport, fileRow, type Report } from '../summary/report.js';
import { parseSuppressions } from '../summary/suppress.js';
import type { Tally } from '../summary/tally.js';
import type { InputNote } from '../summary/report-shape.js';
import { inputNotes, timesMissing } from '../summary/untimed.js';
import { fsReason } from '../write.js';
import { outputArgs, terminalReport, writeOutputs, type OutputArgs } from './outputs.js';
import { checkTarget, safeWrite, type InputsOfSize } from './targets.js';
import { codesNotInCatalog } from './known-codes.js';

/** How the report is delivered: the options `scan` and `merge` share. */
export interface Delivery {
  readonly format: 'markdown' | 'json';
  readonly out: string | undefined;
  readonly failOn: FailOn;
  readonly failOnNew: FailOnNew | undefined;
  readonly baseline: string | undefined;
  readonly tolerance: number;
  /** --tolerance as typed (`30%`), shown in the report beside the resolved fraction. */
  readonly toleranceTyped?: string;
  readonly suppress: string | undefined;
  readonly redact: boolean;
  readonly github: boolean;
  readonly junit: string | undefined;
  /** `--accounts FILE`: every affected account per code, as CSV (src/render/accounts-csv.ts). */
  readonly accounts: string | undefined;
  readonly quiet: boolean;
  readonly partial: boolean;
  /** -o FILE, the format of stdout, color. */
  readonly outputs: OutputArgs;
}

/** Reads the delivery options; in CI (see inCi) redaction is on unless --no-redact. */
export function deliveryArgs(args: Record<string, unknown>, io: Io): Delivery {
  const env = io.env ?? {};
  const tolerance = args['tolerance'] === undefined ? 0.2 : parsePercent(String(args['tolerance']));
  const redact = args['redact'] === undefined ? inCi(env) : args['redact'] === true;
  // Without a baseline nothing is new: the gate would silently never fire.
  if (args['failOnNew'] !== undefined && args['baseline'] === undefined) throw new ScanError('USAGE', '--fail-on-new needs --baseline (the earlier report to compare with)');
  // A lone `-` would make a file or directory named `-` where stdout was meant: only -o takes it.
  for (const flag of ['out', 'junit', 'accounts'] as const) {
    if (args[flag] === '-') throw new ScanError('USAGE', `--${flag} -: give a ${flag === 'out' ? 'directory' : 'file'} name (the report goes to stdout with -o -)`);
  }
  return {
    format: args['format'] === 'json' ? 'json' : 'markdown',
    out: args['out'] as string | undefined,
    failOn: failLevel(args['failOn'], 'fail-on') ?? 'none',
    failOnNew: failLevel(args['failOnNew'], 'fail-on-new', false) as FailOnNew | undefined,
    baseline: args['baseline'] as string | undefined,
    tolerance,
    ...(args['tolerance'] !== undefined ? { toleranceTyped: String(args['tolerance']).trim() } : {}),
    suppress: args['suppress'] as string | undefined,
    redact,
    github: args['github'] === true || (args['github'] === undefined && env['GITHUB_ACTIONS'] === 'true'),
    junit: args['junit'] as string | undefined,
    accounts: args['accounts'] as string | undefined,
    quiet: args['quiet'] === true,
    partial: args['partial'] === true,
    outputs: outputArgs(args, io),
  };
}

/** A level for --fail-on (none too) or --fail-on-new, in any case, `warning` as `warn`. */
function failLevel(value: unknown, flag: string, none = true): FailOn | undefined {
  if (value === undefined) return undefined;
  const level = parseFailLevel(String(value));
  if (level === undefined || (level === 'none' && !none)) {
    throw new ScanError('USAGE', `invalid value for --${flag}: ${JSON.stringify(String(value))} (choices: ${none ? 'none, ' : ''}error, warn, info; any case)`);
  }
  return level;
}

/** `options.typed` of the report: what was typed for options the report also holds resolved (none: nothing). */
function typedOptions(typed: Readonly<Record<string, string>> | undefined, tolerance: string | undefined): { typed?: Record<string, string> } {
  const all = { ...typed, ...(tolerance !== undefined ? { tolerance } : {}) };
  return Object.keys(all).length > 0 ? { typed: all } : {};
}

/** A tolerance such as 20%, 20 or 0.2 (all ±20 %): a bare number below 1 is a fraction, above it a percentage; 1 alone is either, and refused. */
function parsePercent(v: string): number {
  const m = /^\s*([0-9]+(?:\.[0-9]+)?)\s*(%?)\s*$/.exec(v);
  if (m === null) throw new ScanError('USAGE', `--tolerance: expected a percentage such as 20% or 0.2, got ${JSON.stringify(v)}`);
  const n = Number(m[1]);
  if (m[2] === '' && n === 1) throw new ScanError('USAGE', `--tolerance: ${JSON.stringify(v.trim())} could be 1% or 100%: write which, with %`);
  return m[2] === '%' || n > 1 ? n / 100 : n;
}

/** Everything the report is built from, besides the tally. */
export interface Source {
  readonly catalog: Catalog;
  readonly counting: CountingSettings;
  /** Real paths of the inputs of a size (see checkTarget): reports are never written over one of them. */
  readonly inputFiles: InputsOfSize;
  /** The shards a partial report holds (scan --shard, or merge --partial of sharded partials). */
  readonly shards?: readonly ShardInfo[];
  /** A merge's: its files were read by the scans of its partials, maybe elsewhere (see workspacePath). */
  readonly merged?: boolean;
  /** Options as the user typed them (a window as ISO times), shown in the report over the resolved ones. */
  readonly shown?: Readonly<Record<string, unknown>>;
  /** Sizes and percentages as typed (`maxLineLength: '64k'`): the report keeps the resolved number and shows these. */
  readonly typed?: Readonly<Record<string, string>>;
  /** What the scan found out about inputs by reading them again (see commands/input-notes.ts). */
  readonly notes?: readonly InputNote[];
}

/** Whether the report goes to stdout: when no file or directory is named for it, or `-o -` names stdout. */
const toStdout = (d: Delivery): boolean => (d.out === undefined && d.outputs.output.length === 0) || d.outputs.toStdout;

/**
 * Builds, finalizes, renders and writes the report (or the partial tally), prints the summary and the
 * problems on stderr, and returns the exit code.
 */
export async function deliver(tally: Tally, src: Source, d: Delivery, io: Io): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  // The list is the scan's own: partial reports do not carry it, so `merge` has none to write.
  if (d.accounts !== undefined && tally.accountList === undefined) throw new ScanError('USAGE', '--accounts: only a scan lists every account (partial reports keep the accounts of each code and their counts, not the list with times); give --accounts to the scan');
  if (d.partial) {
    const text = JSON.stringify(partialToJson(tally, src.catalog, src.counting, VERSION, src.shards, src.notes, { ...(src.shown !== undefined ? { options: src.shown } : {}), ...(src.typed !== undefined ? { typed: src.typed } : {}) })) + '\n';
    // This scan's own list: the partial does not carry it (see README "The accounts file").
    if (d.accounts !== undefined && tally.accountList !== undefined) await safeWrite(path.resolve(cwd, d.accounts), accountsCsvPieces(tally.accountList, d.redact), src.inputFiles);
    if (d.out !== undefined) await safeWrite(path.resolve(cwd, d.out, PARTIAL_FILE), text, src.inputFiles);
    for (const o of d.outputs.output) await safeWrite(path.resolve(cwd, o.file), text, src.inputFiles);
    if (toStdout(d)) io.stdout(text);
    const notes = inputNotes([...tally.files.values()], src.counting.window !== null, src.notes);
    // An input that could not be read, a binary one skipped: one line each, as a scan's report has them (a
    // shard's CI log says why it failed, not only the merge after it).
    const files = [...tally.files.values()].map(fileRow).map((f) => (d.redact ? maskedFile(f) : f));
    const lines = [...problems({ files }), ...notes.map((n) => (d.redact ? redactText(noteText(n)) : noteText(n)))];
    if (!d.quiet) for (const line of lines) io.stderr(`mxscan: ${terminalText(line)}\n`);
    const unread = [...tally.files.values()].some((f) => f.status === 'error');
    return unread || timesMissing({ inputNotes: notes }) ? EXIT.ERROR : EXIT.OK;
  }
  const baseline = d.baseline === undefined ? undefined : parseBaseline(await readText(d.baseline, cwd, 'baseline'), d.baseline);
  const suppressions = d.suppress === undefined ? undefined : parseSuppressions(await readText(d.suppress, cwd, 'suppressions file'), d.suppress);
  if (!d.quiet) for (const line of codesNotInCatalog(src.catalog, suppressions, d.suppress, baseline)) io.stderr(`mxscan: ${terminalText(line)}\n`);
  const report = finalizeReport(buildReport(tally, { catalog: src.catalog, version: VERSION, window: src.counting.window, ...(src.notes !== undefined ? { notes: src.notes } : {}) }), {
    catalog: src.catalog,
    options: {
      ...src.counting,
      ...src.shown,
      failOn: d.failOn,
      failOnNew: d.failOnNew ?? null,
      baseline: d.baseline ?? null,
      tolerance: d.tolerance,
      suppress: d.suppress ?? null,
      ...typedOptions(src.typed, d.toleranceTyped),
    },
    baseline: baseline === undefined ? undefined : { baseline, tolerance: d.tolerance },
    suppressions,
    now: Date.now(),
    redact: d.redact,
    redactCut: d.redact && !src.counting.redact,
  });
  const list = d.accounts === undefined ? undefined : tally.accountList;

  const gate = decideGate(report, { failOn: d.failOn, failOnNew: d.failOnNew });
  // Printed or written, the markdown fits a GitHub comment; the HTML and JSON reports are whole.
  // Rendered only when some output takes it (not for --format json alone).
  let markdownText: string | undefined;
  const markdown = (): string =>
    (markdownText ??= commentReport(report, d.out === undefined ? 'Run with --out DIR for the whole report (report.html, report.json), or --format json.' : `The whole report is in ${path.join(d.out, 'report.html')} and ${path.join(d.out, 'report.json')}.`));
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
  // The accounts file first: the reports name it only when it was written.
  if (list !== undefined && (await attempt(() => safeWrite(path.resolve(cwd, d.accounts!), accountsCsvPieces(list, d.redact), src.inputFiles)))) report['accountList'] = accountListRow(list, d.accounts!);
  const wrote =
    d.out !== undefined &&
    (await attempt(async () => {
      const [md, json, page] = OUT_FILES.map((f) => path.resolve(cwd, d.out!, f)) as [string, string, string];
      // Every target is checked before any is written.
      for (const target of [md, json, page]) await checkTarget(target, src.inputFiles);
      await safeWrite(md, markdown(), src.inputFiles);
      await safeWrite(json, renderJsonPieces(report), src.inputFiles);
      await safeWrite(page, renderHtml(report), src.inputFiles);
    }));
  const junit = (): string => renderJunit(report, src.catalog, gate);
  if (d.junit !== undefined) await attempt(() => safeWrite(path.resolve(cwd, d.junit!), junit(), src.inputFiles));
  const written = await writeOutputs(d.outputs, { markdown, json: () => renderJsonPieces(report), html: () => renderHtml(report), junit }, cwd, src.inputFiles);
  failures.push(...written.failures);
  if (d.github) {
    const summaryFile = io.env?.['GITHUB_STEP_SUMMARY'];
    // GitHub's limit is the step's: what earlier commands of the step wrote there counts too.
    if (summaryFile !== undefined && summaryFile !== '') await attempt(async () => appendSummary(summaryFile, cwd, jobSummary(report, gate, whereFull(d.out, wrote, written.written), await sizeOf(path.resolve(cwd, summaryFile)))));
    // Annotations go to stderr, which the runner reads too: stdout holds only the report.
    io.stderr(renderAnnotations(report, gate, workspacePath(cwd, io.env?.['GITHUB_WORKSPACE'], src.merged !== true)) + incompleteAnnotation(incompleteReasons(report)));
  }
  if (toStdout(d)) {
    // JSON goes out in pieces (no string of the whole report); it never reads as a workflow command.
    if (d.outputs.stdoutFormat !== 'terminal' && d.format === 'json') for (const piece of renderJsonPieces(report)) io.stdout(piece);
    const text = d.outputs.stdoutFormat === 'terminal' ? terminalReport(report, d.outputs, io) : d.format === 'json' ? '' : markdown();
    // In a GitHub job a report with a line the runner would read as a workflow command is wrapped in
    // ::stop-commands:: (commands/runner-io.ts; JSON never has one: each of its lines starts with a bracket
    // or a quote).
    if (text !== '') io.stdout(text);
  }
  // Failures are errors, shown even with --quiet.
  for (const line of failures) io.stderr(`mxscan: ${terminalText(line)}\n`);
  if (!d.quiet) {
    for (const line of problems(report)) io.stderr(`mxscan: ${terminalText(line)}\n`);
    if (d.out !== undefined || d.outputs.output.length > 0 || io.stdoutIsTTY !== true) io.stderr(summaryLine(report, wrote ? d.out : undefined, written.written) + '\n');
  }
  const code = failures.length > 0 ? EXIT.ERROR : gate.exitCode;
  // Why the run failed, like a linter's "N problems", after the summary line; also when an input that could
  // not be read made it exit 2 (the codes would fail it once the input is read).
  if (code !== EXIT.OK && !d.quiet) for (const line of gate.reasons) io.stderr(`mxscan: ${terminalText(line)}\n`);
  return code;
}

/**
 * The job summary: why the run failed (when it did), then the report, trimmed to the room the step's
 * summary file (`used` bytes already) has left under SUMMARY_LIMIT; with less than 2 KiB left, the head and
 * one line saying so, when they fit under GitHub's own limit, else nothing (past it GitHub drops the step's
 * whole summary).
 */
function jobSummary(report: Report, gate: Gate, fullReport: string, used: number): string {
  // Each line names inputs (a file's name, a partial's words): code spans, as every log text in markdown.
  const spans = (lines: readonly string[]): string => lines.map((l) => code(l, false)).join('; ');
  const incomplete = incompleteReasons(report);
  // An incomplete scan (an input unreadable, exit 2; or binary, lines skipped: exit 0): what could not be
  // read comes first, as the ::error annotation says, and as why the run failed does for exit 1.
  const head =
    gate.exitCode === EXIT.FOUND
      ? `> **mxscan failed this run.** ${spans(gate.reasons)}\n\n`
      : incomplete.length > 0
        ? `> **mxscan could not read all it was given.** ${spans(incomplete.slice(0, LISTED_PROBLEMS))}${incomplete.length > LISTED_PROBLEMS ? ` and ${num(incomplete.length - LISTED_PROBLEMS)} more` : ''}${gate.reasons.length > 0 ? `; also ${spans(gate.reasons)}` : ''}\n\n`
        : '';
  const room = SUMMARY_LIMIT - used;
  if (room - Buffer.byteLength(head) >= 2048) return head + stepSummary(report, room - Buffer.byteLength(head), fullReport);
  const note = `${head}> The report did not fit in this step's job summary (GitHub's 1 MiB). ${fullReport}\n`;
  return used + Buffer.byteLength(note) <= GITHUB_SUMMARY_LIMIT ? note : '';
}

/** GitHub's limit for a step's job summary: past it, GitHub drops all of it. */
const GITHUB_SUMMARY_LIMIT = 1024 * 1024;

/** Problems named at the top of a job summary (the report lists them all). */
const LISTED_PROBLEMS = 5;

/**
 * A sample's file as GitHub names it in an annotation: relative to the repository's checkout
 * (GITHUB_WORKSPACE), so that a step run in a subdirectory (`working-directory:`) still points at the file;
 * as shown when it lies outside the checkout or no workspace is set; none for standard input, nor, in a
 * scan (`here`), for a name no file has here (`--label`'s, a name masked by --redact): an annotation points
 * at a file that exists. A merge's files were read where its partials were made: named as they are.
 */
function workspacePath(cwd: string, workspace: string | undefined, here: boolean): (file: string) => string | undefined {
  const exists = new Map<string, boolean>();
  return (file) => {
    if (file === STDIN_PATH) return undefined;
    const abs = path.resolve(cwd, file);
    if (here && !(exists.get(abs) ?? exists.set(abs, existsSync(abs)).get(abs)!)) return undefined;
    if (workspace === undefined || workspace === '') return file;
    const rel = path.relative(workspace, abs);
    return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? file : rel.split(path.sep).join('/');
  };
}

/** The file `--out DIR` writes with --partial. */
export const PARTIAL_FILE = 'partial.json';

/** The files `--out DIR` writes, in that order. */
export const OUT_FILES = ['report.md', 'report.json', 'report.html'] as const;

/** Every file this run writes its reports to (`--out`, `-o`, `--junit`, `--accounts`), as given (not `-`). */
export function outputFiles(d: Pick<Delivery, 'out' | 'outputs' | 'junit' | 'accounts' | 'partial'>): string[] {
  return [
    ...(d.out === undefined ? [] : d.partial ? [path.join(d.out, PARTIAL_FILE)] : OUT_FILES.map((f) => path.join(d.out!, f))),
    ...d.outputs.output.map((o) => o.file).filter((f) => f !== '-'),
    ...(d.junit === undefined ? [] : [d.junit]),
    ...(d.accounts === undefined ? [] : [d.accounts]),
  ];
}

/** Where a trimmed job summary sends its reader for the whole report. */
function whereFull(out: string | undefined, wrote: boolean, files: readonly string[]): string {
  if (out === undefined && files.length > 0) return `The full report is in ${files.join(' and ')}.`;
  // The printed report is trimmed to a comment's size: only --out has the whole of it.
  if (out === undefined) return 'The job log holds the report trimmed to a comment; --out DIR writes the whole report to files.';
  if (!wrote) return `The full report could not be written to ${out} (see the job log).`;
  const [md, json, page] = OUT_FILES.map((f) => path.join(out, f));
  return `The full report is in ${md}, ${json} and ${page}.`;
}

function summaryLine(r: Report, out: string | undefined, written: readonly string[] = []): string {
  const wrote = [...(out === undefined ? [] : OUT_FILES.map((f) => path.join(out, f))), ...written];
  const where = wrote.length === 0 ? '' : ` — wrote ${wrote.slice(0, -1).join(', ')}${wrote.length > 1 ? ' and ' : ''}${wrote.at(-1)}`;
  return terminalText(`mxscan: ${r.verdict} (${plural(r.totals.records, 'record')} in ${plural(r.totals.files, 'file')})${where}`);
}

/** One line per input that could not be read, was skipped, or had records skipped. */
function problems(r: Pick<Report, 'files'> & { readonly inputNotes?: Report['inputNotes'] }): string[] {
  const lines: string[] = [];
  for (const f of r.files) {
    if (f.status === 'error') lines.push(`cannot read ${f.path}: ${f.message ?? 'unknown error'}`);
    else if (f.status === 'binary') lines.push(`skipped ${f.path}: ${f.message ?? 'binary'}`);
    if (f.skippedLines > 0) lines.push(`${f.path}: ${f.skippedLines} over-long line${f.skippedLines === 1 ? '' : 's'} skipped (see --max-line-length)`);
    if (f.nulBytes !== undefined && f.nulBytes > 0) lines.push(`${f.path}: ${nulNote(f.nulBytes)}`);
    const doubt = delimiterDoubt(f);
    if (doubt !== undefined) lines.push(`${f.path}: ${doubt}`);
    else if (f.malformedRecords > 0) lines.push(`${f.path}: ${f.malformedRecords} malformed record${f.malformedRecords === 1 ? '' : 's'} read as plain text`);
    const order = dateOrderDoubt(f);
    if (order !== undefined) lines.push(`${f.path}: ${order}`);
  }
  for (const n of r.inputNotes ?? []) lines.push(noteText(n));
  return lines;
}

/** The size of a file (0 when there is none yet). */
async function sizeOf(file: string): Promise<number> {
  return stat(file).then((st) => st.size, () => 0);
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
    return withoutBom(await readFile(path.resolve(cwd, file), 'utf8'));
  } catch (err) {
    throw new ScanError('USAGE', `cannot read ${what} ${file}: ${fsReason(err)}`);
  }
}
