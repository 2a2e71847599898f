/** Counting one record's findings into a tally, and merging tallies: every expected value written by hand. */
import { describe, expect, it } from 'vitest';
import { addHit, addOccurrence, maxTime, mergeTally, minTime, newCodeStat, newFileStat, newTally, type FileStat, type Hit, type Tally } from '../src/summary/tally.js';

const T = Date.UTC(2026, 2, 18, 10, 0);
const M = 60_000;

/** A hit of catalog codes (each with evidence `<code>@<line>`) and unknown codes. */
function hit(file: string, line: number, time: number | null, codes: string[], unknown: string[] = [], accounts: string[] = []): Hit {
  return {
    file,
    line,
    time,
    codes: new Map(codes.map((c) => [c, `${c}@${line}`])),
    unknown: unknown.map((u) => [u, `${u}@${line}`] as const),
    accounts: new Set(accounts),
  };
}

function tallyOf(...hits: Hit[]): Tally {
  const t = newTally();
  for (const h of hits) addHit(t, h);
  return t;
}

describe('addHit', () => {
  it('counts a code: count, first and last time, files, the first three samples and accounts', () => {
    const t = tallyOf(
      hit('b.log', 4, T + 2 * M, ['storage_error'], [], ['ann@x.io']),
      hit('a.log', 9, T + 5 * M, ['storage_error'], [], ['ann@x.io', 'bob@x.io']),
      hit('a.log', 2, null, ['storage_error']),
      hit('a.log', 5, T - M, ['storage_error']),
    );
    const s = t.codes.get('storage_error')!;
    expect(s.count).toBe(4);
    expect(s.firstSeen).toBe(T - M);
    expect(s.lastSeen).toBe(T + 5 * M);
    expect(s.first).toEqual({ time: T - M, file: 'a.log', line: 5 });
    expect([...s.files].sort()).toEqual(['a.log', 'b.log']);
    expect(s.samples).toEqual([
      { file: 'a.log', line: 2, time: null, text: 'storage_error@2' },
      { file: 'a.log', line: 5, time: T - M, text: 'storage_error@5' },
      { file: 'a.log', line: 9, time: T + 5 * M, text: 'storage_error@9' },
    ]);
    // evidence in time order: the earliest is a.log:5, the untimed a.log:2 comes after every timed one
    expect([s.evidence.first!.line, s.evidence.last!.line]).toEqual([5, 2]);
    expect([...s.accounts.counts]).toEqual([['ann@x.io', 2], ['bob@x.io', 1]]);
    // the untimed line has no bucket
    expect([...s.buckets.counts.values()].reduce((n, c) => n + c, 0)).toBe(3);
  });

  it('counts accounts only for records with a catalog code', () => {
    const t = tallyOf(hit('a.log', 1, T, [], ['code=X'], ['ann@x.io']), hit('a.log', 2, T, ['storage_error'], [], ['bob@x.io']));
    expect([...t.codes.get('storage_error')!.accounts.counts.keys()]).toEqual(['bob@x.io']);
  });

  it('keeps the first occurrence a code was seen at: earliest time, untimed last, then file and line', () => {
    const first = (...hits: Hit[]) => tallyOf(...hits).codes.get('e')!.first;
    expect(first(hit('a.log', 1, null, ['e']), hit('a.log', 2, T, ['e']))).toEqual({ time: T, file: 'a.log', line: 2 });
    expect(first(hit('a.log', 2, T, ['e']), hit('a.log', 1, null, ['e']))).toEqual({ time: T, file: 'a.log', line: 2 });
    expect(first(hit('b.log', 1, T, ['e']), hit('a.log', 7, T, ['e']))).toEqual({ time: T, file: 'a.log', line: 7 });
    expect(first(hit('a.log', 7, T, ['e']), hit('a.log', 3, T, ['e']))).toEqual({ time: T, file: 'a.log', line: 3 });
    expect(first(hit('a.log', 3, T, ['e']), hit('a.log', 7, T, ['e']))).toEqual({ time: T, file: 'a.log', line: 3 });
    expect(first(hit('b.log', 1, null, ['e']), hit('a.log', 9, null, ['e']))).toEqual({ time: null, file: 'a.log', line: 9 });
  });

  it('groups unknown codes case-insensitively, spelled as their first occurrence by file and line', () => {
    const t = tallyOf(hit('b.log', 1, T, [], ['Code=Foo']), hit('a.log', 8, T, [], ['CODE=FOO']), hit('a.log', 3, T, [], ['code=foo']), hit('a.log', 5, T, [], ['code=FOO']));
    expect([...t.unknown.keys()]).toEqual(['code=foo']);
    const u = t.unknown.get('code=foo')!;
    expect(u.code).toBe('code=foo');
    expect(u.firstAt).toEqual({ file: 'a.log', line: 3 });
    expect(u.count).toBe(4);
    expect([...u.files].sort()).toEqual(['a.log', 'b.log']);
    expect(u.samples.map((x) => x.text)).toEqual(['code=foo@3', 'code=FOO@5', 'CODE=FOO@8']);
  });

  it('keeps no sample where the evidence was left out', () => {
    const t = newTally();
    addHit(t, { file: 'a.log', line: 1, time: T, codes: new Map([['e', undefined]]), unknown: [['x=1', undefined]], accounts: new Set() });
    expect(t.codes.get('e')!.samples).toEqual([]);
    expect(t.unknown.get('x=1')!.samples).toEqual([]);
  });
});

describe('addOccurrence', () => {
  it('counts the given number of accounts, and leaves the buckets alone when told', () => {
    const s = newCodeStat('a.log', 1, T);
    addOccurrence(s, 'a.log', 1, T, undefined, ['a@x', 'b@x', 'c@x'], 2, false);
    expect([...s.accounts.counts.keys()]).toEqual(['a@x', 'b@x']);
    expect(s.buckets.counts.size).toBe(0);
    expect(s.firstSeen).toBe(T);
    expect(s.lastSeen).toBe(T);
  });

  it('lists a file once however its hits interleave with another file', () => {
    const s = newCodeStat('a.log', 1, null);
    for (const f of ['a.log', 'b.log', 'a.log', 'a.log', 'b.log']) addOccurrence(s, f, 1, null, undefined, []);
    expect([...s.files]).toEqual(['a.log', 'b.log']);
    expect(s.count).toBe(5);
    expect(s.firstSeen).toBeNull();
    expect(s.lastSeen).toBeNull();
  });
});

describe('mergeTally', () => {
  it('adds counts, takes the wider time span and the earlier first occurrence, and unites files, samples and accounts', () => {
    const a = tallyOf(hit('a.log', 5, T + M, ['e'], [], ['ann@x.io']), hit('a.log', 6, T + 4 * M, ['e']));
    const b = tallyOf(hit('b.log', 1, T, ['e'], [], ['ann@x.io', 'bob@x.io']), hit('b.log', 2, T + 9 * M, ['e']), hit('b.log', 3, T + 3 * M, ['f']));
    mergeTally(a, b);
    const e = a.codes.get('e')!;
    expect(e.count).toBe(4);
    expect(e.firstSeen).toBe(T);
    expect(e.lastSeen).toBe(T + 9 * M);
    expect(e.first).toEqual({ time: T, file: 'b.log', line: 1 });
    expect([...e.files].sort()).toEqual(['a.log', 'b.log']);
    expect(e.samples.map((x) => x.text)).toEqual(['e@5', 'e@6', 'e@1']);
    expect([...e.accounts.counts].sort()).toEqual([['ann@x.io', 2], ['bob@x.io', 1]]);
    expect([...e.buckets.counts.values()].reduce((n, c) => n + c, 0)).toBe(4);
    expect(a.codes.get('f')!.count).toBe(1);
  });

  it('keeps the first occurrence of the tally merged into when it is earlier', () => {
    const a = tallyOf(hit('b.log', 1, T, ['e']));
    mergeTally(a, tallyOf(hit('a.log', 1, T + M, ['e'])));
    expect(a.codes.get('e')!.first).toEqual({ time: T, file: 'b.log', line: 1 });
  });

  it('leaves the merged tally as it was, even when the result is counted into afterwards', () => {
    const b = tallyOf(hit('b.log', 1, T, ['e'], ['x=1'], ['ann@x.io']));
    const a = mergeTally(newTally(), b);
    addHit(a, hit('a.log', 1, T + M, ['e'], ['x=1'], ['bob@x.io']));
    const e = b.codes.get('e')!;
    expect(e.count).toBe(1);
    expect([...e.files]).toEqual(['b.log']);
    expect(e.samples).toHaveLength(1);
    expect([...e.accounts.counts.keys()]).toEqual(['ann@x.io']);
    expect([...e.buckets.counts.values()]).toEqual([1]);
    expect(b.unknown.get('x=1')!.count).toBe(1);
    expect([...b.unknown.get('x=1')!.files]).toEqual(['b.log']);
    expect(b.unknown.get('x=1')!.samples).toHaveLength(1);
    expect([...a.codes.get('e')!.files].sort()).toEqual(['a.log', 'b.log']);
  });

  it('merges unknown codes: counts, files, samples, and the spelling of the earlier first occurrence', () => {
    const a = tallyOf(hit('b.log', 2, T, [], ['X=1']));
    mergeTally(a, tallyOf(hit('a.log', 7, T, [], ['x=1']), hit('c.log', 1, T, [], ['x=1'])));
    const u = a.unknown.get('x=1')!;
    expect(u.code).toBe('x=1');
    expect(u.firstAt).toEqual({ file: 'a.log', line: 7 });
    expect(u.count).toBe(3);
    expect([...u.files].sort()).toEqual(['a.log', 'b.log', 'c.log']);
    expect(u.samples.map((x) => x.file)).toEqual(['a.log', 'b.log', 'c.log']);
    const c = tallyOf(hit('a.log', 1, T, [], ['X=1']));
    mergeTally(c, tallyOf(hit('a.log', 2, T, [], ['x=1'])));
    expect(c.unknown.get('x=1')!.code).toBe('X=1');
    expect(c.unknown.get('x=1')!.firstAt).toEqual({ file: 'a.log', line: 1 });
  });

  it('joins two parts of one file, the earlier first: sums, the first error, first time of the first part, last time of the last', () => {
    const part = (patch: Partial<FileStat>): Tally => {
      const t = newTally();
      t.files.set('a.log', { ...newFileStat('a.log'), ...patch });
      return t;
    };
    const counts = { bytes: 1, expandedBytes: 2, records: 3, matches: 4, unknown: 5, malformedRecords: 6, skippedLines: 7, outsideWindow: 8 };
    const twice = { bytes: 2, expandedBytes: 4, records: 6, matches: 8, unknown: 10, malformedRecords: 12, skippedLines: 14, outsideWindow: 16 };
    const a = mergeTally(part({ ...counts, firstTime: T, lastTime: T + M }), part({ ...counts, firstTime: T + 2 * M, lastTime: T + 3 * M }));
    expect(a.files.get('a.log')).toEqual({ ...newFileStat('a.log'), ...twice, firstTime: T, lastTime: T + 3 * M });

    const untimed = mergeTally(part({ firstTime: null, lastTime: null }), part({ firstTime: T + 2 * M, lastTime: T + 3 * M }));
    expect(untimed.files.get('a.log')).toMatchObject({ firstTime: T + 2 * M, lastTime: T + 3 * M });
    const untimedLast = mergeTally(part({ firstTime: T, lastTime: T + M }), part({ firstTime: null, lastTime: null }));
    expect(untimedLast.files.get('a.log')).toMatchObject({ firstTime: T, lastTime: T + M });

    const failed = mergeTally(part({}), part({ status: 'error', message: 'read failed' }));
    expect(failed.files.get('a.log')).toMatchObject({ status: 'error', message: 'read failed' });
    const first = mergeTally(part({ status: 'binary', message: 'binary' }), part({ status: 'error', message: 'read failed' }));
    expect(first.files.get('a.log')).toMatchObject({ status: 'binary', message: 'binary' });
  });

  it("joins two parts' untimed records: the later part's first records inherit the earlier part's time, unless it had none", () => {
    const part = (records: number, untimedRecords: number): Tally => {
      const t = newTally();
      t.files.set('a.log', { ...newFileStat('a.log'), records, untimedRecords });
      return t;
    };
    // The first part has a time (2 of its 5 lines before it): the second part's 3 leading lines inherit it.
    expect(mergeTally(part(5, 2), part(4, 3)).files.get('a.log')!.untimedRecords).toBe(2);
    // The first part has no time at all: the second part's leading lines have none either.
    expect(mergeTally(part(5, 5), part(4, 3)).files.get('a.log')!.untimedRecords).toBe(8);
    // Three parts, the first two without a time.
    expect(mergeTally(mergeTally(part(2, 2), part(3, 3)), part(4, 1)).files.get('a.log')!.untimedRecords).toBe(6);
  });

  it('copies a file seen in one tally only', () => {
    const b = newTally();
    b.files.set('b.log', { ...newFileStat('b.log'), records: 2 });
    const a = mergeTally(newTally(), b);
    a.files.get('b.log')!.records = 9;
    expect(b.files.get('b.log')!.records).toBe(2);
  });
});

describe('minTime and maxTime', () => {
  it('take the other side when one is null', () => {
    expect(minTime(null, null)).toBeNull();
    expect(minTime(null, 5)).toBe(5);
    expect(minTime(5, null)).toBe(5);
    expect(minTime(7, 5)).toBe(5);
    expect(maxTime(null, null)).toBeNull();
    expect(maxTime(null, 5)).toBe(5);
    expect(maxTime(5, null)).toBe(5);
    expect(maxTime(5, 7)).toBe(7);
  });
});
