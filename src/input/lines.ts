import { Readable, Transform, pipeline, type TransformCallback } from 'node:stream';
import split2 from 'split2';

/** One line of a file. */
export interface Line {
  /** 1-based line number. */
  readonly line: number;
  /** Without its `\n` or `\r\n`. */
  readonly text: string;
  /** Longer than the limit: its bytes were dropped unread. */
  readonly skipped: boolean;
}

/**
 * Splits a byte stream into lines with split2. A line longer than `maxLength` bytes is dropped as it
 * streams (never buffered) and yielded as skipped, so line numbers stay right and memory stays flat.
 */
export async function* readLines(source: AsyncIterable<Buffer>, maxLength: number): AsyncGenerator<Line> {
  const limiter = new LineLimiter(maxLength);
  let line = 0;
  const splitter = split2((text: string): Line => {
    line++;
    const skipped = limiter.skipped.length > 0 && limiter.skipped[0] === line;
    if (skipped) limiter.skipped.shift();
    return { line, text: skipped ? '' : text.endsWith('\r') ? text.slice(0, -1) : text, skipped };
  }, { maxLength: maxLength + 1 });
  const out = pipeline(Readable.from(source, { objectMode: false }), limiter, splitter, () => {});
  for await (const l of out as AsyncIterable<Line>) yield l;
}

/** Passes bytes through, except the bytes of over-long lines, whose line numbers it records. */
class LineLimiter extends Transform {
  /** Line numbers of dropped lines, not yet reached by the splitter. */
  readonly skipped: number[] = [];
  private line = 1;
  private length = 0;
  private dropping = false;
  constructor(private readonly max: number) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    let from = 0;
    let keepFrom = 0;
    const parts: Buffer[] = [];
    while (from <= chunk.length) {
      const nl = chunk.indexOf(0x0a, from);
      const end = nl === -1 ? chunk.length : nl;
      if (!this.dropping && this.length + (end - from) > this.max) {
        // The line grows past the limit: keep what came before it, drop the line's bytes from here on.
        parts.push(chunk.subarray(keepFrom, from));
        this.dropping = true;
        this.skipped.push(this.line);
      }
      if (nl === -1) {
        this.length += end - from;
        break;
      }
      if (this.dropping) {
        this.dropping = false;
        keepFrom = nl; // the newline itself goes through, so the splitter sees an (empty) line
      }
      this.line++;
      this.length = 0;
      from = nl + 1;
    }
    if (!this.dropping) parts.push(chunk.subarray(keepFrom));
    for (const p of parts) if (p.length > 0) this.push(p);
    done();
  }

  override _flush(done: TransformCallback): void {
    // A dropped last line without a final newline still has to reach the splitter as a line.
    if (this.dropping) this.push(Buffer.from('-'));
    done();
  }
}
