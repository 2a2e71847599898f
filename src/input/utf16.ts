// UTF-16 input (PowerShell's `>` and Out-File, Excel's "Unicode text", Windows' event exports) transcoded to
// UTF-8 on the way in, chunk by chunk, as the WHATWG decoder reads it: a lone surrogate, or an odd byte at
// the end, is U+FFFD, and a byte-order mark that starts the text is dropped.
import { transcode } from 'node:buffer';

export type Utf16 = 'utf-16le' | 'utf-16be';

/** UTF-8's byte-order mark: U+FEFF, dropped where it starts the text (as TextDecoder drops it). */
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Is the code unit at i (of two bytes) the first of a surrogate pair? */
function isHigh(b: Buffer, i: number, encoding: Utf16): boolean {
  const hi = encoding === 'utf-16le' ? b[i + 1]! : b[i]!;
  return hi >= 0xd8 && hi <= 0xdb;
}

/**
 * UTF-8 of whole code units (no pair cut at either end). Node's transcoder (ICU) converts valid text several
 * times as fast as a decoder to a string and back, without the string; it refuses a lone surrogate, which
 * TextDecoder then reads (U+FFFD for it), the piece alone. A leading U+FEFF is kept: only the text's start drops one.
 */
function unitsToUtf8(units: Buffer, encoding: Utf16): Buffer {
  // Big-endian units are swapped into a copy: the source's buffer is not ours to change.
  const le = encoding === 'utf-16le' ? units : Buffer.from(units).swap16();
  try {
    return transcode(le, 'utf16le', 'utf8');
  } catch {
    return Buffer.from(new TextDecoder('utf-16le', { ignoreBOM: true }).decode(le), 'utf8');
  }
}

/**
 * Transcodes UTF-16 to UTF-8, chunk by chunk: a code unit or surrogate pair split across chunks is held
 * whole for the next one; a chunk that completes no character gives no chunk.
 */
export async function* utf16ToUtf8(source: AsyncIterable<Buffer>, encoding: Utf16): AsyncGenerator<Buffer> {
  // The bytes after the last whole character: an odd byte, a pair's first unit (copied: a source may reuse its buffers).
  let held: Buffer | undefined;
  let start = true;
  for await (const chunk of source) {
    const b = held === undefined ? chunk : Buffer.concat([held, chunk]);
    let n = b.length & ~1;
    if (n >= 2 && isHigh(b, n - 2, encoding)) n -= 2;
    held = n < b.length ? Buffer.from(b.subarray(n)) : undefined;
    if (n === 0) continue;
    let out = unitsToUtf8(b.subarray(0, n), encoding);
    if (start) {
      start = false;
      if (out.subarray(0, 3).equals(BOM)) out = out.subarray(3);
    }
    if (out.length > 0) yield out;
  }
  // What is left is no character: U+FFFD for it, as the decoder's end gives (none for a mark: the text has started).
  if (held !== undefined) {
    const tail = new TextDecoder(encoding, { ignoreBOM: true }).decode(held);
    if (tail.length > 0) yield Buffer.from(tail, 'utf8');
  }
}
