/**
 * The JSON of a program that logs JSON, as collectors keep it (README "Exports mxscan reads"): behind a
 * collector's head (`kubectl logs --timestamps`, `docker logs -t`, containerd's files under /var/log/pods),
 * in Docker's json-file `log` string, in Fluent Bit's `log` field of an Elasticsearch export. Every
 * expected value was worked out by hand from the fixture files (lines and times cited), never copied from
 * mxscan's output.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { accounts, fileRow, lines, order, scan, seen, unknown } from './support/fixtures.js';
import { ENGINE_FLAGS, on } from './oracle/switch.js';
import { tempDir } from './support/main.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts; src/scan.ts is mocked
// by the setup file of the project these tests run in, test/support/oracle-mock.ts).

const exp = (name: string): string => `fixtures/exports/${name}`;
const { remove, write } = tempDir('mxscan-collected-');
afterAll(remove);
/** A file of these lines in this test file's temporary folder. */
const written = (name: string, lines: readonly string[]): string => write(name, lines.join('\n'));

describe('a table downloaded as JSON whose message column holds the program\'s JSON', () => {
  it.each(ENGINE_FLAGS)('Logs Insights\' @message and Azure\'s LogMessage %j: the inner code field is the only code', async (flags) => {
    // Each element's string holds an object with a code field and a message naming another code.
    const insights = write('insights.json', '[\n  {\n    "@timestamp": "2026-04-07 09:14:02.113",\n    "@message": "{\\"level\\":\\"error\\",\\"code\\":\\"smime_error\\",\\"msg\\":\\"after storage_error retry\\"}",\n    "@logStream": "s"\n  }\n]\n');
    const azure = write('la.json', '[{"TimeGenerated":"2026-04-07T09:20:00Z","LogMessage":"{\\"code\\":\\"web_hook_moved\\",\\"msg\\":\\"see execution_failed\\"}","Computer":"m2c-1"}]\n');
    const { report } = await scan([insights, azure, ...on(flags).args], { engine: on(flags).engine });
    // insights.json: one element (line 2), smime_error at 09:14:02.113; la.json: web_hook_moved at 09:20.
    expect(order(report)).toEqual([
      ['smime_error', 1],
      ['web_hook_moved', 1],
    ]);
    expect(lines(report, 'smime_error')).toEqual([2]);
    expect(seen(report, 'web_hook_moved')[0]).toBe('2026-04-07T09:20:00.000Z');
  });
});

describe('JSON lines behind a collector\'s head', () => {
  it.each(ENGINE_FLAGS)('kubectl logs --timestamps of a zap pod %j: the code field is the only code, the head\'s time the line\'s', async (flags) => {
    const f = exp('kubectl/json-timestamps.log');
    const { code, report } = await scan([f, ...on(flags).args], { engine: on(flags).engine });
    expect(code).toBe(0);
    expect(fileRow(report, f)).toMatchObject({ format: 'jsonl', records: 5, matches: 4, unknown: 1, malformedRecords: 0, untimedRecords: 0 });
    expect(order(report)).toEqual([
      ['connection_error_max_retry', 1], // line 5, in the message of an unknown code field (ECONNREFUSED)
      ['storage_error', 1], // line 1's code field; its message's smime_error is not counted
      ['accounts_and_groups_source_sync_warning', 1], // line 4, no code field: its text
      ['web_hook_moved', 1], // line 3's error_code; its error's execution_failed is not counted
    ]);
    expect(unknown(report)).toEqual({ ECONNREFUSED: 1 });
    expect([lines(report, 'storage_error'), lines(report, 'web_hook_moved'), lines(report, 'accounts_and_groups_source_sync_warning')]).toEqual([[1], [3], [4]]);
    // kubectl's time is each line's (always whole, with its zone), not zap's ts (1775553242.1 is 09:14:02.100).
    expect(seen(report, 'storage_error')[0]).toBe('2026-04-07T09:14:02.113Z');
    expect(seen(report, 'web_hook_moved')[0]).toBe('2026-04-07T09:15:00.000Z');
    expect(seen(report, 'accounts_and_groups_source_sync_warning')[0]).toBe('2026-04-07T09:16:30.500Z'); // no time field
    expect(seen(report, 'connection_error_max_retry')[0]).toBe('2026-04-07T09:17:00.000Z');
    expect(accounts(report, 'storage_error')).toEqual(['ana@contoso.com']);
    expect(accounts(report, 'accounts_and_groups_source_sync_warning')).toEqual(['cy@contoso.com']);
  });

  it.each(ENGINE_FLAGS)('with a window %j: each record in or out by its own time', async (flags) => {
    const f = exp('kubectl/json-timestamps.log');
    const { report } = await scan([f, '--since', '2026-04-07T09:16:00Z', ...on(flags).args], { engine: on(flags).engine });
    // Lines 1-3 (09:14:02.100, 09:14:02.200, 09:15:00) are before it; 4 (head's 09:16:30.5) and 5 (ts 09:17) in it.
    expect(fileRow(report, f)).toMatchObject({ records: 5, outsideWindow: 3 });
    expect(order(report)).toEqual([
      ['connection_error_max_retry', 1],
      ['accounts_and_groups_source_sync_warning', 1],
    ]);
  });

  it.each(ENGINE_FLAGS)('containerd\'s files %j: the stream and F after the time are the head too', async (flags) => {
    const f = exp('kubectl/containerd-json.log');
    const { report } = await scan([f, ...on(flags).args], { engine: on(flags).engine });
    expect(fileRow(report, f)).toMatchObject({ format: 'jsonl', records: 3, matches: 2, malformedRecords: 0 });
    // Lines 1 and 2; line 1's message names smime_error, which is not counted.
    expect(order(report)).toEqual([['store_in_ai_error', 2]]);
    expect(lines(report, 'store_in_ai_error')).toEqual([1, 2]);
    expect(seen(report, 'store_in_ai_error')).toEqual(['2026-04-07T09:20:00.000Z', '2026-04-07T09:20:01.000Z']);
    expect(accounts(report, 'store_in_ai_error')).toEqual(['dee@contoso.com']);
  });

  it.each(ENGINE_FLAGS)('a head\'s time before a time field the program wrote in another form %j: the head\'s, with a window too', async (flags) => {
    // kubectl --prefix --timestamps; the app's `timestamp`: day first, a word, zoneless local time (+02:00).
    const f = written('prefix-times.log', [
      '[pod/m2c-7d9f-x2k4q/sync] 2026-04-07T09:14:02.113456789Z {"timestamp":"07/04/2026 11:14:02","code":"storage_error"}',
      '[pod/m2c-7d9f-x2k4q/sync] 2026-04-07T09:20:00.000000000Z {"timestamp":"soon","code":"smime_error"}',
      '[pod/m2c-7d9f-x2k4q/sync] 2026-04-07T09:25:00.000000000Z {"timestamp":"2026-04-07 11:25:00,000","code":"web_hook_moved"}',
      '',
    ]);
    const { code, report } = await scan([f, '--since', '2026-04-07T09:00:00Z', '--until', '2026-04-07T10:00:00Z', ...on(flags).args], { engine: on(flags).engine });
    expect(code).toBe(0);
    expect(report.files[0]).toMatchObject({ format: 'jsonl', records: 3, outsideWindow: 0, untimedRecords: 0 });
    expect(order(report)).toEqual([['smime_error', 1], ['storage_error', 1], ['web_hook_moved', 1]]);
    expect([seen(report, 'storage_error')[0], seen(report, 'smime_error')[0], seen(report, 'web_hook_moved')[0]]).toEqual(['2026-04-07T09:14:02.113Z', '2026-04-07T09:20:00.000Z', '2026-04-07T09:25:00.000Z']);
  });

  it.each(ENGINE_FLAGS)('--time-field names the field a line\'s time is read from, behind a head too %j', async (flags) => {
    const f = exp('kubectl/json-timestamps.log');
    const { report } = await scan([f, '--time-field', 'ts', ...on(flags).args], { engine: on(flags).engine });
    // zap's ts: line 1's 1775553242.1 (09:14:02.100), not kubectl's .113; line 4 has none: the time at the start of its text.
    expect(seen(report, 'storage_error')[0]).toBe('2026-04-07T09:14:02.100Z');
    expect(seen(report, 'accounts_and_groups_source_sync_warning')[0]).toBe('2026-04-07T09:16:30.500Z');
  });

  it.each(ENGINE_FLAGS)('lines of text past the first 64 KiB %j: read as text, not malformed; broken JSON after a head is', async (flags) => {
    // 700 JSON lines (no codes) decide the format; then a line of text naming a JSON payload, a JSON line
    // and JSON cut short after its head.
    const json = Array.from({ length: 700 }, (_, i) => `2026-04-07T09:00:${String(i % 60).padStart(2, '0')}.000000000Z {"level":"info","msg":"poll ${i} of the mailbox queue: nothing to sync"}`);
    const f = written('late-text.log', [
      ...json,
      '2026-04-07T10:00:00.000000000Z ERROR smime_error while sending receipt, upstream response={"code":"task_finished_with_error"}',
      '2026-04-07T10:00:01.000000000Z {"level":"error","code":"web_hook_moved","msg":"see smime_error"}',
      '2026-04-07T10:00:02.000000000Z {"level":"error","code":"storage_error",',
      '',
    ]);
    const { report } = await scan([f, ...on(flags).args], { engine: on(flags).engine });
    expect(report.files[0]).toMatchObject({ format: 'jsonl', records: 703, matches: 4, malformedRecords: 1, untimedRecords: 0 });
    // Line 701 is text: both its codes count, at its own time; line 702's code field alone; 703 is malformed, read as text.
    expect(order(report)).toEqual([['smime_error', 1], ['storage_error', 1], ['task_finished_with_error', 1], ['web_hook_moved', 1]]);
    expect([lines(report, 'smime_error'), lines(report, 'web_hook_moved'), lines(report, 'storage_error')]).toEqual([[701], [702], [703]]);
    expect(seen(report, 'smime_error')[0]).toBe('2026-04-07T10:00:00.000Z');
  });
});

describe('stern', () => {
  it.each(ENGINE_FLAGS)('stern --timestamps %j: after the pod\'s and the container\'s names and the time, the program\'s JSON', async (flags) => {
    const f = exp('stern/stern-timestamps.log');
    const { report } = await scan([f, ...on(flags).args], { engine: on(flags).engine });
    expect(fileRow(report, f)).toMatchObject({ format: 'jsonl', records: 4, malformedRecords: 0, untimedRecords: 0, unknown: 1 });
    // Line 1's code field (not its msg's smime_error), line 2 no code field (its text), line 3's code field
    // (not execution_failed), line 4 an unknown code field (ECONNRESET), its text's code counts.
    expect(order(report)).toEqual([['connection_error_max_retry', 1], ['storage_error', 1], ['accounts_and_groups_source_sync_warning', 1], ['web_hook_moved', 1]]);
    expect(unknown(report)).toEqual({ ECONNRESET: 1 });
    expect([accounts(report, 'storage_error'), accounts(report, 'accounts_and_groups_source_sync_warning')]).toEqual([['bo@contoso.com'], ['ana@contoso.com']]);
    // stern's time in +02:00: 11:15:30+02:00 is 09:15:30Z.
    expect(seen(report, 'accounts_and_groups_source_sync_warning')[0]).toBe('2026-04-07T09:15:30.000Z');
  });

  it.each(ENGINE_FLAGS)('stern -o json %j: a message that holds JSON is looked into, one that does not is text', async (flags) => {
    const f = exp('stern/stern-json.log');
    const { report } = await scan([f, ...on(flags).args], { engine: on(flags).engine });
    expect(fileRow(report, f)).toMatchObject({ format: 'jsonl', records: 2, malformedRecords: 0, untimedRecords: 0 });
    // Line 1: the message's code field smime_error (its storage_error only named); line 2: text, at line 1's time.
    expect(order(report)).toEqual([['smime_error', 1], ['task_finished_with_error', 1]]);
    expect([accounts(report, 'smime_error'), accounts(report, 'task_finished_with_error')]).toEqual([['cy@contoso.com'], ['dee@contoso.com']]);
    expect(seen(report, 'task_finished_with_error')[0]).toBe('2026-04-07T09:20:00.000Z');
  });
});

describe('kubetail', () => {
  it.each(ENGINE_FLAGS)('kubetail\'s preamble, [pod] heads and coloured lines %j: JSON lines, each code field the only code', async (flags) => {
    const f = exp('kubetail/kubetail.log');
    const { report } = await scan([f, ...on(flags).args], { engine: on(flags).engine });
    // Lines 1-3: the preamble (text, untimed); line 4: storage_error (not its msg's smime_error); line 5: text.
    expect(fileRow(report, f)).toMatchObject({ format: 'jsonl', records: 5, malformedRecords: 0, untimedRecords: 3 });
    expect(order(report)).toEqual([['storage_error', 1], ['accounts_and_groups_source_sync_warning', 1]]);
    expect([lines(report, 'storage_error'), lines(report, 'accounts_and_groups_source_sync_warning')]).toEqual([[4], [5]]);
    expect([accounts(report, 'storage_error'), accounts(report, 'accounts_and_groups_source_sync_warning')]).toEqual([['bo@contoso.com'], ['ana@contoso.com']]);
  });
});

describe('stern -o json --timestamps', () => {
  it.each(ENGINE_FLAGS)('stern before 1.35 writes its time into `message` %j: the JSON after it is looked into', async (flags) => {
    const f = exp('stern/stern-json-timestamps.log');
    const { report } = await scan([f, ...on(flags).args], { engine: on(flags).engine });
    expect(fileRow(report, f)).toMatchObject({ format: 'jsonl', records: 2, malformedRecords: 0, untimedRecords: 0 });
    // Line 1: the message's JSON, smime_error alone (its storage_error only named); line 2: text.
    expect(order(report)).toEqual([['smime_error', 1], ['task_finished_with_error', 1]]);
    // stern's times, 11:20 and 11:21 at +02:00.
    expect([seen(report, 'smime_error')[0], seen(report, 'task_finished_with_error')[0]]).toEqual(['2026-04-07T09:20:00.000Z', '2026-04-07T09:21:00.000Z']);
  });

  it.each(ENGINE_FLAGS)('stern\'s time before the JSON comes before a time field the program wrote without a zone %j', async (flags) => {
    const line = (stern: string, inner: Record<string, string>): string => JSON.stringify({ message: `${stern} ${JSON.stringify(inner)}`, podName: 'm2c-1', containerName: 'notify' });
    const lines = written('stern-json-zoneless.log', [
      line('2026-04-07T11:23:00.000000000+02:00', { code: 'smime_error', time: '2026-04-07 11:23:00' }),
      line('2026-04-07T11:24:00.000000000+02:00', { code: 'storage_error', ts: '2026-04-07T11:24:00' }),
    ]);
    const array = written('cloudwatch-zoneless.json', [JSON.stringify([{ message: '2026-04-07T11:25:00+02:00 {"code":"web_hook_moved","time":"2026-04-07 11:25:00"}' }])]);
    // 09:23Z, 09:24Z and 09:25Z (not 11:2x read as UTC): all inside 09:00–10:00.
    const { report } = await scan([lines, array, '--since', '2026-04-07T09:00:00Z', '--until', '2026-04-07T10:00:00Z', ...on(flags).args], { engine: on(flags).engine });
    expect(order(report)).toEqual([['smime_error', 1], ['storage_error', 1], ['web_hook_moved', 1]]);
    expect(['smime_error', 'storage_error', 'web_hook_moved'].map((c) => seen(report, c)[0])).toEqual(['2026-04-07T09:23:00.000Z', '2026-04-07T09:24:00.000Z', '2026-04-07T09:25:00.000Z']);
  });
});

describe('logcli (Grafana Loki)', () => {
  it.each(ENGINE_FLAGS)('logcli query --output=jsonl %j: a line holding JSON is looked into, at Loki\'s timestamp', async (flags) => {
    const f = exp('loki/logcli-jsonl.log');
    const { report } = await scan([f, ...on(flags).args], { engine: on(flags).engine });
    expect(fileRow(report, f)).toMatchObject({ format: 'jsonl', records: 3, malformedRecords: 0, untimedRecords: 0 });
    // Line 1: the line's code field (not its msg's smime_error); line 2: web_hook_moved (not execution_failed);
    // line 3: logfmt text.
    expect(order(report)).toEqual([['storage_error', 1], ['task_finished_with_error', 1], ['web_hook_moved', 1]]);
    // Loki's timestamp 11:15:00.120+02:00, not the line's zoneless ts (09:15:00, read as UTC).
    expect(seen(report, 'storage_error')[0]).toBe('2026-04-07T09:15:00.120Z');
    // `Ana Lee \u003cana@contoso.com\u003e` in the user field: the address.
    expect([accounts(report, 'storage_error'), accounts(report, 'web_hook_moved'), accounts(report, 'task_finished_with_error')]).toEqual([['bo@contoso.com'], ['ana@contoso.com'], ['dee@contoso.com']]);
  });

  it.each(ENGINE_FLAGS)('a line of text after Loki\'s labels, past the first 64 KiB %j: text, not a malformed JSON record', async (flags) => {
    const json = (i: number): string => `2026-04-07T11:${String(10 + (i % 40)).padStart(2, '0')}:00+02:00 {pod="m2c-1"} {"level":"info","msg":"sync ${i} done"}`;
    const f = written('logcli-late-text.log', [
      ...Array.from({ length: 1000 }, (_, i) => json(i)),
      // Past 64 KiB: an exception the program wrote as text, under logcli's time and labels.
      '2026-04-07T11:59:00+02:00 {pod="m2c-1"} java.lang.IllegalStateException: storage_error for bo@contoso.com',
      '',
    ]);
    const { report } = await scan([f, ...on(flags).args], { engine: on(flags).engine });
    expect(report.files[0]).toMatchObject({ format: 'jsonl', records: 1001, malformedRecords: 0 });
    expect(order(report)).toEqual([['storage_error', 1]]);
    expect(seen(report, 'storage_error')[0]).toBe('2026-04-07T09:59:00.000Z');
  });

  it.each(ENGINE_FLAGS)('logcli query\'s default output %j: the time and Loki\'s padded labels are a head before the line\'s JSON', async (flags) => {
    const f = exp('loki/logcli-default.log');
    const { report } = await scan([f, ...on(flags).args], { engine: on(flags).engine });
    expect(fileRow(report, f)).toMatchObject({ format: 'jsonl', records: 3, malformedRecords: 0, untimedRecords: 0 });
    // Line 1's code field (not storage_error), line 2's text, line 3's code field (not connection_error_max_retry).
    expect(order(report)).toEqual([['execution_failed', 1], ['smime_error', 1], ['accounts_and_groups_source_sync_warning', 1]]);
    // The head's 11:22:00+02:00, not the JSON's zoneless 11:22:00.
    expect(seen(report, 'execution_failed')[0]).toBe('2026-04-07T09:22:00.000Z');
  });
});

describe('JSON text sequences', () => {
  it.each(ENGINE_FLAGS)('journalctl -o json-seq %j: the record separator before each object is a head, the entries JSON lines', async (flags) => {
    const f = exp('journald/journal-seq.log');
    const { report } = await scan([f, ...on(flags).args], { engine: on(flags).engine });
    // journal.json's four entries, each after 0x1E: as that file reads.
    expect(fileRow(report, f)).toMatchObject({ format: 'jsonl', records: 4, matches: 3, malformedRecords: 0, untimedRecords: 0 });
    expect(order(report)).toEqual([['storage_credential_no_access', 1], ['storage_error', 1], ['task_finished_without_error', 1]]);
    expect(seen(report, 'storage_error')[0]).toBe('2026-04-07T09:14:02.113Z'); // __REALTIME_TIMESTAMP 1775553242113000
    expect(seen(report, 'storage_credential_no_access')[0]).toBe('2026-04-07T09:17:00.000Z');
  });
});

describe('field options behind a collector\'s head', () => {
  it('--code-field reaches into the JSON after the head, and no note says the field is missing', async () => {
    // log4j2 JsonLayout's contextMap under kubectl's head; line 2's message only names smime_error.
    const f = written('context-map.log', [
      '2026-04-07T09:14:02.113456789Z {"instant":{"epochSecond":1775553242,"nanoOfSecond":100000000},"level":"ERROR","message":"upload failed","contextMap":{"code":"storage_error"}}',
      '2026-04-07T09:14:03.113456789Z {"instant":{"epochSecond":1775553243,"nanoOfSecond":0},"level":"ERROR","message":"retry after smime_error","contextMap":{"code":"web_hook_moved"}}',
      '',
    ]);
    const { report, err } = await scan([f, '--code-field', 'contextMap.code'], { quiet: false });
    expect(order(report)).toEqual([['storage_error', 1], ['web_hook_moved', 1]]);
    expect(seen(report, 'storage_error')[0]).toBe('2026-04-07T09:14:02.113Z'); // kubectl's, not instant's .100
    expect(err).not.toContain('no record has field');
    expect(err).not.toContain('malformed');
  });
});

describe('JSON in a collector\'s `log` string', () => {
  it.each(ENGINE_FLAGS)('Docker\'s json-file log %j: the `log` string\'s object is looked into, the codes it only names are not counted', async (flags) => {
    const f = exp('docker/json-file.log');
    const { report } = await scan([f, ...on(flags).args], { engine: on(flags).engine });
    expect(fileRow(report, f)).toMatchObject({ format: 'jsonl', records: 4, matches: 2, unknown: 1, malformedRecords: 0, untimedRecords: 0 });
    expect(order(report)).toEqual([
      ['storage_error', 1], // line 1's code (in its log's JSON); its message's smime_error is not counted
      ['web_hook_moved', 1], // line 3: a plain line in log, read as text
    ]);
    expect(unknown(report)).toEqual({ E1: 1 }); // line 4's code
    // Docker's own `time` (09:14:02.113456789Z), not the time field the app put in its log (its zoneless local 11:14:02,113).
    expect(seen(report, 'storage_error')[0]).toBe('2026-04-07T09:14:02.113Z');
    expect(seen(report, 'web_hook_moved')[0]).toBe('2026-04-07T09:15:00.100Z');
    expect(accounts(report, 'storage_error')).toEqual(['ana@contoso.com']);
    expect(accounts(report, 'web_hook_moved')).toEqual(['bo@contoso.com']);
  });

  it.each(ENGINE_FLAGS)('Docker\'s json-file log of a Java trace %j: its frames and `Caused by:` carry on the exception, a code it names again counts once', async (flags) => {
    const f = exp('docker/json-file-trace.log');
    const { report } = await scan([f, ...on(flags).args], { engine: on(flags).engine });
    // Records by hand: line 1; lines 2-5 (the exception, a frame, `Caused by:`, `... 12 more`, 0.1 ms apart); line 6; line 7 (a frame 5 s later: its own).
    expect(fileRow(report, f)).toMatchObject({ format: 'jsonl', records: 4, matches: 3, unknown: 0, malformedRecords: 0, untimedRecords: 0 });
    expect(order(report)).toEqual([['storage_error', 2], ['smime_error', 1]]);
    expect(lines(report, 'storage_error')).toEqual([1, 2]);
    expect(accounts(report, 'storage_error')).toEqual(['ann@contoso.com']);
  });

  it.each(ENGINE_FLAGS)('Fluent Bit\'s `log` in an Elasticsearch export %j: the hit\'s log object is a scope', async (flags) => {
    const f = exp('elastic/fluent-bit-hits.json');
    const { report } = await scan([f, ...on(flags).args], { engine: on(flags).engine });
    expect(fileRow(report, f)).toMatchObject({ format: 'json', records: 2, matches: 2 });
    // Hit 1 (line 6): storage_error in its log's code field, not the smime_error its message names; hit 2 (line 16): text.
    expect(order(report)).toEqual([['storage_error', 1], ['web_hook_moved', 1]]);
    expect([lines(report, 'storage_error'), lines(report, 'web_hook_moved')]).toEqual([[6], [16]]);
    expect(seen(report, 'storage_error')[0]).toBe('2026-04-07T09:14:02.113Z'); // @timestamp, not its log's zoneless timestamp (11:14:02)
    expect(accounts(report, 'storage_error')).toEqual(['ana@contoso.com']);
  });
  it('an element\'s own whole time comes before a message string\'s; the string\'s when the element\'s holds none (N/A, a duration, a date alone)', async () => {
    const f = written('own-time.json', [JSON.stringify([
      { '@timestamp': '2026-04-07T09:10:00Z', message: JSON.stringify({ timestamp: '2026-04-07 11:10:00', code: 'execution_failed' }) },
      { timestamp: 'N/A', message: JSON.stringify({ ts: 1775553242.1, code: 'storage_error' }) },
      { time: 0.012, message: JSON.stringify({ ts: 1775553300, code: 'web_hook_moved' }) },
      { date: '2026-04-07', message: JSON.stringify({ ts: 1775553360, code: 'smime_error' }) },
    ])]);
    const { report } = await scan([f, '--since', '2026-04-07T09:00:00Z', '--until', '2026-04-07T10:00:00Z']);
    expect(order(report)).toEqual([['execution_failed', 1], ['smime_error', 1], ['storage_error', 1], ['web_hook_moved', 1]]);
    // @timestamp, not the message's zoneless 11:10; then ts (09:14:02.100, 09:15, 09:16).
    expect(['execution_failed', 'storage_error', 'web_hook_moved', 'smime_error'].map((c) => seen(report, c)[0])).toEqual([
      '2026-04-07T09:10:00.000Z', '2026-04-07T09:14:02.100Z', '2026-04-07T09:15:00.000Z', '2026-04-07T09:16:00.000Z',
    ]);
  });

  it('an ECS `log` object is the logger\'s, not a scope: only a `log` string that holds JSON is looked into', async () => {
    const f = written('ecs.json', [JSON.stringify({ hits: { hits: [{ _id: '1', _source: { '@timestamp': '2026-04-07T09:14:02Z', message: 'upload failed after smime_error', log: { level: 'error', logger: 'sync', code: 'storage_error' } } }] } })]);
    const { report } = await scan([f]);
    // No code field in the hit (its log object is none): its text is read, and both codes in it count.
    expect(order(report)).toEqual([['smime_error', 1], ['storage_error', 1]]);
  });
});

describe('a shipper\'s object in an Elasticsearch export', () => {
  it.each(ENGINE_FLAGS)('Filebeat\'s `json` (the line it decoded) is a scope %j: its code field is the hit\'s only code', async (flags) => {
    const f = exp('elastic/filebeat-hits.json');
    const { report } = await scan([f, ...on(flags).args], { engine: on(flags).engine });
    expect(fileRow(report, f)).toMatchObject({ format: 'json', records: 3, matches: 3 });
    // Hits at lines 17, 53, 89: json.code storage_error (not the smime_error its msg names), json.code
    // web_hook_moved (not execution_failed), and a json without a code: its text.
    expect(order(report)).toEqual([['connection_error_max_retry', 1], ['storage_error', 1], ['web_hook_moved', 1]]);
    expect(['storage_error', 'web_hook_moved', 'connection_error_max_retry'].map((c) => lines(report, c))).toEqual([[17], [53], [89]]);
    expect(['storage_error', 'web_hook_moved', 'connection_error_max_retry'].map((c) => accounts(report, c))).toEqual([['bo@contoso.com'], ['ana@contoso.com'], ['cy@contoso.com']]);
    expect(seen(report, 'web_hook_moved')[0]).toBe('2026-04-07T09:16:00.000Z');
  });

  it.each(ENGINE_FLAGS)('a search\'s `fields` (each value an array) is a scope %j: the first value is the field\'s, its time too', async (flags) => {
    const f = exp('elastic/search-fields.json');
    const { report } = await scan([f, ...on(flags).args], { engine: on(flags).engine });
    // Hits at lines 17 and 36; the codes their messages name (smime_error, execution_failed) are not counted.
    expect(order(report)).toEqual([['storage_error', 1], ['web_hook_moved', 1]]);
    expect([lines(report, 'storage_error'), lines(report, 'web_hook_moved')]).toEqual([[17], [36]]);
    expect([accounts(report, 'storage_error'), accounts(report, 'web_hook_moved')]).toEqual([['dee@contoso.com'], ['eve@contoso.com']]);
    // `@timestamp` is ["2026-04-07T09:20:00.000Z"] and ["…09:21:00.000Z"]: a window keeps the second alone.
    const { report: windowed } = await scan([f, '--since', '2026-04-07T09:20:30Z', ...on(flags).args], { engine: on(flags).engine });
    expect(order(windowed)).toEqual([['web_hook_moved', 1]]);
    expect(fileRow(windowed, f)).toMatchObject({ records: 2, outsideWindow: 1, untimedRecords: 0 });
  });

  it.each(ENGINE_FLAGS)('the hit\'s @timestamp comes before a time in Filebeat\'s `json` (the program\'s, zoneless here) %j', async (flags) => {
    const hit = (ts: string, json: Record<string, unknown>): unknown => ({ _id: ts, _source: { '@timestamp': ts, json } });
    const f = written('filebeat-time.json', [JSON.stringify({ hits: { hits: [
      hit('2026-04-07T09:15:00.000Z', { time: '2026-04-07 11:15:00', code: 'storage_error' }),
      hit('2026-04-07T09:55:00.000Z', { timestamp: '2026-04-07 11:55:00,120', code: 'web_hook_deleted' }),
    ] } })]);
    // Read at 11:15 and 11:55 (UTC), both would fall outside 09:00–10:00.
    const { report } = await scan([f, '--since', '2026-04-07T09:00:00Z', '--until', '2026-04-07T10:00:00Z', ...on(flags).args], { engine: on(flags).engine });
    expect(order(report)).toEqual([['storage_error', 1], ['web_hook_deleted', 1]]);
    expect([seen(report, 'storage_error')[0], seen(report, 'web_hook_deleted')[0]]).toEqual(['2026-04-07T09:15:00.000Z', '2026-04-07T09:55:00.000Z']);
  });

  it('an empty array in `fields` is no value: the next scope, or the text, decides', async () => {
    const f = written('fields-empty.json', [JSON.stringify({ hits: { hits: [{ _id: '1', fields: { code: [], message: ['upload failed after smime_error'] } }] } })]);
    const { report } = await scan([f]);
    expect(order(report)).toEqual([['smime_error', 1]]);
  });
});

describe('addresses after an escape', () => {
  it.each(ENGINE_FLAGS)('Go\'s \\u003c before an address is not its letters; a backslash in a path or a domain is no escape %j', async (flags) => {
    // Docker's json-file of a logrus app: Docker writes `<` as \u003c in the log string. Line 2: an NT
    // domain in JSON (an escaped backslash) and in a path; line 3, plain text: the same, unescaped.
    const f = written('escapes.log', [
      String.raw`{"log":"time=\"2026-04-07T09:14:02Z\" level=error msg=\"sync failed for Lee \u003clee@example.com\u003e: storage_error\"\n","stream":"stderr","time":"2026-04-07T09:14:02.113Z"}`,
      String.raw`{"level":"error","code":"smime_error","msg":"for CORP\\nora@corp.com, see C:\\Users\\fred@corp.com","time":"2026-04-07T09:15:00Z"}`,
      String.raw`2026-04-07 09:16:00 ERROR web_hook_moved for CORP\nick@corp.com`,
      '',
    ]);
    const { report } = await scan([f, ...on(flags).args], { engine: on(flags).engine });
    expect(order(report)).toEqual([['smime_error', 1], ['storage_error', 1], ['web_hook_moved', 1]]);
    expect(accounts(report, 'storage_error')).toEqual(['lee@example.com']);
    expect(accounts(report, 'smime_error')).toEqual(['fred@corp.com', 'nora@corp.com']);
    expect(accounts(report, 'web_hook_moved')).toEqual(['nick@corp.com']);
  });
});
