/**
 * A code's first and last occurrences (issue 12, point 4) are its earliest and latest by time, then file,
 * then line, wherever they are: every path keeps each file's first and last occurrence of a code (the kernel
 * keeps those of the lines it counts itself), not only among a file's first three.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run, scanJson, tempDir } from './support/postmortem-cli.js';
import type { Report } from '../src/summary/report.js';
import { ENGINE_FLAGS, on } from './oracle/switch.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts; src/scan.ts is mocked
// by the setup file of the project these tests run in, test/support/oracle-mock.ts).

const temp = tempDir();
afterAll(() => temp.remove());

const at = (hhmm: string): string => `2026-04-07T${hhmm}:00Z`;
const iso = (hhmm: string): string => `2026-04-07T${hhmm}:00.000Z`;

// storage_error: a.log 09:00–09:03 (4), b.log 09:10–09:13, then its 5th at 09:50 (the latest of all), its 6th
// at 09:20; c.log 09:30–09:34 (5). 09:00–09:50 is 11 buckets of 5m: 09:00 4, 09:10 4, 09:20 1, 09:30 5, 09:50 1.
const A = ['09:00', '09:01', '09:02', '09:03'];
const B = ['09:10', '09:11', '09:12', '09:13', '09:50', '09:20'];
const C = ['09:30', '09:31', '09:32', '09:33', '09:34'];
const textLine = (file: string, t: string, i: number): string => `${at(t)} ERROR storage_error ${file} event ${i + 1} user${i}@contoso.com`;
const jsonLine = (file: string, t: string, i: number): string => JSON.stringify({ time: at(t), code: 'storage_error', msg: `${file} event ${i + 1}` });

function write(dir: string, ext: string, line: (file: string, t: string, i: number) => string): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, times] of [['a', A], ['b', B], ['c', C]] as const) {
    writeFileSync(path.join(dir, `${name}.${ext}`), times.map((t, i) => line(name, t, i)).join('\n') + '\n');
  }
}

const text = path.join(temp.dir, 'text');
const jsonl = path.join(temp.dir, 'jsonl');
write(text, 'log', textLine);
write(jsonl, 'jsonl', jsonLine);

const samples = (r: Report): [string, number, string | null][] => r.codes[0]!.samples.map((s) => [s.file, s.line, s.time]);
// The first (a:1), the first of the busiest bucket 09:30 (c:1), the last: b's 5th line at 09:50.
const expected = (ext: string): [string, number, string | null][] => [
  [`a.${ext}`, 1, iso('09:00')],
  [`c.${ext}`, 1, iso('09:30')],
  [`b.${ext}`, 5, iso('09:50')],
];

describe('the last occurrence, by time, on every path', () => {
  it.each([[[]], [['oracle']], [['--jobs', '2']], [['--since', at('08:00')]]])('plain text %j', async (flags) => {
    const { report } = await scanJson(['.', ...on(flags).args], { cwd: text, engine: on(flags).engine });
    expect(report.codes[0]!.count).toBe(15);
    expect(samples(report)).toEqual(expected('log'));
    expect(report.codes[0]!.samples[2]!.text).toBe(textLine('b', '09:50', 4));
  });

  it.each(ENGINE_FLAGS)('JSON lines %j', async (flags) => {
    const { report } = await scanJson(['.', ...on(flags).args], { cwd: jsonl, engine: on(flags).engine });
    expect(samples(report)).toEqual(expected('jsonl'));
    expect(report.codes[0]!.samples[2]!.text).toBe(jsonLine('b', '09:50', 4));
  });

  it('partial reports of each file merge into the same evidence', async () => {
    const parts: string[] = [];
    for (const name of ['c.log', 'a.log', 'b.log']) {
      const r = await run(['scan', name, '--partial', '--quiet'], { cwd: text });
      expect(r.code, r.err).toBe(0);
      const file = path.join(temp.dir, `${name}.partial.json`);
      writeFileSync(file, r.out);
      parts.push(file);
    }
    const merged = await run(['merge', ...parts, '--format', 'json', '--quiet']);
    expect(samples(JSON.parse(merged.out) as Report)).toEqual(expected('log'));
  });
});

describe('the first occurrence, by time, on every path', () => {
  // One file whose 5th storage_error (09:00) is earlier than the four before it (09:10–09:13), as when a
  // late writer's lines land in a rotated log. 09:00–09:13 is 14 buckets of 1m: 09:12 holds two (x:3, x:6).
  const dir = path.join(temp.dir, 'early');
  mkdirSync(dir, { recursive: true });
  const times = ['09:10', '09:11', '09:12', '09:13', '09:00', '09:12'];
  writeFileSync(path.join(dir, 'x.log'), times.map((t, i) => textLine('x', t, i)).join('\n') + '\n');

  it.each(ENGINE_FLAGS)('%j', async (flags) => {
    const { report } = await scanJson(['.', ...on(flags).args], { cwd: dir, engine: on(flags).engine });
    // First x:5 (09:00), the first of the busiest bucket x:3 (09:12), last x:4 (09:13).
    expect(samples(report)).toEqual([
      ['x.log', 5, iso('09:00')],
      ['x.log', 3, iso('09:12')],
      ['x.log', 4, iso('09:13')],
    ]);
  });
});
