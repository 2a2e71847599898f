/**
 * Exports appended to one file (a loop of `aws logs filter-log-events … >> out.json`, a second array after
 * the first): every export's records are read. Expected values worked out by hand from the inputs.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JsonElements, type JsonSink } from '../src/input/json-split.js';
import { DEFAULT_SHAPE } from '../src/input/json-shape.js';
import { fileRow, order, row, scan, seen } from './support/fixtures.js';
import { ENGINES } from './oracle/switch.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts; src/scan.ts is mocked
// by the setup file of the project these tests run in, test/support/oracle-mock.ts).

/** The elements JsonElements gives for `text` fed in chunks of `size` bytes: [line, text] each, '!' for one skipped. */
function elements(text: string, size: number, maxLength = 1 << 20): [number, string][] {
  const out: [number, string][] = [];
  const sink: JsonSink = {
    element: (buf, s, e, line) => void out.push([line, buf.toString('utf8', s, e)]),
    skipped: (line) => void out.push([line, '!']),
  };
  const split = new JsonElements(maxLength, undefined, DEFAULT_SHAPE);
  const all = Buffer.from(text, 'utf8');
  let held = Buffer.alloc(0);
  for (let i = 0; i < all.length; i += size) {
    const buf = Buffer.concat([held, all.subarray(i, i + size)]);
    const at = split.split(buf, 0, buf.length, false, sink);
    expect(split.notArray).toBe(false);
    held = buf.subarray(at);
  }
  split.split(held, 0, held.length, true, sink);
  return out;
}

describe('appended exports, split into elements', () => {
  const cases: [string, string, [number, string][]][] = [
    [
      'two CloudWatch pages, the first one’s paging token holding brackets, braces and a quote',
      '{"events":[{"m":"a"},\n{"m":"b"}],"nextToken":"x}]{\\"[y"}\n{"events":[\n{"m":"c"}],"searchedLogStreams":[]}\n',
      [
        [1, '{"m":"a"}'],
        [2, '{"m":"b"}'],
        [4, '{"m":"c"}'],
      ],
    ],
    [
      'an Elasticsearch response (records two objects down) after another',
      '{"hits":{"total":1,"hits":[{"_source":{"m":"a"}}]},"took":1}\n{"took":2,"hits":{"hits":[{"_source":{"m":"b"}}]}}',
      [
        [1, '{"_source":{"m":"a"}}'],
        [2, '{"_source":{"m":"b"}}'],
      ],
    ],
    ['an array after an array', '[{"m":"a"}]\n[{"m":"b"},\n{"m":"c"}]\n', [[1, '{"m":"a"}'], [2, '{"m":"b"}'], [3, '{"m":"c"}']]],
    ['a wrapped export after an array', '[{"m":"a"}]{"data":[{"m":"b"}]}', [[1, '{"m":"a"}'], [1, '{"m":"b"}']]],
    // Text that is no export after one: one more element, to the end (as after an array).
    ['other text after a wrapped export', '{"events":[{"m":"a"}]}\nsmime_error at the end\n', [[1, '{"m":"a"}'], [2, 'smime_error at the end']]],
    ['an object without records after one', '{"events":[{"m":"a"}]}\n{"m":"b"}\n', [[1, '{"m":"a"}'], [2, '{"m":"b"}']]],
    // Each line of other text is one element, and an export may follow it (an API's error between two pages).
    [
      'an error line between two pages',
      '{"events":[{"m":"a"}]}\n{"error":{"status":429}}\n{"events":[{"m":"b"}]}\n',
      [
        [1, '{"m":"a"}'],
        [2, '{"error":{"status":429}}'],
        [3, '{"m":"b"}'],
      ],
    ],
    ['lines of text after an array, CRLF', '[{"m":"a"}]\r\nx y\r\n\r\n  z\r\n', [[1, '{"m":"a"}'], [2, 'x y'], [4, 'z']]],
    ['events after a page', '{"data":[{"m":"a"}],"meta":{}}\n{"t":1}\n{"t":2}', [[1, '{"m":"a"}'], [2, '{"t":1}'], [3, '{"t":2}']]],
    ['an array after a line of text', '[{"m":"a"}]\nnote\n[{"m":"b"}]', [[1, '{"m":"a"}'], [2, 'note'], [3, '{"m":"b"}']]],
    // Objects one after another (jq '.[]', log4j2's JsonLayout), each an element, then an export.
    [
      'pretty objects one after another',
      '{\n "level": "e",\n "m": "a"\n}\n{\n "m": "b}"\n}{"m":"c"}\n{"events":[{"m":"d"}]}',
      [
        [1, '{\n "level": "e",\n "m": "a"\n}'],
        [5, '{\n "m": "b}"\n}'],
        [7, '{"m":"c"}'],
        [8, '{"m":"d"}'],
      ],
    ],
    // A pretty array after a compact page: its elements may span lines.
    ['a pretty array after a compact page', '{"events":[{"m":"a"}]}\n[\n  {\n    "m": "b"\n  }\n]\n', [[1, '{"m":"a"}'], [3, '{\n    "m": "b"\n  }']]],
    // A compact page cut at its line's end (a killed loop): the element so far is one, the next line is read anew.
    [
      'a page cut short, then another',
      '{"events":[{"m":"a"}],"t":"x"}\n{"events":[{"m":"b"},{"m":"c\n{"events":[{"m":"d"}]}\n{"events":[{"m":"e"}],"nextTo\n{"events":[]}',
      [
        [1, '{"m":"a"}'],
        [2, '{"m":"b"}'],
        [2, '{"m":"c'],
        [3, '{"m":"d"}'],
        [4, '{"m":"e"}'],
      ],
    ],
    // After an export, an object with an event's own fields is an event, whatever array it holds.
    [
      'events with arrays after a page',
      '{"data":[{"m":"a"}]}\n{"level":50,"msg":"batch","items":[{"m":"x"}]}\n{"code":"c","events":[]}\n{"data":[{"m":"b"}]}',
      [
        [1, '{"m":"a"}'],
        [2, '{"level":50,"msg":"batch","items":[{"m":"x"}]}'],
        [3, '{"code":"c","events":[]}'],
        [4, '{"m":"b"}'],
      ],
    ],
    // Sorted keys (logrus, `jq -S`) put the array before `level` and `msg`: the whole object tells, not its head.
    [
      'an event with sorted keys after a page',
      '{"data":[{"m":"a"}]}\n{"data":[{"id":"m1"}],"level":"error","msg":"x"}\n{"entries":[],"time":"2026-04-07T10:00:00Z"}',
      [
        [1, '{"m":"a"}'],
        [2, '{"data":[{"id":"m1"}],"level":"error","msg":"x"}'],
        [3, '{"entries":[],"time":"2026-04-07T10:00:00Z"}'],
      ],
    ],
    [
      'a pretty event holding an array first, then another',
      '{\n  "data": [{"id": 1}],\n  "level": "error",\n  "msg": "m"\n}\n{\n  "level": "info"\n}',
      [
        [1, '{\n  "data": [{"id": 1}],\n  "level": "error",\n  "msg": "m"\n}'],
        [6, '{\n  "level": "info"\n}'],
      ],
    ],
    // A `[` that opens no array of objects starts a line of text (Airflow's `[2026-04-07, 09:30:00 UTC]`).
    [
      'a bracketed line of text after a page',
      '{"data":[{"m":"a"}]}\n[2026-04-07, 09:30:00 UTC] {x.py:88} ERROR - y\n[ {"m":"b"} ]\n[]\n',
      [
        [1, '{"m":"a"}'],
        [2, '[2026-04-07, 09:30:00 UTC] {x.py:88} ERROR - y'],
        [3, '{"m":"b"}'],
      ],
    ],
    // An object over several lines that is no JSON after one: its lines are text.
    ['a broken object after one', '{"events":[{"m":"a"}]}\n{\n "m": oops\n}\n', [[1, '{"m":"a"}'], [2, '{'], [3, '"m": oops'], [4, '}']]],
    // Cut inside the rest of the first object: nothing more.
    ['a first export cut after its records', '{"events":[{"m":"a"}],"nextToken":"x', [[1, '{"m":"a"}']]],
  ];
  it.each(cases)('%s', (_name, text, want) => {
    for (const size of [1, 2, 3, 7, 16, text.length]) expect(elements(text, size), `chunks of ${size}`).toEqual(want);
  });

  it('an over-long element of a compact page cut short is skipped, the next line read', () => {
    const text = `{"events":[{"m":"${'x'.repeat(100)}\n{"events":[{"m":"b"}]}`;
    for (const size of [1, 7, 64, text.length]) expect(elements(text, size, 50), `chunks of ${size}`).toEqual([[1, '!'], [2, '{"m":"b"}']]);
  });

  it('an over-long line of text after an export is skipped to its end, the next export read', () => {
    const text = `{"events":[{"m":"a"}]}\n${'x'.repeat(100)}\n{"events":[{"m":"b"}]}\nshort`;
    for (const size of [1, 7, 64, text.length]) expect(elements(text, size, 50), `chunks of ${size}`).toEqual([[1, '{"m":"a"}'], [2, '!'], [3, '{"m":"b"}'], [4, 'short']]);
  });

  it('an over-long element of the second export is skipped, the rest read', () => {
    const text = `{"events":[{"m":"a"}]}\n{"events":[{"m":"${'x'.repeat(100)}"},{"m":"b"}]}`;
    for (const size of [1, 5, text.length]) expect(elements(text, size, 50)).toEqual([[1, '{"m":"a"}'], [2, '!'], [2, '{"m":"b"}']]);
  });
});

describe.each(ENGINES)('appended CloudWatch pages (%s)', (engine) => {
  it('both pages’ events are records; neither paging token nor stream list is read for codes', async () => {
    const f = 'fixtures/exports/cloudwatch/appended-pages.json';
    const { code, report } = await scan([f], { engine });
    expect(code).toBe(0);
    // events on lines 3, 10 (first page) and 28, 35 (second page)
    expect(fileRow(report, f)).toMatchObject({ format: 'json', records: 4, matches: 4, unknown: 0, malformedRecords: 0 });
    expect(order(report)).toEqual([
      // ERROR, then INFO; each by count, then name
      ['smime_error', 1], // line 28 (not the one in the first page's nextToken, line 24)
      ['storage_error', 1], // line 3 (not the stream name on line 20)
      ['task_finished_without_error', 1], // line 10
      ['web_hook_moved', 1], // line 35
    ]);
    expect(row(report, 'smime_error').samples.map((s) => s.line)).toEqual([28]);
    expect(row(report, 'web_hook_moved').samples.map((s) => s.line)).toEqual([35]);
    // timestamps 1775556000000 and 1775556060000 (epoch ms)
    expect(seen(report, 'smime_error')).toEqual(['2026-04-07T10:00:00.000Z', '2026-04-07T10:00:00.000Z']);
    expect(seen(report, 'web_hook_moved')[0]).toBe('2026-04-07T10:01:00.000Z');
    expect(seen(report, 'storage_error')[0]).toBe('2026-04-07T09:14:02.113Z');
    expect(row(report, 'smime_error').accounts.top.map((a) => a.account)).toEqual(['erin@contoso.com']);
    expect(report.timeRange).toEqual({ start: '2026-04-07T09:14:02.113Z', end: '2026-04-07T10:01:00.000Z' });
  });
});

describe.each(ENGINES)('Datadog pages one per line (%s)', (engine) => {
  it('each page is an export: every log is a record, the paging links are not read for codes', async () => {
    const f = 'fixtures/exports/datadog/pages.jsonl';
    const { code, report } = await scan([f], { engine });
    expect(code).toBe(0);
    // page 1 (line 1): logs a, b; page 2 (line 2): c, d, e; page 3 (line 3): f
    expect(fileRow(report, f)).toMatchObject({ format: 'json', records: 6, matches: 6, unknown: 0, malformedRecords: 0 });
    expect(order(report)).toEqual([
      ['storage_error', 4], // a, c, d, f (read as JSON lines: 3, one per page)
      ['storage_credential_no_access', 1], // b's attributes.attributes.error_code
      ['web_hook_moved', 1], // e's attributes.attributes.code
      // no smime_error: only page 1's links.next names it
    ]);
    expect(row(report, 'storage_error').samples.map((s) => s.line)).toEqual([1, 2, 3]);
    expect(seen(report, 'storage_error')).toEqual(['2026-04-07T10:20:00.000Z', '2026-04-07T10:24:00.000Z']);
    // gil (a, c) and ivy (d, f)
    expect(row(report, 'storage_error').accounts.top.map((a) => [a.account, a.count])).toEqual([
      ['gil@contoso.com', 2],
      ['ivy@contoso.com', 2],
    ]);
    expect(report.timeRange).toEqual({ start: '2026-04-07T10:20:00.000Z', end: '2026-04-07T10:24:00.000Z' });
  });

  it('a window takes the logs inside it, page by page', async () => {
    const f = 'fixtures/exports/datadog/pages.jsonl';
    const { report } = await scan([f, '--since', '2026-04-07T10:22:00Z', '--until', '2026-04-07T10:23:00Z'], { engine });
    // c (10:22:00) and d (10:22:30) inside; a, b before, e (10:23:00) and f after
    expect(order(report)).toEqual([['storage_error', 2]]);
    expect(fileRow(report, f)).toMatchObject({ records: 6, outsideWindow: 4 });
  });
});

describe.each(ENGINES)('Elasticsearch scroll pages one per line, a rejected request among them (%s)', (engine) => {
  const f = 'fixtures/exports/elastic/scroll-pages.jsonl';

  it('every hit is a record; the 429 error line is one record, and the pages after it are read', async () => {
    const { code, report } = await scan([f], { engine });
    expect(code).toBe(0);
    // hits a1 (line 1), a2 and a3 (line 3), a4 (line 4); the error (line 2) a record of its own; line 5 has no hits
    expect(fileRow(report, f)).toMatchObject({ format: 'json', records: 5, matches: 4, malformedRecords: 0 });
    expect(order(report)).toEqual([['storage_error', 4]]);
    expect(seen(report, 'storage_error')).toEqual(['2026-04-07T09:00:00.000Z', '2026-04-07T09:03:00.000Z']);
    expect(row(report, 'storage_error').accounts.distinct).toBe(4); // ana, bo, cy, di
  });

  it('09:01:30 to 10:00: the hits of 09:02 and 09:03', async () => {
    const { report } = await scan([f, '--since', '2026-04-07T09:01:30Z', '--until', '2026-04-07T10:00:00Z'], { engine });
    expect(order(report)).toEqual([['storage_error', 2]]);
    expect(row(report, 'storage_error').samples.map((s) => s.line)).toEqual([3, 4]);
  });
});

describe.each(ENGINES)('CloudWatch pages, a loop killed mid-page and run again (%s)', (engine) => {
  const f = 'fixtures/exports/cloudwatch/pages-killed-loop.jsonl';

  it('the page cut short keeps its events before the cut; the pages after it are read', async () => {
    const { code, report } = await scan([f], { engine });
    expect(code).toBe(0);
    // line 1: 1 event; line 2: 1 whole event and the cut one (a record read as text); lines 3-7: 1 event each
    expect(fileRow(report, f)).toMatchObject({ format: 'json', records: 8, malformedRecords: 1 });
    expect(order(report)).toEqual([
      ['storage_error', 6], // lines 1, 3, 4, 5, 6, 7
      ['smime_error', 1], // line 2
    ]);
    expect(seen(report, 'storage_error')).toEqual(['2026-04-07T09:00:00.000Z', '2026-04-07T09:55:00.000Z']);
  });

  it('09:30 to 11:00: the five pages after the cut', async () => {
    const { report } = await scan([f, '--since', '2026-04-07T09:30:00Z', '--until', '2026-04-07T11:00:00Z'], { engine });
    expect(order(report)).toEqual([['storage_error', 5]]);
  });
});

// A paging loop whose first pages are empty (CloudWatch returns `"events":[]` with a nextToken while it
// searches streams; Datadog a `"data":[]` page): the first page with events tells that the lines are pages.
// Events: 11:20:00.123 storage_error (ben), 11:21 storage_error (cara), 11:22 storage_error, 11:23
// STORAGE_USER_WITH_ERROR (dan), 11:24 storage_error (dan): 5 records.
const EMPTY_FIRST = [
  '{"events":[],"searchedLogStreams":[{"logStreamName":"m2c/worker/0","searchedCompletely":true}],"nextToken":"Bxkq6kVGFtq2y_Mf"}',
  '{"events":[],"searchedLogStreams":[{"logStreamName":"m2c/worker/0b","searchedCompletely":true}],"nextToken":"Bxkq6kVGFtq2y_Mg"}',
  '{"events":[{"logStreamName":"w/1a","timestamp":1775560800123,"message":"ERROR storage_error for ben@contoso.com","eventId":"1"},{"logStreamName":"w/1a","timestamp":1775560860000,"message":"ERROR storage_error for cara@contoso.com","eventId":"2"},{"logStreamName":"w/1a","timestamp":1775560920000,"message":"ERROR storage_error again","eventId":"3"}],"searchedLogStreams":[],"nextToken":"Bxkq6kVGFtq2y_Mh"}',
  '{"events":[{"logStreamName":"w/1a","timestamp":1775560980000,"message":"WARN STORAGE_USER_WITH_ERROR for dan@contoso.com","eventId":"4"},{"logStreamName":"w/1a","timestamp":1775561040000,"message":"ERROR storage_error for dan@contoso.com","eventId":"5"}],"searchedLogStreams":[]}',
  '',
].join('\n');
const emptyDir = mkdtempSync(path.join(tmpdir(), 'mxscan-pages-empty-'));
afterAll(() => rmSync(emptyDir, { recursive: true, force: true }));

describe.each(ENGINES)('CloudWatch pages one per line, the first ones empty (%s)', (engine) => {
  it.each(['pages.jsonl', 'pages.json'])('%s: every event is a record, at its own time', async (name) => {
    const f = path.join(emptyDir, name);
    writeFileSync(f, EMPTY_FIRST);
    const { code, report } = await scan([f], { engine });
    expect(code).toBe(0);
    expect(report.files[0]).toMatchObject({ format: 'json', records: 5, untimedRecords: 0, malformedRecords: 0 });
    expect(order(report)).toEqual([
      ['storage_error', 4],
      ['STORAGE_USER_WITH_ERROR', 1],
    ]);
    expect(seen(report, 'storage_error')).toEqual(['2026-04-07T11:20:00.123Z', '2026-04-07T11:24:00.000Z']);
    expect(seen(report, 'STORAGE_USER_WITH_ERROR')).toEqual(['2026-04-07T11:23:00.000Z', '2026-04-07T11:23:00.000Z']);
    expect(row(report, 'storage_error').accounts.top.map((a) => a.account).sort()).toEqual(['ben@contoso.com', 'cara@contoso.com', 'dan@contoso.com']);
  });

  it('gzipped, its second page longer than what is looked at first (64 KiB): pages all the same', async () => {
    // 3,000 events a second apart from 11:20:00Z, each `ERROR storage_error n` (about 300 KB on one line).
    const events = Array.from({ length: 3000 }, (_, n) => `{"logStreamName":"w/1a","timestamp":${1775560800000 + n * 1000},"message":"ERROR storage_error ${n}","eventId":"${n}"}`);
    const text = `${EMPTY_FIRST.split('\n')[0]}\n{"events":[${events.join(',')}],"searchedLogStreams":[]}\n`;
    const f = path.join(emptyDir, 'big-pages.jsonl.gz');
    writeFileSync(f, gzipSync(Buffer.from(text)));
    const { code, report } = await scan([f], { engine });
    expect(code).toBe(0);
    expect(report.files[0]).toMatchObject({ format: 'json', records: 3000, untimedRecords: 0 });
    expect(order(report)).toEqual([['storage_error', 3000]]);
    expect(seen(report, 'storage_error')).toEqual(['2026-04-07T11:20:00.000Z', '2026-04-07T12:09:59.000Z']);
  });
});
