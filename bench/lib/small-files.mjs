import fs from 'node:fs';
import path from 'node:path';
import { countsByLevel, zeroCounts } from './catalog.mjs';
import { LineMaker } from './events.mjs';
import { Rng } from './rng.mjs';

/** @typedef {import('../generate.mjs').Spec} Spec */
/** @typedef {import('../generate.mjs').Counts} Counts */

/** How many bytes of lines each small file gets, at least (it ends at the first line end past it). */
export const SMALL_FILE_BYTES = 10_000;
/** The file count at --size 512m and above. */
const FULL_COUNT = 20_000;

/**
 * How many small files a corpus of this size has: 20,000 from 512 MiB up, proportionally fewer below
 * (--size 64m: 2,500; 8m: 313), at least one.
 */
export function smallFileCount(/** @type {number} */ size) {
  return Math.max(1, Math.min(FULL_COUNT, Math.round((FULL_COUNT * size) / (512 * 1024 ** 2))));
}

/** Where file i goes: 20 directories of up to 25 subdirectories, 40 files each at 20,000. */
export function smallFilePath(/** @type {number} */ i) {
  const pad = (/** @type {number} */ n, /** @type {number} */ w) => String(n).padStart(w, '0');
  return path.join(`d${pad(i % 20, 2)}`, `s${pad(Math.floor(i / 20) % 25, 2)}`, `app-${pad(i, 5)}.log`);
}

/**
 * Writes the small-files tree (today's plain-text lines, one seeded stream cut into files of ~10 KB)
 * into a temporary directory, renames it into place, then writes its counts file.
 * @returns {Counts}
 */
export function generateSmallFiles(/** @type {string} */ dir, /** @type {Spec} */ spec, /** @type {string} */ id) {
  const maker = new LineMaker(new Rng(spec.seed));
  const n = smallFileCount(spec.target);
  const tmp = `${dir}.tmp`;
  fs.rmSync(tmp, { recursive: true, force: true });
  const made = new Set();
  let bytes = 0;
  let lines = 0;
  for (let i = 0; i < n; i++) {
    const rel = smallFilePath(i);
    const sub = path.join(tmp, path.dirname(rel));
    if (!made.has(sub)) {
      fs.mkdirSync(sub, { recursive: true });
      made.add(sub);
    }
    const parts = [];
    let size = 0;
    while (size < SMALL_FILE_BYTES) {
      const line = maker.textLine() + '\n';
      parts.push(line);
      size += Buffer.byteLength(line);
      lines++;
    }
    fs.writeFileSync(path.join(tmp, rel), parts.join(''));
    bytes += size;
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(tmp, dir);
  const codes = zeroCounts();
  for (const [code, k] of maker.counts) codes[code] = k;
  /** @type {Counts} */
  const counts = {
    generator: id,
    file: spec.name,
    kind: spec.kind,
    seed: spec.seed,
    target: spec.target,
    bytes,
    files: n,
    lastFile: smallFilePath(n - 1),
    lines,
    records: lines,
    codes,
    byLevel: countsByLevel(codes),
    linesMentioningCode: maker.mentionLines,
    features: { ...maker.features },
  };
  fs.writeFileSync(`${dir}.counts.json.tmp`, JSON.stringify(counts, null, 2) + '\n');
  fs.renameSync(`${dir}.counts.json.tmp`, `${dir}.counts.json`);
  return counts;
}
