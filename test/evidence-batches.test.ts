/**
 * A scan call of the kernel hands JavaScript only a few lines (or rows) whose codes still await their
 * evidence before it returns (EVIDENCE_BATCH in src/wasm/counting.ts): JavaScript takes a code's first ones
 * as evidence, and the kernel counts the code itself from then on (setSteady). Without the bound a file's
 * first MiB went to JavaScript, every line with a code. The counts are the record readers' either way, and
 * with --accounts (where no code is ever counted in the kernel) every line is JavaScript's, as before.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LineFindings } from '../src/fast/line-findings.js';
import { newTally } from '../src/summary/tally.js';
import { defaultMatcher, expectSameTally, fastJsonl, fastTally, referenceJsonl, referenceTally } from './support/engines.js';
import { fastCsv, referenceStructured } from './support/structured.js';

const m = defaultMatcher();
// 4,000 records in one chunk, every other one with storage_error (2,000) for one of seven accounts, a minute apart.
const N = 4000;
const at = (i: number): string => new Date(Date.UTC(2026, 2, 18, 10) + i * 60_000).toISOString();
const text = Buffer.from(Array.from({ length: N }, (_, i) => `${at(i)} ${i % 2 === 0 ? 'storage_error' : 'synced'} for u${i % 7}@x.io\n`).join(''));
const jsonl = Buffer.from(Array.from({ length: N }, (_, i) => `${JSON.stringify({ time: at(i), msg: `${i % 2 === 0 ? 'storage_error' : 'synced'} for u${i % 7}@x.io` })}\n`).join(''));
// 40 lines of the catalog's first code, then 1,960 lines of four others in turn: the codes of each line
// written out are what decide (not the words after them, left over from a call before: index 0 when zero).
const CODES = ['smime_error', 'execution_failed', 'web_hook_moved', 'store_in_ai_error'];
const FIRST = m.catalog.entries[0]!.code;
const turns = Buffer.from(Array.from({ length: 2000 }, (_, i) => `${at(i)} ${i < 40 ? FIRST : CODES[i % 4]} for u${i % 7}@x.io\n`).join(''));
const csv = Buffer.from('time,msg\n' + Array.from({ length: N }, (_, i) => `${at(i)},${i % 2 === 0 ? 'storage_error' : 'synced'} for u${i % 7}@x.io\n`).join(''));

/** The lines JavaScript counted (LineFindings.finish: once per line or row with findings it reads). */
function finished(): { calls: () => number } {
  const spy = vi.spyOn(LineFindings.prototype, 'finish');
  return { calls: () => spy.mock.calls.length };
}

afterEach(() => vi.restoreAllMocks());

describe('a scan call hands JavaScript few lines whose codes await their evidence', () => {
  it.each([
    ['plain text', () => referenceTally([text], m), () => fastTally([text], m)],
    ['plain text, the codes in turn', () => referenceTally([turns], m), () => fastTally([turns], m)],
    ['JSON lines', () => referenceJsonl([jsonl], m), () => fastJsonl([jsonl], m)],
    ['CSV', () => referenceStructured('csv', [csv], m), () => fastCsv([csv], m)],
  ] as const)('%s: a few dozen of the 2,000 lines with codes, the same counts', async (_kind, reference, scan) => {
    const ref = await reference();
    const seen = finished();
    const fast = scan();
    expect(seen.calls()).toBeLessThan(100);
    expectSameTally(fast, ref, m);
    expect([...fast.codes.values()].reduce((n, c) => n + c.count, 0)).toBe(2000);
  });

  it('with --accounts every line with a code is JavaScript\'s, whatever the calls', async () => {
    const listing = () => newTally(true);
    const ref = await referenceTally([text], m, 'a.log', listing());
    const seen = finished();
    const fast = fastTally([text], m, 'a.log', listing());
    expect(seen.calls()).toBe(2000);
    expectSameTally(fast, ref, m);
  });
});
