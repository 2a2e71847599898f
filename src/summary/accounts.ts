/** Past this many distinct accounts per code the count becomes a lower bound. */
export const MAX_ACCOUNTS = 10_000;

/** Accounts seen with one code: a bounded map of account → records. */
export interface AccountStat {
  /** Account → number of records; never more than MAX_ACCOUNTS keys. */
  readonly counts: Map<string, number>;
  /** True once an account had to be left out. */
  bounded: boolean;
}

export function newAccounts(): AccountStat {
  return { counts: new Map(), bounded: false };
}

// Which accounts are kept once the bound is reached is decided by a hash of the account, never by the
// order they arrive in: so a scan split into shards and merged keeps exactly the accounts (and exact
// counts for them) that one whole scan keeps.
function rank(account: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < account.length; i++) h = Math.imul(h ^ account.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function before(a: string, b: string): boolean {
  const ra = rank(a);
  const rb = rank(b);
  return ra !== rb ? ra < rb : a < b;
}

/** Counts one record's account. */
export function addAccount(stat: AccountStat, account: string, n = 1): void {
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
  const worst = worstKey(stat);
  if (before(account, worst)) {
    stat.counts.delete(worst);
    stat.counts.set(account, n);
    cachedWorst.delete(stat);
  }
}

// The highest-ranked kept account, cached per stat until it is evicted.
const cachedWorst = new WeakMap<AccountStat, string>();
function worstKey(stat: AccountStat): string {
  const c = cachedWorst.get(stat);
  if (c !== undefined && stat.counts.has(c)) return c;
  let worst: string | undefined;
  for (const k of stat.counts.keys()) if (worst === undefined || before(worst, k)) worst = k;
  cachedWorst.set(stat, worst!);
  return worst!;
}

/** Merges b into a. */
export function mergeAccounts(a: AccountStat, b: AccountStat): void {
  if (b.bounded) a.bounded = true;
  for (const [k, n] of b.counts) addAccount(a, k, n);
}

/** The top accounts by count, then by name. */
export function topAccounts(stat: AccountStat, limit = 5): { account: string; count: number }[] {
  return [...stat.counts]
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
    .slice(0, limit)
    .map(([account, count]) => ({ account, count }));
}
