import { AccountList, findAccountsInBytes } from '../extract/accounts.js';
import { WORD } from '../extract/chars.js';
import type { Matcher } from '../extract/matcher.js';
import { sampleFromBytes } from '../extract/sample.js';
import { findTimestampIn } from '../extract/timestamp.js';
import { addTime } from '../summary/buckets.js';
import { MAX_SAMPLES } from '../summary/samples.js';
import {
  addHit,
  addOccurrence,
  mergeCodeStat,
  newCodeStat,
  type CodeStat,
  type FileStat,
  type Tally,
} from '../summary/tally.js';
import { isUnknownValue } from './unknown.js';
import { HASH_PRIME, HASH_SEED, LOWER, WordTable } from './word-table.js';

const NL = 0x0a;
const CR = 0x0d;
const UNDERSCORE = 0x5f;

const NO_CODES: ReadonlyMap<string, string | undefined> = new Map();

/** A line longer than this is scanned in pieces as it streams, never held whole. */
export const LONG_LINE = 16 * 1024 * 1024;
/** Bytes kept from one piece of a long line to the next: a word cut at the edge, the key before a value. */
const KEEP = 4096;

/** Findings of the line being scanned, until its end; reused from line to line. */
interface LineHits {
  /** Catalog indexes of the distinct codes found (the first `n`), in order of first occurrence. */
  readonly codes: number[];
  /** Evidence per code found (undefined: not wanted). */
  readonly samples: (string | undefined)[];
  n: number;
  /** Lower-cased unknown code → [as written, evidence]. */
  readonly unknown: Map<string, [string, string | undefined]>;
  readonly accounts: AccountList;
  /** The line holds findings. */
  active: boolean;
  /** Its own time, once known (a long line's is looked for in its first piece). */
  own: number | null | undefined;
  /** The line's start has scrolled out of the buffer (a long line). */
  long: boolean;
}

/**
 * The fast path for plain text, on raw bytes in large chunks. It jumps from `_` to `_` (every code of a
 * word-code catalog holds one), checks the whole word around it against the catalog, and works out line
 * numbers, times, evidence and accounts only for lines that hold a code; a line without its own time walks
 * back to the nearest line that has one. For lines up to LONG_LINE bytes the tally is the one the split2
 * reader gives for the same bytes (property-tested); longer lines are scanned too, in pieces.
 */
export class TextFastScan {
  private buf = Buffer.allocUnsafe(4 << 20);
  private len = 0;
  /** Number of the line at buf[0]. */
  private lineNo = 1;
  /** Findings of the current line, reused from line to line. */
  private readonly hits: LineHits = {
    codes: [],
    samples: [],
    n: 0,
    unknown: new Map(),
    accounts: new AccountList(),
    active: false,
    own: undefined,
    long: false,
  };
  /** This file's counts per catalog index, merged into the tally when the file ends. */
  private readonly stats: (CodeStat | undefined)[];
  /** Per catalog index: number of the line it was last found in (to count it once per line). */
  private readonly seenIn: Float64Array;
  /** Per catalog index: the minute of its latest occurrences and how many, not yet in its time buckets. */
  private readonly pendMinute: Float64Array;
  private readonly pendCount: Float64Array;
  /** buf[0] continues a long line. */
  private continued = false;
  /** The last own time of the lines before `frontier`; lines from `frontier` on were not looked at yet. */
  private lastTime: number | null = null;
  private frontier = 0;
  private readonly lengths: Uint8Array;
  private readonly table: WordTable;

  constructor(
    private readonly tally: Tally,
    private readonly stat: FileStat,
    matcher: Matcher,
  ) {
    if (!matcher.wordCodes) throw new Error('the fast path needs a catalog whose codes are words with a `_`');
    this.lengths = new Uint8Array(matcher.maxCodeLength + 1);
    for (const e of matcher.catalog.entries) this.lengths[e.code.length] = 1;
    this.table = new WordTable(matcher.catalog.entries);
    this.stats = new Array<CodeStat | undefined>(matcher.catalog.entries.length).fill(undefined);
    this.seenIn = new Float64Array(matcher.catalog.entries.length).fill(-1);
    this.pendMinute = new Float64Array(matcher.catalog.entries.length).fill(NaN);
    this.pendCount = new Float64Array(matcher.catalog.entries.length);
    this.entries = matcher.catalog.entries;
  }

  private readonly entries: Matcher['catalog']['entries'];

  /** Scans the next chunk of the file. */
  push(chunk: Buffer): void {
    if (this.len + chunk.length > this.buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.len + chunk.length));
      this.buf.copy(bigger, 0, 0, this.len);
      this.buf = bigger;
    }
    if (chunk.length === 0) return;
    chunk.copy(this.buf, this.len);
    this.len += chunk.length;
    const nl = this.buf.lastIndexOf(NL, this.len - 1);
    if (nl !== -1) {
      this.scan(nl + 1, false);
      this.drop(nl + 1, false);
    } else if (this.len > LONG_LINE) {
      this.scanPiece();
    }
  }

  /** The file ends: a last line without a newline is a record. */
  end(): void {
    this.scan(this.len, true);
    this.stat.lastTime = this.lastTime;
    this.len = 0;
    this.stats.forEach((s, i) => {
      if (s === undefined) return;
      this.flushTimes(i, s);
      const code = this.entries[i]!.code;
      const x = this.tally.codes.get(code);
      if (x === undefined) this.tally.codes.set(code, s);
      else mergeCodeStat(x, s);
    });
  }

  private drop(n: number, continued: boolean): void {
    this.buf.copy(this.buf, 0, n, this.len);
    this.len -= n;
    this.continued = continued;
    this.frontier = 0;
  }

  /** Scans the complete lines in buf[0, to) (with `last`, the final one may lack its newline). */
  private scan(to: number, last: boolean): void {
    const buf = this.buf;
    let ls = 0;
    let le = lineEnd(buf, 0, to);
    let line = this.lineNo;
    for (let u = buf.indexOf(UNDERSCORE, 0); u !== -1 && u < to; u = buf.indexOf(UNDERSCORE, u + 1)) {
      while (u > le) {
        if (this.hits.active) this.finishLine(line, ls, le);
        ls = le + 1;
        line++;
        le = lineEnd(buf, ls, to);
      }
      u = this.word(line, ls, le, u, true);
    }
    if (this.hits.active) this.finishLine(line, ls, le);
    // Lines after the last hit: count them.
    while (le < to) {
      ls = le + 1;
      line++;
      le = lineEnd(buf, ls, to);
    }
    // `line` is now the line after the last newline; it is a record only at the end of the file, if not empty.
    const records = line - this.lineNo + (last && ls < to ? 1 : 0);
    this.stat.records += records;
    this.lineNo = line;
    this.continued = false;
    this.resolveTimesTo(to);
  }

  /** Scans a piece of a long line (the buffer holds no newline), keeping its tail for the next piece. */
  private scanPiece(): void {
    const buf = this.buf;
    let cut = this.len - KEEP;
    while (cut < this.len && WORD[buf[cut - 1]!] === 1 && WORD[buf[cut]!] === 1) cut++;
    if (!this.continued) {
      // The first piece: the line's own time is the first one in its first LONG_LINE - KEEP bytes.
      this.hits.active = true;
      this.hits.own = findTimestampIn(buf, 0, LONG_LINE - KEEP);
    }
    for (let u = buf.indexOf(UNDERSCORE, 0); u !== -1 && u < cut; u = buf.indexOf(UNDERSCORE, u + 1)) {
      u = this.word(this.lineNo, 0, cut, u, false);
    }
    this.hits.long = true;
    const keep = Math.min(cut, KEEP);
    this.drop(cut - keep, true);
  }

  /** Checks the word around the `_` at u; returns where the word ends. */
  private word(line: number, ls: number, le: number, u: number, whole: boolean): number {
    const buf = this.buf;
    let s = u;
    while (s > ls && WORD[buf[s - 1]!] === 1) s--;
    // Read the word to its end, hashing it on the way for the catalog lookup.
    let hash = HASH_SEED;
    let e = s;
    for (; e < le; e++) {
      const c = buf[e]!;
      if (WORD[c] !== 1) break;
      hash = Math.imul(hash ^ LOWER[c]!, HASH_PRIME);
    }
    // In a piece of a long line, a word that touches the piece's end is read whole in the next piece.
    if (!whole && e === le) return e;
    const n = e - s;
    const idx = n < this.lengths.length && this.lengths[n] === 1 ? this.table.get(buf, s, e, hash >>> 0) : -1;
    if (idx !== -1) {
      const h = this.hits;
      h.active = true;
      if (this.seenIn[idx] !== line) {
        this.seenIn[idx] = line;
        const st = this.stats[idx];
        h.codes[h.n] = idx;
        // Evidence is kept for the first lines of a file only: build text for those.
        h.samples[h.n] = st === undefined || st.samples.length < MAX_SAMPLES ? this.sample(ls, le, s, n, whole) : undefined;
        h.n++;
      }
    } else if (isUnknownValue(buf, ls, s, e)) {
      const h = this.hits;
      h.active = true;
      const code = buf.toString('latin1', s, e);
      const key = code.toLowerCase();
      if (!h.unknown.has(key)) h.unknown.set(key, [code, this.sample(ls, le, s, n, whole)]);
    }
    return e;
  }

  /** Evidence text for a match at p; cut marks where a long line goes on beyond the buffer. */
  private sample(ls: number, le: number, p: number, n: number, whole: boolean): string {
    const end = le > ls && this.buf[le - 1] === CR ? le - 1 : le;
    const text = sampleFromBytes(this.buf, ls, end, p, n);
    if (!this.continued && whole) return text;
    return (this.continued && !text.startsWith('…') ? '…' : '') + text + (!whole && !text.endsWith('…') ? '…' : '');
  }

  /** The line buf[ls, le) (number `line`) ends: count what it holds. */
  private finishLine(line: number, ls: number, le: number): void {
    const h = this.hits;
    const end = le > ls && this.buf[le - 1] === CR ? le - 1 : le;
    const own = h.own !== undefined ? h.own : findTimestampIn(this.buf, ls, end);
    this.resolveTimesTo(ls);
    if (own !== null) {
      this.lastTime = own;
      this.stat.firstTime ??= own;
    }
    this.frontier = le + 1;
    // Accounts come from the whole line; a long line's start is gone, so it gives none.
    const accounts = h.accounts;
    if (h.n > 0 && !h.long) findAccountsInBytes(this.buf, ls, end, accounts);
    this.stat.matches += h.n;
    this.stat.unknown += h.unknown.size;
    const time = own ?? this.lastTime;
    const file = this.stat.path;
    for (let i = 0; i < h.n; i++) {
      const idx = h.codes[i]!;
      const st = (this.stats[idx] ??= newCodeStat(file, line, time));
      addOccurrence(st, file, line, time, h.samples[i], accounts.items, accounts.size, false);
      if (time !== null) {
        const minute = Math.floor(time / 60_000);
        if (minute !== this.pendMinute[idx]) {
          this.flushTimes(idx, st);
          this.pendMinute[idx] = minute;
        }
        this.pendCount[idx]!++;
      }
      h.samples[i] = undefined;
    }
    if (h.unknown.size > 0) {
      addHit(this.tally, { file, line, time, codes: NO_CODES, unknown: h.unknown.values(), accounts: new Set() });
      h.unknown.clear();
    }
    h.n = 0;
    accounts.clear();
    h.active = false;
    h.own = undefined;
    h.long = false;
  }

  /** Puts the pending occurrences of a code into its time buckets. */
  private flushTimes(idx: number, st: CodeStat): void {
    const n = this.pendCount[idx]!;
    if (n > 0) addTime(st.buckets, this.pendMinute[idx]! * 60_000, n);
    this.pendCount[idx] = 0;
  }

  /**
   * Brings `lastTime` up to the line start `pos`. Until the file's first time is found, lines are looked at
   * walking forward; after that, walking back from `pos` to the nearest line with a time, never past the
   * lines already looked at — so each line is looked at once at most.
   */
  private resolveTimesTo(pos: number): void {
    const buf = this.buf;
    let f = this.frontier;
    if (f >= pos) return;
    if (this.stat.firstTime === null) {
      while (f < pos) {
        const le = lineEnd(buf, f, pos);
        const t = findTimestampIn(buf, f, le > f && buf[le - 1] === CR ? le - 1 : le);
        f = le + 1;
        if (t !== null) {
          this.stat.firstTime = t;
          this.lastTime = t;
          break;
        }
      }
    }
    // Lines in [f, pos), newest first.
    let le = buf[pos - 1] === NL ? pos - 1 : pos;
    while (f < pos && le >= f) {
      const ls = le === 0 ? 0 : Math.max(f, buf.lastIndexOf(NL, le - 1) + 1);
      const t = findTimestampIn(buf, ls, le > ls && buf[le - 1] === CR ? le - 1 : le);
      if (t !== null) {
        this.lastTime = t;
        break;
      }
      if (ls === f) break;
      le = ls - 1;
    }
    this.frontier = pos;
  }
}

/** End of the line that starts at ls: its `\n`, or `to`. */
function lineEnd(buf: Buffer, ls: number, to: number): number {
  const i = buf.indexOf(NL, ls);
  return i === -1 || i >= to ? to : i;
}
