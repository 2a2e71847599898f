/**
 * The kernel tells a watched key by its length and first byte before it compares bytes: a kernel given other
 * field names in turn (as pooled kernels are, file after file) finds the keys it watches now and none it
 * watched before, among keys that share a length and a first byte with a watched one.
 */
import { describe, expect, it } from 'vitest';
import { CODE_SLOTS, Kind, LineFields, NAMED_TIME_SLOT, SLOT_KEYS, TIME_SLOTS, Type } from '../src/fast/json-line.js';
import { Kernel } from '../src/fast/kernels.js';

/** The watched slots of the line's object that hold a string, each with its value. */
function strings(k: Kernel, line: string): Record<number, string> {
  const bytes = Buffer.from(line, 'latin1');
  const buf = k.room(bytes.length);
  bytes.copy(buf);
  const fields = new LineFields();
  expect(k.validate(0, bytes.length, fields)).toBe(Kind.Object);
  const out: Record<number, string> = {};
  for (let slot = 0; slot < SLOT_KEYS.length; slot++) if (fields.type(slot) === Type.String) out[slot] = buf.toString('latin1', fields.start[slot]!, fields.end[slot]!);
  return out;
}

describe('watched keys, told by length and first byte', () => {
  const code = CODE_SLOTS[0]!;
  const time = TIME_SLOTS[1]!; // `time`
  const line = '{"tame":"a","time":"b","code":"c","cove":"d","tamz":"e","xyz":"f"}';

  it('finds the default keys and no key that only shares their length and first byte', () => {
    const k = new Kernel();
    expect(strings(k, line)).toEqual({ [code]: 'c', [time]: 'b' });
  });

  it('finds a key set in place of another, then the next one set, then the default again', () => {
    const k = new Kernel();
    // `tame` has the length and first byte of `time`, watched in another slot.
    k.watchFields('tame', undefined);
    expect(strings(k, line)).toEqual({ [code]: 'a', [time]: 'b' });
    // Written over `tame`: neither it nor its first byte is watched any more.
    k.watchFields('xyz', undefined);
    expect(strings(k, line)).toEqual({ [code]: 'f', [time]: 'b' });
    // --time-field's own slot, the time fields still watched (a line without it is timed by them).
    k.watchFields('cove', 'tamz');
    expect(strings(k, line)).toEqual({ [code]: 'd', [time]: 'b', [NAMED_TIME_SLOT]: 'e' });
    // A --time-field that is one of the time fields is watched in its own slot alone.
    k.watchFields(undefined, 'time');
    expect(strings(k, line)).toEqual({ [code]: 'c', [NAMED_TIME_SLOT]: 'b' });
    k.watchFields(undefined, undefined);
    expect(strings(k, line)).toEqual({ [code]: 'c', [time]: 'b' });
  });
});
