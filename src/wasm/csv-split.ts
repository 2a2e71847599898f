// CSV records, as src/input/csv-split.ts (CsvSplitter) reads them — the rule's home; what this file decides
// is property-tested against it: the delimiter (setCsv) between fields, a field in quotes may hold the
// delimiter, `""` and line breaks; a record ends at `\n` (a `\r` before it is part of the line end); a quote
// inside an unquoted field is text; a closing quote followed by anything but a delimiter or the line end,
// or a quote never closed, makes the record bad: it runs to its line end (or the input's end).
import { CSV_FIELDS, CSV_QUOTE } from './generated';
import { nextByte } from './bytes';

const NL: u32 = 0x0a;
const CR: u32 = 0x0d;

/** Per field of the record read last (the first CSV_FIELDS): start, end (content, quotes left out), 1 quoted, 2 quoted with `""`. */
const SPANS: usize = memory.data(CSV_FIELDS * 12 + 16, 16);
const QUOTED: usize = SPANS + <usize>(CSV_FIELDS * 8);

let delimiter: u32 = 0x2c;

// Set by readRecord: the record's fields (all, kept or not), its text's end (line end left out), where what
// follows it starts, whether it is bad (then it has no fields), and the line breaks inside it.
export let fieldCount: i32 = 0;
export let recordEnd: usize = 0;
export let recordNext: usize = 0;
export let recordBad: bool = false;
export let recordLines: i32 = 0;

/** The byte between fields. */
export function setDelimiter(c: u32): void {
  delimiter = c;
}

@inline export function fieldStart(k: i32): usize {
  return <usize>load<i32>(SPANS + (<usize>k << 3));
}

@inline export function fieldEnd(k: i32): usize {
  return <usize>load<i32>(SPANS + (<usize>k << 3), 4);
}

/** 0 unquoted, 1 quoted, 2 quoted with a `""` in it (its value is not its bytes). */
@inline export function fieldQuoted(k: i32): u32 {
  return <u32>load<u8>(QUOTED + <usize>k);
}

@inline function span(k: i32, s: usize, e: usize, q: u32): void {
  if (k >= CSV_FIELDS) return;
  store<i32>(SPANS + (<usize>k << 3), <i32>s);
  store<i32>(SPANS + (<usize>k << 3), <i32>e, 4);
  store<u8>(QUOTED + <usize>k, <u8>q);
}

/** The first of bytes a and b in [i, e), or e: 16 bytes at a time. */
@inline function nextOf(i: usize, e: usize, a: u32, b: u32): usize {
  const va = i8x16.splat(<i8>a);
  const vb = i8x16.splat(<i8>b);
  while (i + 16 <= e) {
    const v = v128.load(i);
    const bits = i8x16.bitmask(v128.or(i8x16.eq(v, va), i8x16.eq(v, vb)));
    if (bits != 0) return i + <usize>ctz<i32>(bits);
    i += 16;
  }
  while (i < e) {
    const c = <u32>load<u8>(i);
    if (c == a || c == b) return i;
    i++;
  }
  return e;
}

@inline function ends(nf: i32, e: usize, next: usize, lines: i32): bool {
  fieldCount = nf;
  recordEnd = e;
  recordNext = next;
  recordBad = false;
  recordLines = lines;
  return true;
}

/** A bad record from s whose line ends at le (its `\n`, or the input's end); what follows starts at next. */
function badTo(s: usize, le: usize, next: usize): bool {
  let e = le;
  if (e > s && <u32>load<u8>(e - 1) == NL) e--;
  if (e > s && <u32>load<u8>(e - 1) == CR) e--;
  let lines = 0;
  for (let i = nextByte(s, e, <u8>NL); i < e; i = nextByte(i + 1, e, <u8>NL)) lines++;
  fieldCount = 0;
  recordEnd = e;
  recordNext = next;
  recordBad = true;
  recordLines = lines;
  return true;
}

/**
 * Reads the record that starts at s (not at a line end): false when it does not end before `to` and `to` is
 * not the input's end (`last`); else its fields and the rest are set (see above).
 */
export function readRecord(s: usize, to: usize, last: bool): bool {
  const comma = delimiter;
  let nf = 0;
  let lines = 0;
  let i = s;
  while (true) {
    if (i < to && <u32>load<u8>(i) == CSV_QUOTE) {
      let q = i + 1;
      let esc: u32 = 1;
      while (true) {
        const k = nextOf(q, to, CSV_QUOTE, NL);
        if (k >= to) return last && badTo(s, to, to);
        if (<u32>load<u8>(k) == NL) {
          lines++;
          q = k + 1;
          continue;
        }
        if (k + 1 == to) {
          if (!last) return false;
          span(nf++, i + 1, k, esc);
          return ends(nf, k + 1, to, lines);
        }
        const n = <u32>load<u8>(k + 1);
        if (n == CSV_QUOTE) {
          esc = 2;
          q = k + 2;
          continue;
        }
        span(nf++, i + 1, k, esc);
        if (n == comma) {
          i = k + 2;
          break;
        }
        if (n == NL) return ends(nf, k + 1, k + 2, lines);
        if (n == CR) {
          if (k + 2 == to) return last && ends(nf, k + 1, to, lines);
          if (<u32>load<u8>(k + 2) == NL) return ends(nf, k + 1, k + 3, lines);
        }
        // Text after a closing quote: a bad record, to its line end.
        const nl = nextByte(k + 1, to, <u8>NL);
        if (nl >= to) return last && badTo(s, to, to);
        return badTo(s, nl, nl + 1);
      }
      continue;
    }
    const j = nextOf(i, to, comma, NL);
    if (j < to && <u32>load<u8>(j) == comma) {
      span(nf++, i, j, 0);
      i = j + 1;
      continue;
    }
    if (j == to && !last) return false;
    const e = j > i && <u32>load<u8>(j - 1) == CR ? j - 1 : j;
    span(nf++, i, e, 0);
    return ends(nf, e, j == to ? to : j + 1, lines);
  }
  return false;
}
