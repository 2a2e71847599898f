/**
 * How a collector's head before a program's JSON is told (`kubectl logs --timestamps`, docker, docker
 * compose, CRI files, kubetail, stern, logcli; README "Exports mxscan reads"), colours and all. Every expected
 * value was worked out by hand from the inputs below, never copied from mxscan's output.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { sniff } from '../src/input/detect.js';
import { accounts, order, scan } from './support/fixtures.js';
import { ENGINE_FLAGS, on } from './oracle/switch.js';
import { tempDir } from './support/main.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts; src/scan.ts is mocked
// by the setup file of the project these tests run in, test/support/oracle-mock.ts).

const { remove, write } = tempDir('mxscan-heads-');
afterAll(remove);

const written = (name: string, lines: readonly string[]): string => write(name, lines.join('\n'));

describe('detection of a collector\'s head', () => {
  const line = (head: string, body = '{"level":"error","code":"storage_error"}'): Buffer => Buffer.from(`${head}${body}\n${head}${body}\n`);

  it('takes kubectl\'s, docker\'s, docker compose\'s and CRI\'s heads before a JSON object', () => {
    for (const head of [
      '2026-04-07T09:14:02.113456789Z ', '2026-04-07T09:14:02Z ', '2026-04-07T09:14:02.1+02:00 ', '2026-04-07T09:14:02.113Z stdout F ', '2026-04-07T09:14:02.113+00:00 stderr P ',
      '[pod/m2c-7d9f-x2k4q/worker] ', '[pod/m2c-7d9f-x2k4q/worker] 2026-04-07T09:14:02.113456789Z ', 'sync-1  | ', 'sync-1  | 2026-04-07T09:14:02.113456789Z ',
      'm2c_sync.1.x7k2p9@node-1    | ', 'm2c-7d9f-x2k4q worker ', 'mail2cloud m2c-7d9f-x2k4q worker 2026-04-07T11:14:02.113456789+02:00 ',
      '2026-04-07T11:14:02+02:00 {pod="m2c-7d9f-x2k4q"}   ', '2026-04-07T11:14:02+02:00 {} ',
    ]) {
      expect(sniff('pod.log', line(head), 'auto', true), head).toMatchObject({ format: 'jsonl', headed: true });
    }
  });

  it('takes the words after a time (aws logs tail, Heroku, Fluentd, rsyslog) and syslog\'s time and words', () => {
    for (const head of [
      '2026-04-07T09:14:02.113000+00:00 ecs/m2c-sync/5f2d9c1e ', '2026-04-07T09:14:02.113456+00:00 app[worker.1]: ', '2026-04-07T09:14:02+00:00\tm2c.sync\t',
      '2026-04-07T09:14:02Z mx01 m2c[812]: ', 'Apr  7 09:14:02 mx01 m2c[812]: ', 'Apr 07 09:14:02.113456 mx01 m2c: ', 'Apr  7 09:14:02 m2c-sync: ',
    ]) {
      expect(sniff('app.log', line(head), 'auto', true), head).toMatchObject({ format: 'jsonl', headed: true });
    }
  });

  it('passes over kubetail\'s preamble (Will tail N logs..., then N names): the first line after it has a head', () => {
    const body = '{"level":"error","code":"storage_error"}';
    expect(sniff('k.log', Buffer.from(`Will tail 2 logs...\nm2c-a\nm2c-b worker\n[m2c-a] ${body}\n[m2c-b worker] ${body}\n`), 'auto', true)).toMatchObject({ format: 'jsonl', headed: true });
    // One name short: the first "log line" is a name, with no head.
    expect(sniff('k.log', Buffer.from(`Will tail 3 logs...\nm2c-a\nm2c-b\n[m2c-a] ${body}\n`), 'auto', true)).toMatchObject({ format: 'text' });
  });

  it('reads the heads through ANSI colours (docker compose logs --ansi always, stern --color always), and takes the colours out', () => {
    for (const head of ['\x1b[36msync-1  | \x1b[0m', '\x1b[32mm2c-7d9f-x2k4q\x1b[0m \x1b[32mworker\x1b[0m ']) {
      expect(sniff('pod.log', line(head), 'auto', true), head).toMatchObject({ format: 'jsonl', headed: true, ansi: true });
    }
  });

  it.each(ENGINE_FLAGS)('docker compose logs with colours %j: JSON lines, each code field the only code', async (flags) => {
    const f = written('compose-ansi.log', [
      '\x1b[36mnotify-1  | \x1b[0m\x1b[1m{"level":"error","code":"storage_error","msg":"after smime_error","user":"bo@contoso.com","time":"2026-04-07T09:15:00Z"}\x1b[0m',
      '\x1b[33mworker-1  | \x1b[0m{"level":"info","code":"web_hook_moved","msg":"see execution_failed","time":"2026-04-07T09:16:00Z"}',
      '',
    ]);
    const { report } = await scan([f, ...on(flags).args], { engine: on(flags).engine });
    // Neither smime_error nor execution_failed (only named) counts; the colours are no part of the JSON.
    expect(order(report)).toEqual([['storage_error', 1], ['web_hook_moved', 1]]);
    expect(report.files[0]).toMatchObject({ format: 'jsonl', records: 2, malformedRecords: 0 });
    expect(accounts(report, 'storage_error')).toEqual(['bo@contoso.com']);
  });

  it('leaves other lines to plain text, and a format asked for as it is', () => {
    for (const [head, body] of [
      ['2026-04-07 09:14:02Z ', undefined], // a blank, not `T`: a log line's own time
      ['2026-04-07T09:14:02Z  ', undefined], // two blanks
      ['2026-04-07T09:14:02Z host app[1]: ', 'text'], // words after the time, then no JSON
      ['2026-04-07T09:14:02Z ', '{"level":"error",'], // no whole object
      ['2026-04-07T09:14:02Z ', '{"a":1} trailing'],
      ['2026-04-07T09:14:02Z a b c ', '{"a":1}'], // three words
      ['Apr  7 09:14:02 ', '{"a":1}'], // syslog's time and no word
    ] as [string, string | undefined][]) {
      expect(sniff('pod.log', line(head, body), 'auto', true)?.headed, head).toBeUndefined();
    }
    // A stack trace among the first 64 KiB (an exception on stderr, its frame): plain text, whose records keep a trace together.
    const exception = Buffer.from('2026-04-07T09:14:03Z Exception in thread "main" java.lang.IllegalStateException\n');
    const mixed = Buffer.concat([line('2026-04-07T09:14:02Z '), exception, Buffer.from('2026-04-07T09:14:03Z \tat com.m2c.Main.main(Main.java:9)\n')]);
    // A line of text that carries on no trace (a banner, a router's line) is a record of text among JSON lines.
    expect(sniff('pod.log', Buffer.concat([line('2026-04-07T09:14:02Z '), exception]), 'auto', true)).toMatchObject({ format: 'jsonl', headed: true });
    expect(sniff('pod.log', mixed, 'auto', true)).toMatchObject({ format: 'text' });
    expect(sniff('pod.log', mixed, 'auto', true)?.headed).toBeUndefined();
    expect(sniff('pod.log', line('2026-04-07T09:14:02Z '), 'text', true)).toMatchObject({ format: 'text' });
    expect(sniff('pod.jsonl', line('2026-04-07T09:14:02Z '), 'auto', true)).toMatchObject({ format: 'jsonl', headed: true });
    // kubectl's prefix saved under a `.json` name is no JSON array.
    expect(sniff('pods.json', line('[pod/m2c-7d9f-x2k4q/worker] '), 'auto', true)).toMatchObject({ format: 'jsonl', headed: true });
    expect(sniff('a.json', Buffer.from('[\n  {"code":"storage_error"}\n]\n'), 'auto', true)).toMatchObject({ format: 'json' });
    expect(sniff('a.json', Buffer.from('["storage_error", 1]\n'), 'auto', true)).toMatchObject({ format: 'json' });
  });

  it('decides alike however much of a long first line was read', () => {
    const bytes = line('2026-04-07T09:14:02Z ', `{"msg":"${'x'.repeat(100_000)}"}`);
    const whole = sniff('pod.log', bytes, 'auto', true);
    expect(whole).toMatchObject({ format: 'jsonl', headed: true });
    expect(sniff('pod.log', bytes.subarray(0, 65_537), 'auto', false)).toBeUndefined();
    expect(sniff('pod.log', bytes.subarray(0, bytes.length - 1), 'auto', false)).toEqual(whole);
  });
});

describe('JSON behind a syslog line, a stream\'s or a dyno\'s name, a tag', () => {
  // Three events of a program that logs JSON, each message naming another code (not counted): storage_error
  // (ana, 09:14:02), task_finished_without_error (bo, 09:20:45), smime_error (cy, 09:31:10).
  const events = [
    '{"level":"error","code":"storage_error","user":"ana@contoso.com","msg":"upload failed; previous run ended with smime_error"}',
    '{"level":"info","code":"task_finished_without_error","user":"bo@contoso.com","msg":"rule run done (after a storage_error retry)"}',
    '{"level":"error","code":"smime_error","user":"cy@contoso.com","msg":"signing failed: certificate expired"}',
  ];
  const times = ['09:14:02', '09:20:45', '09:31:10'];

  it.each(ENGINE_FLAGS)('each line one event: its code field the only code, its account, its time %j', async (flags) => {
    const files = [
      // journalctl -u m2c (syslog's time, no year: the file's, given here), aws logs tail, Heroku, Fluentd's file output.
      written('journal.log', [...events.map((e, i) => `Apr  7 ${times[i]} mx01 m2c[812]: ${e}`), '']),
      written('tail.log', [...events.map((e, i) => `2026-04-07T${times[i]}.113000+00:00 ecs/m2c-sync/5f2d9c1e ${e}`), '']),
      written('heroku.log', [...events.map((e, i) => `2026-04-07T${times[i]}.113456+00:00 app[worker.1]: ${e}`), '']),
      written('fluentd.log', [...events.map((e, i) => `2026-04-07T${times[i]}+00:00\tm2c.sync\t${e}`), '']),
    ];
    const { report } = await scan([...files, '--year', '2026', ...on(flags).args], { engine: on(flags).engine });
    expect(report.files.map((f) => [f.format, f.records])).toEqual(Array(4).fill(['jsonl', 3]));
    expect(order(report)).toEqual([
      ['smime_error', 4],
      ['storage_error', 4],
      ['task_finished_without_error', 4],
    ]);
    expect(accounts(report, 'storage_error')).toEqual(['ana@contoso.com']);
    expect(accounts(report, 'smime_error')).toEqual(['cy@contoso.com']);
    // syslog's 09:14:02 (the journal's: its JSON has no time) to the tail's .113.
    expect(report.codes.find((c) => c.code === 'storage_error')!.firstSeen).toBe('2026-04-07T09:14:02.000Z');
    expect(report.codes.find((c) => c.code === 'smime_error')!.lastSeen).toBe('2026-04-07T09:31:10.113Z');
  });
});
