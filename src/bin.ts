#!/usr/bin/env node
import { cacheFiles, loadBundle, BIN_FLAGS } from './code-cache.js';

// The command line, bundled into one CommonJS file (scripts/bundle.mjs) and compiled with its code cache,
// under V8's default flags (the cache was made under them).
const bundle = process.getBuiltinModule('node:url').fileURLToPath(new URL('./command-line.cjs', import.meta.url));
const { run } = loadBundle(bundle, cacheFiles(bundle).main).exports as { run: (argv: readonly string[]) => Promise<void> };

// The standard streams, which every run makes (run() reads whether they are terminals), are made before the
// flag below: their modules then load with Node's code cache.
void process.stdout;
void process.stderr;

// A scan makes short-lived garbage that outlives the young generation; with V8's default growth the heap
// grows well past what is live (20,000 small files: ~140 MiB; one 2 GiB log with two threads: 175 MiB).
// Sized for memory it stays near the live size, for some CPU time (README "Speed", Memory). Set before
// the workers start (the flag is process-wide), but after the command line has loaded: once a flag is set,
// V8 refuses the code caches made under the defaults, Node's own (every builtin loaded later compiles,
// three times as slow) and the command line's (workers have one made under the flag).
process.getBuiltinModule('node:v8').setFlagsFromString(BIN_FLAGS);

await run(process.argv.slice(2));
