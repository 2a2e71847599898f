/**
 * A stack trace written one JSON array element a line (CloudWatch's `events`, `gcloud logging read`): a
 * `Caused by:` element naming a code its record counted already and a new one gives the new one its own
 * address (README "What counts": a code's accounts are those of the line where it first appears in its
 * record). Past the first MiB the kernel counts the codes itself; there the element's account ids were read
 * two words off once the code counted already was taken out, and the new code got another record's address.
 * Every value was worked out by hand from the generator below.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { order, row, scan } from './support/fixtures.js';
import { tempDir } from './support/main.js';

const temp = tempDir('mxscan-array-trace-');
afterAll(temp.remove);

/** K single-element records naming smime_error and web_hook_moved with p0..p4 in turn, then J two-element traces. */
function exportOf(k: number, j: number, wrapped: boolean): string {
  let t = Date.UTC(2025, 3, 7, 9, 0, 0);
  const iso = (ms: number): string => new Date(ms).toISOString();
  const els: Record<string, string>[] = [{ timestamp: iso(t), level: 'INFO', message: 'hook web_hook_deleted by z@example.com' }];
  for (let i = 0; i < k; i++) {
    t += 7000;
    els.push({ timestamp: iso(t), level: 'ERROR', message: `upload failed smime_error web_hook_moved p${i % 5}@example.com` });
  }
  for (let i = 0; i < j; i++) {
    t += 7000;
    els.push({ timestamp: iso(t), level: 'ERROR', message: 'upload failed web_hook_moved' });
    // 1 ms later, a trace's later line: it carries on the record above (web_hook_moved counted there already).
    els.push({ timestamp: iso(t + 1), message: 'Caused by: java.io.IOException: smime_error web_hook_moved for z@example.com' });
  }
  const body = els.map((e) => JSON.stringify(e)).join(',\n');
  return wrapped ? `{"events": [\n${body}\n], "nextToken": "x"}\n` : `[\n${body}\n]\n`;
}

describe('a stack trace an array element a line, past the first MiB', () => {
  // 8,000 + 3,000 records (1.7 MB): most of them read where the kernel counts the codes itself.
  const files = [temp.write('events.json', exportOf(8000, 3000, false)), temp.write('wrapped.json', exportOf(8000, 3000, true))];

  it.each(files.flatMap((f) => [[f, '1'], [f, '2']]))('gives a code first named by `Caused by:` that line\'s address (%s, --jobs %s)', async (f, jobs) => {
    const { code, report } = await scan([f, '--jobs', jobs]);
    expect(code).toBe(0);
    expect(report.files[0]).toMatchObject({ records: 11_001, malformedRecords: 0 });
    expect(order(report)).toEqual([
      ['smime_error', 11_000], // 8,000 single records, and each trace's `Caused by:` (3,000)
      ['web_hook_moved', 11_000], // 8,000, and each trace's head (its `Caused by:` in the same record)
      ['web_hook_deleted', 1],
    ]);
    // smime_error: p0..p4 1,600 times each, z@example.com 3,000 times (the `Caused by:` lines); 6 in all.
    expect(row(report, 'smime_error').accounts).toMatchObject({ distinct: 6, top: [{ account: 'z@example.com', count: 3000 }, { account: 'p0@example.com', count: 1600 }, { account: 'p1@example.com', count: 1600 }, { account: 'p2@example.com', count: 1600 }, { account: 'p3@example.com', count: 1600 }] });
    // web_hook_moved: the traces' heads name no address; z@example.com's line is not where it first appears.
    expect(row(report, 'web_hook_moved').accounts).toMatchObject({ distinct: 5 });
    expect(report.impact).toMatchObject({ affectedAccounts: 6, accountsSeen: 6 });
  });
});
