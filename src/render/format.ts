// Numbers, times and file notes as every renderer shows them: one place, so the markdown and the HTML agree.
import { SEEN_EXACT } from '../summary/accounts-seen.js';
import type { Report } from '../summary/report.js';
import type { InputNote } from '../summary/report-shape.js';
import { num, plural } from '../summary/count-text.js';
import { WIDTHS } from '../summary/buckets.js';
import { untimedOccurrences } from '../summary/untimed.js';

/** A count with thousands separators (50,000), and a count with its noun (their one home is summary/count-text.ts). */
export { num, plural };

/** A rate rounded to 3 significant figures, with separators: 1953.3276 → 1,950; 0.012345 → 0.0123. */
export function sig3(n: number): string {
  if (!Number.isFinite(n) || n === 0) return '0';
  return Number(n.toPrecision(3)).toLocaleString('en-US', { maximumFractionDigits: 20 });
}

/** A change of rate as a ratio: `×208`, `×0.5`, `new` when there was none before, `gone` when none now. */
export function ratio(now: number, before: number): string {
  if (before === 0) return now === 0 ? '×1' : 'new';
  if (now === 0) return 'gone';
  return `×${sig3(now / before)}`;
}

/** How finely a column of times is shown: every time in one column shares it. */
export interface TimeColumn {
  /** Show the date (the times span more than one UTC day). */
  readonly date: boolean;
  /** Show seconds (some time is not on a whole minute). */
  readonly seconds: boolean;
  /** Show milliseconds (some time is not on a whole second). */
  readonly millis: boolean;
  /** The one UTC day every time falls on, when `date` is false. */
  readonly day: string | null;
}

/** The precision that shows every time of the column exactly; null times are left out. */
export function timeColumn(times: readonly (string | null)[], sameDayAs: readonly (string | null)[] = []): TimeColumn {
  const all = times.filter((t): t is string => t !== null);
  const days = new Set([...all, ...sameDayAs.filter((t): t is string => t !== null)].map((t) => t.slice(0, 10)));
  return {
    date: days.size > 1,
    seconds: all.some((t) => t.slice(17, 19) !== '00' || t.slice(20, 23) !== '000'),
    millis: all.some((t) => t.slice(20, 23) !== '000'),
    day: days.size === 1 ? [...days][0]! : null,
  };
}

/** An ISO time (`2026-03-18T08:10:58.004Z`) at a column's precision: `08:10:58.004`, `2026-03-18 08:10`. */
export function showTime(iso: string | null, col: TimeColumn): string {
  if (iso === null) return '—';
  const clock = col.millis ? iso.slice(11, 23) : col.seconds ? iso.slice(11, 19) : iso.slice(11, 16);
  return col.date ? `${iso.slice(0, 10)} ${clock}` : clock;
}

/** A time in prose, whole: `2026-03-18 08:10:58.004Z` (no `.000`). */
export function fullTime(iso: string | null): string {
  return iso === null ? '—' : iso.replace('T', ' ').replace('.000Z', 'Z');
}

export type FileRow = Report['files'][number];

/** Widths of the report's buckets in milliseconds (`5m` → 300,000; 0 for none of WIDTHS). */
export function bucketMs(bucket: string): number {
  return WIDTHS.find(([name]) => name === bucket)?.[1] ?? 0;
}

/**
 * What the timeline leaves unsaid, after the sentence that names its buckets (markdown's and the HTML
 * caption's): the occurrences in no bucket (their records had no time), and a last bucket the logs end
 * early in (see partialLastBucket). Each sentence with a blank before it; empty when there is nothing.
 */
export function timelineNotes(r: Pick<Report, 'codes' | 'timeline' | 'timeRange' | 'window'>): string {
  const untimed = untimedOccurrences(r);
  const partial = partialLastBucket(r);
  return `${untimed > 0 ? ` ${plural(untimed, 'occurrence')} with no time (their records had none) are in no bucket.` : ''}${partial === '' ? '' : ` ${partial}`}`;
}

/**
 * A sentence when the timeline's last bucket holds less than half its width of logs (they end, or the window
 * does, inside it) and fewer occurrences than the one before: that is where the logs stop, not a decline.
 * Empty otherwise.
 */
export function partialLastBucket(r: Pick<Report, 'timeline' | 'timeRange' | 'window'>): string {
  const t = r.timeline;
  if (t.bucket === null || t.buckets.length < 2) return '';
  const width = bucketMs(t.bucket);
  const last = t.buckets[t.buckets.length - 1]!.start;
  const ends = [r.timeRange.end, r.window?.until ?? null].filter((x): x is string => x !== null).map(Date.parse);
  if (ends.length === 0 || width === 0) return '';
  const end = Math.min(...ends);
  const held = end - Date.parse(last);
  if (!(held >= 0) || held >= width / 2) return '';
  const total = (b: (typeof t.buckets)[number]): number => b.ERROR + b.WARN + b.INFO;
  if (total(t.buckets[t.buckets.length - 1]!) >= total(t.buckets[t.buckets.length - 2]!)) return '';
  return `The last bucket (from ${fullTime(last)}) holds the logs up to ${fullTime(new Date(end).toISOString())} only, less than half of its ${t.bucket}: its lower count is where the logs end, not a decline.`;
}

/** An input with something to say: not read whole, records skipped, malformed or untimed, records outside the window, a delimiter in doubt. */
export function noted(f: FileRow): boolean {
  return f.status !== 'ok' || f.skippedLines > 0 || (f.nulBytes ?? 0) > 0 || f.malformedRecords > 0 || f.untimedRecords > 0 || f.outsideWindow > 0 || delimiterDoubt(f) !== undefined || dateOrderDoubt(f) !== undefined;
}

/** What there is to say about an input, in a few words each (log text as code spans). */
export function fileNotes(f: FileRow, status: (s: string) => string, message: (s: string) => string): string[] {
  const notes: string[] = [];
  if (f.status !== 'ok') notes.push(`${status(f.status)}${f.message === undefined ? '' : ': ' + message(f.message)}`);
  if (f.skippedLines > 0) notes.push(`${plural(f.skippedLines, 'over-long line')} skipped`);
  if (f.nulBytes !== undefined && f.nulBytes > 0) notes.push(nulNote(f.nulBytes));
  const doubt = delimiterDoubt(f);
  if (doubt !== undefined) notes.push(doubt);
  else if (f.malformedRecords > 0) notes.push(`${plural(f.malformedRecords, 'malformed record')} read as text`);
  if (f.untimedRecords > 0) notes.push(f.untimedRecords === f.records ? 'no readable time' : `${plural(f.untimedRecords, 'untimed record')}`);
  const order = dateOrderDoubt(f);
  if (order !== undefined) notes.push(order);
  if (f.outsideWindow > 0) notes.push(`${plural(f.outsideWindow, 'record')} outside the window`);
  return notes;
}

/** What NUL bytes taken out of an input's text were likely to be (see src/input/nul-bytes.ts). */
export const nulNote = (n: number): string => `${plural(n, 'NUL byte')} taken out (padding, or UTF-16 text without a byte-order mark)`;

/** Values shown in a note are cut to this many characters. */
const EXAMPLE = 60;

/** One line on what an input's records lacked (stderr, the markdown and the HTML report say it alike). */
export function noteText(n: InputNote): string {
  const q = (s: string): string => JSON.stringify(s.length > EXAMPLE ? s.slice(0, EXAMPLE) + '…' : s);
  if (n.kind === 'missing-field') {
    const seen = n.seen ?? [];
    const list = seen.length === 0 ? '' : ` (${n.source === 'column' ? 'columns' : 'fields seen'}: ${seen.slice(0, 6).join(', ')}${seen.length > 6 ? ', …' : ''})`;
    const rows = n.source === 'column' ? 'rows' : 'records';
    const none = n.searched !== undefined ? `none of the first ${plural(n.searched, rows.slice(0, -1), rows)} has ${n.source === 'column' ? 'column' : 'field'}` : n.source === 'column' ? 'no row has column' : 'no record has field';
    const option = n.option ?? 'time-field';
    // A record without --time-field's field is timed as if none were named (recordTime): say so.
    return `${n.file}: ${none} ${q(n.field ?? '')} named by --${option}${list}${option === 'time-field' ? `; their times are read as without it` : ''}`;
  }
  if (n.kind === 'outside-records') return `${n.file}: an export with no record, whose other parts name catalog codes (an aggregation's buckets, a summary): none is counted; export the events themselves, or name their array with --records`;
  if (n.kind === 'one-document') {
    const arrays = n.arrays ?? [];
    const name = arrays.length === 0 ? ' (no array of events in it for --records to name)' : `; to count its events, name their array: ${arrays.map((a) => `--records ${a}`).join(' or ')}`;
    return `${n.file}: the record at line ${n.line ?? 1} is a document listing things, not an event: read as one record, each code counted once${name}`;
  }
  const place = n.field !== undefined ? `${n.source === 'column' ? 'column' : 'field'} ${n.field}` : `any ${n.source === 'line' ? 'line' : 'record'}`;
  const example = n.example !== undefined ? ` (e.g. ${q(n.example)})` : '';
  // A plain-text line has no fields: only a pattern can tell its time.
  return `${n.file}: no readable time in ${place}${example}; give --time-format${n.source === 'line' ? '' : ' or --time-field'}`;
}

export function formatOf(f: FileRow): string {
  const delimiter = f.delimiter !== undefined ? ` (delimiter ${delimiterName(f.delimiter)})` : '';
  return f.format + delimiter + (f.compressed ? ' (gzip)' : '') + (f.encoding !== 'utf-8' ? ` (${f.encoding})` : '');
}

/** A delimiter in prose: `';'`, `tab`, `pipe` (a `|` would split a markdown table's cell). */
const delimiterName = (d: string): string => (d === '\t' ? 'tab' : d === '|' ? 'pipe' : `'${d}'`);

/**
 * What a CSV file read with a delimiter that does not fit it was read with, and the delimiter that would fit
 * when one does: when more than half of its rows do not have the header's number of fields (`read as CSV
 * with ','; 110 of 110 rows have the wrong number of fields — is the delimiter ';'?`), or when they do but
 * another delimiter fits its header and first rows (a header of one field, rows of one field: `read as CSV
 * with tab; its header and first rows fit ';' — is the delimiter ';'?`). Undefined for any other file.
 */
export function delimiterDoubt(f: FileRow): string | undefined {
  if (f.format !== 'csv' || f.records === 0) return undefined;
  const used = `read as CSV with ${delimiterName(f.delimiter ?? ',')}`;
  const likely = f.likelyDelimiter !== undefined ? delimiterName(f.likelyDelimiter) : undefined;
  const guess = likely !== undefined ? ` — is the delimiter ${likely}?` : '';
  if (f.malformedRecords * 2 > f.records) return `${used}; ${num(f.malformedRecords)} of ${num(f.records)} rows have the wrong number of fields${guess}`;
  return likely !== undefined ? `${used}; its header and first rows fit ${likely}${guess}` : undefined;
}

/** What to say of a file whose dates may be misread (see FileStat.dateOrders and FileStat.modified), or undefined. */
export function dateOrderDoubt(f: FileRow): string | undefined {
  if (f.mixedDateOrder === true) {
    return "some dates could only be read in the other order (13/04/2026: 13 April), the rest were read in their separator's (07/04/2026: 4 July) — give --date-order dmy or mdy";
  }
  if (f.timesAfterModified !== true) return undefined;
  return "some times are later than the file was last changed: a date read month first may be day first (give --date-order dmy), a syslog time may have the wrong year (give --year, or --year YYYY-MM for a log across a year's turn)";
}

/**
 * The report's options as `name=value` pairs, as the markdown and the HTML show them: the ones set (not null,
 * not an empty list), each as it was typed when the report keeps that (`maxLineLength=64k`, `tolerance=30%`).
 */
export function optionPairs(options: Readonly<Record<string, unknown>>): string[] {
  const typed = (options['typed'] ?? {}) as Readonly<Record<string, string>>;
  return Object.entries(options)
    .filter(([k, v]) => k !== 'typed' && v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `${k}=${typed[k] ?? (typeof v === 'string' ? v : JSON.stringify(v))}`);
}

/** A share as a percentage people read at a glance: 40 %, 2.5 %, 0.04 %, < 0.01 %. */
export function percent(r: number): string {
  const x = r * 100;
  if (x === 0 || x >= 10) return `${Math.round(x)} %`;
  if (x >= 1) return `${Number(x.toFixed(1))} %`;
  return x < 0.01 ? '< 0.01 %' : `${Number(x.toPrecision(2))} %`;
}

/** The impact line: affected accounts out of all accounts seen, and when a count is not exact, so. */
export function impactLine(i: Report['impact']): string {
  if (i.accountsSeen === 0) return 'Impact: no accounts named in the records read';
  const seen = plural(i.accountsSeen, 'account');
  if (!i.bounded) return `Impact: ${num(i.affectedAccounts)} of ${seen} seen affected (${percent(i.ratio!)})`;
  const share = percent(i.ratio!);
  return `Impact: ${share.startsWith('<') ? '' : '≈ '}${share} of accounts seen affected (at least ${num(i.affectedAccounts)} of ≈ ${seen}; counted exactly up to ${num(SEEN_EXACT)})`;
}

/** How a renderer marks up a code and a place (file:line) in prose; the rest of a sentence is plain text. */
export interface ProseMarks {
  code(c: string): string;
  place(file: string, line: number): string;
}

/** Where the incident began, and the earliest ERROR of all when that is elsewhere: one sentence each (none: no ERROR). */
export function startHereSentences(r: Pick<Report, 'startHere' | 'firstError' | 'codes'>, m: ProseMarks): string[] {
  const f = r.firstError;
  const s = r.startHere;
  const at = (x: { time: string | null }): string => (x.time === null ? '' : ` at ${fullTime(x.time)}`);
  const out: string[] = [];
  // The code's first occurrence (a code new in the run), or a later one (a code seen before it: see onset).
  const first = s === null ? undefined : r.codes.find((c) => c.code === s.code)?.first;
  const why =
    first === undefined || (first.file === s!.file && first.line === s!.line && first.time === s!.time)
      ? 'the first ERROR code new in the run of ERROR buckets that holds the ERROR peak'
      : `the earliest of its occurrences kept as evidence from the start of the run of ERROR buckets that holds the ERROR peak on (it was seen before${first.time === null ? '' : `, from ${fullTime(first.time)}`})`;
  if (s !== null) out.push(`The incident began with ${m.code(s.code)}${at(s)}, in ${m.place(s.file, s.line)}: ${why}.`);
  const same = s !== null && f !== null && s.code === f.code && s.file === f.file && s.line === f.line;
  if (f !== null && !same) out.push(`The earliest ERROR seen is ${m.code(f.code)}${at(f)}, in ${m.place(f.file, f.line)}.`);
  return out;
}
