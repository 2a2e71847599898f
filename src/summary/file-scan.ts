import type { Matcher } from '../extract/matcher.js';
import { analyzeRecord, recordTime, type FieldOptions, type RawRecord } from '../extract/record.js';
import { MAX_SAMPLES } from './samples.js';
import { addHit, type FileStat, type Tally } from './tally.js';
import { inWindow, type TimeWindow } from './window.js';

/**
 * Counts the records of one file, in order: a record without a timestamp takes the last one seen before
 * it in the same file; with a window, records outside it are counted as such and nothing else.
 */
export class FileScan {
  private last: number | null = null;
  /** Occurrences per code so far: a file's first MAX_SAMPLES of a code are its evidence candidates, as on the fast paths. */
  private readonly seen = new Map<string, number>();
  constructor(
    private readonly tally: Tally,
    private readonly stat: FileStat,
    private readonly matcher: Matcher,
    private readonly fields: FieldOptions,
    private readonly window: TimeWindow | null,
  ) {}

  push(rec: RawRecord): void {
    const stat = this.stat;
    stat.records++;
    if (rec.malformed === true) stat.malformedRecords++;
    if (rec.skipped === true) stat.skippedLines++;
    const own = recordTime(rec, this.fields);
    if (own !== null) this.last = own;
    const time = this.last;
    if (time === null) stat.untimedRecords++;
    if (this.window !== null && !inWindow(this.window, time)) {
      stat.outsideWindow++;
      return;
    }
    if (own !== null) {
      stat.firstTime ??= own;
      stat.lastTime = own;
    }
    const f = analyzeRecord(rec, this.matcher, this.fields);
    if (f.codes.size === 0 && f.unknown.size === 0) return;
    stat.matches += f.codes.size;
    stat.unknown += f.unknown.size;
    let codes: Map<string, string | undefined> = f.codes;
    for (const code of f.codes.keys()) {
      const n = this.seen.get(code) ?? 0;
      this.seen.set(code, n + 1);
      if (n < MAX_SAMPLES) continue;
      if (codes === f.codes) codes = new Map(f.codes);
      codes.set(code, undefined);
    }
    addHit(this.tally, { file: stat.path, line: rec.line, time, codes, unknown: f.unknown, accounts: f.accounts });
  }
}
