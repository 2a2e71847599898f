import type { Delimiter, InputFormat, RawRecord } from '../model/record.js';
import { CsvSplitter } from './csv-split.js';
import { fieldValues } from './csv.js';
import { csvHeader, jsonLineRecord, jsonRecord, rowFields, type CsvHeader } from './fields.js';
import { JsonElements } from './json-split.js';
import type { JsonShape } from './json-shape.js';

const NL = 0x0a;
const CR = 0x0d;
/** Bytes cut at a time (see firstRecords). */
const SLICE = 64 * 1024;

/** Cuts the records that end in buf into `out`; returns where the first unfinished one starts. `last`: buf ends the input. */
interface Cutter {
  cut(buf: Buffer, last: boolean, out: RawRecord[]): number;
}

/**
 * An input's records, cut by the splitters the engine uses (lines; CsvSplitter; JsonElements, for arrays and
 * wrapped exports), for a second look at an input's first records after a scan (commands/input-notes.ts):
 * what fields they hold, what a time looked like. A record longer than `maxLength` bytes is skipped as it
 * streams; a read error ends the records read before it, then is raised.
 */
export async function* firstRecords(
  format: InputFormat,
  source: AsyncIterable<Buffer>,
  maxLength: number,
  delimiter: Delimiter = ',',
  shape?: JsonShape,
  /** JSON lines behind a collector's head (Sniffed.headed). */
  headed = false,
): AsyncGenerator<RawRecord> {
  let cutter: Cutter = format === 'csv' ? csvCutter(maxLength, delimiter) : format === 'json' || format === 'yaml' ? new ElementCutter(maxLength, shape) : new LineCutter(maxLength, format === 'jsonl', headed);
  const out: RawRecord[] = [];
  const cut = (buf: Buffer, last: boolean): number => {
    const used = cutter.cut(buf, last, out);
    if (last || !(cutter instanceof ElementCutter && cutter.split.notArray)) return used;
    // Not an array after all: the whole input, from its first byte, is read as JSON lines (as the fast path
    // does, and only before the input's end: what is left undecided there holds no records).
    cutter = new LineCutter(maxLength, true);
    return cutter.cut(buf, last, out);
  };
  // Bytes of a record not finished yet: chunks without a line break are only gathered (no line or CSV record
  // ends there), up to the limit, so a long line is not copied again with every chunk.
  let parts: Buffer[] = [];
  let held = 0;
  for await (const whole of source) {
    // A large chunk (what a stream's scan kept of its first MiB, YAML's JSON a MiB at a time) is cut a slice
    // at a time: a look at the first records cuts (and parses) those, not every record in the chunk.
    for (let at = 0; at < whole.length; at += SLICE) {
      const chunk = whole.length <= SLICE ? whole : whole.subarray(at, at + SLICE);
      parts.push(chunk);
      held += chunk.length;
      if (format !== 'json' && format !== 'yaml' && held <= maxLength && chunk.indexOf(NL) === -1) continue;
      const buf = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
      const rest = buf.subarray(cut(buf, false));
      parts = rest.length === 0 ? [] : [rest];
      held = rest.length;
      yield* out.splice(0);
    }
  }
  cut(Buffer.concat(parts), true);
  yield* out.splice(0);
}

/** Plain text and JSON lines: a record per line (its `\n`, and one `\r` before it, taken off; the last line's last `\r` too). */
class LineCutter implements Cutter {
  private line = 1;
  /** In a line longer than the limit: its bytes are dropped until its end. */
  private dropping = false;
  constructor(
    private readonly max: number,
    private readonly json: boolean,
    private readonly headed = false,
  ) {}

  cut(buf: Buffer, last: boolean, out: RawRecord[]): number {
    let p = 0;
    for (let nl = buf.indexOf(NL); nl !== -1; nl = buf.indexOf(NL, p)) {
      if (this.dropping || nl - p > this.max) out.push({ line: this.line, text: '', skipped: true });
      else out.push(this.record(buf.toString('utf8', p, nl > p && buf[nl - 1] === CR ? nl - 1 : nl)));
      this.dropping = false;
      this.line++;
      p = nl + 1;
    }
    // The line that goes on: held until its end, or dropped once it is too long.
    if (!this.dropping && buf.length - p > this.max) this.dropping = true;
    if (!last) return this.dropping ? buf.length : p;
    if (this.dropping) out.push({ line: this.line, text: '', skipped: true });
    else if (p < buf.length) out.push(this.record(buf.toString('utf8', p, buf[buf.length - 1] === CR ? buf.length - 1 : buf.length)));
    return buf.length;
  }

  private record(text: string): RawRecord {
    if (!this.json || text.trim() === '') return { line: this.line, text };
    return jsonLineRecord(this.line, text, this.headed);
  }
}

/** CSV: the first record is the header (unless it is a row: see csvHeader); a row of the wrong width, or a quote error, is malformed. */
function csvCutter(maxLength: number, delimiter: Delimiter): Cutter {
  const split = new CsvSplitter(maxLength, undefined, delimiter);
  let head: CsvHeader | undefined;
  let out: RawRecord[] = [];
  const sink = {
    record(buf: Buffer, s: number, e: number, line: number, bad: boolean): void {
      const text = buf.toString('utf8', s, e);
      if (bad) {
        out.push({ line, text, malformed: true });
        return;
      }
      const values = fieldValues(buf, split);
      if (head === undefined) {
        head = csvHeader(values, text);
        if (head === undefined || !head.row) return;
      }
      out.push(values.length !== head.width ? { line, text, malformed: true, values } : { line, text, values, fields: rowFields(head.index, values, head.names) });
    },
    skipped(line: number): void {
      out.push({ line, text: '', skipped: true });
    },
  };
  return {
    cut(buf, last, into) {
      out = into;
      return split.split(buf, 0, buf.length, last, sink);
    },
  };
}

/** JSON arrays and wrapped exports: an element per record, looked into as an export's (scopedFields). */
class ElementCutter implements Cutter {
  readonly split: JsonElements;
  private out: RawRecord[] = [];
  private readonly sink = {
    element: (buf: Buffer, s: number, e: number, line: number): void => {
      const text = buf.toString('utf8', s, e);
      this.out.push({ line, text, ...jsonRecord(text, true) });
    },
    skipped: (line: number): void => {
      this.out.push({ line, text: '', skipped: true });
    },
  };
  constructor(maxLength: number, shape?: JsonShape) {
    this.split = new JsonElements(maxLength, undefined, shape);
  }

  cut(buf: Buffer, last: boolean, out: RawRecord[]): number {
    this.out = out;
    return this.split.split(buf, 0, buf.length, last, this.sink);
  }
}
