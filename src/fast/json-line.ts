import { ACCOUNT_FIELDS } from '../extract/accounts.js';
import { CLOCK_FIELD, CODE_FIELDS, DATE_FIELD, TIME_FIELDS } from '../extract/record.js';
import { MESSAGE_FIELDS } from '../model/record.js';
import { KEY_LONGEST } from './kernel-layout.js';
/** Kinds of a line, as the JSON validator (the byte kernel, src/wasm/json.ts) sees it. */
export const enum Kind {
  /** Not proven valid: the caller asks JSON.parse (which then decides malformed or not). */
  Unsure = 0,
  /** Valid JSON that is not an object. */
  Value = 1,
  /** A valid JSON object. */
  Object = 2,
  /** Malformed for certain, no blank line (src/wasm/json-text.ts notJson): a line of plain text. */
  Text = 3,
}

/** Whose scopes the kernel reads as it validates (src/wasm/json-scopes.ts scopedMode). */
export const enum Scopes {
  Off = 0,
  /** An export's elements: always looked into. */
  Elements = 1,
  /** JSON lines: looked into when one holds a LINE_SCOPES object (src/input/fields.ts). */
  Lines = 2,
}

/** What the validator learnt of an object's scopes, an exported element's or a JSON line's (src/wasm/json-scopes.ts). */
export const enum ScopeState {
  /** Not read (a flat object, or not an export's element): the caller searches the bytes for one. */
  Unread = 0,
  /** Read: it has none. */
  None = 1,
  /** Read, and their watched fields taken in where the element has none of its own. */
  Read = 2,
  /** Only the caller reads them (JSON in a string, a program's object, a scope of arrays…): it is parsed. */
  Caller = 3,
}

/** Value types the validator tells apart for the fields it watches. */
export const enum Type {
  None = 0,
  String = 1,
  Number = 2,
  Other = 3,
  /** An object in a time field (`{"$date": …}`, log4j2's `instant`): its span is the object's, read in JavaScript. */
  Object = 4,
}

/**
 * The top-level fields a structured record is read by, in the order each group is tried:
 * code fields, time fields, account fields, message fields (see MESSAGE_FIELDS).
 */
export const WATCHED = [...CODE_FIELDS, ...TIME_FIELDS, ...ACCOUNT_FIELDS, ...MESSAGE_FIELDS] as const;
const slots = (from: number, n: number): readonly number[] => Array.from({ length: n }, (_, i) => from + i);
export const CODE_SLOTS = slots(0, CODE_FIELDS.length);
export const TIME_SLOTS = slots(CODE_FIELDS.length, TIME_FIELDS.length);
export const ACCOUNT_SLOTS = slots(CODE_FIELDS.length + TIME_FIELDS.length, ACCOUNT_FIELDS.length);
export const MESSAGE_SLOTS = slots(CODE_FIELDS.length + TIME_FIELDS.length + ACCOUNT_FIELDS.length, MESSAGE_FIELDS.length);
/**
 * The slot of the field --time-field names, after the others (no key of its own without one): a line that
 * holds it is timed by it alone; one that does not, by the time fields above, as recordTime has it.
 */
export const NAMED_TIME_SLOT = WATCHED.length;
/** The keys of every slot, in order (the named time field's: none until one is set). */
export const SLOT_KEYS: readonly string[] = [...WATCHED, ''];
// A line's watched fields are a u32 mask in the kernel (PRESENT).
if (SLOT_KEYS.length > 32) throw new Error('at most 32 watched fields');
/** The time fields read together (see pairTime). */
export const DATE_SLOT = TIME_SLOTS[TIME_FIELDS.indexOf(DATE_FIELD)]!;
export const CLOCK_SLOT = TIME_SLOTS[TIME_FIELDS.indexOf(CLOCK_FIELD)]!;

/** The slots a line's own time is read from: the named time field's when the line holds it, else the time fields'. */
export function timeSlots(fields: LineFields): readonly number[] {
  return fields.type(NAMED_TIME_SLOT) === Type.None ? TIME_SLOTS : NAMED_SLOTS;
}
/** The named time field's slot, as a list of slots (see NestedFields). */
export const NAMED_SLOTS: readonly number[] = [NAMED_TIME_SLOT];

/**
 * True when the kernel can watch these field options: each a name of printable ASCII other than `"` and
 * `\\`, at most KEY_LONGEST bytes, and no two watched fields with one name (a dotted name is watched as
 * itself, the record's own key: its path into nested objects is NestedFields's). Records with fields it
 * cannot watch are parsed (NestedFields).
 */
export function fieldsOnFastPath(opts: { readonly codeField?: string | undefined; readonly timeField?: string | undefined }): boolean {
  const { codeField, timeField } = opts;
  const named = (name: string | undefined): boolean =>
    name === undefined || (name.length > 0 && name.length <= KEY_LONGEST && [...name].every((c) => c > ' ' && c <= '~' && !'"\\'.includes(c)));
  if (!named(codeField) || !named(timeField)) return false;
  // A --time-field's name may be one of the time fields' (that slot is then not watched: see Kernel.watchFields).
  const times = timeField === undefined ? TIME_FIELDS : [timeField, ...TIME_FIELDS.filter((n) => n !== timeField)];
  const watched = [...(codeField === undefined ? CODE_FIELDS : [codeField]), ...times, ...ACCOUNT_FIELDS, ...MESSAGE_FIELDS];
  return new Set<string>(watched).size === watched.length;
}

/** Where the watched fields' values are in the line (the last of duplicate keys wins, as in JSON.parse). */
export class LineFields {
  private readonly types = new Uint8Array(SLOT_KEYS.length);
  /** Value span: a string's content without its quotes; a number's text. */
  readonly start = new Int32Array(SLOT_KEYS.length);
  readonly end = new Int32Array(SLOT_KEYS.length);
  /** The string value holds a backslash escape. */
  readonly escaped = new Uint8Array(SLOT_KEYS.length);
  /** For code fields: the hash of the value's lower-cased bytes (the catalog table's key). */
  readonly hash = new Uint32Array(SLOT_KEYS.length);
  // A slot is set for the current line only when its generation is the current one: no clearing per line.
  private readonly gens = new Int32Array(SLOT_KEYS.length);
  private gen = 0;

  /** Starts a new line. */
  next(): void {
    this.gen = (this.gen + 1) | 0;
  }

  set(slot: number, type: Type): void {
    this.types[slot] = type;
    this.gens[slot] = this.gen;
  }

  /** The type of the watched field's value in the current line (None: absent). */
  type(slot: number): Type {
    return this.gens[slot] === this.gen ? (this.types[slot]! as Type) : Type.None;
  }
}
