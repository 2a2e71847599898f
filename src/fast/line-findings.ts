import type { CatalogEntry } from '../catalog/types.js';
import { AccountCache } from './account-cache.js';
import type { Kernel } from './kernels.js';
import { MinuteFirsts } from './minute-firsts.js';
import { addPair } from '../summary/account-list.js';
import { addAccount } from '../summary/accounts.js';
import { addTime } from '../summary/buckets.js';
import type { FileStat } from '../model/stats.js';
import type { CodeStat, Tally } from '../model/tally.js';
import { keepsSample, MAX_SAMPLES } from '../summary/samples.js';
import { addCount, addOccurrence, addUnknownAt, newCodeStat } from '../summary/tally.js';
import type { FileEnds, MakeSample } from './file-ends.js';
import type { HeadSamples } from './head-samples.js';
import { givePerFile, RECORD_UNKNOWN_KEPT, takePerFile, type PerFile } from './per-file.js';

const NO_ACCOUNTS: readonly string[] = [];

/**
 * What the fast paths found in one file: the current line's findings (reused from line to line, so
 * counting a line allocates nothing in the common case), counted straight into the tally's codes. Adding
 * is order-free (see mergeTally), so this is what a tally of the file merged in would give, without one
 * per file: with many small files that merge cost more than the scan.
 */
export class LineFindings {
  /** Catalog indexes of the distinct codes of the current line (the first `n`). */
  private readonly codes: number[];
  private readonly samples: (string | undefined)[];
  /** Per code of the current line: the key it was last counted under before (see joinRecord). */
  private readonly before: number[];
  n = 0;
  /** Lower-cased unknown code → [as written, evidence]. */
  readonly unknown: Map<string, [string, string | undefined]>;
  /** Account ids (see AccountCache) named by the current line, distinct, the first `na`. */
  private readonly ids: number[];
  private na = 0;
  /** Accounts of the current line that got no id (the cache was full), distinct. */
  private readonly spare: string[];
  private readonly cache: AccountCache;
  /** `--accounts`: every line's accounts are counted here with its time, never by the kernel alone. */
  private readonly listing: boolean;
  private finished = 0;
  /** The current line holds findings. */
  active = false;
  /** The current line's own time when already known (undefined: look it up). */
  own: number | null | undefined = undefined;
  /** The current line's start has scrolled out of the buffer (a long line): it gives no accounts. */
  long = false;
  /** The kernel already gave the current line's accounts. */
  accountsKnown = false;
  /** Plain text and JSON lines: the current line's record's first line (-1: every line is a record), the key an unknown code counts once under, as a catalog code does (see isNew). */
  record = -1;
  private unknownRecord = -1;
  private readonly recordUnknown: Map<string, number>;
  /** Lines come from a kernel batch (see batchOf). */
  private batch = false;

  /** Per catalog index: the tally's stat of the code, once this file has met it. */
  private readonly stats: (CodeStat | undefined)[];
  /** Per catalog index: evidence candidates this file gave (its first MAX_SAMPLES occurrences give them). */
  private readonly taken: number[];
  /** Per catalog index: the line it was last counted in. */
  private readonly seenIn: number[];
  /** Per catalog index: minute of its latest occurrences and how many, not yet in its time buckets. */
  private readonly pendMinute: number[];
  private readonly pendCount: number[];
  /** Each code's earliest occurrence of each minute: evidence candidates. */
  private readonly minutes: MinuteFirsts;
  /** Per catalog index: 1 once the kernel counts its lines itself (it keeps their last occurrence). */
  private readonly steady: number[];
  /** Each code's first and last occurrences in the file so far: evidence candidates when it ends. */
  private readonly ends: FileEnds;
  /** Per code of the current line: where its evidence would be made (see addCodeAt); NaN: given. */
  private readonly codeAt: number[];
  /** Per code of the current line: 1 when it is one of the file's first, its evidence made after the kernel's call. */
  private readonly head: number[];
  private readonly heads: HeadSamples;
  /** The arrays above, until the file ends (see PerFile). */
  private perFile: PerFile | undefined;
  /** Makes the evidence of the kernel's first or last occurrence of a code (see Kernel.takeEnd), while its bytes are there. */
  lastSample: MakeSample | undefined;

  constructor(
    private readonly tally: Tally,
    private readonly stat: FileStat,
    private readonly entries: readonly CatalogEntry[],
    /** A byte range that starts inside a file: occurrences with no time yet inherit the time of the ranges before. */
    private readonly inheritsTime = false,
    /** The byte kernels, with the scanner's buffer in their memory. */
    private readonly kernel: Kernel,
  ) {
    const p = (this.perFile = takePerFile(entries.length, stat.path));
    ({ stats: this.stats, seenIn: this.seenIn, pendMinute: this.pendMinute, pendCount: this.pendCount, steady: this.steady } = p);
    ({ ends: this.ends, taken: this.taken, heads: this.heads, codes: this.codes, samples: this.samples, before: this.before } = p);
    ({ unknown: this.unknown, ids: this.ids, spare: this.spare, recordUnknown: this.recordUnknown, codeAt: this.codeAt, head: this.head } = p);
    this.minutes = new MinuteFirsts(entries.length, stat.path);
    kernel.countsReset();
    this.listing = tally.accountList !== undefined;
    this.cache = AccountCache.for(kernel, tally, entries);
    if (!this.listing) p.steadyFrom(tally, entries, stat.path, (idx) => kernel.setSteady(idx));
    kernel.awaitEvidence(!this.listing);
  }

  /** Adds the e-mail addresses of the line buf[ls, le) to the current line's accounts. */
  scanAccounts(buf: Buffer, ls: number, le: number): void {
    this.sinkBuf = buf;
    this.kernel.emails(ls, le, this);
  }

  private sinkBuf: Buffer | undefined;

  /** For the kernel: an address in the current line, and its account id. */
  email(s: number, e: number, id: number): void {
    if (id === -1) this.addSpare(this.sinkBuf!.toString('latin1', s, e).toLowerCase());
    else this.addId(id);
  }

  /** Adds an account given as plain ASCII bytes (a field value: see isPlainAccount). */
  addAccountBytes(buf: Buffer, s: number, e: number): void {
    const id = this.cache.idOf(s, e);
    if (id === -1) this.addSpare(buf.toString('latin1', s, e).toLowerCase());
    else this.addId(id);
  }

  /** Adds an account given as a string (a field value, already lower-cased). */
  addAccount(account: string): void {
    const id = this.cache.idOfString(account);
    if (id === -1) this.addSpare(account);
    else this.addId(id);
  }

  /** Adds an account the kernel gave an id (not -1). */
  addId(id: number): void {
    for (let i = 0; i < this.na; i++) if (this.ids[i] === id) return;
    this.ids[this.na++] = id;
  }

  private addSpare(account: string): void {
    if (!this.spare.includes(account)) this.spare.push(account);
  }

  /** True when the code at catalog index idx is not counted in this line (plain text: record, by its first line's number) yet. */
  isNew(idx: number, line: number): boolean {
    return this.seenIn[idx] !== line;
  }

  /** Whether the unknown code's evidence at `line` would be kept (only its first are; a code's may be its last). */
  wantsUnknownSample(code: string, line: number): boolean {
    const u = this.tally.unknown.get(code.toLowerCase());
    return u === undefined || keepsSample(u.samples, this.stat.path, line);
  }

  /** Takes the first and last occurrences the kernel counted since last asked, while their bytes are in the buffer. */
  private takeEnds(): void {
    const make = this.lastSample;
    if (make === undefined) return;
    // The kernel's first and last: their evidence is made below, only where the tally may keep it.
    for (let idx = 0; idx < this.steady.length; idx++) {
      if (this.steady[idx] === 0) continue;
      for (let which = 1; which <= 2; which++) {
        const got = this.kernel.takeEnd(idx, which === 1);
        if (got !== undefined) this.ends.noteAt(idx, got, which);
      }
    }
    this.heads.makeTexts(make);
    this.ends.makeTexts(make, this.tally, this.stats);
    this.minutes.makeTexts(make);
  }

  /** Records a code of the current line (call only when `isNew`). */
  addCode(idx: number, line: number, sample: string | undefined): void {
    this.before[this.n] = this.seenIn[idx]!;
    this.seenIn[idx] = line;
    this.codes[this.n] = idx;
    this.samples[this.n] = sample;
    this.codeAt[3 * this.n] = NaN;
    this.head[this.n] = 0;
    this.n++;
    this.active = true;
  }

  /**
   * The current line (a long one, its codes gathered under a key of its own) turns out to be in the record
   * whose first line is `record`: the codes and unknown codes that record counted already are left out.
   */
  joinRecord(record: number): void {
    this.countedIn(record);
    let kept = 0;
    for (let i = 0; i < this.n; i++) {
      const idx = this.codes[i]!;
      if (this.before[i] === record || this.seenIn[idx] === record) {
        this.seenIn[idx] = record;
        continue;
      }
      this.seenIn[idx] = record;
      this.codes[kept] = idx;
      this.samples[kept++] = this.samples[i];
    }
    for (let i = kept; i < this.n; i++) this.samples[i] = undefined;
    this.n = kept;
    this.record = record;
    for (const key of [...this.unknown.keys()]) if (!this.newInRecord(key)) this.unknown.delete(key);
    this.active = this.n > 0 || this.unknown.size > 0;
  }

  /**
   * A plain-text line the scanner reads itself (own time, starting with a time of day alone or not, length
   * with its end as one byte, number) takes its place in a record (src/wasm/records.ts): returns the number
   * of the record's first line.
   */
  enterLine(own: number | null, clock: boolean, n: number, line: number, carries: boolean): number {
    const record = this.kernel.textRecordLine(own, clock, n, line, carries);
    if (record !== line) this.countedIn(record);
    return record;
  }

  /** What the kernel counted itself in the record `record` is counted there already: the codes it keeps now, or the n at words[at], words[at + 2], …. */
  countedIn(record: number, words?: Int32Array, at = 0, n = 0): void {
    if (words === undefined) for (const idx of this.kernel.countedAtStart()) this.seenIn[idx] = record;
    else for (let k = 0; k < n; k++) this.seenIn[words[at + 2 * k]!] = record;
  }

  /**
   * Records a code of a line the kernel reported (call only when `isNew`), the line at [ls, le) and the
   * code at `at`: its evidence is made now when it is one of the file's first, else only if it is kept as
   * the code's first or last occurrence, after the kernel's call (lastSample makes it).
   */
  addCodeAt(idx: number, line: number, ls: number, le: number, at: number): void {
    // In a kernel call, one of the file's first gets its evidence after the call, if the tally keeps it.
    const head = this.taken[idx]! < MAX_SAMPLES;
    if (head && !this.batch) return this.addCode(idx, line, this.lastSample!(idx, ls, le, at, false));
    this.addCode(idx, line, undefined);
    const k = 3 * (this.n - 1);
    this.codeAt[k] = ls;
    this.codeAt[k + 1] = le;
    this.codeAt[k + 2] = at;
    this.head[this.n - 1] = head ? 1 : 0;
  }

  /**
   * Runs one kernel batch. Its account ids are all handed out before its first line is counted, so ids may
   * start over (when they run low) only between batches; the minutes the kernel finished counting in it
   * go into the time buckets after it.
   */
  batchOf<T>(scan: () => T): T {
    this.cache.spill();
    this.batch = true;
    try {
      return scan();
    } finally {
      this.batch = false;
      this.takeEnds();
      this.takeBuckets();
    }
  }

  /** Records an unknown code of the current line, once per spelling case-insensitively. */
  addUnknown(code: string, sample: string | undefined): void {
    const key = code.toLowerCase();
    if (!this.newInRecord(key)) return;
    this.active = true;
    if (!this.unknown.has(key)) this.unknown.set(key, [code, sample]);
  }

  /** Plain text: true the first time the unknown code `key` (lower-cased) is seen in the current record. */
  private newInRecord(key: string): boolean {
    if (this.record === -1) return true;
    // Each key maps to the record it was last seen in: no clear per record (V8 makes a new table each time), but for one out of order.
    if (this.record !== this.unknownRecord) {
      if (this.record < this.unknownRecord || this.recordUnknown.size > RECORD_UNKNOWN_KEPT) this.recordUnknown.clear();
      this.unknownRecord = this.record;
    }
    if (this.recordUnknown.get(key) === this.record) return false;
    this.recordUnknown.set(key, this.record);
    return true;
  }

  /** The tally's stat of the code at catalog index idx, made when this (at line, time) is its first occurrence. */
  private statOf(idx: number, line: number, time: number | null): CodeStat {
    const code = this.entries[idx]!.code;
    let st = this.tally.codes.get(code);
    if (st === undefined) this.tally.codes.set(code, (st = newCodeStat(this.stat.path, line, time)));
    return st;
  }

  /** Counts the current line (number `line`, at `time`); accounts must already be filled in. */
  finish(line: number, time: number | null): void {
    const file = this.stat.path;
    this.stat.matches += this.n;
    this.stat.unknown += this.unknown.size;
    for (let i = 0; i < this.n; i++) {
      const idx = this.codes[i]!;
      const st = (this.stats[idx] ??= this.statOf(idx, line, time));
      const text = this.samples[i];
      // Only a file's first MAX_SAMPLES are candidates as they come (as the record readers give them).
      const given = this.taken[idx]! < MAX_SAMPLES;
      const later = given && text === undefined && this.head[i] === 1;
      addOccurrence(st, file, line, time, given ? text : undefined, NO_ACCOUNTS, 0, false);
      if (later) this.heads.offer(st, idx, file, line, time, this.codeAt, 3 * i);
      if (given && (text !== undefined || later)) this.taken[idx]!++;
      if (text !== undefined) this.ends.note(idx, line, time, text);
      else if (!Number.isNaN(this.codeAt[3 * i])) this.ends.note(idx, line, time, undefined, 3, this.codeAt, 3 * i);
      if (this.steady[idx] === 0 && this.taken[idx]! >= MAX_SAMPLES && !this.listing) {
        this.steady[idx] = 1;
        this.kernel.setSteady(idx);
      }
      for (let a = 0; a < this.na; a++) this.cache.count(this.ids[a]!, idx, 1, time);
      for (const account of this.spare) {
        addAccount(st.accounts, account);
        if (this.listing) addPair(this.tally.accountList!, this.entries[idx]!.code, account, 1, time, time);
      }
      if (time === null && this.inheritsTime) {
        const code = this.entries[idx]!.code;
        const inherit = (this.tally.inherit ??= new Map());
        const pending = inherit.get(code);
        if (pending === undefined) inherit.set(code, { count: 1, line });
        else pending.count++;
      }
      if (time !== null) {
        const minute = Math.floor(time / 60_000);
        const fresh = minute !== this.pendMinute[idx];
        if (fresh) {
          this.flushTimes(idx, st);
          this.pendMinute[idx] = minute;
        }
        this.minutes.note(st, idx, fresh, given, line, time, text, this.codeAt, 3 * i);
        this.pendCount[idx]!++;
      }
      this.samples[i] = undefined;
    }
    // Emptied key by key, not cleared: Map#clear makes a new table (every line of JSON lines with an unknown code).
    if (this.unknown.size > 0) this.unknown.forEach((v, key, m) => (addUnknownAt(this.tally, key, v[0], file, line, v[1]), m.delete(key)));
    this.reset();
    // The kernel's ids run out at twice the point where spill starts them over: checking now and then is enough.
    if (!this.batch && (++this.finished & 1023) === 0) this.cache.spill();
  }

  private reset(): void {
    this.n = 0;
    this.na = 0;
    if (this.spare.length > 0) this.spare.length = 0;
    this.active = false;
    this.own = undefined;
    this.long = false;
    this.accountsKnown = false;
  }

  /** The current line is not counted (it lies outside the window): what it held is forgotten, in its record too. */
  discard(): void {
    for (let i = this.n - 1; i >= 0; i--) {
      this.seenIn[this.codes[i]!] = this.before[i]!;
      this.samples[i] = undefined;
    }
    this.unknown.forEach((_, key, m) => {
      if (this.record !== -1 && this.recordUnknown.get(key) === this.record) this.recordUnknown.delete(key);
      m.delete(key);
    });
    this.reset();
  }

  /** Adds the minutes the kernel finished counting to the codes' time buckets, and its minute candidates. */
  private takeBuckets(): void {
    this.kernel.takeBuckets(this.addMinute, this.lastSample === undefined ? undefined : this.addCandidate);
  }

  private readonly addCandidate = (idx: number, line: number, time: number, ls: number, le: number, at: number, field: boolean): void =>
    this.minutes.kernelCandidate(this.stats[idx]!, idx, line, time, ls, le, at, field, this.lastSample!);

  private readonly addMinute = (idx: number, minute: number, n: number): void => {
    addTime(this.stats[idx]!.buckets, minute * 60_000, n);
  };

  /** The file ended: what the kernel and the account cache still hold goes into the tally. */
  end(): void {
    // What the kernel counted itself, for the codes it was told are steady (their stats exist).
    this.kernel.countsEnd();
    this.takeBuckets();
    for (let idx = 0; idx < this.steady.length; idx++) {
      const c = this.steady[idx] === 0 ? undefined : this.kernel.counted(idx);
      if (c === undefined || c.count === 0) continue;
      addCount(this.stats[idx]!, this.stat.path, c.line, c.count, c.earliest, c.latest);
      this.stat.matches += c.count;
    }
    this.cache.fileEnded();
    for (let i = 0; i < this.stats.length; i++) {
      const s = this.stats[i];
      if (s === undefined) continue;
      this.flushTimes(i, s);
      this.ends.give(i, s, this.tally);
    }
    if (this.perFile !== undefined) givePerFile(this.perFile);
    this.perFile = undefined;
  }

  private flushTimes(idx: number, st: CodeStat): void {
    const n = this.pendCount[idx]!;
    // Occurrences in one minute land in one bucket at every width, so adding them at once is exact.
    if (n > 0) addTime(st.buckets, this.pendMinute[idx]! * 60_000, n);
    this.pendCount[idx] = 0;
  }
}
