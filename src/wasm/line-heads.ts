// How a plain-text line starts, for the rules of its time and its record (src/model/record.ts): a line that
// carries on a record (an exception's head, journalctl's own lines) or starts with a time of day alone has no
// time further in than right after its first word (src/wasm/times.ts timeIn); a time of day alone starts a
// record (src/wasm/records.ts); a stack trace's line under a collector's time carries one on.
import { bytesAt, isAlnum, isDigit, jsonBlank } from './bytes';
import { EXCEPTION_NAME_LONGEST } from './generated';
import { clockAt, clockOfDay, fraction, gluedZone, hour, minute, numEnd, offset, second } from './time-parts';
import { IN_ZONE } from './time-civil';
import { monthEnd, monthName } from './time-months';
import { afterSource, afterStreamName, blankIn16, slashIn16, sourceKey } from './line-sources';

// The heads of lines that carry on a record (see continuesAt), and how an exception's name ends.
const CAUSED_BY = memory.data<u8>([0x43, 0x61, 0x75, 0x73, 0x65, 0x64, 0x20, 0x62, 0x79, 0x3a]);
// `Exception in thread `
const IN_THREAD = memory.data<u8>([0x45, 0x78, 0x63, 0x65, 0x70, 0x74, 0x69, 0x6f, 0x6e, 0x20, 0x69, 0x6e, 0x20, 0x74, 0x68, 0x72, 0x65, 0x61, 0x64, 0x20]);
// `panic: `
const PANIC = memory.data<u8>([0x70, 0x61, 0x6e, 0x69, 0x63, 0x3a, 0x20]);
// `Unhandled exception. ` (.NET's crash output on stderr)
const UNHANDLED = memory.data<u8>([0x55, 0x6e, 0x68, 0x61, 0x6e, 0x64, 0x6c, 0x65, 0x64, 0x20, 0x65, 0x78, 0x63, 0x65, 0x70, 0x74, 0x69, 0x6f, 0x6e, 0x2e, 0x20]);
// `-- ` (and ` --` at the end of the line: journalctl's own lines)
const DASHES = memory.data<u8>([0x2d, 0x2d, 0x20]);
const DASHES_END = memory.data<u8>([0x20, 0x2d, 0x2d]);
// `Suppressed:`, `---> `
const SUPPRESSED = memory.data<u8>([0x53, 0x75, 0x70, 0x70, 0x72, 0x65, 0x73, 0x73, 0x65, 0x64, 0x3a]);
const INNER = memory.data<u8>([0x2d, 0x2d, 0x2d, 0x3e, 0x20]);
// `stdout `, `stderr ` (CRI's stream), `at `, `... `, `File "`, `--- End of `: a stack trace's lines after a collector's time (see traceAfterTime)
const STDOUT = memory.data<u8>([0x73, 0x74, 0x64, 0x6f, 0x75, 0x74, 0x20]);
const STDERR = memory.data<u8>([0x73, 0x74, 0x64, 0x65, 0x72, 0x72, 0x20]);
const AT = memory.data<u8>([0x61, 0x74, 0x20]);
const DOTS = memory.data<u8>([0x2e, 0x2e, 0x2e, 0x20]);
const FILE = memory.data<u8>([0x46, 0x69, 0x6c, 0x65, 0x20, 0x22]);
const FILE_JSON = memory.data<u8>([0x46, 0x69, 0x6c, 0x65, 0x20, 0x5c, 0x22]);
const END_OF = memory.data<u8>([0x2d, 0x2d, 0x2d, 0x20, 0x45, 0x6e, 0x64, 0x20, 0x6f, 0x66, 0x20]);
// `#011`: a tab as rsyslog writes it
const TAB_ESCAPED = memory.data<u8>([0x23, 0x30, 0x31, 0x31]);
const EXCEPTION = memory.data<u8>([0x45, 0x78, 0x63, 0x65, 0x70, 0x74, 0x69, 0x6f, 0x6e]);
const ERROR = memory.data<u8>([0x45, 0x72, 0x72, 0x6f, 0x72]);

/**
 * May only a time at the start of the line [s, e), or right after its first word, be its own? When it carries
 * on the record before it (continuesAt), or starts with a time of day alone (clockFirst): a date further in
 * is one it mentions.
 */
export function startOnly(s: usize, e: usize): bool {
  return continuesAt(s, e) || clockFirst(s, e);
}

/** Past the blanks (spaces, tabs) from p. */
@inline function afterBlanks(p: usize, e: usize): usize {
  while (p < e && (load<u8>(p) == 0x20 || load<u8>(p) == 0x09)) p++;
  return p;
}

/**
 * Where a time or clock at a line's start is read (p its start, or past its first word): past blanks and one
 * `[`, `(`, `"` or `<`, or syslog's priority (`<131>`, as `logger` and a relay write a line).
 */
export function headAt(p: usize, e: usize): usize {
  p = afterBlanks(p, e);
  if (p < e) {
    const c = load<u8>(p);
    if (c == 0x3c) {
      let q = p + 1;
      while (q < e && q - p <= 3 && isDigit(load<u8>(q))) q++;
      return q > p + 1 && q < e && load<u8>(q) == 0x3e ? q + 1 : p + 1;
    }
    if (c == 0x5b || c == 0x28 || c == 0x22) p++;
  }
  return p;
}

/** Where the first word of the line [s, e) ends: past its blanks and the bytes up to the next blank. */
export function wordEnd(s: usize, e: usize): usize {
  let p = afterBlanks(s, e);
  while (p < e && load<u8>(p) != 0x20 && load<u8>(p) != 0x09) p++;
  return p;
}

/**
 * Does the line [s, e) carry on a record: journalctl's own lines (`-- Boot … --`, `-- Journal begins at … --`),
 * or, after any blanks, the head of an exception in a stack trace — `Caused by:`, `Suppressed:`, .NET's
 * `---> ` and `Unhandled exception. `, `Exception in thread "…" `, Go's `panic: `, a name ending in
 * `Exception` or `Error` then `:`
 * (`java.lang.IllegalStateException:`, `ValueError:`, Node's `Error:`)? A date further in on it is one it
 * mentions, not its own. (Indentation alone tells nothing: log4j's right-aligned levels, grep's context
 * lines and pretty-printed records put real times on indented lines.)
 */
export function continuesAt(s: usize, e: usize): bool {
  if (s >= e) return false;
  if (bytesAt(s, e, DASHES, 3) && e >= s + 6 && bytesAt(e - 3, e, DASHES_END, 3)) return true;
  const p = afterBlanks(s, e);
  if (bytesAt(p, e, CAUSED_BY, 10) || bytesAt(p, e, SUPPRESSED, 11) || bytesAt(p, e, INNER, 5) || bytesAt(p, e, IN_THREAD, 20) || bytesAt(p, e, PANIC, 7)) return true;
  if (bytesAt(p, e, UNHANDLED, 21)) return true;
  let q = p;
  while (q < e && q - p < <usize>EXCEPTION_NAME_LONGEST && isNameByte(<u32>load<u8>(q))) q++;
  if (q >= e || load<u8>(q) != 0x3a) return false;
  return (q >= p + 9 && bytesAt(q - 9, q, EXCEPTION, 9)) || (q >= p + 5 && bytesAt(q - 5, q, ERROR, 5));
}

/** What traceAfterTime asks first, on every line that starts with a time: one blank, then a byte a trace's line, CRI's stream or a host may start with. */
@inline export function mayTrace(t: usize, e: usize): bool {
  if (t + 1 >= e || load<u8>(t) != 0x20) return false;
  const c = load<u8>(t + 1);
  return c <= 0x2d || c == 0x43 || c == 0x53 || isDigit(c) || (c >= 0x61 && c <= 0x7a);
}

/**
 * Is the line [s, e), whose time at its very start ends at t, a stack trace's line under a collector's time:
 * after one blank — and CRI's `stdout F ` or `stderr P ` (containerd's files under /var/log/pods), or
 * syslog's and journalctl's `host tag[pid]: ` or Heroku's `app[web.1]: `, or `aws logs tail`'s stream — a frame or an exception's later
 * head (see traceAt)? `kubectl logs --timestamps`, `docker logs -t`, CRI, the journal and `heroku logs` put a
 * time before each line a program writes: such a line carries on the record before it, as it does without
 * that time (its code named again by a `Caused by:` counts once) when written with it (src/wasm/records.ts
 * recordLine). An exception's head still starts a record.
 */
export function traceAfterTime(t: usize, e: usize): bool {
  if (t + 1 >= e || load<u8>(t) != 0x20) return false;
  const p = t + 1;
  const c = load<u8>(p);
  // What a trace's line starts with: a blank, rsyslog's `#011`, `Caused by:`, `Suppressed:`, `--->`.
  if (c == 0x20 || c == 0x09 || c == 0x23 || c == 0x43 || c == 0x53 || c == 0x2d) return traceAt(p, e);
  if (c == 0x73) {
    const q = afterStream(p, e);
    if (q > p) return traceAt(q, e);
  }
  // A host's name (in lower case, as syslog writes it) before the tag: most lines here start with a level.
  if (!isDigit(c) && (c < 0x61 || c > 0x7a)) return false;
  if (plainWord(p, e)) return false;
  const q = afterSyslogHead(p, e);
  if (q > p && traceAt(q, e)) return true;
  const w = afterStreamName(p, e);
  return w > p && traceAt(w, e);
}

/**
 * A collector's source before the time at a line's start (`kubectl logs --prefix --timestamps`' `[pod/…] `,
 * `docker compose logs -t`' `name-1  | `, stern's names): where its RFC 3339 time starts; s when none is there.
 */
export function sourcedTimeAt(s: usize, e: usize): usize {
  const p = afterSource(s, e);
  return p != s && afterRfc3339(p, e) != p ? p : s;
}

/** Can a line that traceAt says yes to start with the byte c: a blank, a tab, rsyslog's `#011`, a JSON escape, `Caused by:`, `Suppressed:`, `--->`? */
@inline export function mayStartTrace(c: u32): bool {
  return c == 0x20 || c == 0x09 || c == 0x23 || c == 0x5c || c == 0x43 || c == 0x53 || c == 0x2d;
}

/**
 * Does a stack trace's line other than its first head start at p: a frame — after blanks (or rsyslog's
 * `#011` for a tab, or a JSON string's escaped blank: a message field's, src/wasm/json-records.ts), `at ` (Java, .NET, Node), `... 2 more`, Python's `File "` — or, after any, `Caused by:`,
 * `Suppressed:`, .NET's `---> ` or `--- End of `?
 */
export function traceAt(p: usize, e: usize): bool {
  let q = p;
  for (;;) {
    let k: usize = 0;
    if (q < e && (load<u8>(q) == 0x20 || load<u8>(q) == 0x09)) q++;
    else if (bytesAt(q, e, TAB_ESCAPED, 4)) q += 4;
    else if ((k = jsonBlank(q, e)) != 0) q += k;
    else break;
  }
  if (q >= e) return false;
  if (q > p && (bytesAt(q, e, AT, 3) || bytesAt(q, e, FILE, 6) || bytesAt(q, e, FILE_JSON, 7) || (bytesAt(q, e, DOTS, 4) && q + 4 < e && isDigit(load<u8>(q + 4))))) return true;
  const c = load<u8>(q);
  if (c == 0x43) return bytesAt(q, e, CAUSED_BY, 10);
  if (c == 0x53) return bytesAt(q, e, SUPPRESSED, 11);
  return c == 0x2d && (bytesAt(q, e, INNER, 5) || bytesAt(q, e, END_OF, 11));
}

/**
 * Past a collector's head at s (src/input/fields.ts COLLECTOR_HEAD): a record separator (0x1E, JSON text
 * sequences), the source — `[pod/name/container] `
 * (`kubectl logs --prefix`), `name-1  | ` (`docker compose logs`), `pod container ` (stern) — then an RFC
 * 3339 time at the line's very start (or after that source) — `YYYY-MM-DDTHH:MM:SS`, a fraction of 1 to 9
 * digits after `.`, `Z` or `±hh:mm` — one blank and CRI's `stdout F ` (`stderr`, `P`) or Loki's labels
 * (`logcli query`), each part optional; s when none is there.
 */
export function afterCollectorHead(s: usize, e: usize): usize {
  const p = afterSource(s < e && load<u8>(s) == 0x1e ? s + 1 : s, e);
  const r = afterRfc3339(p, e);
  const t = r != p && r < e && (load<u8>(r) == 0x20 || load<u8>(r) == 0x09) ? r + 1 : p;
  collectorTimed = t != p;
  if (t == p) {
    // Syslog's time (no year, no zone: the record's time is the JSON's own, else the line's), a host and a tag.
    const y = afterSyslogTime(p, e);
    const w = y == p ? y : afterWords(y, e, 1);
    return w == y ? p : w;
  }
  const q = afterStream(t, e);
  if (q != t) return q;
  // Past Loki's labels (when no JSON follows them, the caller finds no `{` there: a line of text).
  const l = afterLabels(t, e);
  return l != t ? l : afterWords(t, e, 0);
}

/**
 * Past the words of a head after its time at p — a stream's name (`aws logs tail`), a dyno's
 * (`app[worker.1]:`), Fluentd's tag, a host and a tag — up to two, each with no blank in it, not starting
 * with `{` or `"`, no white space in it, and a blank or a tab after it; none past a word a `{` follows. p
 * when fewer than `least`.
 */
function afterWords(p: usize, e: usize, least: i32): usize {
  let q = p;
  let n = 0;
  while (n < 2 && q < e) {
    const c = load<u8>(q);
    if (c == 0x7b || c == 0x22 || c <= 0x20) break;
    // A word ends at white space (a line end too, should the bytes go on past it).
    let w = q + 1;
    while (w < e && load<u8>(w) > 0x20) w++;
    if (w >= e || (load<u8>(w) != 0x20 && load<u8>(w) != 0x09)) break;
    q = w + 1;
    n++;
    if (q < e && load<u8>(q) == 0x7b) break;
  }
  return n >= least ? q : p;
}

/** Past syslog's `Mmm dd HH:MM:SS` (the day padded with a blank; a fraction after the seconds) and one blank at p; else p. */
export function afterSyslogTime(p: usize, e: usize): usize {
  if (p + 16 > e) return p;
  const c = <u32>load<u8>(p);
  // A month's three letters as syslog writes them: a capital, then two small ones (`Apr`).
  if (c < 0x41 || c > 0x5a || load<u8>(p + 1) < 0x61 || load<u8>(p + 2) < 0x61 || monthName(p, e) == 0 || monthEnd != p + 3 || load<u8>(p + 3) != 0x20) return p;
  const d = <u32>load<u8>(p + 4);
  if ((d != 0x20 && !isDigit(d)) || !isDigit(load<u8>(p + 5)) || load<u8>(p + 6) != 0x20) return p;
  for (let i: usize = 7; i < 15; i++) {
    const x = load<u8>(p + i);
    if (i == 9 || i == 12 ? x != 0x3a : !isDigit(x)) return p;
  }
  let q = p + 15;
  if (q < e && load<u8>(q) == 0x2e) {
    let f = q + 1;
    while (f < e && f - q <= 9 && isDigit(load<u8>(f))) f++;
    if (f == q + 1) return p;
    q = f;
  }
  return q < e && load<u8>(q) == 0x20 ? q + 1 : p;
}

/** Past an RFC 3339 time and the one blank after it at p (a collector's, see afterRfc3339); p when they are not there. */
export function afterTimeBlank(p: usize, e: usize): usize {
  const t = afterRfc3339(p, e);
  return t != p && t < e && load<u8>(t) == 0x20 ? t + 1 : p;
}

/**
 * Past Loki's label set and the blanks after it at p — `{}` or `{name="value", name="value"}` (a name: a
 * letter or `_`, then letters, digits, `_`; a value: a quoted string with `\` escapes), then one blank or
 * more — as `logcli query` writes it after a line's time; else p.
 */
function afterLabels(p: usize, e: usize): usize {
  if (p >= e || load<u8>(p) != 0x7b) return p;
  let q = p + 1;
  if (q < e && load<u8>(q) != 0x7d) {
    while (true) {
      if (q >= e || !isLabelStart(<u32>load<u8>(q))) return p;
      q++;
      while (q < e && (isLabelStart(<u32>load<u8>(q)) || isDigit(load<u8>(q)))) q++;
      if (q + 1 >= e || load<u8>(q) != 0x3d || load<u8>(q + 1) != 0x22) return p;
      q += 2;
      while (q < e && load<u8>(q) != 0x22) q += load<u8>(q) == 0x5c ? 2 : 1;
      if (q >= e) return p;
      q++;
      if (q + 1 < e && load<u8>(q) == 0x2c && load<u8>(q + 1) == 0x20) q += 2;
      else break;
    }
    if (q >= e || load<u8>(q) != 0x7d) return p;
  }
  q++;
  if (q >= e || load<u8>(q) != 0x20) return p;
  while (q < e && load<u8>(q) == 0x20) q++;
  return q;
}

/** A label name's first byte: a letter or `_`. */
@inline function isLabelStart(c: u32): bool {
  return ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || c == 0x5f;
}

/** Set by afterCollectorHead: the head it read holds a time. */
export let collectorTimed: bool = false;

/** Past CRI's `stdout F ` (`stderr`, `P`: a line's last or a partial piece) at p; else p. */
function afterStream(p: usize, e: usize): usize {
  return p + 9 <= e && (bytesAt(p, e, STDOUT, 7) || bytesAt(p, e, STDERR, 7)) && (load<u8>(p + 7) == 0x46 || load<u8>(p + 7) == 0x50) && load<u8>(p + 8) == 0x20 ? p + 9 : p;
}

/** Past an RFC 3339 time at p (see afterCollectorHead); p when there is none. */
export function afterRfc3339(p: usize, e: usize): usize {
  if (p + 20 > e) return p;
  for (let i: usize = 0; i < 19; i++) {
    const c = load<u8>(p + i);
    const mark: u8 = i == 4 || i == 7 ? 0x2d : i == 10 ? 0x54 : i == 13 || i == 16 ? 0x3a : 0;
    if (mark != 0 ? c != mark : !isDigit(c)) return p;
  }
  let q = p + 19;
  if (load<u8>(q) == 0x2e) {
    let f = q + 1;
    while (f < e && f - q <= 9 && isDigit(load<u8>(f))) f++;
    if (f == q + 1) return p;
    q = f;
  }
  if (q < e && load<u8>(q) == 0x5a) return q + 1;
  if (q + 6 <= e && (load<u8>(q) == 0x2b || load<u8>(q) == 0x2d) && isDigit(load<u8>(q + 1)) && isDigit(load<u8>(q + 2)) && load<u8>(q + 3) == 0x3a && isDigit(load<u8>(q + 4)) && isDigit(load<u8>(q + 5))) return q + 6;
  return p;
}

/**
 * Past syslog's `host tag[pid]: ` or `host tag: ` at p (a host's name: lowercase letters, digits, `.`, `-`;
 * one blank; a tag of letters, digits, `_`, `-`, `.`, `/`), or Heroku's `app[web.1]: ` (`heroku logs`: a
 * source in host's bytes and its dyno, no host); else p.
 */
function afterSyslogHead(p: usize, e: usize): usize {
  let q = p;
  // A host's name: lowercase letters, digits, `.` and `-` (a logfmt `level=` or a message's word stops here at once).
  while (q < e && q - p < 256 && isHostByte(<u32>load<u8>(q))) q++;
  if (q == p || q >= e) return p;
  if (load<u8>(q) == 0x5b) return afterId(q, e, false, p);
  if (load<u8>(q) != 0x20) return p;
  const tag = ++q;
  while (q < e && q - tag < 256 && isTagByte(<u32>load<u8>(q))) q++;
  if (q == tag || q >= e) return p;
  if (load<u8>(q) == 0x5b) return afterId(q, e, true, p);
  return q + 1 < e && load<u8>(q) == 0x3a && load<u8>(q + 1) == 0x20 ? q + 2 : p;
}

/** Past `[id]: ` at q (a pid: digits; a dyno: a tag's bytes, at most 256); else p. */
function afterId(q: usize, e: usize, pid: bool, p: usize): usize {
  const id = ++q;
  while (q < e && (pid ? isDigit(load<u8>(q)) : q - id < 256 && isTagByte(<u32>load<u8>(q)))) q++;
  return q > id && q + 2 < e && load<u8>(q) == 0x5d && load<u8>(q + 1) == 0x3a && load<u8>(q + 2) == 0x20 ? q + 3 : p;
}

/**
 * Is the word at p (its blank within 16 bytes, before e) no host's name before a tag and no log stream's name
 * (see traceAfterTime): a byte no host's name holds, not `[`, before its blank, and no `/`? (logfmt's `level=`)
 */
@inline function plainWord(p: usize, e: usize): bool {
  if (e - p < 16) return false;
  const v = v128.load(p);
  const n = blankIn16(v);
  if (n >= 16 || slashIn16(v, n)) return false;
  const before = (<u32>1 << n) - 1;
  const lower = v128.and(i8x16.ge_u(v, i8x16.splat(0x61)), i8x16.le_u(v, i8x16.splat(0x7a)));
  const digit = v128.and(i8x16.ge_u(v, i8x16.splat(0x30)), i8x16.le_u(v, i8x16.splat(0x39)));
  const host = v128.or(v128.or(lower, digit), v128.or(i8x16.eq(v, i8x16.splat(0x2e)), i8x16.eq(v, i8x16.splat(0x2d))));
  const other = ~<u32>i8x16.bitmask(host) & before;
  return other != 0 && load<u8>(p + <usize>ctz<u32>(other)) != 0x5b;
}

/** A byte of a host's name as syslog writes it: a lowercase letter, a digit, `.` or `-`. */
@inline function isHostByte(c: u32): bool {
  return (c >= 0x61 && c <= 0x7a) || isDigit(c) || c == 0x2e || c == 0x2d;
}

/** A byte of a syslog tag: a letter, a digit, `_`, `-`, `.` or `/`. */
@inline function isTagByte(c: u32): bool {
  return isAlnum(c) || c == 0x5f || c == 0x2d || c == 0x2e || c == 0x2f;
}

/** A byte of a class name: a letter, a digit, `_`, `$` or `.`. */
@inline function isNameByte(c: u32): bool {
  return isAlnum(c) || c == 0x5f || c == 0x24 || c == 0x2e;
}

/** Set by clockFirst: the time of day it read, ms since midnight, and the offset glued to it (minutes; IN_ZONE: none). */
export let clock: f64 = 0;
export let clockOffset: i32 = IN_ZONE;

/**
 * Does the line [s, e) start (after blanks and one `[`, `(`, `"` or `<`) with a time of day alone —
 * H[H]:MM:SS, a fraction of milli-, micro- or nanoseconds and AM or PM optional, `Z` or an offset glued to it
 * optional (`09:14:02.113+02:00`, see gluedZone), nothing glued after it (Logback's default
 * `09:14:02.113 [main] …`)? Such a line starts a record though it has no date (src/wasm/records.ts), at its
 * time of day (clock, clockOffset).
 */
export function clockFirst(s: usize, e: usize): bool {
  const p = headAt(s, e);
  if (p >= e || !isDigit(load<u8>(p)) || !clockAt(p, e, true)) return false;
  if (hour > 23 || minute > 59 || second > 60) return false;
  // A fraction of 3, 6 or 9 digits (`00:03:12.5` is a duration), then AM or PM, if any (see clockOfDay).
  if ((fraction != 0 && fraction != 3 && fraction != 6 && fraction != 9) || (clock = clockOfDay(e)) < 0) return false;
  clockOffset = IN_ZONE;
  const at = numEnd;
  if (gluedZone(at, e) && clockEnds(numEnd, e)) {
    clockOffset = offset;
    return true;
  }
  return clockEnds(at, e);
}

/** Nothing glued to a time of day ending at p: the line ends, or a byte that is no letter, digit, `:`, `.` or `/`. */
@inline function clockEnds(p: usize, e: usize): bool {
  if (p >= e) return true;
  const c = <u32>load<u8>(p);
  return !isAlnum(c) && c != 0x3a && c != 0x2e && c != 0x2f;
}
