import { expect } from 'vitest';
import { buildCatalog } from '../../src/catalog/catalog.js';
import type { CatalogEntry } from '../../src/catalog/types.js';
import { buildMatcher, type Matcher } from '../../src/extract/matcher.js';
import type { FieldOptions } from '../../src/extract/record.js';
import { JSON_LINES } from '../../src/extract/accounts.js';
import { JsonlFastScan } from '../../src/fast/jsonl-scan.js';
import { TextFastScan } from '../../src/fast/text-scan.js';
import { jsonlRecords } from '../oracle/jsonl.js';
import { textRecords } from '../oracle/read.js';
import { FileScan } from '../oracle/file-scan.js';
import { buildReport, type Report } from '../../src/summary/report.js';
import { newFileStat, newTally, type Tally } from '../../src/summary/tally.js';
import type { TimeWindow } from '../../src/summary/window.js';

export const defaultMatcher = (custom: CatalogEntry[][] = [], builtin = true): Matcher =>
  buildMatcher(buildCatalog(custom, builtin));

/** The built-in catalog and codes that are not `_` words: matched by the general pattern (see GeneralCodes). */
export const generalMatcher = (): Matcher => {
  const entry = (code: string, level: 'ERROR' | 'WARN' | 'INFO' = 'ERROR'): CatalogEntry => ({ module: 'm', code, type: 't', level, description: 'd', action: 'a' });
  return defaultMatcher([[entry('E-101'), entry('E-101-X', 'WARN'), entry('TIMEOUT', 'INFO'), entry('quota.full'), entry('a+b')]]);
};

/** Cuts bytes into chunks of the given sizes (cycled). */
export function chunked(bytes: Buffer, sizes: readonly number[]): Buffer[] {
  const out: Buffer[] = [];
  let i = 0;
  let k = 0;
  while (i < bytes.length) {
    const n = Math.max(1, sizes[k++ % sizes.length] ?? bytes.length);
    out.push(bytes.subarray(i, i + n));
    i += n;
  }
  return out;
}

async function* iterate(chunks: readonly Buffer[]): AsyncGenerator<Buffer> {
  for (const c of chunks) yield c;
}

/** The reference path: split2 lines, record analysis, FileScan. */
export async function referenceTally(chunks: readonly Buffer[], m: Matcher, file = 'a.log', into = newTally(), redact = false, window: TimeWindow | null = null): Promise<Tally> {
  const stat = newFileStat(file);
  into.files.set(file, stat);
  const scan = new FileScan(into, stat, m, { redact }, window, true);
  for await (const rec of textRecords(iterate(chunks), 64 * 1024 * 1024)) scan.push(rec);
  scan.end();
  return into;
}

/** The fast path: the byte scanner. */
export function fastTally(chunks: readonly Buffer[], m: Matcher, file = 'a.log', into = newTally(), redact = false, window: TimeWindow | null = null): Tally {
  const stat = newFileStat(file);
  into.files.set(file, stat);
  const scan = new TextFastScan(into, stat, m, false, redact, window);
  for (const c of chunks) scan.push(c);
  scan.end();
  return into;
}

export function report(t: Tally, m: Matcher): Report {
  return buildReport(t, { catalog: m.catalog, version: 'test', window: null });
}

/**
 * The fast tally counts what the reference tally counts: the same report, the same first occurrence of
 * every code (the report shows only the first error's), the same file stats.
 */
export function expectSameTally(fast: Tally, ref: Tally, m: Matcher): void {
  expect(report(fast, m)).toEqual(report(ref, m));
  for (const [code, s] of ref.codes) expect(fast.codes.get(code)!.first, code).toEqual(s.first);
  expect([...fast.files]).toEqual([...ref.files]);
}

/** The reference path for JSON lines. */
export async function referenceJsonl(chunks: readonly Buffer[], m: Matcher, file = 'a.jsonl', into = newTally(), maxLength = 64 * 1024 * 1024, window: TimeWindow | null = null, opts: FieldOptions = {}, headed = false): Promise<Tally> {
  const stat = newFileStat(file);
  into.files.set(file, stat);
  const scan = new FileScan(into, stat, m, opts, window, false, true, headed, JSON_LINES);
  for await (const rec of jsonlRecords(iterate(chunks), maxLength, headed)) scan.push(rec);
  scan.end();
  return into;
}

/** The fast path for JSON lines. */
export function fastJsonl(chunks: readonly Buffer[], m: Matcher, file = 'a.jsonl', into = newTally(), maxLength = 64 * 1024 * 1024, window: TimeWindow | null = null, opts: FieldOptions = {}, headed = false): Tally {
  const stat = newFileStat(file);
  into.files.set(file, stat);
  const scan = new JsonlFastScan(into, stat, m, maxLength, false, false, window, null, opts, false, headed);
  for (const c of chunks) scan.push(c);
  scan.end();
  return into;
}
