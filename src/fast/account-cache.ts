import { addAccount, rank, type AccountStat } from '../summary/accounts.js';

const SLOTS = 32768;
const LOWER = new Uint8Array(256).map((_, c) => (c >= 65 && c <= 90 ? c + 32 : c));

/**
 * The accounts a fast scanner has met in one file, by a hash of their bytes: each slot holds an account
 * (its lower-cased string, made once) and its counts per catalog code so far. Counting an occurrence is an
 * array update — no map is touched per line. A slot's counts go into the code's bounded account map when
 * another account takes the slot, and when the file ends; the bound is order-free, so the result is the
 * same as adding every occurrence one by one.
 */
export class AccountCache {
  private readonly strings: string[] = new Array<string>(SLOTS).fill('');
  /** The same accounts as bytes, for comparing without making a string. */
  private readonly bytes: Buffer[] = new Array<Buffer>(SLOTS).fill(Buffer.alloc(0));
  private readonly ranks = new Uint32Array(SLOTS);
  private readonly seconds = new Uint32Array(SLOTS);
  /** Per slot: catalog indexes and counts, side by side. */
  private readonly counts: (number[] | undefined)[] = new Array<number[] | undefined>(SLOTS).fill(undefined);

  constructor(private readonly accountsOf: (idx: number) => AccountStat) {}

  /**
   * The slot holding the lower-cased bytes buf[s, e) (ASCII), taking it over if needed. With both hashes
   * given (by the kernel), a slot whose length and two hashes agree is the account: no bytes are compared.
   */
  slotOfBytes(buf: Buffer, s: number, e: number, hash = -1, hash2 = -1): number {
    let r = hash;
    if (r < 0) {
      let h = 0x811c9dc5;
      for (let i = s; i < e; i++) h = Math.imul(h ^ LOWER[buf[i]!]!, 0x01000193);
      r = h >>> 0;
    }
    const slot = r & (SLOTS - 1);
    const cached = this.bytes[slot]!;
    const n = e - s;
    if (hash2 >= 0 && cached.length === n && this.ranks[slot] === r && this.seconds[slot] === hash2) return slot;
    if (cached.length === n && this.ranks[slot] === r) {
      // Most addresses are written in lower case: one native compare; else byte by byte, lower-cased.
      if (buf.compare(cached, 0, n, s, e) === 0) return slot;
      let i = 0;
      while (i < n && cached[i] === LOWER[buf[s + i]!]) i++;
      if (i === n) return slot;
    }
    let upper = false;
    for (let i = s; i < e && !upper; i++) upper = buf[i]! >= 65 && buf[i]! <= 90;
    const raw = buf.toString('latin1', s, e);
    this.take(slot, upper ? raw.toLowerCase() : raw, r);
    return slot;
  }

  /** The second hash of an account (as the kernel's hashLower2, over its lower-cased characters). */
  private static second(account: string): number {
    let h = 0x2166136b;
    for (let i = 0; i < account.length; i++) {
      h = Math.imul(h ^ account.charCodeAt(i), 0x5bd1e995);
      h ^= h >>> 15;
    }
    return h >>> 0;
  }

  /** The slot holding an account given as a string (already lower-cased). */
  slotOfString(account: string): number {
    const r = rank(account);
    const slot = r & (SLOTS - 1);
    if (this.strings[slot] !== account) this.take(slot, account, r);
    return slot;
  }

  /** The account a slot holds now. */
  accountIn(slot: number): string {
    return this.strings[slot]!;
  }

  /** One more record of code `idx` naming the account in `slot`. */
  count(slot: number, idx: number): void {
    let list = this.counts[slot];
    if (list === undefined) {
      list = [];
      this.counts[slot] = list;
    }
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] === idx) {
        list[i + 1]!++;
        return;
      }
    }
    list.push(idx, 1);
  }

  /** Puts every slot's counts into the codes' account maps (at the end of the file). */
  flush(): void {
    for (let slot = 0; slot < SLOTS; slot++) this.flushSlot(slot);
  }

  private take(slot: number, account: string, r: number): void {
    this.flushSlot(slot);
    this.strings[slot] = account;
    this.bytes[slot] = Buffer.from(account, 'latin1');
    this.ranks[slot] = r;
    this.seconds[slot] = AccountCache.second(account);
  }

  private flushSlot(slot: number): void {
    const list = this.counts[slot];
    if (list === undefined || list.length === 0) return;
    const account = this.strings[slot]!;
    for (let i = 0; i < list.length; i += 2) addAccount(this.accountsOf(list[i]!), account, list[i + 1]!, this.ranks[slot]!);
    list.length = 0;
  }
}
