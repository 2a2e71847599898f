import { ACCOUNT_FIELDS, accountValues, isPlainAccount } from '../extract/accounts.js';
import { CLOCK_FIELD, CODE_FIELDS, DATE_FIELD, TIME_FIELDS, type FieldOptions } from '../extract/record.js';
import { fieldValue, fieldValues } from '../input/csv.js';
import type { CsvSplitter } from '../input/csv-split.js';
import { headerColumn, rowFields, scopeColumns, type CsvHeader } from '../input/fields.js';
import { namedTimeField, type Fields } from '../model/record.js';
import type { LineFindings } from './line-findings.js';

const OPEN_BRACE = 0x7b;

/** The columns a row is read by, from the header (as rowFields finds them: by lower-cased name, first wins). */
export interface Columns {
  readonly width: number;
  readonly code: readonly number[];
  readonly time: readonly number[];
  readonly account: readonly number[];
  /** The date and time-of-day columns read together (pairTime), when the header has both. */
  readonly pair: readonly [number, number] | undefined;
  /** The columns that may hold the JSON object a service logged (src/input/fields.ts CSV_SCOPE_COLUMNS). */
  readonly scope: readonly number[];
  readonly index: ReadonlyMap<string, number>;
}

/** The columns of the header (none for a file without one), for these field options. */
export function columnsOf(head: CsvHeader, f: FieldOptions): Columns {
  const names = head.index;
  const columns = (list: readonly string[]): number[] => {
    const out: number[] = [];
    for (const name of list) {
      const i = headerColumn(names, name);
      if (i !== undefined && !out.includes(i)) out.push(i);
    }
    return out;
  };
  // A --time-field the header does not have: the rows are timed as without one (recordTime).
  const named = namedTimeField(f.timeField, (name) => headerColumn(names, name) !== undefined);
  const pair = named === undefined ? columns([DATE_FIELD, CLOCK_FIELD]) : [];
  return {
    width: head.width,
    code: columns(f.codeField !== undefined ? [f.codeField] : CODE_FIELDS),
    time: columns(named !== undefined ? [named] : TIME_FIELDS),
    account: columns(ACCOUNT_FIELDS),
    pair: pair.length === 2 ? ([pair[0]!, pair[1]!] as const) : undefined,
    scope: scopeColumns(names),
    index: names,
  };
}

/**
 * The fields (and values) of the row the splitter holds, when a scope column's value starts with `{` (the
 * kernel leaves such rows to the caller: src/wasm/csv.ts) and the row is looked into (rowFields); else undefined.
 */
export function scopedRowFields(buf: Buffer, split: CsvSplitter, cols: Columns): { fields: Fields; values: string[] } | undefined {
  if (!cols.scope.some((c) => split.fe[c]! > split.fs[c]! && buf[split.fs[c]!] === OPEN_BRACE)) return undefined;
  const values = fieldValues(buf, split);
  const fields = rowFields(cols.index, values, undefined, cols.scope);
  return fields.own !== undefined ? { fields, values } : undefined;
}

/** A CSV record with codes: the e-mail addresses in its text buf[s, e), and its account columns' values. */
export function rowAccounts(found: LineFindings, split: CsvSplitter, buf: Buffer, s: number, e: number, cols: Columns | undefined): void {
  found.scanAccounts(buf, s, e);
  if (cols === undefined) return;
  for (const c of cols.account) {
    // Printable ASCII with nothing to trim: the bytes are the account (lower-cased as they are read).
    if (split.fq[c] !== 2 && isPlainAccount(buf, split.fs[c]!, split.fe[c]!)) {
      found.addAccountBytes(buf, split.fs[c]!, split.fe[c]!);
      continue;
    }
    for (const v of accountValues(fieldValue(buf, split, c))) found.addAccount(v);
  }
}
