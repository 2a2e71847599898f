import type { Matcher } from '../../src/extract/matcher.js';
import { recordTime, type FieldOptions, type RawRecord } from '../../src/extract/record.js';
import { clockAfter, dateOrdersTaken, timeCarried, timeSource } from '../../src/extract/timestamp.js';
import { analyzeRecord } from './record.js';
import { RECORD_BYTES_MAX, RECORD_LINES_MAX, TRACE_GAP_MS } from '../../src/model/record.js';
import { findAccounts, JSON_NONE, type JsonText } from '../../src/extract/accounts.js';
import { clockOfDay, traceAfterTime, traceMessage } from '../support/line-heads.js';
import { MESSAGE_FIELDS } from '../../src/model/record.js';
import { COLLECTOR_HEAD, RFC3339, SOURCE, SYSLOG_TIME } from '../../src/input/collector-head.js';
import { addSeen, newSeen, seenHash } from '../../src/summary/accounts-seen.js';
import { MAX_SAMPLES, addEvidence, keepsInBucket, type TimedSample } from '../../src/summary/samples.js';
import { addHit, type FileStat, type Tally } from '../../src/summary/tally.js';
import { inWindow, type TimeWindow } from '../../src/summary/window.js';

/** A collector's source and time (RFC 3339's, or syslog's) at a line's start (src/input/collector-head.ts). */
const TIMED = new RegExp(String.raw`^\x1e?${SOURCE}(?:${RFC3339}|${SYSLOG_TIME})`);

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
  /** The source before the current record's first line's time (timeSource; 0: none). */
  private recordSource = 0;
  /** JSON lines: the current record's first line's own time (null: none, no line carries it on). */
  private recordOwn: number | null = null;
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
    /** JSON lines and JSON arrays' elements: one whose message is a stack trace's later line carries on the record before it (see MESSAGE_FIELDS). */
    private readonly joins = false,
    /** JSON lines behind a collector's head. */
    private readonly headed = false,
    /** JSON lines or a JSON array: an escape's letters before an address are not its (src/extract/local-part.ts pastEscape). */
    private readonly json: JsonText = JSON_NONE,
  ) {
    // What the time reader saw before this file is not this file's.
    dateOrdersTaken();
  }

  push(rec: RawRecord): void {
    const stat = this.stat;
    if (rec.malformed === true) stat.malformedRecords++;
    if (rec.skipped === true) stat.skippedLines++;
    // Accounts seen: in every record read, inside the window or not.
    if (rec.skipped !== true && rec.text.indexOf('@') !== -1) for (const a of accountsByLine(rec.text, this.json)) addSeen((this.tally.seen ??= newSeen()), seenHash(a));
    const pure = recordTime(rec, this.fields, this.events);
    const carried = timeCarried();
    // The source written before the line's time (kubectl's `[pod/…] `): a trace's line carries on only its own source's record.
    const source = timeSource();
    // A plain-text line starting with a time of day alone: that time on the date of the time before it.
    const day = this.events && pure === null && rec.skipped !== true ? clockOfDay(rec.text) : null;
    const clock = day !== null;
    const own = clock && this.last !== null ? clockAfter(this.last, day.ms, day.offset, this.fields.times) : pure;
    // A stack trace's line under a collector's time, less than TRACE_GAP_MS after its record's: it carries the record on.
    const carries =
      this.events &&
      !clock &&
      own !== null &&
      carried &&
      (source === 0 || source === this.recordSource) &&
      this.open &&
      this.recordAt !== null &&
      own >= this.recordAt &&
      own - this.recordAt < TRACE_GAP_MS &&
      this.lines < RECORD_LINES_MAX &&
      this.bytes < RECORD_BYTES_MAX;
    // A JSON line whose message is a stack trace's later line, both it and its record's first line timed, less than TRACE_GAP_MS apart.
    const joins =
      this.joins &&
      own !== null &&
      this.recordOwn !== null &&
      own >= this.recordOwn &&
      own - this.recordOwn < TRACE_GAP_MS &&
      this.lines < RECORD_LINES_MAX &&
      this.bytes < RECORD_BYTES_MAX &&
      rec.skipped !== true &&
      traceLine(rec.text, this.headed);
    const orders = dateOrdersTaken();
    if (orders !== 0) stat.dateOrders = (stat.dateOrders ?? 0) | orders;
    if (own !== null) this.last = own;
    const time = this.last;
    // A line skipped for its length (not read: its time unknown) is a record of its own, and a full one.
    const starts = this.joins ? this.startsJson(joins, own, rec) : !this.events || this.startsRecord((own !== null && !carries) || clock, rec.skipped === true ? RECORD_BYTES_MAX : Buffer.byteLength(rec.text) + 1, rec.skipped === true);
    if (starts) this.recordAt = time;
    if (starts) this.recordSource = source;
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
    const f = analyzeRecord(rec, this.matcher, this.fields, this.json);
    if (this.events || this.joins) {
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
  /** A JSON line starts a record unless it carries one on (`joins`); a record's time for that is its first line's own. */
  private startsJson(joins: boolean, own: number | null, rec: RawRecord): boolean {
    if (!joins) {
      this.recordOwn = rec.skipped === true ? null : own;
      this.lines = 0;
      this.bytes = 0;
      this.counted.clear();
    }
    this.lines++;
    this.bytes += Buffer.byteLength(rec.text) + 1;
    return !joins;
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

/** The e-mail accounts of a record's text, each line read alone (as the byte scanners read them; `json`: see FileScan). */
function accountsByLine(text: string, json: JsonText): Set<string> {
  const out = new Set<string>();
  for (const line of text.split('\n')) if (line.includes('@')) findAccounts(line, out, json);
  return out;
}

/**
 * Is the JSON line's first message field holding a string (MESSAGE_FIELDS) a stack trace's later line? Or,
 * behind a collector's head, the line of text there instead of an object?
 */
function traceLine(text: string, headed: boolean): boolean {
  const m = headed ? COLLECTOR_HEAD.exec(text) : null;
  const rest = m !== null ? text.slice(m[0].length) : text;
  // A line of text: after its source and time, as plain text under a collector's time has it.
  const t = m === null && headed ? TIMED.exec(text) : null;
  if (t !== null) return traceAfterTime(text.slice(t[0].length));
  let v: unknown;
  try {
    v = JSON.parse(rest);
  } catch {
    return false;
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const message = MESSAGE_FIELDS.map((k) => (v as Record<string, unknown>)[k]).find((x) => typeof x === 'string');
  return typeof message === 'string' && traceMessage(message);
}
