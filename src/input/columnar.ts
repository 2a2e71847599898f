// Columnar query responses: their rows are arrays whose fields the response's columns name, so read as JSON
// the whole response would be one record, each code counted once for all its rows. They are told apart by
// their top-level keys alone (a search hit or a JSON line that holds such keys is none).
import { CLOSE_BRACE, CLOSE_BRACKET, COMMA, OPEN_BRACE, OPEN_BRACKET, QUOTE, skipWs } from './json-bytes.js';
import { keyText, stringEnd, valueEnd } from './json-records.js';

/** Keys whose value is the columns (an array of objects naming them), and the key naming one. */
const COLUMNS = ['columns', 'all_columns', 'Columns'];
const COLUMN_NAMES = ['name', 'ColumnName'];
/** Keys whose value is the rows (an array of arrays). */
const ROWS = ['values', 'rows', 'Rows'];
/** Keys whose value is an array of tables, each with columns and rows (Log Analytics, Data Explorer v1). */
const TABLES = ['tables', 'Tables'];
/** The keys ES|QL and Elasticsearch SQL put before their columns (async ES|QL: `id`, `is_running`). */
const BEFORE_COLUMNS = ['took', 'is_partial', 'documents_found', 'values_loaded', 'id', 'is_running', 'start_time_in_millis', 'expiration_time_in_millis', 'completion_time_in_millis'];

/**
 * Is the input whose first bytes are `head` a columnar query response? ES|QL's `_query` (`columns` or
 * `all_columns`, then `values`; sync or async), Elasticsearch SQL's (`columns`, `rows`; a later page `rows` and
 * `cursor` alone), Azure Log Analytics' query API (`tables`, the first with `columns` and `rows`), Azure Data
 * Explorer's (`Tables`, `Columns`, `Rows`; v2: an array of frames, `FrameType` first). A response whose
 * columns run past the bytes read (an ES|QL query over a wide index) is one when only ES|QL's keys came
 * before them. An object followed by another (JSON lines) is none.
 */
export function columnarResponse(head: Uint8Array): boolean {
  let i = skipWs(head, 0, head.length);
  if (head[i] === OPEN_BRACKET) {
    i = skipWs(head, i + 1, head.length);
    if (head[i] !== OPEN_BRACE) return false;
    i = skipWs(head, i + 1, head.length);
    return head[i] === QUOTE && startsWith(head, i + 1, 'FrameType"');
  }
  const top = objectKeys(head, i);
  if (top === undefined) return false;
  if (top.end !== -1 && head[skipWs(head, top.end, head.length)] === OPEN_BRACE) return false;
  return columnar(top) || (top.tables !== undefined && columnar(objectKeys(head, top.tables)));
}

/**
 * Is the input whose first bytes are `head` a CloudWatch Logs Insights query response (`aws logs
 * get-query-results`: `results`, an array of rows, each an array of `{"field": …, "value": …}` pairs)? Read as
 * text, each row's `@message` would take the time of the row before it.
 */
export function insightsResponse(head: Uint8Array): boolean {
  const top = objectKeys(head, skipWs(head, 0, head.length));
  return top !== undefined && top.results && (top.end === -1 || head[skipWs(head, top.end, head.length)] !== OPEN_BRACE);
}

/** What the keys of an object tell: columns and rows at its top, or a table's first element to look into. */
interface Keys {
  keys: string[];
  columns: boolean;
  rows: boolean;
  cursor: boolean;
  /** The bytes ended inside the columns' value. */
  cutInColumns: boolean;
  /** Where the first element of a tables array starts. */
  tables: number | undefined;
  /** `results` holds arrays of `{"field": …, "value": …}` pairs (CloudWatch Logs Insights). */
  results: boolean;
  /** Just past the object; -1 when the bytes end first. */
  end: number;
}

function columnar(k: Keys | undefined): boolean {
  if (k === undefined) return false;
  if (k.columns && k.rows) return true;
  if (k.rows && k.cursor && !k.columns) return true;
  // Columns wider than the bytes read: only ES|QL's keys before them.
  return k.cutInColumns && k.keys.every((key) => BEFORE_COLUMNS.includes(key) || COLUMNS.includes(key));
}

/** The top-level keys of the object whose `{` is at i, and what their values hold; undefined when none is there. */
function objectKeys(head: Uint8Array, i: number): Keys | undefined {
  if (head[i] !== OPEN_BRACE) return undefined;
  const k: Keys = { keys: [], columns: false, rows: false, cursor: false, cutInColumns: false, tables: undefined, results: false, end: -1 };
  i = skipWs(head, i + 1, head.length);
  while (i < head.length) {
    if (head[i] === CLOSE_BRACE) {
      k.end = i + 1;
      return k;
    }
    if (head[i] !== QUOTE) return k;
    const ke = stringEnd(head, i + 1, head.length);
    if (ke < 0) return k;
    const key = keyText(head, i + 1, ke);
    k.keys.push(key);
    i = skipWs(head, ke + 1, head.length);
    if (head[i] !== 0x3a) return k;
    i = skipWs(head, i + 1, head.length);
    if (COLUMNS.includes(key)) k.columns = firstElementIs(head, i, OPEN_BRACE) && COLUMN_NAMES.some((n) => firstKeyIs(head, i, n));
    else if (ROWS.includes(key)) k.rows = firstElementIs(head, i, OPEN_BRACKET) || firstElementIs(head, i, CLOSE_BRACKET);
    else if (key === 'cursor') k.cursor = true;
    else if (key === 'results' && firstElementIs(head, i, OPEN_BRACKET)) k.results = firstKeyIs(head, skipWs(head, i + 1, head.length), 'field');
    else if (TABLES.includes(key) && firstElementIs(head, i, OPEN_BRACE)) k.tables = skipWs(head, i + 1, head.length);
    const ve = valueEnd(head, i, head.length);
    if (ve < 0) {
      k.cutInColumns = COLUMNS.includes(key) && k.columns;
      return k;
    }
    i = skipWs(head, ve, head.length);
    if (head[i] === COMMA) i = skipWs(head, i + 1, head.length);
  }
  return k;
}

/** The value at i is an array whose first element starts with `c` (`]`: an empty array). */
function firstElementIs(head: Uint8Array, i: number, c: number): boolean {
  return head[i] === OPEN_BRACKET && head[skipWs(head, i + 1, head.length)] === c;
}

/** The value at i is an array whose first element is an object whose first key is `name`. */
function firstKeyIs(head: Uint8Array, i: number, name: string): boolean {
  const q = skipWs(head, skipWs(head, i + 1, head.length) + 1, head.length);
  return head[q] === QUOTE && startsWith(head, q + 1, `${name}"`);
}

function startsWith(head: Uint8Array, i: number, text: string): boolean {
  for (let k = 0; k < text.length; k++) if (head[i + k] !== text.charCodeAt(k)) return false;
  return true;
}
