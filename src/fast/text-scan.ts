import { WORD } from '../extract/chars.js';
import type { Matcher } from '../extract/matcher.js';
import { TIME_READ } from '../extract/timestamp.js';
import type { TimeContext } from '../model/settings.js';
import type { TimeWindow } from '../model/settings.js';
import type { FileStat } from '../model/stats.js';
import type { Tally } from '../model/tally.js';
import { ChunkBuffer } from './chunk-buffer.js';
import { GeneralCodes, checkUnknownWord } from './general-codes.js';
import { LineFindings } from './line-findings.js';
import { lineEnd, trimCr } from './line-times.js';
import { Sampler } from './sampler.js';
import { checkWord } from './check-word.js';
import { type Kernel, type TextSink } from './kernels.js';
import { acquireKernel, releaseKernel } from './kernel-pool.js';
import { WindowLines } from './window-lines.js';
import { codeLengthsOf, codeWordsOf, generalCodesOf, kernelCodesOf, type CodeWords } from './catalog-tables.js';

const NL = 0x0a;
const UNDERSCORE = 0x5f;
const NO_PLACES: number[] = [];

export { Sampler } from './sampler.js';

/** A line longer than this is scanned in pieces as it streams, never held whole. */
export const LONG_LINE = 16 * 1024 * 1024;
/** Bytes kept from one piece of a long line to the next: a word cut at the edge, the key before a value. */
const KEEP = 4096;

/**
 * The fast path for plain text, on raw bytes in large chunks. It jumps from `_` to `_` (every code of a
 * word-code catalog holds one), checks the whole word around it against the catalog, and works out line
 * numbers, times, evidence and accounts only for lines that hold a code. For lines up to LONG_LINE bytes
 * the tally is the one the oracle (test/oracle) gives for the same bytes (property-tested); longer lines are
 * scanned too, in pieces, their time looked for piece by piece.
 */
export class TextFastScan extends ChunkBuffer {
  /** Number of the line at buf[0] (at the end: one more than the lines up to the last newline; the lines read, a record may hold several, are one fewer). */
  lineNo = 1;
  /** buf[0] continues a long line. */
  private continued = false;
  private readonly words: CodeWords | undefined;
  private readonly general: GeneralCodes | undefined;
  private readonly found: LineFindings;
  /** Without a window: the time the current line has, own or the one before it, as the kernel placed it in its record. */
  private lineTime: number | null = null;
  /** With one: every line's time, to count it in or outside the window. */
  private readonly window: WindowLines | undefined;
  /** A long line's own time, from its pieces so far (undefined: not found yet; null: none). */
  private longTime: number | null | undefined = undefined;
  /** A long line starts with a time of day alone (see clockFirst): ms after midnight, at an offset (null: it does not). */
  private longClock: { ms: number; offset: number } | null = null;
  /** A long line is a stack trace's line under a collector's time (see lineCarried). */
  private longCarried = false;
  /** A long line's time was looked for in buf[0, timeFrom) (a time starting there is not its first). */
  private timeFrom = 0;
  /** A long line's key for its codes (see isNew): its record's first line once it ends, until then -1 - its number. */
  private longKey = 0;
  private readonly sampler = new Sampler();
  private readonly kernel: Kernel;
  /** Per catalog index: the code's length in bytes. */
  private readonly codeLength: Int32Array;

  constructor(
    tally: Tally,
    private readonly stat: FileStat,
    matcher: Matcher,
    /** The bytes start inside the file (a byte range after the first). */
    inheritsTime = false,
    /** Evidence is redacted before it is cut. */
    redact = false,
    /** Only records inside it are counted. */
    window: TimeWindow | null = null,
    /** With a window, for a range: the time its first lines take from the part of the file before it. */
    before: number | null = null,
    /** How times are read in this input. */
    timeRules?: TimeContext,
  ) {
    const kernel = acquireKernel(kernelCodesOf(matcher), timeRules);
    super((n) => kernel.room(n));
    this.kernel = kernel;
    this.sampler.redact = redact;
    if (matcher.wordCodes) this.words = codeWordsOf(matcher);
    else this.general = generalCodesOf(matcher);
    this.codeLength = codeLengthsOf(matcher);
    // With a window every line's time is known (a range is told the time before it): none is left to inherit.
    this.found = new LineFindings(tally, stat, matcher.catalog.entries, inheritsTime && window === null, kernel);
    this.found.lastSample = (idx, ls, le, at) => {
      this.sampler.line(this.buf, ls, trimCr(this.buf, ls, le));
      return this.sampler.text(at, this.codeLength[idx]!);
    };
    // A range starts at a line with a time (src/parallel/plan.ts): no record runs into it.
    kernel.textRecordsReset(before, window !== null);
    if (window !== null) this.window = new WindowLines(stat, window, kernel, false, Infinity, (buf, ls, to) => this.ownTime(ls, trimCr(buf, ls, lineEnd(buf, ls, to))), before, false);
  }

  override commit(n: number): void {
    if (n <= 0) return;
    // What was here before holds no newline (complete lines are scanned at once): only the new bytes are searched.
    const tail = this.buf.subarray(this.len, this.len + n).lastIndexOf(NL);
    const nl = tail === -1 ? -1 : this.len + tail;
    this.len += n;
    if (nl !== -1) {
      this.scan(nl + 1, false);
      this.drop(nl + 1, false);
    } else if (this.len > LONG_LINE) {
      this.scanPiece();
    }
  }

  /** The file ends: a last line without a newline is a record (not when the input broke off: `whole` false). */
  override end(whole = true): void {
    if (whole) this.scan(this.len, true);
    if (this.window === undefined) [this.stat.firstTime, this.stat.lastTime] = [this.kernel.textFirstTime(), this.kernel.textLastTime()];
    this.found.end();
    // Records, not lines (src/wasm/records.ts); with a window, those outside it too; and those with no time.
    const { records, outside, untimed } = this.kernel.textRecords();
    this.stat.records += records;
    this.stat.untimedRecords += untimed;
    if (this.window !== undefined) this.stat.outsideWindow += outside;
    this.len = 0;
    releaseKernel(this.kernel, this.stat);
  }

  private drop(n: number, continued: boolean): void {
    this.buf.copy(this.buf, 0, n, this.len);
    this.len -= n;
    this.continued = continued;
    this.timeFrom = Math.max(0, this.timeFrom - n);
  }

  /** Scans the complete lines in buf[0, to) (with `last`, the final one may lack its newline). */
  private scan(to: number, last: boolean): void {
    let from = 0;
    // Accounts seen: every line's, the end of a long line's too (its start is gone: an address cut there is not one).
    this.kernel.seeEmails(0, to, Infinity, this.continued);
    if (this.continued) {
      // The end of a long line: its own time is the first one in it, wherever that is.
      const le = lineEnd(this.buf, 0, to);
      const own = this.longTime !== undefined ? this.longTime : this.kernel.timeIn(0, le, this.timeFrom, le);
      // A time of day alone at its start: on the date of the time before it.
      const clock = own === null ? this.longClock : null;
      this.found.own = clock !== null ? this.kernel.clockTime(clock.ms, clock.offset) : own;
      this.longTime = undefined;
      this.window?.timeAt(this.lineNo, this.found.own);
      // Its record is known now that its time is: what that record counted already is left out.
      this.found.joinRecord((this.longKey = this.kernel.textRecordLine(this.found.own, clock !== null, LONG_LINE, this.lineNo, this.longCarried)));
      this.lineTime = this.kernel.textLastTime();
      from = le + 1;
    }
    const withKernel = this.words !== undefined && !this.continued;
    this.window?.start(this.buf, from, to, this.lineNo + (from > 0 ? 1 : 0), !withKernel);
    if (withKernel) this.scanWithKernel(to);
    else this.scanHere(to, last);
    this.window?.finish();
  }

  /**
   * The common case: the kernel reads every line and reports those with codes or unknown values; only
   * those are looked at here.
   */
  private scanWithKernel(to: number): void {
    const buf = this.buf;
    const found = this.found;
    const sampler = this.sampler;
    const kernel = this.kernel;
    const base = kernel.offset;
    sampler.buf = buf;
    sampler.continued = false;
    sampler.piece = false;
    let lineBase = this.lineNo;
    const window = this.window;
    const sink: TextSink = (ls, le, index, words, nCodes, nUnknown, at, nIds, time, record, last) => {
      const line = lineBase + index;
      // A line outside the window: nothing of it is looked at.
      if (window !== undefined && !window.inside(window.timeAt(line))) return;
      sampler.ls = ls;
      sampler.le = trimCr(buf, ls, le);
      // A code counts once per record: its first line's number is the key.
      const key = (found.record = lineBase + record);
      for (let k = 0; k < nCodes; k++) {
        const idx = words[at + 2 * k]!;
        if (found.isNew(idx, key)) found.addCodeAt(idx, key, ls, le, words[at + 2 * k + 1]! - base);
      }
      for (let k = 0, u = at + 2 * nCodes; k < nUnknown; k++, u += 2) {
        const s = words[u]! - base;
        const e = words[u + 1]! - base;
        const code = buf.toString('latin1', s, e);
        found.addUnknown(code, found.wantsUnknownSample(code, line) ? sampler.text(s, e - s) : undefined);
      }
      found.own = Number.isNaN(time) ? null : time;
      this.lineTime = Number.isNaN(last) ? null : last;
      if (nIds >= 0) {
        for (let k = 0, i = at + 2 * (nCodes + nUnknown); k < nIds; k++) found.addId(words[i + k]!);
        found.accountsKnown = true;
      }
      this.finishLine(line, ls, le);
    };
    // With a window, the kernel passes over the lines whose time is outside it and hands on the times it noted.
    const run = (from: number, end: number): void => {
      // The kernel stopped with lines left (its output full) and is called again from there.
      let again = false;
      while (from < end) {
        const { lines, next } = found.batchOf(() => kernel.scanText(from, end, lineBase, sink, window));
        if (lines === 0 && next === from && again) {
          // A line with more findings than the kernel's output holds: read it here.
          const le = lineEnd(buf, from, end);
          window?.timeAt(lineBase, this.ownOrClock(from, trimCr(buf, from, le)));
          this.lineNo = lineBase;
          this.scanHere(le === end ? end : le + 1, le === end, from);
          lineBase = this.lineNo;
          from = le + 1;
          again = false;
          continue;
        }
        lineBase += lines;
        from = next;
        if (from >= end) break;
        // Output full: what the call noted is taken in first.
        window?.finish();
        again = true;
      }
    };
    run(0, to);
    this.lineNo = lineBase;
  }

  /** Scans the complete lines in buf[from, to) here, word by word (a general catalog, a long line's tail). */
  private scanHere(to: number, last: boolean, from = 0): void {
    const buf = this.buf;
    let ls = from;
    let le = lineEnd(buf, from, to);
    let line = this.lineNo;
    const sampler = this.sampler;
    sampler.buf = buf;
    sampler.continued = this.continued;
    sampler.piece = false;
    sampler.ls = from;
    sampler.le = trimCr(buf, from, le);
    // A line's record's first line is the key its codes count once under (a long line's end: known already).
    const whole = (ls: number, le: number): boolean => le < to || (last && ls < to);
    let key = (this.found.record = this.continued ? this.longKey : whole(from, le) ? this.enterLine(from, le, line) : line);
    const words = this.words;
    const general = this.general;
    // Candidates in order: `_` words, and with a general catalog the places its pattern found.
    const places = general === undefined ? NO_PLACES : general.places(buf, to);
    let k = 0;
    while (k < places.length && places[k]! < from) k++;
    let u = buf.indexOf(UNDERSCORE, from);
    if (u === -1 || u >= to) u = to;
    for (;;) {
      const p = k < places.length ? places[k]! : to;
      const at = p < u ? p : u;
      if (at >= to) break;
      if (at > le) {
        do {
          if (this.found.active) this.finishLine(line, ls, le);
          ls = le + 1;
          line++;
          le = lineEnd(buf, ls, to);
          key = this.found.record = whole(ls, le) ? this.enterLine(ls, le, line) : line;
        } while (at > le);
        sampler.ls = ls;
        sampler.le = trimCr(buf, ls, le);
        sampler.continued = false;
      }
      if (p < u) {
        general!.codesAt(buf, this.found, key, ls, le, p, sampler);
        k++;
        continue;
      }
      const e =
        words !== undefined
          ? checkWord(buf, words, this.found, key, ls, le, u, sampler)
          : checkUnknownWord(buf, general!, this.found, ls, le, u, sampler);
      u = buf.indexOf(UNDERSCORE, e + 1);
      if (u === -1 || u >= to) u = to;
    }
    if (this.found.active) this.finishLine(line, ls, le);
    // Lines after the last hit: count them.
    while (le < to) {
      ls = le + 1;
      line++;
      le = lineEnd(buf, ls, to);
      if (whole(ls, le)) this.enterLine(ls, le, line);
    }
    this.lineNo = line;
    this.continued = false;
  }

  /** Scans a piece of a long line (the buffer holds no newline), keeping its tail for the next piece. */
  private scanPiece(): void {
    const buf = this.buf;
    let cut = this.len - KEEP;
    while (cut < this.len && WORD[buf[cut - 1]!] === 1 && WORD[buf[cut]!] === 1) cut++;
    const found = this.found;
    if (!this.continued) {
      this.timeFrom = 0;
      this.longClock = this.kernel.clockFirst(0, this.len) ? { ms: this.kernel.clockOfDay(), offset: this.kernel.clockOffset() } : null;
    }
    if (this.longTime === undefined) {
      // The line's own time: the first one in it, looked for piece by piece (times cut at the end wait);
      // some lines have one only at their start (see timeFurtherIn).
      const t = this.kernel.timeIn(0, this.len, this.timeFrom, this.len - TIME_READ);
      if (!this.continued) this.longCarried = t !== null && this.kernel.lineCarried(this.len);
      if (t !== null || (!this.continued && !this.kernel.timeFurtherIn())) this.longTime = t;
      this.timeFrom = this.len - TIME_READ;
    }
    // Its record is known at its end (its time may come late): until then its codes are its own.
    if (!this.continued) this.longKey = -1 - this.lineNo;
    found.record = -1;
    found.active = true;
    found.long = true;
    // An address touching the cut is read whole in the next piece.
    this.kernel.seeEmails(0, cut, Infinity, this.continued, true);
    const sampler = this.sampler;
    sampler.buf = buf;
    sampler.ls = 0;
    sampler.le = cut;
    sampler.continued = this.continued;
    sampler.piece = true;
    const general = this.general;
    if (general !== undefined) {
      for (const p of general.places(buf, cut)) {
        // A code that may run past the cut is read whole in the next piece.
        if (p + general.longest < cut) general.codesAt(buf, found, this.longKey, 0, cut, p, sampler);
      }
    }
    if (this.words !== undefined && this.pieceWithKernel(cut)) {
      this.drop(cut - Math.min(cut, KEEP), true);
      return;
    }
    for (let u = buf.indexOf(UNDERSCORE, 0); u !== -1 && u < cut; u = buf.indexOf(UNDERSCORE, u + 1)) {
      u =
        this.words !== undefined
          ? checkWord(buf, this.words, found, this.longKey, 0, cut, u, sampler, true)
          : checkUnknownWord(buf, general!, found, 0, cut, u, sampler, true);
    }
    this.drop(cut - Math.min(cut, KEEP), true);
  }

  /**
   * The kernel reads the piece buf[0, cut) for its `_` words (as checkWord would, one by one); a word
   * touching the cut is left for the next piece. False when there are more than its output holds.
   */
  private pieceWithKernel(cut: number): boolean {
    const got = this.kernel.pieceWords(0, cut);
    if (got === undefined) return false;
    const { n, codes, words, at } = got;
    const base = this.kernel.offset;
    const found = this.found;
    const sampler = this.sampler;
    for (let k = 0, w = at; k < n; k++, w += 2) {
      if (k < codes) {
        const idx = words[w]!;
        const s = words[w + 1]! - base;
        const len = this.codeLength[idx]!;
        if (s + len === cut || !found.isNew(idx, this.longKey)) continue;
        found.addCode(idx, this.longKey, sampler.text(s, len));
      } else {
        const s = words[w]! - base;
        const e = words[w + 1]! - base;
        if (e !== cut) found.addUnknown(this.buf.toString('latin1', s, e), sampler.text(s, e - s));
      }
    }
    return true;
  }

  /** The own time of the line buf[ls, e), read by the kernel. */
  private ownTime(ls: number, e: number): number | null {
    return this.kernel.lineTime(ls, e);
  }

  /** The own time of the line buf[ls, e), the next to take its place in a record: its time, or a time of day alone at its start on the date of the time before it. */
  private ownOrClock(ls: number, e: number): number | null {
    const own = this.ownTime(ls, e);
    return own === null && this.kernel.clockFirst(ls, e) ? this.kernel.clockTime() : own;
  }

  /** The line buf[ls, le) (read here, not by scanText) takes its place in a record: the number of the record's first line. */
  private enterLine(ls: number, le: number, line: number, end = trimCr(this.buf, ls, le)): number {
    const own = this.ownTime(ls, end);
    const clock = own === null && this.kernel.clockFirst(ls, end);
    const record = this.found.enterLine(clock ? this.kernel.clockTime() : own, clock, end - ls + 1, line, own !== null && this.kernel.lineCarried(end));
    this.lineTime = this.kernel.textLastTime();
    return record;
  }

  /** The line buf[ls, le) ends: count what it holds. */
  private finishLine(line: number, ls: number, le: number): void {
    const found = this.found;
    const window = this.window;
    let time: number | null;
    if (window === undefined) time = this.lineTime;
    else if (!window.inside((time = window.timeAt(line)))) return found.discard();
    // Accounts come from the whole line; a long line's start is gone, so it gives none.
    if (found.n > 0 && !found.long && !found.accountsKnown) found.scanAccounts(this.buf, ls, trimCr(this.buf, ls, le));
    found.finish(line, time);
  }
}
