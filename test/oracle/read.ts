import type { Delimiter, InputFormat, RawRecord } from '../../src/model/record.js';
import type { JsonShape } from '../../src/input/json-shape.js';
import { csvRecords } from './csv.js';
import { jsonArrayRecords } from './json-array.js';
import { jsonlRecords } from './jsonl.js';
import { readLines } from './lines.js';

/** Plain text: every line is a record (split2, the reference reader). */
export async function* textRecords(source: AsyncIterable<Buffer>, maxLength: number): AsyncGenerator<RawRecord> {
  for await (const l of readLines(source, maxLength)) yield l.skipped ? { line: l.line, text: '', skipped: true } : l;
}

/**
 * The record reader for a format (CSV with its delimiter; `shape`: where a wrapped JSON export may hold its
 * records, the fields given; `headed`: JSON lines behind a collector's head).
 */
export function recordReader(format: InputFormat, delimiter: Delimiter = ',', shape?: JsonShape, headed = false): (source: AsyncIterable<Buffer>, maxLength: number) => AsyncIterable<RawRecord> {
  switch (format) {
    case 'jsonl':
      return (source, maxLength) => jsonlRecords(source, maxLength, headed);
    case 'csv':
      return (source, maxLength) => csvRecords(source, maxLength, delimiter);
    case 'json':
    case 'yaml':
      return (source, maxLength) => jsonArrayRecords(source, maxLength, shape);
    default:
      return textRecords;
  }
}
