import { recordTime } from '../extract/record.js';
import { TIME_READ, findTimestampIn, timeFurtherIn } from '../extract/timestamp.js';
import type { FieldOptions, TimeContext } from '../model/settings.js';
import { jsonRecord } from '../input/fields.js';
import { linesBefore, type LineBefore } from '../input/lines-before.js';

const PIECE = 1 << 20;
const CR = 0x0d;

/**
 * The time the first lines of a byte range take when they have none of their own: the own time of the
 * last line before `start` (a line start) that has one, or null. Lines are read from `start` backwards,
 * one at a time (src/input/lines-before.ts reads them), so this is cheap when a time is near (and reads
 * the part before when none is). A line is read in pieces, never held whole (a JSON line is judged whole
 * only up to `maxLength`, as the scanner does: a longer one is skipped and has no time).
 */
export async function timeBefore(file: string, start: number, json: boolean, maxLength: number, fields: FieldOptions = {}): Promise<number | null> {
  for await (const line of linesBefore(file, start)) {
    const t = json ? await jsonTime(line, maxLength, fields) : await textTime(line, fields);
    if (t !== null) return t;
  }
  return null;
}

/** A plain-text line's own time: its first date-time, looked for piece by piece. */
async function textTime(line: LineBefore, fields: FieldOptions): Promise<number | null> {
  const { start: ls, end: le } = line;
  const buf = Buffer.allocUnsafe(PIECE + TIME_READ + 1);
  for (let at = ls; at < le; at += PIECE) {
    // Each piece with the bytes a time starting in it is read from; the byte before decides too.
    const from = Math.max(ls, at - 1);
    const n = Math.min(le, at + PIECE + TIME_READ) - from;
    const got = await line.read(buf, n, from);
    const t = pieceTime(buf, got, from + got === le, at === ls, at - from, fields.times);
    // Some lines have a time only at their start (see timeFurtherIn).
    if (t !== null || (at === ls && !timeFurtherIn())) return t;
  }
  return null;
}

/**
 * The first date-time starting in a piece of a plain-text line: `buf` holds `n` bytes of it, the piece
 * starting at `at` (after the byte before it, when there is one) and the TIME_READ bytes after it;
 * `last`: the bytes run to the line's end (a `\r` there is not part of the line); `first`: the piece starts the line.
 */
export function pieceTime(buf: Buffer, n: number, last: boolean, first: boolean, at: number, times: TimeContext | undefined): number | null {
  const e = last && n > 0 && buf[n - 1] === CR ? n - 1 : n;
  // The line starts at 0 in buf, or before it (-1: any place may follow a digit-free start).
  return findTimestampIn(buf, first ? 0 : -1, e, at, Math.min(e, at + PIECE), times);
}

/** A JSON line's own time, as the record reader has it (a line longer than maxLength is skipped: none). */
async function jsonTime(line: LineBefore, maxLength: number, fields: FieldOptions): Promise<number | null> {
  const { start: ls, end: le } = line;
  if (le - ls > maxLength) return null;
  const buf = Buffer.allocUnsafe(le - ls);
  return jsonLineTime(buf.subarray(0, await line.read(buf, le - ls, ls)), fields);
}

/** A JSON line's own time from its bytes (its `\n` not among them), by the field options (--time-field). */
export function jsonLineTime(bytes: Buffer, fields: FieldOptions): number | null {
  let text = bytes.toString('utf8');
  if (text.endsWith('\r')) text = text.slice(0, -1);
  return recordTime(text.trim() === '' ? { line: 0, text } : { line: 0, text, ...jsonRecord(text) }, fields);
}
