/**
 * Where a plain-text record starts, on logs as common writers leave them (each file's README says how):
 * Logback's default pattern (a time of day, no date), Go's log package (`2026/04/07 09:14:02`), Tomcat's
 * catalina.out (`07-Apr-2026 09:14:02.113`), and log4j and Python traces whose exception lines mention dates. Expected values are counted by hand from the files (line
 * numbers in the comments), on the engine and the oracle alike.
 */
import { rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './support/cli.js';
import { runMain } from './support/main.js';
import type { Report } from '../src/summary/report.js';
import { fileRow, row, scan } from './support/fixtures.js';
import { ENGINES } from './oracle/switch.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts; src/scan.ts is mocked
// by the setup file of the project these tests run in, test/support/oracle-mock.ts).

const LOGBACK = 'fixtures/exports/logback/app.log';
const GO = 'fixtures/exports/go/agent.log';
const LOG4J = 'fixtures/exports/log4j/mail2cloud.log.2';
const PYTHON = 'fixtures/exports/python/worker.log';
const TOMCAT = 'fixtures/exports/tomcat/catalina.out';
const counts = (r: Awaited<ReturnType<typeof scan>>): Record<string, number> => Object.fromEntries(r.report.codes.map((c) => [c.code, c.count]));

describe('where a plain-text record starts', () => {
  for (const engine of ENGINES) {
    it(`Logback: each line starting with a time of day starts a record; the date line 1 mentions is not its time (${engine})`, async () => {
      const r = await scan([LOGBACK], { engine });
      expect(r.code).toBe(0);
      // Records 1; 2; 3-8 (the exception, its frames and its Caused by: under line 3); 9; 10.
      expect(fileRow(r.report, LOGBACK)).toMatchObject({ records: 5, untimedRecords: 5 });
      expect(r.report.timeRange).toEqual({ start: null, end: null });
      // storage_error on 2, and in record 3-8 first on 4 (again on 7: once); connection_error_max_retry on 9.
      expect(counts(r)).toEqual({ storage_error: 2, connection_error_max_retry: 1 });
      expect(row(r.report, 'storage_error').first).toEqual({ time: null, file: LOGBACK, line: 2 });
      expect(row(r.report, 'storage_error').samples.map((s) => s.line)).toEqual([2, 4]);
      // Line 2 names bob.ray; line 4 names no one (cy.dunn is on line 3, which holds no code).
      expect(row(r.report, 'storage_error').accounts.distinct).toBe(1);
      expect(r.report.verdict).toContain('No readable times in 1 file');
    });

    it(`Go's log package: 2026/04/07 09:14:02 is each line's time (${engine})`, async () => {
      const r = await scan([GO], { engine });
      expect(fileRow(r.report, GO)).toMatchObject({ records: 5, untimedRecords: 0 });
      expect(counts(r)).toEqual({ storage_error: 2, connection_error_max_retry: 1 });
      expect([row(r.report, 'storage_error').firstSeen, row(r.report, 'storage_error').lastSeen]).toEqual(['2026-04-07T09:14:05.000Z', '2026-04-07T09:31:10.000Z']);
      // Lmicroseconds: 09:20:45.118223, to the millisecond.
      expect(row(r.report, 'connection_error_max_retry').firstSeen).toBe('2026-04-07T09:20:45.118Z');
      const w = await scan([GO, '--since', '2026-04-07T09:20:00Z'], { engine });
      expect(w.code).toBe(0);
      expect(counts(w)).toEqual({ storage_error: 1, connection_error_max_retry: 1 });
      expect(fileRow(w.report, GO).outsideWindow).toBe(2);
    });

    it(`Tomcat's catalina.out: \`07-Apr-2026 09:14:02.113\` is each event's time; a trace stays in its event (${engine})`, async () => {
      const r = await scan([TOMCAT], { engine });
      // Records 1; 2-5 (the exception's line, its date aside, and its frames); 6; 7.
      expect(fileRow(r.report, TOMCAT)).toMatchObject({ records: 4, untimedRecords: 0 });
      // storage_error on 2 and again on 3: once.
      expect(counts(r)).toEqual({ storage_error: 1, accounts_and_groups_source_sync_warning: 1, smime_error: 1 });
      expect(row(r.report, 'storage_error').firstSeen).toBe('2026-04-07T09:14:05.220Z');
      expect(row(r.report, 'accounts_and_groups_source_sync_warning').firstSeen).toBe('2026-04-07T09:20:41.007Z');
      expect(row(r.report, 'smime_error').firstSeen).toBe('2026-04-07T10:02:13.450Z');
      expect(r.report.timeRange).toEqual({ start: '2026-04-07T09:14:02.113Z', end: '2026-04-07T10:02:13.450Z' });
      // One hour: line 7's event (10:02) outside.
      const w = await scan([TOMCAT, '--since', '2026-04-07T09:00:00Z', '--until', '2026-04-07T10:00:00Z'], { engine });
      expect(counts(w)).toEqual({ storage_error: 1, accounts_and_groups_source_sync_warning: 1 });
      expect(fileRow(w.report, TOMCAT).outsideWindow).toBe(1);
    });

    it(`Python: a traceback and an indented line stay in their event, the dates they mention aside (${engine})`, async () => {
      const r = await scan([PYTHON], { engine });
      // Records 1-5 (Traceback, indented frames, the exception's line), 6-7 (a wrapped line), 8.
      expect(fileRow(r.report, PYTHON)).toMatchObject({ records: 3, untimedRecords: 0 });
      expect(counts(r)).toEqual({ smime_error: 1, storage_credential_no_access: 1, task_finished_without_error: 1 });
      // smime_error is on line 5, in the event of line 1: its time; line 5 names no account.
      expect(row(r.report, 'smime_error').first).toEqual({ time: '2026-04-07T09:15:40.502Z', file: PYTHON, line: 5 });
      expect(row(r.report, 'smime_error').accounts.distinct).toBe(0);
      // On lines 6 and 7: once, at line 6, with lena.fischer.
      expect(row(r.report, 'storage_credential_no_access').first).toEqual({ time: '2026-04-07T09:40:00.250Z', file: PYTHON, line: 6 });
      expect(row(r.report, 'storage_credential_no_access').accounts.distinct).toBe(1);
      expect(r.report.timeRange).toEqual({ start: '2026-04-07T09:15:40.502Z', end: '2026-04-07T09:41:12.003Z' });
    });

    it(`an indented line with a time of its own starts a record; a CSV row's text has no line rules (${engine})`, async () => {
      const dir = tempDir('indented');
      // log4j with `%5p [%t] %d`: the level right-aligned, so INFO and WARN lines start with a blank; then
      // PowerShell's Select-String -Context: two blanks before a context line.
      const log = path.join(dir, 'padded.log');
      writeFileSync(
        log,
        'ERROR [sync-1] 2026-04-07 09:14:02,113 c.m.Sync - storage_error for a@x.com\n INFO [sync-1] 2026-04-07 11:20:00,000 c.m.Sync - storage_error retried\n' +
          ' WARN [sync-1] 2026-04-07 15:30:00,000 c.m.Sync - storage_error again\n  m2c.log:13:2026-04-07 16:00:00,000 ERROR storage_error for b@x.com\n',
      );
      const r = await scan([log], { engine });
      // Four records, each line's time its own.
      expect(r.report.files[0]!.records).toBe(4);
      expect(counts(r)).toEqual({ storage_error: 4 });
      expect(r.report.timeRange).toEqual({ start: '2026-04-07T09:14:02.113Z', end: '2026-04-07T16:00:00.000Z' });
      // SQL*Plus pads a row's first column with blanks: the row's text is no plain-text line.
      const csv = path.join(dir, 'padded.csv');
      writeFileSync(csv, 'ID,CREATED_AT,MSG\n     1,2026-04-07 09:14:02,storage_error\n     2,2026-04-07 11:14:02,storage_error\n');
      const c = await scan([csv, '--since', '2026-04-07T11:00:00Z'], { engine });
      expect(c.code).toBe(0);
      expect(c.report.files[0]).toMatchObject({ records: 2, outsideWindow: 1, untimedRecords: 0 });
      expect(counts(c)).toEqual({ storage_error: 1 });
      rmSync(dir, { recursive: true, force: true });
    });

    it(`a day-first date (13/04/2026) is read day first without --date-order, and starts its record (${engine})`, async () => {
      const dir = tempDir('day-first');
      const f = path.join(dir, 'uk.log');
      writeFileSync(f, '04/12/2026 23:59:00 start\n13/04/2026 09:14:02 storage_error for ann.lee@contoso.com\n14/04/2026 10:00:00 storage_error\n');
      const r = await scan([f], { engine, quiet: false });
      // Three records (each line has its time); with --date-order mdy given, 13/04 and 14/04 have none and join line 1's.
      expect(r.report.files[0]!.records).toBe(3);
      // Line 1 (12 April or 4 December?) was read month first: the file's dates are in doubt, and the report says so.
      expect(r.report.files[0]!.mixedDateOrder).toBe(true);
      expect(r.err).toContain('uk.log: some dates could only be read in the other order (13/04/2026: 13 April)');
      expect(counts(r)).toEqual({ storage_error: 2 });
      expect([row(r.report, 'storage_error').firstSeen, row(r.report, 'storage_error').lastSeen]).toEqual(['2026-04-13T09:14:02.000Z', '2026-04-14T10:00:00.000Z']);
      const strict = await scan([f, '--date-order', 'mdy'], { engine });
      expect(strict.report.files[0]!.records).toBe(1);
      expect(strict.report.files[0]!.mixedDateOrder).toBeUndefined();
      expect(counts(strict)).toEqual({ storage_error: 1 });
      rmSync(dir, { recursive: true, force: true });
    });

    it(`the doubt about a file's date order: JSON fields (escaped ones too), only when both kinds of date were read as times (${engine})`, async () => {
      const dir = tempDir('day-first-json');
      const write = (name: string, lines: string[]): string => {
        writeFileSync(path.join(dir, name), lines.join('\n') + '\n');
        return path.join(dir, name);
      };
      // PHP's json_encode escapes `/`: the engine reads such a value apart from the others.
      const escaped = write('php.jsonl', ['{"time":"13\\/04\\/2026 09:14:02","msg":"storage_error"}', '{"time":"07\\/04\\/2026 09:14:02","msg":"storage_error"}']);
      const plain = write('plain.jsonl', ['{"time":"13/04/2026 09:14:02","msg":"storage_error"}', '{"time":"07/04/2026 09:14:02","msg":"storage_error"}']);
      // 13/04 with a word after it, no time of day, is no time (the record is untimed): nothing read day first.
      const notTime = write('not-time.jsonl', ['{"date":"13/04/2026 local","msg":"storage_error"}', '{"time":"07/04/2026 09:14:02","msg":"storage_error"}']);
      // Every date day first: none read the other way, no doubt.
      const allDayFirst = write('all.jsonl', ['{"time":"13/04/2026 09:14:02","msg":"storage_error"}', '{"time":"14/04/2026 09:14:02","msg":"storage_error"}']);
      const r = await scan([escaped, plain, notTime, allDayFirst], { engine });
      const mixed = Object.fromEntries(r.report.files.map((f) => [path.basename(f.path), f.mixedDateOrder === true]));
      expect(mixed).toEqual({ 'php.jsonl': true, 'plain.jsonl': true, 'not-time.jsonl': false, 'all.jsonl': false });
      rmSync(dir, { recursive: true, force: true });
    });

    it(`times later than the file's last change are named: day-first dates all up to the 12th, a wrong --year (${engine})`, async () => {
      const dir = tempDir('after-modified');
      // Written in the UK on 8 April: 6, 7 and 8 April, day first, each of them readable month first.
      const uk = path.join(dir, 'uk.log');
      writeFileSync(uk, '06/04/2026 09:14:02 storage_error for ann@x.com\n07/04/2026 10:00:00 storage_error\n08/04/2026 11:00:00 smime_error\n');
      const syslog = path.join(dir, 'mail.log');
      writeFileSync(syslog, 'Apr  7 09:14:02 mx1 m2c[211]: storage_error\n');
      const april8 = new Date(Date.UTC(2026, 3, 8, 12));
      utimesSync(uk, april8, april8);
      utimesSync(syslog, april8, april8);
      // Month first, 06/04 is 4 June: later than 8 April.
      const r = await scan([uk, syslog], { engine, quiet: false });
      expect(r.report.files.map((f) => [path.basename(f.path), f.timesAfterModified === true])).toEqual([['mail.log', false], ['uk.log', true]]);
      expect(r.err).toContain('uk.log: some times are later than the file was last changed');
      expect(r.err).not.toContain('mail.log: some times');
      // Day first: 6 to 8 April, none later. A wrong --year: 7 April 2027.
      const dmy = await scan([uk, '--date-order', 'dmy'], { engine });
      expect(dmy.report.files[0]!.timesAfterModified).toBeUndefined();
      const year = await scan([syslog, '--year', '2027'], { engine });
      expect(year.report.files[0]!.timesAfterModified).toBe(true);
      // A partial keeps when its file was changed: the merge says the same.
      const p = await runMain(['scan', 'uk.log', '--partial', '-o', 'uk.json'], { cwd: dir, engine });
      expect(p.code).toBe(0);
      const m = await runMain(['merge', 'uk.json', '--format', 'json'], { cwd: dir });
      expect((JSON.parse(m.out) as Report).files[0]!.timesAfterModified).toBe(true);
      rmSync(dir, { recursive: true, force: true });
    });

    it(`the doubt about a file's date order survives a partial report and its merge (${engine})`, async () => {
      const dir = tempDir('day-first-partial');
      writeFileSync(path.join(dir, 'uk.log'), '04/12/2026 23:59:00 start\n13/04/2026 09:14:02 storage_error\n');
      writeFileSync(path.join(dir, 'us.log'), '04/12/2026 23:59:00 start\n04/13/2026 09:14:02 storage_error\n');
      const a = await runMain(['scan', 'uk.log', '--partial', '-o', 'uk.json'], { cwd: dir, engine });
      const b = await runMain(['scan', 'us.log', '--partial', '-o', 'us.json'], { cwd: dir, engine });
      expect([a.code, b.code]).toEqual([0, 0]);
      const m = await runMain(['merge', 'uk.json', 'us.json', '--format', 'json'], { cwd: dir });
      const files = (JSON.parse(m.out) as Report).files;
      expect(files.map((f) => [f.path, f.mixedDateOrder])).toEqual([['uk.log', true], ['us.log', undefined]]);
      expect(m.err).toContain('uk.log: some dates could only be read in the other order');
      expect(m.err).not.toContain('us.log: some dates');
      rmSync(dir, { recursive: true, force: true });
    });

    it(`log4j: an exception line's date (Caused by:, a …Exception: head) is no time of its own (${engine})`, async () => {
      const r = await scan([LOG4J], { engine });
      // Records 1; 2-6 (smime_error on 2, 3 and 5: once, at 2); 7-9 (execution_failed on 8); 10.
      expect(fileRow(r.report, LOG4J).records).toBe(4);
      expect(r.report.timeRange).toEqual({ start: '2026-04-06T22:40:11.204Z', end: '2026-04-06T22:59:58.001Z' });
      expect(counts(r)).toEqual({ smime_error: 1, execution_failed: 1 });
      expect(row(r.report, 'smime_error').first).toEqual({ time: '2026-04-06T22:41:05.330Z', file: LOG4J, line: 2 });
      expect(row(r.report, 'execution_failed').first).toEqual({ time: '2026-04-06T22:47:19.812Z', file: LOG4J, line: 8 });
      // The hour the traces belong to keeps them whole, the dates they mention (1 March, 23:00) aside.
      const w = await scan([LOG4J, '--since', '2026-04-06T22:00:00Z', '--until', '2026-04-06T23:00:00Z'], { engine });
      expect(counts(w)).toEqual({ smime_error: 1, execution_failed: 1 });
      expect(fileRow(w.report, LOG4J).outsideWindow).toBe(0);
    });
  }
});

describe.each(ENGINES)('a malformed record is read as a line of plain text, its time by the line rules (%s)', (engine) => {
  it('JSON lines with a JVM\'s stderr between them: an exception\'s head takes the time before it, not a date it mentions', async () => {
    const dir = tempDir('malformed-lines');
    const file = path.join(dir, 'pod.log');
    writeFileSync(
      file,
      [
        '{"time":"2026-04-07T09:14:02Z","level":"error","msg":"upload failed","code":"storage_error"}',
        'java.lang.IllegalStateException: smime_error since 2026-03-01T00:00:00Z',
        '\tat com.acme.m2c.Upload.run(Upload.java:88)',
        '{"time":"2026-04-07T09:20:00Z","level":"info","msg":"task_finished_without_error"}',
        '',
      ].join('\n'),
    );
    const { report } = await scan([file, '--since', '2026-04-07T09:00:00Z', '--until', '2026-04-07T10:00:00Z'], { engine });
    // line 2 (malformed) takes line 1's 09:14:02, inside the hour; not 2026-03-01, outside it
    expect(report.files[0]).toMatchObject({ format: 'jsonl', records: 4, malformedRecords: 2, outsideWindow: 0 });
    expect(row(report, 'smime_error').first).toMatchObject({ time: '2026-04-07T09:14:02.000Z', line: 2 });
    rmSync(dir, { recursive: true, force: true });
  });

  it('a CSV row of the wrong width: the same', async () => {
    const dir = tempDir('malformed-row');
    const file = path.join(dir, 'export.csv');
    writeFileSync(file, 'time,code,message\n2026-04-07T09:14:02Z,storage_error,upload failed\nCaused by: java.io.IOException: smime_error since 2026-03-01T00:00:00Z,x,y,z\n');
    const { report } = await scan([file], { engine });
    expect(report.files[0]).toMatchObject({ format: 'csv', records: 2, malformedRecords: 1 });
    expect(row(report, 'smime_error').first).toMatchObject({ time: '2026-04-07T09:14:02.000Z', line: 3 });
    rmSync(dir, { recursive: true, force: true });
  });
});
