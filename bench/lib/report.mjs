import { CODES } from './catalog.mjs';
import { floorLines, pairedRatio } from './floors.mjs';
import { machineInfo } from './machine.mjs';
import { RSS_SOURCES, median } from './measure.mjs';
import { formatBytes } from './size.mjs';
import { renderTable } from './table.mjs';

/** @typedef {import('./scenarios.mjs').Job} Job */
/** @typedef {import('../generate.mjs').Corpus} Corpus */
/**
 * What the runs of one command came to: wall times (with the round each ran in) and peak RSS (KiB) of
 * the timed runs, why it failed (a failed warm-up ends it), count problems (mxscan), and the lines rg counted.
 * @typedef {{ job: Job, walls: number[], rounds: number[], rss: number[], error?: string, problems: string[], rgLines?: number }} Outcome
 */

/**
 * The whole result as text or markdown: machine and method, the table, notes, and PASS/FAIL per scenario.
 * `failed` is true when mxscan failed or miscounted anywhere.
 * @param {{ outcomes: Outcome[], corpus: Corpus, notes: string[], build: string, markdown: boolean, runs: number, grepRuns: number,
 *   seed: number, rgVersion: string | null, grepVersion: string | null, timeBin: string | null }} r
 * @returns {{ text: string, failed: boolean }}
 */
export function renderReport(r) {
  const md = r.markdown;
  const m = machineInfo();
  const hasGrep = r.outcomes.some((o) => o.job.tool === 'grep');
  const files = r.corpus.files.map((f) => `${f.name} ${formatBytes(f.counts.bytes)} (${f.counts.files === undefined ? '' : `${plural(f.counts.files, 'file')}, `}${plural(f.counts.lines, 'line')})`);
  const out = [md ? '### mxscan benchmark\n' : 'mxscan benchmark'];
  out.push(field(md, 'Machine', `${m.cpu}, ${m.cores} cores, ${m.ramGiB.toFixed(1)} GiB RAM, ${m.os}, Node ${m.node}`));
  out.push(field(md, 'mxscan', r.build));
  out.push(field(md, 'Peers', `${r.rgVersion ?? 'ripgrep not installed'}; ${r.grepVersion ?? 'grep not installed'}`));
  out.push(field(md, 'Corpus', `${files.join(', ')}; seed ${r.seed}, in ${r.corpus.dir}`));
  out.push(field(md, 'Method', [
    `one warm-up run per command, then ${plural(r.runs, 'timed run')} each${hasGrep ? ` (grep: ${r.grepRuns})` : ''}, interleaved (A B C A B C …), each run's input files read into the page cache just before it, untimed`,
    'wall = median; MB/s = input bytes (uncompressed for gzip) / 10^6 / median wall',
    `peak RSS = largest over the runs, by ${r.timeBin !== null ? RSS_SOURCES.time : RSS_SOURCES.poll}`,
    "mxscan ÷ rg = the median over the rounds of mxscan's wall / rg's in the same round (zcat | rg for gzip; above 1: mxscan is slower)",
    'windows: --since 2026-03-18T10:00Z --until 11:00Z (one hour of a day-long corpus) and --since 2026-03-17 --until 2026-04-18 (everything)',
  ].join('; ') + '.'));
  out.push('', resultsTable(r.outcomes, md));
  out.push(md ? '**Floors** (reported, never a failure)\n' : 'Floors (reported, never a failure)', ...floorLines(r.outcomes), '');

  const notes = [...r.notes, 'rg -c counts matching lines, not codes; grep -o | sort | uniq -c counts every occurrence per spelling. Neither applies the JSON code-field rule.'];
  if (r.rgVersion !== null) notes.push("rg memory-maps the files it searches: its peak RSS includes the file's pages it touched (page cache, not heap).");
  const grep = r.outcomes.find((o) => o.job.tool === 'grep');
  const grepRatio = pairedRatio(r.outcomes.find((o) => o.job.scenario === grep?.job.scenario && o.job.mode?.id === 'jobs1'), grep);
  if (grepRatio !== null) notes.push(`mxscan --jobs 1 ÷ the grep pipeline on ${grep?.job.scenario.title}: ${grepRatio.toFixed(2)}×.`);
  if (hasGrep) notes.push(`The grep pipeline's peak RSS is ${r.timeBin !== null ? 'the largest of its processes (bash, grep, sort, uniq), as time -v reports it' : 'not measured (no /usr/bin/time)'}.`);
  for (const o of r.outcomes) {
    if (o.error !== undefined) notes.push(`${o.job.label} on ${o.job.scenario.title} failed: ${o.error}`);
    else if (o.job.tool !== 'mxscan') for (const p of o.problems) notes.push(`${o.job.label} on ${o.job.scenario.title}: ${p}`);
  }
  out.push(md ? '**Notes**\n' : 'Notes', ...notes.map((n) => `- ${n}`), '');
  const { lines, failed } = correctness(r.outcomes, md);
  out.push(...lines);
  return { text: out.join('\n') + '\n', failed };
}

/**
 * The results table: per scenario, mxscan in each mode (with its paired ratio to rg), then its peers.
 */
function resultsTable(/** @type {Outcome[]} */ outcomes, /** @type {boolean} */ md) {
  const header = ['scenario', 'run', 'runs', 'median wall s', 'MB/s', 'peak RSS MiB', 'mxscan ÷ rg'];
  const rows = outcomes.map((o) => {
    const rg = outcomes.find((x) => x.job.scenario === o.job.scenario && x.job.tool === 'rg');
    const wall = o.walls.length > 0 ? median(o.walls) : null;
    const ratio = o.job.tool === 'mxscan' ? pairedRatio(o, rg) : null;
    return [
      o.job.scenario.title,
      md ? `\`${o.job.label}\`` : o.job.label,
      String(o.walls.length),
      wall === null ? (o.error !== undefined ? 'failed' : 'n/a') : wall.toFixed(3),
      wall === null ? '—' : (o.job.scenario.bytes / 1e6 / wall).toFixed(0),
      o.rss.length > 0 ? (Math.max(...o.rss) / 1024).toFixed(0) : 'n/a',
      o.job.tool !== 'mxscan' ? '—' : ratio === null ? 'n/a' : `${ratio.toFixed(2)}×`,
    ];
  });
  return renderTable(header, rows, { markdown: md, right: new Set(header.slice(2)) });
}

/** PASS/FAIL per scenario from mxscan's counts, and what rg counted next to what the generator placed. */
function correctness(/** @type {Outcome[]} */ outcomes, /** @type {boolean} */ md) {
  const lines = [md ? "**Correctness** (mxscan's counts against the generator's `*.counts.json`)\n" : "Correctness (mxscan's counts against the generator's *.counts.json)"];
  let failed = false;
  for (const o of outcomes) {
    const s = o.job.scenario;
    const names = s.files.map((f) => f.name).join(' + ');
    if (o.job.tool === 'mxscan') {
      const problems = o.error !== undefined ? [`mxscan failed: ${o.error}`, ...o.problems] : o.problems;
      const want = o.job.mode?.want ?? s.want;
      const hits = Object.values(want.codes).reduce((a, b) => a + b, 0);
      const outside = want.outsideWindow > 0 ? `, ${want.outsideWindow.toLocaleString('en-US')} outside the window` : '';
      failed ||= problems.length > 0;
      lines.push(`- ${problems.length === 0 ? 'PASS' : 'FAIL'} ${s.title}, ${o.job.label}, ${names}: ${CODES.length} codes, ${hits.toLocaleString('en-US')} expected hits, ${plural(want.records, 'record')}${outside}`);
      for (const p of problems) lines.push(`    - ${p}`);
    } else if (o.job.tool === 'rg' && o.rgLines !== undefined && s.want.linesMentioningCode !== null) {
      const want = s.want.linesMentioningCode;
      const verdict = o.rgLines === want ? 'as placed' : `the generator placed a code word in ${want.toLocaleString('en-US')}`;
      lines.push(`- info: rg -c on ${names}: ${plural(o.rgLines, 'matching line')} (${verdict})`);
    }
  }
  return { lines, failed };
}

function field(/** @type {boolean} */ md, /** @type {string} */ name, /** @type {string} */ value) {
  return md ? `- **${name}:** ${value}` : `${`${name}:`.padEnd(9)}${value}`;
}

/** 1 → "1 line", 7 → "7 lines", with thousands separators. */
function plural(/** @type {number} */ n, /** @type {string} */ noun) {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}
