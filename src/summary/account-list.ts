import type { AccountList, Pair } from '../model/tally.js';
import { rank } from './accounts.js';
import { siftDown as heapSiftDown } from './heap.js';

export type { AccountList, Pair };

/** Past this many distinct (code, account) pairs per scan the list is a sample (README "The accounts file"). */
export const MAX_PAIRS = 1_000_000;

export function newAccountList(): AccountList {
  return { codes: new Map(), size: 0, bounded: false };
}

/** Every pair held, code by code. */
export function* pairsOf(list: AccountList): Generator<Pair> {
  for (const m of list.codes.values()) yield* m.values();
}

const keyOf = (code: string, account: string): string => code + '\0' + account;

// As for a code's accounts (src/summary/accounts.ts): which pairs are kept past the bound is decided by a
// hash of the pair, never by arrival order, so adding pairs one by one or merging lists in any grouping
// keeps the same pairs with the same counts and times.
interface Heap {
  pairs: Pair[];
  ranks: number[];
}
const heaps = new WeakMap<AccountList, Heap>();

/** n records of `code` named `account`, at times from `first` to `last`; `limit` is for tests. */
export function addPair(list: AccountList, code: string, account: string, n: number, first: number | null, last: number | null, limit = MAX_PAIRS): void {
  let byAccount = list.codes.get(code);
  const have = byAccount?.get(account);
  if (have !== undefined) {
    have.count += n;
    if (first !== null && (have.first === null || first < have.first)) have.first = first;
    if (last !== null && (have.last === null || last > have.last)) have.last = last;
    return;
  }
  const pair: Pair = { code, account, count: n, first, last };
  if (list.size < limit) {
    if (byAccount === undefined) list.codes.set(code, (byAccount = new Map()));
    byAccount.set(account, pair);
    list.size++;
    return;
  }
  list.bounded = true;
  const heap = heapOf(list);
  const key = keyOf(code, account);
  const r = rank(key);
  if (r < heap.ranks[0]! || (r === heap.ranks[0] && key < keyOf(heap.pairs[0]!.code, heap.pairs[0]!.account))) {
    const worst = heap.pairs[0]!;
    list.codes.get(worst.code)!.delete(worst.account);
    if (byAccount === undefined) list.codes.set(code, (byAccount = new Map()));
    byAccount.set(account, pair);
    heap.pairs[0] = pair;
    heap.ranks[0] = r;
    siftDown(heap, 0);
  }
}

/** Merges b into a (b is left as it was). */
export function mergeAccountList(a: AccountList, b: AccountList, limit = MAX_PAIRS): void {
  if (b.bounded) a.bounded = true;
  for (const p of pairsOf(b)) addPair(a, p.code, p.account, p.count, p.first, p.last, limit);
}

/** The pairs by code, then account (code-unit order): the accounts file's rows. */
export function listRows(list: AccountList): Pair[] {
  const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  return [...pairsOf(list)].sort((x, y) => cmp(x.code, y.code) || cmp(x.account, y.account));
}

/** What the report says of the accounts file (`accountList`): where it is, its pairs and accounts, whether a sample. */
export interface AccountListRow {
  file: string;
  pairs: number;
  accounts: number;
  bounded: boolean;
}

export function accountListRow(list: AccountList, file: string): AccountListRow {
  return { file, pairs: list.size, accounts: distinctAccounts(list), bounded: list.bounded };
}

/** Distinct accounts over all codes. */
export function distinctAccounts(list: AccountList): number {
  const seen = new Set<string>();
  for (const p of pairsOf(list)) seen.add(p.account);
  return seen.size;
}

function heapOf(list: AccountList): Heap {
  let heap = heaps.get(list);
  if (heap === undefined || heap.pairs.length !== list.size) {
    const pairs = [...pairsOf(list)];
    heap = { pairs, ranks: pairs.map((p) => rank(keyOf(p.code, p.account))) };
    for (let i = (pairs.length >> 1) - 1; i >= 0; i--) siftDown(heap, i);
    heaps.set(list, heap);
  }
  return heap;
}

// A max-heap by (rank, key): its root is the pair to let go first. Keys are made only for equal ranks.
const keyAt = (h: Heap, i: number): string => keyOf(h.pairs[i]!.code, h.pairs[i]!.account);
const above = (h: Heap, i: number, j: number): boolean => h.ranks[i]! > h.ranks[j]! || (h.ranks[i] === h.ranks[j] && keyAt(h, i) > keyAt(h, j));

function siftDown(h: Heap, i: number): void {
  heapSiftDown(h.pairs.length, i, (a, b) => above(h, a, b), (a, b) => {
    [h.pairs[a], h.pairs[b]] = [h.pairs[b]!, h.pairs[a]!];
    [h.ranks[a], h.ranks[b]] = [h.ranks[b]!, h.ranks[a]!];
  });
}
