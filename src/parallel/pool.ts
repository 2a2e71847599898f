import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FileSettings } from '../scan.js';
import { settingsToJson, type UnitMessage, type UnitResult } from './protocol.js';

type Reply = { type: 'progress'; bytes: number } | { type: 'done'; result: UnitResult } | { type: 'error'; index: number; message: string };

// Built code runs dist/parallel/worker.js; tests run the sources, whose worker is the built one too.
const WORKER = import.meta.url.endsWith('.ts')
  ? new URL('../../dist/parallel/worker.js', import.meta.url)
  : new URL('./worker.js', import.meta.url);

/**
 * Scans units on `jobs` worker threads, largest first, each worker taking the next unit when it is done;
 * results come back in unit order. A worker that fails rejects the whole run (an unexpected error: inputs
 * that cannot be read are recorded in their unit's tally, not thrown).
 */
export async function runOnWorkers(
  units: readonly (UnitMessage & { size: number })[],
  s: FileSettings,
  jobs: number,
  progress?: (bytes: number) => void,
): Promise<UnitResult[]> {
  const queue = [...units].sort((a, b) => b.size - a.size || a.index - b.index);
  const results: UnitResult[] = [];
  const n = Math.min(jobs, units.length);
  // With a worker on every core, a worker reads a file straight into its scanner (see FileSettings.readAhead).
  const settings = settingsToJson({ ...s, readAhead: s.readAhead && n < availableParallelism() });
  const workers = Array.from({ length: n }, () => new Worker(WORKER, { workerData: settings }));
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const next = (): void => {
              const unit = queue.shift();
              if (unit === undefined) return resolve();
              w.postMessage({ index: unit.index, input: unit.input } satisfies UnitMessage);
            };
            w.on('message', (m: Reply) => {
              if (m.type === 'progress') progress?.(m.bytes);
              else if (m.type === 'done') {
                results[m.result.index] = m.result;
                next();
              } else reject(new Error(`worker failed on unit ${m.index}: ${m.message}`));
            });
            w.on('error', reject);
            w.on('exit', (code) => {
              if (code !== 0) reject(new Error(`worker exited with code ${code}`));
            });
            next();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
