/** Kinds of a line, as the validator sees it. */
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

const WATCHED_BYTES = WATCHED.map((k) => Buffer.from(k, 'latin1'));
const BY_LENGTH: number[][] = [];
WATCHED_BYTES.forEach((k, i) => (BY_LENGTH[k.length] ??= []).push(i));

/** Where the watched fields' values are in the line (the last of duplicate keys wins, as in JSON.parse). */
export class LineFields {
  private readonly types = new Uint8Array(WATCHED.length);
  /** Value span: a string's content without its quotes; a number's text. */
  readonly start = new Int32Array(WATCHED.length);
  readonly end = new Int32Array(WATCHED.length);
  /** The string value holds a backslash escape. */
  readonly escaped = new Uint8Array(WATCHED.length);
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

const HEX = new Uint8Array(256);
for (const c of '0123456789abcdefABCDEF') HEX[c.charCodeAt(0)] = 1;
const ESCAPE = new Uint8Array(256);
for (const c of '"\\/bfnrtu') ESCAPE[c.charCodeAt(0)] = 1;

const enum At {
  Value,
  After,
  Key,
}

let stack = new Uint8Array(256);

/**
 * Validates buf[s, e) as one JSON text, byte by byte, and notes where the watched top-level fields are.
 * It never calls valid what JSON.parse rejects; anything it is not sure of — including every invalid
 * line — is Unsure, so JSON.parse has the last word there. Strings may hold any byte but controls
 * (invalid UTF-8 decodes to U+FFFD, which JSON allows); escapes are checked. One loop, no calls: this
 * runs over every byte of a JSON-lines file.
 */
export function validateLine(buf: Buffer, s: number, e: number, fields: LineFields): Kind {
  fields.next();
  let i = s;
  let depth = 0; // open containers; stack[d] is 1 for an object, 2 for an array
  let top: Kind = Kind.Value;
  let slot = -1; // the watched field the next top-level value belongs to
  let at = At.Value;
  for (;;) {
    let c = i < e ? buf[i]! : 0;
    while (i < e && (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a)) c = ++i < e ? buf[i]! : 0;
    if (i >= e) return at === At.After && depth === 0 ? top : Kind.Unsure;
    if (at === At.After) {
      if (depth === 0) return Kind.Unsure; // text after the value
      if (c === 0x2c) {
        i++;
        if (stack[depth] === 1) at = At.Key;
        else {
          at = At.Value;
          slot = -1;
        }
      } else if (c === (stack[depth] === 1 ? 0x7d : 0x5d)) {
        depth--;
        i++;
      } else return Kind.Unsure;
      continue;
    }
    if (c === 0x22) {
      // A string: a value, or a key when at === At.Key.
      const vs = ++i;
      let escaped = false;
      for (;;) {
        if (i >= e) return Kind.Unsure;
        c = buf[i]!;
        if (c > 0x22) {
          if (c !== 0x5c) {
            i++;
            continue;
          }
          escaped = true;
          const x = i + 1 < e ? buf[i + 1]! : 0;
          if (ESCAPE[x] !== 1) return Kind.Unsure;
          if (x === 0x75) {
            if (i + 5 >= e || HEX[buf[i + 2]!] !== 1 || HEX[buf[i + 3]!] !== 1 || HEX[buf[i + 4]!] !== 1 || HEX[buf[i + 5]!] !== 1) return Kind.Unsure;
            i += 6;
          } else i += 2;
          continue;
        }
        if (c === 0x22) break;
        if (c < 0x20) return Kind.Unsure;
        i++;
      }
      const ve = i++;
      if (at === At.Key) {
        slot = depth === 1 ? watchedSlot(buf, vs, ve, escaped) : -1;
        if (slot === -2) return Kind.Unsure; // an escaped key could spell a watched name
        c = i < e ? buf[i]! : 0;
        while (i < e && (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a)) c = ++i < e ? buf[i]! : 0;
        if (c !== 0x3a || i >= e) return Kind.Unsure;
        i++;
        at = At.Value;
        continue;
      }
      if (depth === 1 && slot >= 0) {
        fields.set(slot, Type.String);
        fields.start[slot] = vs;
        fields.end[slot] = ve;
        fields.escaped[slot] = escaped ? 1 : 0;
      }
      at = At.After;
      continue;
    }
    if (at === At.Key) return Kind.Unsure;
    if (c === 0x7b || c === 0x5b) {
      if (depth === 0 && c === 0x7b) top = Kind.Object;
      if (depth === 1 && slot >= 0) fields.set(slot, Type.Other);
      if (++depth >= stack.length) {
        const bigger = new Uint8Array(stack.length * 2);
        bigger.set(stack);
        stack = bigger;
      }
      const object = c === 0x7b;
      stack[depth] = object ? 1 : 2;
      i++;
      c = i < e ? buf[i]! : 0;
      while (i < e && (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a)) c = ++i < e ? buf[i]! : 0;
      if (i < e && c === (object ? 0x7d : 0x5d)) {
        // An empty container.
        depth--;
        i++;
        at = At.After;
      } else if (object) at = At.Key;
      else {
        at = At.Value;
        slot = -1;
      }
      continue;
    }
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      // -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?
      const vs = i;
      if (c === 0x2d) c = ++i < e ? buf[i]! : 0;
      if (c === 0x30) c = ++i < e ? buf[i]! : 0;
      else if (c >= 0x31 && c <= 0x39 && i < e) {
        do c = ++i < e ? buf[i]! : 0;
        while (i < e && c >= 0x30 && c <= 0x39);
      } else return Kind.Unsure;
      if (i < e && c === 0x2e) {
        c = ++i < e ? buf[i]! : 0;
        if (i >= e || c < 0x30 || c > 0x39) return Kind.Unsure;
        do c = ++i < e ? buf[i]! : 0;
        while (i < e && c >= 0x30 && c <= 0x39);
      }
      if (i < e && (c === 0x65 || c === 0x45)) {
        c = ++i < e ? buf[i]! : 0;
        if (i < e && (c === 0x2b || c === 0x2d)) c = ++i < e ? buf[i]! : 0;
        if (i >= e || c < 0x30 || c > 0x39) return Kind.Unsure;
        do c = ++i < e ? buf[i]! : 0;
        while (i < e && c >= 0x30 && c <= 0x39);
      }
      if (depth === 1 && slot >= 0) {
        fields.set(slot, Type.Number);
        fields.start[slot] = vs;
        fields.end[slot] = i;
      }
      at = At.After;
      continue;
    }
    // true, false, null
    const n = c === 0x66 ? 5 : 4;
    if (i + n > e || !literalAt(buf, i, c)) return Kind.Unsure;
    i += n;
    if (depth === 1 && slot >= 0) fields.set(slot, Type.Other);
    at = At.After;
  }
}

function literalAt(buf: Buffer, i: number, c: number): boolean {
  if (c === 0x74) return buf[i + 1] === 0x72 && buf[i + 2] === 0x75 && buf[i + 3] === 0x65;
  if (c === 0x6e) return buf[i + 1] === 0x75 && buf[i + 2] === 0x6c && buf[i + 3] === 0x6c;
  if (c === 0x66) return buf[i + 1] === 0x61 && buf[i + 2] === 0x6c && buf[i + 3] === 0x73 && buf[i + 4] === 0x65;
  return false;
}

/** The watched slot a top-level key names, -1 for none, -2 when an escape makes it unsure. */
function watchedSlot(buf: Buffer, ks: number, ke: number, escaped: boolean): number {
  const n = ke - ks;
  const slots = BY_LENGTH[n];
  if (slots === undefined) return escaped ? -2 : -1;
  if (escaped) return -2;
  for (let k = 0; k < slots.length; k++) {
    const slot = slots[k]!;
    const key = WATCHED_BYTES[slot]!;
    let j = 0;
    while (j < n && buf[ks + j] === key[j]) j++;
    if (j === n) return slot;
  }
  return -1;
}
