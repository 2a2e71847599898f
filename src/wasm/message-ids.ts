// Message-IDs: an address inside `<…>` that looks like a message's id, or follows a Message-ID key, is not an
// account (src/extract/accounts.ts's isMessageId, step by step; its `>` is tested by emailAt).
import { classMask32, hasClass, lower } from './bytes';
import { BASE64_RUN, C_BASE64, C_HEX, C_ID_SEP, C_LOCAL, C_WORD, C_DOMAIN, GMAIL_ID, HEX_RUN, ID_KEY_AT, ID_KEY_COUNT, ID_KEY_LEN, ID_KEYS, MAX_ID_HOPS, NIBBLES_HEX } from './generated';

export function isMessageId(start: usize, s: usize, q: usize, e: usize): bool {
  // JSON's `\u003c…\u003e` (as src/extract/accounts.ts isMessageId reads it): the escape is the `<`.
  if (s >= start + 6 && escapedAngle(s - 6, s, 0x63)) {
    let lt = s - 6;
    while (lt > start && load<u8>(lt - 1) == 0x5c) lt--;
    return looksLikeId(s, q) || (mayFollowKey(start, lt) && followsIdKey(start, lt));
  }
  let p = s;
  while (p > start && hasClass(<u32>load<u8>(p - 1), C_LOCAL | C_BASE64)) p--;
  if (p == start || load<u8>(p - 1) != 0x3c) return false;
  if (q - p >= <usize>HEX_RUN && looksLikeId(p, q)) return true;
  return mayFollowKey(start, p - 1) && followsIdKey(start, p - 1);
}

/** Is [i, …) a backslash or more, then `u003c` (`last` 0x63) or `u003e` (0x65), in any case, before `end`? */
export function escapedAngle(i: usize, end: usize, last: u32): bool {
  let k = i;
  while (k < end && load<u8>(k) == 0x5c) k++;
  return k > i && k + 5 <= end && load<u8>(k) == 0x75 && load<u8>(k + 1) == 0x30 && load<u8>(k + 2) == 0x30 && load<u8>(k + 3) == 0x33 && (<u32>load<u8>(k + 4) | 0x20) == last;
}

/**
 * followsIdKey's first step, without its call: what is before the `<` at lt (separators aside) is a `>` or
 * ends a key. Most `<…>` addresses follow neither (`mailbox=<…>`).
 */
@inline function mayFollowKey(start: usize, lt: usize): bool {
  const st = <isize>start;
  let i = <isize>lt - 1;
  while (i >= st && hasClass(<u32>load<u8>(<usize>i), C_ID_SEP)) i--;
  if (i < st) return false;
  const c = <u32>load<u8>(<usize>i);
  return c == 0x3e || endsAKey(lower(c));
}

function looksLikeId(s: usize, e: usize): bool {
  const n = e - s;
  if (n < <usize>HEX_RUN) return false;
  // Shorter than a base64 run and a Gmail id, only a hex run can make it one: a run of HEX_RUN bits.
  if (n < <usize>BASE64_RUN && n < GMAIL_ID && n <= 32) {
    let x = classMask32(s, NIBBLES_HEX) & ((<u32>1 << <u32>n) - 1);
    for (let k = 1; k < HEX_RUN; ) {
      const step = min(k, HEX_RUN - k);
      x &= x >> <u32>step;
      k += step;
    }
    return x != 0;
  }
  let hex = 0;
  let run = 0;
  let kinds = 0;
  let dot = false;
  for (let i = s; i < e; i++) {
    const c = <u32>load<u8>(i);
    if (c == 0x2e) dot = true;
    hex = hasClass(c, C_HEX) ? hex + 1 : 0;
    if (hex >= HEX_RUN) return true;
    if (hasClass(c, C_BASE64)) {
      run++;
      kinds |= c >= 65 && c <= 90 ? 1 : c >= 97 && c <= 122 ? 2 : c >= 48 && c <= 57 ? 4 : 0;
      if (run >= BASE64_RUN && kinds == 7) return true;
    } else {
      run = 0;
      kinds = 0;
    }
  }
  return !dot && e - s >= GMAIL_ID && load<u8>(s) == 0x43 && load<u8>(s + 1) == 0x41;
}

// The last bytes of the keys, a bit per byte value (set on first use).
const KEY_ENDS: usize = memory.data(32, 16);
let keyEndsSet = false;

function endsAKey(c: u32): bool {
  if (!keyEndsSet) {
    for (let k = 0; k < ID_KEY_COUNT; k++) {
      const last = <u32>load<u8>(ID_KEYS + <usize>(load<i32>(ID_KEY_AT + (<usize>k << 2)) + load<i32>(ID_KEY_LEN + (<usize>k << 2)) - 1));
      store<u32>(KEY_ENDS + (<usize>(last >> 5) << 2), load<u32>(KEY_ENDS + (<usize>(last >> 5) << 2)) | (<u32>1 << (last & 31)));
    }
    keyEndsSet = true;
  }
  return (load<u32>(KEY_ENDS + (<usize>(c >> 5) << 2)) & (<u32>1 << (c & 31))) != 0;
}

function followsIdKey(start: usize, lt: usize): bool {
  // Positions may step below `start` (which may be 0): signed.
  const st = <isize>start;
  let i = <isize>lt - 1;
  for (let hops = 0; ; hops++) {
    while (i >= st && hasClass(<u32>load<u8>(<usize>i), C_ID_SEP)) i--;
    if (i < st || load<u8>(<usize>i) != 0x3e || hops == MAX_ID_HOPS) break;
    i--;
    // A line end is where the rule's record starts (seeEmails reads many lines at once): no `<` before it.
    while (i >= st && load<u8>(<usize>i) != 0x3c && load<u8>(<usize>i) != 0x3e && load<u8>(<usize>i) != 0x0a) i--;
    if (i < st || load<u8>(<usize>i) != 0x3c) return false;
    i--;
  }
  // Most `<…>` addresses follow no key (`mailbox=<…>`): a byte no key ends with rules them out before the walk.
  if (i < st || !endsAKey(lower(<u32>load<u8>(<usize>i)))) return false;
  const ke = i + 1;
  while (i >= st && hasClass(<u32>load<u8>(<usize>i), C_WORD | C_DOMAIN)) i--;
  const ks = <usize>(i + 1);
  const n = <i32>(ke - <isize>ks);
  for (let k = 0; k < ID_KEY_COUNT; k++) {
    if (load<i32>(ID_KEY_LEN + (<usize>k << 2)) != n) continue;
    const key = ID_KEYS + <usize>load<i32>(ID_KEY_AT + (<usize>k << 2));
    let j = 0;
    while (j < n && lower(<u32>load<u8>(ks + <usize>j)) == <u32>load<u8>(key + <usize>j)) j++;
    if (j == n) return true;
  }
  return false;
}
