// NUL bytes in a text input past its first bytes: text a Windows tool appended as UTF-16 without a
// byte-order mark (Windows PowerShell 5.1's `>>` onto a log another program writes), or padding a service
// wrote ahead of its lines. Taken out on the way in, UTF-16 text of ASCII reads as itself (its codes
// count) and padding as nothing; the file's stat says how many were taken out.
import type { FileStat } from '../model/stats.js';

/**
 * Takes the NUL bytes out of buf[s, e) in place, counting them in `stat.nulBytes`: returns the new end.
 * Buffer's indexOf (memchr) finds none in a chunk of text at a few GB/s: nothing else is done then.
 */
export function dropNuls(buf: Buffer, s: number, e: number, stat: FileStat): number {
  const first = buf.subarray(s, e).indexOf(0);
  if (first === -1) return e;
  let w = s + first;
  for (let r = w + 1; r < e; r++) {
    const c = buf[r]!;
    if (c !== 0) buf[w++] = c;
  }
  stat.nulBytes = (stat.nulBytes ?? 0) + (e - w);
  return w;
}

/** A chunk without its NUL bytes (the chunk itself when it has none; a copy otherwise: a stream's chunk is not ours to change). */
export function withoutNuls(chunk: Buffer, stat: FileStat): Buffer {
  if (chunk.indexOf(0) === -1) return chunk;
  const copy = Buffer.from(chunk);
  return copy.subarray(0, dropNuls(copy, 0, copy.length, stat));
}
