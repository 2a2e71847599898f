/**
 * Fixture tests, fixtures/bad: unreadable inputs and their exit codes. Every expected value below was counted by
 * hand from the fixture files (line numbers cited in the comments), never copied from mxscan's output; the
 * shared tallies are in test/support/fixtures.ts.
 */
import { describe, expect, it } from 'vitest';
import { scan, row, fileRow, edge } from './support/fixtures.js';

// ---------------------------------------------------------------------------------------------------
// Unreadable inputs and exit codes
// ---------------------------------------------------------------------------------------------------
describe('unreadable inputs', () => {
  for (const name of ['truncated.log.gz', 'corrupt.log.gz']) {
    it(`exits 2 for ${name}, marks it 'error' and names it in one stderr line`, async () => {
      const f = `fixtures/bad/${name}`;
      const { code, err, report } = await scan([f], { quiet: false });
      expect(code).toBe(2);
      expect(fileRow(report, f).status).toBe('error');
      expect(report.totals.unreadableFiles).toBe(1);
      expect(err.split('\n').filter((l) => l.includes(f))).toHaveLength(1);
    });
  }

  it('exits 2 for a path that does not exist', async () => {
    const { code, err } = await scan(['fixtures/no-such-file.log'], { quiet: false });
    expect(code).toBe(2);
    expect(err).toContain('fixtures/no-such-file.log');
  });

  it('exits 2 when one input of several is unreadable, and still counts the others', async () => {
    const { code, report } = await scan([edge('tie-order.log'), 'fixtures/bad/corrupt.log.gz']);
    expect(code).toBe(2);
    expect(row(report, 'web_hook_moved').count).toBe(4);
    expect(fileRow(report, 'fixtures/bad/corrupt.log.gz').status).toBe('error');
  });

  it('exits by --fail-on level', async () => {
    // blank-lines.log holds only INFO web_hook_deleted
    expect((await scan([edge('blank-lines.log'), '--fail-on', 'warn'])).code).toBe(0);
    expect((await scan([edge('blank-lines.log'), '--fail-on', 'info'])).code).toBe(1);
    // no-final-newline.log holds a WARN and an ERROR
    expect((await scan([edge('no-final-newline.log'), '--fail-on', 'error'])).code).toBe(1);
    // empty.log holds nothing
    expect((await scan([edge('empty.log'), '--fail-on', 'info'])).code).toBe(0);
  });
});
