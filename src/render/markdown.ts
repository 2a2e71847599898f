import { LEVELS, type Level } from '../catalog/types.js';
import type { Report } from '../summary/report.js';
import { code, text } from './escape.js';

const num = (n: number): string => n.toLocaleString('en-US');
const when = (iso: string | null): string => (iso === null ? '—' : iso.replace('T', ' ').replace('.000Z', 'Z'));
const where = (s: { file: string; line: number }, inTable = true): string => code(`${s.file}:${s.line}`, inTable);
const ICON: Record<Level, string> = { ERROR: '🔴', WARN: '🟠', INFO: '🔵' };
const SPARK = '▁▂▃▄▅▆▇█';

/** Limits for a shorter report (the GitHub job summary has a size limit). */
export interface MarkdownLimits {
  /** Evidence lines per code. */
  readonly samples?: number;
  /** Rows of the files table. */
  readonly files?: number;
  /** Rows of the unknown-codes table. */
  readonly unknown?: number;
  /** Leave out the timeline's table and chart. */
  readonly timeline?: boolean;
  /** A note on what was left out, shown under the verdict. */
  readonly note?: string;
}

/** The markdown report: what an on-call engineer reads first comes first. Every piece of log text is escaped. */
export function renderMarkdown(r: Report, limits: MarkdownLimits = {}): string {
  const out: string[] = [];
  out.push('# mxscan incident report', '');
  out.push(`**${text(r.verdict)}.** ${scope(r)}`, '');
  const header = provenanceLine(r);
  // Two paragraphs: the line break between them shows in every renderer.
  if (header !== '') out.push(header, '', inputsLine(r), '');
  if (limits.note !== undefined) out.push(`> ${text(limits.note)}`, '');
  const sections: ((r: Report, l: MarkdownLimits) => string[])[] = [
    changes,
    () => levelTable(r),
    codesSection,
    startHere,
    timelineSection,
    actionPlan,
    evidence,
    accountsSection,
    unknownSection,
    suppressedSection,
    filesSection,
    scanSection,
  ];
  for (const section of sections) {
    const lines = section(r, limits);
    if (lines.length > 0) out.push(...lines, '');
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

/** One line that lets anyone re-run and audit the report. */
function provenanceLine(r: Report): string {
  const p = r.provenance;
  if (p === undefined) return '';
  const parts = [
    `mxscan ${text(p.toolVersion)}`,
    `catalog of ${num(p.catalog.entries)} entries (sha256 ${code(p.catalog.sha256.slice(0, 12))})`,
    `${num(p.inputs.length)} input${p.inputs.length === 1 ? '' : 's'}`,
    p.window === null ? 'no window' : `window ${when(p.window.since)} → ${when(p.window.until)}`,
    p.complete ? 'all input read' : '**input incomplete** (see Files)',
    p.redacted ? 'redacted' : 'not redacted',
  ];
  return `<sub>${parts.join(' · ')}</sub>`;
}

/** Inputs named in the header before the rest are only counted (the JSON report lists them all). */
const INPUTS_SHOWN = 5;

/** The inputs and their sizes, short however many there are; names are untrusted, so each is a code span. */
function inputsLine(r: Report): string {
  const inputs = r.provenance?.inputs ?? [];
  if (inputs.length === 0) return '';
  const shown = inputs.slice(0, INPUTS_SHOWN).map((i) => `${code(i.path, false)} (${num(i.bytes)} byte${i.bytes === 1 ? '' : 's'})`);
  const more = inputs.length - shown.length;
  return `<sub>Inputs: ${shown.join(', ')}${more > 0 ? `, … and ${num(more)} more in the JSON report` : ''}</sub>`;
}

/** What is new or increased against the baseline: the first thing to read when there is one. */
function changes(r: Report): string[] {
  const c = r.comparison;
  if (c === undefined) return [];
  const rows = c.codes.filter((x) => x.status === 'new' || x.status === 'increased');
  const rest = c.codes.filter((x) => x.status !== 'new' && x.status !== 'increased');
  const level = new Map(r.codes.map((x) => [x.code, x.level]));
  const out = [`## What changed against the baseline`, '', `Baseline ${code(c.baseline, false)}, tolerance ±${Math.round(c.tolerance * 100)} % of its rate per 10,000 records.`, ''];
  if (rows.length === 0) out.push('Nothing is new and nothing increased.', '');
  else {
    out.push('| Change | Level | Code | Count | Baseline | Per 10k records | Baseline per 10k |', '| --- | --- | --- | ---: | ---: | ---: | ---: |');
    for (const x of rows) {
      const l = level.get(x.code);
      out.push(`| **${x.status}** | ${l === undefined ? '' : `${ICON[l]} ${l}`} | ${code(x.code)} | ${num(x.count)} | ${num(x.baselineCount)} | ${x.ratePer10k} | ${x.baselineRatePer10k} |`);
    }
    out.push('');
  }
  if (rest.length > 0) {
    const by = (st: string): string[] => rest.filter((x) => x.status === st).map((x) => code(x.code, false));
    const words = (['unchanged', 'decreased', 'resolved'] as const).filter((st) => by(st).length > 0).map((st) => `${st}: ${by(st).join(', ')}`);
    out.push(`Also: ${words.join('; ')}.`);
  }
  return out;
}

function suppressedSection(r: Report): string[] {
  const list = r.suppressed ?? [];
  if (list.length === 0) return [];
  const rows = list.map(
    (x) => `| ${code(x.code)} | ${num(x.count)} | ${text(x.reason)} | ${x.expires === null ? 'never' : text(x.expires)} | ${state(x)} |`,
  );
  return [
    '## Suppressed',
    '',
    'Known noise: still counted here, but an active suppression keeps a code out of the verdict and out of `--fail-on`.',
    '',
    '| Code | Count | Reason | Expires | State |',
    '| --- | ---: | --- | --- | --- |',
    ...rows,
  ];
}

function state(x: NonNullable<Report['suppressed']>[number]): string {
  if (x.expired) return '**expired**: counts again';
  // A suppression of a code this scan never saw kept nothing out: left for the owner to prune.
  return x.count === 0 ? 'unused: not seen in this scan' : 'active';
}

function scope(r: Report): string {
  const t = r.totals;
  const range = r.timeRange.start === null ? 'no timestamps' : `${when(r.timeRange.start)} → ${when(r.timeRange.end)}`;
  return `${num(t.records)} records in ${num(t.files)} file${t.files === 1 ? '' : 's'}, ${range}.`;
}

function levelTable(r: Report): string[] {
  const rows = LEVELS.map((l) => {
    const codes = r.codes.filter((c) => c.level === l).length;
    return `| ${ICON[l]} ${l} | ${num(codes)} | ${num(r.totals.byLevel[l])} |`;
  });
  return ['| Level | Codes | Occurrences |', '| --- | ---: | ---: |', ...rows];
}

/** The code's occurrences per timeline bucket as a text sparkline: `·` for none, ▁ to █ scaled to its peak. */
export function sparkline(series: readonly number[]): string {
  // A loop, not Math.max(...series): spreading a long series overflows the stack.
  let max = 0;
  for (const n of series) if (n > max) max = n;
  if (series.length < 2 || max === 0) return '';
  return series.map((n) => (n === 0 ? '·' : SPARK[Math.min(7, Math.floor((n / max) * 8))])).join('');
}

function codesSection(r: Report): string[] {
  if (r.codes.length === 0) return ['## Codes', '', 'No catalog code was found in the scanned input.'];
  const rows = r.codes.map((c) =>
    [
      `${ICON[c.level]} ${c.level}`,
      code(c.code),
      text(c.module),
      num(c.count),
      when(c.firstSeen),
      when(c.lastSeen),
      sparkline(c.series) === '' ? '' : code(sparkline(c.series)),
      text(c.action),
    ].join(' | '),
  );
  return [
    '## Codes',
    '',
    '| Level | Code | Module | Count | First seen | Last seen | Trend | Suggested action |',
    '| --- | --- | --- | ---: | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row} |`),
  ];
}

function startHere(r: Report): string[] {
  const f = r.firstError;
  if (f === null) return [];
  const at = f.time === null ? '' : ` at ${when(f.time)}`;
  return ['## Start here', '', `The first ERROR-level code seen is ${code(f.code, false)}${at}, in ${where(f, false)}.`];
}

function timelineSection(r: Report, limits: MarkdownLimits): string[] {
  const t = r.timeline;
  if (t.bucket === null || t.buckets.length === 0 || limits.timeline === false) return [];
  const busy = t.buckets.filter((b) => b.ERROR + b.WARN + b.INFO > 0);
  const label = (iso: string): string => when(iso).replace(/:00Z$/, 'Z');
  const out = ['## Timeline', '', `Occurrences per ${t.bucket} (buckets with none are left out of the table).`, ''];
  out.push('| Bucket start | ERROR | WARN | INFO |', '| --- | ---: | ---: | ---: |');
  for (const b of busy) out.push(`| ${label(b.start)} | ${num(b.ERROR)} | ${num(b.WARN)} | ${num(b.INFO)} |`);
  if (t.buckets.length >= 2) {
    const axis = t.buckets.map((b) => JSON.stringify(label(b.start).slice(t.bucket!.endsWith('d') ? 0 : 11)));
    out.push(
      '',
      '```mermaid',
      'xychart-beta',
      `  title "Occurrences per ${t.bucket}: bars ERROR, lines WARN and INFO"`,
      `  x-axis [${axis.join(', ')}]`,
      '  y-axis "occurrences"',
      `  bar [${t.buckets.map((b) => b.ERROR).join(', ')}]`,
      `  line [${t.buckets.map((b) => b.WARN).join(', ')}]`,
      `  line [${t.buckets.map((b) => b.INFO).join(', ')}]`,
      '```',
    );
  }
  return out;
}

function actionPlan(r: Report): string[] {
  if (r.actions.length === 0) return [];
  const items = r.actions.map((a) => {
    const codes = a.codes.map((c) => code(c, false)).join(', ');
    const accounts = a.accounts > 0 ? `, ${a.bounded ? '≥ ' : ''}${num(a.accounts)} account${a.accounts === 1 ? '' : 's'}` : '';
    return `- [ ] **${a.level}** ${text(a.action)} (${codes}: ${num(a.count)} occurrence${a.count === 1 ? '' : 's'}${accounts})`;
  });
  return ['## Action plan', '', ...items];
}

function evidence(r: Report, limits: MarkdownLimits): string[] {
  if (r.codes.length === 0 || limits.samples === 0) return [];
  const out = ['## Evidence', ''];
  for (const c of r.codes) {
    out.push(`**${code(c.code, false)}** (${c.level}, ${num(c.count)} in ${num(c.files)} file${c.files === 1 ? '' : 's'})`, '');
    for (const s of c.samples.slice(0, limits.samples ?? c.samples.length)) out.push(`- ${where(s, false)} ${code(s.text, false)}`);
    out.push('');
  }
  return out;
}

function accountsSection(r: Report): string[] {
  const withAccounts = r.codes.filter((c) => c.accounts.distinct > 0);
  if (withAccounts.length === 0) return [];
  const rows = withAccounts.map((c) => {
    const distinct = (c.accounts.bounded ? '≥ ' : '') + num(c.accounts.distinct);
    const top = c.accounts.top.map((a) => `${code(a.account)} (${num(a.count)})`).join(', ');
    return `| ${code(c.code)} | ${distinct} | ${top} |`;
  });
  return ['## Affected accounts', '', '| Code | Accounts | Top accounts |', '| --- | ---: | --- |', ...rows];
}

function unknownSection(r: Report, limits: MarkdownLimits): string[] {
  if (r.unknownCodes.length === 0) return [];
  const shown = r.unknownCodes.slice(0, limits.unknown ?? r.unknownCodes.length);
  const out = [
    '## Unknown codes',
    '',
    'Values given to a code key that are not in the catalog: the catalog may be out of date.',
    '',
    '| Code | Count | First evidence |',
    '| --- | ---: | --- |',
  ];
  for (const u of shown) {
    const s = u.samples[0];
    out.push(`| ${code(u.code)} | ${num(u.count)} | ${s === undefined ? '' : where(s)} |`);
  }
  if (shown.length < r.unknownCodes.length) out.push('', `…and ${num(r.unknownCodes.length - shown.length)} more in the JSON report.`);
  return out;
}

function filesSection(r: Report, limits: MarkdownLimits): string[] {
  const out = ['## Files', '', '| File | Format | Records | Matches | Status |', '| --- | --- | ---: | ---: | --- |'];
  // Files with something to say come first when the table is cut short.
  const noted = (f: Report['files'][number]): boolean => f.status !== 'ok' || f.skippedLines > 0 || f.malformedRecords > 0;
  const files = limits.files === undefined ? r.files : [...r.files.filter(noted), ...r.files.filter((f) => !noted(f))].slice(0, limits.files);
  for (const f of files) {
    const format = f.format + (f.compressed ? ' (gzip)' : '') + (f.encoding !== 'utf-8' ? ` (${f.encoding})` : '');
    const notes: string[] = [];
    if (f.status !== 'ok') notes.push(`**${f.status}**${f.message === undefined ? '' : ': ' + code(f.message)}`);
    if (f.skippedLines > 0) notes.push(`${num(f.skippedLines)} over-long line${f.skippedLines === 1 ? '' : 's'} skipped`);
    if (f.malformedRecords > 0) notes.push(`${num(f.malformedRecords)} malformed record${f.malformedRecords === 1 ? '' : 's'} read as text`);
    if (f.outsideWindow > 0) notes.push(`${num(f.outsideWindow)} outside the window`);
    out.push(`| ${code(f.path)} | ${format} | ${num(f.records)} | ${num(f.matches)} | ${notes.length === 0 ? 'ok' : notes.join('; ')} |`);
  }
  if (files.length < r.files.length) out.push('', `…and ${num(r.files.length - files.length)} more files in the JSON report.`);
  return out;
}

function scanSection(r: Report): string[] {
  const t = r.totals;
  const out = ['## Scan', ''];
  out.push(`- Time range: ${r.timeRange.start === null ? 'no timestamps found' : `${when(r.timeRange.start)} → ${when(r.timeRange.end)}`}`);
  if (r.window !== null) out.push(`- Window applied: ${when(r.window.since)} ≤ t < ${when(r.window.until)} (${num(t.outsideWindow)} records outside it)`);
  out.push(`- ${num(t.files)} files, ${num(t.records)} records, ${num(t.bytes)} bytes read`);
  out.push(`- ${num(t.unknown)} unknown code occurrences, ${num(t.skippedLines)} skipped lines, ${num(t.malformedRecords)} malformed records`);
  const p = r.provenance;
  if (p !== undefined) {
    out.push(`- Catalog: ${num(p.catalog.entries)} entries, sha256 ${code(p.catalog.sha256, false)}`);
    const opts = Object.entries(p.options).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0));
    if (opts.length > 0) out.push(`- Options: ${opts.map(([k, v]) => code(`${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`, false)).join(' ')}`);
    out.push(`- Complete: ${p.complete ? 'yes, every input was read whole' : 'no — an input could not be read or lines were skipped'}; redacted: ${p.redacted ? 'yes' : 'no'}`);
  }
  out.push(`- ${text(r.tool.name)} ${text(r.tool.version)}`);
  return out;
}
