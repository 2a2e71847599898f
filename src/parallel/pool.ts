import { availableParallelism } from 'node:os';
import type { FileSettings } from '../model/settings.js';
import { settingsToJson, unpackResult, type PackedResult, type Unit, type UnitMessage, type UnitResult, type WorkerMessage } from './protocol.js';
import { Workers } from './warm.js';

type Reply = { type: 'progress'; bytes: number } | { type: 'done'; result: PackedResult } | { type: 'error'; index: number; message: string };

/**
 * Scans units on `jobs` threads: this one and `jobs - 1` worker threads. Workers take the largest units
 * first, this thread the smallest (it answers the workers between its own units and their chunks, so it
 * keeps to the short ones), each taking the next unit when it is done; each result is handed to `done` as it comes. This
 * thread has every module loaded already and its results need no copying: a worker fewer to start, and on a
 * machine with as many cores as jobs, no thread left idle waiting. A worker that fails rejects the whole run
 * (an unexpected error: inputs that cannot be read are recorded in their unit's tally, not thrown).
 */
export async function runOnWorkers(
  units: readonly (Unit & { size: number })[],
  s: FileSettings,
  jobs: number,
  done: (result: UnitResult) => void,
  /** Scans a unit on this thread (scanUnit in scan.ts: given, so that the pool does not import the scan back). */
  scanHere: (unit: Unit, s: FileSettings, progress?: (bytes: number) => void) => Promise<UnitResult>,
  progress?: (bytes: number) => void,
  /** Workers started ahead of time, taken first. */
  warm: Workers = new Workers(),
): Promise<void> {
  const queue = [...units].sort((a, b) => b.size - a.size || a.index - b.index);
  const n = Math.min(jobs, units.length);
  // With a thread on every core, each reads a file straight into its scanner (see FileSettings.readAhead).
  const here: FileSettings = { ...s, readAhead: s.readAhead && n < availableParallelism() };
  const settings = settingsToJson(here);
  const workers = warm.take(n - 1);
  const local = async (): Promise<void> => {
    for (let unit = queue.pop(); unit !== undefined; unit = queue.pop()) {
      done(await scanHere(unit, here, progress));
      // Let the workers' messages in (a unit read from memory never waits on anything that would).
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  };
  try {
    // Workers are given their first units before this thread starts on its own.
    await Promise.all([
      ...workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            let first = true;
            let ended = false;
            // Units sent and not done yet.
            let sent = 0;
            const next = (): void => {
              // While there are units enough for every thread, one more waits at the worker: it goes on with it
              // at once, not after this thread (busy with a unit of its own) has read its message.
              while (sent < (queue.length > n ? 2 : 1)) {
                const unit = queue.shift();
                if (unit === undefined) break;
                w.postMessage({ index: unit.index, input: unit.input, ...(unit.more !== undefined ? { more: unit.more } : {}), ...(first ? { settings } : {}) } satisfies UnitMessage);
                first = false;
                sent++;
              }
              if (sent > 0) return;
              // No more units: the worker sends back the tally of its whole files (index -1), then it is done.
              if (ended) return resolve();
              ended = true;
              w.postMessage({ end: true } satisfies WorkerMessage);
            };
            w.on('message', (m: Reply) => {
              if (m.type === 'progress') progress?.(m.bytes);
              else if (m.type === 'done') {
                if (m.result.result.index !== -1) sent--;
                next();
                try {
                  done(unpackResult(m.result));
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
      local(),
    ]);
  } finally {
    // Not waited for (about 10 ms): an ended worker holds nothing the report needs, nor the process open.
    for (const w of workers) {
      w.unref();
      w.terminate().catch(() => undefined);
    }
  }
}
