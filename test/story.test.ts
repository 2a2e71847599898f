/**
 * Pointing the on-call at the right place (issue 12, point 4): where the incident began, the verdict, the key
 * events and an action plan without "no action required" to-dos. One small incident written by hand:
 *
 *   a.log:1  09:00:30  storage_error                 ann@x.io   (an early blip)
 *   a.log:2  09:05:10  web_hook_moved                            (INFO)
 *   a.log:3  09:20:00  smime_error                               (the incident begins)
 *   a.log:4  09:21:15  storage_credential_no_access  bob@x.io
 *   a.log:5  09:22:40  storage_error                 bob@x.io
 *   a.log:6  09:22:50  storage_error                 cy@x.io
 *   a.log:7  09:23:05  storage_error
 *   a.log:8  09:24:10  task_finished_without_error               (INFO, "No action required")
 *
 * 09:00:30 → 09:24:10 is 25 one-minute buckets (≤ 48): the timeline is at 1m. ERROR per bucket: 09:00 1,
 * 09:20 1, 09:21 1, 09:22 2, 09:23 1; the peak is 09:22, and its unbroken run of ERROR buckets starts at 09:20
 * (09:19 has none).
 */
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../src/catalog/catalog.js';
import { renderHtml } from '../src/render/html.js';
import { renderMarkdown } from '../src/render/markdown.js';
import type { Baseline } from '../src/summary/baseline.js';
import { finalizeReport, type FinalizeOptions } from '../src/summary/finalize.js';
import { buildReport, type Report } from '../src/summary/report.js';
import { addHit, newFileStat, newTally } from '../src/summary/tally.js';

const catalog = buildCatalog([], true);
const at = (hms: string): number => Date.parse(`2026-04-07T${hms}Z`);
const ROWS: [string, string, string[]][] = [
  ['09:00:30', 'storage_error', ['ann@x.io']],
  ['09:05:10', 'web_hook_moved', []],
  ['09:20:00', 'smime_error', []],
  ['09:21:15', 'storage_credential_no_access', ['bob@x.io']],
  ['09:22:40', 'storage_error', ['bob@x.io']],
  ['09:22:50', 'storage_error', ['cy@x.io']],
  ['09:23:05', 'storage_error', []],
  ['09:24:10', 'task_finished_without_error', []],
];

function incident(): Report {
  const t = newTally();
  t.files.set('a.log', { ...newFileStat('a.log'), records: 100 });
  ROWS.forEach(([hms, code, accounts], i) =>
    addHit(t, { file: 'a.log', line: i + 1, time: at(hms), codes: new Map([[code, `${hms} ${code}`]]), unknown: [], accounts: new Set(accounts) }),
  );
  return buildReport(t, { catalog, version: '1.0.0', window: null });
}

const opts = (patch: Partial<FinalizeOptions> = {}): FinalizeOptions => ({ catalog, options: {}, now: at('12:00:00'), redact: false, ...patch });
const baseline = (counts: [string, number][]): Baseline => ({ path: 'base.json', records: 100, counts: new Map(counts.map(([c, n]) => [c, { code: c, count: n }])) });
const iso = (hms: string): string => `2026-04-07T${hms}.000Z`;

describe('Start here: the onset of the incident', () => {
  it('is the first ERROR of the first bucket of the run that holds the ERROR peak, not the earliest ERROR', () => {
    const r = finalizeReport(incident(), opts());
    expect(r.startHere).toEqual({ code: 'smime_error', time: iso('09:20:00'), file: 'a.log', line: 3 });
    expect(r.firstError).toEqual({ code: 'storage_error', time: iso('09:00:30'), file: 'a.log', line: 1 });
    // the report before it is finalized says the same
    expect(incident().startHere).toEqual(r.startHere);
  });

  it('never starts at a suppressed code', () => {
    // Without smime_error, ERROR per bucket: 09:00 1, 09:21 1, 09:22 2, 09:23 1: the run starts at 09:21.
    const r = finalizeReport(incident(), opts({ suppressions: [{ code: 'smime_error', reason: 'known', expires: null }] }));
    expect(r.startHere).toEqual({ code: 'storage_credential_no_access', time: iso('09:21:15'), file: 'a.log', line: 4 });
  });

  it('with a baseline, starts only at a new or increased ERROR code', () => {
    // storage_error 4 and storage_credential_no_access 1 in 100 records, as in the baseline: unchanged;
    // smime_error is new. Its only bucket, 09:20, is its peak and its run.
    const r = finalizeReport(incident(), opts({ baseline: { baseline: baseline([['storage_error', 4], ['storage_credential_no_access', 1]]), tolerance: 0.2 } }));
    expect(r.startHere).toEqual({ code: 'smime_error', time: iso('09:20:00'), file: 'a.log', line: 3 });
    const unchanged = finalizeReport(incident(), opts({ baseline: { baseline: baseline([['storage_error', 4], ['storage_credential_no_access', 1], ['smime_error', 1]]), tolerance: 0.2 } }));
    expect(unchanged.startHere).toBeNull();
  });

  it('is rendered first in the markdown, with the earliest ERROR on its own line when it differs', () => {
    const md = renderMarkdown(finalizeReport(incident(), opts()));
    const section = md.slice(md.indexOf('## Start here'), md.indexOf('## Key events'));
    expect(section.trim().split('\n').filter((l) => l !== '')).toEqual([
      '## Start here',
      'The incident began with `smime_error` at 2026-04-07 09:20:00Z, in `a.log:3`: the first ERROR code new in the run of ERROR buckets that holds the ERROR peak.',
      'The earliest ERROR seen is `storage_error` at 2026-04-07 09:00:30Z, in `a.log:1`.',
    ]);
  });
});

describe('the verdict names what happened', () => {
  it('the top ERROR code, when it began and peaked, and how many accounts', () => {
    // storage_error (4): first 09:00:30, most in the 1m from 09:22 (2), accounts ann, bob, cy.
    expect(finalizeReport(incident(), opts()).verdict).toBe(
      '3 ERROR codes need action: storage_error (4) began 2026-04-07 09:00:30Z and peaked in the 1m from 2026-04-07 09:22:00Z (2); 3 accounts',
    );
  });

  it('with a baseline, how many ERROR codes are new, and unchanged ones are not called "need action" again', () => {
    const r = finalizeReport(incident(), opts({ baseline: { baseline: baseline([['storage_error', 4], ['storage_credential_no_access', 1]]), tolerance: 0.2 } }));
    expect(r.verdict).toBe('1 new ERROR code since the baseline: smime_error (1) began 2026-04-07 09:20:00Z and peaked in the 1m from 2026-04-07 09:20:00Z (1); no account named');
    const unchanged = finalizeReport(incident(), opts({ baseline: { baseline: baseline([['storage_error', 4], ['storage_credential_no_access', 1], ['smime_error', 1]]), tolerance: 0.2 } }));
    expect(unchanged.verdict).toBe('No new or increased ERROR codes since the baseline; 3 ERROR codes as before');
    // storage_error 1 in the baseline's 100 records, 4 now: increased; the others as before.
    const up = finalizeReport(incident(), opts({ baseline: { baseline: baseline([['storage_error', 1], ['storage_credential_no_access', 1], ['smime_error', 1]]), tolerance: 0.2 } }));
    expect(up.verdict).toMatch(/^1 ERROR code increased since the baseline: storage_error \(4\) began /);
  });
});

describe('key events', () => {
  const expected = [
    { time: iso('09:00:30'), kind: 'first-seen', code: 'storage_error', level: 'ERROR' },
    { time: iso('09:05:10'), kind: 'first-seen', code: 'web_hook_moved', level: 'INFO' },
    { time: iso('09:20:00'), kind: 'first-seen', code: 'smime_error', level: 'ERROR' },
    { time: iso('09:21:15'), kind: 'first-seen', code: 'storage_credential_no_access', level: 'ERROR' },
    { time: iso('09:22:00'), kind: 'peak', ERROR: 2, WARN: 0, INFO: 0 },
    { time: iso('09:23:05'), kind: 'last-error', code: 'storage_error' },
    { time: iso('09:24:10'), kind: 'first-seen', code: 'task_finished_without_error', level: 'INFO' },
  ];

  it('are in the JSON report in time order: each code first seen, the peak, the last ERROR', () => {
    expect(finalizeReport(incident(), opts()).keyEvents).toEqual(expected);
  });

  it('are in the markdown', () => {
    const md = renderMarkdown(finalizeReport(incident(), opts()));
    const section = md.slice(md.indexOf('## Key events'), md.indexOf('\n## ', md.indexOf('## Key events') + 1));
    expect(section.trim().split('\n')).toEqual([
      '## Key events',
      '',
      '| Time (UTC, 2026-04-07) | Event |',
      '| --- | --- |',
      '| 09:00:30 | 🔴 first `storage_error` |',
      '| 09:05:10 | 🔵 first `web_hook_moved` |',
      '| 09:20:00 | 🔴 first `smime_error` |',
      '| 09:21:15 | 🔴 first `storage_credential_no_access` |',
      '| 09:22:00 | Peak: 2 occurrences in the 1m from here (2 ERROR, 0 WARN, 0 INFO) |',
      '| 09:23:05 | 🔴 last ERROR, `storage_error` |',
      '| 09:24:10 | 🔵 first `task_finished_without_error` |',
    ]);
  });

  it('the HTML report shows the same list, taken from the report', () => {
    const r = finalizeReport(incident(), opts());
    const rows = (x: Report): string[] =>
      [.../<section id="events">[\s\S]*?<\/section>/.exec(renderHtml(x))![0].matchAll(/<tr><td>([0-9:.]+)<\/td><td>(.*?)<\/td><\/tr>/g)].map((m) => `${m[1]} ${m[2]!.replace(/<[^>]*>/g, '').trim()}`);
    expect(rows(r)).toEqual([
      '09:00:30 ERROR: first storage_error',
      '09:05:10 INFO: first web_hook_moved',
      '09:20:00 ERROR: first smime_error',
      '09:21:15 ERROR: first storage_credential_no_access',
      '09:22:00 Peak: 2 occurrences in the 1m from here (2 ERROR, 0 WARN, 0 INFO)',
      '09:23:05 ERROR: last ERROR, storage_error',
      '09:24:10 INFO: first task_finished_without_error',
    ]);
    // Given fewer events, it shows only those: the list is the report's, not recomputed.
    expect(rows({ ...r, keyEvents: [expected[2] as Report['keyEvents'][number]] })).toEqual(['09:20 ERROR: first smime_error']);
  });
});

describe('the action plan', () => {
  it('has no to-do for an INFO code whose action is "No action required"', () => {
    // by level, then count, then action text: storage_error 4; "Check certificates…" (smime_error) before
    // "Reconnect/re-authorize…" (storage_credential_no_access); web_hook_moved's "No urgent action; keep as
    // audit signal…" is still a check. task_finished_without_error is left out.
    expect(incident().actions.map((a) => [a.level, a.codes, a.count])).toEqual([
      ['ERROR', ['storage_error'], 4],
      ['ERROR', ['smime_error'], 1],
      ['ERROR', ['storage_credential_no_access'], 1],
      ['INFO', ['web_hook_moved'], 1],
    ]);
  });
});
