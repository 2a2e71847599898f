/**
 * The W3C extended log format (IIS, README Time): fixtures/exports/iis. Its times are UTC whatever --tz
 * says; every expected value was worked out by hand from the file (see its README).
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { fileRow, order, scan, seen } from './support/fixtures.js';
import { ENGINE_FLAGS, on } from './oracle/switch.js';
import { tempDir } from './support/main.js';
import { w3cHead } from '../src/input/w3c.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts; src/scan.ts is mocked
// by the setup file of the project these tests run in, test/support/oracle-mock.ts).

const IIS = 'fixtures/exports/iis/u_ex260407.log';
const { remove, write } = tempDir('mxscan-w3c-');
afterAll(remove);
const BERLIN = ['--tz', 'Europe/Berlin'];

describe('IIS logs (W3C extended log format)', () => {
  it.each(ENGINE_FLAGS)('are read in UTC under any --tz %j', async (flags) => {
    const { code, report } = await scan([IIS, ...BERLIN, ...on(flags).args], { engine: on(flags).engine });
    expect(code).toBe(0);
    expect(fileRow(report, IIS)).toMatchObject({ format: 'text', records: 9, matches: 4, untimedRecords: 2 });
    expect(order(report)).toEqual([
      ['storage_error', 2],
      ['smime_error', 1],
      ['task_finished_without_error', 1],
    ]);
    expect(seen(report, 'storage_error')).toEqual(['2026-04-07T09:14:02.000Z', '2026-04-07T10:02:45.000Z']);
    expect(seen(report, 'smime_error')).toEqual(['2026-04-07T09:20:05.000Z', '2026-04-07T09:20:05.000Z']);
    expect(report.timeRange).toEqual({ start: '2026-04-07T09:00:00.000Z', end: '2026-04-07T10:03:00.000Z' });
  });

  it.each(ENGINE_FLAGS)('an incident window in UTC finds its codes under another --tz %j', async (flags) => {
    const args = [IIS, ...BERLIN, '--since', '2026-04-07T09:10:00Z', '--until', '2026-04-07T09:30:00Z', ...on(flags).args];
    const { report } = await scan(args, { engine: on(flags).engine });
    // Lines 6 and 7; read in Berlin's time (07:14Z, 07:20Z) both were outside it.
    expect(order(report)).toEqual([
      ['smime_error', 1],
      ['storage_error', 1],
    ]);
  });

  it('piped or gzipped, the same', async () => {
    const bytes = readFileSync(IIS);
    const gz = write('u_ex260407.log.gz', '');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(gz, gzipSync(bytes));
    for (const run of [await scan([gz, ...BERLIN]), await scan(['-', ...BERLIN], { stdin: bytes })]) {
      expect(order(run.report)).toEqual([
        ['storage_error', 2],
        ['smime_error', 1],
        ['task_finished_without_error', 1],
      ]);
      expect(seen(run.report, 'storage_error')).toEqual(['2026-04-07T09:14:02.000Z', '2026-04-07T10:02:45.000Z']);
    }
  });

  it('the same lines without the directives are read in --tz', async () => {
    const text = readFileSync(IIS, 'latin1').split('\r\n').filter((l) => !l.startsWith('#')).join('\r\n');
    const { report } = await scan([write('access.log', text), ...BERLIN]);
    // 09:14:02 in Berlin (summer time, +02:00).
    expect(seen(report, 'storage_error')).toEqual(['2026-04-07T07:14:02.000Z', '2026-04-07T08:02:45.000Z']);
  });

  it('is told by a #Fields directive among the first lines, each starting with #', () => {
    const b = (s: string): Buffer => Buffer.from(s);
    expect(w3cHead(b('#Version: 1.0\n#Fields: date time cs-uri-query\n2026-04-07 09:14:02 code=storage_error\n'))).toBe(true);
    // CloudFront's standard logs: the same directives.
    expect(w3cHead(b('#Version: 1.0\r\n#Fields: date time x-edge-location sc-bytes\r\n'))).toBe(true);
    expect(w3cHead(b('#Software: x\n#Version: 1.0\n'))).toBe(false);
    // A `#Fields:` after a log line, or a comment that merely names it, is none.
    expect(w3cHead(b('2026-04-07 09:14:02 start\n#Fields: date time\n'))).toBe(false);
    expect(w3cHead(b('# #Fields: date time\n'))).toBe(false);
    expect(w3cHead(b(''))).toBe(false);
  });
});
