/**
 * The buffer a byte scanner reads into: chunks are appended (copied from a stream, or read straight from a
 * file into `reserve`d room) and then `commit`ted, which scans what is complete and keeps the rest.
 */
export abstract class ChunkBuffer {
  protected buf: Buffer;
  protected len = 0;

  /**
   * `room(n)`, when given, provides the buffer: n bytes that keep what the previous buffer held (a byte
   * kernel's memory, which grows in place); by default the buffer is allocated and copied on growth.
   */
  constructor(private readonly room?: (n: number) => Buffer) {
    this.buf = room !== undefined ? room(4 << 20) : Buffer.allocUnsafe(4 << 20);
  }

  /** Scans the next chunk of the input. */
  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    const at = this.reserve(chunk.length);
    chunk.copy(at.buffer, at.offset);
    this.commit(chunk.length);
  }

  /** Room for n more bytes, to be read straight into the buffer and then committed. */
  reserve(n: number): { buffer: Buffer; offset: number } {
    if (this.len + n > this.buf.length) {
      const size = Math.max(this.buf.length * 2, this.len + n);
      if (this.room !== undefined) this.buf = this.room(size);
      else {
        const bigger = Buffer.allocUnsafe(size);
        this.buf.copy(bigger, 0, 0, this.len);
        this.buf = bigger;
      }
    }
    return { buffer: this.buf, offset: this.len };
  }

  /** Scans the n bytes just placed after the reserved offset. */
  abstract commit(n: number): void;

  /** The input ends (`whole` false: it broke off, and its cut last line is not a record). */
  abstract end(whole?: boolean): void;
}
