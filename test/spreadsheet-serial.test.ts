/**
 * A spreadsheet's date-time serial in a time column (README Time): Excel's "CSV UTF-8" of a column
 * formatted General writes `46119.38474537037` (days since 1899-12-30, the fraction the time of day), read
 * in --tz. Expected times worked out by hand: 46119 is 2026-04-07; .38474537037 × 86,400 s = 33,242 s = 09:14:02.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { order, scan, seen } from './support/fixtures.js';
import { ENGINE_FLAGS, on } from './oracle/switch.js';
import { tempDir } from './support/main.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts; src/scan.ts is mocked
// by the setup file of the project these tests run in, test/support/oracle-mock.ts).

const { remove, write } = tempDir('mxscan-serial-');
afterAll(remove);

const CSV = [
  '\ufeffTimestamp,Level,Code,Account,Message',
  '46119.38474537037,Error,storage_error,ana.lopez@contoso.com,Upload failed (HTTP 507)',
  // 0.388888… of a day: 09:20:00; the certificate's date in the message is no time of the event's.
  '46119.38888888889,Error,smime_error,kim.park@contoso.com,Signer certificate expired at 2026-03-01T00:00:00Z',
  '46119.396527777775,Warning,STORAGE_USER_WITH_ERROR,ana.lopez@contoso.com,3 consecutive failures',
].join('\r\n');

describe('a spreadsheet serial in a time column', () => {
  it.each(ENGINE_FLAGS)('is the record’s time, in --tz %j', async (flags) => {
    const f = write('export.csv', CSV + '\r\n');
    const utc = await scan([f, ...on(flags).args], { engine: on(flags).engine });
    expect(seen(utc.report, 'storage_error')).toEqual(['2026-04-07T09:14:02.000Z', '2026-04-07T09:14:02.000Z']);
    expect(seen(utc.report, 'smime_error')[0]).toBe('2026-04-07T09:20:00.000Z');
    // 0.396527777775 of a day: 09:31:00.
    expect(seen(utc.report, 'STORAGE_USER_WITH_ERROR')[0]).toBe('2026-04-07T09:31:00.000Z');
    expect(utc.report.files[0]!.untimedRecords).toBe(0);
    // The sheet's wall clock in Berlin (summer time, +02:00).
    const berlin = await scan([f, '--tz', 'Europe/Berlin', ...on(flags).args], { engine: on(flags).engine });
    expect(seen(berlin.report, 'storage_error')[0]).toBe('2026-04-07T07:14:02.000Z');
    // A window around the incident holds all three (the message's March date would have put smime_error outside).
    const windowed = await scan([f, '--since', '2026-04-07T09:00:00Z', '--until', '2026-04-07T10:00:00Z', ...on(flags).args], { engine: on(flags).engine });
    expect(order(windowed.report)).toEqual(order(utc.report));
    expect(order(windowed.report)).toHaveLength(3);
  });

  it('a whole number, or one before 2000, is no serial; a JSON string holding one is', async () => {
    const f = write('counts.csv', ['Timestamp,Code', '46119,storage_error', '36000.5,smime_error'].join('\n') + '\n');
    const { report } = await scan([f]);
    expect(seen(report, 'storage_error')).toEqual([null, null]);
    expect(seen(report, 'smime_error')).toEqual([null, null]);
    const j = write('sheet.jsonl', '{"timestamp":"46119.38474537037","code":"storage_error"}\n');
    expect(seen((await scan([j])).report, 'storage_error')[0]).toBe('2026-04-07T09:14:02.000Z');
  });
});
