import { CODE_SLOTS, Kind, LineFields, NAMED_TIME_SLOT, SLOT_KEYS, TIME_SLOTS, type Scopes, type ScopeState, type Type } from './json-line.js';
import { CsvKernel } from './kernel-csv.js';
import { FIELD, KEY_LONGEST } from './kernel-layout.js';

/** The kernel's JSON validation (src/wasm/json-text.ts, json-scopes.ts) and the fields it watches, for the JSON scanners. */
export class JsonKernel extends CsvKernel {
  /**
   * The JSON keys validate and scanJsonl watch for the code and the time: the built-in code fields or one
   * top-level name; the built-in time fields, and one top-level name before them (see NAMED_TIME_SLOT: the
   * time field of that name, if one is, is watched there alone).
   */
  watchFields(codeField: string | undefined, timeField: string | undefined): void {
    this.watchGroup(CODE_SLOTS, codeField);
    TIME_SLOTS.forEach((slot) => this.x.watch(slot, SLOT_KEYS[slot] === timeField ? 0 : -1));
    this.watchGroup([NAMED_TIME_SLOT], timeField === undefined ? '' : timeField);
  }

  /** Whose scopes are read as objects are validated (src/wasm/json-scopes.ts): an export's elements', JSON lines', none. */
  watchScopes(mode: Scopes): void {
    this.x.watchScopes(mode);
  }

  /** Lines' times read ahead with a window (lineTimes) leave every object to the caller: see NestedFields.timesHere. */
  watchNested(on: boolean): void {
    this.x.watchNested(on ? 1 : 0);
  }

  private watchGroup(slots: readonly number[], name: string | undefined): void {
    slots.forEach((slot, i) => {
      if (name === undefined) return this.x.watch(slot, -1);
      if (i > 0 || name === '') return this.x.watch(slot, 0);
      const room = Buffer.from(this.x.memory.buffer, this.x.keysOut() + slot * (KEY_LONGEST + 1), KEY_LONGEST);
      this.x.watch(slot, room.write(name, 'latin1'));
    });
  }

  /** Where the JSON array element at buf[s] ends before `to` (buf from `room`): as JsonElements's own search. */
  elementEnd(s: number, to: number): number {
    const d = this.x.elementEnd(this.base + s, this.base + to);
    return d < 0 ? -1 : d - this.base;
  }

  /** The object validate read last holds a scope its caller looks into (src/wasm/json-scope.ts stringScope): it is to be parsed. */
  scopeNoted(): boolean {
    return this.x.scopeNoted() !== 0;
  }

  /** Does the object buf[s, e), whose scopes the validator did not read, hold one, searched in its bytes: an element's, or (lines) a JSON line's (src/wasm/json-array.ts holdsScope)? */
  scopeHeld(s: number, e: number, lines: boolean): boolean {
    return this.x.scopeHeld(this.base + s, this.base + e, lines ? 1 : 0) !== 0;
  }

  /** What validate learnt of the last object's scopes, with watchScopes on (src/wasm/json-scopes.ts scopeState). */
  scopeState(): ScopeState {
    return this.x.scopeState() as ScopeState;
  }

  /**
   * Validates buf[s, e) (buf from `room`) as one JSON text and puts the watched top-level fields into
   * `fields` (offsets in buf); with watchScopes on, its scopes' where it has none (see scopeState). Never
   * valid where JSON.parse would throw: anything doubtful is Unsure.
   */
  validate(s: number, e: number, fields: LineFields): Kind {
    const kind = this.x.validate(this.base + s, this.base + e) as Kind;
    fields.next();
    if (kind !== Kind.Object) return kind;
    const u8 = this.u8;
    const i32 = this.i32;
    let present = i32[(this.fieldsAt + SLOT_KEYS.length * FIELD.bytes) >> 2]!;
    while (present !== 0) {
      const slot = 31 - Math.clz32(present & -present);
      present &= present - 1;
      const at = this.fieldsAt + slot * FIELD.bytes;
      fields.set(slot, u8[at + FIELD.type]! as Type);
      fields.escaped[slot] = u8[at + FIELD.escaped]!;
      fields.start[slot] = i32[(at + FIELD.start) >> 2]! - this.base;
      fields.end[slot] = i32[(at + FIELD.end) >> 2]! - this.base;
      fields.hash[slot] = i32[(at + FIELD.hash) >> 2]! >>> 0;
    }
    return kind;
  }
}
