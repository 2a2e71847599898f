/**
 * seeEmails keeps the addresses it finds (at most MET_MAX a call, up to the first line it skips) and the
 * lines with codes that scanText and scanJsonl then read take their accounts from them in place of finding
 * them again. A line's accounts must stay exactly those `emails` finds in it (same addresses, same order),
 * whatever part of the text seeEmails read, however the scan is cut into calls, and past its limits.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Kernel } from '../src/fast/kernels.js';
import { heldKernels, seenOf } from './support/held-kernels.js';
import { MET_MAX, TEXT_OUT_MARGIN, TEXT_OUT_WORDS } from '../src/fast/kernel-layout.js';
import { defaultMatcher, fastJsonl } from './support/engines.js';

const kernels = heldKernels();
function kernelWith(bytes: Buffer): Kernel {
  const k = kernels.holding(bytes, ['storage_error']);
  k.accountsReset();
  k.countsReset();
  k.takeSeen();
  return k;
}

/** Each reported line's number (from the first call's first) and its account ids, the calls going on where the last stopped. */
function scanIds(k: Kernel, from: number, to: number, line = 0): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (let s = from; s < to; ) {
    const base = line;
    const r = k.scanText(s, to, 1, (_ls, _le, index, words, nCodes, nUnknown, at, nIds) => {
      if (nCodes > 0) out.set(base + index, nIds < 0 ? [-1] : Array.from(words.subarray(at + 2 * (nCodes + nUnknown), at + 2 * (nCodes + nUnknown) + nIds)));
    });
    line += r.lines;
    s = r.next;
  }
  return out;
}

describe('a line\'s accounts from the addresses seeEmails kept', () => {
  // Local parts and domains shorter and longer than 16 and 32 bytes (seeEmails reads them 16 bytes a round).
  const local = fc.constantFrom('a', 'B', 'rosa.iv', '0123456789ab', 'CA', '9', '', 'rosa.ivanova1813', 'Emil.Johnson2373.Long-Part+tag');
  const domain = fc.constantFrom('x.com', 'Globex.IO', 'mail.example.com', 'b', 'b.c1', '-a.de', 'x.co.uk', 'globex.io.', 'sub.contoso.onmicrosoft.com', 'a-long-label.example-domain.co.uk');
  const around = fc.constantFrom('', ' ', '<', '>', 'user=', 'message-id: <', '<a@b.cd> <', ':', ',', '\r', '\u00e9', ' storage_error ');
  const email = fc.tuple(around, local, domain, around).map(([a, l, d, b]) => `${a}${l}@${d}${b}`);
  const line = fc.tuple(fc.boolean(), fc.array(email, { maxLength: 4 }), fc.boolean()).map(([code, es, crlf]) => (code ? 'storage_error ' : '') + es.join('') + (crlf ? '\r\n' : '\n'));

  /** seeEmails over [h, m), cut inside a line or not; the scan in two calls split at a line start. */
  function check(k: Kernel, lines: string[], text: string, a: number, b: number, c: number): void {
    const n = text.length;
    const starts = [0];
    for (const l of lines) starts.push(starts.at(-1)! + l.length);
    const [h, m] = [a % (n + 1), b % (n + 1)].sort((x, y) => x - y) as [number, number];
    const [headCut, tailCut] = [!starts.includes(h), !starts.includes(m)];
    k.seeEmails(h, m, Infinity, headCut, tailCut);
    // Seen: the addresses of [h, m) but those touching a cut end.
    const distinct = new Set<string>();
    k.emails(h, m, { email: (s, e) => void (!(s === h && headCut) && !(e === m && tailCut) && distinct.add(text.slice(s, e).toLowerCase())) });
    expect(seenOf(k)).toBe(distinct.size);
    const cut = starts[c % starts.length]!;
    const got = new Map([...scanIds(k, 0, cut), ...scanIds(k, cut, n, starts.indexOf(cut))]);
    for (const [i, ids] of got) {
      const want: number[] = [];
      k.emails(starts[i]!, starts[i + 1]!, { email: (_s, _e, id) => void want.push(id) });
      expect(ids, JSON.stringify(lines[i])).toEqual(want);
    }
  }

  it('are those `emails` finds in it, whatever range seeEmails read and wherever the scan is cut', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 12 }), fc.nat(), fc.nat(), fc.nat(), (lines, a, b, c) => {
        const text = lines.join('');
        const k = kernelWith(Buffer.from(text, 'latin1'));
        // One kernel a run: released here, not after the test.
        try {
          check(k, lines, text, a, b, c);
        } finally {
          kernels.release(k);
        }
      }),
      { numRuns: 1500, seed: 11 },
    );
  });

  it('past MET_MAX: a line whose addresses were not all kept finds them itself', () => {
    expect(MET_MAX).toBe(65_536);
    // Kept: a and b (2), 65,533 fillers (65,535), then c (65,536: full); d of the same line is not kept.
    const text = ['storage_error a@x.com b@x.com', ...Array(65_533).fill('f@x.com'), 'storage_error c@x.com d@x.com', 'storage_error d@x.com A@X.com', ''].join('\n');
    const k = kernelWith(Buffer.from(text));
    k.seeEmails(0, text.length);
    // a, b, f, c, d (A@X.com is a).
    expect(seenOf(k)).toBe(5);
    // Ids in the order the lines with codes meet their accounts (the fillers have no code).
    expect([...scanIds(k, 0, text.length)]).toEqual([
      [0, [0, 1]],
      [65_534, [2, 3]],
      [65_535, [3, 0]],
    ]);
  });

  it('past MET_MAX: the addresses not kept are seen after those kept, but one touching a cut end', () => {
    // 65,536 fillers fill it; g is seen on its own; h@x.co may go on past the end (tailCut): not seen.
    const text = 'f@x.com\n'.repeat(65_536) + 'g@x.com h@x.co';
    const k = kernelWith(Buffer.from(text));
    k.seeEmails(0, text.length, Infinity, false, true);
    expect(seenOf(k)).toBe(2);
    k.seeEmails(0, text.length);
    expect(seenOf(k)).toBe(3);
  });

  it('goes on where it stopped when the output fills up, and reads a range again', () => {
    // 48 bytes a line; each line written out takes a head of 12 words, a code and one id padded to two: 16
    // words. A call stops before a line once fewer than TEXT_OUT_MARGIN words are left: after 16,381 lines.
    const perCall = Math.floor((TEXT_OUT_WORDS - TEXT_OUT_MARGIN) / 16) + 1;
    expect(perCall).toBe(16_381);
    const n = 40_000;
    const text = Array.from({ length: n }, (_, i) => `2026-01-01T00:00:00.000Z storage_error u${i % 7}@x.com\n`).join('');
    expect(text.length).toBe(48 * n);
    const k = kernelWith(Buffer.from(text));
    k.seeEmails(0, text.length);
    const calls: number[] = [];
    const all = new Map<number, number[]>();
    for (let s = 0, line = 0; s < text.length; ) {
      const base = line;
      const r = k.scanText(s, text.length, 1, (_ls, _le, index, words, nCodes, _u, at, nIds) => void all.set(base + index, Array.from(words.subarray(at + 2 * nCodes, at + 2 * nCodes + nIds))));
      calls.push(r.lines);
      line += r.lines;
      s = r.next;
    }
    expect(calls).toEqual([16_381, 16_381, 7_238]);
    // u0 … u6 get ids 0 … 6 on lines 0 … 6.
    expect(all.size).toBe(n);
    for (const [i, ids] of all) expect(ids).toEqual([i % 7]);
    // The first 100 lines again: the kept addresses are searched from the first.
    const again = scanIds(k, 0, 48 * 100);
    expect(again.size).toBe(100);
    for (const [i, ids] of again) expect(ids).toEqual([(i % 7)]);
  });
});

describe('an address seeEmails met before (its seen memo knows it)', () => {
  it('is still read in its own line: a Message-ID there is none, and a domain that goes on is cut as the rule cuts it', () => {
    const text = [
      'storage_error 0123456789ab@mail.example.com',
      // The same bytes inside `<…>`, a hex local part: a Message-ID.
      'storage_error <0123456789ab@mail.example.com>',
      'storage_error Message-ID: <rosa@x.io> rosa@x.io',
      // x.io.uk1 ends at x.io (uk1 is not letters only); x.io-b has no valid end (io-b is one label).
      'storage_error rosa@X.io.uk1 rosa@x.io-b',
      '',
    ].join('\n');
    const k = kernelWith(Buffer.from(text));
    k.seeEmails(0, text.length);
    expect(seenOf(k)).toBe(2);
    const got = [...scanIds(k, 0, text.length)];
    expect(got).toEqual([
      [0, [0]],
      [1, []],
      [2, [1]],
      [3, [1]],
    ]);
    expect([k.accountName(0), k.accountName(1)]).toEqual(['0123456789ab@mail.example.com', 'rosa@x.io']);
  });
});

describe('JSON lines: a line longer than the longest is skipped by seeEmails', () => {
  it('and the lines after it still count their own accounts', () => {
    const long = JSON.stringify({ msg: `${'z'.repeat(200)} b@x.com` });
    const text = [JSON.stringify({ code: 'storage_error', msg: 'a@x.com' }), long, JSON.stringify({ code: 'storage_error', msg: 'c@x.com B@x.com' }), ''].join('\n');
    const t = fastJsonl([Buffer.from(text)], defaultMatcher(), 'a.jsonl', undefined, 100);
    const st = t.codes.get('storage_error')!;
    expect(st.count).toBe(2);
    expect([...st.accounts.counts].sort()).toEqual([
      ['a@x.com', 1],
      ['b@x.com', 1],
      ['c@x.com', 1],
    ]);
    expect(t.files.get('a.jsonl')!.skippedLines).toBe(1);
  });
});

describe('JSON lines: an account field that is one of the line\'s addresses', () => {
  it('has that address\'s id; another field value gets its own', () => {
    const lines = [
      // A@x.io is a field and an address of the text (the field's own bytes): ids a 0, a 0, b 1, then the field a 0.
      { code: 'storage_error', account: 'A@x.io', msg: 'to a@X.io and b@y.org' },
      // The field A@x.io. holds the address A@x.io but is not it, whole: the caller's to read (accountValues:
      // a@x.io, one person), so the kernel gives the line no ids.
      { code: 'storage_error', account: 'A@x.io.', msg: 'cc A@x.io' },
      // The field's bytes are the line's only address: c@z.io 2, twice.
      { code: 'storage_error', user: 'c@z.io' },
    ];
    const text = lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
    const k = kernelWith(Buffer.from(text));
    k.watchFields(undefined, undefined);
    k.seeEmails(0, text.length, 1 << 20);
    const got: number[][] = [];
    k.scanJsonl(0, text.length, 1 << 20, 1, (_ls, _le, _i, _kind, _t, words, at, nCodes, nUnknown, nIds) => void got.push(Array.from(words.subarray(at + 2 * (nCodes + nUnknown), at + 2 * (nCodes + nUnknown) + nIds))));
    expect(got).toEqual([[0, 0, 1, 0], [], [2, 2]]);
  });
});
