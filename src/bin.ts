#!/usr/bin/env node
import { loadBundle } from './code-cache.js';

// A scan makes short-lived garbage that outlives the young generation; with V8's default growth the heap
// grows well past what is live (20,000 small files: ~140 MiB; one 2 GiB log with two threads: 175 MiB).
// Sized for memory it stays near the live size, for some CPU time (README "Speed", Memory). Set before
// the workers start (the flag is process-wide) and before the command line compiles (its code cache was
// made under the same flags).
process.getBuiltinModule('node:v8').setFlagsFromString('--optimize-for-size');

// The command line, bundled into one CommonJS file (scripts/bundle.mjs) and compiled with its code cache.
const bundle = new URL('./command-line.cjs', import.meta.url);
const { run } = loadBundle(process.getBuiltinModule('node:url').fileURLToPath(bundle)).exports as { run: (argv: readonly string[]) => Promise<void> };
await run(process.argv.slice(2));
