import { LEVELS, type Level } from '../catalog/types.js';
import type { AccountListRow } from '../summary/account-list.js';
import type { Report } from '../summary/report.js';
import { code, text } from './escape.js';
import { fullTime as when, impactLine, noteText, num, optionPairs, plural, ratio, showTime, sig3, startHereSentences, timeColumn } from './format.js';
import { filesSection, timelineSection, type MarkdownLimits } from './markdown-tables.js';
import { noTimeRange } from '../summary/untimed.js';
import { noneInWindow } from '../summary/baseline.js';

export type { MarkdownLimits };

const where = (s: { file: string; line: number }, inTable = true): string => code(`${s.file}:${s.line}`, inTable);
const ICON: Record<Level, string> = { ERROR: '🔴', WARN: '🟠', INFO: '🔵' };
const SPARK = '▁▂▃▄▅▆▇█';

/** The markdown report: what an on-call engineer reads first comes first. Every piece of log text is escaped. */
export function renderMarkdown(r: Report, limits: MarkdownLimits = {}): string {
  const out: string[] = [];
  out.push('# mxscan incident report', '');
  out.push(`**${text(r.verdict)}.** ${scope(r)} ${impactLine(r.impact)}.`, '');
  const header = provenanceLine(r);
  // Two paragraphs: the line break between them shows in every renderer.
  if (header !== '') out.push(header, '', inputsLine(r), '');
  if (limits.note !== undefined) out.push(`> ${text(limits.note)}`, '');
  const sections: ((r: Report, l: MarkdownLimits) => string[])[] = [
    changes,
    () => levelTable(r),
    codesSection,
    startHere,
    keyEventsSection,
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
    plural(p.inputs.length, 'input'),
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
  const shown = inputs.slice(0, INPUTS_SHOWN).map((i) => `${code(i.path, false)} (${plural(i.bytes, 'byte')})`);
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
  const out = [`## What changed against the baseline`, '', `Baseline ${code(c.baseline, false)}, tolerance ±${Math.round(c.tolerance * 100)} % of its rate per 10,000 records; a change is the ratio of the rates.`, ''];
  if (noneInWindow(r)) out.push('No record was read inside the window: nothing to compare with the baseline.', '');
  else if (rows.length === 0) out.push('Nothing is new and nothing increased.', '');
  else {
    out.push('| Level | Code | Count (baseline) | Per 10k records (baseline) | Change |', '| --- | --- | ---: | ---: | ---: |');
    for (const x of rows) {
      const l = level.get(x.code);
      const change = x.status === 'new' ? '**new**' : `**${ratio(x.ratePer10k, x.baselineRatePer10k)}** ${x.status}`;
      out.push(`| ${l === undefined ? '' : `${ICON[l]} ${l}`} | ${code(x.code)} | ${num(x.count)} (${num(x.baselineCount)}) | ${sig3(x.ratePer10k)} (${sig3(x.baselineRatePer10k)}) | ${change} |`);
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
  if (x.inCatalog === false) return `not in the catalog${x.didYouMean !== undefined ? ` (did you mean ${code(x.didYouMean)}?)` : ''}`;
  if (x.expired) return '**expired**: counts again';
  // A suppression of a code this scan never saw kept nothing out: left for the owner to prune.
  return x.count === 0 ? 'unused: not seen in this scan' : 'active';
}

function scope(r: Report): string {
  const t = r.totals;
  const range = r.timeRange.start === null ? noTimeRange(r) : `${when(r.timeRange.start)} → ${when(r.timeRange.end)}`;
  return `${plural(t.records, 'record')} in ${plural(t.files, 'file')}, ${range}.`;
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

/** Five narrow columns, so nothing scrolls sideways at comment width; the action is in the action plan. */
function codesSection(r: Report): string[] {
  if (r.codes.length === 0) return ['## Codes', '', 'No catalog code was found in the scanned input.'];
  const col = timeColumn(r.codes.flatMap((c) => [c.firstSeen, c.lastSeen]));
  const rows = r.codes.map((c) => {
    const seen = c.firstSeen === null ? '—' : `${showTime(c.firstSeen, col)} → ${showTime(c.lastSeen, col)}`;
    const trend = sparkline(c.series);
    return `| ${ICON[c.level]} ${c.level} | ${code(c.code)} | ${num(c.count)} | ${seen} | ${trend === '' ? '' : code(trend)} |`;
  });
  // Times are shown in UTC, whatever --tz read them in: the header says so (as the timeline's does).
  const day = col.day === null || col.date ? ' (UTC)' : ` (UTC, ${col.day})`;
  return [
    '## Codes',
    '',
    `| Level | Code | Count | First → last seen${day} | Trend |`,
    '| --- | --- | ---: | --- | --- |',
    ...rows,
    '',
    'What to do about each code is in the action plan.',
  ];
}

/** Where the incident began, and the earliest ERROR of all on its own line when that is elsewhere. */
function startHere(r: Report): string[] {
  const sentences = startHereSentences(r, { code: (c) => code(c, false), place: (file, line) => where({ file, line }, false) });
  return sentences.length === 0 ? [] : ['## Start here', '', ...sentences.flatMap((s, i) => (i === 0 ? [s] : ['', s]))];
}

/** First sight of each code, the peak and the last ERROR, in time order: the same list as the HTML report's. */
function keyEventsSection(r: Report): string[] {
  const events = r.keyEvents;
  if (events.length === 0) return [];
  const col = timeColumn(events.map((e) => e.time));
  const day = col.date || col.day === null ? 'UTC' : `UTC, ${col.day}`;
  const rows = events.map((e) => {
    const what =
      e.kind === 'first-seen'
        ? `${ICON[e.level]} first ${code(e.code)}`
        : e.kind === 'peak'
          ? `Peak: ${plural(e.ERROR + e.WARN + e.INFO, 'occurrence')} in the ${text(r.timeline.bucket ?? '')} from here (${num(e.ERROR)} ERROR, ${num(e.WARN)} WARN, ${num(e.INFO)} INFO)`
          : `${ICON.ERROR} last ERROR, ${code(e.code)}`;
    return `| ${showTime(e.time, col)} | ${what} |`;
  });
  return ['## Key events', '', `| Time (${day}) | Event |`, '| --- | --- |', ...rows];
}

function actionPlan(r: Report): string[] {
  if (r.actions.length === 0) return [];
  const items = r.actions.map((a) => {
    const codes = a.codes.map((c) => code(c, false)).join(', ');
    const accounts = a.accounts > 0 ? `, ${a.bounded ? '≥ ' : ''}${plural(a.accounts, 'account')}` : '';
    return `- [ ] **${a.level}** ${text(a.action)} (${codes}: ${plural(a.count, 'occurrence')}${accounts})${a.suppressed === true ? ' — suppressed' : ''}`;
  });
  return ['## Action plan', '', ...items, ...accountsFile(r)];
}

/** Where the affected accounts are listed in full (`--accounts`), so "the affected user" can be acted on. */
function accountsFile(r: Report): string[] {
  const l = r['accountList'] as AccountListRow | undefined;
  if (l === undefined) return [];
  const sample = l.bounded ? ', a sample: there were more pairs than it holds' : '';
  return ['', `Every affected account, per code, with first and last seen: ${code(l.file, false)} (${plural(l.accounts, 'account')} in ${plural(l.pairs, 'code–account pair')}${sample}).`];
}

function evidence(r: Report, limits: MarkdownLimits): string[] {
  if (r.codes.length === 0 || limits.samples === 0) return [];
  const out = ['## Evidence', ''];
  for (const c of r.codes) {
    out.push(`**${code(c.code, false)}** (${c.level}, ${num(c.count)} in ${plural(c.files, 'file')})`, '');
    for (const s of c.samples.slice(0, limits.samples ?? c.samples.length)) out.push(`- ${where(s, false)} ${code(s.text, false)}`);
    out.push('');
  }
  return out;
}

/** Accounts named per code in the markdown. */
const TOP_ACCOUNTS = 3;

function accountsSection(r: Report): string[] {
  const withAccounts = r.codes.filter((c) => c.accounts.distinct > 0);
  if (withAccounts.length === 0) return [];
  const rows = withAccounts.map((c) => {
    const distinct = (c.accounts.bounded ? '≥ ' : '') + num(c.accounts.distinct);
    // Three at most, so the row stays narrow; the HTML and JSON reports have the top five.
    const shown = c.accounts.top.slice(0, TOP_ACCOUNTS);
    const more = c.accounts.distinct - shown.length;
    const top = shown.map((a) => `${code(a.account)} (${num(a.count)})`).join(', ') + (more > 0 ? `, +${c.accounts.bounded ? '≥ ' : ''}${num(more)} more` : '');
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

/** Notes on inputs listed in the markdown (the JSON report has them all). */
const NOTES = 10;

function scanSection(r: Report): string[] {
  const t = r.totals;
  const out = ['## Scan', ''];
  out.push(`- Time range: ${r.timeRange.start === null ? noTimeRange(r, true) : `${when(r.timeRange.start)} → ${when(r.timeRange.end)}`}`);
  if (r.window !== null) out.push(`- Window applied: ${when(r.window.since)} ≤ t < ${when(r.window.until)} (${plural(t.outsideWindow, 'record')} outside it)`);
  out.push(`- ${plural(t.files, 'file')}, ${plural(t.records, 'record')}, ${plural(t.bytes, 'byte')} read`);
  out.push(`- ${plural(t.unknown, 'unknown code occurrence')}, ${plural(t.skippedLines, 'skipped line')}, ${plural(t.malformedRecords, 'malformed record')}`);
  if (t.untimedRecords > 0) out.push(`- ${plural(t.untimedRecords, 'untimed record')}: no time of their own, and none before them in their file`);
  const notes = r.inputNotes ?? [];
  for (const n of notes.slice(0, NOTES)) out.push(`- ${n.kind === 'no-time' ? '**Not scanned:** ' : ''}${text(noteText(n))}`);
  if (notes.length > NOTES) out.push(`- …and ${plural(notes.length - NOTES, 'more note')} in the JSON report`);
  const p = r.provenance;
  if (p !== undefined) {
    out.push(`- Catalog: ${num(p.catalog.entries)} entries, sha256 ${code(p.catalog.sha256, false)}`);
    const opts = optionPairs(p.options);
    if (opts.length > 0) out.push(`- Options: ${opts.map((o) => code(o, false)).join(' ')}`);
    out.push(`- Complete: ${p.complete ? 'yes, every input was read whole' : 'no — an input could not be read or was skipped as binary, lines were skipped, or an input had no readable time under the window'}; redacted: ${p.redacted ? 'yes' : 'no'}`);
  }
  out.push(`- ${text(r.tool.name)} ${text(r.tool.version)}`);
  return out;
}
