/**
 * Event Viewer's "Save All Events As… → Text (Tab delimited)" (README exports table, Windows Event Viewer):
 * UTF-16LE with a byte-order mark, CRLF, a header of five names over rows of six fields (the description
 * has no column name), a description of several lines in quotes. Expected values worked out by hand.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { accounts, order, scan, seen } from './support/fixtures.js';
import { ENGINE_FLAGS, on } from './oracle/switch.js';
import { tempDir } from './support/main.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts; src/scan.ts is mocked
// by the setup file of the project these tests run in, test/support/oracle-mock.ts).

const { remove, write } = tempDir('mxscan-evtx-text-');
afterAll(remove);

const ROWS = [
  'Level\tDate and Time\tSource\tEvent ID\tTask Category',
  // Two lines in quotes: the certificate's date is no time of the event's.
  'Error\t4/7/2026 9:40:00 AM\tMail2Cloud\t1003\tNone\t"smime_error for kim.park@contoso.com.',
  'Signer certificate expired at 2026-03-01T00:00:00Z"',
  'Error\t4/7/2026 9:31:00 AM\tMail2Cloud\t1000\tNone\tstorage_error: upload for ana.lopez@contoso.com failed (HTTP 507)',
  'Information\t4/7/2026 9:18:00 AM\tMail2Cloud\t1005\tNone\ttask_finished_without_error',
  'Error\t4/7/2026 9:14:02 AM\tMail2Cloud\t1000\tNone\t"storage_error: upload for lena.fischer@contoso.com failed.',
  'Retry 3 of 3 also ended in storage_error"',
];
/** As Event Viewer saves it: UTF-16LE, a byte-order mark, CRLF. */
const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ROWS.join('\r\n') + '\r\n', 'utf16le')]);

describe('Event Viewer saved as tab-delimited text', () => {
  it.each(ENGINE_FLAGS)('is a table: each event at its Date and Time, its description one record %j', async (flags) => {
    const f = write('Application.txt', '');
    writeFileSync(f, bytes);
    const { report } = await scan([f, ...on(flags).args], { engine: on(flags).engine });
    // Four events; the one at 9:14:02 names storage_error twice (once a record).
    expect(order(report)).toEqual([
      ['storage_error', 2],
      ['smime_error', 1],
      ['task_finished_without_error', 1],
    ]);
    expect(seen(report, 'storage_error')).toEqual(['2026-04-07T09:14:02.000Z', '2026-04-07T09:31:00.000Z']);
    expect(seen(report, 'smime_error')).toEqual(['2026-04-07T09:40:00.000Z', '2026-04-07T09:40:00.000Z']);
    expect(accounts(report, 'storage_error').sort()).toEqual(['ana.lopez@contoso.com', 'lena.fischer@contoso.com']);
    expect(report.files[0]).toMatchObject({ format: 'csv', delimiter: '\t', records: 4 });
    // An incident window holds all four.
    const windowed = await scan([f, '--around', '2026-04-07T09:30:00Z', ...on(flags).args], { engine: on(flags).engine });
    expect(order(windowed.report)).toEqual(order(report));
  });

  it('piped, the same', async () => {
    const { report } = await scan(['-'], { stdin: bytes });
    expect(order(report)).toEqual([
      ['storage_error', 2],
      ['smime_error', 1],
      ['task_finished_without_error', 1],
    ]);
    expect(seen(report, 'smime_error')[0]).toBe('2026-04-07T09:40:00.000Z');
  });
});
