/** vitest globalSetup: dist/ is the build of src/ before any test starts (see fresh-build.ts). */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureFreshBuild } from './fresh-build.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export default function setup(): void {
  const done = ensureFreshBuild(ROOT, () => {
    process.stderr.write('dist/ is older than src/: building it once before the tests (npm run build)\n');
    const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
    return { status: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error === undefined ? '' : String(r.error)}` };
  });
  if (done === 'built') process.stderr.write('dist/ built\n');
}
