import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonlFastScan } from '../src/fast/jsonl-scan.js';
import { TextFastScan } from '../src/fast/text-scan.js';
import { findTimestampIn } from '../src/extract/timestamp.js';
import { tallyFromJson, tallyToJson } from '../src/summary/partial.js';
import { joinRanges, type RangeTally } from '../src/summary/ranges.js';
import { mergeTally, newFileStat, newTally, type Tally } from '../src/summary/tally.js';
import { defaultMatcher, fastJsonl, fastTally, report } from './support/engines.js';
import { runs } from './support/runs.js';

const m = defaultMatcher();

const WORDS = ['storage_error', 'SMIME_ERROR', 'web_hook_moved', 'code=foo_bar', 'alice@example.com', 'bob@example.org', 'x', '-', ' '];
const stamp = fc.integer({ min: 0, max: 5000 }).map((k) => new Date(Date.UTC(2026, 2, 18) + k * 37_000).toISOString());
const textLine = fc
  .tuple(fc.option(stamp, { nil: undefined }), fc.array(fc.constantFrom(...WORDS), { maxLength: 6 }))
  .map(([t, w]) => (t === undefined ? '' : t + ' ') + w.join(' '));
const textLog = fc.array(textLine, { minLength: 1, maxLength: 60 }).map((lines) => lines.join('\n') + '\n');
const jsonLine = fc
  .tuple(fc.option(stamp, { nil: undefined }), fc.option(fc.constantFrom('storage_error', 'web_hook_moved', 'nope'), { nil: undefined }), fc.constantFrom('alice@example.com', 'see smime_error'))
  .map(([t, c, msg]) => JSON.stringify({ ...(t === undefined ? {} : { time: t }), ...(c === undefined ? {} : { code: c }), msg }));
const jsonLog = fc.array(jsonLine, { minLength: 1, maxLength: 60 }).map((lines) => lines.join('\n') + '\n');

/** Scans bytes cut into ranges at line starts, as workers do, and joins them. */
function scanInRanges(bytes: Buffer, cuts: number[], jsonl: boolean): Tally {
  const starts = [0];
  for (const c of cuts) {
    let nl = bytes.indexOf(0x0a, c % bytes.length);
    // Plain text is cut only before a line with a time of its own, where a record starts (src/parallel/plan.ts).
    while (!jsonl && nl !== -1 && findTimestampIn(bytes, nl + 1, Math.max(nl + 1, bytes.indexOf(0x0a, nl + 1))) === null) nl = bytes.indexOf(0x0a, nl + 1);
    if (nl !== -1 && nl + 1 < bytes.length && nl + 1 > starts[starts.length - 1]!) starts.push(nl + 1);
  }
  starts.sort((a, b) => a - b);
  const parts: RangeTally[] = starts.map((start, i) => {
    const end = starts[i + 1] ?? bytes.length;
    const t = newTally();
    const stat = newFileStat('a.log');
    t.files.set('a.log', stat);
    // A byte range's tally, as scanFile marks it: its codes keep their first and last for joinRanges.
    t.ranged = true;
    const scanner = jsonl ? new JsonlFastScan(t, stat, m, 1 << 20, start > 0) : new TextFastScan(t, stat, m, start > 0);
    scanner.push(bytes.subarray(start, end));
    scanner.end();
    // Through JSON, as a worker's result travels.
    const back = tallyFromJson(JSON.parse(JSON.stringify(tallyToJson(t))), 'test');
    if (t.inherit !== undefined) back.inherit = t.inherit;
    // The ranges after it are numbered on by its lines (a plain-text record may hold several).
    return { tally: back, records: scanner instanceof TextFastScan ? scanner.lineNo - 1 : stat.records, lastTime: stat.lastTime };
  });
  return joinRanges('a.log', parts);
}

describe('a file scanned in byte ranges gives the tally of one whole scan', () => {
  it('plain text', () => {
    fc.assert(
      fc.property(textLog, fc.array(fc.nat(), { maxLength: 5 }), (log, cuts) => {
        const bytes = Buffer.from(log);
        expect(report(scanInRanges(bytes, cuts, false), m)).toEqual(report(fastTally([bytes], m, 'a.log'), m));
      }),
      { numRuns: runs(300), seed: 31 },
    );
  });

  it('JSON lines', () => {
    fc.assert(
      fc.property(jsonLog, fc.array(fc.nat(), { maxLength: 5 }), (log, cuts) => {
        const bytes = Buffer.from(log);
        expect(report(scanInRanges(bytes, cuts, true), m)).toEqual(report(fastJsonl([bytes], m, 'a.log'), m));
      }),
      { numRuns: runs(300), seed: 32 },
    );
  });
});

describe('merging tallies', () => {
  const tallyOf = (logs: string[]): Tally => {
    const t = newTally();
    logs.forEach((log, i) => fastTally([Buffer.from(log)], m, `f${i}.log`, t));
    return t;
  };
  const part = fc.array(textLog, { minLength: 1, maxLength: 3 });

  it('is associative and commutative, and a JSON round trip changes nothing', () => {
    fc.assert(
      fc.property(part, part, part, (a, b, c) => {
        // Distinct file names per part, as separate inputs have.
        const ta = () => rename(tallyOf(a), 'a');
        const tb = () => rename(tallyOf(b), 'b');
        const tc = () => rename(tallyOf(c), 'c');
        const left = mergeTally(mergeTally(ta(), tb()), tc());
        const right = mergeTally(ta(), mergeTally(tb(), tc()));
        const swapped = mergeTally(mergeTally(tc(), ta()), tb());
        const roundTrip = tallyFromJson(JSON.parse(JSON.stringify(tallyToJson(left))), 'test');
        expect(report(right, m)).toEqual(report(left, m));
        expect(report(swapped, m)).toEqual(report(left, m));
        expect(report(roundTrip, m)).toEqual(report(left, m));
        expect(tallyToJson(roundTrip)).toEqual(tallyToJson(left));
      }),
      { numRuns: runs(150), seed: 33 },
    );
  });
});

/** The same tally with every file name prefixed (so parts do not share files). */
function rename(t: Tally, prefix: string): Tally {
  const j = JSON.parse(JSON.stringify(tallyToJson(t)).replace(/"f(\d+)\.log"/g, `"${prefix}$1.log"`));
  return tallyFromJson(j, 'test');
}
