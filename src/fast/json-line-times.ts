import { recordTime, type FieldOptions, type RawRecord } from '../extract/record.js';
import { jsonLineRecord } from '../input/fields.js';
import { Kind, LineFields, NAMED_TIME_SLOT, Type } from './json-line.js';
import type { NestedFields } from './json-nested.js';
import { fieldsTime } from './json-values.js';
import type { Kernel } from './kernels.js';

/** A JSON line's own time, its record as JSON.parse reads it, and its place in a record, for the JSON-lines scanners (src/fast/jsonl-scan.ts). */
export class JsonLineTimes {
  private readonly probe = new LineFields();
  /** The line ownTime looked at last is malformed JSON. */
  malformed = false;

  constructor(
    private readonly kernel: Kernel,
    private readonly nested: NestedFields,
    private readonly opts: FieldOptions,
    /** The lines have a collector's head before their objects (Sniffed.headed). */
    private readonly headed: boolean,
  ) {}

  /** The line buf[ls, e) as JSON.parse reads it (numbered `line`); behind a collector's head, as jsonLineRecord reads it. */
  recordOf(buf: Buffer, ls: number, e: number, line: number): RawRecord {
    const text = buf.toString('utf8', ls, e);
    if (text.trim() === '') return { line, text };
    return this.headed ? jsonLineRecord(line, text, true) : { line, text, ...this.nested.record(text) };
  }

  /**
   * A validated line's own time, as recordTime has it: its time fields' (fieldsTime), else the first date-time
   * in its text (first behind a timed head, headTimed, unless it holds the field --time-field names).
   */
  timeOf(buf: Buffer, ls: number, e: number, kind: Kind, fields: LineFields): number | null {
    const t = kind === Kind.Object && (!this.kernel.headTimed || fields.type(NAMED_TIME_SLOT) !== Type.None) ? fieldsTime(buf, ls, e, fields, this.kernel, this.opts.times) : undefined;
    return t !== undefined ? t : this.kernel.time(ls, e);
  }

  /** The line (or element) buf[s, e), numbered `line` and read by the caller, takes its place in a record (src/wasm/json-records.ts): the number of the record's first line. */
  place(buf: Buffer, s: number, e: number, line: number): number {
    let record: number;
    while ((record = this.kernel.jsonlPlace(s, e, line)) === -1) this.answer(buf, s, e);
    return record;
  }

  /** The lines read end for now (their bytes move): the current record's first line's time is read (or asked) while they are there. */
  placed(buf: Buffer): void {
    this.kernel.jsonlPlaced();
    this.answer(buf, 0, 0);
  }

  /** Reads the times the kernel asks for before it goes on (src/wasm/json-records.ts: those only this side reads), the line's (or element's) at buf[at, end). */
  answer(buf: Buffer, at: number, end: number): void {
    const { head, own } = this.kernel.jsonlAsked();
    if (head === undefined && !own) return;
    const h = head === undefined ? null : this.ownTime(buf, head[0], head[1]);
    this.kernel.jsonlGive(h, at, own ? this.ownTime(buf, at, end) : null);
  }

  /** Any line's own time (for lines walked over to find an inherited time); notes whether it is malformed. */
  ownTime(buf: Buffer, ls: number, e: number): number | null {
    const probe = this.probe;
    const os = this.kernel.objectAt(ls, e);
    const kind = this.kernel.validate(os, e, probe);
    this.malformed = false;
    if (kind === Kind.Value || (kind === Kind.Object && !this.kernel.scopeNoted() && !this.nested.needsParse(buf, os, e, probe, this.kernel))) return this.timeOf(buf, ls, e, kind, probe);
    // A line no JSON value starts or ends like: malformed, its time a plain-text line's (as recordTime has it).
    if (kind === Kind.Unsure && !this.headed && this.kernel.notJson(ls, e)) {
      this.malformed = true;
      return this.kernel.lineTime(ls, e);
    }
    const rec = this.recordOf(buf, ls, e, 0);
    this.malformed = rec.malformed === true;
    return recordTime(rec, this.opts);
  }
}
