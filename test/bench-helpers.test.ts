import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: the bench is plain JavaScript, without declarations
import { caCertsNote } from '../bench/lib/measure.mjs';
// @ts-expect-error: as above
import { warmFiles } from '../bench/lib/warm.mjs';

// Helpers of the benchmark that touch the machine: the page-cache warm-up before each run, and the note on
// a Node start-up cost that is not mxscan's. They measure no speed.

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
