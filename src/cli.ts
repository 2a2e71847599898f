import yargs, { type Argv } from 'yargs';
import { asksForHelp } from './argv.js';
import { ScanError } from './errors.js';
import { EXIT, STDIN_ARG, VERSION, type Io } from './io.js';
import { terminalText } from './render/escape.js';
import { runCatalog, runExplain } from './commands/catalog.js';
import { runMerge } from './commands/merge.js';
import { runScan } from './commands/scan.js';
import { DEFAULT_MAX_LINE_LENGTH } from './scan.js';

export { EXIT, STDIN_ARG, VERSION, type Io };

const LEVEL_CHOICES = ['none', 'error', 'warn', 'info'] as const;

function catalogOptions<T>(y: Argv<T>) {
  return y
    .option('catalog', {
      type: 'string',
      array: true,
      requiresArg: true,
      describe: 'Custom catalog (JSON array of entries); repeatable. Same code replaces the built-in entry.',
    })
    .option('builtin-catalog', {
      type: 'boolean',
      default: true,
      describe: 'Use the built-in catalog (--no-builtin-catalog drops it)',
    });
}

/** Options of the report itself: `scan` and `merge` share them. */
function deliveryOptions<T>(y: Argv<T>) {
  return y
    .option('format', { alias: 'f', choices: ['markdown', 'json'] as const, default: 'markdown' as const, describe: 'Report format on stdout' })
    .option('out', { alias: 'o', type: 'string', requiresArg: true, describe: 'Write DIR/report.md, DIR/report.json and DIR/report.html instead of printing' })
    .option('fail-on', { choices: LEVEL_CHOICES, default: 'none' as const, describe: 'Exit 1 when a code at or above this level is found' })
    .option('baseline', { type: 'string', requiresArg: true, describe: 'JSON report of an earlier scan to compare with' })
    .option('tolerance', { type: 'string', requiresArg: true, describe: 'Rate change per 10,000 records still "unchanged" (default 20%)' })
    .option('fail-on-new', { choices: ['error', 'warn', 'info'] as const, describe: 'Exit 1 when a code at or above this level is new or increased against --baseline (needs --baseline)' })
    .option('suppress', { type: 'string', requiresArg: true, describe: 'JSON list of { code, reason, expires }: known noise, kept out of --fail-on' })
    .option('redact', { type: 'boolean', describe: 'Mask e-mails, IPs, tokens and secrets in the report (default: on when CI=true)' })
    .option('github', { type: 'boolean', describe: 'GitHub Actions output: job summary and annotations (default: when GITHUB_ACTIONS=true)' })
    .option('junit', { type: 'string', requiresArg: true, describe: 'Also write a JUnit XML report to FILE' })
    .option('accounts', { type: 'string', requiresArg: true, describe: 'Also write every affected account per code to FILE (CSV)' })
    .option('partial', { type: 'boolean', default: false, describe: 'Write a partial report (for mxscan merge) instead of the report' })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'No summary or warnings on stderr' });
}

function cli(io: Io, help: boolean) {
  const y = yargs()
    .scriptName('mxscan')
    .usage('$0 <command> [options]\n\nScan exported Mail2Cloud logs for mxHERO notification codes and write an incident report.')
    .command('scan [inputs..]', 'Scan files, directories, globs or - (stdin) and write the report', (y) =>
      deliveryOptions(catalogOptions(y))
        .positional('inputs', { type: 'string', array: true, describe: 'Files, directories, globs (quoted), - for stdin' })
        .option('input-format', { choices: ['auto', 'text', 'jsonl', 'csv', 'json'] as const, default: 'auto' as const, describe: 'Read every input as this format' })
        .option('code-field', { type: 'string', requiresArg: true, describe: 'Field holding the code in structured records (dotted path or CSV header)' })
        .option('time-field', { type: 'string', requiresArg: true, describe: 'Field holding the time in structured records' })
        .option('since', { type: 'string', requiresArg: true, describe: 'Keep records at or after this ISO-8601 time' })
        .option('until', { type: 'string', requiresArg: true, describe: 'Keep records before this ISO-8601 time' })
        .option('around', { type: 'string', requiresArg: true, describe: 'Centre of the incident window (ISO-8601), with --window' })
        .option('window', { type: 'string', requiresArg: true, describe: 'Half-width of the window around --around: 30m, 2h, 1d, 90s' })
        .option('exclude', { type: 'string', array: true, requiresArg: true, describe: 'Glob of files to leave out of directory walks; repeatable' })
        .option('max-line-length', { type: 'string', requiresArg: true, defaultDescription: `${DEFAULT_MAX_LINE_LENGTH / 1024 ** 2}M`, describe: 'Longest record held whole (JSON line, CSV record, JSON element), e.g. 64M; longer ones are skipped and counted. Plain text is scanned at any line length' })
        .option('jobs', { alias: 'j', type: 'number', requiresArg: true, describe: 'Worker threads (default: the number of cores; 1 scans in one thread)' })
        .option('progress', { type: 'boolean', default: true, describe: 'Progress bar on stderr for long scans (only on a terminal, never in CI)' })
        .option('shard', { type: 'string', requiresArg: true, describe: 'Scan only slice I of N of the files, balanced by size (I/N, 1-based), or auto/N with the 0-based index from JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID, AWS_BATCH_JOB_ARRAY_INDEX or CLOUD_RUN_TASK_INDEX' })
        .option('label', { type: 'string', requiresArg: true, describe: 'Name these inputs: stdin is called NAME, files NAME:path (for merging partials of many hosts or streams)' })
        .option('engine', { choices: ['auto', 'stream'] as const, default: 'auto' as const, describe: 'stream: read every input with the split2 record readers instead of the byte-level fast paths (same results for lines up to --max-line-length, slower)' }),
    )
    .command('merge <partials..>', 'Combine partial reports (mxscan scan --partial) into one report', (y) =>
      deliveryOptions(y).positional('partials', { type: 'string', array: true, describe: 'Partial reports, or - for a stream of them on stdin' }),
    )
    .command('explain <code>', 'Show a catalog entry: what it means and what to do', (y) =>
      catalogOptions(y).positional('code', { type: 'string', demandOption: true }),
    )
    .command('catalog', 'Print the active catalog', (y) =>
      catalogOptions(y).option('format', { alias: 'f', choices: ['markdown', 'json'] as const, default: 'markdown' as const }),
    )
    .demandCommand(1, 'Give a command: scan, merge, explain or catalog.')
    .strict()
    .exitProcess(false)
    .showHelpOnFail(false)
    .version(VERSION)
    .help()
    .alias('h', 'help')
    // yargs lays out the help after every command (to keep it); laid out unwrapped it costs half as much.
    .wrap(help ? Math.min(110, io.stdoutIsTTY === true ? process.stdout.columns || 100 : 100) : null)
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
 * A yargs failure as one line. Some are a heading and one line per detail ("Invalid values:", then a line
 * per bad value): the details are what helps, so they are kept, joined.
 */
function usageLine(msg: string): string {
  const lines = msg.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  if (lines.length > 1 && lines[0]!.endsWith(':')) return lines.slice(1).join('; ');
  return lines[0] ?? 'invalid arguments';
}

/**
 * Runs mxscan with command-line arguments and returns the exit code: 0 done, 1 a code at or above
 * --fail-on was found, 2 usage error, bad catalog or unreadable input. Never calls process.exit.
 */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let usageError: string | undefined;
  let output = '';
  let parsed: Record<string, unknown> | undefined;
  try {
    parsed = await cli(io, asksForHelp(argv))
      .fail((msg, err) => {
        usageError = msg ?? err?.message ?? 'invalid arguments';
      })
      .parseAsync(argv.map((a) => (a === '-' ? STDIN_ARG : a)), {}, (_err, _argv, out) => {
        output = out;
      });
  } catch (err) {
    usageError ??= (err as Error).message;
  }
  if (usageError !== undefined) {
    io.stderr(`mxscan: ${terminalText(usageLine(usageError))}\nRun mxscan --help for usage.\n`);
    return EXIT.ERROR;
  }
  if (output !== '') {
    // --help or --version.
    io.stdout(output.endsWith('\n') ? output : output + '\n');
    return EXIT.OK;
  }
  const args = parsed!;
  try {
    switch (String((args['_'] as unknown[])[0])) {
      case 'scan':
        return await runScan(args, io);
      case 'explain':
        return await runExplain(args, io);
      case 'catalog':
        return await runCatalog(args, io);
      case 'merge':
        return await runMerge(args, io);
      default:
        io.stderr(`mxscan: unknown command ${JSON.stringify((args['_'] as unknown[])[0])}\n`);
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
