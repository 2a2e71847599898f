import { median } from './measure.mjs';

/** @typedef {import('./report.mjs').Outcome} Outcome */
/** @typedef {import('./scenarios.mjs').ScenarioId} ScenarioId */
/** @typedef {import('./scenarios.mjs').ModeId} ModeId */

/**
 * The median of a's wall time over b's, round by round (runs of the same round ran back to back, so a
 * busy moment weighs on both); null when they share no timed round.
 * @param {Outcome | undefined} a
 * @param {Outcome | undefined} b
 * @returns {number | null}
 */
export function pairedRatio(a, b) {
  if (a === undefined || b === undefined) return null;
  const ratios = [];
  for (let i = 0; i < a.rounds.length; i++) {
    const j = b.rounds.indexOf(/** @type {number} */ (a.rounds[i]));
    if (j !== -1) ratios.push(/** @type {number} */ (a.walls[i]) / /** @type {number} */ (b.walls[j]));
  }
  return ratios.length > 0 ? median(ratios) : null;
}

/**
 * One line per speed and memory floor: met, not met, or not measured, with the figures it rests on.
 * The bench reports these; it never fails on them.
 * @param {readonly Outcome[]} outcomes
 * @returns {string[]}
 */
export function floorLines(outcomes) {
  const mx = (/** @type {ScenarioId} */ id, /** @type {ModeId} */ mode) => outcomes.find((o) => o.job.scenario.id === id && o.job.tool === 'mxscan' && o.job.mode?.id === mode);
  const peer = (/** @type {ScenarioId} */ id) => outcomes.find((o) => o.job.scenario.id === id && o.job.tool === 'rg');
  /** @typedef {{ what: string, value: number | null, limit: number }} Check */
  const vsRg = (/** @type {ScenarioId} */ id, /** @type {ModeId} */ mode, /** @type {number} */ limit) => ({ what: `${id} ${mode}`, value: pairedRatio(mx(id, mode), peer(id)), limit });
  const vsMode = (/** @type {ScenarioId} */ id, /** @type {ModeId} */ mode, /** @type {ModeId} */ base, /** @type {number} */ limit) => ({ what: `${id} ${mode}/${base}`, value: pairedRatio(mx(id, mode), mx(id, base)), limit });
  const both = (/** @type {ScenarioId} */ id, /** @type {number} */ limit) => [vsRg(id, 'jobs1', limit), vsRg(id, 'default', limit)];
  const present = (/** @type {ScenarioId} */ id) => outcomes.some((o) => o.job.scenario.id === id);
  const windowed = /** @type {ScenarioId[]} */ (['mail', 'kv', 'snake', 'jvm', 'csv']).filter(present);
  const all = /** @type {ScenarioId[]} */ ([...new Set(outcomes.map((o) => o.job.scenario.id))]);
  const textSize = outcomes.find((o) => o.job.scenario.id === 'text')?.job.scenario.bytes;
  const small = outcomes.find((o) => o.job.scenario.id === 'small')?.job.scenario.files[0]?.counts.files;

  const lines = [
    line('plain text and JSON lines, --jobs 1: ≤ 0.6× rg on (a), (b), (d), ≤ 0.8× on (c)', [
      vsRg('text', 'jobs1', 0.6), vsRg('jsonl', 'jobs1', 0.6), vsRg('mail', 'jobs1', 0.6), vsRg('snake', 'jobs1', 0.6), vsRg('kv', 'jobs1', 0.8),
    ]),
    line('a window costs at most 20 % over the same scan without one (--jobs 1)', windowed.flatMap((id) => [vsMode(id, 'hour', 'jobs1', 1.2), vsMode(id, 'all', 'jobs1', 1.2)])),
    line('CSV and JSON array: ≤ 1.0× rg', [...both('csv', 1), ...both('array', 1), ...both('gcloud', 1)]),
    line('gzip: ≤ 1.0× zcat | rg', both('gzip', 1)),
    line('the one long line: ≤ 1.0× rg', both('long', 1)),
    line('default jobs never slower than --jobs 1', all.map((id) => vsMode(id, 'default', 'jobs1', 1))),
    line(`default jobs ≤ 0.65× --jobs 1 on one 1 GiB file (plain text${textSize === undefined || textSize === 1024 ** 3 ? '' : `, measured at ${(textSize / 1024 ** 2).toFixed(0)} MiB`})`, [vsMode('text', 'default', 'jobs1', 0.65)]),
    line(`20,000 small files: ≤ 3× rg${small === undefined || small === 20_000 ? '' : ` (measured on ${small.toLocaleString('en-US')} files)`}`, both('small', 3)),
  ];
  // Not a floor: UTF-16, decoded on the way in as gzip is decompressed, beside rg (which decodes it too).
  const utf16 = both('utf16', 1).filter((c) => c.value !== null);
  if (utf16.length > 0) lines.push(`- context: UTF-16LE of (b), decoded to UTF-8 on the way in (rg decodes it too): ${utf16.map((c) => `${c.what} ${/** @type {number} */ (c.value).toFixed(2)}×`).join(', ')} rg`);
  // Not a floor: standard input through a pipe against the same file read as a file.
  const piped = pairedRatio(mx('mail', 'stdin'), mx('mail', 'jobs1'));
  if (piped !== null) lines.push(`- context: (b) piped from cat to standard input takes ${piped.toFixed(2)}× the wall time of the same file named (--jobs 1 both; ${pairedRatio(mx('mail', 'stdin'), peer('mail'))?.toFixed(2)}× rg on the file)`);
  // Not a floor: how much two cores give two independent scans on this machine (bench/lib/pair.mjs).
  const ceiling = pairedRatio(mx('two', 'pair'), mx('two', 'jobs1'));
  if (ceiling !== null) {
    const twoDefault = pairedRatio(mx('two', 'default'), mx('two', 'jobs1'));
    lines.push(`- context: this machine's own ceiling: a --jobs 1 process per file of (a)'s two at once takes ${ceiling.toFixed(2)}× the wall time of one --jobs 1 scan of both (the default jobs: ${twoDefault === null ? 'not measured' : `${twoDefault.toFixed(2)}×`}); the default jobs cannot do better than that on one file`);
  }
  const rss = outcomes.filter((o) => o.job.tool === 'mxscan' && o.rss.length > 0).map((o) => ({ what: `${o.job.scenario.id} ${o.job.mode?.id}`, mib: Math.max(...o.rss) / 1024 }));
  const worst = rss.reduce((a, b) => (b.mib > a.mib ? b : a), { what: '', mib: -1 });
  const rssVerdict = rss.length === 0 ? 'not measured' : worst.mib <= 150 ? 'met' : 'not met';
  const over = rss.filter((r) => r.mib > 150).map((r) => `${r.what} ${r.mib.toFixed(1)}`);
  lines.push(`- ${rssVerdict}: peak RSS ≤ 150 MiB in every run${rss.length === 0 ? '' : ` (largest: ${worst.what} ${worst.mib.toFixed(1)} MiB${over.length > 0 ? `; over: ${over.join(', ')}` : ''})`}`);
  return lines;

  /** One floor's line: met when every figure is within its limit, not measured when none was taken. */
  function line(/** @type {string} */ floor, /** @type {Check[]} */ checks) {
    const measured = checks.filter((c) => c.value !== null);
    const verdict = measured.length === 0 ? 'not measured' : measured.every((c) => /** @type {number} */ (c.value) <= c.limit) ? 'met' : 'not met';
    const figures = measured.map((c) => `${c.what} ${/** @type {number} */ (c.value).toFixed(2)}×${/** @type {number} */ (c.value) <= c.limit ? '' : ' ✗'}`);
    const missing = checks.length - measured.length;
    const tail = figures.length > 0 ? ` (${figures.join(', ')}${missing > 0 ? `; ${missing} not measured` : ''})` : '';
    return `- ${verdict}: ${floor}${tail}`;
  }
}
