#!/usr/bin/env node
/**
 * The machine's own ceiling for scanning on two cores: one `mxscan --jobs 1` process per file, all at
 * once, their JSON reports merged into one (counts and totals added up) so the bench checks it as any
 * run's. Its wall time against one `--jobs 1` process scanning every file tells how much two cores give
 * two independent scans here, whatever mxscan does with threads.
 *
 * usage: node bench/lib/pair.mjs NODE BIN FILE... -- ARG...
 */
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

/**
 * One report of several: codes' counts added up by code, totals (and totals.byLevel) added up, files listed.
 * @param {readonly string[]} jsons the reports, as mxscan printed them
 * @returns {string}
 */
export function mergeReports(jsons) {
  /** @type {Map<string, number>} */
  const codes = new Map();
  /** @type {Record<string, any>} */
  const totals = { byLevel: {} };
  /** @type {unknown[]} */
  const files = [];
  for (const text of jsons) {
    const r = JSON.parse(text);
    for (const row of r.codes ?? []) codes.set(row.code, (codes.get(row.code) ?? 0) + Number(row.count));
    for (const [k, v] of Object.entries(r.totals ?? {})) {
      if (k === 'byLevel') for (const [level, n] of Object.entries(/** @type {Record<string, number>} */ (v))) totals.byLevel[level] = (totals.byLevel[level] ?? 0) + n;
      else if (typeof v === 'number') totals[k] = (totals[k] ?? 0) + v;
    }
    files.push(...(r.files ?? []));
  }
  return JSON.stringify({ codes: [...codes].map(([code, count]) => ({ code, count })), totals, files });
}

/**
 * Runs one process per file at once and prints their merged report; the exit code is the worst of theirs.
 * @param {readonly string[]} argv NODE BIN FILE... -- ARG...
 */
async function main(argv) {
  const cut = argv.indexOf('--');
  if (argv.length < 3 || cut < 3) {
    process.stderr.write('usage: node bench/lib/pair.mjs NODE BIN FILE... -- ARG...\n');
    return 2;
  }
  const [node, bin] = /** @type {[string, string]} */ ([argv[0], argv[1]]);
  const files = argv.slice(2, cut);
  const args = argv.slice(cut + 1);
  const runs = await Promise.all(files.map((f) => run(node, [bin, 'scan', f, ...args])));
  for (const r of runs) if (r.stderr !== '') process.stderr.write(r.stderr);
  const worst = Math.max(...runs.map((r) => r.code));
  if (runs.every((r) => r.stdout.trim() !== '')) process.stdout.write(mergeReports(runs.map((r) => r.stdout)));
  return worst;
}

/**
 * A process run to its end: its exit code (1 for a signal) and its output.
 * @returns {Promise<{ code: number, stdout: string, stderr: string }>}
 */
function run(/** @type {string} */ cmd, /** @type {string[]} */ args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    /** @type {Buffer[]} */ const out = [];
    /** @type {Buffer[]} */ const err = [];
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => err.push(b));
    child.once('error', (e) => resolve({ code: 1, stdout: '', stderr: `${e.message}\n` }));
    child.once('close', (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
