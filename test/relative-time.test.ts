/**
 * --since/--until as durations back from now (2h, 30m), with the clock injected through main's io; --around
 * without --window takes 30 minutes either side and says so; the report shows the window as ISO times.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain, tempDir } from './support/main.js';

// One storage_error at each of 08:00, 09:00, 09:20 and 09:35.
const LOG = ['08:00', '09:00', '09:20', '09:35'].map((t) => `2026-03-18T${t}:00Z ERROR storage_error on box`).join('\n') + '\n';
const NOW = Date.parse('2026-03-18T09:40:00Z');

let dir: string;
let remove: () => void;
beforeAll(() => {
  ({ dir, remove } = tempDir('relative-'));
  writeFileSync(path.join(dir, 'app.log'), LOG);
});
afterAll(() => remove());

interface Json {
  totals: { records: number; outsideWindow: number; byLevel: { ERROR: number } };
  window: { since: string | null; until: string | null } | null;
  provenance: { options: Record<string, unknown> };
}
async function scan(argv: string[]): Promise<Json> {
  const r = await runMain(['scan', 'app.log', '--format', 'json', ...argv], { cwd: dir, io: { now: () => NOW } });
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as Json;
}

describe('relative times', () => {
  it('--since 30m keeps the last thirty minutes before now (09:20 and 09:35)', async () => {
    const j = await scan(['--since', '30m']);
    expect(j.window).toEqual({ since: '2026-03-18T09:10:00.000Z', until: null });
    expect(j.totals.byLevel.ERROR).toBe(2);
    expect(j.totals.outsideWindow).toBe(2);
  });

  it('--since 2h --until 30m: from 07:40 to 09:10 (08:00 and 09:00)', async () => {
    const j = await scan(['--since', '2h', '--until', '30m']);
    expect(j.window).toEqual({ since: '2026-03-18T07:40:00.000Z', until: '2026-03-18T09:10:00.000Z' });
    expect(j.totals.byLevel.ERROR).toBe(2);
  });

  it('--around without --window takes 30 minutes either side, and the report says so', async () => {
    const j = await scan(['--around', '2026-03-18T09:30:00Z']);
    expect(j.window).toEqual({ since: '2026-03-18T09:00:00.000Z', until: '2026-03-18T10:00:00.000Z' });
    // 09:00 (the start is kept), 09:20, 09:35.
    expect(j.totals.byLevel.ERROR).toBe(3);
    expect(j.provenance.options['halfWidth']).toBe('30m (the default for --around without --window)');
    expect(j.provenance.options['around']).toBe('2026-03-18T09:30:00.000Z');
    const md = await runMain(['scan', 'app.log', '--around', '2026-03-18T09:30:00Z'], { cwd: dir });
    expect(md.out).toContain('`halfWidth=30m (the default for --around without --window)`');
  });

  it('shows the window in the report options as ISO times, not epoch milliseconds', async () => {
    const j = await scan(['--since', '2026-03-18T09:00:00Z']);
    expect(j.provenance.options['window']).toEqual({ since: '2026-03-18T09:00:00.000Z', until: null });
  });

  it('shows sizes and percentages as they were typed, and keeps the resolved numbers in the JSON', async () => {
    const j = await scan(['--max-line-length', '64k', '--tolerance', '30%']);
    // 64k is 64 × 1,024 bytes; 30% is 0.3.
    expect(j.provenance.options['maxLineLength']).toBe(65536);
    expect(j.provenance.options['tolerance']).toBe(0.3);
    expect(j.provenance.options['typed']).toEqual({ maxLineLength: '64k', tolerance: '30%' });
    const md = await runMain(['scan', 'app.log', '--max-line-length', '64k', '--tolerance', '30%'], { cwd: dir });
    expect(md.out).toContain('`maxLineLength=64k`');
    expect(md.out).toContain('`tolerance=30%`');
    expect(md.out).not.toContain('typed=');
    const html = await runMain(['scan', 'app.log', '--max-line-length', '64k', '-o', 'r.html'], { cwd: dir });
    expect(html.code).toBe(0);
    const page = (await import('node:fs')).readFileSync(path.join(dir, 'r.html'), 'utf8');
    expect(page).toContain('maxLineLength=64k');
    // Not typed: the default is shown resolved, and the JSON has no typed map.
    expect((await scan([])).provenance.options['typed']).toBeUndefined();
  });

  it('names the flag and the value that is neither a time nor a duration', async () => {
    const r = await runMain(['scan', 'app.log', '--since', 'yesterday'], { cwd: dir, io: { now: () => NOW } });
    expect(r.code).toBe(2);
    expect(r.err).toBe('mxscan: --since: not an ISO-8601 time or a duration back from now (like 2h, 30m): "yesterday"\n');
  });
});
