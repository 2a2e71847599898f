import { formatBytes } from './size.mjs';
import { sumCounts } from './verify.mjs';

/** @typedef {import('../generate.mjs').Corpus} Corpus */
/** @typedef {Corpus['files'][number]} CorpusFile */
/**
 * @typedef {{ id: ScenarioId, title: string, files: CorpusFile[], bytes: number, want: ReturnType<typeof sumCounts>,
 *   jobs: number, extra: string[] }} Scenario
 * @typedef {'text' | 'two' | 'jsonl' | 'long'} ScenarioId
 * @typedef {'mxscan' | 'rg' | 'grep'} Tool
 * @typedef {{ scenario: Scenario, tool: Tool, label: string, argv: string[], runs: number }} Job
 */

export const SCENARIO_IDS = /** @type {const} */ (['text', 'two', 'jsonl', 'long']);

/** The corpus files each scenario reads. */
export const SCENARIO_FILES = Object.freeze({
  text: ['text-a.log'],
  two: ['text-a.log', 'text-b.log'],
  jsonl: ['events.jsonl'],
  long: ['long-line.log'],
});

/**
 * The scenarios to time, in table order: which corpus files each reads, how many mxscan workers it asks
 * for, and any other mxscan option it needs.
 * @param {Corpus} corpus
 * @param {readonly ScenarioId[]} only
 * @returns {Scenario[]}
 */
export function buildScenarios(corpus, only) {
  const file = (/** @type {string} */ name) => corpus.files.find((f) => f.name === name);
  /** @type {[ScenarioId, string, number][]} */
  const table = [
    ['text', 'plain text, 1 file', 1],
    ['two', 'plain text, 2 files', 2],
    ['jsonl', 'JSON lines, 1 file', 1],
    ['long', 'one line, no newline', 1],
  ];
  /** @type {Scenario[]} */
  const scenarios = [];
  for (const [id, title, jobs] of table) {
    if (!only.includes(id)) continue;
    const maybe = SCENARIO_FILES[id].map(file);
    const files = maybe.filter((f) => f !== undefined);
    if (files.length !== maybe.length) continue;
    const bytes = files.reduce((n, f) => n + f.counts.bytes, 0);
    // The one long line must be read whole: raise mxscan's line limit (64 MiB by default) above it.
    const extra = id === 'long' ? ['--max-line-length', String(bytes + 1)] : [];
    scenarios.push({ id, title: `${title} (${formatBytes(bytes)})`, files, bytes, want: sumCounts(files.map((f) => f.counts)), jobs, extra });
  }
  return scenarios;
}

/**
 * The commands to time: mxscan on every scenario, ripgrep on every scenario, and the grep pipeline on the
 * one-file plain-text scenario. `jobsOption(n)` gives mxscan's worker option, or none when mxscan
 * rejected it (the label then says so).
 * @param {readonly Scenario[]} scenarios
 * @param {{ node: string, bin: string, codesFile: string, rg: boolean, grep: boolean, runs: number, grepRuns: number,
 *   jobsOption: (n: number) => string[] }} o
 * @returns {Job[]}
 */
export function buildJobs(scenarios, o) {
  /** @type {Job[]} */
  const jobs = [];
  for (const s of scenarios) {
    const paths = s.files.map((f) => f.path);
    const jobsArgs = o.jobsOption(s.jobs);
    const label = jobsArgs.length > 0 ? `mxscan ${jobsArgs.join(' ')}` : `mxscan (no --jobs)`;
    const argv = [o.node, o.bin, 'scan', ...paths, '--format', 'json', '--quiet', ...jobsArgs, ...s.extra];
    jobs.push({ scenario: s, tool: 'mxscan', label, argv, runs: o.runs });
    if (o.rg) jobs.push({ scenario: s, tool: 'rg', label: 'rg -c -i -w -F', argv: ['rg', '-c', '-i', '-w', '-F', '-f', o.codesFile, ...paths], runs: o.runs });
    if (o.grep && s.id === 'text' && o.grepRuns > 0) {
      // Through bash with pipefail, so a failing grep is not hidden by sort and uniq; paths are passed as
      // arguments, never pasted into the script.
      const script = 'set -o pipefail; grep -o -i -w -F -f "$1" "$2" | sort | uniq -c';
      jobs.push({ scenario: s, tool: 'grep', label: 'grep -o … | sort | uniq -c', argv: ['bash', '-c', script, 'bash', o.codesFile, ...paths], runs: o.grepRuns });
    }
  }
  return jobs;
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
