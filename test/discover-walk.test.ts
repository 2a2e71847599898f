/**
 * A directory walk with no --exclude reads the directories itself (src/input/discover.ts); with one, fast-glob
 * walks them. Both give the files worked out by hand from the tree written here.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discover } from '../src/input/discover.js';
import { tempDir } from './support/main.js';

let tmp: { dir: string; remove: () => void };
beforeAll(() => {
  tmp = tempDir('mxscan-walk-');
  const at = (p: string) => path.join(tmp.dir, 'logs', p);
  for (const d of ['a/b', '.git/objects', 'c/.hidden', 'empty']) mkdirSync(at(d), { recursive: true });
  for (const f of ['top.log', 'a/one.log', 'a/b/two.log', '.env', 'a/.secret.log', '.git/objects/x.log', 'c/.hidden/y.log', 'c/z.log']) writeFileSync(at(f), 'x\n');
  // A link to a file is read; a link to a directory is walked once; a link out of the tree too.
  symlinkSync(at('a/b/two.log'), at('c/link.log'));
  symlinkSync(at('a'), at('c/dir-link'));
  execFileSync('mkfifo', [at('c/pipe')]);
});
afterAll(() => tmp.remove());

describe('a directory walk', () => {
  it('gives the files under it, hidden ones left out, links read once, a FIFO never, with or without --exclude', async () => {
    for (const exclude of [[], ['**/nothing-matches/**']]) {
      const got = await discover(['logs'], tmp.dir, exclude);
      // Links may reach a file twice: each real file once, by its first path.
      expect(got.inputs.map((i) => i.path)).toEqual(['logs/a/b/two.log', 'logs/a/one.log', 'logs/c/z.log', 'logs/top.log']);
      expect(got.missing).toEqual([]);
    }
  });

  it('names the files from below and beside the walked directory alike', async () => {
    const from = async (arg: string, cwd: string, exclude: string[]) => (await discover([arg], path.join(tmp.dir, cwd), exclude)).inputs.map((i) => i.path);
    for (const exclude of [[], ['**/nothing-matches/**']]) {
      // `../c/dir-link/…` sorts before `b/…` and `one.log`: each real file is named by its first path in that order.
      expect(await from('..', 'logs/a', exclude)).toEqual(['../c/dir-link/b/two.log', '../c/dir-link/one.log', '../c/z.log', '../top.log']);
      expect(await from('../a', 'logs/c', exclude)).toEqual(['../a/b/two.log', '../a/one.log']);
    }
  });
});

describe('a glob, and inputs that name one file twice', () => {
  it('does not follow links to directories (a link loop ends), reads a link to a file, and reads each file once', async () => {
    const t = tempDir('mxscan-glob-loop-');
    try {
      const at = (p: string) => path.join(t.dir, p);
      mkdirSync(at('logs/sub'), { recursive: true });
      writeFileSync(at('logs/app.log'), 'x\n');
      writeFileSync(at('logs/sub/b.log'), 'x\n');
      symlinkSync('.', at('logs/self'));
      symlinkSync('..', at('logs/sub/up'));
      symlinkSync('app.log', at('logs/current.log'));
      symlinkSync('logs', at('alias'));
      // Before: logs/self/self/… and logs/sub/up/… without end (two loops never ended).
      const got = await discover(['logs/**/*.log'], t.dir);
      // current.log is app.log: read once, by its first path.
      expect(got.inputs.map((i) => i.path)).toEqual(['logs/app.log', 'logs/sub/b.log']);
      // A directory and a link to it, or a glob in the link: each file once.
      expect((await discover(['logs', 'alias'], t.dir)).inputs.map((i) => i.path)).toEqual(['alias/app.log', 'alias/sub/b.log']);
      expect((await discover(['logs/app.log', 'alias/*.log'], t.dir)).inputs.map((i) => i.path)).toEqual(['alias/app.log']);
    } finally {
      t.remove();
    }
  });
});

describe('--exclude', () => {
  it('reads a pattern as .gitignore does: without a `/` at any depth, a trailing `/` a directory', async () => {
    const t = tempDir('mxscan-exclude-');
    try {
      const at = (p: string) => path.join(t.dir, p);
      for (const d of ['a/node_modules/x', 'node_modules', 'b']) mkdirSync(at(d), { recursive: true });
      for (const f of ['app.log', 'a/node_modules/x/l.log', 'node_modules/m.log', 'b/old.log.gz', 'b/new.log']) writeFileSync(at(f), 'x\n');
      const walk = async (exclude: string[]) => (await discover(['.'], t.dir, exclude)).inputs.map((i) => i.path);
      // Before: `node_modules` left out the top one only, `node_modules/` none, `*.gz` only at the top.
      expect(await walk(['node_modules'])).toEqual(['app.log', 'b/new.log', 'b/old.log.gz']);
      expect(await walk(['node_modules/'])).toEqual(['app.log', 'b/new.log', 'b/old.log.gz']);
      expect(await walk(['*.gz', 'node_modules'])).toEqual(['app.log', 'b/new.log']);
      // With a `/`, relative to the walked directory, as before.
      expect(await walk(['node_modules/**'])).toEqual(['a/node_modules/x/l.log', 'app.log', 'b/new.log', 'b/old.log.gz']);
    } finally {
      t.remove();
    }
  });
});

describe('a glob', () => {
  it('written with an absolute path (`"$PWD/logs/a/*.log"`, as CI scripts write one) finds the same files as a relative one', async () => {
    const abs = await discover([path.join(tmp.dir, 'logs', 'a', '*.log')], tmp.dir, []);
    const rel = await discover(['logs/a/*.log'], tmp.dir, []);
    // logs/a/one.log; a/.secret.log is hidden.
    expect(abs.missing).toEqual([]);
    expect(abs.inputs.map((i) => [i.path, i.file])).toEqual([['logs/a/one.log', path.join(tmp.dir, 'logs', 'a', 'one.log')]]);
    expect(abs.inputs.map((i) => i.file)).toEqual(rel.inputs.map((i) => i.file));
  });
});
