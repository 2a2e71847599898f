import type { RawRecord } from '../model/record.js';
import { jsonRecord } from './fields.js';
import { jsonlRecords } from './jsonl.js';

const enum S {
  /** Before the opening `[`. */
  Start,
  /** Between elements. */
  Between,
  /** Inside an element. */
  Element,
  /** After the closing `]`. */
  After,
}

const WS = new Uint8Array(256);
for (const c of [0x20, 0x09, 0x0a, 0x0d]) WS[c] = 1;

/**
 * A JSON array read as a stream: each element is a record, found by tracking strings and nesting byte by
 * byte, so an array of any size is never held whole — only one element at a time, up to `maxLength`
 * bytes (a longer one is skipped and counted). An element's line is the line of its first byte; an element
 * that does not parse, or text after the array, is malformed and scanned as plain text. Input that does not
 * start with `[` is read as JSON lines.
 */
export async function* jsonArrayRecords(source: AsyncIterable<Buffer>, maxLength: number): AsyncGenerator<RawRecord> {
  const iter = source[Symbol.asyncIterator]();
  let state = S.Start;
  let line = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let parts: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  let startLine = 0;
  /** Reading text after the array: it runs to the end of the input. */
  let trailing = false;
  const out: RawRecord[] = [];

  const keep = (chunk: Buffer, from: number, to: number): void => {
    if (to <= from || tooLong) return;
    size += to - from;
    if (size > maxLength) {
      tooLong = true;
      parts = [];
    } else parts.push(chunk.subarray(from, to));
  };
  const finish = (): void => {
    if (tooLong) out.push({ line: startLine, text: '', skipped: true });
    else {
      const text = Buffer.concat(parts).toString('utf8').trimEnd();
      out.push({ line: startLine, text, ...jsonRecord(text) });
    }
    parts = [];
    size = 0;
    tooLong = false;
  };

  for (let r = await iter.next(); r.done !== true; r = await iter.next()) {
    const chunk = r.value;
    let from = state === S.Element ? 0 : -1; // where the current element's bytes begin in this chunk
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (c === 0x0a) line++;
      if (state === S.Element) {
        if (inString) {
          if (escaped) escaped = false;
          else if (c === 0x5c) escaped = true;
          else if (c === 0x22) inString = false;
        } else if (c === 0x22) inString = true;
        else if (c === 0x7b || c === 0x5b) depth++;
        else if (c === 0x7d || c === 0x5d) {
          if (depth > 0) depth--;
          else if (c === 0x5d && !trailing) {
            keep(chunk, from, i);
            finish();
            state = S.After;
          }
          // A stray `}` at the top stays in the element, which then fails to parse: malformed, not lost.
        } else if (c === 0x2c && depth === 0 && !trailing) {
          keep(chunk, from, i);
          finish();
          state = S.Between;
        }
      } else if (state === S.Between) {
        if (c === 0x5d) state = S.After;
        else if (WS[c] !== 1 && c !== 0x2c) {
          state = S.Element;
          startLine = line;
          from = i;
          depth = 0;
          inString = false;
          escaped = false;
          i--; // read this byte again as the element's first (it is no newline: the line count holds)
        }
      } else if (state === S.Start) {
        if (c === 0x5b) state = S.Between;
        else if (WS[c] !== 1) {
          // Not an array after all: read the whole input as JSON lines.
          yield* jsonlRecords(rest(chunk, iter), maxLength);
          return;
        }
      } else if (WS[c] !== 1) {
        // Text after the array's end: one more record, to the end of the input.
        state = S.Element;
        trailing = true;
        startLine = line;
        from = i;
      }
    }
    if (state === S.Element) keep(chunk, Math.max(from, 0), chunk.length);
    yield* out.splice(0);
  }
  if (state === S.Element) finish();
  yield* out.splice(0);
}

/** The chunk being read, then the rest of the source. */
async function* rest(first: Buffer, iter: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  yield first;
  for (let r = await iter.next(); r.done !== true; r = await iter.next()) yield r.value;
}
