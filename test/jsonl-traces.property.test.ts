import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCatalog, buildReport } from '../src/index.js';
import { cutAfter, planUnits } from '../src/parallel/plan.js';
import { fastPathApplies, fileSettings, scanUnit } from '../src/scan.js';
import * as lib from '../src/scan.js';
import { joinRanges } from '../src/summary/ranges.js';
import { newTally } from '../src/summary/tally.js';
import { tempDir } from './support/cli.js';
import { oracleScanFile } from './oracle/scan.js';
import { evenRanges } from './support/ranges.js';
import type { FieldOptions } from '../src/extract/record.js';
import type { TimeWindow } from '../src/model/settings.js';
import { chunked, defaultMatcher, expectSameTally, fastJsonl, generalMatcher, referenceJsonl, report } from './support/engines.js';
import { runs } from './support/runs.js';
import { fastJsonArray, referenceStructured } from './support/structured.js';
import { DEFAULT_TIMES, timeContext } from '../src/extract/time-rules.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts; src/scan.ts is mocked
// by the setup file of the project these tests run in, test/support/oracle-mock.ts).

// JSON lines as collectors write a program's stack trace, a record per line (Docker's json-file, Filebeat):
// frames and `Caused by:` lines carry on the record before them when written with it (src/model/record.ts
// MESSAGE_FIELDS). Times a few hundred ms apart cross the one-second gap; some lines have no time, some a
// code field, some no message field at all; codes repeat so the kernel counts them itself once their
// evidence is full.
const T0 = Date.UTC(2026, 2, 18, 10, 0, 0);
const message = fc.constantFrom(
  '2026-03-18 10:00:00 ERROR upload failed: storage_error for ann@x.io',
  'com.mxhero.StorageException: storage_error: quota',
  '\tat com.mxhero.Box.upload(Box.java:42)',
  '    at Object.send (/app/x.js:1:1) smime_error',
  'Caused by: java.io.IOException: storage_error from box',
  '\tCaused by: smime_error for bob@y.org',
  // A code counted in its record already beside a new one and an address (a JSON array's element moves its account ids with them).
  'Caused by: java.io.IOException: storage_error, smime_error for cy@z.net',
  'Suppressed: web_hook_moved',
  '\t... 12 more',
  '  File "/app/x.py", line 3, in f storage_error',
  '---> storage_error inner',
  'at storage_error not a frame',
  'ok',
  'code=foo_bar storage_error',
);
const line = fc
  .record({
    key: fc.constantFrom('log', 'message', 'textPayload', 'msg'),
    message,
    step: fc.constantFrom(0, 1, 300, 700, 999, 1000, 5000, -1),
    timed: fc.constantFrom(true, true, true, false),
    code: fc.constantFrom(undefined, undefined, undefined, 'storage_error', 'ECONNRESET'),
    other: fc.constantFrom(undefined, undefined, 'message', 'log'),
    // Times only the caller reads (a number with a fraction: Fluent Bit's `date`; log4j2's `instant` object) beside ISO strings.
    form: fc.constantFrom('iso', 'iso', 'float', 'instant', 'ms'),
  })
  .map(({ key, message, step, timed, code, other, form }) => ({ key, message, step, timed, code, other, form }));
type Line = { key: string; message: string; step: number; timed: boolean; code: string | undefined; other: string | undefined; form: string };

function objects(ls: readonly Line[]): Record<string, unknown>[] {
  let t = T0;
  return ls.map((l) => {
    t += l.step;
    const o: Record<string, unknown> = {};
    // A message field that is no string first: the next one decides.
    if (l.other !== undefined && l.other !== l.key) o[l.other] = { text: 'nested' };
    o[l.key] = l.message + '\n';
    if (l.code !== undefined) o['code'] = l.code;
    if (l.timed && l.form === 'iso') o['time'] = new Date(t).toISOString();
    if (l.timed && l.form === 'ms') o['timestamp'] = t;
    if (l.timed && l.form === 'float') o['date'] = t / 1000;
    if (l.timed && l.form === 'instant') o['instant'] = { epochSecond: Math.floor(t / 1000), nanoOfSecond: (t % 1000) * 1e6 };
    return o;
  });
}

function lines(ls: readonly Line[]): Buffer {
  return Buffer.from(objects(ls).map((o) => JSON.stringify(o)).join('\n') + '\n');
}

// Blank, malformed and over-long lines among them (each a record of its own), and CRLF ends.
const corpus = fc
  .record({ ls: fc.array(line, { minLength: 1, maxLength: 200 }), odd: fc.array(fc.tuple(fc.nat(), fc.constantFrom('', '{"log":"\\tat x', 'x'.repeat(150))), { maxLength: 3 }), crlf: fc.boolean() })
  .map(({ ls, odd, crlf }) => {
    const out = lines(ls).toString().split('\n');
    for (const [at, l] of odd) out.splice(at % out.length, 0, l);
    return Buffer.from(out.join(crlf ? '\r\n' : '\n'));
  });
const options = fc.constantFrom<[number, FieldOptions]>([64 << 20, {}], [120, {}], [64 << 20, { timeField: 'time' }], [64 << 20, { codeField: 'code' }], [64 << 20, { timeField: 'event.time' }]);
const window = fc.constantFrom<TimeWindow | null>(null, { since: T0 + 1500, until: null }, { since: null, until: T0 + 2500 }, { since: T0 + 500, until: T0 + 30_000 });
const sizes = fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 6 });

describe('a stack trace a record per JSON line', () => {
  it('counts as the reference does, whatever the chunks, with a window or without, the kernel counting or not', async () => {
    for (const m of [defaultMatcher(), generalMatcher()]) {
      await fc.assert(
        fc.asyncProperty(corpus, window, sizes, options, async (bytes, w, s, [max, o]) => {
          expectSameTally(fastJsonl(chunked(bytes, s), m, 'a.jsonl', undefined, max, w, o), await referenceJsonl([bytes], m, 'a.jsonl', undefined, max, w, o), m);
        }),
        { numRuns: runs(150), seed: 7031 },
      );
    }
  });

  it('as elements of a JSON array (aws logs filter-log-events, gcloud logging read): counts as the reference does', async () => {
    const m = defaultMatcher();
    // Compact or pretty; a CloudWatch response wraps its events.
    const arrays = fc.tuple(fc.array(line, { minLength: 1, maxLength: 150 }), fc.constantFrom(0, 2), fc.boolean()).map(([ls, indent, wrapped]) => {
      const els = objects(ls);
      return Buffer.from(JSON.stringify(wrapped ? { events: els, searchedLogStreams: [] } : els, null, indent));
    });
    await fc.assert(
      fc.asyncProperty(arrays, sizes, fc.constantFrom<TimeWindow | null>(null, { since: T0 + 1500, until: null }), async (bytes, s, w) => {
        expectSameTally(fastJsonArray(chunked(bytes, s), m, undefined, w), await referenceStructured('json', [bytes], m, {}, undefined, w), m);
      }),
      { numRuns: runs(150), seed: 7033 },
    );
  });

  it('behind a collector\'s head (kubectl logs --timestamps of a program logging JSON), a trace\'s lines of text carry on its record too', async () => {
    const headedLine = fc.record({ json: fc.boolean(), message, step: fc.constantFrom(0, 1, 400, 999, 1000, -1), stream: fc.boolean() });
    const headedCorpus = fc.array(headedLine, { minLength: 1, maxLength: 120 }).map((ls) => {
      let t = T0;
      return Buffer.from(
        ls.map((l) => `${new Date((t += l.step)).toISOString()} ${l.stream ? 'stderr F ' : ''}${l.json ? JSON.stringify({ level: 'error', msg: l.message }) : l.message}`).join('\n') + '\n',
      );
    });
    const m = defaultMatcher();
    await fc.assert(
      fc.asyncProperty(headedCorpus, window, sizes, async (bytes, w, s) => {
        expectSameTally(fastJsonl(chunked(bytes, s), m, 'a.jsonl', undefined, undefined, w, {}, true), await referenceJsonl([bytes], m, 'a.jsonl', undefined, undefined, w, {}, true), m);
      }),
      { numRuns: runs(100), seed: 7032 },
    );
  });

  it('reads blanks a JSON string escapes (\\u0009, \\u0020) before a frame, and an array cut short before its `]` (counts by hand)', async () => {
    const m = defaultMatcher();
    const at = (ms: number): string => new Date(T0 + ms).toISOString();
    const head = `{"time":"${at(0)}","log":"upload failed: storage_error"}`;
    // 2 records by hand: the head and its frame (a tab written \u0009), `Caused by:` after two escaped blanks; then a line 5 s later.
    const escaped = [head, `{"time":"${at(1)}","log":"\\u0009at x.Y(Y.java:1) storage_error"}`, `{"time":"${at(2)}","log":"\\u0020\\u0020Caused by: storage_error"}`, `{"time":"${at(5000)}","log":"storage_error"}`];
    const lines = Buffer.from(escaped.join('\n') + '\n');
    const r = report(fastJsonl([lines], m), m);
    expect([r.totals.records, r.codes.map((c) => c.count)]).toEqual([2, [2]]);
    expect(report(await referenceJsonl([lines], m), m)).toEqual(r);
    // An array whose `]` is missing (a download cut short): its last element carries on the record before it: 1 record.
    const cut = Buffer.from(`[${head},\n{"time":"${at(1)}","log":"\\tat com.x.Box.upload(Box.java:42)"}\n`);
    for (const sizes of [[1], [cut.length]]) {
      const a = report(fastJsonArray(chunked(cut, sizes), m), m);
      expect([a.totals.records, a.codes.map((c) => c.count)]).toEqual([1, [1]]);
      expect(a).toEqual(report(await referenceStructured('json', [cut], m), m));
    }
  });

  it('behind syslog\'s head (journalctl -u, /var/log/syslog of a program logging JSON) too (counts by hand)', async () => {
    const m = defaultMatcher();
    const head = 'Apr  7 09:14:02 mx01 m2c[812]: ';
    const bytes = Buffer.from(
      [`${head}{"level":"info","msg":"ok"}`, `${head}com.x.StorageException: storage_error`, `${head}\tat x.Y(Y.java:1)`, `${head}Caused by: storage_error again`, `${head}#011at x smime_error`].join('\n') + '\n',
    );
    const o = { times: timeContext({ ...DEFAULT_TIMES, year: 2026 }, null) };
    const r = report(fastJsonl([bytes], m, 'a.jsonl', undefined, undefined, null, o, true), m);
    // Records: line 1; lines 2-5 (the exception, its frames and `Caused by:`, all at 09:14:02).
    expect(r.totals.records).toBe(2);
    expect(Object.fromEntries(r.codes.map((c) => [c.code, [c.count, c.firstSeen]]))).toEqual({ storage_error: [1, '2026-04-07T09:14:02.000Z'], smime_error: [1, '2026-04-07T09:14:02.000Z'] });
    expect(report(await referenceJsonl([bytes], m, 'a.jsonl', undefined, undefined, null, o, true), m)).toEqual(r);
  });

  it('behind Heroku\'s head (heroku logs of a program logging JSON, its JVM\'s trace as text) too (counts by hand)', async () => {
    const m = defaultMatcher();
    const at = (ms: number): string => `2026-04-07T09:14:02.${String(ms).padStart(3, '0')}456+00:00 app[web.1]: `;
    const bytes = Buffer.from(
      [`${at(100)}{"level":"error","code":"storage_error","msg":"upload failed"}`, `${at(113)}java.io.IOException: storage_error quota`, `${at(114)}\tat x.Y(Y.java:1)`, `${at(115)}Caused by: java.io.IOException: storage_error, smime_error`].join('\n') + '\n',
    );
    const r = report(fastJsonl([bytes], m, 'a.jsonl', undefined, undefined, null, undefined, true), m);
    // Records: line 1 (its code field its only code); lines 2-4 (the exception's head, its frame and `Caused by:`,
    // whose own time smime_error, first named there, takes).
    expect(r.totals.records).toBe(2);
    expect(Object.fromEntries(r.codes.map((c) => [c.code, [c.count, c.firstSeen]]))).toEqual({ storage_error: [2, '2026-04-07T09:14:02.100Z'], smime_error: [1, '2026-04-07T09:14:02.115Z'] });
    expect(report(await referenceJsonl([bytes], m, 'a.jsonl', undefined, undefined, null, undefined, true), m)).toEqual(r);
  });

  it('counts a code once per record: the trace a collector wrote line by line (counts by hand)', async () => {
    const m = defaultMatcher();
    const at = (ms: number): string => new Date(T0 + ms).toISOString();
    const docker = (log: string, ms: number): string => JSON.stringify({ log: log + '\n', stream: 'stderr', time: at(ms) });
    const bytes = Buffer.from(
      [
        // Record 1: the exception's head, its frames, and a `Caused by:` naming the same code (counted once).
        docker('com.mxhero.StorageException: storage_error: quota', 0),
        docker('\tat com.mxhero.Box.upload(Box.java:42)', 1),
        docker('Caused by: java.io.IOException: storage_error from box', 2),
        // Still record 1: a code it had not named counts.
        docker('Caused by: smime_error', 3),
        // Record 2: two seconds later, a frame is an event of its own.
        docker('\tat storage_error.late(X.java:1)', 2003),
        // Records 3 and 4: an exception's head starts one; a line without a trace's shape too.
        docker('java.lang.IllegalStateException: storage_error', 2004),
        docker('retrying storage_error', 2005),
        // Filebeat's `message`: record 5, its `Caused by:` joins it.
        JSON.stringify({ '@timestamp': at(9000), message: 'upload failed: smime_error' }),
        JSON.stringify({ '@timestamp': at(9001), message: 'Caused by: smime_error again' }),
      ].join('\n') + '\n',
    );
    const r = report(fastJsonl([bytes], m), m);
    expect(r.totals.records).toBe(5);
    expect(Object.fromEntries(r.codes.map((c) => [c.code, c.count]))).toEqual({ storage_error: 4, smime_error: 2 });
    expect(report(await referenceJsonl([bytes], m), m)).toEqual(r);
  });
});

describe('the byte ranges of a JSON-lines file of stack traces', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('never start at a line that may carry a record on; joined, they count what the reference counts over the whole file', async () => {
    // 3,000 lines: an exception every 6 lines, its frames and a `Caused by:` naming its code again, 1 ms apart.
    const lines: string[] = [];
    for (let i = 0; i < 3_000; i++) {
      const log = ['java.lang.Exception: storage_error', '\tat a.B(B.java:1)', '\tat c.D(D.java:2)', 'Caused by: storage_error again for a@x.com', '\t... 3 more', 'ok'][i % 6]!;
      lines.push(JSON.stringify({ log: log + '\n', stream: 'stderr', time: new Date(T0 + Math.floor(i / 6) * 5_000 + (i % 6)).toISOString() }));
    }
    const dir = tempDir('trace-ranges');
    dirs.push(dir);
    const file = path.join(dir, 'a.jsonl');
    writeFileSync(file, lines.join('\n') + '\n');
    const catalog = buildCatalog([], true);
    const s = fileSettings({ inputs: [], cwd: dir, catalog, jobs: 3 });
    const units = await evenRanges(await planUnits([{ path: 'a.jsonl', file }], 3, s, fastPathApplies, 1024), 3);
    expect(units.length).toBe(3);
    const parts = [];
    const starts: number[] = [];
    lines.reduce((at, l) => (starts.push(at), at + l.length + 1), 0);
    for (const [index, u] of units.entries()) {
      // Each range starts at an exception's head or an `ok` line, never at a frame or `Caused by:`.
      expect([0, 5]).toContain(starts.indexOf(u.input.range!.start) % 6);
      parts.push(await scanUnit({ index, input: u.input }, s));
    }
    const whole = newTally();
    await oracleScanFile({ path: 'a.jsonl', file }, s, whole, lib);
    const report = (t: typeof whole) => buildReport(t, { catalog, version: 'test', window: null });
    const joined = report(joinRanges('a.jsonl', parts));
    expect(joined).toEqual(report(whole));
    // By hand: 500 exceptions of 5 lines each and 500 `ok` lines (records of their own), storage_error once each.
    expect(joined.totals.records).toBe(1_000);
    expect(joined.codes.map((c) => [c.code, c.count])).toEqual([['storage_error', 500]]);
    // From the first frame on: past the frames and the `Caused by:`, to the `ok` line.
    expect(cutAfter(file, starts[1]!, 100_000, 'jsonl')).toBe(starts[5]);
  });
});
