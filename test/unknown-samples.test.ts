/**
 * Unknown codes keep their first three occurrences by place as evidence. The engine makes an unknown
 * code's evidence only while it can still be kept (see LineFindings.wantsUnknownSample): the report must
 * be the oracle's, in every format and job mode, with an unknown code met far more than three times.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultMatcher, expectSameTally, fastJsonl, referenceJsonl } from './support/engines.js';
import { scanJson, tempDir } from './support/postmortem-cli.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts; src/scan.ts is mocked
// by the setup file of the project these tests run in, test/support/oracle-mock.ts).

const temp = tempDir();
afterAll(() => temp.remove());

const dir = path.join(temp.dir, 'unknown');
mkdirSync(dir, { recursive: true });
// b.log: eight lines of text, box_melted on lines 2, 3, 5, 6 and 8 (BOX_MELTED on 6, one spelling case-insensitively).
const TEXT = ['ok', 'ERROR code=box_melted one', 'ERROR code=box_melted two', 'ok', 'ERROR code=box_melted three', 'ERROR code=BOX_MELTED four', 'ok', 'ERROR code=box_melted five'];
writeFileSync(path.join(dir, 'b.log'), TEXT.join('\n') + '\n');
// c.jsonl: six events, a code field box_melted on lines 1, 2, 4, 5 and 6; line 3 has none, and code=box_melted in its text.
const EVENTS = [1, 2, 3, 4, 5, 6].map((n) =>
  JSON.stringify(n === 3 ? { msg: `retry code=box_melted ${n}`, n } : { code: 'box_melted', msg: `event ${n}`, n }),
);
writeFileSync(path.join(dir, 'c.jsonl'), EVENTS.join('\n') + '\n');
// a.csv: a code column, box_melted on rows 2 to 5 (lines 3 to 6 with the header).
const CSV = ['time,code,msg', ...[1, 2, 3, 4, 5].map((n) => `2026-04-07T09:0${n}:00Z,${n === 1 ? 'storage_error' : 'box_melted'},row ${n}`)];
writeFileSync(path.join(dir, 'a.csv'), CSV.join('\n') + '\n');

describe('unknown codes: evidence from their first three occurrences, made only while it can be kept', () => {
  it.each([
    [[], 'engine'],
    [['--jobs', '2'], 'engine'],
    [[], 'oracle'],
  ] as const)('%j %s', async (flags, engine) => {
    const { report } = await scanJson(['.', ...flags], { cwd: dir, engine });
    const u = report.unknownCodes.find((c) => c.code.toLowerCase() === 'box_melted')!;
    // a.csv 4 rows, b.log 5 lines, c.jsonl 6 lines (5 code fields, one in a message).
    expect(u.count).toBe(15);
    expect(u.files).toBe(3);
    // The first three by file, then line: a.csv's rows on lines 3, 4 and 5.
    expect(u.samples.map((s) => [s.file, s.line])).toEqual([
      ['a.csv', 3],
      ['a.csv', 4],
      ['a.csv', 5],
    ]);
  });

  it('takes a file scanned alone to its own first three, in text and JSON lines', async () => {
    const text = (await scanJson(['b.log'], { cwd: dir })).report.unknownCodes[0]!;
    expect([text.count, text.samples.map((s) => s.line)]).toEqual([5, [2, 3, 5]]);
    expect(text.samples.map((s) => s.text)).toEqual([TEXT[1], TEXT[2], TEXT[4]]);
    const events = (await scanJson(['c.jsonl'], { cwd: dir })).report.unknownCodes[0]!;
    expect([events.count, events.samples.map((s) => s.line)]).toEqual([6, [1, 2, 3]]);
    expect(events.samples.map((s) => s.text)).toEqual([EVENTS[0], EVENTS[1], EVENTS[2]]);
  });
});

describe('unknown codes read through JSON.parse (a key the kernel cannot read alone)', () => {
  it('keep their first three occurrences as evidence, as the record-by-record reference does', async () => {
    const m = defaultMatcher();
    // Five events whose key `code` is written with an escape (`co\u0064e`): JSON.parse reads them. Lines 1 to 5.
    const bytes = Buffer.from([1, 2, 3, 4, 5].map((n) => `{"n":${n},"co\\u0064e":"box_melted"}`).join('\n') + '\n');
    const fast = fastJsonl([bytes], m);
    const u = fast.unknown.get('box_melted')!;
    expect([u.count, u.samples.map((s) => s.line)]).toEqual([5, [1, 2, 3]]);
    expectSameTally(fast, await referenceJsonl([bytes], m), m);
  });
});
