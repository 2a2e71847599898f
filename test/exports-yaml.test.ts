/**
 * YAML exports (README "Exports mxscan reads": Google Cloud Logging): `gcloud logging read` writes YAML
 * documents unless told `--format=json`, each entry after a `---`. Every expected value was worked out by
 * hand from the fixture files and the inputs written here (lines and times cited), never copied from
 * mxscan's output.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { accounts, fileRow, lines, order, scan, seen } from './support/fixtures.js';
import { ENGINE_FLAGS, on } from './oracle/switch.js';
import { tempDir } from './support/main.js';
import { newFileStat } from '../src/model/stats.js';
import { isYamlStream, yamlAsJson } from '../src/input/yaml.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts; src/scan.ts is mocked
// by the setup file of the project these tests run in, test/support/oracle-mock.ts).

const READ = 'fixtures/exports/gcp/read.yaml';
const { remove, write } = tempDir('mxscan-yaml-');
afterAll(remove);
const written = (name: string, lines: readonly string[]): string => write(name, lines.join('\n') + '\n');

/** A LogEntry as gcloud writes it, keys in order, after its `---` (6 lines). */
const entry = (time: string, payload: readonly string[]): string[] => ['---', 'insertId: x1', ...payload, 'severity: ERROR', `timestamp: '${time}'`];

describe('gcloud logging read (YAML, its default format)', () => {
  it.each(ENGINE_FLAGS)('an entry a record %j: jsonPayload\'s code the only code, timestamp the time, newest first', async (flags) => {
    const { code, report } = await scan([READ, ...on(flags).args], { engine: on(flags).engine });
    expect(code).toBe(0);
    // Five documents, starting (after each `---`) on lines 2, 25, 41, 59 and 77.
    expect(fileRow(report, READ)).toMatchObject({ format: 'yaml', records: 5, matches: 6, unknown: 0, malformedRecords: 0, skippedLines: 0, untimedRecords: 0 });
    expect(report.totals.byLevel).toEqual({ ERROR: 4, WARN: 1, INFO: 1 });
    expect(order(report)).toEqual([
      // line 2: a textPayload block (lines 17-22) holding a Java trace: no code field, its text read, the
      // connection_error_max_retry its `Caused by:` names again counted once
      ['connection_error_max_retry', 1],
      ['smime_error', 1], // line 25: a textPayload folded over lines 37-38
      ['storage_error', 1], // line 59: jsonPayload.code
      ['task_finished_with_error', 1], // line 2
      ['STORAGE_USER_WITH_ERROR', 1], // line 77, severity WARNING
      // line 41: jsonPayload.code; the storage_error its message names is not counted
      ['task_finished_without_error', 1],
    ]);
    expect([lines(report, 'task_finished_with_error'), lines(report, 'smime_error'), lines(report, 'task_finished_without_error'), lines(report, 'storage_error'), lines(report, 'STORAGE_USER_WITH_ERROR')]).toEqual([[2], [25], [41], [59], [77]]);
    // `timestamp`, not `receiveTimestamp` (line 65: 09:14:02.512) nor the text's own time
    expect(seen(report, 'storage_error')).toEqual(['2026-04-07T09:14:02.113Z', '2026-04-07T09:14:02.113Z']);
    expect(seen(report, 'task_finished_with_error')[0]).toBe('2026-04-07T09:40:00.250Z');
    expect(seen(report, 'STORAGE_USER_WITH_ERROR')[0]).toBe('2026-04-07T09:10:00.500Z');
    expect(report.timeRange).toEqual({ start: '2026-04-07T09:10:00.500Z', end: '2026-04-07T09:40:00.250Z' });
    expect(accounts(report, 'storage_error')).toEqual(['ann.lee@contoso.com']); // jsonPayload.account
    expect(accounts(report, 'smime_error')).toEqual(['bob.ray@contoso.com']); // in the folded text
    expect(accounts(report, 'STORAGE_USER_WITH_ERROR')).toEqual(['carl.diaz@contoso.com']);
  });

  it('told by its content: saved as a .log, piped, gzipped, without its first `---`', async () => {
    const bytes = readFileSync(READ);
    const asLog = write('incident.log', bytes.toString());
    const gz = write('read.yaml.gz', '');
    writeFileSync(gz, gzipSync(bytes));
    // `tail -n +2`: a key after the next `---`
    const cut = write('cut.txt', bytes.toString().slice(4));
    for (const f of [asLog, gz, cut]) {
      const { report } = await scan([f]);
      expect(report.files[0]).toMatchObject({ format: 'yaml', records: 5, matches: 6, malformedRecords: 0 });
      expect(report.totals.byLevel).toEqual({ ERROR: 4, WARN: 1, INFO: 1 });
    }
    const { report } = await scan(['-'], { stdin: bytes });
    expect(report.files[0]).toMatchObject({ format: 'yaml', records: 5 });
    expect(lines(report, 'STORAGE_USER_WITH_ERROR')).toEqual([77]);
  });

  it.each(ENGINE_FLAGS)('a window %j: each entry in or out by its timestamp', async (flags) => {
    const { report } = await scan([READ, '--since', '2026-04-07T09:15:00Z', '--until', '2026-04-07T09:30:00Z', ...on(flags).args], { engine: on(flags).engine });
    // 09:40:00.250 (line 2), 09:14:02.113 (line 59) and 09:10:00.500 (line 77) are outside; 09:25 and 09:20 in.
    expect(fileRow(report, READ)).toMatchObject({ records: 5, outsideWindow: 3 });
    expect(order(report)).toEqual([
      ['smime_error', 1],
      ['task_finished_without_error', 1],
    ]);
  });

  it('--code-field and --time-field reach into an entry', async () => {
    const { report } = await scan([READ, '--code-field', 'jsonPayload.code', '--time-field', 'receiveTimestamp']);
    // Only the three jsonPayload entries have the code field; the two textPayload entries are read as text.
    expect(report.totals.byLevel).toEqual({ ERROR: 4, WARN: 1, INFO: 1 });
    expect(seen(report, 'storage_error')[0]).toBe('2026-04-07T09:14:02.512Z'); // line 65
  });
});

describe('YAML documents that are not entries', () => {
  it('a top-level sequence: a record per item, each on its own line', async () => {
    const f = written('items.yml', [
      '- time: 2026-04-07T09:00:00Z', // line 1
      '  code: storage_error',
      '- time: 2026-04-07T09:05:00Z', // line 3
      '  message: smime_error for ann@contoso.com',
      '- {time: 2026-04-07T09:10:00Z, code: web_hook_moved}', // line 5
    ]);
    const { report } = await scan([f]);
    expect(report.files[0]).toMatchObject({ format: 'yaml', records: 3, malformedRecords: 0 });
    expect([lines(report, 'storage_error'), lines(report, 'smime_error'), lines(report, 'web_hook_moved')]).toEqual([[1], [3], [5]]);
    // An unquoted time is a string (YAML 1.2's core schema), read as a quoted one is.
    expect(seen(report, 'smime_error')[0]).toBe('2026-04-07T09:05:00.000Z');
    expect(accounts(report, 'smime_error')).toEqual(['ann@contoso.com']);
  });

  it('a kubectl list (`kubectl get events -o yaml`) is read as its items, each a record on its line with its own time', async () => {
    const f = written('events.yaml', [
      'apiVersion: v1',
      'items:',
      '- apiVersion: v1', // line 3
      '  kind: Event',
      '  lastTimestamp: "2026-03-18T10:00:00Z"',
      "  message: 'sync failed: storage_error for ann@example.com'",
      '  reason: SyncFailed',
      '- apiVersion: v1', // line 8
      '  kind: Event',
      '  lastTimestamp: "2026-03-18T11:00:00Z"',
      "  message: 'smime_error: certificate expired for bob@example.com'",
      '  reason: SignFailed',
      'kind: List',
      'metadata:',
      '  resourceVersion: ""',
    ]);
    const { report } = await scan([f]);
    // Read whole it was one record: both codes at 10:00, on line 1.
    expect(report.files[0]).toMatchObject({ format: 'yaml', records: 2, malformedRecords: 0 });
    expect([lines(report, 'storage_error'), lines(report, 'smime_error')]).toEqual([[3], [8]]);
    expect([seen(report, 'storage_error')[0], seen(report, 'smime_error')[0]]).toEqual(['2026-03-18T10:00:00.000Z', '2026-03-18T11:00:00.000Z']);
    expect([accounts(report, 'storage_error'), accounts(report, 'smime_error')]).toEqual([['ann@example.com'], ['bob@example.com']]);
    // A page whose records array is empty (`results: []`, the first records path) is one record, as before:
    // read as none, the event listed under its `items` would be lost with no word said.
    const page = written('page.yaml', ['results: []', 'items:', '- message: storage_error for ann@example.com', '  time: 2026-03-18T10:00:00Z']);
    const second = await scan([page]);
    expect(second.report.files[0]).toMatchObject({ format: 'yaml', records: 1 });
    expect(order(second.report)).toEqual([['storage_error', 1]]);
  });

  it('a kubectl list past 4 MiB (what the yaml package parses) is read as its items too', async () => {
    // 36,000 events of 5 lines, ~157 bytes each: 5.6 MB; event k names storage_error (k even) or smime_error.
    const event = (k: number): string[] => ['- apiVersion: v1', '  kind: Event', `  lastTimestamp: "2026-03-18T10:${String(k % 60).padStart(2, '0')}:00Z"`, `  message: '${k % 2 === 0 ? 'storage_error' : 'smime_error'} on pod worker-${k}'`, '  reason: Failed'];
    const f = written('big-list.yaml', ['apiVersion: v1', 'items:', ...Array.from({ length: 36_000 }, (_, k) => event(k)).flat(), 'kind: List']);
    const { report } = await scan([f]);
    // Read as lines of text it was 180,003 records, one malformed.
    expect(report.files[0]).toMatchObject({ format: 'yaml', records: 36_000, malformedRecords: 0 });
    expect(order(report)).toEqual([['smime_error', 18_000], ['storage_error', 18_000]]);
    // Event k on line 3 + 5k: the last (k = 35,999, smime_error) on line 179,998.
    expect(lines(report, 'smime_error').at(-1)).toBe(179_998);
  });

  it('a kubectl list past 10 MiB is read an item at a time: its items the records, what follows them passed over', async () => {
    // 80,000 events of 5 lines, ~150 bytes each: 12.3 MB; event k names storage_error (k even) or smime_error,
    // for user(k % 7)@example.com, at 10:(k % 60).
    const event = (k: number): string[] => ['- apiVersion: v1', '  kind: Event', `  lastTimestamp: "2026-03-18T10:${String(k % 60).padStart(2, '0')}:00Z"`, `  message: '${k % 2 === 0 ? 'storage_error' : 'smime_error'} for user${k % 7}@example.com'`, '  reason: Failed'];
    // After the list, a key whose text names a code: passed over, as in a list read whole (see the test above).
    const f = written('huge-list.yaml', ['apiVersion: v1', 'items:', ...Array.from({ length: 80_000 }, (_, k) => event(k)).flat(), 'kind: List', 'metadata:', '  note: task_finished_with_error']);
    const { report } = await scan([f]);
    // Read as lines of text past 10 MiB it was 400,005 records, one malformed, every line its own time.
    expect(report.files[0]).toMatchObject({ format: 'yaml', records: 80_000, malformedRecords: 0, skippedLines: 0, untimedRecords: 0 });
    expect(order(report)).toEqual([['smime_error', 40_000], ['storage_error', 40_000]]);
    // Event k on line 3 + 5k: the first smime_error (k = 1) on line 8; the last sample is the last at its latest
    // time, 10:59 (odd k with k % 60 = 59: the last is k = 79,979), on line 399,898.
    expect(lines(report, 'smime_error')[0]).toBe(8);
    expect(lines(report, 'smime_error').at(-1)).toBe(399_898);
    expect(seen(report, 'storage_error')).toEqual(['2026-03-18T10:00:00.000Z', '2026-03-18T10:58:00.000Z']);
    // smime_error: odd k, whose k % 7 takes every value: all seven users.
    expect(report.codes.find((c) => c.code === 'smime_error')!.accounts.distinct).toBe(7);
  });

  it('a list too long to hold gives the array a list read whole gives, whatever surrounds it', async () => {
    // A limit of 4 KiB (--max-line-length) makes these lists too long to hold: read an item at a time, they
    // must be written as the same list under no limit is.
    const item = (k: number): string[] => [`- message: storage_error ${k}`, '  tags:', '  - a', `  - b${k}`, `  time: '2026-03-18T10:00:${String(k % 60).padStart(2, '0')}Z'`];
    const list = (n: number, before: string[], after: string[]): string[] => [...before, 'items:', ...Array.from({ length: n }, (_, k) => [...item(k), ...(k % 9 === 4 ? ['', '# a comment'] : [])]).flat(), ...after];
    const docs = [
      list(400, ['apiVersion: v1'], ['kind: List', 'metadata:', '  resourceVersion: ""']),
      ['---', ...list(300, ['kind: EventList', 'apiVersion: v1'], []), '---', 'message: smime_error', 'time: 2026-03-18T11:00:00Z', '...', ...list(250, ['---', 'apiVersion: v1'], ['kind: List'])],
      list(350, [], ['kind: List']),
      // After the list, another list at column 0 whose items name codes: passed over, as in the list read whole.
      list(300, ['apiVersion: v1'], ['warnings:', '- message: smime_error', '- message: web_hook_moved', 'kind: List']),
      // yq's lists: the items indented under their key (comments at column 0 among them too).
      [...list(400, ['apiVersion: v1'], []).map((l) => (l === 'items:' || l === 'apiVersion: v1' || l.startsWith('#') || l === '' ? l : `  ${l}`)), 'kind: List'],
      ['---', ...list(300, [], []).map((l) => (l === 'items:' || l === '' ? l : `    ${l}`)), 'warnings:', '    - message: smime_error', '---', 'message: smime_error'],
    ];
    const run = async (text: string, maxLength: number, shortcut = true): Promise<string> => {
      const out: Buffer[] = [];
      async function* source(): AsyncGenerator<Buffer> {
        for (let i = 0; i < text.length; i += 1000) yield Buffer.from(text.slice(i, i + 1000));
      }
      for await (const b of yamlAsJson(source(), newFileStat('x'), maxLength, undefined, shortcut)) out.push(b);
      return Buffer.concat(out).toString();
    };
    for (const d of docs) {
      const text = d.join('\n') + '\n';
      const whole = await run(text, 1 << 30);
      expect(await run(text, 4096)).toBe(whole);
      // Read by the yaml package alone (the reference of the documents written from their bytes), too.
      expect(await run(text, 4096, false)).toBe(whole);
    }
    // The first: its 400 items, each on its `- ` line (line 3 + 5k, two lines more after every ninth from the fifth).
    const first = JSON.parse(await run(docs[0]!.join('\n') + '\n', 4096)) as { message: string }[];
    expect(first).toHaveLength(400);
    expect(first[399]).toEqual({ message: 'storage_error 399', tags: ['a', 'b399'], time: '2026-03-18T10:00:39Z' });
    // A short records list, then a list past 1 MiB under another key: read whole, its records are the first
    // list's three items (the other is not read an item at a time).
    const two = [...list(3, ['apiVersion: v1'], []), 'foo:', ...Array.from({ length: 14_000 }, (_, k) => item(k)).flat(), 'kind: List'];
    expect(JSON.parse(await run(two.join('\n') + '\n', 1 << 30))).toHaveLength(3);
    // Items from the 40th on have a quoted key (the yaml package's to read): wherever the limit falls before
    // them, or on the first of them's line (the list read an item at a time from there), each keeps its line.
    const quoted = ['apiVersion: v1', 'items:', ...Array.from({ length: 120 }, (_, k) => (k < 40 ? item(k) : [`- "the message": smime_error ${k}`, `  time: '2026-03-18T10:00:00Z'`])).flat(), 'kind: List'];
    const text = quoted.join('\n') + '\n';
    const whole = await run(text, 1 << 30);
    const at40 = text.indexOf('- "the message"');
    for (let limit = at40 - 300; limit <= at40 + 32; limit += 3) expect(await run(text, limit)).toBe(whole);
  });

  it('a long list whose items name an anchor, or with a line at column 0 inside an item: no item lost', async () => {
    // 20,000 events of 3 lines (~1.6 MB, past the 1 MiB a list is read an item at a time from, reached near
    // event 13,000): event k names storage_error (k even) or smime_error (k odd).
    const event = (k: number): string[] => ['- kind: Event', `  message: "${k % 2 === 0 ? 'storage_error' : 'smime_error'} n${k}"`, `  lastTimestamp: "2026-03-18T10:${String(k % 60).padStart(2, '0')}:00Z"`];
    const events = (n: number, at: (k: number) => string[] = event): string[] => Array.from({ length: n }, (_, k) => at(k)).flat();
    // The first event's source is an anchor, the last's an alias of it: the list is read whole (the yaml package's).
    const anchored = written('anchored.yaml', ['apiVersion: v1', 'items:', ...events(20_000, (k) => (k === 0 ? [...event(0), '  source: &src kubelet'] : k === 19_999 ? [...event(k), '  source: *src'] : event(k))), 'kind: List']);
    const a = await scan([anchored]);
    expect(a.report.files[0]).toMatchObject({ format: 'yaml', records: 20_000, malformedRecords: 0 });
    expect(order(a.report)).toEqual([['smime_error', 10_000], ['storage_error', 10_000]]);
    // Event 18,000's message goes on at column 0 (no YAML): it is one malformed record of its text, and what
    // follows it is read as lines of text (one of them malformed), each a record: no code is lost.
    const broken = written('broken.yaml', ['apiVersion: v1', 'items:', ...events(20_000, (k) => (k === 18_000 ? ['- kind: Event', '  message: "web_hook_moved for', 'c@example.com"', '  lastTimestamp: "2026-03-18T11:00:00Z"'] : event(k))), 'kind: List']);
    const b = await scan([broken]);
    // 18,000 events read, event 18,000's first two lines one record; its last two lines, events 18,001 to 19,999
    // (1,999 of 3 lines) and `kind: List`: 6,000 lines of text. storage_error: the 10,000 even k but 18,000.
    expect(b.report.files[0]).toMatchObject({ format: 'yaml', records: 18_000 + 1 + 6000, malformedRecords: 2 });
    expect(order(b.report)).toEqual([['smime_error', 10_000], ['storage_error', 9999], ['web_hook_moved', 1]]);
  });

  it('a long sequence at the top level is read an item at a time: nested lists stay in their item', async () => {
    const item = (k: number): string[] => [`- time: 2026-04-07T09:${String(k % 60).padStart(2, '0')}:00Z`, '  tags:', '  - a', '  - storage_error', `  code: ${k % 2 === 0 ? 'smime_error' : 'web_hook_moved'}`];
    const f = written('long-seq.yaml', ['---', ...Array.from({ length: 3000 }, (_, k) => item(k)).flat()]);
    const { report } = await scan([f]);
    // 3,000 items of 5 lines from line 2: item k on line 2 + 5k; its code field the only code (the tag's storage_error is not).
    expect(report.files[0]).toMatchObject({ format: 'yaml', records: 3000, malformedRecords: 0 });
    expect(order(report)).toEqual([
      ['smime_error', 1500],
      ['web_hook_moved', 1500],
    ]);
    expect(lines(report, 'web_hook_moved')[0]).toBe(7);
  });

  it('directives and comments before a `---`, a `...` ending a document: no record of their own', async () => {
    const f = written('directives.yaml', [
      '# gcloud logging read', // line 1
      '%YAML 1.2', // line 2
      '---',
      'code: storage_error', // line 4
      "timestamp: '2026-04-07T09:00:00Z'",
      '...',
      '%YAML 1.2',
      '---',
      'code: smime_error', // line 9
      "timestamp: '2026-04-07T09:05:00Z'",
    ]);
    const { report } = await scan([f]);
    expect(report.files[0]).toMatchObject({ format: 'yaml', records: 2, malformedRecords: 0 });
    expect([lines(report, 'storage_error'), lines(report, 'smime_error')]).toEqual([[4], [9]]);
  });

  it('a document YAML cannot read: one malformed record of its text, the other documents read', async () => {
    const f = written('broken.yaml', [
      ...entry('2026-04-07T09:00:00Z', ['jsonPayload:', '  code: storage_error']), // lines 1-6
      '---', // line 7
      'insertId: x2', // line 8: the malformed record
      'textPayload: [smime_error at 2026-04-07T09:05:00Z', // line 9: an unclosed flow sequence
      'severity: ERROR', // line 10
      ...entry('2026-04-07T09:10:00Z', ['jsonPayload:', '  code: storage_error']), // lines 11-16
    ]);
    const { report } = await scan([f]);
    // Records: the two entries, and lines 8-10 as one malformed record on line 8 (its time the text's 09:05).
    expect(report.files[0]).toMatchObject({ format: 'yaml', records: 3, malformedRecords: 1 });
    expect(order(report)).toEqual([
      ['storage_error', 2],
      ['smime_error', 1],
    ]);
    expect(lines(report, 'storage_error')).toEqual([2, 12]);
    expect(lines(report, 'smime_error')).toEqual([8]);
    expect(seen(report, 'smime_error')[0]).toBe('2026-04-07T09:05:00.000Z');
  });

  it('a document longer than --max-line-length is read as lines of text; a longer line is skipped and counted', async () => {
    const long = 'x'.repeat(300);
    const f = written('long.yaml', [
      ...entry('2026-04-07T09:00:00Z', ['jsonPayload:', '  code: storage_error']), // lines 1-6: 102 bytes
      '---', // line 7
      'insertId: x2', // line 8: the malformed record
      `textPayload: ${long}`, // line 9: over 256 bytes, skipped
      'jsonPayload:', // line 10
      '  message: smime_error at 2026-04-07T09:05:00Z', // line 11
      ...Array.from({ length: 12 }, (_, k) => `  field${k}: ${'y'.repeat(20)}`), // lines 12-23
      'severity: ERROR', // line 24
    ]);
    const { report } = await scan([f, '--max-line-length', '256']);
    // Lines 8, 10, 11, 12-23 and 24 are read as text: 16 records, and the first entry.
    expect(report.files[0]).toMatchObject({ format: 'yaml', records: 17, malformedRecords: 1, skippedLines: 1 });
    expect(order(report)).toEqual([
      ['smime_error', 1],
      ['storage_error', 1],
    ]);
    expect(lines(report, 'smime_error')).toEqual([11]);
  });

  it('aliases that expand past a limit ("billion laughs") are a malformed document, read as text', async () => {
    const f = written('laughs.yaml', [
      '---', 'a: &a [storage_error, storage_error, storage_error, storage_error, storage_error, storage_error, storage_error, storage_error, storage_error]',
      ...Array.from({ length: 8 }, (_, k) => `${'bcdefghi'[k]}: &${'bcdefghi'[k]} [${Array(9).fill(`*${'abcdefgh'[k]}`).join(', ')}]`),
    ]);
    const { report } = await scan([f]);
    // Lines 2-10 one malformed record on line 2: storage_error once.
    expect(report.files[0]).toMatchObject({ format: 'yaml', records: 1, malformedRecords: 1 });
    expect(order(report)).toEqual([['storage_error', 1]]);
  });

  it('a text log is no YAML: a `---` line, then lines of text', async () => {
    const f = written('build.log', ['---', '2026-04-07 09:00:00 ERROR storage_error for ann@contoso.com', '---', 'key: value']);
    const { report } = await scan([f]);
    expect(report.files[0]).toMatchObject({ format: 'text' });
    expect(order(report)).toEqual([['storage_error', 1]]);
  });

  it('a log of `LEVEL: message` lines after a `---` is text: a mapping holds no key twice', async () => {
    // Records: line 1 (`---`), lines 2-3 (09:14:02), lines 4-5 (09:15:00): storage_error in two of them.
    const f = written('run.log', ['---', 'INFO: sync started at 2026-04-07 09:14:02', 'ERROR: storage_error for ann@example.com', 'INFO: retry 2026-04-07 09:15:00', 'ERROR: smime_error and storage_error', '']);
    const { report } = await scan([f]);
    expect(report.files[0]).toMatchObject({ format: 'text', records: 3 });
    expect(order(report)).toEqual([['storage_error', 2], ['smime_error', 1]]);
  });

  it('--input-format yaml reads any file so; CRLF line ends', async () => {
    const f = write('entries.txt', entry('2026-04-07T09:00:00Z', ['jsonPayload:', '  code: storage_error', '  message: also smime_error']).join('\r\n') + '\r\n');
    const { report } = await scan([f, '--input-format', 'yaml']);
    expect(report.files[0]).toMatchObject({ format: 'yaml', records: 1, malformedRecords: 0 });
    expect(order(report)).toEqual([['storage_error', 1]]);
  });
});

describe('isYamlStream and yamlAsJson', () => {
  const yes = (s: string): boolean => isYamlStream(Buffer.from(s), true);
  it('tells YAML documents from text by their first document\'s lines', () => {
    expect(yes('---\ninsertId: a\nresource:\n  type: x\n---\ninsertId: b\n')).toBe(true);
    expect(yes('# exported\n%YAML 1.2\n---\n- a: 1\n')).toBe(true);
    expect(yes('insertId: a\nseverity: ERROR\n---\ninsertId: b\n')).toBe(true);
    expect(yes('insertId: a\nseverity: ERROR\n---\nhttpRequest:\n  status: 500\n')).toBe(true); // another first key
    expect(yes('insertId: a\nseverity: ERROR\n---\nthe end\n')).toBe(false);
    expect(yes('insertId: a\nseverity: ERROR\n')).toBe(false); // no marker: a line of `key: value` text
    expect(yes('---\nApr  7 09:14:02 host app: storage_error\n')).toBe(false);
    expect(yes('---\n')).toBe(false);
    expect(yes('{"a": 1}\n')).toBe(false);
    expect(yes('--- start of log ---\na: 1\n')).toBe(false);
    // A mapping's keys are distinct: `LEVEL: message` lines repeat theirs.
    expect(yes('---\nINFO: sync started\nERROR: storage_error for ann\nINFO: retry\n')).toBe(false);
    expect(yes('---\nINFO: sync started\nERROR: storage_error for ann\n---\nINFO: retry\n')).toBe(true);
  });

  it('writes the same array however the input is cut into chunks', async () => {
    const bytes = readFileSync(READ);
    const all = async (chunks: Buffer[]): Promise<string> => {
      const out: Buffer[] = [];
      async function* source(): AsyncGenerator<Buffer> {
        yield* chunks;
      }
      for await (const b of yamlAsJson(source(), newFileStat('x'), 1 << 20)) out.push(b);
      return Buffer.concat(out).toString();
    };
    const whole = await all([bytes]);
    // Each element on its document's first line: the array has the file's lines.
    const arr = whole.split('\n');
    expect(arr[1]).toMatch(/^\{"insertId":"9k2h1f0a3b4c5d6e",/);
    expect(arr[76]).toMatch(/^,\{"insertId":"0c1d2e3f4a5b6c7d",/);
    expect(JSON.parse(whole)).toHaveLength(5);
    for (const size of [1, 2, 3, 7, 64]) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      expect(await all(chunks)).toBe(whole);
    }
  });
});
