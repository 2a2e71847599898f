/** A byte range shared while it is read: its claim, where a free thread cuts it, and the halves joined. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCatalog } from '../src/catalog/catalog.js';
import { RangeClaim } from '../src/parallel/claim.js';
import { runOnWorkers } from '../src/parallel/pool.js';
import type { UnitResult } from '../src/parallel/protocol.js';
import { mayHalve, steal } from '../src/parallel/steal.js';
import { Workers } from '../src/parallel/warm.js';
import { fileSettings, scanFile, scanUnit } from '../src/scan.js';
import { joinRanges, type RangeTally } from '../src/summary/ranges.js';
import { buildReport } from '../src/summary/report.js';
import { newTally } from '../src/summary/tally.js';
import { tempDir } from './support/main.js';

const tmp = tempDir('mxscan-steal-');
afterAll(() => tmp.remove());

// Lines 1–31 and 34–60: "2026-03-18T10:00:00Z storage_error\n", 35 bytes, a time of their own; lines 32 and
// 33: "continued line.\n", 16 bytes, none. Line 31 spans bytes 1050–1084, 32 starts at 1085, 33 at 1101,
// 34 at 1117; line k ≥ 34 starts at 1117 + 35 (k − 34); 2,062 bytes in all.
const TIMED = '2026-03-18T10:00:00Z storage_error\n';
const text = TIMED.repeat(31) + 'continued line.\n'.repeat(2) + TIMED.repeat(27);
const file = path.join(tmp.dir, 'a.log');
writeFileSync(file, text);
const input = { path: 'a.log', file, range: { start: 0, end: 2062 }, format: 'text' as const };
const catalog = buildCatalog([], true);
const s = fileSettings({ inputs: [], cwd: tmp.dir, catalog });

describe('the claim on a byte range', () => {
  it('gives the reader its chunks up to the end, which a cut moves back unless the reader has passed it', () => {
    const claim = RangeClaim.over(0, 100);
    expect(claim.take(0, 30)).toBe(30);
    expect(claim.left()).toEqual({ next: 30, end: 100 });
    // Seen from another thread: the same numbers, through the shared buffer.
    const there = new RangeClaim(claim.buffer);
    expect(there.cut(50, 100)).toBe(true);
    expect(claim.left()).toEqual({ next: 30, end: 50 });
    expect(claim.take(30, 30)).toBe(20);
    expect(claim.take(50, 30)).toBe(0);
    // The reader has taken up to 50: no cut before it, and none against an end that has moved.
    expect(there.cut(40, 50)).toBe(false);
    expect(there.cut(60, 100)).toBe(false);
    expect(claim.left()).toEqual({ next: 50, end: 50 });
  });
});

describe('taking the back half of a range being read', () => {
  it('cuts at the first line with a time of its own after the middle of what is left', async () => {
    const claim = RangeClaim.over(0, 2062);
    expect(claim.take(0, 100)).toBe(100);
    // Middle of 100–2062: 1081, in line 31; lines 32 and 33 have no time: cut before line 34, at 1117.
    const got = steal([{ input, claim }], 1);
    expect(got!.input.range).toEqual({ start: 1117, end: 2062 });
    expect(got!.claim.left()).toEqual({ next: 1117, end: 2062 });
    expect(claim.left()).toEqual({ next: 100, end: 1117 });
    // JSON lines are cut after any newline: before line 32, at 1085.
    const json = RangeClaim.over(0, 2062);
    json.take(0, 100);
    expect((steal([{ input: { ...input, format: 'jsonl' }, claim: json }], 1))!.input.range).toEqual({ start: 1085, end: 2062 });
  });

  it('takes from the range with the most left, and nothing from ranges with less than the minimum left', async () => {
    const a = RangeClaim.over(0, 2062);
    a.take(0, 1200);
    const b = RangeClaim.over(0, 2062);
    b.take(0, 1500);
    // a: middle of 1200–2062 is 1631, in line 48 (1607–1641): cut before line 49, at 1642.
    expect((steal([{ input, claim: b }, { input, claim: a }], 1))!.input.range).toEqual({ start: 1642, end: 2062 });
    expect(a.left()).toEqual({ next: 1200, end: 1642 });
    // Left now: a 442 bytes, b 562.
    expect(steal([{ input, claim: a }, { input, claim: b }], 563)).toBeUndefined();
    expect(b.left()).toEqual({ next: 1500, end: 2062 });
  });

  it('tells at once, without looking for a cut, whether any range has the minimum left to halve', () => {
    const a = RangeClaim.over(0, 2062);
    a.take(0, 1200);
    const b = RangeClaim.over(0, 2062);
    b.take(0, 1500);
    // Left: a 862 bytes, b 562. No range at all: nothing to halve.
    expect(mayHalve([{ input, claim: a }, { input, claim: b }], 862)).toBe(true);
    expect(mayHalve([{ input, claim: a }, { input, claim: b }], 863)).toBe(false);
    expect(mayHalve([{ input, claim: b }], 562)).toBe(true);
    expect(mayHalve([], 1)).toBe(false);
  });

  it('gives halves that, joined, count what the whole file counts', async () => {
    const claim = RangeClaim.over(0, 2062);
    claim.take(0, 100);
    const back = (steal([{ input, claim }], 1))!;
    // The front is read as its claim allows: lines 1–33; the back: lines 34–60.
    const front = await scanUnit({ index: 0, input }, s, undefined, undefined, claim);
    const rest = await scanUnit({ index: 1, input: back.input }, s, undefined, undefined, back.claim);
    expect([front.records, rest.records]).toEqual([33, 27]);
    const part = (r: UnitResult): RangeTally => ({ tally: r.tally, records: r.records, lastTime: r.lastTime });
    const joined = joinRanges('a.log', [part(front), part(rest)]);
    const e = joined.codes.get('storage_error')!;
    expect([e.count, e.first.line]).toEqual([58, 1]);
    const whole = newTally();
    await scanFile({ path: 'a.log', file }, s, whole);
    const report = (t: typeof whole) => buildReport(t, { catalog, version: 'test', window: null });
    expect(report(joined)).toEqual(report(whole));
  });

  /** The file shared by this thread and one worker, ranges halved down to minSteal bytes: each result with its range's start. */
  async function shared(minSteal: number): Promise<[UnitResult, number | undefined][]> {
    const workers = new Workers(1);
    const results: [UnitResult, number | undefined][] = [];
    try {
      await runOnWorkers([{ index: 0, input, size: 2062, shares: 2 }], s, 2, (r, u) => results.push([r, u?.input.range?.start]), (u, st, p, c) => scanUnit(u, st, p, undefined, c), { warm: workers, minSteal });
    } finally {
      workers.close();
    }
    return results;
  }

  it('runs a shared range on this thread and a worker: 58 occurrences, whoever reads which part', async () => {
    const results = await shared(1);
    const parts = results.filter(([, start]) => start !== undefined).sort((x, y) => x[1]! - y[1]!);
    const joined = joinRanges('a.log', parts.map(([r]) => ({ tally: r.tally, records: r.records, lastTime: r.lastTime })));
    expect(joined.codes.get('storage_error')!.count).toBe(58);
    expect(joined.files.get('a.log')!.bytes).toBe(2062);
  });

  it('ends a worker at once when no range is worth halving, asking nothing of one sent no whole file: 58 occurrences', async () => {
    // Minimum 1 MB: the 2,062 bytes are never halved; the worker's end reply (index -1) holds no occurrence.
    const results = await shared(1e6);
    // The one result: the whole range (lines 1–60), by one thread. The worker, sent no whole file, holds no
    // tally of its own: it is not asked for one (no result with index -1).
    expect(results.map(([r, start]) => [r.index, start, r.records, r.tally.codes.get('storage_error')!.count])).toEqual([[0, 0, 60, 58]]);
  });
});
