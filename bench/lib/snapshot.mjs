import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * A private copy of the build: dist/ and package.json (cli.js reads the version from it) under
 * node_modules/.cache/mxscan-bench/PID/, where imports still resolve to the project's node_modules.
 * Others may rebuild dist/ while the bench runs; every timed run must still run the same code.
 * @param {string} root the project directory
 * @returns {{ bin: string, id: string, remove: () => void }} `id`: a short hash of the copied files
 */
export function snapshotBuild(root) {
  const parent = path.join(root, 'node_modules', '.cache', 'mxscan-bench');
  const dir = path.join(parent, String(process.pid));
  // Copies left by an interrupted run (its process is gone) are removed on the way.
  for (const name of fs.existsSync(parent) ? fs.readdirSync(parent) : []) {
    if (name === String(process.pid) || !isRunning(Number(name))) fs.rmSync(path.join(parent, name), { recursive: true, force: true });
  }
  fs.mkdirSync(dir, { recursive: true });
  fs.cpSync(path.join(root, 'dist'), path.join(dir, 'dist'), { recursive: true });
  fs.copyFileSync(path.join(root, 'package.json'), path.join(dir, 'package.json'));
  const h = createHash('sha256');
  for (const f of listFiles(path.join(dir, 'dist'))) h.update(f.name).update(fs.readFileSync(f.full));
  return { bin: path.join(dir, 'dist', 'bin.js'), id: h.digest('hex').slice(0, 12), remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Every file under dir, sorted by relative path, so the hash does not depend on directory order. */
function listFiles(/** @type {string} */ dir) {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => {
      const full = path.join(e.parentPath ?? e.path, e.name);
      return { name: path.relative(dir, full).split(path.sep).join('/'), full };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** True when a process with this id exists (a name that is not a number counts as gone). */
function isRunning(/** @type {number} */ pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return /** @type {NodeJS.ErrnoException} */ (err).code === 'EPERM';
  }
}
