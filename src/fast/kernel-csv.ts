import { KernelBase } from './kernel-base.js';
import { CSV_COLS, CSV_COLUMNS, CSV_FIELDS, CSV_LEFT, CSV_STATE } from './kernel-layout.js';

/** The kernel's CSV records (src/wasm/csv.ts, csv-split.ts, csv-unknown.ts), for CsvFastScan. */
export class CsvKernel extends KernelBase {
  /** CSV (src/wasm/csv.ts): a file starts, `delimiter` between fields; with a window (setWindow) records outside it are only counted. */
  csvReset(delimiter: string, windowed: boolean): void {
    this.x.csvReset(delimiter.charCodeAt(0), windowed ? 1 : 0);
  }

  /** The header's columns (see CSV_COLS): false when the kernel cannot read rows by them (it leaves every record to the caller). */
  csvColumns(width: number, code: readonly number[], time: readonly number[], account: readonly number[], pair: readonly [number, number] | undefined, scope: readonly number[]): boolean {
    const lists = [code, time, account, scope];
    if (lists.some((l) => l.length > CSV_COLUMNS || l.some((c) => c >= CSV_FIELDS)) || pair?.some((c) => c >= CSV_FIELDS) === true) return false;
    const at = this.x.csvColumns() >> 2;
    const i32 = this.i32;
    i32[at + CSV_COLS.codes] = code.length;
    i32[at + CSV_COLS.times] = time.length;
    i32[at + CSV_COLS.accounts] = account.length;
    i32[at + CSV_COLS.scopes] = scope.length;
    [CSV_COLS.code, CSV_COLS.time, CSV_COLS.account, CSV_COLS.scope].forEach((o, k) => lists[k]!.forEach((c, i) => (i32[at + o + i] = c)));
    i32[at + CSV_COLS.date] = pair?.[0] ?? -1;
    i32[at + CSV_COLS.clock] = pair?.[1] ?? -1;
    i32[at + CSV_COLS.width] = width;
    return true;
  }

  /**
   * Reads and counts the CSV records of buf[s, e) (`last`: e ends the input), the first on line `line` (see
   * scanCsv in src/wasm/csv.ts): `left` holds the records with findings it leaves to the caller (CSV_LEFT:
   * start, line, time, as f64; `n` of them); `next` is where it ended and `line` the line there; `stopped`: the
   * record at next is the caller's to read whole.
   */
  scanCsv(s: number, e: number, last: boolean, line: number, longest: number): { n: number; left: Float64Array; stopped: boolean; next: number; line: number } {
    const base = this.base;
    const n = this.x.scanCsv(base + s, base + e, last ? 1 : 0, line, Math.min(longest, 0x7fffffff));
    const f64 = this.f64;
    const at = this.x.csvState() / 8;
    return { n, left: new Float64Array(this.x.memory.buffer, this.x.csvLeft(), (n * CSV_LEFT.bytes) / 8), stopped: f64[at + CSV_STATE.stopped / 8] === 1, next: f64[at + CSV_STATE.next / 8]! - base, line: f64[at + CSV_STATE.line / 8]! };
  }

  /** A CSV record the caller reads, with its own time: its time (own or inherited; null: none), and whether it lies outside the window (counted there). */
  csvRecordTime(own: number | null): { time: number | null; outside: boolean } {
    const t = this.x.csvRecordTime(own ?? NaN);
    return { time: Number.isNaN(t) ? null : t, outside: this.x.csvOutside() !== 0 };
  }

  /**
   * From now on scanCsv counts the rows whose code value is buf[s, e) (printable ASCII, at most
   * CSV_UNKNOWN_BYTES: an unknown value all of whose evidence is taken): its number, or -1 (no room left).
   */
  csvUnknown(s: number, e: number): number {
    return this.x.csvUnknown(this.base + s, this.base + e);
  }

  /** The rows scanCsv counted of the first n values given to csvUnknown (a view, valid until the next call). */
  csvUnknownCounts(n: number): Float64Array {
    return new Float64Array(this.x.memory.buffer, this.x.csvUnknownCounts(), n);
  }

  /** What scanCsv and csvRecordTime counted in this file (see CSV_STATE; times NaN: none). */
  csvCounts(): { records: number; malformed: number; untimed: number; outside: number; first: number; last: number } {
    const f = new Float64Array(this.x.memory.buffer, this.x.csvState(), CSV_STATE.bytes / 8);
    const g = (o: number): number => f[o / 8]!;
    return { records: g(CSV_STATE.records), malformed: g(CSV_STATE.malformed), untimed: g(CSV_STATE.untimed), outside: g(CSV_STATE.outside), first: g(CSV_STATE.first), last: g(CSV_STATE.last) };
  }
}
