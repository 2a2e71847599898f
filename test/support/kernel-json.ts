import { Kind, LineFields } from '../../src/fast/json-line.js';
import { Kernel } from '../../src/fast/kernels.js';

/**
 * The kernel's JSON validator over the first `end` bytes of `text` (all of them by default), written into
 * a fresh kernel's memory as Latin-1: its verdict, the fields it noted, and the bytes they point into.
 */
export function validateText(text: string, end = text.length): { kind: Kind; fields: LineFields; buf: Buffer } {
  const k = new Kernel();
  const bytes = Buffer.from(text, 'latin1');
  const buf = k.room(bytes.length);
  bytes.copy(buf);
  const fields = new LineFields();
  return { kind: k.validate(0, end, fields), fields, buf };
}
