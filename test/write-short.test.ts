/**
 * A disk that fills up takes part of a write and fails only on the next one: a report written in pieces
 * must be written whole or not at all (never renamed into place cut short), and a file written over keeps
 * its permissions.
 */
import { readdirSync, rmSync, statSync, writeFileSync, chmodSync, existsSync, readFileSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeAtomic } from '../src/write.js';
import { tempDir } from './support/cli.js';

/** Bytes the fake disk has room for: each write takes at most what is left, then one more fails. */
const room = { left: Infinity };

vi.mock('node:fs/promises', async (real) => {
  const fs = await real<typeof import('node:fs/promises')>();
  const open = async (...args: Parameters<typeof fs.open>): Promise<FileHandle> => {
    const fh = await fs.open(...args);
    const write = fh.write.bind(fh) as (b: Buffer, o: number, n: number) => Promise<{ bytesWritten: number }>;
    return Object.assign(fh, {
      write: async (b: Buffer, o = 0, n = b.length - o) => {
        if (room.left <= 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        const take = Math.min(n, room.left, 4096);
        room.left -= take;
        return write(b, o, take);
      },
    });
  };
  return { ...fs, open };
});

let dir: string;
beforeEach(() => {
  dir = tempDir('write-short');
  room.left = Infinity;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('a write the disk takes only part of', () => {
  it('is written on until it is whole (a write may take fewer bytes than it was given)', async () => {
    const f = path.join(dir, 'report.json');
    const pieces = Array.from({ length: 20 }, (_, i) => `${String(i).padStart(2, '0')}${'x'.repeat(9998)}\n`);
    await writeAtomic(f, pieces);
    expect(readFileSync(f, 'utf8')).toBe(pieces.join(''));
  });

  it('fails, leaving the file before it and no temporary file, when the disk fills up', async () => {
    const f = path.join(dir, 'report.json');
    writeFileSync(f, '{"old":true}\n');
    room.left = 30_000;
    const pieces = Array.from({ length: 20 }, () => 'y'.repeat(10_000));
    await expect(writeAtomic(f, pieces)).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(readFileSync(f, 'utf8')).toBe('{"old":true}\n');
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('keeps a file\'s permissions when it is written over', async () => {
    const f = path.join(dir, 'private.md');
    writeFileSync(f, 'old\n');
    chmodSync(f, 0o600);
    await writeAtomic(f, ['new\n']);
    expect(readFileSync(f, 'utf8')).toBe('new\n');
    expect(statSync(f).mode & 0o777).toBe(0o600);
    // A new file: the default (umask's) permissions.
    const g = path.join(dir, 'new.md');
    await writeAtomic(g, ['x\n']);
    expect(existsSync(g)).toBe(true);
  });
});
