/**
 * The plain-text line reader (readLines) and the guard in front of it (LineGuard), on small inputs fed
 * in chosen chunks. What is proved: the line numbers, the text of each line (one `\r` taken off), which
 * lines are skipped as over-long — exactly at the limit, one byte past it, whether the line sits in one
 * chunk or is spread over several — and what a read error leaves counted. Every expected list is written
 * by hand from the input.
 */
import { describe, expect, it } from 'vitest';
import { LineGuard, readLines } from './oracle/lines.js';
import { runMain } from './support/cli.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts; src/scan.ts is mocked
// by the setup file of the project these tests run in, test/support/oracle-mock.ts).

async function* source(chunks: readonly string[], fail?: Error): AsyncGenerator<Buffer> {
  for (const c of chunks) yield Buffer.from(c, 'utf8');
  if (fail !== undefined) throw fail;
}

/** Each line as `n:text`, or `n:SKIPPED` for a line dropped as over-long. */
async function lines(chunks: readonly string[], max: number): Promise<string[]> {
  const out: string[] = [];
  for await (const l of readLines(source(chunks), max)) out.push(l.skipped ? `${l.line}:SKIPPED` : `${l.line}:${l.text}`);
  return out;
}

/** What a LineGuard lets through for these chunks, as one string, and the line numbers it dropped. */
function guard(chunks: readonly string[], max: number, broke = false): { through: string; skipped: number[] } {
  const g = new LineGuard(max);
  const parts: Buffer[] = [];
  for (const c of chunks) parts.push(...g.feed(Buffer.from(c, 'utf8')));
  parts.push(...g.end(broke));
  return { through: Buffer.concat(parts).toString('utf8'), skipped: g.skipped };
}

describe('readLines', () => {
  it('numbers lines from 1 and takes off the line end, one \\r of it at most', async () => {
    expect(await lines(['one\ntwo\r\nthree\r\r\nfour'], 100)).toEqual(['1:one', '2:two', '3:three\r', '4:four']);
  });

  it('joins a line split over chunks, the newline alone in its own chunk included', async () => {
    expect(await lines(['ab', 'c', '\n', 'de', 'f\ng'], 100)).toEqual(['1:abc', '2:def', '3:g']);
  });

  it('gives no line for an empty input, and an empty line for each empty line', async () => {
    expect(await lines([], 100)).toEqual([]);
    expect(await lines(['\n\nx\n'], 100)).toEqual(['1:', '2:', '3:x']);
  });

  it('keeps a line of exactly the limit and skips one a byte longer, in one chunk', async () => {
    // limit 5: "12345" is 5 bytes (kept), "123456" is 6 (skipped); the lines after keep their numbers
    expect(await lines(['12345\n123456\nok\n'], 5)).toEqual(['1:12345', '2:SKIPPED', '3:ok']);
  });

  it('counts a \\r before the \\n toward the limit', async () => {
    // "1234\r" is 5 bytes: kept at limit 5; "12345\r" is 6: skipped
    expect(await lines(['1234\r\n12345\r\nok'], 5)).toEqual(['1:1234', '2:SKIPPED', '3:ok']);
  });

  it('keeps a line of exactly the limit spread over chunks, and skips one a byte longer', async () => {
    expect(await lines(['12', '345\nnext\n'], 5)).toEqual(['1:12345', '2:next']);
    expect(await lines(['12', '3456\nnext\n'], 5)).toEqual(['1:SKIPPED', '2:next']);
    // the line goes on over three chunks before its newline
    expect(await lines(['12', '3', '45\nnext\n'], 5)).toEqual(['1:12345', '2:next']);
    expect(await lines(['12', '3', '456\nnext\n'], 5)).toEqual(['1:SKIPPED', '2:next']);
    // the chunk without a newline alone brings it past the limit
    expect(await lines(['12', '3456', '\nnext\n'], 5)).toEqual(['1:SKIPPED', '2:next']);
    expect(await lines(['12', '345', '\nnext\n'], 5)).toEqual(['1:12345', '2:next']);
  });

  it('keeps a line that ends a chunk unfinished at exactly the limit, and skips one a byte longer', async () => {
    expect(await lines(['a\n12345', '\nb\n'], 5)).toEqual(['1:a', '2:12345', '3:b']);
    expect(await lines(['a\n123456', '\nb\n'], 5)).toEqual(['1:a', '2:SKIPPED', '3:b']);
    expect(await lines(['a\n123456', '789\nb\n'], 5)).toEqual(['1:a', '2:SKIPPED', '3:b']);
  });

  it('drops a long line that runs over many chunks once, and numbers the lines after it right', async () => {
    expect(await lines(['x\n', 'aaaaaaa', 'aaaaaaa', 'aaaaaaa', 'aa\ny\n', 'z'], 5)).toEqual(['1:x', '2:SKIPPED', '3:y', '4:z']);
  });

  it('skips several long lines of one chunk and keeps the short ones between them', async () => {
    expect(await lines(['aaaaaaa\nb\ncccccccc\nd\n'], 5)).toEqual(['1:SKIPPED', '2:b', '3:SKIPPED', '4:d']);
  });

  it('counts an over-long last line without a newline as a skipped line', async () => {
    expect(await lines(['a\n', '1234567'], 5)).toEqual(['1:a', '2:SKIPPED']);
    expect(await lines(['a\n', '12', '34567'], 5)).toEqual(['1:a', '2:SKIPPED']);
  });

  it('reads a kept line after a skipped one in the same later chunk whole', async () => {
    // line 2 is carried ("ab"), ends in the next chunk; line 3 follows in that chunk
    expect(await lines(['x\nab', 'c\ndef\n'], 5)).toEqual(['1:x', '2:abc', '3:def']);
  });

  it('numbers a long line right when it follows a line carried over a chunk end', async () => {
    // line 2 "abc" is carried from the first chunk; line 3 (8 bytes) is too long
    expect(await lines(['x\nab', 'c\nlonglong\nz\n'], 5)).toEqual(['1:x', '2:abc', '3:SKIPPED', '4:z']);
  });

  it('counts a long line over many chunks once, so a later long line is still skipped at its own number', async () => {
    expect(await lines(['x\n', 'aaaaaaa', 'aaaaaaa', 'aa\nlonglong\nz\n'], 5)).toEqual(['1:x', '2:SKIPPED', '3:SKIPPED', '4:z']);
  });

  it('gives the lines read before a read error, then raises the error; the cut last line is not a line', async () => {
    const fail = new Error('unexpected end of file');
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const l of readLines(source(['one\ntwo\nthr'], fail), 100)) seen.push(`${l.line}:${l.text}`);
      })(),
    ).rejects.toBe(fail);
    expect(seen).toEqual(['1:one', '2:two']);
  });
});

describe('LineGuard', () => {
  it('lets short lines through unchanged, the unfinished end of a chunk held back until its newline', () => {
    const g = new LineGuard(10);
    expect(Buffer.concat(g.feed(Buffer.from('ab\ncd'))).toString()).toBe('ab\n');
    expect(Buffer.concat(g.feed(Buffer.from('e\n'))).toString()).toBe('cde\n');
    expect(g.end(false)).toEqual([]);
    expect(g.skipped).toEqual([]);
  });

  it('puts an empty line where a long line was and records its number', () => {
    expect(guard(['a\nlonglonglong\nb\n'], 5)).toEqual({ through: 'a\n\nb\n', skipped: [2] });
    expect(guard(['a\nlong', 'longlong', 'long\nb\n'], 5)).toEqual({ through: 'a\n\nb\n', skipped: [2] });
  });

  it('ends with the unfinished last line, or a placeholder for a dropped one, or nothing when the input broke off', () => {
    expect(guard(['a\nbc'], 5)).toEqual({ through: 'a\nbc', skipped: [] });
    expect(guard(['a\nb', 'c'], 5)).toEqual({ through: 'a\nbc', skipped: [] });
    expect(guard(['a\nbcdefgh'], 5)).toEqual({ through: 'a\n-', skipped: [2] });
    expect(guard(['a\nbc'], 5, true)).toEqual({ through: 'a\n', skipped: [] });
    expect(guard(['a\nbcdefgh'], 5, true)).toEqual({ through: 'a\n', skipped: [2] });
  });

  it('never returns an empty part', () => {
    const g = new LineGuard(3);
    for (const c of ['\n', 'abcdef\n', 'ab', 'cdef', '\n\n']) for (const part of g.feed(Buffer.from(c))) expect(part.length).toBeGreaterThan(0);
  });
});

describe('over-long lines of plain text, through the command line with the oracle (the record readers)', () => {
  it('counts the codes of the kept lines, the skipped lines, and the right line numbers after them', async () => {
    // limit 13: line 1 "storage_error" (13 bytes, over two chunks) kept; line 2 "smime_error padding padding pad"
    // (31 bytes) skipped, its code not counted; line 3 "storage_error" kept
    const stdin = [Buffer.from('storage_e'), Buffer.from('rror\nsmime_error '), Buffer.from('padding padding pad\nstorage_error\n')];
    const r = await runMain(['scan', '-', '--max-line-length', '13', '-j', '1', '--quiet'], { stdin, engine: 'oracle' });
    expect(r.code).toBe(0);
    expect(r.report.files[0]).toMatchObject({ records: 3, skippedLines: 1, matches: 2 });
    expect(r.report.codes.map((c) => [c.code, c.count, c.samples.map((s) => s.line)])).toEqual([['storage_error', 2, [1, 3]]]);
  });
});
