/**
 * Slow: 6,000 one-line files on two threads, in batches: each thread keeps the accounts of all its files in
 * its kernel (src/fast/account-cache.ts) and a worker posts its files back packed (src/parallel/protocol.ts).
 * Run with `npm run test:slow` (MXSCAN_SLOW=1). The counts are worked out by hand from the lines written.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/catalog/catalog.js';
import { scan } from '../../src/scan.js';
import { seenCount } from '../../src/summary/accounts-seen.js';
import { tempDir } from '../support/main.js';

const SLOW = process.env['MXSCAN_SLOW'] === '1';
const FILES = 6000;
const T0 = Date.parse('2026-03-18T00:00:00Z');

describe.skipIf(!SLOW)('many small files on two threads', () => {
  let tmp: { dir: string; remove: () => void };
  beforeAll(() => {
    tmp = tempDir('mxscan-many-');
    // File i: one line at T0 + i seconds, storage_error for u(i % 7), in 60 directories of 100 files.
    for (let d = 0; d < FILES / 100; d++) {
      const dir = path.join(tmp.dir, 'many', `d${String(d).padStart(2, '0')}`);
      mkdirSync(dir, { recursive: true });
      for (let k = 0; k < 100; k++) {
        const i = d * 100 + k;
        const t = new Date(T0 + i * 1000).toISOString().replace('.000', '');
        writeFileSync(path.join(dir, `f${String(k).padStart(2, '0')}.log`), `${t} storage_error for u${i % 7}@example.com\n`);
      }
    }
  });
  afterAll(() => tmp.remove());

  it('counts every file once, with its accounts, whichever thread read it', async () => {
    for (const jobs of [1, 2]) {
      const { tally } = await scan({ inputs: ['many'], cwd: tmp.dir, catalog: buildCatalog([], true), jobs, parallelFrom: 0 });
      const s = tally.codes.get('storage_error')!;
      expect([s.count, s.files.size, tally.files.size]).toEqual([FILES, FILES, FILES]);
      expect([s.firstSeen, s.lastSeen]).toEqual([T0, T0 + (FILES - 1) * 1000]);
      // 6,000 = 7 × 857 + 1: u0 is named 858 times, the others 857.
      expect(Object.fromEntries(s.accounts.counts)).toEqual(Object.fromEntries(Array.from({ length: 7 }, (_, k) => [`u${k}@example.com`, k === 0 ? 858 : 857])));
      expect(seenCount(tally.seen!)).toEqual({ count: 7, bounded: false });
      expect(s.first).toEqual({ time: T0, file: 'many/d00/f00.log', line: 1 });
    }
  }, 120_000);
});
