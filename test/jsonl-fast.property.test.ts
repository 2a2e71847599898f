import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Kind, LineFields, fieldsOnFastPath } from '../src/fast/json-line.js';
import { buildCatalog } from '../src/catalog/catalog.js';
import type { FieldOptions } from '../src/extract/record.js';
import { fastPathApplies, fileSettings } from '../src/scan.js';
import { validateBytes } from '../src/fast/kernel-pool.js';
import { chunked, defaultMatcher, generalMatcher, expectSameTally, fastJsonl, referenceJsonl, report } from './support/engines.js';
import { windowArb } from './support/windows.js';
import { runs } from './support/runs.js';

const CODES = ['storage_error', 'STORAGE_USER_WITH_ERROR', 'smime_error', 'Execution_Failed', 'web_hook_moved'];
const KEYS = ['code', 'error_code', 'errorCode', 'Code', 'time', 'timestamp', '@timestamp', 'ts', 'date', 'datetime', 'account', 'user', 'email', 'mailbox', 'msg', 'level', 'c\\u006fde', 'event_code', 'Event_Code', 'when'];

const text = fc.oneof(
  fc.constantFrom(...CODES),
  fc.constantFrom('', ' ', '  storage_error ', 'quota_exceeded', '500', 'mentions smime_error here', 'code=foo_bar', 'a\\"b', 'tab\\there', '\\u00e9', 'Bob@Example.COM', 'x@y.io z@w.org', 'E-101 failed', 'e-101-x', 'TimeOut', 'quota.full.', 'a+b', 'ann@x.io.PST', 'x@y.pst', 'Lee <lee@x.io>', 'Kim <kim@x.io>;', '>;'),
  fc.constantFrom('2026-03-18T10:15:00Z', '2026-03-18 12:00:00', '2026-03-18T10:15:00+02:00', '2026-03-18', '1710756000', ' 2026-03-18T10:15:00Z', '2026-13-01T00:00:00Z', '2026-03-18 10:45:00 UTC', 'at 2026-03-18T11:00:00Z', '—', '-', '10:15:00', ' 9:15:02 AM', '3/18/2026', 'NULL', 'N/A', 'None', '12ms', '00:03:12.5', '9:15pm'),
  // Values only the slow path can judge: non-ASCII (a Kelvin sign lower-cases to `k`), edge spaces, long ones.
  fc.constantFrom('WEB_HOO\u212A_MOVED', 'stórage_error', 'José@Example.com', 'ü@x.io', ' bob@x.io', 'b'.repeat(300) + '@x.io', '2026-03-18T10:15:00.123456789Z', '2026-03-18T10:15:00Z trailing'),
  fc.string({ maxLength: 6 }),
);
const scalar = fc.oneof(
  { weight: 5, arbitrary: text.map((s) => JSON.stringify(s).replace(/\\\\/g, '\\')) },
  { weight: 2, arbitrary: fc.constantFrom('1710756000123', '1710756000', '42', '-0', '1e3', '0.5', '1710756000.5', '99999999999', '100000000001', '253402300800', '1234567890123456', 'true', 'null', 'false') },
);
const value: fc.Arbitrary<string> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('v'), { maxLength: 3 }).map((a) => `[${a.join(',')}]`),
    fc.array(fc.tuple(fc.constantFrom(...KEYS), tie('v')), { maxLength: 3 }).map((kv) => `{${kv.map(([k, v]) => `"${k}":${v}`).join(',')}}`),
  ),
})).v as fc.Arbitrary<string>;

const objectLine = fc
  .array(fc.tuple(fc.constantFrom(...KEYS), value, fc.constantFrom('', ' ', '\t')), { maxLength: 6 })
  .map((kv) => `{${kv.map(([k, v, ws]) => `${ws}"${k}"${ws}:${ws}${v}`).join(',')}}`);

/** Lines that break JSON in the ways exporters do, and others that only look broken. */
const damaged = fc.tuple(objectLine, fc.nat(), fc.constantFrom('', '}', '{', ',', '"', '\\', '\x01', '\t', ' x', '\xff', '\u00a0', '01', '[', ']')).map(
  ([l, at, junk]) => {
    const i = l.length === 0 ? 0 : at % (l.length + 1);
    return l.slice(0, i) + junk + l.slice(i);
  },
);

const line = fc.oneof(
  { weight: 6, arbitrary: objectLine },
  { weight: 3, arbitrary: damaged },
  { weight: 1, arbitrary: value },
  { weight: 1, arbitrary: fc.constantFrom('', '   ', '\u00a0', '2026-03-18T10:00:00Z storage_error plain text', 'code=zip_zap') },
);

const jsonl = fc
  .record({ lines: fc.array(line, { maxLength: 30 }), crlf: fc.boolean(), finalNewline: fc.boolean() })
  .map(({ lines, crlf, finalNewline }) => Buffer.from(lines.join(crlf ? '\r\n' : '\n') + (finalNewline && lines.length > 0 ? '\n' : ''), 'utf8'));

describe('the JSON-lines fast path and the split2 reference path agree', () => {
  const m = defaultMatcher();

  it('gives the identical report for random JSON lines, whatever the chunk sizes', async () => {
    await fc.assert(
      fc.asyncProperty(jsonl, fc.array(fc.integer({ min: 1, max: 500 }), { minLength: 1, maxLength: 6 }), async (bytes, sizes) => {
        const reference = report(await referenceJsonl([bytes], m), m);
        expect(report(fastJsonl(chunked(bytes, sizes), m), m)).toEqual(reference);
      }),
      { numRuns: runs(400), seed: 424242 },
    );
  });

  it('reads a record time from the first time field that holds one, as the record reader does', async () => {
    // Expected times written down by hand: 1710756000 s = 2024-03-18T10:00:00Z.
    const cases: [string, string | null][] = [
      ['{"time":"2026-03-18T10:15:00Z trailing","ts":1710756000,"code":"smime_error"}', '2024-03-18T10:00:00.000Z'],
      ['{"timestamp":"soon","time":"2026-03-18T10:15:00.5+01:00","code":"smime_error"}', '2026-03-18T09:15:00.500Z'],
      ['{"ts":99999999999,"code":"smime_error"}', '5138-11-16T09:46:39.000Z'],
      // Milliseconds above 10^11, but before 2001-09-09 (10^12 ms): a count, no time.
      ['{"ts":100000000001,"code":"smime_error"}', null],
      ['{"ts":1000000000000,"code":"smime_error"}', '2001-09-09T01:46:40.000Z'],
      ['{"time":0.012,"@timestamp":"2026-03-18T10:00:00Z","code":"smime_error"}', '2026-03-18T10:00:00.000Z'],
      ['{"time":"15","msg":"at 2026-03-18T08:00:00Z","code":"smime_error"}', '2026-03-18T08:00:00.000Z'],
      // Above 10^14 an epoch is in microseconds (journald): this is year 10000 in µs, out of range, so `date` decides.
      ['{"ts":253402300800000000,"date":"2026-03-18","code":"smime_error"}', '2026-03-18T00:00:00.000Z'],
      // 253402300800000 µs = 253402300800 ms = 1978-01-11T21:31:40.8Z: before 2001, no time.
      ['{"ts":253402300800000,"code":"smime_error"}', null],
      // 1775553242113456 µs = 1775553242113 ms.
      ['{"ts":1775553242113456,"code":"smime_error"}', '2026-04-07T09:14:02.113Z'],
      ['{"ts":true,"datetime":"2026-03-18 12:00","code":"smime_error"}', '2026-03-18T12:00:00.000Z'],
      // A time field that holds a date that is no time: the line has none, whatever its text mentions.
      ['{"msg":"at 2026-03-18T08:00:00Z","time":"2026-13-01 later","code":"smime_error"}', null],
      ['{"msg":"at 2026-03-18T08:00:00Z","time":"18-Mar-2026 sometime","code":"smime_error"}', null],
      // A word or a duration says nothing of where it is: the text's date-time is the line's.
      ['{"msg":"at 2026-03-18T08:00:00Z","time":"later","code":"smime_error"}', '2026-03-18T08:00:00.000Z'],
      ['{"msg":"at 2026-03-18T08:00:00Z","time":"1m30.512s","code":"smime_error"}', '2026-03-18T08:00:00.000Z'],
      // A time field whose string holds no value (#N/A, NULL, -, empty: a database's export of a row with
      // no time): the line has none of its own, not a date its message mentions (it takes the one before it).
      ['{"msg":"at 2026-03-18T08:00:00Z","time":"#N/A","code":"smime_error"}', null],
      ['{"msg":"at 2026-03-18T08:00:00Z","time":"NULL","code":"smime_error"}', null],
      // A number that is no time (-5: before 2001) says nothing: the text's date-time is the line's.
      ['{"msg":"at 2026-03-18T08:00:00Z","time":-5,"code":"smime_error"}', '2026-03-18T08:00:00.000Z'],
      ['{"msg":"at 2026-03-18T08:00:00Z","time":"2026-13-01 l\\u0061ter","code":"smime_error"}', null],
      ['{"msg":"at 2026-03-18T08:00:00Z","time":"-","code":"smime_error"}', null],
      ['{"msg":"at 2026-03-18T08:00:00Z","time":"","code":"smime_error"}', null],
      // null or an object hold none, and say nothing more: the text's date-time is the line's time.
      ['{"msg":"at 2026-03-18T08:00:00Z","ts":null,"date":{},"code":"smime_error"}', '2026-03-18T08:00:00.000Z'],
      ['{"msg":"no time at all","code":"smime_error"}', null],
      // Epoch nanoseconds (zerolog's UnixNano), as a number and as a string: 1773828000 s is 2026-03-18T10:00:00Z.
      ['{"time":1773828000000000000,"code":"smime_error"}', '2026-03-18T10:00:00.000Z'],
      ['{"ts":"1773828000250000000","code":"smime_error"}', '2026-03-18T10:00:00.250Z'],
      // nginx's JSON access log: time_local, 11:14:02 at +0200.
      ['{"time_local":"18/Mar/2026:11:14:02 +0200","request_time":0.012,"code":"smime_error"}', '2026-03-18T09:14:02.000Z'],
      // A date and a time of day in `date` and `time`: read together, in either order, blanks around each aside.
      ['{"date":"2026-03-18","time":"10:15:00","code":"smime_error"}', '2026-03-18T10:15:00.000Z'],
      ['{"time":" 9:15:02 PM","date":"3/18/2026 ","code":"smime_error"}', '2026-03-18T21:15:02.000Z'],
      ['{"date":"2026-03-18","time":"10:1\\u0035:00","code":"smime_error"}', '2026-03-18T10:15:00.000Z'],
      // Not together: the date alone (midnight), or the time field's own.
      ['{"date":"2026-03-18","time":"-","code":"smime_error"}', '2026-03-18T00:00:00.000Z'],
      // A value that was no time leaves no trace: ts's epoch, not the text's 10:00 on its day.
      ['{"timestamp":"0000-00-00","ts":1773828000000,"code":"smime_error","msg":"at 2026-03-18T11:00:00Z"}', '2026-03-18T10:00:00.000Z'],
      ['{"time":"2026-02-30","ts":1773828000000,"code":"smime_error","msg":"at 2026-03-18T11:00:00Z"}', '2026-03-18T10:00:00.000Z'],
      // A count, a duration, a word that is also a month's name: no date's mark, the text's time.
      ['{"time":"1523","msg":"at 2026-03-18T11:00:00Z","code":"smime_error"}', '2026-03-18T11:00:00.000Z'],
      ['{"time":"1500ms","msg":"at 2026-03-18T11:00:00Z","code":"smime_error"}', '2026-03-18T11:00:00.000Z'],
      ['{"time":"may retry","msg":"at 2026-03-18T11:00:00Z","code":"smime_error"}', '2026-03-18T11:00:00.000Z'],
      // A two-digit hour with PM beside an ISO date.
      ['{"date":"2026-03-18","time":"09:14:02 PM","code":"smime_error"}', '2026-03-18T21:14:02.000Z'],
      // An hour's range is no time of day: not read as 09:00 at -10:00.
      ['{"date":"2026-03-18","time":"09:00-10:00","code":"smime_error"}', '2026-03-18T00:00:00.000Z'],
      // A date alone takes the time of day its text holds on that day; another day's is no time of it.
      ['{"date":"2026-03-18","time":"later","msg":"at 2026-03-18T08:00:00Z","code":"smime_error"}', '2026-03-18T08:00:00.000Z'],
      ['{"date":"2026-03-18","msg":"valid until 2026-05-01T00:00:00Z","code":"smime_error"}', '2026-03-18T00:00:00.000Z'],
      ['{"date":"2026-03-18","time":"2026-03-18T10:30:00Z","code":"smime_error"}', '2026-03-18T10:30:00.000Z'],
    ];
    for (const [l, expected] of cases) {
      const bytes = Buffer.from(l + '\n');
      const fast = report(fastJsonl([bytes], m), m);
      expect(fast).toEqual(report(await referenceJsonl([bytes], m), m));
      expect(fast.codes[0]?.firstSeen ?? null, l).toBe(expected);
    }
  });

  it('counts accounts as the reference does when a file names more of them than the kernel has ids at once', async () => {
    // 40,000 lines, each naming two accounts (a field and an address in the text): over 13,000 distinct ones
    // per code, so the kernel's ids start over many times, in the middle of its batches of lines too.
    const codes = ['storage_error', 'smime_error', 'web_hook_moved'];
    const lines: string[] = [];
    for (let i = 0; i < 40_000; i++) {
      const who = `User${i % 13_000}@Example${i % 7}.com`;
      const minute = String(i % 60).padStart(2, '0');
      lines.push(JSON.stringify({ time: `2026-03-18T10:${minute}:00Z`, code: codes[i % 3], account: who, msg: `cc x${(i * 7) % 50}@example.org` }));
    }
    const bytes = Buffer.from(lines.join('\n') + '\n');
    const reference = report(await referenceJsonl([bytes], m), m);
    const fast = report(fastJsonl(chunked(bytes, [65_536]), m), m);
    expect(fast).toEqual(reference);
    expect(fast.codes.every((c) => c.accounts.bounded)).toBe(true);
  });

  it('skips over-long lines exactly as the reference reader does', async () => {
    await fc.assert(
      fc.asyncProperty(jsonl, fc.integer({ min: 1, max: 120 }), fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 4 }), async (bytes, max, sizes) => {
        const reference = report(await referenceJsonl([bytes], m, 'a.jsonl', undefined, max), m);
        expect(report(fastJsonl(chunked(bytes, sizes), m, 'a.jsonl', undefined, max), m)).toEqual(reference);
      }),
      { numRuns: runs(200), seed: 77 },
    );
  });
});

describe('with a code field and a time field of their own (names, dotted paths, names the kernel cannot watch)', () => {
  const m = defaultMatcher();
  const codeField = fc.constantFrom(undefined, 'event_code', 'code', 'msg', 'errorCode', 'level', 'msg.code', 'level.msg.error_code', 'timestamp', 'wh en', 'x'.repeat(64));
  const timeField = fc.constantFrom(undefined, 'when', 'ts', 'time', 'msg', 'event_code', 'msg.time', 'level.ts', 'user');
  const opts = fc.record({ codeField, timeField });

  it('give the reference report for random JSON lines, whatever the chunk sizes', async () => {
    await fc.assert(
      fc.asyncProperty(jsonl, opts, fc.array(fc.integer({ min: 1, max: 500 }), { minLength: 1, maxLength: 6 }), async (bytes, o, sizes) => {
        const reference = report(await referenceJsonl([bytes], m, 'a.jsonl', undefined, undefined, null, o), m);
        expect(report(fastJsonl(chunked(bytes, sizes), m, 'a.jsonl', undefined, undefined, null, o), m)).toEqual(reference);
      }),
      { numRuns: runs(250), seed: 1111 },
    );
  });

  it('give the reference tally when the kernel counts the lines itself', async () => {
    const record = fc
      .record({
        when: fc.constantFrom(undefined, '2026-03-18T10:00:00Z', '2026-03-18T10:01:30Z', '2026-03-18T09:59:00Z', 1710756000, 'soon'),
        time: fc.constantFrom(undefined, '2026-03-18T11:00:00Z'),
        event_code: fc.constantFrom(undefined, 'storage_error', 'SMIME_ERROR', 'quota_exceeded_hard', ''),
        code: fc.constantFrom(undefined, 'web_hook_moved'),
        msg: fc.constantFrom('ok', 'web_hook_moved for a@x.com', 'at 2026-03-18T08:00:00Z smime_error'),
        user: fc.constantFrom(undefined, 'b@y.org', 'B@Y.ORG'),
      })
      .map((r) => JSON.stringify(r) + '\n');
    const o = { codeField: 'event_code', timeField: 'when' };
    await fc.assert(
      fc.asyncProperty(fc.array(record, { minLength: 1, maxLength: 300 }), fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 6 }), async (lines, sizes) => {
        const bytes = Buffer.from(lines.join(''));
        expectSameTally(fastJsonl(chunked(bytes, sizes), m, 'a.jsonl', undefined, undefined, null, o), await referenceJsonl([bytes], m, 'a.jsonl', undefined, undefined, null, o), m);
      }),
      { numRuns: runs(200), seed: 1212 },
    );
  });

  it('is what the scan takes for JSON lines with any code or time field, dotted ones too', () => {
    const settings = (fields: FieldOptions) => fileSettings({ inputs: [], cwd: '.', catalog: buildCatalog([], true), fields });
    expect(fastPathApplies('jsonl', settings({ codeField: 'event_code', timeField: 'when' }))).toBe(true);
    expect(fastPathApplies('jsonl', settings({ codeField: 'event.code' }))).toBe(true);
    expect(fastPathApplies('json', settings({ timeField: 'meta.when' }))).toBe(true);
  });

  it('has the kernel watch names it can compare as bytes, each once (a dotted name as the key it is)', () => {
    for (const o of [{}, { codeField: 'event_code' }, { timeField: '@t' }, { codeField: 'code', timeField: 'time' }, { codeField: 'x'.repeat(63) }, { codeField: 'event.code' }])
      expect(fieldsOnFastPath(o), JSON.stringify(o)).toBe(true);
    // A name the kernel could not compare as bytes, one too long, one watched twice: such records are parsed.
    for (const o of [{ codeField: '' }, { timeField: 'wh en' }, { codeField: 'é' }, { codeField: 'x'.repeat(64) }, { codeField: 'timestamp' }, { timeField: 'user' }, { codeField: 'ts', timeField: 'ts' }])
      expect(fieldsOnFastPath(o), JSON.stringify(o)).toBe(false);
  });
});

describe('JSON lines the kernel counts itself, once a code has all its evidence', () => {
  const m = defaultMatcher();
  // Few codes, times and accounts: codes pass their evidence quickly; times tie, go back, are missing or
  // only readable by the record reader; codes sit in the code field or in the text.
  const record = fc
    .record({
      time: fc.constantFrom(undefined, '2026-03-18T10:00:00Z', '2026-03-18T10:00:30Z', '2026-03-18T09:59:00Z', '2026-03-18T10:02:00+02:00', 1710756000, 'soon'),
      code: fc.constantFrom(undefined, 'storage_error', 'SMIME_ERROR', 'quota_exceeded_hard', ''),
      msg: fc.constantFrom('ok', 'web_hook_moved for a@x.com', 'storage_error and smime_error', 'code=foo_bar storage_error', 'at 2026-03-18T08:00:00Z smime_error'),
      account: fc.constantFrom(undefined, 'b@y.org', 'B@Y.ORG', 'c.d@mail.example.net', 42),
      crlf: fc.boolean(),
    })
    .map(({ crlf, ...r }) => JSON.stringify(r) + (crlf ? '\r\n' : '\n'));
  const busy = fc.array(record, { minLength: 1, maxLength: 300 }).map((lines) => Buffer.from(lines.join('')));

  it('give the reference report and the same first occurrence of every code', async () => {
    await fc.assert(
      fc.asyncProperty(busy, fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 6 }), async (bytes, sizes) => {
        expectSameTally(fastJsonl(chunked(bytes, sizes), m), await referenceJsonl([bytes], m), m);
      }),
      { numRuns: runs(300), seed: 2511 },
    );
  });
});

describe('the JSON validator (the WebAssembly kernel)', () => {
  it('never calls valid a line that JSON.parse rejects, and agrees on whether it is an object', () => {
    const fields = new LineFields();
    fc.assert(
      fc.property(line, (l) => {
        const buf = Buffer.from(l, 'utf8');
        const kind = validateBytes(buf, fields);
        let parsed: unknown;
        let ok = true;
        try {
          parsed = JSON.parse(buf.toString('utf8'));
        } catch {
          ok = false;
        }
        if (kind !== Kind.Unsure) {
          expect(ok).toBe(true);
          expect(kind === Kind.Object).toBe(parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed));
        }
      }),
      { numRuns: runs(5000), seed: 1 },
    );
  });

  it('judges flat objects with broken numbers, literals and separators as JSON.parse does', () => {
    const fields = new LineFields();
    const rejected = ['{"a":1}\n x', '{"a":1}\n}', '{"a":1,}', '{"a":01}', '{"a":-}', '{"a":1.}', '{"a":1e}', '{"a":1e+}', '{"a":tru}', '{"a":nulll}', '{"a" 1}', '{}x', '{"a":"b"}}', '{"a":"b",,"c":1}', '{"a":+1}', '{"a":.5}', '{"a":"b"', '{"a":1 2}', '{,}', '{"a"}'];
    for (const l of rejected) expect(validateBytes(Buffer.from(l), fields), l).toBe(Kind.Unsure);
    const accepted = ['{}', '{"a":1}\n', '{"a":1}\r\n ', ' { } ', '{"a":-0}', '{"a":1.5e-3,"b":true,"c":false,"d":null}', '{"a":1E+2}', '{"code":"x","code":"y"}', '{"a":"\\u00e9"}'];
    for (const l of accepted) expect(validateBytes(Buffer.from(l), fields), l).toBe(Kind.Object);
  });

  it('accepts every valid line without control characters (so the fast path is the common path)', () => {
    const fields = new LineFields();
    fc.assert(
      fc.property(fc.oneof(objectLine, value), (l) => {
        const buf = Buffer.from(l, 'utf8');
        let ok = true;
        try {
          JSON.parse(l);
        } catch {
          ok = false;
        }
        // Lines with an escaped key are left to JSON.parse on purpose (the key could spell a watched field).
        if (ok && !/[\x00-\x1f]/.test(l) && !l.includes('\\u006f')) expect(validateBytes(buf, fields)).not.toBe(Kind.Unsure);
      }),
      { numRuns: runs(3000), seed: 2 },
    );
  });
});

describe('with a window, the JSON-lines fast path and the reference agree', () => {
  const m = defaultMatcher();
  const sizes = fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 6 });

  it('count the same codes inside it and the same records outside it, over-long lines skipped alike', async () => {
    await fc.assert(
      fc.asyncProperty(jsonl, sizes, windowArb, fc.constantFrom(40, 120, 64 * 1024 * 1024), async (bytes, cuts, w, max) => {
        const reference = await referenceJsonl([bytes], m, 'a.jsonl', undefined, max, w);
        expectSameTally(fastJsonl(chunked(bytes, cuts), m, 'a.jsonl', undefined, max, w), reference, m);
      }),
      { numRuns: runs(300), seed: 1208 },
    );
  });

  it('agree on busy logs: time fields, times in the text, missing, repeated and out of order', async () => {
    const record = fc
      .record({
        time: fc.constantFrom(undefined, '2026-03-18T10:00:00Z', '2026-03-18T10:00:30Z', '2026-03-18T09:59:00Z', '2026-03-18T12:00:00+02:00', 1773828000, 'soon'),
        code: fc.constantFrom(undefined, 'storage_error', 'SMIME_ERROR', 'quota_exceeded_hard', ''),
        msg: fc.constantFrom('ok', 'web_hook_moved for a@x.com', 'at 2026-03-18T10:01:00Z smime_error', 'at 2026-03-18T08:00:00Z'),
        crlf: fc.boolean(),
      })
      .map(({ crlf, ...r }) => JSON.stringify(r) + (crlf ? '\r\n' : '\n'));
    const busy = fc.array(fc.oneof({ weight: 8, arbitrary: record }, { weight: 1, arbitrary: fc.constantFrom('not json 2026-03-18T10:00:30Z\n', '{"time": "2026-03-18T10:01:00Z", broken\n', '\n', 'Caused by: x smime_error 2026-03-18T10:00:45Z\n', '\tat c.e.App.run(App.java:12) storage_error\n', '\u000b\n', '\u00a0\n') }), { maxLength: 200 });
    await fc.assert(
      fc.asyncProperty(busy, sizes, windowArb, async (lines, cuts, w) => {
        const bytes = Buffer.from(lines.join(''));
        expectSameTally(fastJsonl(chunked(bytes, cuts), m, 'a.jsonl', undefined, undefined, w), await referenceJsonl([bytes], m, 'a.jsonl', undefined, undefined, w), m);
      }),
      { numRuns: runs(300), seed: 1209 },
    );
  });
});

describe('with a catalog of codes that are not `_` words, the JSON-lines fast path and the reference agree', () => {
  const m = generalMatcher();
  const sizes = fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 6 });

  it('with and without a window, over-long lines skipped alike', async () => {
    expect(m.wordCodes).toBe(false);
    await fc.assert(
      fc.asyncProperty(jsonl, sizes, fc.option(windowArb), fc.constantFrom(40, 64 * 1024 * 1024), async (bytes, cuts, w, max) => {
        const reference = await referenceJsonl([bytes], m, 'a.jsonl', undefined, max, w);
        expectSameTally(fastJsonl(chunked(bytes, cuts), m, 'a.jsonl', undefined, max, w), reference, m);
      }),
      { numRuns: runs(300), seed: 1210 },
    );
  });
});
