// The markdown report's longer tables: the timeline (chart and table) and the files with something to say.
import type { Report } from '../summary/report.js';
import { code } from './escape.js';
import { bucketMs, fileNotes, formatOf, noted, num, plural, showTime, timeColumn, timelineNotes, type FileRow } from './format.js';

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

/** Most x-axis labels of the mermaid chart: more overlap at comment width. */
export const CHART_LABELS = 12;

/** Mermaid's xychart colours its plots in order: the ERROR bars red, the WARN line orange, the INFO line blue. */
const PALETTE = '%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#cf222e, #bc4c00, #0969da"}}}}%%';

/**
 * Sums of `size` buckets at a time, so a chart of many buckets keeps at most CHART_LABELS points; the first
 * sum holds `size - offset` of them, so that every other one starts on a multiple of its width (an hour's
 * points on the hour: grouped from the first bucket, 08:15, they moved the peak to "09h15").
 */
export function grouped(values: readonly number[], size: number, offset = 0): number[] {
  const out: number[] = [];
  values.forEach((v, i) => {
    const g = Math.floor((i + offset) / size);
    out[g] = (out[g] ?? 0) + v;
  });
  return out;
}

/** How many buckets a chart point adds up, and where the first one falls in its point (see grouped). */
function pointSize(n: number, firstMs: number, widthMs: number): { k: number; offset: number } {
  for (let k = Math.ceil(n / CHART_LABELS); ; k++) {
    const at = widthMs > 0 ? Math.round(firstMs / widthMs) : 0;
    const offset = ((at % k) + k) % k;
    if (Math.ceil((n + offset) / k) <= CHART_LABELS) return { k, offset };
  }
}

/** A width such as `5m` times k: `10m`. */
function widthTimes(bucket: string, k: number): string {
  const m = /^([0-9]+)([a-z]+)$/.exec(bucket);
  return m === null || k === 1 ? bucket : `${Number(m[1]) * k}${m[2]}`;
}

/** An axis label without `:` (mermaid reads it as a separator): `08h10`, `03-18 06h00`, `03-18`. */
function axisLabel(iso: string, daily: boolean, multiDay: boolean): string {
  const day = iso.slice(5, 10);
  if (daily) return day;
  const clock = `${iso.slice(11, 13)}h${iso.slice(14, 16)}`;
  return multiDay ? `${day} ${clock}` : clock;
}

/** The chart, then every bucket from the first to the last (empty ones too, so gaps show). */
export function timelineSection(r: Report, limits: MarkdownLimits): string[] {
  const t = r.timeline;
  if (t.bucket === null || t.buckets.length === 0 || limits.timeline === false) return [];
  const daily = t.bucket.endsWith('d');
  const col = timeColumn(t.buckets.map((b) => b.start));
  const start = (iso: string): string => (daily ? iso.slice(0, 10) : showTime(iso, col));
  const day = daily || col.date || col.day === null ? '' : `, ${col.day}`;
  const out = ['## Timeline', ''];
  if (t.buckets.length >= 2) {
    const width = bucketMs(t.bucket);
    const first = Date.parse(t.buckets[0]!.start);
    const { k, offset } = pointSize(t.buckets.length, first, width);
    const points = Math.ceil((t.buckets.length + offset) / k);
    // Each point by where it starts: on a multiple of its width (the first one before the first bucket).
    const starts = Array.from({ length: points }, (_, g) => JSON.stringify(axisLabel(new Date(first + (g * k - offset) * width).toISOString(), daily, col.date)));
    const series = (pick: (b: (typeof t.buckets)[number]) => number): string => grouped(t.buckets.map(pick), k, offset).join(', ');
    const per = widthTimes(t.bucket, k);
    out.push(
      '```mermaid',
      PALETTE,
      'xychart-beta',
      `  title "Occurrences per ${per} (UTC): ERROR red bars, WARN orange line, INFO blue line"`,
      `  x-axis [${starts.join(', ')}]`,
      '  y-axis "occurrences"',
      `  bar [${series((b) => b.ERROR)}]`,
      `  line [${series((b) => b.WARN)}]`,
      `  line [${series((b) => b.INFO)}]`,
      '```',
      '',
    );
    if (k > 1) out.push(`The chart adds up ${k} buckets of ${t.bucket} per point; the table has each one.`, '');
  }
  out.push(`Occurrences per ${t.bucket} (UTC${day}), every bucket from the first to the last, empty ones too.${timelineNotes(r)}`, '');
  out.push('| Start | ERROR | WARN | INFO |', '| --- | ---: | ---: | ---: |');
  for (const b of t.buckets) out.push(`| ${start(b.start)} | ${num(b.ERROR)} | ${num(b.WARN)} | ${num(b.INFO)} |`);
  return out;
}

/** The inputs with something to say, one row each; the rest in one totals line. */
export function filesSection(r: Report, limits: MarkdownLimits): string[] {
  const all = r.files.filter(noted);
  const shown = all.slice(0, limits.files ?? all.length);
  const out = ['## Files', ''];
  if (shown.length > 0) {
    out.push('| File | Format | Records | Matches | Notes |', '| --- | --- | ---: | ---: | --- |');
    for (const f of shown) {
      const notes = fileNotes(f, (s) => `**${s}**`, (m) => code(m)).join('; ');
      out.push(`| ${code(f.path)} | ${formatOf(f)} | ${num(f.records)} | ${num(f.matches)} | ${notes} |`);
    }
    if (shown.length < all.length) out.push('', `…and ${plural(all.length - shown.length, 'more file')} with notes in the JSON report.`);
    out.push('');
  }
  const rest = r.files.filter((f) => !noted(f));
  const sum = (pick: (f: FileRow) => number): number => rest.reduce((n, f) => n + pick(f), 0);
  if (rest.length > 0) {
    const noun = all.length > 0 ? 'other file' : 'file';
    out.push(`${plural(rest.length, noun)} read whole: ${plural(sum((f) => f.records), 'record')}, ${plural(sum((f) => f.matches), 'match', 'matches')}.`);
  }
  return out;
}
