import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCatalog, buildReport } from '../src/index.js';
import { arrayIndent } from '../src/input/json-bytes.js';
import { cutAfter, planUnits } from '../src/parallel/plan.js';
import { fastPathApplies, fileSettings, scanUnit } from '../src/scan.js';
import { joinRanges } from '../src/summary/ranges.js';
import type { newTally } from '../src/summary/tally.js';
import { joinedRanges, scratchFiles, wholeScans } from './support/ranges.js';

// A pretty-printed JSON array (gcloud, the AWS and Azure CLIs, `jq .`) is shared by threads as plain text
// and JSON lines are: cut before an element that starts a line, each range read on its own, the tallies
// joined. A cut is chosen by the bytes around it; the read of the range before it tells whether the whole
// file's read stands between two elements there (src/input/json-split.ts cleanCut), and when it does not,
// the file is read again whole (src/scan.ts).

const T0 = Date.UTC(2026, 2, 18, 10, 0, 0);
const at = (ms: number): string => new Date(T0 + ms).toISOString();
const catalog = buildCatalog([], true);
const write = scratchFiles('array-ranges');

/** Elements as JSON.stringify(…, null, 2) writes them inside an array: two blanks before each `{`. */
const pretty = (elements: readonly object[]): string => JSON.stringify(elements, null, 2) + '\n';

const report = (t: ReturnType<typeof newTally>) => buildReport(t, { catalog, version: 'test', window: null });

describe('arrayIndent: the blanks before each element of a bare array whose elements start lines', () => {
  it('reads them from the first element, after a `[` on a line before it', () => {
    expect(arrayIndent(Buffer.from('[\n  {\n    "a": 1\n  }\n]\n'))?.toString()).toBe('  ');
    expect(arrayIndent(Buffer.from('\n[\n\t{"a": 1},\n\t{"a": 2}\n]'))?.toString()).toBe('\t');
    expect(arrayIndent(Buffer.from('[\n{"a": 1},\n{"a": 2}\n]'))?.toString()).toBe('');
  });

  it('is undefined for a compact array, a wrapped export, scalars and JSON lines', () => {
    expect(arrayIndent(Buffer.from('[{"a": 1},\n {"a": 2}]'))).toBeUndefined();
    expect(arrayIndent(Buffer.from('{"records": [\n  {"a": 1}\n]}'))).toBeUndefined();
    expect(arrayIndent(Buffer.from('[\n  1,\n  2\n]'))).toBeUndefined();
    expect(arrayIndent(Buffer.from('{"a": 1}\n{"a": 2}\n'))).toBeUndefined();
  });
});

describe('the byte ranges of a pretty-printed JSON array', () => {
  it('of flat events with stack traces: never start at an element that carries a record on; joined, they count what the whole file does', async () => {
    // 1,200 elements in groups of 6, 1 ms apart: an exception (storage_error, one of 7 addresses), its
    // `Caused by:` naming the code again and a frame (both carry the exception's record on), then `ok
    // web_hook_moved`, an `ok` without a time of its own (it takes the one before), and an `ok`.
    const elements = Array.from({ length: 1_200 }, (_, i) => {
      const g = Math.floor(i / 6);
      const message = [`java.lang.Exception: storage_error for u${g % 7}@x.com`, 'Caused by: storage_error again', '\tat a.B(B.java:1)', 'ok web_hook_moved', 'ok', 'ok'][i % 6]!;
      return i % 6 === 4 ? { level: 'INFO', message } : { timestamp: at(g * 5_000 + (i % 6)), level: 'ERROR', message };
    });
    const text = pretty(elements);
    const file = write('events.json', text);
    const { units, results, tally } = await joinedRanges(file, 'events.json', 3, catalog);
    expect(units.length).toBe(3);
    for (const u of units.slice(1)) {
      // Each range starts at an element's line: `  {`, after a line ending in `,`, and never at a carried one.
      expect(u.input.format).toBe('json');
      expect(text.slice(u.input.range!.start - 3, u.input.range!.start + 3)).toBe('},\n  {');
      const message = JSON.parse(text.slice(u.input.range!.start, text.indexOf('\n  }', u.input.range!.start) + 4)).message as string;
      expect(message).not.toMatch(/^(Caused by|\tat)/);
    }
    expect(results.slice(0, -1).map((r) => r.endUnsure)).toEqual([undefined, undefined]);
    // Wherever a thread would look for a cut, the one found is an element's start that carries nothing on.
    for (let p = 0; p < text.length; p += 997) {
      const cut = cutAfter(file, p, text.length, 'json');
      if (cut < 0) continue;
      expect(text.slice(cut - 3, cut + 3)).toBe('},\n  {');
      expect(JSON.parse(text.slice(cut, text.indexOf('\n  }', cut) + 4)).message).not.toMatch(/^(Caused by|\tat)/);
    }
    const r = report(tally);
    // By hand: 200 groups of 4 records (the exception with its two carried lines, three `ok`s).
    expect(r.totals.records).toBe(800);
    expect(r.codes.map((c) => [c.code, c.count])).toEqual([
      ['storage_error', 200],
      ['web_hook_moved', 200],
    ]);
    expect(r.totals.untimedRecords).toBe(0);
    const w = await wholeScans(file, 'events.json', catalog);
    expect(r).toEqual(report(w.tally));
    expect(r).toEqual(report(w.oracle));
  });

  it('of nested entries (gcloud --format=json) with a code field, elements without a time at the cuts: joined, as the whole file', async () => {
    // 900 entries: web_hook_deleted in the code field of every fourth, storage_error in the payload's message
    // of every third but those (every twelfth) whose code field names the record's code; no time of its own in
    // every fifth from the third (those take the time before them).
    const elements = Array.from({ length: 900 }, (_, i) => ({
      insertId: `id${i}`,
      jsonPayload: { code: i % 4 === 0 ? 'web_hook_deleted' : null, message: i % 3 === 0 ? 'upload failed: storage_error' : 'synced', labels: [{ k: 'a' }, { k: 'b' }] },
      resource: { type: 'k8s_container', labels: { cluster_name: 'prod', namespace_name: 'mail2cloud' } },
      severity: 'ERROR',
      ...(i % 5 === 2 ? {} : { timestamp: at(i * 60_000) }),
    }));
    const text = pretty(elements);
    const file = write('gcloud.json', text);
    const { units, results, tally } = await joinedRanges(file, 'gcloud.json', 4, catalog);
    expect(units.length).toBe(4);
    expect(results.slice(0, -1).every((x) => x.endUnsure === undefined)).toBe(true);
    const r = report(tally);
    expect(r.totals.records).toBe(900);
    expect(r.codes.map((c) => [c.code, c.count])).toEqual([
      ['storage_error', 300 - 75],
      ['web_hook_deleted', 225],
    ]);
    const w = await wholeScans(file, 'gcloud.json', catalog);
    expect(r).toEqual(report(w.tally));
    expect(r).toEqual(report(w.oracle));
    // Cut at entry 597, storage_error without a time of its own: it takes the last time of the range before.
    const cut = text.indexOf('  {\n    "insertId": "id597"');
    const s = fileSettings({ inputs: [], cwd: path.dirname(file), catalog, jobs: 2 });
    const halves = [];
    for (const [index, range] of [{ start: 0, end: cut }, { start: cut, end: text.length }].entries()) {
      halves.push(await scanUnit({ index, input: { path: 'gcloud.json', file, format: 'json', range } }, s));
    }
    expect(halves[1]!.tally.inherit?.get('storage_error')).toEqual({ count: 1, line: 1 });
    expect(report(joinRanges('gcloud.json', halves))).toEqual(r);
  });

  it('that ends inside a nested array written like the top level one says so: such ranges are not joined', async () => {
    // A printer that indents a nested array's objects as the array's own: lines inside `items` look like
    // elements' starts. 40 elements of 30 items each: most lines that look like a cut are inside one.
    const parts: string[] = [];
    for (let i = 0; i < 40; i++) {
      const items = Array.from({ length: 30 }, (_, k) => `  {\n    "n": ${k}\n  }`).join(',\n');
      parts.push(`  {\n    "timestamp": "${at(i * 1_000)}",\n    "message": "batch ${i} storage_error",\n    "items": [\n${items}\n    ]\n  }`);
    }
    const text = `[\n${parts.join(',\n')}\n]\n`;
    const file = write('odd.json', text);
    const cut = cutAfter(file, Math.floor(text.length / 2), text.length, 'json');
    // The first line after the middle that looks like an element's start is an item's.
    expect(text.slice(cut, cut + 14)).toMatch(/^ {2}\{\n {4}"n": \d/);
    const s = fileSettings({ inputs: [], cwd: path.dirname(file), catalog, jobs: 2 });
    const front = await scanUnit({ index: 0, input: { path: 'odd.json', file, format: 'json', range: { start: 0, end: cut } } }, s);
    expect(front.endUnsure).toBe(true);
    // The range from there leaves the nested array for what it takes for text after the array: it gives up.
    const back = await scanUnit({ index: 1, input: { path: 'odd.json', file, format: 'json', range: { start: cut, end: text.length } } }, s);
    expect(back.abandoned).toBe(true);
    // A cut at a real element's start reads clean.
    const real = text.indexOf('},\n  {\n    "timestamp"', Math.floor(text.length / 2)) + 3;
    const clean = await scanUnit({ index: 0, input: { path: 'odd.json', file, format: 'json', range: { start: 0, end: real } } }, s);
    expect(clean.endUnsure).toBeUndefined();
    expect(readFileSync(file, 'utf8').slice(real, real + 3)).toBe('  {');
  });

  it('written with CRLF line ends (PowerShell’s ConvertTo-Json), joined, as the whole file', async () => {
    const text = pretty(Array.from({ length: 600 }, (_, i) => ({ timestamp: i % 4 === 1 ? undefined : at(i * 1_000), message: i % 3 === 0 ? 'storage_error' : 'ok' }))).replace(/\n/g, '\r\n');
    const file = write('crlf.json', text);
    const { units, tally } = await joinedRanges(file, 'crlf.json', 3, catalog);
    expect(units.length).toBe(3);
    for (const u of units.slice(1)) expect(text.slice(u.input.range!.start - 4, u.input.range!.start + 3)).toBe('},\r\n  {');
    const r = report(tally);
    expect(r.codes.map((c) => [c.code, c.count])).toEqual([['storage_error', 200]]);
    expect(r).toEqual(report((await wholeScans(file, 'crlf.json', catalog)).tally));
  });

  it('is never cut with a window, field options a scan reads element by element, or a catalog of other codes', async () => {
    const text = pretty(Array.from({ length: 200 }, (_, i) => ({ timestamp: at(i * 1_000), message: `storage_error ${i}` })));
    const file = write('plain.json', text);
    const plan = async (opts: Partial<Parameters<typeof fileSettings>[0]>) =>
      (await planUnits([{ path: 'plain.json', file }], 2, fileSettings({ inputs: [], cwd: path.dirname(file), catalog, jobs: 2, ...opts }), fastPathApplies, 1024))[0]!.input.range;
    expect(await plan({})).toEqual({ start: 0, end: text.length });
    expect(await plan({ window: { since: T0, until: T0 + 3_600_000 } })).toBeUndefined();
    expect(await plan({ fields: { timeField: 'meta.at' } })).toBeUndefined();
    expect(await plan({ catalog: buildCatalog([[{ code: 'E-42', level: 'ERROR', module: 'x', type: 'x', description: 'x', action: 'x' }]], false) })).toBeUndefined();
  });
});
