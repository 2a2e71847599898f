import type { AccountStat } from '../model/tally.js';
import { addAccount, mayKeep, rank } from '../summary/accounts.js';
import type { Kernel } from './kernels.js';

/**
 * The accounts a fast scanner has met in one file, by the dense ids the kernel gives them (the kernel keeps
 * their bytes): per id its counts per catalog code so far. Counting an occurrence is an array update — no
 * string is made and no map is touched per line. The counts go into the codes' bounded account maps when
 * the kernel's ids run low and when the file ends; the bound is order-free, so the result is the same as
 * adding every occurrence one by one.
 */
export class AccountCache {
  /** Per id: catalog index, count, first and last time (±Infinity: none yet), four numbers each. */
  private readonly counts: number[][] = [];

  constructor(
    private readonly kernel: Kernel,
    private readonly accountsOf: (idx: number) => AccountStat,
    /** With `--accounts`: takes each (code, account) pair's records and times (see src/summary/account-list.ts). */
    private readonly pairs?: (idx: number, account: string, n: number, first: number | null, last: number | null) => void,
  ) {
    kernel.accountsReset();
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

  /** Puts every account's counts into the codes' account maps and starts the ids over. */
  flush(): void {
    const n = this.kernel.accountCount();
    // Records the kernel counted itself (see Kernel.setSteady), per id and catalog index; a view, read
    // before anything could grow the kernel's memory.
    const kept = this.kernel.accountCounts();
    const codes = kept?.codes ?? 0;
    const counts = kept?.counts;
    for (let id = 0; id < n; id++) {
      const list = this.counts[id];
      const here = list !== undefined && list.length > 0;
      let there = false;
      if (counts !== undefined) for (let c = id * codes; c < (id + 1) * codes && !there; c++) there = counts[c]! > 0;
      if (!here && !there) continue;
      this.account = undefined;
      this.rank = this.kernel.accountRank(id);
      if (there) for (let c = 0; c < codes; c++) if (counts![id * codes + c]! > 0) this.add(id, c, counts![id * codes + c]!);
      if (here) {
        for (let i = 0; i < list.length; i += 4) {
          this.add(id, list[i]!, list[i + 1]!);
          if (this.pairs !== undefined) {
            this.account ??= this.kernel.accountName(id);
            const first = list[i + 2]!;
            const last = list[i + 3]!;
            this.pairs(list[i]!, this.account, list[i + 1]!, first === Infinity ? null : first, last === -Infinity ? null : last);
          }
        }
        list.length = 0;
      }
    }
    this.kernel.accountsReset();
  }

  // The account being added (made only when a map may keep it) and its rank (-1 until known).
  private account: string | undefined;
  private rank = -1;

  /** n records of code idx name the account of `id`: an account a full map would leave out is passed over. */
  private add(id: number, idx: number, n: number): void {
    if (this.rank < 0) {
      this.account = this.kernel.accountName(id);
      this.rank = rank(this.account);
    }
    const stat = this.accountsOf(idx);
    if (!mayKeep(stat, this.rank)) return;
    this.account ??= this.kernel.accountName(id);
    addAccount(stat, this.account, n, this.rank);
  }
}
