import { parentPort } from 'node:worker_threads';
import { cacheFiles, loadBundle } from '../code-cache.js';
import type { serveWorker } from './worker.js';

// A worker thread's entry (dist/parallel/worker-thread.cjs): mxscan's one bundle, the command line's
// (dist/command-line.cjs, which holds the worker's code too), compiled with the code cache made under the flag
// the bin sets before any worker starts (see bin.ts), then the worker serves the units it is sent.
const bundle = process.getBuiltinModule('node:url').fileURLToPath(new URL('../command-line.cjs', import.meta.url));
const { exports } = loadBundle(bundle, cacheFiles(bundle).workers);
(exports['serveWorker'] as typeof serveWorker)(parentPort!);
