// Words: the `_` words of a line — catalog codes (src/wasm/catalog.ts) and unknown-code values (as
// src/fast/unknown.ts has them).
import { bits32, classOf, hasClass, isAlpha, isHex, isSpace, isWord, lower, nextByte, runEnd, runStart } from './bytes';
import { findWord, lastsAt, mayBeCode } from './catalog';
import {
  C_KEY_END, isEscapeLetter, NIBBLES_WORD, TEXT_OUT_WORDS, UNKNOWN_KEY_AT, UNKNOWN_KEY_COUNT, UNKNOWN_KEY_LEN, UNKNOWN_KEYS, UNKNOWN_SHORT_KEY, foldedKeyTail,
} from './generated';
import { outAt } from './memory';

// The catalog's setting and lookup, for the scanners that find words (catalog.ts is their home).
export { codeHash, lookup, mayBeCode, setCatalog } from './catalog';

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

/**
 * Could one of the unknown-code keys end at j: the four bytes that end there, each OR 0x20, are the last four
 * of one so folded (a key shorter than four, or fewer than four bytes from the line's start: maybe). A byte
 * and its other case agree so; the key itself is compared byte by byte after (keyEndsAt).
 */
@inline function keyTailAt(ls: usize, j: isize): bool {
  if (UNKNOWN_SHORT_KEY || j - 3 < <isize>ls) return true;
  return foldedKeyTail(load<u32>(<usize>j - 3) | 0x20202020);
}

/** Does one of the unknown-code keys (in any case) end at j, as a whole token? */
function keyEndsAt(ls: usize, j: isize): bool {
  if (!keyTailAt(ls, j)) return false;
  for (let k = 0; k < UNKNOWN_KEY_COUNT; k++) {
    const n = <isize>load<i32>(UNKNOWN_KEY_LEN + (<usize>k << 2));
    const start = j - n + 1;
    if (start < <isize>ls) continue;
    const key = UNKNOWN_KEYS + <usize>load<i32>(UNKNOWN_KEY_AT + (<usize>k << 2));
    // From the end: the byte before a `=` tells most keys apart.
    let same = true;
    for (let i: isize = n - 1; i >= 0 && same; i--) same = lower(load<u8>(<usize>(start + i))) == <u32>load<u8>(key + <usize>i);
    if (same && (start == <isize>ls || !isWord(load<u8>(<usize>start - 1)))) return true;
  }
  return false;
}

// Per byte, what it may be beside a value (valueMayFollow): a key's mark (`=`, `:`), a `"` or blank before the
// value, a mark or blank before that `"` or blank; the same tests as unknownValue's first steps.
const MARK: u8 = 1;
const QUOTE_OR_BLANK: u8 = 2;
const MARK_OR_BLANK: u8 = 4;
const MARKS: usize = memory.data(256, 16);
for (let c: u32 = 0; c < 256; c++) {
  const mark = c == 0x3d || c == 0x3a;
  store<u8>(MARKS + <usize>c, (mark ? MARK : 0) | (c == 0x22 || isSpace(c) ? QUOTE_OR_BLANK : 0) | (mark || isSpace(c) ? MARK_OR_BLANK : 0));
}

/**
 * Could the word at s be an unknown value, from the bytes before it (what unknownValue reads first): a key's
 * mark right before it, with a `"`, a blank or the tail of a key (keyTailAt) before that, or a `"` or blank
 * with a mark before that, blanks between? Most `_` words are told no here, without the call.
 */
@inline function valueMayFollow(ls: usize, s: usize): bool {
  if (s < ls + 2) return s == ls + 1 && (load<u8>(MARKS + <usize>load<u8>(s - 1)) & MARK) != 0;
  const two = <u32>load<u16>(s - 2);
  const c = <u32>load<u8>(MARKS + <usize>(two >> 8));
  if ((c & QUOTE_OR_BLANK) != 0) {
    const b = <u32>load<u8>(MARKS + <usize>(two & 0xff));
    if ((b & MARK_OR_BLANK) == 0) return false;
    if ((b & MARK) != 0) return true;
    // Blanks before it: a mark must come before them (a pretty-printed JSON key has a line break there).
    const j = pastBlanks(ls, <isize>s - 3);
    return j >= <isize>ls && (load<u8>(MARKS + <usize>load<u8>(<usize>j)) & MARK) != 0;
  }
  if ((c & MARK) == 0) return false;
  // `key=value`: the key's last byte right before the mark.
  return (load<u8>(MARKS + <usize>(two & 0xff)) & QUOTE_OR_BLANK) != 0 || keyTailAt(ls, <isize>s - 2);
}

/** Back from j over blanks (space, tab): the last byte at or before it that is none, or ls - 1. */
@inline function pastBlanks(ls: usize, j: isize): isize {
  while (j >= <isize>ls && isSpace(load<u8>(<usize>j))) j--;
  return j;
}

/** Is the word [s, e) an unknown-code value (as src/fast/unknown.ts's isUnknownValue)? */
function unknownValue(ls: usize, s: usize, e: usize): bool {
  let j = <isize>s - 1;
  if (j < <isize>ls) return false;
  let c = <u32>load<u8>(<usize>j);
  if (c != 0x22 && c != 0x3d && c != 0x3a && !isSpace(c)) return false;
  j = pastBlanks(ls, c == 0x22 ? j - 1 : j);
  if (j < <isize>ls) return false;
  c = <u32>load<u8>(<usize>j);
  if (c != 0x3d && c != 0x3a) return false;
  j = pastBlanks(ls, j - 1);
  if (j >= <isize>ls && load<u8>(<usize>j) == 0x22) j--;
  // The key first: most `_` words follow no code key, and that is told from a byte or two.
  if (j < <isize>ls || !hasClass(load<u8>(<usize>j), C_KEY_END)) return false;
  return keyEndsAt(ls, j) && codeShaped(s, e);
}

/** The first `_` in [i, e), or e. */
@inline export function nextUnderscore(i: usize, e: usize): usize {
  return nextByte(i, e, 0x5f);
}

// Sixteen `_`, then sixteen `\n`, for gather and lineEnd.
const UNDERSCORES: usize = memory.data<u8>([
  0x5f, 0x5f, 0x5f, 0x5f, 0x5f, 0x5f, 0x5f, 0x5f, 0x5f, 0x5f, 0x5f, 0x5f, 0x5f, 0x5f, 0x5f, 0x5f,
  0x0a, 0x0a, 0x0a, 0x0a, 0x0a, 0x0a, 0x0a, 0x0a, 0x0a, 0x0a, 0x0a, 0x0a, 0x0a, 0x0a, 0x0a, 0x0a,
], 16);

// The `_` words of a line that may be a code or an unknown value, (start, end) each, gathered before any is
// tested: with no call in the loop that finds them, its values stay in registers.
const CANDIDATES = 64;
const CANDIDATE: usize = memory.data(CANDIDATES * 8 + 8, 16);
// Set by gather: where to go on from (the line's end when it read all of it), and whether a word came after
// the last one it kept (lineWords' output check stands before every word, kept or not).
let gatherNext: usize = 0;
let gatherTail: bool = false;

/**
 * Where the word [ws, we) starts past an escape's tail: `\n`, `\t`, `\r`, `\b`, `\f` or `\u` and four hex
 * digits after a `\` (JSON's line breaks and tabs before a code, or JSON's in a JSON string: `\\n`), or two
 * hex digits after a `%` (a URL's `%20`), as src/extract/chars.ts pastEscape has it; ws when none ends there.
 */
@inline function pastEscape(ws: usize, we: usize, ls: usize): usize {
  if (ws <= ls) return ws;
  const before = load<u8>(ws - 1);
  const c = <u32>load<u8>(ws);
  if (before == 0x25) return ws + 2 <= we && isHex(c) && isHex(load<u8>(ws + 1)) ? ws + 2 : ws;
  if (before != 0x5c) return ws;
  let tail: usize = 0;
  if (isEscapeLetter(c)) tail = 1;
  else if (c == 0x75 && ws + 5 <= we && isHex(load<u8>(ws + 1)) && isHex(load<u8>(ws + 2)) && isHex(load<u8>(ws + 3)) && isHex(load<u8>(ws + 4))) tail = 5;
  return ws + tail;
}

/**
 * The `_` words of the line [ls, le) from p on (those with a `_` before p are done with; `run`: where the
 * word run that reaches p starts, p when none does, 0 when not known), 32 bytes at a time: each kept (in
 * CANDIDATE) when it could be a code (LASTS) or an unknown value (valueMayFollow).
 * Returns how many; stops after CANDIDATES of them.
 */
@inline function gather(ls: usize, le: usize, p: usize, run: usize): i32 {
  // The next slot: every word is written there; one kept moves on, and the new slot's end is 0 till a word
  // is written there.
  let c = CANDIDATE;
  store<u32>(c, 0, 4);
  // From memory, as lineEnd's: kept in a register, not built per block.
  const under = v128.load(UNDERSCORES);
  while (p < le) {
    const a = v128.load(p);
    const b = v128.load(p, 16);
    const room: u32 = p + 32 > le ? (<u32>1 << <u32>(le - p)) - 1 : 0xffffffff;
    let us = (<u32>i8x16.bitmask(i8x16.eq(a, under)) | (<u32>i8x16.bitmask(i8x16.eq(b, under)) << 16)) & room;
    if (us == 0) {
      // Blocks with no `_` are passed over with two tests each.
      run = 0;
      p += 32;
      while (p + 32 <= le && !v128.any_true(v128.or(i8x16.eq(v128.load(p), under), i8x16.eq(v128.load(p, 16), under)))) p += 32;
      continue;
    }
    const nonWord = ~(bits32(classOf(a, NIBBLES_WORD), classOf(b, NIBBLES_WORD)) & room);
    while (us != 0) {
      const k = ctz<u32>(us);
      // Its word starts after the last byte before it that is no word byte, or in a block before.
      const below = nonWord & ((<u32>1 << k) - 1);
      const ws = below != 0 ? p + 32 - <usize>clz<u32>(below) : run != 0 ? run : runStart(p + <usize>k, ls, NIBBLES_WORD);
      const above = nonWord & (<u32>0xffffffff << k);
      let we: usize;
      if (above != 0) {
        const e = ctz<u32>(above);
        we = p + <usize>e;
        us &= <u32>0xffffffff << e;
      } else {
        // It runs on past these 32 bytes: the next block starts where it ends (no word reaches it there).
        we = runEnd(p + 32, le, NIBBLES_WORD);
        p = we - 32;
        us = 0;
      }
      // A code's length and last byte (lineWords tests the rest: mayBeCode), as it stands or past an escape.
      const last = <u64>(load<u8>(we - 1) & 63);
      const esc = pastEscape(ws, we, ls);
      const keep = (load<u64>(lastsAt(we - ws)) >> last & 1) != 0 || (esc != ws && (load<u64>(lastsAt(we - esc)) >> last & 1) != 0);
      store<u32>(c, <u32>ws);
      store<u32>(c, <u32>we, 4);
      if (keep || valueMayFollow(ls, ws)) {
        c += 8;
        store<u32>(c, 0, 4);
        if (c == CANDIDATE + CANDIDATES * 8) {
          // The batch's last word was kept: none came after it (it may end the line).
          gatherNext = we;
          gatherTail = false;
          return CANDIDATES;
        }
      }
    }
    if (nonWord >> 31 != 0) run = p + 32;
    else if (nonWord != 0) run = p + 32 - <usize>clz<u32>(nonWord);
    p += 32;
  }
  gatherNext = le;
  gatherTail = load<u32>(c, 4) != 0;
  return <i32>((c - CANDIDATE) >> 3);
}

// Set by lineWords: the codes and unknown values it wrote.
export let wordCodes: i32 = 0;
export let wordUnknowns: i32 = 0;

/**
 * The `_` words of the line [ls, le), the first `_` at `first`: every word of a code's length is looked up
 * in the catalog, every other checked for an unknown-code value. Writes (catalog index, position) per
 * code, once each, then (start, end) per unknown value, from output word `at`; false when the output
 * filled up first (as if looked at before each word: before each one gathered, and after the last).
 */
export function lineWords(ls: usize, le: usize, first: usize, at: i32): bool {
  // The first block holds the 16 bytes before the first `_`, where its word most often starts.
  const p = first - min(first - ls, 16);
  return wordsFrom(ls, le, p, p == ls ? p : 0, at, 0, 0);
}

/**
 * lineWords for the `_` words of [s, e), a piece of the line from ls with a byte that is no word byte (or
 * the line's start or end) on either side, after `codes` and `unknowns` written from output word `at`
 * (those of the pieces before it: a code already written is not written again).
 */
export function moreWords(ls: usize, s: usize, e: usize, at: i32, codes: i32, unknowns: i32): bool {
  return wordsFrom(ls, e, s, s, at, codes, unknowns);
}

/** lineWords from p on (run: see gather), after `codes` and `unknowns` written from `at`. */
@inline function wordsFrom(ls: usize, le: usize, p: usize, run: usize, at: i32, codes: i32, unknowns: i32): bool {
  while (true) {
    const n = gather(ls, le, p, run);
    for (let i = 0; i < n; i++) {
      if (at + (codes + unknowns) * 2 + 4 > TEXT_OUT_WORDS) return false;
      let ws = <usize>load<u32>(CANDIDATE + (<usize>i << 3));
      const we = <usize>load<u32>(CANDIDATE + (<usize>i << 3), 4);
      let idx = mayBeCode(ws, we) ? findWord(ws, we) : -1;
      if (idx < 0) {
        // No code as it stands: past an escape's tail at its start (`\nstorage_error`), it may be one.
        const esc = pastEscape(ws, we, ls);
        if (esc != ws && mayBeCode(esc, we)) {
          idx = findWord(esc, we);
          if (idx >= 0) ws = esc;
        }
      }
      if (idx >= 0) {
        let seen = false;
        for (let k = 0; k < codes; k++) if (load<i32>(outAt(at + k * 2)) == idx) seen = true;
        if (!seen) {
          // Unknown values written so far move up by one code entry.
          const c = at + codes * 2;
          for (let k = unknowns * 2 - 1; k >= 0; k--) {
            store<i32>(outAt(c + 2 + k), load<i32>(outAt(c + k)));
          }
          store<i32>(outAt(c), idx);
          store<i32>(outAt(c + 1), <i32>ws);
          codes++;
        }
        continue;
      }
      if (valueMayFollow(ls, ws) && unknownValue(ls, ws, we)) {
        const c = at + codes * 2 + unknowns * 2;
        store<i32>(outAt(c), <i32>ws);
        store<i32>(outAt(c + 1), <i32>we);
        unknowns++;
      }
    }
    if (gatherNext >= le) break;
    p = gatherNext;
    run = p;
  }
  if (gatherTail && at + (codes + unknowns) * 2 + 4 > TEXT_OUT_WORDS) return false;
  wordCodes = codes;
  wordUnknowns = unknowns;
  return true;
}

// Set by lineEnd: the first `_` of the line, or -1.
export let firstUnderscore: isize = -1;

/** The end of the line starting at ls (its `\n`, or e), noting its first `_` on the way. */
@inline export function lineEnd(ls: usize, e: usize): usize {
  // Read from memory, not built as constants: the compiled loop then keeps both in registers.
  const underscore = v128.load(UNDERSCORES);
  const newline = v128.load(UNDERSCORES, 16);
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

