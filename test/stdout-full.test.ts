/**
 * A report printed to a standard output that cannot take it (`> /dev/full`, a full disk) is one line on
 * stderr and exit 2, as for a file -o cannot write: never a stack trace and exit 1 (which CI reads as "a code
 * was found").
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BIN, requireBin, ROOT } from './support/cli.js';

describe.runIf(existsSync('/dev/full'))('standard output that cannot be written', () => {
  it.each([[['scan', 'fixtures/edge/crlf.log']], [['catalog']], [['--help']], [['scan', 'fixtures/edge/crlf.log', '--format', 'json']]])('%j: one line, exit 2', (argv) => {
    requireBin();
    const full = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [BIN, ...argv], { cwd: ROOT, stdio: ['ignore', full, 'pipe'], encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' } });
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toContain('mxscan: cannot write to standard output: no space left on the device\n');
      expect(r.stderr).not.toMatch(/^\s+at /m);
    } finally {
      closeSync(full);
    }
  });
});
