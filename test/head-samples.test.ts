/**
 * A file's first occurrences of a code are evidence candidates; read by the kernel, their text is made after
 * its call, only for those the tally still holds (src/fast/head-samples.ts). The texts are the lines written.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCatalog } from '../src/catalog/catalog.js';
import { scan } from '../src/scan.js';
import { tempDir } from './support/main.js';

let tmp: { dir: string; remove: () => void };
const LINES = [
  '2026-03-18T08:00:00Z storage_error alpha',
  '2026-03-18T08:00:30Z storage_error beta',
  '2026-03-18T09:00:00Z storage_error gamma',
  '2026-03-18T07:00:00Z smime_error omega',
  '2026-03-18T09:00:10Z storage_error delta',
];
beforeAll(() => {
  tmp = tempDir('mxscan-head-');
  writeFileSync(path.join(tmp.dir, 'a.log'), LINES.join('\n') + '\n');
  // A later file, earlier in time: its first occurrence becomes the code's first.
  writeFileSync(path.join(tmp.dir, 'b.log'), '2026-03-18T06:00:00Z storage_error zeta\n');
});
afterAll(() => tmp.remove());

describe('evidence of a file’s first occurrences', () => {
  it('has the text of each occurrence kept, whichever file or line it came from', async () => {
    const { tally } = await scan({ inputs: ['a.log', 'b.log'], cwd: tmp.dir, catalog: buildCatalog([], true), jobs: 1 });
    const s = tally.codes.get('storage_error')!;
    // The head: the first three by file and line.
    expect(s.samples.map((x) => [x.file, x.line, x.text])).toEqual([
      ['a.log', 1, LINES[0]],
      ['a.log', 2, LINES[1]],
      ['a.log', 3, LINES[2]],
    ]);
    // Earliest in time: b.log's line; latest: a.log's line 5 (not one of its first three).
    expect([s.evidence.first?.file, s.evidence.first?.text]).toEqual(['b.log', '2026-03-18T06:00:00Z storage_error zeta']);
    expect([s.evidence.last?.line, s.evidence.last?.text]).toEqual([5, LINES[4]]);
    const m = tally.codes.get('smime_error')!;
    expect([m.samples[0]?.text, m.evidence.first?.text, m.evidence.last?.text]).toEqual([LINES[3], LINES[3], LINES[3]]);
    // Each kept candidate has its text.
    for (const x of [...s.evidence.byBucket.values(), ...m.evidence.byBucket.values()]) expect(x.text).not.toBe('');
  });
});
