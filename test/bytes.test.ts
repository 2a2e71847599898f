/**
 * The byte stages under openInput: reading ahead without losing bytes (Peeker), UTF-16 to UTF-8 across
 * chunk boundaries, bare-CR line ends to `\n`, and byte counting. Inputs are fed in chosen chunks; each
 * expected value is written by hand from them.
 */
import { describe, expect, it } from 'vitest';
import { Peeker, counted, crToLf } from '../src/input/bytes.js';
import { utf16ToUtf8 } from '../src/input/utf16.js';

async function* source(chunks: readonly (Buffer | string)[], fail?: Error): AsyncGenerator<Buffer> {
  for (const c of chunks) yield Buffer.isBuffer(c) ? c : Buffer.from(c, 'utf8');
  if (fail !== undefined) throw fail;
}

async function collect(it: AsyncIterable<Buffer>): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const c of it) out.push(c);
  return out;
}

const text = (parts: Buffer[]): string => Buffer.concat(parts).toString('utf8');

/** An iterator that records how many times it was asked for a chunk. */
function pulls(chunks: readonly string[]): { iter: AsyncIterator<Buffer>; count: () => number } {
  let n = 0;
  const inner = source(chunks);
  return {
    iter: {
      next: () => {
        n++;
        return inner.next();
      },
    },
    count: () => n,
  };
}

describe('Peeker', () => {
  it('reads whole chunks until it holds n bytes, and no further', async () => {
    const p = pulls(['ab', 'cd', 'ef', 'gh']);
    const peek = new Peeker(p.iter);
    expect((await peek.head(3)).toString()).toBe('abcd');
    expect(p.count()).toBe(2);
    expect(peek.done).toBe(false);
    // exactly n bytes already held: nothing more is read
    expect((await peek.head(4)).toString()).toBe('abcd');
    expect(p.count()).toBe(2);
  });

  it('gives fewer bytes at the end of the source and is then done', async () => {
    const peek = new Peeker(source(['ab', 'c']));
    expect((await peek.head(10)).toString()).toBe('abc');
    expect(peek.done).toBe(true);
  });

  it('gives an empty buffer for an empty source, and skips empty chunks', async () => {
    expect((await new Peeker(source([])).head(4)).length).toBe(0);
    const peek = new Peeker(source(['', 'ab', '', 'cd']));
    expect((await peek.head(3)).toString()).toBe('abcd');
    expect(text(await collect(peek.chunks()))).toBe('abcd');
  });

  it('gives every byte again through chunks(): what was read ahead, then the rest', async () => {
    const peek = new Peeker(source(['ab', 'cd', 'ef']));
    await peek.head(2);
    expect(text(await collect(peek.chunks()))).toBe('abcdef');
  });

  it('drops the first n bytes on skip, and nothing on skip(0)', async () => {
    const peek = new Peeker(source(['\xff\xfeab', 'cd']));
    const head = await peek.head(4);
    expect(head.length).toBe(6); // 'ÿþ' are two bytes each in UTF-8
    peek.skip(4);
    expect(text(await collect(peek.chunks()))).toBe('abcd');
    const none = new Peeker(source(['abc']));
    await none.head(1);
    none.skip(0);
    expect(text(await collect(none.chunks()))).toBe('abc');
  });

  it('keeps a read error met while reading ahead, and raises it after the bytes read before it', async () => {
    const fail = new Error('boom');
    const peek = new Peeker(source(['ab', 'cd'], fail));
    expect((await peek.head(100)).toString()).toBe('abcd');
    expect(peek.done).toBe(true);
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const c of peek.chunks()) seen.push(c.toString());
      })(),
    ).rejects.toBe(fail);
    expect(seen.join('')).toBe('abcd');
  });

  it('does not ask a finished source for more', async () => {
    const p = pulls(['ab']);
    const peek = new Peeker(p.iter);
    await peek.head(10);
    const n = p.count();
    await collect(peek.chunks());
    expect(p.count()).toBe(n);
  });
});

describe('utf16ToUtf8', () => {
  it('transcodes little- and big-endian text', async () => {
    const le = Buffer.from('storage_error é €\n', 'utf16le');
    expect(text(await collect(utf16ToUtf8(source([le]), 'utf-16le')))).toBe('storage_error é €\n');
    const be = Buffer.from('smime_error ü\n', 'utf16le').swap16();
    expect(text(await collect(utf16ToUtf8(source([be]), 'utf-16be')))).toBe('smime_error ü\n');
  });

  it('keeps a code unit and a surrogate pair whole when they are split across chunks', async () => {
    const le = Buffer.from('a😀b', 'utf16le'); // 2 + 4 + 2 bytes
    const one = [le.subarray(0, 1), le.subarray(1, 3), le.subarray(3, 5), le.subarray(5)];
    const out = await collect(utf16ToUtf8(source(one), 'utf-16le'));
    expect(text(out)).toBe('a😀b');
    // a chunk that completes no character gives no chunk
    for (const c of out) expect(c.length).toBeGreaterThan(0);
  });

  it('ends a dangling odd byte as a replacement character', async () => {
    const le = Buffer.concat([Buffer.from('ab', 'utf16le'), Buffer.from([0x63])]);
    expect(text(await collect(utf16ToUtf8(source([le]), 'utf-16le')))).toBe('ab\ufffd');
  });

  it('gives nothing for nothing', async () => {
    expect(await collect(utf16ToUtf8(source([]), 'utf-16le'))).toEqual([]);
  });
});

describe('crToLf', () => {
  it('makes each \\r a \\n, and a \\r\\n pair one \\n', async () => {
    expect(text(await collect(crToLf(source(['a\rb\r\nc\n\rd\r\re']))))).toBe('a\nb\nc\n\nd\n\ne');
  });

  it('keeps a \\r\\n pair split across chunks one line end', async () => {
    expect(text(await collect(crToLf(source(['a\r', '\nb\r', '\n', 'c']))))).toBe('a\nb\nc');
  });

  it('gives no empty chunk for a chunk that was only the \\n of a pair', async () => {
    const out = await collect(crToLf(source(['a\r', '\n', 'b'])));
    expect(out.map((c) => c.toString())).toEqual(['a\n', 'b']);
  });

  it('keeps a \\n at the very start, with no \\r before it', async () => {
    expect(text(await collect(crToLf(source(['\nx\r']))))).toBe('\nx\n');
  });

  it('takes only the one \\n that follows a \\r as its pair: a second \\n is a line end of its own', async () => {
    expect(text(await collect(crToLf(source(['a\r\n\nb\r\n', '\nc']))))).toBe('a\n\nb\n\nc');
  });

  it('does not join a \\r to a \\n that comes after other bytes', async () => {
    expect(text(await collect(crToLf(source(['a\r', 'x\n']))))).toBe('a\nx\n');
  });
});

describe('counted', () => {
  it('passes every chunk on unchanged and counts its length', async () => {
    const sizes: number[] = [];
    const out = await collect(counted(source(['abc', '', 'é']), (n) => sizes.push(n)));
    expect(out.map((c) => c.toString())).toEqual(['abc', '', 'é']);
    expect(sizes).toEqual([3, 0, 2]);
  });
});
