import { availableParallelism } from 'node:os';
import type { FileSettings } from '../model/settings.js';
import { RangeClaim } from './claim.js';
import { settingsToJson, unpackResult, type AccountsHome, type PackedResult, type Unit, type UnitMessage, type UnitResult, type WorkerMessage } from './protocol.js';
import { MIN_STEAL, mayHalve, steal, type Reading } from './steal.js';
import { cutTimes } from './plan.js';
import { whenReady, Workers } from './warm.js';

type Reply =
  | { type: 'ready' }
  | { type: 'progress'; bytes: number }
  | { type: 'done'; result: PackedResult }
  | { type: 'error'; index: number; message: string };

/** A unit to scan, its size, and for a file that threads share, how many threads it earns (see planUnits). */
export type PoolUnit = Unit & { readonly size: number; readonly shares?: number };

/** What a run on workers may be given besides its units. */
export interface PoolOptions {
  /** Told the bytes read, as they are read. */
  readonly progress?: ((bytes: number) => void) | undefined;
  /** Workers started ahead of time, taken first. */
  readonly warm?: Workers | undefined;
  /** Bytes a range must have left to be halved for a thread come free (see MIN_STEAL). */
  readonly minSteal?: number;
  /** For a worker's unit: where its codes' accounts go as it is unpacked, if not into maps of its own. */
  readonly accountsHome?: (unit: Unit) => AccountsHome | undefined;
}

/** Scans a unit on this thread; with a claim, a byte range another thread may take the tail of. */
export type ScanHere = (unit: Unit, s: FileSettings, progress?: (bytes: number) => void, claim?: RangeClaim) => Promise<UnitResult>;

/**
 * Scans units on `jobs` threads: this one and `jobs - 1` worker threads. This thread starts at once, on the
 * smallest units (it answers the workers between its own units and their chunks, so it keeps to the short
 * ones); each worker, once booted, on the largest; each takes the next unit when it is done. A thread with no
 * unit left takes the back half of the byte range with the most left (see steal), so one large file is
 * shared as the threads come free: a worker that boots late or reads slower gets less of it. Each result is
 * handed to `done` as it comes, with its unit (a range taken so is a unit of its own). This thread has every
 * module loaded already and its results need no copying: a worker fewer to start, and on a machine with as
 * many cores as jobs, no thread left idle waiting. A worker that fails rejects the whole run (an unexpected
 * error: inputs that cannot be read are recorded in their unit's tally, not thrown).
 */
export async function runOnWorkers(
  units: readonly PoolUnit[],
  s: FileSettings,
  jobs: number,
  done: (result: UnitResult, unit: Unit | undefined) => void,
  /** Scans a unit on this thread (scanUnit in scan.ts: given, so that the pool does not import the scan back). */
  scanHere: ScanHere,
  { progress, warm = new Workers(), minSteal = MIN_STEAL, accountsHome }: PoolOptions = {},
): Promise<void> {
  const queue = [...units].sort((a, b) => b.size - a.size || a.index - b.index);
  const n = Math.min(jobs, units.reduce((k, u) => k + (u.shares ?? 1), 0));
  // With a thread on every core, each reads a file straight into its scanner (see FileSettings.readAhead).
  const here: FileSettings = { ...s, readAhead: s.readAhead && n < availableParallelism() };
  const settings = settingsToJson(here);
  // How a range's back half is cut (see cutTimes): the same for every steal.
  const times = cutTimes(s);
  const workers = warm.take(n - 1);
  // Units by index, and the byte ranges being read (a thread come free may take the tail of one).
  const byIndex = new Map<number, Unit>(units.map((u) => [u.index, u]));
  let last = units.reduce((k, u) => Math.max(k, u.index), -1);
  const reading = new Map<number, Reading>();
  const begin = (unit: Unit): RangeClaim | undefined => {
    const range = unit.input.range;
    if (range === undefined) return undefined;
    const claim = RangeClaim.over(range.start, range.end);
    reading.set(unit.index, { input: unit.input, claim });
    return claim;
  };
  const finish = (index: number): Unit | undefined => {
    reading.delete(index);
    return byIndex.get(index);
  };
  // The back half of a range being read, as a unit of its own: being read from now on, by the thread that asked.
  const taken = async (): Promise<{ unit: Unit; claim: RangeClaim } | undefined> => {
    const got = steal(reading.values(), minSteal, times, s.maxLineLength);
    if (got === undefined) return undefined;
    const unit: Unit = { index: ++last, input: got.input };
    byIndex.set(unit.index, unit);
    reading.set(unit.index, got);
    return { unit, claim: got.claim };
  };
  const local = async (): Promise<void> => {
    for (;;) {
      const next = queue.pop();
      const got = next !== undefined ? { unit: next, claim: begin(next) } : await taken();
      if (got === undefined) return;
      const result = await scanHere(got.unit, here, progress, got.claim);
      done(result, finish(got.unit.index));
      // Let the workers' messages in (a unit read from memory never waits on anything that would).
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  };
  try {
    await Promise.all([
      ...workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            let first = true;
            let ended = false;
            // Units sent and not done yet; a range being taken for it.
            let sent = 0;
            let taking = false;
            // Whether it was sent a whole file: only then does it hold a tally to send back at the end.
            let whole = false;
            const post = (unit: Unit, claim: RangeClaim | undefined): void => {
              w.postMessage({
                index: unit.index,
                input: unit.input,
                ...(unit.more !== undefined ? { more: unit.more } : {}),
                ...(first ? { settings } : {}),
                ...(claim !== undefined ? { claim: claim.buffer } : {}),
              } satisfies UnitMessage);
              first = false;
              sent++;
              if (unit.input.range === undefined) whole = true;
            };
            const next = (): void => {
              // While there are units enough for every thread, one more waits at the worker: it goes on with it
              // at once, not after this thread (busy with a unit of its own) has read its message.
              while (sent < (queue.length > n ? 2 : 1)) {
                const unit = queue.shift();
                if (unit === undefined) break;
                post(unit, begin(unit));
              }
              if (sent > 0 || taking) return;
              if (ended) return resolve();
              // No unit left: the back half of a range being read, or else the worker sends back the tally of
              // its whole files (index -1), then it is done.
              const end = (): void => {
                ended = true;
                // Byte ranges only: each came back with its result, nothing is left to ask it for.
                if (!whole) return resolve();
                w.postMessage({ end: true } satisfies WorkerMessage);
              };
              // No range to halve: told now, before the result just in is merged, so that its reply comes meanwhile.
              if (!mayHalve(reading.values(), minSteal)) return end();
              taking = true;
              taken().then((got) => {
                taking = false;
                if (got !== undefined) return post(got.unit, got.claim);
                end();
              }, reject);
            };
            w.on('message', (m: Reply) => {
              if (m.type === 'ready') return;
              if (m.type === 'progress') progress?.(m.bytes);
              else if (m.type === 'done') {
                const index = m.result.result.index;
                if (index !== -1) sent--;
                const unit = finish(index);
                next();
                try {
                  done(unpackResult(m.result, unit !== undefined ? accountsHome?.(unit) : undefined), unit);
                } catch (err) {
                  reject(err);
                }
              } else reject(new Error(`worker failed on unit ${m.index}: ${m.message}`));
            });
            w.on('error', reject);
            w.on('exit', (code) => {
              if (code !== 0) reject(new Error(`worker exited with code ${code}`));
            });
            // Many units: its first ones now, waiting for it as it boots. Few: its first once it has booted, so
            // that this thread takes what the worker would have had until then (a shared file: all of it).
            if (queue.length >= 2 * n) next();
            else void whenReady(w).then(next);
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
