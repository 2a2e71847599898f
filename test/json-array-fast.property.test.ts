/**
 * The JSON-array fast path (JsonArrayFastScan) against the record reader (jsonArrayRecords + FileScan) on
 * random arrays: compact, one element a line and pretty-printed, nested values, strings holding brackets,
 * commas, quotes and escapes, damaged elements, text after the array, input that is no array, random
 * chunkings and limits.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Kind, LineFields } from '../src/fast/json-line.js';
import { acquireKernel, releaseKernel, validateBytes } from '../src/fast/kernel-pool.js';
import { JsonElements, type JsonSink } from '../src/input/json-split.js';
import { chunked, defaultMatcher, generalMatcher, report } from './support/engines.js';
import { fastJsonArray, referenceStructured } from './support/structured.js';
import { windowArb } from './support/windows.js';
import { runs } from './support/runs.js';

const KEYS = ['code', 'error_code', 'errorCode', 'time', 'timestamp', 'ts', 'account', 'email', 'msg', 'level', 'nested', 'message', 'attributes', '_source'];
const STRINGS = [
  'storage_error', 'SMIME_ERROR', ' web_hook_moved ', 'quota_exceeded', '', '500', 'mentions smime_error here', 'code=foo_bar',
  'brackets ] [ } { , in a string storage_error', 'a \\"quoted\\" web_hook_moved', 'ends in a backslash \\\\', '\\u0073mime_error',
  'tab\\there', 'E-101', 'e-101-x failed', 'TimeOut', 'quota.full.', 'a+b', '2026-03-18T10:15:00Z', '2026-03-18 12:00:00', 'at 2026-03-18T08:00:00Z', 'Bob@Example.COM', 'x@y.io z@w.org', 'é',
  // A message that holds JSON (CloudWatch events of JSON-logging services), and one that only looks like it.
  '{\\"code\\":\\"smime_error\\",\\"ts\\":1710756000}', ' \\n{\\"level\\":{\\"code\\":\\"web_hook_moved\\"}}', '{not json storage_error',
  // …after a collector's time (stern --timestamps), or after a time that is none (two blanks).
  '2026-03-18T10:15:00.123456789+02:00 {\\"code\\":\\"smime_error\\"}', '2026-03-18T10:15:00Z  {\\"code\\":\\"web_hook_moved\\"}',
];

const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...STRINGS).map((s) => ({ raw: `"${s}"` })),
    fc.constantFrom(1710756000, 1710756000123, 42, true, null).map((n) => ({ raw: JSON.stringify(n) })),
    fc.array(tie('v'), { maxLength: 3 }),
    fc.array(fc.tuple(fc.constantFrom(...KEYS), tie('v')), { maxLength: 4 }).map((kv) => ({ obj: kv })),
  ),
})).v;

/** A value written out, pretty-printed when `indent` is set. */
function write(v: unknown, indent: string | null, depth = 0): string {
  const nl = indent === null ? '' : '\n' + indent.repeat(depth + 1);
  const close = indent === null ? '' : '\n' + indent.repeat(depth);
  if (Array.isArray(v)) return v.length === 0 ? '[]' : `[${v.map((x) => nl + write(x, indent, depth + 1)).join(',')}${close}]`;
  const o = v as { raw?: string; obj?: [string, unknown][] };
  if (o.raw !== undefined) return o.raw;
  const kv = o.obj!;
  return kv.length === 0 ? '{}' : `{${kv.map(([k, x]) => `${nl}"${k}":${indent === null ? '' : ' '}${write(x, indent, depth + 1)}`).join(',')}${close}}`;
}

const element = fc.oneof(
  { weight: 5, arbitrary: fc.array(fc.tuple(fc.constantFrom(...KEYS), value), { maxLength: 5 }).map((kv) => ({ obj: kv }) as unknown) },
  { weight: 1, arbitrary: value },
);
const damage = fc.constantFrom('}', '{', '"', '\\', ']', ',', 'x', '\n', '\u00a0');

const jsonArray = fc
  .record({
    elements: fc.array(fc.tuple(element, fc.option(fc.tuple(damage, fc.nat()), { freq: 6 })), { maxLength: 20 }),
    layout: fc.constantFrom('compact', 'lines', 'pretty'),
    lead: fc.constantFrom('', '\n', '  \r\n'),
    tail: fc.constantFrom('', '\n', ']', ' {"code":"smime_error"}', '\nstorage_error after', ','),
    crlf: fc.boolean(),
    noArray: fc.boolean(),
    wrapped: fc.constantFrom(null, 'events', 'hits'),
  })
  .map(({ elements, layout, lead, tail, crlf, noArray, wrapped }) => {
    const texts = elements.map(([e, d]) => {
      let t = write(e, layout === 'pretty' ? '  ' : null);
      if (d !== null) {
        const k = d[1] % (t.length + 1);
        t = t.slice(0, k) + d[0] + t.slice(k);
      }
      return t;
    });
    const sep = layout === 'compact' ? ',' : ',\n';
    const array = `[${layout === 'compact' ? '' : '\n'}${texts.join(sep)}${layout === 'compact' ? '' : '\n'}]`;
    // A wrapped export: other keys before and after the records array (see RECORDS_PATHS).
    const wrap = wrapped === 'events' ? `{"meta": {"events": 1, "data": [1]},\n"events": ${array}, "nextToken": "t]"}${tail}` : `{"took":3,"hits":{"total":2,"hits":${array}}}`;
    let text = noArray ? texts.join('\n') : wrapped !== null ? wrap : `${array}${tail}`;
    if (crlf) text = text.replaceAll('\n', '\r\n');
    return Buffer.from(lead + text, 'utf8');
  });

const sizes = fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 6 });
/** Field options the fast path reads (top-level names, none watched twice). */
const fieldOptions = fc.constantFrom({}, { codeField: 'msg' }, { timeField: 'ts' }, { codeField: 'level', timeField: 'msg' }, { timeField: 'nested' }, { codeField: 'nested.code', timeField: 'message.ts' }, { codeField: 'level.msg' });

describe('the JSON-array fast path and the record reader agree', () => {
  const m = defaultMatcher();

  it('looks into a message that holds JSON after a collector\'s time, as the record reader does', async () => {
    // A time and one blank before the JSON (stern --timestamps), and what is none: two blanks, no zone, no JSON.
    const message = fc.constantFrom(
      '2026-03-18T10:15:00.123456789+02:00 {"code":"smime_error","msg":"storage_error"}', '2026-03-18T10:15:00Z {"level":"warn"} ',
      '2026-03-18T10:15:00Z  {"code":"web_hook_moved"}', '2026-03-18T10:15:00 {"code":"web_hook_moved"}', '2026-03-18T10:15:00Z web_hook_moved',
      ' 2026-03-18T10:16:00Z {"code":"storage_error"}', '2026-03-18T10:15:00Z {"code":',
    );
    const element = fc.record({ ts: fc.constantFrom(1710756000, undefined), message, msg: fc.constantFrom('execution_failed', undefined) });
    const array = fc.tuple(fc.array(element, { maxLength: 6 }), fc.boolean()).map(([els, pretty]) => Buffer.from(JSON.stringify(els, null, pretty ? 2 : undefined)));
    await fc.assert(
      fc.asyncProperty(array, sizes, async (bytes, cut) => {
        const reference = await referenceStructured('json', [bytes], m);
        expect(report(fastJsonArray(chunked(bytes, cut), m), m)).toEqual(report(reference, m));
      }),
      { numRuns: runs(200), seed: 20261206 },
    );
  });

  it('gives the identical report for random arrays, whatever the chunk sizes', async () => {
    await fc.assert(
      fc.asyncProperty(jsonArray, sizes, async (bytes, cut) => {
        const reference = await referenceStructured('json', [bytes], m);
        const fast = fastJsonArray(chunked(bytes, cut), m);
        expect(report(fast, m)).toEqual(report(reference, m));
        expect([...fast.files]).toEqual([...reference.files]);
      }),
      { numRuns: runs(400), seed: 2026 },
    );
  });

  it('skips over-long elements exactly as the record reader does', async () => {
    await fc.assert(
      fc.asyncProperty(jsonArray, fc.integer({ min: 1, max: 150 }), sizes, async (bytes, max, cut) => {
        const reference = await referenceStructured('json', chunked(bytes, [5]), m, {}, max);
        const fast = fastJsonArray(chunked(bytes, cut), m, max);
        expect(report(fast, m)).toEqual(report(reference, m));
        expect([...fast.files]).toEqual([...reference.files]);
      }),
      { numRuns: runs(300), seed: 31 },
    );
  });

  it('reads --code-field and --time-field as the record reader does', async () => {
    await fc.assert(
      fc.asyncProperty(jsonArray, sizes, fieldOptions, async (bytes, cut, fields) => {
        const reference = await referenceStructured('json', [bytes], m, fields);
        const fast = fastJsonArray(chunked(bytes, cut), m, undefined, null, fields);
        expect(report(fast, m)).toEqual(report(reference, m));
        expect([...fast.files]).toEqual([...reference.files]);
      }),
      { numRuns: runs(300), seed: 77 },
    );
  });

  it('counts only the elements inside a window, as the record reader does', async () => {
    await fc.assert(
      fc.asyncProperty(jsonArray, sizes, windowArb, fieldOptions, fc.constantFrom(60, 64 * 1024 * 1024), async (bytes, cut, w, fields, max) => {
        const reference = await referenceStructured('json', [bytes], m, fields, max, w);
        const fast = fastJsonArray(chunked(bytes, cut), m, max, w, fields);
        expect(report(fast, m)).toEqual(report(reference, m));
        expect([...fast.files]).toEqual([...reference.files]);
      }),
      { numRuns: runs(400), seed: 1207 },
    );
  });

  it('agrees with a catalog of codes that are not `_` words (the general pattern), with and without a window', async () => {
    const g = generalMatcher();
    expect(g.wordCodes).toBe(false);
    await fc.assert(
      fc.asyncProperty(jsonArray, sizes, fc.option(windowArb), fieldOptions, fc.constantFrom(60, 64 * 1024 * 1024), async (bytes, cut, w, fields, max) => {
        const reference = await referenceStructured('json', [bytes], g, fields, max, w);
        const fast = fastJsonArray(chunked(bytes, cut), g, max, w, fields);
        expect(report(fast, g)).toEqual(report(reference, g));
        expect([...fast.files]).toEqual([...reference.files]);
      }),
      { numRuns: runs(300), seed: 1213 },
    );
  });
});

describe('the JSON validator on elements over several lines (the WebAssembly kernel)', () => {
  it('never calls valid an element that JSON.parse rejects, and agrees on whether it is an object', () => {
    const fields = new LineFields();
    const text = fc.tuple(element, fc.constantFrom('  ', '\t'), fc.boolean(), fc.option(fc.tuple(damage, fc.nat()), { freq: 3 })).map(([e, indent, crlf, d]) => {
      let t = write(e, indent);
      if (d !== null) t = t.slice(0, d[1] % (t.length + 1)) + d[0] + t.slice(d[1] % (t.length + 1));
      return crlf ? t.replaceAll('\n', '\r\n') : t;
    });
    fc.assert(
      fc.property(text, (t) => {
        const kind = validateBytes(Buffer.from(t, 'utf8'), fields);
        let parsed: unknown;
        let ok = true;
        try {
          parsed = JSON.parse(t);
        } catch {
          ok = false;
        }
        if (kind !== Kind.Unsure) {
          expect(ok).toBe(true);
          expect(kind === Kind.Object).toBe(parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed));
        }
      }),
      { numRuns: runs(3000), seed: 5 },
    );
  });
});

describe('where an element ends: the kernel and JsonElements agree', () => {
  it('on any bytes of quotes, backslashes, brackets, braces and commas, in any chunking', () => {
    const bytes = fc.array(fc.constantFrom('"', '\\', '[', ']', '{', '}', ',', 'a', ' ', '\n', 'é', 'x'.repeat(20)), { maxLength: 60 }).map((p) => Buffer.from(p.join(''), 'utf8'));
    const kernel = acquireKernel();
    const elements = (text: Buffer, inKernel: boolean, max: number): string[] => {
      const out: string[] = [];
      const sink: JsonSink = { element: (b, s, e, line) => out.push(`${line}:${b.toString('utf8', s, e)}`), skipped: (line) => out.push(`${line}:skipped`) };
      const split = inKernel ? new JsonElements(max, (_b, s, to) => kernel.elementEnd(s, to)) : new JsonElements(max);
      // The whole input in the kernel's memory, as the fast path has it.
      const buf = kernel.room(text.length + 1);
      text.copy(buf);
      split.split(buf, 0, text.length, true, sink);
      return out;
    };
    try {
      fc.assert(
        fc.property(bytes, fc.constantFrom(8, 1 << 20), (body, max) => {
          const text = Buffer.concat([Buffer.from('['), body]);
          expect(elements(text, true, max)).toEqual(elements(text, false, max));
        }),
        { numRuns: runs(3000), seed: 17 },
      );
    } finally {
      releaseKernel(kernel);
    }
  });
});
