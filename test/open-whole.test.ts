/**
 * A small file read whole (readWhole) is opened from its bytes, without a stream, when they are its content:
 * the same format, encoding, binary verdict, CSV dialect, byte counts and direct offset as the stream gives
 * for the same bytes. Expected values come from the bytes written, by hand.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DETECT_BYTES } from '../src/input/detect.js';
import { openInput, type Opened } from '../src/input/open.js';
import { newFileStat } from '../src/summary/tally.js';
import { tempDir } from './support/main.js';

let tmp: { dir: string; remove: () => void };
beforeAll(() => {
  tmp = tempDir('mxscan-whole-');
});
afterAll(() => tmp.remove());

async function text(o: Opened): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of o.chunks) parts.push(c);
  return Buffer.concat(parts).toString('utf8');
}

/** Opens the bytes as a file read whole and as a stream: what each says. */
async function both(name: string, bytes: Buffer | string) {
  const file = path.join(tmp.dir, name);
  const buf = Buffer.from(bytes);
  writeFileSync(file, buf);
  const seen = async (whole?: Buffer) => {
    const stat = newFileStat(name);
    const o = await openInput({ path: name, file }, stat, 'auto', undefined, { whole });
    const got = { format: o.format, compressed: o.compressed, encoding: o.encoding, binary: o.binary, delimiter: o.dialect?.delimiter, start: o.direct?.start, text: await text(o) };
    return { ...got, bytes: stat.bytes, expanded: stat.expandedBytes };
  };
  const whole = await seen(buf);
  expect(whole).toEqual(await seen());
  return whole;
}

describe('a file read whole, opened from its bytes', () => {
  it('reads plain text, JSON lines and CSV as the stream does, from byte 0', async () => {
    expect(await both('a.log', 'x storage_error\n')).toMatchObject({ format: 'text', start: 0, bytes: 16, expanded: 16, text: 'x storage_error\n' });
    expect(await both('a.jsonl', '{"code":"storage_error"}\n')).toMatchObject({ format: 'jsonl', start: 0, bytes: 25 });
    expect(await both('a.csv', 'code;time\nstorage_error;1\n')).toMatchObject({ format: 'csv', delimiter: ';', bytes: 26 });
  });

  it('takes off a UTF-8 byte-order mark (counted, then read from byte 3)', async () => {
    expect(await both('bom.log', '\ufeffstorage_error\n')).toMatchObject({ encoding: 'utf-8', start: 3, bytes: 17, expanded: 17, text: 'storage_error\n' });
  });

  it('opens an empty file as plain text, and a NUL and a control byte in the first 8 KiB as binary', async () => {
    expect(await both('empty.log', '')).toMatchObject({ format: 'text', bytes: 0, binary: false, text: '' });
    expect(await both('nul.log', 'a\u0000\u0001b\n')).toMatchObject({ binary: true, bytes: 5 });
  });

  it('decides on a first line longer than the detection window as the stream does', async () => {
    // One object line of 64 KiB and more: JSON lines, decided on the whole input.
    const line = `{"code":"storage_error","pad":"${'x'.repeat(DETECT_BYTES)}"}\n`;
    expect(await both('long.jsonl', line + line)).toMatchObject({ format: 'jsonl', bytes: 2 * line.length });
  });

  it('leaves gzip, UTF-16 and bare-CR line ends to the stream', async () => {
    expect(await both('a.log.gz', gzipSync('storage_error\n'))).toMatchObject({ compressed: true, start: undefined, expanded: 14 });
    expect(await both('u.log', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('ab\n', 'utf16le')]))).toMatchObject({ encoding: 'utf-16le', start: undefined, text: 'ab\n' });
    expect(await both('cr.log', 'a\rb\rc\r')).toMatchObject({ start: undefined, text: 'a\nb\nc\n' });
  });
});
