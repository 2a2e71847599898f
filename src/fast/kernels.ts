import { DEFAULT_CONTEXT, writeTimeRules } from '../extract/time-rules.js';
import type { TimeContext } from '../model/settings.js';
import type { ArraySink, JsonlSink, NotedTimes, TextSink, Windowed } from './kernel-sinks.js';
import { catalogTable } from './kernel-catalog.js';
import { JsonKernel } from './kernel-json.js';
import { ARRAY_HEAD, BUCKET, COUNT, JSONL_HEAD, JsonlKind, TEXT_HEAD, TEXT_OUT_WORDS } from './kernel-layout.js';

export { JsonlKind } from './kernel-layout.js';
export type { ArraySink, EmailSink, JsonlSink, NotedTimes, TextSink, Windowed } from './kernel-sinks.js';

/**
 * One instance of the byte kernels with its own memory (see KernelBase; CSV records: CsvKernel; JSON
 * validation and the fields it watches: JsonKernel): the scans, counts and times.
 */
export class Kernel extends JsonKernel {
  /** Catalog codes the kernel counts itself (see setSteady); 0 when it counts none. */
  private counting = 0;

  /**
   * Gives the kernel the catalog (codes that are `_` words): an open-addressing table keyed by the hash of
   * the lower-cased code, as WordTable has it.
   */
  setCatalog(codes: readonly string[]): void {
    let size = 16;
    while (size < codes.length * 4) size *= 2;
    const keys = codes.map((c) => Buffer.from(c.toLowerCase(), 'latin1'));
    const longest = keys.reduce((m, k) => Math.max(m, k.length), 0);
    const arena = this.place(Buffer.concat([...keys, Buffer.alloc(1)]));
    const lengths = new Uint8Array(longest + 1);
    for (const k of keys) lengths[k.length] = 1;
    const lengthsAt = this.place(lengths);
    const table = catalogTable(keys, size, arena, (s, e) => this.x.codeHash(s, e));
    const tableAt = this.place(new Uint8Array(table.buffer));
    this.x.setCatalog(tableAt, size - 1, lengthsAt, longest);
    const counts = this.x.countBytes(codes.length);
    if (counts > 0) {
      this.x.setCounts(this.reserve(counts), codes.length);
      this.counting = codes.length;
    }
  }

  /** A new file: nothing is counted in the kernel and no code is steady. */
  countsReset(): void {
    this.x.countsReset();
  }

  /**
   * From now on scanText and scanJsonl count the lines of code idx themselves, when they hold only steady
   * codes, no unknown value, their own time and accounts that all have ids: they are not reported, their counts are read back
   * with takeBuckets, counted and accountCounts. Only for a code that needs no more evidence.
   */
  setSteady(idx: number): void {
    this.x.setSteady(idx);
  }

  /**
   * Whether the caller makes codes steady as it takes their evidence: then a scan call hands it only a few
   * lines (or rows) whose codes await it before it returns (EVIDENCE_BATCH in src/wasm/counting.ts).
   */
  awaitEvidence(on: boolean): void {
    this.x.awaitEvidence(on ? 1 : 0);
  }

  /**
   * Hands over the minutes the kernel finished counting: code idx had n occurrences in that minute (epoch
   * minutes); and the occurrences that may be the earliest of their minute (as takeEnd gives them).
   */
  takeBuckets(sink: (idx: number, minute: number, n: number) => void, candidate?: MinuteCandidate): void {
    const n = this.x.bucketsWaiting();
    if (n === 0) return;
    const at = this.x.bucketsOut();
    const i32 = this.i32;
    const f64 = this.f64;
    for (let k = 0; k < n; k++) {
      const b = at + k * BUCKET.bytes;
      const idx = i32[(b + BUCKET.idx) >> 2]!;
      const count = f64[(b + BUCKET.count) >> 3]!;
      if (count > 0) sink(idx, f64[(b + BUCKET.minute) >> 3]!, count);
      else if (candidate !== undefined) {
        const w = b >> 3;
        const base = this.base;
        candidate(idx, f64[w + BUCKET.line / 8]!, f64[w + BUCKET.time / 8]!, f64[w + BUCKET.start / 8]! - base, f64[w + BUCKET.end / 8]! - base, f64[w + BUCKET.at / 8]! - base, f64[w + BUCKET.field / 8] === 1);
      }
    }
    this.x.bucketsTaken();
  }

  /** The file ends: every minute still open is finished (take them with takeBuckets). */
  countsEnd(): void {
    this.x.countsEnd();
  }

  /**
   * What the kernel counted of code idx in this file: occurrences, the earliest time and its line, the latest
   * time. One object, filled again by the next call (a file asks once per code: many small files, many asks).
   */
  counted(idx: number): { count: number; earliest: number; line: number; latest: number } {
    const o = this.countedAnswer;
    if (idx >= this.counting) {
      o.count = 0;
      o.earliest = Infinity;
      o.line = 0;
      o.latest = -Infinity;
      return o;
    }
    const f64 = this.f64;
    const c = (this.x.countedOut() + idx * COUNT.bytes) >> 3;
    o.count = f64[c + COUNT.count / 8]!;
    o.earliest = f64[c + COUNT.earliest / 8]!;
    o.line = f64[c + COUNT.line / 8]!;
    o.latest = f64[c + COUNT.latest / 8]!;
    return o;
  }

  private readonly countedAnswer = { count: 0, earliest: Infinity, line: 0, latest: -Infinity };
  private readonly endAnswer = { line: 0, time: 0, ls: 0, le: 0, at: 0, field: false };

  /**
   * The first (earliest time, then line) or last (latest, then line) occurrence of code idx the kernel
   * counted, when it changed since last asked: its line, time, the line's start and end and the code's
   * position (offsets in the buffer, valid until the scanner moves its bytes), and whether the code is a JSON
   * code field's value. One object, filled again by the next call.
   */
  takeEnd(idx: number, first: boolean): { line: number; time: number; ls: number; le: number; at: number; field: boolean } | undefined {
    if (idx >= this.counting) return undefined;
    const f64 = this.f64;
    const c = (this.x.countedOut() + idx * COUNT.bytes) >> 3;
    const o = c + (first ? COUNT.firststart : COUNT.laststart) / 8;
    if (f64[o + 4] !== 1) return undefined;
    f64[o + 4] = 0;
    const e = this.endAnswer;
    e.line = f64[c + (first ? COUNT.line : COUNT.lastline) / 8]!;
    e.time = f64[c + (first ? COUNT.earliest : COUNT.latest) / 8]!;
    e.ls = f64[o]! - this.base;
    e.le = f64[o + 1]! - this.base;
    e.at = f64[o + 2]! - this.base;
    e.field = f64[o + 3] === 1;
    return e;
  }

  /**
   * Per account id and catalog index (id * codes + idx), the occurrences the kernel counted since the ids
   * last started over; undefined when it counts none. A view: read it before the memory grows.
   */
  accountCounts(): { counts: Uint32Array; codes: number } | undefined {
    if (this.counting === 0) return undefined;
    const ids = this.x.accountCount();
    return { counts: new Uint32Array(this.x.memory.buffer, this.x.accountCountsAt(), ids * this.counting), codes: this.counting };
  }

  /**
   * Scans the lines of buf[s, e) for catalog codes and unknown-code values (after setCatalog), reporting
   * each line with findings that it does not count itself (see setSteady; the first line is number
   * lineBase); returns how many lines it read and where to go on from (before e only when its output filled
   * up). With a window (`windowed`, see setWindow), lines whose time is outside it are passed over and the
   * times noted are handed to `windowed` before any line.
   */
  scanText(s: number, e: number, lineBase: number, sink: TextSink, windowed?: Windowed): { lines: number; next: number } {
    const base = this.base;
    const words = this.x.scanText(base + s, base + e, lineBase, windowed === undefined ? 0 : 1, windowed?.before ?? NaN);
    const i32 = this.i32;
    windowed?.took(this.noted(), lineBase);
    const f64 = this.f64;
    const out = this.textAt >> 2;
    for (let w = out; w < out + words; ) {
      const nCodes = i32[w + TEXT_HEAD.codes]!;
      const nUnknown = i32[w + TEXT_HEAD.unknowns]!;
      const nIds = i32[w + TEXT_HEAD.ids]!;
      const at = w + TEXT_HEAD.words;
      const index = i32[w + TEXT_HEAD.index]!;
      sink(i32[w + TEXT_HEAD.start]! - base, i32[w + TEXT_HEAD.end]! - base, index, i32, nCodes, nUnknown, at, nIds, f64[(w + TEXT_HEAD.time) >> 1]!, i32[w + TEXT_HEAD.record]!, f64[(w + TEXT_HEAD.last) >> 1]!);
      w = at + 2 * (nCodes + nUnknown) + ((Math.max(nIds, 0) + 1) & ~1);
    }
    return { lines: i32[out + TEXT_OUT_WORDS]!, next: (i32[out + TEXT_OUT_WORDS + 1]! >>> 0) - base };
  }

  /** A file's plain-text records start (src/wasm/records.ts): `before`, the time before its first line (null: none). */
  textRecordsReset(before: number | null, windowed: boolean): void {
    this.x.textRecordsReset(before ?? NaN, windowed ? 1 : 0);
  }

  /**
   * A line read by the caller, in line order with those scanText reads: its own time, whether it starts with
   * a time of day alone (clockFirst), its length (its end counted as one byte) and number. Returns the
   * number of the first line of its record.
   */
  textRecordLine(own: number | null, clock: boolean, n: number, line: number, carries: boolean): number {
    return this.x.textRecordLine(own ?? NaN, clock ? 1 : 0, n, line, carries ? 1 : 0);
  }

  /** The catalog indexes the kernel counted itself in the current record (a view, valid until its next call). */
  countedAtStart(): Int32Array {
    return new Int32Array(this.x.memory.buffer, this.x.textCountedAt(), this.x.textCountedAtStart());
  }

  /** The records started since textRecordsReset, those of them outside the window, and those with no time. */
  textRecords(): { records: number; outside: number; untimed: number } {
    return { records: this.x.textRecords(), outside: this.x.textRecordsOutside(), untimed: this.x.textRecordsUntimed() };
  }

  /**
   * The `_` words of buf[s, e), a piece of a long line: n pairs from words[at] — (catalog index, position)
   * for the first `codes`, (start, end) per unknown value after — or undefined: more than the output holds.
   */
  pieceWords(s: number, e: number): { n: number; codes: number; words: Int32Array; at: number } | undefined {
    const n = this.x.pieceWords(this.base + s, this.base + e);
    if (n < 0) return undefined;
    const at = this.textAt >> 2;
    return { n, codes: this.i32[at + TEXT_OUT_WORDS]!, words: this.i32, at };
  }

  /**
   * Scans the JSON lines of buf[s, e) (buf from `room`; e ends a line, or the text): lines longer than
   * `longest` and every line the kernel cannot be sure of come back as JsonlKind.Caller; lines with findings
   * with what they hold, but for those it counts itself (see setSteady; the first line is number lineBase).
   * Returns how many lines it read and where to go on from (before e only when its output filled up). With
   * a window, as scanText.
   */
  scanJsonl(s: number, e: number, longest: number, lineBase: number, sink: JsonlSink, windowed?: Windowed): { lines: number; next: number } {
    const base = this.base;
    const words = this.x.scanJsonl(base + s, base + e, Math.min(longest, 0x7fffffff), lineBase, windowed === undefined ? 0 : 1, windowed?.before ?? NaN);
    const i32 = this.i32;
    windowed?.took(this.noted(), lineBase);
    const f64 = this.f64;
    const out = this.textAt >> 2;
    for (let w = out; w < out + words; ) {
      const nCodes = i32[w + JSONL_HEAD.codes]!;
      const nUnknown = i32[w + JSONL_HEAD.unknowns]!;
      const nIds = i32[w + JSONL_HEAD.ids]!;
      const at = w + JSONL_HEAD.words;
      const kind = i32[w + JSONL_HEAD.kind]! as JsonlKind;
      sink(i32[w + JSONL_HEAD.start]! - base, i32[w + JSONL_HEAD.end]! - base, i32[w + JSONL_HEAD.index]!, kind, f64[(w + JSONL_HEAD.time) >> 1]!, i32, at, nCodes, nUnknown, nIds, i32[w + JSONL_HEAD.record]!);
      w = at + 2 * (nCodes + nUnknown) + ((nIds + 1) & ~1);
    }
    return { lines: i32[out + TEXT_OUT_WORDS]!, next: (i32[out + TEXT_OUT_WORDS + 1]! >>> 0) - base };
  }

  /**
   * Reads the elements of a JSON array in buf[s, to) (buf from `room`; s between two elements, the first
   * element's line lineBase) in one call (src/wasm/json-array.ts): each element with findings the kernel
   * does not count itself goes to `sink`, with its time (own, else the last before it: see arrayNote).
   * Returns the elements read, where to go on from (before `to`: at the array's `]`, or an element for the
   * caller: unfinished, too long or unsure) and the line there.
   */
  scanJsonArray(s: number, to: number, longest: number, lineBase: number, ordinalBase: number, sink: ArraySink): { elements: number; next: number; line: number } {
    const base = this.base;
    const words = this.x.scanJsonArray(base + s, base + to, Math.min(longest, 0x7fffffff), lineBase, ordinalBase);
    const i32 = this.i32;
    const f64 = this.f64;
    const out = this.textAt >> 2;
    for (let w = out; w < out + words; ) {
      const nCodes = i32[w + ARRAY_HEAD.codes]!;
      const nUnknown = i32[w + ARRAY_HEAD.unknowns]!;
      const nIds = i32[w + ARRAY_HEAD.ids]!;
      const at = w + ARRAY_HEAD.words;
      const line = lineBase + i32[w + ARRAY_HEAD.line]!;
      sink(i32[w + ARRAY_HEAD.start]! - base, i32[w + ARRAY_HEAD.end]! - base, i32[w + ARRAY_HEAD.index]!, line, i32[w + ARRAY_HEAD.kind]! as JsonlKind, f64[(w + ARRAY_HEAD.time) >> 1]!, i32, at, nCodes, nUnknown, nIds, i32[w + ARRAY_HEAD.record]!);
      w = at + 2 * (nCodes + nUnknown) + ((nIds + 1) & ~1);
    }
    return { elements: i32[out + TEXT_OUT_WORDS]!, next: (i32[out + TEXT_OUT_WORDS + 1]! >>> 0) - base, line: lineBase + i32[out + TEXT_OUT_WORDS + 2]! };
  }

  /** A JSON array starts: its elements' times so far (see arrayTimes) are forgotten. */
  arrayReset(): void {
    this.x.arrayReset();
  }

  /** The own time of the next element (null: none), one the caller read or skipped rather than scanJsonArray. */
  arrayNote(own: number | null): void {
    this.x.arrayNote(own ?? NaN);
  }

  /** The times of the array's elements so far: the last own time, the first, and the elements before the first. */
  arrayTimes(): { last: number | null; first: number | null; untimed: number } {
    const [last, first] = [this.x.arrayLast(), this.x.arrayFirst()];
    return { last: Number.isNaN(last) ? null : last, first: Number.isNaN(first) ? null : first, untimed: this.x.arrayUntimed() };
  }

  private times: TimeContext | undefined;

  /** Reads times with these rules from now on (see src/extract/time-rules.ts). */
  useTimes(ctx: TimeContext = DEFAULT_CONTEXT): void {
    if (ctx === this.times) return;
    writeTimeRules(this.x, ctx);
    this.times = ctx;
  }

  /** The own time of a record's text buf[s, e) (buf from `room`: a CSV row, a JSON line), as recordTime gives it: epoch ms, or null. */
  time(s: number, e: number): number | null {
    return orNull(this.x.timeOf(this.base + s, this.base + e));
  }

  /** The own time of the plain-text line buf[s, e), as findTimestampIn gives it (the line rules: see timeIn in src/wasm/times.ts). */
  lineTime(s: number, e: number): number | null {
    return orNull(this.x.lineTimeOf(this.base + s, this.base + e));
  }

  /**
   * The own time of a plain-text line in buf[s, e) (a piece of a long one) that starts in [from, before), the
   * time at the line's start only when from is s: as findTimestampIn gives it.
   */
  timeIn(s: number, e: number, from: number, before: number): number | null {
    const b = this.base;
    return orNull(this.x.timeIn(b + s, b + e, b + from, b + Math.max(from, Math.min(before, e)), 1));
  }

  /** What numeric dates read as times told of their order since the last call (see FileStat.dateOrders). */
  dateOrdersTaken(): number {
    return this.x.dateOrdersTaken();
  }

  /** The time a field's value buf[s, e) holds as a whole, as timeFromValue gives it for its text: epoch ms, or null (valueWasDate: a date alone). */
  valueTime(s: number, e: number): number | null {
    return orNull(this.x.valueTime(this.base + s, this.base + e));
  }

  valueWasDate(): boolean {
    return this.x.valueWasDate() !== 0;
  }

  /** The own times of the lines of buf[s, e) that have one (src/wasm/line-times.ts), for lines read here. */
  lineTimes(s: number, e: number, longest: number, json: boolean, before: number): NotedTimes {
    this.x.lineTimes(this.base + s, this.base + e, Math.min(longest, 0x7fffffff), json ? 1 : 0, before);
    return this.noted();
  }

  /** What the last windowed call noted. */
  private noted(): NotedTimes {
    const i32 = this.i32;
    const out = (this.textAt >> 2) + TEXT_OUT_WORDS;
    return { n: i32[out + 2]!, lines: i32[out]!, next: (i32[out + 1]! >>> 0) - this.base, i32, f64: new Float64Array(i32.buffer), at: this.x.timesOut() >> 2, base: this.base };
  }

  /** The window scanText and scanJsonl pass lines over by (epoch ms; null: open). */
  setWindow(since: number | null, until: number | null): void {
    this.x.setWindow(since ?? -Infinity, until ?? Infinity);
  }

}

/** An occurrence the kernel counted that may be the earliest of its minute: code idx, line, time, where it is. */
export type MinuteCandidate = (idx: number, line: number, time: number, ls: number, le: number, at: number, field: boolean) => void;

const orNull = (t: number): number | null => (Number.isNaN(t) ? null : t);
