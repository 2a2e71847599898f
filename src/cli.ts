import { statSync } from 'node:fs';
import path from 'node:path';
import yargs, { type Argv } from 'yargs';
import { asksForHelp } from './argv.js';
import { ScanError } from './errors.js';
import { EXIT, STDIN_ARG, VERSION, type Io } from './io.js';
import { terminalText } from './render/escape.js';
import { forRunner } from './commands/runner-io.js';
import { runCatalog, runExplain } from './commands/catalog.js';
import { runConfig } from './commands/config.js';
import { KEYS_OF, loadConfig, withDefaults } from './commands/config-file.js';
import { legacyOutDir } from './commands/legacy-out.js';
import { runMerge } from './commands/merge.js';
import { runScan } from './commands/scan.js';
import { examplesText, shortHelp, usageMessage } from './commands/usage.js';
import { DEFAULT_MAX_LINE_LENGTH } from './scan.js';
import { RECORDS_PATHS } from './input/json-records.js';
import { parseFailLevel } from './summary/gate.js';

export { EXIT, STDIN_ARG, VERSION, type Io };

const LEVEL_CHOICES = ['none', 'error', 'warn', 'info'] as const;
const G = { input: 'Input:', window: 'Time window:', report: 'Report:', ci: 'CI:', perf: 'Performance:', catalog: 'Catalog:' } as const;
/** A level in any case, `warning` as `warn`; anything else is left for the choices to refuse. */
const level = (v: unknown): string => parseFailLevel(String(lastOf(v))) ?? String(lastOf(v));
/** An option of one value given more than once is the last one given (as getopt's tools and ripgrep have it). */
const lastOf = (v: unknown): unknown => (Array.isArray(v) ? v.at(-1) : v);

function catalogOptions<T>(y: Argv<T>) {
  return y
    .option('catalog', { type: 'string', array: true, nargs: 1, requiresArg: true, group: G.catalog, describe: 'Custom catalog (JSON array of entries); repeatable. Same code replaces the built-in entry.' })
    .option('builtin-catalog', { type: 'boolean', group: G.catalog, defaultDescription: 'true', describe: 'Use the built-in catalog (--no-builtin-catalog drops it)' })
    .option('config', { type: 'string', requiresArg: true, describe: `Configuration file (default: mxscan.config.json or .mxscanrc.json here)` });
}

/** Options of the report itself: `scan` and `merge` share them. */
function deliveryOptions<T>(y: Argv<T>) {
  return y
    .option('format', { alias: 'f', choices: ['markdown', 'json'] as const, group: G.report, defaultDescription: 'a summary on a terminal, else markdown', describe: 'Report format on stdout (and of -o FILE without a known extension)' })
    .option('output', { alias: 'o', type: 'string', array: true, nargs: 1, requiresArg: true, group: G.report, describe: 'Write the report to FILE, format from the extension: .md, .json, .html, .xml (JUnit); repeatable' })
    .option('out', { type: 'string', requiresArg: true, group: G.report, describe: 'Write DIR/report.md, DIR/report.json and DIR/report.html instead of printing' })
    .option('color', {
      choices: ['auto', 'always', 'never'] as const,
      // `--no-color` and a bare `--color`, as eslint, npm and chalk take them.
      coerce: (given: unknown) => {
        const v = lastOf(given);
        return v === false || v === 'false' ? 'never' : v === true || v === '' || v === 'true' ? 'always' : v;
      },
      group: G.report,
      defaultDescription: 'auto',
      describe: 'Color the terminal summary (auto: on a terminal, or as FORCE_COLOR says; --no-color, --color); never when NO_COLOR is set',
    })
    .option('redact', { type: 'boolean', group: G.report, describe: 'Mask e-mails, IPs, tokens and secrets in the report (default: on in CI)' })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, group: G.report, describe: 'No summary or warnings on stderr' })
    .option('fail-on', { choices: LEVEL_CHOICES, coerce: level, group: G.ci, defaultDescription: 'none', describe: 'Exit 1 when a code at or above this level is found (any case; warning = warn)' })
    .option('baseline', { type: 'string', requiresArg: true, group: G.ci, describe: 'JSON report of an earlier scan to compare with' })
    .option('tolerance', { type: 'string', requiresArg: true, group: G.ci, describe: 'Rate change per 10,000 records still "unchanged" (default 20%)' })
    .option('fail-on-new', { choices: ['error', 'warn', 'info'] as const, coerce: level, group: G.ci, describe: 'Exit 1 when a code at or above this level is new or increased against --baseline (needs --baseline)' })
    .option('suppress', { type: 'string', requiresArg: true, group: G.ci, describe: 'JSON list of { code, reason, expires }: known noise, kept out of --fail-on' })
    .option('github', { type: 'boolean', group: G.ci, describe: 'GitHub Actions output: job summary and annotations (default: when GITHUB_ACTIONS=true)' })
    .option('junit', { type: 'string', requiresArg: true, group: G.ci, describe: 'Also write a JUnit XML report to FILE' })
    .option('accounts', { type: 'string', requiresArg: true, group: G.report, describe: 'Also write every affected account per code to FILE (CSV)' })
    .option('partial', { type: 'boolean', default: false, group: G.perf, describe: 'Write a partial report (for mxscan merge) instead of the report' });
}

function scanOptions<T>(y: Argv<T>) {
  // Groups are listed in the order they are first used: input, time window, report, CI, performance.
  const first = y
    .usage(`Usage: mxscan scan [inputs..] [options]\n\nScan files, directories, globs or - (stdin) and write the report.\n\nExamples:\n${examplesText()}`)
    .positional('inputs', { type: 'string', array: true, describe: 'Files, directories, globs (quoted), - for stdin' })
    .option('input-format', { choices: ['auto', 'text', 'jsonl', 'csv', 'json', 'yaml'] as const, default: 'auto' as const, group: G.input, describe: 'Read every input as this format' })
    .option('code-field', { type: 'string', requiresArg: true, group: G.input, describe: 'Field holding the code in structured records (dotted path or CSV header)' })
    .option('time-field', { type: 'string', requiresArg: true, group: G.input, describe: 'Field holding the time in structured records' })
    .option('delimiter', { type: 'string', requiresArg: true, group: G.input, defaultDescription: 'from the header', describe: 'CSV field delimiter: , ; | or tab (tab for .tsv files)' })
    .option('tz', { type: 'string', requiresArg: true, group: G.input, defaultDescription: 'UTC', describe: 'Time zone of times written without one: an IANA name such as Europe/Berlin, or UTC' })
    .option('date-order', { choices: ['mdy', 'dmy'] as const, group: G.input, defaultDescription: 'mdy for 4/7/2026, dmy for 07.04.2026', describe: 'Order of day and month in numeric dates' })
    .option('year', { type: 'string', requiresArg: true, group: G.input, defaultDescription: "the file's modification year (the year before for a later month)", describe: "Year of times written without one (syslog: Apr  7 09:14:02); YYYY-MM: the month the log ends in, a later month the year before (a log across a year's turn)" })
    .option('time-format', { type: 'string', requiresArg: true, group: G.input, describe: 'strftime pattern of times in another form, e.g. "%d/%m/%Y %H:%M:%S" (%Y %m %d %H %M %S %f %p %b %z %s …)' })
    .option('records', { type: 'string', requiresArg: true, group: G.input, describe: `Dotted path of the records array in a wrapped JSON export (default: ${RECORDS_PATHS.join(', ')})` })
    .option('exclude', { type: 'string', array: true, nargs: 1, requiresArg: true, group: G.input, describe: 'Glob of files to leave out of directory walks; repeatable' })
    .option('max-line-length', { type: 'string', requiresArg: true, group: G.input, defaultDescription: `${DEFAULT_MAX_LINE_LENGTH / 1024 ** 2}M`, describe: 'Longest record held whole (JSON line, CSV record, JSON element), e.g. 64M; longer ones are skipped and counted. Plain text is scanned at any line length' })
    .option('since', { type: 'string', requiresArg: true, group: G.window, describe: 'Keep records at or after this time: ISO-8601, or a duration back from now (2h, 30m, 1d)' })
    .option('until', { type: 'string', requiresArg: true, group: G.window, describe: 'Keep records before this time: ISO-8601, or a duration back from now' })
    .option('around', { type: 'string', requiresArg: true, group: G.window, describe: 'Centre of the incident window (ISO-8601 or a duration back from now)' })
    .option('window', { type: 'string', requiresArg: true, group: G.window, defaultDescription: '30m', describe: 'Half-width of the window around --around: 30m, 2h, 1d, 90s' });
  return catalogOptions(deliveryOptions(first))
    .option('jobs', { alias: 'j', type: 'string', requiresArg: true, group: G.perf, describe: 'Worker threads (default: the number of cores; 1 scans in one thread)' })
    .option('shard', { type: 'string', requiresArg: true, group: G.perf, describe: 'Scan only slice I of N of the files, balanced by size (I/N, 1-based), or auto/N with the 0-based index from JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID, AWS_BATCH_JOB_ARRAY_INDEX or CLOUD_RUN_TASK_INDEX' })
    .option('label', { type: 'string', requiresArg: true, group: G.input, describe: 'Name these inputs: stdin is called NAME, files NAME:path (for merging partials of many hosts or streams)' })
    .option('progress', { type: 'boolean', default: true, group: G.perf, describe: 'Progress bar on stderr for long scans (only on a terminal, never in CI)' });
}

function cli(io: Io, help: boolean, known: { options: string[] }) {
  // Each command's builder runs only for the command given: it leaves the names of that command's options.
  const remember = <T>(y: Argv<T>): Argv<T> => {
    known.options = Object.keys((y as unknown as { getOptions(): { key: Record<string, unknown> } }).getOptions().key).filter((k) => !/[A-Z]/.test(k) && k.length > 1 && k !== '$0');
    return y;
  };
  const y = yargs()
    .scriptName('mxscan')
    .usage(`Usage: $0 <command> [options]\n\nScan exported Mail2Cloud logs for mxHERO notification codes and write an incident report.\n\nExamples:\n${examplesText()}`)
    .command('scan [inputs..]', 'Scan files, directories, globs or - (stdin) and write the report', (y) => remember(scanOptions(y)))
    .command('merge <partials..>', 'Combine partial reports (mxscan scan --partial) into one report', (y) =>
      remember(deliveryOptions(y).option('config', { type: 'string', requiresArg: true, describe: 'Configuration file' }).positional('partials', { type: 'string', array: true, describe: 'Partial reports, or - for a stream of them on stdin' })),
    )
    .command('explain <code>', 'Show a catalog entry: what it means and what to do', (y) => remember(catalogOptions(y).positional('code', { type: 'string', demandOption: true })))
    .command('catalog', 'Print the active catalog', (y) =>
      remember(catalogOptions(y).option('format', { alias: 'f', choices: ['markdown', 'json'] as const, default: 'markdown' as const })),
    )
    .command('config', 'Print the settings in effect: defaults, the configuration file, the command line', (y) =>
      remember(
        catalogOptions(y)
          .option('suppress', { type: 'string', requiresArg: true })
          .option('fail-on', { choices: LEVEL_CHOICES, coerce: level })
          .option('exclude', { type: 'string', array: true, nargs: 1, requiresArg: true })
          .option('code-field', { type: 'string', requiresArg: true })
          .option('time-field', { type: 'string', requiresArg: true })
          .option('delimiter', { type: 'string', requiresArg: true })
          .option('tz', { type: 'string', requiresArg: true })
          .option('date-order', { choices: ['mdy', 'dmy'] as const })
          .option('time-format', { type: 'string', requiresArg: true })
          .option('records', { type: 'string', requiresArg: true }),
      ),
    )
    .command('version', 'Print the version')
    .demandCommand(1, 'Give a command: scan, merge, explain, catalog, config or version.')
    // Before validation: a choice given twice is checked as the one value it is.
    .middleware((argv) => {
      const repeatable = new Set((y as unknown as { getOptions(): { array: string[] } }).getOptions().array);
      for (const [k, v] of Object.entries(argv)) if (k !== '_' && Array.isArray(v) && !repeatable.has(k)) argv[k] = lastOf(v);
    }, true)
    .recommendCommands()
    .strict()
    .exitProcess(false)
    .showHelpOnFail(false)
    .version(VERSION)
    .alias('V', 'version')
    .help()
    .epilogue('Exit codes: 0 done, 1 a code at or above --fail-on was found, 2 usage error or unreadable input.\n-h for the short help.')
    // yargs lays out the help after every command (to keep it); laid out unwrapped it costs half as much.
    .wrap(help ? Math.min(110, io.stdoutIsTTY === true ? io.columns ?? 100 : 100) : null)
    .env(false)
    // English like mxscan's own messages, whatever LANG says; a bad choice is one line that `main` keeps.
    .locale('en')
    .updateStrings({ 'Argument: %s, Given: %s, Choices: %s': 'invalid value for --%s: %s (choices: %s)' });
  // yargs lays out the whole help after every command, to keep it for a failure; mxscan never shows help on
  // a failure (showHelpOnFail(false)), so unless help is asked for, that work (a third of start-up) is skipped.
  if (!help) skipHelpCache(y);
  return y;
}

function skipHelpCache(y: object): void {
  const usage = (y as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } }).getInternalMethods?.().getUsageInstance?.();
  if (usage?.cacheHelpMessage !== undefined) usage.cacheHelpMessage = () => undefined;
}

/**
 * Runs mxscan with command-line arguments and returns the exit code: 0 done, 1 a code at or above
 * --fail-on was found, 2 usage error, bad catalog or unreadable input. Never calls process.exit.
 */
export async function main(typed: readonly string[], given: Io): Promise<number> {
  // `mxscan help scan`, as git and npm read it: `mxscan scan --help`.
  // An input named `help` is a file when one is there (yargs would show the help for it): read as ./help.
  const operands = typed[0] === 'scan' || typed[0] === 'merge' ? typed.map((a, i) => (i > 0 && a === 'help' && isFile(path.join(given.cwd ?? process.cwd(), a)) ? `.${path.sep}help` : a)) : typed;
  const argv = typed[0] === 'help' ? [...typed.slice(1, 2), '--help'] : operands;
  // In a GitHub job the runner reads every line printed: none may act as a workflow command.
  const io = given.env?.['GITHUB_ACTIONS'] === 'true' || argv.includes('--github') ? forRunner(given) : given;
  const beforeDashes = argv.indexOf('--') < 0 ? argv : argv.slice(0, argv.indexOf('--'));
  // -h, alone or among other short flags (-qh): the short help.
  if (beforeDashes.some((a) => /^-[A-Za-z]*h[A-Za-z]*$/.test(a))) {
    // After a command (mxscan scan -h): that command's short form.
    io.stdout(shortHelp(beforeDashes.find((a) => !a.startsWith('-'))));
    return EXIT.OK;
  }
  const failures: string[] = [];
  const known = { options: [] as string[] };
  let output = '';
  let parsed: Record<string, unknown> | undefined;
  try {
    parsed = await cli(io, asksForHelp(argv), known)
      .fail((msg, err) => {
        failures.push(msg ?? err?.message ?? 'invalid arguments');
      })
      .parseAsync(standIns(argv), {}, (_err, _argv, out) => {
        output = out;
      });
  } catch (err) {
    failures.push((err as Error).message);
  }
  if (failures.length > 0) {
    const line = usageMessage(failures, argv, known.options).replace(/\u0000/g, '');
    // A suggestion is the help: one line. Any other mistake points to --help.
    io.stderr(`mxscan: ${terminalText(line)}\n${line.includes('did you mean') ? '' : 'Run mxscan --help for usage.\n'}`);
    return EXIT.ERROR;
  }
  if (output !== '') {
    // --help or --version.
    io.stdout(output.endsWith('\n') ? output : output + '\n');
    return EXIT.OK;
  }
  try {
    const command = String((parsed!['_'] as unknown[])[0]);
    if (command === 'version') {
      io.stdout(`${VERSION}\n`);
      return EXIT.OK;
    }
    const given = withDashes(parsed!);
    if (command === 'config') return await runConfig(given, io);
    const { file, values } = await loadConfig(given['config'] as string | false | undefined, io.cwd ?? process.cwd());
    const args = legacyOutDir(withDefaults(given, values, KEYS_OF[command] ?? []), io);
    switch (command) {
      case 'scan':
        // The configuration file read is no input of the scan's (see runScan).
        return await runScan({ ...args, configFile: file ?? undefined }, io, new Set(Object.keys(given).filter((k) => given[k] !== undefined)));
      case 'explain':
        return await runExplain(args, io);
      case 'catalog':
        return await runCatalog(args, io);
      case 'merge':
        return await runMerge(args, io);
      default:
        io.stderr(`mxscan: unknown command ${JSON.stringify(command)}\n`);
        return EXIT.ERROR;
    }
  } catch (err) {
    if (err instanceof ScanError) {
      io.stderr(`mxscan: ${terminalText(err.message)}\n`);
      return EXIT.ERROR;
    }
    throw err;
  }
}

/**
 * The arguments as yargs is given them: a lone `-` as STDIN_ARG, and every argument after `--` an operand
 * whatever it starts with (`scan -- -weird.log`, `xargs -0 mxscan scan --`): a NUL before it, which no real
 * argument holds, keeps yargs from reading it as an option (yargs drops what follows `--` from the
 * positionals it names).
 */
function standIns(argv: readonly string[]): string[] {
  const dashes = argv.indexOf('--');
  const stand = (a: string): string => (a === '-' ? STDIN_ARG : a);
  return dashes < 0 ? argv.map(stand) : [...argv.slice(0, dashes).map(stand), ...argv.slice(dashes + 1).map((a) => OPERAND + a)];
}

/** What stands before an operand given after `--` (see standIns); STDIN_ARG is OPERAND and `-`. */
const OPERAND = '\u0000';

/** Every value as typed, its stand-in (see standIns) undone: an input's or an option's. */
function withDashes(parsed: Record<string, unknown>): Record<string, unknown> {
  const back = (v: unknown): unknown => (typeof v === 'string' && v.startsWith(OPERAND) ? v.slice(OPERAND.length) : Array.isArray(v) ? v.map(back) : v);
  return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, back(v)]));
}

/** True when a regular file is at `file`. */
function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
