/**
 * Tests never run stale code: dist/ (the bin, the workers, the kernels) is the build of src/ before any test
 * starts, built once by the global setup when it is older, and no test starts a build of its own.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureFreshBuild, staleBuild } from './support/fresh-build.js';
import { ROOT, tempDir } from './support/cli.js';

const T = 1_800_000_000; // seconds

/** A project tree: files → modification time (seconds). */
function tree(files: Record<string, number>): string {
  const root = tempDir('fresh');
  for (const [f, t] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    writeFileSync(path.join(root, f), f);
    utimesSync(path.join(root, f), t, t);
  }
  return root;
}
const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

const built = (): Record<string, number> => ({
  'src/a.ts': T,
  'src/sub/b.ts': T,
  'src/types.d.ts': T + 99,
  'src/wasm/kernels.ts': T,
  'dist/a.js': T + 10,
  'dist/sub/b.js': T + 10,
  'dist/wasm/kernels.wasm': T + 10,
});

describe('staleBuild', () => {
  it('finds nothing when every output was written after its sources (declaration files have none)', () => {
    roots.push(tree(built()));
    expect(staleBuild(roots.at(-1)!)).toEqual([]);
  });

  it('names each source newer than its output, each missing output, each kernel source newer than the kernels', () => {
    const files = { ...built(), 'src/sub/b.ts': T + 20, 'src/wasm/generated.ts': T + 11, 'src/c.ts': T };
    roots.push(tree(files));
    expect(staleBuild(roots.at(-1)!)).toEqual([
      'dist/c.js is missing',
      'src/sub/b.ts is newer than dist/sub/b.js',
      'src/wasm/generated.ts is newer than dist/wasm/kernels.wasm',
    ]);
    const { 'dist/wasm/kernels.wasm': _, ...noKernels } = built();
    roots.push(tree(noKernels));
    expect(staleBuild(roots.at(-1)!)).toEqual(['dist/wasm/kernels.wasm is missing']);
  });
});

describe('staleBuild and the bundles', () => {
  it('names a source newer than a bundle that holds it, though its own output is newer', () => {
    const files = { ...built(), 'src/bin.ts': T, 'dist/bin.js': T + 5, 'src/parallel/worker.ts': T, 'dist/parallel/worker.js': T + 30 };
    roots.push(tree(files));
    // Every source is older than both bundles; then src/a.ts changes after dist/bin.js, before dist/a.js.
    expect(staleBuild(roots.at(-1)!)).toEqual([]);
    roots.push(tree({ ...files, 'src/a.ts': T + 8 }));
    expect(staleBuild(roots.at(-1)!)).toEqual(['src/a.ts is newer than dist/bin.js, which bundles it']);
  });

  it('names a code cache older than its bundle, made by another V8, or missing', () => {
    const files = { ...built(), 'src/command-line.ts': T, 'dist/command-line.js': T + 5, 'dist/command-line.cjs': T + 5 };
    const workers = { 'dist/command-line.cjs.workers.cache': T + 6 };
    /** The tree, its caches headed as this Node's V8 heads them (or as `v8` would), their times kept. */
    const withCaches = (f: Record<string, number>, v8 = process.versions.v8): string => {
      const root = tree(f);
      for (const cache of ['dist/command-line.cjs.cache', 'dist/command-line.cjs.workers.cache']) {
        if (f[cache] === undefined) continue;
        writeFileSync(path.join(root, cache), `mxscan code cache 1 v8 ${v8}\n` + 'x'.repeat(40));
        utimesSync(path.join(root, cache), f[cache], f[cache]);
      }
      return root;
    };
    roots.push(withCaches({ ...files, ...workers, 'dist/command-line.cjs.cache': T + 6 }));
    expect(staleBuild(roots.at(-1)!)).toEqual([]);
    roots.push(withCaches({ ...files, ...workers, 'dist/command-line.cjs.cache': T + 4 }));
    expect(staleBuild(roots.at(-1)!)).toEqual(['dist/command-line.cjs is newer than dist/command-line.cjs.cache']);
    // Built on another Node: newer than the bundle, and still never used.
    roots.push(withCaches({ ...files, ...workers, 'dist/command-line.cjs.cache': T + 6 }, '9.9.9.9'));
    expect(staleBuild(roots.at(-1)!)).toEqual([
      "dist/command-line.cjs.cache was made by another V8 than this Node's",
      "dist/command-line.cjs.workers.cache was made by another V8 than this Node's",
    ]);
    roots.push(tree(files));
    expect(staleBuild(roots.at(-1)!)).toEqual(['dist/command-line.cjs.cache is missing', 'dist/command-line.cjs.workers.cache is missing']);
  });
});

describe('ensureFreshBuild', () => {
  it('does not build a fresh dist/', () => {
    roots.push(tree(built()));
    let builds = 0;
    expect(ensureFreshBuild(roots.at(-1)!, () => (builds++, { status: 0, output: '' }))).toBe('fresh');
    expect(builds).toBe(0);
  });

  it('builds a stale dist/ once', () => {
    const root = tree({ ...built(), 'src/a.ts': T + 20 });
    roots.push(root);
    let builds = 0;
    const build = (): { status: number; output: string } => {
      builds++;
      for (const f of ['dist/a.js', 'dist/sub/b.js', 'dist/wasm/kernels.wasm']) utimesSync(path.join(root, f), T + 30, T + 30);
      return { status: 0, output: '' };
    };
    expect(ensureFreshBuild(root, build)).toBe('built');
    expect(builds).toBe(1);
  });

  it('refuses to go on when the build fails, or leaves dist/ stale, saying why', () => {
    const root = tree({ ...built(), 'src/a.ts': T + 20, 'src/sub/b.ts': T + 20, 'src/c.ts': T, 'src/d.ts': T });
    roots.push(root);
    expect(() => ensureFreshBuild(root, () => ({ status: 2, output: "src/a.ts(1,1): error TS1005: ';' expected." }))).toThrow(
      "dist/ is older than src/ (src/a.ts is newer than dist/a.js; dist/c.js is missing; dist/d.js is missing; and 1 more) and `npm run build` failed (exit 2): tests would run stale code.\nsrc/a.ts(1,1): error TS1005: ';' expected.",
    );
    expect(() => ensureFreshBuild(root, () => ({ status: 0, output: '' }))).toThrow(
      'dist/ is still older than src/ after `npm run build` (src/a.ts is newer than dist/a.js; dist/c.js is missing; dist/d.js is missing; and 1 more): tests would run stale code.',
    );
  });
});

describe('this test run', () => {
  it('runs the build of the sources it tests', () => {
    expect(staleBuild(ROOT)).toEqual([]);
  });

  it('has no test that starts a build (tsc, asc or npm run build) while others run', () => {
    const starts = /['"](?:tsc|asc)['"]|typescript['"],\s*['"]bin|assemblyscript\/(?:bin|dist)|['"]run['"],\s*['"]build['"]/;
    const own = new Set(['test/fresh-build.test.ts', 'test/support/global-setup.ts']);
    const offenders = readdirSync(path.join(ROOT, 'test'), { recursive: true, encoding: 'utf8' })
      .map((f) => 'test/' + f.split(path.sep).join('/'))
      .filter((f) => f.endsWith('.ts') && !own.has(f) && starts.test(readFileSync(path.join(ROOT, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
