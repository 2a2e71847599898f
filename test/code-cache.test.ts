/**
 * The command line's code cache (src/code-cache.ts, made by scripts/code-cache.mjs): V8 takes it when it was
 * made from the very bundle, by this V8, under the same flags; anything else (another bundle of the same
 * length, damaged data, a file that is no cache, other flags) is left aside and the bundle compiles as
 * without a cache, running the code it holds. Each case V8 reads a cache in runs in a process of its own: V8
 * keeps what a process compiled, and would serve it again without reading the cache.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './support/cli.js';

const CODE_CACHE = path.join(ROOT, 'dist', 'code-cache.js');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/**
 * In a new node process (with a V8 flag set when `flags`): make the first bundle's cache, or load each bundle
 * with its cache and tell how the cache served and what the bundle answers.
 */
function inNode(what: 'make' | 'load', bundles: readonly string[], flags = false): string {
  const script = [
    `import { setFlagsFromString } from 'node:v8';`,
    flags ? `setFlagsFromString('--optimize-for-size');` : '',
    `const { loadBundle, cacheBytes, cacheFiles } = await import(${JSON.stringify(pathToFileURL(CODE_CACHE).href)});`,
    `const bundles = ${JSON.stringify(bundles)};`,
    what === 'make'
      ? `const l = loadBundle(bundles[0], undefined); l.exports.answer(); (await import('node:fs')).writeFileSync(cacheFiles(bundles[0]).main, cacheBytes(l));`
      : `process.stdout.write(bundles.map((b) => { const l = loadBundle(b, cacheFiles(b).main); return l.cache + ' ' + l.exports.answer(); }).join(', '));`,
  ].join('\n');
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
}

/** A bundle answering 40 + the length of its file name (b.cjs: 45). */
const SOURCE = "exports.answer = () => 40 + require('node:path').basename(__filename).length;\n";
/** The cache made from SOURCE, once. */
let made: Buffer;

beforeAll(() => {
  const bundle = copyOf(SOURCE);
  inNode('make', [bundle]);
  made = readFileSync(`${bundle}.cache`);
});

/** A bundle of these bytes in a directory of its own, with a cache file of these bytes (the made one). */
function copyOf(source: string, cache?: Buffer): string {
  const dir = tempDir('code-cache');
  dirs.push(dir);
  const bundle = path.join(dir, 'b.cjs');
  writeFileSync(bundle, source);
  if (cache !== undefined) writeFileSync(`${bundle}.cache`, cache);
  return bundle;
}

describe('a bundle and its code cache', () => {
  it('is compiled from the cache made from it (wherever the two are)', () => {
    expect(inNode('load', [copyOf(SOURCE, made)])).toBe('accepted 45');
  });

  it('runs the bundle it finds, not the cache, when the bundle changed (same length)', () => {
    expect(inNode('load', [copyOf(SOURCE.replace('40', '41'), made)])).toBe('none 46');
  });

  it('compiles without the cache when V8 refuses it: other flags', () => {
    expect(inNode('load', [copyOf(SOURCE, made)], true)).toBe('rejected 45');
  });

  it('leaves aside a file that is no whole cache of it: damaged, empty, cut short, another file', () => {
    // V8 reads damaged data of the right length as it comes, and may crash: it never gets it.
    const damaged = Buffer.from(made);
    for (let i = damaged.length - 16; i < damaged.length; i++) damaged[i] = damaged[i]! ^ 0xff;
    const bad = [damaged, Buffer.alloc(0), made.subarray(0, made.indexOf(0x0a) + 21), Buffer.from('{"not":"a cache"}\n'), made.subarray(1)];
    expect(inNode('load', bad.map((cache) => copyOf(SOURCE, cache)))).toBe(bad.map(() => 'none 45').join(', '));
  });
});

describe('on a Node with its own compile cache (22+: module.enableCompileCache)', () => {
  it('loads a bundle without a cache of its own through Node\'s loader, with Node\'s cache on; one with, as ever', () => {
    // Node 20 has no enableCompileCache: one stands in for it, noting that it was called.
    const script = [
      `const nodeModule = process.getBuiltinModule('node:module');`,
      `let enabled = 0;`,
      `nodeModule.enableCompileCache = () => { enabled++; };`,
      `const { loadBundle, cacheFiles } = await import(${JSON.stringify(pathToFileURL(CODE_CACHE).href)});`,
      `const load = (b) => { const l = loadBundle(b, cacheFiles(b).main); return [l.cache, l.exports.answer(), l.compiled === undefined ? 'by node' : 'here', enabled].join(' '); };`,
      `process.stdout.write([load(${JSON.stringify(copyOf(SOURCE, Buffer.alloc(0)))}), load(${JSON.stringify(copyOf(SOURCE, made))})].join(', '));`,
    ].join('\n');
    expect(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })).toBe('none 45 by node 1, accepted 45 here 1');
  });
});

describe('the built command line', () => {
  it('is compiled from its caches: on the main thread under V8\'s defaults, on workers under the bin\'s flag', () => {
    const load = (kind: 'main' | 'workers'): string => {
      const script = [
        `const { cacheFiles, loadBundle, BIN_FLAGS } = await import(${JSON.stringify(pathToFileURL(CODE_CACHE).href)});`,
        kind === 'workers' ? `process.getBuiltinModule('node:v8').setFlagsFromString(BIN_FLAGS);` : '',
        `const bundle = ${JSON.stringify(path.join(ROOT, 'dist', 'command-line.cjs'))};`,
        `process.stdout.write(loadBundle(bundle, cacheFiles(bundle).${kind}).cache);`,
      ].join('\n');
      return execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    };
    expect([load('main'), load('workers')]).toEqual(['accepted', 'accepted']);
  });

  it('is checked by the build\'s step from a folder whose path holds `#`, `%` and a space', () => {
    // scripts/code-cache.mjs finds dist/code-cache.js from its own path: as a file URL, not `file://` + path.
    const dir = path.join(tempDir('code-cache-odd'), 'a #1 %41 b');
    dirs.push(path.dirname(dir));
    mkdirSync(path.join(dir, 'scripts'), { recursive: true });
    cpSync(path.join(ROOT, 'dist'), path.join(dir, 'dist'), { recursive: true });
    cpSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
    cpSync(path.join(ROOT, 'scripts', 'code-cache.mjs'), path.join(dir, 'scripts', 'code-cache.mjs'));
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
    for (const kind of ['main', 'workers']) {
      expect(execFileSync(process.execPath, [path.join(dir, 'scripts', 'code-cache.mjs'), '--check', kind], { encoding: 'utf8', stdio: 'pipe' })).toBe('');
    }
  });

  it('runs as ever with a damaged cache or a cut one', () => {
    const dir = tempDir('code-cache-bin');
    dirs.push(dir);
    cpSync(path.join(ROOT, 'dist'), path.join(dir, 'dist'), { recursive: true });
    cpSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
    const cacheFile = path.join(dir, 'dist', 'command-line.cjs.cache');
    const cache = readFileSync(cacheFile);
    const argv = ['scan', path.join(ROOT, 'fixtures', 'incident'), '--jobs', '1', '--format', 'json', '--quiet'];
    const good = execFileSync(process.execPath, [path.join(ROOT, 'dist', 'bin.js'), ...argv], { encoding: 'utf8' });
    expect(JSON.parse(good).totals.records).toBe(299);
    const damaged = Buffer.from(cache);
    for (let i = cache.length >> 1; i < (cache.length >> 1) + 100; i++) damaged[i] = damaged[i]! ^ 0x5a;
    for (const bytes of [damaged, cache.subarray(0, cache.length >> 1)]) {
      writeFileSync(cacheFile, bytes);
      expect(execFileSync(process.execPath, [path.join(dir, 'dist', 'bin.js'), ...argv], { encoding: 'utf8' })).toBe(good);
    }
  });
});
