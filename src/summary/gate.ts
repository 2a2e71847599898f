import { levelRank, normalizeLevel, LEVELS, type Level } from '../catalog/types.js';
import { activeCodes } from './finalize.js';
import type { Change, CodeRow, Report } from './report-shape.js';
import { timesMissing } from './untimed.js';
import { num } from './count-text.js';

/** The levels --fail-on takes (`none` never fails); --fail-on-new takes all but `none`. */
export type FailOn = 'none' | 'error' | 'warn' | 'info';
export type FailOnNew = Exclude<FailOn, 'none'>;

/** A --fail-on or --fail-on-new value in any case, `warning` read as `warn`; undefined when it is no level. */
export function parseFailLevel(value: string): FailOn | undefined {
  if (value.trim().toLowerCase() === 'none') return 'none';
  const level = normalizeLevel(value);
  return level === undefined ? undefined : (level.toLowerCase() as FailOnNew);
}

/** What decides which codes fail the run. */
export interface GateRules {
  readonly failOn: FailOn;
  readonly failOnNew?: FailOnNew | undefined;
}

/** A code that fails the run, and which rule fails it. */
export interface FailingCode {
  readonly row: CodeRow;
  readonly byFailOn: boolean;
  readonly byFailOnNew: boolean;
}

/** The one decision every CI signal (exit code, JUnit, annotations, "why it failed") is taken from. */
export interface Gate {
  readonly rules: GateRules;
  /** Codes that fail the run, in report order. */
  readonly failing: readonly FailingCode[];
  /** Each seen code's change against the baseline (lower-case code → change), when there is one. */
  readonly changes: ReadonlyMap<string, Change> | undefined;
  /** One line per rule that fails the run: the rule and the codes it fails on. */
  readonly reasons: readonly string[];
  /** 2 when an input could not be read (or, under a window, had no readable time), else 1 when a code fails the run, else 0 (the README's exit codes). */
  readonly exitCode: 0 | 1 | 2;
}

/** Codes named in a reason before "… and N more". */
const LISTED = 10;

const atOrAbove = (row: CodeRow, level: FailOn): boolean => level !== 'none' && levelRank(row.level) <= levelRank(level.toUpperCase() as Level);

/**
 * Decides which codes fail the run: every active (not suppressed) code at or above --fail-on, and with a
 * baseline every active code at or above --fail-on-new that is new or increased. Pure.
 */
export function decideGate(r: Report, rules: GateRules): Gate {
  const active = activeCodes(r);
  const changes = r.comparison === undefined ? undefined : new Map(r.comparison.codes.map((c) => [c.code.toLowerCase(), c.status]));
  const grown = (row: CodeRow): boolean => {
    const change = changes?.get(row.code.toLowerCase());
    return change === 'new' || change === 'increased';
  };
  const failing: FailingCode[] = [];
  for (const row of active) {
    const byFailOn = atOrAbove(row, rules.failOn);
    const byFailOnNew = rules.failOnNew !== undefined && changes !== undefined && atOrAbove(row, rules.failOnNew) && grown(row);
    if (byFailOn || byFailOnNew) failing.push({ row, byFailOn, byFailOnNew });
  }
  const reasons: string[] = [];
  const byFailOn = failing.filter((f) => f.byFailOn).map((f) => f.row);
  if (byFailOn.length > 0) reasons.push(`failing: ${countByLevel(byFailOn)} at or above --fail-on ${rules.failOn}: ${list(byFailOn, () => '')}`);
  const byNew = failing.filter((f) => f.byFailOnNew).map((f) => f.row);
  if (byNew.length > 0) {
    const change = (row: CodeRow): string => `${changes?.get(row.code.toLowerCase()) ?? 'new'}, `;
    reasons.push(`failing: ${countByLevel(byNew)} new or increased against the baseline, at or above --fail-on-new ${rules.failOnNew}: ${list(byNew, change)}`);
  }
  // Under a window, an input with no readable time could not be scanned as asked: as if it could not be read.
  const exitCode = r.totals.unreadableFiles > 0 || timesMissing(r) ? 2 : failing.length > 0 ? 1 : 0;
  return { rules, failing, changes, reasons, exitCode };
}

/** True when the gate fails this code. */
export function isFailing(gate: Gate, code: string): boolean {
  const key = code.toLowerCase();
  return gate.failing.some((f) => f.row.code.toLowerCase() === key);
}

/** "2 ERROR codes", "1 ERROR and 3 WARN codes". */
function countByLevel(rows: readonly CodeRow[]): string {
  const parts = LEVELS.map((l) => [l, rows.filter((r) => r.level === l).length] as const).filter(([, n]) => n > 0);
  return `${parts.map(([l, n]) => `${num(n)} ${l}`).join(' and ')} code${rows.length === 1 ? '' : 's'}`;
}

/** "storage_error (106), smime_error (4)", the first LISTED of them, then how many more. */
function list(rows: readonly CodeRow[], prefix: (row: CodeRow) => string): string {
  const shown = rows.slice(0, LISTED).map((r) => `${r.code} (${prefix(r)}${num(r.count)})`);
  return shown.join(', ') + (rows.length > LISTED ? ` and ${rows.length - LISTED} more` : '');
}
