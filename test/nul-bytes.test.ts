/**
 * NUL bytes past a text input's first 8 KiB (README Formats): text appended as UTF-16 without a byte-order
 * mark (Windows PowerShell 5.1's `>>` onto a log another program writes) and padding are taken out on the
 * way in, said once per file. Expected values worked out by hand from the lines below.
 */
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { order, scan, seen } from './support/fixtures.js';
import { ENGINE_FLAGS, on } from './oracle/switch.js';
import { tempDir } from './support/main.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts; src/scan.ts is mocked
// by the setup file of the project these tests run in, test/support/oracle-mock.ts).

const { remove, write } = tempDir('mxscan-nul-');
afterAll(remove);

/** `lines` lines a batch job wrote (no code, each at 09:00), then three lines appended as UTF-16LE without a BOM. */
function appended(lines: number): { bytes: Buffer; nuls: number } {
  const head = Array.from({ length: lines }, (_, i) => `2026-04-07T09:00:00Z batch step ${i} done\r\n`).join('');
  const tail = '2026-04-07T09:14:02Z storage_error for ann@example.com\r\n2026-04-07T09:20:00Z smime_error\r\n2026-04-07T09:31:00Z STORAGE_USER_WITH_ERROR\r\n';
  // UTF-16LE of ASCII: each character, then a NUL.
  return { bytes: Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from(tail, 'utf16le')]), nuls: tail.length };
}

const EXPECTED = [
  ['smime_error', 1],
  ['storage_error', 1],
  ['STORAGE_USER_WITH_ERROR', 1],
];

describe('UTF-16 text appended to a log without a byte-order mark', () => {
  it.each(ENGINE_FLAGS)('is read: its codes count, at their times %j', async (flags) => {
    // 300 lines (over 8 KiB, under the 1 MiB a file is read whole in) and 40,000 (read in chunks, shared by two threads).
    for (const lines of [300, 40_000]) {
      const { bytes, nuls } = appended(lines);
      const f = write(`batch-${lines}.log`, '');
      writeFileSync(f, bytes);
      const { report, err } = await scan([f, ...on(flags).args], { engine: on(flags).engine, quiet: false });
      expect(order(report)).toEqual(EXPECTED);
      expect(seen(report, 'storage_error')).toEqual(['2026-04-07T09:14:02.000Z', '2026-04-07T09:14:02.000Z']);
      expect(report.files[0]).toMatchObject({ status: 'ok', format: 'text', records: lines + 3, nulBytes: nuls });
      expect(err).toContain(`: ${nuls} NUL bytes taken out (padding, or UTF-16 text without a byte-order mark)`);
    }
  });

  it('from standard input and gzipped too', async () => {
    const { bytes, nuls } = appended(300);
    const gz = write('batch.log.gz', '');
    writeFileSync(gz, gzipSync(bytes));
    for (const run of [await scan([gz]), await scan(['-'], { stdin: bytes })]) {
      expect(order(run.report)).toEqual(EXPECTED);
      expect(run.report.files[0]!.nulBytes).toBe(nuls);
    }
  });

  it('padding after the lines is nothing; a file without NUL bytes has no such field', async () => {
    const text = Array.from({ length: 300 }, (_, i) => `2026-04-07T09:00:00Z step ${i}${i === 299 ? ' storage_error' : ''}\n`).join('');
    const f = write('padded.log', '');
    writeFileSync(f, Buffer.concat([Buffer.from(text), Buffer.alloc(4096)]));
    const { report } = await scan([f]);
    expect(order(report)).toEqual([['storage_error', 1]]);
    // The padding has no line end: it would be a last line; taken out, nothing is left of it.
    expect(report.files[0]).toMatchObject({ records: 300, nulBytes: 4096 });
    const clean = await scan([write('clean.log', text)]);
    expect(clean.report.files[0]!.nulBytes).toBeUndefined();
  });
});
