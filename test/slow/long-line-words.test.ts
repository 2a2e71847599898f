/**
 * Slow: the words of a plain-text line longer than LONG_LINE (16 MiB), read piece by piece by the kernel:
 * each code counts once per line wherever it is (in a piece, touching a piece's cut, in the last part), an
 * unknown value once, in any case; a piece with more words than the kernel's output holds is read here. Run
 * with `npm run test:slow` (MXSCAN_SLOW=1); skipped otherwise.
 */
import { describe, expect, it } from 'vitest';
import { LONG_LINE } from '../../src/fast/text-scan.js';
import { chunked, defaultMatcher, fastTally } from '../support/engines.js';

const SLOW = process.env['MXSCAN_SLOW'] === '1';
const MiB = 1024 * 1024;
/** Bytes a piece keeps for the next (text-scan.ts's KEEP). */
const KEEP = 4096;

/** A 40 MiB line of filler with `words` written at their offsets, then `\nthen smime_error\n`. */
function log(words: [number, string][], filler = 'lorem ipsum '): Buffer {
  const line = Buffer.alloc(40 * MiB, filler);
  for (const [at, w] of words) line.write(` ${w} `, at - 1, 'latin1');
  return Buffer.concat([line, Buffer.from('\nthen smime_error\n')]);
}

const counts = (t: ReturnType<typeof fastTally>): Record<string, number> =>
  Object.fromEntries([...t.codes].filter(([, s]) => s.count > 0).map(([c, s]) => [c, s.count]));

describe.skipIf(!SLOW)('the words of a line longer than LONG_LINE', () => {
  const m = defaultMatcher();
  expect(LONG_LINE).toBe(16 * MiB);
  // Read in 1 MiB chunks, the first piece is cut at 17 MiB - KEEP and the second at 33 MiB - KEEP.
  const words: [number, string][] = [
    [1000, 'storage_error'],
    [17 * MiB - KEEP - 'smime_error'.length, 'smime_error'],
    [20 * MiB - 10, 'connection_error_max_retry'],
    [25 * MiB, 'code=mystery_fault_here'],
    [30 * MiB, 'STORAGE_ERROR'],
    [33 * MiB - KEEP - 'task_finished_with_error'.length, 'task_finished_with_error'],
    [35 * MiB, 'Code: MYSTERY_FAULT_HERE'],
    [39 * MiB + 5, 'web_hook_deleted'],
    [39 * MiB + 500, 'storage_error_count'],
  ];

  it('counts each code and unknown value once per line, wherever it is', () => {
    for (const sizes of [[MiB], [999_983], [3 * MiB + 7]]) {
      const t = fastTally(chunked(log(words), sizes), m);
      expect(counts(t), `chunks of ${sizes[0]}`).toEqual({
        storage_error: 1,
        smime_error: 2,
        connection_error_max_retry: 1,
        task_finished_with_error: 1,
        web_hook_deleted: 1,
      });
      expect([...t.unknown.values()].map((u) => [u.code, u.count])).toEqual([['mystery_fault_here', 1]]);
      expect(t.codes.get('storage_error')!.samples[0]?.text).toContain('storage_error');
      expect(t.files.get('a.log')!.records).toBe(2);
    }
  });

  it('reads a piece with more words than the kernel holds here', () => {
    // 1.6 million unknown values in every piece (`code=ab_cd `: 11 bytes each), and the codes among them.
    const t = fastTally(chunked(log(words, 'code=ab_cd '), [MiB]), m);
    expect(counts(t)).toEqual({
      storage_error: 1,
      smime_error: 2,
      connection_error_max_retry: 1,
      task_finished_with_error: 1,
      web_hook_deleted: 1,
    });
    // The words written at 1000 and 20 MiB - 10 cut the filler after `code=ab_c` (their offset - 1 is 9 mod 11).
    expect([...t.unknown.values()].map((u) => [u.code, u.count]).sort()).toEqual([['ab_c', 1], ['ab_cd', 1], ['mystery_fault_here', 1]]);
  });
});
