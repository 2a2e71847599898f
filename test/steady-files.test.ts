/**
 * Many small files: once a code's samples (its first three by file and line) are all in files before the
 * one being read, that file can give it none, and the kernel counts the code's lines from the file's first
 * (its evidence candidates are then the kernel's first, last and earliest of each minute). The report is the
 * record-by-record reference's, whichever file holds the earliest or the latest time, with lines that have no
 * time and accounts among them, in each CSV, JSON lines and plain text, on one thread and two.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scanJson, tempDir } from './support/postmortem-cli.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts; src/scan.ts is mocked
// by the setup file of the project these tests run in, test/support/oracle-mock.ts).

const temp = tempDir();
afterAll(() => temp.remove());

const FILES = 24;
const BASE = Date.UTC(2026, 3, 7, 6, 0);
const iso = (t: number): string => new Date(t).toISOString();

/** File k's events: later files hold earlier times (a rotated log read by name), each minute's codes out of order. */
function events(k: number): { time: number | null; code: string; user: string }[] {
  const out: { time: number | null; code: string; user: string }[] = [];
  const start = BASE + (FILES - k) * 17 * 60_000;
  // web_hook_moved, without a time, opens the first five files: its evidence is its first and last (no
  // bucket), and its third sample the first three by file and line give (a file after one that met it may too).
  if (k < 5) out.push({ time: null, code: 'web_hook_moved', user: 'ops@acme.io' });
  for (let i = 0; i < 9; i++) {
    const time = i === 4 ? null : start + ((i * 7 + k * 3) % 9) * 41_000;
    out.push({ time, code: i % 3 === 2 ? 'smime_error' : 'storage_error', user: `u${(k * 5 + i) % 7}@acme.io` });
  }
  return out;
}

function write(dir: string, format: 'text' | 'jsonl' | 'csv'): void {
  mkdirSync(dir, { recursive: true });
  for (let k = 0; k < FILES; k++) {
    const rows = events(k);
    const name = path.join(dir, `f${String(k).padStart(2, '0')}.${format === 'text' ? 'log' : format}`);
    if (format === 'text') {
      writeFileSync(name, rows.map((r) => (r.time === null ? `ERROR ${r.code} for ${r.user} (no time)` : `${iso(r.time)} ERROR ${r.code} for ${r.user}`)).join('\n') + '\n');
    } else if (format === 'jsonl') {
      writeFileSync(name, rows.map((r) => JSON.stringify({ ...(r.time === null ? {} : { time: iso(r.time) }), code: r.code, account: r.user, msg: `code ${r.code}` })).join('\n') + '\n');
    } else {
      writeFileSync(name, 'time,code,account,msg\n' + rows.map((r) => `${r.time === null ? '' : iso(r.time)},${r.code},${r.user},"saw ${r.code}"`).join('\n') + '\n');
    }
  }
}

describe('a code whose samples are in earlier files is counted by the kernel from a file\'s first line', () => {
  it.each([['text'], ['jsonl'], ['csv']] as const)('%s: the report is the reference\'s, on one thread and two', async (format) => {
    const dir = path.join(temp.dir, format);
    write(dir, format);
    const oracle = (await scanJson(['.', '--jobs', '1'], { cwd: dir, engine: 'oracle' })).report;
    // The reference takes samples from the first files only, and evidence from the files with the earliest and latest times.
    const storage = oracle.codes.find((c) => c.code === 'storage_error')!;
    expect(storage.samples.map((s) => s.file)).toContain(`f${FILES - 1}.${format === 'text' ? 'log' : format}`);
    // Lines 0, 1, 3, 4, 6 and 7 of each file; in plain text line 4 (no time) is line 3's record: once.
    expect(storage.count).toBe(FILES * (format === 'text' ? 5 : 6));
    expect(oracle.codes.find((c) => c.code === 'web_hook_moved')!.samples.map((s) => s.file.slice(0, 3))).toEqual(['f00', 'f01', 'f04']);
    for (const jobs of ['1', '2']) {
      const engine = (await scanJson(['.', '--jobs', jobs], { cwd: dir })).report;
      expect({ ...engine, generated: '', elapsedMs: 0 }).toEqual({ ...oracle, generated: '', elapsedMs: 0 });
    }
  });

  it.each([['text'], ['jsonl'], ['csv']] as const)('%s, with a window over the middle files\' times: the reference\'s report', async (format) => {
    const dir = path.join(temp.dir, `${format}-window`);
    write(dir, format);
    const window = ['--since', iso(BASE + 6 * 17 * 60_000), '--until', iso(BASE + 15 * 17 * 60_000)];
    const oracle = (await scanJson(['.', '--jobs', '1', ...window], { cwd: dir, engine: 'oracle' })).report;
    expect(oracle.totals.outsideWindow).toBeGreaterThan(0);
    const engine = (await scanJson(['.', '--jobs', '1', ...window], { cwd: dir })).report;
    expect({ ...engine, generated: '', elapsedMs: 0 }).toEqual({ ...oracle, generated: '', elapsedMs: 0 });
  });
});
