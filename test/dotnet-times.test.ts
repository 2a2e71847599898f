/**
 * A .NET object's time field as .NET and PowerShell write it (README Time): `Timestamp`, PascalCase, holding
 * DataContractJsonSerializer's `\/Date(ms)\/` or `\/Date(ms+0200)\/` (the milliseconds are UTC either way),
 * or Serilog's JsonFormatter ISO time. Expected times worked out by hand: 1775553242113 ms is
 * 2026-04-07T09:14:02.113Z.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { scan, seen } from './support/fixtures.js';
import { ENGINE_FLAGS, on } from './oracle/switch.js';
import { tempDir } from './support/main.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts; src/scan.ts is mocked
// by the setup file of the project these tests run in, test/support/oracle-mock.ts).

const { remove, write } = tempDir('mxscan-dotnet-');
afterAll(remove);

describe('a PascalCase Timestamp field', () => {
  it.each(ENGINE_FLAGS)('is the record’s time, in .NET’s JSON date forms too %j', async (flags) => {
    const f = write(
      'events.jsonl',
      [
        '{"Timestamp":"\\/Date(1775553242113)\\/","Level":"Error","Message":"storage_error for ana.lopez@contoso.com"}',
        // The writer's offset after the milliseconds: the instant is the same.
        '{"Timestamp":"\\/Date(1775553600000+0200)\\/","Level":"Error","Message":"smime_error, certificate expired 2026-03-01T00:00:00Z"}',
        // Serilog's JsonFormatter: its message's date is no time of the event's.
        '{"Timestamp":"2026-04-07T11:31:00.0000000+02:00","Level":"Warning","MessageTemplate":"STORAGE_USER_WITH_ERROR since 2026-04-01T00:00:00Z"}',
      ].join('\n') + '\n',
    );
    const { report } = await scan([f, ...on(flags).args], { engine: on(flags).engine });
    expect(seen(report, 'storage_error')[0]).toBe('2026-04-07T09:14:02.113Z');
    expect(seen(report, 'smime_error')[0]).toBe('2026-04-07T09:20:00.000Z');
    expect(seen(report, 'STORAGE_USER_WITH_ERROR')[0]).toBe('2026-04-07T09:31:00.000Z');
    expect(report.files[0]!.untimedRecords).toBe(0);
  });
});
