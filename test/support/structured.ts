import { JSON_ALL, JSON_NONE } from '../../src/extract/accounts.js';
import type { Matcher } from '../../src/extract/matcher.js';
import type { FieldOptions } from '../../src/extract/record.js';
import { CsvFastScan } from '../../src/fast/csv-scan.js';
import { JsonArrayFastScan } from '../../src/fast/json-array-scan.js';
import { csvRecords } from '../oracle/csv.js';
import { jsonArrayRecords } from '../oracle/json-array.js';
import { FileScan } from '../oracle/file-scan.js';
import { newFileStat, newTally, type Tally } from '../../src/summary/tally.js';
import type { ChunkBuffer } from '../../src/fast/chunk-buffer.js';
import type { Report } from '../../src/summary/report.js';
import type { TimeWindow } from '../../src/summary/window.js';

const MAX = 64 * 1024 * 1024;

async function* iterate(chunks: readonly Buffer[]): AsyncGenerator<Buffer> {
  for (const c of chunks) yield c;
}

/** The record-reader path for a structured format: its reader, record analysis, FileScan. */
export async function referenceStructured(
  format: 'csv' | 'json',
  chunks: readonly Buffer[],
  m: Matcher,
  fields: FieldOptions = {},
  maxLength = MAX,
  window: TimeWindow | null = null,
): Promise<Tally> {
  const tally = newTally();
  const stat = newFileStat('a');
  tally.files.set('a', stat);
  const scan = new FileScan(tally, stat, m, fields, window, false, format === 'json', false, format === 'json' ? JSON_ALL : JSON_NONE);
  const read = format === 'csv' ? csvRecords : jsonArrayRecords;
  try {
    for await (const rec of read(iterate(chunks), maxLength)) scan.push(rec);
  } catch (err) {
    stat.status = 'error';
    stat.message = (err as Error).message;
  }
  scan.end();
  return tally;
}

/** A fast scanner fed the chunks; a fault ends it as scanFile does. */
export function runFast(make: (tally: Tally, stat: ReturnType<typeof newFileStat>) => ChunkBuffer, chunks: readonly Buffer[]): Tally {
  const tally = newTally();
  const stat = newFileStat('a');
  tally.files.set('a', stat);
  const scan = make(tally, stat);
  try {
    for (const c of chunks) scan.push(c);
  } catch (err) {
    scan.end(false);
    stat.status = 'error';
    stat.message = (err as Error).message;
    return tally;
  }
  scan.end();
  return tally;
}

/** The CSV fast path. */
export function fastCsv(chunks: readonly Buffer[], m: Matcher, fields: FieldOptions = {}, maxLength = MAX, window: TimeWindow | null = null): Tally {
  return runFast((tally, stat) => new CsvFastScan(tally, stat, m, fields, maxLength, false, window), chunks);
}

/** The JSON-array fast path. */
export function fastJsonArray(chunks: readonly Buffer[], m: Matcher, maxLength = MAX, window: TimeWindow | null = null, fields: FieldOptions = {}): Tally {
  return runFast((tally, stat) => new JsonArrayFastScan(tally, stat, m, maxLength, false, window, fields), chunks);
}

/** What the hand-counted structured tests compare: code → [count, first seen, sample lines, accounts], totals. */
export function handCounted(r: Report, window: TimeWindow | null): unknown {
  return {
    codes: Object.fromEntries(r.codes.map((c) => [c.code, [c.count, c.firstSeen, c.samples.map((s) => s.line), c.accounts.distinct]])),
    unknown: Object.fromEntries(r.unknownCodes.map((u) => [u.code, [u.count, u.samples.map((s) => s.line)]])),
    records: r.totals.records,
    malformed: r.totals.malformedRecords,
    skipped: r.totals.skippedLines,
    range: [r.timeRange.start, r.timeRange.end],
    ...(window !== null ? { outside: r.totals.outsideWindow } : {}),
  };
}
