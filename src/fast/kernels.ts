import { readFileSync } from 'node:fs';
import { Kind, LineFields, type Type } from './json-line.js';

// The kernels are built from src/wasm/kernels.ts into dist/wasm/ (tests that run the sources use the build).
const WASM = import.meta.url.endsWith('.ts')
  ? new URL('../../dist/wasm/kernels.wasm', import.meta.url)
  : new URL('../wasm/kernels.wasm', import.meta.url);

let compiled: WebAssembly.Module | undefined;

interface Exports {
  readonly memory: WebAssembly.Memory;
  heapBase(): number;
  fields(): number;
  validate(s: number, e: number): number;
  emails(s: number, e: number): number;
  emailsOut(): number;
  accountBytes(): number;
  setAccounts(at: number): void;
  accountId(s: number, e: number): number;
  accountsReset(): void;
  accountsBusy(): number;
  accountCount(): number;
  accountNamesAt(): number;
  scanJsonl(s: number, e: number, longest: number, lineBase: number): number;
  setCatalog(table: number, mask: number, lengths: number, longest: number): void;
  codeHash(s: number, e: number): number;
  scanText(s: number, e: number, lineBase: number): number;
  textOut(): number;
  countBytes(codes: number): number;
  setCounts(at: number, codes: number): void;
  countsReset(): void;
  setSteady(idx: number): void;
  countedOut(): number;
  bucketsOut(): number;
  bucketsWaiting(): number;
  bucketsTaken(): void;
  countsEnd(): void;
  accountCountsAt(): number;
  timeOf(s: number, e: number): number;
}

/** Words of scanText's output (as the kernel has it): its lines-read count and resume position follow. */
const TEXT_OUT_WORDS = 1 << 18;

/**
 * Receives each line with findings from scanText: its start and end (at its `\n` or the end, offsets in the
 * buffer), the lines before it since the start of the call, and where its findings are in `words`: nCodes
 * pairs (catalog index, absolute position) from `at`, then nUnknown pairs (absolute start, end).
 */
/**
 * A line scanText reports: its findings from words[at] on, then its nIds account ids (-1: the kernel could
 * not tell them: find them here), and its own time (NaN none, Infinity: only the caller can tell).
 */
export type TextSink = (ls: number, le: number, index: number, words: Int32Array, nCodes: number, nUnknown: number, at: number, nIds: number, time: number) => void;

/** How scanJsonl reports a line (as the kernel has it). */
export const enum JsonlKind {
  /** The caller reads the line itself: too long, or something the kernel could not be sure of. */
  Caller = 0,
  /** The code field's value: one code (catalog index, position) or one unknown value (start, end). */
  Field = 1,
  /** No code field: the line's `_` words, as in plain text. */
  Text = 2,
}

/**
 * Receives each line scanJsonl reports: its start and end (offsets in the buffer, the end at its `\n`),
 * its index among the lines of the call, its kind, its own time (NaN: none), and from `at` in `words`:
 * nCodes pairs (catalog index, absolute position), nUnknown pairs (absolute start, end), nIds account ids.
 */
export type JsonlSink = (ls: number, le: number, index: number, kind: JsonlKind, time: number, words: Int32Array, at: number, nCodes: number, nUnknown: number, nIds: number) => void;

/** Room for this many addresses per `emails` call (as the kernel has it). */
const MAX_EMAILS = 1024;

/** Receives the e-mail addresses the kernel finds: offsets in the buffer and the account's id (see accountId). */
export interface EmailSink {
  email(s: number, e: number, id: number): void;
}

/** Longest account in bytes that `accountIdOf` takes (accounts are at most 254 characters). */
const SCRATCH = 1024;

const PAGE = 65536;
const SLOTS = 13;

/**
 * One instance of the byte kernels with its own memory: a scanner's buffer lives in that memory (from
 * `base` on), so the kernels read it where it is, without a copy.
 */
export class Kernel {
  private readonly x: Exports;
  /** Where the scanner's buffer starts (after what `place` put before it). */
  private base: number;
  private roomGiven = false;
  /** The catalog it was made for (see acquireKernel). */
  key = '';
  private readonly textAt: number;
  private readonly fieldsAt: number;
  private readonly emailsAt: number;
  private readonly scratchAt: number;
  private readonly namesAt: number;
  private u8: Uint8Array;
  private i32: Int32Array;
  /** Catalog codes the kernel counts itself (see setSteady); 0 when it counts none. */
  private counting = 0;

  constructor() {
    compiled ??= new WebAssembly.Module(readFileSync(WASM));
    this.x = new WebAssembly.Instance(compiled, {}).exports as unknown as Exports;
    this.base = this.x.heapBase();
    this.fieldsAt = this.x.fields();
    this.emailsAt = this.x.emailsOut();
    this.textAt = this.x.textOut();
    this.u8 = new Uint8Array(this.x.memory.buffer);
    this.i32 = new Int32Array(this.x.memory.buffer);
    this.x.setAccounts(this.reserve(this.x.accountBytes()));
    this.namesAt = this.x.accountNamesAt();
    this.scratchAt = this.reserve(SCRATCH);
  }

  /** Sets aside n zeroed bytes for good (before any `room`), returning their absolute offset. */
  private reserve(n: number): number {
    if (this.roomGiven) throw new Error('the kernel has handed out its room already');
    const at = this.base;
    this.base = (this.base + n + 15) & ~15;
    this.grow(this.base);
    return at;
  }

  /** Puts bytes in the kernel's memory for good (before any `room`), returning their absolute offset. */
  private place(bytes: Uint8Array): number {
    const at = this.reserve(bytes.length);
    this.u8.set(bytes, at);
    return at;
  }

  private grow(upTo: number): void {
    const need = upTo - this.x.memory.buffer.byteLength;
    if (need > 0) {
      this.x.memory.grow(Math.ceil(need / PAGE));
      this.u8 = new Uint8Array(this.x.memory.buffer);
      this.i32 = new Int32Array(this.x.memory.buffer);
    }
  }

  /**
   * Gives the kernel the catalog (codes that are `_` words): an open-addressing table keyed by the hash of
   * the lower-cased code, as WordTable has it.
   */
  setCatalog(codes: readonly string[]): void {
    let size = 16;
    while (size < codes.length * 4) size *= 2;
    const keys = codes.map((c) => Buffer.from(c.toLowerCase(), 'latin1'));
    const longest = keys.reduce((m, k) => Math.max(m, k.length), 0);
    const arena = this.place(Buffer.concat([...keys, Buffer.alloc(1)]));
    const lengths = new Uint8Array(longest + 1);
    for (const k of keys) lengths[k.length] = 1;
    const lengthsAt = this.place(lengths);
    const table = new Int32Array(size * 4);
    for (let i = 0; i < size; i++) table[i * 4 + 1] = -1;
    let offset = arena;
    keys.forEach((key, idx) => {
      const h = this.x.codeHash(offset, offset + key.length);
      let slot = (h >>> 0) & (size - 1);
      while (table[slot * 4 + 1] !== -1) slot = (slot + 1) & (size - 1);
      table[slot * 4] = h | 0;
      table[slot * 4 + 1] = idx;
      table[slot * 4 + 2] = offset;
      table[slot * 4 + 3] = key.length;
      offset += key.length;
    });
    const tableAt = this.place(new Uint8Array(table.buffer));
    this.x.setCatalog(tableAt, size - 1, lengthsAt, longest);
    const counts = this.x.countBytes(codes.length);
    if (counts > 0) {
      this.x.setCounts(this.reserve(counts), codes.length);
      this.counting = codes.length;
    }
  }

  /** A new file: nothing is counted in the kernel and no code is steady. */
  countsReset(): void {
    this.x.countsReset();
  }

  /**
   * From now on scanText and scanJsonl count the lines of code idx themselves, when they hold only steady
   * codes, no unknown value, their own time and accounts that all have ids: they are not reported, their counts are read back
   * with takeBuckets, counted and accountCounts. Only for a code that needs no more evidence.
   */
  setSteady(idx: number): void {
    this.x.setSteady(idx);
  }

  /** Hands over the minutes the kernel finished counting: code idx had n occurrences in that minute (epoch minutes). */
  takeBuckets(sink: (idx: number, minute: number, n: number) => void): void {
    const n = this.x.bucketsWaiting();
    if (n === 0) return;
    const at = this.x.bucketsOut();
    const i32 = this.i32;
    const f64 = new Float64Array(this.x.memory.buffer);
    for (let k = 0; k < n; k++) {
      const b = at + k * 24;
      sink(i32[b >> 2]!, f64[(b + 8) >> 3]!, f64[(b + 16) >> 3]!);
    }
    this.x.bucketsTaken();
  }

  /** The file ends: every minute still open is finished (take them with takeBuckets). */
  countsEnd(): void {
    this.x.countsEnd();
  }

  /** What the kernel counted of code idx in this file: occurrences, the earliest time and its line, the latest time. */
  counted(idx: number): { count: number; earliest: number; line: number; latest: number } {
    if (idx >= this.counting) return { count: 0, earliest: Infinity, line: 0, latest: -Infinity };
    const f64 = new Float64Array(this.x.memory.buffer, this.x.countedOut() + idx * 64, 8);
    return { count: f64[1]!, earliest: f64[2]!, line: f64[3]!, latest: f64[4]! };
  }

  /**
   * Per account id and catalog index (id * codes + idx), the occurrences the kernel counted since the ids
   * last started over; undefined when it counts none. A view: read it before the memory grows.
   */
  accountCounts(): { counts: Uint32Array; codes: number } | undefined {
    if (this.counting === 0) return undefined;
    const ids = this.x.accountCount();
    return { counts: new Uint32Array(this.x.memory.buffer, this.x.accountCountsAt(), ids * this.counting), codes: this.counting };
  }

  /**
   * Scans the lines of buf[s, e) for catalog codes and unknown-code values (after setCatalog), reporting
   * each line with findings that it does not count itself (see setSteady; the first line is number
   * lineBase); returns how many lines it read and where to go on from (before e only when its output filled
   * up).
   */
  scanText(s: number, e: number, lineBase: number, sink: TextSink): { lines: number; next: number } {
    const base = this.base;
    const words = this.x.scanText(base + s, base + e, lineBase);
    const i32 = this.i32;
    const f64 = new Float64Array(this.x.memory.buffer);
    const out = this.textAt >> 2;
    for (let w = out; w < out + words; ) {
      const nCodes = i32[w + 3]!;
      const nUnknown = i32[w + 4]!;
      const nIds = i32[w + 5]!;
      sink(i32[w]! - base, i32[w + 1]! - base, i32[w + 2]!, i32, nCodes, nUnknown, w + 8, nIds, f64[(w + 6) >> 1]!);
      w += 8 + 2 * (nCodes + nUnknown) + ((Math.max(nIds, 0) + 1) & ~1);
    }
    return { lines: i32[out + TEXT_OUT_WORDS]!, next: (i32[out + TEXT_OUT_WORDS + 1]! >>> 0) - base };
  }

  /**
   * Scans the JSON lines of buf[s, e) (buf from `room`; e ends a line, or the text): lines longer than
   * `longest` and every line the kernel cannot be sure of come back as JsonlKind.Caller; lines with findings
   * with what they hold, but for those it counts itself (see setSteady; the first line is number lineBase).
   * Returns how many lines it read and where to go on from (before e only when its output filled up).
   */
  scanJsonl(s: number, e: number, longest: number, lineBase: number, sink: JsonlSink): { lines: number; next: number } {
    const base = this.base;
    const words = this.x.scanJsonl(base + s, base + e, Math.min(longest, 0x7fffffff), lineBase);
    const i32 = this.i32;
    const f64 = new Float64Array(this.x.memory.buffer);
    const out = this.textAt >> 2;
    for (let w = out; w < out + words; ) {
      const nCodes = i32[w + 4]!;
      const nUnknown = i32[w + 5]!;
      const nIds = i32[w + 6]!;
      sink(i32[w]! - base, i32[w + 1]! - base, i32[w + 2]!, i32[w + 3]! as JsonlKind, f64[(w + 8) >> 1]!, i32, w + 10, nCodes, nUnknown, nIds);
      w += 10 + 2 * (nCodes + nUnknown) + ((nIds + 1) & ~1);
    }
    return { lines: i32[out + TEXT_OUT_WORDS]!, next: (i32[out + TEXT_OUT_WORDS + 1]! >>> 0) - base };
  }

  /**
   * The first ISO-8601 date-time in buf[s, e) (buf from `room`), as findTimestampIn gives it: epoch ms,
   * null for none, undefined when only the full pattern can tell.
   */
  time(s: number, e: number): number | null | undefined {
    const t = this.x.timeOf(this.base + s, this.base + e);
    return t === Infinity ? undefined : Number.isNaN(t) ? null : t;
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

  /** The account an id stands for (lower-cased). */
  accountName(id: number): string {
    const at = (this.namesAt >> 2) + id * 2;
    return Buffer.from(this.x.memory.buffer, this.i32[at]!, this.i32[at + 1]!).toString('utf8');
  }

  /** A buffer of n bytes in the kernel's memory; what the previous one held stays (memory grows in place). */
  room(n: number): Buffer {
    this.roomGiven = true;
    this.grow(this.base + n);
    return Buffer.from(this.x.memory.buffer, this.base, n);
  }

  /**
   * Validates buf[s, e) (buf from `room`) as one JSON text and puts the watched top-level fields into
   * `fields` (offsets in buf). Never valid where JSON.parse would throw: anything doubtful is Unsure.
   */
  validate(s: number, e: number, fields: LineFields): Kind {
    const kind = this.x.validate(this.base + s, this.base + e) as Kind;
    fields.next();
    if (kind !== Kind.Object) return kind;
    const u8 = this.u8;
    const i32 = this.i32;
    let present = i32[(this.fieldsAt + SLOTS * 16) >> 2]!;
    while (present !== 0) {
      const slot = 31 - Math.clz32(present & -present);
      present &= present - 1;
      const at = this.fieldsAt + slot * 16;
      fields.set(slot, u8[at]! as Type);
      fields.escaped[slot] = u8[at + 1]!;
      fields.start[slot] = i32[(at + 4) >> 2]! - this.base;
      fields.end[slot] = i32[(at + 8) >> 2]! - this.base;
      fields.hash[slot] = i32[(at + 12) >> 2]! >>> 0;
    }
    return kind;
  }

  /** Reports the e-mail addresses in buf[s, e) (buf from `room`), in order. */
  emails(s: number, e: number, sink: EmailSink): void {
    const base = this.base;
    for (let from = base + s; ; ) {
      const n = this.x.emails(from, base + e);
      const i32 = this.i32;
      for (let k = 0, at = this.emailsAt >> 2; k < n; k++, at += 4) sink.email(i32[at]! - base, i32[at + 1]! - base, i32[at + 2]!);
      if (n < MAX_EMAILS) return;
      from = i32[(this.emailsAt >> 2) + MAX_EMAILS * 4]!;
    }
  }
}

// Kernels are kept for the next file: making one (an instance, its memory, the catalog table) is not free.
const free = new Map<string, Kernel[]>();

/** A kernel with the given catalog set (none: no codes), from those released before when there is one. */
export function acquireKernel(codes?: readonly string[]): Kernel {
  const key = codes === undefined ? '' : keyOf(codes);
  const k = free.get(key)?.pop();
  if (k !== undefined) return k;
  const kernel = new Kernel();
  if (codes !== undefined) kernel.setCatalog(codes);
  kernel.key = key;
  return kernel;
}

// A scan passes the same codes for every file (see kernelCodesOf): their key is made once, not per file.
const keys = new WeakMap<readonly string[], string>();
function keyOf(codes: readonly string[]): string {
  let key = keys.get(codes);
  if (key === undefined) keys.set(codes, (key = codes.join('\n')));
  return key;
}

/** Gives a kernel back when its scanner is done with it. */
export function releaseKernel(kernel: Kernel): void {
  const list = free.get(kernel.key) ?? [];
  // A few are plenty: files are scanned one after the other in a thread.
  if (list.length < 2) list.push(kernel);
  free.set(kernel.key, list);
}

let shared: Kernel | undefined;

/** The first date-time in bytes not in a kernel's memory (copied in first): for tests. */
export function timeOfBytes(bytes: Uint8Array): number | null | undefined {
  shared ??= new Kernel();
  const buf = shared.room(Math.max(bytes.length, 1));
  buf.set(bytes);
  return shared.time(0, bytes.length);
}

/** Validates bytes that are not in a kernel's memory (they are copied in first): for tests and tools. */
export function validateBytes(bytes: Uint8Array, fields: LineFields): Kind {
  shared ??= new Kernel();
  const buf = shared.room(Math.max(bytes.length, 1));
  buf.set(bytes);
  return shared.validate(0, bytes.length, fields);
}
