import type { FieldOptions } from '../model/settings.js';
import { CALLERS_HEADS, jsonRecord, MESSAGE_KEY, TIMED_JSON, TIMED_LONGEST } from '../input/fields.js';
import { CODE_SLOTS, NAMED_SLOTS, ScopeState, Type, fieldsOnFastPath, type LineFields } from './json-line.js';
import type { JsonKernel } from './kernel-json.js';
import { pathValue } from './json-path.js';
import { hash } from './word-table.js';

// How the JSON lines start that are looked into (see jsonRecord): Splunk's export, Docker's, stern's and logcli's lines.
const HEADS = CALLERS_HEADS.map((h) => Buffer.from(h, 'latin1'));

/**
 * Which records the byte scanners hand to JSON.parse because their fields are not all top-level names the
 * kernel watches: a dotted `--code-field`/`--time-field` (a path into nested objects, when the record does
 * not hold the dotted name itself), a name the kernel cannot watch, and the elements of JSON arrays and
 * wrapped exports whose scopes (see scopedFields) the kernel leaves to the caller (src/wasm/json-scopes.ts:
 * JSON in a string, a program's object…; a flat element's bytes are searched for a string that may hold
 * one, by the kernel: src/wasm/json-array.ts holdsScope). A record is parsed only when its bytes may hold what
 * is looked for; the others are read from what the kernel found.
 */
export class NestedFields {
  /** Every line is read by the scanner (the kernel's own JSON-lines scan watches top-level names only). */
  readonly here: boolean;
  /** Every object is parsed (a field name the kernel cannot watch). */
  private readonly all: boolean;
  /** The quoted last key of a dotted code / time field (absent: none), and the path's keys. */
  private readonly codeKey: Buffer | undefined;
  private readonly timeKey: Buffer | undefined;
  private readonly codePath: readonly Buffer[];
  private readonly timePath: readonly Buffer[];
  /** A record's time is one the kernel cannot find (a dotted time field, or one it cannot watch): objects are timed here. */
  readonly timesHere: boolean;

  constructor(
    private readonly opts: FieldOptions,
    /** The elements of JSON arrays and wrapped exports: fields are looked up in their scopes too. */
    private readonly scoped: boolean,
  ) {
    this.all = !fieldsOnFastPath(opts);
    this.codeKey = lastKey(opts.codeField);
    this.timeKey = lastKey(opts.timeField);
    this.codePath = pathKeys(opts.codeField);
    this.timePath = pathKeys(opts.timeField);
    this.timesHere = this.all || this.timeKey !== undefined;
    this.here = this.all || this.codeKey !== undefined || this.timeKey !== undefined;
  }

  /** The same, for records that are not looked into (JSON lines). */
  unscoped(): NestedFields {
    return new NestedFields(this.opts, false);
  }

  /** The field names the kernel watches (undefined: its own), none it cannot. */
  kernelField(name: string | undefined): string | undefined {
    return this.all ? undefined : name;
  }

  /**
   * True when the object buf[s, e), whose top-level watched fields the kernel noted, is to be parsed. A
   * dotted field the record does not hold as a key of its own is found from the bytes (pathValue) and
   * noted in the field's slot (the code fields' first, --time-field's own), as the kernel notes a watched one.
   * The kernel validated it (buf is its memory): what it learnt of the object's scopes decides (Unread: it
   * searches the bytes for one, an element's or, JSON lines being looked into as elements are when they hold
   * an object of LINE_SCOPES or a string that holds JSON, a line's: see jsonRecord); read, their fields are
   * the kernel's, but a dotted field's path is looked for in each scope in turn by the parse.
   */
  needsParse(buf: Buffer, s: number, e: number, fields: LineFields, kernel: JsonKernel): boolean {
    const scopes = kernel.scopeState();
    if (this.all || scopes === ScopeState.Caller) return true;
    if (scopes === ScopeState.Read && (this.codeKey !== undefined || this.timeKey !== undefined)) return true;
    if (this.codeKey !== undefined && !this.locate(buf, s, e, fields, CODE_SLOTS, this.codeKey, this.codePath)) return true;
    if (this.timeKey !== undefined && !this.locate(buf, s, e, fields, NAMED_SLOTS, this.timeKey, this.timePath)) return true;
    // A line of Splunk's export (its fields in its `result`), or of Docker's, stern's or logcli's whose string may hold JSON.
    if (!this.scoped && (timedMessageAt(buf, s, e) || HEADS.some((h) => e - s > h.length && buf.compare(h, 0, h.length, s, s + h.length) === 0))) return true;
    return scopes === ScopeState.Unread && kernel.scopeHeld(s, e, !this.scoped);
  }

  /** Notes a dotted field's value in slots[0] when the record holds the path; false when it is to be parsed. */
  private locate(buf: Buffer, s: number, e: number, fields: LineFields, slots: readonly number[], last: Buffer, path: readonly Buffer[]): boolean {
    // Its own key (the kernel watched it), or no such last key (a `\u` escape could spell one): no path.
    if (slots.some((k) => fields.type(k) !== Type.None) || (!holds(buf, s, e, last) && !holds(buf, s, e, ESCAPE))) return true;
    const v = pathValue(buf, s, e, path);
    if (v === undefined) return false;
    if (v === null) return true;
    const slot = slots[0]!;
    const c = buf[v.start];
    if (c === 0x22) {
      const vs = v.start + 1;
      const ve = v.end - 1;
      fields.set(slot, Type.String);
      fields.start[slot] = vs;
      fields.end[slot] = ve;
      fields.escaped[slot] = buf.subarray(vs, ve).indexOf(0x5c) === -1 ? 0 : 1;
      fields.hash[slot] = hash(buf, vs, ve);
    } else {
      const timed = c === 0x7b && slots === NAMED_SLOTS;
      fields.set(slot, c === 0x2d || (c! >= 0x30 && c! <= 0x39) ? Type.Number : timed ? Type.Object : Type.Other);
      fields.start[slot] = v.start;
      fields.end[slot] = v.end;
      fields.escaped[slot] = 0;
    }
    return true;
  }

  /** A record's fields, read as the byte scanner reads the records it parses. */
  record(text: string): ReturnType<typeof jsonRecord> {
    return jsonRecord(text, this.scoped);
  }
}

const ESCAPE = Buffer.from('\\u', 'latin1');

/** The keys of a dotted name, as bytes (none for a plain name). */
function pathKeys(name: string | undefined): readonly Buffer[] {
  return name === undefined || !name.includes('.') ? [] : name.split('.').map((k) => Buffer.from(k, 'utf8'));
}

/** `"last"` for a dotted name `a.b.last`; undefined for a plain name. */
function lastKey(name: string | undefined): Buffer | undefined {
  if (name === undefined || !name.includes('.')) return undefined;
  return Buffer.from(JSON.stringify(name.slice(name.lastIndexOf('.') + 1)), 'utf8');
}

// Searches look at the record's bytes only: past them the buffer may hold megabytes of other records.

/** buf[s, e) holds the bytes of key. */
function holds(buf: Buffer, s: number, e: number, key: Buffer): boolean {
  return buf.subarray(s, e).indexOf(key) !== -1;
}

/** A line of `stern -o json --timestamps` at buf[s, e): MESSAGE_KEY, then a collector's time, a blank and `{` (src/input/fields.ts timedMessageLine). */
function timedMessageAt(buf: Buffer, s: number, e: number): boolean {
  return e - s > MESSAGE_KEY_BYTES.length && buf[s + 2] === 0x6d && buf.compare(MESSAGE_KEY_BYTES, 0, MESSAGE_KEY_BYTES.length, s, s + MESSAGE_KEY_BYTES.length) === 0 && timedJson(buf, s + MESSAGE_KEY_BYTES.length, e);
}
const MESSAGE_KEY_BYTES = Buffer.from(MESSAGE_KEY, 'latin1');

/** A collector's time, a blank and a `{` at buf[i] (see TIMED_JSON): the string's JSON is after them. */
function timedJson(buf: Buffer, i: number, e: number): boolean {
  const c = buf[i]!;
  return c >= 0x30 && c <= 0x39 && TIMED_JSON.test(buf.toString('latin1', i, Math.min(e, i + TIMED_LONGEST)));
}

