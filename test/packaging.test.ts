/**
 * The package as npm publishes it: the files it holds, its licence, the Node versions it declares; and the
 * README's usage examples, run as written with `mxscan` on the PATH, in a GitHub job's environment.
 * (Installing the packed tarball is in test/slow/install.test.ts.)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, requireBin, tempDir } from './support/cli.js';
import { ROOT } from './support/main.js';

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  license: string;
  engines: { node: string };
  bin: Record<string, string>;
  exports: Record<string, Record<string, string>>;
  types: string;
  scripts: Record<string, string>;
};

describe('the published package', () => {
  let files: string[];
  beforeAll(() => {
    // --ignore-scripts: list what the dist/ of this build would publish, without rebuilding it.
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' } });
    files = (JSON.parse(out) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path).sort();
  }, 60_000);

  it('holds LICENSE, README.md, package.json and dist/, nothing else', () => {
    expect(files.filter((f) => !f.startsWith('dist/'))).toEqual(['LICENSE', 'README.md', 'package.json']);
    expect(files.some((f) => f.endsWith('.tsbuildinfo'))).toBe(false);
  });

  it('holds every file the bin, the library and the workers load', () => {
    const caches = ['dist/command-line.cjs.cache', 'dist/command-line.cjs.workers.cache'];
    const targets = [pkg.bin['mxscan']!, pkg.types, ...Object.values(pkg.exports['.']!), 'dist/command-line.cjs', ...caches, 'dist/parallel/worker-thread.cjs', 'dist/wasm/kernels.wasm'];
    for (const t of targets) expect(files, t).toContain(t.replace(/^\.\//, ''));
  });

  it('npm publish --dry-run warns of nothing in the package (only that nobody is logged in)', () => {
    // An unreachable registry: nothing leaves the machine; npm still checks and auto-corrects package.json.
    const p = spawnSync('npm', ['publish', '--dry-run', '--ignore-scripts', '--registry', 'http://127.0.0.1:9/'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', npm_config_update_notifier: 'false', npm_config_fetch_retries: '0' },
    });
    expect(p.status, p.stderr).toBe(0);
    const warnings = (p.stdout + p.stderr).split('\n').filter((l) => /^npm (warn|error)/i.test(l));
    expect(warnings.filter((l) => !l.includes('requires you to be logged in'))).toEqual([]);
  }, 60_000);

  it('is MIT, as package.json says, by the mxscan contributors', () => {
    const text = readFileSync(path.join(ROOT, 'LICENSE'), 'utf8');
    expect(pkg.license).toBe('MIT');
    expect(text.split('\n')[0]).toBe('MIT License');
    expect(text).toMatch(/^Copyright \(c\) \d{4} mxscan contributors$/m);
  });

  it('declares the Node versions its runtime dependencies run on (yargs: 20.19+, 22.12+, 23 and later), with no upper bound', () => {
    expect(pkg.engines.node).toBe('^20.19.0 || ^22.12.0 || >=23');
    const yargs = JSON.parse(readFileSync(path.join(ROOT, 'node_modules', 'yargs', 'package.json'), 'utf8')) as { engines: { node: string } };
    expect(yargs.engines.node).toBe(pkg.engines.node);
  });

  it('builds on install only when the development tools are there (prepare), never needing them', () => {
    expect(pkg.scripts['prepare']).toBe('node scripts/prepare.mjs');
    expect(pkg.scripts['prepack']).toBe('node scripts/prepare.mjs --clean');
  });

  it('uses no syntax or module that Node 22 or 24 dropped', () => {
    const sources = (dir: string): string[] =>
      readdirSync(dir).flatMap((n) => (statSync(path.join(dir, n)).isDirectory() ? sources(path.join(dir, n)) : n.endsWith('.js') ? [path.join(dir, n)] : []));
    for (const f of sources(path.join(ROOT, 'dist'))) {
      const text = readFileSync(f, 'utf8');
      // import assertions (`assert { type: 'json' }`) are a syntax error from Node 22 on; punycode warns and goes
      expect(text, f).not.toMatch(/\bassert\s*\{\s*type\s*:/);
      expect(text, f).not.toMatch(/from ['"](node:)?punycode['"]/);
    }
  });
});

describe("the README's usage examples, as written", () => {
  let dir: string;
  beforeAll(() => {
    requireBin();
    dir = tempDir('usage');
    // `mxscan` on the PATH, as `npm link` or a global install of the tarball puts it.
    mkdirSync(path.join(dir, 'bin'));
    writeFileSync(path.join(dir, 'bin', 'mxscan'), `#!/bin/sh\nexec '${process.execPath}' '${BIN}' "$@"\n`);
    chmodSync(path.join(dir, 'bin', 'mxscan'), 0o755);
    // What the examples name: exported-logs/, logs/ (with a .jsonl.gz), app.log; kubectl prints app.log.
    for (const d of ['exported-logs', 'logs']) mkdirSync(path.join(dir, d));
    copyFileSync(path.join(ROOT, 'fixtures/incident/mail2cloud.log'), path.join(dir, 'exported-logs', 'mail2cloud.log'));
    copyFileSync(path.join(ROOT, 'fixtures/incident/mail2cloud.log'), path.join(dir, 'app.log'));
    copyFileSync(path.join(ROOT, 'fixtures/formats/notifications.jsonl.gz'), path.join(dir, 'logs', 'notifications.jsonl.gz'));
    copyFileSync(path.join(ROOT, 'fixtures/formats/service.log'), path.join(dir, 'logs', 'service.log'));
    writeFileSync(path.join(dir, 'bin', 'kubectl'), `#!/bin/sh\ncat '${path.join(dir, 'app.log')}'\n`);
    chmodSync(path.join(dir, 'bin', 'kubectl'), 0o755);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const usage = /## Usage\n\n```sh\n([\s\S]*?)```/.exec(readme)![1]!.split('\n').filter((l) => l.trim() !== '');
  // normal-day.json is the JSON report of an earlier scan: made first, with the recipe that writes one.
  const ordered = [...usage.filter((l) => !l.includes('normal-day.json')), ...usage.filter((l) => l.includes('normal-day.json'))];

  it.each(ordered)('%s', (line) => {
    if (line.includes('normal-day.json')) execFileSync('sh', ['-c', 'mxscan scan logs/ --format json --quiet > normal-day.json'], { cwd: dir, env: shellEnv() });
    // As a CI job runs it: GITHUB_ACTIONS=true, CI=true, no terminal; the exit status of every command of a pipe.
    const p = spawnSync('bash', ['-o', 'pipefail', '-c', line], { cwd: dir, env: { ...shellEnv(), GITHUB_ACTIONS: 'true', CI: 'true' }, encoding: 'utf8' });
    expect(p.status, p.stderr).toBe(0);
    if (line.includes('| jq')) expect(p.stdout).toMatch(/"code": "storage_error"/);
  });

  function shellEnv(): Record<string, string> {
    return { PATH: `${path.join(dir, 'bin')}:${process.env['PATH'] ?? '/usr/bin:/bin'}`, HOME: dir };
  }
});
