import { accessSync, constants, readdirSync, realpathSync, type Dirent } from 'node:fs';
import { access, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { isOwnOutput, OUTPUT_NAME } from './own-outputs.js';
import { ScanError } from '../errors.js';
import { STDIN_PATH, type Input } from './open.js';
import { inputsDigest, sliceShard, type Shard, type ShardInfo } from './shard.js';

// Loaded when a directory or a pattern is met: a scan of named files (and every worker) goes without it.
let glob: typeof import('fast-glob') | undefined;
export const loadGlob = async (): Promise<typeof import('fast-glob')> => (glob ??= (await import('fast-glob')).default);

/** An input argument that gave nothing to read: reported, and the scan goes on. */
export interface Missing {
  readonly path: string;
  readonly message: string;
}

export interface Discovered {
  /** Inputs in sorted path order; standard input sorts by its name, "(stdin)". */
  readonly inputs: Input[];
  readonly missing: Missing[];
  /** Files a walk or a glob found that hold an output of mxscan's (a report an earlier run wrote): not read. */
  readonly leftOut?: string[];
  /** With a shard: which one, and the fingerprint of all the inputs it was sliced from. */
  readonly shard?: ShardInfo;
}

/** How discovery names and slices what it finds: `--label` and `--shard`. */
export interface DiscoverOptions {
  readonly label?: string | undefined;
  readonly shard?: Shard | undefined;
  /** Files a directory walk or a glob leaves out (absolute paths); a file named as it is stays. */
  readonly leaveOut?: ReadonlySet<string> | undefined;
}

/** Shows a path relative to the working directory, with forward slashes. */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return (rel === '' ? '.' : rel).split(path.sep).join('/');
}

/**
 * Turns the command-line inputs into files: a file as is; a directory as every file under it, recursively,
 * hidden ones and `exclude` matches left out; a glob through fast-glob; `-` for standard input. Sorted by
 * path and without duplicates, whatever order they were given or found in. In a directory walk, symbolic
 * links to files are read, links to directories are followed once each (a link loop is never walked twice),
 * a file reached by two paths is read once, FIFOs, sockets and devices under a directory are never opened (one named as an input is read as a stream), and a
 * subdirectory that cannot be read is reported.
 */
export async function discover(args: readonly string[], cwd: string, excluded: readonly string[] = [], opts: DiscoverOptions = {}): Promise<Discovered> {
  const exclude = excluded.map(excludePattern);
  const files = new Map<string, string>(); // display path → real path
  // Files named as inputs: read whatever they hold (an earlier report named is read).
  const named = new Set<string>();
  const pipes: Input[] = [];
  const missing: Missing[] = [];
  let stdin = false;
  let linked = false;
  // What each directory and glob found, to tell one that held only earlier reports (left out below).
  const walked: { path: string; glob: boolean; holds: (p: string) => boolean }[] = [];
  for (const arg of args) {
    if (arg === '-') {
      stdin = true;
      continue;
    }
    const abs = path.resolve(cwd, arg);
    const st = await stat(abs).catch((err: NodeJS.ErrnoException) => err);
    if (!(st instanceof Error)) {
      if (st.isDirectory()) {
        // The first input walks straight into the list: nothing to copy (20,000 entries for as many files).
        const found = files.size === 0 ? files : new Map<string, string>();
        const walk = await walkDirectory(abs, exclude, missing, cwd, found);
        linked ||= walk;
        if (opts.leaveOut !== undefined && opts.leaveOut.size > 0) for (const [d, f] of found) if (isLeftOut(opts.leaveOut, f)) found.delete(d);
        if (found.size === 0 && !missing.some((m) => m.path === displayPath(abs, cwd))) {
          missing.push({ path: displayPath(abs, cwd), message: 'directory holds no files to scan' });
        }
        if (found.size > 0) {
          const dir = displayPath(abs, cwd);
          const prefix = dir === '.' ? '' : `${dir}/`;
          walked.push({ path: dir, glob: false, holds: (p) => p.startsWith(prefix) });
        }
        if (found !== files) for (const [d, f] of found) files.set(d, f);
      } else if (st.isFile()) {
        files.set(displayPath(abs, cwd), abs);
        named.add(abs);
      }
      // Named as an input, a FIFO or a character device is read as a stream (a shell's `<(zcat logs.gz)`,
      // /dev/stdin), named as typed (not `../../dev/fd/63`); a socket or a block device is not.
      else if (st.isFIFO() || st.isCharacterDevice()) pipes.push({ path: arg, file: abs, pipe: true });
      else missing.push({ path: displayPath(abs, cwd), message: 'not a regular file (a socket or a block device is not read)' });
      continue;
    }
    const fg = await loadGlob();
    if (fg.isDynamicPattern(arg)) {
      // Links to directories are not followed (`**` through `self -> .` never ends); a link to a file is read.
      const entries = await fg([arg.split(path.sep).join('/')], { cwd, dot: false, onlyFiles: false, followSymbolicLinks: false, objectMode: true, suppressErrors: true, ignore: [...exclude], unique: true });
      const found: string[] = [];
      // An absolute pattern (`"$PWD/logs/*.log"`) gives absolute paths; a relative one, paths from cwd.
      const at = (p: string): string => (path.isAbsolute(p) ? path.normalize(p) : path.join(cwd, p));
      for (const e of entries) {
        if (e.dirent.isSymbolicLink()) {
          linked = true;
          if ((await stat(at(e.path)).catch(() => undefined))?.isFile() === true) found.push(e.path);
        } else if (e.dirent.isFile()) found.push(e.path);
      }
      // fast-glob passes over a directory it cannot read without a word: say so, as a walk does.
      const denied = await unreadableUnder(fg, arg, cwd, exclude);
      for (const d of denied) missing.push({ path: displayPath(d, cwd), message: 'permission denied (directory)' });
      if (found.length === 0 && denied.length === 0) {
        // Files that match, all left out by --exclude: said so (not "no file matches", which sends one to the pattern).
        const excluded = exclude.length > 0 && (await fg([arg.split(path.sep).join('/')], { cwd, dot: false, onlyFiles: true, followSymbolicLinks: false, suppressErrors: true })).length > 0;
        missing.push({ path: arg, message: excluded ? 'every file this pattern matches is excluded (--exclude, or the configuration file\'s exclude)' : 'no file matches this pattern' });
      }
      // Relative paths from fast-glob: its absolute paths turn a backslash in a file name into a slash.
      const kept = new Set<string>();
      for (const f of found) {
        const file = at(f);
        if (opts.leaveOut !== undefined && isLeftOut(opts.leaveOut, file)) continue;
        const shown = displayPath(file, cwd);
        kept.add(shown);
        files.set(shown, file);
      }
      if (kept.size > 0) walked.push({ path: arg, glob: true, holds: (p) => kept.has(p) });
      // Only files the run writes or reads itself matched: nothing to scan, as a directory of them is.
      else if (found.length > 0) missing.push({ path: arg, message: 'no file to scan matches this pattern (only files mxscan writes or reads itself)' });
      continue;
    }
    const code = st.code;
    missing.push({
      path: displayPath(abs, cwd),
      message: code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : st.message,
    });
  }
  // A report an earlier run wrote (into mxscan-report/, reports/ …) found by a walk or a glob: its codes are no events.
  const leftOut: string[] = [];
  for (const [p, f] of files) {
    if (!named.has(f) && OUTPUT_NAME.test(f) && isOwnOutput(f)) {
      files.delete(p);
      leftOut.push(p);
    }
  }
  // A directory or a glob that found earlier reports alone is as one that found nothing: no all-clear from it.
  for (const w of leftOut.length === 0 ? [] : walked) {
    const n = leftOut.filter(w.holds).length;
    if (n === 0 || [...files.keys()].some(w.holds)) continue;
    const what = `${n} earlier report${n === 1 ? '' : 's'} of mxscan's, left out`;
    missing.push({ path: w.path, message: w.glob ? `no file to scan matches this pattern (only ${what})` : `directory holds no files to scan (only ${what})` });
  }
  // Two inputs may name one file (a directory and a link to it, a glob and a file in it): read once.
  const inputs: Input[] = [...(linked || args.length > 1 ? await onePathEach(files) : files)].map(([p, file]) => ({ path: p, file }));
  for (const p of pipes) if (!inputs.some((i) => i.path === p.path)) inputs.push(p);
  if (stdin) inputs.push({ path: STDIN_PATH });
  inputs.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const labels = opts.label === undefined ? { inputs, missing } : labelled(inputs, missing, opts.label);
  const found = opts.shard === undefined ? labels : await sliced(labels.inputs, labels.missing, opts.shard);
  return leftOut.length === 0 ? found : { ...found, leftOut: leftOut.sort() };
}

/** `--label NAME`: standard input is called NAME, and every file (or missing input) NAME:path. */
function labelled(inputs: Input[], missing: Missing[], label: string): Discovered {
  const name = (p: string): string => `${label}:${p}`;
  return {
    inputs: inputs.map((i) => (i.file === undefined ? { ...i, path: label } : { ...i, path: name(i.path) })).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    missing: missing.map((m) => ({ ...m, path: name(m.path) })),
  };
}

/**
 * `--shard I/N`: the shard's slice of the files, by size (see sliceShard). What gave nothing to read is
 * reported by shard 1 only, so that the merged report lists it once.
 */
async function sliced(inputs: Input[], missing: Missing[], shard: Shard): Promise<Discovered> {
  if (inputs.some((i) => i.file === undefined)) {
    throw new ScanError('USAGE', '--shard slices files; standard input cannot be sliced (name each stream with --label instead)');
  }
  const sized: (Input & { size: number })[] = [];
  for (let k = 0; k < inputs.length; k += 256) {
    const batch = inputs.slice(k, k + 256);
    const sizes = await Promise.all(batch.map((i) => stat(i.file!).then((s) => s.size, () => 0)));
    batch.forEach((i, j) => sized.push({ ...i, size: sizes[j]! }));
  }
  const digest = inputsDigest([...sized, ...missing.map((m) => ({ path: m.path, size: -1 }))]);
  return {
    inputs: sliceShard(sized, shard).map(({ size: _size, ...i }) => i),
    missing: shard.index === 1 ? missing : [],
    shard: { ...shard, inputs: digest },
  };
}

/**
 * Every regular file under a directory (into `out`); returns true when a symbolic link was followed.
 * Unreadable subdirectories are added to `missing`.
 */
async function walkDirectory(
  root: string,
  exclude: readonly string[],
  missing: Missing[],
  cwd: string,
  out: Map<string, string>,
  visited: Set<string> = new Set(),
): Promise<boolean> {
  const real = await realpath(root).catch(() => root);
  if (visited.has(real)) return true;
  visited.add(real);
  let linked = false;
  try {
    await access(root, constants.R_OK | constants.X_OK);
  } catch {
    missing.push({ path: displayPath(root, cwd), message: 'permission denied' });
    return false;
  }
  const entries =
    exclude.length === 0
      ? entriesUnder(root)
      : await (await loadGlob())(['**/*'], {
          cwd: root,
          dot: false,
          onlyFiles: false,
          followSymbolicLinks: false,
          objectMode: true,
          suppressErrors: true,
          ignore: [...exclude],
        });
  // Entries are named under the root's display path (fast-glob's paths use `/`): one path.relative per walk,
  // unless the working directory lies below the root (then a path may lead back through it).
  const base = displayPath(root, cwd);
  const up = path.relative(root, cwd);
  const below = up !== '' && up !== '..' && !up.startsWith('..' + path.sep) && !path.isAbsolute(up);
  const show = (p: string): string => (below ? displayPath(path.join(root, p), cwd) : base === '.' ? p : `${base}/${p}`);
  // Entry paths are normalised (no `.` or `..`, no doubled `/`): joined by hand, not by path.join per file.
  const under = root.endsWith(path.sep) ? root : root + path.sep;
  for (const entry of entries) {
    const abs = under + (path.sep === '/' ? entry.path : entry.path.split('/').join(path.sep));
    const d = entry.dirent;
    if (d.isFile()) out.set(show(entry.path), abs);
    else if (d.isDirectory()) {
      // fast-glob skips what it cannot read without a word: say so. Synchronously: a trip to the thread pool
      // per directory cost more than the walk (500 directories for 20,000 files).
      if (!canEnter(abs)) missing.push({ path: displayPath(abs, cwd), message: 'permission denied (directory)' });
    } else if (d.isSymbolicLink()) {
      linked = true;
      const target = await stat(abs).catch(() => undefined);
      if (target?.isFile() === true) out.set(displayPath(abs, cwd), abs);
      else if (target?.isDirectory() === true) await walkDirectory(abs, exclude, missing, cwd, out, visited);
    }
  }
  return linked;
}

/**
 * The directories a glob would go through (its pattern's directory part, as a glob of directories, and the
 * base it starts from) that cannot be listed and entered: absolute paths.
 */
async function unreadableUnder(fg: Awaited<ReturnType<typeof loadGlob>>, pattern: string, cwd: string, exclude: readonly string[]): Promise<string[]> {
  const dirs = path.posix.dirname(pattern.split(path.sep).join('/'));
  const base = fg.generateTasks([pattern])[0]?.base ?? '.';
  const out = [path.resolve(cwd, base)].filter(isDenied);
  if (out.length > 0 || !fg.isDynamicPattern(dirs)) return out;
  const found = await fg([dirs], { cwd, dot: false, onlyDirectories: true, followSymbolicLinks: false, suppressErrors: true, ignore: [...exclude], unique: true });
  for (const d of found) if (isDenied(path.join(cwd, d))) out.push(path.join(cwd, d));
  return out;
}

/** True when a directory is there but cannot be listed and entered (one that is not there is no match, said once). */
function isDenied(dir: string): boolean {
  const code = enterError(dir);
  return code === 'EACCES' || code === 'EPERM';
}

/** True when a directory can be listed and entered. */
const canEnter = (dir: string): boolean => enterError(dir) === undefined;

/** Why a directory cannot be listed and entered (its error's code), or undefined when it can. */
function enterError(dir: string): string | undefined {
  try {
    accessSync(dir, constants.R_OK | constants.X_OK);
    return undefined;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code ?? 'UNKNOWN';
  }
}

/**
 * Every entry under a directory, as fast-glob's walk of every path gives them (relative, with `/`), without
 * loading it: hidden entries and what lies under them left out, symbolic links not followed, a directory that
 * cannot be read passed over (the walk's caller reports it).
 */
function entriesUnder(root: string): { path: string; dirent: Dirent }[] {
  const out: { path: string; dirent: Dirent }[] = [];
  const walk = (dir: string, rel: string): void => {
    let list: Dirent[];
    try {
      list = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    // In path order (a directory's name as if followed by `/`): the walk then finds files in the order the
    // inputs are sorted in, and that sort has next to nothing left to do.
    list.sort((a, b) => (sortName(a) < sortName(b) ? -1 : 1));
    for (const dirent of list) {
      if (dirent.name.startsWith('.')) continue;
      const p = rel === '' ? dirent.name : `${rel}/${dirent.name}`;
      out.push({ path: p, dirent });
      if (dirent.isDirectory()) walk(path.join(dir, dirent.name), p);
    }
  };
  walk(root, '');
  return out;
}

const sortName = (d: Dirent): string => (d.isDirectory() ? d.name + '/' : d.name);

/**
 * An --exclude pattern as .gitignore and ripgrep read one: a trailing `/` names a directory, and a pattern
 * with no `/` in it matches at any depth (`node_modules`, `node_modules/` and `*.gz` leave out every one,
 * not only those at the top of the walk).
 */
export function excludePattern(p: string): string {
  const name = p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
  return name.includes('/') ? name : `**/${name}`;
}

/** One display path per file (the first in path order), when links or two inputs may reach a file twice: a hard link too (device and inode). */
async function onePathEach(files: Map<string, string>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const seen = new Set<string>();
  for (const p of [...files.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const file = files.get(p)!;
    const st = await stat(file, { bigint: true }).catch(() => undefined);
    const real = st === undefined ? await realpath(file).catch(() => file) : `${st.dev}:${st.ino}`;
    if (seen.has(real)) continue;
    seen.add(real);
    out.set(p, file);
  }
  return out;
}

/**
 * Names as typed, each glob among them (quoted, so that mxscan expands it) replaced by the files it matches,
 * sorted (`mxscan merge 'parts/*.json'`); a glob that matches nothing is kept, for its reader to say so.
 */
export async function expandGlobs(names: readonly string[], cwd: string): Promise<string[]> {
  const out: string[] = [];
  for (const n of names) {
    const fg = n === '-' ? undefined : await loadGlob();
    const found = fg !== undefined && fg.isDynamicPattern(n) ? (await fg([n.split(path.sep).join('/')], { cwd, dot: false, onlyFiles: true, unique: true })).sort() : [];
    out.push(...(found.length > 0 ? found : [n]));
  }
  return out;
}

/**
 * Is `file` (absolute, as a walk or a glob found it) one of `leaveOut` (absolute paths, real ones among them):
 * by its path, or — for a file named like one of them — by its real path (a directory walked through a
 * symbolic link finds them under another name). Only such files are resolved: a walk of 20,000 files costs
 * no more calls.
 */
function isLeftOut(leaveOut: ReadonlySet<string>, file: string): boolean {
  if (leaveOut.has(file)) return true;
  let names = baseNames.get(leaveOut);
  if (names === undefined) baseNames.set(leaveOut, (names = new Set([...leaveOut].map((p) => path.basename(p)))));
  if (!names.has(path.basename(file))) return false;
  try {
    return leaveOut.has(realpathSync(file));
  } catch {
    return false;
  }
}
const baseNames = new WeakMap<ReadonlySet<string>, Set<string>>();
