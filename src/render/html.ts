// The HTML report: one self-contained page shaped like a postmortem skeleton. No script, no external
// resource, no URL but the page's own anchors; charts are inline SVG with presentation attributes, and the
// page reads as plain semantic HTML when a Content Security Policy (or a mail client) drops its <style>.
import { LEVELS } from '../catalog/types.js';
import type { Report } from '../summary/report.js';
import { html } from './escape.js';
import { fullTime, impactLine, num, plural, showTime, startHereSentences, timeColumn, timelineNotes } from './format.js';
import { accountsSection, actionSection, changesSection, codesSection, dataQuality, provenance, suppressedSection, unknownSection } from './html-sections.js';
import { levelMark, timelineSvg } from './svg.js';
import { noTimeRange } from '../summary/untimed.js';

/** How the page looks when its style sheet is applied; nothing depends on it. */
const STYLE = `
body { font: 15px/1.5 system-ui, sans-serif; color: #24292f; max-width: 1000px; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { border-bottom: 1px solid #d0d7de; padding-bottom: 0.2em; margin-top: 1.6em; }
table { border-collapse: collapse; margin: 0.5em 0; display: block; width: fit-content; max-width: 100%; overflow-x: auto; } th, td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: left; vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; } code { font-size: 0.9em; background: #f6f8fa; padding: 0 3px; overflow-wrap: anywhere; } .level { white-space: nowrap; }
a { text-underline-offset: 0.25em; } a code { overflow-wrap: normal; white-space: nowrap; }
.verdict { font-size: 1.25em; } svg { max-width: 100%; height: auto; } dt { font-weight: bold; } li { margin: 0.2em 0; }
@media (max-width: 640px) { figure { margin: 0; overflow-x: auto; } figure svg { min-width: 600px; } }
`;

/** The HTML report: every piece of text, log text or not, escaped. */
export function renderHtml(r: Report): string {
  const body = [
    `<header><h1>mxscan incident report</h1>`,
    `<p class="verdict"><strong>${html(r.verdict)}.</strong></p>`,
    `<p>${html(scope(r))}</p></header>`,
    '<main>',
    impact(r),
    changesSection(r),
    startHere(r),
    timeline(r),
    keyEvents(r),
    codesSection(r),
    actionSection(r),
    accountsSection(r),
    unknownSection(r),
    suppressedSection(r),
    dataQuality(r),
    '</main>',
    provenance(r),
  ];
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>mxscan: ${html(r.verdict)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    ...body.filter((s) => s !== ''),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function scope(r: Report): string {
  const t = r.totals;
  const range = r.timeRange.start === null ? noTimeRange(r) : `${fullTime(r.timeRange.start)} → ${fullTime(r.timeRange.end)}`;
  return `${plural(t.records, 'record')} in ${plural(t.files, 'file')}, ${range}.`;
}

function impact(r: Report): string {
  const rows = LEVELS.map((l) => {
    const codes = r.codes.filter((c) => c.level === l).length;
    return `<tr><td>${levelMark(l)}</td><td class="n" align="right">${num(codes)}</td><td class="n" align="right">${num(r.totals.byLevel[l])}</td></tr>`;
  });
  const unknown = r.unknownCodes.length;
  return [
    '<section id="impact"><h2>Impact</h2>',
    '<table border="1" cellpadding="4"><thead><tr><th>Level</th><th class="n" align="right">Codes</th><th class="n" align="right">Occurrences</th></tr></thead>',
    `<tbody>${rows.join('')}</tbody></table>`,
    '<ul>',
    // The accounts ERROR and WARN codes name, of all seen (INFO codes' accounts are no impact): the markdown's line.
    `<li>${html(impactLine(r.impact))}.</li>`,
    `<li>Unknown codes: ${unknown === 0 ? 'none' : `${plural(unknown, 'code')}, ${plural(r.totals.unknown, 'occurrence')}`}.</li>`,
    '</ul></section>',
  ].join('\n');
}

/** Where the incident began (the same sentences as the markdown report's), its codes linked to their rows. */
function startHere(r: Report): string {
  const link = codeLink(r);
  const sentences = startHereSentences(r, { code: link, place: (file, line) => `<code>${html(`${file}:${line}`)}</code>` });
  return sentences.length === 0 ? '' : `<section id="start-here"><h2>Start here</h2>\n${sentences.map((s) => `<p>${s}</p>`).join('\n')}</section>`;
}

/** A code linked to its row in the codes section. */
function codeLink(r: Report): (c: string) => string {
  const index = new Map(r.codes.map((c, i) => [c.code, i + 1]));
  return (c) => `<a href="#code-${index.get(c) ?? 0}"><code>${html(c)}</code></a>`;
}

function timeline(r: Report): string {
  const svg = timelineSvg(r);
  if (svg === '') return '<section id="timeline"><h2>Timeline</h2><p>No occurrence had a time: there is no timeline.</p></section>';
  return `<section id="timeline"><h2>Timeline</h2>\n<figure>${svg}<figcaption>Occurrences per ${html(r.timeline.bucket ?? '')} (UTC), stacked: red ERROR, orange WARN, blue INFO.${r.window === null ? '' : ' The grey band is the window.'} The peak is marked.${html(timelineNotes(r))}</figcaption></figure></section>`;
}

interface Row {
  readonly time: string | null;
  readonly what: string;
}

/** The report's key events (first sight of each code, the peak and the last ERROR), in their order. */
export function keyEvents(r: Report): string {
  const link = codeLink(r);
  const events: Row[] = r.keyEvents.map((e) => ({
    time: e.time,
    what:
      e.kind === 'first-seen'
        ? `${levelMark(e.level)}: first ${link(e.code)}`
        : e.kind === 'peak'
          ? `Peak: ${plural(e.ERROR + e.WARN + e.INFO, 'occurrence')} in the ${html(r.timeline.bucket ?? '')} from here (${num(e.ERROR)} ERROR, ${num(e.WARN)} WARN, ${num(e.INFO)} INFO)`
          : `${levelMark('ERROR')}: last ERROR, ${link(e.code)}`,
  }));
  if (events.length === 0) return '';
  const col = timeColumn(events.map((e) => e.time));
  const day = col.date || col.day === null ? 'UTC' : `UTC, ${col.day}`;
  const rows = events.map((e) => `<tr><td>${html(showTime(e.time, col))}</td><td>${e.what}</td></tr>`);
  return `<section id="events"><h2>Key events</h2>\n<table border="1" cellpadding="4"><thead><tr><th>Time (${html(day)})</th><th>Event</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table></section>`;
}
