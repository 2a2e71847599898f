import { ScanError } from '../errors.js';
import { PARTIAL_KIND } from './partial-file.js';
import { SCHEMA_VERSION, type Change, type Comparison, type ComparisonRow, type Report } from './report-shape.js';

export type { Change, Comparison, ComparisonRow };

/** What is needed of a baseline report: its codes' counts and how many records it read inside its window. */
export interface Baseline {
  readonly path: string;
  /** Records inside the baseline's window (all of them when it had none): the denominator of its rates. */
  readonly records: number;
  readonly counts: ReadonlyMap<string, { code: string; count: number }>;
  /** Its unknown codes (the catalog had no such entry then), by lower case: one the catalog has since added is no new code. */
  readonly unknown?: ReadonlyMap<string, { code: string; count: number }>;
}

/** Reads a baseline: a JSON report of an earlier scan, of this schema version. */
export function parseBaseline(text: string, path: string): Baseline {
  const fail = (why: string): never => {
    throw new ScanError('BAD_BASELINE', `bad baseline ${path}: ${why}`);
  };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return fail('not a JSON report');
  }
  const r = data as Partial<Report> | null;
  if (r !== null && typeof r === 'object' && (r as { kind?: unknown }).kind === PARTIAL_KIND) return fail('this is a partial report: run mxscan merge first');
  if (r === null || typeof r !== 'object' || r.tool?.name !== 'mxscan') return fail('not an mxscan JSON report');
  if (r.schemaVersion !== SCHEMA_VERSION) {
    return fail(`schemaVersion ${JSON.stringify(r.schemaVersion)} cannot be compared with this version's ${SCHEMA_VERSION}`);
  }
  const records = r.totals?.records;
  if (typeof records !== 'number' || !Array.isArray(r.codes)) return fail('it has no totals.records or codes');
  // Records outside a --since/--until window were read but not counted: they are no part of its rates.
  const outside = r.totals?.outsideWindow ?? 0;
  if (typeof outside !== 'number' || outside < 0 || outside > records) return fail('totals.outsideWindow is not a count of its records');
  const counts = new Map<string, { code: string; count: number }>();
  for (const c of r.codes) {
    if (typeof c?.code !== 'string' || typeof c.count !== 'number') return fail('a code row has no code or count');
    counts.set(c.code.toLowerCase(), { code: c.code, count: c.count });
  }
  const rows = Array.isArray(r.unknownCodes) ? r.unknownCodes.filter((u) => typeof u?.code === 'string' && typeof u.count === 'number') : [];
  return { path, records: windowRecords({ totals: { records, outsideWindow: outside }, codes: [...counts.values()], unknownCodes: rows }), counts, unknown: byLowerCase(rows) };
}

/** Occurrences per 10,000 records, rounded to 4 decimals (so windows of different length compare fairly). */
export function ratePer10k(count: number, records: number): number {
  return records === 0 ? 0 : Math.round((count / records) * 10_000 * 10_000) / 10_000;
}

/** What windowRecords reads of a report. */
type Counted = { readonly totals: Pick<Report['totals'], 'records' | 'outsideWindow'>; readonly codes: readonly { readonly count: number }[]; readonly unknownCodes?: readonly { readonly count: number }[] | undefined };

/**
 * The records a report's counts were taken from: those inside its window (all when it has none), and at
 * least as many as its most counted code's (a code counts once per record). A stack trace that straddles the
 * window's start has its record outside (placed by its first line) and the code of a later line inside (by
 * that line's own time): a window holding only such codes has no record inside, yet codes to compare.
 */
export function windowRecords(report: Counted): number {
  let most = 0;
  for (const c of report.codes) most = Math.max(most, c.count);
  for (const c of report.unknownCodes ?? []) most = Math.max(most, c.count);
  return Math.max(report.totals.records - report.totals.outsideWindow, most);
}

/**
 * Classifies every code seen now or in the baseline: new, resolved, or by its rate per 10,000 records inside
 * each report's window increased, decreased or unchanged (within ±tolerance of the baseline rate). Ordered:
 * new, increased, then the rest, each by count.
 */
export function compare(report: Pick<Report, 'codes' | 'totals'> & { readonly unknownCodes?: Report['unknownCodes'] }, base: Baseline, tolerance: number): Comparison {
  const rows: ComparisonRow[] = [];
  const inWindow = windowRecords(report);
  // No record inside the window: no rate, so nothing is new or resolved (every baseline code "resolved" misled).
  if (noneInWindow(report)) return { baseline: base.path, tolerance, codes: [] };
  const now = new Map(report.codes.map((c) => [c.code.toLowerCase(), c]));
  // A code the catalog gained or lost between the two runs is compared as the code it is on either side.
  const unknownNow = byLowerCase(report.unknownCodes ?? []);
  // A code counted on both sides, by its rate in each.
  const compared = (code: string, count: number, baselineCount: number): ComparisonRow => {
    const rate = ratePer10k(count, inWindow);
    const baseRate = ratePer10k(baselineCount, base.records);
    return { code, status: change(rate, baseRate, tolerance), count, baselineCount, ratePer10k: rate, baselineRatePer10k: baseRate };
  };
  for (const [key, c] of now) {
    const b = base.counts.get(key) ?? base.unknown?.get(key);
    if (b === undefined || b.count === 0) {
      rows.push({ code: c.code, status: 'new', count: c.count, baselineCount: 0, ratePer10k: ratePer10k(c.count, inWindow), baselineRatePer10k: 0 });
      continue;
    }
    rows.push(compared(c.code, c.count, b.count));
  }
  for (const [key, b] of base.counts) {
    if (now.has(key) || b.count === 0) continue;
    const u = unknownNow.get(key);
    if (u !== undefined) {
      rows.push(compared(b.code, u.count, b.count));
      continue;
    }
    rows.push({ code: b.code, status: 'resolved', count: 0, baselineCount: b.count, ratePer10k: 0, baselineRatePer10k: ratePer10k(b.count, base.records) });
  }
  const order: Record<Change, number> = { new: 0, increased: 1, unchanged: 2, decreased: 3, resolved: 4 };
  rows.sort((a, b) => order[a.status] - order[b.status] || b.count - a.count || b.baselineCount - a.baselineCount || (a.code < b.code ? -1 : 1));
  return { baseline: base.path, tolerance, codes: rows };
}

/** Records were read and none was inside the window: there is no rate to compare. */
export function noneInWindow(report: Counted): boolean {
  return report.totals.records > 0 && windowRecords(report) === 0;
}

/** Unknown-code rows by lower case: spellings of one code in other cases are one code (the catalog matches them so), its first spelling kept. */
function byLowerCase(rows: readonly { code: string; count: number }[]): Map<string, { code: string; count: number }> {
  const out = new Map<string, { code: string; count: number }>();
  for (const u of rows) {
    const key = u.code.toLowerCase();
    const had = out.get(key);
    out.set(key, { code: had?.code ?? u.code, count: (had?.count ?? 0) + u.count });
  }
  return out;
}

/** A rate against the baseline's: outside ±tolerance of it, increased or decreased; else unchanged. */
function change(rate: number, baseRate: number, tolerance: number): Change {
  return rate > baseRate * (1 + tolerance) ? 'increased' : rate < baseRate * (1 - tolerance) ? 'decreased' : 'unchanged';
}
