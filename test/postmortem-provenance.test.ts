/**
 * Postmortem capability: provenance (tool version, catalog, inputs, options). Every expected value below was
 * counted by hand from the fixture text (line numbers cited in the comments) and the rules of the capability,
 * never copied from mxscan's output.
 *
 * Logs live under fixtures/postmortem/<scenario>/; baselines, suppression files and catalogs under test/data/
 * (fixtures/ is scanned whole by `npm start`); the paths several files share are in test/support/postmortem-
 * paths.ts.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { marked } from 'marked';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, scanJson, scanMarkdown, tempDir } from './support/postmortem-cli.js';
import { PM, DATA, COMPARE, TIMELINE, BASELINE, ACCOUNTS } from './support/postmortem-paths.js';

const temp = tempDir();
afterAll(() => temp.remove());

// ---------------------------------------------------------------------------------------------------
// 9. Provenance
// ---------------------------------------------------------------------------------------------------
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const bytes = (rel: string): number => statSync(path.join(ROOT, rel)).size;
const num = (n: number): string => n.toLocaleString('en-US');

describe('provenance: what lets anyone re-run and audit the report', () => {
  it('names the tool version, the catalog (15 entries, sha256), every input with its size, and the options', async () => {
    const { report } = await scanJson([ACCOUNTS, '--fail-on', 'warn', '--baseline', BASELINE, '--tolerance', '50%']);
    const p = report.provenance!;
    expect(p.toolVersion).toBe(VERSION);
    expect(p.catalog.entries).toBe(15);
    expect(p.catalog.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(p.inputs).toEqual([
      { path: `${ACCOUNTS}/notifications.jsonl`, bytes: bytes(`${ACCOUNTS}/notifications.jsonl`) },
      { path: `${ACCOUNTS}/storage-box.log`, bytes: bytes(`${ACCOUNTS}/storage-box.log`) },
    ]);
    expect(p.window).toBeNull();
    expect(p.options).toMatchObject({ failOn: 'warn', baseline: BASELINE, tolerance: 0.5 });
    expect(p.complete).toBe(true);
    expect(p.redacted).toBe(false);
  });

  // Fails at the time of writing: a skipped binary input reports the bytes of the one 1 MiB chunk read (1,048,576).
  it('gives the size of compressed, structured and skipped binary inputs as stat gives it', async () => {
    // fixtures/formats: gzip, CSV, JSON lines, a JSON array and a small binary file
    const formats = await scanJson(['fixtures/formats']);
    for (const i of formats.report.provenance!.inputs) expect(i.bytes, i.path).toBe(bytes(i.path));
    // a 3 MiB binary dump (NUL and a control byte at byte 100) is skipped, but it is still a 3,145,745-byte input
    const dir = path.join(temp.dir, 'binary-input');
    mkdirSync(dir);
    const dump = Buffer.alloc(3 * 1024 * 1024 + 17, 0x41);
    dump[100] = 0;
    dump[101] = 2;
    writeFileSync(path.join(dir, 'attachment-dump.bin'), dump);
    writeFileSync(path.join(dir, 'm2c.log'), '2026-03-18T10:00:00.000Z ERROR [storage-box] storage_error (507)\n');
    const { report } = await scanJson(['.'], { cwd: dir });
    expect(report.files.map((f) => [f.path, f.status])).toEqual([
      ['attachment-dump.bin', 'binary'],
      ['m2c.log', 'ok'],
    ]);
    expect(report.provenance!.inputs).toEqual([
      { path: 'attachment-dump.bin', bytes: 3_145_745 },
      { path: 'm2c.log', bytes: 65 }, // 64 characters and a newline
    ]);
  });

  it('keeps the catalog hash stable across scans and changes it with the catalog', async () => {
    const a = (await scanJson([ACCOUNTS])).report.provenance!.catalog;
    const b = (await scanJson([TIMELINE])).report.provenance!.catalog;
    expect(b).toEqual(a);
    const custom = (await scanJson([TIMELINE, '--catalog', `${DATA}/catalog-extra-errors.json`])).report.provenance!.catalog;
    expect(custom.entries).toBe(19); // 15 + 4 new codes
    expect(custom.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(custom.sha256).not.toBe(a.sha256);
  });

  it('records the window applied', async () => {
    const { report } = await scanJson([COMPARE, '--since', '2026-03-18T10:00:00Z', '--until', '2026-03-18T10:15:00Z']);
    expect(report.provenance!.window).toEqual({ since: '2026-03-18T10:00:00.000Z', until: '2026-03-18T10:15:00.000Z' });
  });

  it('is incomplete when an input cannot be read (exit 2)', async () => {
    const missing = `${PM}/compare/mail2cloud-2026-03-19.log`;
    const { code, report } = await scanJson([COMPARE, missing]);
    expect(code).toBe(2);
    expect(report.provenance!.complete).toBe(false);
    expect(report.provenance!.inputs.map((i) => i.path)).toEqual([COMPARE, missing]);
    expect(report.provenance!.inputs[0]!.bytes).toBe(bytes(COMPARE));
  });

  it('is incomplete when a line was skipped as too long', async () => {
    // notifications.jsonl: lines 1 (182 bytes) and 4 (183) are longer than 160; 2 (141) and 3 (139) are not
    const jsonl = `${ACCOUNTS}/notifications.jsonl`;
    const { code, report } = await scanJson([jsonl, '--max-line-length', '160']);
    expect(code).toBe(0);
    expect(report.totals.skippedLines).toBe(2);
    expect(report.provenance!.complete).toBe(false);
  });

  it('lists the inputs with their sizes in the markdown header: the first five, escaped, then how many more', async () => {
    // Seven inputs; file i (1-based) holds i copies of a 45-byte line (24 + 7 + 13 + 1), so 45 × i bytes.
    // Names sort by their two-digit prefix; the first four are hostile: a code span and an HTML tag, a link,
    // a mention and an issue reference, table and emphasis characters, a line break.
    const line = '2026-03-18T10:00:00.000Z ERROR storage_error\n';
    expect(line).toHaveLength(45);
    const names = ['01-`<img src=x onerror=alert(1)>`.log', '02-[click](javascript:alert(1)) @admin #1.log', '03-a|b *bold* _it_.log', '04-new\nline.log', '05.log', '06.log', '07.log'];
    const dir = path.join(temp.dir, 'many-inputs');
    mkdirSync(dir);
    names.forEach((n, i) => writeFileSync(path.join(dir, n), line.repeat(i + 1)));
    const { report } = await scanJson(['.'], { cwd: dir });
    expect(report.provenance!.inputs).toEqual(names.map((n, i) => ({ path: n, bytes: 45 * (i + 1) })));
    const { out } = await scanMarkdown(['.'], { cwd: dir });
    const header = out.split('\n').filter((l) => l.startsWith('<sub>'));
    expect(header).toHaveLength(2);
    expect(header[0]).toContain(' · 7 inputs · ');
    // Each name in a code span (a fence longer than its backticks; the line break shown as ⏎), cut after five.
    expect(header[1]).toBe(
      '<sub>Inputs: ``01-`<img src=x onerror=alert(1)>`.log`` (45 bytes), `02-[click](javascript:alert(1)) @admin #1.log` (90 bytes), ' +
        '`03-a|b *bold* _it_.log` (135 bytes), `04-new ⏎ line.log` (180 bytes), `05.log` (225 bytes), … and 2 more in the JSON report</sub>',
    );
    // Rendered, the header is a paragraph of <sub> and <code> only: nothing in a name became markup.
    const html = marked.parse(header[1]!, { async: false }) as string;
    expect([...new Set([...html.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((m) => m[1]))]).toEqual(['p', 'sub', 'code']);
    // Five inputs or fewer: all of them, no "more".
    const two = (await scanMarkdown([`${ACCOUNTS}/notifications.jsonl`, `${ACCOUNTS}/storage-box.log`])).out;
    expect(two.split('\n').filter((l) => l.startsWith('<sub>Inputs: '))).toEqual([
      `<sub>Inputs: \`${ACCOUNTS}/notifications.jsonl\` (${num(bytes(`${ACCOUNTS}/notifications.jsonl`))} bytes), ` +
        `\`${ACCOUNTS}/storage-box.log\` (${num(bytes(`${ACCOUNTS}/storage-box.log`))} bytes)</sub>`,
    ]);
  });

  it('says whether the report was redacted', async () => {
    expect((await scanJson([ACCOUNTS, '--redact'])).report.provenance!.redacted).toBe(true);
  });
});
