/** Report targets: never a scanned input (after links), never a directory; the real paths of the inputs of a target's size only asked for when it could be one. */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkTarget, inputsOfSize } from '../src/commands/targets.js';
import { newFileStat } from '../src/model/stats.js';
import { tempDir } from './support/main.js';

describe('checkTarget', () => {
  const { dir, remove } = tempDir();
  afterAll(remove);
  const input = path.join(dir, 'in.log');
  writeFileSync(input, 'x storage_error\n');
  writeFileSync(path.join(dir, 'other.json'), '{}\n');
  symlinkSync(input, path.join(dir, 'link.md'));
  mkdirSync(path.join(dir, 'sub'));
  /** The inputs (those of the size asked for: in.log's 16 bytes), and the sizes asked for. */
  const inputs = () => {
    const asked = { sizes: [] as number[] };
    return { asked, of: (size: number) => (asked.sizes.push(size), size === 16 ? [input] : []) };
  };

  it('refuses an input, by its path or through a link', async () => {
    for (const target of [input, path.join(dir, 'link.md')]) {
      await expect(checkTarget(target, inputs().of)).rejects.toThrow(`refusing to write ${target}: it is one of the scanned inputs`);
    }
  });

  it('refuses a directory', async () => {
    await expect(checkTarget(path.join(dir, 'sub'), inputs().of)).rejects.toThrow('it is a directory');
  });

  it('compares an existing regular file with the inputs, and allows it when it is none of them', async () => {
    const i = inputs();
    await checkTarget(path.join(dir, 'other.json'), i.of);
    expect(i.asked.sizes).toEqual([3]);
    // Through the link: the size of the file it names.
    await expect(checkTarget(path.join(dir, 'link.md'), i.of)).rejects.toThrow('it is one of the scanned inputs');
    expect(i.asked.sizes).toEqual([3, 16]);
  });

  it('never asks for the inputs for a new file or a device: neither can be an input', async () => {
    const i = inputs();
    await checkTarget(path.join(dir, 'new.json'), i.of);
    await checkTarget('/dev/null', i.of);
    expect(i.asked.sizes).toEqual([]);
  });
});

describe('inputsOfSize', () => {
  const { dir, remove } = tempDir();
  afterAll(remove);
  const at = (name: string): string => path.join(dir, name);
  for (const name of ['a.log', 'b.log', 'c.log', 'd.log']) writeFileSync(at(name), 'x\n');
  symlinkSync(at('a.log'), at('a-link.log'));
  const stat = (bytes: number, status: 'ok' | 'binary' | 'error' = 'ok') => ({ ...newFileStat('x'), bytes, status });
  const of = inputsOfSize(
    [{ path: 'a-link.log', file: at('a-link.log') }, { path: 'b.log', file: at('b.log') }, { path: 'c.log', file: at('c.log') }, { path: 'd.log', file: at('d.log') }, { path: '(stdin)' }],
    new Map([
      ['a-link.log', stat(100)],
      ['b.log', stat(200)],
      ['c.log', stat(0, 'error')],
      ['d.log', stat(300, 'binary')],
    ]),
  );

  it('gives the real paths of the inputs scanned at the size asked for, and of those not read whole', () => {
    expect(of(100, at('report.md'))).toEqual([at('a.log'), at('c.log'), at('d.log')]);
    expect(of(5, at('report.md'))).toEqual([at('c.log'), at('d.log')]);
  });

  it('gives the input at the target\'s path whatever its size then (a live log grows while it is scanned)', () => {
    expect(of(250, at('b.log'))).toEqual([at('b.log'), at('c.log'), at('d.log')]);
  });
});
