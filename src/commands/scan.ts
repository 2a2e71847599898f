import { realpathSync } from 'node:fs';
import path from 'node:path';
import { loadCatalog } from '../catalog/read.js';
import { buildMatcher } from '../extract/matcher.js';
import type { Io } from '../io.js';
import { ScanError } from '../errors.js';
import type { FormatChoice } from '../input/detect.js';
import { parseDelimiter } from '../input/csv-dialect.js';
import type { Delimiter } from '../model/record.js';
import { checkLabel, parseShard } from '../input/shard.js';
import { DEFAULT_MAX_LINE_LENGTH, scan } from '../scan.js';
import type { CountingSettings } from '../summary/partial-file.js';
import { catalogArgs } from './catalog.js';
import { deliver, deliveryArgs, outputFiles } from './deliver.js';
import { ownOutputs } from '../input/own-outputs.js';
import { terminalText } from '../render/escape.js';
import { clearOutputs, nothingRead } from './nothing-read.js';
import { probeInputs } from './input-notes.js';
import { progressBar } from './progress.js';
import { parseWindow } from './window-args.js';
import { parseTimeArgs, timeShown } from './time-args.js';
import { inputsOfSize } from './targets.js';

/** `mxscan scan`: scan the inputs, then deliver the report (or the partial tally). */
export async function runScan(args: Record<string, unknown>, io: Io, typed: ReadonlySet<string> = new Set(Object.keys(args))): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const { files, builtin } = catalogArgs(args);
  const catalog = await loadCatalog(files, builtin, cwd);
  const inputs = (args['inputs'] as string[] | undefined) ?? [];
  if (inputs.length === 0) throw new ScanError('USAGE', 'give at least one input: a file, directory, glob, or - for stdin');
  const delivery = deliveryArgs(args, io);
  // What only the report applies: a partial keeps none of it, and `merge` takes it (given here, it was lost
  // without a word: a --tolerance changed the merged run's exit code, a --junit was never written). Said of
  // what the command line gives (typed), not of a configuration file's defaults.
  const reportOnly = (['failOn', 'tolerance', 'failOnNew', 'baseline', 'suppress', 'junit'] as const).filter((k) => args[k] !== undefined && typed.has(k));
  if (delivery.partial && reportOnly.length > 0 && !delivery.quiet) {
    const flags = reportOnly.map((k) => `--${k.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}`);
    io.stderr(`mxscan: ${flags.join(', ')} ${flags.length === 1 ? 'applies' : 'apply'} to the report, not to a partial: give ${flags.length === 1 ? 'it' : 'them'} to mxscan merge\n`);
  }
  const times = parseTimeArgs(args);
  const { window, shown } = parseWindow(args, io.now?.() ?? Date.now(), times);
  const counting: CountingSettings = {
    inputFormat: (args['inputFormat'] as FormatChoice | undefined) ?? 'auto',
    codeField: (args['codeField'] as string | undefined) ?? null,
    timeField: (args['timeField'] as string | undefined) ?? null,
    ...(args['records'] !== undefined ? { records: recordsPath(String(args['records'])) } : {}),
    window,
    maxLineLength: parseSize(args['maxLineLength'] as string | undefined) ?? DEFAULT_MAX_LINE_LENGTH,
    exclude: (args['exclude'] as string[] | undefined) ?? [],
    redact: delivery.redact,
    ...delimiterArg(args['delimiter']),
    ...timeShown(times),
  };
  const label = args['label'] === undefined ? undefined : checkLabel(String(args['label']));
  const shard = args['shard'] === undefined ? undefined : parseShard(String(args['shard']), io.env ?? {});
  const bar = progressBar(io, args['progress'] !== false && !delivery.quiet);
  const { tally, inputs: scanned, shard: sliced, leftOut } = await scan({
    inputs,
    cwd,
    catalog,
    inputFormat: counting.inputFormat,
    fields: { codeField: counting.codeField ?? undefined, timeField: counting.timeField ?? undefined, records: counting.records },
    window: counting.window,
    maxLineLength: counting.maxLineLength,
    exclude: counting.exclude,
    // A report an earlier run wrote where this one writes is no input (a re-run of `scan . --out reports`), nor
    // is a file this run reads itself (`scan .` at a repository's root counted its own catalog's and
    // suppressions' codes: a clean run failed).
    leaveOut: readsItself(withStdout(ownOutputs(outputFiles(delivery), cwd), io.stdoutFile, cwd), [args['configFile'], ...files, delivery.suppress, delivery.baseline], cwd),
    stdin: io.stdin,
    redact: counting.redact,
    accountList: delivery.accounts !== undefined,
    delimiter: counting.delimiter,
    times,
    ...(label !== undefined ? { label } : {}),
    ...(shard !== undefined ? { shard } : {}),
    ...(args['jobs'] !== undefined ? { jobs: parseJobs(args['jobs']) } : {}),
    ...(bar !== undefined ? { onProgress: bar.advance, onPlan: bar.start } : {}),
    ...(io.workers !== undefined ? { workers: io.workers } : {}),
  }).finally(() => bar?.done());
  if (leftOut !== undefined && !delivery.quiet) {
    const some = leftOut.slice(0, 3).join(', ') + (leftOut.length > 3 ? `, … (${leftOut.length - 3} more)` : '');
    io.stderr(`mxscan: ${terminalText(`left out ${leftOut.length === 1 ? 'an earlier mxscan report' : `${leftOut.length} earlier mxscan reports`} found among the inputs (${some}): ${leftOut.length === 1 ? 'its' : 'their'} codes are no events; name one as an input to read it`)}\n`);
  }
  const nothing = nothingRead(tally, delivery.partial, delivery.redact, io);
  if (nothing !== undefined) {
    await clearOutputs(delivery, nothing.lines, io.cwd ?? process.cwd(), inputsOfSize(scanned, tally.files), io);
    return nothing.code;
  }
  // What the records lacked (a readable time under the window, a named field): worked out where there is any.
  const notes = await probeInputs(tally, scanned, { windowed: window !== null, timeField: counting.timeField ?? undefined, codeField: counting.codeField ?? undefined, maxLineLength: counting.maxLineLength, records: counting.records ?? undefined, matcher: buildMatcher(catalog) });
  const source = {
    catalog,
    counting,
    // A tab is shown by its name (in markdown a tab character reads as a blank).
    shown: counting.delimiter === '\t' ? { ...shown, delimiter: 'tab' } : shown,
    ...(args['maxLineLength'] !== undefined ? { typed: { maxLineLength: String(args['maxLineLength']).trim() } } : {}),
    notes,
    ...(sliced !== undefined ? { shards: [sliced] } : {}),
    inputFiles: inputsOfSize(scanned, tally.files),
  };
  return deliver(tally, source, delivery, io);
}

/** `--delimiter` (or the config's `delimiter`), when given. */
function delimiterArg(value: unknown): { delimiter?: Delimiter } {
  if (value === undefined) return {};
  const d = parseDelimiter(String(value));
  if (d === undefined) throw new ScanError('USAGE', `--delimiter: expected , ; | or tab, got ${JSON.stringify(String(value))}`);
  return { delimiter: d };
}

function parseJobs(value: unknown): number {
  const typed = String(value).trim();
  const n = /^[0-9]+$/.test(typed) ? Number(typed) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new ScanError('USAGE', `--jobs: expected a whole number from 1 to 256, got ${JSON.stringify(String(value))}`);
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

/** `--records`: a dotted path of keys (`hits.hits`), none of them empty. */
export function recordsPath(value: string): string {
  const path = value.trim();
  if (path === '' || path.split('.').some((k) => k === '')) throw new ScanError('USAGE', `--records: expected a dotted path of keys such as hits.hits, got ${JSON.stringify(value)}`);
  return path;
}

/** The files left out of walks and globs, with the one standard output is redirected to (by the working directory's path too, when it goes through a link). */
/** `own` and the files this run reads itself (its configuration file, catalogs, suppressions, baseline), as absolute paths and real ones. */
function readsItself(own: Set<string>, files: readonly unknown[], cwd: string): Set<string> {
  for (const f of files) {
    if (typeof f !== 'string' || f === '') continue;
    const abs = path.resolve(cwd, f);
    own.add(abs);
    try {
      own.add(realpathSync(abs));
    } catch {
      // Not there (yet): its path as given is all there is.
    }
  }
  return own;
}

function withStdout(own: Set<string>, stdoutFile: string | undefined, cwd: string): Set<string> {
  if (stdoutFile === undefined) return own;
  own.add(stdoutFile);
  try {
    const real = realpathSync(cwd);
    if (real !== cwd && stdoutFile.startsWith(real + path.sep)) own.add(path.join(cwd, stdoutFile.slice(real.length + 1)));
  } catch {
    // The working directory went away: the path as given is all there is.
  }
  return own;
}
