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
 * streams (never held past `maxLength` bytes) and yielded as skipped, so line numbers stay right and
 * memory stays bounded by one line of at most `maxLength` bytes.
 */
export async function* readLines(source: AsyncIterable<Buffer>, maxLength: number): AsyncGenerator<Line> {
  const broke: { error?: unknown } = {};
  const limiter = new LineLimiter(maxLength, broke);
  let line = 0;
  const splitter = split2((text: string): Line => {
    line++;
    const skipped = limiter.skipped.length > 0 && limiter.skipped[0] === line;
    if (skipped) limiter.skipped.shift();
    return { line, text: skipped ? '' : text.endsWith('\r') ? text.slice(0, -1) : text, skipped };
  }, { maxLength: maxLength + 1 });
  const out = pipeline(Readable.from(guarded(source, broke), { objectMode: false }), limiter, splitter, () => {});
  for await (const l of out as AsyncIterable<Line>) yield l;
  if (broke.error !== undefined) throw broke.error;
}

/**
 * The source, with a read error (a truncated gzip) turned into an end, kept in `broke`: the lines read
 * before it reach the reader first — a stream that errors drops what it still buffers — and the reader
 * raises the error after them.
 */
export async function* guarded(source: AsyncIterable<Buffer>, broke: { error?: unknown }): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of source) yield chunk;
  } catch (err) {
    broke.error = err;
  }
}

/**
 * Passes lines through to split2 only once they are known to be at most `max` bytes long: the end of a
 * chunk (a line not finished yet) is held back, at most `max` bytes of it. A longer line is dropped as it
 * streams and passed on as an empty line, its number recorded, so the splitter never holds more than one
 * line of at most `max` bytes and line numbers stay right.
 */
class LineLimiter extends Transform {
  /** Line numbers of dropped lines, not yet reached by the splitter. */
  readonly skipped: number[] = [];
  private line = 1;
  private carry: Buffer[] = [];
  private carried = 0;
  private dropping = false;
  constructor(
    private readonly max: number,
    private readonly broke: { error?: unknown },
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    let from = 0;
    const out: Buffer[] = [];
    // The line begun in earlier chunks.
    if (this.dropping || this.carried > 0) {
      const nl = chunk.indexOf(0x0a);
      if (nl === -1) {
        if (!this.dropping) {
          if (this.carried + chunk.length > this.max) this.startDropping();
          else {
            this.carry.push(chunk);
            this.carried += chunk.length;
          }
        }
        return done();
      }
      if (this.dropping || this.carried + nl > this.max) {
        if (!this.dropping) this.skipped.push(this.line);
        out.push(NEWLINE);
      } else out.push(this.carry.length === 0 ? chunk.subarray(0, nl + 1) : Buffer.concat([...this.carry, chunk.subarray(0, nl + 1)]));
      this.carry = [];
      this.carried = 0;
      this.dropping = false;
      this.line++;
      from = nl + 1;
    }
    // Whole lines: passed in one piece unless one of them is too long.
    let start = from;
    for (let nl = chunk.indexOf(0x0a, from); nl !== -1; nl = chunk.indexOf(0x0a, from)) {
      if (nl - from > this.max) {
        out.push(chunk.subarray(start, from), NEWLINE);
        this.skipped.push(this.line);
        start = nl + 1;
      }
      this.line++;
      from = nl + 1;
    }
    if (start < from) out.push(chunk.subarray(start, from));
    // The end of the chunk: a line that goes on.
    if (from < chunk.length) {
      if (chunk.length - from > this.max) this.startDropping();
      else {
        this.carry = [chunk.subarray(from)];
        this.carried = chunk.length - from;
      }
    }
    for (const part of out) if (part.length > 0) this.push(part);
    done();
  }

  private startDropping(): void {
    this.skipped.push(this.line);
    this.carry = [];
    this.carried = 0;
    this.dropping = true;
  }

  override _flush(done: TransformCallback): void {
    // The input broke off: its cut last line is not a record.
    if (this.broke.error !== undefined) return done();
    // The last line has no newline: pass it on, or a placeholder for the dropped one, so it is counted.
    if (this.dropping) this.push(Buffer.from('-'));
    else if (this.carry.length > 0) this.push(Buffer.concat(this.carry));
    done();
  }
}

const NEWLINE = Buffer.from('\n');
