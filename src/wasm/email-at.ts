// Finding an e-mail address around an `@` (as src/extract/accounts.ts finds it): its local part, its domain,
// and whether it is a Message-ID instead.
import { bits32, byteBits32, classOf, hash64, hasClass, isAlpha, isHex, runStart } from './bytes';
import { C_DOMAIN, C_LOCAL, FILE_LABEL_COUNT, FILE_LABELS, MAX_ACCOUNT_LENGTH, NIBBLES_ALPHA, NIBBLES_DOMAIN, NIBBLES_LOCAL } from './generated';
import { escapedAngle, isMessageId } from './message-ids';
import { memoOf } from './seen';

/**
 * End of the longest valid domain starting at `from` whose last label is no file's extension (FILE_LABELS,
 * as src/extract/accounts.ts's domainEnd has it), or -1.
 */
function domainEnd(from: usize, end: usize): isize {
  let e = longestDomain(from, end);
  while (e != -1) {
    let dot = <usize>e - 1;
    while (load<u8>(dot) != 0x2e) dot--;
    if (!fileLabel(dot + 1, <usize>e)) return e;
    e = longestDomain(from, dot);
  }
  return e;
}

/** Is the label [s, e) (letters only) one of FILE_LABELS, in any case? */
@inline export function fileLabel(s: usize, e: usize): bool {
  const n = e - s;
  if (n > 4) return false;
  let w: u32 = 0;
  for (let i: usize = 0; i < n; i++) w |= (<u32>load<u8>(s + i) | 0x20) << (<u32>i << 3);
  for (let k = 0; k < FILE_LABEL_COUNT; k++) if (load<u32>(FILE_LABELS + (<usize>k << 2)) == w) return true;
  return false;
}

/**
 * End of the longest valid domain starting at `from`, or -1 (as src/extract/accounts.ts's longestDomain): labels
 * of [A-Za-z0-9-], not starting or ending with `-`, split by dots; valid once there are two and the last is
 * letters only, two or more. The 32 bytes at `from` are classed at once and a label is a run of bits; a
 * domain that may run past them is read byte by byte.
 */
function longestDomain(from: usize, end: usize): isize {
  const n = end - from;
  const valid: u32 = n >= 32 ? 0xffffffff : (<u32>1 << <u32>n) - 1;
  const a = v128.load(from);
  const b = v128.load(from, 16);
  const label = bits32(classOf(a, NIBBLES_DOMAIN), classOf(b, NIBBLES_DOMAIN)) & valid;
  const dots = byteBits32(a, b, 0x2e) & valid;
  // The run of label bytes and dots; one that may go on past the 32 bytes is read byte by byte.
  const r = ctz<u32>(~(label | dots));
  if (r == 32 && n > 32) return longestDomainBytes(from, end);
  const run: u32 = r == 32 ? 0xffffffff : (<u32>1 << r) - 1;
  const l = label & run;
  const d = dots & run;
  const starts = l & ~(l << 1);
  const lasts = l & ~(l >> 1);
  // The domain ends before the first empty label (a leading or a second dot) or label with a `-` at an end.
  const bad = (d & ((d << 1) | 1)) | (byteBits32(a, b, 0x2d) & (starts | lasts));
  // Labels of letters only: adding its first bit to the label's letters carries past its last byte only then.
  const letters = <u64>(l & bits32(classOf(a, NIBBLES_ALPHA), classOf(b, NIBBLES_ALPHA)));
  const lettersOnly = <u32>(((letters + <u64>starts) & ~<u64>l) >> 1);
  // Ends of labels of two letters or more, after the first dot (the second label on) and before the first bad one.
  const after = <u32>(<u64>0xffffffff << (<u64>ctz<u32>(d) + 1));
  const before = <u32>((<u64>1 << <u64>ctz<u32>(bad)) - 1);
  const good = lasts & lettersOnly & ~starts & after & before;
  return good == 0 ? -1 : <isize>(from + 32 - <usize>clz<u32>(good));
}

/** longestDomain, byte by byte. */
function longestDomainBytes(from: usize, end: usize): isize {
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

// Set by emailAt: the address around the `@` (and by knownEmailAt, its hash64).
export let emailStart: usize = 0;
export let emailEnd: usize = 0;
export let emailHash: u64 = 0;

/**
 * Whether the text is JSON, as src/extract/local-part.ts JsonText has it: 0 not, 1 everywhere (a JSON array's
 * elements), 2 on a line that ends in `}` (JSON lines). Set by seeEmails for the addresses it and lineAccounts find.
 */
let jsonText: i32 = 0;

/** seeEmails' flags: the text is a JSON array's (SEE_JSON), JSON lines (SEE_JSON_LINES; see pastEscape). */
export const SEE_JSON: i32 = 8;
export const SEE_JSON_LINES: i32 = 16;

@inline export function setJsonText(flags: i32): void {
  jsonText = (flags & SEE_JSON) != 0 ? 1 : (flags & SEE_JSON_LINES) != 0 ? 2 : 0;
}

/** Does the line around q (ending at or before `end`) end in `}`, blanks and a `\r` aside (as src/extract/local-part.ts endsObject has it)? */
function endsObject(q: usize, end: usize): bool {
  let p = q;
  while (p < end && load<u8>(p) != 0x0a) p++;
  while (p > q && (load<u8>(p - 1) == 0x20 || load<u8>(p - 1) == 0x09 || load<u8>(p - 1) == 0x0d)) p--;
  return load<u8>(p - 1) == 0x7d;
}

/**
 * Where a local part that starts at s (its `@` at q) starts past an escape's letters, as
 * src/extract/accounts.ts pastEscape has it: past `\u003c` in any text; in JSON past `\n`, `\r`, `\t`, `\b`,
 * `\f` after a backslash no other one escapes, and a `\uXXXX` of a character no local part holds after any;
 * q (no address) after one of a character it holds (`jane\u002Barchive@…`: its run is no address's).
 */
@inline function pastEscape(s: usize, q: usize, start: usize, end: usize): usize {
  if (s == start || load<u8>(s - 1) != 0x5c || s >= q) return s;
  const c = <u32>load<u8>(s);
  const u = c == 0x75 && s + 5 <= q && isHex(load<u8>(s + 1)) && isHex(load<u8>(s + 2)) && isHex(load<u8>(s + 3)) && isHex(load<u8>(s + 4));
  const lt = u && load<u8>(s + 1) == 0x30 && load<u8>(s + 2) == 0x30 && load<u8>(s + 3) == 0x33 && (load<u8>(s + 4) | 0x20) == 0x63;
  if (!lt && !((u || c == 0x6e || c == 0x72 || c == 0x74 || c == 0x62 || c == 0x66) && (jsonText == 1 || (jsonText == 2 && endsObject(q, end))))) return s;
  if (!u) {
    let k = s;
    while (k > start && load<u8>(k - 1) == 0x5c) k--;
    return ((s - k) & 1) == 1 ? s + 1 : s;
  }
  const v = (hexValue(load<u8>(s + 1)) << 12) | (hexValue(load<u8>(s + 2)) << 8) | (hexValue(load<u8>(s + 3)) << 4) | hexValue(load<u8>(s + 4));
  if (v < 0x80 && hasClass(v, C_LOCAL)) return q;
  // A character that cuts a local part from the word before it, escaped after a letter or digit: no address.
  let k = s - 1;
  while (k > start && load<u8>(k - 1) == 0x5c) k--;
  const cuts = v == 0x27 || v == 0x26 || v == 0x23 || v == 0x21 || v == 0x2a || (v >= 0xc0 && v <= 0x24f) || v == 0xfffd;
  return cuts && k > start && hasClass(<u32>load<u8>(k - 1), C_DOMAIN) && load<u8>(k - 1) != 0x2d ? q : s + 5;
}

/** Is the local part at s a URL's password (`//user:password@host`), as src/extract/accounts.ts urlPassword has it? */
@inline function urlPassword(start: usize, s: usize): bool {
  if (s < start + 3 || load<u8>(s - 1) != 0x3a) return false;
  let k = s - 2;
  while (k >= start && !userinfoEnd(<u32>load<u8>(k))) {
    if (k == start) return false;
    k--;
  }
  return k >= start + 1 && load<u8>(k) == 0x2f && load<u8>(k - 1) == 0x2f;
}

/** Is the local part at s cut from a letter outside ASCII or a byte no UTF-8 holds there (as src/extract/accounts.ts cutAfterLetter has it)? */
@inline function cutAfterLetter(start: usize, s: usize): bool {
  if (s < start + 1) return false;
  const b = <u32>load<u8>(s - 1);
  if (b < 0x80) return false;
  if (b >= 0xc0) return true;
  let p = <isize>s - 2;
  while (p >= <isize>start && <isize>s - 1 - p < 4 && (<u32>load<u8>(<usize>p) & 0xc0) == 0x80) p--;
  if (p < <isize>start) return true;
  const lead = <u32>load<u8>(<usize>p);
  const size = <isize>s - p;
  const need: isize = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
  if (size != need) return true;
  const second = <u32>load<u8>(<usize>p + 1);
  if ((lead == 0xe0 && second < 0xa0) || (lead == 0xed && second > 0x9f) || (lead == 0xf0 && second < 0x90) || (lead == 0xf4 && second > 0x8f)) return true;
  return (size == 2 && lead >= 0xc3 && lead <= 0xc9) || (size == 3 && lead == 0xef && second == 0xbf && b == 0xbd);
}

/** A byte no URL's user name holds (see urlPassword; an `@` it may). */
@inline function userinfoEnd(c: u32): bool {
  return c == 0x2f || c == 0x3a || c <= 0x20 || c == 0x22 || c == 0x27 || c == 0x3c || c == 0x3e;
}

/** Where a local part [s, q) starts past a URL's encoding of a character no local part holds, as src/extract/accounts.ts pastEncoded has it. */
@inline function pastEncoded(s: usize, q: usize): usize {
  if (s + 3 > q) return s;
  // Most local parts hold no `%`: the 32 bytes before the `@` tell at once (localStart reads them too).
  if (q - s <= 32) {
    const pct = i8x16.splat(0x25);
    const m = <u32>i8x16.bitmask(i8x16.eq(v128.load(q - 32), pct)) | (<u32>i8x16.bitmask(i8x16.eq(v128.load(q - 16), pct)) << 16);
    // Bit k is the byte at q - 32 + k: those from s on.
    if (m >> (32 - <u32>(q - s)) == 0) return s;
  }
  for (let p = q - 3; p >= s && p < q; p--) {
    if (load<u8>(p) == 0x25 && isHex(load<u8>(p + 1)) && isHex(load<u8>(p + 2)) && !hasClass(hexValue(load<u8>(p + 1)) * 16 + hexValue(load<u8>(p + 2)), C_LOCAL)) return p + 3;
  }
  return s;
}

@inline function hexValue(c: u32): u32 {
  return c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x57;
}

/** Where the local part of a Microsoft 365 guest's name (`…#EXT#`) that ends at q starts, else q (as src/extract/accounts.ts guestStart has it). */
function guestStart(q: usize, start: usize): usize {
  if (q < start + 6 || load<u8>(q - 1) != 0x23 || load<u8>(q - 5) != 0x23 || (load<u8>(q - 4) | 0x20) != 0x65 || (load<u8>(q - 3) | 0x20) != 0x78 || (load<u8>(q - 2) | 0x20) != 0x74) return q;
  const s = runStart(q - 5, start, NIBBLES_LOCAL);
  return s < q - 5 ? s : q;
}

/**
 * Is the local part at s (its domain ending at e) cut from a word by `'`, `&`, `#`, `!` or `*` after a letter
 * or digit, but a `'` the address closes (as src/extract/local-part.ts cutInWord has it)?
 */
@inline function cutInWord(start: usize, s: usize, e: usize, end: usize): bool {
  if (s < start + 2) return false;
  const b = <u32>load<u8>(s - 1);
  if (b == 0x27 && e < end && load<u8>(e) == 0x27) return false;
  return (b == 0x27 || b == 0x26 || b == 0x23 || b == 0x21 || b == 0x2a) && hasClass(<u32>load<u8>(s - 2), C_DOMAIN) && <u32>load<u8>(s - 2) != 0x2d;
}

/** The address around the `@` at q in [start, end) (into emailStart, emailEnd), if there is one. */
@inline export function emailAt(q: usize, start: usize, end: usize): bool {
  let run = runStart(q, start, NIBBLES_LOCAL);
  if (run == q) run = guestStart(q, start);
  const s = localPartStart(run, q, start, end);
  if (s == q) return false;
  const e = domainEnd(q + 1, end);
  if (e == -1 || <usize>e - s > MAX_ACCOUNT_LENGTH || (localCut && cutInWord(start, s, <usize>e, end))) return false;
  if (<usize>e < end && mayCloseId(<usize>e, end) && isMessageId(start, s, q, <usize>e)) return false;
  emailStart = s;
  emailEnd = <usize>e;
  return true;
}

// Set by localPartStart: the byte before the local part's run is one a cut may follow (see cutInWord).
let localCut: bool = false;

// The bytes before a local part's run that pastEscape, urlPassword, cutAfterLetter and cutInWord read: `\`,
// `:`, `'`, `&`, `#`, `!`, `*` (bit c of the two words), and every byte past ASCII.
const CUTS_LOW: u64 = (1 << 0x21) | (1 << 0x23) | (1 << 0x26) | (1 << 0x27) | (1 << 0x2a) | (1 << 0x3a);
const CUTS_HIGH: u64 = 1 << (0x5c - 64);

/**
 * Where the local part whose run starts at `run` (its `@` at q) starts past an escape's letters and a URL's
 * encoding (pastEscape, pastEncoded), or q when it is no address's (a URL's password, cut after a letter
 * outside ASCII). Most runs follow a byte none of those rules reads (a blank, a quote, `<`, `=`): one test.
 * Past an encoding the byte before is a hex digit, which none of them reads either.
 */
@inline function localPartStart(run: usize, q: usize, start: usize, end: usize): usize {
  const b = run > start ? <u64>load<u8>(run - 1) : 0;
  localCut = b >= 0x80 || ((b < 64 ? CUTS_LOW >> b : CUTS_HIGH >> (b - 64)) & 1) != 0;
  if (!localCut) return pastEncoded(run, q);
  const s = pastEncoded(pastEscape(run, q, start, end), q);
  return urlPassword(start, s) || cutAfterLetter(start, s) ? q : s;
}

/** Is the byte at e (before `end`) a `>`, or a backslash that may start JSON's `\u003e`? */
@inline function mayCloseId(e: usize, end: usize): bool {
  const c = load<u8>(e);
  return c == 0x3e || (c == 0x5c && escapedAngle(e, end, 0x65));
}

/** Which of the 16 bytes at p are not in the class of `nibbles`, as a 16-bit mask (bit k: the byte at p + k). */
@inline function outside16(v: v128, nibbles: usize): u32 {
  return <u32>i8x16.bitmask(i8x16.eq(classOf(v, nibbles), i8x16.splat(0)));
}

/**
 * runStart of the local part before q: the 32 bytes before it at once (most local parts are shorter, and a
 * test that takes no branch on their length cannot mispredict it), then 16 bytes a round.
 */
@inline function localStart(q: usize, start: usize): usize {
  let stop = outside16(v128.load(q - 32), NIBBLES_LOCAL) | (outside16(v128.load(q - 16), NIBBLES_LOCAL) << 16);
  // The bytes before `start` count as not in the class.
  const k = q - start;
  if (k < 32) stop |= <u32>((<u64>1 << <u64>(32 - k)) - 1);
  // The last byte not in it, bit 31 - clz of the 32 from q - 32: the run starts after it.
  if (stop != 0) return q - <usize>clz<u32>(stop);
  let p = q - 32;
  while (p > start) {
    stop = outside16(v128.load(p - 16), NIBBLES_LOCAL);
    const left = <u32>(p - start);
    if (left < 16) stop |= (<u32>1 << (16 - left)) - 1;
    if (stop != 0) return p + 16 - <usize>clz<u32>(stop);
    p -= 16;
  }
  return start;
}

/** End of the run of label bytes and dots at `from` (not past `end`), or -1 when it may go on past 32 bytes. */
@inline function domainRun(from: usize, end: usize): isize {
  const a = v128.load(from);
  const b = v128.load(from, 16);
  const dot = i8x16.splat(0x2e);
  const stop = (outside16(a, NIBBLES_DOMAIN) & ~<u32>i8x16.bitmask(i8x16.eq(a, dot))) | ((outside16(b, NIBBLES_DOMAIN) & ~<u32>i8x16.bitmask(i8x16.eq(b, dot))) << 16);
  return stop == 0 ? -1 : <isize>min(from + <usize>ctz<u32>(stop), end);
}

/**
 * emailAt, with the address's hash64 (into emailHash) and where the seen memo holds it: -1, no address
 * at q; 0, not in the memo; else the memo entry. A run after the `@` whose address (with the local part) is
 * in the memo is a whole domain: the memo keeps addresses found before, and whether a run of label bytes and
 * dots is a valid domain depends on its bytes alone. Only a run that is not known is checked by domainEnd.
 */
@inline export function knownEmailAt(q: usize, start: usize, end: usize): isize {
  let run = localStart(q, start);
  if (run == q) run = guestStart(q, start);
  const s = localPartStart(run, q, start, end);
  if (s == q) return -1;
  const r = domainRun(q + 1, end);
  let e = r;
  let memo: usize = 0;
  let h: u64 = 0;
  if (r > <isize>(q + 1) && <usize>r - s <= MAX_ACCOUNT_LENGTH) {
    h = hash64(s, <usize>r);
    memo = memoOf(<u32>h, <u32>(h >> 32));
  }
  if (memo == 0) {
    e = domainEnd(q + 1, end);
    if (e == -1 || <usize>e - s > MAX_ACCOUNT_LENGTH) return -1;
    if (e != r) h = hash64(s, <usize>e);
  }
  emailHash = h;
  if (localCut && cutInWord(start, s, <usize>e, end)) return -1;
  // The byte after the domain closes a Message-ID's `<…>` as it is or escaped (`\u003e`): most do not.
  if (<usize>e < end && mayCloseId(<usize>e, end) && isMessageId(start, s, q, <usize>e)) return -1;
  emailStart = s;
  emailEnd = <usize>e;
  return <isize>memo;
}
