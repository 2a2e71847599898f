/**
 * Lines of text among JSON lines (README "Formats", JSON lines): a service that logs JSON on stdout and whose
 * JVM prints an uncaught exception on stderr, as `kubectl logs` and `docker logs` give both. Each such line is
 * a malformed record, read as a line of plain text: its codes count, its time is a plain-text line's (none
 * further in than its first word on a `Caused by:` line), else the time of the record before it. Every value
 * was worked out by hand from the lines below.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { lines, order, scan, seen } from './support/fixtures.js';
import { tempDir } from './support/main.js';
import { ENGINES } from './oracle/switch.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts; src/scan.ts is mocked
// by the setup file of the project these tests run in, test/support/oracle-mock.ts).

const temp = tempDir('mxscan-jsonl-text-');
afterAll(temp.remove);

const LOG = [
  '{"time":"2026-04-07T09:14:02.113Z","level":"ERROR","msg":"upload failed","code":"storage_error","user":"ann@contoso.com"}', // 1
  'Exception in thread "sync-7" java.lang.IllegalStateException: upload failed for bo@contoso.com', // 2
  '\tat com.mxhero.m2c.Uploader.put(Uploader.java:88)', // 3
  'Caused by: java.io.IOException: smime_error: certificate expired 2026-04-07T10:30:00Z', // 4: no time of its own (Caused by:)
  '\t... 4 more', // 5
  '', // 6: blank, no record of note
  '{"time":"2026-04-07T09:20:00.000Z","level":"INFO","msg":"ok","code":"web_hook_moved"}', // 7
  'null pointer at 2026-04-07T09:25:00Z: web_hook_moved again', // 8: starts as JSON may (`n`), ends as none does
  '{"time":"2026-04-07T09:40:00.000Z","level":"WARN","msg":"slow"', // 9: cut short: malformed, JSON.parse's to tell
  'task_finished_with_error for cy@contoso.com', // 10: no time: 09:40's (line 9's own, read as text)
].join('\n') + '\n';

describe('lines of text among JSON lines', () => {
  const f = temp.write('app.jsonl', LOG);

  it.each(ENGINES)('are malformed records read as text, their codes counted (%s)', async (engine) => {
    const { code, report } = await scan([f], { engine });
    expect(code).toBe(0);
    // Ten lines, ten records (no JSON line here carries one on); 2-5, 8, 9 and 10 malformed; 6 blank.
    expect(report.files[0]).toMatchObject({ format: 'jsonl', records: 10, malformedRecords: 7, matches: 5, untimedRecords: 0 });
    expect(order(report)).toEqual([
      ['smime_error', 1], // line 4
      ['storage_error', 1], // line 1
      ['task_finished_with_error', 1], // line 10
      ['web_hook_moved', 2], // lines 7 and 8
    ]);
    expect(lines(report, 'web_hook_moved')).toEqual([7, 8]);
    // Line 4's date is further in than its first word on a `Caused by:` line: line 1's time.
    expect(seen(report, 'smime_error')).toEqual(['2026-04-07T09:14:02.113Z', '2026-04-07T09:14:02.113Z']);
    expect(seen(report, 'task_finished_with_error')[0]).toBe('2026-04-07T09:40:00.000Z');
  });

  it.each(ENGINES)('take their times into a window as plain-text lines do (%s)', async (engine) => {
    // 09:10-09:30: lines 1-8 (line 4 at 09:14, not 10:30; line 8 at 09:25); lines 9 and 10 (09:40) outside.
    const { report } = await scan([f, '--since', '2026-04-07T09:10Z', '--until', '2026-04-07T09:30Z'], { engine });
    expect(order(report)).toEqual([
      ['smime_error', 1],
      ['storage_error', 1],
      ['web_hook_moved', 2],
    ]);
    expect(report.files[0]).toMatchObject({ records: 10, outsideWindow: 2, malformedRecords: 7 });
  });
});
