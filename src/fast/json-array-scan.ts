import type { Matcher } from '../extract/matcher.js';
import { recordTime, type FieldOptions } from '../extract/record.js';
import { JSON_ALL } from '../extract/local-part.js';
import type { TimeWindow } from '../model/settings.js';
import type { FileStat } from '../model/stats.js';
import type { Tally } from '../model/tally.js';
import { JsonElements, type JsonSink } from '../input/json-split.js';
import { jsonShape } from '../input/json-shape.js';
import { JsonlFastScan } from './jsonl-scan.js';
import { Scopes } from './json-line.js';
import { NestedFields } from './json-nested.js';
import type { JsonlKind } from './kernels.js';
import { releaseKernel } from './kernel-pool.js';
import { RecordTimes } from './record-times.js';
import { RecordWindow } from './record-window.js';

/**
 * Whether the kernel reads a JSON array's elements in bulk (Kernel.scanJsonArray): without a window, with a
 * catalog of `_` words and fields it watches. Only then is one array shared by threads (src/parallel/plan.ts).
 */
export const arrayInBulk = (window: TimeWindow | null, matcher: Matcher, fields: FieldOptions): boolean => window === null && matcher.wordCodes && !new NestedFields(fields, true).here;

/** Elements read here at most before the kernel is tried again (see backOff). */
const BACK_OFF_MAX = 64;

/**
 * The fast path for JSON arrays: JsonElements (the splitter the oracle's record reader uses too) finds each element and its
 * line, and the element is counted as the JSON-lines fast path counts a line (JsonlFastScan.line: the
 * kernel's validator, the code field looked up from its bytes, else the text word rule, JSON.parse when
 * in doubt; an element's scopes, `jsonPayload`, `_source`, `attributes`, are read by the kernel as it
 * validates the element, and parsed only when it cannot read them: see NestedFields).
 * Times are the records' (RecordTimes), not the lines'. A wrapped export's records array is read the same
 * way (JsonElements finds it). Other input that does not start with `[` is read as JSON lines, as the
 * record reader reads it. Without a window (and with a catalog of `_` words, fields the kernel watches), the
 * kernel reads the elements between two others in bulk, as it reads JSON lines (Kernel.scanJsonArray):
 * it validates them, counts what it can and keeps their times, and only the elements it reports or leaves
 * come here.
 */
export class JsonArrayFastScan extends JsonlFastScan implements JsonSink {
  private readonly elements: JsonElements;
  private readonly records: RecordTimes;
  /** Not an array: read as JSON lines. */
  private asLines = false;
  /** A byte range that starts between two elements (see resumeBetween). */
  private resumed = false;
  /** The current element: its number in RecordTimes, and its line. */
  private k = 0;
  private at = 0;
  /** Elements so far (see element). */
  private ordinal = 0;
  /** The next `_` at or after the current element (elements come in order: each `_` is looked for once). */
  private nextUnderscore = -1;
  /** The buffer's bytes read so far (searches stop there). */
  private view: Buffer = Buffer.alloc(0);
  /** With a window: each element's time, own or inherited, and whether it counts. */
  private readonly inWindow: RecordWindow | undefined;
  /**
   * The kernel reads the elements in bulk (scanJsonArray) and keeps their times; those it leaves are read
   * here one by one. Not with a window, a catalog not all `_` words, or fields the kernel cannot watch.
   */
  private readonly bulk: boolean;
  /** In bulk: the element read here has not had its own time noted in the kernel yet. */
  private noting = false;
  private readonly fieldOpts: FieldOptions;
  /**
   * Elements to read here before the kernel is tried again, after it left the element it was given to
   * TypeScript at once (a search export whose every hit holds a `_source` object): doubled, up to
   * BACK_OFF_MAX, each time that happens again. Either way the counts are the same.
   */
  private backOff = 0;
  private backOffNext = 1;

  constructor(
    tally: Tally,
    stat: FileStat,
    matcher: Matcher,
    maxLength: number,
    /** Evidence is redacted before it is cut. */
    redact = false,
    /** Only elements inside it are counted (every element's time is worked out). */
    range: TimeWindow | null = null,
    /** The code and time fields, and `--records`. */
    fields: FieldOptions = {},
    /**
     * Where the bytes start (see src/parallel/plan.ts): at the file's start; between two elements of a bare
     * array (a later byte range); or at a document of a YAML stream (a later range: a JSON array of its own).
     * Records of a later range before its first time take the last time of the ranges before.
     */
    from: 'file' | 'element' | 'document' = 'file',
  ) {
    super(tally, stat, matcher, maxLength, from !== 'file', redact, range, null, fields, true);
    this.fieldOpts = fields;
    this.bulk = arrayInBulk(range, matcher, fields);
    const run = this.bulk ? (p: number, to: number, line: number) => this.run(p, to, line, maxLength) : undefined;
    this.elements = new JsonElements(maxLength, (_buf, s, to) => this.kernel.elementEnd(s, to), jsonShape(fields), run);
    this.kernel.arrayReset();
    this.resumed = from === 'element';
    if (this.resumed) this.elements.resumeBetween();
    this.records = new RecordTimes(stat, (s, e) => this.ownTime(this.buf, s, e));
    if (range !== null) this.inWindow = new RecordWindow(range, stat);
    this.wordsAtOnce = true;
  }

  override commit(n: number): void {
    if (this.asLines) return super.commit(n);
    if (n <= 0 || this.abandoned) return;
    this.len += n;
    this.view = this.buf.subarray(0, this.len);
    const at = this.elements.split(this.buf, 0, this.len, false, this);
    if (this.elements.notArray) return this.toLines();
    if (this.abandoned) {
      this.len = 0;
      return;
    }
    if (!this.bulk) this.records.settle();
    this.lineTimes.placed(this.buf);
    this.buf.copy(this.buf, 0, at, this.len);
    this.len -= at;
    this.nextUnderscore = -1;
  }

  /**
   * A range that started between two elements and left the array for text: its start was likely no such
   * place (a nested array's), and its file is read again whole (see src/scan.ts): nothing more is read.
   */
  get abandoned(): boolean {
    return this.resumed && this.elements.trailed;
  }

  /** The lines read (of a byte range: the ranges after it are numbered on by them). */
  get lines(): number {
    return this.asLines ? this.lineNo - 1 : this.elements.line - 1;
  }

  /** Whether what was read ends between two elements of a bare array (see JsonElements.cleanCut). */
  get cleanCut(): boolean {
    return !this.asLines && this.elements.cleanCut;
  }

  /** Never searches past the bytes read: an element without a `_` costs no search through the rest. */
  protected override underscore(from: number, e: number): number {
    if (this.asLines) return super.underscore(from, e);
    if (this.nextUnderscore < from) {
      const u = this.view.indexOf(0x5f, from);
      this.nextUnderscore = u === -1 ? this.len : u;
    }
    return this.nextUnderscore < e ? this.nextUnderscore : -1;
  }

  override end(whole = true): void {
    if (this.asLines) return super.end(whole);
    try {
      this.view = this.buf.subarray(0, this.len);
      if (whole && !this.abandoned) this.elements.split(this.buf, 0, this.len, true, this);
      // The elements that carried on a record (the last ones too, placed by the split above) are no records.
      this.stat.records -= this.kernel.jsonJoined().joined;
      // With a window the file's times are those of the elements inside it (see element).
      if (this.bulk) this.endTimes();
      else if (this.inWindow === undefined) this.records.end();
      this.found.end();
    } finally {
      this.len = 0;
      releaseKernel(this.kernel, this.stat);
    }
  }

  /** Not an array: the buffer still holds the input from its first byte, read from there as JSON lines. */
  private toLines(): void {
    this.asLines = true;
    // Lines are read while the kernel's JSON-lines batches are (see JsonlFastScan.scan).
    this.wordsAtOnce = false;
    // Read as JSON lines files are: at their top level, or in a search hit's `_source` (src/input/fields.ts).
    this.nested = this.nested.unscoped();
    this.kernel.watchScopes(Scopes.Lines);
    const all = this.len;
    this.len = 0;
    super.commit(all);
  }

  /** The element buf[s, e), numbered lineNo and read here, takes its place in a record: true when it carries one on (its codes counted there already left out). */
  private placeHere(buf: Buffer, s: number, e: number): boolean {
    const record = this.lineTimes.place(buf, s, e, this.lineNo);
    this.into = record === this.lineNo ? -1 : record;
    this.found.record = this.key;
    if (this.into !== -1) this.found.countedIn(this.key);
    return this.into !== -1;
  }

  element(buf: Buffer, s: number, e: number, line: number): void {
    const stat = this.stat;
    // Elements may share a line: the number LineFindings counts a code once per is the element's own.
    this.lineNo = ++this.ordinal;
    this.at = line;
    // Its place in a record (src/wasm/json-records.ts): a stack trace's line carries on the record before it.
    const joined = this.placeHere(buf, s, e);
    // Counted as a record; one that carried one on is taken back with the kernel's count (jsonJoined).
    stat.records++;
    if (this.backOff > 0) this.backOff--;
    this.kernel.seeEmails(s, e, Infinity, false, false, JSON_ALL);
    if (this.bulk) return this.readHere(buf, s, e);
    if (this.inWindow === undefined) this.k = this.records.note(s, e);
    // Every element's time decides whether it counts; one outside the window is malformed or not, no more.
    else if (!this.inWindow.inside(this.ownTime(buf, s, e))) {
      if (this.ownMalformed || s === e) stat.malformedRecords++;
      // Outside, in a record of its own or not.
      if (joined) stat.outsideWindow--;
      return;
    }
    this.read(s, e);
  }

  /**
   * An element's findings. One of nothing but white space JSON does not know (a no-break space…) has no
   * JSON text: it is malformed, as JSON.parse has it (a blank JSON line is not, but an element is never blank).
   */
  private read(s: number, e: number): void {
    if (s === e) this.stat.malformedRecords++;
    else this.line(s, e);
  }

  /**
   * In bulk, an element the kernel left: read here, its own time noted in the kernel in order with the
   * elements it read (by finish when it counts; else from the record line() parsed, or read on its own).
   */
  private readHere(buf: Buffer, s: number, e: number): void {
    this.noting = true;
    this.keepParsed = true;
    this.read(s, e);
    this.keepParsed = false;
    const rec = this.parsed;
    this.parsed = undefined;
    if (this.noting) this.kernel.arrayNote(rec !== undefined ? recordTime(rec, this.fieldOpts) : this.ownTime(buf, s, e));
    this.noting = false;
  }

  skipped(): void {
    this.kernel.jsonlSkipped(this.ordinal + 1);
    if (this.backOff > 0) this.backOff--;
    this.stat.records++;
    this.stat.skippedLines++;
    if (this.bulk) this.kernel.arrayNote(null);
    else if (this.inWindow === undefined) this.records.skipped();
    else this.inWindow.skipped();
  }

  protected override finish(ls: number, le: number): void {
    if (this.asLines) return super.finish(ls, le);
    if (this.bulk) {
      const own = this.found.own ?? null;
      // Reported by the kernel: its time is given, own or inherited.
      if (!this.noting) return this.found.finish(this.at, own);
      this.noting = false;
      const time = own ?? this.kernel.arrayTimes().last;
      this.kernel.arrayNote(own);
      return this.found.finish(this.at, time);
    }
    this.found.finish(this.at, this.inWindow === undefined ? this.records.time(this.k, this.found.own ?? null) : this.inWindow.now);
  }

  /** The kernel reads the elements of buf[p, to) (p between two elements, on line `line`): see ElementRun. */
  private run(p: number, to: number, line: number, maxLength: number): { next: number; line: number } {
    if (this.backOff > 0) return { next: p, line };
    this.callBase = this.ordinal + 1;
    const r = this.found.batchOf(() => this.kernel.scanJsonArray(p, to, maxLength, line, this.callBase, this.onElement));
    this.stat.records += r.elements - this.kernel.jsonJoined().joined;
    this.ordinal += r.elements;
    if (r.elements > 0) this.backOffNext = 1;
    else {
      this.backOff = this.backOffNext;
      this.backOffNext = Math.min(2 * this.backOffNext, BACK_OFF_MAX);
    }
    return r;
  }

  /** An element the kernel read and did not count itself: counted as a JSON line the kernel reports, at its time. */
  private readonly onElement = (s: number, e: number, index: number, line: number, kind: JsonlKind, time: number, words: Int32Array, at: number, nCodes: number, nUnknown: number, nIds: number, record: number): void => {
    this.at = line;
    this.onLine(s, e, index, kind, time, words, at, nCodes, nUnknown, nIds, record);
  };

  /** The file ended: its times are those the kernel kept (as RecordTimes.end has them). */
  private endTimes(): void {
    const t = this.kernel.arrayTimes();
    const stat = this.stat;
    stat.firstTime ??= t.first;
    stat.lastTime = t.last;
    stat.untimedRecords += stat.firstTime === null ? stat.records : t.untimed;
  }
}
