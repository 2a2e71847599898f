// The values of a validated JSON line's fields (where LineFields found them), decoded as JSON.parse would.
import { timeFromValue } from '../extract/timestamp.js';
import type { TimeContext } from '../model/settings.js';
import { TIME_SLOTS, Type, type LineFields } from './json-line.js';
import type { Kernel } from './kernels.js';

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

/** The time of a validated object's first time field that holds one (escaped strings and numbers read here, the rest by the kernel), or null. */
export function fieldsTime(buf: Buffer, fields: LineFields, kernel: Kernel, times: TimeContext | undefined): number | null {
  for (const slot of TIME_SLOTS) {
    const t = fields.type(slot);
    const v =
      t === Type.String
        ? fields.escaped[slot] === 1
          ? timeFromValue(stringValue(buf, fields, slot), times)
          : kernel.valueTime(fields.start[slot]!, fields.end[slot]!)
        : t === Type.Number
          ? timeFromValue(numberValue(buf, fields, slot), times)
          : null;
    if (v !== null) return v;
  }
  return null;
}
