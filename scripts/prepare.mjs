// npm's `prepare` (after `npm ci` in a checkout, before `npm pack`/`npm publish`) and `prepack` (--clean).
// It builds dist/ when the development tools are installed. Without them (`npm ci --omit=dev`, a checkout that
// brings its dist/ built elsewhere) it leaves dist/ as it is instead of failing: installing mxscan must never
// need a compiler. A packed tarball holds dist/ already, and npm does not run `prepare` when installing one.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const has = (name) => {
  try {
    require.resolve(`${name}/package.json`);
    return true;
  } catch {
    return false;
  }
};
const tools = has('typescript') && has('assemblyscript') && has('rolldown');

if (process.argv.includes('--clean')) {
  // Before packing: a fresh dist/, so that no file of an earlier build is published.
  if (tools) rmSync(path.join(root, 'dist'), { recursive: true, force: true });
} else if (tools) {
  execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
} else if (!existsSync(path.join(root, 'dist', 'bin.js'))) {
  process.stderr.write('mxscan: dist/ is not built and the development dependencies are not installed: run `npm ci` (without --omit=dev), or bring a built dist/.\n');
}
