// The HTML report's sections after the timeline: codes, action plan, accounts, unknown codes, data quality
// and provenance. Log text goes through `html` (escaped) and sits in <code>; links are the page's own anchors.
import type { Report } from '../summary/report.js';
import { html } from './escape.js';
import { fileNotes, formatOf, fullTime, noteText, noted, num, optionPairs, plural, ratio, showTime, sig3, timeColumn } from './format.js';
import { levelMark, sparklineSvg } from './svg.js';
import { noTimeRange } from '../summary/untimed.js';
import { noneInWindow } from '../summary/baseline.js';

const TABLE = '<table border="1" cellpadding="4">';
const c = (s: string): string => `<code>${html(s)}</code>`;
const where = (s: { file: string; line: number }): string => c(`${s.file}:${s.line}`);
const th = (...names: string[]): string => `<thead><tr>${names.map((n) => (n.startsWith('#') ? `<th class="n" align="right">${n.slice(1)}</th>` : `<th>${n}</th>`)).join('')}</tr></thead>`;

/** The action plan item of each code (by index), so a code's row can link to it. */
function actionOf(r: Report): Map<string, number> {
  const m = new Map<string, number>();
  r.actions.forEach((a, i) => a.codes.forEach((code) => m.set(code, i + 1)));
  return m;
}

export function changesSection(r: Report): string {
  const cmp = r.comparison;
  if (cmp === undefined) return '';
  const level = new Map(r.codes.map((x) => [x.code, x.level]));
  const rows = cmp.codes.map((x) => {
    const l = level.get(x.code);
    const change = x.status === 'new' ? 'new' : x.status === 'resolved' ? 'resolved' : ratio(x.ratePer10k, x.baselineRatePer10k);
    return `<tr><td>${l === undefined ? '' : levelMark(l)}</td><td>${c(x.code)}</td><td>${html(x.status)}</td><td class="n" align="right">${num(x.count)} (${num(x.baselineCount)})</td><td class="n" align="right">${sig3(x.ratePer10k)} (${sig3(x.baselineRatePer10k)})</td><td class="n" align="right"><strong>${html(change)}</strong></td></tr>`;
  });
  const none = noneInWindow(r);
  return [
    '<section id="changes"><h2>What changed against the baseline</h2>',
    `<p>Baseline ${c(cmp.baseline)}, tolerance ±${Math.round(cmp.tolerance * 100)} % of its rate per 10,000 records; a change is the ratio of the rates.${none ? ' No record was read inside the window: nothing to compare with the baseline.' : ''}</p>`,
    `${TABLE}${th('Level', 'Code', 'Status', '#Count (baseline)', '#Per 10k records (baseline)', '#Change')}<tbody>`,
    ...rows,
    '</tbody></table></section>',
  ].join('\n');
}

/** One row per code (level, count, first and last seen, trend, action), then each code's evidence. */
export function codesSection(r: Report): string {
  if (r.codes.length === 0) return '<section id="codes"><h2>Codes</h2><p>No catalog code was found in the scanned input.</p></section>';
  const col = timeColumn(r.codes.flatMap((x) => [x.firstSeen, x.lastSeen]));
  const day = col.date || col.day === null ? 'UTC' : `UTC, ${col.day}`;
  const plan = actionOf(r);
  const rows = r.codes.map((x, i) => {
    const seen = x.firstSeen === null ? '—' : `${showTime(x.firstSeen, col)} → ${showTime(x.lastSeen, col)}`;
    const a = plan.get(x.code);
    const action = a === undefined ? html(x.action) : `<a href="#action-${a}">${html(x.action)}</a>`;
    return `<tr><td>${levelMark(x.level)}</td><td><a href="#code-${i + 1}">${c(x.code)}</a></td><td class="n" align="right">${num(x.count)}</td><td>${html(seen)}</td><td>${sparklineSvg(x.series, x.level)}</td><td>${action}</td></tr>`;
  });
  const details = r.codes.map((x, i) => {
    const samples = x.samples.map((s) => `<li>${where(s)} ${c(s.text)}</li>`).join('\n');
    const peak = x.peak === null ? '' : `; peak ${num(x.peak.count)} in the ${html(r.timeline.bucket ?? '')} from ${html(fullTime(x.peak.start))}`;
    return [
      `<section id="code-${i + 1}"><h3>${c(x.code)} <small>${levelMark(x.level)} · ${html(x.module)} · ${html(x.type)}</small></h3>`,
      `<p>${html(x.description)}</p>`,
      `<p>${plural(x.count, 'occurrence')} in ${plural(x.files, 'file')}, ${html(fullTime(x.firstSeen))} → ${html(fullTime(x.lastSeen))}${peak}.</p>`,
      `<p><strong>Action:</strong> ${html(x.action)}</p>`,
      samples === '' ? '' : `<ul>\n${samples}\n</ul>`,
      '</section>',
    ].join('\n');
  });
  return [
    '<section id="codes"><h2>Codes</h2>',
    `${TABLE}${th('Level', 'Code', '#Count', `First → last seen (${day})`, 'Trend', 'Suggested action')}<tbody>`,
    ...rows,
    '</tbody></table>',
    '<h3>Evidence</h3>',
    ...details,
    '</section>',
  ].join('\n');
}

export function actionSection(r: Report): string {
  if (r.actions.length === 0) return '';
  const index = new Map(r.codes.map((x, i) => [x.code, i + 1]));
  const items = r.actions.map((a, i) => {
    const codes = a.codes.map((code) => `<a href="#code-${index.get(code) ?? 0}">${c(code)}</a>`).join(', ');
    const accounts = a.accounts > 0 ? `, ${a.bounded ? '≥ ' : ''}${plural(a.accounts, 'account')}` : '';
    return `<li id="action-${i + 1}">${levelMark(a.level)}: ${html(a.action)} (${codes}: ${plural(a.count, 'occurrence')}${accounts})${a.suppressed === true ? ' — suppressed' : ''}</li>`;
  });
  return `<section id="actions"><h2>Action plan</h2>\n<ol>\n${items.join('\n')}\n</ol></section>`;
}

export function accountsSection(r: Report): string {
  const withAccounts = r.codes.filter((x) => x.accounts.distinct > 0);
  if (withAccounts.length === 0) return '';
  const rows = withAccounts.map((x) => {
    const top = x.accounts.top.map((a) => `${c(a.account)} (${num(a.count)})`).join(', ');
    return `<tr><td>${c(x.code)}</td><td class="n" align="right">${x.accounts.bounded ? '≥ ' : ''}${num(x.accounts.distinct)}</td><td>${top}</td></tr>`;
  });
  return `<section id="accounts"><h2>Affected accounts</h2>\n${TABLE}${th('Code', '#Accounts', 'Top accounts')}<tbody>\n${rows.join('\n')}\n</tbody></table></section>`;
}

export function unknownSection(r: Report): string {
  if (r.unknownCodes.length === 0) return '';
  const rows = r.unknownCodes.map((u) => {
    const s = u.samples[0];
    return `<tr><td>${c(u.code)}</td><td class="n" align="right">${num(u.count)}</td><td class="n" align="right">${num(u.files)}</td><td>${s === undefined ? '' : `${where(s)} ${c(s.text)}`}</td></tr>`;
  });
  return [
    '<section id="unknown"><h2>Unknown codes</h2>',
    '<p>Values given to a code key that are not in the catalog: the catalog may be out of date.</p>',
    `${TABLE}${th('Code', '#Count', '#Files', 'First evidence')}<tbody>`,
    ...rows,
    '</tbody></table></section>',
  ].join('\n');
}

export function suppressedSection(r: Report): string {
  const list = r.suppressed ?? [];
  if (list.length === 0) return '';
  const rows = list.map((x) => {
    const state = x.inCatalog === false ? `not in the catalog${x.didYouMean !== undefined ? ` (did you mean ${c(x.didYouMean)}?)` : ''}` : x.expired ? 'expired: counts again' : x.count === 0 ? 'unused: not seen in this scan' : 'active';
    return `<tr><td>${c(x.code)}</td><td class="n" align="right">${num(x.count)}</td><td>${html(x.reason)}</td><td>${x.expires === null ? 'never' : html(x.expires)}</td><td>${state}</td></tr>`;
  });
  return `<section id="suppressed"><h2>Suppressed</h2>\n<p>Known noise: still counted here, but kept out of the verdict and out of <code>--fail-on</code>.</p>\n${TABLE}${th('Code', '#Count', 'Reason', 'Expires', 'State')}<tbody>\n${rows.join('\n')}\n</tbody></table></section>`;
}

/** What was read and what was not: totals, then each input with something to say; the rest in one line. */
export function dataQuality(r: Report): string {
  const t = r.totals;
  const items = [
    `${plural(t.files, 'input')} (${plural(t.unreadableFiles, 'could not be read', 'could not be read')}, ${plural(t.binaryFiles, 'binary file')} skipped), ${plural(t.records, 'record')}, ${plural(t.bytes, 'byte')} read`,
    `${plural(t.skippedLines, 'over-long line')} skipped, ${plural(t.malformedRecords, 'malformed record')} read as text`,
    r.window === null ? 'no window applied' : `window ${html(fullTime(r.window.since))} ≤ t < ${html(fullTime(r.window.until))}: ${plural(t.outsideWindow, 'record')} outside it`,
    `time range: ${r.timeRange.start === null ? noTimeRange(r, true) : html(`${fullTime(r.timeRange.start)} → ${fullTime(r.timeRange.end)}`)}`,
    `${plural(t.untimedRecords, 'untimed record')} (no time of their own, and none before them in their file)`,
    ...(r.inputNotes ?? []).map((n) => (n.kind === 'no-time' ? '<strong>not scanned:</strong> ' : '') + html(noteText(n))),
  ];
  const files = r.files.filter(noted);
  const rest = r.files.length - files.length;
  const rows = files.map((f) => {
    const notes = fileNotes(f, (s) => `<strong>${html(s)}</strong>`, (m) => c(m)).join('; ');
    return `<tr><td>${c(f.path)}</td><td>${html(formatOf(f))}</td><td class="n" align="right">${num(f.records)}</td><td class="n" align="right">${num(f.matches)}</td><td>${notes}</td></tr>`;
  });
  return [
    '<section id="data-quality"><h2>Data quality</h2>',
    `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>`,
    rows.length === 0 ? '' : `${TABLE}${th('File', 'Format', '#Records', '#Matches', 'Notes')}<tbody>\n${rows.join('\n')}\n</tbody></table>`,
    rest === 0 ? '' : `<p>${plural(rest, files.length > 0 ? 'other input' : 'input')} read whole, with nothing to note (each is listed in the JSON report).</p>`,
    '</section>',
  ].join('\n');
}

/** What lets anyone re-run and audit the report. */
export function provenance(r: Report): string {
  const p = r.provenance;
  const rows: [string, string][] = [['Tool', html(`${r.tool.name} ${r.tool.version}`)]];
  if (p !== undefined) {
    const opts = optionPairs(p.options);
    const shown = p.inputs.slice(0, 20).map((i) => `${c(i.path)} (${plural(i.bytes, 'byte')})`);
    const more = p.inputs.length - shown.length;
    rows.push(
      ['Catalog', `${plural(p.catalog.entries, 'entry', 'entries')}, sha256 ${c(p.catalog.sha256)}`],
      ['Inputs', `${plural(p.inputs.length, 'input')}: ${shown.join(', ')}${more > 0 ? `, … and ${num(more)} more in the JSON report` : ''}`],
      ['Window', p.window === null ? 'none' : html(`${fullTime(p.window.since)} → ${fullTime(p.window.until)}`)],
      ['Options', opts.map((o) => c(o)).join(' ')],
      ['Complete', p.complete ? 'yes, every input was read whole' : 'no: an input could not be read or was skipped as binary, lines were skipped, or an input had no readable time under the window'],
      ['Redacted', p.redacted ? 'yes' : 'no'],
    );
  }
  return `<footer id="provenance"><h2>Provenance</h2>\n<dl>\n${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('\n')}\n</dl></footer>`;
}
