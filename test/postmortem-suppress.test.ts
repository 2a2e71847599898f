/**
 * Postmortem capability: suppressions of known noise. Every expected value below was counted by hand from the
 * fixture text (line numbers cited in the comments) and the rules of the capability, never copied from mxscan's
 * output.
 *
 * Logs live under fixtures/postmortem/<scenario>/; baselines, suppression files and catalogs under test/data/
 * (fixtures/ is scanned whole by `npm start`); the paths several files share are in test/support/postmortem-
 * paths.ts.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { order, run, scanJson, scanMarkdown, section, tempDir } from './support/postmortem-cli.js';
import { PM, DATA } from './support/postmortem-paths.js';

const temp = tempDir();
afterAll(() => temp.remove());

// ---------------------------------------------------------------------------------------------------
// 8. Suppressions
//
// suppress/nightly-sync.log: connection_error_max_retry 3 (2, 3, 6), smime_error 1 (5),
// STORAGE_USER_WITH_ERROR 2 (4, 7), task_finished_without_error 1 (8).
// suppress-mixed.json: connection_error_max_retry until 2999-12-31 (active), smime_error until 2001-09-09
// (expired), task_finished_with_error until 2999-12-31 (active, never seen).
// ---------------------------------------------------------------------------------------------------
const NIGHTLY = `${PM}/suppress/nightly-sync.log`;
const byCode = <T extends { code: string }>(xs: readonly T[]): T[] => [...xs].sort((a, b) => (a.code < b.code ? -1 : 1));

describe('suppressions: known noise kept out of the verdict and the exit code', () => {
  it('lists each suppression with its state and count, and still counts the suppressed code', async () => {
    const { code, report } = await scanJson([NIGHTLY, '--suppress', `${DATA}/suppress-mixed.json`]);
    expect(code).toBe(0);
    expect(byCode(report.suppressed!)).toEqual([
      { code: 'connection_error_max_retry', reason: 'IMAP maintenance window every night 02:00-02:15 UTC (CHG-4410)', expires: '2999-12-31', expired: false, count: 3, inCatalog: true },
      { code: 'smime_error', reason: 'Old CA rotation, ticket SEC-118', expires: '2001-09-09', expired: true, count: 1, inCatalog: true },
      { code: 'task_finished_with_error', reason: 'Known flaky rule during the Box migration (MIG-77)', expires: '2999-12-31', expired: false, count: 0, inCatalog: true },
    ]);
    expect(order(report)).toEqual([
      ['connection_error_max_retry', 3],
      ['smime_error', 1],
      ['STORAGE_USER_WITH_ERROR', 2],
      ['task_finished_without_error', 1],
    ]);
    // the verdict counts the expired smime_error only; "suppressed" counts the one active suppression of a
    // code seen (connection_error_max_retry), not task_finished_with_error, which never appeared
    // smime_error: line 5 at 02:04:51, one account (dana.kim@); 02:00 → 02:10 gives 1m buckets
    expect(report.verdict).toBe('1 ERROR code needs action: smime_error (1) began 2026-03-18 02:04:51Z and peaked in the 1m from 2026-03-18 02:04:00Z (1); 1 account (1 suppressed)');
    // The action plan: connection_error_max_retry (3, ERROR) would lead it; under an active suppression it
    // comes last, said so; smime_error's (expired) counts again and leads.
    expect(report.actions[0]!.codes).toEqual(['smime_error']);
    expect(report.actions.at(-1)).toMatchObject({ codes: ['connection_error_max_retry'], suppressed: true });
    expect(report.actions.filter((a) => a.suppressed === true)).toHaveLength(1);
    // Nor is it the earliest ERROR seen (line 2, 02:00:1x) or the last (line 6): smime_error, line 5, is both.
    expect(report.firstError).toMatchObject({ code: 'smime_error', line: 5 });
    expect(report.keyEvents.find((e) => e.kind === 'last-error')).toMatchObject({ code: 'smime_error' });
  });

  it('takes the key events\' peak from the codes that count: a suppressed burst is no peak of the incident\'s', async () => {
    // connection_error_max_retry (suppressed) 30 times at 03:00; storage_error 5 times at 11:00.
    const burst = Array.from({ length: 30 }, (_, i) => `2026-03-18T03:${String(i).padStart(2, '0')}:00Z ERROR connection_error_max_retry`);
    const real = Array.from({ length: 5 }, (_, i) => `2026-03-18T11:0${i}:00Z ERROR storage_error for u${i}@contoso.com`);
    const log = path.join(temp.dir, 'suppressed-burst.log');
    writeFileSync(log, [...burst, ...real].join('\n') + '\n');
    const sup = path.join(temp.dir, 'suppress-burst.json');
    writeFileSync(sup, JSON.stringify([{ code: 'connection_error_max_retry', reason: 'known throttling', expires: '2999-12-31' }]));
    const { report } = await scanJson([log, '--suppress', sup]);
    expect(report.keyEvents.find((e) => e.kind === 'peak')).toMatchObject({ time: '2026-03-18T11:00:00.000Z', ERROR: 5 });
    expect(report.startHere).toMatchObject({ code: 'storage_error', time: '2026-03-18T11:00:00.000Z' });
  });

  it('counts an expired suppression again for --fail-on, an active one not', async () => {
    // smime_error's suppression expired in 2001: it fails the run
    expect((await scanJson([NIGHTLY, '--suppress', `${DATA}/suppress-mixed.json`, '--fail-on', 'error'])).code).toBe(1);
    // both ERROR codes under an active suppression: nothing at ERROR; STORAGE_USER_WITH_ERROR is WARN
    const both = await scanJson([NIGHTLY, '--suppress', `${DATA}/suppress-errors.json`, '--fail-on', 'error']);
    expect(both.code).toBe(0);
    expect(both.report.verdict).toMatch(/^No ERROR codes; 1 WARN code to review/);
    expect((await scanJson([NIGHTLY, '--suppress', `${DATA}/suppress-errors.json`, '--fail-on', 'warn'])).code).toBe(1);
    expect((await scanJson([NIGHTLY, '--fail-on', 'error'])).code).toBe(1);
  });

  it('applies a date through the end of that day, UTC', async () => {
    const day = (offset: number): string => new Date(Date.now() + offset * 864e5).toISOString().slice(0, 10);
    const file = path.join(temp.dir, 'suppress-today.json');
    writeFileSync(
      file,
      JSON.stringify([
        { code: 'connection_error_max_retry', reason: 'maintenance ends today', expires: day(0) },
        { code: 'smime_error', reason: 'ended yesterday', expires: day(-1) },
      ]),
    );
    const { report } = await scanJson([NIGHTLY, '--suppress', file]);
    expect(byCode(report.suppressed!).map((s) => [s.code, s.expired])).toEqual([
      ['connection_error_max_retry', false],
      ['smime_error', true],
    ]);
  });

  it('shows a "Suppressed" section and keeps active suppressions out of the verdict line', async () => {
    const { out } = await scanMarkdown([NIGHTLY, '--suppress', `${DATA}/suppress-errors.json`]);
    const s = section(out, 'Suppressed');
    expect(s).toContain('`connection_error_max_retry`');
    expect(s).toContain('CHG-4410');
    expect(s).toContain('`smime_error`');
    const verdict = out.split('\n').find((l) => l.startsWith('**'))!;
    expect(verdict).toContain('No ERROR codes');
  });

  it('does not count an active suppression of a code never seen as suppressed, and lists it as unused', async () => {
    const file = path.join(temp.dir, 'suppress-unseen.json');
    writeFileSync(file, JSON.stringify([{ code: 'task_finished_with_error', reason: 'Box migration (MIG-77)', expires: null }]));
    const { report } = await scanJson([NIGHTLY, '--suppress', file]);
    // connection_error_max_retry and smime_error, nothing suppressed
    // connection_error_max_retry (3): lines 2, 3, 6 at 02:00:12, 02:01:40, 02:06:30, one per 1m bucket (the
    // earliest is the peak on a tie), no address on its lines
    expect(report.verdict).toBe(
      '2 ERROR codes need action: connection_error_max_retry (3) began 2026-03-18 02:00:12Z and peaked in the 1m from 2026-03-18 02:00:00Z (1); no account named',
    );
    expect(report.suppressed).toEqual([{ code: 'task_finished_with_error', reason: 'Box migration (MIG-77)', expires: null, expired: false, count: 0, inCatalog: true }]);
    const md = (await scanMarkdown([NIGHTLY, '--suppress', `${DATA}/suppress-mixed.json`])).out;
    expect(md.split('\n').find((l) => l.startsWith('**'))).toMatch(/^\*\*1 ERROR code needs action: .*smime.*\(1 suppressed\)\.\*\*/);
    const rows = section(md, 'Suppressed').split('\n').filter((l) => l.startsWith('| `'));
    expect(rows.find((l) => l.includes('`connection_error_max_retry`'))).toMatch(/\| active \|$/);
    expect(rows.find((l) => l.includes('`smime_error`'))).toMatch(/\| \*\*expired\*\*: counts again \|$/);
    expect(rows.find((l) => l.includes('`task_finished_with_error`'))).toMatch(/\| unused: not seen in this scan \|$/);
  });

  it('refuses a suppression without a reason: exit 2, one line naming the file and the entry', async () => {
    for (const [file, entry] of [
      [`${DATA}/suppress-missing-reason.json`, 'entry 1'],
      [`${DATA}/suppress-empty-reason.json`, 'entry 0'],
    ] as const) {
      const r = await run(['scan', NIGHTLY, '--suppress', file, '--format', 'json']);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.trimEnd().split('\n')).toHaveLength(1);
      expect(r.err).toContain(file);
      expect(r.err).toContain(entry);
    }
  });
});
