// A table of counts (a dashboard's aggregation, `stats count by code`, a pivot table) exported as CSV: each
// row stands for many events, so read as events each code would count once per row, a plausible and wrong
// number. Such an input is not read: it says so, as a response mxscan would misread does.
import type { Delimiter } from '../model/record.js';
import { firstRows } from './csv-dialect.js';

/**
 * Column names that hold a count of records (trimmed, lower-cased): SQL's and Splunk's `count`, Kibana's
 * `Count` and `Count of records`, an Excel pivot's `Count of code`, Elasticsearch's `doc_count`.
 */
const COUNT_NAME = /^(?:count|counts|count\(\*\)|count\(\)|count\(1\)|_count|doc_count|doc count|cnt|occurrences|number of records|count of .+)$/;
/** A count: digits, or digits in groups of three (`1,234`, `1 234`, `1.234`). */
const COUNT = /^(?:[0-9]+|[0-9]{1,3}(?:[,. ][0-9]{3})+)$/;
/** Most columns beside the count: the keys a table is grouped by (a time bucket, a code, a host). */
const MAX_KEYS = 3;
/** Longest value of a key column, and most blanks in one (`Apr 7, 2026 @ 09:00:00.000`): an event's message is longer. */
const MAX_KEY = 64;
const MAX_BLANKS = 4;

/**
 * Is the CSV input whose first bytes are `head` a table of counts? Its header has a column named as a count
 * of records (COUNT_NAME) and at most MAX_KEYS others; each of its first rows (at least one) holds a count
 * there and a key elsewhere (see isKey). Undefined when not; else the reason it is not
 * read, naming the column.
 */
export function countTable(head: Uint8Array, complete: boolean, d: Delimiter): string | undefined {
  const [names, ...rows] = firstRows(head, complete, d);
  if (names === undefined || names.length < 2 || names.length > MAX_KEYS + 1 || rows.length === 0) return undefined;
  const at = names.findIndex((n) => COUNT_NAME.test(n.toLowerCase()));
  if (at === -1) return undefined;
  const counts = rows.every((r) => r.length === names.length && COUNT.test(r[at]!) && r.every((v, k) => k === at || isKey(v)));
  if (!counts) return undefined;
  return `a table of counts (column "${names[at]}"): export the events, not counts`;
}

/** Could the value be a key a table is grouped by (a code, a time bucket, a host), not an event's message? */
function isKey(v: string): boolean {
  if (v.length > MAX_KEY) return false;
  let blanks = 0;
  for (let i = v.indexOf(' '); i !== -1; i = v.indexOf(' ', i + 1)) blanks++;
  return blanks <= MAX_BLANKS;
}
