import { evidence, sampleFromBytes } from '../extract/sample.js';

/** Makes evidence text for matches in the current line (one reused object, no closure per word). */
export class Sampler {
  buf: Buffer = Buffer.alloc(0);
  /** The line, without its line end. */
  ls = 0;
  le = 0;
  /** The line's start is gone (a long line) / the line goes on past le (a piece of a long line). */
  continued = false;
  piece = false;
  /** Redact the line before cutting it (the whole line is decoded then). */
  redact = false;

  /** Starts on the whole line buf[ls, le). */
  line(buf: Buffer, ls: number, le: number): void {
    this.buf = buf;
    this.ls = ls;
    this.le = le;
    this.continued = false;
    this.piece = false;
  }

  text(p: number, n: number): string {
    const text = this.redact
      ? evidence(this.buf.toString('utf8', this.ls, this.le), this.buf.toString('utf8', this.ls, p).length, n, true)
      : sampleFromBytes(this.buf, this.ls, this.le, p, n);
    if (!this.continued && !this.piece) return text;
    return (this.continued && !text.startsWith('…') ? '…' : '') + text + (this.piece && !text.endsWith('…') ? '…' : '');
  }
}

