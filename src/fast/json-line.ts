/** Kinds of a line, as the JSON validator (the byte kernel, src/wasm/kernels.ts) sees it. */
export const enum Kind {
  /** Not proven valid: the caller asks JSON.parse (which then decides malformed or not). */
  Unsure = 0,
  /** Valid JSON that is not an object. */
  Value = 1,
  /** A valid JSON object. */
  Object = 2,
}

/** Value types the validator tells apart for the fields it watches. */
export const enum Type {
  None = 0,
  String = 1,
  Number = 2,
  Other = 3,
}

/**
 * The top-level fields a structured record is read by, in the order each group is tried:
 * code fields (0–2), time fields (3–8), account fields (9–12).
 */
export const WATCHED = [
  'code',
  'error_code',
  'errorCode',
  'timestamp',
  'time',
  '@timestamp',
  'ts',
  'date',
  'datetime',
  'account',
  'user',
  'email',
  'mailbox',
] as const;
export const CODE_SLOTS = [0, 1, 2] as const;
export const TIME_SLOTS = [3, 4, 5, 6, 7, 8] as const;
export const ACCOUNT_SLOTS = [9, 10, 11, 12] as const;

/** Where the watched fields' values are in the line (the last of duplicate keys wins, as in JSON.parse). */
export class LineFields {
  private readonly types = new Uint8Array(WATCHED.length);
  /** Value span: a string's content without its quotes; a number's text. */
  readonly start = new Int32Array(WATCHED.length);
  readonly end = new Int32Array(WATCHED.length);
  /** The string value holds a backslash escape. */
  readonly escaped = new Uint8Array(WATCHED.length);
  /** For code fields: the hash of the value's lower-cased bytes (the catalog table's key). */
  readonly hash = new Uint32Array(WATCHED.length);
  // A slot is set for the current line only when its generation is the current one: no clearing per line.
  private readonly gens = new Int32Array(WATCHED.length);
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
