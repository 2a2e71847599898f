import { TIME_FIELDS } from '../extract/record.js';
import type { Input } from '../input/open.js';
import { openInput, type Opened } from '../input/open.js';
import { firstRecords } from '../input/first-records.js';
import { headerColumn, headerIndex, isObject, parseJson } from '../input/fields.js';
import { jsonShape, listedArrays } from '../input/json-shape.js';
import { namedTimeField, type RawRecord } from '../model/record.js';
import type { Matcher } from '../model/settings.js';
import { catalogCodeTest } from '../fast/kernel-pool.js';
import { newFileStat, type FileStat } from '../model/stats.js';
import type { InputNote } from '../summary/report-shape.js';
import type { Tally } from '../summary/tally.js';
import { hasNoTime, sourceOf } from '../summary/untimed.js';
import { HEAD_KEPT, streamHead } from '../input/stream-head.js';

/** Records a probe reads at most, looking for a named field. */
export const PROBE_RECORDS = 100_000;

/** Distinct field names a note keeps. */
const SEEN = 20;

/** JSON inputs whose first record (or, an export without records, whose first bytes) are read again for a note (their first ones, by path). */
export const DOCUMENT_PROBES = 100;
/** The longest first record read again for it. */
const DOCUMENT_BYTES = 1 << 20;

export interface NoteSettings {
  readonly windowed: boolean;
  readonly timeField?: string | undefined;
  readonly codeField?: string | undefined;
  readonly maxLineLength: number;
  /** `--records`: where wrapped exports hold their records (read again as the scan read them). */
  readonly records?: string | undefined;
  /** The scan's codes: a document read as one record says so when two of the things it lists hold codes. */
  readonly matcher?: Matcher | undefined;
}

/**
 * What the scan's edge can say of inputs by reading their first records again (only where there is
 * something to say): under a window, for an input with no readable time, the field or column tried and an
 * example value; for a structured input, a field --time-field or --code-field names that no record holds,
 * with the fields it does hold. Inputs read from standard input or a pipe are read again as far as their scan kept them (their first MiB).
 */
export async function probeInputs(tally: Tally, inputs: readonly Input[], s: NoteSettings): Promise<InputNote[]> {
  const byPath = new Map(inputs.map((i) => [i.path, i]));
  const notes: InputNote[] = [];
  let documents = 0;
  const files = [...tally.files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const f of files) {
    // A pipe, like standard input, was read once: what its scan kept of its first bytes is read again.
    const input = byPath.get(f.path);
    const file = input?.pipe === true ? undefined : input?.file;
    const again: string | Buffer | undefined = file ?? streamHead(f);
    // An export with no record whose other parts name codes (an aggregation's buckets): no silent all-clear.
    if (f.status === 'ok' && f.records === 0 && f.format === 'json' && again !== undefined && documents++ < DOCUMENT_PROBES && (await codesOutside(again, f, s))) {
      notes.push({ kind: 'outside-records', file: f.path, source: 'field' });
    }
    if (f.status !== 'ok' || f.records === 0) continue;
    const noTime = s.windowed && hasNoTime(f);
    const named: ['time-field' | 'code-field', string][] = [];
    if (f.format !== 'text') {
      if (s.timeField !== undefined) named.push(['time-field', s.timeField]);
      if (s.codeField !== undefined) named.push(['code-field', s.codeField]);
    }
    // A JSON or YAML input with codes whose first record may be a document read whole (see listedArrays).
    if (again !== undefined && (f.format === 'jsonl' || f.format === 'json' || f.format === 'yaml') && f.matches > 0 && documents++ < DOCUMENT_PROBES) {
      const doc = await firstDocument(again, f, s);
      // An element of a JSON array has no path --records could name, nor has an item of a YAML sequence (a
      // YAML document's keys it can).
      const named = f.format === 'jsonl' || (f.format === 'yaml' && doc !== undefined && !(await yamlItemAt(again, f, doc.line)));
      if (doc !== undefined) notes.push({ kind: 'one-document', file: f.path, source: 'field', line: doc.line, arrays: named ? doc.arrays : [] });
    }
    if (!noTime && named.length === 0) continue;
    const source = sourceOf(f.format);
    if (again === undefined) {
      if (noTime) notes.push({ kind: 'no-time', file: f.path, source });
      continue;
    }
    const p = await probe(again, f, named.map(([, name]) => name), s, noTime);
    // Read to its end without a line that is not blank: it holds nothing a time was missed for.
    if (noTime && !p.blank) notes.push({ kind: 'no-time', file: f.path, source, ...p.example });
    for (const [option, field] of named) {
      if (p.held.has(field)) continue;
      notes.push({ kind: 'missing-field', file: f.path, field, option, source, seen: p.seen, ...(p.complete ? {} : { searched: p.records }) });
    }
  }
  return notes;
}

interface Probe {
  /** Field names the records hold, as written, in order of first sight (SEEN at most). */
  readonly seen: string[];
  /** The wanted names some record holds. */
  readonly held: Set<string>;
  readonly records: number;
  /** Every record was read. */
  readonly complete: boolean;
  /** Every record was read, and each was blank (a skipped one is not). */
  readonly blank: boolean;
  /** A time as the reader tried it: the field (as written) and the first value it holds, else the first record's text. */
  readonly example: { field?: string; example?: string };
}

/** Reads the file's records until every wanted name is found (and an example, when one is asked for). */
async function probe(file: string | Buffer, stat: FileStat, wanted: readonly string[], s: NoteSettings, wantExample: boolean): Promise<Probe> {
  // What a stream's scan kept of it (see streamHead) may stop short of its end: never read whole then.
  const cut = typeof file !== 'string' && file.length >= HEAD_KEPT;
  const seen: string[] = [];
  const held = new Set<string>();
  let example: Probe['example'] | undefined = wantExample ? undefined : {};
  // The first record's text, while no record shows the time field tried (plain text has none: its first line).
  let fallback: Probe['example'] | undefined;
  let records = 0;
  let complete = true;
  let blank = true;
  const opened = await reopen(file, stat, s);
  // Gone since it was scanned: nothing more to say of it than the scan said.
  if (opened === undefined) return { seen, held: new Set(wanted), records, complete: false, blank: false, example: {} };
  try {
    // The splitters the scan used, with its delimiter (the file's dialect, or --delimiter).
    const reader = firstRecords(opened.format, opened.chunks, s.maxLineLength, stat.delimiter ?? opened.dialect?.delimiter, jsonShape(s), opened.headed === true);
    for await (const rec of reader) {
      if (held.size === wanted.length && example !== undefined) {
        // Nothing more to find; whether more records follow only matters when a name was not found.
        break;
      }
      if (records === PROBE_RECORDS) {
        complete = false;
        break;
      }
      records++;
      if (rec.skipped === true || rec.text.trim() !== '') blank = false;
      if (rec.skipped === true) continue;
      const names = rec.fields?.names?.() ?? [];
      for (const n of names) if (seen.length < SEEN && !seen.includes(n)) seen.push(n);
      for (const w of wanted) if (!held.has(w) && present(rec.fields?.get(w))) held.add(w);
      if (example === undefined && rec.text.trim() !== '') {
        const x = exampleOf(rec, s.timeField);
        if (x.field !== undefined || stat.format === 'text') example = x;
        else fallback ??= x;
      }
    }
  } catch {
    // A file that cannot be read again says what it can from what was read.
    complete = false;
  } finally {
    await opened.close();
  }
  return { seen, held, records, complete: complete && !cut, blank: blank && complete && !cut, example: example ?? fallback ?? {} };
}

/**
 * Bytes a second look reads at a time: its records are cut (and JSON ones parsed) a chunk at a time, and most
 * looks want the first record only (a 1 MiB chunk of JSON lines is some 5,000 records parsed for one).
 */
const REREAD_CHUNK = 64 * 1024;

/**
 * The input opened again as the scan opened it (its format and delimiter; `format`: as another), or undefined
 * when it is gone since. `maxLength`: the longest record (for YAML, document) read.
 */
async function reopen(file: string | Buffer, stat: FileStat, s: NoteSettings, maxLength = s.maxLineLength, format = stat.format): Promise<Pick<Opened, 'format' | 'chunks' | 'close' | 'dialect' | 'headed'> | undefined> {
  // A stream's first bytes, as its scan read them (decoded): read as they are.
  if (typeof file !== 'string') return { format, chunks: (async function* () { yield file; })(), close: () => Promise.resolve() };
  try {
    return await openInput({ path: stat.path, file, format }, newFileStat(stat.path), format, undefined, { delimiter: stat.delimiter, shape: jsonShape(s), maxLength, chunk: REREAD_CHUNK });
  } catch {
    return undefined;
  }
}

/** The first record of a JSON (or YAML) input, when it is a document listing things (see listedArrays): its line and the arrays of events in it. */
async function firstDocument(file: string | Buffer, stat: FileStat, s: NoteSettings): Promise<{ line: number; arrays: string[] } | undefined> {
  // A YAML document longer than that is not held to be read again (past it, a list is read an item at a time).
  const opened = await reopen(file, stat, s, Math.min(s.maxLineLength, DOCUMENT_BYTES));
  if (opened === undefined) return undefined;
  // What the document lists is asked whether it holds a catalog code (by default, whether it is something).
  const test = s.matcher === undefined ? undefined : catalogCodeTest(s.matcher);
  const holds = test === undefined ? undefined : (v: unknown): boolean => test(typeof v === 'string' ? v : JSON.stringify(v));
  try {
    // A record longer than DOCUMENT_BYTES is not read again (the scan read it; a note is not worth its memory).
    for await (const rec of firstRecords(opened.format, opened.chunks, Math.min(s.maxLineLength, DOCUMENT_BYTES), undefined, jsonShape(s))) {
      if (rec.skipped === true) return undefined;
      if (rec.text.trim() === '') continue;
      const parsed = parseJson(rec.text);
      const arrays = 'err' in parsed || !isObject(parsed.value) ? undefined : listedArrays(parsed.value, jsonShape(s), holds);
      return arrays === undefined ? undefined : { line: rec.line, arrays };
    }
  } catch {
    // Not readable again: nothing more to say of it.
  } finally {
    await opened.close();
  }
  return undefined;
}

/** Does line `line` of a YAML input start an item of a sequence (`-`), not a document? Its lines read as text, up to its first DOCUMENT_BYTES. */
async function yamlItemAt(file: string | Buffer, stat: FileStat, line: number): Promise<boolean> {
  const opened = await reopen(file, stat, { windowed: false, maxLineLength: DOCUMENT_BYTES }, DOCUMENT_BYTES, 'text');
  if (opened === undefined) return true;
  try {
    for await (const rec of firstRecords('text', upTo(opened.chunks, DOCUMENT_BYTES), DOCUMENT_BYTES)) if (rec.line === line) return rec.text.startsWith('-');
  } catch {
    // Not readable again: nothing said of its arrays.
  } finally {
    await opened.close();
  }
  return true;
}

/** The chunks until n bytes were given (the one that reaches n the last). */
async function* upTo(chunks: AsyncIterable<Buffer>, n: number): AsyncGenerator<Buffer> {
  for await (const chunk of chunks) {
    yield chunk;
    if ((n -= chunk.length) <= 0) return;
  }
}

/** Whether the first DOCUMENT_BYTES of a JSON input (an export read with no record) name a catalog code, read by the kernel. */
async function codesOutside(file: string | Buffer, stat: FileStat, s: NoteSettings): Promise<boolean> {
  const test = s.matcher === undefined ? undefined : catalogCodeTest(s.matcher);
  if (test === undefined) return false;
  const opened = await reopen(file, stat, s);
  if (opened === undefined) return false;
  const held: Buffer[] = [];
  try {
    for await (const chunk of upTo(opened.chunks, DOCUMENT_BYTES)) held.push(chunk);
  } catch {
    // What was read says what it can.
  } finally {
    await opened.close();
  }
  return test(Buffer.concat(held).subarray(0, DOCUMENT_BYTES).toString('utf8'));
}

const present = (v: unknown): boolean => v !== undefined && v !== null && v !== '';

/** The field a reader took the record's time from (as written in the record) and its value, or its text. */
function exampleOf(rec: RawRecord, timeField: string | undefined): Probe['example'] {
  const fields = rec.fields;
  if (fields !== undefined) {
    // A record without --time-field's field is timed by the time fields (recordTime).
    const named = namedTimeField(timeField, (name) => fields.get(name) !== undefined);
    for (const name of named !== undefined ? [named] : TIME_FIELDS) {
      const v = fields.get(name);
      if (!present(v)) continue;
      const names = fields.names?.();
      const at = names === undefined ? undefined : headerColumn(headerIndex(names), name);
      const written = at === undefined ? name : names![at]!.trim();
      return { field: written, example: typeof v === 'string' ? v : JSON.stringify(v) };
    }
  }
  return { example: rec.text.trim() };
}
