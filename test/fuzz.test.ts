/**
 * A seeded, reproducible fuzz run of every reader (plain text, JSON lines, CSV, JSON array, gzip) and of
 * the catalog loader. Inputs are random bytes and valid inputs damaged by byte flips, insertions of
 * `"`, `{`, `[`, `,`, `\n`, `\r`, NUL, 0xff…, truncation, deletion and duplicated slices.
 *
 * - readers: no exception, a report that adds up; for plain text and JSON lines the byte-level fast path
 *   and the split2 reference path give the same counts (the JSON-lines one with a random line limit too);
 * - catalog: `parseCatalog` returns valid entries or throws a ScanError, nothing else; a catalog it
 *   accepts compiles and scans.
 *
 * `npm test` runs MXSCAN_FUZZ_ITERATIONS (default 200; 50 under Stryker) inputs per target; the long run is
 * `MXSCAN_FUZZ_ITERATIONS=20000 vitest run test/fuzz.test.ts`. MXSCAN_FUZZ_SEED changes the inputs; a
 * failure prints the seed and path that replay it (fast-check's `seed` and `path`).
 */
import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BUILTIN_CATALOG } from '../src/catalog/builtin.js';
import { buildCatalog } from '../src/catalog/catalog.js';
import { parseCatalog } from '../src/catalog/load.js';
import { LEVELS } from '../src/catalog/types.js';
import { ScanError } from '../src/errors.js';
import { buildMatcher } from '../src/extract/matcher.js';
import { findCodes, findUnknownCodes } from './oracle/matcher.js';
import { chunks, csvInput, encode, encodingArb, jsonArrayInput, jsonlInput, textInput, type Built, type Format } from './support/proof-gen.js';
import { mutate, mutationArb } from './support/proof-mutate.js';
import { countingOf, expectSaneReport, runs, scanChunks } from './support/proof-scan.js';

const ITERATIONS = Number(process.env['MXSCAN_FUZZ_ITERATIONS'] ?? runs(200));
const SEED = Number(process.env['MXSCAN_FUZZ_SEED'] ?? 20260318);
// The long run needs more time than a test is given by default.
const TIMEOUT = Math.max(60_000, ITERATIONS * 150);

const INPUTS: Record<Format, fc.Arbitrary<Built>> = { text: textInput, jsonl: jsonlInput, csv: csvInput, json: jsonArrayInput };
const mutations = fc.array(mutationArb, { minLength: 1, maxLength: 8 });
const chunkSizes = fc.array(fc.integer({ min: 1, max: 257 }), { minLength: 1, maxLength: 6 });
const engine = fc.constantFrom<'engine' | 'oracle'>('engine', 'oracle');

/** Bytes for a reader: random, or a valid input of `format` (any encoding but gzip) damaged. */
function fuzzBytes(format: Format): fc.Arbitrary<Buffer> {
  const damaged = fc
    .tuple(INPUTS[format], encodingArb(format), mutations)
    .map(([b, enc, ms]) => mutate(encode(b.text, { ...enc, gzip: false }), ms));
  return fc.oneof(
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2000 }).map((a) => Buffer.from(a)) },
    // Random text made of the bytes that matter to the readers.
    {
      weight: 1,
      arbitrary: fc
        .array(fc.constantFrom('{', '}', '[', ']', '"', ',', ':', '\\', '\n', '\r', ' ', 'storage_error', 'code', '=', 'a', '\u00e9', '\xff'), { maxLength: 300 })
        .map((a) => Buffer.from(a.join(''), 'latin1')),
    },
    { weight: 4, arbitrary: damaged },
  );
}

describe.each<[Format, number]>([
  ['text', 1],
  ['jsonl', 2],
  ['csv', 3],
  ['json', 4],
])('fuzz: the %s reader', (format, k) => {
  it(
    `never throws and its report adds up (${ITERATIONS} inputs)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(fuzzBytes(format), chunkSizes, engine, async (bytes, sizes, eng) => {
          const report = await scanChunks(chunks(bytes, sizes), { format, engine: eng });
          expectSaneReport(report, bytes);
          // A file skipped as binary was never read as any format.
          expect(report.files[0]!.format).toBe(report.files[0]!.status === 'binary' ? 'binary' : format);
        }),
        { numRuns: ITERATIONS, seed: SEED + k },
      );
    },
    TIMEOUT,
  );
});

describe.each<[Format, number]>([
  ['text', 11],
  ['jsonl', 12],
])('fuzz: the %s fast path', (format, k) => {
  it(
    `gives the counts of the reference path on damaged input (${ITERATIONS} inputs)`,
    async () => {
      // Plain text is compared with the default line limit: the byte scanner has no limit of its own.
      const limit = format === 'jsonl' ? fc.option(fc.integer({ min: 8, max: 400 }), { nil: undefined }) : fc.constant(undefined);
      await fc.assert(
        fc.asyncProperty(fuzzBytes(format), chunkSizes, limit, async (bytes, sizes, maxLineLength) => {
          const opts = { format, ...(maxLineLength !== undefined ? { maxLineLength } : {}) };
          const fast = await scanChunks(chunks(bytes, sizes), { ...opts, engine: 'engine' });
          const reference = await scanChunks([bytes], { ...opts, engine: 'oracle' });
          expect(countingOf(fast)).toEqual(countingOf(reference));
        }),
        { numRuns: ITERATIONS, seed: SEED + k },
      );
    },
    TIMEOUT,
  );
});

describe('fuzz: the plain-text fast path with a custom catalog', () => {
  // Codes that are not `_` words take the general pattern scanner: codes holding separators, codes inside
  // codes (`E-1`, `E-1-x`), single letters, codes without a `_`.
  const CUSTOM = ['a.b', 'x-', '(x)', 'E-1', 'E-1-x', '500', 'ERR', 'a_b', 'A', '..', '-', '[x]', 'b.c.d', 'x_', '_x', 'a/b', '$', '^x', 'c++', 'storage_error', 'ERR_1', 'q'];
  const codes = fc.uniqueArray(fc.constantFrom(...CUSTOM), { minLength: 1, maxLength: 6, selector: (c) => c.toLowerCase() });
  const text = (cs: readonly string[]) =>
    fc
      .array(
        fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(...cs, ...CUSTOM) },
          { weight: 3, arbitrary: fc.constantFrom(' ', '  ', '.', '-', '_', 'x', '1', '\t', ',', '(', ')', '\u00e9', '\n', '\r\n', 'code=', 'code: a_b_c', '\xff') },
        ),
        { maxLength: 60 },
      )
      .map((parts) => Buffer.from(parts.join(''), 'latin1'));

  it(
    `gives the counts of the reference path (${ITERATIONS} inputs)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(
          codes.chain((cs) => fc.tuple(fc.constant(cs), text(cs), fc.boolean(), chunkSizes)),
          async ([cs, bytes, builtin, sizes]) => {
            const entries = cs.map((code) => ({ module: 'm', code, type: 'T', level: 'INFO' as const, description: 'd', action: 'a' }));
            const catalog = buildCatalog([entries], builtin);
            const fast = await scanChunks(chunks(bytes, sizes), { format: 'text', engine: 'engine', catalog });
            const reference = await scanChunks([bytes], { format: 'text', engine: 'oracle', catalog });
            expect(countingOf(fast)).toEqual(countingOf(reference));
          },
        ),
        { numRuns: ITERATIONS, seed: SEED + 13 },
      );
    },
    TIMEOUT,
  );
});

describe('codes inside codes, with a custom catalog', () => {
  // The oracle for the fuzz comparison above: both engines could share a mistake, the rule cannot.
  const entries = ['ERR', 'ERR_1', 'E-1', 'E-1-x', 'a.b', 'b', 'zip_zap'].map((code) => ({ module: 'm', code, type: 'T', level: 'INFO' as const, description: 'd', action: 'a' }));
  const lines = [
    'ERR_1', // ERR_1; not ERR (a `_` follows it)
    'ERR-1', // ERR
    'xERR', // nothing
    'E-1-x', // E-1 (a `-` follows it) and E-1-x
    'E-1x', // nothing
    'a.b', // a.b, and b (a `.` before it)
    'ab', // nothing
    '(b) ZIP_ZAP', // b, zip_zap (any ASCII case)
  ];
  it.each(['engine', 'oracle'] as const)('counts each by the boundary rule (%s)', async (eng) => {
    const report = await scanChunks([Buffer.from(lines.join('\n') + '\n')], { format: 'text', engine: eng, catalog: buildCatalog([entries], false) });
    const lineOf = Object.fromEntries(report.codes.map((c) => [c.code, c.samples.map((x) => x.line)]));
    expect(lineOf).toEqual({ ERR_1: [1], ERR: [2], 'E-1': [4], 'E-1-x': [4], 'a.b': [6], b: [6, 8], zip_zap: [8] });
  });
});

describe('fuzz: gzip', () => {
  it(
    `never throws on gzip of damaged input, nor on damaged gzip (${ITERATIONS} inputs)`,
    async () => {
      const anyFormat = fc.constantFrom<Format>('text', 'jsonl', 'csv', 'json');
      const input = anyFormat.chain((f) =>
        fc.record({
          format: fc.constantFrom(f, 'auto' as const),
          bytes: fuzzBytes(f).map((b) => gzipSync(b)),
          // Damage to the gzip stream itself: a corrupt or truncated stream is an unreadable input.
          after: fc.option(mutations, { freq: 2 }),
        }),
      );
      await fc.assert(
        fc.asyncProperty(input, chunkSizes, engine, async ({ format, bytes, after }, sizes, eng) => {
          const wrapped = after === null ? bytes : mutate(bytes, after);
          const report = await scanChunks(chunks(wrapped, sizes), { format, engine: eng });
          expectSaneReport(report, wrapped);
          if (after === null) {
            expect(report.files[0]).toMatchObject({ compressed: true });
            expect(report.files[0]!.status).not.toBe('error');
          }
        }),
        { numRuns: ITERATIONS, seed: SEED + 20 },
      );
    },
    TIMEOUT,
  );
});

// ------------------------------------------------------------------------------------------------
// The catalog loader
// ------------------------------------------------------------------------------------------------

const FIELD_VALUES = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('ERROR', 'warn', 'Warning', ' INFO ', 'FATAL', '', 'storage_error', 'a.b', '(x)', '[', '\\', 'c d', '\u00e9_x', 'x'.repeat(201)),
  fc.constantFrom(null, 0, 1.5, true, [], {}, ['storage_error']),
);
const FIELDS = ['module', 'code', 'type', 'level', 'description', 'action', '__proto__', 'constructor', 'extra'];

/** Entries near the valid shape: each field present or not, a string or not. */
const nearEntry = fc
  .tuple(fc.subarray(FIELDS, { minLength: 4 }), fc.array(FIELD_VALUES, { minLength: FIELDS.length, maxLength: FIELDS.length }), fc.boolean())
  .map(([names, values, valid]) => {
    const entry: Record<string, unknown> = {};
    names.forEach((n, i) => {
      const v = values[i];
      // `valid` keeps the required fields strings with a valid level, so that later checks are reached.
      Object.defineProperty(entry, n, { value: valid && n !== 'level' && typeof v !== 'string' ? String(v) : valid && n === 'level' ? 'warn' : v, enumerable: true, writable: true, configurable: true });
    });
    return entry;
  });

const catalogText = fc.oneof(
  // Any JSON at all.
  { weight: 1, arbitrary: fc.json({ maxDepth: 3 }) },
  // Arrays of near-valid entries.
  { weight: 3, arbitrary: fc.array(nearEntry, { maxLength: 6 }).map((a) => JSON.stringify(a)) },
  // The built-in catalog, as text, damaged byte by byte.
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.subarray([...BUILTIN_CATALOG], { minLength: 1 }), mutations, fc.boolean())
      .map(([entries, ms, bom]) => (bom ? '\ufeff' : '') + mutate(Buffer.from(JSON.stringify(entries, null, 1)), ms).toString('utf8')),
  },
  // A valid catalog with whitespace and case changes that must still be accepted.
  {
    weight: 1,
    arbitrary: fc
      .subarray([...BUILTIN_CATALOG], { minLength: 1 })
      .map((entries) => JSON.stringify(entries.map((e) => ({ ...e, code: ` ${e.code.toUpperCase()} `, level: e.level.toLowerCase() })))),
  },
);

describe('fuzz: the catalog loader', () => {
  it(
    `returns valid entries or throws a ScanError, nothing else (${ITERATIONS} catalogs)`,
    () => {
      fc.assert(
        fc.property(catalogText, fc.string({ maxLength: 200 }), (text, sample) => {
          let entries;
          try {
            entries = parseCatalog(text, 'fuzz.json');
          } catch (err) {
            expect(err).toBeInstanceOf(ScanError);
            expect((err as ScanError).code).toBe('BAD_CATALOG');
            expect((err as ScanError).message).toMatch(/^bad catalog fuzz\.json: /);
            return;
          }
          expect(Array.isArray(entries)).toBe(true);
          const keys = new Set<string>();
          for (const e of entries) {
            for (const f of ['module', 'code', 'type', 'description', 'action'] as const) expect(typeof e[f]).toBe('string');
            expect(LEVELS).toContain(e.level);
            expect(e.code).toMatch(/^[\x21-\x7e]{1,200}$/);
            keys.add(e.code.toLowerCase());
          }
          expect(keys.size).toBe(entries.length);
          // An accepted catalog compiles and matches without a throw, alone or over the built-in one.
          const m = buildMatcher(buildCatalog([entries], sample.length % 2 === 0));
          const text2 = entries.map((e) => e.code).join(' ') + ' ' + sample;
          expect(findCodes(text2, m).length).toBeGreaterThanOrEqual(0);
          findUnknownCodes(text2, m);
        }),
        { numRuns: ITERATIONS, seed: SEED + 30 },
      );
    },
    TIMEOUT,
  );

  it('finds every accepted code in a scan, through either engine', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(nearEntry, { minLength: 1, maxLength: 4 }), engine, async (raw, eng) => {
        let entries;
        try {
          entries = parseCatalog(JSON.stringify(raw), 'fuzz.json');
        } catch (err) {
          expect(err).toBeInstanceOf(ScanError);
          return;
        }
        const catalog = buildCatalog([entries], false);
        // Each code alone on its line, between spaces: each counts once.
        const bytes = Buffer.from(entries.map((e) => ` ${e.code} `).join('\n') + '\n');
        const report = await scanChunks([bytes], { format: 'text', engine: eng, catalog });
        expectSaneReport(report, bytes);
        const counted = new Map(report.codes.map((c) => [c.code, c.count]));
        for (const e of entries) expect(counted.get(e.code), e.code).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: Math.min(ITERATIONS, 200), seed: SEED + 31 },
    );
  });
});
