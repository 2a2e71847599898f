// A table of counts (a dashboard's aggregation, `stats count by code`, `timechart`, a pivot table) exported as
// CSV: each row stands for many events, so read as events each code would count once per row, or not at
// all when the codes name its columns: a plausible and wrong number, or a false all-clear. Such an input is
// not read: it says so, as a response mxscan would misread does.
import type { Delimiter } from '../model/record.js';
import { firstRows } from './csv-dialect.js';

/**
 * Column names that hold a count of records, lower-cased without blanks, `_`, `-` and `.`: SQL's and Splunk's
 * `count` (`COUNT(*)`, `count_star()`), Kusto's `count_`, Kibana's `Count` and `Count of records`, an Excel
 * pivot's `Count of code` (`Sum of count`), Elasticsearch's `doc_count`, a `total`, `n`, `Events` or `Hits`,
 * Grafana's `Value` (`Value #A`), and the names SQL tools give an unnamed column (Athena's `_col1`,
 * BigQuery's `f0_`, SSMS's `(No column name)`, MySQL's `COUNT(code)`).
 */
const COUNT_NAME = /^(?:count|counts|count\(.*\)|countstar\(\)|doccount|cnt|total|n|events|hits|occurrences|numberofrecords|(?:count|sum)of.+|anzahl(?:von.+)?|value(?:#[a-z])?|col[0-9]+|f[0-9]+|\(nocolumnname\))$/;
/** A count: digits, or digits in groups of three (`1,234`, `1 234`, `1.234`). */
const COUNT = /^(?:[0-9]+|[0-9]{1,3}(?:[,. ][0-9]{3})+)$/;
/** Most columns beside the count: the keys a table is grouped by (a time bucket, a code, a host). */
const MAX_KEYS = 3;
/** Longest value of a key column, and most blanks in one (`Apr 7, 2026 @ 09:00:00.000`): an event's message is longer. */
const MAX_KEY = 64;
const MAX_BLANKS = 4;
/**
 * A time of day with its seconds and their fraction (`:` or Oracle's and DB2's `.`): a bucket's start is on a
 * whole minute or half minute (`09:00:00.000`; Kibana Lens' 30-second buckets, `09:14:30.000`).
 */
const SECONDS = /[0-9]{1,2}[:.][0-9]{2}[:.]([0-9]{2})(?:[.,]([0-9]+))?/;
/** Epoch seconds or milliseconds: an event's time. */
const EPOCH = /^[0-9]{10,13}(?:\.[0-9]+)?$/;
/** A row an Excel pivot table is saved with above its header: a report filter's (`account,(All)`), or none. */
const PIVOT_FILTER = /^\((?:all|alle|tous|todos|tutti|multiple items|mehrere elemente)\)$/i;

/**
 * Is the CSV input whose first bytes are `head` a table of counts? Undefined when not; else the reason it is
 * not read, naming the column. One of the first rows (at least one) each:
 * - a column named as a count of records (COUNT_NAME) beside at most MAX_KEYS others, a count in it (or
 *   none, on some of them) and a key in the others (see isKey);
 * - or codes naming columns (`isCode`: the catalog's): every column but the first a count or empty
 *   (Splunk's `timechart count by code`, a time series per code), the first a key; or codes naming the rows,
 *   in the first column, every other a count or empty (`chart count over code by host`);
 * - or an Excel pivot table with columns (`Count of code`, `Column Labels` first), or PowerShell's
 *   Group-Object output (`Values,Count,Group,Name`).
 */
export function countTable(head: Uint8Array, complete: boolean, d: Delimiter, isCode?: (name: string) => boolean): string | undefined {
  const all = firstRows(head, complete, d);
  // An Excel pivot's report filters and blank rows above its header.
  while (all.length > 1 && (all[0]!.every((v) => v === '') || PIVOT_FILTER.test(all[0]![1] ?? ''))) all.shift();
  const [names, ...rows] = all;
  if (names === undefined || names.length < 2 || rows.length === 0) return undefined;
  const said = (name: string): string => `a table of counts (column "${name}"): export the events, not counts`;
  if (/^(?:count|sum) of /i.test(names[0]!) && names[1]?.toLowerCase() === 'column labels') return said(names[0]!);
  // PowerShell's Group-Object | Export-Csv: each group's Count beside the group itself (long).
  if (names.join(',') === 'Values,Count,Group,Name' && rows.every((r) => COUNT.test(r[1] ?? ''))) return said('Count');
  const at = names.length <= MAX_KEYS + 1 ? names.findIndex((n) => COUNT_NAME.test(n.toLowerCase().replace(/[\s_.-]+/g, ''))) : -1;
  // A blank count (Grafana's null) among counts: still a table of counts.
  const counts = (r: readonly string[]): boolean => r.length === names.length && (COUNT.test(r[at]!) || r[at] === '') && r.every((v, k) => k === at || isKey(v));
  if (at !== -1 && rows.every(counts) && rows.some((r) => COUNT.test(r[at]!))) return said(names[at]!);
  if (isCode === undefined) return undefined;
  // A code names a column alone or among other words (Grafana's `{code="storage_error"}`, `storage_error count`).
  const coded = names.findIndex((n, k) => k > 0 && n.split(/[^A-Za-z0-9_]+/).some(isCode));
  const wide = rows.every((r) => r.length === names.length && isKey(r[0]!) && r.every((v, k) => k === 0 || v === '' || COUNT.test(v)));
  if (coded !== -1 && wide) return said(names[coded]!);
  // Codes naming the rows, every other column counts (Splunk's `chart count over code by host`).
  const byRow = wide && rows.every((r) => isCode(r[0]!.trim())) && rows.some((r) => r.slice(1).some((v) => COUNT.test(v)));
  return byRow ? said(names[1]!) : undefined;
}

/** Could the value be a key a table is grouped by (a code, a time bucket, a host), not an event's field? */
function isKey(v: string): boolean {
  if (v.length > MAX_KEY) return false;
  let blanks = 0;
  for (let i = v.indexOf(' '); i !== -1; i = v.indexOf(' ', i + 1)) blanks++;
  if (blanks > MAX_BLANKS || EPOCH.test(v)) return false;
  // An event's own time, to the second or finer: a bucket starts on a whole minute or half minute.
  const t = SECONDS.exec(v);
  return t === null || ((t[1] === '00' || t[1] === '30') && !/[1-9]/.test(t[2] ?? ''));
}
