/**
 * A tally as JSON (what workers send back and `scan --partial` writes): written in a fixed order, and read
 * back field by field, every fault one message that names the field.
 */
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../src/catalog/catalog.js';
import { MAX_ACCOUNTS } from '../src/summary/accounts.js';
import { MAX_BUCKETS, TIME_MAX, TIME_MIN, WIDTHS } from '../src/summary/buckets.js';
import { PARTIAL_KIND, PARTIAL_VERSION, partialFromJson, partialToJson, type CountingSettings } from '../src/summary/partial-file.js';
import { tallyFromJson, tallyToJson, type TallyJson } from '../src/summary/partial.js';
import { addHit, newFileStat, newTally, type Tally } from '../src/summary/tally.js';

const T = Date.UTC(2026, 2, 18, 10, 0);

/** A hand-written tally JSON: two files, one code, one unknown code. */
function good(): TallyJson {
  return {
    files: [
      { ...newFileStat('a.log'), records: 10, bytes: 300, expandedBytes: 300, matches: 2, untimedRecords: 4, firstTime: T, lastTime: T + 120_000 },
      { ...newFileStat('b.log.gz'), compressed: true, format: 'jsonl', status: 'error', message: 'truncated', records: 1 },
    ],
    codes: [
      {
        code: 'storage_error',
        count: 2,
        firstSeen: T,
        lastSeen: T + 60_000,
        first: { time: T, file: 'a.log', line: 3 },
        files: ['a.log'],
        samples: [
          { file: 'a.log', line: 3, time: T, text: 'storage_error one' },
          { file: 'a.log', line: 7, time: T + 60_000, text: 'storage_error two' },
        ],
        evidence: {
          width: 0,
          samples: [
            { file: 'a.log', line: 3, time: T, text: 'storage_error one' },
            { file: 'a.log', line: 7, time: T + 60_000, text: 'storage_error two' },
          ],
        },
        accounts: { bounded: false, counts: [['ann@x.io', 2]] },
        buckets: { width: 0, counts: [[T, 1], [T + 60_000, 1]] },
      },
    ],
    unknown: [{ key: 'code=foo_bar', code: 'code=FOO_BAR', firstAt: { file: 'a.log', line: 5 }, count: 1, files: ['a.log'], samples: [] }],
  };
}

const read = (j: unknown): Tally => tallyFromJson(JSON.parse(JSON.stringify(j)), 'p.json');

/** The good tally with one change made by `edit`. */
function bad(edit: (j: TallyJson & Record<string, any>) => void): unknown {
  const j = good() as TallyJson & Record<string, any>;
  edit(j);
  return j;
}

describe('tallyFromJson', () => {
  it('reads back what tallyToJson wrote', () => {
    const t = read(good());
    expect(t.files.get('b.log.gz')).toEqual({ ...newFileStat('b.log.gz'), compressed: true, format: 'jsonl', status: 'error', message: 'truncated', records: 1 });
    expect(t.files.get('a.log')!.message).toBeUndefined();
    expect(t.files.get('a.log')!.untimedRecords).toBe(4);
    expect('message' in t.files.get('a.log')!).toBe(false);
    const s = t.codes.get('storage_error')!;
    expect(s.count).toBe(2);
    expect(s.first).toEqual({ time: T, file: 'a.log', line: 3 });
    expect([...s.accounts.counts]).toEqual([['ann@x.io', 2]]);
    expect(s.buckets).toEqual({ width: 0, counts: new Map([[T, 1], [T + 60_000, 1]]) });
    expect(t.unknown.get('code=foo_bar')!.code).toBe('code=FOO_BAR');
    expect(tallyToJson(t)).toEqual(good());
  });

  it('takes a file read as UTF-16 of either byte order', () => {
    for (const encoding of ['utf-16le', 'utf-16be'] as const) {
      expect(read(bad((j) => (j.files[0]!.encoding = encoding))).files.get('a.log')!.encoding).toBe(encoding);
    }
  });

  it('takes exactly MAX_BUCKETS buckets, and times at both ends of the range a scan can hold', () => {
    const many = (n: number): [number, number][] => Array.from({ length: n }, (_, i) => [i * 604_800_000, 1]);
    expect(read(bad((j) => (j.codes[0]!.buckets = { width: 5, counts: many(MAX_BUCKETS) }))).codes.get('storage_error')!.buckets.counts.size).toBe(MAX_BUCKETS);
    const ends = read(bad((j) => ((j.codes[0]!.firstSeen = TIME_MIN), (j.codes[0]!.lastSeen = TIME_MAX))));
    expect([ends.codes.get('storage_error')!.firstSeen, ends.codes.get('storage_error')!.lastSeen]).toEqual([TIME_MIN, TIME_MAX]);
  });

  it('takes exactly MAX_ACCOUNTS accounts and three samples', () => {
    const accounts = Array.from({ length: MAX_ACCOUNTS }, (_, i): [string, number] => [`u${i}@x.io`, 1]);
    expect(read(bad((j) => (j.codes[0]!.accounts = { bounded: true, counts: accounts }))).codes.get('storage_error')!.accounts.counts.size).toBe(MAX_ACCOUNTS);
    const three = [1, 2, 3].map((line) => ({ file: 'a.log', line, time: null, text: 't' }));
    expect(read(bad((j) => (j.codes[0]!.samples = three))).codes.get('storage_error')!.samples).toEqual(three);
  });

  const C = 'codes[0]';
  it.each<[string, (j: TallyJson & Record<string, any>) => void, string]>([
    ['no files', (j) => void Object.assign(j, { files: undefined }), 'files: expected an array'],
    ['files not a list', (j) => void (j.files = {} as never), 'files: expected an array'],
    ['a file that is a list', (j) => void (j.files[1] = [] as never), 'files[1]: expected an object'],
    ['a file that is null', (j) => void (j.files[0] = null as never), 'files[0]: expected an object'],
    ['an unknown status', (j) => void ((j.files[0] as any).status = 'gone'), 'files[0].status: unknown status'],
    ['an unknown format', (j) => void ((j.files[0] as any).format = 'xml'), 'files[0].format: unknown format'],
    ['an unknown encoding', (j) => void ((j.files[0] as any).encoding = 'latin1'), 'files[0].encoding: unknown encoding'],
    ['a status that is no string', (j) => void ((j.files[0] as any).status = 1), 'files[0].status: expected a string'],
    ['a path that is no string', (j) => void ((j.files[0] as any).path = 1), 'files[0].path: expected a string'],
    ['compressed as text', (j) => void ((j.files[0] as any).compressed = 'yes'), 'files[0].compressed: expected true or false'],
    ['bytes below zero', (j) => void (j.files[0]!.bytes = -1), 'files[0].bytes: expected a count'],
    ['records not whole', (j) => void (j.files[0]!.records = 1.5), 'files[0].records: expected a count'],
    ['matches as text', (j) => void ((j.files[0] as any).matches = '2'), 'files[0].matches: expected a number'],
    ['an infinite expanded size', (j) => void (j.files[0]!.expandedBytes = Infinity), 'files[0].expandedBytes: expected a number'],
    ['unknown as null', (j) => void ((j.files[0] as any).unknown = null), 'files[0].unknown: expected a number'],
    ['malformed records below zero', (j) => void (j.files[0]!.malformedRecords = -2), 'files[0].malformedRecords: expected a count'],
    ['skipped lines below zero', (j) => void (j.files[0]!.skippedLines = -3), 'files[0].skippedLines: expected a count'],
    ['outside window below zero', (j) => void (j.files[0]!.outsideWindow = -4), 'files[0].outsideWindow: expected a count'],
    ['untimed records missing (as a version 2 partial has them)', (j) => void ((j.files[0] as any).untimedRecords = undefined), 'files[0].untimedRecords: expected a number'],
    ['untimed records below zero', (j) => void (j.files[0]!.untimedRecords = -1), 'files[0].untimedRecords: expected a count'],
    ['a first time as text', (j) => void ((j.files[0] as any).firstTime = '2026'), 'files[0].firstTime: expected a number'],
    ['a last time as text', (j) => void ((j.files[0] as any).lastTime = '2026'), 'files[0].lastTime: expected a number'],
    ['a message that is no string', (j) => void ((j.files[0] as any).message = 5), 'files[0].message: expected a string'],
    ['a file listed twice', (j) => void (j.files[1] = { ...j.files[0]! }), 'files[1]: a.log is listed twice'],
    ['codes not a list', (j) => void (j.codes = null as never), 'codes: expected an array'],
    ['a code that is no object', (j) => void (j.codes[0] = 'storage_error' as never), `${C}: expected an object`],
    ['no first', (j) => void ((j.codes[0] as any).first = undefined), `${C}.first: expected an object`],
    ['no accounts', (j) => void ((j.codes[0] as any).accounts = undefined), `${C}.accounts: expected an object`],
    ['no buckets', (j) => void ((j.codes[0] as any).buckets = undefined), `${C}.buckets: expected an object`],
    ['a width past the widest', (j) => void (j.codes[0]!.buckets.width = WIDTHS.length), `${C}.buckets.width: out of range`],
    ['a width below zero', (j) => void (j.codes[0]!.buckets.width = -1), `${C}.buckets.width: expected a count`],
    ['account counts not a list', (j) => void ((j.codes[0] as any).accounts.counts = {}), `${C}.accounts.counts: expected an array`],
    ['an account pair that is no list', (j) => void ((j.codes[0] as any).accounts.counts = [5]), `${C}.accounts.counts[0]: expected an array`],
    ['an account that is no string', (j) => void ((j.codes[0] as any).accounts.counts = [[1, 1]]), `${C}.accounts.counts[0][0]: expected a string`],
    ['an account count below zero', (j) => void ((j.codes[0] as any).accounts.counts = [['a', 1], ['b', -1]]), `${C}.accounts.counts[1][1]: expected a count`],
    ['more than MAX_ACCOUNTS accounts', (j) => void (j.codes[0]!.accounts.counts = Array.from({ length: MAX_ACCOUNTS + 1 }, (_, i) => [`u${i}`, 1])), `${C}.accounts: more than 10000 accounts`],
    ['bucket counts not a list', (j) => void ((j.codes[0] as any).buckets.counts = 3), `${C}.buckets.counts: expected an array`],
    ['a bucket pair that is no list', (j) => void ((j.codes[0] as any).buckets.counts = ['x']), `${C}.buckets.counts[0]: expected an array`],
    ['a bucket start as text', (j) => void ((j.codes[0] as any).buckets.counts = [['0', 1]]), `${C}.buckets.counts[0][0]: expected a number`],
    ['a bucket count not whole', (j) => void ((j.codes[0] as any).buckets.counts = [[0, 1], [60_000, 0.5]]), `${C}.buckets.counts[1][1]: expected a count`],
    ['too many buckets below the widest width', (j) => void (j.codes[0]!.buckets = { width: 5, counts: Array.from({ length: MAX_BUCKETS + 1 }, (_, i) => [i * 86_400_000, 1]) }), `${C}.buckets: too many buckets`],
    ['too many buckets at 7d', (j) => void (j.codes[0]!.buckets = { width: 6, counts: Array.from({ length: MAX_BUCKETS + 1 }, (_, i) => [i * 604_800_000, 1]) }), `${C}.buckets: too many buckets`],
    ['a bucket start inside a bucket', (j) => void (j.codes[0]!.buckets = { width: 1, counts: [[60_000, 1]] }), `${C}.buckets.counts[0][0]: not a bucket start in range`],
    ['a bucket start past the year 9999', (j) => void (j.codes[0]!.buckets = { width: 0, counts: [[TIME_MAX + 60_000, 1]] }), `${C}.buckets.counts[0][0]: not a bucket start in range`],
    ['a bucket start before the year 0', (j) => void (j.codes[0]!.buckets = { width: 0, counts: [[TIME_MIN - 60_000, 1]] }), `${C}.buckets.counts[0][0]: not a bucket start in range`],
    ['a last seen past the year 9999', (j) => void (j.codes[0]!.lastSeen = 1e300), `${C}.lastSeen: time out of range`],
    ['a file time before the year 0', (j) => void (j.files[0]!.firstTime = TIME_MIN - 1), `files[0].firstTime: time out of range`],
    ['a count below zero', (j) => void (j.codes[0]!.count = -1), `${C}.count: expected a count`],
    ['a first seen as text', (j) => void ((j.codes[0] as any).firstSeen = 'x'), `${C}.firstSeen: expected a number`],
    ['a last seen as text', (j) => void ((j.codes[0] as any).lastSeen = 'x'), `${C}.lastSeen: expected a number`],
    ['untimed records missing (as a version 2 partial has them)', (j) => void ((j.files[0] as any).untimedRecords = undefined), 'files[0].untimedRecords: expected a number'],
    ['untimed records below zero', (j) => void (j.files[0]!.untimedRecords = -1), 'files[0].untimedRecords: expected a count'],
    ['a first time as text', (j) => void ((j.codes[0] as any).first.time = 'x'), `${C}.first.time: expected a number`],
    ['a first file that is no string', (j) => void ((j.codes[0] as any).first.file = 1), `${C}.first.file: expected a string`],
    ['a first line below zero', (j) => void (j.codes[0]!.first.line = -1), `${C}.first.line: expected a count`],
    ['files of a code not a list', (j) => void ((j.codes[0] as any).files = 'a.log'), `${C}.files: expected an array`],
    ['a file of a code that is no string', (j) => void ((j.codes[0] as any).files = ['a.log', 2]), `${C}.files[1]: expected a string`],
    ['samples not a list', (j) => void ((j.codes[0] as any).samples = {}), `${C}.samples: expected an array`],
    ['a sample that is no object', (j) => void ((j.codes[0] as any).samples = ['x']), `${C}.samples[0]: expected an object`],
    ['a sample file that is no string', (j) => void ((j.codes[0] as any).samples[1].file = 1), `${C}.samples[1].file: expected a string`],
    ['a sample line below zero', (j) => void (j.codes[0]!.samples[1] = { file: 'a.log', line: -7, time: null, text: 't' }), `${C}.samples[1].line: expected a count`],
    ['a sample text that is no string', (j) => void ((j.codes[0] as any).samples[0].text = null), `${C}.samples[0].text: expected a string`],
    ['four samples', (j) => void (j.codes[0]!.samples = [1, 2, 3, 4].map((line) => ({ file: 'a.log', line, time: null, text: 't' }))), `${C}.samples: more than 3 samples`],
    ['a sample time out of range', (j) => void ((j.codes[0] as any).samples[0].time = 1e300), `${C}.samples[0].time: time out of range`],
    ['no evidence', (j) => void ((j.codes[0] as any).evidence = undefined), `${C}.evidence: expected an object`],
    ['an evidence width out of range', (j) => void (j.codes[0]!.evidence.width = 99), `${C}.evidence.width: out of range`],
    ['51 evidence samples', (j) => void (j.codes[0]!.evidence.samples = Array.from({ length: 51 }, (_, line) => ({ file: 'a.log', line, time: null, text: 't' }))), `${C}.evidence.samples: more than 50 samples`],
    ['bounded as text', (j) => void ((j.codes[0] as any).accounts.bounded = 'no'), `${C}.accounts.bounded: expected true or false`],
    ['a code that is no string', (j) => void ((j.codes[0] as any).code = 3), `${C}.code: expected a string`],
    ['a code listed twice', (j) => void j.codes.push({ ...j.codes[0]! }), 'codes[1]: storage_error is listed twice'],
    ['unknown not a list', (j) => void (j.unknown = 'x' as never), 'unknown: expected an array'],
    ['an unknown that is no object', (j) => void (j.unknown[0] = 1 as never), 'unknown[0]: expected an object'],
    ['an unknown without firstAt', (j) => void ((j.unknown[0] as any).firstAt = null), 'unknown[0].firstAt: expected an object'],
    ['an unknown code that is no string', (j) => void ((j.unknown[0] as any).code = 1), 'unknown[0].code: expected a string'],
    ['an unknown firstAt file that is no string', (j) => void ((j.unknown[0] as any).firstAt.file = 1), 'unknown[0].firstAt.file: expected a string'],
    ['an unknown firstAt line below zero', (j) => void (j.unknown[0]!.firstAt.line = -1), 'unknown[0].firstAt.line: expected a count'],
    ['an unknown count below zero', (j) => void (j.unknown[0]!.count = -1), 'unknown[0].count: expected a count'],
    ['unknown files not a list', (j) => void ((j.unknown[0] as any).files = null), 'unknown[0].files: expected an array'],
    ['an unknown file that is no string', (j) => void ((j.unknown[0] as any).files = [0]), 'unknown[0].files[0]: expected a string'],
    ['unknown samples not a list', (j) => void ((j.unknown[0] as any).samples = null), 'unknown[0].samples: expected an array'],
    ['an unknown key that is no string', (j) => void ((j.unknown[0] as any).key = 1), 'unknown[0].key: expected a string'],
    ['an unknown key that is not its code lower-cased', (j) => void (j.unknown[0]!.key = 'code=FOO_BAR'), 'unknown[0].key: does not match its code'],
  ])('refuses %s', (_what, edit, why) => {
    expect(() => read(bad(edit))).toThrow(`bad partial report p.json: ${why}`);
  });

  it.each([
    ['null', null],
    ['a list', []],
    ['a number', 3],
  ])('refuses a tally that is %s', (_what, j) => {
    expect(() => tallyFromJson(j, 'p.json')).toThrow('bad partial report p.json: tally: expected an object');
  });
});

describe('tallyToJson', () => {
  it('lists files, codes, unknown codes, files of a code, accounts and buckets in order, whatever the order they were counted in', () => {
    const t: Tally = newTally();
    for (const f of ['z.log', 'a.log', 'B.log']) t.files.set(f, newFileStat(f));
    const hit = (file: string, line: number, time: number, codes: string[], unknown: string[], accounts: string[]) =>
      addHit(t, { file, line, time, codes: new Map(codes.map((c) => [c, undefined])), unknown: unknown.map((u) => [u, undefined] as const), accounts: new Set(accounts) });
    hit('z.log', 1, T + 120_000, ['web_hook_moved', 'storage_error'], ['zz=1', 'AA=1'], ['zed@x.io', 'amy@x.io']);
    hit('a.log', 1, T, ['storage_error'], [], ['bob@x.io']);
    hit('B.log', 1, T + 60_000, ['storage_error'], [], []);
    const j = tallyToJson(t);
    expect(j.files.map((f) => f.path)).toEqual(['B.log', 'a.log', 'z.log']);
    expect(j.codes.map((c) => c.code)).toEqual(['storage_error', 'web_hook_moved']);
    expect(j.codes[0]!.files).toEqual(['B.log', 'a.log', 'z.log']);
    expect(j.codes[0]!.accounts.counts).toEqual([['amy@x.io', 1], ['bob@x.io', 1], ['zed@x.io', 1]]);
    expect(j.codes[0]!.buckets.counts).toEqual([[T, 1], [T + 60_000, 1], [T + 120_000, 1]]);
    expect(j.unknown.map((u) => u.key)).toEqual(['aa=1', 'zz=1']);
  });
});

describe('partial reports', () => {
  const catalog = buildCatalog([], true);
  const settings: CountingSettings = { inputFormat: 'auto', codeField: null, timeField: null, window: null, maxLineLength: 65_536, exclude: [], redact: false };
  const doc = (): Record<string, any> => JSON.parse(JSON.stringify(partialToJson(read(good()), catalog, settings, '1.2.3')));

  it('carry the kind, version, tool, catalog and settings, and read back to the same tally', () => {
    const d = doc();
    expect(d['kind']).toBe('mxscan-partial');
    expect(d['version']).toBe(3);
    expect(d['tool']).toEqual({ name: 'mxscan', version: '1.2.3' });
    expect(d['catalog'].sha256).toBe(catalog.sha256);
    const back = partialFromJson(d, 'p.json');
    expect(back.settings).toEqual(settings);
    expect(back.catalog.sha256).toBe(catalog.sha256);
    expect(tallyToJson(back.tally)).toEqual(good());
    expect(PARTIAL_KIND).toBe('mxscan-partial');
    expect(PARTIAL_VERSION).toBe(3);
  });

  it('read back every setting a scan writes', () => {
    const full: CountingSettings = { ...settings, codeField: 'event.code', records: 'hits.hits', window: { since: Date.UTC(2026, 3, 7), until: null }, delimiter: ';', timeZone: 'Europe/Berlin', dateOrder: '/ dmy, . dmy', year: 2025, yearEnds: 1, timeFormat: '%d/%m/%Y %H:%M:%S' };
    const d = JSON.parse(JSON.stringify(partialToJson(read(good()), catalog, full, '1.2.3')));
    expect(partialFromJson(d, 'p.json').settings).toEqual(full);
  });

  it("read the settings of an earlier version, which named the engine, as today's (so they merge)", () => {
    const d = doc();
    d['settings'] = { ...d['settings'], engine: 'auto' };
    expect(partialFromJson(d, 'old.json').settings).toEqual(settings);
  });

  it.each<[string, unknown, string]>([
    ['null', null, 'not a JSON object'],
    ['a string', 'mxscan-partial', 'not a JSON object'],
    ['another kind', { ...doc(), kind: 'mxscan-report' }, 'not an mxscan partial report (write one with mxscan scan --partial)'],
    ['another version', { ...doc(), version: 1 }, 'version 1 cannot be merged by this version (3)'],
    ['no version', { ...doc(), version: undefined }, 'version undefined cannot be merged by this version (3)'],
    ['a checksum that does not match', { ...doc(), catalog: { ...doc()['catalog'], sha256: '0'.repeat(64) } }, 'its catalog does not match its checksum'],
    ['no settings', { ...doc(), settings: null }, 'no settings'],
    ['settings as text', { ...doc(), settings: 'auto' }, 'no settings'],
    ['notes that are no list', { ...doc(), notes: {} }, 'its notes are not a list'],
    ['a note of an unknown kind', { ...doc(), notes: [{ kind: 'late', file: 'a.log' }] }, 'notes[0]: not a note on an input ({ kind, file, … })'],
    ['a note without its file', { ...doc(), notes: [{ kind: 'no-time', file: 'a.log' }, { kind: 'no-time' }] }, 'notes[1]: not a note on an input ({ kind, file, … })'],
    ['a note whose fields seen are no strings', { ...doc(), notes: [{ kind: 'missing-field', file: 'a.log', seen: [1] }] }, 'notes[0]: not a note on an input ({ kind, file, … })'],
    ['a note whose arrays are no strings', { ...doc(), notes: [{ kind: 'one-document', file: 'a.json', arrays: [1] }] }, 'notes[0]: not a note on an input ({ kind, file, … })'],
    ['a note whose line is no line number', { ...doc(), notes: [{ kind: 'one-document', file: 'a.json', line: 0 }] }, 'notes[0]: not a note on an input ({ kind, file, … })'],
    // SUSPECTED BUG: a window's time that is no time threw in the report (RangeError, a stack trace, exit 1).
    ['a window from text', { ...doc(), settings: { ...settings, window: { since: '\u001b]0;x\u0007', until: null } } }, 'its settings are not those of a scan ({ inputFormat, window, … })'],
    ['a window past the dates', { ...doc(), settings: { ...settings, window: { since: 1e300, until: null } } }, 'its settings are not those of a scan ({ inputFormat, window, … })'],
    ['a window that is a time', { ...doc(), settings: { ...settings, window: 0 } }, 'its settings are not those of a scan ({ inputFormat, window, … })'],
    ['an unknown format', { ...doc(), settings: { ...settings, inputFormat: 'xml' } }, 'its settings are not those of a scan ({ inputFormat, window, … })'],
    ['no line length', { ...doc(), settings: { ...settings, maxLineLength: undefined } }, 'its settings are not those of a scan ({ inputFormat, window, … })'],
    ['a code field that is no name', { ...doc(), settings: { ...settings, codeField: 7 } }, 'its settings are not those of a scan ({ inputFormat, window, … })'],
    ['excludes that are no globs', { ...doc(), settings: { ...settings, exclude: [{}] } }, 'its settings are not those of a scan ({ inputFormat, window, … })'],
    ['another delimiter', { ...doc(), settings: { ...settings, delimiter: ':' } }, 'its settings are not those of a scan ({ inputFormat, window, … })'],
    ['a year that is no year', { ...doc(), settings: { ...settings, year: '2026' } }, 'its settings are not those of a scan ({ inputFormat, window, … })'],
    ['a month the year ends in that is no month', { ...doc(), settings: { ...settings, year: 2026, yearEnds: 13 } }, 'its settings are not those of a scan ({ inputFormat, window, … })'],
  ])('refuses %s', (_what, d, why) => {
    expect(() => partialFromJson(d, 'p.json')).toThrow(`bad partial report p.json: ${why}`);
  });

  it('refuses a code its own catalog does not hold (SUSPECTED BUG: the merge threw, a stack trace and exit 1)', () => {
    const d = doc();
    (d['tally'] as { codes: { code: string }[] }).codes[0]!.code = 'not_in_catalog_x';
    expect(() => partialFromJson(d, 'p.json')).toThrow('bad partial report p.json: tally.codes: not_in_catalog_x is not in its catalog');
  });

  it("carry the scan's notes on its inputs, and none when it had none", () => {
    expect('notes' in doc()).toBe(false);
    expect(partialFromJson(doc(), 'p.json').notes).toEqual([]);
    const notes = [
      { kind: 'no-time' as const, file: 'a.log', source: 'line' as const, example: 'starting up' },
      { kind: 'missing-field' as const, file: 'b.jsonl', field: 'ts', option: 'time-field' as const, source: 'field' as const, seen: ['time', 'msg'], searched: 100_000 },
      { kind: 'one-document' as const, file: 'c.json', source: 'field' as const, line: 1, arrays: ['log_entries'] },
      { kind: 'outside-records' as const, file: 'd.json', source: 'field' as const },
    ];
    const d = JSON.parse(JSON.stringify(partialToJson(read(good()), catalog, settings, '1.2.3', [], notes)));
    expect(partialFromJson(d, 'p.json').notes).toEqual(notes);
  });

  it('are read back when scanned with a custom catalog only, without the built-in one', () => {
    const own = buildCatalog([[{ module: 'm', code: 'own_error', type: 'T', level: 'ERROR', description: 'd', action: 'a' }]], false);
    const back = partialFromJson(JSON.parse(JSON.stringify(partialToJson(newTally(), own, settings))), 'p.json');
    expect(back.catalog.entries.map((e) => e.code)).toEqual(['own_error']);
    expect(back.catalog.sha256).toBe(own.sha256);
  });

  it('refuses a catalog that is no catalog, naming it', () => {
    expect(() => partialFromJson({ ...doc(), catalog: { sha256: 'x', entries: [{}] } }, 'p.json')).toThrow('bad catalog p.json (its catalog): entry 0');
    expect(() => partialFromJson({ ...doc(), catalog: undefined }, 'p.json')).toThrow('bad catalog p.json (its catalog)');
  });
});
