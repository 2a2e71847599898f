import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { buildCatalog, type Catalog } from '../../src/catalog/catalog.js';
import type { FormatChoice } from '../../src/input/detect.js';
import { STDIN_PATH } from '../../src/input/open.js';
import * as lib from '../../src/scan.js';
import { oracleScanFile } from '../oracle/scan.js';
import type { Engine } from '../oracle/switch.js';
import { buildReport, type Report } from '../../src/summary/report.js';
import { newTally } from '../../src/summary/tally.js';

const BUILTIN = buildCatalog([]);

/**
 * Scans bytes fed as standard input, chunk by chunk, through the real open → read → count pipeline
 * (`scanFile`, no command line around it) or through the oracle's (test/oracle/), and builds the report.
 */
export async function scanChunks(
  chunks: readonly Buffer[],
  opts: { format?: FormatChoice; engine?: Engine; catalog?: Catalog; maxLineLength?: number } = {},
): Promise<Report> {
  const catalog = opts.catalog ?? BUILTIN;
  const settings = lib.fileSettings({
    inputs: [],
    cwd: '.',
    catalog,
    inputFormat: opts.format ?? 'auto',
    stdin: Readable.from(chunks),
    ...(opts.maxLineLength !== undefined ? { maxLineLength: opts.maxLineLength } : {}),
  });
  const tally = newTally();
  if (opts.engine === 'oracle') await oracleScanFile({ path: STDIN_PATH }, settings, tally, lib);
  else await lib.scanFile({ path: STDIN_PATH }, settings, tally);
  return buildReport(tally, { catalog, version: 'test', window: null });
}

/**
 * A report of one input that is whole and adds up: only a gzip stream can be unreadable, code counts
 * add up to the file's matches, no code counts more often than there are records, samples are kept.
 */
export function expectSaneReport(r: Report, input: Buffer): void {
  expect(r.files).toHaveLength(1);
  const f = r.files[0]!;
  const gzipMagic = input[0] === 0x1f && input[1] === 0x8b;
  expect(f.status === 'error' ? gzipMagic : true, `unreadable without gzip magic: ${f.message}`).toBe(true);
  expect(r.totals.unreadableFiles).toBe(f.status === 'error' ? 1 : 0);
  expect(f.malformedRecords).toBeLessThanOrEqual(f.records);
  expect(f.skippedLines).toBeLessThanOrEqual(f.records);
  expect(r.codes.reduce((n, c) => n + c.count, 0)).toBe(f.matches);
  expect(r.unknownCodes.reduce((n, u) => n + u.count, 0)).toBe(f.unknown);
  for (const c of r.codes) {
    expect(c.count).toBeGreaterThan(0);
    expect(c.count).toBeLessThanOrEqual(f.records);
    expect(c.samples.length).toBe(Math.min(3, c.count));
  }
}

/** The counting part of a report, evidence text included, for comparing two engines. */
export const countingOf = (r: Report) => ({
  totals: r.totals,
  codes: r.codes.map((c) => ({ code: c.code, count: c.count, samples: c.samples, firstSeen: c.firstSeen, lastSeen: c.lastSeen })),
  unknown: r.unknownCodes,
  files: r.files,
});

/**
 * Property-test runs: `n`, or a quarter of it under Stryker (its workers set STRYKER_MUTATOR_WORKER), where
 * every surviving mutant re-runs every test that covers it.
 */
export const runs = (n: number): number => (process.env['STRYKER_MUTATOR_WORKER'] === undefined ? n : Math.max(5, Math.ceil(n / 4)));

/**
 * A test that pins a suspected bug: it fails until the bug is fixed. Skipped under Stryker, whose initial
 * test run must pass (a failing test kills no mutant anyway).
 */
export const suspectedBug = (name: string, fn: () => Promise<void>): void =>
  (process.env['STRYKER_MUTATOR_WORKER'] === undefined ? it : it.skip)(name, fn);
