/**
 * firstRecords (src/input/first-records.ts): an input's records cut again by the engine's splitters, for the
 * input notes' look at the fields a structured input holds and at what its times look like. Small inputs fed
 * in chosen chunks, each expected list written by hand; then, on random inputs and chunks, the same records
 * as the oracle's record readers (test/oracle/read.ts) give.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstRecords } from '../src/input/first-records.js';
import type { Delimiter, InputFormat, RawRecord } from '../src/model/record.js';
import { recordReader } from './oracle/read.js';

async function* source(chunks: readonly (string | Buffer)[], fail?: Error): AsyncGenerator<Buffer> {
  for (const c of chunks) yield typeof c === 'string' ? Buffer.from(c, 'utf8') : c;
  if (fail !== undefined) throw fail;
}

/** A record as `line:text`, `line:SKIPPED`, `line:BAD:text`, or `line:{name=value,…}` for one with fields. */
function show(r: RawRecord): string {
  if (r.skipped === true) return `${r.line}:SKIPPED`;
  if (r.malformed === true) return `${r.line}:BAD:${r.text}`;
  const names = r.fields?.names?.();
  if (names !== undefined) return `${r.line}:{${names.map((n) => `${n}=${JSON.stringify(r.fields!.get(n))}`).join(',')}}`;
  return `${r.line}:${r.text}`;
}

async function records(format: InputFormat, chunks: readonly (string | Buffer)[], max = 100, delimiter?: Delimiter, paths?: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for await (const r of firstRecords(format, source(chunks), max, delimiter, paths === undefined ? undefined : { paths })) out.push(show(r));
  return out;
}

describe('firstRecords: lines (plain text and JSON lines)', () => {
  it('numbers lines from 1 over chunks and takes off the line end, one \\r of it at most', async () => {
    expect(await records('text', ['on', 'e\ntwo\r', '\nthree\r\r\nfour'])).toEqual(['1:one', '2:two', '3:three\r', '4:four']);
    // No record for the end of an input that ends with its line end.
    expect(await records('text', ['a\n\nb\n'])).toEqual(['1:a', '2:', '3:b']);
  });

  it('keeps a line of exactly the limit, skips one a byte longer (its \\r counted), wherever it lies', async () => {
    expect(await records('text', ['abc\nabcd\nab\r\nabc\r\nz'], 3)).toEqual(['1:abc', '2:SKIPPED', '3:ab', '4:SKIPPED', '5:z']);
    // Spread over chunks with no line break: dropped as it streams, the next line still line 2.
    expect(await records('text', ['abcd', 'efgh', 'ijkl', '\nok'], 3)).toEqual(['1:SKIPPED', '2:ok']);
    // The last line, over-long and without a line end, is still one record.
    expect(await records('text', ['x\nabcdefgh'], 3)).toEqual(['1:x', '2:SKIPPED']);
  });

  it('decodes a UTF-8 character split between chunks', async () => {
    const e = Buffer.from('é\n', 'utf8');
    expect(await records('text', [e.subarray(0, 1), e.subarray(1)])).toEqual(['1:é']);
  });

  it('parses JSON lines: fields by name; a blank line has none; one that does not parse is malformed', async () => {
    expect(await records('jsonl', ['{"level":"INFO","ts":"2026-04-07"}\n  \nnot json\n[1]\n'])).toEqual([
      '1:{level="INFO",ts="2026-04-07"}',
      '2:  ',
      '3:BAD:not json',
      '4:[1]',
    ]);
  });

  it('gives the records read before a read error, then raises it (a cut last line is no record)', async () => {
    const seen: string[] = [];
    await expect(async () => {
      for await (const r of firstRecords('text', source(['one\ntwo\nthr'], new Error('unexpected end of file')), 100)) seen.push(show(r));
    }).rejects.toThrow('unexpected end of file');
    expect(seen).toEqual(['1:one', '2:two']);
  });
});

describe('firstRecords: CSV', () => {
  it('takes the header as the names, reads rows by them, and marks a row of another width malformed', async () => {
    expect(await records('csv', ['Date,Message\r\n"Tue 7th Apr, 9.14am",hello\n', '1,2,3\n"two\nlines",x\n'])).toEqual([
      '2:{Date="Tue 7th Apr, 9.14am",Message="hello"}',
      '3:BAD:1,2,3',
      '4:{Date="two\\nlines",Message="x"}',
    ]);
  });

  it('splits by the delimiter it is given', async () => {
    expect(await records('csv', ['Date;Message\n"a;b";c\n'], 100, ';')).toEqual(['2:{Date="a;b",Message="c"}']);
    expect(await records('csv', ['Date;Message\n"a;b";c\n'])).toEqual(['2:BAD:"a;b";c']);
  });

  it('skips a record longer than the limit, record by record', async () => {
    expect(await records('csv', ['a,b\n1,2\n"long\n', 'value",3\n4,5\n'], 8)).toEqual(['2:{a="1",b="2"}', '3:SKIPPED', '5:{a="4",b="5"}']);
  });
});

describe('firstRecords: JSON arrays and wrapped exports', () => {
  it('gives each element of an array, on the line of its first byte', async () => {
    expect((await records('json', ['[{"a":1},\n', ' {"b":', '"x"}]\n'])).map((r) => r.replace(/\{.*\}$/, 'OBJ'))).toEqual(['1:OBJ', '2:OBJ']);
    const got: unknown[] = [];
    for await (const r of firstRecords('json', source(['[{"a":1},\n {"b":"x"}]']), 100)) got.push(r.fields?.get('b'));
    expect(got).toEqual([undefined, 'x']);
  });

  it('gives the records of a wrapped export, under the path asked for, looked into as an export\'s', async () => {
    const wrapped = '{"nextToken":"t","events":[{"message":"{\\"ts\\":\\"2026\\"}"}]}';
    const texts: unknown[] = [];
    for await (const r of firstRecords('json', source([wrapped]), 1000)) texts.push(r.fields?.get('ts'));
    expect(texts).toEqual(['2026']);
    const rows: unknown[] = [];
    for await (const r of firstRecords('json', source(['{"rows":[{"a":1},{"a":2}]}']), 1000, ',', { paths: ['rows'] })) rows.push(r.fields?.get('a'));
    expect(rows).toEqual([1, 2]);
  });

  it('reads input that is not an array as JSON lines, from its first byte', async () => {
    expect(await records('json', ['{"a":1}\n{"b":2}\n'])).toEqual(['1:{a=1}', '2:{b=2}']);
  });
});

/** What the oracle's record readers give for the same bytes and limit. */
async function oracle(format: InputFormat, chunks: readonly Buffer[], max: number): Promise<string[]> {
  const out: string[] = [];
  for await (const r of recordReader(format)(source(chunks), max)) out.push(show(r));
  return out;
}

const PIECES = ['{"a":1}', '{"ts":"2026-04-07T09:14:00Z","msg":"x"}', 'plain words', '', '  ', 'a,b', '"q,\n"', '[', ']', ',', '\r', 'é', 'x'.repeat(20), '{"events":[', '}'];
const input = fc.array(fc.tuple(fc.constantFrom(...PIECES), fc.constantFrom('\n', '\r\n', '', ',')), { maxLength: 12 }).map((parts) => Buffer.from(parts.map(([p, e]) => p + e).join(''), 'utf8'));

/** Cut points for `bytes`, as chunks. */
function cut(bytes: Buffer, points: number[]): Buffer[] {
  const at = [...new Set(points.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let from = 0;
  for (const p of [...at, bytes.length]) {
    if (p > from) out.push(bytes.subarray(from, p));
    from = Math.max(from, p);
  }
  return out;
}

describe('firstRecords and the oracle\'s record readers', () => {
  it('give the same records for any input, chunks and limit, in every format', async () => {
    await fc.assert(
      fc.asyncProperty(input, fc.array(fc.nat(), { maxLength: 4 }), fc.integer({ min: 4, max: 64 }), fc.constantFrom<InputFormat>('text', 'jsonl', 'csv', 'json'), async (bytes, points, max, format) => {
        const chunks = cut(bytes, points);
        expect(await records(format, chunks, max)).toEqual(await oracle(format, chunks, max));
      }),
      { numRuns: 300 },
    );
  });
});
