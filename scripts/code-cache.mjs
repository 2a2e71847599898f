// The build's last step: V8's code cache of the command line (dist/command-line.cjs.cache), made after a scan
// of two small logs so that it holds the bytecode of every function a scan runs, not only the bundle's top
// level (see src/code-cache.ts). It is made in a process of its own under V8's default flags, as the bin
// compiles the command line (V8 refuses a cache made under other flags); then a second process checks that V8
// takes it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const bundle = path.join(dist, 'command-line.cjs');
const { cacheBytes, cacheFileOf, loadBundle } = await import(new URL('code-cache.js', `file://${dist}/`).href);

if (process.argv[2] === '--make') {
  // In the child: run the command line without a cache, then keep what it compiled.
  const loaded = loadBundle(bundle, false);
  await loaded.exports.run(process.argv.slice(3));
  if (process.exitCode !== 0) throw new Error(`code-cache.mjs: the scan made for the cache exited ${process.exitCode}`);
  writeFileSync(cacheFileOf(bundle), cacheBytes(loaded));
} else if (process.argv[2] === '--check') {
  const { cache } = loadBundle(bundle);
  if (cache !== 'accepted') throw new Error(`code-cache.mjs: V8 did not take the code cache of ${bundle} (${cache})`);
} else {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mxscan-code-cache-'));
  try {
    // A plain-text log and JSON lines: the two fast paths, with a time, an account and a snake_case key.
    writeFileSync(path.join(dir, 'app.log'), '2026-03-18T10:00:00Z smime_error for a@example.com retry_count=2\nno code here\n2026-03-18T10:05:00Z storage_error\n');
    writeFileSync(path.join(dir, 'events.jsonl'), '{"time":"2026-03-18T10:00:00Z","code":"storage_error","tenant_id":"t1","user":"b@example.com"}\n{"time":1773828000,"message":"smime_error"}\n');
    const self = fileURLToPath(import.meta.url);
    const scan = ['scan', path.join(dir, 'app.log'), path.join(dir, 'events.jsonl'), '--jobs', '1', '--format', 'json', '--quiet'];
    execFileSync(process.execPath, [self, '--make', ...scan], { stdio: ['ignore', 'ignore', 'inherit'] });
    execFileSync(process.execPath, [self, '--check'], { stdio: 'inherit' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
