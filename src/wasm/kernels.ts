// Byte kernels in AssemblyScript, compiled to WebAssembly (dist/wasm/kernels.wasm) by `npm run build`.
// They run over the scanners' buffers, which live in this module's memory from heapBase() on. What they
// decide is proven against JSON.parse and the split2 readers by the project's property tests.

export { lineTimes, pauseCounts, timesOut } from './window';
import { countsPaused } from './window';

/** Kinds of a line (as src/fast/json-line.ts names them). */
export const UNSURE: i32 = 0;
const VALUE: i32 = 1;
export const OBJECT: i32 = 2;

/** Value types of watched fields. */
const T_STRING: u8 = 1;
const T_NUMBER: u8 = 2;
const T_OTHER: u8 = 3;

/** Watched top-level keys, in slot order: code fields, time fields, account fields. */
const SLOTS: i32 = 13;
// For each slot: 16 bytes — type (u8), escaped (u8), start (i32 at +4), end (i32 at +8), and for code
// fields the hash of the value (u32 at +12). Then a mask of
// the slots set by the last line.
const FIELDS: usize = memory.data(SLOTS * 16 + 16, 16);
const PRESENT: usize = FIELDS + <usize>SLOTS * 16;
// Open containers: 1 for an object, 2 for an array. Deeper text is left to JSON.parse.
const MAX_DEPTH: i32 = 65535;
const STACK: usize = memory.data(MAX_DEPTH + 1, 16);

// The watched keys' bytes, back to back, and where each starts and how long it is.
const KEYS: usize = memory.data<u8>([
  // code error_code errorCode timestamp time @timestamp ts date datetime account user email mailbox
  0x63, 0x6f, 0x64, 0x65,
  0x65, 0x72, 0x72, 0x6f, 0x72, 0x5f, 0x63, 0x6f, 0x64, 0x65,
  0x65, 0x72, 0x72, 0x6f, 0x72, 0x43, 0x6f, 0x64, 0x65,
  0x74, 0x69, 0x6d, 0x65, 0x73, 0x74, 0x61, 0x6d, 0x70,
  0x74, 0x69, 0x6d, 0x65,
  0x40, 0x74, 0x69, 0x6d, 0x65, 0x73, 0x74, 0x61, 0x6d, 0x70,
  0x74, 0x73,
  0x64, 0x61, 0x74, 0x65,
  0x64, 0x61, 0x74, 0x65, 0x74, 0x69, 0x6d, 0x65,
  0x61, 0x63, 0x63, 0x6f, 0x75, 0x6e, 0x74,
  0x75, 0x73, 0x65, 0x72,
  0x65, 0x6d, 0x61, 0x69, 0x6c,
  0x6d, 0x61, 0x69, 0x6c, 0x62, 0x6f, 0x78,
]);
const KEY_AT: usize = memory.data<i32>([0, 4, 14, 23, 32, 36, 46, 48, 52, 60, 67, 71, 76]);
const KEY_LEN: usize = memory.data<i32>([4, 10, 9, 9, 4, 10, 2, 4, 8, 7, 4, 5, 7]);

/** Where the scanners' buffers start. */
export function heapBase(): usize {
  return (__heap_base + 15) & ~15;
}

/** Where the watched fields of the last validated line are (and after them, the mask of those set). */
export function fields(): usize {
  return FIELDS;
}

@inline function isWs(c: u32): bool {
  return c == 0x20 || c == 0x09 || c == 0x0d || c == 0x0a;
}

@inline function isHex(c: u32): bool {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
}

// Set by skipString: the string held a backslash escape.
let escaped: bool = false;

/**
 * From just after an opening quote: the index of the closing quote, or -1 when the string is invalid (a
 * control character, a bad escape, no end). Sixteen bytes at a time while none of them is special.
 */
@inline function skipString(i: usize, e: usize): isize {
  escaped = false;
  const quote = i8x16.splat(0x22);
  const backslash = i8x16.splat(0x5c);
  const space = i8x16.splat(0x20);
  while (true) {
    while (i + 16 <= e) {
      const v = v128.load(i);
      const special = v128.or(v128.or(i8x16.eq(v, quote), i8x16.eq(v, backslash)), i8x16.lt_u(v, space));
      const bits = i8x16.bitmask(special);
      if (bits == 0) {
        i += 16;
        continue;
      }
      i += <usize>ctz<i32>(bits);
      break;
    }
    while (i < e) {
      const c = <u32>load<u8>(i);
      if (c == 0x22 || c == 0x5c || c < 0x20) break;
      i++;
    }
    if (i >= e) return -1;
    const c = <u32>load<u8>(i);
    if (c == 0x22) return <isize>i;
    if (c < 0x20) return -1;
    // A backslash escape.
    escaped = true;
    if (i + 1 >= e) return -1;
    const x = <u32>load<u8>(i + 1);
    if (x == 0x75) {
      if (i + 5 >= e) return -1;
      if (!isHex(load<u8>(i + 2)) || !isHex(load<u8>(i + 3)) || !isHex(load<u8>(i + 4)) || !isHex(load<u8>(i + 5))) return -1;
      i += 6;
    } else if (x == 0x22 || x == 0x5c || x == 0x2f || x == 0x62 || x == 0x66 || x == 0x6e || x == 0x72 || x == 0x74) {
      i += 2;
    } else return -1;
  }
  return -1;
}

/** The watched slot a top-level key names: -1 none, -2 unsure (an escaped key could spell one). */
function watchedSlot(ks: usize, ke: usize): i32 {
  if (escaped) return -2;
  const n = <i32>(ke - ks);
  // The watched keys are fixed: told apart by their length, then compared a word at a time (never
  // reading past the key's closing quote).
  switch (n) {
    case 2:
      return load<u16>(ks) == 0x7374 ? 6 : -1; // ts
    case 4: {
      const w = load<u32>(ks);
      if (w == 0x65646f63) return 0; // code
      if (w == 0x656d6974) return 4; // time
      if (w == 0x65746164) return 7; // date
      if (w == 0x72657375) return 10; // user
      return -1;
    }
    case 5:
      return load<u32>(ks) == 0x69616d65 && load<u8>(ks, 4) == 0x6c ? 11 : -1; // email
    case 7: {
      const a = load<u32>(ks);
      const b = load<u32>(ks, 3);
      if (a == 0x6f636361 && b == 0x746e756f) return 9; // account
      if (a == 0x6c69616d && b == 0x786f626c) return 12; // mailbox
      return -1;
    }
    case 8:
      return load<u64>(ks) == 0x656d697465746164 ? 8 : -1; // datetime
    case 9: {
      const w = load<u64>(ks);
      const last = load<u8>(ks, 8);
      if (w == 0x646f43726f727265 && last == 0x65) return 2; // errorCode
      if (w == 0x6d617473656d6974 && last == 0x70) return 3; // timestamp
      return -1;
    }
    case 10: {
      const w = load<u64>(ks);
      const last = load<u16>(ks, 8);
      if (w == 0x6f635f726f727265 && last == 0x6564) return 1; // error_code
      if (w == 0x617473656d697440 && last == 0x706d) return 5; // @timestamp
      return -1;
    }
  }
  return -1;
}

// Both hashes of the last hashBoth call.
let hash1: u32 = 0;
let hash2: u32 = 0;

/** Eight bytes with A-Z lower-cased (other bytes, UTF-8 ones included, as they are). */
@inline function lower8(w: u64): u64 {
  const low = w & 0x7f7f7f7f7f7f7f7f;
  const aboveZ = low + 0x2525252525252525; // high bit set where the byte is above `Z`
  const fromA = low + 0x3f3f3f3f3f3f3f3f; // high bit set where the byte is `A` or above
  const upper = (fromA ^ aboveZ) & ~w & 0x8080808080808080;
  return w | (upper >> 2);
}

@inline function mix64(h: u64): u64 {
  h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9;
  h = (h ^ (h >> 27)) * 0x94d049bb133111eb;
  return h ^ (h >> 31);
}

/**
 * A 64-bit hash of the ASCII-lower-cased bytes [s, e), eight bytes at a time, split into two words:
 * with both and the length, an account is told from another without its bytes.
 */
function hashBoth(s: usize, e: usize): void {
  let h: u64 = 0x9e3779b97f4a7c15;
  let i = s;
  while (i + 8 <= e) {
    h = mix64(h ^ lower8(load<u64>(i)));
    i += 8;
  }
  if (i < e) {
    // The last 1 to 7 bytes, from the eight that end at e (memory before any text holds the kernels' own
    // data, so e - 8 is always inside it), shifted down: the bytes before i fall out.
    const t = load<u64>(e - 8) >> (<u64>(8 - (e - i)) << 3);
    h = mix64(h ^ lower8(t) ^ 0xff00000000000000);
  }
  hash1 = <u32>h;
  hash2 = <u32>(h >> 32);
}

/** FNV-1a of the ASCII-lower-cased bytes [s, e): the hash the scanners' tables are keyed by. */
function hashLower(s: usize, e: usize): u32 {
  let h: u32 = 0x811c9dc5;
  for (let i = s; i < e; i++) {
    let c = <u32>load<u8>(i);
    if (c >= 65 && c <= 90) c += 32;
    h = (h ^ c) * 0x01000193;
  }
  return h;
}

@inline function setField(slot: i32, type: u8, start: usize, end: usize, esc: bool): void {
  store<u32>(PRESENT, load<u32>(PRESENT) | (1 << slot));
  const at = FIELDS + (<usize>slot << 4);
  store<u8>(at, type);
  store<u8>(at, esc ? 1 : 0, 1);
  store<i32>(at, <i32>start, 4);
  store<i32>(at, <i32>end, 8);
}

/** What validateFlat returns when the object holds an object or an array: the general validator decides. */
const NOT_FLAT: i32 = -1;

/** Past JSON whitespace other than `\n` (a line never holds one; where the end is open, it ends the line). */
@inline function skipWs(i: usize, e: usize): usize {
  while (i < e) {
    const c = load<u8>(i);
    if (c != 0x20 && c != 0x09 && c != 0x0d) break;
    i++;
  }
  return i;
}

// Set by validateFlat when it returns OBJECT: where the object's line ends (its `\n`, or e).
let flatEnd: usize = 0;

/** After a number's first byte (a digit or `-`) at i: its end, or 0 when it is not a JSON number. */
@inline function skipNumber(i: usize, e: usize): usize {
  let c = <u32>load<u8>(i);
  if (c == 0x2d) {
    i++;
    c = i < e ? <u32>load<u8>(i) : 0;
  }
  if (c == 0x30) i++;
  else if (c >= 0x31 && c <= 0x39) {
    while (i < e && isDigit(load<u8>(i))) i++;
  } else return 0;
  if (i < e && load<u8>(i) == 0x2e) {
    i++;
    if (i >= e || !isDigit(load<u8>(i))) return 0;
    while (i < e && isDigit(load<u8>(i))) i++;
  }
  if (i < e && (load<u8>(i) | 0x20) == 0x65) {
    i++;
    if (i < e && (load<u8>(i) == 0x2b || load<u8>(i) == 0x2d)) i++;
    if (i >= e || !isDigit(load<u8>(i))) return 0;
    while (i < e && isDigit(load<u8>(i))) i++;
  }
  return i;
}

/** After `true`, `false` or `null` at i: its end, or 0. */
@inline function skipLiteral(i: usize, e: usize): usize {
  const c = <u32>load<u8>(i);
  if (c == 0x74 && i + 4 <= e && load<u8>(i + 1) == 0x72 && load<u8>(i + 2) == 0x75 && load<u8>(i + 3) == 0x65) return i + 4;
  if (c == 0x6e && i + 4 <= e && load<u8>(i + 1) == 0x75 && load<u8>(i + 2) == 0x6c && load<u8>(i + 3) == 0x6c) return i + 4;
  if (c == 0x66 && i + 5 <= e && load<u8>(i + 1) == 0x61 && load<u8>(i + 2) == 0x6c && load<u8>(i + 3) == 0x73 && load<u8>(i + 4) == 0x65) return i + 5;
  return 0;
}

/**
 * The common line, quickly: an object whose values are strings, numbers and literals. Notes the watched
 * fields as validate does; NOT_FLAT when a value is an object or an array (validate then reads the line).
 * The line may run on past e's first `\n`: an object followed by whitespace and a `\n` (or e) is OBJECT,
 * with its line's end in flatEnd, so a scan need not find the line's end first.
 */
/** After an object's `}` at i - 1: OBJECT when only whitespace is left on its line. */
@inline function flatTail(i: usize, e: usize): i32 {
  i = skipWs(i, e);
  if (i < e && load<u8>(i) != 0x0a) return UNSURE;
  flatEnd = i;
  return OBJECT;
}

function validateFlat(s: usize, e: usize): i32 {
  store<u32>(PRESENT, 0);
  let i = skipWs(s, e);
  if (i >= e || load<u8>(i) != 0x7b) return NOT_FLAT;
  i = skipWs(i + 1, e);
  if (i < e && load<u8>(i) == 0x7d) return flatTail(i + 1, e);
  while (true) {
    if (i >= e || load<u8>(i) != 0x22) return UNSURE;
    const ks = i + 1;
    const kend = skipString(ks, e);
    if (kend < 0) return UNSURE;
    const slot = watchedSlot(ks, <usize>kend);
    if (slot == -2) return UNSURE;
    i = skipWs(<usize>kend + 1, e);
    if (i >= e || load<u8>(i) != 0x3a) return UNSURE;
    i = skipWs(i + 1, e);
    if (i >= e) return UNSURE;
    const c = <u32>load<u8>(i);
    if (c == 0x22) {
      const vs = i + 1;
      const end = skipString(vs, e);
      if (end < 0) return UNSURE;
      const ve = <usize>end;
      if (slot >= 0) {
        setField(slot, T_STRING, vs, ve, escaped);
        if (slot < 3) store<u32>(FIELDS + (<usize>slot << 4), hashLower(vs, ve), 12);
      }
      i = ve + 1;
    } else if (c == 0x7b || c == 0x5b) {
      return NOT_FLAT;
    } else if (c == 0x2d || isDigit(c)) {
      const vs = i;
      i = skipNumber(i, e);
      if (i == 0) return UNSURE;
      if (slot >= 0) setField(slot, T_NUMBER, vs, i, false);
    } else {
      i = skipLiteral(i, e);
      if (i == 0) return UNSURE;
      if (slot >= 0) setField(slot, T_OTHER, 0, 0, false);
    }
    i = skipWs(i, e);
    if (i >= e) return UNSURE;
    const d = <u32>load<u8>(i);
    if (d == 0x2c) {
      i = skipWs(i + 1, e);
      continue;
    }
    if (d == 0x7d) return flatTail(i + 1, e);
    return UNSURE;
  }
  return UNSURE;
}

/**
 * Validates [s, e) as one JSON text and notes the watched top-level fields (the last of duplicate keys
 * wins, as in JSON.parse). Never calls valid what JSON.parse rejects: anything doubtful is UNSURE.
 * Offsets written to the fields are absolute (the caller subtracts its base).
 */
export function validate(s: usize, e: usize): i32 {
  const flat = validateFlat(s, e);
  if (flat == OBJECT) {
    // validateFlat stops at a `\n`: what follows must be whitespace too.
    let i = flatEnd;
    while (i < e && isWs(load<u8>(i))) i++;
    return i == e ? OBJECT : UNSURE;
  }
  return flat == NOT_FLAT ? validateNested(s, e) : flat;
}

/** validate for a text that validateFlat left to it (an object or array holds an object or an array). */
function validateNested(s: usize, e: usize): i32 {
  store<u32>(PRESENT, 0);
  let i = s;
  let depth: i32 = 0;
  let top = VALUE;
  let slot: i32 = -1;
  let at: i32 = 0; // 0 a value, 1 after a value, 2 a key
  while (true) {
    let c: u32 = 0;
    while (i < e) {
      c = <u32>load<u8>(i);
      if (!isWs(c)) break;
      i++;
    }
    if (i >= e) return at == 1 && depth == 0 ? top : UNSURE;
    if (at == 1) {
      if (depth == 0) return UNSURE;
      const open = <u32>load<u8>(STACK + <usize>depth);
      if (c == 0x2c) {
        i++;
        if (open == 1) at = 2;
        else {
          at = 0;
          slot = -1;
        }
      } else if (c == (open == 1 ? 0x7d : 0x5d)) {
        depth--;
        i++;
      } else return UNSURE;
      continue;
    }
    if (c == 0x22) {
      const vs = i + 1;
      const end = skipString(vs, e);
      if (end < 0) return UNSURE;
      const ve = <usize>end;
      i = ve + 1;
      if (at == 2) {
        slot = depth == 1 ? watchedSlot(vs, ve) : -1;
        if (slot == -2) return UNSURE;
        while (i < e && isWs(load<u8>(i))) i++;
        if (i >= e || load<u8>(i) != 0x3a) return UNSURE;
        i++;
        at = 0;
        continue;
      }
      if (depth == 1 && slot >= 0) {
        setField(slot, T_STRING, vs, ve, escaped);
        // Code fields are looked up by this hash.
        if (slot < 3) store<u32>(FIELDS + (<usize>slot << 4), hashLower(vs, ve), 12);
      }
      at = 1;
      continue;
    }
    if (at == 2) return UNSURE;
    if (c == 0x7b || c == 0x5b) {
      if (depth == 0 && c == 0x7b) top = OBJECT;
      if (depth == 1 && slot >= 0) setField(slot, T_OTHER, 0, 0, false);
      if (depth >= MAX_DEPTH) return UNSURE;
      depth++;
      const object = c == 0x7b;
      store<u8>(STACK + <usize>depth, object ? 1 : 2);
      i++;
      while (i < e && isWs(load<u8>(i))) i++;
      if (i < e && <u32>load<u8>(i) == (object ? 0x7d : 0x5d)) {
        depth--;
        i++;
        at = 1;
      } else if (object) at = 2;
      else {
        at = 0;
        slot = -1;
      }
      continue;
    }
    if (c == 0x2d || (c >= 0x30 && c <= 0x39)) {
      const vs = i;
      if (c == 0x2d) {
        i++;
        c = i < e ? <u32>load<u8>(i) : 0;
      }
      if (c == 0x30) i++;
      else if (c >= 0x31 && c <= 0x39) {
        while (i < e && <u32>load<u8>(i) >= 0x30 && <u32>load<u8>(i) <= 0x39) i++;
      } else return UNSURE;
      if (i < e && load<u8>(i) == 0x2e) {
        i++;
        if (i >= e || <u32>load<u8>(i) < 0x30 || <u32>load<u8>(i) > 0x39) return UNSURE;
        while (i < e && <u32>load<u8>(i) >= 0x30 && <u32>load<u8>(i) <= 0x39) i++;
      }
      if (i < e && (load<u8>(i) == 0x65 || load<u8>(i) == 0x45)) {
        i++;
        if (i < e && (load<u8>(i) == 0x2b || load<u8>(i) == 0x2d)) i++;
        if (i >= e || <u32>load<u8>(i) < 0x30 || <u32>load<u8>(i) > 0x39) return UNSURE;
        while (i < e && <u32>load<u8>(i) >= 0x30 && <u32>load<u8>(i) <= 0x39) i++;
      }
      if (depth == 1 && slot >= 0) setField(slot, T_NUMBER, vs, i, false);
      at = 1;
      continue;
    }
    // true, false, null
    if (c == 0x74 && i + 4 <= e && load<u8>(i + 1) == 0x72 && load<u8>(i + 2) == 0x75 && load<u8>(i + 3) == 0x65) i += 4;
    else if (c == 0x6e && i + 4 <= e && load<u8>(i + 1) == 0x75 && load<u8>(i + 2) == 0x6c && load<u8>(i + 3) == 0x6c) i += 4;
    else if (c == 0x66 && i + 5 <= e && load<u8>(i + 1) == 0x61 && load<u8>(i + 2) == 0x6c && load<u8>(i + 3) == 0x73 && load<u8>(i + 4) == 0x65) i += 5;
    else return UNSURE;
    if (depth == 1 && slot >= 0) setField(slot, T_OTHER, 0, 0, false);
    at = 1;
  }
  return UNSURE;
}

// Character classes, one byte per character: a table lookup is cheaper than the comparisons in the
// loops that walk words and addresses. Bits: letter, e-mail local part (as src/extract/accounts.ts has
// it), word ([A-Za-z0-9_]), domain label ([A-Za-z0-9-]).
const C_ALPHA: u8 = 1;
const C_LOCAL: u8 = 2;
const C_WORD: u8 = 4;
const C_DOMAIN: u8 = 8;
const CLASSES: usize = memory.data<u8>([
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 2, 0, 10, 2, 0, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 0, 0, 0, 0, 0, 0,
  0, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 0, 0, 0, 0, 6,
  0, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
]);

@inline function hasClass(c: u32, bits: u8): bool {
  return (load<u8>(CLASSES + <usize>c) & bits) != 0;
}
@inline function isAlpha(c: u32): bool {
  return hasClass(c, C_ALPHA);
}
@inline function isLocal(c: u32): bool {
  return hasClass(c, C_LOCAL);
}

/** End of the longest valid domain starting at `from`, or -1 (as src/extract/accounts.ts's domainEnd). */
function domainEnd(from: usize, end: usize): isize {
  let best: isize = -1;
  let labels = 0;
  let i = from;
  while (true) {
    const ls = i;
    let alphaOnly = true;
    while (i < end) {
      const c = <u32>load<u8>(i);
      if (!hasClass(c, C_DOMAIN)) break;
      if (!isAlpha(c)) alphaOnly = false;
      i++;
    }
    if (i == ls || load<u8>(ls) == 0x2d || load<u8>(i - 1) == 0x2d) return best;
    labels++;
    if (labels >= 2 && alphaOnly && i - ls >= 2) best = <isize>i;
    if (i >= end || load<u8>(i) != 0x2e) return best;
    i++;
  }
  return best;
}

// ---- Accounts: a dense id per distinct address ----

// An open-addressing table of 16-byte entries — hash1 (u32), hash2 (u32), generation << 10 | length (u32),
// id (i32) — in memory the scanner reserves (setAccounts). An account is known by its length and two
// hashes of its lower-cased bytes (a false match is a 2^-64 event), so no bytes are compared. An entry
// counts only in the current generation: starting over is one increment, not a clear. Each id's
// lower-cased bytes are kept in an arena, where the caller reads them (per id: offset and length, u32).
const ACCOUNT_SLOTS: u32 = 65536;
/** At most this many ids per generation (half the slots: probes stay short). */
const ACCOUNT_IDS: i32 = 32768;
const ARENA_BYTES: u32 = 2 << 20;
let accountTable: usize = 0;
let accountNames: usize = 0;
let arena: usize = 0;
let arenaUsed: u32 = 0;
let accountGen: u32 = 1;
let accountNext: i32 = 0;

/** Bytes the caller reserves for setAccounts: the table, the ids' offsets and lengths, the arena. */
export function accountBytes(): i32 {
  return <i32>(ACCOUNT_SLOTS * 16 + <u32>ACCOUNT_IDS * 8 + ARENA_BYTES);
}

export function setAccounts(at: usize): void {
  accountTable = at;
  accountNames = at + <usize>ACCOUNT_SLOTS * 16;
  arena = accountNames + <usize>ACCOUNT_IDS * 8;
}

/** Forgets every account: ids start again from 0. */
export function accountsReset(): void {
  // Counts per account kept here (see countHere) belong to the ids being forgotten.
  if (countCodes > 0) memory.fill(accountCounts, 0, <usize>accountNext * <usize>countCodes * 4);
  countedSinceReset = 0;
  accountNext = 0;
  arenaUsed = 0;
  accountGen++;
  if (accountGen == 0x3fffff) {
    memory.fill(accountTable, 0, <usize>ACCOUNT_SLOTS * 16);
    accountGen = 1;
  }
}

/** How many ids are given out. */
export function accountCount(): i32 {
  return accountNext;
}

/**
 * Half the ids or half the arena are used, or the per-account counts kept here could soon overflow: time
 * to count what they stand for and start over.
 */
export function accountsBusy(): bool {
  return accountNext >= ACCOUNT_IDS / 2 || arenaUsed >= ARENA_BYTES / 2 || countedSinceReset >= COUNTED_MAX;
}

/** Where an id's offset (absolute) and length are. */
export function accountNamesAt(): usize {
  return accountNames;
}

/**
 * The id of the account of the lower-cased bytes [s, e) (at most 1023 of them): an account not met before
 * gets the next id, or -1 when no id or arena room is left.
 */
export function accountId(s: usize, e: usize): i32 {
  hashBoth(s, e);
  const n = <u32>(e - s);
  const tag = (accountGen << 10) | n;
  let slot = hash1 & (ACCOUNT_SLOTS - 1);
  while (true) {
    const at = accountTable + (<usize>slot << 4);
    const t = load<u32>(at, 8);
    if (t >> 10 != accountGen) {
      if (accountNext >= ACCOUNT_IDS || arenaUsed + n > ARENA_BYTES) return -1;
      store<u32>(at, hash1);
      store<u32>(at, hash2, 4);
      store<u32>(at, tag, 8);
      store<i32>(at, accountNext, 12);
      const to = arena + <usize>arenaUsed;
      for (let i: usize = 0; i < <usize>n; i++) {
        let c = <u32>load<u8>(s + i);
        if (c >= 65 && c <= 90) c += 32;
        store<u8>(to + i, <u8>c);
      }
      const name = accountNames + (<usize>accountNext << 3);
      store<u32>(name, <u32>to);
      store<u32>(name, n, 4);
      arenaUsed += n;
      return accountNext++;
    }
    if (t == tag && load<u32>(at) == hash1 && load<u32>(at, 4) == hash2) return load<i32>(at, 12);
    slot = (slot + 1) & (ACCOUNT_SLOTS - 1);
  }
  return -1;
}

/** The first byte c in [i, e), or e, 32 bytes at a time. */
@inline export function nextByte(i: usize, e: usize, c: u8): usize {
  const wanted = i8x16.splat(c);
  while (i + 32 <= e) {
    const a = i8x16.eq(v128.load(i), wanted);
    const b = i8x16.eq(v128.load(i, 16), wanted);
    if (v128.any_true(v128.or(a, b))) return i + <usize>ctz<u32>(<u32>i8x16.bitmask(a) | (<u32>i8x16.bitmask(b) << 16));
    i += 32;
  }
  while (i + 16 <= e) {
    const bits = i8x16.bitmask(i8x16.eq(v128.load(i), wanted));
    if (bits != 0) return i + <usize>ctz<i32>(bits);
    i += 16;
  }
  while (i < e && load<u8>(i) != c) i++;
  return i;
}

// Set by emailAt: the address around the `@`.
let emailStart: usize = 0;
let emailEnd: usize = 0;

/** The address around the `@` at q in [start, end) (into emailStart, emailEnd), if there is one. */
@inline function emailAt(q: usize, start: usize, end: usize): bool {
  let s = q;
  while (s > start && isLocal(load<u8>(s - 1))) s--;
  if (s == q) return false;
  const e = domainEnd(q + 1, end);
  if (e == -1 || <usize>e - s > 254) return false;
  emailStart = s;
  emailEnd = <usize>e;
  return true;
}

/**
 * The e-mail addresses in [start, end), as src/extract/accounts.ts finds them: for each `@`, the run of
 * [A-Za-z0-9._%+-] before it and the longest domain after it, at most 254 bytes. Writes start, end and
 * its account id (see accountId) at emailsOut(), at most MAX_EMAILS of them, and returns how many; when
 * it is full, the search goes on from the i32 after them (the next call's `start`).
 */
export function emails(start: usize, end: usize): i32 {
  const out = EMAILS;
  const max = MAX_EMAILS;
  let n = 0;
  let q = start;
  while (n < max) {
    q = nextByte(q, end, 0x40);
    if (q >= end) break;
    if (emailAt(q, start, end)) {
      const o = out + (<usize>n * 16);
      store<i32>(o, <i32>emailStart);
      store<i32>(o, <i32>emailEnd, 4);
      store<i32>(o, accountId(emailStart, emailEnd), 8);
      n++;
    }
    q++;
  }
  store<u32>(RESUME, <u32>q);
  return n;
}

/** Where `emails` writes (MAX_EMAILS of start, end, id and a spare word), and where a call that filled it should go on from. */
const MAX_EMAILS: i32 = 1024;
const EMAILS: usize = memory.data(MAX_EMAILS * 16 + 16, 16);
const RESUME: usize = EMAILS + <usize>MAX_EMAILS * 16;

export function emailsOut(): usize {
  return EMAILS;
}

// ---- Plain text: lines, `_` words, catalog codes and unknown-code values ----

// The catalog, as the scanner gives it (setCatalog): an open-addressing table of 16-byte entries — hash
// (u32), catalog index (i32, -1 for an empty entry), key offset (u32, absolute), key length (u32) — with
// the lower-cased keys elsewhere in memory, and a map of the lengths codes have.
let tableAt: usize = 0;
let tableMask: u32 = 0;
let lengthsAt: usize = 0;
let maxLength: i32 = 0;

export function setCatalog(table: usize, mask: u32, lengths: usize, longest: i32): void {
  tableAt = table;
  tableMask = mask;
  lengthsAt = lengths;
  maxLength = longest;
}

@inline function isWord(c: u32): bool {
  return hasClass(c, C_WORD);
}

/** The hash the catalog table is keyed by: of the ASCII-lower-cased bytes [s, e) (see hashBoth). */
export function codeHash(s: usize, e: usize): u32 {
  hashBoth(s, e);
  return hash1;
}

/** [s, e) equals the lower-cased key at `key` once A-Z are lower-cased, compared eight bytes at a time. */
@inline function sameLower(s: usize, e: usize, key: usize): bool {
  let i = s;
  let k = key;
  while (i + 8 <= e) {
    if (lower8(load<u64>(i)) != load<u64>(k)) return false;
    i += 8;
    k += 8;
  }
  while (i < e) {
    if (lower(<u32>load<u8>(i)) != <u32>load<u8>(k)) return false;
    i++;
    k++;
  }
  return true;
}

/** The catalog index of the word [s, e), or -1. */
function lookup(s: usize, e: usize): i32 {
  const n = <i32>(e - s);
  if (n > maxLength || load<u8>(lengthsAt + <usize>n) == 0) return -1;
  const h = codeHash(s, e);
  let slot = h & tableMask;
  while (true) {
    const at = tableAt + (<usize>slot << 4);
    const idx = load<i32>(at, 4);
    if (idx < 0) return -1;
    if (load<u32>(at) == h && load<i32>(at, 12) == n && sameLower(s, e, <usize>load<u32>(at, 8))) return idx;
    slot = (slot + 1) & tableMask;
  }
  return -1;
}

@inline function lower(c: u32): u32 {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/** A letter, then letters or digits, then `_`-joined groups of letters or digits (as src/fast/unknown.ts). */
function codeShaped(s: usize, e: usize): bool {
  if (!isAlpha(load<u8>(s))) return false;
  if (load<u8>(e - 1) == 0x5f) return false;
  let groups = 1;
  for (let i = s + 1; i < e; i++) {
    if (load<u8>(i) == 0x5f) {
      if (load<u8>(i - 1) == 0x5f) return false;
      groups++;
    }
  }
  return groups >= 2;
}

@inline function isSpace(c: u32): bool {
  return c == 0x20 || c == 0x09;
}

/** Does the key (code, error_code, errorcode in any case) end at j, as a whole token? */
function keyEndsAt(ls: usize, j: isize): bool {
  // code
  if (j - 3 >= <isize>ls) {
    const k = <usize>(j - 3);
    if (lower(load<u8>(k)) == 0x63 && lower(load<u8>(k + 1)) == 0x6f && lower(load<u8>(k + 2)) == 0x64 && lower(load<u8>(k + 3)) == 0x65) {
      if (k == ls || !isWord(load<u8>(k - 1))) return true;
      // error_code or errorcode end in `code` too.
      if (j - 9 >= <isize>ls && lower(load<u8>(k - 1)) == 0x5f) {
        const r = <usize>(j - 9);
        if (errorAt(r) && (r == ls || !isWord(load<u8>(r - 1)))) return true;
      }
      if (j - 8 >= <isize>ls) {
        const r = <usize>(j - 8);
        if (errorAt(r) && (r == ls || !isWord(load<u8>(r - 1)))) return true;
      }
    }
  }
  return false;
}

@inline function errorAt(r: usize): bool {
  return lower(load<u8>(r)) == 0x65 && lower(load<u8>(r + 1)) == 0x72 && lower(load<u8>(r + 2)) == 0x72 && lower(load<u8>(r + 3)) == 0x6f && lower(load<u8>(r + 4)) == 0x72;
}

/** Is the word [s, e) an unknown-code value (as src/fast/unknown.ts's isUnknownValue)? */
function unknownValue(ls: usize, s: usize, e: usize): bool {
  let j = <isize>s - 1;
  if (j < <isize>ls) return false;
  let c = <u32>load<u8>(<usize>j);
  if (c != 0x22 && c != 0x3d && c != 0x3a && !isSpace(c)) return false;
  if (!codeShaped(s, e)) return false;
  if (c == 0x22) j--;
  while (j >= <isize>ls && isSpace(load<u8>(<usize>j))) j--;
  if (j < <isize>ls) return false;
  c = <u32>load<u8>(<usize>j);
  if (c != 0x3d && c != 0x3a) return false;
  j--;
  while (j >= <isize>ls && isSpace(load<u8>(<usize>j))) j--;
  if (j >= <isize>ls && load<u8>(<usize>j) == 0x22) j--;
  return keyEndsAt(ls, j);
}

// What scanText writes: per line with findings, [line start, line end, line index, codes, unknowns],
// then (catalog index, position) per code, then (start, end) per unknown value (i32 words).
const TEXT_OUT_WORDS: i32 = 1 << 18;
const TEXT_OUT: usize = memory.data(TEXT_OUT_WORDS * 4 + 16, 16);
// After it: the lines scanText went through, and where the next call should go on from.
const TEXT_LINES: usize = TEXT_OUT + <usize>TEXT_OUT_WORDS * 4;

export function textOut(): usize {
  return TEXT_OUT;
}

/** The first `_` in [i, e), or e. */
@inline function nextUnderscore(i: usize, e: usize): usize {
  return nextByte(i, e, 0x5f);
}

// Set by lineWords: the codes and unknown values it wrote.
let wordCodes: i32 = 0;
let wordUnknowns: i32 = 0;

/**
 * The `_` words of the line [ls, le), the first `_` at `first`: every word of a code's length is looked up
 * in the catalog, every other checked for an unknown-code value. Writes (catalog index, position) per
 * code, once each, then (start, end) per unknown value, from output word `at`; false when the output
 * filled up first.
 */
function lineWords(ls: usize, le: usize, first: usize, at: i32): bool {
  let codes = 0;
  let unknowns = 0;
  let u = first;
  while (u < le) {
    if (at + (codes + unknowns) * 2 + 4 > TEXT_OUT_WORDS) return false;
    let ws = u;
    while (ws > ls && isWord(load<u8>(ws - 1))) ws--;
    let we = u + 1;
    while (we < le && isWord(load<u8>(we))) we++;
    const idx = lookup(ws, we);
    if (idx >= 0) {
      let seen = false;
      for (let k = 0; k < codes; k++) if (load<i32>(TEXT_OUT + (<usize>(at + k * 2) << 2)) == idx) seen = true;
      if (!seen) {
        // Unknown values written so far move up by one code entry.
        const c = at + codes * 2;
        for (let k = unknowns * 2 - 1; k >= 0; k--) {
          store<i32>(TEXT_OUT + (<usize>(c + 2 + k) << 2), load<i32>(TEXT_OUT + (<usize>(c + k) << 2)));
        }
        store<i32>(TEXT_OUT + (<usize>c << 2), idx);
        store<i32>(TEXT_OUT + (<usize>(c + 1) << 2), <i32>ws);
        codes++;
      }
    } else if (unknownValue(ls, ws, we)) {
      const c = at + codes * 2 + unknowns * 2;
      store<i32>(TEXT_OUT + (<usize>c << 2), <i32>ws);
      store<i32>(TEXT_OUT + (<usize>(c + 1) << 2), <i32>we);
      unknowns++;
    }
    u = nextUnderscore(we + 1, le);
  }
  wordCodes = codes;
  wordUnknowns = unknowns;
  return true;
}

// Set by lineEnd: the first `_` of the line, or -1.
let firstUnderscore: isize = -1;

/** The end of the line starting at ls (its `\n`, or e), noting its first `_` on the way. */
@inline function lineEnd(ls: usize, e: usize): usize {
  const underscore = i8x16.splat(0x5f);
  const newline = i8x16.splat(0x0a);
  let i = ls;
  // Up to the first `_` or the line's end, both are looked for, 32 bytes at a time; after a `_`, only the end.
  while (i + 32 <= e) {
    const na = i8x16.eq(v128.load(i), newline);
    const nb = i8x16.eq(v128.load(i, 16), newline);
    const ua = i8x16.eq(v128.load(i), underscore);
    const ub = i8x16.eq(v128.load(i, 16), underscore);
    if (v128.any_true(v128.or(v128.or(na, nb), v128.or(ua, ub)))) {
      const nl = <u32>i8x16.bitmask(na) | (<u32>i8x16.bitmask(nb) << 16);
      const us = <u32>i8x16.bitmask(ua) | (<u32>i8x16.bitmask(ub) << 16);
      if (us != 0 && (nl == 0 || ctz<u32>(us) < ctz<u32>(nl))) {
        const u = i + <usize>ctz<u32>(us);
        firstUnderscore = <isize>u;
        return nextByte(u + 1, e, 0x0a);
      }
      firstUnderscore = -1;
      return i + <usize>ctz<u32>(nl);
    }
    i += 32;
  }
  while (i < e) {
    const c = load<u8>(i);
    if (c == 0x0a) break;
    if (c == 0x5f) {
      firstUnderscore = <isize>i;
      return nextByte(i + 1, e, 0x0a);
    }
    i++;
  }
  firstUnderscore = -1;
  return i;
}

// What scanText writes per line it reports: a head of TEXT_HEAD words — line start, line end, line index,
// codes, unknown values, account ids (-1: the caller finds them), a spare word, the line's own time (f64:
// NaN for none, Infinity when only the caller can tell) — then (catalog index, position) per code, (start,
// end) per unknown value, and the account ids, padded to an even count.
const TEXT_HEAD: i32 = 8;

/**
 * Scans the lines of [s, e) (e ends a line, or the text) for catalog codes and unknown-code values (see
 * lineWords); each line with findings is written out, its codes once each, with its own time and, when it
 * holds codes, its account ids. Returns the words written; stores the lines read and the position to go on
 * from (less than e only when the output filled up).
 */
export function scanText(s: usize, e: usize, lineBase: f64): i32 {
  let w = 0;
  let lines = 0;
  let ls = s;
  while (ls < e) {
    if (w + 64 > TEXT_OUT_WORDS) break;
    const le = lineEnd(ls, e);
    if (firstUnderscore >= 0) {
      if (!lineWords(ls, le, <usize>firstUnderscore, w + TEXT_HEAD)) break;
      const found = wordCodes + wordUnknowns;
      if (found > 0) {
        const end = le > ls && load<u8>(le - 1) == 0x0d ? le - 1 : le;
        let ids = 0;
        if (wordCodes > 0) ids = lineAccounts(ls, end, false, w + TEXT_HEAD + 2 * found) ? lineIds : -1;
        const time = timeOf(ls, end);
        if (wordUnknowns == 0 && ids >= 0 && countHere(w + TEXT_HEAD, wordCodes, w + TEXT_HEAD + 2 * found, ids, time, lineBase + <f64>lines)) {
          lines++;
          ls = le + 1;
          continue;
        }
        store<i32>(TEXT_OUT + (<usize>w << 2), <i32>ls);
        store<i32>(TEXT_OUT + (<usize>(w + 1) << 2), <i32>le);
        store<i32>(TEXT_OUT + (<usize>(w + 2) << 2), lines);
        store<i32>(TEXT_OUT + (<usize>(w + 3) << 2), wordCodes);
        store<i32>(TEXT_OUT + (<usize>(w + 4) << 2), wordUnknowns);
        store<i32>(TEXT_OUT + (<usize>(w + 5) << 2), ids);
        store<f64>(TEXT_OUT + (<usize>(w + 6) << 2), time);
        w += TEXT_HEAD + 2 * found + ((max(ids, 0) + 1) & ~1);
      }
    }
    lines++;
    ls = le + 1;
  }
  store<i32>(TEXT_LINES, lines);
  store<u32>(TEXT_LINES + 4, <u32>ls);
  return w;
}

// ---- Counting here: lines whose codes need nothing more of the caller ----

// Once a code has all the evidence a file keeps, a line that holds only such codes, its own time and
// accounts that all have ids is counted here instead of being written out: per catalog index a count, the
// earliest time (and its line), the latest time, occurrences per minute, and per account id a count. The
// caller reads these back (countedOut, bucketsOut, accountCounts) and adds them to its summary; every one
// of them adds up whatever the order, so the result is the same as counting each line there.

/** Per catalog index, COUNT_SLOT bytes of f64: steady (1: count here), count, earliest time, its line, latest time, pending minute, its count. */
const COUNT_SLOT: i32 = 64;
/** Catalogs with more codes are counted by the caller only (the per-account counts grow with the codes). */
export const COUNT_CODES_MAX: i32 = 32;
let countAt: usize = 0;
let countCodes: i32 = 0;
/** u32 per (account id, catalog index): occurrences counted here since the ids last started over. */
let accountCounts: usize = 0;
/**
 * Lines counted here since the ids last started over. The caller starts them over (between calls, see
 * accountsBusy) past COUNTED_MAX, long before a u32 count could overflow: a call reads far fewer lines.
 */
let countedSinceReset: u32 = 0;
const COUNTED_MAX: u32 = 1 << 31;
/** Finished minutes (catalog index, spare, minute, count: 24 bytes each), for the caller to take. */
const BUCKETS_MAX: i32 = 4096;
const BUCKETS: usize = memory.data(BUCKETS_MAX * 24 + 16, 16);
let bucketsUsed: i32 = 0;

/** Bytes the caller reserves for counting a catalog of `codes` codes here (0: it is too large). */
export function countBytes(codes: i32): i32 {
  return codes > COUNT_CODES_MAX ? 0 : codes * COUNT_SLOT + ACCOUNT_IDS * codes * 4;
}

/** Where the counts live (reserved by the caller, zeroed): `codes` catalog indexes. */
export function setCounts(at: usize, codes: i32): void {
  countAt = at;
  countCodes = codes;
  accountCounts = at + <usize>(codes * COUNT_SLOT);
  countsReset();
}

/** A new file: nothing counted, no code steady (the per-account counts start over with the ids). */
export function countsReset(): void {
  for (let i = 0; i < countCodes; i++) {
    const a = countAt + <usize>(i * COUNT_SLOT);
    store<f64>(a, 0);
    store<f64>(a, 0, 8);
    store<f64>(a, Infinity, 16);
    store<f64>(a, 0, 24);
    store<f64>(a, -Infinity, 32);
    store<f64>(a, NaN, 40);
    store<f64>(a, 0, 48);
  }
  bucketsUsed = 0;
}

/** From now on, lines of code `idx` may be counted here. */
export function setSteady(idx: i32): void {
  if (idx < countCodes) store<f64>(countAt + <usize>(idx * COUNT_SLOT), 1);
}

export function countedOut(): usize {
  return countAt;
}

export function bucketsOut(): usize {
  return BUCKETS;
}

export function accountCountsAt(): usize {
  return accountCounts;
}

/** How many finished minutes wait at bucketsOut; the caller takes them all, then calls bucketsTaken. */
export function bucketsWaiting(): i32 {
  return bucketsUsed;
}

export function bucketsTaken(): void {
  bucketsUsed = 0;
}

/** The file ends: every pending minute is finished (the caller takes the waiting ones first). */
export function countsEnd(): void {
  for (let i = 0; i < countCodes; i++) {
    const a = countAt + <usize>(i * COUNT_SLOT);
    if (load<f64>(a, 48) > 0) bucket(i, load<f64>(a, 40), load<f64>(a, 48));
    store<f64>(a, NaN, 40);
    store<f64>(a, 0, 48);
  }
}

@inline function bucket(idx: i32, minute: f64, n: f64): void {
  const b = BUCKETS + <usize>(bucketsUsed * 24);
  store<i32>(b, idx);
  store<f64>(b, minute, 8);
  store<f64>(b, n, 16);
  bucketsUsed++;
}

/**
 * Counts the line here when it can be: nCodes (catalog index, position) pairs from output word codesAt, all
 * of steady codes, nIds account ids from word idsAt (in order, maybe repeated), its own time (NaN: none,
 * Infinity: unsure, neither counted here), its line number. False: the caller counts it.
 */
function countHere(codesAt: i32, nCodes: i32, idsAt: i32, nIds: i32, time: f64, line: f64): bool {
  if (countCodes == 0 || countsPaused || !isFinite(time)) return false;
  const minute = Math.floor(time / 60000);
  let finished = 0;
  for (let k = 0; k < nCodes; k++) {
    const idx = load<i32>(TEXT_OUT + (<usize>(codesAt + 2 * k) << 2));
    if (idx >= countCodes) return false;
    const a = countAt + <usize>(idx * COUNT_SLOT);
    if (load<f64>(a) == 0) return false;
    if (load<f64>(a, 48) > 0 && load<f64>(a, 40) != minute) finished++;
  }
  if (bucketsUsed + finished > BUCKETS_MAX) return false;
  for (let k = 0; k < nCodes; k++) {
    const idx = load<i32>(TEXT_OUT + (<usize>(codesAt + 2 * k) << 2));
    const a = countAt + <usize>(idx * COUNT_SLOT);
    store<f64>(a, load<f64>(a, 8) + 1, 8);
    if (time < load<f64>(a, 16)) {
      store<f64>(a, time, 16);
      store<f64>(a, line, 24);
    }
    if (time > load<f64>(a, 32)) store<f64>(a, time, 32);
    if (load<f64>(a, 40) != minute) {
      if (load<f64>(a, 48) > 0) bucket(idx, load<f64>(a, 40), load<f64>(a, 48));
      store<f64>(a, minute, 40);
      store<f64>(a, 0, 48);
    }
    store<f64>(a, load<f64>(a, 48) + 1, 48);
    // Each account once per line.
    for (let j = 0; j < nIds; j++) {
      const id = load<i32>(TEXT_OUT + (<usize>(idsAt + j) << 2));
      let again = false;
      for (let i = 0; i < j; i++) if (load<i32>(TEXT_OUT + (<usize>(idsAt + i) << 2)) == id) again = true;
      if (again) continue;
      const c = accountCounts + ((<usize>id * <usize>countCodes + <usize>idx) << 2);
      store<u32>(c, load<u32>(c) + 1);
    }
  }
  countedSinceReset++;
  return true;
}

// ---- JSON lines: validated, the code field looked up, or the line scanned as text ----

// What scanJsonl writes per line it reports: a head of JSONL_HEAD words — line start, line end, line
// index, kind, codes, unknown values, account ids, a spare word, the line's own time (f64: NaN for none) —
// then (catalog index, position) per code, (start, end) per unknown value, and the account ids, padded to
// an even count.
const JSONL_HEAD: i32 = 10;
/** The caller reads the line itself: the kernel could not be sure of everything (or the line is too long). */
const J_CALLER: i32 = 0;
/** The code field's value: a catalog code (one code entry) or an unknown value (one unknown entry). */
const J_FIELD: i32 = 1;
/** No code field: the `_` words of the line, as in plain text. */
const J_TEXT: i32 = 2;

// Set by fieldTime: the time of the watched time fields, and whether the kernel could tell.
export let fieldTime: f64 = NaN;

/** Is the byte printable ASCII (nothing `trim` would take off)? */
@inline function isPlain(c: u32): bool {
  return c > 0x20 && c < 0x7f;
}

/**
 * The line's own time from its time fields, in slot order (as timeOf in src/fast/jsonl-scan.ts): an ISO
 * date-time string that is the whole value, or a whole number of epoch seconds or milliseconds; false when
 * only the caller can tell (an escaped string, another kind of number or string).
 */
export function timeFields(): bool {
  for (let slot = 3; slot <= 8; slot++) {
    if ((load<u32>(PRESENT) & (1 << slot)) == 0) continue;
    const at = FIELDS + (<usize>slot << 4);
    const type = load<u8>(at);
    if (type == T_OTHER) continue;
    if (load<u8>(at, 1) != 0) return false;
    const vs = <usize>load<i32>(at, 4);
    const ve = <usize>load<i32>(at, 8);
    if (type == T_STRING) {
      if (ve - vs < 16 || !isDigit(load<u8>(vs)) || load<u8>(vs + 4) != 0x2d) return false;
      const r = parseAt(vs, ve);
      if (r == P_UNSURE) return false;
      if (r == P_TIME && parsedEnd == ve) {
        fieldTime = parsed;
        return true;
      }
      continue;
    }
    // A number: digits only, few enough to be exact.
    if (ve - vs > 15) return false;
    let n: i64 = 0;
    for (let i = vs; i < ve; i++) {
      const c = <u32>load<u8>(i);
      if (!isDigit(c)) return false;
      n = n * 10 + <i64>(c - 0x30);
    }
    const t: i64 = n > 100000000000 ? n : n * 1000;
    if (t >= MIN_TIME && t <= MAX_TIME) {
      fieldTime = <f64>t;
      return true;
    }
  }
  fieldTime = NaN;
  return true;
}

/** Date.UTC(1000, 0, 1) and Date.UTC(9999, 11, 31, 23, 59, 59, 999): the range of field times. */
const MIN_TIME: i64 = -30610224000000;
const MAX_TIME: i64 = 253402300799999;

// Set by lineAccounts: the ids it wrote.
let lineIds: i32 = 0;

/**
 * The account ids of a line with codes, from word `at` on: its e-mail addresses in order, then its plain
 * account fields (printable ASCII, nothing to trim). False when only the caller can tell (another kind of
 * field value, no id left, no room left).
 */
function lineAccounts(ls: usize, e: usize, object: bool, at: i32): bool {
  let n = 0;
  let q = ls;
  while (true) {
    q = nextByte(q, e, 0x40);
    if (q >= e) break;
    if (emailAt(q, ls, e)) {
      if (at + n + 2 > TEXT_OUT_WORDS) return false;
      const id = accountId(emailStart, emailEnd);
      if (id < 0) return false;
      store<i32>(TEXT_OUT + (<usize>(at + n) << 2), id);
      n++;
    }
    q++;
  }
  if (object) {
    for (let slot = 9; slot < SLOTS; slot++) {
      if ((load<u32>(PRESENT) & (1 << slot)) == 0) continue;
      const f = FIELDS + (<usize>slot << 4);
      const type = load<u8>(f);
      if (type == T_OTHER) continue;
      if (type != T_STRING || load<u8>(f, 1) != 0) return false;
      const vs = <usize>load<i32>(f, 4);
      const ve = <usize>load<i32>(f, 8);
      if (ve <= vs || ve - vs > 254 || !isPlain(load<u8>(vs)) || !isPlain(load<u8>(ve - 1))) return false;
      for (let i = vs; i < ve; i++) if (load<u8>(i) >= 0x80) return false;
      if (at + n + 2 > TEXT_OUT_WORDS) return false;
      const id = accountId(vs, ve);
      if (id < 0) return false;
      store<i32>(TEXT_OUT + (<usize>(at + n) << 2), id);
      n++;
    }
  }
  lineIds = n;
  return true;
}

/**
 * Scans the JSON lines of [s, e) (e ends a line, or the text). Each line is validated; an object's first
 * code field that holds a non-empty string decides its code (a catalog code or an unknown value); a line
 * without one is scanned as plain text (see lineWords). Lines with findings are written out with their
 * own time and, when they hold codes, their account ids; what the kernel cannot be sure of is left to
 * the caller, line by line (J_CALLER). Returns the words written; stores the lines read and where to go on
 * from (less than e only when the output filled up).
 */
export function scanJsonl(s: usize, e: usize, longest: usize, lineBase: f64): i32 {
  let w = 0;
  let lines = 0;
  let ls = s;
  while (ls < e) {
    if (w + 64 > TEXT_OUT_WORDS) break;
    // Most lines are flat objects: validated as the line's end is found, in one pass.
    let v = validateFlat(ls, e);
    let le: usize;
    let first: isize = -2; // not looked for yet
    if (v == OBJECT) le = flatEnd;
    else {
      le = lineEnd(ls, e);
      first = firstUnderscore;
    }
    let kind = J_CALLER;
    let codes = 0;
    let unknowns = 0;
    const body = w + JSONL_HEAD;
    const end = le > ls && load<u8>(le - 1) == 0x0d ? le - 1 : le;
    let object = false;
    if (le - ls <= longest) {
      // validateFlat judged the line as validate would (the `\n` it may have met ends the line for both):
      // only a nested one is left to read.
      if (v == NOT_FLAT) v = validateNested(ls, end);
      object = v == OBJECT;
      kind = J_TEXT;
      if (v == UNSURE) kind = J_CALLER;
      else if (object) {
        for (let slot = 0; slot < 3; slot++) {
          if ((load<u32>(PRESENT) & (1 << slot)) == 0) continue;
          const f = FIELDS + (<usize>slot << 4);
          if (load<u8>(f) != T_STRING) continue;
          const vs = <usize>load<i32>(f, 4);
          const ve = <usize>load<i32>(f, 8);
          if (load<u8>(f, 1) != 0) {
            kind = J_CALLER;
            break;
          }
          if (ve == vs) continue;
          if (!isPlain(load<u8>(vs)) || !isPlain(load<u8>(ve - 1))) {
            kind = J_CALLER;
            break;
          }
          kind = J_FIELD;
          const idx = lookup(vs, ve);
          if (idx >= 0) {
            store<i32>(TEXT_OUT + (<usize>body << 2), idx);
            store<i32>(TEXT_OUT + (<usize>(body + 1) << 2), <i32>vs);
            codes = 1;
          } else {
            // An unknown value, told as the caller would tell it only when it is ASCII.
            for (let i = vs; i < ve; i++) if (load<u8>(i) >= 0x80) kind = J_CALLER;
            store<i32>(TEXT_OUT + (<usize>body << 2), <i32>vs);
            store<i32>(TEXT_OUT + (<usize>(body + 1) << 2), <i32>ve);
            unknowns = 1;
          }
          break;
        }
      }
      if (kind == J_TEXT) {
        if (first == -2) {
          const u = nextUnderscore(ls, end);
          first = u < end ? <isize>u : -1;
        }
        if (first >= 0 && <usize>first < end) {
          if (!lineWords(ls, end, <usize>first, body)) kind = J_CALLER;
          else {
            codes = wordCodes;
            unknowns = wordUnknowns;
          }
        }
        if (kind == J_TEXT && codes + unknowns == 0) {
          lines++;
          ls = le + 1;
          continue;
        }
      }
    }
    let ids = 0;
    if (kind != J_CALLER) {
      // The line's own time: its time fields, else the first date-time in it.
      if (!object) fieldTime = NaN;
      if (object && !timeFields()) kind = J_CALLER;
      else if (isNaN(fieldTime)) {
        fieldTime = timeOf(ls, end);
        if (fieldTime == Infinity) kind = J_CALLER;
      }
    }
    if (kind != J_CALLER && codes > 0) {
      if (lineAccounts(ls, end, object, body + 2 * (codes + unknowns))) ids = lineIds;
      else kind = J_CALLER;
    }
    if (kind == J_CALLER) {
      codes = 0;
      unknowns = 0;
      ids = 0;
    } else if (unknowns == 0 && codes > 0 && countHere(body, codes, body + 2 * codes, ids, fieldTime, lineBase + <f64>lines)) {
      lines++;
      ls = le + 1;
      continue;
    }
    store<i32>(TEXT_OUT + (<usize>w << 2), <i32>ls);
    store<i32>(TEXT_OUT + (<usize>(w + 1) << 2), <i32>le);
    store<i32>(TEXT_OUT + (<usize>(w + 2) << 2), lines);
    store<i32>(TEXT_OUT + (<usize>(w + 3) << 2), kind);
    store<i32>(TEXT_OUT + (<usize>(w + 4) << 2), codes);
    store<i32>(TEXT_OUT + (<usize>(w + 5) << 2), unknowns);
    store<i32>(TEXT_OUT + (<usize>(w + 6) << 2), ids);
    store<f64>(TEXT_OUT + (<usize>(w + 8) << 2), kind == J_CALLER ? NaN : fieldTime);
    w = body + 2 * (codes + unknowns) + ((ids + 1) & ~1);
    lines++;
    ls = le + 1;
  }
  store<i32>(TEXT_LINES, lines);
  store<u32>(TEXT_LINES + 4, <u32>ls);
  return w;
}

// ---- Timestamps: the first ISO-8601 date-time of a line, as src/extract/timestamp.ts finds it ----

@inline function isDigit(c: u32): bool {
  return c >= 0x30 && c <= 0x39;
}

/** Value of the two ASCII digits at i, or -1 (also past e). */
@inline function two(i: usize, e: usize): i32 {
  if (i + 2 > e) return -1;
  const a = <i32>load<u8>(i) - 0x30;
  const b = <i32>load<u8>(i + 1) - 0x30;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

@inline function isLeap(y: i32): bool {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

function daysIn(m: i32, y: i32): i32 {
  if (m == 2) return isLeap(y) ? 29 : 28;
  return m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date. */
function daysFromCivil(y: i32, m: i32, d: i32): i64 {
  const yy: i64 = m <= 2 ? <i64>y - 1 : <i64>y;
  const era: i64 = (yy >= 0 ? yy : yy - 399) / 400;
  const yoe: i64 = yy - era * 400;
  const mp: i64 = m > 2 ? m - 3 : m + 9;
  const doy: i64 = (153 * mp + 2) / 5 + <i64>d - 1;
  const doe: i64 = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// What parseAt found: a time, nothing at this place, or only the full pattern can tell.
const P_NONE: i32 = 0;
const P_TIME: i32 = 1;
const P_UNSURE: i32 = 2;
let parsed: f64 = 0;
// Where the last reading that found a time ended.
let parsedEnd: usize = 0;

/**
 * The pattern read greedily at i (the first digit of a year, not after a digit), every optional part as
 * far as it goes (as parseAt in src/extract/timestamp.ts).
 */
// The first 16 bytes (date, hour, minute) parseAt read last with a date-time shape (none at first: those
// start with four digits), and what they gave: whether they are a real date and minute, and its minute
// since the epoch (before any zone offset).
let minuteLo: u64 = 0;
let minuteHi: u64 = 0;
let minuteValid: bool = false;
let minuteOf: i64 = 0;

function parseAt(i: usize, e: usize): i32 {
  if (i + 16 > e) return P_UNSURE;
  // Lines in a row mostly share their date, hour and minute: the last ones read are kept.
  const lo = load<u64>(i);
  const hi = load<u64>(i, 8);
  if (lo != minuteLo || hi != minuteHi) {
    const y1 = two(i, e);
    const y2 = two(i + 2, e);
    const mo = two(i + 5, e);
    const d = two(i + 8, e);
    const sep = <u32>load<u8>(i + 10);
    const h = two(i + 11, e);
    const mi = two(i + 14, e);
    if (y1 < 0 || y2 < 0 || load<u8>(i + 4) != 0x2d || mo < 0 || load<u8>(i + 7) != 0x2d || d < 0) return P_NONE;
    if ((sep != 0x54 && sep != 0x74 && sep != 0x20) || h < 0 || load<u8>(i + 13) != 0x3a || mi < 0) return P_NONE;
    const y = y1 * 100 + y2;
    minuteValid = mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(mo, y) && h <= 23 && mi <= 59;
    minuteOf = minuteValid ? (daysFromCivil(y, mo, d) * 24 + <i64>h) * 60 + <i64>mi : 0;
    minuteLo = lo;
    minuteHi = hi;
  }
  const valid = minuteValid;
  let j = i + 16;
  let s = 0;
  let ms = 0;
  if (j < e && load<u8>(j) == 0x3a) {
    const ss = two(j + 1, e);
    if (ss >= 0) {
      s = ss;
      j += 3;
      const c = j < e ? <u32>load<u8>(j) : 0;
      if ((c == 0x2e || c == 0x2c) && j + 1 < e && isDigit(load<u8>(j + 1))) {
        let k = j + 1;
        while (k < e && k - j <= 9 && isDigit(load<u8>(k))) {
          if (k - j <= 3) ms = ms * 10 + (<i32>load<u8>(k) - 0x30);
          k++;
        }
        for (let n = <i32>(k - j - 1); n < 3; n++) ms *= 10;
        j = k;
      }
    }
  }
  let offset = 0;
  const z = j < e ? <u32>load<u8>(j) : 0;
  if (z == 0x5a || z == 0x7a) j++;
  else if (z == 0x2b || z == 0x2d) {
    const oh = two(j + 1, e);
    const colon = j + 3 < e && load<u8>(j + 3) == 0x3a;
    const om = two(j + (colon ? 4 : 3), e);
    if (oh >= 0 && om >= 0) {
      if (oh > 23 || om > 59) return P_UNSURE;
      offset = (z == 0x2d ? -1 : 1) * (oh * 60 + om);
      j += colon ? 6 : 5;
    }
  }
  if (j < e && isDigit(load<u8>(j))) return P_UNSURE;
  if (!valid || s > 60) return P_NONE;
  parsedEnd = j;
  const minute: i64 = minuteOf - <i64>offset;
  parsed = <f64>(minute * 60000 + <i64>(s == 60 ? 59 : s) * 1000 + <i64>ms);
  return P_TIME;
}

/**
 * The first ISO-8601 date-time in [s, e) as epoch milliseconds; NaN when there is none; +Infinity when
 * only the full pattern can tell (the caller asks it).
 */
export function timeOf(s: usize, e: usize): f64 {
  for (let d = s + 4; d < e; d++) {
    if (load<u8>(d) != 0x2d) continue;
    const i = d - 4;
    if (!isDigit(load<u8>(i)) || !isDigit(load<u8>(i + 1)) || !isDigit(load<u8>(i + 2)) || !isDigit(load<u8>(i + 3))) continue;
    if (i > s && isDigit(load<u8>(i - 1))) continue;
    const r = parseAt(i, e);
    if (r == P_TIME) return parsed;
    if (r == P_UNSURE) return Infinity;
  }
  return NaN;
}
