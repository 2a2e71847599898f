/**
 * The JSON-array fast path and the record reader on small arrays whose counts are worked out by hand:
 * both must give them, in any chunking.
 */
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../src/catalog/catalog.js';
import type { FieldOptions } from '../src/extract/record.js';
import { Kind, LineFields, Type } from '../src/fast/json-line.js';
import { validateBytes } from '../src/fast/kernel-pool.js';
import { fastPathApplies, fileSettings } from '../src/scan.js';
import type { Tally } from '../src/summary/tally.js';
import type { TimeWindow } from '../src/summary/window.js';
import { chunked, defaultMatcher, generalMatcher, report } from './support/engines.js';
import { fastJsonArray, handCounted, referenceStructured } from './support/structured.js';

const m = defaultMatcher();

/** Both paths (the fast one whole and in 3-byte chunks): code → [count, first seen, sample lines, accounts], totals. */
async function both(text: string, max?: number, window: TimeWindow | null = null, fields: FieldOptions = {}): Promise<unknown[]> {
  const bytes = Buffer.from(text, 'utf8');
  const tallies: Tally[] = [
    await referenceStructured('json', [bytes], m, fields, max, window),
    fastJsonArray([bytes], m, max, window, fields),
    fastJsonArray(chunked(bytes, [3]), m, max, window, fields),
  ];
  return tallies.map((t) => handCounted(report(t, m), window));
}

describe('JSON arrays counted by hand, on the fast path and the record reader', () => {
  it('counts pretty-printed and compact elements, several on one line, brackets in strings and a malformed one', async () => {
    const text = [
      '[', // 1
      '  {', // 2 an element over four lines: its code field only (not the smime_error in msg)
      '    "time": "2026-03-18T10:00:00Z", "code": "storage_error",', // 3
      '    "msg": "see smime_error"', // 4
      '  },', // 5
      '  {"msg": "smime_error and web_hook_moved, brackets ] [ in text"},', // 6 no code field: two codes, time 10:00 inherited
      '  {"code": "Quota_Unknown_Code"}, {"msg": "smime_error again"},', // 7 two elements: an unknown value; smime_error
      '  {"code": "web_hook_moved", "time": "2026-03-18T10:05:00Z", "account": "Bob@X.io"},', // 8
      '  {"broken": storage_error}', // 9 malformed: read as text
      ']', // 10
    ].join('\n');
    const expected = {
      codes: {
        storage_error: [2, '2026-03-18T10:00:00.000Z', [2, 9], 0],
        smime_error: [2, '2026-03-18T10:00:00.000Z', [6, 7], 0],
        web_hook_moved: [2, '2026-03-18T10:00:00.000Z', [6, 8], 1],
      },
      unknown: { Quota_Unknown_Code: [1, [7]] },
      records: 6,
      malformed: 1,
      skipped: 0,
      range: ['2026-03-18T10:00:00.000Z', '2026-03-18T10:05:00.000Z'],
    };
    expect(await both(text)).toEqual([expected, expected, expected]);
  });

  it('finds an element\'s `_` words in its strings wherever they are: nested, in a key, after an escape, past 32 strings with a `_`', async () => {
    // The validators note the strings that hold a `_` and the words are read from those alone (objectWords);
    // an element with more than they keep is read whole (lineWords). No element has a code field.
    const many = Array.from({ length: 40 }, (_, k) => `"key_${k}": "value_${k}"`).join(', ');
    const text = [
      '[', // 1
      '  {', // 2 nested three deep: smime_error in a label
      '    "time": "2026-03-18T10:00:00Z",', // 3
      '    "resource": {"labels": {"state": "smime_error", "pod_name": "m2c-1"}, "type": "k8s_container"}', // 4
      '  },', // 5
      '  {"storage_error": {"retry_count": 2}, "msg": "plain"},', // 6 a key that is a code, nested
      '  {"payload": {"msg": "line one\\nweb_hook_moved\\tand \\"execution_failed\\""}},', // 7 after escapes
      '  {"storage_error" : 1, "other" : {"x" : "smime_error"}},', // 8 spaced keys
      `  {${many}, "tail": {"msg": "execution_failed"}}`, // 9 past 32 strings with a `_`
      ']', // 10
    ].join('\n');
    const expected = {
      codes: {
        smime_error: [2, '2026-03-18T10:00:00.000Z', [2, 8], 0],
        storage_error: [2, '2026-03-18T10:00:00.000Z', [6, 8], 0],
        web_hook_moved: [1, '2026-03-18T10:00:00.000Z', [7], 0],
        execution_failed: [2, '2026-03-18T10:00:00.000Z', [7, 9], 0],
      },
      unknown: {},
      records: 5,
      malformed: 0,
      skipped: 0,
      range: ['2026-03-18T10:00:00.000Z', '2026-03-18T10:00:00.000Z'],
    };
    expect(await both(text)).toEqual([expected, expected, expected]);
  });

  it('counts every element of a one-line array, each its own record', async () => {
    const text = '[' + Array.from({ length: 100 }, () => '{"msg":"storage_error"}').join(',') + ']';
    const expected = { codes: { storage_error: [100, null, [1, 1, 1], 0] }, unknown: {}, records: 100, malformed: 0, skipped: 0, range: [null, null] };
    expect(await both(text)).toEqual([expected, expected, expected]);
  });

  it('splits a broken object after an array where the whole input would, in any chunking', async () => {
    // `""` is an empty key, then `code"` and no `:`: the object ends where its quotes and brackets say, the rest
    // of its line is a line of text: two malformed records, read whole or in chunks.
    const text = '[]\n{""code":[{"code":["{\\"code\\":\\"smime_error\\"}"]}]}\n';
    const bytes = Buffer.from(text);
    const whole = report(await referenceStructured('json', [bytes], m), m).totals;
    expect([whole.records, whole.malformedRecords]).toEqual([2, 2]);
    for (const size of [1, 2, 3, 5, 8, 13]) {
      const t = report(fastJsonArray(chunked(bytes, [size]), m), m).totals;
      expect([t.records, t.malformedRecords], `chunks of ${size}`).toEqual([2, 2]);
    }
  });

  it('skips an over-long element and reads the next; reads input that is no array as JSON lines', async () => {
    // limit 40: the first element is 83 bytes, the second 22
    const long = `[{"code":"storage_error","msg":"${'x'.repeat(50)}"},{"code":"smime_error"}]`;
    const one = { codes: { smime_error: [1, null, [1], 0] }, unknown: {}, records: 2, malformed: 0, skipped: 1, range: [null, null] };
    expect(await both(long, 40)).toEqual([one, one, one]);
    const lines = '\n{"code":"smime_error"}\n{"code":"smime_error","time":"2026-03-18T10:00:00Z"}\n';
    // evidence in time order: line 3 (10:00) before line 2, which has no time
    const two = { codes: { smime_error: [2, '2026-03-18T10:00:00.000Z', [3, 2], 0] }, unknown: {}, records: 3, malformed: 0, skipped: 0, range: ['2026-03-18T10:00:00.000Z', '2026-03-18T10:00:00.000Z'] };
    expect(await both(lines)).toEqual([two, two, two]);
  });

  it('counts only the elements inside a window, their time own or inherited; a malformed one outside still counts as malformed', async () => {
    const text = [
      '[', // 1
      '{"time":"2026-03-18T10:00:00Z","code":"storage_error"},', // 2 10:00: before the window
      '{"time":"2026-03-18T10:05:00Z","code":"smime_error"},', // 3 10:05: inside (since is inclusive)
      '{"code":"web_hook_moved"},', // 4 inherits 10:05: inside
      '{"time":"2026-03-18T10:20:00Z","msg":"storage_error"},', // 5 10:20: outside (until is exclusive)
      '{"code": broken},', // 6 malformed, inherits 10:20: outside
      '{"msg":"at 2026-03-18T10:10:00Z smime_error"}', // 7 10:10 from its text: inside
      ']',
    ].join('\n');
    const expected = {
      codes: {
        smime_error: [2, '2026-03-18T10:05:00.000Z', [3, 7], 0],
        web_hook_moved: [1, '2026-03-18T10:05:00.000Z', [4], 0],
      },
      unknown: {},
      records: 6,
      malformed: 1,
      skipped: 0,
      range: ['2026-03-18T10:05:00.000Z', '2026-03-18T10:10:00.000Z'],
      outside: 3,
    };
    const window = { since: Date.UTC(2026, 2, 18, 10, 5), until: Date.UTC(2026, 2, 18, 10, 20) };
    expect(await both(text, undefined, window)).toEqual([expected, expected, expected]);
  });

  it('reads the code and time from --code-field and --time-field, and nothing from the default fields', async () => {
    const text = [
      '[{"at":"2026-03-18T10:00:00Z","kind":"storage_error","code":"smime_error"},', // 1 storage_error only, at 10:00
      '{"at":"2026-03-18T11:00:00Z","kind":"nope_code","time":"2026-03-18T12:00:00Z"}]', // 2 an unknown value, at 11:00
    ].join('\n');
    const expected = {
      codes: { storage_error: [1, '2026-03-18T10:00:00.000Z', [1], 0] },
      unknown: { nope_code: [1, [2]] },
      records: 2,
      malformed: 0,
      skipped: 0,
      range: ['2026-03-18T10:00:00.000Z', '2026-03-18T11:00:00.000Z'],
    };
    expect(await both(text, undefined, null, { codeField: 'kind', timeField: 'at' })).toEqual([expected, expected, expected]);
  });
});

describe('the scan takes the fast path for CSV and JSON arrays', () => {
  const settings = (fields: FieldOptions, window: TimeWindow | null) => fileSettings({ inputs: [], cwd: '.', catalog: buildCatalog([], true), fields, window });
  const hour = { since: Date.UTC(2026, 2, 18, 10), until: Date.UTC(2026, 2, 18, 11) };

  it('with a window, and JSON arrays with top-level --code-field and --time-field', () => {
    expect(fastPathApplies('csv', settings({}, hour))).toBe(true);
    expect(fastPathApplies('csv', settings({ codeField: 'kind', timeField: 'at' }, hour))).toBe(true);
    expect(fastPathApplies('json', settings({}, hour))).toBe(true);
    expect(fastPathApplies('json', settings({ codeField: 'kind', timeField: 'at' }, null))).toBe(true);
    expect(fastPathApplies('json', settings({ codeField: 'kind', timeField: 'at' }, hour))).toBe(true);
  });

  it('with a catalog of codes that are not `_` words, for JSON lines too', () => {
    const general = fileSettings({ inputs: [], cwd: '.', catalog: generalMatcher().catalog, window: hour });
    expect(general.matcher.wordCodes).toBe(false);
    for (const format of ['csv', 'json', 'jsonl', 'text'] as const) expect(fastPathApplies(format, general), format).toBe(true);
  });

  it('for JSON arrays with a dotted field name too (the records that may hold the path are parsed: NestedFields)', () => {
    expect(fastPathApplies('json', settings({ codeField: 'event.code' }, null))).toBe(true);
    expect(fastPathApplies('json', settings({ timeField: 'meta.when' }, hour))).toBe(true);
  });
});

describe('the kernel validator on a pretty-printed element', () => {
  it('proves it an object and notes its code field, with no JSON.parse (was: unsure, parsed in JavaScript)', () => {
    const text = '{\n    "time": "2026-03-18T10:00:00Z",\r\n    "code": "storage_error",\n    "n": [1, 2]\n  }';
    const fields = new LineFields();
    expect(validateBytes(Buffer.from(text), fields)).toBe(Kind.Object);
    // Slot 0 is the first code field, `code`: its value's span is storage_error's, without the quotes.
    expect(fields.type(0)).toBe(Type.String);
    expect(text.slice(fields.start[0], fields.end[0])).toBe('storage_error');
    expect(validateBytes(Buffer.from('{\n  "code": "x",\n}'), fields)).toBe(Kind.Unsure);
  });
});

describe('an element of white space JSON does not know', () => {
  it('is a malformed record, as JSON.parse has it, with and without a window', async () => {
    // `[1, NBSP]`: the second element is a no-break space alone (JSON's white space is only space, tab, CR, LF).
    const text = '[{"msg":"storage_error"},\u00a0]';
    const expected = { codes: { storage_error: [1, null, [1], 0] }, unknown: {}, records: 2, malformed: 1, skipped: 0, range: [null, null] };
    expect(await both(text)).toEqual([expected, expected, expected]);
    // A window that holds nothing: both elements are outside it, the blank one still malformed.
    const window = { since: Date.UTC(2026, 0, 2), until: Date.UTC(2026, 0, 1) };
    const outside = { codes: {}, unknown: {}, records: 2, malformed: 1, skipped: 0, range: [null, null], outside: 2 };
    expect(await both(text, undefined, window)).toEqual([outside, outside, outside]);
  });
});
