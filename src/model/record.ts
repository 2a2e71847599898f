// A record: what a reader yields, and the kinds of input it comes from. Types and the names of the fields
// the rules read: every stage may import them.

/**
 * A structured record's code fields, in turn (see codeFieldValue in src/extract/record.ts): JSON keys as
 * written, camelCase and PascalCase too (.NET, Serilog and Azure write `ErrorCode`); a CSV header in any case
 * and spacing (see headerColumn). Lower-cased, the keys whose values plain text gives unknown codes by.
 */
export const CODE_FIELDS = ['code', 'error_code', 'errorCode', 'Code', 'ErrorCode'] as const;
// Timestamp: Serilog's JsonFormatter, .NET and PowerShell objects (ConvertTo-Json, `/Date(ms)/`); __REALTIME_TIMESTAMP: journald's (`journalctl -o json`), microseconds as a string; TimeGenerated: Azure Monitor's
// and Log Analytics'; TimeCreated: Windows events (PowerShell's Get-WinEvent); eventTime: CloudTrail's; _time:
// Splunk's CSV export; @t: Serilog's compact JSON; time_local: nginx's JSON access logs (`07/Apr/2026:09:14:02 +0200`).
// timeMillis and instant: log4j2 JsonLayout's (epoch milliseconds before 2.11; then an object of epochSecond and
// nanoOfSecond, see timeFromValue). `date` last: it may hold a date alone (midnight), or one read with `time` (see pairTime), a device's local
// one beside an exporter's UTC time.
/** A structured record's time fields, in turn (see recordTime in src/extract/record.ts). */
export const TIME_FIELDS = ['timestamp', 'time', 'Timestamp', '@timestamp', 'ts', 'datetime', '__REALTIME_TIMESTAMP', 'TimeGenerated', 'TimeCreated', 'eventTime', 'lastTimestamp', '_time', '@t', 'time_local', 'timeMillis', 'instant', 'messageTime', 'date'] as const;

/**
 * The field --time-field names when a record has it (`holds`): then its one time field; a record without it
 * is timed by TIME_FIELDS, as if none were named (see recordTime in src/extract/record.ts).
 */
export const namedTimeField = (timeField: string | undefined, holds: (name: string) => boolean): string | undefined =>
  timeField !== undefined && holds(timeField) ? timeField : undefined;

/** Field names whose values are accounts in structured records (see src/extract/accounts.ts). */
export const ACCOUNT_FIELDS = ['account', 'user', 'email', 'mailbox'] as const;

/**
 * A JSON line's (or array element's) message fields, in turn: the line a program wrote, as a collector keeps
 * it (Docker's json-file and Fluent Bit: `log`; Filebeat, Elastic, CloudWatch, Datadog: `message`; Google
 * Cloud: `textPayload`). A JSON line whose message is a stack trace's later line (a frame, `Caused by:`: see
 * src/wasm/line-heads.ts traceAt) carries on the record before it, as such a line under a collector's time
 * does in plain text (see RECORD_LINES_MAX, TRACE_GAP_MS): a collector makes a record of each line a program
 * writes, and an exception's `Caused by:` names its code again.
 */
export const MESSAGE_FIELDS = ['log', 'message', 'textPayload'] as const;

/** How an input's records are read (YAML: its documents as a JSON array's elements, see src/input/yaml.ts). */
export type InputFormat = 'text' | 'jsonl' | 'csv' | 'json' | 'yaml';

/** The format asked for: one of them, or `auto` to detect it per input. */
export type FormatChoice = InputFormat | 'auto';

/** The byte between a CSV file's fields (`\t`: tab-separated, as Excel's "Text" and "Unicode Text" exports). */
export type Delimiter = ',' | ';' | '\t' | '|';

/** Text encoding an input is read in (UTF-16 is decoded to UTF-8 on the way in). */
export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** Named access to a structured record's fields (a JSON object or a CSV row). */
export interface Fields {
  get(name: string): unknown;
  /** The names of its fields as written, in order (what a warning lists when a named field is missing). */
  names?(): readonly string[];
  /** An element's fields but those in objects a string holds (a `message` or `log` of JSON): see recordTime. */
  own?(): Fields | undefined;
  /** The time a collector wrote before a string's JSON (`stern -o json --timestamps`): the element's own, after its own time fields. */
  lead?(): string | undefined;
}

/** One record as a reader yields it. */
export interface RawRecord {
  /** 1-based physical line where the record starts. */
  readonly line: number;
  /** The record's text: the line, the CSV record, the JSON element. */
  readonly text: string;
  /** Present for a structured record that parsed. */
  readonly fields?: Fields | undefined;
  /** A CSV record's values in order (a row, or one of another width; none after a quote error). */
  readonly values?: readonly string[] | undefined;
  /** A structured record that did not parse: its text is scanned as plain text. */
  readonly malformed?: boolean;
  /** A line of text among JSON lines behind a collector's head (no `{` after its head): read as plain text, not malformed. */
  readonly plain?: boolean;
  /** A JSON line behind a collector's head that holds a time: that time, not its time fields', is its own (but with --time-field). */
  readonly headTime?: boolean;
  /** Too long to read: counted, not scanned. */
  readonly skipped?: boolean;
}

/**
 * Plain text is read as events: a line with a time of its own starts a record, as does a line starting with
 * a time of day alone (src/wasm/line-heads.ts clockFirst: its time is that time of day on the local date of
 * the time before it, the next day past midnight, src/wasm/time-civil.ts clockAfter; with no time before
 * it, it has none), and the lines
 * after it without one (stack frames, `Caused by:`, wrapped text; such a line under a collector's time, as
 * `kubectl logs --timestamps` writes it, too, when that time is less than TRACE_GAP_MS after the record's:
 * src/wasm/line-heads.ts traceAfterTime, records.ts recordLine) join it, up to RECORD_LINES_MAX lines or
 * until it holds RECORD_BYTES_MAX bytes (each line counted with one byte for its end, a `\r` before it not
 * counted); then a new record starts, still taking the same time. Lines before a file's first time are
 * records of their own.
 */
export const RECORD_LINES_MAX = 1000;
/** A stack trace's line under a collector's time joins the record before it when its time is less than this many ms after the record's. */
export const TRACE_GAP_MS = 1000;
/** The longest exception name a line may start with and still be one's head (bytes; see src/wasm/line-heads.ts continuesAt). */
export const EXCEPTION_NAME_LONGEST = 256;
export const RECORD_BYTES_MAX = 1 << 20;
/** A CSV record's first fields, those a time is looked for in when no time column holds one (see recordTime). */
export const CSV_FIELDS_READ = 64;
