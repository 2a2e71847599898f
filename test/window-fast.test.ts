/**
 * The time window on the byte-level fast paths. Expected values are counted by hand from WINDOW_LOG
 * (line numbers in the comments); the larger logs are compared with the reference path (the split2
 * readers and FileScan), which decides each record alone.
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCatalog, buildReport, scan, type Report } from '../src/index.js';
import { tempDir } from './support/cli.js';
import { defaultMatcher, expectSameTally, fastJsonl, fastTally, referenceJsonl, referenceTally } from './support/engines.js';
import { runMain } from './support/main.js';
import { planUnits } from '../src/parallel/plan.js';
import { evenRanges } from './support/ranges.js';
import { fastPathApplies, fileSettings, scanUnit } from '../src/scan.js';
import * as lib from '../src/scan.js';
import { oracleScanFile } from './oracle/scan.js';
import type { Engine } from './oracle/switch.js';
import { joinRanges } from '../src/summary/ranges.js';
import { newTally } from '../src/summary/tally.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts; src/scan.ts is mocked
// by the setup file of the project these tests run in, test/support/oracle-mock.ts).

/** The hand-counted log (its line numbers are cited below). */
const WINDOW_LOG = [
  'boot without a time: storage_error',
  '2026-03-18T07:59:59Z smime_error a second before the window',
  'continued: web_hook_moved',
  '2026-03-18T08:00:00Z storage_error at the first instant of the window',
  'then execution_failed for a@x.com',
  '2026-03-18T09:30:00+02:00 smime_error at 07:30Z, before the window again',
  'still smime_error',
  '2026-03-18T10:15:00Z storage_error twice: storage_error',
  '2026-03-18T12:00:00Z storage_error at the end of the window, not in it',
  '2026-03-18T11:59:59.999Z code=quota_exceeded_hard',
  'no time of its own: STORAGE_ERROR again',
  '2026-03-19T00:00:00Z web_hook_moved the next day',
].join('\n') + '\n';

const SINCE = Date.UTC(2026, 2, 18, 8);
const UNTIL = Date.UTC(2026, 2, 18, 12);
const WINDOW = ['--since', '2026-03-18T08:00Z', '--until', '2026-03-18T12:00Z'];

async function cli(args: string[], cwd: string, engine: Engine = 'engine'): Promise<Report> {
  const r = await runMain(['scan', ...args, '--format', 'json', '--quiet'], { cwd, engine });
  expect(r.err).toBe('');
  return JSON.parse(r.out) as Report;
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const counts = (r: Report): Record<string, number> => Object.fromEntries(r.codes.map((c) => [c.code, c.count]));

describe('a log with the window 08:00 ≤ t < 12:00 (2026-03-18, UTC)', () => {
  // Inside: lines 4 (08:00:00, the first instant), 5 (inherits 08:00), 8 (10:15), 10 (11:59:59.999) and
  // 11 (inherits it). Outside: 1 (no time yet), 2 (07:59:59), 3 (inherits it), 6 (09:30+02:00 = 07:30Z),
  // 7 (inherits it), 9 (12:00:00, the end is not in it), 12 (the next day).
  // Codes inside: storage_error on 4, 8 (twice: once) and 11; execution_failed on 5; the unknown
  // quota_exceeded_hard on 10. smime_error (2, 6, 7) and web_hook_moved (3, 12) are all outside.
  // Records (a line without a time joins the one before it, but line 1: no time yet): 1, 2-3, 4-5, 6-7, 8, 9,
  // 10-11, 12 — 8, of them 5 outside (1, 2-3, 6-7, 9, 12).
  const expectFixture = (r: Report): void => {
    expect(counts(r)).toEqual({ storage_error: 3, execution_failed: 1 });
    expect(r.unknownCodes.map((u) => [u.code, u.count])).toEqual([['quota_exceeded_hard', 1]]);
    expect(r.totals.records).toBe(8);
    expect(r.totals.outsideWindow).toBe(5);
    const storage = r.codes.find((c) => c.code === 'storage_error')!;
    expect([storage.firstSeen, storage.lastSeen]).toEqual(['2026-03-18T08:00:00.000Z', '2026-03-18T11:59:59.999Z']);
    expect(storage.samples.map((s) => s.line)).toEqual([4, 8, 11]);
    expect(r.codes.find((c) => c.code === 'execution_failed')!.samples.map((s) => s.line)).toEqual([5]);
  };

  const dir = tempDir('window');
  dirs.push(dir);
  writeFileSync(path.join(dir, 'window.log'), WINDOW_LOG);

  it('counts by hand through the command line, on the engine and the oracle alike', async () => {
    const fast = await cli(['window.log', '--jobs', '1', ...WINDOW], dir);
    expectFixture(fast);
    const reference = await cli(['window.log', '--jobs', '1', ...WINDOW], dir, 'oracle');
    expectFixture(reference);
    expect(fast).toEqual(reference);
  });

  it('counts by hand through the library', async () => {
    const catalog = buildCatalog([], true);
    const { tally } = await scan({ inputs: ['window.log'], cwd: dir, catalog, window: { since: SINCE, until: UNTIL }, jobs: 1 });
    const r = buildReport(tally, { catalog, version: 'test', window: { since: SINCE, until: UNTIL } });
    expectFixture(JSON.parse(JSON.stringify(r)) as Report);
  });
});

describe('plain text longer than --max-line-length with a window', () => {
  it('is scanned at any line length: its codes count and it is inside the window by its own time', async () => {
    const dir = tempDir('window-long');
    dirs.push(dir);
    // Line 1: 3,000 bytes, its time at the start, storage_error at the end; line 2 inherits its time.
    const long = '2026-03-18T09:00:00Z ' + 'x'.repeat(3_000) + ' storage_error';
    writeFileSync(path.join(dir, 'a.log'), `${long}\nthen smime_error\n2026-03-18T13:00:00Z web_hook_moved\n`);
    const r = await cli(['a.log', '--max-line-length', '1K', '--jobs', '1', ...WINDOW], dir);
    expect(counts(r)).toEqual({ storage_error: 1, smime_error: 1 });
    // Records: 1-2 (line 2 has no time of its own), 3.
    expect(r.totals.records).toBe(2);
    expect(r.totals.skippedLines).toBe(0);
    // Only line 3 (13:00) is outside.
    expect(r.totals.outsideWindow).toBe(1);
  });
});

describe('a line with more findings than one kernel call gives, with a window', () => {
  it('is read alone, inside the window by its own time', () => {
    // Line 1 (09:00, inside) holds 150,000 unknown values (more than the kernel's output holds) and a code;
    // line 2 (13:00) and line 3 (no time of its own: in line 2's record) are outside; line 4 (10:00) is inside.
    // 3 records, 1 outside.
    const text = [
      '2026-03-18T09:00:00Z ' + 'code=ab_cd '.repeat(150_000) + 'storage_error',
      '2026-03-18T13:00:00Z code=zz_top',
      'then smime_error',
      '2026-03-18T10:00:00Z web_hook_moved',
    ].join('\n') + '\n';
    for (const sizes of [[text.length], [65_536]]) {
      const buf = Buffer.from(text);
      const chunks = sizes[0] === buf.length ? [buf] : Array.from({ length: Math.ceil(buf.length / sizes[0]!) }, (_, i) => buf.subarray(i * sizes[0]!, (i + 1) * sizes[0]!));
      const t = fastTally(chunks, defaultMatcher(), 'a.log', undefined, false, { since: SINCE, until: UNTIL });
      expect(Object.fromEntries([...t.codes].filter(([, c]) => c.count > 0).map(([k, c]) => [k, c.count]))).toEqual({ storage_error: 1, web_hook_moved: 1 });
      expect([...t.unknown.values()].map((u) => [u.code, u.count])).toEqual([['ab_cd', 1]]);
      expect([t.files.get('a.log')!.records, t.files.get('a.log')!.outsideWindow]).toEqual([3, 1]);
    }
  });
});

describe('logs with more timed lines than one kernel call gives', () => {
  const m = defaultMatcher();
  // 20,000 lines in one piece (more timed lines than one kernel call gives: 16,384), most with a time,
  // every 7th without one, every 11th going back an hour; codes on every 3rd line.
  const lines: string[] = [];
  for (let i = 0; i < 20_000; i++) {
    const t = new Date(Date.UTC(2026, 2, 18, 7, 0, 0) + i * 500 - (i % 11 === 0 ? 3_600_000 : 0)).toISOString();
    const code = i % 3 === 0 ? ['storage_error', 'smime_error', 'code=quota_hard'][i % 9 === 0 ? 0 : i % 2 === 0 ? 1 : 2] : 'ok';
    lines.push(`${i % 7 === 0 ? 'no time' : t} ${code} for u${i % 13}@x.com`);
  }
  const text = Buffer.from(lines.join('\n') + '\n');
  const json = Buffer.from(lines.map((l, i) => JSON.stringify(i % 5 === 0 ? { msg: l } : { time: l.slice(0, 24), msg: l.slice(25) })).join('\n') + '\n');
  const windows = [
    { since: Date.UTC(2026, 2, 18, 7, 30), until: Date.UTC(2026, 2, 18, 10) },
    { since: Date.UTC(2026, 2, 18, 5), until: null },
  ];

  it('plain text: the same tally as the reference', async () => {
    for (const w of windows) {
      const reference = await referenceTally([text], m, 'a.log', undefined, false, w);
      expectSameTally(fastTally([text], m, 'a.log', undefined, false, w), reference, m);
      expect(reference.files.get('a.log')!.outsideWindow).toBeGreaterThan(0);
    }
  });

  it('JSON lines: the same tally as the reference', async () => {
    for (const w of windows) {
      const reference = await referenceJsonl([json], m, 'a.jsonl', undefined, undefined, w);
      expectSameTally(fastJsonl([json], m, 'a.jsonl', undefined, undefined, w), reference, m);
    }
  });
});

describe('a JSON-lines call that stops early, with a window', () => {
  it('takes in what it noted before its next call (lines only the caller can time at the window\'s edge)', async () => {
    // 20,000 lines a second apart; a call stops after 16,384 noted times. Lines 16,370 to 16,399 hold a
    // `message` starting with a blank (the caller times them); the window starts at line 16,375's time.
    // By hand: lines 0 to 16,374 are outside (16,375), storage_error on lines 17,000, 18,000, 19,000.
    const T0 = Date.UTC(2026, 2, 18);
    const lines = Array.from({ length: 20_000 }, (_, i) => {
      const time = new Date(T0 + i * 1000).toISOString();
      return JSON.stringify(i >= 16_370 && i < 16_400 ? { message: ' indented', time } : { time, msg: i % 1000 === 0 ? 'storage_error' : 'x' });
    });
    const bytes = Buffer.from(lines.join('\n') + '\n');
    const m = defaultMatcher();
    const w = { since: T0 + 16_375_000, until: null };
    const fast = fastJsonl([bytes], m, 'a.jsonl', undefined, undefined, w);
    const f = fast.files.get('a.jsonl')!;
    expect([f.outsideWindow, f.firstTime, fast.codes.get('storage_error')!.count]).toEqual([16_375, T0 + 16_375_000, 3]);
    expectSameTally(fast, await referenceJsonl([bytes], m, 'a.jsonl', undefined, undefined, w), m);
  });
});

describe('the byte ranges of a split file, with a window', () => {
  // 3,000 lines; runs of 50 lines without a time (JSON-lines ranges start inside them; plain text is cut
  // before a line with a time), the first 120 lines without any; times go back an hour every 7th run.
  const lines: string[] = [];
  for (let i = 0; i < 3_000; i++) {
    const run = Math.floor(i / 50);
    const timed = i >= 120 && run % 2 === 0 && i % 3 === 0;
    const t = new Date(Date.UTC(2026, 2, 18, 7) + i * 4_000 - (run % 7 === 0 ? 3_600_000 : 0)).toISOString();
    lines.push(`${timed ? t : 'untimed'} ${['storage_error', 'smime_error', 'ok', 'code=quota_hard'][i % 4]} for u${i % 5}@x.com`);
  }
  const window = { since: Date.UTC(2026, 2, 18, 8), until: Date.UTC(2026, 2, 18, 9, 30) };

  for (const [name, text] of [
    ['plain text', lines.join('\n') + '\n'],
    ['JSON lines', lines.map((l) => JSON.stringify(l.startsWith('untimed') ? { msg: l } : { time: l.slice(0, 24), msg: l.slice(25) })).join('\n') + '\n'],
  ] as const) {
    it(`${name}: joined, the ranges count what the reference counts over the whole file`, async () => {
      const dir = tempDir('window-ranges');
      dirs.push(dir);
      const file = path.join(dir, name === 'plain text' ? 'a.log' : 'a.jsonl');
      writeFileSync(file, text);
      const catalog = buildCatalog([], true);
      const fast = fileSettings({ inputs: [], cwd: dir, catalog, window, jobs: 3 });
      const units = await evenRanges(await planUnits([{ path: path.basename(file), file }], 3, fast, fastPathApplies, 1024), 3);
      expect(units.length).toBe(3);
      const parts = [];
      for (const [index, u] of units.entries()) parts.push(await scanUnit({ index, input: u.input }, fast));
      const joined = joinRanges(path.basename(file), parts);
      const whole = newTally();
      await oracleScanFile({ path: path.basename(file), file }, fast, whole, lib);
      const report = (t: typeof whole) => buildReport(t, { catalog, version: 'test', window });
      expect(report(joined)).toEqual(report(whole));
      // Records outside: many (plain-text records hold the untimed lines after a timed one).
      expect(whole.files.get(path.basename(file))!.outsideWindow).toBeGreaterThan(name === 'plain text' ? 300 : 1_000);
    });
  }
});
