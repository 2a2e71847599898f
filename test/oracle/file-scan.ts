import type { Matcher } from '../../src/extract/matcher.js';
import { recordTime, type FieldOptions, type RawRecord } from '../../src/extract/record.js';
import { dateOrdersTaken, timeCarried } from '../../src/extract/timestamp.js';
import { analyzeRecord } from './record.js';
import { RECORD_BYTES_MAX, RECORD_LINES_MAX, TRACE_GAP_MS } from '../../src/model/record.js';
import { findAccounts } from '../../src/extract/accounts.js';
import { clockFirst } from '../support/line-heads.js';
import { addSeen, newSeen, seenHash } from '../../src/summary/accounts-seen.js';
import { MAX_SAMPLES, addEvidence, keepsInBucket, type TimedSample } from '../../src/summary/samples.js';
import { addHit, type FileStat, type Tally } from '../../src/summary/tally.js';
import { inWindow, type TimeWindow } from '../../src/summary/window.js';

/**
 * Counts the records of one file, in order: a record without a timestamp takes the last one seen before
 * it in the same file; with a window, records outside it are counted as such and nothing else. Plain text
 * is read as events (src/model/record.ts): the lines after a timed one join its record, and a code (or an
 * unknown code) counts once per record, at the line it first appears on, with that line's accounts.
 */
export class FileScan {
  private last: number | null = null;
  /** Occurrences per code so far: a file's first MAX_SAMPLES of a code are its evidence candidates, as on the fast paths. */
  private readonly seen = new Map<string, number>();
  // Plain text: the record the lines join (see RECORD_LINES_MAX) and what it counted so far.
  private open = false;
  /** The current record's time (its own, or the last one before it): a stack trace's line under a collector's time written with it carries it on. */
  private recordAt: number | null = null;
  private lines = 0;
  private bytes = 0;
  private readonly counted = new Set<string>();
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
    /** Plain text: its lines are read as events (see startsRecord). */
    private readonly events = false,
  ) {
    // What the time reader saw before this file is not this file's.
    dateOrdersTaken();
  }

  push(rec: RawRecord): void {
    const stat = this.stat;
    if (rec.malformed === true) stat.malformedRecords++;
    if (rec.skipped === true) stat.skippedLines++;
    // Accounts seen: in every record read, inside the window or not.
    if (rec.skipped !== true && rec.text.indexOf('@') !== -1) for (const a of accountsByLine(rec.text)) addSeen((this.tally.seen ??= newSeen()), seenHash(a));
    const own = recordTime(rec, this.fields, this.events);
    // A stack trace's line under a collector's time, less than TRACE_GAP_MS after its record's: it carries the record on.
    const carries =
      this.events &&
      own !== null &&
      timeCarried() &&
      this.open &&
      this.recordAt !== null &&
      own >= this.recordAt &&
      own - this.recordAt < TRACE_GAP_MS &&
      this.lines < RECORD_LINES_MAX &&
      this.bytes < RECORD_BYTES_MAX;
    const orders = dateOrdersTaken();
    if (orders !== 0) stat.dateOrders = (stat.dateOrders ?? 0) | orders;
    if (own !== null) this.last = own;
    const time = this.last;
    // A line skipped for its length (not read: its time unknown) is a record of its own, and a full one.
    const clock = own === null && rec.skipped !== true && clockFirst(rec.text);
    const starts = !this.events || this.startsRecord((own !== null && !carries) || clock, rec.skipped === true ? RECORD_BYTES_MAX : Buffer.byteLength(rec.text) + 1, rec.skipped === true);
    if (starts) this.recordAt = time;
    if (starts) stat.records++;
    if (starts && time === null) stat.untimedRecords++;
    if (this.window !== null && !inWindow(this.window, time)) {
      if (starts) stat.outsideWindow++;
      return;
    }
    if (own !== null) {
      stat.firstTime ??= own;
      stat.lastTime = own;
    }
    const f = analyzeRecord(rec, this.matcher, this.fields);
    if (this.events) {
      // Once per record: what an earlier line of it holds is left out.
      for (const code of f.codes.keys()) if (this.counted.has(code)) f.codes.delete(code);
      for (const code of f.codes.keys()) this.counted.add(code);
      for (const code of f.unknown.keys()) {
        const key = '\0' + code.toLowerCase();
        if (this.counted.has(key)) f.unknown.delete(code);
        else this.counted.add(key);
      }
    }
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
    // Every occurrence past a file's first may be the first of its minute: a candidate (see keepsInBucket).
    if (codes !== f.codes && time !== null) {
      for (const [code, text] of f.codes) {
        const e = this.tally.codes.get(code)!.evidence;
        if (codes.get(code) === undefined && text !== undefined && keepsInBucket(e, time, stat.path, rec.line)) addEvidence(e, { file: stat.path, line: rec.line, time, text });
      }
    }
  }

  /** A plain-text line of `bytes` bytes (its end counted as one), with a time of its own (or a clock first) or not: does it start a record? */
  private startsRecord(timed: boolean, bytes: number, alone = false): boolean {
    const starts = alone || timed || !this.open || this.lines >= RECORD_LINES_MAX || this.bytes >= RECORD_BYTES_MAX;
    if (starts) {
      this.open ||= timed;
      this.lines = 0;
      this.bytes = 0;
      this.counted.clear();
    }
    this.lines++;
    this.bytes += bytes;
    return starts;
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
