import type { FileStat } from '../model/stats.js';

const NL = 0x0a;
const CR = 0x0d;

/** A line's own time from its bytes buf[ls, le) (without the line end), or null. */
export type OwnTime = (buf: Buffer, ls: number, le: number) => number | null;

/**
 * Times of a JSON-lines file's lines (plain text's are its records', src/wasm/records.ts), found lazily.
 * Only lines that hold a code need one: a line without its own time takes the last time before it, found by
 * walking back to the nearest line that has one, never past lines already looked at — so each line is looked
 * at once at most. Until the file's first time is found, lines are looked at walking forward.
 */
export class LineTimes {
  /** The last own time of the lines before `frontier`. */
  last: number | null = null;
  /** Lines from here on in the buffer were not looked at yet. */
  frontier = 0;
  /** Lines looked at before the file's first time was found: they have none, own or inherited. */
  private untimed = 0;

  constructor(
    private readonly stat: FileStat,
    private readonly ownTime: OwnTime,
  ) {}

  /** The line buf[ls, le) (le at its `\n` or the end) holds a code: its time, own or inherited. */
  lineTime(buf: Buffer, ls: number, le: number, own: number | null | undefined): number | null {
    const t = own !== undefined ? own : this.ownTime(buf, ls, trimCr(buf, ls, le));
    // A line with its own time needs nothing of the lines before it, once the file's first time is known.
    if (t === null || this.stat.firstTime === null) this.resolveTo(buf, ls);
    if (t === null && this.stat.firstTime === null) this.untimed++;
    if (t !== null) {
      this.last = t;
      this.stat.firstTime ??= t;
    }
    this.frontier = le + 1;
    return t ?? this.last;
  }

  /** Brings `last` up to the line start `pos`. */
  resolveTo(buf: Buffer, pos: number): void {
    let f = this.frontier;
    if (f >= pos) return;
    if (this.stat.firstTime === null) {
      while (f < pos) {
        const le = lineEnd(buf, f, pos);
        const t = this.ownTime(buf, f, trimCr(buf, f, le));
        f = le + 1;
        if (t !== null) {
          this.stat.firstTime = t;
          this.last = t;
          break;
        }
        this.untimed++;
      }
    }
    // Lines in [f, pos), newest first.
    let le = buf[pos - 1] === NL ? pos - 1 : pos;
    while (f < pos && le >= f) {
      const ls = le === 0 ? 0 : Math.max(f, buf.lastIndexOf(NL, le - 1) + 1);
      const t = this.ownTime(buf, ls, trimCr(buf, ls, le));
      if (t !== null) {
        this.last = t;
        break;
      }
      if (ls === f) break;
      le = ls - 1;
    }
    this.frontier = pos;
  }

  /** The buffer dropped its first n bytes. */
  shifted(n: number): void {
    this.frontier = Math.max(0, this.frontier - n);
  }

  /** The line at `pos` is skipped unread (too long): the lines before it are looked at; it has no time of its own. */
  skipped(buf: Buffer, pos: number): void {
    this.resolveTo(buf, pos);
    if (this.stat.firstTime === null) this.untimed++;
  }

  /** The file ended (its records all counted): its last time and its untimed records are known. */
  end(buf: Buffer, len: number): void {
    this.resolveTo(buf, len);
    this.stat.lastTime = this.last;
    this.stat.untimedRecords += this.stat.firstTime === null ? this.stat.records : this.untimed;
  }
}

/** End of a line without a `\r` before its `\n`. */
export function trimCr(buf: Buffer, ls: number, le: number): number {
  return le > ls && buf[le - 1] === CR ? le - 1 : le;
}

/** End of the line that starts at ls: its `\n`, or `to`. */
export function lineEnd(buf: Buffer, ls: number, to: number): number {
  // Buffer#indexOf reads on past `to` to the buffer's end: a scan's buffer holds megabytes more than its bytes,
  // and a chunk's scan asks at its end (ls = to) once per call.
  if (ls >= to) return to;
  const i = buf.indexOf(NL, ls);
  return i === -1 || i >= to ? to : i;
}
