import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll } from 'vitest';
import { tempDir } from './cli.js';
import type { Catalog } from '../../src/catalog/catalog.js';
import { cutAfter, planUnits, type SplitFormat, type Unit } from '../../src/parallel/plan.js';
import * as lib from '../../src/scan.js';
import { fastPathApplies, fileSettings, scanUnit } from '../../src/scan.js';
import { joinRanges } from '../../src/summary/ranges.js';
import { newTally } from '../../src/summary/tally.js';
import { oracleScanFile } from '../oracle/scan.js';

/**
 * A file that threads share (a unit whose range is the whole file), cut into up to `parts` byte ranges
 * near even places, where a thread taking the back half of a range would cut it (cutAfter); other units
 * as they are. For tests that scan the ranges one by one, as the threads would.
 */
export async function evenRanges(units: readonly Unit[], parts: number): Promise<Unit[]> {
  const out: Unit[] = [];
  for (const u of units) {
    const range = u.input.range;
    if (range === undefined || u.shares === undefined) {
      out.push(u);
      continue;
    }
    const starts = [range.start];
    for (let i = 1; i < parts; i++) {
      const at = Math.floor(range.start + ((range.end - range.start) * i) / parts);
      const cut = at > starts[starts.length - 1]! ? await cutAfter(u.input.file!, at, range.end, u.input.format as SplitFormat, undefined, u.input.delimiter) : -1;
      if (cut > starts[starts.length - 1]!) starts.push(cut);
    }
    starts.forEach((start, i) => {
      const end = starts[i + 1] ?? range.end;
      out.push({ input: { ...u.input, range: { start, end } }, size: end - start });
    });
  }
  return out;
}

/** A file split into `parts` ranges where threads would cut it (planned as for `parts` threads), each scanned alone, and joined. */
export async function joinedRanges(file: string, name: string, parts: number, catalog: Catalog) {
  const s = fileSettings({ inputs: [], cwd: path.dirname(file), catalog, jobs: parts });
  const units = await evenRanges(await planUnits([{ path: name, file }], parts, s, fastPathApplies, 1024), parts);
  const results = [];
  for (const [index, u] of units.entries()) results.push(await scanUnit({ index, input: u.input }, s));
  return { s, units, results, tally: joinRanges(name, results) };
}

/** The file scanned whole, by the engine and by the oracle. */
export async function wholeScans(file: string, name: string, catalog: Catalog) {
  const s = fileSettings({ inputs: [], cwd: path.dirname(file), catalog });
  const tally = newTally();
  await lib.scanFile({ path: name, file }, s, tally);
  const oracle = newTally();
  await oracleScanFile({ path: name, file }, s, oracle, lib);
  return { tally, oracle };
}

/** Writes a test file's files, each in a temporary directory of its own, all removed after its tests. */
export function scratchFiles(prefix: string): (name: string, text: string) => string {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  return (name, text) => {
    const dir = tempDir(prefix);
    dirs.push(dir);
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };
}
