// The build's last step: V8's code caches of the command line's bundle (dist/command-line.cjs), made after a
// scan of two small logs so that they hold the bytecode of every function a scan runs, not only the bundle's
// top level (see src/code-cache.ts). V8 refuses a cache made under other flags: one is made under V8's
// defaults, as the bin compiles the command line (dist/command-line.cjs.cache), one under the flag the bin
// then sets, as worker threads compile it (dist/command-line.cjs.workers.cache). Each is made in a process of
// its own; then another process checks that V8 takes it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const bundle = path.join(dist, 'command-line.cjs');
const [, , step, kind] = process.argv;
const { cacheBytes, cacheFiles, loadBundle, BIN_FLAGS } = await import(pathToFileURL(path.join(dist, 'code-cache.js')).href);
// Before anything compiles: the flags of the thread the cache is for.
if (kind === 'workers') setFlagsFromString(BIN_FLAGS);

if (step === '--make') {
  // In the child: run the command line without a cache (the scan stays on this thread: --jobs 1), then keep
  // what it compiled. A worker runs the same scan functions.
  const loaded = loadBundle(bundle, undefined);
  await loaded.exports.run(process.argv.slice(4));
  if (process.exitCode !== 0) throw new Error(`code-cache.mjs: the scan made for the cache exited ${process.exitCode}`);
  writeFileSync(cacheFiles(bundle)[kind], cacheBytes(loaded));
} else if (step === '--check') {
  const { cache } = loadBundle(bundle, cacheFiles(bundle)[kind]);
  if (cache !== 'accepted') throw new Error(`code-cache.mjs: V8 did not take the ${kind} code cache of ${bundle} (${cache})`);
} else {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mxscan-code-cache-'));
  try {
    // A plain-text log and JSON lines: the two fast paths, with a time, an account and a snake_case key.
    writeFileSync(path.join(dir, 'app.log'), '2026-03-18T10:00:00Z smime_error for a@example.com retry_count=2\nno code here\n2026-03-18T10:05:00Z storage_error\n');
    writeFileSync(path.join(dir, 'events.jsonl'), '{"time":"2026-03-18T10:00:00Z","code":"storage_error","tenant_id":"t1","user":"b@example.com"}\n{"time":1773828000,"message":"smime_error"}\n');
    const self = fileURLToPath(import.meta.url);
    const scan = ['scan', path.join(dir, 'app.log'), path.join(dir, 'events.jsonl'), '--jobs', '1', '--format', 'json', '--quiet'];
    for (const which of ['main', 'workers']) {
      execFileSync(process.execPath, [self, '--make', which, ...scan], { stdio: ['ignore', 'ignore', 'inherit'] });
      execFileSync(process.execPath, [self, '--check', which], { stdio: 'inherit' });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
