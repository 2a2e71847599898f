/**
 * NUL bytes among text in an input's first 8 KiB (README Formats): no binary file. A run at the start (what
 * copytruncate leaves before a rotated log's new lines, longer than 8 KiB too), a run between lines (the
 * blocks a crash left unwritten), a run at the end (padding), UTF-16 text without a byte-order mark: the
 * NULs are taken out on the way in and the text is read.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { isBinary, SNIFF_BYTES } from '../src/input/detect.js';
import { order, scan } from './support/fixtures.js';
import { tempDir } from './support/main.js';

const { remove, write } = tempDir('mxscan-nul-head-');
afterAll(remove);
const b = (s: string): Buffer => Buffer.from(s, 'utf8');

describe('NUL bytes among text in the first 8 KiB', () => {
  it('is true for NULs and a control byte but tab, line ends, form feed and ESC in the first 8 KiB', () => {
    // An ELF header; a run at the start, then a control byte.
    expect(isBinary(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]))).toBe(true);
    expect(isBinary(Buffer.concat([Buffer.alloc(20_000), Buffer.from([0x61, 0x08, 0x62])]))).toBe(true);
    // The control byte 8 KiB past the run at the start, the NUL inside it.
    const late = Buffer.alloc(100 + SNIFF_BYTES + 1, 0x61);
    late.fill(0, 0, 100);
    late[100 + SNIFF_BYTES - 1] = 0x01;
    expect(isBinary(late)).toBe(true);
  });

  it('is false for NULs among text alone: a stray one, runs, every other byte, a head of NULs only', () => {
    const inside = Buffer.alloc(SNIFF_BYTES, 0x61);
    inside[100] = 0;
    expect(isBinary(inside)).toBe(false);
    expect(isBinary(b('a\u0000b\u0000cd\u0000'))).toBe(false);
    expect(isBinary(Buffer.from([0]))).toBe(false);
    expect(isBinary(Buffer.alloc(2 * SNIFF_BYTES))).toBe(false);
    // A control byte 8 KiB past the run at the start is not looked at.
    const past = Buffer.alloc(100 + SNIFF_BYTES + 1, 0x61);
    past.fill(0, 0, 100);
    past[100 + SNIFF_BYTES] = 0x01;
    expect(isBinary(past)).toBe(false);
  });

  it('is false for NULs around text: a run at the start (copytruncate), at the end (padding), UTF-16 without a byte-order mark', () => {
    const last = Buffer.alloc(SNIFF_BYTES, 0x61);
    last[SNIFF_BYTES - 1] = 0;
    expect(isBinary(last)).toBe(false);
    expect(isBinary(Buffer.concat([Buffer.alloc(5000), b('2026-04-07T09:14:02Z storage_error\n')]))).toBe(false);
    expect(isBinary(Buffer.from('2026-04-07T09:14:02Z storage_error\r\n', 'utf16le'))).toBe(false);
    expect(isBinary(Buffer.from('\u0000' + '2026-04-07T09:14:02Z storage_error\r\n', 'utf16le').subarray(1))).toBe(false);
  });

  it('are read: a copytruncate leftover and UTF-16 without a byte-order mark give their codes', async () => {
    const lines = '2026-04-07T09:14:02Z storage_error\n2026-04-07T09:20:00Z smime_error\n';
    const rotated = write('app.log', '');
    // The writer went on at its old offset after the copy and truncation: NULs up to it, then its lines.
    writeFileSync(rotated, Buffer.concat([Buffer.alloc(6000), b(lines)]));
    const utf16 = write('export.txt', '');
    writeFileSync(utf16, Buffer.from(lines, 'utf16le'));
    for (const f of [rotated, utf16]) {
      const { code, report } = await scan([f]);
      expect(code).toBe(0);
      // Before: skipped as binary, its two codes lost (exit 0 beside other inputs).
      expect(order(report)).toEqual([
        ['smime_error', 1],
        ['storage_error', 1],
      ]);
      expect(report.files[0]).toMatchObject({ status: 'ok', records: 2 });
    }
  });

  it('are read where a crash left blocks unwritten, and after a copytruncate leftover longer than 8 KiB', async () => {
    // The lines written after the restart start where the NUL block ends: storage_error, then two lines after it.
    const crashed = write('crashed.log', '');
    writeFileSync(
      crashed,
      Buffer.concat([b('2026-04-07T09:14:02Z storage_error before the crash\n'), Buffer.alloc(4096), b('2026-04-07T09:20:00Z service restarted\n2026-04-07T09:20:01Z smime_error after it\n')]),
    );
    // 20,000 NULs: the whole first 8 KiB is the leftover.
    const rotated = write('rotated.log', '');
    writeFileSync(rotated, Buffer.concat([Buffer.alloc(20_000), b('2026-04-07T09:14:02Z storage_error\n2026-04-07T09:20:00Z smime_error\n')]));
    for (const [f, records, nuls] of [
      [crashed, 3, 4096],
      [rotated, 2, 20_000],
    ] as const) {
      const { code, report } = await scan([f]);
      expect(code).toBe(0);
      // Before: skipped as binary, its two codes lost.
      expect(order(report)).toEqual([
        ['smime_error', 1],
        ['storage_error', 1],
      ]);
      expect(report.files[0]).toMatchObject({ status: 'ok', records, nulBytes: nuls });
    }
  });
});
