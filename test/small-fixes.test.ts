/**
 * Small things users hit: codes a suppressions file or a baseline names that the catalog does not hold,
 * a partial report given as --baseline, Ctrl-C during the progress bar, a skipped binary file's format.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eraseProgress, progressBar } from '../src/commands/progress.js';
import { runMain, tempDir } from './support/main.js';

let dir: string;
let remove: () => void;
beforeAll(() => {
  ({ dir, remove } = tempDir('small-'));
  writeFileSync(path.join(dir, 'app.log'), '2026-03-18T08:00:00Z ERROR smime_error on a message\n');
  writeFileSync(path.join(dir, 'noise.json'), JSON.stringify([{ code: 'smime_eror', reason: 'known noise' }]));
});
afterAll(() => remove());

describe('codes that are not in the catalog', () => {
  it('a suppression naming one says so, with the nearest code', async () => {
    const r = await runMain(['scan', 'app.log', '--suppress', 'noise.json', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.err.split('\n')[0]).toBe('mxscan: suppressions file noise.json: smime_eror is not in the catalog (did you mean smime_error?)');
    // The report says it too, not only stderr: the row is flagged, not shown as a mere "unused".
    const report = JSON.parse(r.out) as { suppressed: unknown[] };
    expect(report.suppressed).toEqual([{ code: 'smime_eror', reason: 'known noise', expires: null, expired: false, count: 0, inCatalog: false, didYouMean: 'smime_error' }]);
  });

  it('the markdown and HTML reports show such a suppression as not in the catalog', async () => {
    const md = (await runMain(['scan', 'app.log', '--suppress', 'noise.json', '--format', 'markdown'], { cwd: dir })).out;
    expect(md).toContain('| `smime_eror` | 0 | known noise | never | not in the catalog (did you mean `smime_error`?) |');
    expect(md).not.toContain('unused');
    await runMain(['scan', 'app.log', '--suppress', 'noise.json', '-o', 'r.html'], { cwd: dir });
    const page = readFileSync(path.join(dir, 'r.html'), 'utf8');
    expect(page).toContain('<td>not in the catalog (did you mean <code>smime_error</code>?)</td>');
  });

  it('a suppression of a catalog code not seen stays "unused", flagged as in the catalog', async () => {
    writeFileSync(path.join(dir, 'unseen.json'), JSON.stringify([{ code: 'storage_error', reason: 'box outage' }]));
    const r = await runMain(['scan', 'app.log', '--suppress', 'unseen.json', '--format', 'json'], { cwd: dir });
    expect(r.err).not.toContain('not in the catalog');
    expect((JSON.parse(r.out) as { suppressed: unknown[] }).suppressed).toEqual([{ code: 'storage_error', reason: 'box outage', expires: null, expired: false, count: 0, inCatalog: true }]);
    const md = (await runMain(['scan', 'app.log', '--suppress', 'unseen.json'], { cwd: dir })).out;
    expect(md).toContain('| `storage_error` | 0 | box outage | never | unused: not seen in this scan |');
  });

  it('a baseline naming one says so', async () => {
    const base = JSON.parse((await runMain(['scan', 'app.log', '--format', 'json'], { cwd: dir })).out) as { codes: { code: string }[] };
    base.codes[0]!.code = 'smime_eror';
    writeFileSync(path.join(dir, 'base.json'), JSON.stringify(base));
    const r = await runMain(['scan', 'app.log', '--baseline', 'base.json', '--fail-on-new', 'error'], { cwd: dir });
    expect(r.err.split('\n')[0]).toBe('mxscan: baseline base.json: smime_eror is not in the catalog (did you mean smime_error?)');
  });
});

describe('a partial report as --baseline', () => {
  it('says to merge it first', async () => {
    writeFileSync(path.join(dir, 'part.json'), (await runMain(['scan', 'app.log', '--partial'], { cwd: dir })).out);
    const r = await runMain(['scan', 'app.log', '--baseline', 'part.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.err).toBe('mxscan: bad baseline part.json: this is a partial report: run mxscan merge first\n');
  });
});

describe('Ctrl-C', () => {
  it('clears the progress bar line', () => {
    const out: string[] = [];
    let now = 0;
    const bar = progressBar({ stdout: () => {}, stderr: (s) => void out.push(s), env: {}, stderrIsTTY: true }, true, () => now)!;
    bar.start(1000);
    now = 2000;
    bar.advance(500);
    expect(out).toHaveLength(1);
    eraseProgress();
    expect(out[1]).toBe('\r\x1b[K');
    // Erased once: the end of the scan does not erase again.
    bar.done();
    expect(out).toHaveLength(2);
  });
});

describe('a skipped binary file', () => {
  it('is listed as binary, not as text', async () => {
    const r = await runMain(['scan', 'fixtures/formats/misc/blob.bin', 'fixtures/incident', '--format', 'json']);
    const j = JSON.parse(r.out) as { files: { path: string; format: string; status: string }[] };
    const blob = j.files.find((f) => f.path.endsWith('blob.bin'));
    expect(blob).toMatchObject({ status: 'binary', format: 'binary' });
  });
});
