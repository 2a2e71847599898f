import { open, type FileHandle } from 'node:fs/promises';
import { recordTime } from '../extract/record.js';
import { TIME_READ, findTimestampIn } from '../extract/timestamp.js';
import type { FieldOptions } from '../model/settings.js';
import { jsonRecord } from '../input/fields.js';

const BLOCK = 1 << 16;
const PIECE = 1 << 20;
const NL = 0x0a;
const CR = 0x0d;

/**
 * The time the first lines of a byte range take when they have none of their own: the own time of the
 * last line before `start` (a line start) that has one, or null. Lines are read from `start` backwards,
 * one at a time, so this is cheap when a time is near (and reads the part before when none is). A line
 * is read in pieces, never held whole (a JSON line is judged whole only up to `maxLength`, as the
 * scanner does: a longer one is skipped and has no time).
 */
export async function timeBefore(file: string, start: number, json: boolean, maxLength: number, fields: FieldOptions = {}): Promise<number | null> {
  const fh = await open(file, 'r');
  try {
    // The line before ends at its `\n`, just before `end`.
    for (let end = start; end > 0; ) {
      const ls = await lineStart(fh, end - 1);
      const t = json ? await jsonTime(fh, ls, end - 1, maxLength, fields) : await textTime(fh, ls, end - 1, fields);
      if (t !== null) return t;
      end = ls;
    }
    return null;
  } finally {
    await fh.close();
  }
}

/** Where the line that ends at `le` starts: just after the `\n` before it, or 0. */
async function lineStart(fh: FileHandle, le: number): Promise<number> {
  const buf = Buffer.allocUnsafe(BLOCK);
  for (let to = le; to > 0; ) {
    const from = Math.max(0, to - BLOCK);
    const { bytesRead } = await fh.read(buf, 0, to - from, from);
    const nl = buf.subarray(0, bytesRead).lastIndexOf(NL);
    if (nl !== -1) return from + nl + 1;
    to = from;
  }
  return 0;
}

/** A plain-text line's own time: its first date-time, looked for piece by piece. */
async function textTime(fh: FileHandle, ls: number, le: number, fields: FieldOptions): Promise<number | null> {
  const buf = Buffer.allocUnsafe(PIECE + TIME_READ + 1);
  for (let at = ls; at < le; at += PIECE) {
    // Each piece with the bytes a time starting in it is read from; the byte before decides too.
    const from = Math.max(ls, at - 1);
    const n = Math.min(le, at + PIECE + TIME_READ) - from;
    const { bytesRead } = await fh.read(buf, 0, n, from);
    let e = bytesRead;
    if (from + e === le && e > 0 && buf[e - 1] === CR) e--;
    // The line starts at 0 in buf, or before it (-1: any place may follow a digit-free start).
    const t = findTimestampIn(buf, at === ls ? 0 : -1, e, at - from, Math.min(e, at + PIECE - from), fields.times);
    if (t !== null) return t;
  }
  return null;
}

/** A JSON line's own time, as the record reader has it (a line longer than maxLength is skipped: none). */
async function jsonTime(fh: FileHandle, ls: number, le: number, maxLength: number, fields: FieldOptions): Promise<number | null> {
  if (le - ls > maxLength) return null;
  const buf = Buffer.allocUnsafe(le - ls);
  const { bytesRead } = await fh.read(buf, 0, le - ls, ls);
  let text = buf.toString('utf8', 0, bytesRead);
  if (text.endsWith('\r')) text = text.slice(0, -1);
  return recordTime(text.trim() === '' ? { line: 0, text } : { line: 0, text, ...jsonRecord(text) }, { times: fields.times });
}
