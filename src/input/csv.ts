import type { CsvError, Info } from 'csv-parse';
import type { RawRecord } from '../model/record.js';
import { headerIndex, rowFields } from './fields.js';
import { LineGuard, guarded } from './lines.js';

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
  // Rows and the records the parser gives up on ('skip' events) are taken as the parser meets them, in
  // order: rows through on_record (which keeps them out of the stream), skips through their event.
  const out: RawRecord[] = [];
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
  // Loaded with the first CSV input: scans without one go without it.
  const { parse } = await import('csv-parse');
  const parser = parse({
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    info: true,
    raw: true,
    // Lines longer than the limit never reach the parser (the guard below); this only stops a record that
    // grows without end over many lines (an unclosed quote), which the parser cannot read on from.
    max_record_size: Math.max(4 * maxLength, 64 * 1024 * 1024),
    on_record: (row: unknown) => {
      const { record, raw } = row as Row;
      const line = place(raw);
      // A blank line written `\r\n` in a file of `\n` lines: the parser gives it as one field, "\r".
      if (record.length === 1 && (record[0] === '' || record[0] === '\r') && trimRaw(raw) === '') return null;
      if (index === undefined) {
        index = headerIndex(record);
        width = record.length;
      } else {
        const text = trimRaw(raw);
        out.push(record.length !== width ? { line, text, malformed: true } : { line, text, fields: rowFields(index, record) });
      }
      return null;
    },
  });
  let failure: unknown;
  parser.on('skip', (err: CsvError & { raw?: string }) => {
    if (err.code === 'CSV_MAX_RECORD_SIZE') {
      failure ??= new Error(`a CSV record grows past ${Math.max(4 * maxLength, 64 * 1024 * 1024)} bytes (an unclosed quote?): the rest of the file was not read`);
      return;
    }
    const raw = typeof err.raw === 'string' ? err.raw : '';
    out.push({ line: place(raw), text: trimRaw(raw), malformed: true });
  });
  parser.on('error', (err) => (failure ??= err));
  const ended = new Promise<void>((resolve) => parser.on('end', resolve).on('error', () => resolve()));
  parser.resume();
  const broke: { error?: unknown } = {};
  // Over-long lines are dropped before the parser sees them, and counted as skipped records.
  const guard = new LineGuard(maxLength);
  const drain = (): RawRecord[] => {
    for (const line of guard.skipped.splice(0)) out.push({ line, text: '', skipped: true });
    return out.splice(0).sort((a, b) => a.line - b.line);
  };
  for await (const chunk of guarded(source, broke)) {
    for (const part of guard.feed(chunk)) {
      if (!parser.write(part)) await new Promise((resolve) => parser.once('drain', resolve));
    }
    yield* drain();
    if (failure !== undefined) break;
  }
  for (const part of guard.end(broke.error !== undefined)) parser.write(part);
  parser.end();
  await ended;
  yield* drain();
  if (failure !== undefined) throw failure;
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
