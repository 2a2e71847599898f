/**
 * The kernel's JSON-array scan finds an element's e-mail addresses once: an element with codes takes its
 * accounts from those seeEmails kept, and an element's addresses are seen (accounts seen) only once the
 * call reads it, each found in that element alone, as the caller finds those of an element it reads. An
 * element cut at the end of the bytes, one too long, one left to the caller and the output full are
 * each checked against counts worked out by hand, and through the public scanner against the record reader.
 * The CSV scan does the same per record: found once when the record is read, kept for its ids.
 */
import { describe, expect, it } from 'vitest';
import type { Kernel } from '../src/fast/kernels.js';
import { heldKernels, seenOf } from './support/held-kernels.js';
import { MET_MAX, TEXT_OUT_MARGIN, TEXT_OUT_WORDS } from '../src/fast/kernel-layout.js';
import { buildReport } from '../src/summary/report.js';
import { chunked, defaultMatcher, report } from './support/engines.js';
import { fastCsv, fastJsonArray, referenceStructured } from './support/structured.js';

const m = defaultMatcher();
const kernels = heldKernels();

function kernelWith(text: string): Kernel {
  const k = kernels.holding(Buffer.from(text, 'utf8'), m.catalog.entries.map((e) => e.code));
  k.arrayReset();
  k.accountsReset();
  k.takeSeen();
  return k;
}

/** One scanJsonArray call over text[s, to): the account ids of each element it reports, and what it returns. */
function scan(k: Kernel, s: number, to: number, longest = 1 << 20): { ids: number[][]; r: { elements: number; next: number; line: number } } {
  const ids: number[][] = [];
  const r = k.scanJsonArray(s, to, longest, 1, 1, (_s, _e, _i, _l, _kind, _t, words, at, nCodes, nUnknown, nIds) => {
    ids.push(Array.from(words.subarray(at + 2 * (nCodes + nUnknown), at + 2 * (nCodes + nUnknown) + nIds)));
  });
  return { ids, r };
}

/** Accounts seen by the record reader, the fast path whole, and the fast path in 5-byte chunks. */
async function seenThree(text: string): Promise<number[]> {
  const bytes = Buffer.from(text, 'utf8');
  const tallies = [await referenceStructured('json', [bytes], m), fastJsonArray([bytes], m), fastJsonArray(chunked(bytes, [5]), m)];
  return tallies.map((t) => report(t, m).impact.accountsSeen);
}

describe('an element\'s addresses are found in that element alone', () => {
  // a@b.io is written `<a@b.io>` after `x> `: a Message-ID only if a Message-ID key came before an earlier
  // `<`, and the only one is the element before's. In its own element it is an account.
  const text = '[{"m":"Message-ID <"},{"k":"x> <a@b.io>"}]';

  it('so an id key in the element before does not make one a Message-ID', async () => {
    const k = kernelWith(text);
    expect(scan(k, 1, text.length).r.elements).toBe(2);
    expect(seenOf(k)).toBe(1);
    expect(await seenThree(text)).toEqual([1, 1, 1]);
  });
});

describe('an element with codes takes its accounts from the addresses found once', () => {
  const els = [
    // a 0, B 1.
    '{"code":"storage_error","msg":"to a@x.io, B@y.org"}',
    // No code: c is seen, no id.
    '{"msg":"c@z.io"}',
    // The field A@x.io is the first address (a: 0), then a@x.io (0), then the field itself (0); d is 2.
    '{"code":"storage_error","account":"A@x.io","msg":"cc a@x.io d@w.io"}',
  ];
  const text = `[${els.join(',')}]`;
  const third = text.indexOf(els[2]!);

  it('ids in order, fields included; a, b, c and d seen', () => {
    const k = kernelWith(text);
    const { ids, r } = scan(k, 1, text.length);
    expect(r.elements).toBe(3);
    expect(ids).toEqual([[0, 1], [0, 0, 2, 0]]);
    expect(seenOf(k)).toBe(4);
  });

  it('an element cut at the end of the bytes is not seen until a call reads it whole', () => {
    const k = kernelWith(text);
    // Cut inside d@w.io: the first two elements are read (a, b, c), the third is left.
    const cut = scan(k, 1, text.indexOf('d@w') + 3);
    expect(cut.r).toEqual({ elements: 2, next: third, line: 1 });
    expect(seenOf(k)).toBe(3);
    const rest = scan(k, third, text.length);
    expect(rest.r.elements).toBe(1);
    expect(rest.ids).toEqual([[0, 0, 2, 0]]);
    // d only: a is seen already, but takeSeen started a new count: a and d.
    expect(seenOf(k)).toBe(2);
  });

  it('an element too long is not read, nor seen', () => {
    const k = kernelWith(text);
    const { ids, r } = scan(k, 1, text.length, els[0]!.length - 1);
    expect(r).toEqual({ elements: 0, next: 1, line: 1 });
    expect(ids).toEqual([]);
    expect(seenOf(k)).toBe(0);
  });

  it('counts the same accounts through the scanner as the record reader: a, b, c, d', async () => {
    expect(await seenThree(text)).toEqual([4, 4, 4]);
  });
});

describe('an element with codes and more addresses than MET_MAX', () => {
  it('finds its ids itself, and sees them all, the one past those kept too', () => {
    expect(MET_MAX).toBe(65_536);
    // 65,536 addresses a, b, c in turn fill the kept ones; z is the 65,537th.
    const many = Array.from({ length: MET_MAX }, (_, i) => `${'abc'[i % 3]}@x.io`).join(' ');
    const text = `[{"code":"storage_error","m":"${many} z@x.io"}]`;
    const k = kernelWith(text);
    const { ids, r } = scan(k, 1, text.length);
    expect(r.elements).toBe(1);
    expect(ids.length).toBe(1);
    expect(ids[0]!.length).toBe(MET_MAX + 1);
    expect(ids[0]!.slice(0, 4)).toEqual([0, 1, 2, 0]);
    expect(ids[0]!.at(-1)).toBe(3);
    // a, b, c, z.
    expect(seenOf(k)).toBe(4);
  });
});

describe('an element with codes left to the caller', () => {
  // Its account field is not plain ASCII: only TypeScript reads it (its addresses e@q.io and the field's).
  const text = '[{"code":"storage_error","msg":"a@x.io"},{"code":"storage_error","account":"\u00e9@x.io","msg":"e@q.io"}]';

  it('is not seen by the call that leaves it', () => {
    const k = kernelWith(text);
    const { ids, r } = scan(k, 1, text.length);
    expect(r.elements).toBe(1);
    expect(ids).toEqual([[0]]);
    expect(seenOf(k)).toBe(1);
  });

  it('is seen once the scanner reads it: a, e, and the account field é@x.io', async () => {
    // The address rule's local part is [A-Za-z0-9._%+-]: `é@x.io` holds no address, but as an account field
    // it is an affected account, and accounts seen include those.
    expect(await seenThree(text)).toEqual([3, 3, 3]);
  });
});

describe('the output full, the scan resumed', () => {
  // 41 bytes an element with its `,`: a code and an address each, so written out with a head of 12 words, a
  // code (2), and its id padded to 2: 16 words. A call stops before an element once fewer than
  // TEXT_OUT_MARGIN words are left: after k elements when 16k + 64 > 262,144, i.e. k = 16,381.
  const perCall = 16_381;
  const n = 40_000;
  const el = (i: number): string => `{"code":"storage_error","msg":"u${i % 7}@x.io"}`;
  const text = `[${Array.from({ length: n }, (_, i) => el(i)).join(',')}]`;

  it('stops after 16,381 elements; each element has its own address\'s id, and all 7 are seen', () => {
    expect(el(0).length + 1).toBe(41);
    expect(Math.floor((TEXT_OUT_WORDS - TEXT_OUT_MARGIN) / 16) + 1).toBe(perCall);
    const k = kernelWith(text);
    const calls: number[] = [];
    const ids: number[][] = [];
    for (let s = 1; s < text.length - 1; ) {
      const one = scan(k, s, text.length);
      calls.push(one.r.elements);
      ids.push(...one.ids);
      s = one.r.next;
    }
    expect(calls).toEqual([perCall, perCall, n - 2 * perCall]);
    // u0 … u6 get ids 0 … 6 in the first 7 elements.
    expect(ids.length).toBe(n);
    ids.forEach((got, i) => expect(got).toEqual([i % 7]));
    expect(seenOf(k)).toBe(7);
  });
});

describe('CSV: a record\'s addresses are found once, when it is read', () => {
  const at = (minutes: number): string => new Date(Date.UTC(2026, 2, 18, 10) + minutes * 60_000).toISOString().replace('.000Z', 'Z');
  const text = [
    'time,code,msg,account', // 1
    `${at(0)},storage_error,to a@x.io and B@y.org,c@z.io`, // 2: a, b, c (its account column is one of its addresses)
    `${at(1)},quota_warning,from d@w.io,`, // 3: an unknown value, left to the caller: d seen
    `${at(2)},,"two lines: e@v.io`, // 4: one record over two lines: e, f seen
    `and f@u.io",`, // 5
    `${at(3)},storage_error,cc A@X.io,g@t.io`, // 6: a again, g
    `${at(4)},storage_error,${'z'.repeat(200)} h@s.io,`, // 7: too long: skipped, h not seen
    '',
  ].join('\n');

  it('accounts of storage_error a, b, c, g; seen a to g; the same in any chunking as the record reader', async () => {
    const bytes = Buffer.from(text);
    const tallies = [await referenceStructured('csv', [bytes], m, {}, 150), fastCsv([bytes], m, {}, 150), fastCsv(chunked(bytes, [5]), m, {}, 150), fastCsv(chunked(bytes, [64, 7]), m, {}, 150)];
    const got = tallies.map((t) => {
      const r = report(t, m);
      return { storage: r.codes.map((c) => [c.code, c.count, c.accounts.distinct]), seen: r.impact.accountsSeen, skipped: r.totals.skippedLines };
    });
    const want = { storage: [['storage_error', 2, 4]], seen: 7, skipped: 1 };
    expect(got).toEqual([want, want, want, want]);
  });

  it('with a window from 10:03 on: storage_error once (a, g), and still a to g seen (accounts seen count every record read)', async () => {
    const bytes = Buffer.from(text);
    const w = { since: Date.UTC(2026, 2, 18, 10, 3), until: null };
    const tallies = [await referenceStructured('csv', [bytes], m, {}, 150, w), fastCsv([bytes], m, {}, 150, w), fastCsv(chunked(bytes, [5]), m, {}, 150, w)];
    const got = tallies.map((t) => {
      const r = buildReport(t, { catalog: m.catalog, version: 'test', window: w });
      return { storage: r.codes.map((c) => [c.code, c.count, c.accounts.distinct]), seen: r.impact.accountsSeen };
    });
    const want = { storage: [['storage_error', 1, 2]], seen: 7 };
    expect(got).toEqual([want, want, want]);
  });
});
