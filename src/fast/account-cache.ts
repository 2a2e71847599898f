import { addAccount, rank, type AccountStat } from '../summary/accounts.js';
import type { Kernel } from './kernels.js';

/** Past this many accounts the counts so far go into the codes' account maps and the ids start over. */
const FLUSH_AT = 16384;

/**
 * The accounts a fast scanner has met in one file, by the dense ids the kernel gives them: per id the
 * account (its lower-cased string, made once) and its counts per catalog code so far. Counting an
 * occurrence is an array update — no map is touched per line. The counts go into the codes' bounded
 * account maps when many accounts have been met and when the file ends; the bound is order-free, so the
 * result is the same as adding every occurrence one by one.
 */
export class AccountCache {
  private readonly names: string[] = [];
  private readonly ranks: number[] = [];
  /** Per id: catalog indexes and counts, side by side. */
  private readonly counts: number[][] = [];
  /** Ids below this have their names. */
  private known = 0;

  constructor(
    private readonly kernel: Kernel,
    private readonly accountsOf: (idx: number) => AccountStat,
  ) {
    kernel.accountsReset();
  }

  /**
   * The id of the account buf[s, e) (ASCII, lower-cased here) or of `account` (a lower-cased string);
   * `id` when the kernel has given it already. -1: no id is free until the next `spill` (count by name).
   */
  idOf(buf: Buffer, s: number, e: number, id = this.kernel.accountId(s, e)): number {
    if (id >= this.known) this.name(id, buf.toString('latin1', s, e).toLowerCase());
    return id;
  }

  /** The id of an account given as a string (already lower-cased), as idOf. */
  idOfString(account: string): number {
    const id = this.kernel.accountIdOf(account);
    if (id >= this.known) this.name(id, account);
    return id;
  }

  private name(id: number, account: string): void {
    // Ids come in order: a new one is always the next.
    this.names[id] = account;
    this.ranks[id] = rank(account);
    this.counts[id] ??= [];
    this.known = id + 1;
  }

  /** The account an id stands for. */
  accountOf(id: number): string {
    return this.names[id]!;
  }

  /** One more record of code `idx` naming the account `id`. */
  count(id: number, idx: number): void {
    const list = this.counts[id]!;
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] === idx) {
        list[i + 1]!++;
        return;
      }
    }
    list.push(idx, 1);
  }

  /** Between records: when many accounts have been met, counts them and starts the ids over. */
  spill(): void {
    if (this.known >= FLUSH_AT) this.flush();
  }

  /** Puts every account's counts into the codes' account maps and starts the ids over. */
  flush(): void {
    for (let id = 0; id < this.known; id++) {
      const list = this.counts[id]!;
      if (list.length === 0) continue;
      const account = this.names[id]!;
      for (let i = 0; i < list.length; i += 2) addAccount(this.accountsOf(list[i]!), account, list[i + 1]!, this.ranks[id]!);
      list.length = 0;
    }
    this.known = 0;
    this.kernel.accountsReset();
  }
}
