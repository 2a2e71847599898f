/** Reads ahead in a stream of chunks without losing what was read. */
export class Peeker {
  private readonly buffered: Buffer[] = [];
  private size = 0;
  /** A read error met while reading ahead: raised after what was read before it (so that is counted). */
  private failure: unknown;
  /** True once the source has no more chunks (or failed). */
  done = false;
  constructor(private readonly iter: AsyncIterator<Buffer>) {}

  /** At least n bytes (fewer only at the end of the source), still to be read again by `chunks()`. */
  async head(n: number): Promise<Buffer> {
    while (this.size < n && !this.done) {
      let r: IteratorResult<Buffer>;
      try {
        r = await this.iter.next();
      } catch (err) {
        this.failure = err;
        this.done = true;
        break;
      }
      if (r.done === true) this.done = true;
      else if (r.value.length > 0) {
        this.buffered.push(r.value);
        this.size += r.value.length;
      }
    }
    if (this.buffered.length > 1) this.buffered.splice(0, this.buffered.length, Buffer.concat(this.buffered));
    return this.buffered[0] ?? Buffer.alloc(0);
  }

  /** Drops the first n bytes (a byte-order mark). */
  skip(n: number): void {
    const first = this.buffered[0];
    if (first !== undefined && n > 0) {
      this.buffered[0] = first.subarray(n);
      this.size -= n;
    }
  }

  /** Every chunk: what was read ahead, then the rest of the source. */
  async *chunks(): AsyncGenerator<Buffer> {
    for (const b of this.buffered.splice(0)) if (b.length > 0) yield b;
    if (this.failure !== undefined) throw this.failure;
    if (this.done) return;
    for (let r = await this.iter.next(); r.done !== true; r = await this.iter.next()) yield r.value;
  }
}

/** Turns `\r` line ends into `\n` (a `\r\n` pair stays one line end), for files that end lines with `\r` alone. */
export async function* crToLf(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let afterCr = false;
  for await (const chunk of source) {
    const out = Buffer.from(chunk);
    // The `\n` of a pair split across chunks is dropped.
    const n = crLines(chunk, out, afterCr && chunk[0] === 0x0a ? 1 : 0);
    if (chunk.length > 0) afterCr = chunk[chunk.length - 1] === 0x0d;
    if (n > 0) yield out.subarray(0, n);
  }
}

/**
 * chunk[from…] with its `\r`s made `\n` (the `\n` after one dropped) into `out`, a copy of it: how many bytes.
 * The `\r`s are found by indexOf and made `\n` in place (a byte at a time in JavaScript was most of such a
 * scan); only after a pair is the rest moved back. Where lines are short (blank ones, pairs close together)
 * a call per line costs more than the bytes: for DENSE_BYTES after a short line, a byte at a time.
 */
function crLines(chunk: Buffer, out: Buffer, from: number): number {
  const end = chunk.length;
  let i = from;
  let n = 0;
  while (i < end) {
    const cr = chunk.indexOf(0x0d, i);
    const stop = cr === -1 ? end : cr;
    n = keepRun(out, n, i, stop);
    if (cr === -1) break;
    out[n++] = 0x0a;
    const short = cr - i < SHORT_LINE;
    // Never read past the end: a typed array read out of bounds sends V8's code to a slow path.
    i = cr + 1 < end && chunk[cr + 1] === 0x0a ? cr + 2 : cr + 1;
    if (!short) continue;
    for (const until = Math.min(end, i + DENSE_BYTES); i < until; i++) {
      const c = chunk[i]!;
      if (c !== 0x0d) out[n++] = c;
      else {
        out[n++] = 0x0a;
        if (i + 1 < end && chunk[i + 1] === 0x0a) i++;
      }
    }
  }
  return n;
}

/** A line shorter than this sends crLines a byte at a time for DENSE_BYTES. */
const SHORT_LINE = 32;
const DENSE_BYTES = 4096;

/**
 * Keeps the bytes [from, to) of `out` at n, in `out` itself: a copy of its input taken out of (n ≤ from), each
 * run kept moved back over what was dropped before it (none moved while nothing was). The new n.
 */
export function keepRun(out: Buffer, n: number, from: number, to: number): number {
  if (n !== from && to > from) out.copyWithin(n, from, to);
  return n + to - from;
}

/** Counts the bytes that pass. */
export async function* counted(source: AsyncIterable<Buffer>, count: (n: number) => void): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    count(chunk.length);
    yield chunk;
  }
}
