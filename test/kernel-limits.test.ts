/**
 * The byte kernel's limits, each on its own: the lines output full and the scan resumed, the e-mail cap per
 * call, the finished-minute cap, account ids starting over, and a catalog over the codes the kernel counts.
 * Each drives the limit through the kernel's TypeScript side (src/fast/kernels.ts), then checks counts
 * worked out by hand through the public scanners (src/fast/text-scan.ts, jsonl-scan.ts).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Kernel } from '../src/fast/kernels.js';
import { heldKernels } from './support/held-kernels.js';
import { ACCOUNT_IDS, BUCKETS_MAX, COUNT_CODES_MAX, MAX_EMAILS, TEXT_OUT_MARGIN, TEXT_OUT_WORDS } from '../src/fast/kernel-layout.js';
import { chunked, defaultMatcher, fastJsonl, fastTally } from './support/engines.js';

const minute = (j: number): number => Date.UTC(2026, 0, 1, 0, j);
const iso = (j: number): string => new Date(minute(j)).toISOString();

const kernels = heldKernels();
/** Puts bytes into a fresh kernel's memory; the kernel is released after the test. */
const kernelWith = (bytes: Buffer, codes: string[]): Kernel => kernels.holding(bytes, codes);
afterEach(() => {
  vi.restoreAllMocks();
});

describe('the lines output (TEXT_OUT_WORDS) full, the scan resumed', () => {
  // 25 bytes a line, one unknown-code value each: a head of 12 words and one (start, end) pair = 14 words.
  const line = 'code=quota_exceeded_hard\n';
  // A call stops before a line once fewer than TEXT_OUT_MARGIN words are left: after k lines when
  // 14k + 64 > 262,144, i.e. k = 18,721.
  const perCall = 18_721;

  it('stops a call after 18,721 lines and goes on where it stopped', () => {
    expect(Math.floor((TEXT_OUT_WORDS - TEXT_OUT_MARGIN) / 14) + 1).toBe(perCall);
    const n = 50_000;
    const k = kernelWith(Buffer.from(line.repeat(n)), ['storage_error']);
    const seen: number[] = [];
    const first = k.scanText(0, n * 25, 1, (ls, _le, index, _w, nCodes, nUnknown) => {
      expect([nCodes, nUnknown, ls]).toEqual([0, 1, index * 25]);
      seen.push(index);
    });
    expect(first).toEqual({ lines: perCall, next: perCall * 25 });
    expect(seen.length).toBe(perCall);
    const second = k.scanText(first.next, n * 25, 1 + perCall, () => void seen.push(0));
    expect(second).toEqual({ lines: perCall, next: 2 * perCall * 25 });
    const third = k.scanText(second.next, n * 25, 1, () => void seen.push(0));
    expect(third).toEqual({ lines: n - 2 * perCall, next: n * 25 });
    expect(seen.length).toBe(n);
  });

  it('counts every line of a chunk that fills it more than twice, with the lines after it in place', () => {
    const m = defaultMatcher();
    const bytes = Buffer.from(line.repeat(60_000) + '2026-03-18T10:00:00Z storage_error\n');
    const t = fastTally([bytes], m);
    expect(t.unknown.get('quota_exceeded_hard')!.count).toBe(60_000);
    const st = t.codes.get('storage_error')!;
    expect(st.count).toBe(1);
    expect(st.first.line).toBe(60_001);
    expect(t.files.get('a.log')!.unknown).toBe(60_000);
  });
});

describe('the e-mail cap per call (MAX_EMAILS)', () => {
  const addresses = (n: number): string[] => Array.from({ length: n }, (_, i) => `u${i}@x.com`);

  it.each([MAX_EMAILS, 2 * MAX_EMAILS + 5])('reports all %i addresses of a line, in order, across calls', (n) => {
    const text = addresses(n).join(' ');
    const k = kernelWith(Buffer.from(text), []);
    k.accountsReset();
    const got: string[] = [];
    const ids = new Set<number>();
    k.emails(0, text.length, {
      email: (s, e, id) => {
        got.push(text.slice(s, e));
        ids.add(id);
      },
    });
    expect(got).toEqual(addresses(n));
    expect(ids.size).toBe(n);
  });

  it('counts 2,053 accounts on each of two JSON lines that the kernel leaves to the caller', () => {
    expect(2 * MAX_EMAILS + 5).toBe(2_053);
    // An escaped code value: the caller reads the line, and asks the kernel for its e-mail addresses.
    const line = JSON.stringify({ msg: addresses(2_053).join(' ') }).replace('{', '{"code":"storage\\u005ferror",');
    const t = fastJsonl([Buffer.from(`${line}\n${line}\n`)], defaultMatcher());
    const st = t.codes.get('storage_error')!;
    expect(st.count).toBe(2);
    expect(st.accounts.counts.size).toBe(2_053);
    expect(st.accounts.counts.get('u0@x.com')).toBe(2);
    expect(st.accounts.counts.get('u1024@x.com')).toBe(2);
    expect(st.accounts.counts.get('u2052@x.com')).toBe(2);
    expect(st.accounts.bounded).toBe(false);
  });
});

describe('the finished-minute cap (BUCKETS_MAX)', () => {
  // One code, steady, a new minute on every line: each line from the second finishes the minute before.
  const lines = (n: number, from = 0): string => Array.from({ length: n }, (_, j) => `${iso(from + j)} storage_error for u${(from + j) % 7}@x.com\n`).join('');

  it('counts 2,048 lines in the kernel, 2,047 minutes finished, 2,048 candidates, and hands the rest to the caller', () => {
    expect(BUCKETS_MAX).toBe(4_096);
    const text = lines(5_000);
    const k = kernelWith(Buffer.from(text), ['storage_error']);
    k.accountsReset();
    k.countsReset();
    k.setSteady(0);
    const reported: number[] = [];
    const { lines: read } = k.scanText(0, text.length, 1, (_ls, _le, index) => void reported.push(index));
    expect(read).toBe(5_000);
    // Line j (from 0) starts minute j, so it is a minute candidate (a record), and from the second it also
    // finishes minute j - 1 (another): after line j, 2j + 1 records. Line 2,047 makes 4,095; line 2,048
    // would make 4,097, so it and every line after it (each needing two) go to the caller.
    expect(reported).toEqual(Array.from({ length: 5_000 - 2_048 }, (_, i) => 2_048 + i));
    expect(k.counted(0)).toEqual({ count: 2_048, earliest: minute(0), line: 1, latest: minute(2_047) });
    const buckets: [number, number, number][] = [];
    const candidates: [number, number, number][] = [];
    k.takeBuckets(
      (idx, m, n) => void buckets.push([idx, m, n]),
      (idx, line, time) => void candidates.push([idx, line, time]),
    );
    expect(buckets).toEqual(Array.from({ length: 2_047 }, (_, j) => [0, minute(j) / 60_000, 1]));
    expect(candidates).toEqual(Array.from({ length: 2_048 }, (_, j) => [0, j + 1, minute(j)]));
    k.countsEnd();
    const last: [number, number, number][] = [];
    k.takeBuckets((idx, m, n) => void last.push([idx, m, n]));
    expect(last).toEqual([[0, minute(2_047) / 60_000, 1]]);
  });

  it('counts 6,000 lines in 6,000 minutes exactly when the code turns steady after the first chunk', () => {
    const text = lines(6_000);
    // The first chunk gives the code its evidence (3 lines); the second holds the other 5,996 lines.
    const firstChunk = text.indexOf('\n', text.indexOf('\n', text.indexOf('\n', text.indexOf('\n') + 1) + 1) + 1) + 1;
    const t = fastTally(chunked(Buffer.from(text), [firstChunk, text.length]), defaultMatcher());
    const st = t.codes.get('storage_error')!;
    expect(st.count).toBe(6_000);
    expect([st.firstSeen, st.lastSeen, st.first.line]).toEqual([minute(0), minute(5_999), 1]);
    expect([...st.buckets.counts.values()].reduce((a, b) => a + b, 0)).toBe(6_000);
    // u0 on lines 0, 7, …, 5,999 (858 of them), every other account on 857.
    expect(st.accounts.counts.get('u0@x.com')).toBe(858);
    for (let a = 1; a < 7; a++) expect(st.accounts.counts.get(`u${a}@x.com`)).toBe(857);
  });
});

describe('account ids starting over (ACCOUNT_IDS)', () => {
  it('counts accounts met before and after the ids start over, twice in a generation or across two', () => {
    // 18,001 distinct accounts a pass, more than the half of ACCOUNT_IDS at which the ids start over
    // between batches; the second pass names each account again.
    expect(9_000 * 2 + 1).toBeGreaterThan(ACCOUNT_IDS / 2);
    const starts = vi.spyOn(Kernel.prototype, 'accountsReset');
    const lines: string[] = [];
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < 18_000; i++) lines.push(`2026-03-18T10:00:00Z ${i % 2 === 0 ? 'storage_error' : 'smime_error'} for u${i}@x.com and All@X.com`);
    }
    const t = fastTally(chunked(Buffer.from(lines.join('\n') + '\n'), [65_536]), defaultMatcher());
    // At the start, at least once in each pass, and at the end.
    expect(starts.mock.calls.length).toBeGreaterThanOrEqual(4);
    for (const [code, parity] of [['storage_error', 0], ['smime_error', 1]] as const) {
      const st = t.codes.get(code)!;
      expect(st.count).toBe(18_000);
      expect(st.accounts.bounded).toBe(false);
      expect(st.accounts.counts.size).toBe(9_001);
      expect(st.accounts.counts.get('all@x.com')).toBe(18_000);
      for (const i of [parity, parity + 2, 9_000 + parity, 16_382 + parity, 17_998 + parity]) expect(st.accounts.counts.get(`u${i}@x.com`), `u${i}`).toBe(2);
    }
  });
});

describe('a catalog over the codes the kernel counts (COUNT_CODES_MAX)', () => {
  const entry = (code: string) => ({ module: 'm', code, type: 't', level: 'ERROR' as const, description: 'd', action: 'a' });
  const codes = (n: number): string[] => Array.from({ length: n }, (_, i) => `code_${String(i).padStart(2, '0')}`);

  it('is counted in the kernel up to 32 codes, by the caller only past them', () => {
    expect(COUNT_CODES_MAX).toBe(32);
    const at32 = kernelWith(Buffer.alloc(1), codes(32));
    expect(at32.accountCounts()?.codes).toBe(32);
    const at33 = kernelWith(Buffer.alloc(1), codes(33));
    expect(at33.accountCounts()).toBeUndefined();
    at33.setSteady(0);
    expect(at33.counted(0)).toEqual({ count: 0, earliest: Infinity, line: 0, latest: -Infinity });
  });

  it('counts 40 codes × 100 lines exactly, accounts included', () => {
    const m = defaultMatcher([codes(40).map(entry)], false);
    const lines = Array.from({ length: 4_000 }, (_, j) => `2026-03-18T10:00:00Z code_${String(j % 40).padStart(2, '0')} for u${j % 3}@x.com`);
    const t = fastTally(chunked(Buffer.from(lines.join('\n') + '\n'), [4_096]), m);
    codes(40).forEach((code, c) => {
      const st = t.codes.get(code)!;
      expect(st.count, code).toBe(100);
      expect(st.first.line).toBe(c + 1);
      // Lines c + 40t (t < 100) name u((c + t) mod 3): 34 times the residue of t = 0, 33 each other one.
      for (let r = 0; r < 3; r++) expect(st.accounts.counts.get(`u${r}@x.com`), `${code} u${r}`).toBe((((r - c) % 3) + 3) % 3 === 0 ? 34 : 33);
    });
  });
});
