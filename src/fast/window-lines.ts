import type { TimeWindow } from '../model/settings.js';
import type { FileStat } from '../model/stats.js';
import { inWindow } from '../summary/window.js';
import type { Kernel, NotedTimes, Windowed } from './kernels.js';

/** The own time of the line starting at ls in buf (ending at its `\n` or `to`), for lines the kernel could not tell. */
export type ResolveTime = (buf: Buffer, ls: number, to: number) => number | null;

/** How the lines of a span (the lines one kernel call noted the times of) lie against the window. */
const enum Span {
  Inside,
  Outside,
  /** Some lines inside, some not: each is decided alone. */
  Mixed,
}

/**
 * A file's lines against the window, for the fast paths. Every line is a record whose time is its own or
 * the last one before it; the kernel notes the lines of a stretch of the buffer that have their own time,
 * and the lines between two of them share one time, so they are counted in or outside the window together.
 * Where the kernel reads the lines (scanText, scanJsonl), it notes their times as it goes and hands them
 * here (took) before the lines with findings; where the scanner reads them itself, their times are read
 * ahead of it (lineTimes). The scanner asks, in line order, for the time of each line with findings
 * (timeAt), and whether it is inside (inside); every line it went past is counted outside the window when
 * it is (stat.outsideWindow). The file's first and last times are those of the lines inside the window,
 * as the oracle's FileScan (test/oracle) has them. A span whose lines are all inside or all outside is counted at once.
 */
export class WindowLines implements Windowed {
  /** Lines before this one are counted. */
  private done = 1;
  /** The time of line done - 1 (what line `done` inherits). */
  private cur: number | null = null;
  // The stretch of the buffer being read: buf[pos, to), its first unread line numbered `line`.
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  private to = 0;
  private line = 1;
  // The timed lines of the span read last, n of them, where the kernel noted them (read there, not copied,
  // until its next call): line index, start and time (NaN: none after all) at entry k; k is the next one.
  private i32: Int32Array = new Int32Array(0);
  private f64: Float64Array = new Float64Array(0);
  private at = 0;
  private base = 0;
  private first = 0;
  private n = 0;
  private k = 0;
  private span = Span.Mixed;
  /** The last own time of the span (NaN: none). */
  private spanLast = NaN;
  /** The time the line after the last one read (by the kernel or here) inherits (NaN: none). */
  before: number;
  /** The first line with a time, own or inherited (Infinity: none yet): the lines before it are untimed. */
  private timedFrom: number;

  constructor(
    private readonly stat: FileStat,
    private readonly window: TimeWindow,
    private readonly kernel: Kernel,
    /** JSON lines: time fields first; lines longer than this have no time. */
    private readonly json: boolean,
    private readonly longest: number,
    private readonly resolve: ResolveTime,
    /** The time before the first line (a range of a file: the one its first lines take). */
    before: number | null = null,
    /**
     * Lines outside the window are counted here (stat.outsideWindow): each line is a record. Plain text, whose
     * records may hold several lines, counts them itself (src/wasm/records.ts).
     */
    private readonly countsOutside = true,
  ) {
    this.cur = before;
    this.before = before ?? NaN;
    this.timedFrom = before === null ? Infinity : 1;
    kernel.setWindow(window.since, window.until);
  }

  /** True when time t (own or inherited) is inside the window: the one rule, src/summary/window.ts. */
  inside(t: number | null): boolean {
    return inWindow(this.window, t);
  }

  /**
   * The complete lines of buf[from, to), the first numbered `line`, are next: read by the kernel, which
   * hands their times to `took` (`ahead` false), or here, their times read ahead (`ahead`).
   */
  start(buf: Buffer, from: number, to: number, line: number, ahead: boolean): void {
    this.buf = buf;
    this.pos = ahead ? from : to;
    this.to = to;
    this.line = line;
    this.n = 0;
    this.k = 0;
    this.span = Span.Mixed;
  }

  /** The times a kernel call noted, its first line numbered `first` (what is left of the span before is counted first). */
  took(t: NotedTimes, first: number): void {
    this.passTo(first, false);
    this.load(t, first);
  }

  /**
   * The time of line L (own or inherited); `own` when the caller knows it (a line not in the stretch: a
   * long line read in pieces, a skipped one). Lines are asked for in order; L may be the last one asked.
   */
  timeAt(L: number, own?: number | null): number | null {
    if (L < this.done) return this.cur;
    this.passTo(L, true);
    if (own !== undefined) {
      this.span = Span.Mixed;
      this.apply(own ?? NaN);
      if (own !== null) {
        this.before = own;
        this.timedFrom = Math.min(this.timedFrom, L);
      }
    } else if (this.k < this.n && this.lineOf(this.k) === L) this.apply(this.timeOf(this.k++));
    this.count(1);
    this.done = L + 1;
    return this.cur;
  }

  /** Of the `records` lines read, those with no time, own or inherited: the ones before the first timed line. */
  untimed(records: number): number {
    return Math.min(records, this.timedFrom - 1);
  }

  /** Counts every line left in the stretch. */
  finish(): void {
    this.passTo(Infinity, false);
  }

  /** Counts the lines before L, the stretch read up to L itself when `through` (Infinity: all of it). */
  private passTo(L: number, through: boolean): void {
    for (;;) {
      if (this.k === this.n) {
        if (this.line > (through ? L : L - 1) || !this.read()) break;
        continue;
      }
      if (this.span !== Span.Mixed) {
        // All alike: only the time the lines before L leave matters.
        if (L >= this.line) {
          if (!Number.isNaN(this.spanLast)) this.cur = this.spanLast;
          this.k = this.n;
          continue;
        }
        let j = this.k;
        while (j < this.n && this.lineOf(j) < L) j++;
        for (let i = j - 1; i >= this.k; i--) {
          if (!Number.isNaN(this.timeOf(i))) {
            this.cur = this.timeOf(i);
            break;
          }
        }
        this.k = j;
        if (j < this.n) break;
        continue;
      }
      const at = this.lineOf(this.k);
      if (at >= L) break;
      this.count(at - this.done);
      this.apply(this.timeOf(this.k++));
      this.count(1);
      this.done = at + 1;
    }
    const end = L === Infinity ? Math.max(this.line, this.done) : L;
    this.count(end - this.done);
    this.done = Math.max(this.done, end);
  }

  /** Reads the times of the next span of a stretch read here (what is left of the last one is counted first); false when it is all read. */
  private read(): boolean {
    this.span = Span.Mixed;
    this.count(this.line - this.done);
    this.done = Math.max(this.done, this.line);
    if (this.pos >= this.to) return false;
    const t = this.kernel.lineTimes(this.pos, this.to, this.longest, this.json, this.before);
    // Past `to` after a last line without a newline.
    this.pos = Math.min(t.next, this.to);
    this.load(t, this.line);
    return true;
  }

  /** Takes the span of times t, its first line numbered `first`. */
  private load(t: NotedTimes, first: number): void {
    this.i32 = t.i32;
    this.f64 = t.f64;
    this.at = t.at;
    this.base = t.base;
    this.first = first;
    this.n = t.n;
    this.k = 0;
    this.line = first + t.lines;
    this.classify(first);
  }

  /** Works out how the span's lines, from line `first`, lie against the window. */
  private classify(first: number): void {
    let inside = 0;
    let outside = 0;
    let firstOwn = NaN;
    let lastOwn = NaN;
    let lead = true;
    for (let k = 0; k < this.n; k++) {
      let t = this.timeOf(k);
      if (t === Infinity) this.f64[(this.at >> 1) + 2 * k + 1] = t = this.resolve(this.buf, this.i32[this.at + 4 * k + 1]! - this.base, this.to) ?? NaN;
      if (Number.isNaN(t)) continue;
      if (Number.isNaN(firstOwn)) {
        firstOwn = t;
        lead = this.lineOf(k) !== first;
        this.timedFrom = Math.min(this.timedFrom, this.lineOf(k));
      }
      if (this.inside(t)) inside++;
      else outside++;
      lastOwn = t;
    }
    // Lines before the span's first own time take the time before it.
    if (lead) {
      if (this.inside(this.cur)) inside++;
      else outside++;
    }
    this.span = outside === 0 ? Span.Inside : inside === 0 ? Span.Outside : Span.Mixed;
    this.spanLast = lastOwn;
    if (!Number.isNaN(lastOwn)) this.before = lastOwn;
    if (this.span === Span.Inside && !Number.isNaN(lastOwn)) {
      this.stat.firstTime ??= firstOwn;
      this.stat.lastTime = lastOwn;
    }
  }

  /** The line number of entry k. */
  private lineOf(k: number): number {
    return this.first + this.i32[this.at + 4 * k]!;
  }

  /** The own time of entry k (NaN: none after all). */
  private timeOf(k: number): number {
    return this.f64[(this.at >> 1) + 2 * k + 1]!;
  }

  /** Line `done` has its own time t (NaN: none). */
  private apply(t: number): void {
    if (Number.isNaN(t)) return;
    this.cur = t;
    if (this.span === Span.Mixed && this.inside(t)) {
      this.stat.firstTime ??= t;
      this.stat.lastTime = t;
    }
  }

  private count(lines: number): void {
    if (lines <= 0 || this.span === Span.Inside || !this.countsOutside) return;
    if (this.span === Span.Outside || !this.inside(this.cur)) this.stat.outsideWindow += lines;
  }
}
