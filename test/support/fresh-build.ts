/**
 * Tests run dist/ as well as src/: the CLI as a subprocess (dist/bin.js), worker threads
 * (src/parallel/warm.ts starts dist/parallel/worker-thread.cjs under vitest) and the WebAssembly kernels
 * (src/fast/kernels.ts loads dist/wasm/kernels.wasm). So the suite makes sure dist/ is built from the
 * sources it tests, once, before any test starts; no test builds.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { MAGIC } from '../../src/code-cache.js';

/** Every file under `dir` (relative to root, POSIX separators), or none when it does not exist. */
function filesUnder(root: string, dir: string): string[] {
  const abs = path.join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/** The entries scripts/bundle.mjs bundles, as src/ paths without `.ts`, and the bundles they become. */
const BUNDLES = [
  ['bin', 'dist/bin.js'],
  ['command-line', 'dist/command-line.cjs'],
  ['parallel/worker-thread', 'dist/parallel/worker-thread.cjs'],
] as const;

/** The code caches scripts/code-cache.mjs makes, and the bundle each is made from. */
const CACHES = [
  ['dist/command-line.cjs.cache', 'dist/command-line.cjs'],
  ['dist/command-line.cjs.workers.cache', 'dist/command-line.cjs'],
] as const;

const mtime = (root: string, file: string): number | undefined => (existsSync(path.join(root, file)) ? statSync(path.join(root, file)).mtimeMs : undefined);

/**
 * Why dist/ does not hold the build of src/, one line per reason (none when it does): every compiled source
 * `src/X.ts` needs `dist/X.js` written after it, and `dist/wasm/kernels.wasm` must be newer than every file
 * under src/wasm/ (the kernels and whatever is generated for them); a bundle (dist/bin.js, the worker) must
 * be newer than every compiled source, and a code cache newer than its bundle and made by this Node's V8.
 */
export function staleBuild(root: string): string[] {
  const reasons: string[] = [];
  for (const src of filesUnder(root, 'src')) {
    if (!src.endsWith('.ts') || src.endsWith('.d.ts') || src.startsWith('src/wasm/')) continue;
    const out = 'dist/' + src.slice('src/'.length, -'.ts'.length) + '.js';
    const built = mtime(root, out);
    if (built === undefined) reasons.push(`${out} is missing`);
    else if (built < mtime(root, src)!) reasons.push(`${src} is newer than ${out}`);
  }
  // The bundles (scripts/bundle.mjs) hold every module: written after each source, not only their own.
  for (const [entry, out] of BUNDLES) {
    const built = mtime(root, out);
    if (built === undefined || mtime(root, `src/${entry}.ts`) === undefined) continue;
    for (const src of filesUnder(root, 'src')) {
      if (src.endsWith('.ts') && !src.endsWith('.d.ts') && !src.startsWith('src/wasm/') && built < mtime(root, src)!) reasons.push(`${src} is newer than ${out}, which bundles it`);
    }
  }
  // A cache older than its bundle is not used (it is not that bundle's): the command line would start slower.
  for (const [cache, bundle] of CACHES) {
    const made = mtime(root, cache);
    const from = mtime(root, bundle);
    if (from === undefined) continue;
    if (made === undefined) reasons.push(`${cache} is missing`);
    else if (made < from) reasons.push(`${bundle} is newer than ${cache}`);
    // Made by another V8 (the build ran on another Node): never used, whatever its time.
    else if (!readFileSync(path.join(root, cache)).subarray(0, MAGIC.length).equals(MAGIC)) reasons.push(`${cache} was made by another V8 than this Node's`);
  }
  const wasm = 'dist/wasm/kernels.wasm';
  const built = mtime(root, wasm);
  if (built === undefined) reasons.push(`${wasm} is missing`);
  else for (const src of filesUnder(root, 'src/wasm')) if (built < mtime(root, src)!) reasons.push(`${src} is newer than ${wasm}`);
  return reasons;
}

/** The first reasons, and how many more. */
function summary(reasons: readonly string[]): string {
  const shown = reasons.slice(0, 3).join('; ');
  return reasons.length > 3 ? `${shown}; and ${reasons.length - 3} more` : shown;
}

/**
 * Builds dist/ once when it is stale (`build` runs `npm run build` and returns its exit status and output),
 * and refuses to go on, with the reasons, when the build fails or leaves dist/ stale. Returns what it did.
 */
export function ensureFreshBuild(root: string, build: () => { status: number | null; output: string }): 'fresh' | 'built' {
  const before = staleBuild(root);
  if (before.length === 0) return 'fresh';
  const r = build();
  if (r.status !== 0) {
    throw new Error(`dist/ is older than src/ (${summary(before)}) and \`npm run build\` failed (exit ${r.status}): tests would run stale code.\n${r.output}`);
  }
  const after = staleBuild(root);
  if (after.length > 0) throw new Error(`dist/ is still older than src/ after \`npm run build\` (${summary(after)}): tests would run stale code.`);
  return 'built';
}
