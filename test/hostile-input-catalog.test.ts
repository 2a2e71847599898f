/**
 * Broken and hostile input: catalog files (--catalog) — invalid entries rejected in one line naming the
 * file, entry and field; prototype keys as data; huge, deep and long catalogs. Every expected value below is
 * worked out by hand from the rules (README / the brief), never copied from mxscan's output.
 *
 * Each case checks: exit code, file status, records/matches/codes, the one stderr line that names the file,
 * and that stderr holds no stack trace. Cases whose memory matters run the built bin (dist/bin.js, build it
 * first) as a subprocess and read its peak RSS.
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counts, runMain, tempDir, type Run } from './support/cli.js';
import { bad, MiB, expectClean } from './support/hostile.js';

describe('catalog files (--catalog)', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('catalog');
    writeFileSync(path.join(dir, 'app.log'), 'x proto_keys_code polluted_code inherited_code\ny code_0 code_99999 big_description_code\nz constructor __proto__ toString\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const entry = (o: Record<string, unknown>): Record<string, unknown> => ({ module: 'm', code: 'my_code', type: 't', level: 'ERROR', description: 'd', action: 'a', ...o });
  const write = (name: string, text: string): string => {
    writeFileSync(path.join(dir, name), text);
    return name;
  };
  const scanWith = (catalog: string): Promise<Run> => runMain(['scan', 'app.log', '--catalog', catalog, '-j', '1'], { cwd: dir });

  /** One stderr line: `mxscan: bad catalog FILE: entry N, field "F": …`, exit 2, no report. */
  const expectRejected = (r: Run, file: string, where: RegExp): void => {
    expectClean(r, 2);
    const lines = r.err.split('\n').filter((l) => l !== '');
    expect(lines, r.err).toHaveLength(1);
    expect(lines[0]).toContain(file);
    expect(lines[0]).toMatch(where);
    expect(r.out).toBe('');
  };

  const rejected: [string, RegExp][] = [
    ['catalog-bad-level.json', /entry 1, field "level"/],
    ['catalog-number-code.json', /entry 2, field "code": expected a string/],
    ['catalog-missing-field.json', /entry 0, field "action": missing/],
    ['catalog-duplicate.json', /entry 1, field "code": duplicate of entry 0/],
    ['catalog-proto-only.json', /entry 0, field "(module|code|type|level|description|action)": missing/],
    ['catalog-not-array.json', /expected a JSON array/],
    ['catalog-invalid-json.json', /not valid JSON/],
  ];
  for (const [name, where] of rejected) {
    it(`rejects fixtures/bad/${name} in one line naming the file, entry and field (exit 2)`, async () => {
      const r = await runMain(['scan', bad('no-final-newline.log'), '--catalog', bad(name), '-j', '1']);
      expectRejected(r, bad(name), where);
    });
  }

  it('takes "__proto__" and "constructor" keys as data: the entry is valid, nothing is polluted', async () => {
    const r = await runMain(['scan', path.join(dir, 'app.log'), '--catalog', bad('catalog-proto-keys.json'), '--no-builtin-catalog', '-j', '1']);
    expectClean(r, 0);
    expect(r.report.codes.map((c) => [c.code, c.level, c.count])).toEqual([['proto_keys_code', 'WARN', 1]]);
    expect(({} as Record<string, unknown>)['code']).toBeUndefined();
    expect(({} as Record<string, unknown>)['level']).toBeUndefined();
  });

  it('accepts "constructor" and "__proto__" as codes and counts them', async () => {
    const f = write('proto-codes.json', JSON.stringify([entry({ code: 'constructor', level: 'INFO' }), entry({ code: '__proto__', level: 'WARN' })]));
    const r = await runMain(['scan', 'app.log', '--catalog', f, '--no-builtin-catalog', '-j', '1'], { cwd: dir });
    expectClean(r, 0);
    expect(r.report.codes.map((c) => [c.code, c.count])).toEqual([
      ['__proto__', 1],
      ['constructor', 1],
    ]);
    expect(r.report.unknownCodes).toEqual([]);
  });

  it('accepts a 1 MB description and rejects a 1 MB code in one line', async () => {
    const ok = await scanWith(write('big-description.json', JSON.stringify([entry({ code: 'big_description_code', description: 'd'.repeat(MiB) })])));
    expectClean(ok, 0);
    expect(ok.report.codes.find((c) => c.code === 'big_description_code')!.description).toHaveLength(MiB);
    const r = await scanWith(write('big-code.json', JSON.stringify([entry({ code: 'a_' + 'b'.repeat(MiB) })])));
    expectRejected(r, 'big-code.json', /entry 0, field "code"/);
    expect(r.err.length).toBeLessThan(500);
  });

  it('survives deep nesting: a 100,000-deep array as an entry is rejected, as an extra field it is ignored', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const r = await scanWith(write('deep-entry.json', `[${deep}]`));
    expectRejected(r, 'deep-entry.json', /entry 0/);
    const e = JSON.stringify(entry({ code: 'code_0' }));
    const ok = await scanWith(write('deep-field.json', `[${e.slice(0, -1)},"extra":${deep}}]`));
    expectClean(ok, 0);
    expect(counts(ok.report)['code_0']).toBe(1);
  });

  it('loads 100,000 entries fast, and names the bad one when the last entry is bad', async () => {
    const many = Array.from({ length: 100_000 }, (_, i) => entry({ code: `code_${i}`, level: i % 2 === 0 ? 'WARN' : 'INFO' }));
    const t = Date.now();
    const ok = await scanWith(write('many.json', JSON.stringify(many)));
    expect(Date.now() - t).toBeLessThan(15_000);
    expectClean(ok, 0);
    expect(counts(ok.report)).toEqual({ code_0: 1, code_99999: 1 });
    many[99_999] = entry({ code: 'code_99999', level: 'SEVERE' });
    const r = await scanWith(write('many-bad.json', JSON.stringify(many)));
    expectRejected(r, 'many-bad.json', /entry 99999, field "level"/);
  });
});
