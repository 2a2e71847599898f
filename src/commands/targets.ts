import { realpath, stat } from 'node:fs/promises';
import { ScanError } from '../errors.js';
import { fsReason, writeAtomic } from '../write.js';

/**
 * Refuses a report target that is one of the scanned inputs, or a directory. An input is a regular file, so
 * only a target that is one (after links) is compared with the inputs' real paths, which are asked for then:
 * one call per input, a tenth of a second for 20,000 files, that `-o /dev/null` or a new file never needs.
 */
export async function checkTarget(file: string, inputs: () => readonly string[]): Promise<void> {
  const st = await stat(file).catch(() => undefined);
  if (st?.isFile() === true && inputs().includes(await realpath(file).catch(() => file))) {
    throw new ScanError('USAGE', `refusing to write ${file}: it is one of the scanned inputs`);
  }
  if (st?.isDirectory() === true) throw new ScanError('USAGE', `cannot write ${file}: it is a directory`);
}

/** Writes a report file atomically, after `checkTarget`; a failure is one line, never a stack trace. */
export async function safeWrite(file: string, text: string | Iterable<string>, inputs: () => readonly string[]): Promise<void> {
  await checkTarget(file, inputs);
  try {
    await writeAtomic(file, text);
  } catch (err) {
    throw new ScanError('WRITE', `cannot write ${file}: ${fsReason(err)}`);
  }
}
