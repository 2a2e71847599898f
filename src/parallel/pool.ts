import { availableParallelism } from 'node:os';
import type { FileSettings } from '../model/settings.js';
import { settingsToJson, type Unit, type UnitMessage, type UnitResult } from './protocol.js';
import { Workers } from './warm.js';

type Reply = { type: 'progress'; bytes: number } | { type: 'done'; result: UnitResult } | { type: 'error'; index: number; message: string };

/**
 * Scans units on `jobs` worker threads, largest first, each worker taking the next unit when it is done;
 * each result is handed to `done` as it comes. A worker that fails rejects the whole run (an unexpected
 * error: inputs that cannot be read are recorded in their unit's tally, not thrown).
 */
export async function runOnWorkers(
  units: readonly (Unit & { size: number })[],
  s: FileSettings,
  jobs: number,
  done: (result: UnitResult) => void,
  progress?: (bytes: number) => void,
  /** Workers started ahead of time, taken first. */
  warm: Workers = new Workers(),
): Promise<void> {
  const queue = [...units].sort((a, b) => b.size - a.size || a.index - b.index);
  const n = Math.min(jobs, units.length);
  // With a worker on every core, a worker reads a file straight into its scanner (see FileSettings.readAhead).
  const settings = settingsToJson({ ...s, readAhead: s.readAhead && n < availableParallelism() });
  const workers = warm.take(n);
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            let first = true;
            const next = (): void => {
              const unit = queue.shift();
              if (unit === undefined) return resolve();
              w.postMessage({ index: unit.index, input: unit.input, ...(first ? { settings } : {}) } satisfies UnitMessage);
              first = false;
            };
            w.on('message', (m: Reply) => {
              if (m.type === 'progress') progress?.(m.bytes);
              else if (m.type === 'done') {
                next();
                try {
                  done(m.result);
                } catch (err) {
                  reject(err);
                }
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
}
