/**
 * fixtures/exports/log4j: a rotated log4j log with Java stack traces (see its README). Expected values are
 * counted by hand from the two files (line numbers in the comments), through the command line, on the fast
 * path and the reference path, from files, gzip, UTF-16 and standard input alike.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from './support/cli.js';
import { ROOT, runMain } from './support/main.js';
import { fileRow, row, scan, unknown, type Run } from './support/fixtures.js';
import { ENGINES } from './oracle/switch.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts; src/scan.ts is mocked
// by the setup file of the project these tests run in, test/support/oracle-mock.ts).

const DIR = 'fixtures/exports/log4j';
const LIVE = `${DIR}/mail2cloud.log`;
const OLD = `${DIR}/mail2cloud.log.1`;
const at = (hhmmss: string): string => `2026-04-07T${hhmmss}Z`;

// mail2cloud.log.1 — records 1; 2-7 (storage_error on 2, again on 3 and 6: once, at 2, ann.lee's; bob.ray on 6
// is not counted with it); 8 (the unknown box_rate_limited); 9-15 (storage_credential_no_access first on 12,
// a frame, with cy.dunn; again on 14): 4 records.
// mail2cloud.log — records 1; 2 (storage_error, ann.lee); 3-5 (storage_error on 3 and 4: once, dee.fox); 6-10
// (task_finished_with_error on 6, connection_error_max_retry first on 9): 4 records.
function expectLog4j(r: Run, live = LIVE, old = OLD): void {
  expect(r.code).toBe(0);
  const rep = r.report;
  expect(rep.totals.records).toBe(8);
  expect(rep.totals.byLevel).toEqual({ ERROR: 6, WARN: 0, INFO: 0 });
  expect(unknown(rep)).toEqual({ box_rate_limited: 1 });
  expect(Object.fromEntries(rep.codes.map((c) => [c.code, c.count]))).toEqual({
    storage_error: 3,
    storage_credential_no_access: 1,
    task_finished_with_error: 1,
    connection_error_max_retry: 1,
  });
  expect(row(rep, 'storage_error').first).toEqual({ time: at('09:02:17.442'), file: old, line: 2 });
  expect(row(rep, 'storage_credential_no_access').first).toEqual({ time: at('09:07:03.128'), file: old, line: 12 });
  expect(row(rep, 'connection_error_max_retry').first).toEqual({ time: at('09:12:45.777'), file: live, line: 9 });
  expect(row(rep, 'task_finished_with_error').first).toEqual({ time: at('09:12:45.777'), file: live, line: 6 });
  expect(row(rep, 'storage_error').accounts.distinct).toBe(2); // ann.lee, dee.fox
  expect(row(rep, 'storage_credential_no_access').accounts.distinct).toBe(1); // cy.dunn
  expect(fileRow(rep, old)).toMatchObject({ records: 4, matches: 2, unknown: 1 });
  expect(fileRow(rep, live)).toMatchObject({ records: 4, matches: 4, unknown: 0 });
}

describe('a rotated log4j log with stack traces', () => {
  const dir = tempDir('log4j');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const read = (f: string): Buffer => readFileSync(path.join(ROOT, f));

  for (const engine of ENGINES) {
    it(`counts each code once per event, at the line it first appears on (${engine})`, async () => {
      expectLog4j(await scan([OLD, LIVE], { engine }));
    });
  }

  it('counts the same gzipped and in UTF-16', async () => {
    writeFileSync(path.join(dir, 'mail2cloud.log.1.gz'), gzipSync(read(OLD)));
    writeFileSync(path.join(dir, 'mail2cloud.log'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(read(LIVE).toString('utf8'), 'utf16le')]));
    const r = await runMain(['scan', 'mail2cloud.log.1.gz', 'mail2cloud.log', '--format', 'json', '--quiet'], { cwd: dir });
    expectLog4j({ ...r, report: JSON.parse(r.out) as Run['report'] }, 'mail2cloud.log', 'mail2cloud.log.1.gz');
  });

  it('counts the same from standard input', async () => {
    const r = await scan(['-'], { stdin: read(LIVE) });
    expect(r.report.totals.records).toBe(4);
    expect(Object.fromEntries(r.report.codes.map((c) => [c.code, c.count]))).toEqual({ storage_error: 2, task_finished_with_error: 1, connection_error_max_retry: 1 });
    expect(row(r.report, 'connection_error_max_retry').first).toEqual({ time: at('09:12:45.777'), file: '(stdin)', line: 9 });
  });
});
