/**
 * Where a report lands when its target is not a plain file: a symbolic link is followed (the file it points
 * to is replaced, the link stays), a FIFO or a file descriptor is written in place, never replaced by a
 * regular file. The real /dev files are never touched here: these run as root, where the old rename did
 * replace /dev/null.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, constants, existsSync, lstatSync, openSync, readFileSync, readSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeAtomic } from '../src/write.js';
import { tempDir } from './support/cli.js';
import { runMain } from './support/main.js';

let dir: string;
beforeEach(() => {
  dir = tempDir('write-target');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const hasMkfifo = ((): boolean => {
  try {
    execFileSync('sh', ['-c', 'command -v mkfifo'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** A FIFO with a reader already open (non-blocking), so a writer can open it and the test reads back. */
function fifoWithReader(name: string): { fifo: string; read: () => string; close: () => void } {
  const fifo = path.join(dir, name);
  execFileSync('mkfifo', [fifo]);
  const fd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
  const read = (): string => {
    const buf = Buffer.alloc(65536);
    try {
      return buf.subarray(0, readSync(fd, buf)).toString('utf8');
    } catch {
      return ''; // EAGAIN: nothing was written to the FIFO
    }
  };
  return { fifo, read, close: () => closeSync(fd) };
}

describe('writeAtomic and the kind of file at the target', () => {
  it('a symbolic link to a file: the file gets the text, the link stays a link', async () => {
    writeFileSync(path.join(dir, 'real.md'), 'old\n');
    symlinkSync('real.md', path.join(dir, 'link.md'));
    await writeAtomic(path.join(dir, 'link.md'), 'new\n');
    expect(lstatSync(path.join(dir, 'link.md')).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(dir, 'real.md'), 'utf8')).toBe('new\n');
  });

  it('a dangling link, through a linked directory and "..": the file is made where the link points', async () => {
    execFileSync('mkdir', ['-p', path.join(dir, 'a', 'b'), path.join(dir, 'c')]);
    symlinkSync(path.join(dir, 'a', 'b'), path.join(dir, 'c', 'lb'));
    // In a/b, "../made.md" is a/made.md (the kernel's reading), not c/made.md.
    symlinkSync('../made.md', path.join(dir, 'a', 'b', 'out.md'));
    await writeAtomic(path.join(dir, 'c', 'lb', 'out.md'), ['one ', 'two\n']);
    expect(lstatSync(path.join(dir, 'a', 'b', 'out.md')).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(dir, 'a', 'made.md'), 'utf8')).toBe('one two\n');
    expect(existsSync(path.join(dir, 'c', 'made.md'))).toBe(false);
  });

  it('a chain of two links: the last file gets the text, both links stay', async () => {
    writeFileSync(path.join(dir, 'end.json'), '{}\n');
    symlinkSync('end.json', path.join(dir, 'mid.json'));
    symlinkSync('mid.json', path.join(dir, 'start.json'));
    await writeAtomic(path.join(dir, 'start.json'), '[1]\n');
    expect(lstatSync(path.join(dir, 'start.json')).isSymbolicLink()).toBe(true);
    expect(lstatSync(path.join(dir, 'mid.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(dir, 'end.json'), 'utf8')).toBe('[1]\n');
  });

  it.skipIf(!hasMkfifo)('a FIFO is written into and stays a FIFO', async () => {
    const f = fifoWithReader('pipe.md');
    try {
      await writeAtomic(f.fifo, ['# report\n', 'body\n']);
      expect(lstatSync(f.fifo).isFIFO()).toBe(true);
      expect(f.read()).toBe('# report\nbody\n');
    } finally {
      f.close();
    }
  });

  it.skipIf(!hasMkfifo)('a link to a FIFO: written through, the link and the FIFO stay', async () => {
    const f = fifoWithReader('pipe.json');
    symlinkSync('pipe.json', path.join(dir, 'to-pipe.json'));
    try {
      await writeAtomic(path.join(dir, 'to-pipe.json'), '{"a":1}\n');
      expect(lstatSync(path.join(dir, 'to-pipe.json')).isSymbolicLink()).toBe(true);
      expect(lstatSync(f.fifo).isFIFO()).toBe(true);
      expect(f.read()).toBe('{"a":1}\n');
    } finally {
      f.close();
    }
  });

  // /dev/stdout is a link to /proc/self/fd/1: with `> out.md` that names the shell's open file, whose
  // earlier text must stay (as `{ echo header; mxscan -o /dev/stdout; } > out.md` expects).
  it.skipIf(!existsSync('/proc/self/fd'))('a link to an open descriptor (as /dev/stdout is) appends to its file', async () => {
    const file = path.join(dir, 'stream.md');
    writeFileSync(file, 'header\n');
    const fd = openSync(file, 'a');
    try {
      symlinkSync(`/proc/self/fd/${fd}`, path.join(dir, 'stdout-like'));
      await writeAtomic(path.join(dir, 'stdout-like'), 'report\n');
      expect(lstatSync(path.join(dir, 'stdout-like')).isSymbolicLink()).toBe(true);
      expect(readFileSync(file, 'utf8')).toBe('header\nreport\n');
    } finally {
      closeSync(fd);
    }
  });
});

describe('every report writer goes the same way', () => {
  it('-o, --junit and --accounts through links: the files pointed to are written, the links stay', async () => {
    for (const [link, real] of [['r.json', 'real.json'], ['j.xml', 'real.xml'], ['a.csv', 'real.csv']] as const) {
      writeFileSync(path.join(dir, real), 'old\n');
      symlinkSync(real, path.join(dir, link));
    }
    const r = await runMain(['scan', 'fixtures/incident', '--quiet', '-o', path.join(dir, 'r.json'), '--junit', path.join(dir, 'j.xml'), '--accounts', path.join(dir, 'a.csv')]);
    expect(r.err).toBe('');
    for (const [link, real] of [['r.json', 'real.json'], ['j.xml', 'real.xml'], ['a.csv', 'real.csv']] as const) {
      expect(lstatSync(path.join(dir, link)).isSymbolicLink(), link).toBe(true);
      expect(readFileSync(path.join(dir, real), 'utf8'), real).not.toBe('old\n');
    }
    expect(JSON.parse(readFileSync(path.join(dir, 'real.json'), 'utf8'))).toHaveProperty('schemaVersion', 1);
    expect(readFileSync(path.join(dir, 'real.xml'), 'utf8')).toMatch(/^<\?xml/);
  });

  it.skipIf(!hasMkfifo)('--out DIR --partial into a FIFO named partial.json: written in place', async () => {
    const f = fifoWithReader('partial.json');
    try {
      const r = await runMain(['scan', 'fixtures/incident', '--quiet', '--partial', '--out', dir]);
      expect(r.err).toBe('');
      expect(lstatSync(f.fifo).isFIFO()).toBe(true);
      expect(JSON.parse(f.read())).toHaveProperty('tally');
    } finally {
      f.close();
    }
  });
});
