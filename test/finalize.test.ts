/** The report as delivered: suppressions, the verdict, provenance, the baseline comparison and redaction. */
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../src/catalog/catalog.js';
import type { Baseline } from '../src/summary/baseline.js';
import { activeCodes, finalizeReport, type FinalizeOptions } from '../src/summary/finalize.js';
import { decideGate, type FailOnNew } from '../src/summary/gate.js';
import { buildReport, type Report } from '../src/summary/report.js';
import { addHit, newFileStat, newTally, type FileStat } from '../src/summary/tally.js';

const catalog = buildCatalog([], true);
const T = Date.UTC(2026, 2, 18, 10, 0);
const NOW = Date.UTC(2026, 5, 1);

/** A report of one file with the given codes (each seen `n` times), built the way a scan builds it. */
function reportOf(codes: [string, number][], file: Partial<FileStat> = {}, more: FileStat[] = []): Report {
  const t = newTally();
  t.files.set('logs/a.log', { ...newFileStat('logs/a.log'), records: 100, bytes: 4000, ...file });
  for (const f of more) t.files.set(f.path, f);
  let line = 1;
  for (const [code, n] of codes) {
    for (let i = 0; i < n; i++, line++) {
      addHit(t, { file: 'logs/a.log', line, time: T + line * 1000, codes: new Map([[code, `${code} for ann.lee@example.com`]]), unknown: [], accounts: new Set(['ann.lee@example.com']) });
    }
  }
  return buildReport(t, { catalog, version: '9.9.9', window: null });
}

const opts = (patch: Partial<FinalizeOptions> = {}): FinalizeOptions => ({ catalog, options: { format: 'json' }, now: NOW, redact: false, ...patch });
const sup = (code: string, expires: string | null = null, reason = `why ${code}`) => ({ code, reason, expires });

describe('suppressions', () => {
  it('match a code in any case, take its spelling and count from the report, and an unseen one counts 0', () => {
    const r = finalizeReport(reportOf([['storage_error', 3], ['smime_error', 1]]), opts({ suppressions: [sup('STORAGE_ERROR'), sup('Execution_Failed', '2026-12-31')] }));
    expect(r.suppressed).toEqual([
      { code: 'storage_error', reason: 'why STORAGE_ERROR', expires: null, expired: false, count: 3, inCatalog: true },
      { code: 'Execution_Failed', reason: 'why Execution_Failed', expires: '2026-12-31', expired: false, count: 0, inCatalog: true },
    ]);
    // smime_error, line 4 at 10:00:04, is the only active ERROR code.
    expect(r.verdict).toBe('1 ERROR code needs action: smime_error (1) began 2026-03-18 10:00:04Z and peaked in the 1m from 2026-03-18 10:00:00Z (1); 1 account (1 suppressed)');
    expect(activeCodes(r).map((c) => c.code)).toEqual(['smime_error']);
  });

  it('stop applying once expired: the code counts again in the verdict and for --fail-on', () => {
    const r = finalizeReport(reportOf([['storage_error', 3], ['smime_error', 1]]), opts({ suppressions: [sup('storage_error', '2026-05-31')] }));
    expect(r.suppressed![0]!.expired).toBe(true);
    expect(r.verdict).toBe('2 ERROR codes need action: storage_error (3) began 2026-03-18 10:00:01Z and peaked in the 1m from 2026-03-18 10:00:00Z (3); 1 account');
    expect(activeCodes(r).map((c) => c.code)).toEqual(['storage_error', 'smime_error']);
    const inTime = finalizeReport(reportOf([['storage_error', 3]]), opts({ suppressions: [sup('storage_error', '2026-06-01')] }));
    expect(inTime.suppressed![0]!.expired).toBe(false);
  });

  it('are an empty list when there are none, and every code is active', () => {
    const r = finalizeReport(reportOf([['storage_error', 1]]), opts());
    expect(r.suppressed).toEqual([]);
    expect(activeCodes(r).map((c) => c.code)).toEqual(['storage_error']);
    expect(activeCodes({ ...r, suppressed: undefined }).map((c) => c.code)).toEqual(['storage_error']);
  });
});

describe('the verdict', () => {
  const verdict = (codes: [string, number][], suppress: string[] = [], file: Partial<FileStat> = {}, more: FileStat[] = []): string =>
    finalizeReport(reportOf(codes, file, more), opts({ suppressions: suppress.map((c) => sup(c)) })).verdict;
  const failed = (path: string): FileStat => ({ ...newFileStat(path), status: 'error', message: 'EACCES' });

  it('names the most urgent level seen outside suppressions, in the singular or plural', () => {
    // Lines 1, 2, … at 10:00:01, 10:00:02, …: one 1m bucket from 10:00; every record names ann.lee@.
    expect(verdict([['storage_error', 2]])).toBe('1 ERROR code needs action: storage_error (2) began 2026-03-18 10:00:01Z and peaked in the 1m from 2026-03-18 10:00:00Z (2); 1 account');
    expect(verdict([['storage_error', 2], ['smime_error', 1], ['web_hook_moved', 1]])).toBe('2 ERROR codes need action: storage_error (2) began 2026-03-18 10:00:01Z and peaked in the 1m from 2026-03-18 10:00:00Z (2); 1 account');
    expect(verdict([['storage_error', 2], ['web_hook_removed_by_move_conflict', 1]], ['storage_error'])).toBe('No ERROR codes; 1 WARN code to review (1 suppressed)');
    expect(verdict([['web_hook_removed_by_move_conflict', 1], ['STORAGE_USER_WITH_ERROR', 1]])).toBe('No ERROR codes; 2 WARN codes to review');
    expect(verdict([['web_hook_moved', 1]])).toBe('No ERROR or WARN codes; 1 INFO code for information');
    expect(verdict([['web_hook_moved', 1], ['web_hook_deleted', 1]])).toBe('No ERROR or WARN codes; 2 INFO codes for information');
    expect(verdict([])).toBe('No catalog codes found');
    expect(verdict([['storage_error', 1], ['smime_error', 1]], ['storage_error', 'smime_error'])).toBe('No catalog codes found (2 suppressed)');
  });

  it('says how many inputs could not be read', () => {
    expect(verdict([], [], {}, [failed('b.log')])).toBe('No catalog codes found (1 input could not be read)');
    expect(verdict([['storage_error', 1]], ['storage_error'], { status: 'error' }, [failed('b.log')])).toBe('No catalog codes found (1 suppressed; 2 inputs could not be read)');
    // a binary input was not scanned: the verdict says so, never a bare all-clear
    expect(verdict([], [], { status: 'binary' })).toBe('No catalog codes found (1 binary file skipped)');
    expect(verdict([], [], {}, [failed('b.log'), { ...newFileStat('c.zip'), status: 'binary' }, { ...newFileStat('d.png'), status: 'binary' }])).toBe('No catalog codes found (1 input could not be read; 2 binary files skipped)');
  });
});

describe('provenance', () => {
  it('names the version, the catalog, every input with its size, the window and options, and whether it is complete', () => {
    const r = finalizeReport(reportOf([['storage_error', 1]], {}, [{ ...newFileStat('b.log'), bytes: 12 }]), opts({ options: { format: 'json', jobs: 2 } }));
    expect(r.provenance).toEqual({
      toolVersion: '9.9.9',
      catalog: { entries: 15, sha256: catalog.sha256 },
      inputs: [
        { path: 'b.log', bytes: 12 },
        { path: 'logs/a.log', bytes: 4000 },
      ],
      window: null,
      options: { format: 'json', jobs: 2 },
      complete: true,
      redacted: false,
    });
    expect(finalizeReport(reportOf([], { status: 'error' }), opts()).provenance!.complete).toBe(false);
    expect(finalizeReport(reportOf([], { skippedLines: 1 }), opts()).provenance!.complete).toBe(false);
    expect(finalizeReport(reportOf([], { status: 'binary' }), opts()).provenance!.complete).toBe(false);
    expect(finalizeReport(reportOf([], { malformedRecords: 3 }), opts()).provenance!.complete).toBe(true);
  });

  it('keeps the keys of the report in a fixed order, the comparison only when there is a baseline', () => {
    const r = finalizeReport(reportOf([['storage_error', 1]]), opts());
    expect(Object.keys(r)).toEqual(['schemaVersion', 'tool', 'verdict', 'provenance', 'totals', 'impact', 'timeRange', 'window', 'codes', 'unknownCodes', 'timeline', 'firstError', 'startHere', 'keyEvents', 'actions', 'suppressed', 'files']);
    const base: Baseline = { path: 'base.json', records: 100, counts: new Map() };
    const c = finalizeReport(reportOf([['storage_error', 1]]), opts({ baseline: { baseline: base, tolerance: 0.2 } }));
    expect(Object.keys(c).indexOf('comparison')).toBe(Object.keys(c).indexOf('window') + 1);
    expect(c.comparison).toEqual({ baseline: 'base.json', tolerance: 0.2, codes: [{ code: 'storage_error', status: 'new', count: 1, baselineCount: 0, ratePer10k: 100, baselineRatePer10k: 0 }] });
  });
});

describe('the gate of --fail-on-new', () => {
  const newAtOrAbove = (r: Report, level: FailOnNew): boolean => decideGate(r, { failOn: 'none', failOnNew: level }).failing.length > 0;
  const base = (counts: [string, number][]): Baseline => ({ path: 'base.json', records: 100, counts: new Map(counts.map(([c, n]) => [c, { code: c, count: n }])) });
  const judged = (codes: [string, number][], was: [string, number][], suppress: string[] = []) =>
    finalizeReport(reportOf(codes), opts({ baseline: { baseline: base(was), tolerance: 0 }, suppressions: suppress.map((c) => sup(c)) }));

  it('is true for a new or increased code at or above the level, suppressed ones aside', () => {
    const warnNew = judged([['web_hook_removed_by_move_conflict', 1], ['storage_error', 1]], [['storage_error', 1]]);
    expect(newAtOrAbove(warnNew, 'error')).toBe(false);
    expect(newAtOrAbove(warnNew, 'warn')).toBe(true);
    expect(newAtOrAbove(warnNew, 'info')).toBe(true);
    const errorUp = judged([['storage_error', 3]], [['storage_error', 1]]);
    expect(newAtOrAbove(errorUp, 'error')).toBe(true);
    expect(newAtOrAbove(judged([['storage_error', 1]], [['storage_error', 3]]), 'info')).toBe(false);
    expect(newAtOrAbove(judged([], [['storage_error', 3]]), 'info')).toBe(false);
    expect(newAtOrAbove(judged([['storage_error', 3]], [['storage_error', 1]], ['storage_error']), 'info')).toBe(false);
    expect(newAtOrAbove(finalizeReport(reportOf([['storage_error', 1]]), opts()), 'info')).toBe(false);
  });
});

describe('redaction', () => {
  it('masks log text and file names everywhere in the report, and nothing when not asked', () => {
    const r = buildReport(
      (() => {
        const t = newTally();
        t.files.set('ann.lee@example.com/a.log', { ...newFileStat('ann.lee@example.com/a.log'), status: 'error', message: 'cannot read ann.lee@example.com/a.log' });
        addHit(t, { file: 'ann.lee@example.com/a.log', line: 1, time: T, codes: new Map([['storage_error', 'storage_error for bob@example.org']]), unknown: [['code=bob@example.org', 'code=bob@example.org here']], accounts: new Set(['bob@example.org']) });
        return t;
      })(),
      { catalog, version: '1', window: null },
    );
    const plain = finalizeReport(r, opts({ suppressions: [sup('storage_error', null, 'bob@example.org asked')] }));
    expect(JSON.stringify(plain)).toContain('bob@example.org');
    const red = finalizeReport(r, opts({ redact: true, suppressions: [sup('storage_error', null, 'bob@example.org asked')] }));
    expect(red.provenance!.redacted).toBe(true);
    expect(red.codes[0]!.samples).toEqual([{ file: 'a***@example.com/a.log', line: 1, time: '2026-03-18T10:00:00.000Z', text: 'storage_error for b***@example.org' }]);
    expect(red.codes[0]!.accounts.top).toEqual([{ account: 'b***@example.org', count: 1 }]);
    expect(red.unknownCodes[0]!.code).toBe('code=b***@example.org');
    expect(red.unknownCodes[0]!.samples[0]).toEqual({ file: 'a***@example.com/a.log', line: 1, text: 'code=b***@example.org here' });
    // Suppressed, storage_error is no earliest ERROR; without the suppression it is, its file masked.
    expect(red.firstError).toBeNull();
    expect(finalizeReport(r, opts({ redact: true })).firstError).toEqual({ code: 'storage_error', time: '2026-03-18T10:00:00.000Z', file: 'a***@example.com/a.log', line: 1 });
    expect(red.codes[0]!.first).toEqual({ time: '2026-03-18T10:00:00.000Z', file: 'a***@example.com/a.log', line: 1 });
    expect(finalizeReport(r, opts({ redact: true })).startHere).toEqual({ code: 'storage_error', time: '2026-03-18T10:00:00.000Z', file: 'a***@example.com/a.log', line: 1 });
    expect(red.files[0]!.path).toBe('a***@example.com/a.log');
    expect(red.files[0]!.message).toBe('cannot read a***@example.com/a.log');
    expect(red.suppressed![0]!.reason).toBe('b***@example.org asked');
    expect(red.provenance!.inputs).toEqual([{ path: 'a***@example.com/a.log', bytes: 0 }]);
    expect(JSON.stringify(red)).not.toMatch(/ann\.lee|bob@/);
    expect('message' in finalizeReport(reportOf([]), opts({ redact: true })).files[0]!).toBe(false);
  });
});
