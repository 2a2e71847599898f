// What a JSON input is read by besides its bytes: where a wrapped export's records are, and what tells an
// export's page from an event (README "What counts", Wrapped JSON exports): detection (src/input/detect.ts)
// and the splitter (src/input/json-split.ts) ask the same questions.
import { ACCOUNT_FIELDS, CODE_FIELDS, TIME_FIELDS } from '../model/record.js';
import type { FieldOptions } from '../model/settings.js';
import { objectFields, parseJson, scopedFields } from './fields.js';
import { RECORDS_PATHS, recordsPaths, valueEnd } from './json-records.js';

/**
 * What a JSON input is read by: where a wrapped export's records are (`--records`), and the
 * `--code-field`/`--time-field` given, which tell a page of an export from an event (see eventFields).
 */
export interface JsonShape {
  readonly paths: readonly string[];
  readonly codeField?: string | undefined;
  readonly timeField?: string | undefined;
}

/** The known records paths and field names. */
export const DEFAULT_SHAPE: JsonShape = { paths: RECORDS_PATHS };

/** The JsonShape of a scan's field options. */
export function jsonShape(f: FieldOptions): JsonShape {
  return { paths: recordsPaths(f.records), codeField: f.codeField, timeField: f.timeField };
}

// A level or a message: what a logger writes even with no time (winston's and structlog's defaults).
const EVENT_KEYS = ['level', 'severity', 'message', 'msg'] as const;

/**
 * True when an object is an event rather than an export's page, by its top level: it has a code, time or
 * account field (or the `--code-field`/`--time-field` given; `scoped`: looked up as an element's fields
 * are), a level or a message, whatever their values; or a string with a blank or an `@` in it — prose or an
 * address, which a page's paging tokens and counts never are (an audit event's `actor`, structlog's `event`).
 * An object it cannot tell (undefined) is one.
 */
export function eventFields(obj: Record<string, unknown> | undefined, shape: JsonShape, scoped = false): boolean {
  if (obj === undefined) return true;
  const fields = scoped ? scopedFields(obj) : objectFields(obj);
  const names = [...(shape.codeField !== undefined ? [shape.codeField] : CODE_FIELDS), ...timeNames(shape), ...ACCOUNT_FIELDS, ...EVENT_KEYS];
  return names.some((name) => fields.get(name) !== undefined) || Object.values(obj).some((v) => typeof v === 'string' && /[\s@]/.test(v));
}

/** True when the records array opening at `at` starts with an object (ending before e) with a time field (by scopedFields) holding a value. */
export function firstTimed(held: Uint8Array, at: number, e: number, shape: JsonShape): boolean {
  let k = at;
  while (k < e && (held[k] === 0x20 || (held[k]! >= 0x09 && held[k]! <= 0x0d))) k++;
  if (held[k] !== 0x7b) return false;
  const end = valueEnd(held, k, e);
  const first = end < 0 ? undefined : objectOn(held, k, end);
  if (first === undefined) return false;
  const fields = scopedFields(first);
  return timeNames(shape).some((name) => mayBeTime(fields.get(name)));
}

const timeNames = (shape: JsonShape): readonly string[] => (shape.timeField !== undefined ? [shape.timeField] : TIME_FIELDS);

/** A time field's value that may be a time: a number, a string with a digit in it, or an object (`{"$date": …}`). */
const mayBeTime = (v: unknown): boolean => typeof v === 'number' || (typeof v === 'string' && /[0-9]/.test(v)) || isRecord(v);

/** The JSON object that is held[s, e), or undefined. */
export function objectOn(held: Uint8Array, s: number, e: number): Record<string, unknown> | undefined {
  const parsed = parseJson(Buffer.from(held.buffer, held.byteOffset + s, Math.min(e, held.length) - s).toString('utf8'));
  return 'err' in parsed || !isRecord(parsed.value) ? undefined : parsed.value;
}

/** The object starting at s up to its records array (opening at `at`, inside `objects` objects), the array empty: its fields before the records. */
export function headObject(held: Uint8Array, s: number, at: number, objects: number): Record<string, unknown> | undefined {
  return objectOn(Buffer.from(`${Buffer.from(held.buffer, held.byteOffset + s, at - s).toString('utf8')}]${'}'.repeat(objects)}`), 0, Infinity);
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
