import type { Fields, RawRecord } from '../model/record.js';
import { preambleLine } from './csv-dialect.js';
import { COLLECTOR_HEAD, RFC3339 } from './collector-head.js';
import { parseJson } from './json-parse.js';

/** Fields of a JSON object: own properties by exact name, or a dotted path into nested objects. */
export function objectFields(obj: Record<string, unknown>): Fields {
  return {
    get(name: string): unknown {
      if (Object.prototype.hasOwnProperty.call(obj, name)) return obj[name];
      if (!name.includes('.')) return undefined;
      let cur: unknown = obj;
      for (const part of name.split('.')) {
        if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, part)) return undefined;
        cur = (cur as Record<string, unknown>)[part];
      }
      return cur;
    },
    names: () => Object.keys(obj),
  };
}

/**
 * Fields of a CSV row: header names matched as headerColumn has it; the first of duplicate names wins. A row
 * whose scope column holds a JSON object (see CSV_SCOPE_COLUMNS; `scopes`, when the caller has them already)
 * is looked into: see scopedRow.
 */
export function rowFields(index: ReadonlyMap<string, number>, row: readonly string[], header?: readonly string[], scopes: readonly number[] = scopeColumns(index)): Fields {
  const own: Fields = {
    get(name: string): unknown {
      const i = headerColumn(index, name);
      return i === undefined ? undefined : row[i];
    },
    ...(header !== undefined ? { names: () => header } : {}),
  };
  for (const c of scopes) {
    const scope = rowScope(row[c] ?? '');
    if (scope !== undefined) return scopedRow(own, scope);
  }
  return own;
}

/**
 * The CSV columns whose value may be the JSON object a service logged: CloudWatch Logs Insights' `@message`,
 * the `message` of Kibana's and Datadog's CSV, Azure's ContainerLogV2 `LogMessage`, Splunk's `_raw`, a
 * collector's `log`, Kibana's `_source` (a saved search's CSV without columns chosen: the whole
 * document), and Grafana Explore's `Line` (its CSV of Loki's lines). The first of them (in this order) whose value starts with `{` and is a JSON object is the row's
 * scope.
 */
export const CSV_SCOPE_COLUMNS = ['@message', 'message', 'LogMessage', '_raw', 'log', '_source', 'line'] as const;

/** The header's scope columns (see CSV_SCOPE_COLUMNS), in their order, each once. */
export function scopeColumns(index: ReadonlyMap<string, number>): number[] {
  const out: number[] = [];
  for (const name of CSV_SCOPE_COLUMNS) {
    const i = headerColumn(index, name);
    if (i !== undefined && !out.includes(i)) out.push(i);
  }
  return out;
}

/** Blanks around a value: ASCII ones, as the kernel takes them off a field's bytes (valueTime). */
export const EDGE_BLANKS = /^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g;

// Values that say there is none: SQL's NULL (mysql --batch, SSMS) and MySQL's zero date, Python's None, N/A,
// Excel's errors, and 0 (an error code for no error: Windows', SQL Server's); and a code field's own name (a
// header row repeated where two CSV exports were joined: `copy /b a.csv+b.csv`, `cat *.csv`).
export const NONE_WORDS = ['null', 'none', 'nil', 'n/a', 'na', 'nan', 'undefined', '#n/a', '#value!', '#ref!', '#name?', '#num!', '#div/0!', '#null!', '0000-00-00', '0000-00-00 00:00:00', '0', 'code', 'error_code', 'errorcode'] as const;
const NONE: ReadonlySet<string> = new Set(NONE_WORDS);
/** Is the trimmed text a word for none (any case)? */
export const isNoneWord = (trimmed: string): boolean => NONE.has(trimmed.toLowerCase());

/** A string that is a value: an ASCII letter or digit in it (`-`, `—` and `""` are none), and not a word for none (NULL, N/A, #N/A). */
export function isValue(value: unknown): value is string {
  if (typeof value !== 'string' || !/[A-Za-z0-9]/.test(value)) return false;
  return !isNoneWord(value.replace(EDGE_BLANKS, ''));
}

/** A scope column's value as the object it holds: one whose first character is `{` and that is a JSON object. */
export function rowScope(value: string): Record<string, unknown> | undefined {
  if (!value.startsWith('{')) return undefined;
  const parsed = parseJson(value);
  return 'err' in parsed || !isObject(parsed.value) ? undefined : parsed.value;
}

/**
 * A row looked into: a field is the row's own column when it holds a value (see isValue: an empty cell,
 * Kibana's `-` and SSMS's `NULL` are none), else the object's (and its scopes', see scopedFields); `own()` the row's columns
 * alone, whose whole times come before the object's (see recordTime), as an exported element's come before
 * those of a `message` string's JSON.
 */
export function scopedRow(own: Fields, scope: Record<string, unknown>): Fields {
  const inner = scopedFields(scope);
  return {
    get(name: string): unknown {
      const v = own.get(name);
      return isValue(v) ? v : inner.get(name) ?? v;
    },
    ...(own.names !== undefined ? { names: own.names } : {}),
    own: () => own,
  };
}

/** How a CSV file's rows are read: by its header's names (none when it has no header), and their width. */
export interface CsvHeader {
  readonly index: ReadonlyMap<string, number>;
  readonly names: readonly string[];
  readonly width: number;
  /** The record it was made from is a row, not a header. */
  readonly row: boolean;
}

// What no column name is: an ISO-8601 date with a time of day (a pivot's columns may be dates alone).
const DATE_TIME = /^\s*\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;

/**
 * A CSV file's first record (`values`, its fields; `text`, as written) as its header; or, when one of its
 * fields is what no column name is (a date and a time of day), as its first row: the file has no header
 * (PostgreSQL's COPY and MySQL's INTO OUTFILE write none by default), no column has a name, and every row is
 * read as text. Undefined for a preamble line (Excel's `sep=`, PowerShell's `#TYPE`; see preambleLine): the
 * next record is the header.
 */
export function csvHeader(values: readonly string[], text: string): CsvHeader | undefined {
  if (preambleLine(text)) return undefined;
  const row = values.some((v) => DATE_TIME.test(v));
  return { index: headerIndex(row ? [] : values), names: row ? [] : values, width: values.length, row };
}

/**
 * Lower-cased header name → column; a name with the zone it is in after it (Azure's `TimeGenerated [UTC]`,
 * `[Local Time]`; `Date (UTC)`) is found by the name alone too, unless a column has that name (a unit, `Time [ms]`, is no zone);
 * and each squashed (see headerColumn), unless a column has that squashed name.
 */
export function headerIndex(header: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    const key = h.trim().toLowerCase();
    if (!index.has(key)) index.set(key, i);
  });
  header.forEach((h, i) => {
    const note = ZONE_NOTE.exec(h.trim());
    const bare = note === null ? undefined : h.trim().slice(0, note.index).trimEnd().toLowerCase();
    if (bare !== undefined && bare !== '' && !index.has(bare)) index.set(bare, i);
  });
  for (const [key, i] of [...index]) {
    const squashed = SQUASHED + squash(key);
    if (!index.has(squashed)) index.set(squashed, i);
  }
  return index;
}

/** A column whose header says its times are UTC (Azure's `TimeGenerated [UTC]`, `Date (UTC)`): they are, whatever --tz says. */
export const utcColumn = (name: string | undefined): boolean => name !== undefined && /^utc$/i.test(ZONE_NOTE.exec(name.trim())?.[1] ?? '');
const ZONE_NOTE = /[[(](UTC|Local Time)[\])]$/i;

/** Where headerIndex keeps squashed names: after a NUL, which no header of a text file holds. */
const SQUASHED = '\0';
const squash = (name: string): string => name.toLowerCase().replace(/[\s_.-]+/g, '');

/**
 * The column of a field name in a CSV header: its name in any case (`Timestamp`), else squashed — without
 * blanks, `_`, `-` and `.`, as spreadsheets and dashboards spell a column (`Error Code`, `ERROR_CODE`,
 * `error.code` and `ErrorCode` are `error_code`'s; `Time Generated` is `TimeGenerated`'s, `E-mail` `email`'s).
 */
export function headerColumn(index: ReadonlyMap<string, number>, name: string): number | undefined {
  return index.get(name.toLowerCase()) ?? index.get(SQUASHED + squash(name));
}

export { JSON_FIRST, JSON_LAST, mayBeJson, parseJson } from './json-parse.js';

/**
 * A structured record's fields when the text parses as a JSON object; `malformed` when it does not parse.
 * `scoped` (the elements of JSON arrays and wrapped exports): see scopedFields. A JSON line that holds a
 * scope (holdsScope: a `_source` object, a search hit as elasticdump writes one per line; Google Cloud's
 * `jsonPayload`, Datadog's `attributes`) is looked into as such an element,
 * and so is a line of Docker's json-file log whose `log` holds JSON (LOG_HEAD: Docker's `time` is then the
 * element's own, see recordTime), of `stern -o json` whose `message` does or of `logcli query --output=jsonl`
 * (see STRING_HEADS); a line of Splunk's export
 * (EXPORT_HEAD) has its fields in its `result` object.
 */
export function jsonRecord(text: string, scoped = false): { fields?: Fields; malformed: boolean } {
  const parsed = parseJson(text);
  if ('err' in parsed) return { malformed: true };
  const v = parsed.value;
  if (!isObject(v)) return { malformed: false };
  // Splunk's export: the event's fields in `result`.
  if (!scoped && text.startsWith(EXPORT_HEAD) && isObject(v[EXPORT_KEY])) return { fields: objectFields(v[EXPORT_KEY]), malformed: false };
  const looked = scoped || STRING_HEADS.some((h) => text.startsWith(h)) || timedMessageLine(text) || holdsScope(v);
  return { fields: looked ? scopedFields(v) : objectFields(v), malformed: false };
}

/**
 * How a line of Docker's json-file log (`{"log":"…\n","stream":"stderr","time":"…"}`, as /var/lib/docker
 * keeps a container's output) starts when the program logs JSON: the line is looked into as an exported
 * element is, its `log` string's object a scope (see scopedFields).
 */
export const LOG_HEAD = '{"log":"{';
/**
 * How a line of `stern -o json` (`{"message":"…","nodeName":…,"podName":…}`) starts when the program logs
 * JSON: looked into as LOG_HEAD's lines are, its `message` string's object a scope.
 */
export const MESSAGE_HEAD = '{"message":"{';
/**
 * …and with `--timestamps` (stern before 1.35), its time first: `{"message":"2026-04-07T09:14:02.113456789Z {…`:
 * a line that starts with MESSAGE_KEY and then a collector's time, a blank and a `{` (see timedMessageLine).
 */
export const MESSAGE_KEY = '{"message":"';
/**
 * How a line of `logcli query --output=jsonl` starts (`{"labels":{…},"line":"…","timestamp":"…"}`, its keys in
 * Go's sorted order; without labels `{"line":"…`): its `line` string's object, when it holds one, a scope.
 */
export const LABELS_HEAD = '{"labels":{';
export const LINE_HEAD = '{"line":"{';
/** The heads of JSON lines whose string (`log`, `message`, `line`) may hold the program's JSON: looked into (see jsonRecord). */
export const STRING_HEADS = [LOG_HEAD, MESSAGE_HEAD, LABELS_HEAD, LINE_HEAD] as const;

/** Does the JSON line start as `stern -o json --timestamps` writes one: MESSAGE_KEY, a collector's time, a blank, `{`? */
export const timedMessageLine = (text: string): boolean => text.startsWith(MESSAGE_KEY) && TIMED_JSON.test(text.slice(MESSAGE_KEY.length, MESSAGE_KEY.length + TIMED_LONGEST));
/** The longest time TIMED_JSON takes, with its blank and `{`. */
export const TIMED_LONGEST = 37;

/** The key whose object makes a JSON line a search hit (see jsonRecord). */
export const HIT_KEY = '_source';

/**
 * A JSON line's record (numbered `line`): behind a collector's head (`headed`, Sniffed.headed), its JSON
 * starts right after the head, and a line with no `{` there is a line of text (`plain`), not a malformed
 * record; a head's time is the line's own (`headTime`). The engine takes the same decisions on bytes
 * (src/wasm/jsonl.ts objectAt, headTimed).
 */
export function jsonLineRecord(line: number, text: string, headed: boolean): RawRecord {
  const m = headed ? COLLECTOR_HEAD.exec(text) : null;
  const body = m !== null ? text.slice(m[0].length) : text;
  const rec = jsonRecord(body);
  if (rec.malformed && headed && !body.startsWith('{')) return { line, text, plain: true };
  return m?.groups?.['time'] !== undefined ? { line, text, ...rec, headTime: true } : { line, text, ...rec };
}

/**
 * How a line of Splunk's JSON export starts (`{"preview":false,…,"result":{…}}`, from Splunk Web's Export or
 * the REST export endpoint), and the key whose object holds the event's fields: they are looked up there.
 */
export const EXPORT_HEAD = '{"preview":';
export const EXPORT_KEY = 'result';

/** How the JSON lines start that the byte scanners hand to jsonRecord (see NestedFields; the kernel's copy is generated). */
export const CALLERS_HEADS = [EXPORT_HEAD, ...STRING_HEADS] as const;

/**
 * Keys whose object (or, for `message`, string holding a JSON object; for `log`, `line`, `@message`, `LogMessage`
 * and `logmsg`, only such a string) holds an export's own fields: Filebeat's `json` holds the line it decoded, a
 * search hit's `fields` what a search asked for (each value an array: see ARRAY_SCOPES), Datadog's Logs API
 * (v1) `content` its log, Loggly's `logmsg` the line it received.
 */
export const SCOPE_KEYS = ['_source', 'attributes', 'message', 'jsonPayload', 'log', 'json', 'fields', 'line', '@message', 'LogMessage', 'content', 'logmsg'] as const;
/** The scope keys whose values are arrays of the values (Elasticsearch's `fields`: `"code": ["storage_error"]`): the first is the value. */
export const ARRAY_SCOPES: readonly string[] = ['fields'];
/**
 * The scope keys whose value is only a string holding the object, never an object (Docker's and Fluent Bit's
 * `log`: ECS's `log` object holds `log.level`, `log.logger`, the logger's fields, not the event's; Loki's
 * `line`, a Logs Insights table's `@message`, Azure's ContainerLogV2 `LogMessage`, Loggly's `logmsg`).
 */
const STRING_ONLY: readonly string[] = ['log', 'line', '@message', 'LogMessage', 'logmsg'];
/** The scope keys whose value may be a string holding the object: those, and CloudWatch's `message` (an object too). */
export const STRING_SCOPES: readonly string[] = ['message', ...STRING_ONLY];

/**
 * Does a JSON line's object hold a scope at its top level: a string scope's string that starts (blanks aside)
 * with `{` — a collector's record of a program's JSON line (Vector's and Filebeat's file output, Logstash's:
 * `{"host":…,"message":"{\"level\":…}"}`) —, or an object under LINE_SCOPES? Such a line is looked into as an
 * export's element is. The kernel reads such a line's scope objects itself (src/wasm/json-scopes.ts) and hands
 * one whose string may hold JSON to the caller (src/wasm/json-scope.ts).
 */
export const holdsScope = (v: Record<string, unknown>): boolean =>
  STRING_SCOPES.some((k) => typeof v[k] === 'string' && /^\s*\{/.test(v[k] as string)) || LINE_SCOPES.some((k) => isObject(v[k]));
/**
 * The scope keys whose object a JSON line is looked into for, the same events one a line or in an array
 * counting alike: a search hit's `_source`, Google Cloud's `jsonPayload` (a log sink's files), Datadog's
 * `attributes` (its archives), Filebeat's `json`; not a `message`, `fields` or `content` object (a mail log's
 * message or content is the mail's, its date and status code not the event's).
 */
export const LINE_SCOPES: readonly string[] = ['_source', 'jsonPayload', 'attributes', 'json'];

/**
 * The scope keys whose object is the program's own line, as a string's JSON is (Filebeat's `json`: the line it
 * decoded): its times come after the element's own (see `own` in scopedFields).
 */
export const PROGRAM_SCOPES: readonly string[] = ['json'];

/** Is an object under this scope key a scope (else only a string holding one)? */
export const scopeTakesObject = (key: string): boolean => !STRING_ONLY.includes(key);
/** How deep scopes are looked into (Datadog: the element, its `attributes`, their `attributes`). */
export const SCOPE_DEPTH = 3;

/** A JSON object's value (not null, not an array). */
export const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Fields of an exported element: looked up in the element, then in its scopes (SCOPE_KEYS: Elasticsearch's
 * `_source`, Datadog's `attributes`, a `message` object or a `message` string that holds a JSON object, as
 * CloudWatch events of JSON-logging services do, Google Cloud Logging's `jsonPayload`, a `log` string that
 * holds one, as Docker and Fluent Bit keep a JSON-logging container's line, Filebeat's `json`, a search hit's
 * `fields`), breadth first, SCOPE_DEPTH
 * levels down. The first scope that has the field (by name or dotted path) gives it. `own()`: the same but
 * for the program's objects — those a string holds, Filebeat's `json` — and their scopes, whose times are
 * the program's (see recordTime).
 */
export function scopedFields(obj: Record<string, unknown>): Fields {
  let scopes: Fields[] | undefined;
  // Per scope: the program's (parsed out of a string, or a PROGRAM_SCOPES object), or beneath one that was (see `own`).
  const program: boolean[] = [];
  let lead: string | undefined;
  const all = (): Fields[] => {
    if (scopes !== undefined) return scopes;
    scopes = [];
    let level: [Record<string, unknown>, boolean][] = [[obj, false]];
    for (let depth = 0; depth < SCOPE_DEPTH && level.length > 0; depth++) {
      const next: [Record<string, unknown>, boolean][] = [];
      for (const [o, programs] of level) {
        scopes.push(objectFields(o));
        program.push(programs);
        for (const key of SCOPE_KEYS) {
          if (!Object.prototype.hasOwnProperty.call(o, key)) continue;
          const raw = o[key];
          const parsed = STRING_SCOPES.includes(key) && typeof raw === 'string';
          const held = parsed ? messageObject(raw) : undefined;
          // The first collector's time before a string's JSON (see TIMED_JSON): the element's, when it has none of its own.
          if (held?.lead !== undefined) lead ??= held.lead;
          const v = parsed ? held?.value : scopeTakesObject(key) ? raw : undefined;
          if (isObject(v)) next.push([ARRAY_SCOPES.includes(key) ? firstValues(v) : v, programs || parsed || PROGRAM_SCOPES.includes(key)]);
        }
      }
      level = next;
    }
    return scopes;
  };
  const lookup = (name: string, ownOnly: boolean): unknown => {
    const found = all();
    for (let k = 0; k < found.length; k++) {
      if (ownOnly && program[k]) continue;
      const v = found[k]!.get(name);
      if (v !== undefined) return v;
    }
    return undefined;
  };
  return {
    get: (name: string): unknown => lookup(name, false),
    // Undefined when no scope is the program's: then the element's own fields are all of them.
    own: (): Fields | undefined => (all(), program.includes(true) ? { get: (name: string): unknown => lookup(name, true) } : undefined),
    lead: (): string | undefined => (all(), lead),
  };
}

/** The object with each array value replaced by its first element (an empty array: no value). */
function firstValues(o: Record<string, unknown>): Record<string, unknown> {
  // No prototype: a key `__proto__` is a key like any other.
  const out = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(o)) if (!Array.isArray(v) || v.length > 0) out[k] = Array.isArray(v) ? v[0] : v;
  return out;
}

/** A message string that holds one JSON object (after a collector's time, see TIMED_JSON): that object. */
function messageObject(s: string): { value: unknown; lead?: string } | undefined {
  const t = s.trim();
  const timed = TIMED_JSON.exec(t);
  const body = timed !== null ? t.slice(timed[0].length) : t;
  if (!body.startsWith('{')) return undefined;
  const parsed = parseJson(body);
  if ('err' in parsed) return undefined;
  return timed !== null ? { value: parsed.value, lead: timed[0].trimEnd() } : { value: parsed.value };
}

/**
 * A collector's time and one blank before a string's JSON (`stern -o json --timestamps` writes its time into
 * `message` so): the JSON after it is the string's object. The kernel reads the same (src/wasm/json-scope.ts
 * mayHoldJson; src/fast/json-nested.ts timedJson for stern's lines).
 */
export const TIMED_JSON = new RegExp(String.raw`^${RFC3339} (?=\{)`);
