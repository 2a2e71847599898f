import { parse, type CsvError, type Info } from 'csv-parse';
import { Readable, pipeline } from 'node:stream';
import type { RawRecord } from '../extract/record.js';
import { headerIndex, rowFields } from './fields.js';

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
  let lastEnd = 0;
  let index: Map<string, number> | undefined;
  let width = 0;
  parser.on('skip', (err: CsvError & { raw?: string; lines?: number }) => {
    const raw = typeof err.raw === 'string' ? err.raw : '';
    const line = startLine(raw, lastEnd);
    lastEnd = typeof err.lines === 'number' ? err.lines : lastEnd + 1;
    const tooLong = err.code === 'CSV_MAX_RECORD_SIZE';
    skipped.push(tooLong ? { line, text: '', skipped: true } : { line, text: trimRaw(raw), malformed: true });
  });
  const rows = pipeline(Readable.from(source, { objectMode: false }), parser, () => {}) as AsyncIterable<Row>;
  for await (const row of rows) {
    yield* skipped.splice(0);
    const line = startLine(row.raw, lastEnd);
    lastEnd = row.info.lines;
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
}

/** The line a record starts on: after the previous record's last line and any empty lines. */
function startLine(raw: string, lastEnd: number): number {
  let empty = 0;
  for (let i = 0; i < raw.length && (raw[i] === '\n' || raw[i] === '\r'); i++) if (raw[i] === '\n') empty++;
  return lastEnd + empty + 1;
}

/** The record's own text: without the empty lines before it and its line end. */
function trimRaw(raw: string): string {
  return raw.replace(/^[\r\n]+/, '').replace(/\r?\n$/, '');
}
