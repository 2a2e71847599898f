// How a collector's head before a program's JSON line looks (src/input/fields.ts jsonLineRecord and
// detect.ts read lines with it; the kernel's grammar is src/wasm/line-heads.ts afterCollectorHead).

/** An RFC 3339 time as collectors write it (`2026-04-07T09:14:02.113456789Z`, `±hh:mm`, up to 9 fraction digits). */
export const RFC3339 = String.raw`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:\d\d)`;
/** Syslog's time (`Apr  7 09:14:02`, journalctl's default; a fraction with `-o short-precise`): no year, no zone. */
export const SYSLOG_TIME = String.raw`(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d\d:\d\d:\d\d(?:\.\d{1,9})?`;
/** A word of a head after its time: a host, a tag (`m2c[812]:`), a stream's or a dyno's name; no blank in it, not JSON. */
const WORD = String.raw`[^\x00-\x20{"][^\x00-\x20]*`;
/** A source before a collector's time: kubectl --prefix's, compose's, docker service's, stern's, kubetail's (see COLLECTOR_HEAD). */
export const SOURCE = String.raw`(?:\[pod\/[\w./-]+\] |\[[a-z0-9][a-z0-9.-]*(?: [a-z0-9][a-z0-9-]*)?\] |[\w.@-]+ +\| |(?:[a-z0-9][a-z0-9.-]* ){2,3})?`;
/** Loki's label set as logcli prints it (`{app="m2c", pod="…"}`, `{}`: names, quoted values with escapes) and the blanks after it. */
const LOKI_LABELS = String.raw`\{(?:[A-Za-z_]\w*="(?:[^"\\]|\\[\s\S])*"(?:, [A-Za-z_]\w*="(?:[^"\\]|\\[\s\S])*")*)?\} +`;

/**
 * A collector's head before what a program wrote (empty, or a part of one, is allowed here: a line that
 * starts with `{` has none): a record separator (RFC 7464's 0x1E: `journalctl -o json-seq`, `jq --seq`),
 * the source — `kubectl logs --prefix`'s `[pod/name/container] `, `docker compose logs`' `name-1  | `,
 * `docker service logs`' `name.1.task@node    | `, stern's `pod container ` or `namespace pod container `
 * (Kubernetes' names: lower-case letters, digits, `.`, `-`; one blank after each), kubetail's `[pod] ` or
 * `[pod container] ` —
 * then an RFC 3339 time, one blank and, in a CRI log file (containerd's, under /var/log/pods), the stream
 * and `F` or `P`: as `kubectl logs --timestamps`, `docker logs -t` and the kubelet's files write every
 * line; or, after the time, Loki's label set (`{app="m2c", pod="…"}`, `{}`) and blanks, as `logcli query`
 * writes a line by default (a line with no JSON after its labels has no head: it is a line of text, its
 * labels' `{` not the start of a JSON object); or, after the time and a blank or a tab, up to two words each
 * with a blank or a tab after it (`aws logs tail`'s stream, Heroku's `app[worker.1]:`, Fluentd's file
 * output `time<TAB>tag<TAB>`, rsyslog's `host tag[pid]: `). Or syslog's time with no year or zone (`Apr  7
 * 09:14:02`, as journalctl and /var/log/syslog write it) and one or two words (`host m2c[812]: `): such a
 * head's time is none of the record's own (the JSON's time field, else the line's, is). The kernel reads
 * the same (src/wasm/line-heads.ts afterCollectorHead).
 */
export const COLLECTOR_HEAD = new RegExp(
  String.raw`^\x1e?${SOURCE}` +
    String.raw`(?:(?<time>${RFC3339}[ \t](?:std(?:out|err) [FP] |${LOKI_LABELS}|(?!${LOKI_LABELS})(?:${WORD}[ \t]){0,2}))|${SYSLOG_TIME} (?:${WORD}[ \t]){1,2})?(?=\{)`,
);

/**
 * A line of text under a collector's time (`… heroku[router]: at=info …`, a banner a program prints before
 * it logs JSON) that carries on no stack trace: its text after the time, CRI's stream or a word or two,
 * is no frame (blanks or rsyslog's `#011` then `at `, `... 2 more` or Python's `File "`) and no `Caused
 * by:`, `Suppressed:`, `---> ` or `--- End of ` (the lines the collector's stack-trace rule joins, see
 * src/wasm/line-heads.ts continuesAt). Among JSON lines behind heads such a line is one record of text, as
 * it would be in plain text; a frame among them leaves the file to plain text (see detect.ts headedJson).
 */
export function textUnderHead(line: string): boolean {
  const m = TIME_HEAD.exec(line);
  if (m === null) return false;
  let rest = line.slice(m[0].length);
  for (let words = 0; ; words++) {
    if (FRAME.test(rest)) return false;
    const w = words < 2 ? NEXT_WORD.exec(rest) : null;
    if (w === null) return true;
    rest = rest.slice(w[0].length);
  }
}

/** A collector's source and time at the start of a line, one blank or tab after it (CRI's stream too). */
const TIME_HEAD = new RegExp(String.raw`^\x1e?${SOURCE}(?:${RFC3339}[ \t](?:std(?:out|err) [FP] )?|${SYSLOG_TIME} )`);
const NEXT_WORD = new RegExp(String.raw`^${WORD}[ \t]`);
const FRAME = /^(?:(?:[ \t]+|#011)(?:at |\.\.\. \d+ more|File ")|Caused by:|Suppressed:|---> |--- End of )/;
