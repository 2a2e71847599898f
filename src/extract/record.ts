import type { Findings } from '../model/finding.js';
import { CODE_FIELDS, CSV_FIELDS_READ, namedTimeField, TIME_FIELDS, type Fields, type RawRecord } from '../model/record.js';
import type { FieldOptions } from '../model/settings.js';
import { headerColumn, headerIndex, isNoneWord, isValue, utcColumn } from '../input/fields.js';
import { inUtc } from './time-rules.js';
import { findTimestamp, timeFromValue, timeHeldIn, timeOfPair, valueWasDate } from './timestamp.js';

export type { Fields, FieldOptions, Findings, RawRecord };

export { CODE_FIELDS, TIME_FIELDS };

/** Unknown values of a code field longer than this are cut: they are shown, not trusted. */
const MAX_UNKNOWN_LENGTH = 120;

/** An unknown value of a code field as it is shown: cut after MAX_UNKNOWN_LENGTH characters. */
export function shownUnknown(value: string): string {
  return value.length > MAX_UNKNOWN_LENGTH ? value.slice(0, MAX_UNKNOWN_LENGTH) + '…' : value;
}

/**
 * A code field's string as the record's code: trimmed; none when nothing is left, only a placeholder (no
 * letter or digit: Kibana writes `-` in an empty cell, others `—` or `?`), or a word for none (NONE_WORDS:
 * `NULL` in an SSMS export, .NET's `None`). The kernel tells the same from the bytes (`placeholder` in
 * src/wasm/bytes.ts, `noneValue` in src/wasm/time-values.ts).
 */
export function fieldCode(value: string): string | undefined {
  const t = value.trim();
  return /[\p{L}\p{N}]/u.test(t) && !isNoneWord(t) ? t : undefined;
}

/** The value of the record's code field: the first of the code fields that holds a code (see fieldCode). */
export function codeFieldValue(fields: Fields, opts: FieldOptions): string | undefined {
  for (const name of opts.codeField !== undefined ? [opts.codeField] : CODE_FIELDS) {
    const v = fields.get(name);
    const code = typeof v === 'string' ? fieldCode(v) : undefined;
    if (code !== undefined) return code;
  }
  return undefined;
}

/**
 * A time field's string says where the record's time is when it is a value with a date's mark in it (a year,
 * a numeric date, a month's name: timeHeld in src/wasm/time-values.ts, the rule's home): then the record's
 * time is in that value or it has none, never a date its text mentions elsewhere. A duration (`12ms`,
 * `1m30.5s`, `0 days 00:00:03.512`), a time of day alone, a word (`pending`) or a number that is no time says
 * nothing.
 */
export function holdsTime(value: unknown): boolean {
  return typeof value === 'string' && timeHeldIn(value);
}

/** A date alone (midnight, `date`) and the first date-time its record's text holds (`text`): that one when it is on that day. */
export function dayTime(date: number, text: number | null): number {
  return text !== null && text >= date && text < date + 86_400_000 ? text : date;
}

/**
 * A date in one field and its time of day in another (Excel sheets, FortiAnalyzer's `date,time,…`): read
 * together, as one value, in the date field's turn, when no --time-field is given.
 */
export const DATE_FIELD = 'date';
export const CLOCK_FIELD = 'time';

/** The time of a DATE_FIELD value and a CLOCK_FIELD value read together (`2026-04-07` and `09:14:02`), or null (timeOfPair). */
export function pairTime(date: unknown, clock: unknown, times: FieldOptions['times']): number | null {
  return isValue(date) && isValue(clock) ? timeOfPair(date, clock, times) : null;
}

// A number, blanks around it: in a column of no time's name, an id, a count or a phone number as often as an epoch.
export const NUMBER = /^[ \t\n\v\f\r]*[0-9]+(?:[.,][0-9]+)?[ \t\n\v\f\r]*$/;

/**
 * A CSV record's time when no time column holds one: the first of its first CSV_FIELDS_READ values that is a
 * date-time as a whole (Event Viewer's `Date and Time`, a `Received` or `Created` column in any form; not a
 * number, a date alone or a value with a `"`), or null.
 */
function valuesTime(values: readonly string[] | undefined, opts: FieldOptions): number | null {
  if (values === undefined) return null;
  for (let k = 0; k < values.length && k < CSV_FIELDS_READ; k++) {
    const v = values[k]!;
    if (v.includes('"') || NUMBER.test(v)) continue;
    const t = timeFromValue(v, opts.times);
    if (t !== null && !valueWasDate()) return t;
  }
  return null;
}

/**
 * A time field whose string holds no value: an empty cell, a word for none (`NULL`, `N/A`, `-`: see
 * isValue). The record then has no time of its own, whatever date its text mentions (src/wasm/json-times.ts
 * and csv.ts ask the same).
 */
export function noTimeValue(v: unknown): boolean {
  return typeof v === 'string' && !isValue(v);
}

/**
 * The record's own time: the first of its time fields whose value as a whole is one (the date field's
 * turn: its value and the time field's read together first, see pairTime); else the first date-time in a
 * time field's string that holds one (BigQuery's `2026-04-07 09:14:02.113 UTC`); none when a time field
 * holds a value all the same (see holdsTime); else, for a CSV record, its first value that is a time
 * (valuesTime); none when a time field is there with no value (see noTimeValue: a NULL in a database's
 * export, where the message's mention of a date is no time of the record's); else the first date-time in its
 * text — by the line rules for a plain-text `line`, and for a malformed record, read as the line of plain
 * text it is (a JVM's stderr between JSON events: an exception's head does not take the date its message
 * mentions). A --time-field the record holds is its one time field; a record without it (journald's kernel
 * entries have no `_SOURCE_REALTIME_TIMESTAMP`) is timed as if none were named, not by the record before it.
 */
export function recordTime(rec: RawRecord, given: FieldOptions, line = false): number | null {
  if (rec.skipped) return null;
  const fields = rec.fields;
  // A CSV row of a file whose time column says UTC in its name is read in UTC (csvTimesUtc).
  const header = rec.values !== undefined ? fields?.names?.() : undefined;
  const opts = header !== undefined && given.times !== undefined && csvTimesUtc(header, given) ? { ...given, times: inUtc(given.times) } : given;
  const named = namedTimeField(opts.timeField, (name) => fields?.get(name) !== undefined);
  // The collector's time, whole and with its zone, before a program's own (src/input/fields.ts
  // jsonLineRecord), unless --time-field names the field to read it from.
  if (rec.headTime === true && named === undefined) return findTimestamp(rec.text, opts.times, line);
  const held: unknown[] = [];
  // An element's own time (Elasticsearch's `@timestamp`, CloudWatch's `timestamp`), whole, before one a
  // message or log string's JSON holds (the program's, often without a zone): src/input/fields.ts scopedFields.
  const own = named === undefined ? fields?.own?.() : undefined;
  if (own !== undefined) {
    for (const name of TIME_FIELDS) {
      const t = timeFromValue(own.get(name), opts.times);
      if (t !== null && !valueWasDate()) return t;
    }
    // A collector's time before the string's JSON (stern's), whole and with its zone, before the program's fields.
    const lead = fields?.lead?.();
    if (lead !== undefined) {
      const t = timeFromValue(lead, opts.times);
      if (t !== null) return t;
    }
  }
  if (fields !== undefined) {
    for (const name of named !== undefined ? [named] : TIME_FIELDS) {
      const v = fields.get(name);
      const paired = name === DATE_FIELD && named === undefined ? pairTime(v, fields.get(CLOCK_FIELD), opts.times) : null;
      if (paired !== null) return paired;
      const t = timeFromValue(v, opts.times);
      // A date alone (a DATE column as SQL Developer shows it): the time of day its text holds on that day, if any.
      if (t !== null) return valueWasDate() ? dayTime(t, findTimestamp(rec.text, opts.times, line)) : t;
      if (holdsTime(v)) held.push(v);
    }
  }
  if (held.length === 0) {
    const whole = valuesTime(rec.values, opts);
    if (whole !== null) return whole;
    if (fields !== undefined && (named !== undefined ? [named] : TIME_FIELDS).some((name) => noTimeValue(fields.get(name)))) return null;
    return findTimestamp(rec.text, opts.times, line || rec.malformed === true || rec.plain === true);
  }
  for (const v of held) {
    const t = typeof v === 'string' ? findTimestamp(v, opts.times, false) : null;
    if (t !== null) return t;
  }
  return null;
}

/**
 * Does a CSV file's first time column — --time-field's, when the header has it, else the first of the time
 * fields it has (as src/fast/csv-columns.ts columnsOf finds them) — say in its name that its times are UTC
 * (`TimeGenerated [UTC]`, `Date (UTC)`)? Its times, every one of its rows', are then read in UTC, whatever
 * --tz says. Per header (its rows share it).
 */
export function csvTimesUtc(header: readonly string[], opts: FieldOptions): boolean {
  const key = opts.timeField ?? '';
  let known = utcHeaders.get(header);
  if (known === undefined) utcHeaders.set(header, (known = new Map()));
  let utc = known.get(key);
  if (utc === undefined) {
    const index = headerIndex(header);
    const named = namedTimeField(opts.timeField, (name) => headerColumn(index, name) !== undefined);
    const first = (named !== undefined ? [named] : TIME_FIELDS).map((name) => headerColumn(index, name)).find((i) => i !== undefined);
    known.set(key, (utc = utcColumn(first === undefined ? undefined : header[first])));
  }
  return utc;
}
const utcHeaders = new WeakMap<readonly string[], Map<string, boolean>>();
