/**
 * Property tests for every reader through the real pipeline (`main` in-process): plain text, JSON lines,
 * CSV and JSON arrays, each as a plain file, gzipped, and on stdin in random chunks. The generators inject
 * catalog codes at known places (random case, random separators, near-miss words that must not count,
 * LF/CRLF/bare-CR line ends, a BOM, UTF-16, invalid UTF-8 away from the codes) and the expected report is
 * computed from their placement lists, never by scanning. Then: any byte sequence, through every reader,
 * gives exit 0/2 and a JSON report, never a throw.
 */
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countsOf, runScan, samplesOf, tempDir, unknownOf, type CliRun } from './support/proof-cli.js';
import {
  chunks,
  csvInput,
  encode,
  encodingArb,
  expectedCounts,
  expectedSamples,
  expectedUnknown,
  fileName,
  jsonArrayInput,
  jsonlInput,
  textInput,
  type Built,
  type Encoding,
  type Format,
} from './support/proof-gen.js';
import { mutate, mutationArb } from './support/proof-mutate.js';
import { expectSaneReport, runs } from './support/proof-scan.js';
import { ENGINES, type Engine } from './oracle/switch.js';
import { runs as longRuns } from './support/runs.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts; src/scan.ts is mocked
// by the setup file of the project these tests run in, test/support/oracle-mock.ts).

let tmp: { dir: string; remove: () => void };
beforeAll(() => {
  tmp = tempDir('mxscan-readers-');
});
afterAll(() => tmp.remove());

const INPUTS: Record<Format, fc.Arbitrary<Built>> = { text: textInput, jsonl: jsonlInput, csv: csvInput, json: jsonArrayInput };
const engine = fc.constantFrom<Engine>(...ENGINES);
const chunkSizes = fc.array(fc.integer({ min: 1, max: 97 }), { minLength: 1, maxLength: 6 });

/** What the report says, in the shape of what was expected. */
function observed(run: CliRun) {
  const r = run.report!;
  return {
    exit: run.code,
    stderr: run.err,
    records: r.totals.records,
    malformed: r.totals.malformedRecords,
    counts: countsOf(r),
    samples: samplesOf(r),
    unknown: unknownOf(r),
  };
}

function expected(b: Built, file: string) {
  return {
    exit: 0,
    stderr: '',
    records: b.expected.records,
    malformed: b.expected.malformed,
    counts: expectedCounts(b.expected),
    samples: expectedSamples(b.expected, file, b.text),
    unknown: expectedUnknown(b.expected),
  };
}

function fileRowOf(run: CliRun, b: Built, enc: Encoding, file: string) {
  expect(run.report!.files).toHaveLength(1);
  expect(run.report!.files[0]).toMatchObject({
    path: file,
    format: b.format,
    compressed: enc.gzip,
    encoding: enc.utf16 === 'no' ? 'utf-8' : `utf-16${enc.utf16}`,
    status: 'ok',
  });
}

/** Writes the input to a file (auto-detected by name unless ambiguous) and scans it. */
async function scanFile(b: Built, enc: Encoding, eng: Engine, forceFormat: boolean): Promise<{ run: CliRun; file: string }> {
  const file = fileName(b.format, enc.gzip);
  writeFileSync(path.join(tmp.dir, file), encode(b.text, enc));
  const fmt = forceFormat || (b.format === 'text' && b.ambiguous) ? ['--input-format', b.format] : [];
  const run = await runScan([file, ...fmt], { cwd: tmp.dir, engine: eng });
  return { run, file };
}

const RUNS = longRuns(runs(30));

describe.each<[Format, number]>([
  ['text', 20261124],
  ['jsonl', 4242],
  ['csv', 1789],
  ['json', 31337],
])('the %s reader counts exactly the injected codes', (format, seed) => {
  const input = INPUTS[format];

  it('from a plain file', async () => {
    await fc.assert(
      fc.asyncProperty(input, encodingArb(format), engine, fc.boolean(), async (b, enc0, eng, force) => {
        const enc = { ...enc0, gzip: false };
        const { run, file } = await scanFile(b, enc, eng, force);
        expect(observed(run)).toEqual(expected(b, file));
        fileRowOf(run, b, enc, file);
      }),
      { numRuns: RUNS, seed },
    );
  });

  it('from a gzip file', async () => {
    await fc.assert(
      fc.asyncProperty(input, encodingArb(format), engine, fc.boolean(), async (b, enc0, eng, force) => {
        const enc = { ...enc0, gzip: true };
        const { run, file } = await scanFile(b, enc, eng, force);
        expect(observed(run)).toEqual(expected(b, file));
        fileRowOf(run, b, enc, file);
      }),
      { numRuns: RUNS, seed: seed + 1 },
    );
  });

  it('from stdin, whatever the chunk boundaries', async () => {
    await fc.assert(
      fc.asyncProperty(input, encodingArb(format), engine, chunkSizes, async (b, enc, eng, sizes) => {
        const bytes = encode(b.text, enc);
        const run = await runScan(['-', '--input-format', format], { cwd: tmp.dir, stdin: chunks(bytes, sizes), engine: eng });
        expect(observed(run)).toEqual(expected(b, '(stdin)'));
        fileRowOf(run, b, enc, '(stdin)');
      }),
      { numRuns: RUNS, seed: seed + 2 },
    );
  });
});

// ------------------------------------------------------------------------------------------------
// Any bytes: no exception
// ------------------------------------------------------------------------------------------------

const anyFormat = fc.constantFrom('auto', 'text', 'jsonl', 'csv', 'json');

/** Valid inputs of every format, encoded, then damaged. */
const mutatedValid = fc
  .constantFrom<Format>('text', 'jsonl', 'csv', 'json')
  .chain((f) => fc.tuple(INPUTS[f], encodingArb(f)))
  .chain(([b, enc]) => fc.array(mutationArb, { minLength: 1, maxLength: 6 }).map((ms) => mutate(encode(b.text, enc), ms)));

const anyBytes = fc.oneof(
  fc.uint8Array({ maxLength: 1500 }).map((a) => Buffer.from(a)),
  // Random bytes behind the gzip magic: a corrupt gzip stream.
  fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.concat([Buffer.from([0x1f, 0x8b]), a])),
  mutatedValid,
);

/**
 * Exit 0, or 2 for an unreadable (gzip) input, and a report that adds up; a binary input (a NUL and a control
 * byte in it, so in the bytes given) is the only input, so nothing is scanned: exit 2 and no report, saying so.
 */
function expectSane(run: CliRun, wrapped: Buffer, bytes: Buffer): void {
  if (/^mxscan: nothing was scanned: every input was binary or could not be read$/m.test(run.err)) {
    expect([run.code, run.report]).toEqual([2, undefined]);
    expect(run.err).toMatch(/^mxscan: skipped [^\n]*: binary content \(NUL and control bytes in its first 8 KiB\)$/m);
    expect(bytes.includes(0) && bytes.some((c) => c < 0x20 && ![0, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1b].includes(c))).toBe(true);
    return;
  }
  expect(run.report, `stderr: ${run.err}`).toBeDefined();
  expectSaneReport(run.report!, wrapped);
  expect(run.code).toBe(run.report!.files[0]!.status === 'error' ? 2 : 0);
}

describe('any byte sequence through every reader', () => {
  it('gives exit 0 or 2 and a parseable report, from a file, plain or gzip-wrapped', async () => {
    await fc.assert(
      fc.asyncProperty(anyBytes, anyFormat, engine, fc.boolean(), async (bytes, fmt, eng, gz) => {
        const wrapped = gz ? gzipSync(bytes) : bytes;
        writeFileSync(path.join(tmp.dir, 'any.bin'), wrapped);
        const run = await runScan(['any.bin', '--input-format', fmt], { cwd: tmp.dir, engine: eng });
        expectSane(run, wrapped, bytes);
      }),
      { numRuns: longRuns(runs(80)), seed: 99 },
    );
  });

  it('gives exit 0 or 2 and a parseable report, from stdin in random chunks', async () => {
    await fc.assert(
      fc.asyncProperty(anyBytes, anyFormat, engine, fc.boolean(), chunkSizes, async (bytes, fmt, eng, gz, sizes) => {
        const wrapped = gz ? gzipSync(bytes) : bytes;
        const run = await runScan(['-', '--input-format', fmt], { cwd: tmp.dir, stdin: chunks(wrapped, sizes), engine: eng });
        expectSane(run, wrapped, bytes);
      }),
      { numRuns: longRuns(runs(60)), seed: 100 },
    );
  });
});

describe('a truncated gzip stream', () => {
  // What was read before the cut stays counted; the input is reported unreadable and the exit code is 2.
  it.each<Format>(['text', 'jsonl', 'csv', 'json'])('is an unreadable %s input: exit 2, and the cause on its file row', async (format) => {
    const [b] = fc.sample(INPUTS[format], { numRuns: 1, seed: 5 });
    const whole = gzipSync(Buffer.from(b!.text + '\n'.repeat(1000) + 'x '.repeat(5000), 'utf8'));
    const file = fileName(format, true);
    writeFileSync(path.join(tmp.dir, file), whole.subarray(0, Math.floor(whole.length * 0.8)));
    const run = await runScan([file], { cwd: tmp.dir });
    expect(run.code).toBe(2);
    expect(run.report!.totals.unreadableFiles).toBe(1);
    expect(run.report!.files[0]).toMatchObject({ path: file, format, compressed: true, status: 'error', message: 'gzip data is truncated (unexpected end of file)' });
  });
});

// ------------------------------------------------------------------------------------------------
// Found by the fuzz run: the two engines disagree
// ------------------------------------------------------------------------------------------------

describe('the engine and the oracle agree on edge cases the fuzz run found', () => {
  /** The report of the same bytes through the engine (`auto`) and the oracle (`stream`). */
  async function both(bytes: Buffer, args: string[]) {
    const auto = await runScan(['-', ...args], { cwd: tmp.dir, stdin: [bytes] });
    const stream = await runScan(['-', ...args], { cwd: tmp.dir, stdin: [bytes], engine: 'oracle' });
    return { auto: auto.report!, stream: stream.report! };
  }

  // Was a bug, found by the fuzz run: split2 dropped the `\r` of `\r\n` and readLines
  // one more, so the record readers read `x\r\r\n` as "x" where the fast path read "x\r".
  it('gives a line ending in \\r\\r\\n the same evidence text', async () => {
    for (const format of ['text', 'jsonl']) {
      const line = format === 'text' ? 'x store_in_ai_error' : '{"msg":"x store_in_ai_error"}';
      const { auto, stream } = await both(Buffer.from(line + '\r\r\n'), ['--input-format', format]);
      expect(stream.codes[0]!.samples).toEqual(auto.codes[0]!.samples);
    }
  });

  // --max-line-length limits the records held whole; the byte scanner holds no line, so it reads every
  // plain-text line whatever its length, and the oracle's record reader skips and counts it.
  it('reads a plain-text line longer than --max-line-length on the engine and skips it on the oracle', async () => {
    const bytes = Buffer.from(`short storage_error\n${'x'.repeat(200)} storage_error\nsmime_error\n`);
    const { auto, stream } = await both(bytes, ['--input-format', 'text', '--max-line-length', '100']);
    expect(countsOf(stream)).toEqual({ storage_error: 1, smime_error: 1 });
    expect(stream.totals.skippedLines).toBe(1);
    expect(countsOf(auto)).toEqual({ storage_error: 2, smime_error: 1 });
    expect(auto.totals.skippedLines).toBe(0);
  });
});

// ------------------------------------------------------------------------------------------------
// Found while probing the CSV reader: records csv-parse gives up on
// ------------------------------------------------------------------------------------------------

describe('CSV records the parser gives up on', () => {
  async function csv(text: string, args: string[] = []) {
    writeFileSync(path.join(tmp.dir, 'probe.csv'), text);
    const run = await runScan(['probe.csv', ...args], { cwd: tmp.dir });
    expect(run.code).toBe(0);
    const r = run.report!;
    return { records: r.totals.records, malformed: r.totals.malformedRecords, skipped: r.totals.skippedLines, counts: countsOf(r), samples: samplesOf(r) };
  }

  // Was a bug: csv-parse reports the unclosed record (a 'skip' event) while the rows before it are still
  // buffered, and csvRecords numbered it first: it got line 1 and every earlier row moved down one.
  it('gives an unclosed quote at the end its own line, and the rows before it theirs', async () => {
    expect(await csv('a,code,msg\n0,,execution_failed\n1,"unclosed storage_error\n')).toEqual({
      records: 2,
      malformed: 1,
      skipped: 0,
      counts: { execution_failed: 1, storage_error: 1 },
      samples: { execution_failed: ['probe.csv:2'], storage_error: ['probe.csv:3'] },
    });
  });

  // Was a bug: after a record longer than --max-line-length (CSV_MAX_RECORD_SIZE, skipped) no later row
  // was read: the rest of the file was silently lost instead of "skipped and counted".
  it('reads on after a record longer than --max-line-length', async () => {
    const text = `a,code,msg\n0,,execution_failed\n1,,${'y'.repeat(300)} storage_error\n2,smime_error,x\n3,,web_hook_moved\n`;
    expect(await csv(text, ['--max-line-length', '100'])).toEqual({
      records: 4,
      malformed: 0,
      skipped: 1,
      counts: { execution_failed: 1, smime_error: 1, web_hook_moved: 1 },
      samples: { execution_failed: ['probe.csv:2'], smime_error: ['probe.csv:4'], web_hook_moved: ['probe.csv:5'] },
    });
  });
});

describe('bytes that only begin a byte-order mark', () => {
  // Invalid UTF-8 at the start of a file is no BOM: the file stays UTF-8 and the code after it counts.
  it.each([[[0xff, 0x20]], [[0xfe, 0x20]], [[0xef, 0xbb, 0x20]], [[0xef, 0x20]], [[0xff, 0xff]]])('%j', async (prefix) => {
    writeFileSync(path.join(tmp.dir, 'prefix.log'), Buffer.concat([Buffer.from(prefix), Buffer.from(' storage_error\nsmime_error\n')]));
    const run = await runScan(['prefix.log'], { cwd: tmp.dir });
    expect(run.report!.files[0]).toMatchObject({ encoding: 'utf-8', format: 'text', records: 2 });
    expect(countsOf(run.report!)).toEqual({ storage_error: 1, smime_error: 1 });
  });
});

describe('format auto-detection', () => {
  // Was a bug: detectFormat read the head before bare-CR line ends became `\n`, so the first "line" of a
  // bare-CR JSON-lines file was the whole head, which does not parse: it was read as plain text and the
  // msg's storage_error counted although the record has a code field.
  it('takes a bare-CR file whose first line is a JSON object for JSON lines, as with LF or CRLF', async () => {
    for (const end of ['\n', '\r\n', '\r']) {
      const text = `{"code":"smime_error","msg":"storage_error"}${end}{"code":"web_hook_moved"}${end}`;
      writeFileSync(path.join(tmp.dir, 'detect.log'), text);
      const run = await runScan(['detect.log'], { cwd: tmp.dir });
      expect({ end, format: run.report!.files[0]!.format, counts: countsOf(run.report!) }).toEqual({
        end,
        format: 'jsonl',
        counts: { smime_error: 1, web_hook_moved: 1 },
      });
    }
  });
});
