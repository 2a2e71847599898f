/**
 * The kernel's JSON-array scan (src/wasm/json-array.ts, Kernel.scanJsonArray) at its limits: the output full
 * and the scan resumed, an element that does not end in the bytes given (a chunk boundary), a
 * pretty-printed element, and the elements it leaves to TypeScript. Each is driven through the kernel's
 * TypeScript side, then counted by hand through the public scanner (src/fast/json-array-scan.ts), whole
 * and in small chunks, and by the record reader (test/oracle).
 */
import { describe, expect, it } from 'vitest';
import type { Kernel } from '../src/fast/kernels.js';
import { JsonlKind } from '../src/fast/kernel-layout.js';
import { heldKernels } from './support/held-kernels.js';
import { TEXT_OUT_MARGIN, TEXT_OUT_WORDS } from '../src/fast/kernel-layout.js';
import { chunked, defaultMatcher, report } from './support/engines.js';
import { fastJsonArray, handCounted, referenceStructured } from './support/structured.js';

const m = defaultMatcher();
const kernels = heldKernels();

/** A fresh kernel (the default catalog) holding `text`. */
function kernelWith(text: string): Kernel {
  const k = kernels.holding(Buffer.from(text, 'utf8'), m.catalog.entries.map((e) => e.code));
  k.arrayReset();
  return k;
}

interface Seen {
  s: number;
  index: number;
  line: number;
  kind: JsonlKind;
  time: number;
  codes: number;
  unknowns: number;
}

/** One scanJsonArray call over text[s, to): what it reports and returns. */
function scan(k: Kernel, s: number, to: number, line: number, longest = 1 << 20): { seen: Seen[]; r: { elements: number; next: number; line: number } } {
  const seen: Seen[] = [];
  const r = k.scanJsonArray(s, to, longest, line, 1, (es, _e, index, l, kind, time, _w, _at, codes, unknowns) => {
    seen.push({ s: es, index, line: l, kind, time, codes, unknowns });
  });
  return { seen, r };
}

/** The report by hand of the record reader, the fast path whole, and the fast path in small chunks (5 bytes, or `sizes`). */
async function three(text: string, sizes = [5]): Promise<unknown[]> {
  const bytes = Buffer.from(text, 'utf8');
  const tallies = [await referenceStructured('json', [bytes], m), fastJsonArray([bytes], m), fastJsonArray(chunked(bytes, sizes), m)];
  return tallies.map((t) => handCounted(report(t, m), null));
}

const T10 = Date.UTC(2026, 2, 18, 10, 0);
const T1005 = Date.UTC(2026, 2, 18, 10, 5);

describe('the output (TEXT_OUT_WORDS) full, the scan resumed', () => {
  // 32 bytes an element with its `,\n`, an unknown code field each: a head of 12 words and one (start, end)
  // pair = 14 words. A call stops before an element once fewer than TEXT_OUT_MARGIN words are left: after
  // k elements when 14k + 64 > 262,144, i.e. k = 18,721.
  const el = '{"code":"quota_exceeded_hard"}';
  const perCall = 18_721;
  const n = 50_000;
  const text = `[\n${Array.from({ length: n }, () => el).join(',\n')}\n]`;

  it('stops a call after 18,721 elements and goes on where it stopped, line numbers included', () => {
    expect(el.length + 2).toBe(32);
    expect(Math.floor((TEXT_OUT_WORDS - TEXT_OUT_MARGIN) / 14) + 1).toBe(perCall);
    const k = kernelWith(text);
    const to = Buffer.byteLength(text);
    const first = scan(k, 1, to, 1);
    // Element i starts at 2 + 32i, on line 2 + i.
    expect(first.r).toEqual({ elements: perCall, next: 2 + 32 * perCall, line: 2 + perCall });
    expect(first.seen.length).toBe(perCall);
    expect(first.seen[100]).toEqual({ s: 2 + 3200, index: 100, line: 102, kind: JsonlKind.Field, time: NaN, codes: 0, unknowns: 1 });
    const second = scan(k, first.r.next, to, first.r.line);
    expect(second.r).toEqual({ elements: perCall, next: 2 + 32 * 2 * perCall, line: 2 + 2 * perCall });
    expect(second.seen[0]).toMatchObject({ s: 2 + 32 * perCall, index: 0, line: 2 + perCall });
    const third = scan(k, second.r.next, to, second.r.line);
    // The rest, up to the `]` on the last line (the last element has no `,`: it is 30 bytes and a `\n`).
    expect(third.r).toEqual({ elements: n - 2 * perCall, next: to - 1, line: n + 2 });
  });

  it('counts every element of an array that fills it, and the one after', async () => {
    const n = perCall + 10;
    const more = `[\n${Array.from({ length: n }, () => el).join(',\n')},\n{"time":"2026-03-18T10:00:00Z","msg":"storage_error"}\n]`;
    const expected = {
      codes: { storage_error: [1, '2026-03-18T10:00:00.000Z', [n + 2], 0] },
      unknown: { quota_exceeded_hard: [n, [2, 3, 4]] },
      records: n + 1,
      malformed: 0,
      skipped: 0,
      range: ['2026-03-18T10:00:00.000Z', '2026-03-18T10:00:00.000Z'],
    };
    expect(await three(more, [4093, 7])).toEqual([expected, expected, expected]);
  });
});

describe('an element that does not end before the bytes given end', () => {
  const text = '[{"code":"storage_error"},{"code":"smime_error"}]';

  it('stops at its start, and reads it once the bytes are there', () => {
    const k = kernelWith(text);
    const second = text.indexOf('{', 2);
    const cut = scan(k, 1, second + 10, 1);
    expect(cut.r).toEqual({ elements: 1, next: second, line: 1 });
    expect(cut.seen).toEqual([{ s: 1, index: 0, line: 1, kind: JsonlKind.Field, time: NaN, codes: 1, unknowns: 0 }]);
    const rest = scan(k, second, text.length, 1);
    expect(rest.r).toEqual({ elements: 1, next: text.length - 1, line: 1 });
  });

  it('counts both codes in any chunking', async () => {
    const expected = {
      codes: { smime_error: [1, null, [1], 0], storage_error: [1, null, [1], 0] },
      unknown: {},
      records: 2,
      malformed: 0,
      skipped: 0,
      range: [null, null],
    };
    expect(await three(text)).toEqual([expected, expected, expected]);
  });
});

describe('a pretty-printed element', () => {
  const text = [
    '[', // 1
    '  {', // 2 an element over four lines: its code field's code, at 10:00
    '    "time": "2026-03-18T10:00:00Z",', // 3
    '    "code": "storage_error"', // 4
    '  },', // 5
    '  {"msg": "smime_error"}', // 6 its text's code, at 10:00 inherited
    ']', // 7
  ].join('\n');

  it('is read in one pass with its lines, and the element after it on its own line', () => {
    const k = kernelWith(text);
    const { seen, r } = scan(k, 1, text.length, 1);
    expect(seen).toEqual([
      { s: 4, index: 0, line: 2, kind: JsonlKind.Field, time: T10, codes: 1, unknowns: 0 },
      { s: text.indexOf('{"msg"'), index: 1, line: 6, kind: JsonlKind.Text, time: T10, codes: 1, unknowns: 0 },
    ]);
    expect(r).toEqual({ elements: 2, next: text.length - 1, line: 7 });
    expect(k.arrayTimes()).toEqual({ last: T10, first: T10, untimed: 0 });
  });

  it('counts its code on its first line', async () => {
    const expected = {
      codes: { smime_error: [1, '2026-03-18T10:00:00.000Z', [6], 0], storage_error: [1, '2026-03-18T10:00:00.000Z', [2], 0] },
      unknown: {},
      records: 2,
      malformed: 0,
      skipped: 0,
      range: ['2026-03-18T10:00:00.000Z', '2026-03-18T10:00:00.000Z'],
    };
    expect(await three(text)).toEqual([expected, expected, expected]);
  });
});

describe('the elements the kernel leaves to TypeScript', () => {
  const text = [
    '[{"msg":"no time yet"},', // 1 no time: untimed
    '{"time":"2026-03-18T10:00:00Z","code":"storage_error"},', // 2 10:00
    '{"code":"storage\\u005ferror"},', // 3 an escaped code field: storage_error, 10:00 inherited
    '{"message":{"code":"smime_error"}},', // 4 a scope: its code field, 10:00 inherited
    '{"ts":"2026-03-18T10\\u003a05:00Z","msg":"x"},', // 5 an escaped time field: 10:05
    '{"msg":"web_hook_moved"},', // 6 10:05 inherited from the element only TypeScript read
    '{"broken": smime_error}]', // 7 malformed: read as text, 10:05 inherited
  ].join('\n');

  it('stops before each, and goes on after it', () => {
    const k = kernelWith(text);
    const at = (line: number): number => text.split('\n').slice(0, line - 1).join('\n').length + 1;
    const first = scan(k, 1, text.length, 1);
    expect(first.r).toEqual({ elements: 2, next: at(3), line: 3 });
    expect(first.seen.map((e) => [e.line, e.kind, e.time])).toEqual([[2, JsonlKind.Field, T10]]);
    expect(k.arrayTimes()).toEqual({ last: T10, first: T10, untimed: 1 });
    // Stopped where it stands: the element is the caller's.
    expect(scan(k, at(3), text.length, 3).r).toEqual({ elements: 0, next: at(3), line: 3 });
    expect(scan(k, at(4), text.length, 4).r).toEqual({ elements: 0, next: at(4), line: 4 });
    expect(scan(k, at(5), text.length, 5).r).toEqual({ elements: 0, next: at(5), line: 5 });
    // The caller notes the time of the element it read (10:05); the next inherits it.
    k.arrayNote(T1005);
    const sixth = scan(k, at(6), text.length, 6);
    expect(sixth.seen.map((e) => [e.line, e.kind, e.time])).toEqual([[6, JsonlKind.Text, T1005]]);
    expect(sixth.r).toEqual({ elements: 1, next: at(7), line: 7 });
    expect(scan(k, at(7), text.length, 7).r).toEqual({ elements: 0, next: at(7), line: 7 });
  });

  it('counts them as the record reader does', async () => {
    const expected = {
      codes: {
        storage_error: [2, '2026-03-18T10:00:00.000Z', [2, 3], 0],
        smime_error: [2, '2026-03-18T10:00:00.000Z', [4, 7], 0],
        web_hook_moved: [1, '2026-03-18T10:05:00.000Z', [6], 0],
      },
      unknown: {},
      records: 7,
      malformed: 1,
      skipped: 0,
      range: ['2026-03-18T10:00:00.000Z', '2026-03-18T10:05:00.000Z'],
    };
    expect(await three(text)).toEqual([expected, expected, expected]);
  });
});

describe('codes counted in the kernel once they have their evidence', () => {
  it('counts eight elements of one code, five of them in the kernel, with their accounts and times', async () => {
    const text = `[\n${Array.from({ length: 8 }, (_, j) => `{"time":"2026-03-18T10:0${j}:00Z","code":"storage_error","account":"u${j % 2}@x.io"}`).join(',\n')}\n]`;
    const t = fastJsonArray([Buffer.from(text)], m);
    const st = t.codes.get('storage_error')!;
    expect([st.count, st.firstSeen, st.lastSeen]).toEqual([8, T10, Date.UTC(2026, 2, 18, 10, 7)]);
    const r = handCounted(report(t, m), null) as { codes: Record<string, unknown[]> };
    expect(r.codes['storage_error']![3]).toBe(2);
    expect(await three(text)).toEqual(Array(3).fill(handCounted(report(t, m), null)));
  });
});

describe('a run of elements the kernel leaves to TypeScript (search hits with a `_source` object)', () => {
  it('counts them, and the elements after them that the kernel reads again, their times inherited', async () => {
    const hit = '{"_source":{"code":"smime_error"}}';
    const text = [
      '[{"time":"2026-03-18T10:00:00Z","_source":{"code":"smime_error"}},', // 1 10:00
      ...Array.from({ length: 149 }, () => `${hit},`), // 2-150
      ...Array.from({ length: 10 }, () => '{"msg":"storage_error"},'), // 151-160
      '{"time":"2026-03-18T10:05:00Z"}]', // 161 10:05, no code
    ].join('\n');
    const expected = {
      // Evidence: a code's first occurrences and its last.
      codes: { smime_error: [150, '2026-03-18T10:00:00.000Z', [1, 2, 150], 0], storage_error: [10, '2026-03-18T10:00:00.000Z', [151, 152, 160], 0] },
      unknown: {},
      records: 161,
      malformed: 0,
      skipped: 0,
      range: ['2026-03-18T10:00:00.000Z', '2026-03-18T10:05:00.000Z'],
    };
    expect(await three(text, [997])).toEqual([expected, expected, expected]);
  });
});

describe('a `{` in an element: a scope only after a scope key', () => {
  const text = [
    '[{"msg":"rule {x} matched: storage_error"},', // 1 braces in text, no scope: the kernel's
    '{"message":"{\\"code\\":\\"smime_error\\"}"},', // 2 a message that is JSON: a scope, the caller's
    '{"message": "\\n {\\"code\\":\\"web_hook_moved\\"}"},', // 3 the same after escaped white space
    '{"message":"see {storage_error}"}]', // 4 a message that does not start with `{`: the kernel's
  ].join('\n');

  it('is left to the caller only when a scope key is followed by an object or a string that starts with one', () => {
    const k = kernelWith(text);
    const at = (line: number): number => text.split('\n').slice(0, line - 1).join('\n').length + 1;
    expect(scan(k, 1, text.length, 1).r).toEqual({ elements: 1, next: at(2), line: 2 });
    expect(scan(k, at(2), text.length, 2).r).toEqual({ elements: 0, next: at(2), line: 2 });
    expect(scan(k, at(3), text.length, 3).r).toEqual({ elements: 0, next: at(3), line: 3 });
    expect(scan(k, at(4), text.length, 4).r).toEqual({ elements: 1, next: text.length - 1, line: 4 });
  });

  it('counts the codes of each as the record reader does', async () => {
    const expected = {
      // Lines 2 and 3: the code field in the message's JSON is the element's code.
      codes: { storage_error: [2, null, [1, 4], 0], smime_error: [1, null, [2], 0], web_hook_moved: [1, null, [3], 0] },
      unknown: {},
      records: 4,
      malformed: 0,
      skipped: 0,
      range: [null, null],
    };
    expect(await three(text)).toEqual([expected, expected, expected]);
  });
});
