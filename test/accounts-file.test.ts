/**
 * `--accounts FILE` (README "The accounts file"): every affected account per code. The logs are written
 * here and every expected row is worked out by hand from them.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCatalog } from '../src/catalog/catalog.js';
import { csvField, renderAccountsCsv } from '../src/render/accounts-csv.js';
import { scan } from '../src/scan.js';
import type { Report } from '../src/summary/report.js';
import { runMain } from './support/main.js';
import { ENGINES, type Engine } from './oracle/switch.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts; src/scan.ts is mocked
// by the setup file of the project these tests run in, test/support/oracle-mock.ts).

const dir = mkdtempSync(path.join(tmpdir(), 'mxscan-accounts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string): string => {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
};

// Line 1 has no time (and nothing before it has one); line 4's message id is not an account; line 6 has no code.
const LOG = write(
  'a.log',
  [
    'storage_error queued for dee@example.com',
    '2026-03-18T08:00:00Z ERROR storage_error for Ann@Example.com',
    '2026-03-18T08:05:00Z ERROR storage_error retry for ann@example.com and bo@example.com',
    '2026-03-18T08:10:00Z ERROR smime_error Message-ID: <x1@mx.example.com> for bo@example.com',
    '2026-03-18T08:20:00Z ERROR storage_error ann@example.com again',
    '2026-03-18T08:30:00Z INFO nothing here for cy@example.com',
    '',
  ].join('\n'),
);
const ROWS = [
  'code,account,occurrences,first_seen,last_seen',
  'smime_error,bo@example.com,1,2026-03-18T08:10:00.000Z,2026-03-18T08:10:00.000Z', // line 4
  'storage_error,ann@example.com,3,2026-03-18T08:00:00.000Z,2026-03-18T08:20:00.000Z', // lines 2, 3, 5
  'storage_error,bo@example.com,1,2026-03-18T08:05:00.000Z,2026-03-18T08:05:00.000Z', // line 3
  'storage_error,dee@example.com,1,,', // line 1: no time
];
const csv = (rows: readonly string[]): string => rows.map((r) => r + '\r\n').join('');

async function scanTo(args: string[], out: string, engine: Engine = 'engine'): Promise<{ code: number; err: string; csv: string; report: Report }> {
  const file = path.join(dir, out);
  const r = await runMain(['scan', ...args, '--accounts', file, '--format', 'json', '--quiet'], { engine });
  return { code: r.code, err: r.err, csv: r.code === 2 ? '' : readFileSync(file, 'utf8'), report: (r.out === '' ? undefined : JSON.parse(r.out)) as Report };
}

describe('--accounts FILE', () => {
  it('is named by the report only when it was written: a file that cannot be, or an input, is not', async () => {
    const full = await runMain(['scan', LOG, '--accounts', '/dev/full', '--format', 'json', '--quiet']);
    expect(full.code).toBe(2);
    expect(full.err).toMatch(/^mxscan: cannot write \/dev\/full: /m);
    expect((JSON.parse(full.out) as Report)['accountList']).toBeUndefined();
    const input = await runMain(['scan', LOG, '--accounts', LOG, '--format', 'markdown', '--quiet']);
    expect(input.code).toBe(2);
    expect(input.err).toMatch(/refusing to write .*a\.log: it is one of the scanned inputs/);
    expect(input.out).not.toMatch(/Every affected account/);
  });

  it('lists every (code, account) pair with its records, first and last seen, by code then account', async () => {
    for (const engine of ENGINES) {
      const r = await scanTo([LOG], `${engine}.csv`, engine);
      expect(r.csv).toBe(csv(ROWS));
      // 3 accounts (ann, bo, dee) in 4 pairs; the report says where the list is.
      expect(r.report['accountList']).toEqual({ file: path.join(dir, `${engine}.csv`), pairs: 4, accounts: 3, bounded: false });
    }
  });

  it('lists only the records inside a window, in the engine and the oracle', async () => {
    // LOG without its untimed first line; --since 08:04 leaves out line 2 (08:00).
    const timed = write('timed.log', readFileSync(LOG, 'utf8').split('\n').slice(1).join('\n'));
    for (const engine of ENGINES) {
      const r = await scanTo([timed, '--since', '2026-03-18T08:04:00Z'], `window-${engine}.csv`, engine);
      expect(r.csv).toBe(
        csv([
          ROWS[0]!,
          ROWS[1]!,
          'storage_error,ann@example.com,2,2026-03-18T08:05:00.000Z,2026-03-18T08:20:00.000Z', // lines 3, 5 of LOG
          ROWS[3]!,
        ]),
      );
    }
  });

  it('is the same on worker threads: the same file scanned twice under two names', async () => {
    const copy = write('b.log', readFileSync(LOG, 'utf8'));
    const catalog = buildCatalog([], true);
    // parallelFrom 0: these small files go to workers all the same.
    const { tally } = await scan({ inputs: [LOG, copy], cwd: dir, catalog, jobs: 2, parallelFrom: 0, accountList: true });
    // Every count doubles; the times stay.
    expect(renderAccountsCsv(tally.accountList!, false)).toBe(csv(ROWS.map((row, i) => (i === 0 ? row : row.replace(/,([0-9]+),/, (_m, n: string) => `,${2 * Number(n)},`)))));
  });

  it('masks the accounts with --redact, as the report does', async () => {
    const r = await scanTo([LOG, '--redact'], 'redacted.csv');
    expect(r.csv).toBe(csv([ROWS[0]!, ...ROWS.slice(1).map((row) => row.replace(/,([a-z])[a-z]*@/, ',$1***@'))]));
  });

  it('quotes per RFC 4180 and defuses cells a spreadsheet would run as formulas', async () => {
    const jsonl = write(
      'f.jsonl',
      [
        { time: '2026-03-18T09:00:00Z', code: 'storage_error', user: '=HYPERLINK("http://x","y")' },
        { time: '2026-03-18T09:01:00Z', code: 'storage_error', user: '-2+3' },
        { time: '2026-03-18T09:02:00Z', code: 'storage_error', user: '@SUM(A1)' },
        { time: '2026-03-18T09:03:00Z', code: 'storage_error', user: 'a,b' },
      ]
        .map((o) => JSON.stringify(o))
        .join('\n') + '\n',
    );
    const t = (m: number): string => `2026-03-18T09:0${m}:00.000Z,2026-03-18T09:0${m}:00.000Z`;
    const r = await scanTo([jsonl], 'formulas.csv');
    // Accounts are lower-cased; rows sort by the account itself: '-' < '=' < '@' < 'a'.
    expect(r.csv).toBe(
      csv([ROWS[0]!, `storage_error,'-2+3,1,${t(1)}`, `storage_error,"'=hyperlink(""http://x"",""y"")",1,${t(0)}`, `storage_error,'@sum(a1),1,${t(2)}`, `storage_error,"a,b",1,${t(3)}`]),
    );
  });

  it('csvField: quotes, doubled quotes, line breaks and formula starts', () => {
    expect(csvField('plain@example.com')).toBe('plain@example.com');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('\tx')).toBe("'\tx");
  });

  it('points the action plan to the file', async () => {
    const file = path.join(dir, 'plan.csv');
    const r = await runMain(['scan', LOG, '--accounts', file, '--quiet']);
    expect(r.out).toContain(`Every affected account, per code, with first and last seen: \`${file}\` (3 accounts in 4 code–account pairs).`);
    const without = await runMain(['scan', LOG, '--quiet']);
    expect(without.out).not.toContain('Every affected account');
  });

  it('is written by a partial scan, and refused by merge, whose partial reports hold no list (exit 2, one line)', async () => {
    const partial = path.join(dir, 'p');
    // The scan writes its own list beside its partial report.
    expect((await runMain(['scan', LOG, '--partial', '--out', partial, '--accounts', path.join(dir, 'p.csv'), '--quiet'])).code).toBe(0);
    expect(readFileSync(path.join(dir, 'p.csv'), 'utf8')).toBe(csv(ROWS));
    const r = await runMain(['merge', path.join(partial, 'partial.json'), '--accounts', path.join(dir, 'm.csv'), '--quiet']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^mxscan: --accounts: only a scan lists every account/);
    expect(readdirSync(dir)).not.toContain('m.csv');
  });
});
