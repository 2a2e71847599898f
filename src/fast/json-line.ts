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
  readonly type = new Uint8Array(WATCHED.length);
  /** Value span: a string's content without its quotes; a number's text. */
  readonly start = new Int32Array(WATCHED.length);
  readonly end = new Int32Array(WATCHED.length);
  /** The string value holds a backslash escape. */
  readonly escaped = new Uint8Array(WATCHED.length);

  clear(): void {
    this.type.fill(0);
  }
}

const WS = new Uint8Array(256);
for (const c of [0x20, 0x09, 0x0a, 0x0d]) WS[c] = 1;
const HEX = new Uint8Array(256);
for (const c of '0123456789abcdefABCDEF') HEX[c.charCodeAt(0)] = 1;
const ESCAPE = new Uint8Array(256);
for (const c of '"\\/bfnrtu') ESCAPE[c.charCodeAt(0)] = 1;

let stack = new Uint8Array(64);

/**
 * Validates buf[s, e) as one JSON text, byte by byte, and notes where the watched top-level fields are.
 * It never calls valid what JSON.parse rejects; anything it is not sure of — including every invalid
 * line — is Unsure, so JSON.parse has the last word there. Strings may hold any byte but controls
 * (invalid UTF-8 decodes to U+FFFD, which JSON allows), escapes are checked.
 */
export function validateLine(buf: Buffer, s: number, e: number, fields: LineFields): Kind {
  fields.clear();
  let i = s;
  let depth = 0; // containers open; stack[d] = 1 for an object, 2 for an array
  let top: Kind = Kind.Value;
  // Which watched field the next top-level value belongs to (-1: none).
  let slot = -1;
  // After a value: expecting `,` or the container's end (or the end of the text at depth 0).
  for (;;) {
    // --- a value ---
    while (i < e && WS[buf[i]!] === 1) i++;
    if (i >= e) return Kind.Unsure;
    const c = buf[i]!;
    const vs = i;
    if (c === 0x7b || c === 0x5b) {
      if (depth === 0 && c === 0x7b) top = Kind.Object;
      if (depth === 1 && slot !== -1) fields.type[slot] = Type.Other;
      if (++depth >= stack.length) {
        const bigger = new Uint8Array(stack.length * 2);
        bigger.set(stack);
        stack = bigger;
      }
      stack[depth] = c === 0x7b ? 1 : 2;
      i++;
      while (i < e && WS[buf[i]!] === 1) i++;
      if (i < e && buf[i] === (c === 0x7b ? 0x7d : 0x5d)) {
        // An empty container.
        depth--;
        i++;
      } else if (c === 0x7b) {
        const k = key(buf, i, e, depth === 1);
        if (k < 0) return Kind.Unsure;
        slot = keySlot;
        i = k;
        continue;
      } else {
        slot = -1;
        continue;
      }
    } else if (c === 0x22) {
      const end = string(buf, i + 1, e);
      if (end < 0) return Kind.Unsure;
      if (depth === 1 && slot !== -1) {
        fields.type[slot] = Type.String;
        fields.start[slot] = i + 1;
        fields.end[slot] = end - 1;
        fields.escaped[slot] = hadEscape ? 1 : 0;
      }
      i = end;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const end = number(buf, i, e);
      if (end < 0) return Kind.Unsure;
      if (depth === 1 && slot !== -1) {
        fields.type[slot] = Type.Number;
        fields.start[slot] = vs;
        fields.end[slot] = end;
      }
      i = end;
    } else {
      const end = literal(buf, i, e);
      if (end < 0) return Kind.Unsure;
      if (depth === 1 && slot !== -1) fields.type[slot] = Type.Other;
      i = end;
    }
    // --- after a value ---
    for (;;) {
      while (i < e && WS[buf[i]!] === 1) i++;
      if (depth === 0) return i === e ? top : Kind.Unsure;
      if (i >= e) return Kind.Unsure;
      const d = buf[i]!;
      const inObject = stack[depth] === 1;
      if (d === 0x2c) {
        i++;
        if (inObject) {
          while (i < e && WS[buf[i]!] === 1) i++;
          const k = key(buf, i, e, depth === 1);
          if (k < 0) return Kind.Unsure;
          slot = keySlot;
          i = k;
        } else slot = -1;
        break; // a value follows
      }
      if (d !== (inObject ? 0x7d : 0x5d)) return Kind.Unsure;
      depth--;
      i++;
    }
  }
}

let hadEscape = false;
let keySlot = -1;

/** A string's end (just after its closing quote), from just after its opening quote; -1 if invalid. */
function string(buf: Buffer, i: number, e: number): number {
  hadEscape = false;
  while (i < e) {
    const c = buf[i]!;
    // Most bytes of a string are neither a quote, a backslash nor a control: one test lets them pass.
    if (c > 0x5c || (c > 0x22 && c < 0x5c)) {
      i++;
      continue;
    }
    if (c === 0x22) return i + 1;
    if (c < 0x20) return -1;
    if (c === 0x5c) {
      hadEscape = true;
      const x = buf[i + 1]!;
      if (i + 1 >= e || ESCAPE[x] !== 1) return -1;
      if (x === 0x75) {
        if (i + 5 >= e || HEX[buf[i + 2]!] !== 1 || HEX[buf[i + 3]!] !== 1 || HEX[buf[i + 4]!] !== 1 || HEX[buf[i + 5]!] !== 1) return -1;
        i += 6;
      } else i += 2;
    } else i++;
  }
  return -1;
}

/** A key and its colon, from its opening quote: where its value starts (after the colon); -1 if invalid. */
function key(buf: Buffer, i: number, e: number, watch: boolean): number {
  keySlot = -1;
  if (i >= e || buf[i] !== 0x22) return -1;
  const end = string(buf, i + 1, e);
  if (end < 0) return -1;
  if (watch) {
    // An escaped key could spell a watched name: leave such lines to JSON.parse.
    if (hadEscape) return -1;
    const n = end - i - 2;
    for (const slot of BY_LENGTH[n] ?? []) {
      const k = WATCHED_BYTES[slot]!;
      let j = 0;
      while (j < n && buf[i + 1 + j] === k[j]) j++;
      if (j === n) {
        keySlot = slot;
        break;
      }
    }
  }
  let j = end;
  while (j < e && WS[buf[j]!] === 1) j++;
  if (j >= e || buf[j] !== 0x3a) return -1;
  return j + 1;
}

const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39;

/** A number's end (JSON grammar: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?); -1 if invalid. */
function number(buf: Buffer, i: number, e: number): number {
  if (buf[i] === 0x2d) i++;
  if (i >= e) return -1;
  if (buf[i] === 0x30) i++;
  else if (isDigit(buf[i])) while (i < e && isDigit(buf[i])) i++;
  else return -1;
  if (i < e && buf[i] === 0x2e) {
    i++;
    if (i >= e || !isDigit(buf[i])) return -1;
    while (i < e && isDigit(buf[i])) i++;
  }
  if (i < e && (buf[i] === 0x65 || buf[i] === 0x45)) {
    i++;
    if (i < e && (buf[i] === 0x2b || buf[i] === 0x2d)) i++;
    if (i >= e || !isDigit(buf[i])) return -1;
    while (i < e && isDigit(buf[i])) i++;
  }
  return i;
}

const LITERALS = ['true', 'false', 'null'].map((w) => Buffer.from(w, 'latin1'));

function literal(buf: Buffer, i: number, e: number): number {
  for (const w of LITERALS) {
    if (buf[i] !== w[0] || i + w.length > e) continue;
    let j = 1;
    while (j < w.length && buf[i + j] === w[j]) j++;
    if (j === w.length) return i + w.length;
  }
  return -1;
}
