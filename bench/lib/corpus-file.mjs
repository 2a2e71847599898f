import fs from 'node:fs';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { countsByLevel, zeroCounts } from './catalog.mjs';
import { LineMaker } from './events.mjs';
import { Rng } from './rng.mjs';
import { SHAPED_KINDS, generateShaped } from './shaped-file.mjs';
import { generateSmallFiles } from './small-files.mjs';

/** @typedef {import('../generate.mjs').Spec} Spec */
/** @typedef {import('../generate.mjs').Counts} Counts */

/** Bytes encoded in memory before one write. */
const BATCH_BYTES = 4 * 1024 * 1024;

/**
 * Writes one corpus file (or the small-files tree) of any kind, and its counts file.
 * @returns {Promise<Counts>}
 */
export async function generateAny(/** @type {string} */ file, /** @type {Spec} */ spec, /** @type {string} */ id) {
  if (spec.kind === 'small') return generateSmallFiles(file, spec, id);
  if (SHAPED_KINDS.includes(spec.kind)) return generateShaped(file, spec, id);
  return generateFile(file, spec, id);
}

/**
 * Writes one file of today's corpus (text, jsonl, long-line) through a temporary name, then its counts file (so an interrupted run is never
 * mistaken for a finished one). Lines are encoded into one 4 MiB buffer, written out through one descriptor.
 * @returns {Counts}
 */
export function generateFile(/** @type {string} */ file, /** @type {Spec} */ spec, /** @type {string} */ id) {
  const maker = new LineMaker(new Rng(spec.seed));
  const make = spec.kind === 'jsonl' ? () => maker.jsonLine() : () => maker.textLine();
  // A long line is the same events joined by a space instead of a newline, with no newline at the end.
  const sep = spec.kind === 'long-line' ? 0x20 : 0x0a;
  const tmp = `${file}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  // Each line is encoded straight into one reused buffer: the line strings die young, which keeps the
  // garbage collector cheap, and the byte count is exact.
  const buf = Buffer.allocUnsafe(BATCH_BYTES);
  let bytes = 0;
  let used = 0;
  let lines = 0;
  try {
    while (bytes + used < spec.target) {
      const line = make();
      if (used + line.length * 3 + 1 > buf.length) {
        fs.writeSync(fd, buf, 0, used);
        bytes += used;
        used = 0;
      }
      used += buf.write(line, used);
      lines++;
      if (bytes + used < spec.target || spec.kind !== 'long-line') buf[used++] = sep;
    }
    fs.writeSync(fd, buf, 0, used);
    bytes += used;
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);

  const codes = zeroCounts();
  for (const [code, n] of maker.counts) codes[code] = spec.kind === 'long-line' ? Math.min(n, 1) : n;
  const long = spec.kind === 'long-line';
  /** @type {Counts} */
  const counts = {
    generator: id,
    file: spec.name,
    kind: spec.kind,
    seed: spec.seed,
    target: spec.target,
    bytes,
    lines: long ? 1 : lines,
    records: long ? 1 : lines,
    codes,
    byLevel: countsByLevel(codes),
    linesMentioningCode: long ? Math.min(maker.mentionLines, 1) : maker.mentionLines,
    features: { ...maker.features },
  };
  fs.writeFileSync(`${file}.counts.json.tmp`, JSON.stringify(counts, null, 2) + '\n');
  fs.renameSync(`${file}.counts.json.tmp`, `${file}.counts.json`);
  return counts;
}

// Run as a worker thread by generate.mjs: make the file named in workerData and post back its counts.
if (!isMainThread && workerData?.corpusFile !== undefined) {
  const { file, spec, id } = workerData.corpusFile;
  parentPort?.postMessage(await generateAny(file, spec, id));
}
