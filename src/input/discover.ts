import fg from 'fast-glob';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { STDIN_PATH, type Input } from './open.js';

/** An input argument that gave nothing to read: reported, and the scan goes on. */
export interface Missing {
  readonly path: string;
  readonly message: string;
}

export interface Discovered {
  /** Inputs in sorted path order; standard input sorts by its name, "(stdin)". */
  readonly inputs: Input[];
  readonly missing: Missing[];
}

/** Shows a path relative to the working directory, with forward slashes. */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return (rel === '' ? '.' : rel).split(path.sep).join('/');
}

/**
 * Turns the command-line inputs into files: a file as is; a directory as every file under it, recursively,
 * hidden ones and `exclude` matches left out; a glob through fast-glob; `-` for standard input. Sorted by
 * path and without duplicates, whatever order they were given or found in. FIFOs, sockets and devices
 * under a directory are never opened.
 */
export async function discover(args: readonly string[], cwd: string, exclude: readonly string[] = []): Promise<Discovered> {
  const files = new Map<string, string>(); // display path → real path
  const missing: Missing[] = [];
  let stdin = false;
  for (const arg of args) {
    if (arg === '-') {
      stdin = true;
      continue;
    }
    const abs = path.resolve(cwd, arg);
    const st = await stat(abs).catch((err: NodeJS.ErrnoException) => err);
    if (!(st instanceof Error)) {
      if (st.isDirectory()) {
        const found = await walk(abs, ['**/*'], exclude);
        if (found.length === 0) missing.push({ path: displayPath(abs, cwd), message: 'directory holds no files to scan' });
        for (const f of found) files.set(displayPath(f, cwd), f);
      } else if (st.isFile()) files.set(displayPath(abs, cwd), abs);
      else missing.push({ path: displayPath(abs, cwd), message: 'not a regular file (a FIFO, socket or device is not read)' });
      continue;
    }
    if (fg.isDynamicPattern(arg)) {
      const found = await walk(cwd, [arg.split(path.sep).join('/')], exclude);
      if (found.length === 0) missing.push({ path: arg, message: 'no file matches this pattern' });
      for (const f of found) files.set(displayPath(f, cwd), f);
      continue;
    }
    const code = st.code;
    missing.push({
      path: displayPath(abs, cwd),
      message: code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : st.message,
    });
  }
  const inputs: Input[] = [...files].map(([p, file]) => ({ path: p, file }));
  if (stdin) inputs.push({ path: STDIN_PATH });
  inputs.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { inputs, missing };
}

async function walk(cwd: string, patterns: string[], exclude: readonly string[]): Promise<string[]> {
  return fg(patterns, {
    cwd,
    absolute: true,
    dot: false,
    onlyFiles: true,
    followSymbolicLinks: true,
    suppressErrors: true,
    ignore: [...exclude],
    unique: true,
  });
}
