// The values of a validated JSON line's fields (where LineFields found them), decoded as JSON.parse would.
import type { LineFields } from './json-line.js';

/** A byte that `trim` would never remove from the edge of a value: printable ASCII. */
export const isPlain = (c: number): boolean => c > 0x20 && c < 0x7f;

/** A string field's value, decoded exactly as JSON.parse would. */
export function stringValue(buf: Buffer, f: LineFields, slot: number): string {
  const s = f.start[slot]!;
  const e = f.end[slot]!;
  return f.escaped[slot] === 1 ? (JSON.parse(buf.toString('utf8', s - 1, e + 1)) as string) : buf.toString('utf8', s, e);
}

/** A number field's value, as JSON.parse would give it. */
export function numberValue(buf: Buffer, f: LineFields, slot: number): number {
  return Number(buf.toString('latin1', f.start[slot]!, f.end[slot]!));
}
