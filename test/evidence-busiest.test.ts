/**
 * The middle sample of a code's evidence (issue 12, point 4) is the first occurrence (by time, then file,
 * then line) in its busiest timeline bucket, wherever it is: every path keeps the earliest occurrence of each
 * minute as a candidate, not only a file's first three and its first and last.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { buildCatalog } from '../src/catalog/catalog.js';
import { Kernel } from '../src/fast/kernels.js';
import { planUnits } from '../src/parallel/plan.js';
import { evenRanges } from './support/ranges.js';
import { fastPathApplies, fileSettings, scanUnit } from '../src/scan.js';
import { joinRanges } from '../src/summary/ranges.js';
import { buildReport, type Report } from '../src/summary/report.js';
import { newTally } from '../src/summary/tally.js';
import { chunked, defaultMatcher, fastJsonl, fastTally, report } from './support/engines.js';
import { run, scanJson, tempDir } from './support/postmortem-cli.js';
import { ENGINE_FLAGS, on } from './oracle/switch.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts).
vi.mock('../src/scan.js', async (real) => (await import('./oracle/switch.js')).withOracle(await real<typeof import('../src/scan.js')>()));

const temp = tempDir();
afterAll(() => temp.remove());

const at = (hhmmss: string): string => `2026-04-07T${hhmmss}Z`;
const iso = (hhmmss: string): string => `2026-04-07T${hhmmss}.000Z`;

/** The lines of a file: storage_error at the given (line → time), a filler line at 10:25 elsewhere. */
function linesOf(name: string, lines: number, hits: Record<number, string>, json = false): string[] {
  const out: string[] = [];
  for (let i = 1; i <= lines; i++) {
    const t = hits[i];
    const [time, level, msg] = t === undefined ? ['10:25:00', 'INFO', `filler ${i}`] : [t, 'ERROR', `storage_error ${name} line ${i}`];
    out.push(json ? JSON.stringify({ time: at(time), level, msg }) : `${at(time)} ${level} ${msg}`);
  }
  return out;
}

function write(dir: string, name: string, lines: number, hits: Record<number, string>): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, name), linesOf(name, lines, hits).join('\n') + '\n');
}

const samples = (r: Report): [string, number, string | null][] => r.codes[0]!.samples.map((s) => [s.file, s.line, s.time]);

// x.log: 10:00, 10:01, 10:05, 10:10, 10:20 (lines 1, 2, 10, 20, 30), 10:31 (line 39), then 10:30:05 to
// 10:30:25 (lines 40-44) and 11:00 (line 60). 10:00-11:00 is 61 minutes: 13 buckets of 5m. 10:30 holds 6
// (lines 39-44) and is the busiest (10:00 holds 2, the others 1); its first by time is line 40 (10:30:05),
// not line 39 (10:31, the first by line). Neither the first (1), the last (60), nor among the first three (1, 2, 10).
const X = { 1: '10:00:00', 2: '10:01:00', 10: '10:05:00', 20: '10:10:00', 30: '10:20:00', 39: '10:31:00', 40: '10:30:05', 41: '10:30:10', 42: '10:30:15', 43: '10:30:20', 44: '10:30:25', 60: '11:00:00' };
const one = path.join(temp.dir, 'one');
write(one, 'x.log', 60, X);

describe('the first occurrence in the busiest bucket', () => {
  it.each(ENGINE_FLAGS)('one file %j: lines 1, 40, 60', async (flags) => {
    const { report } = await scanJson(['.', ...on(flags).args], { cwd: one, engine: on(flags).engine });
    expect(report.codes[0]!.count).toBe(12);
    expect(report.codes[0]!.peak).toEqual({ start: iso('10:30:00'), count: 6 });
    expect(samples(report)).toEqual([
      ['x.log', 1, iso('10:00:00')],
      ['x.log', 40, iso('10:30:05')],
      ['x.log', 60, iso('11:00:00')],
    ]);
    expect(report.codes[0]!.samples[1]!.text).toBe(`${at('10:30:05')} ERROR storage_error x.log line 40`);
  });

  it('a later line earlier in its minute than the one that started the run: lines 1, 41, 60', async () => {
    // y.log: as x.log, but line 41 at 10:30:01 (earlier than line 40's 10:30:05 in the same minute).
    const dir = path.join(temp.dir, 'within');
    write(dir, 'y.log', 60, { ...X, 41: '10:30:01' });
    for (const flags of [[], ['oracle']] as string[][]) {
      const { report } = await scanJson(['.', ...on(flags).args], { cwd: dir, engine: on(flags).engine });
      expect(samples(report)).toEqual([
        ['y.log', 1, iso('10:00:00')],
        ['y.log', 41, iso('10:30:01')],
        ['y.log', 60, iso('11:00:00')],
      ]);
    }
  });

  // The first chunk ends after line 10 (the code's first three occurrences): from the next chunk (150 bytes
  // each, so a minute's run spans chunks) the kernel counts the code's lines itself and hands over candidates.
  it.each([
    ['plain text', false, { ...X }, 40],
    ['plain text, line 41 earlier in the minute than line 40', false, { ...X, 41: '10:30:01' }, 41],
    ['JSON lines', true, { ...X }, 40],
  ] as const)('%s, the lines the kernel counts itself', (_name, json, hits, middle) => {
    const counted = vi.spyOn(Kernel.prototype, 'counted');
    const lines = linesOf('x.log', 60, hits, json);
    const bytes = Buffer.from(lines.join('\n') + '\n');
    const first = lines.slice(0, 10).join('\n').length + 1;
    const chunks = [bytes.subarray(0, first), ...chunked(bytes.subarray(first), [150])];
    const m = defaultMatcher();
    const r = report(json ? fastJsonl(chunks, m, 'x.log') : fastTally(chunks, m, 'x.log'), m);
    expect(counted.mock.results.some((x) => (x.value as { count: number }).count > 0)).toBe(true);
    counted.mockRestore();
    expect(samples(r)).toEqual([
      ['x.log', 1, iso('10:00:00')],
      ['x.log', middle, iso(hits[middle])],
      ['x.log', 60, iso('11:00:00')],
    ]);
    expect(r.codes[0]!.samples[1]!.text).toBe(lines[middle - 1]);
  });

  it('x.log in two byte ranges, each scanned on its own and joined: lines 1, 40, 60', async () => {
    const catalog = buildCatalog([], true);
    const s = fileSettings({ inputs: [], cwd: one, catalog });
    const file = path.join(one, 'x.log');
    const units = await evenRanges(await planUnits([{ path: 'x.log', file }], 2, s, fastPathApplies, 256), 2);
    expect(units).toHaveLength(2);
    const parts = [];
    for (const [index, u] of units.entries()) parts.push(await scanUnit({ index, input: u.input }, s));
    const tally = newTally();
    const joined = joinRanges('x.log', parts);
    for (const [k, v] of joined.codes) tally.codes.set(k, v);
    for (const [k, v] of joined.files) tally.files.set(k, v);
    const report = buildReport(tally, { catalog, version: 'test', window: null });
    expect(samples(report)).toEqual([
      ['x.log', 1, iso('10:00:00')],
      ['x.log', 40, iso('10:30:05')],
      ['x.log', 60, iso('11:00:00')],
    ]);
  });

  it('JSON lines in two byte ranges, the second starting with records that take the time before it: lines 1, 31, 41', async () => {
    // Lines 1-3 storage_error at 10:00-10:02 (the file's first three); 4-19 fillers 10:03-10:18; 20 a filler at
    // 10:30:30; 21-30 untimed fillers of 300 bytes (the middle of the file, where it is cut); 31-40 untimed
    // storage_error (they take 10:30:30); 41 storage_error at 11:00. 5m buckets: 10:00 holds 3, 10:30 10,
    // 11:00 1; 10:30's first is line 31, the second range's first occurrence (none of the file's first three).
    const dir = path.join(temp.dir, 'inherit');
    mkdirSync(dir, { recursive: true });
    const rec = (i: number): string => {
      const time = i === 1 ? '10:00:00' : i < 20 ? `10:${String(i - 1).padStart(2, '0')}:00` : i === 20 ? '10:30:30' : i === 41 ? '11:00:00' : undefined;
      const code = i <= 3 || i > 30 ? 'storage_error' : undefined;
      return JSON.stringify({ ...(time === undefined ? {} : { time: at(time) }), ...(code === undefined ? {} : { code }), msg: i > 20 && i <= 30 ? 'x'.repeat(280) : `line ${i}` });
    };
    const file = path.join(dir, 'y.jsonl');
    writeFileSync(file, Array.from({ length: 41 }, (_, i) => rec(i + 1)).join('\n') + '\n');
    const catalog = buildCatalog([], true);
    const s = fileSettings({ inputs: [], cwd: dir, catalog });
    const units = await evenRanges(await planUnits([{ path: 'y.jsonl', file }], 2, s, fastPathApplies, 256), 2);
    expect(units).toHaveLength(2);
    const parts = [];
    for (const [index, u] of units.entries()) parts.push(await scanUnit({ index, input: u.input }, s));
    // The cut is among lines 21-30: the second range's first records have no time.
    expect(parts[0]!.records).toBeGreaterThanOrEqual(21);
    expect(parts[0]!.records).toBeLessThan(30);
    const tally = newTally();
    const joined = joinRanges('y.jsonl', parts);
    for (const [k, v] of joined.codes) tally.codes.set(k, v);
    for (const [k, v] of joined.files) tally.files.set(k, v);
    const report = buildReport(tally, { catalog, version: 'test', window: null });
    expect(report.codes[0]!.count).toBe(14);
    expect(samples(report)).toEqual([
      ['y.jsonl', 1, iso('10:00:00')],
      ['y.jsonl', 31, iso('10:30:30')],
      ['y.jsonl', 41, iso('11:00:00')],
    ]);
  });

  // Two files: a.log holds 10:00, 10:01, 10:05, 10:10, 10:20 (lines 1, 2, 10, 20, 30) and 10:31 (line 39);
  // b.log 10:20:30, 10:32, 10:33 (lines 3, 5, 7: its first three), 10:30:05-10:30:25 (lines 40-44), 11:00
  // (line 60). 10:30 holds 8 (a:39, b:5, b:7, b:40-44); its first by time is b.log line 40.
  const two = path.join(temp.dir, 'two');
  write(two, 'a.log', 40, { 1: '10:00:00', 2: '10:01:00', 10: '10:05:00', 20: '10:10:00', 30: '10:20:00', 39: '10:31:00' });
  write(two, 'b.log', 60, { 3: '10:20:30', 5: '10:32:00', 7: '10:33:00', 40: '10:30:05', 41: '10:30:10', 42: '10:30:15', 43: '10:30:20', 44: '10:30:25', 60: '11:00:00' });
  const expected: [string, number, string | null][] = [
    ['a.log', 1, iso('10:00:00')],
    ['b.log', 40, iso('10:30:05')],
    ['b.log', 60, iso('11:00:00')],
  ];

  it.each(ENGINE_FLAGS)('two files %j: a:1, b:40, b:60', async (flags) => {
    const { report } = await scanJson(['.', ...on(flags).args], { cwd: two, engine: on(flags).engine });
    expect(report.codes[0]!.count).toBe(15);
    expect(report.codes[0]!.peak).toEqual({ start: iso('10:30:00'), count: 8 });
    expect(samples(report)).toEqual(expected);
  });

  it('partial reports of the two files merge into the same evidence', async () => {
    const parts: string[] = [];
    for (const name of ['b.log', 'a.log']) {
      const r = await run(['scan', name, '--partial', '--quiet'], { cwd: two });
      expect(r.code, r.err).toBe(0);
      const file = path.join(temp.dir, `${name}.partial.json`);
      writeFileSync(file, r.out);
      parts.push(file);
    }
    const merged = await run(['merge', ...parts, '--format', 'json', '--quiet']);
    expect(samples(JSON.parse(merged.out) as Report)).toEqual(expected);
  });
});
