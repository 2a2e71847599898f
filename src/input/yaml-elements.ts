// What YAML documents are turned into on the way in: a JSON array, each element on its document's line.

/** Bytes a piece of the array is handed on at. */
const PIECE = 1 << 20;

/** A document's start (`---`, alone or before its content) and end (`...`) at the start of a line. */
export const START = /^---(?:[ \t]|$)/;
export const END = /^\.\.\.(?:[ \t]|$)/;

/** Bytes being written, grown as needed. */
class ByteOut {
  // Small at first: an input of a few entries (a directory of them) is not handed a megabyte each.
  b = Buffer.allocUnsafe(64 << 10);
  n = 0;

  byte(c: number): void {
    if (this.n === this.b.length) this.need(1);
    this.b[this.n++] = c;
  }

  copy(src: Buffer, s: number, e: number): void {
    this.need(e - s);
    // A key or value is mostly a few bytes: a loop, not Buffer.copy, whose call costs more than such a copy.
    if (e - s > 64) this.n += src.copy(this.b, this.n, s, e);
    else {
      const b = this.b;
      let n = this.n;
      for (let i = s; i < e; i++) b[n++] = src[i]!;
      this.n = n;
    }
  }

  /** A member's key, `"key":` (a `,` first when `comma`), as quoted writes its bytes; false, and nothing written, when it does not. */
  member(src: Buffer, s: number, e: number, comma: boolean, table: Uint8Array): boolean {
    const n = this.n;
    if (comma) this.byte(0x2c);
    if (!this.quoted(src, s, e, table)) {
      this.n = n;
      return false;
    }
    this.byte(0x3a);
    return true;
  }

  /**
   * Bytes as a JSON string, `"` around them, in one pass when `table` holds each (1); false, and nothing
   * written, when one is not.
   */
  quoted(src: Buffer, s: number, e: number, table: Uint8Array): boolean {
    this.need(e - s + 2);
    const b = this.b;
    let n = this.n;
    b[n++] = 0x22;
    for (let i = s; i < e; i++) {
      const c = src[i]!;
      if (table[c] === 0) return false;
      b[n++] = c;
    }
    b[n++] = 0x22;
    this.n = n;
    return true;
  }

  /** Text of ASCII characters only. */
  ascii(s: string): void {
    this.need(s.length);
    this.n += this.b.write(s, this.n, 'latin1');
  }

  string(s: string): void {
    this.need(s.length * 3);
    this.n += this.b.write(s, this.n);
  }

  private need(k: number): void {
    if (this.n + k <= this.b.length) return;
    const b = Buffer.allocUnsafe(Math.max(Math.ceil(this.b.length * 1.5), this.n + k));
    this.b.copy(b, 0, 0, this.n);
    this.b = b;
  }
}

/** A place in the array: what was written before a document that may be dropped (see Elements.restore). */
export interface Mark {
  n: number;
  line: number;
  first: boolean;
  count: number;
}

/** The JSON array being written: its elements, each on its line. A block document writes its elements' bytes here itself. */
export class Elements extends ByteOut {
  private line = 1;
  private first = true;
  /** Elements written, and where the last one's bytes start. */
  count = 0;
  lastStart = 0;
  /** The next line of text read as text is a malformed record (the first of a document read so). */
  private malformed = true;

  constructor() {
    super();
    this.byte(0x5b);
  }

  /** An element starts here, on line `at`. */
  element(at: number): void {
    this.align(at);
  }

  mark(): Mark {
    return { n: this.n, line: this.line, first: this.first, count: this.count };
  }

  /** What was written since `m` is dropped. */
  restore(m: Mark): void {
    this.n = m.n;
    this.line = m.line;
    this.first = m.first;
    this.count = m.count;
  }

  /** A document's value; none for a null. A scalar is a string, read as text. */
  value(v: unknown, at: number): void {
    if (v === null || v === undefined) return;
    this.put(typeof v === 'object' ? JSON.stringify(v) : JSON.stringify(String(v)), at);
  }

  /** A document read as text starts: its first line with content is a malformed record. */
  beginText(): void {
    this.malformed = true;
  }

  /** A line read as text (null: one too long, skipped): the first of a document malformed, JSON no parser accepts and that still holds its text. */
  text(line: string | null, at: number): void {
    if (line === null || /^\s*$/.test(line) || START.test(line) || END.test(line)) return;
    // Control characters would be escapes glued to the words beside them.
    const plain = JSON.stringify(line.replace(/[\u0000-\u001f\u007f]+/g, ' '));
    this.put(this.malformed ? `{${plain}}` : plain, at);
    this.malformed = false;
  }

  /** An element's JSON bytes, on line `at`. */
  putBytes(src: Buffer, s: number, e: number, at: number): void {
    this.align(at);
    this.copy(src, s, e);
  }

  private put(json: string, at: number): void {
    this.align(at);
    this.string(json);
  }

  /** The next element's line `at`, and its `,`. */
  private align(at: number): void {
    for (; this.line < at; this.line++) this.byte(0x0a);
    if (!this.first) this.byte(0x2c);
    this.first = false;
    this.count++;
    this.lastStart = this.n;
  }

  /** What was written, once it holds a piece's bytes. */
  take(): Buffer | undefined {
    if (this.n < PIECE) return undefined;
    return this.handOn();
  }

  /** The rest, and the array's end. */
  end(): Buffer {
    this.ascii('\n]\n');
    return this.handOn();
  }

  private handOn(): Buffer {
    const b = this.b.subarray(0, this.n);
    // The next piece as large as this one grew to (a document of megabytes grows it no further than two pieces).
    this.b = Buffer.allocUnsafe(Math.min(this.b.length, 2 * PIECE));
    this.n = 0;
    return b;
  }
}
