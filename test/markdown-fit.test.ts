/**
 * Markdown that reads at comment width: no table wider than five columns or longer than TABLE_LINE per line,
 * and a report of 50,000 inputs under GitHub's 65,536-character comment limit (anything longer is trimmed,
 * with a note on what was left out and where the whole report is). Numbers and times as the renderers show them.
 */
import { describe, expect, it } from 'vitest';
import { fullTime, plural, ratio, showTime, sig3, timeColumn } from '../src/render/format.js';
import { renderMarkdown } from '../src/render/markdown.js';
import { COMMENT_LIMIT, commentReport } from '../src/render/summary.js';
import type { Report } from '../src/summary/report.js';
import { ROOT, scanJson, scanMarkdown } from './support/postmortem-cli.js';

/** Longest line of a markdown table: long cells wrap at their spaces, but a line this long is a wall. */
const TABLE_LINE = 180;

/** The tables of a markdown text, each as its lines. */
function tables(md: string): string[][] {
  const out: string[][] = [];
  let inFence = false;
  let current: string[] = [];
  for (const line of md.split('\n')) {
    if (line.startsWith('```')) inFence = !inFence;
    if (!inFence && line.startsWith('|')) current.push(line);
    else if (current.length > 0) (out.push(current), (current = []));
  }
  if (current.length > 0) out.push(current);
  return out;
}

// Code spans show a `|` in a table as `│`, so every `|` left is a cell border.
const columns = (line: string): number => line.split('|').length - 2;

describe('markdown tables at comment width', () => {
  const cases: [string, string[]][] = [
    ['the incident fixture', ['fixtures/incident']],
    ['a comparison with a baseline', ['fixtures/postmortem/compare', '--baseline', 'test/data/baseline-2026-03-11.json']],
    ['suppressions and accounts', ['fixtures/postmortem', '--suppress', 'test/data/suppress-mixed.json']],
    ['files with notes and hostile text', ['fixtures/bad']],
    ['every fixture with a window', ['fixtures', '--since', '2026-03-18T08:30:00Z']],
  ];
  for (const [what, args] of cases) {
    it(`has no table wider than 5 columns or with a line over ${TABLE_LINE} characters: ${what}`, async () => {
      const md = (await scanMarkdown(args, { cwd: ROOT })).out;
      const all = tables(md);
      expect(all.length).toBeGreaterThan(2);
      expect(all.flat().filter((l) => columns(l) > 5)).toEqual([]);
      expect(all.flat().filter((l) => l.length > TABLE_LINE)).toEqual([]);
    });
  }

  it('keeps the suggested action out of the codes table: it is in the action plan, by code', async () => {
    const md = (await scanMarkdown(['fixtures/incident'], { cwd: ROOT })).out;
    const codes = tables(md).find((t) => t[0]!.startsWith('| Level | Code |'))!;
    expect(codes[0]).toBe('| Level | Code | Count | First → last seen (UTC, 2026-03-18) | Trend |');
    expect(codes.join('\n')).not.toContain('Inspect execution details');
    expect(md).toContain('- [ ] **ERROR** Inspect execution details, validate storage access/quota/path, and retry affected flow. (`storage_error`: 13 occurrences, 7 accounts)');
  });
});

/** The incident's report as if it had been read from `n` inputs, `noted` of them with something to say (the rest fully timed). */
async function manyInputs(n: number, noted: (i: number) => boolean): Promise<Report> {
  const { report } = await scanJson(['fixtures/incident'], { cwd: ROOT });
  const base = report.files[0]!;
  const name = (i: number): string => `exports/node-${String(i % 100).padStart(2, '0')}/m2c-${String(i).padStart(5, '0')}.log`;
  const files = Array.from({ length: n }, (_, i) =>
    noted(i) ? { ...base, path: name(i), status: 'binary' as const, message: 'binary content (NUL bytes)', records: 0, matches: 0 } : { ...base, path: name(i), untimedRecords: 0 },
  );
  const inputs = files.map((f) => ({ path: f.path, bytes: f.bytes }));
  return { ...report, files, totals: { ...report.totals, files: n }, provenance: { ...report.provenance!, inputs } };
}

describe('the comment limit (65,536 characters)', () => {
  it('holds a report of 50,000 inputs whole: only the inputs with something to say are listed', async () => {
    // 50 of the 50,000 are binary (every 1,000th); the other 49,950 are one line.
    const r = await manyInputs(50_000, (i) => i % 1000 === 0);
    const md = renderMarkdown(r);
    expect(md.length).toBeLessThan(COMMENT_LIMIT);
    expect(commentReport(r, 'The whole report is elsewhere.')).toBe(md);
    expect(md).not.toContain('Trimmed');
    expect(md).toContain('299 records in 50,000 files');
    expect(md).toContain('· 50,000 inputs ·');
    expect(md).toContain('… and 49,995 more in the JSON report</sub>');
    const files = md.slice(md.indexOf('## Files'), md.indexOf('## Scan'));
    expect(files.split('\n').filter((l) => l.startsWith('| `exports/'))).toHaveLength(50);
    // the 49,950 clean inputs, each with the incident's 299 records (327 lines) and 101 matches
    expect(files).toContain('49,950 other files read whole: 14,935,050 records, 5,044,950 matches.');
  });

  it('trims a longer report to the limit, saying what was left out and where the whole report is', async () => {
    const r = await manyInputs(50_000, () => true);
    expect(renderMarkdown(r).length).toBeGreaterThan(COMMENT_LIMIT);
    const md = commentReport(r, 'The whole report is in out/report.html and out/report.json.');
    expect(md.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(md).toMatch(/^> Trimmed to fit a GitHub comment: evidence cut to one line per code; files and unknown codes tables cut\. The whole report is in out\/report\.html and out\/report\.json\.$/m);
    expect(md).toContain('…and 49,800 more files with notes in the JSON report.');
  });

  it('cuts the files table down further before it leaves out the evidence and the timeline (SUSPECTED BUG: both went with room to spare)', async () => {
    // 300 binary inputs whose names are 240 characters: 200 rows of them are over the limit, 50 are not.
    const r = await manyInputs(300, () => true);
    const long = (p: string): string => `${p.slice(0, -4)}-${'x'.repeat(240 - p.length)}.log`;
    const files = r.files.map((f) => ({ ...f, path: long(f.path) }));
    const wide = { ...r, files, provenance: { ...r.provenance!, inputs: files.map((f) => ({ path: f.path, bytes: f.bytes })) } };
    const md = commentReport(wide, 'The whole report is elsewhere.');
    expect(md.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(md).toMatch(/^> Trimmed to fit a GitHub comment: evidence cut to one line per code; files and unknown codes tables cut\. /m);
    expect(md).toContain('…and 250 more files with notes in the JSON report.');
    expect(md).toContain('## Timeline');
    expect(md).toContain('## Evidence');
  });
});

describe('numbers and times', () => {
  it('rounds rates to 3 significant figures with separators', () => {
    expect([1953.3276, 250, 0.012345, 0, 12_345_678, 99.95].map(sig3)).toEqual(['1,950', '250', '0.0123', '0', '12,300,000', '100']);
  });

  it('shows a change as a ratio of rates', () => {
    expect([ratio(5200, 25), ratio(1500, 1000), ratio(500, 1000), ratio(7, 0), ratio(0, 3)]).toEqual(['×208', '×1.5', '×0.5', 'new', 'gone']);
  });

  it('counts with separators and the right noun', () => {
    expect([plural(1, 'file'), plural(50_000, 'file'), plural(0, 'match', 'matches')]).toEqual(['1 file', '50,000 files', '0 matches']);
  });

  it('gives every time of a column one precision, the finest it needs', () => {
    const times = ['2026-03-18T08:10:58.004Z', '2026-03-18T09:28:00.000Z'];
    const col = timeColumn(times);
    expect(times.map((t) => showTime(t, col))).toEqual(['08:10:58.004', '09:28:00.000']);
    const minutes = timeColumn(['2026-03-18T08:10:00.000Z', '2026-03-19T09:05:00.000Z']);
    expect(['2026-03-18T08:10:00.000Z', '2026-03-19T09:05:00.000Z'].map((t) => showTime(t, minutes))).toEqual(['2026-03-18 08:10', '2026-03-19 09:05']);
    expect(showTime(null, col)).toBe('—');
    expect(fullTime('2026-03-18T08:10:00.000Z')).toBe('2026-03-18 08:10:00Z');
  });
});
