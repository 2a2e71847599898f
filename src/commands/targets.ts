import { realpathSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { ScanError } from '../errors.js';
import type { Input } from '../input/open.js';
import type { FileStat } from '../model/stats.js';
import { fsReason, writeAtomic } from '../write.js';

/**
 * The real paths of the scanned inputs the existing file whose real path is `target`, of `size` bytes, may be:
 * those of that size when scanned (or not read whole) and the one named by that path (a live log grows while
 * it is scanned; a report name that is a link to it), asked for only then (one call each: tens of thousands
 * cost more than a scan of as many small files).
 */
export type InputsOfSize = (size: number, target: string) => readonly string[];

/** InputsOfSize of a scan's inputs and the stats it kept of them. */
export function inputsOfSize(inputs: readonly Input[], stats: ReadonlyMap<string, FileStat>): InputsOfSize {
  return (size, target) =>
    inputs.flatMap((i) => {
      const st = stats.get(i.path);
      // An input not read whole (unreadable, binary) may be of any size.
      return i.file !== undefined && (st === undefined || st.status !== 'ok' || st.bytes === size || path.resolve(i.file) === target) ? [realPath(i.file)] : [];
    });
}

function realPath(file: string): string {
  try {
    return realpathSync.native(file);
  } catch {
    return file;
  }
}

/**
 * Refuses a report target that is one of the scanned inputs, or a directory. An input is a regular file, so
 * only a target that is one (after links) is compared with the real paths of the inputs of its size: none
 * for `-o /dev/null` or a new file, and for an earlier report seldom more than a few.
 */
export async function checkTarget(file: string, inputs: InputsOfSize): Promise<void> {
  const st = await stat(file).catch(() => undefined);
  if (st?.isFile() === true) {
    const real = await realpath(file).catch(() => path.resolve(file));
    if (inputs(st.size, real).includes(real)) throw new ScanError('USAGE', `refusing to write ${file}: it is one of the scanned inputs`);
  }
  if (st?.isDirectory() === true) throw new ScanError('USAGE', `cannot write ${file}: it is a directory`);
}

/** Writes a report file atomically, after `checkTarget`; a failure is one line, never a stack trace. */
export async function safeWrite(file: string, text: string | Iterable<string>, inputs: InputsOfSize): Promise<void> {
  await checkTarget(file, inputs);
  try {
    await writeAtomic(file, text);
  } catch (err) {
    throw new ScanError('WRITE', `cannot write ${file}: ${fsReason(err)}`);
  }
}
