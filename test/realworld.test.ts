/**
 * Real-world logs nobody on this project wrote: the 16 Loghub samples in ../shared/realworld/loghub hold no
 * catalog code and no unknown code, so a scan must find none (a false-positive check). Then the same logs
 * with catalog codes injected at seeded random places — whole new lines, and codes inside existing lines
 * in place of a space — give exactly the injected counts, sample lines and record totals: as plain text,
 * gzipped, and as one JSON-lines stream made of all 16 logs (`{"msg": line}`, a `code` field on some
 * lines; on some of those the msg holds a different code, which must not count: the code field wins).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTimestampIn } from '../src/extract/timestamp.js';
import { DEFAULT_TIMES, timeContext } from '../src/extract/time-rules.js';
import type { Report } from '../src/summary/report.js';
import { countsOf, runScan, samplesOf, tempDir } from './support/proof-cli.js';
import { chunks, CODES } from './support/proof-gen.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts; src/scan.ts is mocked
// by the setup file of the project these tests run in, test/support/oracle-mock.ts).

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LOGHUB = path.resolve(ROOT, '../shared/realworld/loghub');
const HAVE = existsSync(LOGHUB);
const LOGS = HAVE ? readdirSync(LOGHUB).filter((f) => f.endsWith('.log')).sort() : [];

if (!HAVE) console.warn(`realworld.test.ts: skipped, ${LOGHUB} is absent (the shared Loghub samples sit beside the repository)`);

/** mulberry32: a small seeded generator, so the injected places are the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const randomCase = (r: () => number, s: string): string => [...s].map((c) => (r() < 0.5 ? c.toUpperCase() : c.toLowerCase())).join('');

/** A log as lines (each keeping its `\r` when the file ends lines with CRLF) and whether it ends with a newline. */
interface Lines {
  lines: string[];
  /** Catalog codes injected into each line. */
  codes: string[][];
  finalNewline: boolean;
}

function readLog(file: string): Lines {
  const text = readFileSync(path.join(LOGHUB, file), 'latin1');
  const parts = text.split('\n');
  const finalNewline = text.endsWith('\n');
  if (finalNewline) parts.pop();
  return { lines: parts, codes: parts.map(() => []), finalNewline };
}

const joinLog = (l: Lines): string => l.lines.join('\n') + (l.finalNewline ? '\n' : '');

/** Replaces a random space of line i with ` CODE ` (a code with spaces around it, no word split). */
function injectInLine(r: () => number, l: Lines, i: number, code: string): boolean {
  const line = l.lines[i]!;
  const spaces: number[] = [];
  for (let j = line.indexOf(' '); j !== -1; j = line.indexOf(' ', j + 1)) spaces.push(j);
  if (spaces.length === 0) return false;
  const at = pick(r, spaces);
  l.lines[i] = line.slice(0, at) + ` ${randomCase(r, code)} ` + line.slice(at + 1);
  l.codes[i]!.push(code);
  return true;
}

const NEW_LINE_SHAPES = [
  (c: string) => `2026-03-18T08:00:00.123Z ERROR mail2cloud ${c} for alice@example.com`,
  (c: string) => `[${c}]`,
  (c: string) => c,
  (c: string) => `mxhero: notification=${c}; retry later`,
  (c: string) => `"${c}", (${c})`, // twice in one line: counts once
];

/** Adds `n` new lines and `m` in-line codes at seeded random places. */
function inject(r: () => number, l: Lines, n: number, m: number): void {
  for (let k = 0; k < n; k++) {
    const code = pick(r, CODES);
    const at = Math.floor(r() * (l.lines.length + 1));
    const crlf = (l.lines[Math.min(at, l.lines.length - 1)] ?? '').endsWith('\r');
    l.lines.splice(at, 0, pick(r, NEW_LINE_SHAPES)(randomCase(r, code)) + (crlf ? '\r' : ''));
    l.codes.splice(at, 0, [code]);
  }
  for (let k = 0; k < m; k++) injectInLine(r, l, Math.floor(r() * l.lines.length), pick(r, CODES));
}

/**
 * The records of a plain-text log (README, What counts): a line with a time of its own (as mxscan reads
 * times: that rule is tested elsewhere) starts one, the lines after it without one join it, up to 1,000
 * lines or 1 MiB; lines before the first time are records of their own. The first line of each line's record.
 */
// Times without a year (syslog's `Jun 14 15:16:01`) take the year of the file's last change, as a scan
// reads them: a file changed now. Only whether a line has a time matters here.
const WITH_YEAR = timeContext(DEFAULT_TIMES, Date.now());

function recordStarts(l: Lines): number[] {
  let open = false;
  let held = 0;
  let bytes = 0;
  let start = 0;
  return l.lines.map((raw, i) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const buf = Buffer.from(line, 'latin1');
    const timed = findTimestampIn(buf, 0, buf.length, 0, buf.length, WITH_YEAR) !== null;
    if (timed || !open || held >= 1000 || bytes >= 1 << 20) {
      open ||= timed;
      held = 0;
      bytes = 0;
      start = i;
    }
    held++;
    bytes += buf.length + 1;
    return start;
  });
}

/** The expected counts and samples of logs scanned together, from their injection lists (`events`: plain text). */
function expectedOf(logs: readonly { file: string; l: Lines }[], events = false) {
  const where = new Map<string, { file: string; line: number }[]>();
  let records = 0;
  for (const { file, l } of logs) {
    const starts = events ? recordStarts(l) : l.lines.map((_, i) => i);
    const counted = new Set<string>();
    l.codes.forEach((codes, i) => {
      if (starts[i] === i) {
        records++;
        counted.clear();
      }
      for (const c of new Set(codes)) {
        // Once per record, at the line it first appears on.
        if (counted.has(c)) continue;
        counted.add(c);
        const list = where.get(c) ?? [];
        list.push({ file, line: i + 1 });
        where.set(c, list);
      }
    });
  }
  const byPlace = (a: { file: string; line: number }, b: { file: string; line: number }) =>
    a.file !== b.file ? (a.file < b.file ? -1 : 1) : a.line - b.line;
  // A code's evidence candidates are each file's first three occurrences of it and its first and last by
  // time (which depend on the times mxscan reads in these logs): here, any of its occurrences.
  const candidates = (w: { file: string; line: number }[]): string[] => [...w].sort(byPlace).map((x) => `${x.file}:${x.line}`);
  return {
    counts: Object.fromEntries([...where].map(([c, w]) => [c, w.length])),
    samples: Object.fromEntries([...where].map(([c, w]) => [c, [...w].sort(byPlace).slice(0, 3).map((x) => `${x.file}:${x.line}`)])),
    candidates: Object.fromEntries([...where].map(([c, w]) => [c, candidates(w)])),
    records,
  };
}

const observed = (r: Report) => ({ counts: countsOf(r), samples: samplesOf(r), records: r.totals.records });

/**
 * Logs scanned together: which candidates are picked depends on the times mxscan reads in them (see
 * evidence-order.test.ts and evidence-last.test.ts), so here each sample is one of the code's occurrences
 * and there are min(3, count).
 */
function expectScanned(r: Report, want: ReturnType<typeof expectedOf>): void {
  const got = observed(r);
  expect({ counts: got.counts, records: got.records }).toEqual({ counts: want.counts, records: want.records });
  expect(Object.keys(got.samples).sort()).toEqual(Object.keys(want.counts).sort());
  for (const [code, list] of Object.entries(got.samples)) {
    expect(list, code).toHaveLength(Math.min(3, want.counts[code]!));
    for (const x of list) expect(want.candidates[code], code).toContain(x);
  }
}

describe.skipIf(!HAVE)(HAVE ? 'the 16 real-world Loghub logs' : `the 16 real-world Loghub logs (SKIPPED: ${LOGHUB} is absent)`, () => {
  let tmp: { dir: string; remove: () => void };
  beforeAll(() => {
    tmp = tempDir('mxscan-realworld-');
  });
  afterAll(() => tmp?.remove());

  it('are all there', () => {
    expect(LOGS).toHaveLength(16);
  });

  it('scan with zero catalog codes and zero unknown codes', async () => {
    const run = await runScan(LOGS, { cwd: LOGHUB });
    expect(run.code).toBe(0);
    const r = run.report!;
    expect(r.codes).toEqual([]);
    expect(r.unknownCodes).toEqual([]);
    expect(r.totals).toMatchObject({ files: 16, codes: 0, unknown: 0, malformedRecords: 0, skippedLines: 0, unreadableFiles: 0, binaryFiles: 0 });
    for (const f of r.files) {
      expect(f).toMatchObject({ format: 'text', status: 'ok', matches: 0, unknown: 0 });
      expect(f.records).toBe(expectedOf([{ file: f.path, l: readLog(f.path) }], true).records);
    }
  });

  it('count exactly the injected codes, as plain text and gzipped', async () => {
    const r = rng(20260318);
    const logs = LOGS.map((file) => {
      const l = readLog(file);
      inject(r, l, 3 + Math.floor(r() * 10), 3 + Math.floor(r() * 10));
      return { file, l };
    });
    const plain = path.join(tmp.dir, 'plain');
    const gz = path.join(tmp.dir, 'gz');
    mkdirSync(plain);
    mkdirSync(gz);
    for (const { file, l } of logs) {
      const bytes = Buffer.from(joinLog(l), 'latin1');
      writeFileSync(path.join(plain, file), bytes);
      writeFileSync(path.join(gz, file + '.gz'), gzipSync(bytes));
    }
    const want = expectedOf(logs, true);
    expect(Object.keys(want.counts).length).toBeGreaterThan(8);

    const text = await runScan(LOGS, { cwd: plain });
    expect(text.code).toBe(0);
    expectScanned(text.report!, want);
    expect(text.report!.unknownCodes).toEqual([]);

    const zipped = await runScan(LOGS.map((f) => f + '.gz'), { cwd: gz });
    expect(zipped.code).toBe(0);
    expectScanned(zipped.report!, expectedOf(logs.map(({ file, l }) => ({ file: file + '.gz', l })), true));
    expect(zipped.report!.files.every((f) => f.compressed && f.format === 'text')).toBe(true);
    expect(zipped.report!.unknownCodes).toEqual([]);
  });

  it('count exactly the injected codes as one JSON-lines stream; the code field wins over the msg', async () => {
    const r = rng(1789);
    const records: string[] = [];
    const codes: string[][] = [];
    let decoys = 0;
    for (const file of LOGS) {
      for (const raw of readLog(file).lines) {
        const msg = raw.replace(/\r$/, '');
        const roll = r();
        if (roll < 0.02) {
          // A code field, and on half of them a different code in the msg that must not count.
          const code = pick(r, CODES);
          const m: Lines = { lines: [msg], codes: [[]], finalNewline: false };
          if (r() < 0.5) {
            const other = pick(r, CODES.filter((c) => c !== code));
            if (injectInLine(r, m, 0, other)) decoys++;
          }
          const padded = pick(r, ['', ' ', '  ']) + randomCase(r, code) + pick(r, ['', ' ', '\t']);
          const obj = r() < 0.5 ? { msg: m.lines[0], code: padded } : { code: padded, msg: m.lines[0] };
          records.push(JSON.stringify(obj));
          codes.push([code]);
        } else if (roll < 0.03) {
          // A code in the msg only: the raw text is scanned.
          const m: Lines = { lines: [msg], codes: [[]], finalNewline: false };
          injectInLine(r, m, 0, pick(r, CODES));
          records.push(JSON.stringify({ msg: m.lines[0] }));
          codes.push(m.codes[0]!);
        } else {
          records.push(JSON.stringify({ msg }));
          codes.push([]);
        }
        if (r() < 0.005) {
          // A whole new record between the log's lines.
          const code = pick(r, CODES);
          records.push(r() < 0.5 ? JSON.stringify({ msg: `notification ${randomCase(r, code)} raised` }) : JSON.stringify({ error_code: randomCase(r, code), level: 'ERROR' }));
          codes.push([code]);
        }
      }
    }
    expect(decoys).toBeGreaterThan(50);
    const l: Lines = { lines: records, codes, finalNewline: true };
    const want = expectedOf([{ file: 'all.jsonl', l }]);
    const bytes = Buffer.from(joinLog(l), 'utf8');
    writeFileSync(path.join(tmp.dir, 'all.jsonl'), bytes);

    const file = await runScan(['all.jsonl'], { cwd: tmp.dir });
    expect(file.code).toBe(0);
    expectScanned(file.report!, want);
    expect(file.report!.totals).toMatchObject({ malformedRecords: 0, unknown: 0 });
    expect(file.report!.files[0]).toMatchObject({ format: 'jsonl', status: 'ok' });

    // The same stream on stdin, in odd-sized chunks, on the oracle.
    const stdin = await runScan(['-', '--input-format', 'jsonl'], { cwd: tmp.dir, stdin: chunks(bytes, [65_537, 4099, 1]), engine: 'oracle' });
    const fromStdin = expectedOf([{ file: '(stdin)', l }]);
    expectScanned(stdin.report!, fromStdin);
    // Both engines pick the same evidence.
    const renamed = Object.entries(samplesOf(file.report!)).map(([c, l]) => [c, l.map((x) => x.replace('all.jsonl:', '(stdin):'))]);
    expect(samplesOf(stdin.report!)).toEqual(Object.fromEntries(renamed));
  });
});
