/**
 * NUL bytes around text in an input's first 8 KiB (README Formats): no binary file. A run at the start (what
 * copytruncate leaves before a rotated log's new lines), a run at the end (padding), UTF-16 text without a
 * byte-order mark: the NULs are taken out on the way in and the text is read.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { isBinary, SNIFF_BYTES } from '../src/input/detect.js';
import { order, scan } from './support/fixtures.js';
import { tempDir } from './support/main.js';

const { remove, write } = tempDir('mxscan-nul-head-');
afterAll(remove);
const b = (s: string): Buffer => Buffer.from(s, 'utf8');

describe('NUL bytes around text in the first 8 KiB', () => {
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
});
