/**
 * Impact (issue 12, point 3): affected accounts ÷ all accounts seen in the records read (e-mail addresses,
 * not Message-IDs, in any record, with a code or not), exact up to SEEN_EXACT distinct accounts and an
 * estimate past it, merged across files, workers and partial reports.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SEEN_EXACT, addSeen, copySeen, fmix32, mergeSeen, newSeen, seenCount, seenFromJson, seenToJson } from '../src/summary/accounts-seen.js';
import { percent } from '../src/render/format.js';
import { renderHtml } from '../src/render/html.js';
import { renderTerminal } from '../src/render/terminal.js';
import type { Report } from '../src/summary/report.js';
import { run, scanJson, scanMarkdown, tempDir } from './support/postmortem-cli.js';
import { Kernel } from '../src/fast/kernels.js';
import { ENGINE_FLAGS, on } from './oracle/switch.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts; src/scan.ts is mocked
// by the setup file of the project these tests run in, test/support/oracle-mock.ts).

const temp = tempDir();
afterAll(() => temp.remove());

// 10 accounts: 6 only in lines without a code, 4 in lines with one (b3 also in a line without one); a
// Message-ID and a second spelling of a1 are not more accounts.
const LOG = [
  '2026-04-07T09:00:00Z INFO login a1@contoso.com a2@contoso.com',
  '2026-04-07T09:00:10Z INFO login A1@Contoso.com a3@contoso.com',
  '2026-04-07T09:00:20Z INFO sync a4@contoso.com, a5@contoso.com and a6@contoso.com',
  '2026-04-07T09:00:30Z INFO Message-ID: <CAF8x2kq9ZzYw7@mail.gmail.com> for b3@contoso.com',
  '2026-04-07T09:01:00Z ERROR storage_error b1@contoso.com',
  '2026-04-07T09:01:10Z ERROR storage_error b2@contoso.com b3@contoso.com',
  '2026-04-07T09:01:20Z WARN smime_error b4@contoso.com',
];
const dir = path.join(temp.dir, 'ten');
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, 'app.log'), LOG.join('\n') + '\n');
const jsonDir = path.join(temp.dir, 'jsonl');
mkdirSync(jsonDir, { recursive: true });
writeFileSync(path.join(jsonDir, 'app.jsonl'), LOG.map((l) => JSON.stringify({ time: l.slice(0, 20), msg: l.slice(21) })).join('\n') + '\n');
const csvDir = path.join(temp.dir, 'csv');
mkdirSync(csvDir, { recursive: true });
writeFileSync(path.join(csvDir, 'app.csv'), 'time,message\n' + LOG.map((l) => `${l.slice(0, 20)},"${l.slice(21)}"`).join('\n') + '\n');

const FOUR_OF_TEN = { affectedAccounts: 4, accountsSeen: 10, ratio: 0.4, bounded: false };

describe('impact: affected accounts ÷ accounts seen', () => {
  it.each(ENGINE_FLAGS)('plain text %j: 4 of 10', async (flags) => {
    const { report } = await scanJson(['.', ...on(flags).args], { cwd: dir, engine: on(flags).engine });
    expect(report.impact).toEqual(FOUR_OF_TEN);
  });

  it('counts every record read, inside a window or not (the window narrows the affected ones)', async () => {
    // 09:01:00–09:01:15 holds b1, b2 and b3.
    const { report } = await scanJson(['.', '--since', '2026-04-07T09:01:00Z', '--until', '2026-04-07T09:01:15Z'], { cwd: dir });
    expect(report.impact).toEqual({ affectedAccounts: 3, accountsSeen: 10, ratio: 0.3, bounded: false });
  });

  it.each([
    ['JSON lines', jsonDir, []],
    ['JSON lines, record reader', jsonDir, ['oracle']],
    ['CSV', csvDir, []],
    ['CSV, record reader', csvDir, ['oracle']],
  ])('%s: 4 of 10', async (_name, cwd, flags) => {
    const { report } = await scanJson(['.', ...on(flags).args], { cwd, engine: on(flags).engine });
    expect(report.impact).toEqual(FOUR_OF_TEN);
  });

  it('shows the line in the markdown, the terminal report and the HTML', async () => {
    const md = await scanMarkdown(['.'], { cwd: dir });
    expect(md.out).toMatch(/\n\*\*.*\.\*\* .* Impact: 4 of 10 accounts seen affected \(40 %\)\.\n/);
    const { report } = await scanJson(['.'], { cwd: dir });
    expect(renderTerminal(report, { width: 100, color: false })).toContain('\nImpact: 4 of 10 accounts seen affected (40 %).\n');
    expect(renderHtml(report)).toContain('<li>Impact: 4 of 10 accounts seen affected (40 %).</li>');
  });

  it('merges partial reports: an account in two files is one account', async () => {
    const split = path.join(temp.dir, 'split');
    mkdirSync(split, { recursive: true });
    // b3 is in both files.
    writeFileSync(path.join(split, 'one.log'), LOG.slice(0, 4).join('\n') + '\n');
    writeFileSync(path.join(split, 'two.log'), LOG.slice(4).join('\n') + '\n');
    const parts: string[] = [];
    for (const name of ['one.log', 'two.log']) {
      const r = await run(['scan', name, '--partial', '--quiet'], { cwd: split });
      const file = path.join(temp.dir, `${name}.partial.json`);
      writeFileSync(file, r.out);
      parts.push(file);
    }
    const merged = await run(['merge', ...parts, '--format', 'json', '--quiet']);
    expect((JSON.parse(merged.out) as Report).impact).toEqual(FOUR_OF_TEN);
  });
});

describe('past the exact bound', () => {
  // 12,000 distinct accounts in lines without codes, one affected account; a.log alone passes the bound (the
  // kernel hands over its sketch), b.log does not (its hashes).
  const many = path.join(temp.dir, 'many');
  mkdirSync(many, { recursive: true });
  const lines = Array.from({ length: 12_000 }, (_, i) => `2026-04-07T09:00:00Z INFO login user${i}@fabrikam.com`);
  writeFileSync(path.join(many, 'a.log'), [...lines.slice(0, 11_000), '2026-04-07T09:00:01Z ERROR storage_error user7@fabrikam.com'].join('\n') + '\n');
  writeFileSync(path.join(many, 'b.log'), lines.slice(11_000).join('\n') + '\n');

  it.each(ENGINE_FLAGS)('%j: an estimate, said to be one', async (flags) => {
    const { report } = await scanJson(['.', ...on(flags).args], { cwd: many, engine: on(flags).engine });
    expect(report.impact.affectedAccounts).toBe(1);
    expect(report.impact.bounded).toBe(true);
    // The sketch's standard error is about 0.8 %: 4 % is five of them.
    expect(Math.abs(report.impact.accountsSeen - 12_000)).toBeLessThan(480);
    const md = await scanMarkdown(['.', ...flags], { cwd: many });
    expect(md.out).toMatch(/ Impact: < 0\.01 % of accounts seen affected \(at least 1 of ≈ 1[12],\d{3} accounts; counted exactly up to 10,000\)\.\n/);
  });
});

describe('accounts seen, counted', () => {
  it('is exact up to SEEN_EXACT, then a sketch; merging in any order gives one count, through JSON too', () => {
    const a = newSeen();
    const b = newSeen();
    for (let h = 0; h < 6_000; h++) addSeen(a, fmix32(h));
    for (let h = 3_000; h < 9_000; h++) addSeen(b, fmix32(h));
    expect(seenCount(a)).toEqual({ count: 6_000, bounded: false });
    const ab = newSeen();
    mergeSeen(ab, a);
    mergeSeen(ab, b);
    expect(seenCount(ab)).toEqual({ count: 9_000, bounded: false });
    for (let h = 9_000; h < SEEN_EXACT + 1; h++) addSeen(b, fmix32(h));
    const ba = newSeen();
    mergeSeen(ba, b);
    mergeSeen(ba, a);
    const { count, bounded } = seenCount(ba);
    expect(bounded).toBe(true);
    expect(Math.abs(count - (SEEN_EXACT + 1))).toBeLessThan(400);
    expect(seenCount(seenFromJson(JSON.parse(JSON.stringify(seenToJson(ba))))!)).toEqual({ count, bounded });
    expect(seenFromJson({ exact: [-1] })).toBeUndefined();
    expect(seenFromJson({ registers: 'AAAA' })).toBeUndefined();
  });

  it('copies a count, exact or a sketch, leaving the original as it was', () => {
    const a = newSeen();
    for (let h = 0; h < 3; h++) addSeen(a, fmix32(h));
    const c = copySeen(a);
    addSeen(c, fmix32(7));
    expect([seenCount(a), seenCount(c)]).toEqual([{ count: 3, bounded: false }, { count: 4, bounded: false }]);
    for (let h = 3; h < SEEN_EXACT + 1; h++) addSeen(a, fmix32(h));
    const d = copySeen(a);
    expect(seenCount(d)).toEqual(seenCount(a));
    d.registers![0] = 40;
    expect(a.registers![0]).not.toBe(40);
  });

  it('shows shares as people read them', () => {
    expect([0.4, 0.025, 0.0004, 0.00001, 0, 1].map(percent)).toEqual(['40 %', '2.5 %', '0.04 %', '< 0.01 %', '0 %', '100 %']);
  });
});

describe('the kernel\'s accounts seen', () => {
  const seenIn = (text: string, longest = Infinity, headCut = false, tailCut = false): number => {
    const k = new Kernel();
    const bytes = Buffer.from(text, 'latin1');
    k.room(bytes.length).set(bytes);
    k.seeEmails(0, bytes.length, longest, headCut, tailCut);
    const seen = newSeen();
    k.takeSeen(seen);
    return seenCount(seen).count;
  };

  it('reads each line as a record: a Message-ID key on the line before is not this line\'s', () => {
    // a1 in <…> after Message-ID is an id; b2 in <…> on the next line is an account, and so are a and a1 there.
    expect(seenIn('Message-ID: <a1@x.example.com>\n<b2@x.example.com> A@X.example.com a1@x.example.com\n')).toBe(3);
    expect(seenIn('Message-ID: <a1@x.example.com>\n')).toBe(0);
  });

  it('leaves an address touching a cut piece\'s edge to the piece it is whole in, and skips lines over `longest`', () => {
    const text = 'd@example.com c@example.com e@example.co';
    expect(seenIn(text)).toBe(3);
    expect(seenIn(text, Infinity, true, true)).toBe(1);
    // 15 bytes, then 18: only the first line is read.
    expect(seenIn('x a@example.com\nyyyy b@example.com\n', 16)).toBe(1);
  });
});
