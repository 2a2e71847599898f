import type { RawRecord } from '../../src/model/record.js';
import { jsonRecord } from '../../src/input/fields.js';
import { readLines } from './lines.js';

/**
 * JSON lines: every line is a record; one that is not valid JSON is malformed and scanned as text. Behind a
 * collector's head (`headed`), a line's JSON starts at its first `{`; its text is all of it.
 */
export async function* jsonlRecords(source: AsyncIterable<Buffer>, maxLength: number, headed = false): AsyncGenerator<RawRecord> {
  for await (const l of readLines(source, maxLength)) {
    if (l.skipped) yield { line: l.line, text: '', skipped: true };
    else if (l.text.trim() === '') yield { line: l.line, text: l.text };
    else {
      const o = headed ? l.text.indexOf('{') : -1;
      yield { line: l.line, text: l.text, ...jsonRecord(o > 0 ? l.text.slice(o) : l.text) };
    }
  }
}
