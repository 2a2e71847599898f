import { constants, rmSync } from 'node:fs';
import { chmod, lstat, mkdir, open, readlink, realpath, rename, rm, stat, writeFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

let counter = 0;
/** Temporary files being written right now: removed if the run is interrupted. */
const pending = new Set<string>();

/**
 * Writes a file atomically: the text goes to a temporary file beside it, which is then renamed over the
 * target, so a reader (or an interrupted run) sees the previous file or the new one, never half of one.
 * A symbolic link is followed (the file it points to is replaced, never the link); a target that is not a
 * regular file (a device such as /dev/null, a FIFO) or that names a file descriptor (/dev/stdout) is
 * written in place, as a shell's `>` would: replacing it would destroy the device or cut the stream.
 */
export async function writeAtomic(file: string, text: string | Iterable<string>): Promise<void> {
  const target = await resolveTarget(file);
  if (target.inPlace) return writeInPlace(target.path, text);
  await replaceFile(target.path, text);
}

/** Where a write lands: the final path after symbolic links, and whether it is written in place. */
async function resolveTarget(file: string): Promise<{ path: string; inPlace: boolean }> {
  let p = path.resolve(file);
  for (let hops = 0; hops < 40; hops++) {
    const st = await lstat(p).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return undefined;
      throw err;
    });
    if (st === undefined) return { path: p, inPlace: false }; // nothing there yet: a new file
    if (!st.isSymbolicLink()) return { path: p, inPlace: !st.isFile() && !st.isDirectory() };
    // /proc/self/fd/1 links to "pipe:[…]" or to a file the shell opened: the stream, not a path to replace.
    if (FD_LINK.test(p)) return { path: p, inPlace: true };
    // Resolved against the link's real directory, so a `..` in the link means what the kernel takes it to.
    p = path.resolve(await realpath(path.dirname(p)), await readlink(p));
  }
  throw Object.assign(new Error('too many levels of symbolic links'), { code: 'ELOOP' });
}

const FD_LINK = /^\/(proc\/[^/]+|dev)\/fd\/\d+$/;

/** Writes into an existing device, FIFO or descriptor; appends, so text already on the stream stays. */
async function writeInPlace(file: string, text: string | Iterable<string>): Promise<void> {
  // No O_CREAT: if the device went away meanwhile, fail rather than make a regular file in its place.
  const fh = await open(file, constants.O_WRONLY | constants.O_APPEND);
  try {
    for (const piece of typeof text === 'string' ? [text] : text) await writeAll(fh, piece);
  } finally {
    await fh.close();
  }
}

/**
 * Writes all of a piece: a write may take fewer bytes than it was given (a disk filling up takes what fits
 * and fails only on the next write), so the rest is written again until it is all taken or a write fails.
 */
async function writeAll(fh: FileHandle, piece: string): Promise<void> {
  const bytes = Buffer.from(piece);
  for (let at = 0; at < bytes.length; ) {
    const { bytesWritten } = await fh.write(bytes, at, bytes.length - at);
    if (bytesWritten === 0) throw Object.assign(new Error('no space left on the device'), { code: 'ENOSPC' });
    at += bytesWritten;
  }
}

async function replaceFile(file: string, text: string | Iterable<string>): Promise<void> {
  await makeDirs(path.dirname(file));
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${counter++}.tmp`);
  pending.add(tmp);
  try {
    // Text given in pieces is written piece by piece: a large file is never one string in memory.
    await (typeof text === 'string' ? writeFile(tmp, text, { flag: 'wx' }) : writePieces(tmp, text)).catch((err: NodeJS.ErrnoException) => {
      // The directory exists (made above), so ENOENT means it takes no new files (/proc).
      throw err.code === 'ENOENT' ? new DirectoryError(`${path.dirname(file)} does not accept new files`) : err;
    });
    // A file written over keeps its permissions (a report kept private stays so).
    const old = await stat(file).catch(() => undefined);
    if (old?.isFile() === true) await chmod(tmp, old.mode & 0o7777);
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  } finally {
    pending.delete(tmp);
  }
}

async function writePieces(file: string, pieces: Iterable<string>): Promise<void> {
  const fh = await open(file, 'wx');
  try {
    for (const piece of pieces) await writeAll(fh, piece);
  } finally {
    await fh.close();
  }
}

/** Removes the temporary files of writes cut short (called when the process is interrupted). */
export function removePendingWrites(): void {
  for (const tmp of pending) rmSync(tmp, { force: true });
  pending.clear();
}

/** A directory that could not be made; its message says why in a few words. */
export class DirectoryError extends Error {
  override readonly name = 'DirectoryError';
}

/**
 * Creates a directory and its missing parents one at a time. Not `mkdir(…, { recursive: true })`: on a
 * pseudo-filesystem such as /proc that spins forever at full CPU instead of failing.
 */
export async function makeDirs(dir: string): Promise<void> {
  const missing: string[] = [];
  let d = path.resolve(dir);
  for (;;) {
    const st = await stat(d).catch((err: NodeJS.ErrnoException) => {
      // ENOTDIR: a parent is a file; going up finds which.
      if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return undefined;
      throw err;
    });
    if (st !== undefined) {
      if (!st.isDirectory()) throw new DirectoryError(`${d} is not a directory`);
      break;
    }
    if (path.dirname(d) === d) break;
    missing.push(d);
    d = path.dirname(d);
  }
  for (const m of missing.reverse()) {
    await mkdir(m).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'EEXIST') return; // made meanwhile by another run
      // The parent exists (it was just found or made), so ENOENT means it takes no new entries (/proc).
      if (err.code === 'ENOENT') throw new DirectoryError(`${path.dirname(m)} does not accept new directories`);
      throw new DirectoryError(`cannot create ${m}: ${fsReason(err)}`);
    });
  }
}

/** Why a file operation failed, in a few words for a one-line message (the caller names the file). */
export function fsReason(err: unknown): string {
  if (err instanceof DirectoryError) return err.message;
  const e = err as NodeJS.ErrnoException;
  switch (e.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOTDIR':
      return 'a parent is not a directory';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      // Node ends its messages with the call and a path (", open '/x/.report.md.1.tmp'"): leave them out.
      return String(e.message ?? err).split('\n')[0]!.replace(/, [a-z]+ '.*'$/, '');
  }
}
