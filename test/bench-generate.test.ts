import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_CATALOG } from '../src/catalog/builtin.js';

// The benchmark trusts the generator's *.counts.json to judge mxscan; this checks those counts against an
// independent count over a small corpus. It measures no speed.

const GENERATE = fileURLToPath(new URL('../bench/generate.mjs', import.meta.url));
const CODES = BUILTIN_CATALOG.map((e) => e.code);
/** A catalog code, case-insensitive, with no word character right before or after it. */
const CODE_RE = new RegExp(`(?<![A-Za-z0-9_])(?:${CODES.join('|')})(?![A-Za-z0-9_])`, 'gi');
const BY_KEY = new Map(CODES.map((c) => [c.toLowerCase(), c]));

interface Counts {
  bytes: number;
  lines: number;
  records: number;
  codes: Record<string, number>;
  byLevel: Record<string, number>;
  linesMentioningCode: number;
  features: Record<string, number>;
}

let dir = '';

function generate(into: string, ...extra: string[]): string {
  // Today's corpus only; the service-log corpora have their own test (slow/bench-corpora.test.ts).
  return execFileSync(process.execPath, [GENERATE, '--size', '2m', '--dir', into, '--only', 'text-a.log,text-b.log,events.jsonl,long-line.log', ...extra], { encoding: 'utf8' });
}

function counts(name: string): Counts {
  return JSON.parse(readFileSync(path.join(dir, `${name}.counts.json`), 'utf8')) as Counts;
}

/** The distinct catalog codes (catalog spelling) in a text by the plain-text rule. */
function textCodes(text: string): Set<string> {
  const found = new Set<string>();
  for (const m of text.matchAll(CODE_RE)) found.add(BY_KEY.get(m[0].toLowerCase())!);
  return found;
}

/** An independent tally of a generated file: per code, the lines in which it counts. */
function tally(name: string, jsonl: boolean): { codes: Record<string, number>; lines: number; mentioning: number } {
  const text = readFileSync(path.join(dir, name), 'utf8');
  const lines = (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
  const codes: Record<string, number> = Object.fromEntries(CODES.map((c) => [c, 0]));
  let mentioning = 0;
  for (const line of lines) {
    let found = textCodes(line);
    if (found.size > 0) mentioning++;
    if (jsonl) {
      // A `code` field holding a catalog code is the record's only code; one holding another value leaves
      // the record to its text.
      const rec = JSON.parse(line) as { code?: unknown };
      const code = typeof rec.code === 'string' ? BY_KEY.get(rec.code.trim().toLowerCase()) : undefined;
      if (code !== undefined) found = new Set([code]);
    }
    for (const c of found) codes[c] = (codes[c] ?? 0) + 1;
  }
  return { codes, lines: lines.length, mentioning };
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'mxscan-bench-test-'));
  generate(dir);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('bench corpus generator', () => {
  it.each(['text-a.log', 'text-b.log', 'events.jsonl'])('counts every code in %s as an independent scan does', (name) => {
    const want = counts(name);
    const got = tally(name, name.endsWith('.jsonl'));
    expect(got.codes).toEqual(want.codes);
    expect(got.lines).toBe(want.lines);
    expect(want.records).toBe(want.lines);
    expect(got.mentioning).toBe(want.linesMentioningCode);
    expect(statSync(path.join(dir, name)).size).toBe(want.bytes);
    for (const c of CODES) expect(want.codes[c]).toBeGreaterThan(0);
  });

  it('puts a code in about 30 % of plain-text lines and about 2 MiB in each file', () => {
    const c = counts('text-a.log');
    expect(c.linesMentioningCode / c.lines).toBeGreaterThan(0.25);
    expect(c.linesMentioningCode / c.lines).toBeLessThan(0.35);
    expect(c.bytes).toBeGreaterThanOrEqual(2 * 1024 * 1024);
    expect(c.bytes).toBeLessThan(2 * 1024 * 1024 + 1024);
  });

  it('makes the tricky cases the bench relies on', () => {
    const text = counts('text-a.log').features;
    for (const f of ['upperCase', 'twoCodes', 'sameCodeTwice', 'nearMisses', 'nonAscii']) expect(text[f]).toBeGreaterThan(0);
    const json = counts('events.jsonl').features;
    for (const f of ['jsonCodeField', 'jsonCodeFieldCodeInMsg', 'jsonCodeInMsgOnly', 'jsonUnknownCodeField']) expect(json[f]).toBeGreaterThan(0);
    const corpus = readFileSync(path.join(dir, 'text-a.log'), 'utf8');
    for (const near of ['storage_error_count', 'xsmime_error', 'execution_failed2', 'storage-error', 'web_hook', 'task_finished']) {
      expect(corpus).toContain(near);
    }
    expect(corpus).toContain('STORAGE_USER_WITH_ERROR');
  });

  it('writes the long line without a newline, each distinct code counting once', () => {
    const text = readFileSync(path.join(dir, 'long-line.log'), 'utf8');
    expect(text).not.toContain('\n');
    const want = counts('long-line.log');
    expect(want.records).toBe(1);
    const found = textCodes(text);
    expect(want.codes).toEqual(Object.fromEntries(CODES.map((c) => [c, found.has(c) ? 1 : 0])));
  });

  it('writes codes.txt with the catalog codes for rg and grep', () => {
    expect(readFileSync(path.join(dir, 'codes.txt'), 'utf8').trim().split('\n')).toEqual(CODES);
  });

  it('is deterministic, and reuses files it already made', () => {
    const again = mkdtempSync(path.join(tmpdir(), 'mxscan-bench-test-'));
    try {
      generate(again);
      for (const name of ['text-a.log', 'events.jsonl', 'long-line.log']) {
        expect(readFileSync(path.join(again, name)).equals(readFileSync(path.join(dir, name)))).toBe(true);
      }
      expect(readFileSync(path.join(again, 'text-a.log')).equals(readFileSync(path.join(again, 'text-b.log')))).toBe(false);
      expect(generate(again)).toMatch(/reusing .*text-a\.log/);
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });
});
