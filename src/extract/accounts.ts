/** Field names whose values are accounts in structured records. */
export const ACCOUNT_FIELDS = ['account', 'user', 'email', 'mailbox'] as const;

const MAX_ACCOUNT_LENGTH = 254;
const AT = 0x40;

// Character classes of an e-mail address, on bytes (every one of them is ASCII).
const LOCAL = new Uint8Array(256);
const LABEL = new Uint8Array(256); // letters and digits
const ALPHA = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  const alpha = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  const alnum = alpha || (c >= 48 && c <= 57);
  ALPHA[c] = alpha ? 1 : 0;
  LABEL[c] = alnum ? 1 : 0;
  LOCAL[c] = alnum || c === 0x2e || c === 0x5f || c === 0x25 || c === 0x2b || c === 0x2d ? 1 : 0;
}
const DOT = 0x2e;
const DASH = 0x2d;

/**
 * Adds the e-mail addresses in buf[start, end) to `into`, lower-cased. For each `@`: the run of
 * [A-Za-z0-9._%+-] before it, then the longest domain after it — dot-separated labels of letters, digits
 * and inner hyphens, at least two, the last all letters and two or more long — not followed by a letter,
 * digit or hyphen.
 */
export function findAccountsInBytes(buf: Buffer, start: number, end: number, into: { add(account: string, rank?: number): unknown }): void {
  for (let q = indexOfAt(buf, start, end); q !== -1; q = indexOfAt(buf, q + 1, end)) {
    let s = q;
    while (s > start && LOCAL[buf[s - 1]!] === 1) s--;
    if (s === q) continue;
    const e = domainEnd(buf, q + 1, end);
    if (e === -1 || e - s > MAX_ACCOUNT_LENGTH) continue;
    const account = accountString(buf, s, e);
    into.add(account, lastRank);
  }
}

// The same accounts come back line after line: remember the string made for each, by a hash of its bytes,
// and compare the bytes with it instead of making the string again.
const CACHE_SLOTS = 4096;
const cache: string[] = new Array<string>(CACHE_SLOTS).fill('');

/**
 * The rank of the last account made by `accountString`: the same FNV-1a hash `rank` computes over the
 * lower-cased string, so the tally need not hash it again.
 */
export let lastRank = 0;

/** buf[s, e) lower-cased as a string (every byte of an address is ASCII). */
function accountString(buf: Buffer, s: number, e: number): string {
  let h = 0x811c9dc5;
  for (let i = s; i < e; i++) h = Math.imul(h ^ LOWER_BYTE[buf[i]!]!, 0x01000193);
  lastRank = h >>> 0;
  const slot = lastRank & (CACHE_SLOTS - 1);
  const cached = cache[slot]!;
  const n = e - s;
  if (cached.length === n) {
    let i = 0;
    while (i < n && cached.charCodeAt(i) === LOWER_BYTE[buf[s + i]!]) i++;
    if (i === n) return cached;
  }
  let upper = false;
  for (let i = s; i < e && !upper; i++) upper = buf[i]! >= 65 && buf[i]! <= 90;
  const raw = buf.toString('latin1', s, e);
  const str = upper ? raw.toLowerCase() : raw;
  cache[slot] = str;
  return str;
}

const LOWER_BYTE = new Uint8Array(256).map((_, c) => (c >= 65 && c <= 90 ? c + 32 : c));

/** The next `@` in buf[from, end), or -1, never searching past `end`. */
function indexOfAt(buf: Uint8Array, from: number, end: number): number {
  if (from >= end) return -1;
  const i = buf.subarray(from, end).indexOf(AT);
  return i === -1 ? -1 : from + i;
}

/** End of the longest valid domain starting at `from`, or -1. */
function domainEnd(buf: Uint8Array, from: number, end: number): number {
  let best = -1;
  let labels = 0;
  let i = from;
  for (;;) {
    // One label: [A-Za-z0-9] then [A-Za-z0-9-]* ending in [A-Za-z0-9].
    const ls = i;
    let alphaOnly = true;
    while (i < end && (LABEL[buf[i]!] === 1 || buf[i] === DASH)) {
      if (ALPHA[buf[i]!] !== 1) alphaOnly = false;
      i++;
    }
    if (i === ls || buf[ls] === DASH || buf[i - 1] === DASH) return best;
    labels++;
    // The label ran as far as it could, so what follows is no label character: the domain may end here.
    if (labels >= 2 && alphaOnly && i - ls >= 2) best = i;
    if (i >= end || buf[i] !== DOT) return best;
    i++;
  }
}

/** Adds the e-mail addresses of a text (read as UTF-8). */
export function findAccounts(text: string, into: Set<string> = new Set()): Set<string> {
  if (text.indexOf('@') !== -1) {
    const buf = Buffer.from(text, 'utf8');
    findAccountsInBytes(buf, 0, buf.length, into);
  }
  return into;
}

/** Adds an account given as a field value. */
export function addAccountValue(value: unknown, into: { add(account: string): unknown }): void {
  if (typeof value !== 'string' && typeof value !== 'number') return;
  const v = String(value).trim().toLowerCase();
  if (v !== '' && v.length <= MAX_ACCOUNT_LENGTH) into.add(v);
}

/** A small set of accounts that is cheap to fill, read by index and clear, line after line. */
export class AccountList {
  readonly items: string[] = [];
  /** Each account's rank when known (else -1). */
  readonly ranks: number[] = [];
  size = 0;
  private set: Set<string> | undefined;

  add(account: string, rank = -1): void {
    if (this.size > 8) {
      this.set ??= new Set(this.items.slice(0, this.size));
      if (this.set.has(account)) return;
      this.set.add(account);
    } else {
      for (let i = 0; i < this.size; i++) if (this.items[i] === account) return;
    }
    this.ranks[this.size] = rank;
    this.items[this.size++] = account;
  }

  clear(): void {
    this.size = 0;
    this.set = undefined;
  }
}
