import type { AccountStat } from '../model/tally.js';
import { siftDown as heapSiftDown } from './heap.js';

export type { AccountStat };

/** Past this many distinct accounts per code the count becomes a lower bound. */
export const MAX_ACCOUNTS = 10_000;

export function newAccounts(): AccountStat {
  return { counts: new Map(), bounded: false };
}

// Which accounts are kept once the bound is reached is decided by a hash of the account, never by the
// order they arrive in: so a scan split into shards and merged keeps exactly the accounts (and exact
// counts for them) that one whole scan keeps.
export function rank(account: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < account.length; i++) h = Math.imul(h ^ account.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Counts one record's account (`r`: its rank, when the caller has it). */
export function addAccount(stat: AccountStat, account: string, n = 1, r = -1): void {
  const have = stat.counts.get(account);
  if (have !== undefined) {
    stat.counts.set(account, have + n);
    return;
  }
  if (stat.counts.size < MAX_ACCOUNTS) {
    stat.counts.set(account, n);
    return;
  }
  stat.bounded = true;
  const heap = heapOf(stat);
  if (r < 0) r = rank(account);
  const worst = heap.keys[0]!;
  const wr = heap.ranks[0]!;
  if (r < wr || (r === wr && account < worst)) {
    stat.counts.delete(worst);
    stat.counts.set(account, n);
    heap.keys[0] = account;
    heap.ranks[0] = r;
    siftDown(heap, 0);
  }
}

/** Counts an account the caller knows the map does not hold: as addAccount, one lookup fewer while it has room. */
export function addNewAccount(stat: AccountStat, account: string, n: number): void {
  if (stat.counts.size < MAX_ACCOUNTS) stat.counts.set(account, n);
  else addAccount(stat, account, n);
}

/** The kept accounts as a max-heap by (rank, name): its root is the one to let go first. */
interface Heap {
  readonly keys: string[];
  readonly ranks: number[];
}

// Built when the bound is first reached, then kept in step with the map.
const heaps = new WeakMap<AccountStat, Heap>();

function heapOf(stat: AccountStat): Heap {
  let heap = heaps.get(stat);
  if (heap === undefined || heap.keys.length !== stat.counts.size) {
    const keys = [...stat.counts.keys()];
    heap = { keys, ranks: keys.map(rank) };
    for (let i = (keys.length >> 1) - 1; i >= 0; i--) siftDown(heap, i);
    heaps.set(stat, heap);
  }
  return heap;
}

const above = (h: Heap, i: number, j: number): boolean =>
  h.ranks[i]! > h.ranks[j]! || (h.ranks[i] === h.ranks[j] && h.keys[i]! > h.keys[j]!);

function siftDown(h: Heap, i: number): void {
  heapSiftDown(h.keys.length, i, (a, b) => above(h, a, b), (a, b) => {
    [h.keys[a], h.keys[b]] = [h.keys[b]!, h.keys[a]!];
    [h.ranks[a], h.ranks[b]] = [h.ranks[b]!, h.ranks[a]!];
  });
}

/**
 * False when an account of rank r that the map does not hold would be left out (the map is full and every
 * account it keeps ranks below r): the caller need not make the account's string to learn that.
 */
export function mayKeep(stat: AccountStat, r: number): boolean {
  if (stat.counts.size < MAX_ACCOUNTS) return true;
  const heap = heaps.get(stat);
  return heap === undefined || heap.keys.length !== stat.counts.size || r <= heap.ranks[0]!;
}

/** Merges b into a. */
export function mergeAccounts(a: AccountStat, b: AccountStat): void {
  if (b.bounded) a.bounded = true;
  // forEach: no [key, count] pair made per account (a worker's tally brings tens of thousands).
  b.counts.forEach((n, k) => addAccount(a, k, n));
}

/**
 * Merges into a the accounts of a packed tally (a worker's, see PackedResult): `names[which[i]]` met `counts[i]`
 * times, each added where it belongs as mergeAccounts would, with no map of them made first.
 */
export function mergePackedAccounts(a: AccountStat, names: readonly string[], which: Uint32Array, counts: Float64Array, bounded: boolean): void {
  if (bounded) a.bounded = true;
  for (let i = 0; i < which.length; i++) addAccount(a, names[which[i]!]!, counts[i]!);
}

/**
 * The top accounts by count, then by name. Picked in one pass into a list of `limit`, not by sorting every
 * account: a code may hold MAX_ACCOUNTS of them, and every report asks for each code's top.
 */
export function topAccounts(stat: AccountStat, limit = 5): { account: string; count: number }[] {
  const top: { account: string; count: number }[] = [];
  if (limit <= 0) return top;
  const ahead = (count: number, account: string, y: { account: string; count: number }): boolean =>
    count > y.count || (count === y.count && account < y.account);
  // The count of the last kept once `limit` are kept: most accounts fall short of it, told at one comparison.
  let least = -1;
  stat.counts.forEach((count, account) => {
    if (count < least) return;
    if (top.length === limit && !ahead(count, account, top[limit - 1]!)) return;
    let i = top.length;
    while (i > 0 && ahead(count, account, top[i - 1]!)) i--;
    top.splice(i, 0, { account, count });
    if (top.length > limit) top.length = limit;
    if (top.length === limit) least = top[limit - 1]!.count;
  });
  return top;
}
