/**
 * How a plain-text line starts, as the README's rules say (What counts; Time), written apart from the
 * kernel (src/wasm/line-heads.ts, times.ts) for the oracle and the generators' expected tallies.
 */
import { EXCEPTION_NAME_LONGEST } from '../../src/model/record.js';

/** Starts with a time of day alone (Logback's `09:14:02.113 [main] …`), its hour, minute and second in range: it starts a record. */
export function clockFirst(text: string): boolean {
  return clockOfDay(text) !== null;
}

/**
 * A line that starts with a time of day alone (clockFirst: a fraction of 3, 6 or 9 digits, AM or PM after one
 * blank at most — `p.m.` and `p. m.` too — optional; `Z` or an offset zones have glued after it optional;
 * nothing glued after that): that time as ms since midnight (a leap second as :59, the fraction's first three
 * digits) and the offset (minutes, undefined when none), else null.
 */
export function clockOfDay(text: string): { ms: number; offset: number | undefined } | null {
  // The fraction is read whole (all its digits), as the kernel reads it: no backing off to fit what follows.
  const m = /^[ \t]*(?:<[0-9]{1,3}>|["(<[])?(\d{1,2}):(\d\d):(\d\d)([.,]\d+)?(?: ?([AaPp](?:[Mm](?![A-Za-z])|\. ?[Mm](?:\.(?![A-Za-z])|(?![A-Za-z.])))))?/.exec(text);
  if (m === null || Number(m[1]) > 23 || Number(m[2]) > 59 || Number(m[3]) > 60) return null;
  if (m[4] !== undefined && ![4, 7, 10].includes(m[4].length)) return null;
  let h = Number(m[1]);
  if (m[5] !== undefined) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (/^p/i.test(m[5]) ? 12 : 0);
  }
  const ms = ((h * 60 + Number(m[2])) * 60 + Math.min(59, Number(m[3]))) * 1000 + (m[4] === undefined ? 0 : Number(m[4].slice(1, 4)));
  const rest = text.slice(m[0].length);
  const glued = /^(?:([Zz])|([+-])(0\d|1[0-4])(?::?(00|30|45))?(?!\d))([^]?)/.exec(rest);
  if (glued !== null && !/[0-9A-Za-z:./]/.test(glued[5]!)) {
    return { ms, offset: glued[1] !== undefined ? 0 : (glued[2] === '-' ? -1 : 1) * (Number(glued[3]) * 60 + Number(glued[4] ?? 0)) };
  }
  return /[0-9A-Za-z:./]/.test(rest.charAt(0)) ? null : { ms, offset: undefined };
}

/**
 * Carries on a record (journalctl's `-- … --` lines; after blanks, an exception's head: `Caused by:`,
 * `Suppressed:`, `---> `, `Exception in thread `, `panic: `, `java.lang.IllegalStateException:`, `ValueError:`):
 * a time further in than right after its first word is not its own.
 */
export function continues(text: string): boolean {
  if (/^-- [^]* --$/.test(text)) return true;
  const m = /^[ \t]*(?:Caused by:|Suppressed:|---> |Exception in thread |panic: |([A-Za-z0-9_$.]*)(?<=Exception|Error):)/.exec(text);
  return m !== null && (m[1] === undefined || m[1].length <= EXCEPTION_NAME_LONGEST);
}

/**
 * After a time at a line's very start: a stack trace's line under a collector's time (one blank; CRI's
 * `stdout F ` or `stderr P `, or syslog's `host tag[pid]: ` with the host in lower case, or Heroku's
 * `app[web.1]: `, or `aws logs tail`'s stream name — a word with a `/` —, optional; then after blanks or rsyslog's `#011`, `at `, `File "`, `... ` and a digit, or
 * after any, `Caused by:`, `Suppressed:`, `---> `, `--- End of `): the line has no time of its own.
 */
export const traceAfterTime = (rest: string): boolean =>
  /^ (?:std(?:out|err) [FP] |[a-z0-9][a-z0-9.-]{0,255} [A-Za-z0-9_.\/-]{1,256}(?:\[[0-9]+\])?: |[a-z0-9][a-z0-9.-]{0,255}\[[A-Za-z0-9_.\/-]{1,256}\]: |[a-z0-9](?=[^ \t]*\/)[^ \t]{0,511} )?(?:(?:[ \t]|#011)+(?:at |File "|\.\.\. [0-9])|(?:[ \t]|#011)*(?:Caused by:|Suppressed:|---> |--- End of ))/.test(rest);

/** A JSON line's message (src/model/record.ts MESSAGE_FIELDS), decoded: is it a stack trace's later line (a frame, `Caused by:`, …)? */
export const traceMessage = (message: string): boolean => /^(?:(?:[ \t]|#011)+(?:at |File "|\.\.\. [0-9])|(?:[ \t]|#011)*(?:Caused by:|Suppressed:|---> |--- End of ))/.test(message);

/** May only a time at the line's start, or right after its first word, be its own? */
export const startOnly = (text: string): boolean => continues(text) || clockFirst(text);

/** Where a time after a line's first word would start: past the blanks, the word, the blanks after it and one `[`, `(`, `"` or `<`. */
export function afterFirstWord(text: string): number {
  return /^[ \t]*[^ \t]*[ \t]*(?:<[0-9]{1,3}>|["(<[])?/.exec(text)![0].length;
}
