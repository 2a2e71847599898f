// ANSI escape sequences in plain text (colours from structlog's console renderer, Jenkins' AnsiColor,
// `FORCE_COLOR` in CI): taken out on the way in, as a terminal takes them, so that `ESC[35mstorage_error`
// reads as the code it shows (the `m` that ends a colour would touch the code: no word boundary).
import { keepRun } from './bytes.js';

const ESC = 0x1b;
const LF = 0x0a;
const CR = 0x0d;
const BEL = 0x07;
/** The longest CSI sequence read as one; an OSC's (a hyperlink's URL) is longer. */
const CSI_LONGEST = 64;
const OSC_LONGEST = 4096;
/** The two-byte sequences terminals write: `ESC =`, `ESC >`, `ESC 7`, `ESC 8`, `ESC D`, `ESC E`, `ESC H`, `ESC M`, `ESC c`, `ESC \`. */
const TWO_BYTE: readonly number[] = [0x3d, 0x3e, 0x37, 0x38, 0x44, 0x45, 0x48, 0x4d, 0x63, 0x5c];

/** True when the bytes hold a CSI or OSC sequence's start (`ESC [`, `ESC ]`). */
export function hasEscapes(head: Uint8Array): boolean {
  for (let i = head.indexOf(ESC); i !== -1 && i + 1 < head.length; i = head.indexOf(ESC, i + 1)) {
    if (head[i + 1] === 0x5b || head[i + 1] === 0x5d) return true;
  }
  return false;
}

/** The chunks without their escape sequences; a sequence a chunk's end cuts waits for the next chunk. */
export async function* stripAnsi(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let carry: Buffer | undefined;
  for await (const chunk of source) {
    const buf = carry === undefined ? chunk : Buffer.concat([carry, chunk]);
    const { out, rest } = stripEscapes(buf, false);
    carry = rest < buf.length ? Buffer.from(buf.subarray(rest)) : undefined;
    if (out.length > 0) yield out;
  }
  if (carry !== undefined) {
    const { out } = stripEscapes(carry, true);
    if (out.length > 0) yield out;
  }
}

/**
 * buf without its escape sequences — CSI (`ESC [`, parameters and intermediates, a final byte), OSC (`ESC ]`
 * to BEL or `ESC \` on its line), a character set's (`ESC (` and one byte), the two-byte ones terminals
 * write, any other ESC alone — none taken past a line end, which stays; `rest`: where a sequence the bytes end in starts (buf.length when none;
 * with `last`, nothing follows and it is dropped).
 */
export function stripEscapes(buf: Buffer, last: boolean): { out: Buffer; rest: number } {
  let e = buf.indexOf(ESC);
  if (e === -1) return { out: buf, rest: buf.length };
  // The bytes copied at once, each run between sequences then moved back over them in place (Buffer#copy
  // makes a view of its source per call: two a line of a coloured log).
  const out = Buffer.from(buf);
  let n = 0;
  let from = 0;
  while (e !== -1) {
    n = keepRun(out, n, from, e);
    const end = escapeEnd(buf, e);
    if (end === -1) {
      if (!last) return { out: out.subarray(0, n), rest: e };
      return { out: out.subarray(0, n), rest: buf.length };
    }
    from = end;
    e = buf.indexOf(ESC, from);
  }
  n = keepRun(out, n, from, buf.length);
  return { out: out.subarray(0, n), rest: buf.length };
}

/** Just past the escape sequence whose ESC is at i (before a line end it meets), or -1 when the bytes end first. */
function escapeEnd(b: Buffer, i: number): number {
  const k = i + 1;
  if (k >= b.length) return -1;
  const c = b[k]!;
  // A line end, or another ESC: only this one is dropped.
  if (c === LF || c === CR || c === ESC) return k;
  if (c === 0x5b) {
    for (let j = k + 1; j < b.length; j++) {
      const x = b[j]!;
      if (x >= 0x40 && x <= 0x7e) return j + 1;
      // Not a parameter or an intermediate: the sequence was broken off before it.
      if (x < 0x20 || x > 0x3f || j - i > CSI_LONGEST) return j;
    }
    return -1;
  }
  if (c === 0x5d) {
    for (let j = k + 1; j < b.length; j++) {
      const x = b[j]!;
      if (x === BEL) return j + 1;
      if (x === ESC) return j + 1 < b.length ? (b[j + 1] === 0x5c ? j + 2 : j) : -1;
      // Never ended on its line: ESC and `]` alone go (the rest is text, not a title).
      if (x === LF || x === CR || j - i > OSC_LONGEST) return k + 1;
    }
    return -1;
  }
  // `ESC (`, `ESC )`: a character set, named by the next byte.
  if (c >= 0x28 && c <= 0x2b) return k + 1 < b.length ? (b[k + 1] === LF || b[k + 1] === CR ? k + 1 : k + 2) : -1;
  // The two-byte sequences terminals write (keypad modes, cursor saved and restored, index, reset); after any
  // other byte ESC alone goes, the byte stays (ESC as data: `=ESCstorage_error`).
  return TWO_BYTE.includes(c) ? k + 1 : k;
}

// Colours written as text: JSON's `\u001b[1m` (Docker's json-file and Fluent Bit keep a coloured program's
// output so), `\x1b[`, `\033[` and rsyslog's `#033[`. Only SGR (`…m`, colours and bold) is taken out: the
// other sequences are rare in logs, and a code glued after `[` stays whole (`\u001b[storage_error`). After
// a run of backslashes too (up to eight, taken out with it, so the JSON around it stays JSON): JSON held in a
// JSON string (a program that logs JSON, in Docker's json-file) writes its colours `\\u001b[1m`. The rule, as
// a regular expression (test/ansi.test.ts reads the bytes against it):
// /\\{1,8}(?:u001[bB]|x1[bB]|033)\[[0-9;]{0,32}m|#033\[[0-9;]{0,32}m/g. It is read from the bytes: a
// backslash or `#033[` found by indexOf, then a few bytes compared, no string of the chunk.
/** The most backslashes taken out before a colour; the most digits and `;` in one. */
const WRITTEN_SLASHES = 8;
const WRITTEN_PARAMS = 32;
/** The longest written colour: a sequence cut by a chunk's end starts in this many last bytes. */
const WRITTEN_LONGEST = WRITTEN_SLASHES + 5 + 1 + WRITTEN_PARAMS + 1;

/** Just past the `m` of an SGR's parameters (digits and `;`, at most WRITTEN_PARAMS) from q, or -1. */
function sgrEnd(b: Uint8Array, q: number): number {
  for (let k = q; k <= q + WRITTEN_PARAMS && k < b.length; k++) {
    const x = b[k]!;
    if (x === 0x6d) return k + 1;
    if ((x < 0x30 || x > 0x39) && x !== 0x3b) return -1;
  }
  return -1;
}

/** Just past a colour whose backslashes end at p (`u001b[`, `x1b[` or `033[`, the b in either case, then an SGR's parameters and `m`), or -1. */
function afterSlashes(b: Uint8Array, p: number): number {
  // Nothing is read past the end (a typed array read out of bounds sends V8's code to a slow path): the
  // shortest colour after its backslashes, `033[m`, is five bytes.
  const left = b.length - p;
  if (left < 5) return -1;
  const c = b[p]!;
  // `| 0x20` makes `B` a `b` and nothing else one.
  if (c === 0x75) return left >= 7 && b[p + 1] === 0x30 && b[p + 2] === 0x30 && b[p + 3] === 0x31 && (b[p + 4]! | 0x20) === 0x62 && b[p + 5] === 0x5b ? sgrEnd(b, p + 6) : -1;
  if (c === 0x78) return b[p + 1] === 0x31 && (b[p + 2]! | 0x20) === 0x62 && b[p + 3] === 0x5b ? sgrEnd(b, p + 4) : -1;
  if (c === 0x30) return b[p + 1] === 0x33 && b[p + 2] === 0x33 && b[p + 3] === 0x5b ? sgrEnd(b, p + 4) : -1;
  return -1;
}

/** The next `#033[` (rsyslog's ESC) in b from `from` on, or -1: a `#` by indexOf (a byte is found faster than a string), then four bytes. */
function nextRsyslog(b: Uint8Array, from: number): number {
  for (let h = b.indexOf(0x23, from); h !== -1; h = b.indexOf(0x23, h + 1)) {
    if (h + 5 <= b.length && b[h + 1] === 0x30 && b[h + 2] === 0x33 && b[h + 3] === 0x33 && b[h + 4] === 0x5b) return h;
  }
  return -1;
}

/**
 * Each colour written as text in b, in order, as the regular expression above finds them (leftmost, none
 * overlapping): `found` is told its start and end, and stops the search by returning false.
 */
function eachWritten(b: Buffer, found: (start: number, end: number) => boolean): void {
  let slash = b.indexOf(0x5c);
  let hash = nextRsyslog(b, 0);
  while (slash !== -1 || hash !== -1) {
    let start: number;
    let end: number;
    if (hash !== -1 && (slash === -1 || hash < slash)) {
      start = hash;
      end = sgrEnd(b, hash + 5);
      hash = nextRsyslog(b, end === -1 ? hash + 1 : end);
    } else {
      // A run of backslashes: a colour after it takes its last WRITTEN_SLASHES (the expression's match
      // starts where no more than that many are left).
      let r = slash + 1;
      while (r < b.length && b[r] === 0x5c) r++;
      start = Math.max(slash, r - WRITTEN_SLASHES);
      end = afterSlashes(b, r);
      // A colour holds no backslash and no `#` past its run: the next of each is after it.
      slash = b.indexOf(0x5c, r);
    }
    if (end !== -1 && !found(start, end)) return;
  }
}

/** True when the first `within` bytes hold a colour written as text: two memchr-fast passes when they hold none. */
export function hasWrittenColours(head: Uint8Array, within: number): boolean {
  let any = false;
  eachWritten(Buffer.from(head.buffer, head.byteOffset, Math.min(head.length, within)), () => ((any = true), false));
  return any;
}

/** The chunks without their colours written as text; one a chunk's end may cut waits for the next chunk. */
export async function* stripWrittenColours(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let carry: Buffer | undefined;
  for await (const chunk of source) {
    const buf = carry === undefined ? chunk : Buffer.concat([carry, chunk]);
    // From the first `\` or `#` of the last bytes on (and the backslashes before it), a sequence may go on
    // in the next chunk.
    let cut = buf.length;
    for (let i = Math.max(0, buf.length - WRITTEN_LONGEST); i < buf.length; i++) {
      if (buf[i] === 0x5c || buf[i] === 0x23) {
        cut = i;
        break;
      }
    }
    for (let k = 0; k < WRITTEN_LONGEST && cut > 0 && cut < buf.length && buf[cut - 1] === 0x5c; k++) cut--;
    carry = cut < buf.length ? Buffer.from(buf.subarray(cut)) : undefined;
    if (cut > 0) yield withoutWritten(buf.subarray(0, cut));
  }
  if (carry !== undefined) yield withoutWritten(carry);
}

/** buf without its colours written as text (buf itself when it holds none; else a copy, each run between them moved back in place). */
function withoutWritten(buf: Buffer): Buffer {
  let out: Buffer | undefined;
  let n = 0;
  let from = 0;
  eachWritten(buf, (start, end) => {
    out ??= Buffer.from(buf);
    n = keepRun(out, n, from, start);
    from = end;
    return true;
  });
  if (out === undefined) return buf;
  return out.subarray(0, keepRun(out, n, from, buf.length));
}
