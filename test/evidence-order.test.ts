/**
 * Evidence in time order (issue 12, point 4): a code's samples are its first occurrence, the first in its
 * busiest timeline bucket and its last (by time, then file, then line; untimed records after timed ones),
 * chosen among its evidence candidates — each file's first three occurrences, all the fast paths decode.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCatalog } from '../src/catalog/catalog.js';
import { buildReport } from '../src/summary/report.js';
import { SAMPLE_BUCKETS, addEvidence, evidenceList, mergeEvidence, newEvidence, type Evidence, type TimedSample } from '../src/summary/samples.js';
import { addHit, newFileStat, newTally } from '../src/summary/tally.js';
import { scanJson, tempDir } from './support/postmortem-cli.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts; src/scan.ts is mocked
// by the setup file of the project these tests run in, test/support/oracle-mock.ts).

const temp = tempDir();
afterAll(() => temp.remove());

// Rotated logs: app.log.1 is the older file, app.log the newer; by name app.log comes first.
const OLDER = [
  '2026-04-07T09:00:00Z ERROR storage_error first blip',
  '2026-04-07T09:40:10Z ERROR storage_error burst one',
  '2026-04-07T09:40:20Z ERROR storage_error burst two',
  '2026-04-07T09:40:30Z ERROR storage_error burst three',
];
const NEWER = ['2026-04-07T10:00:00Z ERROR storage_error after rotation', '2026-04-07T10:30:00Z ERROR storage_error last one'];

describe('evidence in time order through the CLI: the engine, the oracle, worker threads', () => {
  const dir = path.join(temp.dir, 'rotated');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'app.log.1'), OLDER.join('\n') + '\n');
  writeFileSync(path.join(dir, 'app.log'), NEWER.join('\n') + '\n');

  it.each([
    [[], 'engine'],
    [[], 'oracle'],
    [['--jobs', '2'], 'engine'],
  ] as const)('rotated logs %j %s: the first occurrence, the first of the busiest bucket, the last', async (flags, engine) => {
    const { report } = await scanJson(['.', ...flags], { cwd: dir, engine });
    // 09:00 → 10:30 is 19 buckets of 5m. Per bucket: 09:00 1, 09:40 3, 10:00 1, 10:30 1: the busiest is 09:40.
    // Candidates: app.log.1 lines 1–3 (its first three), app.log lines 1–2.
    expect(report.codes[0]!.samples).toEqual([
      { file: 'app.log.1', line: 1, time: '2026-04-07T09:00:00.000Z', text: OLDER[0] },
      { file: 'app.log.1', line: 2, time: '2026-04-07T09:40:10.000Z', text: OLDER[1] },
      { file: 'app.log', line: 2, time: '2026-04-07T10:30:00.000Z', text: NEWER[1] },
    ]);
  });
});

describe('evidence order in the report', () => {
  const catalog = buildCatalog([], true);
  const T = Date.UTC(2026, 3, 7, 9, 0);

  it('puts records without a time after timed ones', () => {
    const t = newTally();
    t.files.set('x.log', newFileStat('x.log'));
    // x.log:1 has no time; x.log:2 at 09:00, x.log:3 at 09:01: two 1m buckets of one each, the earlier is the
    // peak. First and busiest x.log:2, last the untimed x.log:1; x.log:3 tops the three up.
    for (const [line, time] of [[1, null], [2, T], [3, T + 60_000]] as const) {
      addHit(t, { file: 'x.log', line, time, codes: new Map([['storage_error', `line ${line}`]]), unknown: [], accounts: new Set() });
    }
    const r = buildReport(t, { catalog, version: '1', window: null });
    expect(r.codes[0]!.samples.map((s) => [s.line, s.time])).toEqual([
      [2, '2026-04-07T09:00:00.000Z'],
      [3, '2026-04-07T09:01:00.000Z'],
      [1, null],
    ]);
  });
});

describe('evidence candidates merge by the new order', () => {
  const sample = fc.record({
    file: fc.constantFrom('a.log', 'b.log', 'c.log'),
    line: fc.integer({ min: 1, max: 40 }),
    time: fc.option(fc.integer({ min: 0, max: 400 }).map((k) => Date.UTC(2026, 3, 7) + k * 47_000), { nil: null }),
  });
  // One record, one time: a place has one time and one text.
  const distinct = (xs: { file: string; line: number; time: number | null }[]): TimedSample[] => {
    const byPlace = new Map<string, TimedSample>();
    for (const x of xs) byPlace.set(`${x.file}:${x.line}`, { ...x, time: byPlace.get(`${x.file}:${x.line}`)?.time ?? x.time, text: `${x.file}:${x.line}` });
    return [...byPlace.values()];
  };
  const of = (xs: readonly TimedSample[]): Evidence => {
    const e = newEvidence();
    for (const x of xs) addEvidence(e, x);
    return e;
  };
  const merged = (...parts: Evidence[]): TimedSample[] => {
    const e = newEvidence();
    for (const p of parts) mergeEvidence(e, p);
    return evidenceList(e);
  };

  it('is pure, associative and commutative: any grouping and order gives what one pass gives', () => {
    fc.assert(
      fc.property(fc.array(sample, { maxLength: 120 }), fc.array(fc.nat(2), { maxLength: 120 }), (raw, groups) => {
        const all = distinct(raw);
        const parts: TimedSample[][] = [[], [], []];
        all.forEach((x, i) => parts[groups[i] ?? 0]!.push(x));
        const [a, b, c] = parts.map(of) as [Evidence, Evidence, Evidence];
        const whole = evidenceList(of(all));
        const before = JSON.stringify([evidenceList(a), evidenceList(b), evidenceList(c)]);
        expect(merged(a, b, c)).toEqual(whole);
        expect(merged(c, b, a)).toEqual(whole);
        const ab = newEvidence();
        mergeEvidence(ab, a);
        mergeEvidence(ab, b);
        const bc = newEvidence();
        mergeEvidence(bc, b);
        mergeEvidence(bc, c);
        expect(merged(ab, c)).toEqual(merged(a, bc));
        // the parts are left as they were
        expect(JSON.stringify([evidenceList(a), evidenceList(b), evidenceList(c)])).toBe(before);
      }),
      { numRuns: 300, seed: 12 },
    );
  });

  it('keeps a bounded number of candidates, however many are offered', () => {
    const e = newEvidence();
    // 20,000 candidates one hour apart: 2.3 years of hourly buckets, far more than SAMPLE_BUCKETS
    for (let i = 0; i < 20_000; i++) addEvidence(e, { file: 'a.log', line: i + 1, time: Date.UTC(2026, 0, 1) + i * 3_600_000, text: 'x' });
    const kept = evidenceList(e);
    expect(kept.length).toBeLessThanOrEqual(SAMPLE_BUCKETS + 2);
    expect(kept[0]!.line).toBe(1);
    expect(kept[kept.length - 1]!.line).toBe(20_000);
  });
});
