import { Readable, Transform, pipeline, type TransformCallback } from 'node:stream';
import split2 from 'split2';
import type { RawRecord } from '../../src/model/record.js';

/** One line of a file: a record (its text without its `\n` or `\r\n`) that says whether it was too long to read. */
export type Line = Required<Pick<RawRecord, 'line' | 'text' | 'skipped'>>;

/**
 * Splits a byte stream into lines with split2. A line longer than `maxLength` bytes is dropped as it
 * streams (never held past `maxLength` bytes) and yielded as skipped, so line numbers stay right and
 * memory stays bounded by one line of at most `maxLength` bytes.
 */
export async function* readLines(source: AsyncIterable<Buffer>, maxLength: number): AsyncGenerator<Line> {
  const broke: { error?: unknown } = {};
  const limiter = new LineLimiter(maxLength, broke);
  let line = 0;
  const splitter = split2('\n', (text: string): Line => {
    line++;
    const skipped = limiter.skipped.length > 0 && limiter.skipped[0] === line;
    if (skipped) limiter.skipped.shift();
    return { line, text: skipped ? '' : text.endsWith('\r') ? text.slice(0, -1) : text, skipped };
    // Split on `\n` alone: the mapper takes off one `\r` (a line ending in `\r\r\n` keeps one).
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
 * Lets lines through only once they are known to be at most `max` bytes long: the end of a chunk (a line not
 * finished yet) is held back, at most `max` bytes of it. A longer line is dropped as it streams and let
 * through as an empty line, its number recorded in `skipped`, so what follows never holds more than one
 * line of at most `max` bytes and line numbers stay right.
 */
export class LineGuard {
  /** Line numbers of dropped lines, for the reader to take. */
  readonly skipped: number[] = [];
  private line = 1;
  private carry: Buffer[] = [];
  private carried = 0;
  private dropping = false;
  constructor(private readonly max: number) {}

  /** The parts of a chunk to let through. */
  feed(chunk: Buffer): Buffer[] {
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
        return out;
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
    // Whole lines: let through in one piece unless one of them is too long.
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
    return out.filter((part) => part.length > 0);
  }

  /**
   * The input ends: the last line, if it has no newline (or a placeholder for a dropped one, so it is
   * counted); nothing when the input broke off (its cut last line is not a record).
   */
  end(broke: boolean): Buffer[] {
    if (broke) return [];
    if (this.dropping) return [Buffer.from('-')];
    return this.carry.length > 0 ? [Buffer.concat(this.carry)] : [];
  }

  private startDropping(): void {
    this.skipped.push(this.line);
    this.carry = [];
    this.carried = 0;
    this.dropping = true;
  }
}

/** A LineGuard as a stream stage, in front of split2. */
class LineLimiter extends Transform {
  readonly guard: LineGuard;
  constructor(
    max: number,
    private readonly broke: { error?: unknown },
  ) {
    super();
    this.guard = new LineGuard(max);
  }

  get skipped(): number[] {
    return this.guard.skipped;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    for (const part of this.guard.feed(chunk)) this.push(part);
    done();
  }

  override _flush(done: TransformCallback): void {
    for (const part of this.guard.end(this.broke.error !== undefined)) this.push(part);
    done();
  }
}

const NEWLINE = Buffer.from('\n');
