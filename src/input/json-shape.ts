// What a JSON input is read by besides its bytes: where a wrapped export's records are, and what tells an
// export's page from an event (README "What counts", Wrapped JSON exports): detection (src/input/detect.ts)
// and the splitter (src/input/json-split.ts) ask the same questions.
import { ACCOUNT_FIELDS, CODE_FIELDS, namedTimeField, TIME_FIELDS } from '../model/record.js';
import type { FieldOptions } from '../model/settings.js';
import { isObject, objectFields, parseJson, scopedFields } from './fields.js';
import { skipWs } from './json-bytes.js';
import { keyText, MORE, RECORDS_PATHS, recordsPaths, recordsStart, stringEnd, valueEnd } from './json-records.js';

/**
 * What a JSON input is read by: where a wrapped export's records are (`--records`), and the
 * `--code-field`/`--time-field` given, which tell a page of an export from an event (see eventFields).
 */
export interface JsonShape {
  readonly paths: readonly string[];
  /** The paths are the one `--records` names: a line whose object holds it is a page, whatever its records hold. */
  readonly named?: boolean;
  readonly codeField?: string | undefined;
  readonly timeField?: string | undefined;
}

/** The known records paths and field names. */
export const DEFAULT_SHAPE: JsonShape = { paths: RECORDS_PATHS };

/** The JsonShape of a scan's field options. */
export function jsonShape(f: FieldOptions): JsonShape {
  return { paths: recordsPaths(f.records), named: f.records !== undefined, codeField: f.codeField, timeField: f.timeField };
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
  const times = new Set(timeNames(shape));
  const told = (name: string): boolean => {
    const v = fields.get(name);
    return v !== undefined && !(times.has(name) && isDuration(v));
  };
  return eventNames(shape).some(told) || Object.entries(obj).some(([k, v]) => typeof v === 'string' && !ECHOED.has(k) && /[\s@]/.test(v));
}

/**
 * What a search API's response echoes of its request, which says nothing of an event: its query
 * (Graylog's `query` and `built_query`, a `q`). A time field holding a small number (Graylog's `"time": 9`,
 * how long the search took) is a duration, no event's time either.
 */
const ECHOED = new Set(['query', 'built_query', 'q']);
const TIME_NAMES = new Set<string>(TIME_FIELDS);
const isDuration = (v: unknown): boolean => typeof v === 'number' && Math.abs(v) < DURATION_BELOW;
/** Below this a number in a time field is no epoch time (seconds: before 2001-09-09). */
const DURATION_BELOW = 1e9;

const eventNames = (shape: JsonShape): readonly string[] => [...(shape.codeField !== undefined ? [shape.codeField] : CODE_FIELDS), ...timeNames(shape), ...ACCOUNT_FIELDS, ...EVENT_KEYS];

/** How many arrays of events listedArrays names, and how deep it looks. */
const LISTED = 3;
const LISTED_DEPTH = 12;

/**
 * A JSON record that is a document listing things, not an event (an API's response of a shape no records
 * path fits, `jq -c` of a Grafana query): none of an event's own fields at its top level (eventFields, looked
 * up as an element's are), and an array in it (LISTED_DEPTH levels down at most) two or more of whose
 * elements hold a code (`holdsCode`; by default, each is an object, an array or a string with a blank). Read
 * as one record, each of its codes counts once. Returns the paths of such arrays of objects, through objects
 * only (as `--records` would name them; up to LISTED); undefined for an event, or a document that lists
 * nothing.
 */
export function listedArrays(obj: Record<string, unknown>, shape: JsonShape, holdsCode: (v: unknown) => boolean = listedThing): string[] | undefined {
  if (eventFields(obj, shape, true)) return undefined;
  let lists = false;
  const events: string[] = [];
  // `inArray`: the path goes through an array, which no records path can.
  const walk = (v: unknown, path: string, depth: number, inArray: boolean): void => {
    if (depth > LISTED_DEPTH) return;
    if (Array.isArray(v)) {
      let holding = 0;
      for (let i = 0; i < v.length && holding < 2; i++) if (holdsCode(v[i])) holding++;
      if (holding === 2) {
        lists = true;
        if (!inArray && isObject(v[0]) && events.length < LISTED) events.push(path);
      }
      for (const x of v) walk(x, path, depth + 1, true);
    } else if (isObject(v)) for (const [k, x] of Object.entries(v)) walk(x, path === '' ? k : `${path}.${k}`, depth + 1, inArray);
  };
  walk(obj, '', 0, false);
  return lists ? events : undefined;
}

/** What a list of things holds, where no catalog tells (see listedArrays): an object, an array, or prose. */
const listedThing = (v: unknown): boolean => isObject(v) || Array.isArray(v) || (typeof v === 'string' && /\s/.test(v));

/** An object longer than this is judged by its fields before its records array alone (an export's page is longer, an event seldom). */
export const EVENT_BYTES = 16 * 1024;

/**
 * True when the object at s whose records array opens at `at` (inside `objects` objects) is an event, not
 * an export (see eventFields): by its fields before its records array, else, when it ends within EVENT_BYTES,
 * by all its top-level fields (sorted keys — logrus, `jq -S` — put `data` or `items` before `level`); one
 * that is no JSON object (a page cut short) by the former alone.
 * Undefined when that is not known before `to` (`last`: nothing follows it).
 */
export function isEvent(
  buf: Uint8Array,
  s: number,
  at: number,
  objects: number,
  to: number,
  last: boolean,
  shape: JsonShape,
  /** Where an array's element ends (its `,` or `]`; -1 before `to`): the splitter's, the kernel's on the fast path. */
  elementEnd?: (buf: Buffer, s: number, to: number) => number,
): boolean | undefined {
  // The array `--records` names is where the records are, whatever else the object holds (Graylog's search
  // response echoes its query and how long it took in `time`).
  if (shape.named === true) return false;
  if (eventFields(headObject(buf, s, at, objects), shape)) return true;
  const lim = Math.min(to, s + EVENT_BYTES);
  const top = topLevel(buf, s, lim, elementEnd);
  if (top === undefined) return lim === to && lim < s + EVENT_BYTES && !last ? undefined : false;
  // No JSON object (a page cut short): its fields before its records tell.
  if (top === null) return false;
  return eventNames(shape).some((name) => top.keys.has(name) || top.keys.has(name.split('.')[0]!)) || top.prose;
}

/**
 * The top-level keys of the object at s (its `{`), and whether a string among their values holds a blank or
 * an `@` (its bytes as written); undefined when it does not end before lim, null when it is no JSON object.
 */
function topLevel(buf: Uint8Array, s: number, lim: number, elementEnd?: (buf: Buffer, s: number, to: number) => number): { keys: Set<string>; prose: boolean } | null | undefined {
  const keys = new Set<string>();
  let prose = false;
  let i = skipWs(buf, s + 1, lim);
  if (i < lim && buf[i] === 0x7d) return { keys, prose };
  for (;;) {
    if (i >= lim) return undefined;
    if (buf[i] !== 0x22) return null;
    const ke = stringEnd(buf, i + 1, lim);
    if (ke === MORE) return undefined;
    const key = keyText(buf, i + 1, ke);
    keys.add(key);
    i = skipWs(buf, ke + 1, lim);
    if (i >= lim) return undefined;
    if (buf[i] !== 0x3a) return null;
    i = skipWs(buf, i + 1, lim);
    if (i >= lim) return undefined;
    const ve = buf[i] === 0x5b && elementEnd !== undefined ? arrayEnd(buf as Buffer, i, lim, elementEnd) : valueEnd(buf, i, lim);
    if (ve === MORE) return undefined;
    if (ve < 0) return null;
    if (buf[i] === 0x22 && !ECHOED.has(key)) for (let k = i + 1; k < ve - 1 && !prose; k++) prose = buf[k] === 0x20 || buf[k] === 0x09 || buf[k] === 0x40;
    // A duration in a time field (see isDuration): as if the key were not there.
    if (TIME_NAMES.has(key) && isDuration(Number(Buffer.from(buf.subarray(i, ve)).toString('latin1')))) keys.delete(key);
    i = skipWs(buf, ve, lim);
    if (i >= lim) return undefined;
    if (buf[i] === 0x7d) return { keys, prose };
    if (buf[i] !== 0x2c) return null;
    i = skipWs(buf, i + 1, lim);
  }
}

/** Just past the array opening at i, its elements found by elementEnd; MORE when it does not end before lim. */
function arrayEnd(buf: Buffer, i: number, lim: number, elementEnd: (buf: Buffer, s: number, to: number) => number): number {
  let k = skipWs(buf, i + 1, lim);
  if (k < lim && buf[k] === 0x5d) return k + 1;
  while (k < lim) {
    const e = elementEnd(buf, k, lim);
    if (e < 0) return MORE;
    if (buf[e] === 0x5d) return e + 1;
    k = skipWs(buf, e + 1, lim);
  }
  return MORE;
}


/**
 * Are the lines from the one at i (ending at `end`) pages of an export, one a line (a paging loop's `jq -c`)?
 * Each an object with a records array that is no event (isEvent), the first page with records telling: its
 * first record timed (firstTimed), or its array the one `--records` names. Pages with no records before it
 * (an API's first pages often hold a paging token alone: CloudWatch's `"events":[]`) tell nothing; undefined
 * when the held bytes end before one does (`whole`: they are all of the input, and none does: false).
 */
export function pagesFrom(held: Uint8Array, i: number, end: number, whole: boolean, shape: JsonShape): boolean | undefined {
  for (;;) {
    const opened = { objects: 0 };
    const at = recordsStart(held, i, end, shape.paths, opened);
    if (at < 0 || isEvent(held, i, at, opened.objects, end, true, shape) !== false) return false;
    if (shape.named === true) return true;
    if (held[skipWs(held, at, end)] !== 0x5d) return firstTimed(held, at, end, shape);
    i = skipWs(held, end + 1, held.length);
    if (i >= held.length) return whole ? false : undefined;
    if (held[i] !== 0x7b) return false;
    end = held.indexOf(0x0a, i);
    if (end === -1 && !whole) return undefined;
    if (end === -1) end = held.length;
  }
}

/** True when the records array opening at `at` starts with an object (ending before e) with a time field (by scopedFields) holding a value. */
export function firstTimed(held: Uint8Array, at: number, e: number, shape: JsonShape): boolean {
  const k = skipWs(held, at, e);
  if (held[k] !== 0x7b) return false;
  const end = valueEnd(held, k, e);
  const first = end < 0 ? undefined : objectOn(held, k, end);
  if (first === undefined) return false;
  const fields = scopedFields(first);
  // --time-field's, when the object has it; else the time fields (as recordTime reads them).
  const named = namedTimeField(shape.timeField, (name) => fields.get(name) !== undefined);
  return (named !== undefined ? [named] : TIME_FIELDS).some((name) => mayBeTime(fields.get(name)));
}

/**
 * The time fields an event is told by: --time-field's alone when one is named (an envelope's own `timestamp`
 * beside its records, each with the named field, is no event).
 */
const timeNames = (shape: JsonShape): readonly string[] => (shape.timeField !== undefined ? [shape.timeField] : TIME_FIELDS);

/** A time field's value that may be a time: a number, a string with a digit in it, or an object (`{"$date": …}`). */
const mayBeTime = (v: unknown): boolean => typeof v === 'number' || (typeof v === 'string' && /[0-9]/.test(v)) || isObject(v);

/** The JSON object that is held[s, e), or undefined. */
export function objectOn(held: Uint8Array, s: number, e: number): Record<string, unknown> | undefined {
  const parsed = parseJson(Buffer.from(held.buffer, held.byteOffset + s, Math.min(e, held.length) - s).toString('utf8'));
  return 'err' in parsed || !isObject(parsed.value) ? undefined : parsed.value;
}

/** The object starting at s up to its records array (opening at `at`, inside `objects` objects), the array empty: its fields before the records. */
export function headObject(held: Uint8Array, s: number, at: number, objects: number): Record<string, unknown> | undefined {
  return objectOn(Buffer.from(`${Buffer.from(held.buffer, held.byteOffset + s, at - s).toString('utf8')}]${'}'.repeat(objects)}`), 0, Infinity);
}

