/**
 * A --time-field names the field a record's time is in; a record that does not hold it (journald's kernel
 * entries have no `_SOURCE_REALTIME_TIMESTAMP`, one service of a mixed export writes `time` where the others
 * write `ts`) is timed as if none were named — its own time fields, else its text — not by the record before
 * it, hours away. Every expected time below was worked out by hand from the lines written here.
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from './support/cli.js';
import { order, scan, seen } from './support/fixtures.js';
import { ENGINES } from './oracle/switch.js';

// The oracle stands in for the engine where a case asks for it (src/scan.ts is mocked by the setup file of
// the project these tests run in, test/support/oracle-mock.ts).

const dir = tempDir('time-field-fallback');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string): string => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};

// journalctl -o json: 1796637242 s is 2026-12-07T09:54:02Z, 1796680442 s is 21:54:02Z (12 hours later).
const JOURNAL = write(
  'journal.jsonl',
  [
    '{"__REALTIME_TIMESTAMP":"1796637242000000","_SOURCE_REALTIME_TIMESTAMP":"1796637241999000","MESSAGE":"m2c: storage_error for ann@example.com"}',
    // A kernel entry: no _SOURCE_REALTIME_TIMESTAMP; its own __REALTIME_TIMESTAMP is 21:54:02.000.
    '{"__REALTIME_TIMESTAMP":"1796680442000000","MESSAGE":"kernel: smime_error"}',
    '{"__REALTIME_TIMESTAMP":"1796680443000000","_SOURCE_REALTIME_TIMESTAMP":"1796680442999000","MESSAGE":"m2c: storage_error"}',
    '',
  ].join('\n'),
);

// --time-field ts, one of the time fields: a record with `ts` is timed by it alone (not by `time`, which
// comes first without the option); one without it by `time` (not by the first date its text holds).
const MIXED = [
  { ts: '2026-12-07T10:00:00Z', time: '2026-12-07T01:00:00Z', code: 'storage_error' },
  { msg: 'retry scheduled for 2026-12-09T00:00:00Z', time: '2026-12-07T11:00:00Z', code: 'smime_error' },
  { ts: '2026-12-07T12:00:00Z', code: 'storage_error' },
];
const MIXED_JSONL = write('mixed.jsonl', MIXED.map((o) => JSON.stringify(o)).join('\n') + '\n');
const MIXED_JSON = write('mixed.json', JSON.stringify(MIXED, null, 2) + '\n');

describe.each(ENGINES)('a record without the --time-field (%s)', (engine) => {
  it('journald: the kernel entry takes its own __REALTIME_TIMESTAMP, not the time of the entry before it', async () => {
    const all = await scan([JOURNAL, '--time-field', '_SOURCE_REALTIME_TIMESTAMP'], { engine });
    expect(all.code).toBe(0);
    expect(seen(all.report, 'smime_error')).toEqual(['2026-12-07T21:54:02.000Z', '2026-12-07T21:54:02.000Z']);
    expect(seen(all.report, 'storage_error')).toEqual(['2026-12-07T09:54:01.999Z', '2026-12-07T21:54:02.999Z']);
    // 21:00–22:00: lines 2 and 3 inside, line 1 outside.
    const hour = await scan([JOURNAL, '--time-field', '_SOURCE_REALTIME_TIMESTAMP', '--since', '2026-12-07T21:00:00Z', '--until', '2026-12-07T22:00:00Z'], { engine });
    expect(hour.code).toBe(0);
    expect(hour.report.files[0]).toMatchObject({ records: 3, outsideWindow: 1, untimedRecords: 0 });
    expect(order(hour.report)).toEqual([
      ['smime_error', 1],
      ['storage_error', 1],
    ]);
  });

  it.each([
    ['JSON lines', MIXED_JSONL],
    ['a JSON array', MIXED_JSON],
  ])('%s: --time-field ts where one record writes time', async (_, file) => {
    const { code, report } = await scan([file, '--time-field', 'ts'], { engine });
    expect(code).toBe(0);
    expect(seen(report, 'storage_error')).toEqual(['2026-12-07T10:00:00.000Z', '2026-12-07T12:00:00.000Z']);
    expect(seen(report, 'smime_error')).toEqual(['2026-12-07T11:00:00.000Z', '2026-12-07T11:00:00.000Z']);
    // Without the option, `time` comes first: the first record is at 01:00.
    const plain = await scan([file], { engine });
    expect(seen(plain.report, 'storage_error')).toEqual(['2026-12-07T01:00:00.000Z', '2026-12-07T12:00:00.000Z']);
  });

  it('a dotted --time-field: a record without the path is timed by its own time field', async () => {
    const f = write(
      'dotted.jsonl',
      [
        '{"event":{"created":"2026-12-07T08:00:00Z"},"timestamp":"2026-12-07T08:30:00Z","code":"storage_error"}',
        '{"msg":"retry scheduled for 2026-12-09T00:00:00Z","timestamp":"2026-12-07T15:00:00Z","code":"smime_error"}',
        '',
      ].join('\n'),
    );
    const { code, report } = await scan([f, '--time-field', 'event.created'], { engine });
    expect(code).toBe(0);
    expect(seen(report, 'storage_error')[0]).toBe('2026-12-07T08:00:00.000Z');
    expect(seen(report, 'smime_error')[0]).toBe('2026-12-07T15:00:00.000Z');
  });

  it('a field that is there with no value is no time: the record does not fall back to another field', async () => {
    const f = write(
      'empty.jsonl',
      ['{"ts":"2026-12-07T10:00:00Z","code":"storage_error"}', '{"ts":"","time":"2026-12-07T20:00:00Z","code":"smime_error"}', ''].join('\n'),
    );
    const { code, report } = await scan([f, '--time-field', 'ts'], { engine });
    expect(code).toBe(0);
    // Line 2's ts is empty: no time of its own (not 20:00 from `time`); it takes line 1's, as an untimed record does.
    expect(report.files[0]).toMatchObject({ records: 2, untimedRecords: 0 });
    expect(seen(report, 'smime_error')[0]).toBe('2026-12-07T10:00:00.000Z');
  });

  it('kubectl logs --timestamps: the collector\'s time for a line without the field, the field for one with it', async () => {
    const f = write(
      'pod.log',
      [
        '2026-12-07T10:00:00.000000000Z {"ts":"2026-12-07T09:59:59.500Z","msg":"x","code":"storage_error"}',
        // No ts: the head's 10:05, not the program's `time` (08:00, without a zone in another form).
        '2026-12-07T10:05:00.000000000Z {"time":"2026-12-07T08:00:00Z","msg":"y","code":"smime_error"}',
        '',
      ].join('\n'),
    );
    const { code, report } = await scan([f, '--time-field', 'ts'], { engine });
    expect(code).toBe(0);
    expect(seen(report, 'storage_error')[0]).toBe('2026-12-07T09:59:59.500Z');
    expect(seen(report, 'smime_error')[0]).toBe('2026-12-07T10:05:00.000Z');
  });

  // A stack trace's later line (a frame in `log`) carries on the record before it when its own time is at most
  // a second after (TRACE_GAP_MS): that time is the one recordTime gives, wherever the line holds it.
  it.each([
    // The frame's time is its event.created (10:00:00.500), not its `time` (10:00:03): it joins.
    ['a dotted --time-field', ['--time-field', 'event.created'], '{"log":"\\tat com.foo.Bar.run(Bar.java:1)","event":{"created":"2026-12-07T10:00:00.500Z"},"time":"2026-12-07T10:00:03Z","code":"storage_error"}'],
    // The frame's ts is in its message's JSON (10:00:00.500): it joins.
    ['a --time-field in a message string\'s JSON', ['--time-field', 'ts'], '{"log":"\\tat com.foo.Bar.run(Bar.java:1)","message":"{\\"ts\\":\\"2026-12-07T10:00:00.500Z\\"}","time":"2026-12-07T10:00:03Z","code":"storage_error"}'],
    // No option: the frame's own `time` (10:00:00.500) comes before its message JSON's ts (15:00): it joins.
    ['no option, a message string\'s JSON with another time', [], '{"time":"2026-12-07T10:00:00.500Z","log":"\\tat com.foo.Bar.run(Bar.java:1)","message":"{\\"ts\\":\\"2026-12-07T15:00:00Z\\"}","code":"storage_error"}'],
  ])('a stack trace\'s frame joins its exception by the time recordTime gives it: %s', async (_, args, frame) => {
    const head = '{"time":"2026-12-07T10:00:00Z","log":"java.lang.RuntimeException: boom","code":"storage_error"}';
    for (const [name, text] of [
      ['join.jsonl', `${head}\n${frame}\n`],
      ['join.json', `[${head},\n${frame}]\n`],
    ] as const) {
      const f = write(name, text);
      const { code, report } = await scan([f, ...args], { engine });
      expect(code).toBe(0);
      // One record (the frame joins it), storage_error counted once in it, at the exception's time.
      expect(report.files[0]).toMatchObject({ records: 1, untimedRecords: 0 });
      expect(order(report)).toEqual([['storage_error', 1]]);
      expect(seen(report, 'storage_error')).toEqual(['2026-12-07T10:00:00.000Z', '2026-12-07T10:00:00.000Z']);
    }
  });

  it('a wrapped export whose envelope has a time field of its own: its records, each with the --time-field, are the events', async () => {
    const f = write('wrapped.json', '{"timestamp":"2026-12-07T08:00:00Z","data":[{"event_time":"2026-12-07T10:00:00Z","code":"storage_error"},{"event_time":"2026-12-07T11:00:00Z","code":"storage_error"}]}\n');
    const { code, report } = await scan([f, '--time-field', 'event_time', '--since', '2026-12-07T09:00:00Z'], { engine });
    expect(code).toBe(0);
    // Two records at 10:00 and 11:00, both inside; not one envelope at 08:00, outside.
    expect(report.files[0]).toMatchObject({ records: 2, outsideWindow: 0 });
    expect(seen(report, 'storage_error')).toEqual(['2026-12-07T10:00:00.000Z', '2026-12-07T11:00:00.000Z']);
  });

  it('with a window and no readable time, the note names the time field the records were timed by', async () => {
    const f = write('notime.jsonl', '{"time":"yesterday noon","code":"storage_error"}\n{"time":"later","code":"storage_error"}\n');
    const { code, err } = await scan([f, '--time-field', 'ts', '--since', '2026-12-07T00:00:00Z'], { engine, quiet: false });
    expect(code).toBe(2);
    expect(err).toContain('notime.jsonl: no readable time in field time (e.g. "yesterday noon")');
  });

  it('CSV without the column: the rows are timed by their time column, not by the first value that is a time', async () => {
    const f = write('export.csv', 'received,time,message\n2026-12-09 00:00:00,2026-12-07 11:00:00,smime_error\n2026-12-09 00:00:00,2026-12-07 13:30:00,storage_error\n');
    const { code, report } = await scan([f, '--time-field', 'when'], { engine });
    expect(code).toBe(0);
    expect(report.files[0]).toMatchObject({ records: 2, untimedRecords: 0 });
    expect(seen(report, 'smime_error')[0]).toBe('2026-12-07T11:00:00.000Z');
    expect(seen(report, 'storage_error')[0]).toBe('2026-12-07T13:30:00.000Z');
  });
});
