/**
 * An exported element's scopes read by the kernel as it validates the element (src/wasm/json-scopes.ts)
 * against the rule's home, scopedFields in src/input/fields.ts, through the record reader: random elements of
 * nested scopes of every scope key (Cloud Logging's `jsonPayload`, `_source`, `attributes`, `message`
 * objects and strings holding JSON, Filebeat's `json`, a search hit's `fields` arrays…), several levels deep,
 * watched keys at every level, keys twice, escaped keys, time objects, strings that may hold JSON after a
 * blank, an escape, a Unicode space or a collector's time; with field options and windows.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CODE_SLOTS, LineFields, Scopes, ScopeState, TIME_SLOTS, Type } from '../src/fast/json-line.js';
import { acquireKernel, releaseKernel } from '../src/fast/kernel-pool.js';
import { SCOPE_KEYS } from '../src/input/fields.js';
import { chunked, defaultMatcher, expectSameTally, fastJsonl, referenceJsonl, report } from './support/engines.js';
import { fastJsonArray, referenceStructured } from './support/structured.js';
import { windowArb } from './support/windows.js';
import { runs } from './support/runs.js';

const WATCHED = ['code', 'error_code', 'errorCode', 'Code', 'timestamp', 'time', 'ts', '@timestamp', 'date', 'account', 'user', 'email', 'message', 'log', 'msg'];
const NOISE = ['severity', 'insertId', 'labels', 'resource', 'level'];
/** Keys that spell a watched or a scope key with an escape: JSON.parse reads them as that key. */
const ESCAPED = ['co\\u0064e', 'json\\u0050ayload', '\\u005fsource', 'ti\\u006de'];
const KEYS = [...SCOPE_KEYS, ...WATCHED, ...NOISE];

const STRINGS = [
  'storage_error', 'SMIME_ERROR', ' web_hook_moved ', 'quota_exceeded', '', 'N/A', '0', 'mentions smime_error here', 'E-101',
  '2026-03-18T10:15:00Z', '2026-03-18', '10:15:00', '2026-03-18 12:00:00 UTC', 'at 2026-03-18T08:00:00Z storage_error', 'Bob@Example.COM', 'x@y.io z@w.org',
  'a \\"quoted\\" web_hook_moved', '\\u0073mime_error',
  // Strings that hold JSON (or look as if): as is, after blanks, escapes, a Unicode space, a collector's time.
  '{\\"code\\":\\"smime_error\\",\\"ts\\":1710756000}', ' {\\"code\\":\\"web_hook_moved\\"}', '\\n{\\"code\\":\\"storage_error\\"}', '\u00a0{\\"code\\":\\"smime_error\\"}',
  '\u3000{\\"code\\":\\"smime_error\\"}', '\\u00a0{\\"code\\":\\"storage_error\\"}', '{not json storage_error', '2026-03-18T10:15:00.123Z {\\"code\\":\\"smime_error\\"}',
  '\ufeff{\\"code\\":\\"web_hook_moved\\"}', '\\u007b\\"code\\":\\"smime_error\\"}', '\\f{\\"code\\":\\"storage_error\\"}', '\\u0020\u2028{\\"code\\":\\"smime_error\\"}',
  '\u00e9{\\"code\\":\\"storage_error\\"}', '\\u00e9{\\"code\\":\\"smime_error\\"}', '\\b{\\"code\\":\\"smime_error\\"}',
  // An escape after a collector's time or in it, an empty object, and a value outside the catalog (a scope
  // missed changes the report: text scanning does not find it, as it finds a catalog code).
  '2026-03-18T10:15:00Z \\u007b\\"code\\":\\"zz_custom_code\\"}', '\\u0032026-03-18T10:15:00Z {\\"code\\":\\"zz_custom_code\\",\\"time\\":\\"2026-03-19T10:00:00Z\\"}',
  '{}', ' {}', '{\\"code\\":\\"zz_custom_code\\",\\"user\\":\\"zz@example.org\\"}', 'zz_custom_code',
  '2026-03-18T10:15:00Z web_hook_moved', '2sync failed', '1970-01-01T00:00:00Z {\\"code\\":\\"web_hook_moved\\"}', ' 1999-12-31T23:59:59+01:00 {\\"user\\":\\"a@b.io\\"}',
  // A stack trace's later lines: an element whose own message is one carries on the record before it.
  '\tat com.example.Sync.run(Sync.java:42)', 'Caused by: java.io.IOException: storage_error',
];

type Json = { raw: string } | { arr: Json[] } | { obj: [string, Json][] };

const scalar: fc.Arbitrary<Json> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...STRINGS).map((s) => ({ raw: `"${s}"` })) },
  { weight: 1, arbitrary: fc.constantFrom(1710756000, 1710756000123, 0, 42, 1.5, true, null).map((n) => ({ raw: JSON.stringify(n) })) },
  { weight: 1, arbitrary: fc.constantFrom('{"$date":"2026-03-18T09:00:00Z"}', '{"$date":1710756000123}', '{}', '[]', '["storage_error"]').map((raw) => ({ raw })) },
);

const key = fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...KEYS) }, { weight: 1, arbitrary: fc.constantFrom(...ESCAPED) });

const value: fc.Arbitrary<Json> = fc.letrec<{ v: Json }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('v'), { maxLength: 2 }).map((arr): Json => ({ arr })),
    fc.array(fc.tuple(key, tie('v')), { maxLength: 5 }).map((obj): Json => ({ obj })),
  ),
})).v;

function write(v: Json, indent: string | null, depth = 0): string {
  const nl = indent === null ? '' : '\n' + indent.repeat(depth + 1);
  const close = indent === null ? '' : '\n' + indent.repeat(depth);
  if ('raw' in v) return v.raw;
  if ('arr' in v) return v.arr.length === 0 ? '[]' : `[${v.arr.map((x) => nl + write(x, indent, depth + 1)).join(',')}${close}]`;
  return v.obj.length === 0 ? '{}' : `{${v.obj.map(([k, x]) => `${nl}"${k}":${indent === null ? '' : ' '}${write(x, indent, depth + 1)}`).join(',')}${close}}`;
}

/** An element: an object, most often with a scope object or two, each holding watched keys and scopes of its own. */
const scope: fc.Arbitrary<Json> = fc.letrec<{ s: Json }>((tie) => ({
  s: fc.array(fc.oneof({ weight: 3, arbitrary: fc.tuple(key, value) }, { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...SCOPE_KEYS), tie('s')) }), { maxLength: 6 }).map((obj) => ({ obj }) as Json),
})).s;
const element: fc.Arbitrary<Json> = fc.array(fc.oneof({ weight: 2, arbitrary: fc.tuple(key, value) }, { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...SCOPE_KEYS), scope) }), { maxLength: 6 }).map((obj) => ({ obj }));

const jsonArray = fc.tuple(fc.array(element, { minLength: 1, maxLength: 12 }), fc.constantFrom('compact', 'pretty')).map(([els, layout]) => {
  const texts = els.map((e) => write(e, layout === 'pretty' ? '  ' : null));
  return Buffer.from(layout === 'compact' ? `[${texts.join(',')}]` : `[\n${texts.join(',\n')}\n]\n`, 'utf8');
});

const sizes = fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 4 });
// --time-field may name a scope key: its object a time's and a scope both.
const fieldOptions = fc.constantFrom({}, {}, { timeField: 'ts' }, { codeField: 'msg' }, { codeField: 'msg', timeField: 'date' }, { codeField: 'labels.code' }, { timeField: 'resource.ts' }, { timeField: 'attributes' }, { timeField: 'jsonPayload' });

describe('an element\'s scopes: the kernel reads them as scopedFields has them', () => {
  const m = defaultMatcher();

  it('gives the record reader\'s report for random scoped elements, whatever the chunks, field options and window', async () => {
    await fc.assert(
      fc.asyncProperty(jsonArray, sizes, fc.option(windowArb, { freq: 3 }), fieldOptions, async (bytes, cut, w, fields) => {
        const reference = await referenceStructured('json', [bytes], m, fields, undefined, w);
        expectSameTally(fastJsonArray(chunked(bytes, cut), m, undefined, w, fields), reference, m);
      }),
      { numRuns: runs(2100), seed: 20261207 },
    );
  });

  it('joins a trace\'s line to its record by a time in a scope object (`content`), as scopedFields has the time', async () => {
    // The second element's own time is its `content.ts` (05:00:00.500), half a second after the first's: one record.
    const bytes = Buffer.from(
      JSON.stringify([{ timestamp: '2026-03-18T05:00:00Z', code: 'storage_error', message: 'upload failed' }, { message: 'Caused by: java.io.IOException: smime_error', content: { ts: 1773810000500 } }]),
    );
    for (const w of [null, { since: Date.parse('2026-03-18T00:00:00Z'), until: null }]) {
      const reference = await referenceStructured('json', [bytes], m, {}, undefined, w);
      expectSameTally(fastJsonArray([bytes], m, undefined, w), reference, m);
      expect(report(reference, m).totals.records).toBe(1);
    }
  });

  it('looks into a string that holds JSON after any blank trim() takes off, or an escaped `{`, in flat elements too', async () => {
    // A collector's time before the JSON too: its record's time is that one, 10:00 (an element's own first, then the collector's).
    const held = ['\u00a0', '\ufeff', '\u3000 ', '\f', '\u2028', '', '2026-03-18T10:00:00Z '].map((lead) => `${lead}{"code":"smime_error","time":"2026-03-18T09:00:00Z"}`);
    const texts = [...held, 'é{"code":"storage_error"}', '\b{"code":"storage_error"}'];
    for (const key of ['message', 'log']) {
      const els = texts.map((t) => ({ note: 'seen 2026-03-18T01:00:00Z', [key]: t }));
      for (const bytes of [JSON.stringify(els), JSON.stringify(els, null, 2), JSON.stringify(els).replaceAll('"{', '"\\u007b').replaceAll(' {', ' \\u007B')]) {
        const b = Buffer.from(bytes);
        for (const w of [null, { since: Date.parse('2026-03-17T00:00:00Z'), until: null }]) {
          const reference = await referenceStructured('json', [b], m, {}, undefined, w);
          expectSameTally(fastJsonArray([b], m, undefined, w), reference, m);
          // Hand-counted: each of the seven strings whose JSON is looked into is a record of 09:00 (its `time`; the
          // timed one 10:00), the other two are text, of 01:00 (the first time in it).
          const codes = report(reference, m).codes;
          expect(codes.map((c) => [c.code, c.count, c.firstSeen])).toEqual([['smime_error', 7, '2026-03-18T09:00:00.000Z'], ['storage_error', 2, '2026-03-18T01:00:00.000Z']]);
        }
      }
    }
  });

  it('looks into a string whose `{` after a collector\'s time is escaped, among elements the kernel reads in bulk', async () => {
    const plain = { note: 'seen 2026-03-18T01:00:00Z', code: 'storage_error', message: 'ok' };
    const timed = JSON.stringify({ note: 'seen 2026-03-18T01:00:00Z', message: '2026-03-18T10:00:00Z {"code":"smime_error"}' }).replace(' {', ' \\u007b');
    const bytes = Buffer.from(`[${[...Array<string>(20).fill(JSON.stringify(plain)), timed, ...Array<string>(20).fill(JSON.stringify(plain))].join(',\n')}]`);
    const reference = await referenceStructured('json', [bytes], m);
    expectSameTally(fastJsonArray([bytes], m), reference, m);
    // Looked into, the record's time is the collector's (10:00); read as text it would be the first in it (01:00).
    expect(report(reference, m).codes.map((c) => [c.code, c.count, c.firstSeen])).toEqual([['storage_error', 40, '2026-03-18T01:00:00.000Z'], ['smime_error', 1, '2026-03-18T10:00:00.000Z']]);
  });

  it('looks into a JSON line whose message is an empty object: its own time fields first (scopedFields own)', async () => {
    // `timestamp` a date alone, `time` whole: the program's scope (`{}`) makes the line's own fields be read
    // first, whole times first (recordTime), so its time is `time`'s 2026-03-19T10:00Z, not the date.
    const bytes = Buffer.from('{"timestamp":"2026-03-18","time":"2026-03-19T10:00:00Z","code":"storage_error","message":"{}"}\n');
    const reference = await referenceJsonl([bytes], m, 'a.jsonl');
    expectSameTally(fastJsonl([bytes], m, 'a.jsonl'), reference, m);
    expect(report(reference, m).codes.map((c) => [c.code, c.firstSeen])).toEqual([['storage_error', '2026-03-19T10:00:00.000Z']]);
  });

  it('reads a time object that is a scope and holds one (--time-field naming a scope key)', async () => {
    const el = { attributes: { timestamp: { $date: '2026-03-18T10:00:00Z' }, code: 'storage_error' } };
    for (const bytes of [JSON.stringify([el, el]), JSON.stringify(el) + '\n' + JSON.stringify(el) + '\n']) {
      const b = Buffer.from(bytes);
      const array = bytes.startsWith('[');
      const fields = { timeField: 'attributes' };
      const reference = array ? await referenceStructured('json', [b], m, fields) : await referenceJsonl([b], m, 'a.jsonl', undefined, undefined, null, fields);
      expectSameTally(array ? fastJsonArray([b], m, undefined, null, fields) : fastJsonl([b], m, 'a.jsonl', undefined, undefined, null, fields), reference, m);
      expect(report(reference, m).codes.map((c) => [c.code, c.count])).toEqual([['storage_error', 2]]);
    }
  });

  it('tells whether an element carries on a record by its own message, not a scope\'s', async () => {
    const t = '2026-03-18T10:15:00Z';
    const head = { timestamp: t, jsonPayload: { code: 'storage_error', message: 'sync failed' } };
    // A trace's `Caused by:` line (a tab first is an escape: a scope's string that starts with one is the caller's).
    const cause = 'Caused by: java.io.IOException: disk full';
    const frame = (own: boolean) => (own ? { timestamp: t, message: cause } : { timestamp: t, jsonPayload: { message: cause, code: 'smime_error' } });
    for (const [own, records] of [[true, 1], [false, 2]] as const) {
      const bytes = Buffer.from(JSON.stringify([head, frame(own)], null, 2));
      const reference = await referenceStructured('json', [bytes], m);
      const fast = fastJsonArray([bytes], m);
      expect(report(fast, m)).toEqual(report(reference, m));
      expect(report(fast, m).totals.records).toBe(records);
    }
  });

});

describe('a JSON line\'s scopes: the kernel reads them as jsonRecord has them (looked into for a LINE_SCOPES object)', () => {
  const m = defaultMatcher();
  const lines = fc.tuple(fc.array(element, { minLength: 1, maxLength: 12 }), fc.boolean()).map(([els, crlf]) => Buffer.from(els.map((e) => write(e, null)).join(crlf ? '\r\n' : '\n') + '\n', 'utf8'));

  it('gives the record reader\'s report for random lines, whatever the chunks, field options and window', async () => {
    await fc.assert(
      fc.asyncProperty(lines, sizes, fc.option(windowArb), fieldOptions, async (bytes, cut, w, fields) => {
        const reference = await referenceJsonl([bytes], m, 'a.jsonl', undefined, undefined, w, fields);
        expectSameTally(fastJsonl(chunked(bytes, cut), m, 'a.jsonl', undefined, undefined, w, fields), reference, m);
      }),
      { numRuns: runs(1500), seed: 1209 },
    );
  });
});

/** The kernel's reading of one element, as an export's (watchScopes): its scope state and the slots it holds. */
function scoped(text: string): { state: ScopeState; code?: string | null; time?: string | null } {
  const kernel = acquireKernel();
  try {
    // A kernel from the pool watches what its last scanner set: the built-in fields here.
    kernel.watchFields(undefined, undefined);
    kernel.watchNested(false);
    kernel.watchScopes(Scopes.Elements);
    const bytes = Buffer.from(text, 'utf8');
    kernel.room(bytes.length).set(bytes);
    const fields = new LineFields();
    kernel.validate(0, bytes.length, fields);
    const state = kernel.scopeState();
    // A slot's string (null: a value of another type).
    const slotText = (slots: readonly number[]): string | null | undefined => {
      const s = slots.find((k) => fields.type(k) !== Type.None);
      return s === undefined ? undefined : fields.type(s) === Type.String ? bytes.toString('utf8', fields.start[s]!, fields.end[s]!) : null;
    };
    const code = slotText(CODE_SLOTS);
    const time = slotText(TIME_SLOTS);
    return { state, ...(code !== undefined ? { code } : {}), ...(time !== undefined ? { time } : {}) };
  } finally {
    releaseKernel(kernel);
  }
}

describe('which elements the kernel reads itself', () => {
  it('reads a Cloud Logging entry: the jsonPayload\'s code, the entry\'s own timestamp', () => {
    const entry = {
      insertId: 'a1', jsonPayload: { code: 'storage_error', message: 'quota', timestamp: '2026-03-18T00:00:09Z' }, logName: 'projects/p/logs/stdout',
      resource: { labels: { code: 'not_this' }, type: 'k8s_container' }, severity: 'ERROR', timestamp: '2026-03-18T00:00:00.050Z',
    };
    expect(scoped(JSON.stringify(entry, null, 2))).toEqual({ state: ScopeState.Read, code: 'storage_error', time: '2026-03-18T00:00:00.050Z' });
  });

  it('takes the first scope in breadth-first order, the element\'s own key first', () => {
    // `_source` comes before `attributes` in SCOPE_KEYS; a scope's own scope after both.
    expect(scoped('{"attributes":{"code":"b_code","attributes":{"code":"c_code"}},"_source":{"code":"a_code"}}').code).toBe('a_code');
    expect(scoped('{"attributes":{"attributes":{"code":"c_code"}},"_source":{"x":1}}').code).toBe('c_code');
    expect(scoped('{"code":null,"_source":{"code":"a_code"}}')).toEqual({ state: ScopeState.Read, code: null });
    // Three levels down is past SCOPE_DEPTH: not looked into.
    expect(scoped('{"_source":{"_source":{"_source":{"code":"d_code"}}}}')).toEqual({ state: ScopeState.Read });
  });

  it('leaves to the caller what only a parse reads', () => {
    for (const text of [
      '{"jsonPayload":{"code":"a"},"jsonPayload":{"x":1}}', '{"message":{"code":"a"},"message":"text"}', '{"json":{"code":"a"}}', '{"fields":{"code":["a"]}}',
      '{"jsonPayload":{"message":"{\\"code\\":\\"a\\"}"}}', '{"jsonPayload":{"co\\u0064e":"a"}}', '{"log":" {\\"code\\":\\"a\\"}","x":{}}',
      '{"jsonPayload":{"message":"2026-03-18T10:15:00Z {\\"code\\":\\"a\\"}"}}', '{"attributes":{"message":"\u00a0{}"}}',
    ]) expect(scoped(text).state, text).toBe(ScopeState.Caller);
  });

  it('reads a nested object with no scope, and leaves flat objects to the byte search', () => {
    expect(scoped('{"resource":{"labels":{"message":{"code":"x"}}},"code":"storage_error"}')).toEqual({ state: ScopeState.None, code: 'storage_error' });
    expect(scoped('{"code":"storage_error","message":"text"}')).toEqual({ state: ScopeState.Unread, code: 'storage_error' });
  });
});
