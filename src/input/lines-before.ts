import { open, type FileHandle } from 'node:fs/promises';

const BLOCK = 1 << 16;
const NL = 0x0a;

/** A line of a file, met walking back from a point: where it starts and ends, and a reader of its bytes. */
export interface LineBefore {
  /** Its first byte. */
  readonly start: number;
  /** Its `\n` (or the point the walk started from): the line's bytes are start … end - 1. */
  readonly end: number;
  /** Reads up to `n` bytes of the file from `from` into the start of `buf`; the number read. */
  read(buf: Buffer, n: number, from: number): Promise<number>;
}

/**
 * The lines of a file before `start` (a line start), the last first. Each is found by reading back to the
 * `\n` before it, one block at a time, so a line is never held whole: the caller reads what it needs of it.
 * The file stays open while the lines are walked and is closed when the walk ends or is left.
 */
export async function* linesBefore(file: string, start: number): AsyncGenerator<LineBefore> {
  const fh = await open(file, 'r');
  try {
    const read = async (buf: Buffer, n: number, from: number): Promise<number> => (await fh.read(buf, 0, n, from)).bytesRead;
    // The line before ends at its `\n`, just before `end`.
    for (let end = start; end > 0; ) {
      const ls = await lineStart(fh, end - 1);
      yield { start: ls, end: end - 1, read };
      end = ls;
    }
  } finally {
    await fh.close();
  }
}

/** Where the line that ends at `le` starts: just after the `\n` before it, or 0. */
async function lineStart(fh: FileHandle, le: number): Promise<number> {
  const buf = Buffer.allocUnsafe(BLOCK);
  for (let to = le; to > 0; ) {
    const from = Math.max(0, to - BLOCK);
    const { bytesRead } = await fh.read(buf, 0, to - from, from);
    const nl = buf.subarray(0, bytesRead).lastIndexOf(NL);
    if (nl !== -1) return from + nl + 1;
    to = from;
  }
  return 0;
}
