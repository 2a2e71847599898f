import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: the bench is plain JavaScript, without declarations
import { caCertsNote } from '../bench/lib/measure.mjs';
// @ts-expect-error: as above
import { warmFiles } from '../bench/lib/warm.mjs';
// @ts-expect-error: as above
import { mergeReports } from '../bench/lib/pair.mjs';

// Helpers of the benchmark that touch the machine: the page-cache warm-up before each run, the note on a
// Node start-up cost that is not mxscan's, and the reports of the processes run at once merged. They measure
// no speed.

const dir = mkdtempSync(path.join(tmpdir(), 'mxscan-bench-helpers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('warmFiles', () => {
  it('reads files and the files under directories, and passes over paths that are not there', () => {
    mkdirSync(path.join(dir, 'tree', 'a'), { recursive: true });
    writeFileSync(path.join(dir, 'one.log'), 'x'.repeat(3 << 20));
    writeFileSync(path.join(dir, 'tree', 'a', 'two.log'), 'y');
    const before = statSync(path.join(dir, 'one.log')).size;
    expect(() => (warmFiles as (p: string[]) => void)([path.join(dir, 'one.log'), path.join(dir, 'tree'), path.join(dir, 'missing')])).not.toThrow();
    // Read, not changed.
    expect(statSync(path.join(dir, 'one.log')).size).toBe(before);
    expect(readFileSync(path.join(dir, 'tree', 'a', 'two.log'), 'utf8')).toBe('y');
  });
});

describe('caCertsNote', () => {
  const note = caCertsNote as (node: string, env: NodeJS.ProcessEnv) => string | null;

  it('says nothing when NODE_EXTRA_CA_CERTS is not set, or empty', () => {
    expect(note(process.execPath, { PATH: process.env['PATH'] ?? '' })).toBeNull();
    expect(note(process.execPath, { NODE_EXTRA_CA_CERTS: '' })).toBeNull();
  });

  it('names the bundle and gives Node’s start-up time with and without it', () => {
    const text = note(process.execPath, { PATH: process.env['PATH'] ?? '', NODE_EXTRA_CA_CERTS: path.join(dir, 'none.pem') });
    expect(text).toMatch(/^NODE_EXTRA_CA_CERTS is set \(.*none\.pem\): .* `node -e 0` takes \d+ ms with it and \d+ ms without\. The mxscan runs above keep it\.$/);
  });
});

describe('mergeReports', () => {
  it('adds up the reports of the processes run at once: codes by code, totals and levels, files listed', () => {
    const a = { codes: [{ code: 'storage_error', count: 3 }, { code: 'smime_error', count: 1 }], totals: { records: 10, outsideWindow: 0, byLevel: { ERROR: 4, WARN: 0, INFO: 0 } }, files: [{ path: 'a.log', status: 'ok' }] };
    const b = { codes: [{ code: 'storage_error', count: 2 }], totals: { records: 7, outsideWindow: 1, byLevel: { ERROR: 2, WARN: 0, INFO: 0 } }, files: [{ path: 'b.log', status: 'ok' }] };
    expect(JSON.parse(mergeReports([JSON.stringify(a), JSON.stringify(b)]) as string)).toEqual({
      codes: [{ code: 'storage_error', count: 5 }, { code: 'smime_error', count: 1 }],
      totals: { records: 17, outsideWindow: 1, byLevel: { ERROR: 6, WARN: 0, INFO: 0 } },
      files: [{ path: 'a.log', status: 'ok' }, { path: 'b.log', status: 'ok' }],
    });
  });
});
