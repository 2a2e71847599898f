// A kernel instance's memory and what lives in it for good: the scanner's room, the account ids, the e-mail
// addresses and the accounts seen. src/fast/kernels.ts adds the scans, counts and times.
import { isAscii } from 'node:buffer';
import { kernelModule } from '../extract/kernel-module.js';
import { JSON_ALL, JSON_LINES, JSON_NONE, type JsonText } from '../extract/local-part.js';
import type { AccountsSeen } from '../model/tally.js';
import { SEEN_BITS, addRegisters, addSeen } from '../summary/accounts-seen.js';
import type { KernelExports as Exports } from './kernel-exports.js';
import type { EmailSink } from './kernel-sinks.js';
import { ACCOUNT_LENGTH_BITS, EMAIL, LOAD_SLACK, MAX_EMAILS } from './kernel-layout.js';

/** Room for the account `accountIdOf` takes (accounts are at most 254 characters; the kernel takes fewer than SCRATCH bytes). */
const SCRATCH = 1 << ACCOUNT_LENGTH_BITS;

const PAGE = 65536;

/**
 * One instance of the byte kernels with its own memory: a scanner's buffer lives in that memory (from
 * `base` on), so the kernels read it where it is, without a copy.
 */
export class KernelBase {
  protected readonly x: Exports;
  /** Where the scanner's buffer starts (after what `place` put before it). */
  protected base: number;
  protected roomGiven = false;
  /** The catalog it was made for (see acquireKernel). */
  key = '';
  protected readonly textAt: number;
  protected readonly fieldsAt: number;
  protected readonly emailsAt: number;
  protected readonly scratchAt: number;
  protected readonly namesAt: number;
  protected u8: Uint8Array;
  protected i32: Int32Array;
  protected f64: Float64Array;

  constructor() {
    this.x = new WebAssembly.Instance(kernelModule(), {}).exports as unknown as Exports;
    this.base = this.x.heapBase();
    this.fieldsAt = this.x.fields();
    this.emailsAt = this.x.emailsOut();
    this.textAt = this.x.textOut();
    this.u8 = new Uint8Array(this.x.memory.buffer);
    this.i32 = new Int32Array(this.x.memory.buffer);
    this.f64 = new Float64Array(this.x.memory.buffer);
    this.x.setAccounts(this.reserve(this.x.accountBytes()));
    this.namesAt = this.x.accountNamesAt();
    this.scratchAt = this.reserve(SCRATCH);
  }

  /** Sets aside n zeroed bytes for good (before any `room`), returning their absolute offset. */
  protected reserve(n: number): number {
    if (this.roomGiven) throw new Error('the kernel has handed out its room already');
    const at = this.base;
    this.base = (this.base + n + 15) & ~15;
    this.grow(this.base);
    return at;
  }

  /** Puts bytes in the kernel's memory for good (before any `room`), returning their absolute offset. */
  protected place(bytes: Uint8Array): number {
    const at = this.reserve(bytes.length);
    this.u8.set(bytes, at);
    return at;
  }

  protected grow(upTo: number): void {
    const need = upTo + LOAD_SLACK - this.x.memory.buffer.byteLength;
    if (need > 0) {
      this.x.memory.grow(Math.ceil(need / PAGE));
      this.u8 = new Uint8Array(this.x.memory.buffer);
      this.i32 = new Int32Array(this.x.memory.buffer);
      this.f64 = new Float64Array(this.x.memory.buffer);
    }
  }

  /** After timeIn read a line from its start: may a later piece of it hold its time (not when it carries on a record or starts with a clock)? */
  timeFurtherIn(): boolean {
    return this.x.timeFurtherIn() !== 0;
  }

  /** The file's JSON lines have a collector's head before their objects (Sniffed.headed): see objectAt. */
  jsonlHeaded(on: boolean): void {
    this.x.jsonlHeaded(on ? 1 : 0);
    this.x.jsonlAskReset();
  }

  /**
   * Where the JSON of the line at buf[ls] (before e) starts: past a collector's head, on a file whose lines
   * have one; and whether that head holds a time (headTimed).
   */
  objectAt(ls: number, e: number): number {
    const os = this.x.objectAt(this.base + ls, this.base + e) - this.base;
    this.headTimed = this.x.objectHeadTimed() !== 0;
    return os;
  }

  /** Set by objectAt: the line's JSON is behind a head that holds a time, which is the line's own (unless it holds --time-field's: see timeSlots). */
  headTimed = false;

  /**
   * A JSON line buf[ls, e) read here (numbered `line`) takes its place in a record (src/wasm/json-records.ts):
   * returns the number of the record's first line, or -1: a time is asked first (jsonlAsked). Lines in order;
   * jsonlPlaced before the bytes move.
   */
  jsonlPlace(ls: number, e: number, line: number): number {
    return this.x.jsonlPlace(this.base + ls, this.base + e, line);
  }

  /** Does the JSON line buf[ls, e) carry on the record before it, when written with it (src/wasm/json-records.ts)? */
  jsonlCarries(ls: number, e: number): boolean {
    return this.x.jsonlCarries(this.base + ls, this.base + e) !== 0;
  }

  /**
   * The times a JSON-lines scan asks of the caller (src/wasm/json-records.ts) before it goes on: the record's
   * first line's, at buf[head, headEnd) (`head` undefined: not asked), and the line's at `at` (`own`).
   */
  jsonlAsked(): { head?: [number, number]; own: boolean } {
    const a = this.x.jsonlAsked();
    return (a & 1) !== 0 ? { head: [this.x.jsonlHeadAt() - this.base, this.x.jsonlHeadEnd() - this.base], own: (a & 2) !== 0 } : { own: (a & 2) !== 0 };
  }

  /** What jsonlAsked asked: the record's first line's time, the time of the line at buf[at] (null: none). */
  jsonlGive(head: number | null, at: number, own: number | null): void {
    this.x.jsonlGive(head ?? NaN, this.base + at, own ?? NaN);
  }

  /** The lines read here end for now: their bytes move. */
  jsonlPlaced(): void {
    this.x.jsonlPlaced();
  }

  /** A JSON line too long to read, numbered `line`: a record of its own. */
  jsonlSkipped(line: number): void {
    this.x.jsonlSkipped(line);
  }

  /** The malformed JSON lines scanJsonl read as text since last asked (those no JSON value starts or ends like). */
  jsonlMalformed(): number {
    return this.x.jsonlMalformed();
  }

  /** Is buf[s, e) (buf from `room`) malformed JSON for certain, and no blank line (see notJson in src/wasm/json-text.ts)? */
  notJson(s: number, e: number): boolean {
    return this.x.notJson(this.base + s, this.base + e) !== 0;
  }

  /** The JSON lines that carried on a record since last asked, and those of them outside the window. */
  jsonJoined(): { joined: number; outside: number } {
    const joined = this.x.jsonJoined();
    return { joined, outside: this.x.jsonJoinedOutside() };
  }

  /** The line lineTime or timeIn last read from its start, ending at e, is a stack trace's line under a collector's time (see recordLine). */
  lineCarried(e: number): boolean {
    return this.x.lineCarried(this.base + e) !== 0;
  }

  /** Does the line buf[s, e) start with a time of day alone (then it starts a record: src/wasm/records.ts)? */
  clockFirst(s: number, e: number): boolean {
    return this.x.clockFirst(this.base + s, this.base + e) !== 0;
  }

  /** The time of day clockFirst read last, as ms since midnight. */
  clockOfDay(): number {
    return this.x.clockRead();
  }

  /** The offset glued to the time of day clockFirst read last (minutes), or the kernel's mark for none. */
  clockOffset(): number {
    return this.x.clockOffsetRead();
  }

  /**
   * A line that starts with a time of day alone (`ms` since midnight at `offset`: by default the one
   * clockFirst read last) and is the next to take its place in a record: its own time, on the date of the
   * time before it (null: none).
   */
  clockTime(ms = this.x.clockRead(), offset = this.x.clockOffsetRead()): number | null {
    const t = this.x.clockTime(ms, offset);
    return Number.isNaN(t) ? null : t;
  }

  /** The first own time of a plain-text line since textRecordsReset (null: none). */
  textFirstTime(): number | null {
    const t = this.x.textFirstTime();
    return Number.isNaN(t) ? null : t;
  }

  /** The last own time of a plain-text line since textRecordsReset, what the next line without one has (null: none). */
  textLastTime(): number | null {
    const t = this.x.textLastTime();
    return Number.isNaN(t) ? null : t;
  }

  /** The kernel's position values are absolute: this is what to subtract. */
  get offset(): number {
    return this.base;
  }

  /**
   * Accounts get dense ids, 0, 1, 2 … in the order they are first met, until `accountsReset`; an account
   * is known by its lower-cased bytes. The id of the account buf[s, e) (buf from `room`), or -1 when the
   * kernel holds all the accounts it may (reset first).
   */
  accountId(s: number, e: number): number {
    return this.x.accountId(this.base + s, this.base + e);
  }

  /** The id of an account given as a string (lower-cased, at most 254 characters), as `accountId`. */
  accountIdOf(account: string): number {
    const n = Buffer.from(this.x.memory.buffer, this.scratchAt, SCRATCH).write(account, 'utf8');
    return this.x.accountId(this.scratchAt, this.scratchAt + n);
  }

  /** Forgets every account id (a scanner starts, or has counted what the ids stood for). */
  accountsReset(): void {
    this.x.accountsReset();
  }

  /** Half the ids or the room for their accounts are used up: count what they stand for and reset. */
  accountsBusy(): boolean {
    return this.x.accountsBusy() !== 0;
  }

  /** How many ids are given out since the last reset. */
  accountCount(): number {
    return this.x.accountCount();
  }

  /** The rank of an id's account (see rank in src/summary/accounts.ts) without making its string; -1: rank the string. */
  accountRank(id: number): number {
    return this.x.accountRank(id);
  }

  /** The account an id stands for (lower-cased). */
  accountName(id: number): string {
    const at = (this.namesAt >> 2) + id * 2;
    return Buffer.from(this.x.memory.buffer, this.i32[at]!, this.i32[at + 1]!).toString('utf8');
  }

  /**
   * The accounts of ids 0 … n-1, as accountName gives them: their bytes are decoded in one call where they
   * are all ASCII (one character a byte), not a buffer and a string made per id.
   */
  accountNames(n: number): string[] {
    const i32 = this.i32;
    const at = this.namesAt >> 2;
    let from = Infinity;
    let to = 0;
    for (let k = at; k < at + 2 * n; k += 2) {
      from = Math.min(from, i32[k]!);
      to = Math.max(to, i32[k]! + i32[k + 1]!);
    }
    const names: string[] = [];
    if (n === 0) return names;
    const bytes = Buffer.from(this.x.memory.buffer, from, to - from);
    if (!isAscii(bytes)) {
      for (let id = 0; id < n; id++) names.push(this.accountName(id));
      return names;
    }
    const all = bytes.toString('latin1');
    for (let k = at; k < at + 2 * n; k += 2) names.push(all.slice(i32[k]! - from, i32[k]! - from + i32[k + 1]!));
    return names;
  }

  /** A buffer of n bytes in the kernel's memory; what the previous one held stays (memory grows in place). */
  room(n: number): Buffer {
    this.roomGiven = true;
    this.grow(this.base + n);
    return Buffer.from(this.x.memory.buffer, this.base, n);
  }

  /**
   * Counts the e-mail addresses of the lines of buf[s, e) (buf from `room`) as accounts seen (see takeSeen),
   * but those of lines longer than `longest`; `headCut`/`tailCut`: s/e is inside a line; `json`: whether the
   * text is JSON (an escape's letters before an address are not its: src/extract/local-part.ts pastEscape). The addresses
   * are kept for the lines with codes that scanText or scanJsonl read next in that range: call it after the
   * bytes are in place and before those scans.
   */
  seeEmails(s: number, e: number, longest = Infinity, headCut = false, tailCut = false, json: JsonText = JSON_NONE): void {
    // The flags as src/wasm/accounts.ts seeEmails reads them (SEE_JSON: 8, SEE_JSON_LINES: 16).
    const flags = (headCut ? 1 : 0) | (tailCut ? 2 : 0) | (json === JSON_ALL ? 8 : json === JSON_LINES ? 16 : 0);
    this.x.seeEmails(this.base + s, this.base + e, longest === Infinity ? -1 : Math.min(longest, 0x7fffffff), flags);
  }

  /** Adds the accounts seen since the last call into `seen` (none: only forgets them; a new file starts afresh). */
  takeSeen(seen?: AccountsSeen): void {
    const n = seen === undefined ? 0 : this.x.seenListed();
    if (n < 0) addRegisters(seen!, new Uint8Array(this.x.memory.buffer, this.x.seenRegisters(), 1 << SEEN_BITS));
    else for (const h of new Uint32Array(this.x.memory.buffer, this.x.seenList(), n)) addSeen(seen!, h);
    this.x.seenReset();
  }

  /** Reports the e-mail addresses in buf[s, e) (buf from `room`), in order. */
  emails(s: number, e: number, sink: EmailSink): void {
    const base = this.base;
    for (let from = base + s; ; ) {
      const n = this.x.emails(from, base + e);
      const i32 = this.i32;
      for (let k = 0, at = this.emailsAt >> 2; k < n; k++, at += EMAIL.words) sink.email(i32[at + EMAIL.start]! - base, i32[at + EMAIL.end]! - base, i32[at + EMAIL.id]!);
      if (n < MAX_EMAILS) return;
      from = i32[(this.emailsAt >> 2) + MAX_EMAILS * EMAIL.words]!;
    }
  }
}
