import { rmSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

let counter = 0;
/** Temporary files being written right now: removed if the run is interrupted. */
const pending = new Set<string>();

/**
 * Writes a file atomically: the text goes to a temporary file beside it, which is then renamed over the
 * target, so a reader (or an interrupted run) sees the previous file or the new one, never half of one.
 */
export async function writeAtomic(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${counter++}.tmp`);
  pending.add(tmp);
  try {
    await writeFile(tmp, text, { flag: 'wx' });
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  } finally {
    pending.delete(tmp);
  }
}

/** Removes the temporary files of writes cut short (called when the process is interrupted). */
export function removePendingWrites(): void {
  for (const tmp of pending) rmSync(tmp, { force: true });
  pending.clear();
}
