import type * as Zlib from 'node:zlib';

// zlib loads with the first gzip input: a scan without one (and every worker) goes without its load.
let loaded: typeof Zlib | undefined;
const zlib = (): typeof Zlib => (loaded ??= process.getBuiltinModule('node:zlib'));

/** Output pieces zlib hands over. */
const CHUNK = 256 * 1024;
/**
 * Compressed bytes handed to zlib at a time, the next only while less than AHEAD of output waits to be
 * taken: memory stays bounded (deflate expands at most about 1032×: a slice gives 16 MiB at the most),
 * however large the stream, and zlib inflates the next slice while this one's output is read.
 */
const SLICE = 16 * 1024;
const AHEAD = 4 * 1024 * 1024;

const FHCRC = 0x02;
const FEXTRA = 0x04;
const FNAME = 0x08;
const FCOMMENT = 0x10;

/** Damage, with the code zlib gives it (Z_BUF_ERROR: the data stops short; Z_DATA_ERROR: it is corrupt). */
function damage(code: 'Z_BUF_ERROR' | 'Z_DATA_ERROR', message: string): Error {
  return Object.assign(new Error(message), { code });
}

const cutShort = (): Error => damage('Z_BUF_ERROR', 'unexpected end of file');

/**
 * Decompresses gzip (RFC 1952), every member of a multi-member stream. zlib inflates each member's raw
 * deflate data and its CRC-32 and length are checked here, after its data was given: damage in a trailer
 * loses nothing, and damage inside the data loses only what zlib had not handed over when it met it (where
 * zlib's own gunzip drops the whole last piece it was working on). Bytes after the last member that do not
 * start another one are given as they are: text piped after a gzip stream is text.
 */
export async function* gunzip(source: AsyncIterable<Buffer>, named?: (name: string) => void): AsyncGenerator<Buffer> {
  const input = new Bytes(source[Symbol.asyncIterator]());
  for (let first = true; ; first = false) {
    if (!(await input.fill(2))) {
      if (first) throw cutShort();
      return;
    }
    if (input.byte(0) !== 0x1f || input.byte(1) !== 0x8b) {
      if (first) throw damage('Z_DATA_ERROR', 'incorrect header check');
      // Bytes after the gzip data that start no member: read as they are (`cat app.log.1.gz app.log |`), not
      // dropped as zlib's gunzip drops them (its "trailing garbage ignored" is a false all-clear here).
      yield* input.rest();
      return;
    }
    const name = await header(input);
    if (first && name !== undefined) named?.(name);
    let crc = 0;
    let size = 0;
    for await (const piece of inflate(input)) {
      crc = zlib().crc32(piece, crc);
      size += piece.length;
      yield piece;
    }
    if (!(await input.fill(8))) throw cutShort();
    const trailer = input.take(8);
    if (trailer.readUInt32LE(0) !== crc >>> 0) throw damage('Z_DATA_ERROR', 'incorrect data check');
    if (trailer.readUInt32LE(4) !== size % 2 ** 32) throw damage('Z_DATA_ERROR', 'incorrect length check');
  }
}

/** Reads a member's header up to its deflate data; the file name it holds (FNAME, Latin-1), if any. */
async function header(input: Bytes): Promise<string | undefined> {
  if (!(await input.fill(10))) throw cutShort();
  const h = input.take(10);
  if (h[2] !== 8) throw damage('Z_DATA_ERROR', 'unknown compression method');
  const flags = h[3]!;
  if ((flags & 0xe0) !== 0) throw damage('Z_DATA_ERROR', 'unknown header flags set');
  if ((flags & FEXTRA) !== 0) {
    if (!(await input.fill(2))) throw cutShort();
    const n = input.take(2).readUInt16LE(0);
    if (!(await input.fill(n))) throw cutShort();
    input.take(n);
  }
  let name: string | undefined;
  for (const flag of [FNAME, FCOMMENT]) {
    if ((flags & flag) === 0) continue;
    // A zero-terminated string (the name kept up to 255 bytes: it only picks a format).
    const bytes: number[] = [];
    for (;;) {
      if (!(await input.fill(1))) throw cutShort();
      const b = input.take(1)[0]!;
      if (b === 0) break;
      if (flag === FNAME && bytes.length < 255) bytes.push(b);
    }
    if (flag === FNAME) name = Buffer.from(bytes).toString('latin1');
  }
  if ((flags & FHCRC) !== 0) {
    if (!(await input.fill(2))) throw cutShort();
    input.take(2);
  }
  return name;
}

/** One member's deflate data, inflated; the bytes after it are left in `input`. */
async function* inflate(input: Bytes): AsyncGenerator<Buffer> {
  const z = zlib().createInflateRaw({ chunkSize: CHUNK });
  const out: Buffer[] = [];
  let ended = false;
  let failure: Error | undefined;
  let writing = false;
  let inputDone = false;
  let wake: (() => void) | undefined;
  const poke = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  let waiting = 0;
  z.on('data', (b: Buffer) => {
    out.push(b);
    waiting += b.length;
    poke();
  });
  z.on('end', () => {
    ended = true;
    poke();
  });
  z.on('error', (err: Error) => {
    failure = err;
    poke();
  });
  // The slices given to zlib that it may not have consumed yet (its stream can end inside one).
  const fed: Buffer[] = [];
  let fedStart = 0;
  let fedEnd = 0;
  try {
    for (;;) {
      if (!writing && !inputDone && waiting < AHEAD && failure === undefined && !ended) {
        while (fed.length > 0 && fedStart + fed[0]!.length <= z.bytesWritten) fedStart += fed.shift()!.length;
        const slice = await input.next(SLICE);
        if (slice === undefined) {
          inputDone = true;
          z.end();
        } else {
          fed.push(slice);
          fedEnd += slice.length;
          writing = true;
          z.write(slice, () => {
            writing = false;
            poke();
          });
        }
        continue;
      }
      const piece = out.shift();
      if (piece !== undefined) {
        waiting -= piece.length;
        yield piece;
        continue;
      }
      if (failure !== undefined) throw failure;
      if (ended) break;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    z.destroy();
  }
  // What zlib did not consume follows the member: give it back.
  let left = fedEnd - z.bytesWritten;
  for (let i = fed.length - 1; i >= 0 && left > 0; i--) {
    const b = fed[i]!;
    const n = Math.min(left, b.length);
    input.unshift(b.subarray(b.length - n));
    left -= n;
  }
}

/** A byte stream read as needed, with bytes that were read too early put back in front. */
class Bytes {
  private readonly queue: Buffer[] = [];
  private size = 0;
  private ended = false;

  constructor(private readonly iter: AsyncIterator<Buffer>) {}

  /** Buffers at least n bytes; false when the stream ends first. */
  async fill(n: number): Promise<boolean> {
    while (this.size < n && !this.ended) {
      const r = await this.iter.next();
      if (r.done === true) this.ended = true;
      else if (r.value.length > 0) {
        this.queue.push(r.value);
        this.size += r.value.length;
      }
    }
    return this.size >= n;
  }

  /** The buffered byte at i. */
  byte(i: number): number {
    for (const b of this.queue) {
      if (i < b.length) return b[i]!;
      i -= b.length;
    }
    return -1;
  }

  /** Takes n buffered bytes. */
  take(n: number): Buffer {
    const parts: Buffer[] = [];
    let need = n;
    while (need > 0) {
      const b = this.queue[0]!;
      if (b.length <= need) {
        parts.push(this.queue.shift()!);
        need -= b.length;
      } else {
        parts.push(b.subarray(0, need));
        this.queue[0] = b.subarray(need);
        need = 0;
      }
    }
    this.size -= n;
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts, n);
  }

  /** Up to n bytes: buffered ones first, else the next chunk of the stream; undefined at its end. */
  async next(n: number): Promise<Buffer | undefined> {
    if (this.size === 0 && !(await this.fill(1))) return undefined;
    return this.take(Math.min(n, this.queue[0]!.length));
  }

  /** Everything left: the buffered bytes, then the rest of the stream. */
  async *rest(): AsyncGenerator<Buffer> {
    while (this.queue.length > 0) {
      const b = this.queue.shift()!;
      this.size -= b.length;
      yield b;
    }
    for (let r = await this.iter.next(); r.done !== true; r = await this.iter.next()) if (r.value.length > 0) yield r.value;
  }

  /** Puts bytes back in front. */
  unshift(b: Buffer): void {
    if (b.length === 0) return;
    this.queue.unshift(b);
    this.size += b.length;
  }
}
