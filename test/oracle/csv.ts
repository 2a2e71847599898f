import type { Delimiter, RawRecord } from '../../src/model/record.js';
import { CsvSplitter, type CsvSink } from '../../src/input/csv-split.js';
import { fieldValues } from '../../src/input/csv.js';
import { csvHeader, rowFields, type CsvHeader } from '../../src/input/fields.js';
import { guarded } from './lines.js';

/**
 * CSV (RFC 4180 with `delimiter` between fields, split by CsvSplitter — the same splitter as the fast path): the first record is the
 * header, unless it is a row (see csvHeader); a record's line is the physical line where it starts. A row with the wrong number of fields, or
 * a quote error, is malformed: its raw text is scanned as plain text. A record longer than `maxLength`
 * bytes (its line end not counted) is skipped whole and counted.
 */
export async function* csvRecords(source: AsyncIterable<Buffer>, maxLength: number, delimiter: Delimiter = ','): AsyncGenerator<RawRecord> {
  const split = new CsvSplitter(maxLength, undefined, delimiter);
  const out: RawRecord[] = [];
  let head: CsvHeader | undefined;
  const sink: CsvSink = {
    record(buf, s, e, line, bad) {
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
    skipped(line) {
      out.push({ line, text: '', skipped: true });
    },
  };
  const broke: { error?: unknown } = {};
  // Bytes of a record not finished yet; chunks without a line break are only gathered (no record ends there).
  let parts: Buffer[] = [];
  for await (const chunk of guarded(source, broke)) {
    parts.push(chunk);
    if (chunk.indexOf(0x0a) === -1) continue;
    const buf = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    parts = [buf.subarray(split.split(buf, 0, buf.length, false, sink))];
    yield* out.splice(0);
  }
  if (broke.error === undefined) {
    const buf = Buffer.concat(parts);
    split.split(buf, 0, buf.length, true, sink);
  }
  yield* out.splice(0);
  if (broke.error !== undefined) throw broke.error;
}
