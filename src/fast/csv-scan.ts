import { codeFieldValue, csvTimesUtc, recordTime } from '../extract/record.js';
import type { Matcher } from '../extract/matcher.js';
import { dayTime, fieldCode, holdsTime, noTimeValue, NUMBER, pairTime, shownUnknown, type FieldOptions } from '../extract/record.js';
import { evidence } from '../extract/sample.js';
import { findTimestamp, timeFromValue, valueWasDate } from '../extract/timestamp.js';
import { inUtc } from '../extract/time-rules.js';
import { fieldValue, fieldValues } from '../input/csv.js';
import { csvHeader, type CsvHeader } from '../input/fields.js';
import { CSV_FIELDS_READ, type Delimiter, type Fields } from '../model/record.js';
import type { TimeWindow } from '../model/settings.js';
import type { FileStat } from '../model/stats.js';
import type { Tally } from '../model/tally.js';
import { ChunkBuffer } from './chunk-buffer.js';
import { CSV_LEFT, CSV_UNKNOWN_BYTES } from './kernel-layout.js';
import { MAX_SAMPLES } from '../summary/samples.js';
import { addUnknownCount } from '../summary/tally.js';
import { CsvSplitter, type CsvSink } from '../input/csv-split.js';
import { type Kernel } from './kernels.js';
import { acquireKernel, releaseKernel } from './kernel-pool.js';
import { LineFindings } from './line-findings.js';
import { Sampler } from './sampler.js';
import { dropValueOwn } from './field-unknown.js';
import { checkWord, recordWords } from './check-word.js';
import { codeIndexOf, codeLengthsOf, codeWordsOf, generalCodesOf, kernelCodesOf, type CodeWords } from './catalog-tables.js';
import type { GeneralCodes } from './general-codes.js';
import { columnsOf, rowAccounts, scopedRowFields, type Columns } from './csv-columns.js';
import { parsedAccounts } from './json-values.js';

const UNDERSCORE = 0x5f;

/**
 * The fast path for CSV, on raw bytes. With a catalog of `_` words the kernel (src/wasm/csv.ts) reads the
 * records of the buffer and counts them; those whose findings it cannot count it notes, and they are read
 * here after its call, by the splitter the record reader uses (CsvSplitter). It stops before the header, an
 * over-long record and a time column it cannot read, which are read here whole, and goes on after them.
 * Here, a row whose code column holds a value counts that value only (looked up from its bytes), any other
 * record is scanned as plain text with the text fast path's word rule. A record without a time of its own
 * takes the last one before it: the kernel keeps that state for both sides (see Kernel.csvRecordTime).
 * The tally is the one the oracle (test/oracle: csvRecords and FileScan) gives for the same bytes (property-tested).
 */
export class CsvFastScan extends ChunkBuffer implements CsvSink {
  private readonly split: CsvSplitter;
  private columns: Columns | undefined;
  /** A catalog of `_` words: looked up word by word; any other: by its one pattern (see GeneralCodes). */
  private readonly words: CodeWords | undefined;
  private readonly general: GeneralCodes | undefined;
  private readonly found: LineFindings;
  private readonly kernel: Kernel;
  private readonly sampler = new Sampler();
  /** Lower-cased code → catalog index. */
  private readonly index: Map<string, number>;
  /** Per catalog index: the code's length in bytes. */
  private readonly codeLength: Int32Array;
  /** The next `_` at or after the current record (records come in order: each `_` is looked for once). */
  private nextUnderscore = -1;
  /** The buffer's bytes read so far (searches stop there). */
  private view: Buffer = Buffer.alloc(0);
  /** The kernel reads the rows (a catalog of `_` words, and columns it can keep: see csvColumns). */
  private kernelRows = false;
  /** The current record's time, own or inherited. */
  private now: number | null = null;
  /** Per unknown code value (lower-cased): its rows read here; and those the kernel counts, in the order it was given them. */
  private readonly unknownHits = new Map<string, number>();
  private readonly unknownKeys: string[] = [];
  /** A record the kernel left to this side: its time (it is counted already, but for its findings). */
  private given: number | null | undefined = undefined;

  constructor(
    private readonly tally: Tally,
    private readonly stat: FileStat,
    matcher: Matcher,
    private fields: FieldOptions,
    private readonly maxLength: number,
    /** Evidence is redacted before it is cut. */
    private readonly redact = false,
    /** Only records inside it are counted (every record's time is worked out). */
    window: TimeWindow | null = null,
    /** The byte between fields (see csvDialect). */
    delimiter: Delimiter = ',',
    /** A later byte range of the file: its records before its first time take the last time of the ranges before. */
    inheritsTime = false,
  ) {
    const kernel = acquireKernel(kernelCodesOf(matcher), fields.times);
    super((n) => kernel.room(n));
    this.kernel = kernel;
    this.split = new CsvSplitter(maxLength, undefined, delimiter);
    this.sampler.redact = redact;
    if (matcher.wordCodes) this.words = codeWordsOf(matcher);
    else this.general = generalCodesOf(matcher);
    this.found = new LineFindings(tally, stat, matcher.catalog.entries, inheritsTime, kernel);
    this.found.lastSample = (idx, ls, le, at, field) => {
      const n = this.codeLength[idx]!;
      if (field) return this.fieldSample(this.buf, ls, le, this.buf.toString('latin1', at, at + n));
      this.sampler.line(this.buf, ls, le);
      return this.sampler.text(at, n);
    };
    kernel.csvReset(delimiter, window !== null);
    if (window !== null) kernel.setWindow(window.since, window.until);
    this.index = codeIndexOf(matcher);
    this.codeLength = codeLengthsOf(matcher);
  }

  override commit(n: number): void {
    if (n <= 0) return;
    this.len += n;
    this.view = this.buf.subarray(0, this.len);
    const at = this.read(false);
    this.buf.copy(this.buf, 0, at, this.len);
    this.len -= at;
    this.nextUnderscore = -1;
  }

  /** A later byte range of the file: read by the columns of the file's header (see fileHeader). */
  useHeader(head: CsvHeader): void {
    this.columns = this.header(head);
  }

  /** The lines read (of a byte range: the ranges after it are numbered on by them). */
  get lines(): number {
    return this.split.line - 1;
  }

  /** The bytes read ended where a record did (not in a quoted field or an over-long record): a range may end there. */
  cleanCut = false;

  /** The file ends (`whole` false: the input broke off, and its cut last record is not a record). */
  override end(whole = true): void {
    this.cleanCut = this.len === 0 && !this.split.skippingRecord;
    try {
      this.view = this.buf.subarray(0, this.len);
      if (whole) this.read(true);
      const c = this.kernel.csvCounts();
      const stat = this.stat;
      stat.records += c.records;
      stat.malformedRecords += c.malformed;
      stat.untimedRecords += c.untimed;
      stat.outsideWindow += c.outside;
      // With a window the file's times are those of the records inside it.
      stat.firstTime = Number.isNaN(c.first) ? null : c.first;
      stat.lastTime = Number.isNaN(c.last) ? null : c.last;
      const unknown = this.kernel.csvUnknownCounts(this.unknownKeys.length);
      this.unknownKeys.forEach((key, k) => {
        addUnknownCount(this.tally, key, unknown[k]!);
        stat.unknown += unknown[k]!;
      });
      this.found.end();
    } finally {
      this.len = 0;
      releaseKernel(this.kernel, this.stat);
    }
  }

  /**
   * Reads the records of buf[0, len) (`last`: the input ends there): the kernel reads what it can, the
   * splitter the rest, one record at a time. Returns where the first unfinished record starts.
   */
  private read(last: boolean): number {
    const to = this.len;
    const split = this.split;
    let p = 0;
    for (;;) {
      if (this.kernelRows && !split.skippingRecord && p < to) {
        const from = p;
        const r = this.found.batchOf(() => {
          const r = this.kernel.scanCsv(from, to, last, split.line, this.maxLength);
          this.readLeft(r.left, r.n, to, last);
          return r;
        });
        p = r.next;
        split.line = r.line;
        // It left rows (its notes full, or rows whose codes await their evidence): it goes on from there.
        if (!r.stopped && r.n > 0 && p < to) continue;
      }
      if (p >= to) {
        // An over-long record at the input's end.
        if (last && split.skippingRecord) split.split(this.buf, p, to, true, this);
        return p;
      }
      // The record the kernel stopped before (or all of them: one at a time while the header is not read).
      const q = split.split(this.buf, p, to, last, this, this.kernelRows || this.columns === undefined);
      if (q === p) return p;
      p = q;
    }
  }

  /** The records the kernel left to this side (see Kernel.scanCsv), counted already but for their findings. */
  private readLeft(left: Float64Array, n: number, to: number, last: boolean): void {
    const per = CSV_LEFT.bytes / 8;
    const base = this.kernel.offset;
    for (let k = 0; k < n; k++) {
      const t = left[k * per + CSV_LEFT.time / 8]!;
      this.given = Number.isNaN(t) ? null : t;
      this.split.line = left[k * per + CSV_LEFT.line / 8]!;
      this.split.split(this.buf, left[k * per + CSV_LEFT.start / 8]! - base, to, last, this, true);
    }
    this.given = undefined;
  }

  skipped(): void {
    this.stat.records++;
    this.stat.skippedLines++;
    this.kernel.csvRecordTime(null);
  }

  record(buf: Buffer, s: number, e: number, line: number, bad: boolean): void {
    let cols = this.columns;
    if (cols === undefined && !bad) {
      const head = csvHeader(fieldValues(buf, this.split), buf.toString('latin1', s, e));
      // A preamble line (Excel's `sep=`, PowerShell's `#TYPE`): the header is the next record.
      if (head === undefined) return;
      this.columns = cols = this.header(head);
      // A file without a header: this record is its first row.
      if (!head.row) return;
    }
    // The columns the record is read by: none for a malformed one (read as text).
    const row = cols !== undefined && !bad && this.split.nf === cols.width ? cols : undefined;
    // A row whose scope column holds a JSON object is looked into (the kernel leaves every such row here).
    const scoped = row !== undefined && row.scope.length > 0 ? scopedRowFields(buf, this.split, row) : undefined;
    if (this.given !== undefined) this.now = this.given;
    else {
      this.stat.records++;
      this.kernel.seeEmails(s, e);
      if (row === undefined) this.stat.malformedRecords++;
      // A malformed record is read as plain text: its time by the line rules.
      const own = scoped !== undefined
        ? recordTime({ line, text: buf.toString('utf8', s, e), ...scoped }, this.fields)
        : row !== undefined ? this.rowTime(buf, s, e, row) : bad ? this.kernel.lineTime(s, e) : (this.valuesTime() ?? this.kernel.lineTime(s, e));
      const { time, outside } = this.kernel.csvRecordTime(own);
      if (outside) return;
      this.now = time;
    }
    // A catalog code (true) is the row's only code; an unknown value (its string) leaves it to its text too.
    const field = scoped !== undefined ? this.scopedCode(buf, s, e, line, scoped.fields) : row !== undefined && row.code.length > 0 ? this.codeField(buf, s, e, line, row) : false;
    if (field === true) return;
    // No catalog code in a code field: the record's raw text is scanned as plain text.
    const words = this.words;
    if (words === undefined) {
      this.sampler.line(buf, s, e);
      this.general!.scanRecord(buf, this.found, line, s, e, this.sampler);
    } else {
      let u = this.nextUnderscore;
      if (u < s) u = this.underscoreFrom(s);
      if (u < e) {
        const sampler = this.sampler;
        sampler.line(buf, s, e);
        // The kernel reads all the record's words in one call; only when they overflow its output, one by one here.
        if (recordWords(this.kernel, this.found, line, s, e, sampler, this.codeLength)) u = e;
        else for (; u < e; u = this.underscoreFrom(u + 1)) u = checkWord(buf, words, this.found, line, s, e, u, sampler);
      }
      this.nextUnderscore = u;
    }
    const found = this.found;
    if (typeof field === 'string') dropValueOwn(found, field);
    if (!found.active) return;
    if (found.n > 0) {
      if (scoped !== undefined) parsedAccounts(buf, s, e, scoped.fields, this.found);
      else rowAccounts(this.found, this.split, buf, s, e, row);
    }
    found.finish(line, this.now);
  }

  /** A looked-into row's code field (its own column's, else its object's), as codeField answers for a row's columns. */
  private scopedCode(buf: Buffer, s: number, e: number, line: number, fields: Fields): boolean | string {
    const value = codeFieldValue(fields, this.fields);
    if (value === undefined) return false;
    const idx = this.index.get(value.toLowerCase());
    const found = this.found;
    const sample = this.fieldSample(buf, s, e, value);
    if (idx === undefined) {
      const shown = shownUnknown(value);
      found.addUnknown(shown, found.wantsUnknownSample(shown, line) ? sample : undefined);
      return value;
    }
    found.addCode(idx, line, sample);
    parsedAccounts(buf, s, e, fields, found);
    found.finish(line, this.now);
    return true;
  }

  /** The next `_` at or after s, or the end of the bytes read (searches never go past it). */
  private underscoreFrom(s: number): number {
    const u = this.view.indexOf(UNDERSCORE, s);
    return u === -1 ? this.len : u;
  }

  /**
   * A row's code field, when one holds a catalog code: the row's only code (true). An unknown value is noted
   * and given back (the row is read as text too, as one without a code value is: false).
   */
  private codeField(buf: Buffer, s: number, e: number, line: number, cols: Columns): boolean | string {
    const split = this.split;
    const words = this.words;
    for (const c of cols.code) {
      const vs = split.fs[c]!;
      const ve = split.fe[c]!;
      const n = ve - vs;
      if (n === 0) continue;
      let idx: number | undefined = -1;
      let value: string | undefined;
      // A plain catalog code is looked up straight from its bytes; anything else as a string.
      if (words !== undefined && split.fq[c] !== 2 && isPlain(buf[vs]!) && isPlain(buf[ve - 1]!) && n < words.lengths.length && words.lengths[n] === 1) {
        idx = words.table.get(buf, vs, ve);
      }
      if (idx === -1) {
        value = fieldCode(fieldValue(buf, split, c));
        if (value === undefined) continue;
        idx = this.index.get(value.toLowerCase());
      }
      const found = this.found;
      const sample = (): string => this.fieldSample(buf, s, e, value ?? buf.toString('utf8', vs, ve));
      if (idx !== undefined) {
        found.addCode(idx, line, sample());
        rowAccounts(this.found, this.split, buf, s, e, cols);
      } else {
        const v = value!;
        const shown = shownUnknown(v);
        found.addUnknown(shown, found.wantsUnknownSample(shown, line) ? sample() : undefined);
        if (split.fq[c] !== 2) this.unknownMet(v, buf, vs, ve);
        // Not a catalog code: the row is read as text too (its codes count beside it).
        return v;
      }
      found.finish(line, this.now);
      return true;
    }
    return false;
  }

  /**
   * A row's unknown code value v, its bytes buf[vs, ve): once this file gave all its evidence (its first
   * MAX_SAMPLES rows; later ones add only to its count), the kernel counts its rows, when v is their bytes as
   * they are (printable ASCII, nothing trimmed, shown whole).
   */
  private unknownMet(v: string, buf: Buffer, vs: number, ve: number): void {
    const key = v.toLowerCase();
    const hits = (this.unknownHits.get(key) ?? 0) + 1;
    this.unknownHits.set(key, hits);
    if (hits !== MAX_SAMPLES || !this.kernelRows || ve - vs !== v.length || ve - vs > CSV_UNKNOWN_BYTES || shownUnknown(v) !== v) return;
    for (let i = vs; i < ve; i++) if (!isPlain(buf[i]!) && buf[i] !== 0x20) return;
    if (this.kernel.csvUnknown(vs, ve) >= 0) this.unknownKeys.push(key);
  }

  /** Evidence for a code column's value v (as the record reader has it: around the first place v is in the record buf[s, e)). */
  private fieldSample(buf: Buffer, s: number, e: number, v: string): string {
    const text = buf.toString('utf8', s, e);
    return evidence(text, Math.max(0, text.indexOf(v)), v.length, this.redact);
  }

  /** A row's own time, as recordTime has it: from its time columns (see holdsTime), else the first date-time in its text. */
  private rowTime(buf: Buffer, s: number, e: number, cols: Columns): number | null {
    const split = this.split;
    let held: number[] | undefined;
    // A time column there with no value (an empty cell, NULL): no time of its own (see noTimeValue).
    let none = false;
    for (const c of cols.time) {
      // The date column's turn: it and the time-of-day column read together first.
      const paired = c === cols.pair?.[0] ? pairTime(fieldValue(buf, split, c), fieldValue(buf, split, cols.pair[1]), this.fields.times) : null;
      if (paired !== null) return paired;
      const quoted = split.fq[c] === 2;
      const t = quoted ? timeFromValue(fieldValue(buf, split, c), this.fields.times) : this.kernel.valueTime(split.fs[c]!, split.fe[c]!);
      if (t !== null) return (quoted ? valueWasDate() : this.kernel.valueWasDate()) ? dayTime(t, this.kernel.time(s, e)) : t;
      const v = fieldValue(buf, split, c);
      if (holdsTime(v)) (held ??= []).push(c);
      else if (noTimeValue(v)) none = true;
    }
    if (held === undefined) return this.valuesTime() ?? (none ? null : this.kernel.time(s, e));
    for (const c of held) {
      const t = split.fq[c] === 2 ? findTimestamp(fieldValue(buf, split, c), this.fields.times, false) : this.kernel.time(split.fs[c]!, split.fe[c]!);
      if (t !== null) return t;
    }
    return null;
  }

  /** The first of the record's first CSV_FIELDS_READ values that is a date-time as a whole, as recordTime's valuesTime has it. */
  private valuesTime(): number | null {
    const split = this.split;
    for (let k = 0; k < split.nf && k < CSV_FIELDS_READ; k++) {
      if (split.fq[k] === 2 || NUMBER.test(this.buf.toString('latin1', split.fs[k]!, split.fe[k]!))) continue;
      const t = this.kernel.valueTime(split.fs[k]!, split.fe[k]!);
      if (t !== null && !this.kernel.valueWasDate()) return t;
    }
    return null;
  }

  /** The columns of the header (none for a file without one). */
  private header(head: CsvHeader): Columns {
    const cols = columnsOf(head, this.fields);
    // A time column whose name says UTC (`TimeGenerated [UTC]`) is read in UTC, whatever --tz says.
    const times = this.fields.times;
    if (times !== undefined && csvTimesUtc(head.names, this.fields)) {
      this.fields = { ...this.fields, times: inUtc(times) };
      this.kernel.useTimes(this.fields.times);
    }
    this.kernelRows = this.words !== undefined && this.kernel.csvColumns(cols.width, cols.code, cols.time, cols.account, cols.pair, cols.scope);
    return cols;
  }
}

/** A byte that `trim` would never remove from the edge of a value: printable ASCII. */
const isPlain = (c: number): boolean => c > 0x20 && c < 0x7f;
