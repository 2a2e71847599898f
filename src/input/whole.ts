import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** A regular file up to this size is read whole, at once; a larger one is read as it is scanned. */
export const WHOLE_FILE = 1 << 20;

/** Spare buffers by size, kept for the next file: a scan of many files allocates them once, not per file. */
const spare = new Map<number, Buffer[]>();

/** A buffer of `size` bytes (contents undefined) until it is given back. */
export function borrowBuffer(size: number): Buffer {
  return spare.get(size)?.pop() ?? Buffer.allocUnsafe(size);
}

/** Gives a borrowed buffer back (nothing may use it after). */
export function returnBuffer(buf: Buffer): void {
  const list = spare.get(buf.length) ?? [];
  // Files are scanned one after the other in a thread: a few are plenty.
  if (list.length < 4) list.push(buf);
  spare.set(buf.length, list);
}

/** A file's bytes, in a borrowed buffer to be given back with `release` once they are scanned. */
export interface Whole {
  readonly bytes: Buffer;
  /** Its modification time (ms), from the same stat: no second one per file. */
  readonly modified: number;
  release(): void;
}

/**
 * Reads a small regular file whole with one open and (usually) one read: synchronously, since a read of a
 * few KiB costs less than the round trip to the thread pool that an asynchronous one takes. Undefined for
 * anything else — a file over WHOLE_FILE bytes (or grown past it since it was measured), a directory, a
 * FIFO (opened without blocking, never read) — which is then read as a stream. Throws what opening throws
 * (no such file, permission denied), as a stream would.
 */
export function readWhole(file: string): Whole | undefined {
  const fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.size >= WHOLE_FILE) return undefined;
    const buf = borrowBuffer(WHOLE_FILE);
    let len = 0;
    // To the end of the file as it is now: one that shrank since it was measured ends early, one that grew
    // is read as it is unless it no longer fits. Fewer bytes than asked once its measured size is in: its
    // end, with no read more to learn that (a short read before that may be a file system's, read on).
    while (len < WHOLE_FILE) {
      const want = WHOLE_FILE - len;
      const n = readSync(fd, buf, len, want, len);
      len += n;
      if (n === 0 || (n < want && len >= st.size)) break;
    }
    if (len >= WHOLE_FILE) {
      returnBuffer(buf);
      return undefined;
    }
    return { bytes: buf.subarray(0, len), modified: st.mtimeMs, release: () => returnBuffer(buf) };
  } finally {
    closeSync(fd);
  }
}
