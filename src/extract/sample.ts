import { redactAround } from './redact.js';

/** Records up to this many UTF-16 units are shown whole as evidence. */
export const SAMPLE_MAX = 400;
/** Longer ones are cut to this many units either side of the match, marked with `…`. */
export const SAMPLE_CONTEXT = 160;

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/** The evidence text for a match at `at` (length `len`) in a record. */
export function sampleText(text: string, at: number, len: number): string {
  if (text.length <= SAMPLE_MAX) return text;
  return before(text.slice(0, at), at > SAMPLE_CONTEXT) + after(text.slice(at), len, true);
}

/** The `SAMPLE_CONTEXT` units before the match; `cut` says that more text precedes them. */
function before(prefix: string, cut: boolean): string {
  if (!cut) return prefix;
  let start = prefix.length - SAMPLE_CONTEXT;
  if (isLow(prefix.charCodeAt(start)) && isHigh(prefix.charCodeAt(start - 1))) start--;
  return '…' + prefix.slice(start);
}

/** The match and the `SAMPLE_CONTEXT` units after it; `whole` says `suffix` runs to the end of the record. */
function after(suffix: string, len: number, whole: boolean): string {
  let end = len + SAMPLE_CONTEXT;
  if (end >= suffix.length && whole) return suffix;
  if (isHigh(suffix.charCodeAt(end - 1)) && isLow(suffix.charCodeAt(end))) end++;
  return suffix.slice(0, end) + '…';
}

// UTF-8 gives at least one UTF-16 unit per 3 bytes, so this many bytes decode to enough units;
// the slack covers units garbled where a decode starts or stops inside a multi-byte sequence.
const SLACK = 8;
const WINDOW_BYTES = 3 * (SAMPLE_CONTEXT + SLACK);

/**
 * The same text as `sampleText(buf.toString('utf8', start, end), …)` for a match at byte `p` (ASCII,
 * `len` bytes) of the line buf[start, end), decoding only a few hundred bytes of a long line.
 */
export function sampleFromBytes(buf: Buffer, start: number, end: number, p: number, len: number): string {
  if (end - start <= 3 * SAMPLE_MAX + SLACK) {
    const text = buf.toString('utf8', start, end);
    return sampleText(text, p === start ? 0 : buf.toString('utf8', start, p).length, len);
  }
  // Longer than SAMPLE_MAX units for sure. A decode begun mid-sequence resynchronises within 3 bytes.
  const from = Math.max(start, p - WINDOW_BYTES);
  const prefix = buf.toString('utf8', from, p);
  const pre = from === start ? before(prefix, prefix.length > SAMPLE_CONTEXT) : before(prefix, true);
  const to = Math.min(end, p + len + WINDOW_BYTES);
  return pre + after(buf.toString('utf8', p, to), len, to === end);
}

/** The evidence text for a match, redacted before it is cut when asked. */
export function evidence(text: string, at: number, len: number, redact: boolean): string {
  if (!redact) return sampleText(text, at, len);
  const r = redactAround(text, at, len);
  return sampleText(r.text, r.at, len);
}
