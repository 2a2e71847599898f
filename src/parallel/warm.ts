import { opendirSync, statSync } from 'node:fs';
import path from 'node:path';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { scanArgs } from '../argv.js';
import { arrayIndent, OPEN_BRACKET, skipWs } from '../input/json-bytes.js';
import { readAsOne } from '../input/detect.js';
import { readAt } from '../input/read-at.js';
import { YAML_NAME } from '../input/yaml.js';
import { WHOLE_FILE } from '../input/whole.js';

// Built code runs dist/parallel/worker-thread.cjs; tests run the sources, whose worker is the built one too.
const WORKER = import.meta.url.endsWith('.ts')
  ? new URL('../../dist/parallel/worker-thread.cjs', import.meta.url)
  : new URL('./worker-thread.cjs', import.meta.url);

/** Per worker: settled once it has loaded its modules (it says so), failed or ended. */
const readiness = new WeakMap<Worker, Promise<void>>();

/** Settles once the worker has booted and waits for work (or is gone: its own events tell why). */
export const whenReady = (w: Worker): Promise<void> => readiness.get(w) ?? Promise.resolve();

/** A worker thread that does not keep the process alive until it is given work, and never crashes it while idle. */
function spawn(): { worker: Worker; gone: () => boolean } {
  // Loaded by the first worker: a scan on one thread never loads it.
  const worker = new (process.getBuiltinModule('node:worker_threads').Worker)(WORKER);
  let gone = false;
  readiness.set(
    worker,
    new Promise<void>((resolve) => {
      const ready = (m: unknown): void => {
        if ((m as { type?: string } | null)?.type !== 'ready') return;
        worker.off('message', ready);
        resolve();
      };
      worker.on('message', ready);
      worker.once('error', () => resolve());
      worker.once('exit', () => resolve());
    }),
  );
  // An idle worker that fails is simply not used; a worker at work reports its own failures.
  worker.on('error', () => (gone = true));
  worker.on('exit', () => (gone = true));
  worker.unref();
  return { worker, gone: () => gone };
}

/**
 * Worker threads started before they are asked for: each boots (a thread, its modules) while the command
 * line is still being read, so a scan on several cores starts at once. Those never taken are ended by close.
 */
export class Workers {
  private idle: { worker: Worker; gone: () => boolean }[];

  constructor(n = 0) {
    this.idle = Array.from({ length: n }, spawn);
  }

  /** n workers, started ones first, kept alive until they are terminated. */
  take(n: number): Worker[] {
    const ready = this.idle.splice(0, n).filter((w) => !w.gone());
    while (ready.length < n) ready.push(spawn());
    return ready.map(({ worker }) => {
      worker.ref();
      return worker;
    });
  }

  /** Resolves once the workers not taken yet have booted (or failed): a scan then shares its first bytes. */
  booted(): Promise<void> {
    return Promise.all(this.idle.map(({ worker }) => whenReady(worker))).then(() => undefined);
  }

  /** Ends the workers never taken. */
  close(): void {
    for (const { worker } of this.idle) void worker.terminate();
    this.idle = [];
  }
}

/** A file is split only when each part would hold at least this many bytes. */
export const MIN_PART = 32 * 1024 * 1024;

/**
 * Bytes from which a scan is shared with worker threads on more than two cores: below it, starting a worker
 * and merging its tally back cost more than the part of the scan it takes (64 MiB is about 0.1 s of
 * scanning on one core).
 */
export const MIN_PARALLEL = 2 * MIN_PART;

/**
 * The same on two cores (or one). A scan on one thread keeps about 1.2 of them busy already (the next chunk
 * read on the other core, V8 collecting garbage and compiling there), so a worker — its start, about 0.15 s
 * of CPU, and its first, cold MiB — takes that core from both threads. One file of plain text, JSON lines,
 * CSV or a JSON array shared by two threads took 1.0–1.13× the time of one thread at 256 MiB, the same at
 * 384 MiB, and 0.91–0.96× at 512 MiB (runs side by side).
 */
export const MIN_PARALLEL_TWO_CORES = 384 * 1024 * 1024;

/** YAML is read about eight times slower per byte than the other formats (turned into JSON first): its bytes weigh as much more. */
const YAML_WEIGHT = 8;

/** Weighed bytes (see work) from which a scan on `cores` cores is shared with worker threads. */
export const parallelFrom = (cores: number): number => (cores <= 2 ? MIN_PARALLEL_TWO_CORES : MIN_PARALLEL);

/** What `bytes` in a format weigh against parallelFrom: a YAML stream's YAML_WEIGHT times its size (a format not known yet is told by the file's name). */
export const work = (bytes: number, format: string | undefined, name = ''): number =>
  format === 'yaml' || (format === undefined && YAML_NAME.test(name.toLowerCase())) ? YAML_WEIGHT * bytes : bytes;

/**
 * Threads that share small files alone (none of WHOLE_FILE bytes or more, see threadsFor): one fewer than
 * the cores, as V8's own threads keep about 0.4 of a core busy beside a thread reading small files.
 */
export const smallFileThreads = (jobs: number, cores: number): number => Math.min(jobs, Math.max(1, cores - 1));

/** The size of a regular file, undefined for anything else (a directory, a glob, nothing). */
function fileSize(p: string): number | undefined {
  try {
    const st = statSync(p);
    return st.isFile() ? st.size : undefined;
  } catch {
    return undefined;
  }
}

/** The first 4 KiB of a file (undefined: unreadable, or not a regular file). */
function fileHead(p: string): Buffer | undefined {
  try {
    // A regular file only: a FIFO's bytes are its scan's (read here they would be gone), and its open waits.
    return statSync(p).isFile() ? readAt(p, 0, 4096) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The size of the first file a directory lists (in a subdirectory if it lists that first), hidden entries
 * left out; undefined for none, or not a directory. Read as listed, not sorted: one entry a level however
 * large the directory (only a guess of what the scan reads first).
 */
function firstFileSize(dir: string, depth = 8): number | undefined {
  try {
    const d = opendirSync(dir);
    try {
      for (let e = d.readSync(); e !== null; e = d.readSync()) {
        if (e.name.startsWith('.')) continue;
        const p = path.join(dir, e.name);
        // Its first entry only, however large the tree: an empty subdirectory first gives no guess.
        return e.isFile() ? fileSize(p) : e.isDirectory() && depth > 0 ? firstFileSize(p, depth - 1) : undefined;
      }
    } finally {
      d.closeSync();
    }
  } catch {
    // Unreadable: no guess.
  }
  return undefined;
}

/**
 * A file that is never split into ranges (see splittable in plan.ts), told from its name as detectFormat
 * tells it, and its first bytes: compressed, UTF-16 (or any byte-order mark: readAsOne), or a `.json` file
 * that is an array whose elements do not start lines of their own (compact: see arrayIndent). One such file
 * is scanned by one thread: a worker started for it would only take a core's time booting.
 */
function readWhole(p: string, head: (p: string) => Buffer | undefined): boolean {
  const lower = p.toLowerCase();
  if (lower.endsWith('.gz')) return true;
  const b = head(p);
  if (b === undefined) return false;
  return readAsOne(b) || (lower.endsWith('.json') && b[skipWs(b, 0, b.length)] === OPEN_BRACKET && arrayIndent(b) === undefined);
}

/** Inputs likelyWorkers measures at most. */
const WEIGHED_INPUTS = 64;

/**
 * What the inputs weigh together (see work), counted up to `from` (past it, the weight so far): undefined
 * when one is no file (a directory, a glob: discovery measures those) or there are too many to measure here.
 */
function weigh(inputs: readonly string[], from: number, size: (p: string) => number | undefined): number | undefined {
  if (inputs.length > WEIGHED_INPUTS) return undefined;
  let weight = 0;
  for (const p of inputs) {
    const n = size(p);
    if (n === undefined) return undefined;
    weight += work(n, undefined, p);
    if (weight >= from) break;
  }
  return weight;
}

/**
 * How many workers `mxscan ARGV` is likely to want, read from the raw arguments before anything else is
 * loaded: one fewer than the cores (or --jobs, at most the cores) for a scan, since the main thread scans
 * too; 0 for anything else and for a scan of one file too small to be split, or one never split (readWhole),
 * and where small files are read by this thread alone, for a scan whose first file is small (it starts on
 * this thread with the small files in order; see smallFirst in plan.ts). A wrong guess only costs a worker
 * started for nothing, or one started later.
 */
export function likelyWorkers(argv: readonly string[], cores = availableParallelism(), size = fileSize, head = fileHead, firstIn = firstFileSize): number {
  const args = scanArgs(argv);
  if (cores < 2 || args === undefined) return 0;
  // Standard input is read on this thread.
  const inputs = args.inputs.filter((p) => p !== '-');
  const jobs = args.jobs ?? cores;
  if (jobs < 2 || inputs.length === 0) return 0;
  // A few files alone that weigh too little in all to share (see threadsFor in plan.ts), or one file never
  // split; a shell's glob of thousands of names is not measured here (one stat each: discovery's job).
  const from = parallelFrom(cores);
  const weight = weigh(inputs, from, size);
  if (weight !== undefined && (weight < from || (inputs.length === 1 && readWhole(inputs[0]!, head)))) return 0;
  if (smallFileThreads(jobs, cores) <= 1) {
    // The input the scan reads first: the first in path order, as discovery sorts them (near enough).
    const head = inputs.reduce((a, b) => (b < a ? b : a));
    const n = size(head) ?? firstIn(head);
    if (n !== undefined && n < WHOLE_FILE) return 0;
  }
  return Math.min(jobs, cores) - 1;
}
