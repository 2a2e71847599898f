import type { Matcher } from '../extract/matcher.js';
import { codeFieldValue, fieldCode, recordTime, type FieldOptions, type RawRecord } from '../extract/record.js';
import { JSON_LINES } from '../extract/local-part.js';
import type { TimeWindow } from '../model/settings.js';
import type { FileStat } from '../model/stats.js';
import type { Tally } from '../model/tally.js';
import { CODE_SLOTS, Kind, LineFields, Scopes, Type } from './json-line.js';
import { NestedFields } from './json-nested.js';
import { fieldAccounts, isPlain, parsedAccounts, stringValue } from './json-values.js';
import { JsonlKind, type JsonlSink, type Kernel } from './kernels.js';
import { acquireKernel, releaseKernel } from './kernel-pool.js';
import { ChunkBuffer } from './chunk-buffer.js';
import { JsonLineTimes } from './json-line-times.js';
import { dropValueOwn, fieldSample, unknownField } from './field-unknown.js';
import { LineFindings } from './line-findings.js';
import { LineTimes, lineEnd, trimCr } from './line-times.js';
import { codeIndexOf, codeLengthsOf, codeWordsOf, generalCodesOf, kernelCodesOf, type CodeWords } from './catalog-tables.js';
import type { GeneralCodes } from './general-codes.js';
import { Sampler } from './sampler.js';
import { checkWord, recordWords } from './check-word.js';
import { WindowLines } from './window-lines.js';

const NL = 0x0a;
const UNDERSCORE = 0x5f;
const NO_WORDS = new Int32Array(0);

/**
 * The fast path for JSON lines, on raw bytes. The kernel validates each line byte by byte, noting where the
 * code, time and account fields are: a line whose code field holds a catalog code counts it alone; any other
 * is scanned for codes as plain text (beside its code field's unknown value). It reports only the lines with
 * findings, with their own time and account ids; a line it cannot be sure of is read here (with JSON.parse
 * only when the validator cannot prove it valid). Evidence is made only for a code's first lines. The tally
 * is the oracle's (test/oracle) for the same bytes (property-tested), over-long lines skipped alike.
 */
export class JsonlFastScan extends ChunkBuffer {
  /** The number of the line being read (at the end: one more than the lines read; records may hold several). */
  lineNo = 1;
  /** The first line of the record the current line carries on (src/wasm/json-records.ts), else -1: key, what its codes count once under (LineFindings.isNew). */
  protected into = -1;
  protected get key(): number {
    return this.into === -1 ? this.lineNo : this.into;
  }
  /** Dropping the rest of an over-long line. */
  private skipping = false;
  /** A catalog of `_` words; any other (JSON arrays only: see JsonArrayFastScan) is read by its pattern. */
  private readonly words: CodeWords | undefined;
  private readonly general: GeneralCodes | undefined;
  protected readonly found: LineFindings;
  /** Without a window: times found lazily, for lines with findings. */
  private readonly times: LineTimes | undefined;
  /** With one: every line's time, to count it in or outside the window. */
  private readonly window: WindowLines | undefined;
  protected readonly kernel: Kernel;
  protected nested: NestedFields;
  protected readonly lineTimes: JsonLineTimes;
  private readonly fields = new LineFields();
  private readonly sampler = new Sampler();
  /** Lower-cased code → catalog index. */
  private readonly index: Map<string, number>;
  /** Per catalog index: the code's length in bytes. */
  private readonly codeLength: Int32Array;
  /** Number of the first line of the current kernel call. */
  protected callBase = 1;
  /** Lines are read with no kernel batch in flight (JSON-array elements): their words in one kernel call. */
  protected wordsAtOnce = false;
  /** Set around one line() by a subclass: slowLine keeps the record it parsed in `parsed` (its time is read from it). */
  protected keepParsed = false;
  protected parsed: RawRecord | undefined;

  constructor(
    tally: Tally,
    protected readonly stat: FileStat,
    matcher: Matcher,
    private readonly maxLength: number,
    /** The bytes start inside the file (a byte range after the first). */
    inheritsTime = false,
    /** Evidence is redacted before it is cut. */
    private readonly redact = false,
    /** Only records inside it are counted. */
    window: TimeWindow | null = null,
    /** With a window, for a range: the time its first lines take from the part of the file before it. */
    before: number | null = null,
    /** The code and time fields (names the kernel cannot watch, and dotted paths: see NestedFields). */
    private readonly opts: FieldOptions = {},
    /** Elements of JSON arrays and wrapped exports: fields are looked up in their scopes too. */
    scoped = false,
    /** The lines have a collector's head before their objects (Sniffed.headed). */
    headed = false,
  ) {
    const kernel = acquireKernel(kernelCodesOf(matcher), opts.times);
    const nested = new NestedFields(opts, scoped);
    kernel.watchFields(nested.kernelField(opts.codeField), nested.kernelField(opts.timeField));
    kernel.watchNested(nested.timesHere);
    kernel.watchScopes(scoped ? Scopes.Elements : Scopes.Lines);
    kernel.jsonlHeaded(headed);
    super((n) => kernel.room(n));
    this.kernel = kernel;
    this.nested = nested;
    this.lineTimes = new JsonLineTimes(kernel, nested, opts, headed);
    this.sampler.redact = redact;
    if (matcher.wordCodes) this.words = codeWordsOf(matcher);
    else this.general = generalCodesOf(matcher);
    // With a window every line's time is known (a range is told the time before it): none is left to inherit.
    this.found = new LineFindings(tally, stat, matcher.catalog.entries, inheritsTime && window === null, kernel);
    this.found.lastSample = (idx, ls, le, at, field) => {
      const [e, n] = [trimCr(this.buf, ls, le), this.codeLength[idx]!];
      return field ? fieldSample(this.buf, ls, e, this.buf.toString('latin1', at, at + n), redact) : (this.sampler.line(this.buf, ls, e), this.sampler.text(at, n));
    };
    if (window === null) this.times = new LineTimes(stat, (buf, ls, le) => this.ownTime(buf, ls, le));
    else {
      this.window = new WindowLines(stat, window, kernel, true, maxLength, (buf, ls, to) => this.ownTime(buf, ls, trimCr(buf, ls, lineEnd(buf, ls, to))), before);
    }
    this.index = codeIndexOf(matcher);
    this.codeLength = codeLengthsOf(matcher);
  }

  override commit(n: number): void {
    if (n <= 0) return;
    if (this.skipping) {
      // The rest of an over-long line, dropped up to its newline: only the bytes just read are searched (past
      // them the buffer holds stale bytes: searching those cost a pass over it per chunk of a long line).
      const at = this.buf.subarray(this.len, this.len + n).indexOf(NL);
      if (at === -1) return;
      const nl = this.len + at;
      this.skipping = false;
      this.buf.copy(this.buf, 0, nl + 1, this.len + n);
      n = this.len + n - (nl + 1);
      this.len = 0;
      if (n === 0) return;
    }
    this.len += n;
    const nl = this.buf.lastIndexOf(NL, this.len - 1);
    if (nl !== -1) {
      this.scan(nl + 1);
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
    if (whole && !this.skipping) this.scan(this.len);
    this.times?.end(this.buf, whole ? this.len : 0);
    if (this.window !== undefined) this.stat.untimedRecords += this.window.untimed(this.stat.records);
    this.found.end();
    this.len = 0;
    releaseKernel(this.kernel, this.stat);
  }

  private drop(n: number): void {
    this.buf.copy(this.buf, 0, n, this.len);
    this.len -= n;
    this.times?.shifted(n);
  }

  private skipLine(): void {
    this.stat.records++;
    this.kernel.jsonlSkipped(this.lineNo);
    this.stat.skippedLines++;
    // Skipped: it has no time of its own.
    this.window?.timeAt(this.lineNo, null);
    this.times?.skipped(this.buf, 0);
    this.lineNo++;
  }

  /** Scans the complete lines of buf[0, to) (the last one may lack its newline only at the end of the file). */
  private scan(to: number): void {
    this.callBase = this.lineNo;
    this.kernel.seeEmails(0, to, this.maxLength, false, false, JSON_LINES);
    const window = this.window;
    // With a window, the kernel passes over the lines whose time is outside it and hands on the times it
    // noted; it still reports those it is unsure of (a malformed line is counted as such wherever it is).
    // Lines read here (a catalog not all `_` words) have their times read ahead.
    const here = this.words === undefined || this.nested.here;
    window?.start(this.buf, 0, to, this.lineNo, here);
    if (here) this.runHere(0, to);
    else {
      for (let from = 0; from < to; ) {
        const { lines, next } = this.found.batchOf(() => this.kernel.scanJsonl(from, to, this.maxLength, this.callBase, this.onLine, window));
        this.stat.records += lines - this.joined();
        this.stat.malformedRecords += this.kernel.jsonlMalformed();
        this.callBase += lines;
        from = next;
        // Stopped early (its output or its times full, a time asked): what it noted is taken in before its next call.
        if (from < to) window?.finish();
        this.lineTimes.answer(this.buf, from, trimCr(this.buf, from, lineEnd(this.buf, from, to)));
      }
    }
    this.lineNo = this.callBase;
    this.window?.finish();
    this.times?.resolveTo(this.buf, to);
  }

  /** The lines that carried on a record since last asked (not records: see src/wasm/json-records.ts); those outside the window are not records outside it. */
  private joined(): number {
    const { joined, outside } = this.kernel.jsonJoined();
    if (this.window !== undefined) this.stat.outsideWindow -= outside;
    return joined;
  }

  /** The lines of buf[from, end), each read here as a JsonlKind.Caller line (a catalog not all `_` words). */
  private runHere(from: number, end: number): void {
    const buf = this.buf;
    let i = 0;
    for (let ls = from; ls < end; i++) {
      let le = buf.indexOf(NL, ls);
      if (le === -1 || le > end) le = end;
      this.lineNo = this.callBase + i;
      // Placed in its record as scanJsonl places the lines it reads (a skipped one: see onLine).
      let record = i;
      if (le - ls > this.maxLength) this.kernel.jsonlSkipped(this.lineNo);
      else record = this.lineTimes.place(buf, ls, trimCr(buf, ls, le), this.lineNo) - this.callBase;
      this.onLine(ls, le, i, JsonlKind.Caller, NaN, NO_WORDS, 0, 0, 0, 0, record);
      ls = le + 1;
    }
    this.lineTimes.placed(buf);
    this.stat.records += i - this.joined();
    this.callBase += i;
  }

  /** A line the kernel reports: read here (JsonlKind.Caller), or counted from what the kernel found. */
  protected readonly onLine: JsonlSink = (ls, le, index, kind, time, words, at, nCodes, nUnknown, nIds, record) => {
    this.lineNo = this.callBase + index;
    this.into = record === index ? -1 : this.callBase + record;
    const found = this.found;
    // An unknown code counts once per record too.
    found.record = this.key;
    if (kind === JsonlKind.Caller) {
      if (le - ls <= this.maxLength) {
        // A line that carries on its record: the codes the kernel counted in it are left out.
        if (nCodes > 0) found.countedIn(this.key, words, at, nCodes);
        return this.line(ls, le);
      }
      this.times?.skipped(this.buf, ls);
      this.stat.skippedLines++;
      if (this.times !== undefined) this.times.frontier = le + 1;
      return;
    }
    // A line outside the window: nothing of it is looked at.
    if (this.window !== undefined && !this.window.inside(this.window.timeAt(this.lineNo))) return;
    const buf = this.buf;
    const base = this.kernel.offset;
    const e = trimCr(buf, ls, le);
    if (kind === JsonlKind.Field && nCodes === 1) {
      const idx = words[at]!;
      const vs = words[at + 1]! - base;
      this.fieldCode(idx, ls, e, buf.toString('latin1', vs, vs + this.codeLength[idx]!));
    } else {
      // The code field's unknown value first, its evidence the field's (Field: alone; Mixed: the text's findings after it).
      const mixed = kind === JsonlKind.Text ? 0 : 1;
      if (mixed === 1) unknownField(found, this.key, buf.toString('latin1', words[at + 2 * nCodes]! - base, words[at + 2 * nCodes + 1]! - base), (x) => fieldSample(buf, ls, e, x, this.redact));
      const sampler = this.sampler;
      sampler.line(buf, ls, e);
      for (let k = 0; k < nCodes; k++) {
        const idx = words[at + 2 * k]!;
        if (found.isNew(idx, this.key)) found.addCodeAt(idx, this.key, ls, le, words[at + 2 * k + 1]! - base);
      }
      for (let k = mixed, u = at + 2 * (nCodes + mixed); k < nUnknown; k++, u += 2) {
        const s = words[u]! - base;
        const ue = words[u + 1]! - base;
        const code = buf.toString('latin1', s, ue);
        found.addUnknown(code, found.wantsUnknownSample(code, this.key) ? sampler.text(s, ue - s) : undefined);
      }
    }
    for (let k = 0, i = at + 2 * (nCodes + nUnknown); k < nIds; k++) found.addId(words[i + k]!);
    found.own = Number.isNaN(time) ? null : time;
    this.finish(ls, le);
  };

  /** The line's code field holds catalog code idx, as v: counted once per record, its evidence the field's. */
  private fieldCode(idx: number, ls: number, e: number, v: string): void {
    if (this.found.isNew(idx, this.key)) this.found.addCode(idx, this.key, fieldSample(this.buf, ls, e, v, this.redact));
  }

  /** The unknown value v first (its evidence the field's), then the line read as text (see dropValueOwn). */
  private unknownAndText(ls: number, e: number, v: string): void {
    unknownField(this.found, this.key, v, (x) => fieldSample(this.buf, ls, e, x, this.redact));
    this.scanText(ls, e);
    dropValueOwn(this.found, v);
  }

  /** One line buf[ls, le) (le at its `\n` or the end). */
  protected line(ls: number, le: number): void {
    const buf = this.buf;
    const e = trimCr(buf, ls, le);
    const fields = this.fields;
    const os = this.kernel.objectAt(ls, e);
    const kind = this.kernel.validate(os, e, fields);
    const found = this.found;
    // A scope the kernel noted (a JSON line's string holding JSON, a scope object) is parsed: no byte search for one.
    if (kind === Kind.Unsure || (kind === Kind.Object && (this.kernel.scopeNoted() || this.nested.needsParse(buf, os, e, fields, this.kernel)))) return this.slowLine(ls, le, e);
    if (kind === Kind.Object) {
      for (const slot of CODE_SLOTS) {
        if (fields.type(slot) !== Type.String) continue;
        // A plain catalog code is looked up straight from its bytes; anything else as a string.
        const vs = fields.start[slot]!;
        const ve = fields.end[slot]!;
        const plain = fields.escaped[slot] === 0 && ve > vs && isPlain(buf[vs]!) && isPlain(buf[ve - 1]!);
        const n = ve - vs;
        const words = this.words;
        const idx = plain && words !== undefined && n < words.lengths.length && words.lengths[n] === 1 ? words.table.get(buf, vs, ve, fields.hash[slot]!) : -1;
        if (idx !== -1) {
          this.codeField(ls, le, e, idx, undefined, vs, ve);
          return;
        }
        const value = fieldCode(stringValue(buf, fields, slot));
        if (value === undefined) continue;
        this.codeField(ls, le, e, this.index.get(value.toLowerCase()), value, vs, ve);
        return;
      }
    }
    // No code field: the line is scanned as plain text.
    this.scanText(ls, e);
    if (!found.active) return;
    found.own = this.lineTimes.timeOf(buf, ls, e, kind, fields);
    if (found.n > 0) {
      found.scanAccounts(buf, ls, e);
      if (kind === Kind.Object) fieldAccounts(buf, fields, found);
    }
    this.finish(ls, le);
  }

  /** The first `_` at or after `from` (-1: none; one at or past e may be given). */
  protected underscore(from: number, _e: number): number {
    return this.buf.indexOf(UNDERSCORE, from);
  }

  /**
   * The record's code field holds catalog index idx, its only code, or an unknown value (the line is then
   * read as text too). The value is `given` (decoded and trimmed), or when undefined the bytes buf[vs, ve).
   */
  private codeField(ls: number, le: number, e: number, idx: number | undefined, given: string | undefined, vs: number, ve: number): void {
    const buf = this.buf;
    const found = this.found;
    const fields = this.fields;
    const value = (): string => given ?? buf.toString('utf8', vs, ve);
    // Not a catalog code: the unknown value, and the line read as text too (its codes count).
    if (idx !== undefined) this.fieldCode(idx, ls, e, value());
    else this.unknownAndText(ls, e, value());
    if (found.n > 0) {
      found.scanAccounts(buf, ls, e);
      fieldAccounts(buf, fields, found);
    }
    found.own = this.lineTimes.timeOf(buf, ls, e, Kind.Object, fields);
    this.finish(ls, le);
  }

  /** The line buf[ls, e) scanned as plain text: its code words (or the general pattern) and unknown-code values. */
  private scanText(ls: number, e: number): void {
    const sampler = this.sampler;
    sampler.line(this.buf, ls, e);
    const words = this.words;
    if (words === undefined) return this.general!.scanRecord(this.buf, this.found, this.key, ls, e, sampler);
    // The kernel reads the words in one call, unless a batch holds its output or they overflow it.
    if (this.wordsAtOnce && recordWords(this.kernel, this.found, this.key, ls, e, sampler, this.codeLength)) return;
    for (let u = this.underscore(ls, e); u !== -1 && u < e; u = this.underscore(u + 1, e)) u = checkWord(this.buf, words, this.found, this.key, ls, e, u, sampler);
  }

  /**
   * A line JSON.parse decides on: blank, malformed (scanned as text) or valid after all (its code field, a
   * nested one included, else its text). Only the fields come from the parse; the rules are the other lines'.
   */
  private slowLine(ls: number, le: number, e: number): void {
    const rec = this.lineTimes.recordOf(this.buf, ls, e, this.lineNo);
    if (rec.malformed === true) this.stat.malformedRecords++;
    if (this.keepParsed) this.parsed = rec;
    const found = this.found;
    const value = rec.fields === undefined ? undefined : codeFieldValue(rec.fields, this.opts);
    const idx = value === undefined ? undefined : this.index.get(value.toLowerCase());
    if (idx !== undefined) this.fieldCode(idx, ls, e, value!);
    else if (value !== undefined) this.unknownAndText(ls, e, value);
    else this.scanText(ls, e);
    if (!found.active) return;
    if (found.n > 0) parsedAccounts(this.buf, ls, e, rec.fields, found);
    found.own = recordTime(rec, this.opts);
    this.finish(ls, le);
  }

  protected finish(ls: number, le: number): void {
    const window = this.window;
    if (window === undefined) return this.found.finish(this.lineNo, this.times!.lineTime(this.buf, ls, le, this.found.own));
    const time = window.timeAt(this.lineNo);
    if (window.inside(time)) this.found.finish(this.lineNo, time);
    else this.found.discard();
  }

  /** Any line's own time (for lines walked over to find an inherited time); notes whether it is malformed (ownMalformed). */
  protected ownTime(buf: Buffer, ls: number, e: number): number | null {
    return this.lineTimes.ownTime(buf, ls, e);
  }

  /** The line ownTime looked at last is malformed JSON. */
  protected get ownMalformed(): boolean {
    return this.lineTimes.malformed;
  }
}
