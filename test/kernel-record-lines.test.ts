/**
 * Plain text's records (a timed line and the lines after it without a time): the kernel counts a steady
 * code on a line after its record's first itself, with the record's time, once per record — unless a line
 * of the record before it was the caller's to count (an unknown code on it, say), when the rest of the
 * record is the caller's too. Counts worked out by hand, and the same as the record-by-record reference.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Kernel } from '../src/fast/kernels.js';
import { chunked, defaultMatcher, expectSameTally, fastTally, referenceTally } from './support/engines.js';

afterEach(() => {
  vi.restoreAllMocks();
});

// Lines 1–6: three of each code on timed lines, so both are steady (their first evidence taken) from the second chunk on.
const FIRST = [0, 1, 2].map((s) => `2026-03-18T10:00:0${s}Z ERROR storage_error a1@x.com`).concat([3, 4, 5].map((s) => `2026-03-18T10:00:0${s}Z ERROR smime_error a1@x.com`));
const SECOND = [
  // Record 7–10: storage_error on 8 (not again on 9), smime_error on 10, with 10:05 and each line's account.
  '2026-03-18T10:05:00Z INFO sync started',
  '    caused by: storage_error for b@x.com',
  '    again storage_error for c@x.com',
  '    then smime_error for c@x.com',
  // Record 11–12: storage_error on its first line (d), smime_error on 12 (e), at 10:06.
  '2026-03-18T10:06:00Z ERROR storage_error first d@x.com',
  '    caused by: storage_error and smime_error e@x.com',
  // Record 13–15: 14 holds an unknown code, so it is the caller's: storage_error on 14 (f), smime_error on 15 (g).
  '2026-03-18T10:07:00Z INFO job',
  '    caused by code=box_melted storage_error f@x.com',
  '    then storage_error smime_error g@x.com',
  // Record 16–19: smime_error on 17 (h), counted here; 18 is the caller's: storage_error on it (i); 19 adds nothing.
  '2026-03-18T10:08:00Z INFO job',
  '    first smime_error h@x.com',
  '    code=box_melted smime_error storage_error i@x.com',
  '    last smime_error storage_error j@x.com',
];
const TEXT = Buffer.from([...FIRST, ...SECOND].join('\n') + '\n');
const firstChunk = Buffer.byteLength(FIRST.join('\n') + '\n');
const at = (m: number, s = 0): number => Date.UTC(2026, 2, 18, 10, m, s);

describe('a steady code on a line after its record first', () => {
  it('counts once per record, with the record time and that line accounts', async () => {
    const m = defaultMatcher();
    // The lines the kernel hands over to be counted by the caller, in the second chunk.
    const handed: number[] = [];
    const scan = Kernel.prototype.scanText;
    vi.spyOn(Kernel.prototype, 'scanText').mockImplementation(function (this: Kernel, s, e, lineBase, sink, windowed) {
      return scan.call(this, s, e, lineBase, (...a) => {
        if (lineBase + a[2] > 6) handed.push(lineBase + a[2]);
        sink(...a);
      }, windowed);
    });
    const t = fastTally(chunked(TEXT, [firstChunk, TEXT.length]), m);
    // Lines 8, 10, 11, 12 and 17 are the kernel's to count; 14, 15, 18 and 19 the caller's.
    expect(handed).toEqual([14, 15, 18, 19]);
    const storage = t.codes.get('storage_error')!;
    const smime = t.codes.get('smime_error')!;
    expect([storage.count, smime.count]).toEqual([7, 7]);
    expect([storage.firstSeen, storage.lastSeen, smime.firstSeen, smime.lastSeen]).toEqual([at(0, 0), at(8), at(0, 3), at(8)]);
    const accounts = (s: typeof storage): [string, number][] => [...s.accounts.counts].sort();
    expect(accounts(storage)).toEqual([['a1@x.com', 3], ['b@x.com', 1], ['d@x.com', 1], ['f@x.com', 1], ['i@x.com', 1]]);
    expect(accounts(smime)).toEqual([['a1@x.com', 3], ['c@x.com', 1], ['e@x.com', 1], ['g@x.com', 1], ['h@x.com', 1]]);
    // The records at 10:05, 10:06, 10:07 and 10:08 each add one of each to their minute.
    for (const s of [storage, smime]) expect([...s.buckets.counts].filter(([k]) => k >= at(5)).sort()).toEqual([[at(5), 1], [at(6), 1], [at(7), 1], [at(8), 1]]);
    expect(t.unknown.get('box_melted')!.count).toBe(2);
    expect(t.files.get('a.log')!.records).toBe(10);
    vi.restoreAllMocks();
    expectSameTally(t, await referenceTally([TEXT], m), m);
  });

  it('leaves a record to the caller from the line it reads itself on', async () => {
    const m = defaultMatcher();
    // Each line in a chunk of its own after the first: every kernel call holds one line.
    const sizes = [firstChunk, ...SECOND.map((l) => l.length + 1)];
    const t = fastTally(chunked(TEXT, sizes), m);
    expect([t.codes.get('storage_error')!.count, t.codes.get('smime_error')!.count]).toEqual([7, 7]);
    expectSameTally(t, await referenceTally([TEXT], m), m);
  });
});
