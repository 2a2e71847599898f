/**
 * Slow: a CSV record that never ends, fed 80 MiB after an unclosed quote. Run with `npm run test:slow`
 * (MXSCAN_SLOW=1); skipped otherwise, so that `vitest run` stays fast.
 */
import { describe, expect, it } from 'vitest';
import { csvRecords } from '../oracle/csv.js';

const SLOW = process.env['MXSCAN_SLOW'] === '1';

describe.skipIf(!SLOW)('csvRecords: a record that never ends', () => {
  it('stops at 64 MiB with one message naming the limit, keeps the records before it, and reads no further', async () => {
    // an unclosed quote on line 3, then short lines for 80 MiB: the record would hold them all
    const MiB = 1024 * 1024;
    const filler = Buffer.alloc(MiB, 'abcdefgh\n');
    let pulled = 0;
    async function* endless(): AsyncGenerator<Buffer> {
      yield Buffer.from('time,code\n1,storage_error\n2,"open\n');
      for (let i = 0; i < 80; i++) {
        pulled++;
        yield filler;
      }
    }
    const seen: [number, unknown, string][] = [];
    await expect(
      (async () => {
        for await (const r of csvRecords(endless(), 1000)) seen.push([r.line, r.fields?.get('code'), r.text]);
      })(),
    ).rejects.toThrow('a CSV record grows past 67108864 bytes (an unclosed quote?): the rest of the file was not read');
    expect(seen).toEqual([[2, 'storage_error', '1,storage_error']]);
    // 64 MiB is reached in the 64th or 65th MiB of filler: reading stops there
    expect(pulled).toBeGreaterThanOrEqual(64);
    expect(pulled).toBeLessThanOrEqual(66);
  });
});
