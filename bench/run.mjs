#!/usr/bin/env node
/**
 * The mxscan benchmark (`npm run bench`, which builds first). Generates the corpus when needed
 * (bench/generate.mjs), times mxscan and its peers — ripgrep, and grep | sort | uniq -c — interleaved
 * on the same files, checks mxscan's counts against the generator's, and prints a results table.
 * Progress goes to stderr, results to stdout, so `npm run bench -- --markdown > bench.md` works.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_DIR, ensureCorpus } from './generate.mjs';
import { caCertsNote, findTimeBinary, measure, toolVersion } from './lib/measure.mjs';
import { catalogDrift, firstLines, tryOptions } from './lib/probe.mjs';
import { renderReport } from './lib/report.mjs';
import { snapshotBuild } from './lib/snapshot.mjs';
import { SCENARIO_FILES, SCENARIO_IDS, buildJobs, buildScenarios, rgLineCount } from './lib/scenarios.mjs';
import { formatBytes, parseSize } from './lib/size.mjs';
import { compareReport } from './lib/verify.mjs';
import { warmFiles } from './lib/warm.mjs';

/** @typedef {import('./lib/measure.mjs').Run} Run */
/** @typedef {import('./lib/report.mjs').Outcome} Outcome */

const USAGE = `usage: node bench/run.mjs [options]     (npm run bench -- [options])
  --size SIZE      size of each corpus file: 1g (default), 256m, 64m; the small-files tree has 20,000
                   files of ~10 KB from 512m up and proportionally fewer below (64m: 2,500)
  --runs N         timed runs per command, after one warm-up run each (default 5)
  --grep-runs N    timed runs of the slow grep pipeline (default 2; 0 leaves it out)
  --dir DIR        corpus directory (default ${DEFAULT_DIR}); reused while up to date
  --seed N         corpus seed (default 1)
  --only LIST      scenarios, comma-separated, from ${SCENARIO_IDS.join(',')} (default: all)
  --long-line      add the "long" scenario to --only (one line of SIZE bytes with no newline)
  --bin PATH       mxscan's entry point, run as it is (default: a private copy of dist/, taken at the start)
  --markdown       print the results as markdown, ready to paste into the README
exit codes: 0 mxscan's counts matched everywhere, 1 a count differed or mxscan failed, 2 bad usage or setup
`;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Runs the benchmark and returns the exit code.
 * @param {string[]} argv
 * @param {{ out: (s: string) => void, err: (s: string) => void }} io
 */
export async function main(argv, io) {
  const opts = parseFlags(argv);
  if ('help' in opts) {
    io.out(USAGE);
    return 0;
  }
  if ('error' in opts) {
    io.err(`bench: ${opts.error}\n${USAGE}`);
    return 2;
  }
  const bin = opts.bin ?? path.join(ROOT, 'dist', 'bin.js');
  if (!fs.existsSync(bin)) {
    io.err(`bench: ${bin} does not exist; build first (npm run build), or use npm run bench\n`);
    return 2;
  }
  // Time a copy of dist/: a rebuild by someone else during the run must not change what is measured.
  const snapshot = opts.bin === undefined ? snapshotBuild(ROOT) : undefined;
  try {
    return await bench({ ...opts, bin: snapshot?.bin ?? bin, build: snapshot === undefined ? bin : `dist/ copied at start, sha256 ${snapshot.id}` }, io);
  } finally {
    snapshot?.remove();
  }
}

/**
 * The benchmark proper, with valid flags and an mxscan to run.
 * @param {Flags & { bin: string, build: string }} opts
 * @param {{ out: (s: string) => void, err: (s: string) => void }} io
 */
async function bench(opts, io) {
  // 1. Peers, and how peak memory is measured.
  const rgVersion = toolVersion('rg');
  const grepVersion = toolVersion('grep');
  const timeBin = findTimeBinary();
  /** @type {string[]} */
  const notes = [];
  if (rgVersion === null) notes.push('ripgrep (rg) is not installed: its rows are skipped.');
  if (grepVersion === null) notes.push('grep is not installed: the grep pipeline is skipped.');

  // 2. The corpus, generated or reused.
  io.err(`corpus in ${opts.dir} (${formatBytes(opts.size)} per file, seed ${opts.seed})\n`);
  const corpus = await ensureCorpus({
    dir: opts.dir,
    size: opts.size,
    seed: opts.seed,
    only: opts.only.flatMap((id) => SCENARIO_FILES[id]),
    log: (l) => io.err(`  ${l}\n`),
  });

  // 3. What this mxscan accepts: the catalog it knows, and whether it takes --jobs.
  notes.push(...catalogDrift(opts.bin));
  const ca = caCertsNote(process.execPath);
  if (ca !== null) notes.push(ca);
  const probe = path.join(corpus.dir, 'probe.log');
  fs.writeFileSync(probe, '2026-03-18T00:00:00.000Z ERROR code=storage_error probe\n');
  const base = tryOptions(opts.bin, probe, []);
  if (base !== null) {
    io.err(`bench: mxscan cannot scan a one-line file: ${base}\n`);
    return 2;
  }
  const scenarios = buildScenarios(corpus, opts.only);
  const rejected = tryOptions(opts.bin, probe, ['--jobs', '1']);
  if (rejected !== null) notes.push(`mxscan rejected --jobs 1 (${rejected}): the rows labelled "(no --jobs)" ran without it.`);
  const jobs = buildJobs(scenarios, {
    node: process.execPath,
    bin: opts.bin,
    codesFile: corpus.codesFile,
    rg: rgVersion !== null,
    grep: grepVersion !== null,
    runs: opts.runs,
    grepRuns: opts.grepRuns,
    jobsAccepted: rejected === null,
  });

  // 4. One warm-up run each, then the timed runs, interleaved: A B C A B C; each run's inputs are read into
  // the page cache just before it.
  /** @type {Outcome[]} */
  const outcomes = jobs.map((job) => ({ job, walls: [], rounds: [], rss: [], problems: [] }));
  const rounds = Math.max(0, ...jobs.map((j) => j.runs));
  for (let round = 0; round <= rounds; round++) {
    for (const o of outcomes) {
      if (o.error !== undefined || round > o.job.runs) continue;
      warmFiles(o.job.scenario.files.map((f) => f.path));
      // Polling can only see one process: a pipeline's memory is left unmeasured rather than understated.
      const run = await measure(o.job.argv, { timeBin, pollRss: o.job.argv[0] !== 'bash' });
      record(o, run, round);
      const tag = round === 0 ? 'warm-up' : `run ${round}/${o.job.runs}`;
      const what = o.error !== undefined ? `FAILED: ${o.error}` : `${run.wallS.toFixed(3)} s${run.rssKiB === null ? '' : `, ${(run.rssKiB / 1024).toFixed(0)} MiB`}`;
      io.err(`  ${tag.padEnd(9)} ${o.job.scenario.id.padEnd(5)} ${o.job.label.padEnd(40)} ${what}\n`);
    }
  }

  // 5. The report: machine, method, table, notes, correctness.
  const { text, failed } = renderReport({ outcomes, corpus, notes, build: opts.build, markdown: opts.markdown, runs: opts.runs, grepRuns: opts.grepRuns, seed: opts.seed, rgVersion, grepVersion, timeBin });
  io.out(text);
  return failed ? 1 : 0;
}

/**
 * Folds one run into its outcome, with its round (0 is the warm-up), so mxscan's runs pair with its
 * peer's of the same round; a failed warm-up ends the command (its later runs would fail too).
 */
function record(/** @type {Outcome} */ o, /** @type {Run} */ run, /** @type {number} */ round) {
  const warmUp = round === 0;
  const { tool } = o.job;
  // rg and grep exit 1 when nothing matches; that is an answer, not a failure.
  const ok = run.spawnError === undefined && (run.exitCode === 0 || (tool !== 'mxscan' && run.exitCode === 1));
  if (tool === 'mxscan' && (run.exitCode === 0 || run.stdout.trim() !== '')) {
    for (const p of compareReport(run.stdout, o.job.mode?.want ?? o.job.scenario.want)) if (!o.problems.includes(p)) o.problems.push(p);
  }
  if (!ok) {
    const why = run.spawnError ?? `exit ${run.exitCode ?? `by signal ${run.signal}`}: ${firstLines(run.stderr) || '(no stderr)'}`;
    if (warmUp) o.error = why;
    else if (!o.problems.includes(why)) o.problems.push(`a timed run failed: ${why}`);
    return;
  }
  if (tool === 'rg') o.rgLines = rgLineCount(run.stdout);
  if (warmUp) return;
  o.walls.push(run.wallS);
  o.rounds.push(round);
  if (run.rssKiB !== null) o.rss.push(run.rssKiB);
}

/**
 * @typedef {{ size: number, runs: number, grepRuns: number, dir: string, seed: number,
 *   only: import('./lib/scenarios.mjs').ScenarioId[], bin: string | undefined, markdown: boolean }} Flags
 */

/**
 * @param {string[]} argv
 * @returns {{ help: true } | { error: string } | Flags}
 */
function parseFlags(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        size: { type: 'string', default: '1g' },
        runs: { type: 'string', default: '5' },
        'grep-runs': { type: 'string', default: '2' },
        dir: { type: 'string', default: DEFAULT_DIR },
        seed: { type: 'string', default: '1' },
        only: { type: 'string' },
        'long-line': { type: 'boolean', default: false },
        bin: { type: 'string' },
        markdown: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    return { error: /** @type {Error} */ (err).message };
  }
  if (values.help) return { help: true };
  const size = parseSize(values.size);
  if (size === undefined) return { error: `--size: not a size (like 1g, 256m, 64m): ${values.size}` };
  const runs = Number(values.runs);
  const grepRuns = Number(values['grep-runs']);
  const seed = Number(values.seed);
  if (!Number.isInteger(runs) || runs < 1) return { error: `--runs: a whole number from 1: ${values.runs}` };
  if (!Number.isInteger(grepRuns) || grepRuns < 0) return { error: `--grep-runs: a whole number from 0: ${values['grep-runs']}` };
  if (!Number.isSafeInteger(seed)) return { error: `--seed: an integer: ${values.seed}` };
  const only = values.only === undefined ? [...SCENARIO_IDS] : values.only.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (values['long-line'] && !only.includes('long')) only.push('long');
  const unknown = only.filter((s) => !(/** @type {readonly string[]} */ (SCENARIO_IDS)).includes(s));
  if (unknown.length > 0 || only.length === 0) return { error: `--only: choose from ${SCENARIO_IDS.join(',')}: ${values.only}` };
  return {
    size,
    runs,
    grepRuns,
    dir: path.resolve(values.dir),
    seed,
    only: /** @type {import('./lib/scenarios.mjs').ScenarioId[]} */ (only),
    bin: values.bin === undefined ? undefined : path.resolve(values.bin),
    markdown: values.markdown,
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2), { out: (s) => void process.stdout.write(s), err: (s) => void process.stderr.write(s) });
}
