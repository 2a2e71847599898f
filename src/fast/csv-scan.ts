import { ACCOUNT_FIELDS, accountValue, isPlainAccount } from '../extract/accounts.js';
import type { Matcher } from '../extract/matcher.js';
import { CODE_FIELDS, TIME_FIELDS, type FieldOptions } from '../extract/record.js';
import { evidence } from '../extract/sample.js';
import { timeFromValue } from '../extract/timestamp.js';
import { fieldValue, fieldValues } from '../input/csv.js';
import { headerIndex } from '../input/fields.js';
import type { Delimiter } from '../model/record.js';
import type { TimeWindow } from '../model/settings.js';
import type { FileStat } from '../model/stats.js';
import type { Tally } from '../model/tally.js';
import { ChunkBuffer } from './chunk-buffer.js';
import { CsvSplitter, type CsvSink } from '../input/csv-split.js';
import { type Kernel } from './kernels.js';
import { acquireKernel, releaseKernel } from './kernel-pool.js';
import { LineFindings } from './line-findings.js';
import { RecordWindow } from './record-window.js';
import { RecordTimes } from './record-times.js';
import { Sampler } from './sampler.js';
import { checkWord, recordWords } from './check-word.js';
import { codeIndexOf, codeLengthsOf, codeWordsOf, generalCodesOf, kernelCodesOf, type CodeWords } from './catalog-tables.js';
import type { GeneralCodes } from './general-codes.js';

const UNDERSCORE = 0x5f;
const MAX_UNKNOWN_LENGTH = 120;

/** The columns a row is read by, from the header (as rowFields finds them: by lower-cased name, first wins). */
interface Columns {
  readonly width: number;
  readonly code: readonly number[];
  readonly time: readonly number[];
  readonly account: readonly number[];
}

/**
 * The fast path for CSV, on raw bytes: the splitter the record reader uses (CsvSplitter) gives each
 * record's field spans; a row whose code column holds a value counts that value only (looked up from its
 * bytes), any other record is scanned as plain text with the text fast path's word rule. Times, accounts
 * and evidence come from the same rules as the record reader's, worked out only for records that hold a
 * code. The tally is the one the oracle (test/oracle: csvRecords and FileScan) gives for the same bytes (property-tested).
 */
export class CsvFastScan extends ChunkBuffer implements CsvSink {
  private readonly split: CsvSplitter;
  /** Splits one noted record again, to find its time (see RecordTimes). */
  private readonly probe: CsvSplitter;
  private columns: Columns | undefined;
  /** A catalog of `_` words: looked up word by word; any other: by its one pattern (see GeneralCodes). */
  private readonly words: CodeWords | undefined;
  private readonly general: GeneralCodes | undefined;
  private readonly found: LineFindings;
  private readonly times: RecordTimes;
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
  /** With a window: each record's time, own or inherited, and whether it counts. */
  private readonly inWindow: RecordWindow | undefined;

  constructor(
    tally: Tally,
    private readonly stat: FileStat,
    matcher: Matcher,
    private readonly fields: FieldOptions,
    maxLength: number,
    /** Evidence is redacted before it is cut. */
    private readonly redact = false,
    /** Only records inside it are counted (every record's time is worked out). */
    window: TimeWindow | null = null,
    /** The byte between fields (see csvDialect). */
    delimiter: Delimiter = ',',
  ) {
    const kernel = acquireKernel(kernelCodesOf(matcher), fields.times);
    super((n) => kernel.room(n));
    this.kernel = kernel;
    this.split = new CsvSplitter(maxLength, undefined, delimiter);
    this.probe = new CsvSplitter(Infinity, undefined, delimiter);
    this.sampler.redact = redact;
    if (matcher.wordCodes) this.words = codeWordsOf(matcher);
    else this.general = generalCodesOf(matcher);
    this.found = new LineFindings(tally, stat, matcher.catalog.entries, false, kernel);
    this.times = new RecordTimes(stat, (s, e) => this.notedTime(s, e));
    if (window !== null) this.inWindow = new RecordWindow(window, stat);
    this.index = codeIndexOf(matcher);
    this.codeLength = codeLengthsOf(matcher);
  }

  override commit(n: number): void {
    if (n <= 0) return;
    this.len += n;
    this.view = this.buf.subarray(0, this.len);
    const at = this.split.split(this.buf, 0, this.len, false, this);
    this.times.settle();
    this.buf.copy(this.buf, 0, at, this.len);
    this.len -= at;
    this.nextUnderscore = -1;
  }

  /** The file ends (`whole` false: the input broke off, and its cut last record is not a record). */
  override end(whole = true): void {
    try {
      this.view = this.buf.subarray(0, this.len);
      if (whole) this.split.split(this.buf, 0, this.len, true, this);
      // With a window the file's times are those of the records inside it (see inside).
      if (this.inWindow === undefined) this.times.end();
      this.found.end();
    } finally {
      this.len = 0;
      releaseKernel(this.kernel);
    }
  }

  skipped(): void {
    this.stat.records++;
    this.stat.skippedLines++;
    if (this.inWindow === undefined) this.times.skipped();
    else this.inWindow.skipped();
  }

  record(buf: Buffer, s: number, e: number, line: number, bad: boolean): void {
    const cols = this.columns;
    if (cols === undefined && !bad) {
      this.columns = this.header(buf);
      return;
    }
    this.stat.records++;
    this.kernel.seeEmails(s, e);
    // The columns the record is read by: none for a malformed one (read as text).
    const row = cols !== undefined && !bad && this.split.nf === cols.width ? cols : undefined;
    if (row === undefined) this.stat.malformedRecords++;
    if (this.inWindow !== undefined && !this.inWindow.inside(row !== undefined ? this.rowTime(buf, s, e, row, this.split) : this.kernel.time(s, e))) return;
    const k = this.inWindow === undefined ? this.times.note(s, e) : 0;
    if (row !== undefined && row.code.length > 0 && this.codeField(buf, s, e, line, k, row)) return;
    // No code field: the record's raw text is scanned as plain text.
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
    if (!found.active) return;
    if (found.n > 0) this.accounts(buf, s, e, row);
    this.finish(line, k, buf, s, e, row);
  }

  /** The next `_` at or after s, or the end of the bytes read (searches never go past it). */
  private underscoreFrom(s: number): number {
    const u = this.view.indexOf(UNDERSCORE, s);
    return u === -1 ? this.len : u;
  }

  /** A row's code field, when one holds a value: that value is the row's only code (true), else false. */
  private codeField(buf: Buffer, s: number, e: number, line: number, k: number, cols: Columns): boolean {
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
        value = fieldValue(buf, split, c).trim();
        if (value === '') continue;
        idx = this.index.get(value.toLowerCase());
      }
      const found = this.found;
      const sample = (): string => {
        const text = buf.toString('utf8', s, e);
        const v = value ?? buf.toString('utf8', vs, ve);
        return evidence(text, Math.max(0, text.indexOf(v)), v.length, this.redact);
      };
      if (idx !== undefined) {
        found.addCode(idx, line, found.wantsSample(idx) ? sample() : undefined);
        this.accounts(buf, s, e, cols);
      } else {
        const v = value!;
        found.addUnknown(v.length > MAX_UNKNOWN_LENGTH ? v.slice(0, MAX_UNKNOWN_LENGTH) + '…' : v, sample());
      }
      this.finish(line, k, buf, s, e, cols);
      return true;
    }
    return false;
  }

  /** A record with codes: the e-mail addresses in its text, and its account columns' values. */
  private accounts(buf: Buffer, s: number, e: number, cols: Columns | undefined): void {
    this.found.scanAccounts(buf, s, e);
    if (cols === undefined) return;
    const split = this.split;
    for (const c of cols.account) {
      // Printable ASCII with nothing to trim: the bytes are the account (lower-cased as they are read).
      if (split.fq[c] !== 2 && isPlainAccount(buf, split.fs[c]!, split.fe[c]!)) {
        this.found.addAccountBytes(buf, split.fs[c]!, split.fe[c]!);
        continue;
      }
      const v = accountValue(fieldValue(buf, split, c));
      if (v !== undefined) this.found.addAccount(v);
    }
  }

  /** The record buf[s, e) (a row read by cols, else text) is counted at its time (with a window: known already). */
  private finish(line: number, k: number, buf: Buffer, s: number, e: number, cols: Columns | undefined): void {
    if (this.inWindow !== undefined) return this.found.finish(line, this.inWindow.now);
    this.found.finish(line, this.times.time(k, cols !== undefined ? this.rowTime(buf, s, e, cols, this.split) : this.kernel.time(s, e)));
  }

  /** A row's own time: its first time column that holds one, else the first date-time in its text. */
  private rowTime(buf: Buffer, s: number, e: number, cols: Columns, split: CsvSplitter): number | null {
    for (const c of cols.time) {
      const t = split.fq[c] === 2 ? timeFromValue(fieldValue(buf, split, c), this.fields.times) : this.kernel.valueTime(split.fs[c]!, split.fe[c]!);
      if (t !== null) return t;
    }
    return this.kernel.time(s, e);
  }

  /** The own time of a record looked at again (one walked over to find an inherited time). */
  private notedTime(s: number, e: number): number | null {
    const cols = this.columns;
    let own: number | null = null;
    this.probe.split(this.buf, s, e, true, {
      record: (buf, rs, re, _line, bad) => {
        own = cols !== undefined && !bad && this.probe.nf === cols.width ? this.rowTime(buf, rs, re, cols, this.probe) : this.kernel.time(rs, re);
      },
      skipped: () => undefined,
    });
    return own;
  }

  /** The header's columns (the split's current record). */
  private header(buf: Buffer): Columns {
    const names = headerIndex(fieldValues(buf, this.split));
    const columns = (list: readonly string[]): number[] => {
      const out: number[] = [];
      for (const name of list) {
        const i = names.get(name.toLowerCase());
        if (i !== undefined) out.push(i);
      }
      return out;
    };
    const f = this.fields;
    return {
      width: this.split.nf,
      code: columns(f.codeField !== undefined ? [f.codeField] : CODE_FIELDS),
      time: columns(f.timeField !== undefined ? [f.timeField] : TIME_FIELDS),
      account: columns(ACCOUNT_FIELDS),
    };
  }
}

/** A byte that `trim` would never remove from the edge of a value: printable ASCII. */
const isPlain = (c: number): boolean => c > 0x20 && c < 0x7f;
