/**
 * A merge of one scan's partial gives the report that scan gives (README "Merging partial reports"): the
 * counts and the provenance both, options shown as typed (a window as ISO times, --around and its width,
 * --max-line-length as written).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, run, tempDir } from './support/postmortem-cli.js';

const temp = tempDir();
afterAll(temp.remove);
const LOG = 'fixtures/incident/mail2cloud.log';

describe('merge of one partial', () => {
  it.each([
    [['--since', '2026-03-18T08:20:00Z', '--until', '2026-03-18T08:40:00Z']],
    [['--around', '2026-03-18T08:30:00Z', '--window', '10m', '--max-line-length', '64k']],
    [['--around', '2026-03-18T08:30:00Z']],
    [['--delimiter', 'tab', '--tz', 'Europe/Berlin']],
  ])('gives the scan’s own JSON report byte for byte (%j)', async (args) => {
    const direct = await run(['scan', LOG, ...args, '--format', 'json', '--quiet'], { cwd: ROOT });
    const partial = await run(['scan', LOG, ...args, '--partial', '--quiet'], { cwd: ROOT });
    const file = path.join(temp.dir, 'one.partial.json');
    writeFileSync(file, partial.out);
    const merged = await run(['merge', file, '--format', 'json', '--quiet'], { cwd: ROOT });
    expect(merged.code).toBe(direct.code);
    const window = (JSON.parse(merged.out) as { provenance: { options: { window: unknown } } }).provenance.options.window;
    // Before: the window in epoch milliseconds, --around and its width gone.
    if (args[0] !== '--delimiter') expect(window).toMatchObject({ since: expect.stringMatching(/^2026-03-18T08:/), until: expect.stringMatching(/^2026-03-18T0[89]:/) });
    expect(merged.out).toBe(direct.out);
  });
});
