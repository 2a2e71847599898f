import type { CatalogEntry } from '../catalog/types.js';
import type { AccountStat, Tally } from '../model/tally.js';
import { addPair } from '../summary/account-list.js';
import { addAccount, addNewAccount, mayKeep, rank } from '../summary/accounts.js';
import { newSeen } from '../summary/accounts-seen.js';
import type { Kernel } from './kernels.js';

/** Per kernel: the cache its account ids belong to now (see AccountCache.for). */
const current = new WeakMap<Kernel, AccountCache>();
/** Tallies whose accounts may stay in the kernels' caches from file to file, until settleAccounts. */
const held = new Map<Tally, Set<AccountCache>>();

/**
 * From now on the accounts (and accounts seen) of the files counted into `tally` stay in their kernel from one
 * file to the next, and go into the tally once, at settleAccounts: a file's accounts are then counted once per
 * (account, code) for all of them, not once per file. Call settleAccounts before the tally is read.
 */
export function holdAccounts(tally: Tally): void {
  if (!held.has(tally)) held.set(tally, new Set());
}

/** Puts what the kernels still hold for `tally` into it (see holdAccounts); files after this settle at their end. */
export function settleAccounts(tally: Tally): void {
  for (const cache of held.get(tally) ?? []) cache.settle();
  held.delete(tally);
}

/**
 * The accounts a fast scanner has met in a tally's files, by the dense ids the kernel gives them (the kernel
 * keeps their bytes): per id its counts per catalog code so far. Counting an occurrence is an array update —
 * no string is made and no map is touched per line. The counts go into the codes' bounded account maps when
 * the kernel's ids run low and when the file ends (a held tally's: when it is settled); the bound is
 * order-free, so the result is the same as adding every occurrence one by one.
 */
export class AccountCache {
  /** Per id: catalog index, count, first and last time (±Infinity: none yet), four numbers each. */
  private readonly counts: number[][] = [];

  /** The cache for a file of `tally` read with `kernel`: the one the kernel has for it when the tally is held. */
  static for(kernel: Kernel, tally: Tally, entries: readonly CatalogEntry[]): AccountCache {
    const now = current.get(kernel);
    const keep = held.get(tally);
    if (now !== undefined && now.tally === tally && now.entries === entries && keep !== undefined) return now;
    // The kernel's ids are another tally's (a held one, still open): what they stand for goes there first.
    now?.settle();
    const cache = new AccountCache(kernel, tally, entries);
    current.set(kernel, cache);
    keep?.add(cache);
    return cache;
  }

  private constructor(
    private readonly kernel: Kernel,
    private readonly tally: Tally,
    private readonly entries: readonly CatalogEntry[],
  ) {
    kernel.accountsReset();
    kernel.takeSeen();
  }

  /** The id of the account buf[s, e) (buf from the kernel's room); -1: no id is free until the next `spill`. */
  idOf(s: number, e: number): number {
    return this.kernel.accountId(s, e);
  }

  /** The id of an account given as a string (already lower-cased), as idOf. */
  idOfString(account: string): number {
    return this.kernel.accountIdOf(account);
  }

  /** n more records (one by default) of code `idx` naming the account `id`, at `time`. */
  count(id: number, idx: number, n = 1, time: number | null = null): void {
    const list = (this.counts[id] ??= []);
    for (let i = 0; i < list.length; i += 4) {
      if (list[i] === idx) {
        list[i + 1]! += n;
        if (time !== null) {
          if (time < list[i + 2]!) list[i + 2] = time;
          if (time > list[i + 3]!) list[i + 3] = time;
        }
        return;
      }
    }
    list.push(idx, n, time ?? Infinity, time ?? -Infinity);
  }

  /** Between records: when the kernel's ids run low, counts what they stand for and starts them over. */
  spill(): void {
    if (this.kernel.accountsBusy()) this.flush();
  }

  /** A file ended: unless its tally is held, its accounts (and accounts seen) go into it now. */
  fileEnded(): void {
    if (!held.has(this.tally)) this.settle();
  }

  /** Puts what the kernel holds for the tally into it, and lets the kernel go (once: again, it does nothing). */
  settle(): void {
    if (current.get(this.kernel) !== this) return;
    this.flush();
    this.kernel.takeSeen((this.tally.seen ??= newSeen()));
    current.delete(this.kernel);
    held.get(this.tally)?.delete(this);
  }

  /** Puts every account's counts into the codes' account maps and starts the ids over. */
  flush(): void {
    const n = this.kernel.accountCount();
    // Records the kernel counted itself (see Kernel.setSteady), per id and catalog index; a view, read
    // before anything could grow the kernel's memory.
    const kept = this.kernel.accountCounts();
    const codes = kept?.codes ?? 0;
    const counts = kept?.counts;
    const list = this.tally.accountList;
    // This thread's counts first, id by id: those of a code the kernel counts join the kernel's (its table is
    // reset below), the others go in now.
    for (let id = 0; id < n; id++) {
      const mine = this.counts[id];
      if (mine === undefined || mine.length === 0) continue;
      this.account = undefined;
      this.rank = -1;
      for (let i = 0; i < mine.length; i += 4) {
        const idx = mine[i]!;
        if (idx < codes) counts![id * codes + idx]! += mine[i + 1]!;
        else this.add(id, idx, mine[i + 1]!);
        if (list !== undefined) {
          this.account ??= this.nameOf(id);
          const first = mine[i + 2]!;
          const last = mine[i + 3]!;
          addPair(list, this.entries[idx]!.code, this.account, mine[i + 1]!, first === Infinity ? null : first, last === -Infinity ? null : last);
        }
      }
      mine.length = 0;
    }
    // Then code by code, each code's map filled in id order as id by id would, but one map at a time: this
    // loop runs once a scan, before V8 has optimized it, and so took twice as long (2,661 accounts, 15 codes).
    for (let c = 0; c < codes; c++) {
      for (let id = 0; id < n; id++) {
        const k = counts![id * codes + c]!;
        if (k === 0) continue;
        this.account = undefined;
        this.rank = -1;
        this.add(id, c, k);
      }
    }
    this.names = undefined;
    this.fresh.length = 0;
    this.stats.length = 0;
    this.kernel.accountsReset();
  }

  // While a flush runs: the account being added (made only when a map may keep it), its rank (-1 until
  // known), every id's account when decoded at once, and per catalog index its account map and whether that
  // held no account when the flush began.
  private account: string | undefined;
  private rank = -1;
  private names: string[] | undefined;
  private readonly stats: AccountStat[] = [];
  private readonly fresh: boolean[] = [];

  private nameOf(id: number): string {
    return this.names?.[id] ?? this.kernel.accountName(id);
  }

  /** n records of code idx name the account of `id`: an account a full map would leave out is passed over. */
  private add(id: number, idx: number, n: number): void {
    const stat = (this.stats[idx] ??= this.tally.codes.get(this.entries[idx]!.code)!.accounts);
    // Into a map that held no account when the flush began, every id's account is new (an id is one
    // account, each (id, code) is added once): no lookup, and every id's account decoded in one call.
    if ((this.fresh[idx] ??= stat.counts.size === 0)) {
      this.account ??= (this.names ??= this.kernel.accountNames(this.kernel.accountCount()))[id]!;
      addNewAccount(stat, this.account, n);
      return;
    }
    if (this.rank < 0) {
      this.rank = this.kernel.accountRank(id);
      if (this.rank < 0) this.rank = rank((this.account ??= this.nameOf(id)));
    }
    if (!mayKeep(stat, this.rank)) return;
    this.account ??= this.nameOf(id);
    addAccount(stat, this.account, n, this.rank);
  }
}
