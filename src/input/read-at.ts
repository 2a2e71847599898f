import { closeSync, openSync, readSync } from 'node:fs';

/**
 * Up to `length` bytes of a file from `position`. Synchronous: a MiB from the page cache takes a fraction of
 * a millisecond, where a read handed to the thread pool may wait behind a worker booting, or two threads
 * scanning, on the cores.
 */
export function readAt(file: string, position: number, length: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(length);
    return buf.subarray(0, readSync(fd, buf, 0, length, position));
  } finally {
    closeSync(fd);
  }
}
