/**
 * Slow: one pretty-printed JSON array of ~70 MiB shared by two threads (src/parallel/plan.ts arrayCut), one
 * whose nested arrays are indented like the top level one, so that the cut a thread finds lies inside an
 * element: its range's read says so and the file is read again whole (src/scan.ts), and a YAML stream of
 * the same entries cut at `---` lines (src/input/yaml-cut.ts). Run with `npm run test:slow` (MXSCAN_SLOW=1).
 * The counts are worked out by hand from the elements written.
 */
import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/catalog/catalog.js';
import { buildReport } from '../../src/index.js';
import { MIN_PART, Workers } from '../../src/parallel/warm.js';
import { planUnits } from '../../src/parallel/plan.js';
import { runOnWorkers } from '../../src/parallel/pool.js';
import type { UnitResult } from '../../src/parallel/protocol.js';
import { fastPathApplies, fileSettings, scan, scanUnit } from '../../src/scan.js';
import { tempDir } from '../support/main.js';

const SLOW = process.env['MXSCAN_SLOW'] === '1';
const T0 = Date.parse('2026-03-18T00:00:00Z');
const catalog = buildCatalog([], true);

describe.skipIf(!SLOW)('a JSON array on two threads', () => {
  let tmp: { dir: string; remove: () => void };
  const N = 136_000;
  const ODD = 112_000;
  const YAML_N = 96_000;
  beforeAll(() => {
    tmp = tempDir('mxscan-array-threads-');
    // Entry i: web_hook_deleted in the code field of every fourth, storage_error in the message of every
    // third (every twelfth's code field names its code: not counted), u(i % 7)'s address, i seconds after
    // T0 but every fifth from the third, which has no time of its own (it takes the one before).
    const entries = Array.from({ length: N }, (_, i) => ({
      insertId: `id${i}`,
      jsonPayload: { code: i % 4 === 0 ? 'web_hook_deleted' : null, message: i % 3 === 0 ? 'upload failed: storage_error' : 'synced 40 messages', account_email: `u${i % 7}@example.com`, labels: [{ k: 'a' }, { k: 'b' }] },
      resource: { type: 'k8s_container', labels: { cluster_name: 'prod', namespace_name: 'mail2cloud', pod_name: `m2c-${i % 13}` } },
      severity: 'ERROR',
      ...(i % 5 === 2 ? {} : { timestamp: new Date(T0 + i * 1000).toISOString() }),
    }));
    writeFileSync(path.join(tmp.dir, 'gcloud.json'), JSON.stringify(entries, null, 2) + '\n');
    // The same entries as gcloud writes them in YAML, a document each (a third of them: YAML is read slower).
    const yaml = entries.slice(0, YAML_N).map((e) => {
      const p = e.jsonPayload;
      const t = e.timestamp === undefined ? '' : `timestamp: '${e.timestamp}'\n`;
      return `---\ninsertId: ${e.insertId}\njsonPayload:\n  account_email: ${p.account_email}\n  code: ${p.code ?? 'null'}\n  message: '${p.message}'\nresource:\n  labels:\n    cluster_name: prod\n    pod_name: ${e.resource.labels.pod_name}\n  type: k8s_container\nseverity: ERROR\n${t}`;
    });
    writeFileSync(path.join(tmp.dir, 'gcloud.yaml'), yaml.join(''));
    // The same entries as a CSV export, a line break in the message cell of every other one.
    const rows = entries.map((e, i) => [e.timestamp ?? '', e.jsonPayload.code ?? '', e.jsonPayload.account_email, `"${e.jsonPayload.message}${i % 2 === 0 ? "\nsee the next line" : ""}"`].join(','));
    writeFileSync(path.join(tmp.dir, 'export.csv'), ['timestamp,code,account,message', ...rows].join('\n') + '\n');
    // Element i: storage_error for u(i % 5) at T0 + i s, and 24 items written at the top level's indentation.
    const items = Array.from({ length: 24 }, (_, k) => `  {\n    "n": ${k}\n  }`).join(',\n');
    const odd = Array.from({ length: ODD }, (_, i) => `  {\n    "timestamp": "${new Date(T0 + i * 1000).toISOString()}",\n    "message": "batch ${i} storage_error for u${i % 5}@example.com",\n    "items": [\n${items}\n    ]\n  }`);
    writeFileSync(path.join(tmp.dir, 'odd.json'), `[\n${odd.join(',\n')}\n]\n`);
  });
  afterAll(() => tmp.remove());

  // Ranges halved down to 2 MiB: a worker booting while this thread reads takes many of them.
  const report = async (name: string, jobs: number) => {
    const { tally } = await scan({ inputs: [name], cwd: tmp.dir, catalog, jobs, cores: 2, minPart: 1 << 20, parallelFrom: 0 });
    return buildReport(tally, { catalog, version: 'test', window: null });
  };

  /**
   * The file read by this thread and a worker booted first, as the scan shares it (ranges halved down to 2 MiB):
   * each range's result, in order.
   */
  const shared = async (name: string, format: string): Promise<UnitResult[]> => {
    const s = fileSettings({ inputs: [], cwd: tmp.dir, catalog, jobs: 2 });
    const [unit] = await planUnits([{ path: name, file: path.join(tmp.dir, name) }], 2, s, fastPathApplies, 1 << 20);
    expect([unit!.input.format, unit!.input.range?.start, unit!.shares]).toEqual([format, 0, 2]);
    const workers = new Workers(1);
    const parts: [number, UnitResult][] = [];
    await workers.booted();
    try {
      await runOnWorkers([{ index: 0, input: unit!.input, size: unit!.size, shares: 2 }], s, 2, (r, u) => parts.push([u!.input.range!.start, r]), (u, st, p, c) => scanUnit(u, st, p, undefined, c), { warm: workers, minSteal: 2 << 20 });
    } finally {
      workers.close();
    }
    const out = parts.sort((a, b) => a[0] - b[0]).map(([, r]) => r);
    expect(out.length).toBeGreaterThan(1);
    // Each range but the last ends between two records.
    expect(out.slice(0, -1).filter((r) => r.endUnsure === true || r.abandoned === true)).toEqual([]);
    return out;
  };

  it('is cut between two entries and read by both: the report is the one thread’s', async () => {
    expect(statSync(path.join(tmp.dir, 'gcloud.json')).size).toBeGreaterThan(2 * MIN_PART);
    const parts = await shared('gcloud.json', 'json');
    expect(parts.reduce((n, r) => n + r.tally.files.get('gcloud.json')!.records, 0)).toBe(N);
    const two = await report('gcloud.json', 2);
    expect(two).toEqual(await report('gcloud.json', 1));
    expect(two.totals.records).toBe(N);
    // 136,000 / 4 = 34,000 code fields; 45,334 thirds (0 to 135,999) less the 11,334 twelfths. The first
    // storage_error is entry 3's (0 is a twelfth), the last 135,999's; both have times of their own.
    expect(two.codes.map((c) => [c.code, c.count, c.firstSeen, c.lastSeen])).toEqual([
      ['storage_error', 34_000, '2026-03-18T00:00:03.000Z', new Date(T0 + 135_999_000).toISOString()],
      ['web_hook_deleted', 34_000, '2026-03-18T00:00:00.000Z', new Date(T0 + 135_996_000).toISOString()],
    ]);
    expect([two.impact.affectedAccounts, two.impact.accountsSeen]).toEqual([7, 7]);
  }, 120_000);

  it('as a YAML stream, is cut at `---` lines and read by both: the report is the one thread’s', async () => {
    const parts = await shared('gcloud.yaml', 'yaml');
    expect(parts.reduce((n, r) => n + r.tally.files.get('gcloud.yaml')!.records, 0)).toBe(YAML_N);
    const two = await report('gcloud.yaml', 2);
    expect(two).toEqual(await report('gcloud.yaml', 1));
    expect(two.totals.records).toBe(YAML_N);
    // 96,000 / 4 = 24,000 code fields; 32,000 thirds (0 to 95,997) less the 8,000 twelfths. The last
    // storage_error, 95,997's, has no time of its own (95,997 = 5 × 19,199 + 2): it takes 95,996's.
    expect(two.codes.map((c) => [c.code, c.count, c.lastSeen])).toEqual([
      ['storage_error', 24_000, new Date(T0 + 95_996_000).toISOString()],
      ['web_hook_deleted', 24_000, new Date(T0 + 95_996_000).toISOString()],
    ]);
  }, 120_000);

  it('as a CSV export with line breaks in cells, is cut at row starts and read by both: the report is the one thread’s', async () => {
    const parts = await shared('export.csv', 'csv');
    expect(parts.reduce((n, r) => n + r.tally.files.get('export.csv')!.records, 0)).toBe(N);
    const two = await report('export.csv', 2);
    expect(two).toEqual(await report('export.csv', 1));
    expect(two.totals.records).toBe(N);
    expect(two.codes.map((c) => [c.code, c.count])).toEqual([
      ['storage_error', 34_000],
      ['web_hook_deleted', 34_000],
    ]);
    expect([two.impact.affectedAccounts, two.impact.accountsSeen]).toEqual([7, 7]);
  }, 120_000);

  it('is read again whole when the cut found lies inside an element', async () => {
    expect(statSync(path.join(tmp.dir, 'odd.json')).size).toBeGreaterThan(2 * MIN_PART);
    const two = await report('odd.json', 2);
    expect(two).toEqual(await report('odd.json', 1));
    expect(two.totals.records).toBe(ODD);
    expect(two.codes.map((c) => [c.code, c.count])).toEqual([['storage_error', ODD]]);
    expect([two.impact.affectedAccounts, two.impact.accountsSeen]).toEqual([5, 5]);
    // 112,000 = 5 × 22,400: each address in as many records.
    expect(two.codes[0]!.accounts.top.map((a) => [a.account, a.count]).sort()).toEqual([0, 1, 2, 3, 4].map((k) => [`u${k}@example.com`, 22_400]));
    // The progress bar's total grows by the file read again: what was read never passes it.
    const size = statSync(path.join(tmp.dir, 'odd.json')).size;
    const plans: number[] = [];
    let read = 0;
    await scan({ inputs: ['odd.json'], cwd: tmp.dir, catalog, jobs: 2, cores: 2, minPart: 1 << 20, parallelFrom: 0, onPlan: (b) => plans.push(b), onProgress: (b) => void (read += b) });
    expect(plans).toEqual([size, 2 * size]);
    expect(read).toBe(2 * size);
  }, 120_000);
});
