import { fileURLToPath } from 'node:url';
import { WINDOWS } from './expect.mjs';
import { formatBytes } from './size.mjs';
import { sumCounts, windowWant } from './verify.mjs';

/** @typedef {import('../generate.mjs').Corpus} Corpus */
/** @typedef {Corpus['files'][number]} CorpusFile */
/** @typedef {ReturnType<typeof sumCounts>} Want */
/**
 * How mxscan is run on a scenario: `jobs1` (--jobs 1), `default` (no --jobs: one worker per core), and
 * with `--jobs 1` a one-hour window (`hour`) or a window over everything (`all`); on several files, `pair`:
 * one `--jobs 1` process per file, all at once (bench/lib/pair.mjs: the machine's own ceiling on two cores).
 * @typedef {'jobs1' | 'default' | 'hour' | 'all' | 'pair' | 'stdin'} ModeId
 * @typedef {{ id: ModeId, label: string, args: string[], want: Want }} Mode
 * @typedef {{ id: ScenarioId, letter: string, title: string, files: CorpusFile[], bytes: number, want: Want,
 *   modes: Mode[], gzip: boolean }} Scenario
 * @typedef {'text' | 'two' | 'jsonl' | 'mail' | 'kv' | 'snake' | 'jvm' | 'csv' | 'array' | 'gcloud' | 'yaml' | 'gzip' | 'utf16' | 'small' | 'long'} ScenarioId
 * @typedef {'mxscan' | 'rg' | 'grep'} Tool
 * @typedef {{ scenario: Scenario, mode?: Mode, tool: Tool, label: string, argv: string[], runs: number }} Job
 */

/**
 * Every scenario, in table order: its id (for --only), its letter in the list, its title, the
 * corpus files it reads, and whether it is also scanned with the two windows.
 * @type {readonly { id: ScenarioId, letter: string, title: string, files: string[], windows: boolean }[]}
 */
const TABLE = [
  { id: 'text', letter: 'a', title: 'plain text, 1 file', files: ['text-a.log'], windows: false },
  { id: 'two', letter: 'a', title: 'plain text, 2 files', files: ['text-a.log', 'text-b.log'], windows: false },
  { id: 'jsonl', letter: 'a', title: 'JSON lines, 1 file', files: ['events.jsonl'], windows: false },
  { id: 'mail', letter: 'b', title: 'e-mail on every line', files: ['mail.log'], windows: true },
  { id: 'kv', letter: 'c', title: 'snake_case key=value', files: ['kv.log'], windows: true },
  { id: 'snake', letter: 'd', title: 'JSON lines, snake_case keys', files: ['snake.jsonl'], windows: true },
  { id: 'jvm', letter: 'd″', title: 'JSON lines and a JVM\'s stack traces', files: ['jvm.jsonl'], windows: true },
  { id: 'csv', letter: 'e', title: 'CSV export', files: ['export.csv'], windows: true },
  { id: 'array', letter: 'f', title: 'JSON array export', files: ['export.json'], windows: false },
  { id: 'gcloud', letter: 'f″', title: 'JSON array of nested entries (gcloud --format=json)', files: ['gcloud.json'], windows: false },
  { id: 'yaml', letter: 'f′', title: 'YAML export (gcloud\'s default)', files: ['export.yaml'], windows: false },
  { id: 'gzip', letter: 'g', title: 'gzip of (b)', files: ['mail.log.gz'], windows: false },
  { id: 'utf16', letter: 'g′', title: 'UTF-16LE of (b)', files: ['mail.utf16.log'], windows: false },
  { id: 'small', letter: 'h', title: 'small files', files: ['small'], windows: false },
  { id: 'long', letter: 'i', title: 'one line, no newline', files: ['long-line.log'], windows: false },
];

/** The script that runs one process per file at once (the `pair` mode). */
const PAIR = fileURLToPath(new URL('./pair.mjs', import.meta.url));

export const SCENARIO_IDS = /** @type {readonly ScenarioId[]} */ (TABLE.map((t) => t.id));

/** The corpus files each scenario reads. */
export const SCENARIO_FILES = /** @type {Record<ScenarioId, string[]>} */ (Object.fromEntries(TABLE.map((t) => [t.id, t.files])));

/**
 * The scenarios to time, with the ways mxscan runs on each and the counts each run must report.
 * @param {Corpus} corpus
 * @param {readonly ScenarioId[]} only
 * @returns {Scenario[]}
 */
export function buildScenarios(corpus, only) {
  const file = (/** @type {string} */ name) => corpus.files.find((f) => f.name === name);
  /** @type {Scenario[]} */
  const scenarios = [];
  for (const t of TABLE) {
    if (!only.includes(t.id)) continue;
    const maybe = t.files.map(file);
    const files = maybe.filter((f) => f !== undefined);
    if (files.length !== maybe.length) continue;
    const disk = files.reduce((n, f) => n + f.counts.bytes, 0);
    // MB/s is of the text scanned: a gzip file's uncompressed size.
    const bytes = files.reduce((n, f) => n + (f.counts.expandedBytes ?? f.counts.bytes), 0);
    // The one long line must be read whole: raise mxscan's line limit above it.
    const extra = t.id === 'long' ? ['--max-line-length', String(bytes + 1)] : [];
    const want = sumCounts(files.map((f) => f.counts));
    /** @type {Mode[]} */
    const modes = [
      { id: 'jobs1', label: '--jobs 1', args: ['--jobs', '1', ...extra], want },
      { id: 'default', label: 'default jobs', args: extra, want },
    ];
    if (t.id === 'two') modes.push({ id: 'pair', label: '--jobs 1, a process per file at once', args: ['--jobs', '1'], want });
    // Standard input through a pipe, as `kubectl logs … | mxscan scan -` reads it.
    if (t.id === 'mail') modes.push({ id: 'stdin', label: '--jobs 1, piped from cat', args: ['--jobs', '1'], want });
    if (t.windows) {
      for (const id of /** @type {const} */ (['hour', 'all'])) {
        const w = WINDOWS[id];
        modes.push({ id, label: `--jobs 1, ${id === 'hour' ? 'one-hour window' : 'window over all'}`, args: ['--jobs', '1', '--since', w.since, '--until', w.until], want: windowWant(files.map((f) => f.counts), id) });
      }
    }
    const count = t.id === 'small' ? `${(files[0]?.counts.files ?? 0).toLocaleString('en-US')} files, ` : '';
    const size = bytes === disk ? formatBytes(bytes) : `${formatBytes(disk)}, ${formatBytes(bytes)} uncompressed`;
    scenarios.push({ id: t.id, letter: t.letter, title: `(${t.letter}) ${t.title} (${count}${size})`, files, bytes, want, modes, gzip: t.id === 'gzip' });
  }
  return scenarios;
}

/**
 * The commands to time: mxscan in every mode of every scenario, its peer (ripgrep, or `zcat | rg` for
 * gzip), and the grep pipeline on the one-file plain-text scenario. `jobsOption` drops `--jobs` when
 * mxscan rejected it (the label then says so).
 * @param {readonly Scenario[]} scenarios
 * @param {{ node: string, bin: string, codesFile: string, rg: boolean, grep: boolean, runs: number, grepRuns: number,
 *   jobsAccepted: boolean }} o
 * @returns {Job[]}
 */
export function buildJobs(scenarios, o) {
  /** @type {Job[]} */
  const jobs = [];
  const rgArgs = ['-c', '-i', '-w', '-F', '-f', o.codesFile];
  for (const s of scenarios) {
    const paths = s.files.map((f) => f.path);
    for (const mode of s.modes) {
      const args = o.jobsAccepted ? mode.args : withoutJobs(mode.args);
      const label = `mxscan ${mode.label}${o.jobsAccepted || mode.id === 'default' ? '' : ' (no --jobs)'}`;
      const argv = mode.id === 'pair'
        ? [o.node, PAIR, o.node, o.bin, ...paths, '--', '--format', 'json', '--quiet', ...args]
        : mode.id === 'stdin'
        ? ['bash', '-c', 'set -o pipefail; cat "$1" | "$2" "$3" scan - "${@:4}"', 'bash', ...paths, o.node, o.bin, '--format', 'json', '--quiet', ...args]
        : [o.node, o.bin, 'scan', ...paths, '--format', 'json', '--quiet', ...args];
      jobs.push({ scenario: s, mode, tool: 'mxscan', label, argv, runs: o.runs });
    }
    if (o.rg && s.gzip) {
      // Through bash with pipefail, so a failing zcat is not hidden; paths are arguments, never pasted in.
      const script = 'set -o pipefail; zcat "$1" | rg "${@:2}"';
      jobs.push({ scenario: s, tool: 'rg', label: 'zcat | rg -c -i -w -F', argv: ['bash', '-c', script, 'bash', ...paths, ...rgArgs], runs: o.runs });
    } else if (o.rg) {
      jobs.push({ scenario: s, tool: 'rg', label: 'rg -c -i -w -F', argv: ['rg', ...rgArgs, ...paths], runs: o.runs });
    }
    if (o.grep && s.id === 'text' && o.grepRuns > 0) {
      const script = 'set -o pipefail; grep -o -i -w -F -f "$1" "$2" | sort | uniq -c';
      jobs.push({ scenario: s, tool: 'grep', label: 'grep -o … | sort | uniq -c', argv: ['bash', '-c', script, 'bash', o.codesFile, ...paths], runs: o.grepRuns });
    }
  }
  return jobs;
}

/** Arguments without `--jobs N`. */
function withoutJobs(/** @type {readonly string[]} */ args) {
  const out = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--jobs') i++;
    else out.push(/** @type {string} */ (args[i]));
  }
  return out;
}

/** The sum of the counts `rg -c` prints: `N` for one file, `path:N` lines for several. */
export function rgLineCount(/** @type {string} */ stdout) {
  let n = 0;
  for (const line of stdout.split('\n')) {
    const m = /(?:^|:)(\d+)$/.exec(line.trim());
    if (m !== null) n += Number(m[1]);
  }
  return n;
}
