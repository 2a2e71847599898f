import { buildCatalog } from '../catalog/catalog.js';
import { buildMatcher } from '../extract/matcher.js';
import type { Input } from '../input/open.js';
import type { FileSettings, SettingsJson } from '../model/settings.js';
import { mergePackedAccounts, newAccounts, type AccountStat } from '../summary/accounts.js';
import type { RangeTally } from '../summary/ranges.js';
import type { CodeStat } from '../summary/tally.js';

export type { SettingsJson };

export function settingsToJson(s: FileSettings): SettingsJson {
  return {
    entries: s.matcher.catalog.entries,
    inputFormat: s.inputFormat,
    fields: s.fields,
    window: s.window,
    maxLineLength: s.maxLineLength,
    redact: s.redact,
    readAhead: s.readAhead,
    accountList: s.accountList === true,
    ...(s.delimiter !== undefined ? { delimiter: s.delimiter } : {}),
    ...(s.times !== undefined ? { times: s.times } : {}),
  };
}

export function settingsFromJson(j: SettingsJson): FileSettings {
  return {
    matcher: buildMatcher(buildCatalog([j.entries], false)),
    inputFormat: j.inputFormat,
    fields: j.fields,
    window: j.window,
    maxLineLength: j.maxLineLength,
    redact: j.redact,
    readAhead: j.readAhead,
    accountList: j.accountList === true,
    ...(j.delimiter !== undefined ? { delimiter: j.delimiter } : {}),
    ...(j.times !== undefined ? { times: j.times } : {}),
  };
}

/** A unit to scan: one input, or a batch of small files (`input` and those in `more`) into one tally. */
export interface Unit {
  readonly index: number;
  readonly input: Input;
  readonly more?: readonly Input[];
}

/** A unit as a worker is sent it: the first one a worker gets comes with the settings for all of them. */
export interface UnitMessage extends Unit {
  readonly settings?: SettingsJson;
  /** For a byte range: its claim's buffer (see RangeClaim), shared, not copied. */
  readonly claim?: SharedArrayBuffer;
}

/** What a worker is sent: a unit, or word that there are no more (it then posts back its tally, index -1). */
export type WorkerMessage = UnitMessage | { readonly end: true };

/**
 * A scanned unit: its tally, and for a byte range what joining it needs. A tally is plain data (objects,
 * arrays, Maps, Sets), so it crosses to the main thread as it is, by structured clone.
 */
export interface UnitResult extends RangeTally {
  readonly index: number;
}

/**
 * A result as a worker posts it: each code's files as numbers, indexes into the paths of the tally's files
 * (then `extra`), so that each path is copied across once, not once per code that met it (20,000 small files
 * and 15 codes: 300,000 strings); each code's accounts likewise, as indexes into `names` and their counts
 * (4,000 accounts met by 15 codes: 40,000 map entries to copy, 4,000 names).
 */
export interface PackedResult {
  readonly result: UnitResult;
  /** Per code, in the order of tally.codes: its files. */
  readonly files: readonly Uint32Array[];
  /** Paths of code files that are not among the tally's files. */
  readonly extra: readonly string[];
  /** Per code, in the order of tally.codes: its accounts (indexes into names), and their counts. */
  readonly accounts: readonly Uint32Array[];
  readonly counts: readonly Float64Array[];
  readonly names: readonly string[];
}

export function packResult(r: UnitResult): PackedResult {
  const at = new Map<string, number>();
  for (const p of r.tally.files.keys()) at.set(p, at.size);
  const extra: string[] = [];
  const files: Uint32Array[] = [];
  const codes = new Map<string, CodeStat>();
  const named = new Map<string, number>();
  const accounts: Uint32Array[] = [];
  const counts: Float64Array[] = [];
  for (const [code, s] of r.tally.codes) {
    const ids = new Uint32Array(s.files.size);
    let i = 0;
    for (const f of s.files) {
      let id = at.get(f);
      if (id === undefined) {
        at.set(f, (id = at.size));
        extra.push(f);
      }
      ids[i++] = id;
    }
    files.push(ids);
    const which = new Uint32Array(s.accounts.counts.size);
    const many = new Float64Array(which.length);
    i = 0;
    for (const [account, n] of s.accounts.counts) {
      let id = named.get(account);
      if (id === undefined) named.set(account, (id = named.size));
      which[i] = id;
      many[i++] = n;
    }
    accounts.push(which);
    counts.push(many);
    codes.set(code, { ...s, files: new Set(), accounts: { counts: new Map(), bounded: s.accounts.bounded } });
  }
  return { result: { ...r, tally: { ...r.tally, codes } }, files, extra, accounts, counts, names: [...named.keys()] };
}

/**
 * Where a code's accounts go when a result is unpacked, if not into a map of their own: the accounts of the
 * same code in a tally this one is to be joined with (accounts merge in any order: see addAccount).
 */
export type AccountsHome = (code: string) => AccountStat | undefined;

/**
 * The result a packed one stands for (its codes' files in the order they were packed in). A code whose
 * accounts have a home (`home`) has its accounts added there, straight from the packed arrays, and none of
 * its own: a worker's range brings some 60,000 (account, count) pairs, a map each only to be merged away.
 */
export function unpackResult(p: PackedResult, home?: AccountsHome): UnitResult {
  const paths = [...p.result.tally.files.keys(), ...p.extra];
  const codes = new Map<string, CodeStat>();
  let k = 0;
  for (const [code, s] of p.result.tally.codes) {
    const files = new Set<string>();
    for (const id of p.files[k]!) files.add(paths[id]!);
    const which = p.accounts[k]!;
    const many = p.counts[k++]!;
    const into = home?.(code);
    let accounts: AccountStat;
    if (into !== undefined) {
      mergePackedAccounts(into, p.names, which, many, s.accounts.bounded);
      accounts = newAccounts();
    } else {
      accounts = { counts: new Map(), bounded: s.accounts.bounded };
      for (let i = 0; i < which.length; i++) accounts.counts.set(p.names[which[i]!]!, many[i]!);
    }
    codes.set(code, { ...s, files, accounts });
  }
  return { ...p.result, tally: { ...p.result.tally, codes } };
}
