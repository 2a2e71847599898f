import type { FileStat } from '../model/stats.js';

// The first bytes of a stream read once (standard input, a pipe), kept as it is scanned: a file's notes
// read its head again (src/commands/input-notes.ts), a stream's only what was kept of it.

/** Bytes of a stream read once kept for the notes (as many as they read of a file: see input-notes.ts). */
export const HEAD_KEPT = 1 << 20;
const heads = new WeakMap<FileStat, { chunks: Buffer[]; size: number; add(c: Buffer): void }>();

/** The keeper of a stream's first bytes, for its stat. */
export function keptHead(stat: FileStat): { size: number; add(c: Buffer): void } {
  const h = {
    chunks: [] as Buffer[],
    size: 0,
    add(c: Buffer): void {
      const part = c.subarray(0, HEAD_KEPT - h.size);
      h.chunks.push(Buffer.from(part));
      h.size += part.length;
    },
  };
  heads.set(stat, h);
  return h;
}

/**
 * The first bytes (up to 1 MiB) of an input read once as a stream (standard input, a pipe), as they were
 * scanned (gunzipped, decoded), when this thread read it: what the notes would read again of a file.
 */
export function streamHead(stat: FileStat): Buffer | undefined {
  const h = heads.get(stat);
  return h === undefined ? undefined : Buffer.concat(h.chunks);
}
