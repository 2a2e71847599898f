// The values of a validated JSON line's fields (where LineFields found them), decoded as JSON.parse would.
import { ACCOUNT_FIELDS, accountValues, isPlainAccount } from '../extract/accounts.js';
import type { Fields } from '../model/record.js';
import { dayTime, holdsTime, noTimeValue, pairTime } from '../extract/record.js';
import { findTimestamp, timeFromValue, valueWasDate } from '../extract/timestamp.js';
import type { TimeContext } from '../model/settings.js';
import { ACCOUNT_SLOTS, CLOCK_SLOT, DATE_SLOT, Type, timeSlots, type LineFields } from './json-line.js';
import type { Kernel } from './kernels.js';
import type { LineFindings } from './line-findings.js';

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

/** An object field's value (a time field's: see Type.Object), as JSON.parse would give it. */
export function objectValue(buf: Buffer, f: LineFields, slot: number): unknown {
  return JSON.parse(buf.toString('utf8', f.start[slot]!, f.end[slot]!)) as unknown;
}

/**
 * A validated object's own time from its time fields, as recordTime has it (escaped strings and numbers read
 * here, the rest by the kernel): the first whose value is one as a whole (the date field's turn: it and the
 * time field read together first, pairTime), else the first date-time in one that holds a time (holdsTime);
 * null when one holds a time all the same, or one is there with no value (see noTimeValue): the line has no
 * time of its own; undefined when none does.
 */
export function fieldsTime(buf: Buffer, ls: number, e: number, fields: LineFields, kernel: Kernel, times: TimeContext | undefined): number | null | undefined {
  let held: number[] | undefined;
  // A time field whose string holds no value (empty, NULL, N/A): no time of its own (see noTimeValue).
  let none = false;
  for (const slot of timeSlots(fields)) {
    const t = fields.type(slot);
    if (t === Type.String) {
      if (slot === DATE_SLOT && fields.type(CLOCK_SLOT) === Type.String) {
        const paired = pairTime(stringValue(buf, fields, DATE_SLOT), stringValue(buf, fields, CLOCK_SLOT), times);
        if (paired !== null) return paired;
      }
      const escaped = fields.escaped[slot] === 1;
      const time = escaped ? timeFromValue(stringValue(buf, fields, slot), times) : kernel.valueTime(fields.start[slot]!, fields.end[slot]!);
      // A date alone: the time of day the line's text holds on that day, if any.
      if (time !== null) return (escaped ? valueWasDate() : kernel.valueWasDate()) ? dayTime(time, kernel.time(ls, e)) : time;
      const v = stringValue(buf, fields, slot);
      if (holdsTime(v)) (held ??= []).push(slot);
      else if (noTimeValue(v)) none = true;
    } else if (t === Type.Number) {
      const time = timeFromValue(numberValue(buf, fields, slot), times);
      if (time !== null) return time;
    } else if (t === Type.Object) {
      // `{"$date": "2026-04-07"}`: a date alone, as a string's.
      const time = timeFromValue(objectValue(buf, fields, slot), times);
      if (time !== null) return valueWasDate() ? dayTime(time, kernel.time(ls, e)) : time;
    }
  }
  if (held === undefined) return none ? null : undefined;
  for (const slot of held) {
    const time = fields.escaped[slot] === 1 ? findTimestamp(stringValue(buf, fields, slot), times, false) : kernel.time(fields.start[slot]!, fields.end[slot]!);
    if (time !== null) return time;
  }
  return null;
}

/** The accounts of a validated line's account fields, into `found`. */
export function fieldAccounts(buf: Buffer, fields: LineFields, found: LineFindings): void {
  for (const slot of ACCOUNT_SLOTS) {
    const t = fields.type(slot);
    if (t === Type.String && fields.escaped[slot] === 0 && isPlainAccount(buf, fields.start[slot]!, fields.end[slot]!)) {
      // Printable ASCII with nothing to trim: the bytes are the account (lower-cased as they are read).
      found.addAccountBytes(buf, fields.start[slot]!, fields.end[slot]!);
      continue;
    }
    const values = t === Type.String ? accountValues(stringValue(buf, fields, slot)) : t === Type.Number ? accountValues(numberValue(buf, fields, slot)) : [];
    for (const v of values) found.addAccount(v);
  }
}

/** The accounts of a record whose fields were parsed (a JSON line read whole, a CSV row looked into): the addresses in buf[s, e), its account fields' values. */
export function parsedAccounts(buf: Buffer, s: number, e: number, fields: Fields | undefined, found: LineFindings): void {
  found.scanAccounts(buf, s, e);
  for (const name of ACCOUNT_FIELDS) {
    for (const v of accountValues(fields?.get(name))) found.addAccount(v);
  }
}
