import path from 'node:path';
import { ScanError } from '../errors.js';
import type { Io } from '../io.js';
import { renderTerminal } from '../render/terminal.js';
import type { Report } from '../summary/report-shape.js';
import { safeWrite, type InputsOfSize } from './targets.js';

/** A report format a file can be named for by its extension. */
export type FileFormat = 'markdown' | 'json' | 'junit' | 'html';

/**
 * The formats `-o FILE` writes today, each with a renderer in `deliver` (the type makes it give one).
 * HTML joins by adding 'html' here once its renderer exists.
 */
const WRITABLE = ['markdown', 'json', 'html', 'junit'] as const;
export type WritableFormat = (typeof WRITABLE)[number];

/** The renderers `deliver` passes in, one per writable format: a report whole, or in pieces. */
export type Renderers = Readonly<Record<WritableFormat, () => string | Iterable<string>>>;

/** What stdout gets: the chosen format, or the terminal report (a TTY and no --format). */
export type StdoutFormat = 'markdown' | 'json' | 'terminal';

/** The format an extension stands for (`.xml` is JUnit). */
const EXTENSIONS: Readonly<Record<string, FileFormat>> = {
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.json': 'json',
  '.xml': 'junit',
  '.html': 'html',
  '.htm': 'html',
};

/** `-o FILE` and `--color`, read from the command line. */
export interface OutputArgs {
  /** Files given with -o/--output, in order, with their formats (`-o -` is not one: see toStdout). */
  readonly output: readonly { file: string; format: WritableFormat }[];
  /** `-o -`: the report goes to stdout as well, in --format (markdown when none is given). */
  readonly toStdout: boolean;
  /** --format as typed (undefined when not given). */
  readonly formatGiven: 'markdown' | 'json' | undefined;
  readonly stdoutFormat: StdoutFormat;
  readonly color: boolean;
}

/**
 * Reads -o/--output, --format and --color; the terminal report is for a TTY without a --format or `-o -`
 * (stdout named as a file gets a file's format, as `-o -` does in most tools).
 */
export function outputArgs(args: Record<string, unknown>, io: Io): OutputArgs {
  const raw = args['output'];
  const given = args['format'] === 'json' || args['format'] === 'markdown' ? args['format'] : undefined;
  const named = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(String);
  // A file named twice (`-o r.md -o ./r.md`) is written once.
  const cwd = io.cwd ?? process.cwd();
  const byPath = new Map<string, string>();
  for (const f of named) if (f !== '-' && !byPath.has(path.resolve(cwd, f))) byPath.set(path.resolve(cwd, f), f);
  const files = [...byPath.values()];
  const output = files.map((file) => ({ file, format: fileFormat(file, given) }));
  const toStdout = named.includes('-');
  const tty = io.stdoutIsTTY === true;
  return {
    output,
    toStdout,
    formatGiven: given,
    stdoutFormat: given ?? (tty && !toStdout ? 'terminal' : 'markdown'),
    color: wantsColor(String(args['color'] ?? 'auto'), tty, io.env ?? {}),
  };
}

/**
 * Color: never when NO_COLOR is set (to anything but the empty string, as no-color.org says), even with
 * `--color always`: the user's standing wish wins over a flag baked into a script. Otherwise `always` and
 * `never` as asked, and `auto` as FORCE_COLOR says (0 or false: off; another value: on), else only on a
 * terminal whose TERM is not dumb.
 */
export function wantsColor(choice: string, tty: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  if ((env['NO_COLOR'] ?? '') !== '' || choice === 'never') return false;
  if (choice === 'always') return true;
  // FORCE_COLOR, as force-color.org and chalk read it: 0 or false turns auto off, another value on.
  const force = env['FORCE_COLOR'];
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false';
  return tty && env['TERM'] !== 'dumb';
}

/** The format of `-o FILE`: from its extension, else from --format; one not written (yet) is a usage error. */
export function fileFormat(file: string, given: OutputArgs['formatGiven']): WritableFormat {
  const format = EXTENSIONS[path.extname(file).toLowerCase()] ?? given;
  const known = WRITABLE.map((f) => EXT_OF[f]).join(', ');
  if (format === undefined) throw new ScanError('USAGE', `-o ${file}: cannot tell the format from the extension (use ${known}, or give --format)`);
  if (!(WRITABLE as readonly string[]).includes(format)) throw new ScanError('USAGE', `-o ${file}: mxscan cannot write ${format} reports yet (use ${known})`);
  return format as WritableFormat;
}

const EXT_OF: Readonly<Record<FileFormat, string>> = { markdown: '.md', json: '.json', junit: '.xml', html: '.html' };

/**
 * Writes each `-o FILE` in its format, atomically (formats were checked with the options). Each file is
 * tried on its own: a failure is a line in the returned list, and the others are still written.
 */
export async function writeOutputs(o: OutputArgs, renderers: Renderers, cwd: string, inputsOf: InputsOfSize): Promise<{ failures: string[]; written: string[] }> {
  const failures: string[] = [];
  const written: string[] = [];
  for (const { file, format } of o.output) {
    try {
      await safeWrite(path.resolve(cwd, file), renderers[format](), inputsOf);
      written.push(file);
    } catch (err) {
      if (!(err instanceof ScanError)) throw err;
      failures.push(err.message);
    }
  }
  return { failures, written };
}

/** The terminal report, fitted to the terminal's columns (80 when unknown). */
export function terminalReport(report: Report, o: OutputArgs, io: Io): string {
  return renderTerminal(report, { width: io.columns ?? 80, color: o.color });
}
