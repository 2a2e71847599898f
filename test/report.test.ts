/** Building the report from a tally: order of rows, totals, time range, first ERROR and action plan, by hand. */
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../src/catalog/catalog.js';
import { MAX_ACCOUNTS } from '../src/summary/accounts.js';
import { buildReport } from '../src/summary/report.js';
import { addHit, newFileStat, newTally, type FileStat, type Tally } from '../src/summary/tally.js';

const catalog = buildCatalog([], true);
const T = Date.UTC(2026, 2, 18, 10, 0);
const M = 60_000;
const build = (t: Tally, window: { since: number | null; until: number | null } | null = null) => buildReport(t, { catalog, version: '1.0.0', window });

/** Adds one record of codes (catalog ones, and unknown ones written `?code`). */
function add(t: Tally, file: string, line: number, time: number | null, codes: string[], accounts: string[] = []): void {
  if (!t.files.has(file)) t.files.set(file, newFileStat(file));
  addHit(t, {
    file,
    line,
    time,
    codes: new Map(codes.filter((c) => !c.startsWith('?')).map((c) => [c, undefined])),
    unknown: codes.filter((c) => c.startsWith('?')).map((c) => [c.slice(1), undefined] as const),
    accounts: new Set(accounts),
  });
}

describe('buildReport', () => {
  it('orders codes by level, then count, then code; unknown codes by count, then code', () => {
    const t = newTally();
    let line = 1;
    for (const [code, n] of [['web_hook_moved', 5], ['smime_error', 1], ['storage_error', 2], ['execution_failed', 2], ['web_hook_removed_by_move_conflict', 1], ['?z=1', 2], ['?B=1', 1], ['?a=1', 1]] as const) {
      for (let i = 0; i < n; i++) add(t, 'a.log', line++, T, [code]);
    }
    const r = build(t);
    expect(r.codes.map((c) => [c.code, c.count])).toEqual([
      ['execution_failed', 2],
      ['storage_error', 2],
      ['smime_error', 1],
      ['web_hook_removed_by_move_conflict', 1],
      ['web_hook_moved', 5],
    ]);
    expect(r.unknownCodes.map((u) => [u.code, u.count])).toEqual([['z=1', 2], ['a=1', 1], ['B=1', 1]]);
    expect(r.totals.byLevel).toEqual({ ERROR: 5, WARN: 1, INFO: 5 });
    expect(r.totals.codes).toBe(5);
    expect(r.totals.unknown).toBe(4);
  });

  it('sums the files, sorted by path, and counts unreadable and binary ones', () => {
    const t = newTally();
    const f = (path: string, patch: Partial<FileStat>) => t.files.set(path, { ...newFileStat(path), ...patch });
    f('b.log', { records: 10, bytes: 100, skippedLines: 1, malformedRecords: 2, outsideWindow: 3, untimedRecords: 4 });
    f('B.log', { records: 5, bytes: 50, status: 'binary' });
    f('a.log', { records: 1, bytes: 7, status: 'error', message: 'EACCES', outsideWindow: 1 });
    const r = build(t);
    expect(r.totals).toEqual({ files: 3, records: 16, bytes: 157, byLevel: { ERROR: 0, WARN: 0, INFO: 0 }, codes: 0, unknown: 0, skippedLines: 1, malformedRecords: 2, outsideWindow: 4, untimedRecords: 4, unreadableFiles: 1, binaryFiles: 1 });
    expect(r.files.map((x) => x.path)).toEqual(['B.log', 'a.log', 'b.log']);
    expect(r.files[1]).toEqual({ path: 'a.log', format: 'text', compressed: false, encoding: 'utf-8', status: 'error', message: 'EACCES', records: 1, bytes: 7, expandedBytes: 0, matches: 0, unknown: 0, malformedRecords: 0, skippedLines: 0, outsideWindow: 1, untimedRecords: 0 });
    expect(r.files[2]!.untimedRecords).toBe(4);
    expect('message' in r.files[0]!).toBe(false);
    expect(r.verdict).toBe('No catalog codes found (1 input could not be read; 1 binary file skipped)');
  });

  it('spans the time range over the files and the codes, and names the window', () => {
    const t = newTally();
    t.files.set('a.log', { ...newFileStat('a.log'), firstTime: T + 5 * M, lastTime: T + 2 * M });
    t.files.set('b.log', { ...newFileStat('b.log'), firstTime: T + 3 * M, lastTime: T + 4 * M });
    expect(build(t).timeRange).toEqual({ start: '2026-03-18T10:02:00.000Z', end: '2026-03-18T10:05:00.000Z' });
    add(t, 'c.log', 1, T + 9 * M, ['storage_error']);
    add(t, 'c.log', 2, T - M, ['storage_error']);
    const r = build(t, { since: T - 10 * M, until: null });
    expect(r.timeRange).toEqual({ start: '2026-03-18T09:59:00.000Z', end: '2026-03-18T10:09:00.000Z' });
    expect(r.window).toEqual({ since: '2026-03-18T09:50:00.000Z', until: null });
    expect(r.codes[0]!.firstSeen).toBe('2026-03-18T09:59:00.000Z');
    expect(r.codes[0]!.lastSeen).toBe('2026-03-18T10:09:00.000Z');
    expect(r.timeline.buckets).toHaveLength(11);
    expect(r.codes[0]!.series).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(r.codes[0]!.peak).toEqual({ start: '2026-03-18T09:59:00.000Z', count: 1 });
    const none = newTally();
    none.files.set('a.log', newFileStat('a.log'));
    expect(build(none).timeRange).toEqual({ start: null, end: null });
    expect(build(none).window).toBeNull();
  });

  it('names as first ERROR the earliest ERROR occurrence: by time, untimed last, then file and line; never a WARN', () => {
    const t = newTally();
    add(t, 'a.log', 1, T - M, ['web_hook_removed_by_move_conflict']);
    add(t, 'a.log', 2, null, ['smime_error']);
    add(t, 'b.log', 3, T, ['storage_error']);
    add(t, 'a.log', 9, T, ['execution_failed']);
    expect(build(t).firstError).toEqual({ code: 'execution_failed', time: '2026-03-18T10:00:00.000Z', file: 'a.log', line: 9 });
    const lines = newTally();
    add(lines, 'a.log', 5, T, ['storage_error']);
    add(lines, 'a.log', 4, T, ['smime_error']);
    add(lines, 'a.log', 4, T, ['smime_error']);
    expect(build(lines).firstError).toEqual({ code: 'smime_error', time: '2026-03-18T10:00:00.000Z', file: 'a.log', line: 4 });
    const untimed = newTally();
    add(untimed, 'b.log', 1, null, ['storage_error']);
    add(untimed, 'a.log', 7, null, ['smime_error']);
    add(untimed, 'a.log', 8, T, ['web_hook_moved']);
    expect(build(untimed).firstError).toEqual({ code: 'smime_error', time: null, file: 'a.log', line: 7 });
    const timedLater = newTally();
    add(timedLater, 'a.log', 1, null, ['storage_error']);
    add(timedLater, 'b.log', 1, T, ['smime_error']);
    add(timedLater, 'b.log', 2, T, ['smime_error']);
    expect(build(timedLater).firstError).toEqual({ code: 'smime_error', time: '2026-03-18T10:00:00.000Z', file: 'b.log', line: 1 });
    // two ERROR codes on the same line: the one listed first in the report (more occurrences) is named
    const sameLine = newTally();
    add(sameLine, 'a.log', 3, T, ['smime_error', 'storage_error']);
    add(sameLine, 'a.log', 4, T + M, ['storage_error']);
    expect(build(sameLine).firstError).toEqual({ code: 'storage_error', time: '2026-03-18T10:00:00.000Z', file: 'a.log', line: 3 });
    const warnOnly = newTally();
    add(warnOnly, 'a.log', 1, T, ['web_hook_removed_by_move_conflict']);
    expect(build(warnOnly).firstError).toBeNull();
  });

  it('plans one item per action: most urgent level, codes in report order, summed count, distinct accounts', () => {
    const shared = buildCatalog([
      [
        { module: 'm', code: 'a_warn', type: 'T', level: 'WARN', description: 'd', action: 'Fix the thing' },
        { module: 'm', code: 'b_error', type: 'T', level: 'ERROR', description: 'd', action: 'Fix the thing' },
        { module: 'm', code: 'c_info', type: 'T', level: 'INFO', description: 'd', action: 'Another fix' },
        { module: 'm', code: 'd_info', type: 'T', level: 'INFO', description: 'd', action: 'A third fix' },
      ],
    ], false);
    const t = newTally();
    add(t, 'a.log', 1, T, ['a_warn'], ['ann@x', 'bob@x']);
    add(t, 'a.log', 2, T, ['a_warn'], ['ann@x']);
    add(t, 'a.log', 3, T, ['b_error'], ['bob@x', 'cy@x']);
    add(t, 'a.log', 4, T, ['c_info']);
    add(t, 'a.log', 5, T, ['d_info']);
    const r = buildReport(t, { catalog: shared, version: '1', window: null });
    expect(r.actions).toEqual([
      { action: 'Fix the thing', level: 'ERROR', codes: ['b_error', 'a_warn'], count: 3, accounts: 3, bounded: false },
      { action: 'A third fix', level: 'INFO', codes: ['d_info'], count: 1, accounts: 0, bounded: false },
      { action: 'Another fix', level: 'INFO', codes: ['c_info'], count: 1, accounts: 0, bounded: false },
    ]);
  });

  it('marks an action bounded when one of its codes passed the bound on accounts', () => {
    const t = newTally();
    for (let i = 0; i <= MAX_ACCOUNTS; i++) add(t, 'a.log', i + 1, T, ['storage_error'], [`u${i}@x.io`]);
    add(t, 'a.log', MAX_ACCOUNTS + 5, T, ['smime_error'], ['solo@x.io']);
    const r = build(t);
    expect(r.codes[0]!.accounts.bounded).toBe(true);
    expect(r.codes[0]!.accounts.distinct).toBe(MAX_ACCOUNTS);
    expect(r.actions.map((a) => [a.codes[0], a.bounded])).toEqual([['storage_error', true], ['smime_error', false]]);
  });

  it('refuses a code that is not in the catalog', () => {
    const t = newTally();
    add(t, 'a.log', 1, T, ['not_a_code']);
    expect(() => build(t)).toThrow('code not_a_code is not in the catalog');
  });
});
