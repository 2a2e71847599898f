import { realpath, stat } from 'node:fs/promises';
import { ScanError } from '../errors.js';
import { fsReason, writeAtomic } from '../write.js';

/** Refuses a report target that is one of the scanned inputs, or a directory. */
export async function checkTarget(file: string, inputs: readonly string[]): Promise<void> {
  const target = await realpath(file).catch(() => file);
  if (inputs.includes(target)) throw new ScanError('USAGE', `refusing to write ${file}: it is one of the scanned inputs`);
  const st = await stat(file).catch(() => undefined);
  if (st?.isDirectory() === true) throw new ScanError('USAGE', `cannot write ${file}: it is a directory`);
}

/** Writes a report file atomically, after `checkTarget`; a failure is one line, never a stack trace. */
export async function safeWrite(file: string, text: string | Iterable<string>, inputs: readonly string[]): Promise<void> {
  await checkTarget(file, inputs);
  try {
    await writeAtomic(file, text);
  } catch (err) {
    throw new ScanError('WRITE', `cannot write ${file}: ${fsReason(err)}`);
  }
}
