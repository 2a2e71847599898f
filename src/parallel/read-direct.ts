// A file (or a byte range of it) read straight into a fast scanner's buffer, chunk by chunk, as far as the
// range's claim lets this thread (the rest of a range may be taken by another thread: see claim.ts).
import { open } from 'node:fs/promises';
import { readSync } from 'node:fs';
import type { ChunkBuffer } from '../fast/chunk-buffer.js';
import type { Opened } from '../input/open.js';
import { borrowBuffer, returnBuffer } from '../input/whole.js';
import type { FileStat } from '../model/stats.js';
import { dropNuls } from '../input/nul-bytes.js';
import type { RangeClaim } from './claim.js';
import type { JsonShape } from '../input/json-shape.js';
import { yamlAsJson } from '../input/yaml.js';

const DIRECT_CHUNK = 1 << 20;
type Direct = NonNullable<Opened['direct']>;

/** A file that ended before the size it had when opened (rotated with copytruncate, truncated): not read whole. */
export class ShrankError extends Error {
  constructor(
    readonly opened: number,
    readonly read: number,
  ) {
    super(`shrank while it was read (${opened} bytes when opened, it ended at ${read}: rotated or truncated?); what was read before is counted`);
  }
}

/** Throws ShrankError when a read at pos found the end before the file's size when opened (and before the range's end). */
function endedAt(d: Direct, pos: number, size: number): void {
  if (pos < Math.min(size, d.end ?? Infinity)) throw new ShrankError(size, pos);
}

/** How many bytes to read at pos: a chunk, less at the end of the range (0 or less: none), as the claim allows. */
const chunkAt = (d: Direct, pos: number, claim?: RangeClaim): number => claim?.take(pos, DIRECT_CHUNK) ?? Math.min(DIRECT_CHUNK, (d.end ?? Infinity) - pos);

/** Reads a file (or a byte range of it) into a fast scanner's buffer, chunk by chunk, reading ahead. */
export async function readAhead(d: Direct, scanner: ChunkBuffer, stat: FileStat, progress: () => void, claim?: RangeClaim): Promise<void> {
  const fh = await open(d.file, 'r');
  const size = await fh.stat().then((st) => st.size, () => 0);
  // Two buffers in turn: the next chunk is read while this one is scanned (kept for the next file).
  const stages = [borrowBuffer(DIRECT_CHUNK), borrowBuffer(DIRECT_CHUNK)];
  let k = 0;
  let pos = d.start;
  const next = (): Promise<{ bytesRead: number; buffer: Buffer }> | undefined => {
    const want = chunkAt(d, pos, claim);
    if (want <= 0) return undefined;
    const read = fh.read(stages[k]!, 0, want, pos);
    k ^= 1;
    return read;
  };
  let pending = next();
  try {
    while (pending !== undefined) {
      const { bytesRead, buffer } = await pending;
      if (bytesRead === 0) {
        endedAt(d, pos, size);
        break;
      }
      pos += bytesRead;
      pending = next();
      stat.bytes += bytesRead;
      stat.expandedBytes += bytesRead;
      scanner.push(buffer.subarray(0, dropNuls(buffer, 0, bytesRead, stat)));
      progress();
    }
  } finally {
    // Let a read still under way finish before the file is closed.
    await pending?.catch(() => undefined);
    await fh.close();
    for (const b of stages) returnBuffer(b);
  }
}

/**
 * Reads a file (or a byte range of it) chunk by chunk, as far as the claim lets this thread, each into the
 * buffer `room` gives for it; yields where each read's bytes are, counted in the stat.
 */
async function* chunksInto(d: Direct, stat: FileStat, room: (want: number) => { buffer: Buffer; offset: number }, claim?: RangeClaim): AsyncGenerator<{ buffer: Buffer; offset: number; n: number }> {
  const fh = await open(d.file, 'r');
  try {
    const size = await fh.stat().then((st) => st.size, () => 0);
    for (let pos = d.start; ; ) {
      const want = chunkAt(d, pos, claim);
      if (want <= 0) break;
      const { buffer, offset } = room(want);
      const n = readSync(fh.fd, buffer, offset, want, pos);
      if (n === 0) {
        endedAt(d, pos, size);
        break;
      }
      pos += n;
      stat.bytes += n;
      stat.expandedBytes += n;
      yield { buffer, offset, n };
      // Between chunks, let messages in: this thread may be handing units to workers too (see runOnWorkers).
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } finally {
    await fh.close();
  }
}

/** Reads a file (or a byte range of it) straight into a fast scanner's buffer, one chunk after the other. */
export async function readInPlace(d: Direct, scanner: ChunkBuffer, stat: FileStat, progress: () => void, claim?: RangeClaim): Promise<void> {
  for await (const { buffer, offset, n } of chunksInto(d, stat, (want) => scanner.reserve(want), claim)) {
    scanner.commit(dropNuls(buffer, offset, offset + n, stat) - offset);
    progress();
  }
}

/**
 * The chunks of a byte range of a file as far as its claim lets this thread (each a buffer of its own: a
 * reader that rewrites them, YAML's, may hold them), counted in the stat as they are read.
 */
export async function* claimedChunks(d: Direct, stat: FileStat, claim?: RangeClaim): AsyncGenerator<Buffer> {
  for await (const { buffer, n } of chunksInto(d, stat, (want) => ({ buffer: Buffer.allocUnsafe(want), offset: 0 }), claim)) {
    yield buffer.subarray(0, dropNuls(buffer, 0, n, stat));
  }
}

/**
 * A byte range of a YAML stream of documents (cut at a `---` line: see src/parallel/plan.ts) as far as its
 * claim lets this thread, its documents turned into a JSON array on the way (yamlAsJson), each range on the
 * thread that reads it. Returns the lines read (the ranges after it are numbered on by them).
 */
export async function readYamlRange(d: Direct, scanner: ChunkBuffer, stat: FileStat, maxLength: number, shape: JsonShape, progress: () => void, claim?: RangeClaim): Promise<number> {
  let lines = 0;
  const counted = async function* (): AsyncGenerator<Buffer> {
    for await (const chunk of claimedChunks(d, stat, claim)) {
      for (let nl = chunk.indexOf(0x0a); nl !== -1; nl = chunk.indexOf(0x0a, nl + 1)) lines++;
      yield chunk;
    }
  };
  for await (const json of yamlAsJson(counted(), stat, maxLength, shape)) {
    scanner.push(json);
    progress();
  }
  return lines;
}
