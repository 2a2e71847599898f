/**
 * Broken and hostile input: every small fixture of fixtures/bad in one scan, in-process and through the
 * built bin. Every expected value below is worked out by hand from the rules (README / the brief), never
 * copied from mxscan's output.
 *
 * Each case checks: exit code, file status, records/matches/codes, the one stderr line that names the file,
 * and that stderr holds no stack trace. Cases whose memory matters run the built bin (dist/bin.js, build it
 * first) as a subprocess and read its peak RSS.
 */
import { describe, expect, it } from 'vitest';
import { BIN, fileRow, problemLines, runBin, runMain } from './support/cli.js';
import { bad, expectClean } from './support/hostile.js';

describe('all small bad fixtures in one scan', () => {
  it('reports every problem in one line each, exits 2 for the unreadable ones, and counts the rest', async () => {
    const inputs = [
      'binary.log.gz',
      'concat.log.gz',
      'corrupt.log.gz',
      'cr-only.log',
      'invalid-utf8.log',
      'no-final-newline.log',
      'nul-after-8k.log',
      'nul-in-head.log',
      'truncated.log.gz',
      'utf16be-bom.log',
      'utf16le-bom.log',
    ].map(bad);
    const r = await runMain(['scan', ...inputs, bad('missing.log'), '-j', '1']);
    expectClean(r, 2);
    const problems = problemLines(r.err);
    expect(problems, r.err).toHaveLength(6);
    expect(problems).toContain('mxscan: fixtures/bad/nul-after-8k.log: 1 NUL byte taken out (padding, or UTF-16 text without a byte-order mark)');
    expect(problems).toContain('mxscan: skipped fixtures/bad/binary.log.gz: binary content (NUL and control bytes in its first 8 KiB)');
    expect(problems.filter((l) => l.startsWith('mxscan: cannot read fixtures/bad/corrupt.log.gz: gzip data is corrupt'))).toHaveLength(1);
    expect(problems).toContain('mxscan: cannot read fixtures/bad/missing.log: no such file or directory');
    expect(problems).toContain('mxscan: fixtures/bad/nul-in-head.log: 1 NUL byte taken out (padding, or UTF-16 text without a byte-order mark)');
    expect(problems).toContain('mxscan: cannot read fixtures/bad/truncated.log.gz: gzip data is truncated (unexpected end of file)');
    expect(r.report.totals.unreadableFiles).toBe(3);
    expect(r.report.totals.binaryFiles).toBe(1);
    // concat 1+1, cr-only 2, invalid-utf8 4, no-final-newline 1, nul-after-8k 2, nul-in-head 3, utf16be 2,
    // utf16le 2 (plus whatever truncated.log.gz gave before its damage)
    const truncated = fileRow(r.report, bad('truncated.log.gz')).matches;
    expect(r.report.codes.reduce((n, c) => n + c.count, 0)).toBe(18 + truncated);
  });

  it('runs the built bin on them without a stack trace (subprocess)', async () => {
    expect(BIN).toMatch(/dist\/bin\.js$/);
    const r = await runBin(['scan', 'fixtures/bad', '--format', 'json'], { timeoutMs: 30_000 });
    expect(r.timedOut).toBe(false);
    expectClean({ code: r.status ?? -1, err: r.stderr }, 2);
  });
});
