#!/usr/bin/env node
/**
 * Writes the benchmark corpus: deterministic, seeded Mail2Cloud-like logs, and next to each file a
 * `*.counts.json` with the exact count per code that the generator placed (never found by scanning),
 * over the whole file and, for the service-log files, inside each bench window (lib/expect.mjs).
 *
 *   node bench/generate.mjs [--size 1g] [--dir $TMPDIR/mxscan-bench] [--seed 1] [--force] [--only FILE,...]
 *
 * Files (seed s): today's text-a.log, text-b.log (plain text, s and s+1), events.jsonl (JSON lines, s+2),
 * long-line.log (one line, no newline, s+3); the service logs mail.log (an e-mail on every line, s+4),
 * mail.log.gz (the same, gzip), kv.log (snake_case key=value, s+5), snake.jsonl (snake_case JSON lines,
 * s+6), jvm.jsonl (the same with a JVM's stack traces on stderr between them, s+11), export.csv (s+7), export.json (a JSON array, s+8), gcloud.json and
 * export.yaml (the same LogEntries, as gcloud prints them with --format=json and by default, s+10); small/ (~10 KB files, 20,000 from 512 MiB up,
 * fewer below, s+9); and codes.txt (one code a line, for rg and grep). Each other file is about --size bytes.
 * A file is reused when its counts file says it was made by this same generator source with the same
 * seed and size, and the file still has the recorded length.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { CODES } from './lib/catalog.mjs';
import { formatBytes, parseSize } from './lib/size.mjs';

/** @typedef {'text' | 'jsonl' | 'long-line' | 'mail' | 'kv' | 'snake' | 'jvm' | 'csv' | 'array' | 'gcloud' | 'yaml' | 'small'} Kind */
/** @typedef {{ name: string, kind: Kind, seed: number, target: number, gzip?: boolean, utf16?: boolean }} Spec */
/**
 * What a counts file holds. `bytes` is the size on disk (compressed for gzip, the sum of the files for
 * the small-files tree); `expandedBytes` the uncompressed size; `linesMentioningCode` is null where a
 * record may span lines (CSV, JSON array); `windows` the expected counts inside each bench window.
 * @typedef {{ generator: string, file: string, kind: Kind, seed: number, target: number, bytes: number,
 *   expandedBytes?: number, files?: number, lastFile?: string,
 *   lines: number, records: number, malformedRecords?: number, codes: Record<string, number>, byLevel: Record<string, number>,
 *   linesMentioningCode: number | null, windows?: Record<import('./lib/expect.mjs').WindowId, import('./lib/expect.mjs').WindowCounts>,
 *   features: Record<string, number> }} Counts
 */
/** @typedef {{ dir: string, codesFile: string, files: { name: string, path: string, kind: Kind, counts: Counts }[] }} Corpus */

export const DEFAULT_DIR = path.join(os.tmpdir(), 'mxscan-bench');
export const DEFAULT_SIZE = 1024 ** 3;
const HERE = path.dirname(fileURLToPath(import.meta.url));

/** A hash of the generator's own source: editing the generator makes old corpora stale. */
function generatorId() {
  const h = createHash('sha256');
  for (const f of ['generate.mjs', 'lib/corpus-file.mjs', 'lib/events.mjs', 'lib/words.mjs', 'lib/catalog.mjs', 'lib/rng.mjs', 'lib/expect.mjs', 'lib/service.mjs', 'lib/shaped-file.mjs', 'lib/small-files.mjs']) {
    h.update(fs.readFileSync(path.join(HERE, f)));
  }
  return h.digest('hex').slice(0, 16);
}

/** The files of a corpus of this size and seed. */
export function corpusSpecs(/** @type {{ size: number, seed: number, longLine?: boolean }} */ o) {
  /** @type {Spec[]} */
  const specs = [
    { name: 'text-a.log', kind: 'text', seed: o.seed, target: o.size },
    { name: 'text-b.log', kind: 'text', seed: o.seed + 1, target: o.size },
    { name: 'events.jsonl', kind: 'jsonl', seed: o.seed + 2, target: o.size },
    { name: 'mail.log', kind: 'mail', seed: o.seed + 4, target: o.size },
    { name: 'kv.log', kind: 'kv', seed: o.seed + 5, target: o.size },
    { name: 'snake.jsonl', kind: 'snake', seed: o.seed + 6, target: o.size },
    { name: 'jvm.jsonl', kind: 'jvm', seed: o.seed + 11, target: o.size },
    { name: 'export.csv', kind: 'csv', seed: o.seed + 7, target: o.size },
    { name: 'export.json', kind: 'array', seed: o.seed + 8, target: o.size },
    { name: 'gcloud.json', kind: 'gcloud', seed: o.seed + 10, target: o.size },
    { name: 'export.yaml', kind: 'yaml', seed: o.seed + 10, target: o.size },
    // The same lines as mail.log (same seed), gzip-compressed.
    { name: 'mail.log.gz', kind: 'mail', seed: o.seed + 4, target: o.size, gzip: true },
    // The same lines again, as UTF-16LE with a byte-order mark (PowerShell's `>` and Out-File, Excel's Unicode text).
    { name: 'mail.utf16.log', kind: 'mail', seed: o.seed + 4, target: o.size, utf16: true },
    { name: 'small', kind: 'small', seed: o.seed + 9, target: o.size },
  ];
  if (o.longLine !== false) specs.push({ name: 'long-line.log', kind: 'long-line', seed: o.seed + 3, target: o.size });
  return specs;
}

/**
 * Makes sure every corpus file exists for this size and seed, generating only what is missing or stale,
 * one worker thread per file, as many at once as there are cores.
 * @param {{ dir?: string, size?: number, seed?: number, longLine?: boolean, force?: boolean,
 *   only?: readonly string[], log?: (line: string) => void }} o  `only`: just these file names
 * @returns {Promise<Corpus>}
 */
export async function ensureCorpus(o) {
  const dir = o.dir ?? DEFAULT_DIR;
  const log = o.log ?? (() => {});
  const id = generatorId();
  fs.mkdirSync(dir, { recursive: true });
  const codesFile = path.join(dir, 'codes.txt');
  fs.writeFileSync(codesFile, CODES.map((c) => c.code).join('\n') + '\n');
  const specs = corpusSpecs({ size: o.size ?? DEFAULT_SIZE, seed: o.seed ?? 1, longLine: o.longLine }).filter((s) => o.only?.includes(s.name) ?? true);
  // The slowest first (gzip generates and compresses), so the workers finish together.
  const todo = [...specs].sort((a, b) => Number(b.gzip === true) - Number(a.gzip === true));
  /** @type {Map<string, Counts>} */
  const done = new Map();
  const worker = async () => {
    for (let spec = todo.shift(); spec !== undefined; spec = todo.shift()) {
      const file = path.join(dir, spec.name);
      let counts = o.force === true ? undefined : reusable(file, spec, id);
      if (counts !== undefined) log(`reusing ${file} (${formatBytes(counts.bytes)}, seed ${spec.seed})`);
      else {
        const started = process.hrtime.bigint();
        counts = await generateInWorker(file, spec, id);
        const s = Number(process.hrtime.bigint() - started) / 1e9;
        log(`generated ${file}: ${formatBytes(counts.bytes)}, ${counts.lines.toLocaleString('en-US')} line${counts.lines === 1 ? '' : 's'} in ${s.toFixed(1)} s`);
      }
      done.set(spec.name, counts);
    }
  };
  await Promise.all(Array.from({ length: Math.min(os.availableParallelism(), specs.length) }, worker));
  const files = specs.map((spec) => ({ name: spec.name, path: path.join(dir, spec.name), kind: spec.kind, counts: /** @type {Counts} */ (done.get(spec.name)) }));
  return { dir, codesFile, files };
}

/**
 * Runs lib/corpus-file.mjs in a worker thread for one file; resolves to the counts it wrote.
 * @param {string} file
 * @param {Spec} spec
 * @param {string} id
 * @returns {Promise<Counts>}
 */
function generateInWorker(file, spec, id) {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL('./lib/corpus-file.mjs', import.meta.url), { workerData: { corpusFile: { file, spec, id } } });
    /** @type {Counts | undefined} */
    let result;
    w.once('message', (m) => (result = m));
    w.once('error', reject);
    w.once('exit', (code) => (result !== undefined ? resolve(result) : reject(new Error(`generating ${file}: worker exited with ${code}`))));
  });
}

/** The counts of an existing file when it was made by this generator with this spec; else undefined. */
function reusable(/** @type {string} */ file, /** @type {Spec} */ spec, /** @type {string} */ id) {
  try {
    /** @type {Counts} */
    const c = JSON.parse(fs.readFileSync(`${file}.counts.json`, 'utf8'));
    const same = c.generator === id && c.kind === spec.kind && c.seed === spec.seed && c.target === spec.target;
    // The small-files tree is renamed into place whole: its last file is there when the tree is.
    if (spec.kind === 'small') return same && c.lastFile !== undefined && fs.existsSync(path.join(file, c.lastFile)) ? c : undefined;
    return same && fs.statSync(file).size === c.bytes ? c : undefined;
  } catch {
    return undefined;
  }
}

/** The command line: generate (or reuse) and print one line per file. Returns the exit code. */
export async function main(/** @type {string[]} */ argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        size: { type: 'string', default: '1g' },
        dir: { type: 'string', default: DEFAULT_DIR },
        seed: { type: 'string', default: '1' },
        // Kept so old scripts still run: the long line is always made now.
        'long-line': { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        only: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    process.stderr.write(`generate: ${/** @type {Error} */ (err).message}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write('usage: node bench/generate.mjs [--size 1g] [--dir DIR] [--seed 1] [--force] [--only FILE,...]\n');
    return 0;
  }
  const size = parseSize(values.size);
  const seed = Number(values.seed);
  if (size === undefined || !Number.isSafeInteger(seed)) {
    process.stderr.write(`generate: --size must be like 1g, 256m, 2m; --seed an integer\n`);
    return 2;
  }
  const only = values.only?.split(',').map((s) => s.trim());
  const corpus = await ensureCorpus({ dir: values.dir, size, seed, only, force: values.force, log: (l) => process.stdout.write(l + '\n') });
  process.stdout.write(`codes for rg/grep: ${corpus.codesFile}\n`);
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
