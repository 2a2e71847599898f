/**
 * The oracle: inputs scanned the old way, record by record — the record readers (split2 lines, CSV, JSON
 * arrays) and FileScan with the string matcher — into the same Tally and FileStat as the byte-level engine
 * in src/. It lives here, never in src/: tests compare the engine with it (directly, or with `scan` swapped
 * for it under the command line, see switch.ts).
 */
import { JSON_ALL, JSON_LINES, JSON_NONE } from '../../src/extract/accounts.js';
import type { Input } from '../../src/input/open.js';
import { discover } from '../../src/input/discover.js';
import { jsonShape } from '../../src/input/json-shape.js';
import { withoutNuls } from '../../src/input/nul-bytes.js';
import { recordReader } from './read.js';
import type * as ScanModule from '../../src/scan.js';
import type { FileSettings, ScanOptions, ScanResult } from '../../src/scan.js';
import { newFileStat, newTally, type FileStat, type Tally } from '../../src/summary/tally.js';
import { FileScan } from './file-scan.js';

/** What the oracle takes from src/scan.ts: the settings, the time rules of an input, how an input is opened and the error line, shared with the engine. */
export type ScanLib = Pick<typeof ScanModule, 'fileSettings' | 'inputFields' | 'inputModified' | 'openToScan' | 'readError'>;

/** One input, opened as the engine opens it, read record by record and counted by FileScan. Never throws. */
export async function oracleScanFile(input: Input, s: FileSettings, tally: Tally, lib: ScanLib): Promise<FileStat> {
  const stat = newFileStat(input.path);
  tally.files.set(input.path, stat);
  try {
    const got = await lib.openToScan(input, s, stat);
    if (got === undefined) return stat;
    const { opened, delimiter } = got;
    const modified = lib.inputModified(input);
    if (modified !== undefined) stat.modified = modified;
    const scanner = new FileScan(tally, stat, s.matcher, lib.inputFields(input, s, modified, opened.utc === true), s.window, opened.format === 'text', opened.format === 'jsonl' || opened.format === 'json' || opened.format === 'yaml', opened.headed === true, opened.format === 'jsonl' ? JSON_LINES : opened.format === 'json' || opened.format === 'yaml' ? JSON_ALL : JSON_NONE);
    try {
      // NUL bytes past the first ones are taken out on the way in, as the engine takes them out (src/input/nul-bytes.ts).
      const chunks = (async function* () {
        for await (const chunk of opened.chunks) yield withoutNuls(chunk, stat);
      })();
      for await (const rec of recordReader(opened.format, delimiter, jsonShape(s.fields), opened.headed === true)(chunks, s.maxLineLength)) scanner.push(rec);
    } finally {
      // The file's end: each code's first and last occurrences join its evidence (also when reading broke off).
      scanner.end();
    }
  } catch (err) {
    stat.status = 'error';
    stat.message = lib.readError(err);
  }
  return stat;
}

/** `scan` done by the oracle: the same discovery, then every input in this thread, files first. */
export async function oracleScan(opts: ScanOptions, lib: ScanLib): Promise<ScanResult> {
  const tally = newTally(opts.accountList === true);
  const { inputs, missing, shard } = await discover(opts.inputs, opts.cwd, opts.exclude, { label: opts.label, shard: opts.shard });
  for (const m of missing) tally.files.set(m.path, { ...newFileStat(m.path), status: 'error', message: m.message });
  const s = lib.fileSettings(opts);
  const files = inputs.filter((i) => i.file !== undefined);
  for (const input of files) await oracleScanFile(input, s, tally, lib);
  for (const input of inputs) if (input.file === undefined) await oracleScanFile(input, s, tally, lib);
  return { tally, files: files.map((i) => i.file!), inputs, ...(shard !== undefined ? { shard } : {}) };
}
