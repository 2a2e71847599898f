import type { Delimiter } from '../model/record.js';

const NL = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
/** The quote of a CSV field (the byte kernel takes it from here: src/fast/kernel-source.ts). */
export const CSV_QUOTE = QUOTE;

/** Where a CSV record goes once it is found (see CsvSplitter). */
export interface CsvSink {
  /**
   * A record buf[s, e) (without its line end) starting on line `line`. When `bad` is false its fields are
   * the splitter's first `nf` spans; `bad` says a quote was closed before text that is not a delimiter, or
   * never closed: the record is not a row.
   */
  record(buf: Buffer, s: number, e: number, line: number, bad: boolean): void;
  /** A record longer than the limit, starting on line `line`: its bytes were dropped as they came. */
  skipped(line: number): void;
}

/** Skipping an over-long record: where the byte reader is in it. */
const enum Skip {
  FieldStart,
  Unquoted,
  Quoted,
  /** A `"` inside a quoted field: the next byte says whether it closes it. */
  QuoteInQuoted,
  /** A closing quote then `\r`: only `\n` may follow. */
  CrAfterQuote,
  /** Past a quote error: the record runs to the next line end. */
  ToLineEnd,
}

/**
 * RFC 4180 records from bytes that arrive in chunks: `,` (or the delimiter given) between fields, a field in `"` may hold `,`,
 * `""` and line breaks; a record ends at `\n` (a `\r` before it is part of the line end, so CRLF and LF
 * may mix); empty lines are no records. A `"` inside an unquoted field is text. A closing quote followed
 * by anything but a delimiter, or a quote never closed, makes the record bad: it runs to the next line
 * end (or the input's end). A record longer than `maxLength` bytes (without its line end) is skipped as
 * it streams, record by record, its line breaks still counted. Lines are counted by `\n`.
 */
export class CsvSplitter {
  /** Field spans of the record given to the sink: content without quotes; fq 1 quoted, 2 quoted with `""`. */
  fs = new Int32Array(64);
  fe = new Int32Array(64);
  fq = new Uint8Array(64);
  nf = 0;
  /** Line of the next byte to read. */
  line = 1;
  private skipping = false;
  private skip = Skip.FieldStart;
  private skipLines = 0;
  private skipStart = 0;
  /** Bytes of the skipped record read so far, and where its first quoted line break is (-1: none yet). */
  private skipRead = 0;
  private quotedNl = -1;
  /** Set by parse: the record's text end and the start of what follows it. */
  private e = 0;
  private next = 0;
  private bad = false;
  /** Line breaks inside the record parse read. */
  private lines = 0;
  /** The next `\n`, `"` and delimiter at or after the record being read (in this split call; `to`: none). */
  private nlAt = -1;
  private quoteAt = -1;
  private commaAt = -1;
  /** The delimiter's byte. */
  private readonly comma: number;

  constructor(
    private readonly maxLength: number,
    /** A skipped record may hold a quoted line break for at most this many bytes (an unclosed quote). */
    private readonly maxRecord = Math.max(4 * maxLength, 64 * 1024 * 1024),
    delimiter: Delimiter = ',',
  ) {
    this.comma = delimiter.charCodeAt(0);
  }

  /** An over-long record is being skipped: the next bytes belong to it. */
  get skippingRecord(): boolean {
    return this.skipping;
  }

  /**
   * Gives the sink every record that ends in buf[from, to) and returns where the first unfinished one
   * starts (the caller keeps buf from there and calls again with more). `last`: to is the input's end.
   * `one`: stops after the first record given (or skipped).
   */
  split(buf: Buffer, from: number, to: number, last: boolean, sink: CsvSink, one = false): number {
    // Searches stop at `to`: what lies past it in the buffer is not the input.
    const view = to === buf.length ? buf : buf.subarray(0, to);
    this.nlAt = this.quoteAt = this.commaAt = -1;
    let p = from;
    while (p < to) {
      if (this.skipping) {
        p = this.skipOn(buf, p, to, sink);
        if (this.skipping) break;
        if (one) return p;
        continue;
      }
      const c = buf[p]!;
      if (c === NL) {
        this.line++;
        p++;
        continue;
      }
      if (c === CR) {
        if (p + 1 === to) return last ? to : p;
        if (buf[p + 1] === NL) {
          this.line++;
          p += 2;
          continue;
        }
      }
      if (!this.parse(view, p, to, last)) {
        // Unfinished: kept while it may still fit (its last byte may be the `\r` of its line end).
        if (to - p <= this.maxLength + 1) return p;
        this.startSkip();
        continue;
      }
      const lines = this.lines;
      if (this.e - p > this.maxLength) sink.skipped(this.line);
      else sink.record(buf, p, this.e, this.line, this.bad);
      this.line += lines + 1;
      p = this.next;
      if (one) return p;
    }
    if (last && this.skipping) {
      this.check();
      this.skipping = false;
      sink.skipped(this.skipStart);
      this.line += this.skipLines;
    }
    return p;
  }

  /**
   * Reads the record at s: false when it does not end before `to` (and `to` is not the input's end);
   * else its spans, text end, next start, line breaks and badness are set.
   */
  private parse(buf: Buffer, s: number, to: number, last: boolean): boolean {
    // Most records are one line without a quote: found by the next `\n`, `"` and `,` (native searches).
    let nl = this.nlAt;
    if (nl < s) nl = this.nlAt = at(buf, NL, s, to);
    let q = this.quoteAt;
    if (q < s) q = this.quoteAt = at(buf, QUOTE, s, to);
    if (q < nl) {
      if (!this.quoted(buf, s, to, last)) return false;
      // nl is the first `\n` from s: at or past the record's end, the record is one line (no search).
      this.lines = nl >= this.e ? 0 : countNl(buf, nl, this.e);
      return true;
    }
    if (nl === to && !last) return false;
    let c = this.commaAt;
    if (c < s) c = at(buf, this.comma, s, to);
    let i = s;
    let nf = 0;
    while (c < nl) {
      if (nf === this.fs.length) this.grow();
      this.span(nf++, i, c, 0);
      i = c + 1;
      c = at(buf, this.comma, i, to);
    }
    this.commaAt = c;
    if (nf === this.fs.length) this.grow();
    const e = nl > i && buf[nl - 1] === CR ? nl - 1 : nl;
    this.span(nf++, i, e, 0);
    this.lines = 0;
    this.bad = false;
    return this.ends(nf, e, nl === to ? to : nl + 1);
  }

  /** parse for a record with a quote in its first line. */
  private quoted(buf: Buffer, s: number, to: number, last: boolean): boolean {
    const comma = this.comma;
    let nf = 0;
    let i = s;
    this.bad = false;
    for (;;) {
      if (nf === this.fs.length) this.grow();
      if (i < to && buf[i] === QUOTE) {
        let q = i + 1;
        let esc = 1;
        for (;;) {
          const k = buf.indexOf(QUOTE, q);
          if (k === -1 || k >= to) return last && this.badTo(buf, s, to, to);
          if (k + 1 === to) {
            if (!last) return false;
            this.span(nf++, i + 1, k, esc);
            return this.ends(nf, k + 1, to);
          }
          const n = buf[k + 1]!;
          if (n === QUOTE) {
            esc = 2;
            q = k + 2;
            continue;
          }
          this.span(nf++, i + 1, k, esc);
          if (n === comma) {
            i = k + 2;
            break;
          }
          if (n === NL) return this.ends(nf, k + 1, k + 2);
          if (n === CR) {
            if (k + 2 === to) {
              if (!last) return false;
              return this.ends(nf, k + 1, to);
            }
            if (buf[k + 2] === NL) return this.ends(nf, k + 1, k + 3);
          }
          // Text after a closing quote: a bad record, to its line end.
          const nl = buf.indexOf(NL, k + 1);
          if (nl === -1 || nl >= to) return last && this.badTo(buf, s, to, to);
          return this.badTo(buf, s, nl, nl + 1);
        }
        continue;
      }
      let j = i;
      while (j < to) {
        const c = buf[j]!;
        if (c === comma || c === NL) break;
        j++;
      }
      if (j === to) {
        if (!last) return false;
        const e = j > i && buf[j - 1] === CR ? j - 1 : j;
        this.span(nf++, i, e, 0);
        return this.ends(nf, e, to);
      }
      if (buf[j] === comma) {
        this.span(nf++, i, j, 0);
        i = j + 1;
        continue;
      }
      const e = j > i && buf[j - 1] === CR ? j - 1 : j;
      this.span(nf++, i, e, 0);
      return this.ends(nf, e, j + 1);
    }
  }

  private span(k: number, s: number, e: number, q: number): void {
    this.fs[k] = s;
    this.fe[k] = e;
    this.fq[k] = q;
  }

  private ends(nf: number, e: number, next: number): boolean {
    this.nf = nf;
    this.e = e;
    this.next = next;
    return true;
  }

  /** A bad record from s whose line ends at le (its `\n`, or the input's end); next starts at next. */
  private badTo(buf: Buffer, s: number, le: number, next: number): boolean {
    let e = le;
    if (e > s && buf[e - 1] === NL) e--;
    if (e > s && buf[e - 1] === CR) e--;
    this.bad = true;
    this.nf = 0;
    this.e = e;
    this.next = next;
    return true;
  }

  private grow(): void {
    const n = this.fs.length * 2;
    const fs = new Int32Array(n);
    const fe = new Int32Array(n);
    const fq = new Uint8Array(n);
    fs.set(this.fs);
    fe.set(this.fe);
    fq.set(this.fq);
    this.fs = fs;
    this.fe = fe;
    this.fq = fq;
  }

  private startSkip(): void {
    this.skipping = true;
    this.skip = Skip.FieldStart;
    this.skipLines = 0;
    this.skipStart = this.line;
    this.skipRead = 0;
    this.quotedNl = -1;
  }

  /** Reads on through a skipped record from p; returns where it ended (then no longer skipping) or `to`. */
  private skipOn(buf: Buffer, p: number, to: number, sink: CsvSink): number {
    const comma = this.comma;
    let st = this.skip;
    let i = p;
    let ended = false;
    for (; i < to; i++) {
      const c = buf[i]!;
      if (c === NL) {
        if (st === Skip.Quoted) {
          this.skipLines++;
          if (this.quotedNl === -1) this.quotedNl = this.skipRead + (i - p);
          continue;
        }
        ended = true;
        i++;
        break;
      }
      switch (st) {
        case Skip.FieldStart:
          st = c === QUOTE ? Skip.Quoted : c === comma ? Skip.FieldStart : Skip.Unquoted;
          break;
        case Skip.Unquoted:
          if (c === comma) st = Skip.FieldStart;
          break;
        case Skip.Quoted:
          if (c === QUOTE) st = Skip.QuoteInQuoted;
          break;
        case Skip.QuoteInQuoted:
          st = c === QUOTE ? Skip.Quoted : c === comma ? Skip.FieldStart : c === CR ? Skip.CrAfterQuote : Skip.ToLineEnd;
          break;
        case Skip.CrAfterQuote:
          st = Skip.ToLineEnd;
          break;
        default:
          break;
      }
    }
    this.skipRead += i - p;
    this.skip = st;
    this.check();
    if (!ended) return to;
    this.skipping = false;
    sink.skipped(this.skipStart);
    this.line += this.skipLines + 1;
    return i;
  }

  /** A skipped record that holds a quoted line break and grows past maxRecord: an unclosed quote, most likely. */
  private check(): void {
    if (this.quotedNl !== -1 && this.skipRead - this.quotedNl > this.maxRecord) {
      throw new Error(`a CSV record grows past ${this.maxRecord} bytes (an unclosed quote?): the rest of the file was not read`);
    }
  }
}

/** The first `byte` in buf[from, to), or `to`. */
function at(buf: Buffer, byte: number, from: number, to: number): number {
  const i = buf.indexOf(byte, from);
  return i === -1 || i > to ? to : i;
}

/** `\n` bytes in buf[s, e). */
function countNl(buf: Buffer, s: number, e: number): number {
  let n = 0;
  for (let i = buf.indexOf(NL, s); i !== -1 && i < e; i = buf.indexOf(NL, i + 1)) n++;
  return n;
}
