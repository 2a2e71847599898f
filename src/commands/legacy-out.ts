import { statSync } from 'node:fs';
import path from 'node:path';
import { ScanError } from '../errors.js';
import type { Io } from '../io.js';
import { terminalText } from '../render/escape.js';

/**
 * `-o` used to be `--out DIR`. It now writes one file, but a value that can only mean a directory (ending
 * in a slash, or an existing directory) is still read as --out DIR, with a note on stderr, so scripts
 * written for the old flag keep working. Any other value is a file, even with no extension: guessing a
 * directory there would make one where the user asked for a file.
 */
export function legacyOutDir(args: Record<string, unknown>, io: Io): Record<string, unknown> {
  noEmptyNames(args);
  const raw = args['output'];
  if (!Array.isArray(raw) || raw.length === 0) return args;
  const cwd = io.cwd ?? process.cwd();
  // A path through a file (ENOTDIR) is no directory: writing it says why.
  const isDir = (p: string): boolean => {
    if (p === '-' || /[/\\]$/.test(p)) return p !== '-';
    try {
      return statSync(path.resolve(cwd, p), { throwIfNoEntry: false })?.isDirectory() === true;
    } catch {
      return false;
    }
  };
  const dirs = raw.map(String).filter(isDir);
  if (dirs.length === 0) return args;
  if (dirs.length > 1 || args['out'] !== undefined) throw new ScanError('USAGE', `-o ${dirs[0]}: a directory; give one --out DIR for report.md, report.json and report.html, and -o FILE for single files`);
  if (args['quiet'] !== true) io.stderr(`mxscan: -o ${terminalText(dirs[0]!)} names a directory: writing report.md, report.json and report.html there as --out does (-o now names one file: -o report.md)\n`);
  const files = raw.map(String).filter((p) => !isDir(p));
  return { ...args, out: dirs[0], output: files, o: files };
}

/**
 * An output named by an empty string (`-o "$REPORT"` with the variable unset, `--out=`) is a usage error:
 * it would resolve to the working directory and fill it with reports.
 */
function noEmptyNames(args: Record<string, unknown>): void {
  const given = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);
  for (const [flag, what] of [['output', '-o'], ['out', '--out'], ['junit', '--junit'], ['accounts', '--accounts']] as const) {
    if (given(args[flag]).some((v) => v.trim() === '')) throw new ScanError('USAGE', `${what}: an empty name (an unset variable?); give a ${flag === 'out' ? 'directory' : 'file'} name`);
  }
}
