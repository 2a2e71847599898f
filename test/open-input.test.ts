/**
 * Opening an input (openInput): gzip only behind both magic bytes, a byte-order mark taken off and its
 * encoding read, bare-CR line ends rewritten, the format detected from the content as it will be read,
 * the bytes counted before and after decompression, a byte range of a file read exactly, and when the
 * scanner may read the file itself (`direct`) and from which offset. Expected values come from the bytes
 * written, by hand.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DETECT_BYTES, HOLD_BYTES } from '../src/input/detect.js';
import { openInput, type Input, type Opened } from '../src/input/open.js';
import { newFileStat, type FileStat } from '../src/summary/tally.js';
import { tempDir } from './support/main.js';

let tmp: { dir: string; remove: () => void };
beforeAll(() => {
  tmp = tempDir('mxscan-open-');
});
afterAll(() => tmp.remove());

/** Writes `bytes` to a file named `name` and returns its path. */
function file(name: string, bytes: Buffer | string): string {
  const f = path.join(tmp.dir, name);
  writeFileSync(f, bytes);
  return f;
}

async function all(o: Opened): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of o.chunks) parts.push(c);
  return Buffer.concat(parts).toString('utf8');
}

/** Opens a file (auto format) and reads it to the end. */
async function open(name: string, bytes: Buffer | string, extra: Partial<Input> = {}): Promise<{ o: Opened; text: string; stat: FileStat }> {
  const f = file(name, bytes);
  const stat = newFileStat(name);
  const o = await openInput({ path: name, file: f, ...extra }, stat, 'auto', undefined);
  const text = await all(o);
  return { o, text, stat };
}

/** Opens standard input fed as these chunks. */
async function openStdin(chunks: readonly (Buffer | string)[]): Promise<{ o: Opened; text: string; stat: FileStat }> {
  const stat = newFileStat('(stdin)');
  const o = await openInput({ path: '(stdin)' }, stat, 'auto', Readable.from(chunks));
  const text = await all(o);
  return { o, text, stat };
}

describe('openInput: the bytes a read asks for', () => {
  it('reads a file 1 MiB at a time, or `chunk` bytes for a second look at its first records (after what detection read ahead)', async () => {
    const lines = '{"code":"storage_error","msg":"x"}\n'.repeat(80_000); // 2.8 MB
    const f = file('chunks.jsonl', lines);
    const sizes = async (chunk?: number): Promise<number[]> => {
      const o = await openInput({ path: 'chunks.jsonl', file: f }, newFileStat('chunks.jsonl'), 'auto', undefined, chunk === undefined ? {} : { chunk });
      const got: number[] = [];
      for await (const c of o.chunks) got.push(c.length);
      await o.close();
      return got;
    };
    const whole = await sizes();
    expect(Math.max(...whole.slice(1))).toBe(1024 * 1024);
    const small = await sizes(4096);
    expect(small.reduce((a, b) => a + b, 0)).toBe(Buffer.byteLength(lines));
    // The first chunk is what detection read ahead (64 KiB and one byte, at least); each one after it, 4 KiB.
    expect(Math.max(...small.slice(1))).toBe(4096);
  });
});

describe('openInput: compression and byte counts', () => {
  it('gunzips a file that starts with the gzip magic, and counts bytes read and bytes expanded', async () => {
    const plain = 'storage_error\n'.repeat(100); // 1,400 bytes
    const gz = gzipSync(plain);
    const { o, text, stat } = await open('a.log.gz', gz);
    expect(o.compressed).toBe(true);
    expect(text).toBe(plain);
    expect(stat.bytes).toBe(gz.length);
    expect(stat.expandedBytes).toBe(1400);
    expect(o.direct).toBeUndefined();
  });

  it('reads every member of a multi-member gzip file', async () => {
    const { text } = await open('m.log.gz', Buffer.concat([gzipSync('one\n'), gzipSync('two\n')]));
    expect(text).toBe('one\ntwo\n');
  });

  it('does not gunzip a file with only the first magic byte, or only the second', async () => {
    const first = await open('x1.log', Buffer.from([0x1f, 0x41, 0x0a]));
    expect(first.o.compressed).toBe(false);
    expect(first.text).toBe('\x1fA\n');
    const second = await open('x2.log', Buffer.from([0x41, 0x8b, 0x0a]));
    expect(second.o.compressed).toBe(false);
    expect(second.stat.bytes).toBe(3);
  });

  it('counts the same bytes read and expanded for a plain file, the byte-order mark included', async () => {
    const { stat, text } = await open('b.log', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('abc\n')]));
    expect(text).toBe('abc\n');
    expect(stat.bytes).toBe(7);
    expect(stat.expandedBytes).toBe(7);
  });
});

describe('openInput: encodings and line ends', () => {
  it('takes off a UTF-8 byte-order mark; the file may then be read directly from byte 3', async () => {
    const { o, text } = await open('u8.log', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('héllo\n')]));
    expect(o.encoding).toBe('utf-8');
    expect(text).toBe('héllo\n');
    expect(o.direct).toEqual({ file: path.join(tmp.dir, 'u8.log'), start: 3 });
  });

  it('reads a plain UTF-8 file directly from byte 0', async () => {
    const { o } = await open('p.log', 'abc\n');
    expect(o.direct).toEqual({ file: path.join(tmp.dir, 'p.log'), start: 0 });
  });

  it('transcodes UTF-16 LE and BE with their marks; such a file is not read directly', async () => {
    const le = await open('le.log', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('smime_error é\n', 'utf16le')]));
    expect(le.o.encoding).toBe('utf-16le');
    expect(le.text).toBe('smime_error é\n');
    expect(le.o.direct).toBeUndefined();
    const beBody = Buffer.from('smime_error é\n', 'utf16le').swap16();
    const be = await open('be.log', Buffer.concat([Buffer.from([0xfe, 0xff]), beBody]));
    expect(be.o.encoding).toBe('utf-16be');
    expect(be.text).toBe('smime_error é\n');
  });

  it('rewrites bare-CR line ends to \\n and then does not read the file directly', async () => {
    const { o, text } = await open('cr.log', 'one\rtwo\rthree');
    expect(text).toBe('one\ntwo\nthree');
    expect(o.direct).toBeUndefined();
  });

  it('reads 6,553 short \\r-ended lines and then one \\n with \\r line ends, from a file or standard input', async () => {
    // Was a bug: the \n inside the first 64 KiB made the file one line. 6,553 lone CRs against one LF.
    const bytes = 'ab\r'.repeat(6553) + 'last\n';
    const expected = 'ab\n'.repeat(6553) + 'last\n';
    const { o, text } = await open('cr-then-lf.log', bytes);
    expect(text).toBe(expected);
    expect(o.direct).toBeUndefined();
    expect((await openStdin([bytes.slice(0, 1000), bytes.slice(1000)])).text).toBe(expected);
  });

  it('keeps a lone \\r inside a file whose lines mostly end with \\n', async () => {
    const { o, text } = await open('mid-cr.log', 'a\rb\nc\nd\r\n');
    expect(text).toBe('a\rb\nc\nd\r\n');
    expect(o.direct).toBeDefined();
  });

  it('leaves CRLF and \\n files as they are', async () => {
    const { text } = await open('crlf.log', 'one\r\ntwo\r\n');
    expect(text).toBe('one\r\ntwo\r\n');
  });

  it('detects JSON lines in a bare-CR file from its lines as they will be read', async () => {
    // '{"a":1}\r{"b":2}\r': read as two lines, the first a JSON object
    const { o } = await open('cr-objects.log', '{"a":1}\r{"b":2}\r');
    expect(o.format).toBe('jsonl');
  });

  it('passes bytes that are not valid UTF-8 through unchanged in a file without a mark', async () => {
    const f = file('raw.log', Buffer.from([0x61, 0xff, 0xc3, 0x0a, 0x62]));
    const o = await openInput({ path: 'raw.log', file: f }, newFileStat('raw.log'), 'auto', undefined);
    const parts: Buffer[] = [];
    for await (const c of o.chunks) parts.push(c);
    expect([...Buffer.concat(parts)]).toEqual([0x61, 0xff, 0xc3, 0x0a, 0x62]);
  });

  it('opens an empty file as plain text with nothing in it', async () => {
    const { o, text, stat } = await open('empty.log', '');
    expect(o).toMatchObject({ format: 'text', compressed: false, encoding: 'utf-8', binary: false });
    expect(text).toBe('');
    expect(stat.bytes).toBe(0);
  });

  it('is binary when a NUL byte and a control byte come in the first 8 KiB, not otherwise', async () => {
    expect((await open('nul.log', 'abc\0\x01def\n')).o.binary).toBe(true);
    expect((await open('stray.log', 'abc\0def\n')).o.binary).toBe(false);
    expect((await open('nonul.log', 'abcdef\n')).o.binary).toBe(false);
  });
});

describe('openInput: format detection', () => {
  it('takes the format it is given over the detected one', async () => {
    const { o } = await open('given.jsonl', '{"a":1}\n', { format: 'text' });
    expect(o.format).toBe('text');
  });

  it('detects JSON lines from a whole input of one object without a newline', async () => {
    const { o } = await open('one.log', '{"code":"storage_error"}');
    expect(o.format).toBe('jsonl');
  });

  it('detects JSON lines from a first object line of 64 KiB or more, and still reads the file directly', async () => {
    // Was a bug: a first line that did not end in the first 64 KiB was never taken for a JSON object.
    const shell = '{"code":"storage_error","pad":""}';
    const exact = shell.replace('""', `"${'x'.repeat(DETECT_BYTES - shell.length)}"`);
    expect(Buffer.byteLength(exact)).toBe(DETECT_BYTES);
    expect((await open('exact.log', exact)).o.format).toBe('jsonl');
    expect((await open('longer.log', exact + ' ')).o.format).toBe('jsonl');
    const long = `{"pad":"${'x'.repeat(DETECT_BYTES)}"}\n{"b":1}\n`;
    const { o, text } = await open('long.log', long);
    expect(o.format).toBe('jsonl');
    expect(text).toBe(long);
    expect(o.direct).toEqual({ file: path.join(tmp.dir, 'long.log'), start: 0 });
  });

  it('judges a first line longer than 1 MiB by its first MiB, from a file or from standard input', async () => {
    const long = `{"code":"storage_error","msg":"${'x'.repeat(HOLD_BYTES)}"}\n{"b":1}\n`;
    expect((await open('huge.log', long)).o.format).toBe('jsonl');
    const bytes = Buffer.from(long);
    const chunks = Array.from({ length: Math.ceil(bytes.length / 65536) }, (_, i) => bytes.subarray(i * 65536, (i + 1) * 65536));
    const stdin = await openStdin(chunks);
    expect(stdin.o.format).toBe('jsonl');
    expect(stdin.text).toBe(long);
    // the same start, cut by a bare word after the object: not JSON as far as the first MiB goes
    expect((await open('huge-text.log', `{"a":1} ${'x'.repeat(HOLD_BYTES)}\n{"b":1}\n`)).o.format).toBe('text');
  });

  it('does not take a first line for an object when it goes on past the object, however it is chunked', async () => {
    // '{"a":1}' then 70,000 spaces and "x" on the same line: the line is not a JSON object, though its
    // first 64 KiB are (read as one file, or as 1 KiB chunks, 64 of which end exactly at 64 KiB)
    const line = `{"a":1}${' '.repeat(70_000)}x\n`;
    expect((await open('spaces.log', line)).o.format).toBe('text');
    const bytes = Buffer.from(line);
    const chunks = Array.from({ length: Math.ceil(bytes.length / 1024) }, (_, i) => bytes.subarray(i * 1024, (i + 1) * 1024));
    expect((await openStdin(chunks)).o.format).toBe('text');
  });

  it('detects JSON lines when the first object line ends inside the detection limit, far longer input or not', async () => {
    const text = `{"a":1}\n${'{"pad":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}\n'.repeat(3000)}`;
    const { o } = await open('big.log', text);
    expect(o.format).toBe('jsonl');
  });

  it('detects the same format from standard input whatever its chunks', async () => {
    const lines = '{"a":1}\n{"b":2}\n';
    expect((await openStdin([lines])).o.format).toBe('jsonl');
    expect((await openStdin(lines.split(''))).o.format).toBe('jsonl');
    expect((await openStdin(['{"a"', ':1}'])).o.format).toBe('jsonl');
  });
});

describe('openInput: standard input', () => {
  it('reads standard input given as strings (a stream set to an encoding) as bytes', async () => {
    const { o, text, stat } = await openStdin(['héllo ', 'world\n']);
    expect(text).toBe('héllo world\n');
    expect(stat.bytes).toBe(13);
    expect(o.direct).toBeUndefined();
  });

  it('gunzips standard input behind the gzip magic, however it is chunked', async () => {
    const gz = gzipSync('storage_error\n');
    const { o, text } = await openStdin([gz.subarray(0, 1), gz.subarray(1, 5), gz.subarray(5)]);
    expect(o.compressed).toBe(true);
    expect(text).toBe('storage_error\n');
  });

  it('reads what a file with the same bytes reads, however the bytes are chunked', async () => {
    // Short and long lines (past 64 KiB, past 1 MiB), JSON and not, every kind of line end.
    const piece = fc.constantFrom('{"a":1}', 'plain', '\r', '\n', '\r\n', ' ', 'x'.repeat(30_000), `{"m":"${'y'.repeat(70_000)}"}`, `{"m":"${'z'.repeat(1_100_000)}`);
    let k = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 12 }), fc.array(fc.integer({ min: 1, max: 200_000 }), { minLength: 1, maxLength: 5 }), async (pieces, sizes) => {
        const bytes = Buffer.from(pieces.join(''));
        const fromFile = await open(`same-${k++}.log`, bytes);
        const chunks: Buffer[] = [];
        for (let at = 0, i = 0; at < bytes.length; at += sizes[i++ % sizes.length]!) chunks.push(bytes.subarray(at, at + sizes[i % sizes.length]!));
        const fromStdin = await openStdin(chunks);
        expect(fromStdin.o.format).toBe(fromFile.o.format);
        expect(fromStdin.text).toBe(fromFile.text);
      }),
      { numRuns: 40, seed: 11 },
    );
  });
});

describe('openInput: a byte range of a file', () => {
  const body = 'line one\nline two\nline three\n'; // lines start at bytes 0, 9, 18; 29 bytes

  it('reads the first range from its start to just before its end, detects the format, and may read directly', async () => {
    const f = file('r0.log', body);
    const stat = newFileStat('r0.log');
    const o = await openInput({ path: 'r0.log', file: f, range: { start: 0, end: 9 } }, stat, 'auto', undefined);
    expect(await all(o)).toBe('line one\n');
    expect(stat.bytes).toBe(9);
    expect(o.direct).toEqual({ file: f, start: 0, end: 9 });
  });

  it('reads a later range in the format it is given, counted, directly from its start to its end', async () => {
    const f = file('r1.log', body);
    const stat = newFileStat('r1.log');
    const o = await openInput({ path: 'r1.log', file: f, range: { start: 9, end: 18 }, format: 'jsonl' }, stat, 'auto', undefined);
    expect(o).toMatchObject({ format: 'jsonl', compressed: false, encoding: 'utf-8', binary: false });
    expect(o.direct).toEqual({ file: f, start: 9, end: 18 });
    expect(await all(o)).toBe('line two\n');
    expect(stat.bytes).toBe(9);
    expect(stat.expandedBytes).toBe(9);
  });

  it('reads the first range of a file in a known format like a whole file: its byte-order mark is taken off', async () => {
    const f = file('r3.log', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)]));
    const o = await openInput({ path: 'r3.log', file: f, range: { start: 0, end: 12 }, format: 'text' }, newFileStat('r3.log'), 'auto', undefined);
    expect(await all(o)).toBe('line one\n');
    expect(o.direct).toEqual({ file: f, start: 3, end: 12 });
  });

  it('does not sniff a later range: a NUL in it does not make the file binary', async () => {
    const f = file('r4.log', 'line one\nli\0e two\nline three\n');
    const o = await openInput({ path: 'r4.log', file: f, range: { start: 9, end: 18 }, format: 'text' }, newFileStat('r4.log'), 'auto', undefined);
    expect(o.binary).toBe(false);
    expect(await all(o)).toBe('li\0e two\n');
  });

  it('opens a later range without a known format like a whole file', async () => {
    const f = file('r2.log', body);
    const stat = newFileStat('r2.log');
    const o = await openInput({ path: 'r2.log', file: f, range: { start: 18, end: 29 } }, stat, 'auto', undefined);
    expect(o.format).toBe('text');
    expect(await all(o)).toBe('line three\n');
    expect(o.direct).toEqual({ file: f, start: 18, end: 29 });
  });
});

describe('openInput: close', () => {
  it.skipIf(!existsSync('/proc/self/fd'))('closes the file of a later range that was never read through its stream', async () => {
    const f = file('ranges.log', 'a storage_error\n'.repeat(1000));
    const open = (): number => readdirSync('/proc/self/fd').length;
    const before = open();
    for (let i = 0; i < 20; i++) {
      const o = await openInput({ path: 'ranges.log', file: f, range: { start: 16 * 10, end: 16 * 20 }, format: 'text' }, newFileStat('ranges.log'), 'auto', undefined);
      await o.close();
    }
    // Let the streams' close finish.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(open()).toBeLessThanOrEqual(before);
  });

  it('stops reading: after close, nothing past what detection read ahead is read', async () => {
    // 20,000 lines of 100 bytes, one a chunk; plain text with no escape sequence is read until detection holds
    // 1 MiB and one more byte (as a file's first read: see sniff): 10,486 chunks, 1,048,600 bytes
    const stat = newFileStat('(stdin)');
    const chunks = Array.from({ length: 20_000 }, () => Buffer.from('a'.repeat(99) + '\n'));
    const o = await openInput({ path: '(stdin)' }, stat, 'auto', Readable.from(chunks));
    await o.close();
    const text = await all(o);
    expect(stat.bytes).toBe(1_048_600);
    expect(text.length).toBe(1_048_600);
  });

  it('holds at most 1 MiB (and one byte) of a first line however long it is', async () => {
    // 20,000 chunks of 100 bytes without a newline: 10,486 chunks hold 1 MiB and one more byte
    const stat = newFileStat('(stdin)');
    const chunks = Array.from({ length: 20_000 }, () => Buffer.alloc(100, 'a'));
    const o = await openInput({ path: '(stdin)' }, stat, 'auto', Readable.from(chunks));
    expect(o.format).toBe('text');
    await o.close();
    expect(stat.bytes).toBe(1_048_600);
  });
});
