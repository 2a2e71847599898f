import { accountValue, isPlainAccount } from '../extract/accounts.js';
import type { Matcher } from '../extract/matcher.js';
import { analyzeRecord, recordTime, type RawRecord } from '../extract/record.js';
import { evidence } from '../extract/sample.js';
import { findTimestampIn, timeFromBytes, timeFromValue } from '../extract/timestamp.js';
import { jsonRecord } from '../input/fields.js';
import type { FileStat, Tally } from '../summary/tally.js';
import { ACCOUNT_SLOTS, CODE_SLOTS, Kind, LineFields, TIME_SLOTS, Type } from './json-line.js';
import { acquireKernel, releaseKernel, type Kernel } from './kernels.js';
import { ChunkBuffer } from './chunk-buffer.js';
import { LineFindings } from './line-findings.js';
import { LineTimes, lineEnd, trimCr } from './line-times.js';
import { CodeWords, Sampler, checkWord } from './text-scan.js';

const NL = 0x0a;
const UNDERSCORE = 0x5f;
const MAX_UNKNOWN_LENGTH = 120;

/**
 * The fast path for JSON lines, on raw bytes. Each line is validated byte by byte by a JSON validator
 * that notes where the code, time and account fields are; only a line it cannot prove valid goes through
 * JSON.parse. A line with a code field counts that value only; any other line is scanned for codes as
 * plain text. Times, evidence and accounts are worked out only for lines that hold a code. The tally is
 * the one the split2 reader gives for the same bytes (property-tested), over-long lines skipped alike.
 */
export class JsonlFastScan extends ChunkBuffer {
  private lineNo = 1;
  /** Dropping the rest of an over-long line. */
  private skipping = false;
  private readonly words: CodeWords;
  private readonly found: LineFindings;
  private readonly times: LineTimes;
  private readonly kernel: Kernel;
  private readonly fields = new LineFields();
  private readonly probe = new LineFields();
  private readonly sampler = new Sampler();
  /** Lower-cased code → catalog index. */
  private readonly index: Map<string, number>;

  constructor(
    tally: Tally,
    private readonly stat: FileStat,
    private readonly matcher: Matcher,
    private readonly maxLength: number,
    /** The bytes start inside the file (a byte range after the first). */
    inheritsTime = false,
    /** Evidence is redacted before it is cut. */
    private readonly redact = false,
  ) {
    const kernel = acquireKernel();
    super((n) => kernel.room(n));
    this.kernel = kernel;
    this.sampler.redact = redact;
    this.words = new CodeWords(matcher);
    this.found = new LineFindings(tally, stat, matcher.catalog.entries, inheritsTime, kernel);
    this.times = new LineTimes(stat, (buf, ls, le) => this.ownTime(buf, ls, le));
    this.index = new Map(matcher.catalog.entries.map((e, i) => [e.code.toLowerCase(), i]));
  }

  override commit(n: number): void {
    if (n <= 0) return;
    if (this.skipping) {
      // The rest of an over-long line: dropped up to its newline.
      const nl = this.buf.indexOf(NL, this.len);
      if (nl === -1 || nl >= this.len + n) return;
      this.skipping = false;
      this.buf.copy(this.buf, 0, nl + 1, this.len + n);
      n = this.len + n - (nl + 1);
      this.len = 0;
      if (n === 0) return;
    }
    this.len += n;
    const nl = this.buf.lastIndexOf(NL, this.len - 1);
    if (nl !== -1) {
      this.scan(nl + 1, false);
      this.drop(nl + 1);
    } else if (this.len > this.maxLength) {
      // A line longer than the limit: counted as skipped, its bytes dropped as they come.
      this.skipLine();
      this.drop(this.len);
      this.skipping = true;
    }
  }

  /** The file ends (`whole` false: the input broke off, and its cut last line is not a record). */
  override end(whole = true): void {
    if (whole && !this.skipping) this.scan(this.len, true);
    this.times.end(this.buf, whole ? this.len : 0);
    this.found.end();
    this.len = 0;
    releaseKernel(this.kernel);
  }

  private drop(n: number): void {
    this.buf.copy(this.buf, 0, n, this.len);
    this.len -= n;
    this.times.shifted(n);
  }

  private skipLine(): void {
    this.stat.records++;
    this.stat.skippedLines++;
    this.lineNo++;
  }

  private scan(to: number, last: boolean): void {
    const buf = this.buf;
    for (let ls = 0; ls < to; ) {
      const le = lineEnd(buf, ls, to);
      if (le === to && !last) break;
      if (le - ls > this.maxLength) {
        this.times.resolveTo(buf, ls);
        this.skipLine();
        this.times.frontier = le + 1;
      } else {
        this.stat.records++;
        this.line(ls, le);
        this.lineNo++;
      }
      ls = le + 1;
    }
    this.times.resolveTo(buf, to);
  }

  /** One line buf[ls, le) (le at its `\n` or the end). */
  private line(ls: number, le: number): void {
    const buf = this.buf;
    const e = trimCr(buf, ls, le);
    const fields = this.fields;
    const kind = this.kernel.validate(ls, e, fields);
    const found = this.found;
    if (kind === Kind.Unsure) return this.slowLine(ls, le, e);
    if (kind === Kind.Object) {
      for (const slot of CODE_SLOTS) {
        if (fields.type(slot) !== Type.String) continue;
        // A plain catalog code is looked up straight from its bytes; anything else as a string.
        const vs = fields.start[slot]!;
        const ve = fields.end[slot]!;
        const plain = fields.escaped[slot] === 0 && ve > vs && isPlain(buf[vs]!) && isPlain(buf[ve - 1]!);
        const n = ve - vs;
        const idx = plain && n < this.words.lengths.length && this.words.lengths[n] === 1 ? this.words.table.get(buf, vs, ve, fields.hash[slot]!) : -1;
        if (idx !== -1) {
          this.codeField(ls, le, e, idx, undefined, vs, ve);
          return;
        }
        const value = stringValue(buf, fields, slot).trim();
        if (value === '') continue;
        this.codeField(ls, le, e, this.index.get(value.toLowerCase()), value, vs, ve);
        return;
      }
    }
    // No code field: the line is scanned as plain text.
    const sampler = this.sampler;
    sampler.buf = buf;
    sampler.ls = ls;
    sampler.le = e;
    sampler.continued = false;
    sampler.piece = false;
    for (let u = buf.indexOf(UNDERSCORE, ls); u !== -1 && u < e; u = buf.indexOf(UNDERSCORE, u + 1)) {
      u = checkWord(buf, this.words, found, this.lineNo, ls, e, u, sampler);
    }
    if (!found.active) return;
    found.own = this.timeOf(buf, ls, e, kind, fields);
    if (found.n > 0) {
      found.scanAccounts(buf, ls, e);
      if (kind === Kind.Object) this.fieldAccounts(buf, fields);
    }
    this.finish(ls, le);
  }

  /**
   * The record's only code is the value of its code field: catalog index idx, or an unknown value. The
   * value is `given` (decoded and trimmed), or when undefined the plain bytes buf[vs, ve).
   */
  private codeField(ls: number, le: number, e: number, idx: number | undefined, given: string | undefined, vs: number, ve: number): void {
    const buf = this.buf;
    const found = this.found;
    const fields = this.fields;
    const value = (): string => given ?? buf.toString('utf8', vs, ve);
    // As the record reader does: the evidence centres on the first place the value is written in the line.
    const sample = (): string => {
      const text = buf.toString('utf8', ls, e);
      const v = value();
      return evidence(text, Math.max(0, text.indexOf(v)), v.length, this.redact);
    };
    if (idx !== undefined) {
      found.addCode(idx, this.lineNo, found.wantsSample(idx) ? sample() : undefined);
      found.scanAccounts(buf, ls, e);
      this.fieldAccounts(buf, this.fields);
    } else {
      const v = value();
      found.addUnknown(v.length > MAX_UNKNOWN_LENGTH ? v.slice(0, MAX_UNKNOWN_LENGTH) + '…' : v, sample());
    }
    found.own = this.timeOf(buf, ls, e, Kind.Object, fields);
    this.finish(ls, le);
  }

  private fieldAccounts(buf: Buffer, fields: LineFields): void {
    for (const slot of ACCOUNT_SLOTS) {
      const t = fields.type(slot);
      if (t === Type.String && fields.escaped[slot] === 0 && isPlainAccount(buf, fields.start[slot]!, fields.end[slot]!)) {
        // Printable ASCII with nothing to trim: the bytes are the account (lower-cased as they are read).
        this.found.addAccountBytes(buf, fields.start[slot]!, fields.end[slot]!);
        continue;
      }
      const v = t === Type.String ? accountValue(stringValue(buf, fields, slot)) : t === Type.Number ? accountValue(numberValue(buf, fields, slot)) : undefined;
      if (v !== undefined) this.found.addAccount(v);
    }
  }

  /** A line JSON.parse decides on: blank, malformed (scanned as text) or valid after all. */
  private slowLine(ls: number, le: number, e: number): void {
    const text = this.buf.toString('utf8', ls, e);
    const rec: RawRecord = text.trim() === '' ? { line: this.lineNo, text } : { line: this.lineNo, text, ...jsonRecord(text) };
    if (rec.malformed === true) this.stat.malformedRecords++;
    const f = analyzeRecord(rec, this.matcher, { redact: this.redact });
    if (f.codes.size === 0 && f.unknown.size === 0) return;
    const found = this.found;
    for (const [code, sample] of f.codes) {
      const idx = this.index.get(code.toLowerCase())!;
      found.addCode(idx, this.lineNo, found.wantsSample(idx) ? sample : undefined);
    }
    for (const [code, sample] of f.unknown) found.addUnknown(code, sample);
    for (const a of f.accounts) found.addAccount(a);
    found.active = true;
    found.own = recordTime(rec, {});
    this.finish(ls, le);
  }

  private finish(ls: number, le: number): void {
    const time = this.times.lineTime(this.buf, ls, le, this.found.own);
    this.found.finish(this.lineNo, time);
  }

  /** A validated line's own time: its first time field that holds one, else the first date-time in its text. */
  private timeOf(buf: Buffer, ls: number, e: number, kind: Kind, fields: LineFields): number | null {
    if (kind === Kind.Object) {
      for (const slot of TIME_SLOTS) {
        const t = fields.type(slot);
        const v =
          t === Type.String
            ? fields.escaped[slot] === 1
              ? timeFromValue(stringValue(buf, fields, slot))
              : timeFromBytes(buf, fields.start[slot]!, fields.end[slot]!)
            : t === Type.Number
              ? timeFromValue(numberValue(buf, fields, slot))
              : null;
        if (v !== null) return v;
      }
    }
    const t = this.kernel.time(ls, e);
    return t === undefined ? findTimestampIn(buf, ls, e) : t;
  }

  /** Any line's own time (for lines walked over to find an inherited time). */
  private ownTime(buf: Buffer, ls: number, e: number): number | null {
    const probe = this.probe;
    const kind = this.kernel.validate(ls, e, probe);
    if (kind !== Kind.Unsure) return this.timeOf(buf, ls, e, kind, probe);
    const text = buf.toString('utf8', ls, e);
    return recordTime(text.trim() === '' ? { line: 0, text } : { line: 0, text, ...jsonRecord(text) }, {});
  }
}

/** A byte that `trim` would never remove from the edge of a value: printable ASCII. */
const isPlain = (c: number): boolean => c > 0x20 && c < 0x7f;

/** A string field's value, decoded exactly as JSON.parse would. */
function stringValue(buf: Buffer, f: LineFields, slot: number): string {
  const s = f.start[slot]!;
  const e = f.end[slot]!;
  return f.escaped[slot] === 1 ? (JSON.parse(buf.toString('utf8', s - 1, e + 1)) as string) : buf.toString('utf8', s, e);
}

/** A number field's value, as JSON.parse would give it. */
function numberValue(buf: Buffer, f: LineFields, slot: number): number {
  return Number(buf.toString('latin1', f.start[slot]!, f.end[slot]!));
}
