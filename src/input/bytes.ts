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
    // A copy made at once, its `\r`s found by indexOf and made `\n` in place: a byte at a time in JavaScript
    // was most of such a scan. Only after a `\r\n` pair (its `\n` dropped) is the rest moved back.
    const out = Buffer.from(chunk);
    // The `\n` of a pair split across chunks is dropped.
    let from = afterCr && chunk[0] === 0x0a ? 1 : 0;
    let n = 0;
    for (let cr = chunk.indexOf(0x0d, from); cr !== -1; cr = chunk.indexOf(0x0d, from)) {
      if (n !== from) out.copyWithin(n, from, cr);
      n += cr - from;
      out[n++] = 0x0a;
      from = chunk[cr + 1] === 0x0a ? cr + 2 : cr + 1;
    }
    if (n !== from) out.copyWithin(n, from);
    n += chunk.length - from;
    if (chunk.length > 0) afterCr = chunk[chunk.length - 1] === 0x0d;
    if (n > 0) yield out.subarray(0, n);
  }
}

/** Counts the bytes that pass. */
export async function* counted(source: AsyncIterable<Buffer>, count: (n: number) => void): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    count(chunk.length);
    yield chunk;
  }
}
