import type { RawRecord } from '../../src/model/record.js';
import { JsonElements, type JsonSink } from '../../src/input/json-split.js';
import type { JsonShape } from '../../src/input/json-shape.js';
import { jsonRecord } from '../../src/input/fields.js';
import { jsonlRecords } from './jsonl.js';

/**
 * A JSON array read as a stream: each element is a record, found by JsonElements (the same splitter as
 * the fast path), so an array of any size is never held whole — only one element at a time, up to
 * `maxLength` bytes (a longer one is skipped and counted). An element's line is the line of its first
 * byte; an element that does not parse, or text after the array, is malformed and scanned as plain text.
 * A wrapped export (an object holding its records array) is read the same way, its elements looked into
 * (scopedFields). Other input that does not start with `[` is read as JSON lines.
 */
export async function* jsonArrayRecords(source: AsyncIterable<Buffer>, maxLength: number, shape?: JsonShape): AsyncGenerator<RawRecord> {
  const split = new JsonElements(maxLength, undefined, shape);
  const out: RawRecord[] = [];
  const sink: JsonSink = {
    element(buf, s, e, line) {
      const text = buf.toString('utf8', s, e);
      out.push({ line, text, ...jsonRecord(text, true) });
    },
    skipped(line) {
      out.push({ line, text: '', skipped: true });
    },
  };
  const iter = source[Symbol.asyncIterator]();
  // A read error (a truncated gzip) ends the input: the elements before it come first, then the error.
  let error: unknown;
  const next = async (): Promise<Buffer | undefined> => {
    try {
      const r = await iter.next();
      return r.done === true ? undefined : r.value;
    } catch (err) {
      error = err;
      return undefined;
    }
  };
  let rest: Buffer = Buffer.alloc(0);
  for (let chunk = await next(); chunk !== undefined; chunk = await next()) {
    const buf = rest.length === 0 ? chunk : Buffer.concat([rest, chunk]);
    rest = buf.subarray(split.split(buf, 0, buf.length, false, sink));
    yield* out.splice(0);
    if (split.notArray) {
      // Not an array after all: the whole input, from its first byte, is read as JSON lines.
      yield* jsonlRecords(then(rest, iter), maxLength);
      return;
    }
  }
  if (error === undefined) split.split(rest, 0, rest.length, true, sink);
  yield* out.splice(0);
  if (error !== undefined) throw error;
}

/** The bytes kept, then the rest of the source. */
async function* then(first: Buffer, iter: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  yield first;
  for (let r = await iter.next(); r.done !== true; r = await iter.next()) yield r.value;
}
