import type { FileStat } from '../summary/tally.js';
import { inWindow, type TimeWindow } from '../summary/window.js';
import type { Kernel } from './kernels.js';

/** The own time of the line starting at ls in buf (ending at its `\n` or `to`), for lines the kernel could not tell. */
export type ResolveTime = (buf: Buffer, ls: number, to: number) => number | null;

const BATCH = 16384;

/**
 * A file's lines against the window, for the fast paths. Every line is a record whose time is its own or
 * the last one before it; the kernel gives the lines of a stretch of the buffer that have their own time,
 * and the lines between two of them share one time, so they are counted in or outside the window together.
 * The scanner asks, in line order, for the time of each line with findings (timeAt), and whether it is
 * inside (inside); every line it went past is counted outside the window when it is (stat.outsideWindow).
 * The file's first and last times are those of the lines inside the window, as FileScan has them.
 */
export class WindowLines {
  /** Lines before this one are counted. */
  private done = 1;
  /** The time of line done - 1 (what line `done` inherits). */
  private cur: number | null = null;
  // The stretch of the buffer being read: buf[pos, to), its first unread line numbered `line`.
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  private to = 0;
  private line = 1;
  // The timed lines read from it and not yet passed: line numbers, starts, times; k is the next one.
  private readonly lines = new Float64Array(BATCH);
  private readonly starts = new Int32Array(BATCH);
  private readonly times = new Float64Array(BATCH);
  private n = 0;
  private k = 0;

  constructor(
    private readonly stat: FileStat,
    private readonly window: TimeWindow,
    private readonly kernel: Kernel,
    /** JSON lines: time fields first; lines longer than this have no time. */
    private readonly json: boolean,
    private readonly longest: number,
    private readonly resolve: ResolveTime,
  ) {}

  /** True when time t (own or inherited) is inside the window: the one rule, src/summary/window.ts. */
  inside(t: number | null): boolean {
    return inWindow(this.window, t);
  }

  /** The complete lines of buf[from, to), the first numbered `line`, are next. */
  start(buf: Buffer, from: number, to: number, line: number): void {
    this.buf = buf;
    this.pos = from;
    this.to = to;
    this.line = line;
    this.n = 0;
    this.k = 0;
  }

  /**
   * The time of line L (own or inherited); `own` when the caller knows it (a line not in the stretch: a
   * long line read in pieces, a skipped one). Lines are asked for in order; L may be the last one asked.
   */
  timeAt(L: number, own?: number | null): number | null {
    if (L < this.done) return this.cur;
    this.passTo(L);
    if (own !== undefined) this.apply(own);
    else if (this.k < this.n && this.lines[this.k] === L) this.apply(this.timeOfEntry(this.k++));
    this.count(1);
    this.done = L + 1;
    return this.cur;
  }

  /** Counts every line left in the stretch. */
  finish(): void {
    this.passTo(Infinity);
  }

  /** Counts the lines before L, the stretch read up to L itself (Infinity: all of it). */
  private passTo(L: number): void {
    for (;;) {
      if (this.k === this.n) {
        if (this.line > L || !this.read()) break;
        continue;
      }
      const at = this.lines[this.k]!;
      if (at >= L) break;
      this.count(at - this.done);
      this.apply(this.timeOfEntry(this.k++));
      this.count(1);
      this.done = at + 1;
    }
    const end = L === Infinity ? Math.max(this.line, this.done) : L;
    this.count(end - this.done);
    this.done = end;
  }

  /** Reads the next timed lines of the stretch; false when it is all read. */
  private read(): boolean {
    if (this.pos >= this.to) return false;
    this.n = 0;
    this.k = 0;
    const first = this.line;
    const { lines, next } = this.kernel.lineTimes(this.pos, this.to, this.longest, this.json, (index, ls, time) => {
      this.lines[this.n] = first + index;
      this.starts[this.n] = ls;
      this.times[this.n++] = time;
    });
    this.line += lines;
    this.pos = next;
    return true;
  }

  private timeOfEntry(k: number): number | null {
    const t = this.times[k]!;
    return t === Infinity ? this.resolve(this.buf, this.starts[k]!, this.to) : t;
  }

  /** Line `done` has its own time t (null: none after all). */
  private apply(t: number | null): void {
    if (t === null) return;
    this.cur = t;
    if (this.inside(t)) {
      this.stat.firstTime ??= t;
      this.stat.lastTime = t;
    }
  }

  private count(lines: number): void {
    if (lines > 0 && !this.inside(this.cur)) this.stat.outsideWindow += lines;
  }
}
