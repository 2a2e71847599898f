/**
 * Plain text read as events (README, What counts): a line with a time of its own starts a record, the lines
 * after it without one join it, up to 1,000 lines or 1 MiB. Every expected value is worked out by hand from
 * the small logs below (line numbers in the comments); the fast path and the reference path must both give it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCatalog } from '../src/catalog/catalog.js';
import { planUnits } from '../src/parallel/plan.js';
import { evenRanges } from './support/ranges.js';
import { fastPathApplies, fileSettings, scanUnit } from '../src/scan.js';
import { joinRanges } from '../src/summary/ranges.js';
import type { Tally } from '../src/summary/tally.js';
import type { TimeWindow } from '../src/summary/window.js';
import { chunked, defaultMatcher, fastTally, referenceTally } from './support/engines.js';

const m = defaultMatcher();
const T = Date.UTC(2026, 3, 7, 9, 14, 2, 113);

/** Both engines on the same bytes, whole and in small chunks: [what each gives]. */
async function both(text: string, window: TimeWindow | null = null): Promise<Tally[]> {
  const bytes = Buffer.from(text);
  return [
    fastTally([bytes], m, 'a.log', undefined, false, window),
    fastTally(chunked(bytes, [7, 64]), m, 'a.log', undefined, false, window),
    await referenceTally([bytes], m, 'a.log', undefined, false, window),
  ];
}

/** code → [count, line of its first occurrence, time of it]. */
const codes = (t: Tally): Record<string, [number, number, number | null]> =>
  Object.fromEntries([...t.codes].map(([c, s]) => [c, [s.count, s.first.line, s.first.time]]));
const records = (t: Tally): number => t.files.get('a.log')!.records;

describe('plain text read as events', () => {
  it('counts a code once per log4j event, at the line it first appears on, with that line\'s accounts', async () => {
    const log = [
      '2026-04-07 09:14:02,113 ERROR [emailsync-1] c.m.e.RuleExecutor - upload failed for ann.lee@contoso.com: storage_error', // 1
      'com.mxhero.storage.StorageException: upload refused', // 2
      '\tat com.mxhero.storage.box.BoxClient.upload(BoxClient.java:88) smime_error for bob.ray@contoso.com', // 3
      'Caused by: com.mxhero.storage.box.BoxApiException: 401 (storage_error) for cy.dunn@contoso.com', // 4
      '\t... 12 more', // 5
      '2026-04-07 09:15:00,000 INFO  [main] c.m.m.Boot - tick', // 6
    ].join('\n') + '\n';
    for (const t of await both(log)) {
      expect(records(t)).toBe(2); // 1-5, 6
      // storage_error on 1 and again on 4: once, at line 1; smime_error only in a frame: once, at line 3, with
      // line 1's time. The accounts counted with a code are those of the line it is counted at.
      expect(codes(t)).toEqual({ storage_error: [1, 1, T], smime_error: [1, 3, T] });
      expect([...t.codes.get('storage_error')!.accounts.counts.keys()]).toEqual(['ann.lee@contoso.com']);
      expect([...t.codes.get('smime_error')!.accounts.counts.keys()]).toEqual(['bob.ray@contoso.com']);
      expect(t.files.get('a.log')!.matches).toBe(2);
    }
  });

  it('counts an unknown code once per event too', async () => {
    const log = '2026-04-07T09:14:02.113Z WARN code=box_rate_limited\n  retry code=BOX_RATE_LIMITED\n2026-04-07T09:14:03Z code=box_rate_limited\n';
    for (const t of await both(log)) {
      expect(records(t)).toBe(2);
      expect(t.unknown.get('box_rate_limited')!.count).toBe(2); // lines 1 and 3
    }
  });

  it('starts a new record, with the same time, after 1,000 lines', async () => {
    // Line 1 timed, lines 2-1001 without a time, storage_error on lines 1, 500 and 1001: records 1-1000 and
    // 1001; the code counts on 1 and on 1001 (500 is in line 1's record), both at line 1's time.
    const lines = ['2026-04-07T09:14:02.113Z ERROR storage_error'];
    for (let i = 2; i <= 1001; i++) lines.push(i === 500 || i === 1001 ? `  at frame ${i} storage_error` : `  at frame ${i}`);
    for (const t of await both(lines.join('\n') + '\n')) {
      expect(records(t)).toBe(2);
      expect(codes(t)).toEqual({ storage_error: [2, 1, T] });
      expect(t.codes.get('storage_error')!.samples.map((s) => [s.line, s.time])).toEqual([[1, T], [1001, T]]);
    }
  });

  it('starts a new record once a record holds 1 MiB', async () => {
    // Line 1: 45 bytes with its end; lines 2-13: 102,400 bytes and an end each. Before line 12 the record holds
    // 45 + 10 × 102,401 = 1,024,055 bytes (< 1 MiB): 12 joins; before 13 it holds 1,126,456: 13 starts a record.
    const lines = ['2026-04-07T09:14:02.113Z ERROR storage_error'];
    for (let i = 2; i <= 13; i++) lines.push(`${i === 12 || i === 13 ? 'storage_error ' : ''}`.padEnd(102_400, '.'));
    expect(Buffer.byteLength(lines[0]!) + 1).toBe(45);
    for (const t of await both(lines.join('\n') + '\n')) {
      expect(records(t)).toBe(2); // 1-12, 13
      expect(t.codes.get('storage_error')!.samples.map((s) => s.line)).toEqual([1, 13]);
    }
  });

  it('reads lines before the first time, and a file without times, one record each', async () => {
    const before = 'storage_error boot\n  storage_error again\n2026-04-07T09:14:02.113Z storage_error\n  storage_error in a frame\n';
    for (const t of await both(before)) {
      expect(records(t)).toBe(3); // 1, 2, 3-4
      expect(t.codes.get('storage_error')!.samples.map((s) => [s.line, s.time])).toEqual([[1, null], [2, null], [3, T]]);
    }
    for (const t of await both('storage_error\n  storage_error\n\n')) {
      expect(records(t)).toBe(3);
      expect(codes(t)).toEqual({ storage_error: [2, 1, null] });
    }
  });

  it('takes a record in or out of a window whole', async () => {
    const log = [
      '2026-04-07T09:00:00Z ERROR storage_error', // 1: out
      '  caused by smime_error', // 2: in 1's record
      '2026-04-07T10:00:00Z ERROR storage_error', // 3: in
      '  caused by smime_error and storage_error', // 4: in 3's record
      '2026-04-07T11:00:00Z INFO tick', // 5: out
      '  web_hook_moved', // 6: in 5's record
    ].join('\n') + '\n';
    const window = { since: Date.UTC(2026, 3, 7, 9, 30), until: Date.UTC(2026, 3, 7, 10, 30) };
    for (const t of await both(log, window)) {
      expect([records(t), t.files.get('a.log')!.outsideWindow]).toEqual([3, 2]);
      const at = Date.UTC(2026, 3, 7, 10);
      expect(codes(t)).toEqual({ storage_error: [1, 3, at], smime_error: [1, 4, at] });
    }
  });

  it('counts once even when the kernel counts the event lines itself', async () => {
    // 40 events (line 3k+1 timed, 3k+2 and 3k+3 its trace), storage_error on the timed line and in the trace:
    // past the first evidence the kernel counts the timed lines itself; 40 occurrences, not 80.
    const lines: string[] = [];
    for (let k = 0; k < 40; k++) lines.push(`2026-04-07T09:${String(k).padStart(2, '0')}:00Z ERROR storage_error`, '  at x', 'Caused by: storage_error');
    for (const t of await both(lines.join('\n') + '\n')) {
      expect(records(t)).toBe(40);
      expect(t.codes.get('storage_error')!.count).toBe(40);
      expect(t.files.get('a.log')!.matches).toBe(40);
    }
  });

  it('counts once when a line of the event holds more than the kernel output and is read apart', async () => {
    // Events 1-4: a timed line with storage_error (read in small chunks, the kernel counts the 4th itself: the
    // code's evidence is complete after 3); line 5 continues event 4 with 150,000 unknown values and
    // storage_error again: 4 occurrences, one unknown code.
    const lines: string[] = [];
    for (let k = 0; k < 4; k++) lines.push(`2026-04-07T09:0${k}:00Z ERROR storage_error`);
    lines.push('  at ' + 'code=ab_cd '.repeat(150_000) + 'storage_error');
    for (const t of await both(lines.join('\n') + '\n')) {
      expect(records(t)).toBe(4);
      expect(t.codes.get('storage_error')!.count).toBe(4);
      expect(t.unknown.get('ab_cd')!.count).toBe(1);
    }
  });
});

describe('a file split into byte ranges for workers', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mxscan-events-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is cut only before a line with a time, so no record is split or counted twice', async () => {
    // 6 events of 151 lines: a timed line with storage_error, then 150 frames each naming storage_error (a cut
    // inside one would count it again); event 3's frame 100 (line 3 × 151 + 1 + 100 = 554) names
    // connection_error_max_retry.
    const lines: string[] = [];
    for (let k = 0; k < 6; k++) {
      lines.push(`2026-04-07T09:0${k}:00Z ERROR storage_error for u${k}@x.com`);
      for (let j = 1; j <= 150; j++) lines.push(`\tat frame storage_error ${j}${k === 3 && j === 100 ? ' connection_error_max_retry' : ''}`);
    }
    const text = lines.join('\n') + '\n';
    const file = path.join(dir, 'trace.log');
    writeFileSync(file, text);
    const catalog = buildCatalog([], true);
    const s = fileSettings({ inputs: [], cwd: dir, catalog, jobs: 2 });
    const units = await evenRanges(await planUnits([{ path: 'trace.log', file }], 2, s, fastPathApplies, 1024), 2);
    expect(units).toHaveLength(2);
    // The second range starts at a timed line, the one after the byte in the middle.
    const start = units[1]!.input.range!.start;
    expect(text.slice(start, start + 4)).toBe('2026');
    const parts = [];
    for (const [index, u] of units.entries()) parts.push(await scanUnit({ index, input: u.input }, s));
    const t = joinRanges('trace.log', parts);
    const se = t.codes.get('storage_error')!;
    expect(se.count).toBe(6);
    expect(se.samples.map((x) => x.line)).toEqual([1, 152, 303]);
    expect(t.codes.get('connection_error_max_retry')!.first).toEqual({ time: Date.UTC(2026, 3, 7, 9, 3), file: 'trace.log', line: 554 });
    expect([...t.files.values()].reduce((n, f) => n + f.records, 0)).toBe(6);
  });
});
