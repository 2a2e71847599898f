import type { FieldOptions } from '../extract/record.js';
import { fileHeader } from '../input/csv-header.js';
import { HOLD_BYTES } from '../input/detect.js';
import type { Input } from '../input/open.js';
import type { Delimiter, InputFormat } from '../model/record.js';
import type { FileSettings } from '../model/settings.js';
import type { FileStat } from '../model/stats.js';
import type { Tally } from '../model/tally.js';
import { readAt } from '../input/read-at.js';
import type { ChunkBuffer } from './chunk-buffer.js';
import { CsvFastScan } from './csv-scan.js';
import { JsonArrayFastScan } from './json-array-scan.js';
import { JsonlFastScan } from './jsonl-scan.js';
import { TextFastScan } from './text-scan.js';
import { timeBefore } from './time-before.js';

// Which byte-level scanner reads an input (or a byte range of one), and with which settings.

/**
 * The byte-level scanner for a format, when one applies: plain text, JSON lines, CSV and JSON arrays, with
 * any catalog, with or without a window, with any code and time fields. It gives the same tally as the
 * record-by-record oracle the tests hold (test/oracle/).
 */
export async function fastPath(input: Input, format: InputFormat, s: FileSettings, tally: Tally, stat: FileStat, fields: FieldOptions, delimiter: Delimiter, headed: boolean): Promise<ChunkBuffer> {
  const start = input.range?.start ?? 0;
  if (format === 'csv') {
    const csv = new CsvFastScan(tally, stat, s.matcher, fields, s.maxLineLength, s.redact, s.window, delimiter, start > 0);
    // A later range of the file is read by the columns of the file's header (the plan found it in its head).
    if (start > 0) csv.useHeader(fileHeader(readAt(input.file!, 0, HOLD_BYTES + 1), delimiter, s.maxLineLength)!);
    return csv;
  }
  // A later range of a JSON array starts between two elements; one of YAML at a document, a JSON array of its own.
  if (format === 'json' || format === 'yaml') return new JsonArrayFastScan(tally, stat, s.matcher, s.maxLineLength, s.redact, s.window, fields, start === 0 ? 'file' : format === 'json' ? 'element' : 'document');
  // With a window, a range's first lines need the time they take from the part of the file before it.
  const before = s.window !== null && start > 0 && input.file !== undefined ? await timeBefore(input.file, start, format === 'jsonl', s.maxLineLength, fields) : null;
  if (format === 'text') return new TextFastScan(tally, stat, s.matcher, start > 0, s.redact, s.window, before, fields.times);
  return new JsonlFastScan(tally, stat, s.matcher, s.maxLineLength, start > 0, s.redact, s.window, before, fields, false, headed);
}

/**
 * True when a byte-level scanner reads this format with these settings (a plain-text or JSON-lines file may
 * then be split into byte ranges: with a window, each range first finds the time its first lines take from
 * the part before it).
 */
export function fastPathApplies(format: InputFormat, _s: FileSettings): boolean {
  // Any catalog: a general pattern when codes are not `_` words (see GeneralCodes).
  if (format === 'text') return true;
  // CSV is read whole (never split), with or without a window, with any catalog (a general pattern when codes
  // are not `_` words), with any code or time column; a JSON array is split only as src/parallel/plan.ts says.
  if (format === 'csv') return true;
  // JSON arrays, wrapped exports and JSON lines with any code and time fields (see NestedFields).
  return format === 'json' || format === 'jsonl' || format === 'yaml';
}

