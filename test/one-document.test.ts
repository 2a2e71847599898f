/**
 * A JSON record that is a document listing things, not an event (README "Wrapped JSON exports", the
 * `one-document` note): fixtures/exports/grafana and pagerduty, and generated cases. Every expected value was
 * worked out by hand from the inputs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listedArrays, DEFAULT_SHAPE, jsonShape } from '../src/input/json-shape.js';
import { noteText } from '../src/render/format.js';
import type { Report } from '../src/summary/report.js';
import { runMain, tempDir } from './support/main.js';
import { fileRow, order, scan } from './support/fixtures.js';

const { dir, remove } = tempDir('mxscan-one-document-');
afterAll(remove);

const exp = (name: string): string => `fixtures/exports/${name}`;
const notes = (r: Report) => (r.inputNotes ?? []).filter((n) => n.kind === 'one-document');
/** The JSON report of a scan of files written in the temporary directory. */
const scanHere = async (...args: string[]): Promise<Report> => JSON.parse((await runMain(['scan', ...args, '--format', 'json'], { cwd: dir })).out) as Report;

describe('listedArrays', () => {
  it('names the arrays of objects two of which hold codes, through objects only', () => {
    const holds = (v: unknown): boolean => /_error/.test(JSON.stringify(v));
    // Jira's search: each issue's text under `fields`; one array holds a single code, another none.
    const jira = { total: 3, issues: [{ key: 'M-1', fields: { summary: 'storage_error' } }, { key: 'M-2', fields: { summary: 'smime_error' } }, { key: 'M-3' }], names: [{ a: 'smime_error' }, { b: 1 }], tags: [{ t: 1 }, { t: 2 }] };
    expect(listedArrays(jira, DEFAULT_SHAPE, holds)).toEqual(['issues']);
    // One thing with a code among many: no code can be counted short.
    expect(listedArrays({ receivers: [{ name: 'ops' }, { name: 'mail' }], labels: { code: 'x' }, note: [{ n: 'storage_error' }] }, DEFAULT_SHAPE, holds)).toBe(undefined);
    // Strings in columns (Grafana's data frames): it lists them, with no path to name.
    expect(listedArrays({ frames: [{ data: { values: [[1, 2], ['storage_error a', 'smime_error b']] } }] }, DEFAULT_SHAPE, holds)).toEqual([]);
  });

  it('by default, names arrays of two objects or more, through objects only', () => {
    const pages = { log_entries: [{ created_at: '2026-04-07T09:14:02Z', summary: 'Triggered: storage_error' }, { id: 'R2' }], limit: 25, more: false };
    expect(listedArrays(pages, DEFAULT_SHAPE)).toEqual(['log_entries']);
    // Nested: a path through objects; an array of events found inside another array is not one --records can name.
    expect(listedArrays({ result: { hits: [{ summary: 'storage_error upload failed' }, {}] } }, DEFAULT_SHAPE)).toEqual(['result.hits']);
    expect(listedArrays({ pages: [{ rows: [{ msg: 'x' }, { msg: 'y' }] }] }, DEFAULT_SHAPE)).toEqual([]);
    // Columns, not objects (Grafana's data frames): it lists things, but no array of events.
    expect(listedArrays({ frames: [{ data: { values: [[1, 2], ['a b', 'c d']] } }] }, DEFAULT_SHAPE)).toEqual([]);
  });

  it('says nothing of an event, or of a document that lists nothing', () => {
    // An event's own field at the top level: a batch event listing its recipients.
    expect(listedArrays({ level: 'error', recipients: [{ to: 'a' }, { to: 'b' }] }, DEFAULT_SHAPE)).toBe(undefined);
    expect(listedArrays({ actor: 'ana@contoso.com', items: [{ id: 1 }, { id: 2 }] }, DEFAULT_SHAPE)).toBe(undefined);
    // One element is not a list (a page of one event reads as one record, which it is).
    expect(listedArrays({ log_entries: [{ created_at: '2026-04-07T09:14:02Z' }], more: false }, DEFAULT_SHAPE)).toBe(undefined);
    expect(listedArrays({ status: 'ok', ids: [1, 2, 3] }, DEFAULT_SHAPE)).toBe(undefined);
    // --code-field names an event's own field.
    expect(listedArrays({ alert: 'x', list: [{ a: 1 }, { a: 2 }] }, jsonShape({ codeField: 'alert' }))).toBe(undefined);
  });
});

describe('the one-document note', () => {
  it('a Grafana query response on one line: one record, each code once, and a note without an array to name', async () => {
    const f = exp('grafana/ds-query.json');
    const { code, report } = await scan([f]);
    expect(code).toBe(0);
    // Three lines of text in one frame's columns: storage_error twice, smime_error once, all in one record.
    expect(fileRow(report, f)).toMatchObject({ records: 1, matches: 2 });
    expect(order(report)).toEqual([
      ['smime_error', 1],
      ['storage_error', 1],
    ]);
    expect(notes(report)).toEqual([{ kind: 'one-document', file: f, source: 'field', line: 1, arrays: [] }]);
    expect(noteText(notes(report)[0]!)).toBe(`${f}: the record at line 1 is a document listing things, not an event: read as one record, each code counted once (no array of events in it for --records to name)`);
  });

  it('a PagerDuty log_entries response: the note names --records log_entries, which then counts each entry', async () => {
    const f = exp('pagerduty/log-entries.json');
    const before = await scan([f]);
    expect(fileRow(before.report, f)).toMatchObject({ records: 1, matches: 2 });
    expect(order(before.report)).toEqual([
      ['storage_error', 1],
      ['task_finished_without_error', 1],
    ]);
    expect(notes(before.report)).toEqual([{ kind: 'one-document', file: f, source: 'field', line: 1, arrays: ['log_entries'] }]);
    expect(noteText(notes(before.report)[0]!)).toContain('to count its events, name their array: --records log_entries');
    // Its three entries: storage_error at 09:14:02 and 09:20, task_finished_without_error at 10:00.
    const after = await scan([f, '--records', 'log_entries']);
    expect(fileRow(after.report, f)).toMatchObject({ records: 3, matches: 3 });
    expect(order(after.report)).toEqual([
      ['storage_error', 2],
      ['task_finished_without_error', 1],
    ]);
    expect(notes(after.report)).toEqual([]);
  });

  it('Graylog\'s search response: its messages are its records, whatever else it holds (its query, a `time` that is a duration)', async () => {
    const f = path.join(dir, 'graylog.json');
    const message = (code: string, user: string, timestamp: string, text: string) => ({ highlight_ranges: {}, message: { source: 'mx01', message: text, code, user, timestamp }, index: 'graylog_12' });
    writeFileSync(
      f,
      JSON.stringify(
        {
          query: 'service:m2c AND level:<=3',
          used_indices: [{ index_name: 'graylog_12', begin: '2026-04-07T00:00:00.000Z', end: '2026-04-07T23:59:59.999Z' }],
          messages: [message('storage_error', 'ana@contoso.com', '2026-04-07T09:14:02.113Z', 'upload failed; previous run ended with smime_error'), message('smime_error', 'cy@contoso.com', '2026-04-07T09:31:10.000Z', 'signer expired')],
          time: 9,
          total_results: 2,
        },
        null,
        2,
      ),
    );
    // Two messages: storage_error (ana, 09:14:02.113) and smime_error (cy, 09:31:10), each its code field's;
    // `messages` is a records path of its own, and the echoed query and the search's duration tell no event.
    for (const named of [['--records', 'messages'], []]) {
      const { report } = await scan([f, ...named, '--since', '2026-04-07T09:00Z', '--until', '2026-04-07T10:00Z']);
      expect(report.files[0]).toMatchObject({ records: 2, outsideWindow: 0 });
      expect(order(report)).toEqual([
        ['smime_error', 1],
        ['storage_error', 1],
      ]);
      expect(report.codes.find((c) => c.code === 'storage_error')!.firstSeen).toBe('2026-04-07T09:14:02.113Z');
    }
  });

  it('is said for standard input too (what its scan kept of its first MiB is read again): an export of aggregations alone is no all-clear', async () => {
    // Elasticsearch's response to a size:0 search: no hit, 41 storage_error in a bucket: none counted, said so.
    const aggs = Buffer.from('{"hits":{"total":1,"hits":[]},"aggregations":{"codes":{"buckets":[{"key":"storage_error","doc_count":41}]}}}\n');
    const r = await runMain(['scan', '-', '--format', 'json'], { cwd: dir, stdin: aggs });
    expect(r.err).toContain('mxscan: (stdin): an export with no record, whose other parts name catalog codes');
    expect((JSON.parse(r.out) as { inputNotes: unknown[] }).inputNotes).toEqual([{ kind: 'outside-records', file: '(stdin)', source: 'field' }]);
    // PagerDuty's log_entries piped in: the note names --records log_entries, as for the file.
    const piped = await runMain(['scan', '-'], { cwd: dir, stdin: readFileSync(exp('pagerduty/log-entries.json')) });
    expect(piped.err).toContain('(stdin): the record at line 1 is a document listing things, not an event');
    expect(piped.err).toContain('--records log_entries');
  });

  it('is said on stderr and in the markdown report, and changes no exit code', async () => {
    writeFileSync(path.join(dir, 'page.jsonl'), '{"data2":[{"msg":"storage_error a"},{"msg":"smime_error b"}],"next":"t1"}\n{"data2":[{"msg":"c"}],"next":null}\n');
    const r = await runMain(['scan', 'page.jsonl'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.err).toContain('page.jsonl: the record at line 1 is a document listing things, not an event: read as one record, each code counted once; to count its events, name their array: --records data2');
    expect(r.out).toContain('page.jsonl: the record at line 1 is a document listing things');
  });

  it('--records makes lines holding the array it names pages, their records timed or not, an empty first page too', async () => {
    // Two pages, no time field in their records (a paging loop's `jq -c .`): without --records, two records and
    // a note naming `data`; with it, three records.
    writeFileSync(path.join(dir, 'pages.jsonl'), '{"data":[{"id":"1","message":"storage_error upload failed"},{"id":"2","message":"storage_error again"}],"next":"abc"}\n{"data":[{"id":"3","message":"storage_error third"}],"next":null}\n');
    writeFileSync(path.join(dir, 'empty-first.jsonl'), '{"data":[],"next":"abc"}\n{"data":[{"id":"3","message":"storage_error third"},{"id":"4","message":"smime_error"}],"next":null}\n');
    const before = await scanHere('pages.jsonl');
    expect(before.totals.records).toBe(2);
    expect(notes(before).map((n) => n.arrays)).toEqual([['data']]);
    const after = await scanHere('pages.jsonl', '--records', 'data');
    expect(after.totals.records).toBe(3);
    expect(after.codes.find((c) => c.code === 'storage_error')?.count).toBe(3);
    expect(notes(after)).toEqual([]);
    const empty = await scanHere('empty-first.jsonl', '--records', 'data');
    expect(empty.totals.records).toBe(2);
    expect(empty.codes.map((c) => [c.code, c.count])).toEqual([['smime_error', 1], ['storage_error', 1]]);
  });

  it('is said of a YAML document too, naming the key --records takes (none for an item of a YAML sequence)', async () => {
    // A report's document (line 2) listing two failures under `failures`, a key no wrapped export uses.
    writeFileSync(path.join(dir, 'report.yaml'), ['---', 'kind: Report', 'failures:', '- message: storage_error for ann@example.com', '  time: 2026-03-18T10:00:00Z', '- message: smime_error for bob@example.com', '  time: 2026-03-18T11:00:00Z', ''].join('\n'));
    const before = await scanHere('report.yaml');
    expect(before.files.map((f) => [f.format, f.records])).toEqual([['yaml', 1]]);
    expect(notes(before)).toEqual([{ kind: 'one-document', file: 'report.yaml', source: 'field', line: 2, arrays: ['failures'] }]);
    const after = await scanHere('report.yaml', '--records', 'failures');
    expect(after.totals.records).toBe(2);
    expect(after.codes.map((c) => [c.code, c.count, c.firstSeen])).toEqual([
      ['smime_error', 1, '2026-03-18T11:00:00.000Z'],
      ['storage_error', 1, '2026-03-18T10:00:00.000Z'],
    ]);
    expect(notes(after)).toEqual([]);
    // The same report as the first item of a sequence (line 2: `- kind: Report`): --records has no path to it.
    writeFileSync(path.join(dir, 'reports.yaml'), ['---', '- kind: Report', '  failures:', '  - message: storage_error for ann@example.com', '  - message: smime_error for bob@example.com', '- kind: Report', '  failures: []', ''].join('\n'));
    expect(notes(await scanHere('reports.yaml'))).toEqual([{ kind: 'one-document', file: 'reports.yaml', source: 'field', line: 2, arrays: [] }]);
  });

  it('is said only when two of the things a document lists hold codes, and not of an element a wrapped export holds', async () => {
    // An Alertmanager alert whose receivers (two) hold no code; a first line without codes, events after it;
    // an Elasticsearch response whose hits (events, by their _source) list recipients.
    writeFileSync(path.join(dir, 'alert.json'), '{"labels":{"alertname":"M2C","code":"storage_error"},"receivers":[{"name":"ops"},{"name":"mail"}],"fingerprint":"ab12"}\n');
    writeFileSync(path.join(dir, 'first-quiet.jsonl'), '{"kind":"header","columns":[{"n":"a"},{"n":"b"}]}\n{"level":"error","msg":"storage_error"}\n');
    writeFileSync(path.join(dir, 'search.json'), '{"took":3,"hits":{"total":{"value":1},"hits":[{"_index":"m2c","_id":"1","_source":{"@timestamp":"2026-04-07T09:14:02Z","message":"storage_error x","recipients":[{"to":"a@x.io","code":"smime_error"},{"to":"b@x.io","code":"smime_error"}]}}]}}\n');
    const report = await scanHere('alert.json', 'first-quiet.jsonl', 'search.json');
    expect(report.files.map((f) => [f.path, f.records])).toEqual([['alert.json', 1], ['first-quiet.jsonl', 2], ['search.json', 1]]);
    expect(notes(report)).toEqual([]);
  });

  it('an Elasticsearch response with no hit and its codes in an aggregation’s buckets: no silent all-clear', async () => {
    const f = exp('elastic/aggregations.json');
    const { code, report } = await scan([f], { quiet: false });
    expect(code).toBe(0);
    // hits.hits is empty: no record, no code counted; the buckets name storage_error, smime_error, web_hook_moved.
    expect(fileRow(report, f)).toMatchObject({ format: 'json', records: 0, matches: 0 });
    expect(report.codes).toEqual([]);
    expect(report.inputNotes).toEqual([{ kind: 'outside-records', file: f, source: 'field' }]);
    // An empty array, or an export with no record and no code, says nothing.
    writeFileSync(path.join(dir, 'empty.json'), '[]\n');
    writeFileSync(path.join(dir, 'quiet-page.json'), '{"events":[],"nextToken":"abc","searchedLogStreams":[{"logStreamName":"a"}]}\n');
    expect((await scanHere('empty.json', 'quiet-page.json')).inputNotes ?? []).toEqual([]);
  });

  it('is not said of events, of documents without codes, or of plain text', async () => {
    writeFileSync(path.join(dir, 'events.jsonl'), '{"level":"error","msg":"storage_error","to":[{"a":1},{"a":2}]}\n');
    writeFileSync(path.join(dir, 'quiet.json'), '{"items2":[{"msg":"fine"},{"msg":"ok"}]}\n');
    writeFileSync(path.join(dir, 'text.log'), 'storage_error {"items2":[{"msg":"a"},{"msg":"b"}]}\n');
    const report = await scanHere('events.jsonl', 'quiet.json', 'text.log');
    expect(report.totals.records).toBe(3);
    expect(notes(report)).toEqual([]);
  });
});
