// Who wrote a line, as collectors put it before each line a program writes: `kubectl logs --prefix`'s
// `[pod/name/container] `, `docker compose logs`' `name-1  | `, stern's and kubetail's pod and container
// names (src/wasm/line-heads.ts afterCollectorHead reads them first).
import { bytesAt, isAlnum, isDigit } from './bytes';

// `[pod/` (`kubectl logs --prefix`)
const POD = memory.data<u8>([0x5b, 0x70, 0x6f, 0x64, 0x2f]);

/**
 * Past `[pod/` and name bytes or `/` then `] `, or past name bytes or `@` (a service's task on its node),
 * blanks and `| `, or past two or three names each with one blank after it (stern's, see afterNames) at s;
 * else s.
 */
export function afterSource(s: usize, e: usize): usize {
  let p = s;
  if (bytesAt(s, e, POD, 5)) {
    p = s + 5;
    while (p < e && (isSourceByte(<u32>load<u8>(p)) || load<u8>(p) == 0x2f)) p++;
    return p > s + 5 && p + 1 < e && load<u8>(p) == 0x5d && load<u8>(p + 1) == 0x20 ? p + 2 : s;
  }
  if (s < e && load<u8>(s) == 0x5b) return afterBracketedNames(s, e);
  while (p < e && (isSourceByte(<u32>load<u8>(p)) || load<u8>(p) == 0x40)) p++;
  if (p == s || p >= e || load<u8>(p) != 0x20) return s;
  const name = p;
  while (p < e && load<u8>(p) == 0x20) p++;
  if (p + 1 < e && load<u8>(p) == 0x7c && load<u8>(p + 1) == 0x20) return p + 2;
  // No `| `: stern's names, when the first is one (lower-case) and one blank follows it.
  return p == name + 1 ? afterNames(s, e) : s;
}

/** Past stern's `pod container ` or `namespace pod container `: two or three Kubernetes names, each with one blank after it; else s. */
function afterNames(s: usize, e: usize): usize {
  let p = s;
  let n = 0;
  while (n < 3) {
    const q = nameEnd(p, e, true);
    if (q == p || q >= e || load<u8>(q) != 0x20) break;
    p = q + 1;
    n++;
  }
  return n >= 2 ? p : s;
}

/** Past kubetail's `[pod] ` or `[pod container] ` at s (a pod's name: lower-case letters, digits, `.`, `-`; a container's: no `.`); else s. */
function afterBracketedNames(s: usize, e: usize): usize {
  let p = nameEnd(s + 1, e, true);
  if (p == s + 1) return s;
  if (p < e && load<u8>(p) == 0x20) {
    const q = nameEnd(p + 1, e, false);
    if (q > p + 1) p = q;
  }
  return p + 1 < e && load<u8>(p) == 0x5d && load<u8>(p + 1) == 0x20 ? p + 2 : s;
}

/** Past a Kubernetes name at p: a lower-case letter or a digit, then those, `-` and (a pod's, with `dots`) `.`; p when none starts there. */
@inline function nameEnd(p: usize, e: usize, dots: bool): usize {
  if (p >= e || !isNameStart(<u32>load<u8>(p))) return p;
  let q = p + 1;
  while (q < e && (isNameStart(<u32>load<u8>(q)) || load<u8>(q) == 0x2d || (dots && load<u8>(q) == 0x2e))) q++;
  return q;
}

/** A Kubernetes name's first byte: a lower-case letter or a digit. */
@inline function isNameStart(c: u32): bool {
  return (c >= 0x61 && c <= 0x7a) || isDigit(c);
}

/** A byte of a pod's, a container's or a service's name as collectors print it: a letter, a digit, `_`, `.`, `-`. */
@inline function isSourceByte(c: u32): bool {
  return isAlnum(c) || c == 0x5f || c == 0x2e || c == 0x2d;
}

/** The source [s, p) hashed (FNV-1a), never 0: which pod, container or service wrote a line (see lineSource in src/wasm/times.ts). */
export function sourceKey(s: usize, p: usize): u32 {
  let h: u32 = 0x811c9dc5;
  for (let i = s; i < p; i++) h = (h ^ <u32>load<u8>(i)) * 0x01000193;
  return h | 1;
}

/** Where the first blank or tab of the 16 bytes v is (16 or more: none there). */
@inline export function blankIn16(v: v128): u32 {
  return ctz<u32>(<u32>i8x16.bitmask(v128.or(i8x16.eq(v, i8x16.splat(0x20)), i8x16.eq(v, i8x16.splat(0x09)))));
}

/** Is a `/` among the first n (under 16) of the 16 bytes v? */
@inline export function slashIn16(v: v128, n: u32): bool {
  return (<u32>i8x16.bitmask(i8x16.eq(v, i8x16.splat(0x2f))) & ((<u32>1 << n) - 1)) != 0;
}

/**
 * Past `aws logs tail`'s log stream name at p (`m2c/worker/1a`, Lambda's `2026/04/07/[$LATEST]…`): a word
 * of at most 512 bytes with a `/` in it, and one blank; else p.
 */
export function afterStreamName(p: usize, e: usize): usize {
  // Most words (a level, logfmt's `level=info`) end within 16 bytes: their blank and any `/` found at once.
  if (e - p >= 16) {
    const v = v128.load(p);
    const n = blankIn16(v);
    if (n < 16) return slashIn16(v, n) && load<u8>(p + <usize>n) == 0x20 ? p + <usize>n + 1 : p;
  }
  let q = p;
  let slash = false;
  for (; q < e && q - p < 512; q++) {
    const c = load<u8>(q);
    if (c == 0x20 || c == 0x09) break;
    if (c == 0x2f) slash = true;
  }
  return slash && q < e && load<u8>(q) == 0x20 ? q + 1 : p;
}

/**
 * The log stream a line names right after the time at its start that ends at t (`aws logs tail`'s, see
 * afterStreamName; starting with a digit or a lower-case letter), hashed (sourceKey); 0: none. Streams
 * interleave: a trace's line carries on only its own stream's record (src/wasm/records.ts).
 */
@inline export function streamKey(t: usize, e: usize): u32 {
  if (t + 1 >= e || load<u8>(t) != 0x20) return 0;
  const c = load<u8>(t + 1);
  // Most lines go on with a level in capitals: told here, with no call.
  return !isDigit(c) && (c < 0x61 || c > 0x7a) ? 0 : namedStream(t + 1, e);
}

/** streamKey of the word at p. */
function namedStream(p: usize, e: usize): u32 {
  const w = afterStreamName(p, e);
  return w == p ? 0 : sourceKey(p, w - 1);
}
