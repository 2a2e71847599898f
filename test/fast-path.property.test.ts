import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findAccounts, findAccountsInBytes } from '../src/extract/accounts.js';
import { sampleFromBytes, sampleText } from '../src/extract/sample.js';
import { findTimestamp, findTimestampIn } from '../src/extract/timestamp.js';
import { oracleFindTimestamp, oracleLineTime } from './support/iso-oracle.js';
import { timeOfBytes } from '../src/fast/kernel-pool.js';
import { chunked, defaultMatcher, expectSameTally, fastTally, referenceTally, report } from './support/engines.js';
import { windowArb } from './support/windows.js';
import { runs } from './support/runs.js';

const CODES = ['storage_error', 'STORAGE_USER_WITH_ERROR', 'smime_error', 'execution_failed', 'web_hook_moved', 'store_in_ai_error'];
const NEAR = ['storage_error_count', 'xsmime_error', 'execution_failed2', 'storage-error', 'web_hook', 'a_b', 'foo_bar_'];
const SEPARATORS = [' ', '\t', '[', ']', '=', ':', '"', ',', ';', '/', '?', '-', '.', '(', ')', '_', '@', '\u00e9', '\u00ff\u00fe'];

/** Random case for ASCII letters. */
const casing = (s: string) =>
  fc.array(fc.boolean(), { minLength: s.length, maxLength: s.length }).map((flags) =>
    [...s].map((ch, i) => (flags[i] ? ch.toUpperCase() : ch.toLowerCase())).join(''),
  );

const timestamp = fc
  .record({
    y: fc.integer({ min: 1999, max: 2031 }),
    mo: fc.integer({ min: 0, max: 13 }),
    d: fc.integer({ min: 0, max: 32 }),
    h: fc.integer({ min: 0, max: 25 }),
    sep: fc.constantFrom('T', ' ', 't'),
    sec: fc.constantFrom('', ':07', ':59', ':60', ':5'),
    frac: fc.constantFrom('', '.1', '.123', '.123456789', '.1234567890', ',5'),
    zone: fc.constantFrom('', 'Z', 'z', '+02:00', '-0530', '+2', '+25:00', '+02:'),
    tail: fc.constantFrom('', ' ', '1', ':'),
  })
  .map(({ y, mo, d, h, sep, sec, frac, zone, tail }) => {
    const p = (n: number) => String(n).padStart(2, '0');
    return `${y}-${p(mo)}-${p(d)}${sep}${p(h)}:17${sec}${frac}${zone}${tail}`;
  });

const token = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...CODES).chain(casing) },
  { weight: 2, arbitrary: fc.constantFrom(...NEAR) },
  { weight: 2, arbitrary: fc.constantFrom(...SEPARATORS) },
  { weight: 2, arbitrary: timestamp },
  { weight: 1, arbitrary: fc.constantFrom('alice@example.com', 'Bob.Smith@Mail.Example.org', 'x@y', 'a@b.c0m', '@@') },
  // Message-IDs and their near misses (README "What counts" → Accounts).
  { weight: 1, arbitrary: fc.constantFrom('<', '>', 'Message-ID: <', 'references', ' <a@b.cd>', 'msgid=', '"message_id":"<', '<0123456789ab@mx.io>', '<0123456789a@mx.io>', '<CAK3V9m+dN1=Fh4Z8kWpLrQ@mail.gmail.com>', '<CAPQRSTUVWXYZKLMNOPQR@x.io>') },
  {
    weight: 2,
    arbitrary: fc.tuple(
      fc.constantFrom('code', 'CODE', 'error_code', 'errorCode', 'mycode', '"code"', 'code"'),
      fc.constantFrom('=', ': ', ' = "', ':"', '\t:\t', '=='),
      fc.constantFrom('foo_bar', 'quota_exceeded_hard', 'Zip_Zap', '500', 'a__b', 'x_1', 'storage_error', 'v2_'),
    ).map(([k, s, v]) => k + s + v),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 99999 }).map(String) },
);

const line = fc.array(token, { maxLength: 14 }).map((t) => t.join(''));
const longLine = fc.tuple(line, fc.integer({ min: 300, max: 3000 }), line).map(([a, n, b]) => a + 'x '.repeat(n) + b);
const invalid = fc.constantFrom('\xff', '\xc3', '\xe2\x82', '\xed\xa0\x80', '\xc0\xaf', '\xf0\x9f\x98');

const log = fc
  .record({
    lines: fc.array(fc.oneof({ weight: 10, arbitrary: line }, { weight: 1, arbitrary: longLine }), { maxLength: 40 }),
    crlf: fc.array(fc.boolean(), { maxLength: 40 }),
    finalNewline: fc.boolean(),
    junk: fc.array(fc.tuple(fc.nat(), invalid), { maxLength: 4 }),
  })
  .map(({ lines, crlf, finalNewline, junk }) => {
    let bytes = Buffer.concat(
      lines.map((l, i) => Buffer.concat([Buffer.from(l, 'utf8'), Buffer.from(i < lines.length - 1 || finalNewline ? (crlf[i] ? '\r\n' : '\n') : '')])),
    );
    // Invalid UTF-8 at random places.
    for (const [at, bad] of junk) {
      const i = bytes.length === 0 ? 0 : at % bytes.length;
      bytes = Buffer.concat([bytes.subarray(0, i), Buffer.from(bad, 'latin1'), bytes.subarray(i)]);
    }
    return bytes;
  });

const chunkSizes = fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 8 });

describe('the fast path and the split2 reference path agree', () => {
  const m = defaultMatcher();

  it('gives the identical report for random logs, whatever the chunk sizes', async () => {
    await fc.assert(
      fc.asyncProperty(log, chunkSizes, async (bytes, sizes) => {
        const reference = report(await referenceTally([bytes], m), m);
        const fast = report(fastTally(chunked(bytes, sizes), m), m);
        const single = report(fastTally([bytes], m), m);
        expect(fast).toEqual(reference);
        expect(single).toEqual(reference);
      }),
      { numRuns: runs(400), seed: 20261124 },
    );
  });

  it('gives the identical report with evidence redacted as it is taken', async () => {
    await fc.assert(
      fc.asyncProperty(log, chunkSizes, async (bytes, sizes) => {
        const reference = report(await referenceTally([bytes], m, 'a.log', undefined, true), m);
        expect(report(fastTally(chunked(bytes, sizes), m, 'a.log', undefined, true), m)).toEqual(reference);
      }),
      { numRuns: runs(200), seed: 515 },
    );
  });

  it('agrees across several files scanned into one tally', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(log, { minLength: 1, maxLength: 4 }), chunkSizes, async (files, sizes) => {
        let ref = undefined;
        let fast = undefined;
        for (const [i, bytes] of files.entries()) {
          ref = await referenceTally([bytes], m, `f${i}.log`, ref);
          fast = fastTally(chunked(bytes, sizes), m, `f${i}.log`, fast);
        }
        expect(report(fast!, m)).toEqual(report(ref!, m));
      }),
      { numRuns: runs(100), seed: 7 },
    );
  });
});

describe('lines the kernel counts itself, once a code has all its evidence', () => {
  const m = defaultMatcher();
  // Few codes and few times, so codes pass their evidence quickly and minutes, ties and out-of-order times
  // are common; some times are missing or only the full pattern can read them.
  const TIMES = [
    '2026-03-18T10:00:00Z',
    '2026-03-18T10:00:30Z',
    '2026-03-18T10:01:00Z',
    '2026-03-18T09:59:59.500Z',
    '2026-03-18T12:00:00+02:00',
    '2025-12-31T23:59:59Z',
    '2026-03-18 10:02:00',
    '2026-03-18T10:03:00.1234567890Z',
    '2026-13-18T10:00:00Z',
  ];
  const ACCOUNTS = ['a@x.com', 'A@X.COM', 'b@y.org', 'c.d@mail.example.net', 'bad@x', 'e@f.co.uk'];
  const busyLine = fc
    .record({
      time: fc.option(fc.constantFrom(...TIMES), { nil: undefined }),
      codes: fc.array(fc.constantFrom('storage_error', 'smime_error', 'web_hook_moved').chain(casing), { maxLength: 3 }),
      accounts: fc.array(fc.constantFrom(...ACCOUNTS), { maxLength: 3 }),
      unknown: fc.boolean(),
      crlf: fc.boolean(),
    })
    .map(({ time, codes, accounts, unknown, crlf }) =>
      [time ?? 'at boot', ...codes, 'for', ...accounts, unknown ? 'code=quota_exceeded_hard' : 'ok'].join(' ') + (crlf ? '\r\n' : '\n'),
    );
  const busyLog = fc.array(busyLine, { minLength: 1, maxLength: 300 }).map((lines) => Buffer.from(lines.join('')));

  it('give the reference report and the same first occurrence of every code', async () => {
    await fc.assert(
      fc.asyncProperty(busyLog, chunkSizes, async (bytes, sizes) => {
        expectSameTally(fastTally(chunked(bytes, sizes), m), await referenceTally([bytes], m), m);
      }),
      { numRuns: runs(300), seed: 1125 },
    );
  });

  it('count a long run exactly: counts, minutes, first and last seen, accounts', async () => {
    // 3 codes × 2,000 lines, a minute every 7 lines, the earliest time twice in the middle, two accounts a
    // line (one repeated in another case): counted by hand below.
    const lines: string[] = [];
    for (let i = 0; i < 6_000; i++) {
      const minute = i === 3_001 || i === 3_004 ? 0 : 10 + Math.floor(i / 7);
      const t = new Date(Date.UTC(2026, 2, 18, 0, minute)).toISOString();
      lines.push(`${t} ${['storage_error', 'smime_error', 'web_hook_moved'][i % 3]} for u${i % 5}@x.com and U${i % 5}@X.COM v@y.org`);
    }
    const bytes = Buffer.from(lines.join('\n') + '\n');
    const fast = fastTally(chunked(bytes, [4096]), m);
    const st = fast.codes.get('smime_error')!;
    expect(st.count).toBe(2_000);
    // Lines 3,002 and 3,005 (smime_error) are at 00:00, before every other line: the first is the earlier.
    expect(st.first).toEqual({ time: Date.UTC(2026, 2, 18, 0, 0), file: 'a.log', line: 3_002 });
    expect(st.firstSeen).toBe(Date.UTC(2026, 2, 18, 0, 0));
    // The last smime_error line is index 5,998: minute 10 + 856.
    expect(st.lastSeen).toBe(Date.UTC(2026, 2, 18, 0, 10 + 856));
    expect([...st.buckets.counts.values()].reduce((a, b) => a + b, 0)).toBe(2_000);
    expect(st.accounts.counts.get('v@y.org')).toBe(2_000);
    expect(st.accounts.counts.get('u1@x.com')).toBe(400);
    expect(fast.files.get('a.log')!.matches).toBe(6_000);
  });
});

describe('byte-level helpers equal their text forms', () => {
  it('findTimestampIn and findTimestamp equal the ISO oracle on the decoded text', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(timestamp, fc.constantFrom(' ', 'x', '1', '-', '2026-', '\xe9', '\tat x', 'Caused by:', 'stderr P ')), { maxLength: 6 }), (parts) => {
        const buf = Buffer.from(parts.join(''), 'utf8');
        const expected = oracleLineTime(buf.toString('utf8'));
        expect(findTimestampIn(buf, 0, buf.length)).toBe(expected);
        expect(findTimestamp(buf.toString('utf8'))).toBe(expected);
      }),
      { numRuns: runs(3000), seed: 3 },
    );
  });

  it('the kernel reads the same first date-time as the ISO oracle, backtracking included', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(timestamp, fc.constantFrom(' ', 'x', '1', '-', '2026-', '\xe9', 'T', ':', 'Z', '+25:00', '.1234567890', ' -0700', ' +02:00', '\tat x', ' at ', 'Caused by:', 'stdout F ', '... 2', ' ---> ', ' h a[1]: ', ' h a: ', ' app[web.1]: ', ' a[]: ', '#011', ' PM', 'am', ' Pm ')), { maxLength: 8 }), (parts) => {
        const buf = Buffer.from(parts.join(''), 'utf8');
        expect(timeOfBytes(buf)).toBe(oracleLineTime(buf.toString('utf8')));
      }),
      { numRuns: runs(5000), seed: 4 },
    );
  });

  it('the kernel reads date-times that share their date, hour and minute as each one alone', () => {
    // The kernel keeps the last date, hour and minute it read: what follows them must still decide.
    const tails = [':07Z', ':07', ':07.5+02:00', ':07+25:00', ':07Z1', ':61Z', '', 'Z', '+0530', ':59.999999999Z'];
    const heads = ['2026-03-18T10:15', '2026-02-29T10:15', '2024-02-29T10:15', '2026-03-18 23:59', '2026-03-18T24:00'];
    const all = heads.flatMap((h) => tails.map((t) => h + t));
    for (const order of [all, [...all].reverse(), all.filter((_, i) => i % 3 === 0)]) {
      for (const text of order) {
        expect(timeOfBytes(Buffer.from(`at ${text} x`)), text).toBe(oracleFindTimestamp(`at ${text} x`));
      }
    }
  });

  it('sampleFromBytes equals sampleText on the decoded line', () => {
    const bytes = fc.array(fc.oneof(fc.constantFrom('a', ' ', '\u00e9', '\u20ac', '\u{1f600}', '\xff', '\xe2\x82', '\xf0\x9f'), fc.string({ maxLength: 4 })), { maxLength: 900 });
    fc.assert(
      fc.property(bytes, bytes, fc.constantFrom('storage_error', 'x_y'), (before, after, word) => {
        const buf = Buffer.concat([Buffer.from(before.join(''), 'latin1'), Buffer.from(' ' + word + ' '), Buffer.from(after.join(''), 'latin1')]);
        const p = buf.indexOf(' ' + word + ' ') + 1;
        const text = buf.toString('utf8');
        const at = buf.toString('utf8', 0, p).length;
        expect(sampleFromBytes(buf, 0, buf.length, p, word.length)).toBe(sampleText(text, at, word.length));
      }),
      { numRuns: runs(2000), seed: 11 },
    );
  });

  it('finds the same accounts in bytes and in text', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom('a@b.co', 'X.Y@Ex-ample.COM', '@', '.', '-', ' ', 'q@w.e1', 'é'), fc.string({ maxLength: 5 })), { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        const buf = Buffer.from(text, 'utf8');
        const fromBytes = new Set<string>();
        findAccountsInBytes(buf, 0, buf.length, fromBytes);
        expect([...fromBytes].sort()).toEqual([...findAccounts(text)].sort());
      }),
      { numRuns: runs(2000), seed: 5 },
    );
  });
});

describe('with a catalog of codes that are not `_` words (the general pattern)', () => {
  const entry = (code: string, level: 'ERROR' | 'WARN' | 'INFO' = 'ERROR') => ({ module: 'm', code, type: 't', level, description: 'd', action: 'a' });
  const m = defaultMatcher([[entry('E-101'), entry('E-101-X', 'WARN'), entry('TIMEOUT', 'INFO'), entry('quota.full'), entry('foo_bar'), entry('a+b')]], false);
  const general = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('E-101', 'e-101-x', 'E-101-X-', 'E-1010', 'timeout', 'TimeOut', 'xtimeout', 'quota.full', 'QUOTA.FULL.', 'foo_bar', 'Foo_Bar_', 'a+b', 'a+bc') },
    { weight: 2, arbitrary: fc.constantFrom(...SEPARATORS) },
    { weight: 1, arbitrary: timestamp },
    { weight: 1, arbitrary: fc.constantFrom('code=zip_zap', 'code=foo_bar', 'alice@example.com') },
    { weight: 1, arbitrary: fc.string({ maxLength: 5 }) },
  );
  const generalLog = fc
    .array(fc.array(general, { maxLength: 12 }).map((t) => t.join('')), { maxLength: 30 })
    .map((lines) => Buffer.from(lines.join('\n') + '\n', 'utf8'));

  it('uses the general pattern and gives the reference report', async () => {
    expect(m.wordCodes).toBe(false);
    await fc.assert(
      fc.asyncProperty(generalLog, chunkSizes, async (bytes, sizes) => {
        const reference = report(await referenceTally([bytes], m), m);
        expect(report(fastTally(chunked(bytes, sizes), m), m)).toEqual(reference);
      }),
      { numRuns: runs(300), seed: 2027 },
    );
  });
});

describe('accounts counted in the fast path', () => {
  it('match the reference with more accounts than the cache holds, past the 10,000 bound', async () => {
    const m = defaultMatcher();
    const codes = ['storage_error', 'smime_error', 'web_hook_moved'];
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const lines: string[] = [];
    for (let i = 0; i < 40_000; i++) {
      // Each code meets 13,000 users (past the bound), and two addresses a line often share a cache slot.
      const who = `User${Math.floor(i / 3) % 13_000}@Example${rnd(3)}.com`;
      lines.push(`2026-03-18T10:${String(i % 60).padStart(2, '0')}:00Z ${codes[i % 3]} for ${who} cc x${rnd(50)}@example.org`);
    }
    const bytes = Buffer.from(lines.join('\n') + '\n');
    const reference = report(await referenceTally([bytes], m), m);
    const fast = report(fastTally(chunked(bytes, [65_536]), m), m);
    expect(fast).toEqual(reference);
    expect(fast.codes.some((c) => c.accounts.bounded)).toBe(true);
  });

  it('match the reference when one line names more accounts than the cache has ids for', async () => {
    const m = defaultMatcher();
    // 15,000 accounts fill the cache near the point where it starts over; the next line names 40,000 more,
    // past every id it has, some of them twice and in other case.
    const before = Array.from({ length: 15_000 }, (_, i) => `2026-03-18T10:00:00Z smime_error for u${i}@before.com`);
    const many = Array.from({ length: 40_000 }, (_, i) => (i % 2 === 1 ? `M${i % 37_000}@MANY.ORG` : `m${i % 37_000}@many.org`));
    const lines = [...before, `2026-03-18T11:00:00Z storage_error ${many.join(' ')} and u1@before.com`, '2026-03-18T12:00:00Z storage_error again u2@before.com'];
    const bytes = Buffer.from(lines.join('\n') + '\n');
    const reference = report(await referenceTally([bytes], m), m);
    const fast = report(fastTally(chunked(bytes, [1 << 20]), m), m);
    expect(fast).toEqual(reference);
    expect(fast.codes.find((c) => c.code === 'storage_error')!.accounts.bounded).toBe(true);
  });
});

describe('with a window, the fast path and the reference agree', () => {
  const m = defaultMatcher();

  it('count the same codes inside it and the same records outside it, whatever the chunk sizes', async () => {
    await fc.assert(
      fc.asyncProperty(log, chunkSizes, windowArb, async (bytes, sizes, w) => {
        const reference = await referenceTally([bytes], m, 'a.log', undefined, false, w);
        expectSameTally(fastTally(chunked(bytes, sizes), m, 'a.log', undefined, false, w), reference, m);
        expectSameTally(fastTally([bytes], m, 'a.log', undefined, false, w), reference, m);
      }),
      { numRuns: runs(400), seed: 1205 },
    );
  });

  it('agree on busy logs: many code lines, times missing, repeated and out of order', async () => {
    const TIMES = ['2026-03-18T10:00:00Z', '2026-03-18T10:00:30Z', '2026-03-18T09:59:59.500Z', '2026-03-18T10:01:00Z', '2026-03-18 12:00:00+02:00', '2026-13-18T10:00:00Z'];
    const busy = fc
      .array(
        fc.record({
          time: fc.option(fc.constantFrom(...TIMES), { nil: undefined }),
          code: fc.constantFrom('storage_error', 'SMIME_ERROR', 'code=quota_hard', 'ok', ''),
          crlf: fc.boolean(),
        }),
        { maxLength: 200 },
      )
      .map((lines) => Buffer.from(lines.map((l) => `${l.time ?? 'no time'} ${l.code} a@x.com${l.crlf ? '\r\n' : '\n'}`).join('')));
    await fc.assert(
      fc.asyncProperty(busy, chunkSizes, windowArb, async (bytes, sizes, w) => {
        expectSameTally(fastTally(chunked(bytes, sizes), m, 'a.log', undefined, false, w), await referenceTally([bytes], m, 'a.log', undefined, false, w), m);
      }),
      { numRuns: runs(300), seed: 1206 },
    );
  });

  it('agree with a general catalog (codes that are not `_` words)', async () => {
    const entry = (code: string) => ({ module: 'm', code, type: 't', level: 'ERROR' as const, description: 'd', action: 'a' });
    const g = defaultMatcher([[entry('E-101'), entry('TIMEOUT')]], false);
    await fc.assert(
      fc.asyncProperty(log, chunkSizes, windowArb, async (bytes, sizes, w) => {
        const withCodes = Buffer.from(bytes.toString('latin1').replace(/storage_error/gi, 'E-101'), 'latin1');
        const reference = await referenceTally([withCodes], g, 'a.log', undefined, false, w);
        expectSameTally(fastTally(chunked(withCodes, sizes), g, 'a.log', undefined, false, w), reference, g);
      }),
      { numRuns: runs(150), seed: 1207 },
    );
  });
});
