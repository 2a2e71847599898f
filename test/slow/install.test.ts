/**
 * Slow: installing mxscan as a user or a CI job would, with npm, from a local registry that holds only the
 * runtime dependencies (so no network, and a development dependency the install needed would fail it).
 * Run with `npm run test:slow` (MXSCAN_SLOW=1; the built dist/ is packed as it is: npm run build first).
 *
 * - the packed tarball installs globally in a clean prefix, with no build and no dev dependency, and `mxscan`
 *   on that prefix's PATH runs;
 * - `npm ci --omit=dev` in a checkout that brings its built dist/ succeeds (no build without the tools) and
 *   the bin runs.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBin, tempDir } from '../support/cli.js';
import { ROOT } from '../support/main.js';
import { startRegistry, type LocalRegistry } from '../support/registry.js';

const SLOW = process.env['MXSCAN_SLOW'] === '1';
const run = promisify(execFile);
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const DEV_TOOLS = ['typescript', 'assemblyscript', 'vitest', '@stryker-mutator', 'fast-check'];
// two records: storage_error (ERROR) on line 1, web_hook_moved (INFO) on line 2
const LOG = '2026-03-18T08:00:00Z ERROR upload failed: storage_error\n2026-03-18T08:01:00Z INFO web_hook_moved\n';
/** What a scan of both finds. */
const SCANNED = [
  ['smime_error', 1],
  ['storage_error', 1],
  ['web_hook_moved', 1],
];
/** A YAML export (gcloud's default format): read through the yaml package, loaded from the install. */
const YAML = "---\ncode: smime_error\ntimestamp: '2026-03-18T08:02:00Z'\n";

describe.skipIf(!SLOW)('installing mxscan', () => {
  let dir: string;
  let registry: LocalRegistry;
  let tarball: string;
  /** npm's environment: nothing of the caller's npm configuration, the local registry, a fresh cache. */
  let env: Record<string, string>;

  beforeAll(async () => {
    requireBin();
    dir = tempDir('install');
    registry = await startRegistry();
    mkdirSync(path.join(dir, 'home'));
    env = {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: path.join(dir, 'home'),
      npm_config_registry: registry.url + '/',
      npm_config_cache: path.join(dir, 'cache'),
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
    };
    // --ignore-scripts: pack the dist/ the suite was started with; rebuilding it here would race other tests.
    const packed = await run('npm', ['pack', '--ignore-scripts', '--pack-destination', dir], { cwd: ROOT, env });
    tarball = path.join(dir, packed.stdout.trim().split('\n').at(-1)!);
    writeFileSync(path.join(dir, 'incident.log'), LOG);
    writeFileSync(path.join(dir, 'entries.yaml'), YAML);
  }, 120_000);
  afterAll(async () => {
    await registry?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  /** Runs the installed bin on incident.log and entries.yaml; returns [code, count] pairs. */
  async function scanWith(bin: string[]): Promise<[string, number][]> {
    const r = await run(bin[0]!, [...bin.slice(1), 'scan', 'incident.log', 'entries.yaml', '--format', 'json', '--quiet'], { cwd: dir, env });
    return (JSON.parse(r.stdout) as { codes: { code: string; count: number }[] }).codes.map((c) => [c.code, c.count]);
  }

  it('npm install -g ./mxscan-*.tgz in a clean prefix: no build, no dev dependency; mxscan --version runs', async () => {
    const prefix = path.join(dir, 'prefix');
    await run('npm', ['install', '--global', '--prefix', prefix, tarball], { cwd: dir, env });
    expect(registry.misses).toEqual([]);
    const installed = path.join(prefix, 'lib', 'node_modules', 'mxscan');
    const deps = readdirSync(path.join(installed, 'node_modules'));
    expect(deps.filter((d) => DEV_TOOLS.includes(d))).toEqual([]);
    expect(deps).toEqual(expect.arrayContaining(['yargs', 'yaml', 'fast-glob', 'split2']));
    const bin = path.join(prefix, 'bin', 'mxscan');
    expect((await run(bin, ['--version'], { env })).stdout).toBe(`${VERSION}\n`);
    // Help is laid out by yargs' cliui and string-width, which the bundle loads from yargs' install.
    expect((await run(bin, ['scan', '--help'], { env })).stdout).toMatch(/\n {2}-j, --jobs +Worker threads/);
    expect(await scanWith([bin])).toEqual(SCANNED);
  }, 300_000);

  it('npm ci --omit=dev in a checkout that brings its built dist/: no build, and the bin runs', async () => {
    const checkout = path.join(dir, 'checkout');
    mkdirSync(checkout);
    for (const f of ['package.json', 'scripts', 'dist']) cpSync(path.join(ROOT, f), path.join(checkout, f), { recursive: true });
    // The lock file as it is, but fetched from the local registry: its recorded tarball URLs and hashes are
    // the public registry's, which this test cannot reach.
    const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, Record<string, unknown>> };
    for (const p of Object.values(lock.packages)) {
      delete p['resolved'];
      delete p['integrity'];
    }
    writeFileSync(path.join(checkout, 'package-lock.json'), JSON.stringify(lock, null, 2));
    const r = await run('npm', ['ci', '--omit=dev'], { cwd: checkout, env });
    expect(r.stderr).not.toMatch(/ERR/);
    expect(existsSync(path.join(checkout, 'node_modules', 'typescript'))).toBe(false);
    expect((await run(process.execPath, ['dist/bin.js', '--version'], { cwd: checkout, env })).stdout).toBe(`${VERSION}\n`);
    expect(await scanWith([process.execPath, path.join(checkout, 'dist', 'bin.js')])).toEqual(SCANNED);
  }, 300_000);

  it('the action\'s install step packs the action\'s built dist/ and installs it, runtime dependencies only', async () => {
    const job = path.join(dir, 'job');
    mkdirSync(job);
    const output = path.join(job, 'output');
    await run('bash', [path.join(ROOT, 'scripts', 'action.sh'), 'install'], {
      cwd: job,
      env: { ...env, GITHUB_ACTION_PATH: ROOT, GITHUB_OUTPUT: output, RUNNER_TEMP: job, GITHUB_ACTIONS: 'true', CI: 'true' },
    });
    expect(registry.misses).toEqual([]);
    const bin = path.join(job, 'mxscan-action', 'bin', 'mxscan');
    expect(readFileSync(output, 'utf8')).toBe(`bin=${bin}\n`);
    const deps = readdirSync(path.join(job, 'mxscan-action', 'lib', 'node_modules', 'mxscan', 'node_modules'));
    expect(deps.filter((d) => DEV_TOOLS.includes(d))).toEqual([]);
    expect((await run(bin, ['--version'], { env })).stdout).toBe(`${VERSION}\n`);
  }, 300_000);
});
