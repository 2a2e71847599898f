/**
 * timeBefore: the time the first lines of a byte range take, read backwards from the range's start. Each
 * file below is written by hand; the expected time is the own time of the last line before the start
 * that has one (its first date-time, wherever it is in the line).
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { timeBefore } from '../src/fast/time-before.js';
import { tempDir } from './support/cli.js';

const dir = tempDir('time-before');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const MiB = 1024 * 1024;
const T1 = Date.UTC(2026, 2, 18, 10, 0, 59);
const T2 = Date.UTC(2026, 2, 18, 11);

function file(name: string, text: string | Buffer): { file: string; start: number } {
  const f = path.join(dir, name);
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
  writeFileSync(f, bytes);
  // The range starts after the line `start here`.
  return { file: f, start: bytes.indexOf('start here\n') + 'start here\n'.length };
}

describe('timeBefore', () => {
  it('takes the last line with a time before the start, over lines without one and CRLF ends', async () => {
    const f = file('a.log', `2026-03-18T10:00:59Z a\r\nno time\r\nstill none, 2026-13-01T00:00Z is no date\r\nstart here\n2026-03-18T11:00:00Z after\n`);
    expect(await timeBefore(f.file, f.start, false, 1024)).toBe(T1);
  });

  it('is null when no line before the start has a time', async () => {
    const f = file('b.log', `none\nnone\nstart here\n2026-03-18T11:00:00Z after\n`);
    expect(await timeBefore(f.file, f.start, false, 1024)).toBe(null);
  });

  it('reads a long line in pieces: its first time, wherever it is, also across the edge of a piece', async () => {
    for (const at of [MiB + 12_345, MiB - 10, 2 * MiB - 3]) {
      const line = Buffer.alloc(3 * MiB, 'lorem ipsum ');
      line.write(' 2026-03-18T10:00:59Z x ', at, 'latin1');
      line.write(' 2026-03-18T11:00:00Z y ', at + 100_000, 'latin1');
      const f = file(`c${at}.log`, Buffer.concat([Buffer.from('2026-03-18T09:00:00Z first\n'), line, Buffer.from('\nstart here\n')]));
      expect(await timeBefore(f.file, f.start, false, 1024), String(at)).toBe(T1);
    }
  });

  it('a long line that carries on a record, or starts with a time of day alone, has a time only at its start', async () => {
    for (const head of ['Caused by: java.io.IOException: ', 'com.mxhero.m2c.StorageException: ', '09:14:02.113 [main] ERROR ']) {
      const line = Buffer.alloc(3 * MiB, 'lorem ipsum ');
      line.write(head, 0, 'latin1');
      line.write(' 2026-03-18T11:00:00Z y ', MiB + 12_345, 'latin1');
      const f = file(`e${head.length}.log`, Buffer.concat([Buffer.from('2026-03-18T10:00:59Z first\n'), line, Buffer.from('\nstart here\n')]));
      expect(await timeBefore(f.file, f.start, false, 1024), head).toBe(T1);
    }
  });

  it('JSON lines: a time field first; a line longer than the limit has none', async () => {
    const f = file('d.jsonl', `{"time":"2026-03-18T11:00:00Z","msg":"at 2026-03-18T10:00:59Z"}\n{"msg":"${'x'.repeat(2000)} 2026-03-18T10:00:59Z"}\n{"msg":"no time"}\nstart here\n`);
    expect(await timeBefore(f.file, f.start, true, 1024)).toBe(T2);
    expect(await timeBefore(f.file, f.start, true, 4096)).toBe(T1);
  });
});
