// Accounts: the e-mail addresses of a line (as src/extract/accounts.ts finds them, see email-at.ts), its
// account fields, and a dense id per distinct account.
import { hash1, hash2, hashBoth, hashLower, isAscii, isPlain, nextByte, placeholder } from './bytes';
import { emailAt, emailEnd, emailHash, emailStart, fileLabel, knownEmailAt, setJsonText } from './email-at';
import { noneValue } from './time-values';
import {
  ACCOUNT_IDS, ACCOUNT_LENGTH_BITS, ACCOUNT_SLOT_END, ACCOUNT_SLOT_FIRST, ACCOUNT_TABLE_SLOTS, ARENA_BYTES, EMAIL_END, EMAIL_ID, EMAIL_START, EMAIL_WORDS, FIELD_BYTES, FIELD_END,
  FIELD_ESCAPED, FIELD_START, FIELD_TYPE, MAX_ACCOUNT_LENGTH, MAX_EMAILS, MET_MAX, T_OTHER, T_STRING, TEXT_OUT_WORDS,
} from './generated';
import { EMAILS, FIELDS, outAt, PRESENT, RESUME } from './memory';
import { see, seeMemo } from './seen';

// ---- Accounts: a dense id per distinct address ----

// An open-addressing table of 16-byte entries — hash1 (u32), hash2 (u32), generation << ACCOUNT_LENGTH_BITS | length (u32),
// id (i32) — in memory the scanner reserves (setAccounts). An account is known by its length and two
// hashes of its lower-cased bytes (a false match is a 2^-64 event), so no bytes are compared. An entry
// counts only in the current generation: starting over is one increment, not a clear. Each id's
// lower-cased bytes are kept in an arena, where the caller reads them (per id: offset and length, u32).
let accountTable: usize = 0;
let accountNames: usize = 0;
let arena: usize = 0;
let arenaUsed: u32 = 0;
let accountGen: u32 = 1;
export let accountNext: i32 = 0;

/** Bytes the caller reserves for setAccounts: the table, the ids' offsets and lengths, the arena. */
export function accountBytes(): i32 {
  return <i32>(ACCOUNT_TABLE_SLOTS * 16 + <u32>ACCOUNT_IDS * 8 + ARENA_BYTES);
}

export function setAccounts(at: usize): void {
  accountTable = at;
  accountNames = at + <usize>ACCOUNT_TABLE_SLOTS * 16;
  arena = accountNames + <usize>ACCOUNT_IDS * 8;
}

/** Forgets every account: ids start again from 0 (see accountsReset, which also forgets their counts). */
export function accountsRestart(): void {
  accountNext = 0;
  arenaUsed = 0;
  accountGen++;
  if (accountGen == (<u32>1 << (32 - ACCOUNT_LENGTH_BITS)) - 1) {
    memory.fill(accountTable, 0, <usize>ACCOUNT_TABLE_SLOTS * 16);
    accountGen = 1;
  }
}

/** How many ids are given out. */
export function accountCount(): i32 {
  return accountNext;
}

/** Half the ids or half the arena are used. */
export function accountsHalfUsed(): bool {
  return accountNext >= ACCOUNT_IDS / 2 || arenaUsed >= ARENA_BYTES / 2;
}

/** Where an id's offset (absolute) and length are. */
export function accountNamesAt(): usize {
  return accountNames;
}

/**
 * The rank src/summary/accounts.ts gives an id's account (FNV-1a of its characters: of its bytes, for an
 * ASCII account), or -1 when it is not ASCII (the caller ranks its string).
 */
export function accountRank(id: i32): f64 {
  const name = accountNames + (<usize>id << 3);
  const s = <usize>load<u32>(name);
  const e = s + <usize>load<u32>(name, 4);
  return isAscii(s, e) ? <f64>hashLower(s, e) : -1;
}

/**
 * The id of the account of the lower-cased bytes [s, e) (fewer than 2^ACCOUNT_LENGTH_BITS): an account not met before
 * gets the next id, or -1 when no id or arena room is left.
 */
export function accountId(s: usize, e: usize): i32 {
  hashBoth(s, e);
  return keyedId(s, e, hash1, hash2);
}

/** accountId of [s, e) whose hashBoth is k1, k2. */
function keyedId(s: usize, e: usize, k1: u32, k2: u32): i32 {
  const n = <u32>(e - s);
  const tag = (accountGen << ACCOUNT_LENGTH_BITS) | n;
  let slot = k1 & (ACCOUNT_TABLE_SLOTS - 1);
  while (true) {
    const at = accountTable + (<usize>slot << 4);
    const t = load<u32>(at, 8);
    if (t >> ACCOUNT_LENGTH_BITS != accountGen) {
      if (accountNext >= ACCOUNT_IDS || arenaUsed + n > ARENA_BYTES) return -1;
      store<u32>(at, k1);
      store<u32>(at, k2, 4);
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
    if (t == tag && load<u32>(at) == k1 && load<u32>(at, 4) == k2) return load<i32>(at, 12);
    slot = (slot + 1) & (ACCOUNT_TABLE_SLOTS - 1);
  }
  return -1;
}

/**
 * The e-mail addresses in [start, end), as src/extract/accounts.ts finds them: for each `@`, the run of
 * [A-Za-z0-9._%+-] before it and the longest domain after it, at most 254 bytes. Writes start, end and
 * its account id (see accountId) at emailsOut(), at most MAX_EMAILS of them, and returns how many; when
 * it is full, the search goes on from the i32 after them (the next call's `start`).
 */
export function emails(start: usize, end: usize): i32 {
  const max = MAX_EMAILS;
  let n = 0;
  let q = start;
  while (n < max) {
    q = nextByte(q, end, 0x40);
    if (q >= end) break;
    if (emailAt(q, start, end)) {
      const o = EMAILS + <usize>(n * EMAIL_WORDS * 4);
      store<i32>(o + EMAIL_START * 4, <i32>emailStart);
      store<i32>(o + EMAIL_END * 4, <i32>emailEnd);
      store<i32>(o + EMAIL_ID * 4, accountId(emailStart, emailEnd));
      n++;
    }
    q++;
  }
  store<u32>(RESUME, <u32>q);
  return n;
}

// The `@`s of a piece of seeEmails's bytes, in order (u32 each; two past the most a piece can hold, see atsOf).
const AT_PIECE: usize = 16384;
const ATS: usize = memory.data(<i32>(AT_PIECE + 2) * 4, 16);

/**
 * Lists the `@`s of [p, pe) (at most AT_PIECE bytes) in ATS and returns how many: a mask per 64 bytes, whose
 * first two bits are written whether they are set or not (a block seldom holds more), so the count of a
 * block, not a branch on where its `@`s are, moves the list on.
 */
@inline function atsOf(p: usize, pe: usize): i32 {
  const at = i8x16.splat(0x40);
  let n = 0;
  for (let i = p; i < pe; i += 64) {
    const low = <u64>(<u32>i8x16.bitmask(i8x16.eq(v128.load(i), at)) | (<u32>i8x16.bitmask(i8x16.eq(v128.load(i, 16), at)) << 16));
    const high = <u64>(<u32>i8x16.bitmask(i8x16.eq(v128.load(i, 32), at)) | (<u32>i8x16.bitmask(i8x16.eq(v128.load(i, 48), at)) << 16));
    let m = low | (high << 32);
    // Bytes from pe on are not the piece's (memory holds LOAD_SLACK bytes past any input).
    if (pe - i < 64) m &= (<u64>1 << <u64>(pe - i)) - 1;
    const c = <i32>popcnt<u64>(m);
    const out = ATS + (<usize>n << 2);
    store<u32>(out, <u32>(i + <usize>ctz<u64>(m)));
    m &= m - 1;
    store<u32>(out, <u32>(i + <usize>ctz<u64>(m)), 4);
    if (c > 2) {
      m &= m - 1;
      for (let k: usize = 8; m != 0; k += 4) {
        store<u32>(out + k, <u32>(i + <usize>ctz<u64>(m)));
        m &= m - 1;
      }
    }
    n += c;
  }
  return n;
}

// The addresses the last seeEmails call found, in order (16 bytes each: start, end, and hashBoth of their bytes,
// u32), for lineAccounts to take a line's from in place of finding and hashing them again. They stand for
// every address whose `@` is in [metFrom, metTo): a line inside that range holds exactly these.
const MET: usize = memory.data(MET_MAX * 16, 16);
let metCount: i32 = 0;
let metFrom: usize = 0;
let metTo: usize = 0;
/** The first entry the next line's search starts from (lines come in order). */
let metNext: i32 = 0;
// The last seeEmails call's end, longest and flags (for seeKept).
let metEnd: usize = 0;
let metLongest: isize = -1;
let metFlags: i32 = 0;

/** A seeEmails flag: keep the addresses only; seeKept sees them once the caller knows the record is read. */
export const SEE_LATER: i32 = 4;

/**
 * Counts the e-mail addresses of the lines of [s, e) as accounts seen (src/wasm/seen.ts), each line read
 * as a record of its own, but lines longer than `longest` (skipped; -1: none is). Only `@`s are looked at:
 * no part of the rule reads past a line end (no class holds `\n`), so [s, e) needs no cutting into lines.
 * Flags: 1, s is inside a line (an address touching it may be cut); 2, e is (an address touching it is left
 * for the next call); SEE_LATER, none is seen yet (see seeKept); SEE_JSON and SEE_JSON_LINES, the text is a
 * JSON array's or JSON lines (an escape's letters before an address are not its: see email-at.ts pastEscape).
 * The addresses are kept for lineAccounts
 * (as it finds them: those the flags leave out too) while there is room, up to the first line skipped.
 */
export function seeEmails(s: usize, e: usize, longest: isize, flags: i32): void {
  let lineEnd: usize = s;
  let n = 0;
  metFrom = s;
  metTo = e;
  metNext = 0;
  metEnd = e;
  metLongest = longest;
  metFlags = flags;
  setJsonText(flags);
  // No line of [s, e) can be longer than it: no line end is looked for.
  if (<usize>longest >= e - s) longest = -1;
  // What the flags leave out: an address starting at cutStart or ending at cutEnd (no address ends at 0), or all.
  const cutStart: usize = (flags & 1) != 0 ? s : 0;
  const cutEnd: usize = (flags & 2) != 0 ? e : 0;
  const later = (flags & SEE_LATER) != 0;
  // Past a line skipped for its length: its `@`s are not read.
  let skipTo: usize = s;
  for (let p = s; p < e; p += AT_PIECE) {
    const found = atsOf(p, min(p + AT_PIECE, e));
    for (let k = 0; k < found; k++) {
      const q = <usize>load<u32>(ATS + (<usize>k << 2));
      if (q < skipTo) continue;
      if (longest >= 0 && q >= lineEnd) {
        // A line with an `@`: skipped when too long (only JSON lines have a longest). It starts after the end
        // of the last line looked at, so its start is looked for only when that bound allows too long a line.
        const from = lineEnd == s ? s : lineEnd + 1;
        lineEnd = nextByte(q, e, 0x0a);
        if (lineEnd - from > <usize>longest) {
          let ls = q;
          while (ls > s && load<u8>(ls - 1) != 0x0a) ls--;
          if (lineEnd - ls > <usize>longest) {
            metTo = min(metTo, ls);
            skipTo = lineEnd + 1;
            continue;
          }
        }
      }
      const memo = knownEmailAt(q, s, e);
      if (memo == -1) continue;
      if (n < MET_MAX) {
        const at = MET + (<usize>n << 4);
        store<u32>(at, <u32>emailStart);
        store<u32>(at, <u32>emailEnd, 4);
        store<u64>(at, emailHash, 8);
        n++;
      } else metTo = min(metTo, q);
      if (emailStart == cutStart || emailEnd == cutEnd || later) continue;
      if (memo != 0) seeMemo(<usize>memo);
      else see(emailStart, emailEnd, <u32>emailHash, <u32>(emailHash >> 32));
    }
  }
  metCount = n;
}

/**
 * Sees what the last seeEmails call (with SEE_LATER) would have seen: its kept addresses (but those touching
 * a cut end), or, when it did not keep them all, everything it read, found again.
 */
export function seeKept(): void {
  if (metTo < metEnd) {
    seeEmails(metFrom, metEnd, metLongest, metFlags & ~SEE_LATER);
    return;
  }
  for (let k = 0; k < metCount; k++) {
    const m = MET + (<usize>k << 4);
    const s = <usize>load<u32>(m);
    const e = <usize>load<u32>(m, 4);
    if ((s == metFrom && (metFlags & 1) != 0) || (e == metEnd && (metFlags & 2) != 0)) continue;
    see(s, e, load<u32>(m, 8), load<u32>(m, 12));
  }
}

/**
 * An account field's bytes [vs, ve), as src/extract/accounts.ts isPlainAccount and accountValue read them: 1
 * the account as they are (lower-cased), 0 none (a placeholder such as `-`, a word for none such as `N/A`),
 * -1 the caller's (blanks to trim, a `>`, `;` or `,` last that may close a name's address or follow an
 * address, a file's extension after an address's domain, bytes that are not ASCII, too long).
 */
export function plainAccount(vs: usize, ve: usize): i32 {
  if (ve <= vs || ve - vs > MAX_ACCOUNT_LENGTH || !isPlain(load<u8>(vs)) || !isPlain(load<u8>(ve - 1)) || nameAddrEnd(ve) || !isAscii(vs, ve)) return -1;
  // No letter or digit (its first byte has one, mostly: the search stops there).
  if (placeholder(vs, ve) != 0) return 0;
  const at = nextByte(vs, ve, 0x40);
  // An address: its last label is after the last `.` (a few bytes back); no word for none holds an `@`.
  if (at < ve) {
    // The one address its text names, whole (else the caller's: `SMTP:jane@…`, `to%3Djane@…`).
    if (nextByte(at + 1, ve, 0x40) < ve || !emailAt(at, vs, ve) || emailStart != vs || emailEnd != ve) return -1;
    let dot = ve;
    while (dot > at + 1 && load<u8>(dot - 1) != 0x2e) dot--;
    return dot > at + 1 && fileLabel(dot, ve) ? -1 : 1;
  }
  return noneValue(vs, ve) ? 0 : 1;
}

/** The bytes [vs, ve) end as a name's address (`>`) or an address before a separator (`;`, `,`) may (src/extract/accounts.ts endsAsNameAddr). */
@inline function nameAddrEnd(ve: usize): bool {
  const c = load<u8>(ve - 1);
  return c == 0x3e || c == 0x3b || c == 0x2c;
}

// Set by lineAccounts: the ids it wrote, and the first of the kept addresses they start with (see keptId).
export let lineIds: i32 = 0;
let lineFirst: i32 = 0;

/**
 * The id lineAccounts wrote (from output word `at`) for a kept address of its line that is the bytes [vs, ve)
 * whole, or -1. Such an account field is the address its text names (plainAccount would say 1): its bytes
 * need no second reading.
 */
export function keptId(vs: usize, ve: usize, at: i32): i32 {
  for (let k = lineFirst; k < metNext; k++) {
    const m = MET + (<usize>k << 4);
    if (<usize>load<u32>(m) == vs && <usize>load<u32>(m, 4) == ve) return load<i32>(outAt(at + (k - lineFirst)));
  }
  return -1;
}

/**
 * The account ids of a line with codes, from word `at` on: its e-mail addresses in order, then its plain
 * account fields (printable ASCII, nothing to trim). False when only the caller can tell (another kind of
 * field value, no id left, no room left). With `met`, the line is one seeEmails read last (the caller saw
 * to it) and its addresses are taken from what that call kept, when it kept them all.
 */
export function lineAccounts(ls: usize, e: usize, object: bool, at: i32, met: bool = false): bool {
  let n = 0;
  // The kept addresses of the line, when it has them: [first, metNext) (else none).
  let first = metNext;
  if (met && ls >= metFrom && e <= metTo) {
    let k = metNext;
    // Lines come in order; a line before the last one taken (read again) searches from the first.
    if (k > 0 && <usize>load<u32>(MET + (<usize>(k - 1) << 4)) >= ls) k = 0;
    while (k < metCount && <usize>load<u32>(MET + (<usize>k << 4)) < ls) k++;
    for (first = k; k < metCount; k++) {
      const m = MET + (<usize>k << 4);
      const s = <usize>load<u32>(m);
      if (s >= e) break;
      if (at + n + 2 > TEXT_OUT_WORDS) return false;
      const id = keyedId(s, <usize>load<u32>(m, 4), load<u32>(m, 8), load<u32>(m, 12));
      if (id < 0) return false;
      store<i32>(outAt(at + n), id);
      n++;
    }
    metNext = k;
  } else {
    let q = ls;
    while (true) {
      q = nextByte(q, e, 0x40);
      if (q >= e) break;
      if (emailAt(q, ls, e)) {
        if (at + n + 2 > TEXT_OUT_WORDS) return false;
        const id = accountId(emailStart, emailEnd);
        if (id < 0) return false;
        store<i32>(outAt(at + n), id);
        n++;
      }
      q++;
    }
  }
  lineFirst = first;
  if (object) {
    for (let slot = ACCOUNT_SLOT_FIRST; slot < ACCOUNT_SLOT_END; slot++) {
      if ((load<u32>(PRESENT) & (1 << slot)) == 0) continue;
      const f = FIELDS + <usize>(slot * FIELD_BYTES);
      const type = load<u8>(f + FIELD_TYPE);
      if (type == T_OTHER) continue;
      if (type != T_STRING || load<u8>(f + FIELD_ESCAPED) != 0) return false;
      const vs = <usize>load<i32>(f + FIELD_START);
      const ve = <usize>load<i32>(f + FIELD_END);
      if (at + n + 2 > TEXT_OUT_WORDS) return false;
      // A field that is one of the line's addresses (as `"account":"a@b.io"`) has its id already.
      let id = keptId(vs, ve, at);
      if (id < 0) {
        const plain = plainAccount(vs, ve);
        if (plain < 0) return false;
        if (plain == 0) continue;
        id = accountId(vs, ve);
        if (id < 0) return false;
      }
      store<i32>(outAt(at + n), id);
      n++;
    }
  }
  lineIds = n;
  return true;
}
