import type { RawRecord } from '../../src/model/record.js';
import { jsonLineRecord } from '../../src/input/fields.js';
import { readLines } from './lines.js';

/**
 * JSON lines: every line is a record; one that is not valid JSON is malformed and scanned as text. Behind a
 * collector's head (`headed`), a line's JSON starts right after its head (see jsonLineRecord); its text is
 * all of it.
 */
export async function* jsonlRecords(source: AsyncIterable<Buffer>, maxLength: number, headed = false): AsyncGenerator<RawRecord> {
  for await (const l of readLines(source, maxLength)) {
    if (l.skipped) yield { line: l.line, text: '', skipped: true };
    else if (l.text.trim() === '') yield { line: l.line, text: l.text };
    else yield jsonLineRecord(l.line, l.text, headed);
  }
}
