import type { Delimiter } from '../model/record.js';
import { CsvSplitter } from './csv-split.js';
import { fieldValues } from './csv.js';

/**
 * The delimiters a CSV file is read with, in the order that breaks a tie: `,` (RFC 4180), tab (Excel's and
 * Google Sheets' "Text" exports), `;` (Excel in locales whose decimal mark is `,`), `|`.
 */
export const DELIMITERS: readonly Delimiter[] = [',', '\t', ';', '|'];

/** How a CSV file is read: its delimiter, and a better one when the sample says so. */
export interface CsvDialect {
  readonly delimiter: Delimiter;
  /**
   * Another delimiter that the header and most of the first rows fit when `delimiter` does not: named by the
   * message a file with mostly malformed rows gets (`is the delimiter ';'?`).
   */
  readonly likely?: Delimiter;
}

/** Bytes of the head a dialect is told from (the same as the line ends: see DETECT_BYTES). */
const SAMPLE_BYTES = 64 * 1024;
/** Lines of the head a dialect is told from. */
const SAMPLE_LINES = 50;
/** Longest header name of a table found by its content. */
const MAX_NAME = 64;
/**
 * A header name of a table found by its content: a letter, `_`, `@` or `#` first (never a digit, so a log line
 * that starts with its time is no header), then no brackets, braces, `=`, `<>`, quotes or control characters;
 * a unit in brackets may end it (Azure's `TimeGenerated [UTC]`, `Duration [ms]`).
 */
const NAME = /^[\p{L}_@#][^\p{Cc}"'[\]{}<>=\\]*(?: \[[^\p{Cc}"'[\]{}<>=\\]{1,16}\])?$/u;

/** The first records of a head, as the splitter reads them, and whether they are all of the input. */
interface Sample {
  readonly bytes: Buffer;
  readonly whole: boolean;
}

/** The head's first SAMPLE_BYTES and SAMPLE_LINES: the same whatever was read past them. */
function sampleOf(head: Uint8Array, complete: boolean): Sample {
  const b = Buffer.from(head.buffer, head.byteOffset, Math.min(head.length, SAMPLE_BYTES));
  let whole = complete && head.length <= SAMPLE_BYTES;
  let nl = -1;
  for (let n = 0; n < SAMPLE_LINES; n++) {
    nl = b.indexOf(0x0a, nl + 1);
    if (nl === -1) break;
  }
  if (nl !== -1 && nl + 1 < b.length) whole = false;
  return { bytes: nl === -1 ? b : b.subarray(0, nl + 1), whole };
}

/** The field count of each record of the sample split by `d` (-1: a quote error), the header first. */
function fieldCounts(sample: Sample, d: Delimiter): number[] {
  const split = new CsvSplitter(Infinity, Infinity, d);
  const out: number[] = [];
  split.split(sample.bytes, 0, sample.bytes.length, true, { record: (_b, _s, _e, _l, bad) => out.push(bad ? -1 : split.nf), skipped: () => undefined });
  // The last record of a sample cut short may be cut too.
  if (!sample.whole && out.length > 1) out.pop();
  return out;
}

/** The share of rows (after the header) with the header's number of fields; 0 for a header of one field. */
function fit(counts: readonly number[]): number {
  const header = counts[0] ?? 0;
  if (header < 2 || counts.length < 2) return 0;
  return counts.slice(1).filter((n) => n === header).length / (counts.length - 1);
}

/**
 * The delimiter of a header: the one that splits it into the most fields (outside quotes: `"a,b";c` is two
 * fields split by `;`); a tie goes to the one most of the first rows agree with, then to the first of
 * DELIMITERS. `,` when none splits it.
 */
function headerDelimiter(counts: ReadonlyMap<Delimiter, number[]>): Delimiter {
  let best: Delimiter = ',';
  let most = 1;
  let agree = 0;
  for (const d of DELIMITERS) {
    const c = counts.get(d)!;
    const n = c[0] ?? 0;
    const f = fit(c);
    if (n > most || (n === most && n > 1 && f > agree)) {
      best = d;
      most = n;
      agree = f;
    }
  }
  return best;
}

/**
 * The delimiter a line of Excel's naming one names (`sep=;`, `sep=` and a tab), when it is one of DELIMITERS;
 * undefined for any other line (`sep=:` too: then it is a header). Such a line, first in a CSV file, is
 * neither its header nor a row (see csvHeader).
 */
export function sepDelimiter(line: string): Delimiter | undefined {
  const d = /^sep=(.)[ \r]*$/i.exec(line)?.[1] as Delimiter | undefined;
  return d !== undefined && DELIMITERS.includes(d) ? d : undefined;
}

/**
 * A line a tool writes before a CSV file's header, neither header nor row (see csvHeader): Excel's `sep=`
 * line (see sepDelimiter), or the `#TYPE System.Diagnostics…` line of Windows PowerShell's Export-Csv.
 */
export function preambleLine(line: string): boolean {
  return sepDelimiter(line) !== undefined || line.startsWith('#TYPE ');
}

/** A sample's first line when it is a preamble (see preambleLine): the delimiter it names, if any, and the sample after it. */
function preamble(sample: Sample): { delimiter: Delimiter | undefined; rest: Sample } | undefined {
  const b = sample.bytes;
  const nl = b.indexOf(0x0a);
  const line = b.toString('latin1', 0, nl === -1 ? b.length : nl);
  if (!preambleLine(line)) return undefined;
  return { delimiter: sepDelimiter(line), rest: { bytes: b.subarray(nl === -1 ? b.length : nl + 1), whole: sample.whole } };
}

/**
 * How a CSV input is read, from its first bytes: `forced` (`--delimiter`) when given, else the one Excel's
 * `sep=` first line names (as Excel reads it, whatever the name), tab for a `.tsv` or `.tab` name, else the
 * delimiter of its header (see headerDelimiter). `likely` is set when the delimiter read with fits fewer
 * than half of the first rows and another fits more.
 */
export function csvDialect(name: string, head: Uint8Array, complete: boolean, forced?: Delimiter): CsvDialect {
  let sample = sampleOf(head, complete);
  const sep = preamble(sample);
  if (sep !== undefined) sample = sep.rest;
  const counts = new Map(DELIMITERS.map((d) => [d, fieldCounts(sample, d)] as const));
  const delimiter = forced ?? sep?.delimiter ?? (/\.(tsv|tab)$/i.test(name) ? '\t' : headerDelimiter(counts));
  if (fit(counts.get(delimiter)!) > 0.5) return { delimiter };
  let likely: Delimiter | undefined;
  let best = 0.5;
  for (const d of DELIMITERS) {
    const f = fit(counts.get(d)!);
    if (d !== delimiter && f > best) {
      likely = d;
      best = f;
    }
  }
  return likely === undefined ? { delimiter } : { delimiter, likely };
}

/**
 * True when an input of no CSV name is a table by its content (CSV on standard input, Excel's "Unicode Text"
 * `.txt`): its first line is a header of at least two distinct names (see NAME), split by one of DELIMITERS;
 * every one of the first rows — at least one — has as many fields (or, two rows or more, each one more: a
 * last column with no name, see oneUnnamed), none holds its column's name, and one
 * holds a digit (a time, a count: prose split by its commas holds none). A `.log` file is never one: taken
 * for a table, a log's first line would be read as a header, not as a record.
 */
export function looksLikeTable(name: string, head: Uint8Array, complete: boolean): boolean {
  if (/\.log(\.\d+)?$/i.test(name)) return false;
  // Excel's `sep=` line or PowerShell's `#TYPE` line first: the table is what follows it.
  let sample = sampleOf(head, complete);
  sample = preamble(sample)?.rest ?? sample;
  // Most logs show at once that their first line is no header: no delimiter in it, or a digit first.
  const b = sample.bytes;
  let i = 0;
  while (i < b.length && (b[i] === 0x0a || b[i] === 0x0d || b[i] === 0x20)) i++;
  const c = b[i];
  if (c === undefined || (c >= 0x30 && c <= 0x39) || c === 0x7b || c === 0x5b) return false;
  const end = b.indexOf(0x0a, i);
  const first = b.subarray(i, end === -1 ? b.length : end);
  if (!DELIMITERS.some((d) => first.includes(d.charCodeAt(0)))) return false;
  const counts = new Map(DELIMITERS.map((d) => [d, fieldCounts(sample, d)] as const));
  const d = headerDelimiter(counts);
  const rows = counts.get(d)!;
  return (fit(rows) === 1 || oneUnnamed(rows)) && headerOverRows(sample, d);
}

/**
 * Is every row (two or more) one field wider than a header of three names or more: a last column with no
 * name, as Event Viewer's "Save All Events As… Text (Tab delimited)" and CSV give the event's description?
 */
function oneUnnamed(counts: readonly number[]): boolean {
  const header = counts[0] ?? 0;
  return header >= 3 && counts.length >= 3 && counts.slice(1).every((n) => n === header + 1);
}

/** The sample's records split by d, each field trimmed (a quote error: none); the last one of a cut sample left out. */
function rowsOf(sample: Sample, d: Delimiter): string[][] {
  const split = new CsvSplitter(Infinity, Infinity, d);
  const rows: string[][] = [];
  split.split(sample.bytes, 0, sample.bytes.length, true, {
    record: (buf, _s, _e, _l, bad) => void rows.push(bad ? [] : fieldValues(buf, split).map((v) => v.trim())),
    skipped: () => undefined,
  });
  if (!sample.whole) rows.pop();
  return rows;
}

/**
 * The first records of a CSV input's head as its dialect splits them (after Excel's `sep=` or PowerShell's
 * `#TYPE` line), each field trimmed: the header, then up to SAMPLE_LINES rows.
 */
export function firstRows(head: Uint8Array, complete: boolean, d: Delimiter): string[][] {
  const sample = sampleOf(head, complete);
  return rowsOf(preamble(sample)?.rest ?? sample, d);
}

/** True when the sample's header, split by d, is distinct names (see NAME) that no row repeats, over rows with a digit. */
function headerOverRows(sample: Sample, d: Delimiter): boolean {
  const [names, ...body] = rowsOf(sample, d).map((r) => r.map((v) => v.toLowerCase()));
  if (names === undefined || names.length < 2 || new Set(names).size !== names.length) return false;
  if (!names.every((n) => n.length <= MAX_NAME && NAME.test(n))) return false;
  // The header again after rows (`cat a.csv b.csv`, `copy /b`: two exports joined) is no row; a value its
  // column names is (and so is a first line said again at once: a log repeating itself).
  const rows = body.filter((r, i) => i === 0 || r.length !== names.length || r.some((v, k) => v !== names[k]));
  if (rows.some((r) => r.some((v, k) => v === names[k]))) return false;
  return rows.some((r) => r.some((v) => /[0-9]/.test(v)));
}

/** A delimiter as typed (`--delimiter`, the `delimiter` config key): `,` `;` `|`, or `tab` / `\t` / a tab. */
export function parseDelimiter(typed: string): Delimiter | undefined {
  const t = typed === '\t' ? typed : typed.trim().toLowerCase();
  if (t === 'tab' || t === '\\t' || t === '\t') return '\t';
  return (DELIMITERS as readonly string[]).includes(t) ? (t as Delimiter) : undefined;
}
