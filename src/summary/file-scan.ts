import type { Matcher } from '../extract/matcher.js';
import { analyzeRecord, recordTime, type FieldOptions, type RawRecord } from '../extract/record.js';
import { findAccounts } from '../extract/accounts.js';
import { addSeen, newSeen, seenHash } from './accounts-seen.js';
import { MAX_SAMPLES, addEvidence, type TimedSample } from './samples.js';
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
  /**
   * Per code, its first and last occurrences in the file (time, then line; records come in order), with a
   * time and without: [first timed, last timed, first untimed, last untimed], evidence candidates when the
   * file ends, as on the fast paths.
   */
  private readonly ends = new Map<string, (TimedSample | undefined)[]>();
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
    // Accounts seen: in every record read, inside the window or not.
    if (rec.skipped !== true && rec.text.indexOf('@') !== -1) for (const a of accountsByLine(rec.text)) addSeen((this.tally.seen ??= newSeen()), seenHash(a));
    const own = recordTime(rec, this.fields);
    if (own !== null) this.last = own;
    const time = this.last;
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
    for (const [code, text] of f.codes) {
      if (text !== undefined) this.noteLast(code, rec.line, time, text);
      const n = this.seen.get(code) ?? 0;
      this.seen.set(code, n + 1);
      if (n < MAX_SAMPLES) continue;
      if (codes === f.codes) codes = new Map(f.codes);
      codes.set(code, undefined);
    }
    addHit(this.tally, { file: stat.path, line: rec.line, time, codes, unknown: f.unknown, accounts: f.accounts });
  }

  private noteLast(code: string, line: number, time: number | null, text: string): void {
    let ends = this.ends.get(code);
    if (ends === undefined) this.ends.set(code, (ends = [undefined, undefined, undefined, undefined]));
    const i = time === null ? 2 : 0;
    const s = { file: this.stat.path, line, time, text };
    if (ends[i] === undefined || (time !== null && time < ends[i]!.time!)) ends[i] = s;
    // Records sharing a line (a one-line JSON array) in order.
    if (ends[i + 1] === undefined || time === null || time >= ends[i + 1]!.time!) ends[i + 1] = s;
  }

  /** The file ends: each code's first and last occurrences join its evidence candidates. */
  end(): void {
    for (const [code, ends] of this.ends) {
      const s = this.tally.codes.get(code);
      if (s !== undefined) for (const x of ends) if (x !== undefined) addEvidence(s.evidence, x);
    }
    this.ends.clear();
  }
}

/** The e-mail accounts of a record's text, each line read alone (as the byte scanners read them). */
function accountsByLine(text: string): Set<string> {
  const out = new Set<string>();
  for (const line of text.split('\n')) if (line.includes('@')) findAccounts(line, out);
  return out;
}
