import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { BUILTIN_CATALOG } from '../../src/catalog/builtin.js';

// The service-log corpora of the benchmark (e-mail text, key=value text, snake_case JSON lines, CSV, JSON
// array, Cloud Logging's entries as JSON and as YAML, gzip, small files): the counts the generator writes down, over the whole file and inside each
// window, checked against an independent count of what it wrote. It measures no speed. Run with `npm run
// test:slow` (MXSCAN_SLOW=1): it writes corpora of a few MiB.
const SLOW = process.env['MXSCAN_SLOW'] === '1';

const GENERATE = fileURLToPath(new URL('../../bench/generate.mjs', import.meta.url));
const CODES = BUILTIN_CATALOG.map((e) => e.code);
const CODE_RE = new RegExp(`(?<![A-Za-z0-9_])(?:${CODES.join('|')})(?![A-Za-z0-9_])`, 'gi');
const BY_KEY = new Map(CODES.map((c) => [c.toLowerCase(), c]));
const ISO_HEAD = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z) /;

interface WindowCounts { since: string; until: string; codes: Record<string, number>; outside: number }
interface Counts {
  bytes: number;
  expandedBytes?: number;
  files?: number;
  lines: number;
  records: number;
  malformedRecords?: number;
  codes: Record<string, number>;
  linesMentioningCode: number | null;
  windows?: Record<'hour' | 'all', WindowCounts>;
  features: Record<string, number>;
}
/** A record as the oracle sees it: its time (own or inherited) and the distinct codes counting in it. */
interface Rec { ms: number; codes: Set<string> }

/** The distinct catalog codes in a text by the plain-text rule. */
function textCodes(text: string): Set<string> {
  return new Set([...text.matchAll(CODE_RE)].map((m) => BY_KEY.get(m[0].toLowerCase())!));
}

/** A structured record's codes: its code field when it holds a catalog code, else its text's (beside an unknown value too). */
function fieldCodes(field: unknown, raw: string): Set<string> {
  const code = typeof field === 'string' ? BY_KEY.get(field.trim().toLowerCase()) : undefined;
  return code !== undefined ? new Set([code]) : textCodes(raw);
}

/**
 * Plain text as events: a line with a time at its head starts a record, a line without one joins the record
 * before it (up to 1,000 lines; these lines are far shorter than the 1 MiB limit); lines before the first
 * time are records of their own. A record's codes are those of its lines.
 */
function textRecords(text: string): Rec[] {
  const out: (Rec & { held: number })[] = [];
  for (const line of lines(text)) {
    const m = ISO_HEAD.exec(line);
    const last = out[out.length - 1];
    if (m === null && last !== undefined && !Number.isNaN(last.ms) && last.held < 1000) {
      last.held++;
      for (const c of textCodes(line)) last.codes.add(c);
    } else out.push({ ms: m !== null ? Date.parse(m[1]!) : (last?.ms ?? Number.NaN), codes: textCodes(line), held: 1 });
  }
  return out;
}

function lines(text: string): string[] {
  return (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
}

/** JSON lines with snake_case keys: time in `timestamp`, the first non-empty of code, error_code, errorCode wins. */
function jsonRecord(rec: Record<string, unknown>, raw: string): Rec {
  const field = ['code', 'error_code', 'errorCode'].map((k) => rec[k]).find((v) => typeof v === 'string' && v.trim() !== '');
  return { ms: Date.parse(String(rec.timestamp)), codes: fieldCodes(field, raw) };
}

/** A Cloud Logging entry (gcloud.json, export.yaml): the event's fields in its jsonPayload, its time its `timestamp`. */
function logEntry(el: Record<string, unknown>): Rec {
  return jsonRecord({ ...(el['jsonPayload'] as Record<string, unknown>), timestamp: el['timestamp'] }, JSON.stringify(el));
}

/**
 * JSON lines, each a record; a line that does not parse (a JVM's stack trace among them: jvm.jsonl) is a
 * malformed record read as text: its codes by the plain-text rule, the time of the record before it (none
 * of these lines has a time of its own).
 */
function jsonLines(text: string): (Rec & { malformed?: true })[] {
  const out: (Rec & { malformed?: true })[] = [];
  for (const l of lines(text)) {
    let rec: Record<string, unknown> | undefined;
    try {
      rec = JSON.parse(l) as Record<string, unknown>;
    } catch {
      rec = undefined;
    }
    out.push(rec !== undefined ? jsonRecord(rec, l) : { ms: out.at(-1)?.ms ?? Number.NaN, codes: textCodes(l), malformed: true });
  }
  return out;
}

/** An RFC 4180 reader written for this test: each record's fields and its raw text. */
function csvRecords(text: string): { fields: string[]; raw: string }[] {
  const out: { fields: string[]; raw: string }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') fields.push(field), (field = '');
    else if (ch === '\n') {
      fields.push(field);
      out.push({ fields, raw: text.slice(start, i) });
      (fields = []), (field = ''), (start = i + 1);
    } else field += ch;
  }
  return out;
}

function csvTally(text: string): Rec[] {
  const [header, ...rows] = csvRecords(text);
  const time = header!.fields.indexOf('timestamp');
  const code = header!.fields.indexOf('code');
  return rows.map((r) => ({ ms: Date.parse(r.fields[time]!), codes: fieldCodes(r.fields[code], r.raw) }));
}

/** Per code the records it counts in, over all records or inside [since, until), and the records outside. */
function tally(recs: Rec[], window?: { since: string; until: string }): { codes: Record<string, number>; outside: number } {
  const codes: Record<string, number> = Object.fromEntries(CODES.map((c) => [c, 0]));
  let outside = 0;
  for (const r of recs) {
    if (window !== undefined && !(r.ms >= Date.parse(window.since) && r.ms < Date.parse(window.until))) {
      outside++;
      continue;
    }
    for (const c of r.codes) codes[c]! += 1;
  }
  return { codes, outside };
}

/** The records of a generated file, read by the oracle for its format. */
function records(dir: string, name: string): Rec[] {
  const text = readFileSync(path.join(dir, name), 'utf8');
  if (name.endsWith('.csv')) return csvTally(text);
  if (name === 'gcloud.json') return (JSON.parse(text) as Record<string, unknown>[]).map(logEntry);
  if (name.endsWith('.json')) return (JSON.parse(text) as Record<string, unknown>[]).map((el) => jsonRecord(el, JSON.stringify(el)));
  if (name.endsWith('.yaml')) return parseAllDocuments(text).map((d) => d.toJS() as Record<string, unknown>).map(logEntry);
  if (name.endsWith('.jsonl')) return jsonLines(text);
  return textRecords(text);
}

function counts(dir: string, name: string): Counts {
  return JSON.parse(readFileSync(path.join(dir, `${name}.counts.json`), 'utf8')) as Counts;
}

function generate(size: string, into: string): void {
  execFileSync(process.execPath, [GENERATE, '--size', size, '--dir', into, '--seed', '7'], { encoding: 'utf8' });
}

const SHAPED = ['mail.log', 'kv.log', 'snake.jsonl', 'jvm.jsonl', 'export.csv', 'export.json', 'gcloud.json', 'export.yaml'];
let tiny = '';
let dir = '';

beforeAll(() => {
  if (!SLOW) return;
  tiny = mkdtempSync(path.join(tmpdir(), 'mxscan-bench-tiny-'));
  dir = mkdtempSync(path.join(tmpdir(), 'mxscan-bench-svc-'));
  generate('4k', tiny);
  generate('1m', dir);
});

afterAll(() => {
  if (!SLOW) return;
  rmSync(tiny, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!SLOW)('the oracle of these tests, on records counted by hand', () => {
  it('gives a line without a time the time before it, and keeps since ≤ t < until', () => {
    const text = '2026-03-18T00:00:00.000Z ERROR storage_error a@b.com\n  caused by SMIME_ERROR x@y.com\n2026-03-18T02:00:00.000Z INFO storage_error smime_error_rate\n';
    const recs = textRecords(text);
    // By hand: the first two lines are one record at 00:00 (the second has no time), the third one at 02:00.
    expect(recs.map((r) => r.ms)).toEqual([Date.parse('2026-03-18T00:00:00Z'), Date.parse('2026-03-18T02:00:00Z')]);
    expect(tally(recs).codes).toMatchObject({ storage_error: 2, smime_error: 1 });
    const w = tally(recs, { since: '2026-03-18T00:00:00.000Z', until: '2026-03-18T02:00:00.000Z' });
    expect(w).toMatchObject({ outside: 1, codes: { storage_error: 1, smime_error: 1 } });
  });

  it('reads a quoted multi-line CSV record as one, its code column its only code when a catalog code', () => {
    const text = 'timestamp,level,code,message\n2026-03-18T00:00:00.000Z,ERROR,Storage_Error,"two\nlines, ""smime_error"""\n2026-03-18T01:00:00.000Z,INFO,,"x [web_hook_moved]"\n2026-03-18T01:00:01.000Z,WARN,quota_warning,"smime_error"\n';
    const recs = csvTally(text);
    expect(recs).toHaveLength(3);
    // row 1: Storage_Error alone (not its message's smime_error); row 3: quota_warning is no catalog code, so its message's smime_error counts
    expect(tally(recs).codes).toMatchObject({ storage_error: 1, smime_error: 1, web_hook_moved: 1 });
  });
});

describe.skipIf(!SLOW)('service-log corpora', () => {
  it.each(SHAPED)('writes down for %s the counts an independent reading finds, in every window', (name) => {
    for (const d of [tiny, dir]) {
      const want = counts(d, name);
      const recs = records(d, name);
      expect(recs.length).toBe(want.records);
      expect(recs.filter((r) => 'malformed' in r).length).toBe(want.malformedRecords ?? 0);
      expect(tally(recs).codes).toEqual(want.codes);
      for (const w of Object.values(want.windows!)) expect(tally(recs, w)).toEqual({ codes: w.codes, outside: w.outside });
      expect(statSync(path.join(d, name)).size).toBe(want.bytes);
    }
    const want = counts(dir, name);
    // A day-long corpus: the hour holds some records and leaves most out; the wide window keeps them all.
    expect(want.windows!.hour.outside).toBeGreaterThan(want.records * 0.9);
    expect(want.windows!.hour.outside).toBeLessThan(want.records);
    expect(want.windows!.all).toMatchObject({ outside: 0, codes: want.codes });
    for (const c of CODES) expect(want.codes[c]).toBeGreaterThan(0);
  });

  it('puts an e-mail on every line of mail.log and a snake_case key=value on more than half', () => {
    const all = lines(readFileSync(path.join(dir, 'mail.log'), 'utf8'));
    expect(all.every((l) => /[a-z0-9.]+@[a-z-]+\./.test(l))).toBe(true);
    expect(all.filter((l) => /\b[a-z]+(?:_[a-z]+)+=\S/.test(l)).length / all.length).toBeGreaterThan(0.5);
    expect(counts(dir, 'mail.log').features.continuationWithCode).toBeGreaterThan(0);
    expect(all.some((l) => !ISO_HEAD.test(l))).toBe(true);
  });

  it('puts 3 or 4 snake_case key=value fields on every line of kv.log', () => {
    const all = lines(readFileSync(path.join(dir, 'kv.log'), 'utf8'));
    const fields = all.map((l) => [...l.replace(/msg=".*$/, '').matchAll(/ (?!error_code)[a-z]+(?:_[a-z]+)+=/g)].length);
    expect(fields.filter((n) => n !== 3 && n !== 4)).toEqual([]);
    expect(new Set(fields)).toEqual(new Set([3, 4]));
  });

  it('puts a JVM\'s stack traces between the JSON lines of jvm.jsonl, a code in some of their `Caused by:` lines', () => {
    const all = lines(readFileSync(path.join(dir, 'jvm.jsonl'), 'utf8'));
    const text = all.filter((l) => !l.startsWith('{'));
    expect(text.length / all.length).toBeGreaterThan(0.3);
    expect(text.every((l) => /^(?:Exception in thread |\tat |Caused by: |\t\.\.\. \d+ more$)/.test(l))).toBe(true);
    expect(counts(dir, 'jvm.jsonl').malformedRecords).toBe(text.length);
    expect(text.filter((l) => l.startsWith('Caused by: ') && textCodes(l).size > 0).length).toBe(counts(dir, 'jvm.jsonl').features.jvmCausedByCode);
  });

  it('gives every JSON object snake_case keys only', () => {
    const text = readFileSync(path.join(dir, 'snake.jsonl'), 'utf8');
    const objects = [...lines(text).map((l) => JSON.parse(l) as object), ...(JSON.parse(readFileSync(path.join(dir, 'export.json'), 'utf8')) as object[])];
    expect(objects.flatMap((o) => Object.keys(o)).filter((k) => !/^[a-z]+(?:_[a-z]+)*$/.test(k))).toEqual([]);
    expect(text).toContain('"error_code":null');
  });

  it('writes CSV with a code and a time column, quoted and multi-line fields; a JSON array partly pretty-printed', () => {
    const csv = readFileSync(path.join(dir, 'export.csv'), 'utf8');
    const recs = csvRecords(csv);
    expect(recs[0]!.fields).toEqual(['timestamp', 'level', 'service_name', 'tenant_id', 'account', 'code', 'message']);
    expect(recs.some((r) => r.raw.includes('\n'))).toBe(true);
    expect(csv).toContain('""');
    const json = readFileSync(path.join(dir, 'export.json'), 'utf8');
    expect(json.startsWith('[\n')).toBe(true);
    expect(json).toMatch(/\{\n {4}"timestamp"/);
    expect(counts(dir, 'export.json').features.pretty).toBeGreaterThan(0);
  });

  it('is deterministic: the same seed and size give the same bytes', () => {
    const again = mkdtempSync(path.join(tmpdir(), 'mxscan-bench-tiny-'));
    try {
      generate('4k', again);
      for (const name of [...SHAPED, 'mail.log.gz', 'mail.utf16.log', path.join('small', 'd00', 's00', 'app-00000.log')]) {
        expect(readFileSync(path.join(again, name)).equals(readFileSync(path.join(tiny, name)))).toBe(true);
      }
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });

  it('gzips exactly the lines of mail.log, with the same counts', () => {
    const plain = readFileSync(path.join(dir, 'mail.log'));
    expect(gunzipSync(readFileSync(path.join(dir, 'mail.log.gz'))).equals(plain)).toBe(true);
    const gz = counts(dir, 'mail.log.gz');
    expect(gz.codes).toEqual(counts(dir, 'mail.log').codes);
    expect(gz.expandedBytes).toBe(plain.length);
    expect(gz.windows).toEqual(counts(dir, 'mail.log').windows);
  });

  it('writes exactly the lines of mail.log as UTF-16LE after a byte-order mark, with the same counts', () => {
    const plain = readFileSync(path.join(dir, 'mail.log'));
    const wide = readFileSync(path.join(dir, 'mail.utf16.log'));
    expect([...wide.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(Buffer.from(wide.subarray(2).toString('utf16le'), 'utf8').equals(plain)).toBe(true);
    const c = counts(dir, 'mail.utf16.log');
    expect(c.codes).toEqual(counts(dir, 'mail.log').codes);
    expect(c.records).toBe(counts(dir, 'mail.log').records);
    expect(c.windows).toEqual(counts(dir, 'mail.log').windows);
    // MB/s is of the bytes read: the file's own.
    expect(c.expandedBytes).toBe(wide.length);
    expect(c.bytes).toBe(wide.length);
  });

  it('cuts the small files to ~10 KB each, fewer of them below 512 MiB, and counts them as one scan does', () => {
    const want = counts(dir, 'small');
    const files = readdirSync(path.join(dir, 'small'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    // 1 MiB: 20,000 × 1/512 = 39 files.
    expect(files).toHaveLength(39);
    expect(want.files).toBe(39);
    let bytes = 0;
    const recs: Rec[] = [];
    for (const f of files) {
      const text = readFileSync(path.join(f.parentPath, f.name), 'utf8');
      bytes += Buffer.byteLength(text);
      expect(Buffer.byteLength(text)).toBeGreaterThanOrEqual(10_000);
      expect(Buffer.byteLength(text)).toBeLessThan(10_600);
      recs.push(...textRecords(text));
    }
    expect(bytes).toBe(want.bytes);
    expect(recs.length).toBe(want.records);
    expect(tally(recs).codes).toEqual(want.codes);
  });
});
