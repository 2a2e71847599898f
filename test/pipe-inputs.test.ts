/**
 * A FIFO or a character device named as an input is read once, as a stream (a shell's `<(zcat logs.gz)`,
 * `/dev/stdin`, a named pipe), as grep and ripgrep read them; under a directory one is never opened (see
 * test/discover-walk.test.ts). Counts worked out by hand from the lines written.
 */
import { execFileSync, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from './support/cli.js';
import { runMain } from './support/main.js';

const hasMkfifo = ((): boolean => {
  try {
    execFileSync('sh', ['-c', 'command -v mkfifo'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

let dir: string;
beforeEach(() => {
  dir = tempDir('pipe-inputs');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A named pipe a shell writes `text` into (gzipped when asked), once a reader opens it. */
function fifo(name: string, text: string, gzip = false): string {
  const f = path.join(dir, name);
  execFileSync('mkfifo', [f]);
  const writer = spawn('sh', ['-c', gzip ? 'printf "%s" "$0" | gzip -c > "$1"' : 'printf "%s" "$0" > "$1"', text, f], { stdio: 'ignore' });
  writer.unref();
  return name;
}

describe.runIf(hasMkfifo)('a named pipe given as an input', () => {
  it.each([['1'], ['2']])('is read as a stream, plain or gzipped (--jobs %s)', async (jobs) => {
    // 2 records with storage_error and 1 with smime_error in the plain one; 1 storage_error gzipped.
    const plain = fifo('plain.pipe', '2026-03-18T08:00:00Z ERROR storage_error\n2026-03-18T08:01:00Z ERROR smime_error\n2026-03-18T08:02:00Z ERROR storage_error\n');
    const zipped = fifo('zipped.pipe', '2026-03-18T08:03:00Z ERROR storage_error for ann@example.com\n', true);
    const r = await runMain(['scan', plain, zipped, '--jobs', jobs, '--format', 'json'], { cwd: dir });
    expect(r.code, r.err).toBe(0);
    const report = JSON.parse(r.out) as { files: { path: string; records: number; compressed: boolean }[]; codes: { code: string; count: number }[] };
    expect(report.files.map((f) => [f.path, f.records, f.compressed])).toEqual([
      ['plain.pipe', 3, false],
      ['zipped.pipe', 1, true],
    ]);
    expect(report.codes.map((c) => [c.code, c.count])).toEqual([
      ['storage_error', 3],
      ['smime_error', 1],
    ]);
  });
});

describe('a socket given as an input', () => {
  it('is not read: one line naming it, exit 2, the rest reported', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(path.join(dir, 'app.sock'), resolve));
    try {
      const { writeFileSync } = await import('node:fs');
      writeFileSync(path.join(dir, 'ok.log'), '2026-03-18T08:00:00Z ERROR storage_error\n');
      const r = await runMain(['scan', 'app.sock', 'ok.log', '--format', 'json'], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.err).toContain('mxscan: cannot read app.sock: not a regular file (a socket or a block device is not read)');
      expect((JSON.parse(r.out) as { codes: { code: string; count: number }[] }).codes.map((c) => [c.code, c.count])).toEqual([['storage_error', 1]]);
    } finally {
      server.close();
    }
  });
});
