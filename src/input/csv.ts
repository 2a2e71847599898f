import { parse, type CsvError, type Info } from 'csv-parse';
import { Readable, pipeline } from 'node:stream';
import type { RawRecord } from '../extract/record.js';
import { headerIndex, rowFields } from './fields.js';
import { guarded } from './lines.js';

interface Row {
  record: string[];
  raw: string;
  info: Info;
}

/**
 * CSV (RFC 4180, with csv-parse): the first record is the header; a record's line is the physical line
 * where it starts. A row with the wrong number of fields, or an unclosed quote, is malformed: its raw text
 * is scanned as plain text.
 */
export async function* csvRecords(source: AsyncIterable<Buffer>, maxLength: number): AsyncGenerator<RawRecord> {
  const parser = parse({
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    info: true,
    raw: true,
    max_record_size: maxLength,
  });
  // Records the parser gave up on arrive as 'skip' events; queue them in order with the rows.
  const skipped: RawRecord[] = [];
  // Line numbers are counted from the raw text: csv-parse's own count takes a quoted CRLF as two lines.
  let next = 1;
  const place = (raw: string): number => {
    const lead = /^[\r\n]*/.exec(raw)![0];
    const line = next + count(lead);
    next = line + count(raw.slice(lead.length));
    return line;
  };
  let index: Map<string, number> | undefined;
  let width = 0;
  parser.on('skip', (err: CsvError & { raw?: string }) => {
    const raw = typeof err.raw === 'string' ? err.raw : '';
    const line = place(raw);
    const tooLong = err.code === 'CSV_MAX_RECORD_SIZE';
    skipped.push(tooLong ? { line, text: '', skipped: true } : { line, text: trimRaw(raw), malformed: true });
  });
  const broke: { error?: unknown } = {};
  const rows = pipeline(Readable.from(guarded(source, broke), { objectMode: false }), parser, () => {}) as AsyncIterable<Row>;
  for await (const row of rows) {
    yield* skipped.splice(0);
    const line = place(row.raw);
    if (index === undefined) {
      index = headerIndex(row.record);
      width = row.record.length;
      continue;
    }
    const text = trimRaw(row.raw);
    if (row.record.length !== width) yield { line, text, malformed: true };
    else yield { line, text, fields: rowFields(index, row.record) };
  }
  yield* skipped.splice(0);
  if (broke.error !== undefined) throw broke.error;
}

/**
 * Line breaks in a record's raw text. csv-parse leaves the `\n` of a CRLF record end out of the raw text
 * (and writes a CRLF empty line as `\r`), so `\r\n`, `\r` and `\n` each count as one.
 */
function count(s: string): number {
  let n = 0;
  for (const _ of s.matchAll(/\r\n|\r|\n/g)) n++;
  return n;
}

/** The record's own text: without the empty lines before it and its line end. */
function trimRaw(raw: string): string {
  return raw.replace(/^[\r\n]+/, '').replace(/(?:\r\n|\n|\r)$/, '');
}
