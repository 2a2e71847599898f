import type { TimeWindow } from '../model/settings.js';
import type { FileStat } from '../model/stats.js';
import { inWindow } from '../summary/window.js';

/**
 * A window over records read one by one (CSV rows, JSON-array elements), each with its own time or none:
 * a record without one takes the last time before it (with none before it, it is untimed). Records outside
 * are counted in `outsideWindow`; the file's first and last times are those of the records inside.
 */
export class RecordWindow {
  /** The time the next record without one of its own takes. */
  private last: number | null = null;
  /** The current record's time, own or inherited. */
  now: number | null = null;

  constructor(
    private readonly window: TimeWindow,
    private readonly stat: FileStat,
  ) {}

  /** The next record, with its own time (or null): true when it is inside the window, else it is counted outside. */
  inside(own: number | null): boolean {
    if (own !== null) this.last = own;
    this.now = this.last;
    if (this.now === null) this.stat.untimedRecords++;
    if (!inWindow(this.window, this.now)) {
      this.stat.outsideWindow++;
      return false;
    }
    if (own !== null) {
      this.stat.firstTime ??= own;
      this.stat.lastTime = own;
    }
    return true;
  }

  /** A skipped record: it has no time of its own, and takes the last one. */
  skipped(): void {
    if (this.last === null) this.stat.untimedRecords++;
    if (!inWindow(this.window, this.last)) this.stat.outsideWindow++;
  }
}
