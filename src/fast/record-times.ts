import type { FileStat } from '../model/stats.js';

/** The own time of the noted record k (see RecordTimes), or null. */
export type NotedTime = (s: number, e: number) => number | null;

/**
 * Times of a file's structured records (CSV records, JSON array elements), found lazily: LineTimes for
 * records that may span lines. The scanner notes each record's span in the buffer as it goes; only a record
 * with a code needs a time, and one without its own takes the last time before it, found by walking back
 * over the noted records, never past those already looked at. Until the file's first time is found,
 * records are looked at walking forward. Before the buffer drops bytes, `settle` looks at what is left.
 */
export class RecordTimes {
  /** The last own time of the records before `frontier`. */
  private last: number | null = null;
  private starts = new Int32Array(4096);
  private ends = new Int32Array(4096);
  /** Records noted since the last settle, and the first of them not looked at yet. */
  private n = 0;
  private frontier = 0;
  /** Records looked at (or skipped) before the file's first time was found: they have none, own or inherited. */
  private untimed = 0;

  constructor(
    private readonly stat: FileStat,
    private readonly ownTime: NotedTime,
  ) {}

  /** Notes the record buf[s, e); returns its number. */
  note(s: number, e: number): number {
    if (this.n === this.starts.length) {
      const starts = new Int32Array(this.n * 2);
      const ends = new Int32Array(this.n * 2);
      starts.set(this.starts);
      ends.set(this.ends);
      this.starts = starts;
      this.ends = ends;
    }
    this.starts[this.n] = s;
    this.ends[this.n] = e;
    return this.n++;
  }

  /** The noted record k holds a code and has the own time `own`: its time, own or inherited. */
  time(k: number, own: number | null): number | null {
    // A record with its own time needs nothing of the records before it, once the file's first time is known.
    if (own === null || this.stat.firstTime === null) this.resolveTo(k);
    if (own === null && this.stat.firstTime === null) this.untimed++;
    if (own !== null) {
      this.last = own;
      this.stat.firstTime ??= own;
    }
    this.frontier = k + 1;
    return own ?? this.last;
  }

  /** Brings `last` up to record k. */
  private resolveTo(k: number): void {
    let f = this.frontier;
    if (f >= k) return;
    if (this.stat.firstTime === null) {
      while (f < k) {
        const t = this.ownTime(this.starts[f]!, this.ends[f]!);
        f++;
        if (t !== null) {
          this.stat.firstTime = t;
          this.last = t;
          break;
        }
        this.untimed++;
      }
    }
    for (let j = k - 1; j >= f; j--) {
      const t = this.ownTime(this.starts[j]!, this.ends[j]!);
      if (t !== null) {
        this.last = t;
        break;
      }
    }
    this.frontier = k;
  }

  /** The noted records' bytes are about to go: what they tell is taken now. */
  settle(): void {
    this.resolveTo(this.n);
    this.n = 0;
    this.frontier = 0;
  }

  /** A record skipped unread (too long), after those noted: it has no time of its own. */
  skipped(): void {
    // Only while no time is known does it matter whether the records before it had one.
    if (this.stat.firstTime === null) this.resolveTo(this.n);
    if (this.stat.firstTime === null) this.untimed++;
  }

  /** The file ended (its records all counted): its last time and its untimed records are known. */
  end(): void {
    this.settle();
    this.stat.lastTime = this.last;
    this.stat.untimedRecords += this.stat.firstTime === null ? this.stat.records : this.untimed;
  }
}
