/**
 * The CSV kernel's limits (src/wasm/csv.ts): the records it leaves to the caller fill its notes and it goes
 * on after them in the same buffer; its minute buckets fill up; a record, and a quoted line break, cut
 * between two chunks; a time column whose value is not its bytes (the kernel stops before that record).
 * Counts are worked out by hand; the whole report must also equal the record reader's.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { CsvFastScan } from '../src/fast/csv-scan.js';
import type { Tally } from '../src/summary/tally.js';
import { chunked, defaultMatcher, report } from './support/engines.js';
import { fastCsv, handCounted, referenceStructured } from './support/structured.js';

const m = defaultMatcher();

/** The record reader's report, then the fast path's with the given chunkings (none: one chunk). */
async function reports(text: string, cuts: readonly (readonly number[])[] = []): Promise<unknown[]> {
  const bytes = Buffer.from(text, 'utf8');
  const tallies: Tally[] = [await referenceStructured('csv', [bytes], m), fastCsv([bytes], m), ...cuts.map((c) => fastCsv(chunked(bytes, c), m))];
  return tallies.map((t) => handCounted(report(t, m), null));
}

const at = (minutes: number): string => new Date(Date.UTC(2026, 2, 18, 10) + minutes * 60_000).toISOString().replace('.000Z', 'Z');

describe('the CSV kernel at its limits', () => {
  it('leaves more records than its notes hold in one buffer, and goes on after them', async () => {
    // 5,000 rows at 10:00: every tenth has storage_error (500), the others the unknown value quota_warning
    // (4,500, more than the 4,096 notes one call holds); accounts u0..u6@x.io.
    let text = 'time,code,msg,account\n';
    for (let i = 0; i < 5000; i++) text += `${at(0)},${i % 10 === 0 ? 'storage_error' : 'quota_warning'},row ${i},u${i % 7}@x.io\n`;
    const [ref, ...fast] = await reports(text, [[65536, 100000]]);
    expect(ref).toMatchObject({
      codes: { storage_error: [500, '2026-03-18T10:00:00.000Z', expect.anything(), 7] },
      unknown: { quota_warning: [4500, expect.anything()] },
      records: 5000,
      malformed: 0,
      range: ['2026-03-18T10:00:00.000Z', '2026-03-18T10:00:00.000Z'],
    });
    for (const f of fast) expect(f).toEqual(ref);
  });

  it('leaves the caller a file\'s first rows with a code only until the code has its evidence, not a whole buffer of them', async () => {
    // 4,000 rows, every other one with storage_error (2,000), in one buffer: the first three give its
    // evidence (MAX_SAMPLES); a call leaves the caller a few rows whose code awaits it (EVIDENCE_BATCH in
    // src/wasm/counting.ts), so the kernel counts the rest itself.
    let text = 'time,code,msg\n';
    for (let i = 0; i < 4000; i++) text += `${at(i % 60)},${i % 2 === 0 ? 'storage_error' : 'ok'},row ${i}\n`;
    const read = vi.spyOn(CsvFastScan.prototype, 'record');
    try {
      const [ref, fast] = await reports(text);
      expect(ref).toMatchObject({ codes: { storage_error: [2000, '2026-03-18T10:00:00.000Z', expect.anything(), 0] }, records: 4000 });
      expect(fast).toEqual(ref);
      // The header, then the rows left by the first call (the reference reader's calls are its own): a few
      // dozen, where room for thousands of notes left it all 2,000.
      expect(read.mock.calls.length).toBeLessThan(100);
    } finally {
      read.mockRestore();
    }
  });

  it('counts the rows of an unknown code value in the kernel once its evidence is taken, in any case, trimmed ones here', async () => {
    // 40 rows of quota_warning (any case, 4 of them with blanks around it: read here), 3 of the non-ASCII
    // stórage_x (read here), and 7 of storage_error between them.
    let text = 'time,code,msg\n';
    const values = ['quota_warning', 'Quota_Warning', 'QUOTA_WARNING', '" quota_warning "', 'stórage_x'];
    let n = 0;
    for (let i = 0; i < 50; i++) {
      const v = i % 7 === 3 ? 'storage_error' : i < 36 ? values[i % 3]! : i < 40 ? values[3]! : i < 43 ? values[4]! : values[0]!;
      if (v === 'storage_error') n++;
      text += `${at(i)},${v},row ${i}\n`;
    }
    const [ref, ...fast] = await reports(text, [[40], [200, 7], [1 << 20]]);
    expect(n).toBe(7);
    expect(ref).toMatchObject({
      codes: { storage_error: [7, '2026-03-18T10:03:00.000Z', expect.anything(), 0] },
      unknown: { quota_warning: [40, expect.anything()], stórage_x: [3, expect.anything()] },
      records: 50,
    });
    for (const f of fast) expect(f).toEqual(ref);
  });

  it('leaves the rows of unknown values past the 64 it counts to the caller', async () => {
    // 70 unknown values, each in 4 rows; the first three rounds (a 10-byte header, then 10 rows of 29 bytes
    // and 60 of 30 a round: 6,280 bytes) in one chunk, the fourth in the next.
    let text = 'time,code\n';
    for (let round = 0; round < 4; round++) for (let v = 0; v < 70; v++) text += `${at(round)},value_${v}\n`;
    expect(text.indexOf(`${at(3)},value_0`)).toBe(6280);
    const [ref, ...fast] = await reports(text, [[6280, 1 << 20], [1]]);
    expect(ref).toMatchObject({ unknown: { value_0: [4, expect.anything()], value_69: [4, expect.anything()] }, records: 280 });
    expect(Object.keys((ref as { unknown: object }).unknown)).toHaveLength(70);
    for (const f of fast) expect(f).toEqual(ref);
  });

  it('reads rows wider than the 64 fields it keeps, and leaves a code column past them to the caller', async () => {
    // 70 columns: c0..c69; the code in column 3 (kept) or, with --code-field c66, in column 66 (not kept).
    const header = Array.from({ length: 70 }, (_, i) => (i === 0 ? 'time' : i === 3 ? 'code' : `c${i}`)).join(',');
    const row = (i: number, code: string): string => Array.from({ length: 70 }, (_, k) => (k === 0 ? at(i) : k === 3 || k === 66 ? code : 'x')).join(',');
    let text = header + '\n';
    for (let i = 0; i < 10; i++) text += row(i, 'storage_error') + '\n';
    text += row(10, 'storage_error').slice(0, -2) + '\n'; // 69 fields: malformed, storage_error in its text
    const expected = { codes: { storage_error: [11, '2026-03-18T10:00:00.000Z', expect.anything(), 0] }, records: 11, malformed: 1 };
    const [ref, ...fast] = await reports(text, [[1 << 20], [100]]);
    expect(ref).toMatchObject(expected);
    for (const f of fast) expect(f).toEqual(ref);
    const bytes = Buffer.from(text);
    const far = { codeField: 'c66' };
    const farRef = handCounted(report(await referenceStructured('csv', [bytes], m, far), m), null);
    expect(farRef).toMatchObject(expected);
    expect(handCounted(report(fastCsv([bytes], m, far), m), null)).toEqual(farRef);
  });

  it('counts a steady code here until its minute buckets fill, then leaves the rest to the caller', async () => {
    // 3,000 rows a minute apart (each finishes a minute and starts one: two of the 4,096 bucket entries); the
    // first chunk's rows make the code steady (its first three give evidence), the kernel counts the next.
    let text = 'time,code\n';
    for (let i = 0; i < 3000; i++) text += `${at(i)},storage_error\n`;
    const [ref, ...fast] = await reports(text, [[200, 1 << 20]]);
    // 10:00 + 2,999 minutes = 2026-03-20 11:59.
    expect(ref).toMatchObject({
      codes: { storage_error: [3000, '2026-03-18T10:00:00.000Z', expect.anything(), 0] },
      records: 3000,
      range: ['2026-03-18T10:00:00.000Z', '2026-03-20T11:59:00.000Z'],
    });
    for (const f of fast) expect(f).toEqual(ref);
  });

  it('reads a record and a quoted line break cut between chunks, wherever the cut falls', async () => {
    const rows = [
      'time,code,msg\r\n', // 1 header
      '2026-03-18T10:00:00Z,,"first line\r\nsmime_error on the second\nand a third"\r\n', // 2-4 smime_error in the text
      '2026-03-18T10:01:00Z,web_hook_moved,"a ""quoted"", line\nstorage_error"\n', // 5-6 web_hook_moved only
      ',storage_error,"no time: 10:01 inherited"\n', // 7 storage_error
    ];
    // Five times over (six lines each): the codes past their third occurrence are counted in the kernel.
    const text = rows[0]! + rows.slice(1).join('').repeat(5);
    const [ref, ...fast] = await reports(text, [[1], [2], [3], [5], [7], [11], [13], [17], [40, 3]]);
    expect(ref).toMatchObject({
      codes: {
        smime_error: [5, '2026-03-18T10:00:00.000Z', expect.anything(), 0],
        web_hook_moved: [5, '2026-03-18T10:01:00.000Z', expect.anything(), 0],
        storage_error: [5, '2026-03-18T10:01:00.000Z', expect.anything(), 0],
      },
      unknown: {},
      records: 15,
      malformed: 0,
      skipped: 0,
      range: ['2026-03-18T10:00:00.000Z', '2026-03-18T10:01:00.000Z'],
    });
    for (const f of fast) expect(f).toEqual(ref);
  });

  it('reads the own time of a row without findings only when a later row or the end of the file needs it', async () => {
    // Line 2 gives the file's first time; lines 3-102 (100 rows, more than the 64 the kernel keeps unread)
    // hold no code; line 103 has no time of its own and takes line 102's (10:00 + 100 min); lines 104-108
    // hold no code, the last time 10:00 + 204 min at line 107, none at line 108.
    let text = 'time,code,msg\n' + `${at(0)},storage_error,a\n`;
    for (let i = 1; i <= 100; i++) text += `${at(i)},,plain\n`;
    text += ',web_hook_moved,x\n';
    for (let i = 201; i <= 204; i++) text += `${at(i)},,plain\n`;
    text += ',,no time\n';
    const expected = {
      codes: {
        storage_error: [1, '2026-03-18T10:00:00.000Z', [2], 0],
        web_hook_moved: [1, '2026-03-18T11:40:00.000Z', [103], 0],
      },
      unknown: {},
      records: 107,
      malformed: 0,
      skipped: 0,
      range: ['2026-03-18T10:00:00.000Z', '2026-03-18T13:24:00.000Z'],
    };
    for (const r of await reports(text, [[1000], [37, 5]])) expect(r).toEqual(expected);
  });

  it('stops before a row whose time column holds a doubled quote, and goes on after it', async () => {
    const text = [
      'time,code,msg\n', // 1 header
      '2026-03-18T10:00:00Z,storage_error,a\n', // 2 10:00
      '"2026-03-18T10:30:00Z""",smime_error,b\n', // 3 the value as a whole is no time: the first date-time in it, 10:30
      ',web_hook_moved,c\n', // 4 no value, and no date-time in its text: inherits 10:30
      '"-",execution_failed,"2026-03-18T10:45:00Z"\n', // 5 a placeholder is no value: the text's date-time, 10:45
      'soon,connection_error_max_retry,"at 2026-03-18T11:00:00Z"\n', // 6 a word says nothing: the text's date-time, 11:00
      '2026-13-01 soon,task_finished_with_error,"at 2026-03-18T11:30:00Z"\n', // 7 a date that is no time: none of its own (not 11:30), inherits 11:00
    ].join('');
    const expected = {
      codes: {
        storage_error: [1, '2026-03-18T10:00:00.000Z', [2], 0],
        smime_error: [1, '2026-03-18T10:30:00.000Z', [3], 0],
        web_hook_moved: [1, '2026-03-18T10:30:00.000Z', [4], 0],
        execution_failed: [1, '2026-03-18T10:45:00.000Z', [5], 0],
        connection_error_max_retry: [1, '2026-03-18T11:00:00.000Z', [6], 0],
        task_finished_with_error: [1, '2026-03-18T11:00:00.000Z', [7], 0],
      },
      unknown: {},
      records: 6,
      malformed: 0,
      skipped: 0,
      range: ['2026-03-18T10:00:00.000Z', '2026-03-18T11:00:00.000Z'],
    };
    for (const r of await reports(text, [[1], [20]])) expect(r).toEqual(expected);
  });
});

const CODES = ['storage_error', 'smime_error', 'web_hook_moved', 'quota_warning', ''];
const MSGS = ['ok', 'see storage_error', '"two\nlines smime_error"', '"x, ""y"" web_hook_moved"', 'error_code: zip_zap', 'u@x.io'];

describe('the CSV kernel and the record reader agree', () => {
  it('on files long enough for codes to be counted in the kernel, whatever the chunk sizes', async () => {
    const row = fc.record({ minute: fc.option(fc.nat({ max: 90 }), { freq: 5 }), code: fc.constantFrom(...CODES), msg: fc.constantFrom(...MSGS), end: fc.constantFrom('\n', '\r\n') });
    const file = fc.array(row, { minLength: 1, maxLength: 80 }).map((rows) =>
      Buffer.from('time,code,msg,account\n' + rows.map((r) => `${r.minute === null ? '' : at(r.minute)},${r.code},${r.msg},a${r.minute ?? 0}@x.io${r.end}`).join('')),
    );
    const sizes = fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(file, sizes, async (bytes, cut) => {
        const ref = await referenceStructured('csv', [bytes], m);
        expect(report(fastCsv(chunked(bytes, cut), m), m)).toEqual(report(ref, m));
      }),
      { numRuns: 150, seed: 4180 },
    );
  });

  it('on time columns that hold no time, another value or none, beside date-times in the text', async () => {
    // A value with an ASCII letter or digit is where the row's time is (in it, or none); `-`, `—` and
    // nothing leave it to the text.
    const times = ['soon', '-', '—', '', '"x 2026-03-18T09:30:00Z"', '2026-03-18 09:45:00 UTC', '"2026-03-18T11:00:00Z"""', '1773828000', at(5), 'NULL', ' n/A ', 'None', 'nulls', '12ms', '1.5 s', '00:03:12', '9:15 PM', '10:15:00.5', '12msec', '1:2:3'];
    const msgs = [...MSGS, 'at 2026-03-18T12:00:00Z storage_error', '"2026-03-18T13:00:00Z, smime_error"'];
    const row = fc.record({ time: fc.constantFrom(...times), code: fc.constantFrom(...CODES), msg: fc.constantFrom(...msgs), end: fc.constantFrom('\n', '\r\n') });
    const file = fc.array(row, { minLength: 1, maxLength: 80 }).map((rows) => Buffer.from('time,code,msg\n' + rows.map((r) => `${r.time},${r.code},${r.msg}${r.end}`).join('')));
    const sizes = fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(file, sizes, async (bytes, cut) => {
        const ref = await referenceStructured('csv', [bytes], m);
        expect(report(fastCsv(chunked(bytes, cut), m), m)).toEqual(report(ref, m));
      }),
      { numRuns: 150, seed: 4181 },
    );
  });

  it('on a date column and a time-of-day column, read together', async () => {
    const dates = ['2026-03-18', '3/18/2026', '18.03.2026', ' 2026-03-18 ', '', '-', 'soon', '"2026-03-18"', '"2026-03-18"""', '2026-03-18T10:00:00Z'];
    const clocks = ['10:15:00', '9:15:02 AM', '10:15', '10:15:00.250', '', '-', 'later', '"10:20:00"', '2026-03-18T10:30:00Z', '25:00:00', '09:00-10:00', '10:15 +02:00', '1:2'];
    const msgs = [...MSGS, 'at 2026-03-18T12:00:00Z storage_error'];
    const row = fc.record({ date: fc.constantFrom(...dates), clock: fc.constantFrom(...clocks), code: fc.constantFrom(...CODES), msg: fc.constantFrom(...msgs), end: fc.constantFrom('\n', '\r\n') });
    const head = fc.constantFrom('Date,Time,code,msg', 'time,code,msg,date');
    const file = fc
      .tuple(head, fc.array(row, { minLength: 1, maxLength: 60 }))
      .map(([h, rows]) => Buffer.from(h + '\n' + rows.map((r) => (h.startsWith('Date') ? `${r.date},${r.clock},${r.code},${r.msg}` : `${r.clock},${r.code},${r.msg},${r.date}`) + r.end).join('')));
    const sizes = fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(file, sizes, async (bytes, cut) => {
        const ref = await referenceStructured('csv', [bytes], m);
        expect(report(fastCsv(chunked(bytes, cut), m), m)).toEqual(report(ref, m));
      }),
      { numRuns: 150, seed: 4182 },
    );
  });
  it('on rows without a time column, and rows wider or narrower than the header: the first value that is a time', async () => {
    const values = ['4/7/2026 9:14:02 AM', '"Apr 7, 2026 @ 09:14:02.113"', '07.04.2026 10:40', 'hello', '"x ""2026-04-07T09:00:00Z"""', '"see 2026-04-07T11:00:00Z"', '2026-04-07', '', 'NULL', '1775553242'];
    const row = fc.record({
      cells: fc.array(fc.constantFrom(...values), { minLength: 1, maxLength: 5 }),
      code: fc.constantFrom(...CODES),
      end: fc.constantFrom('\n', '\r\n'),
    });
    const file = fc.array(row, { minLength: 1, maxLength: 60 }).map((rows) => Buffer.from('Sender,Received,Subject,code\n' + rows.map((r) => [...r.cells, r.code].join(',') + r.end).join('')));
    const sizes = fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(file, sizes, async (bytes, cut) => {
        const ref = await referenceStructured('csv', [bytes], m);
        expect(report(fastCsv(chunked(bytes, cut), m), m)).toEqual(report(ref, m));
      }),
      { numRuns: 150, seed: 4183 },
    );
  });
});
