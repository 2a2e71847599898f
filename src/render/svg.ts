// Charts as inline SVG drawn with presentation attributes only: no script, no style sheet, no URL, so they
// render the same under the strictest Content Security Policy and with the page's <style> stripped.
import { LEVELS, type Level } from '../catalog/types.js';
import type { Report } from '../summary/report.js';
import { busiestBucket, peakLevel } from '../summary/timeline.js';
import { html } from './escape.js';
import { bucketMs, num, showTime, timeColumn } from './format.js';

/** Red ERROR, orange WARN, blue INFO (GitHub's palette: readable on white, told apart by most eyes). */
export const COLOUR: Record<Level, string> = { ERROR: '#cf222e', WARN: '#bc4c00', INFO: '#0969da' };

/** A coloured dot and the level's name: the colour is an attribute, the name is text. */
export function levelMark(level: Level): string {
  return `<span class="level"><svg width="10" height="10" aria-hidden="true"><circle cx="5" cy="5" r="5" fill="${COLOUR[level]}"/></svg> ${level}</span>`;
}

const W = 880;
const H = 270;
const LEFT = 52;
const RIGHT = 16;
const TOP = 40;
const BOTTOM = 44;
const FONT = 'font-family="system-ui, sans-serif"';
/** Most time labels under the chart: more would overlap at 880 px. */
export const TIME_LABELS = 8;

const fixed = (n: number): string => String(Math.round(n * 10) / 10);


/**
 * The timeline: occurrences per bucket stacked by level (one `<rect class="bar">` per level with any),
 * a legend, time labels, the window shaded and the peak marked. Empty when nothing had a time.
 */
export function timelineSvg(r: Report): string {
  const t = r.timeline;
  if (t.bucket === null || t.buckets.length === 0) return '';
  const n = t.buckets.length;
  const pw = W - LEFT - RIGHT;
  const ph = H - TOP - BOTTOM;
  const step = pw / n;
  const bar = Math.max(1, step * (n > 60 ? 1 : 0.8));
  let max = 0;
  for (const b of t.buckets) max = Math.max(max, b.ERROR + b.WARN + b.INFO);
  // Headroom above the tallest bar for the peak mark.
  const y = (v: number): number => TOP + ph - (max === 0 ? 0 : (v / max) * (ph - 20));
  const col = timeColumn(t.buckets.map((b) => b.start));
  const daily = t.bucket.endsWith('d');
  const label = (iso: string): string => (daily ? iso.slice(0, 10) : showTime(iso, col));
  const parts: string[] = [];
  parts.push(`<rect x="${LEFT}" y="${TOP}" width="${pw}" height="${ph}" fill="#ffffff" stroke="#d0d7de"/>`);
  parts.push(...windowShade(r, pw, ph));
  // Grid and y labels: 0 and the largest bucket.
  parts.push(`<line x1="${LEFT}" y1="${y(max)}" x2="${LEFT + pw}" y2="${y(max)}" stroke="#d0d7de" stroke-dasharray="3 3"/>`);
  parts.push(`<text x="${LEFT - 6}" y="${fixed(y(max) + 4)}" text-anchor="end" font-size="11" fill="#57606a" ${FONT}>${num(max)}</text>`);
  parts.push(`<text x="${LEFT - 6}" y="${TOP + ph + 4}" text-anchor="end" font-size="11" fill="#57606a" ${FONT}>0</text>`);
  t.buckets.forEach((b, i) => {
    let base = 0;
    const x = fixed(LEFT + i * step + (step - bar) / 2);
    for (const level of LEVELS) {
      const v = b[level];
      if (v === 0) continue;
      const top = y(base + v);
      const h = y(base) - top;
      parts.push(
        `<rect class="bar" x="${x}" y="${fixed(top)}" width="${fixed(bar)}" height="${fixed(Math.max(h, 0.5))}" fill="${COLOUR[level]}">` +
          `<title>${html(label(b.start))} (${t.bucket}): ${num(v)} ${level}</title></rect>`,
      );
      base += v;
    }
  });
  const every = Math.ceil(n / TIME_LABELS);
  t.buckets.forEach((b, i) => {
    if (i % every !== 0) return;
    const x = fixed(LEFT + i * step + step / 2);
    parts.push(`<line x1="${x}" y1="${TOP + ph}" x2="${x}" y2="${TOP + ph + 4}" stroke="#57606a"/>`);
    parts.push(`<text x="${x}" y="${TOP + ph + 17}" text-anchor="middle" font-size="11" fill="#24292f" ${FONT}>${html(label(b.start))}</text>`);
  });
  const day = daily || col.date || col.day === null ? 'UTC' : `UTC, ${col.day}`;
  parts.push(`<text x="${LEFT + pw}" y="${H - 6}" text-anchor="end" font-size="11" fill="#57606a" ${FONT}>bucket start (${html(day)}), ${html(t.bucket)} buckets</text>`);
  parts.push(...peakMark(r, step, y));
  parts.push(...legend(r));
  const title = `Occurrences per ${t.bucket}, stacked by level`;
  return (
    `<svg width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${html(title)}">` +
    // A white card under everything: its labels stay dark on white where a browser darkens the page (Chrome's auto dark mode).
    `<title>${html(title)}</title><rect width="${W}" height="${H}" fill="#ffffff"/>${parts.join('')}</svg>`
  );
}

/**
 * The window, when one was applied, as a grey band over the part of the chart it covers; the caption names it
 * (a label in the plot sat on the peak's).
 */
function windowShade(r: Report, pw: number, ph: number): string[] {
  const t = r.timeline;
  if (r.window === null || t.bucket === null || t.buckets.length === 0) return [];
  const from = Date.parse(t.buckets[0]!.start);
  const to = Date.parse(t.buckets[t.buckets.length - 1]!.start) + bucketMs(t.bucket);
  if (!(to > from)) return [];
  const at = (iso: string | null, dflt: number): number => {
    const v = iso === null ? dflt : Math.min(to, Math.max(from, Date.parse(iso)));
    return LEFT + ((v - from) / (to - from)) * pw;
  };
  const x1 = at(r.window.since, from);
  const x2 = at(r.window.until, to);
  if (x2 <= x1) return [];
  return [
    `<rect class="window" x="${fixed(x1)}" y="${TOP}" width="${fixed(x2 - x1)}" height="${ph}" fill="#8c959f" fill-opacity="0.18"/>`,
  ];
}

function peakMark(r: Report, step: number, y: (v: number) => number): string[] {
  // The peak the key events name (the bucket with the most of the most urgent level, of the codes not under a
  // suppression), with their counts; else the busiest bucket.
  const named = r.keyEvents.find((e) => e.kind === 'peak');
  const i = named === undefined ? busiestBucket(r.timeline.buckets) : r.timeline.buckets.findIndex((x) => x.start === named.time);
  if (i < 0) return [];
  const bucket = r.timeline.buckets[i]!;
  const total = bucket.ERROR + bucket.WARN + bucket.INFO;
  const b = named !== undefined && named.kind === 'peak' ? named : bucket;
  const level = b.ERROR > 0 ? 'ERROR' : b.WARN > 0 ? 'WARN' : b.INFO > 0 ? 'INFO' : peakLevel(r.timeline.buckets);
  const x = LEFT + i * step + step / 2;
  const top = y(total) - 4;
  return [
    `<path class="peak" d="M${fixed(x - 5)} ${fixed(top - 8)} L${fixed(x + 5)} ${fixed(top - 8)} L${fixed(x)} ${fixed(top)} Z" fill="#24292f"/>`,
    `<text x="${fixed(x)}" y="${fixed(top - 11)}" text-anchor="${x > W - 120 ? 'end' : x < LEFT + 60 ? 'start' : 'middle'}" font-size="11" font-weight="bold" fill="#24292f" ${FONT}>peak ${num(b[level])} ${level}</text>`,
  ];
}

function legend(r: Report): string[] {
  return LEVELS.flatMap((level, i) => {
    const x = LEFT + i * 130;
    return [
      `<rect x="${x}" y="8" width="12" height="12" fill="${COLOUR[level]}"/>`,
      `<text x="${x + 17}" y="18" font-size="12" fill="#24292f" ${FONT}>${level} (${num(r.totals.byLevel[level])})</text>`,
    ];
  });
}

/** A code's occurrences per bucket (its `series`, aligned with the timeline) as a small bar chart. */
export function sparklineSvg(series: readonly number[], level: Level): string {
  let max = 0;
  for (const v of series) max = Math.max(max, v);
  if (series.length < 2 || max === 0) return '';
  const step = 4;
  const h = 18;
  const bars = series
    .map((v, i) => (v === 0 ? '' : `<rect x="${i * step}" y="${fixed(h - Math.max(1, (v / max) * h))}" width="3" height="${fixed(Math.max(1, (v / max) * h))}" fill="${COLOUR[level]}"/>`))
    .join('');
  const base = `<line x1="0" y1="${h - 0.5}" x2="${series.length * step}" y2="${h - 0.5}" stroke="#d0d7de"/>`;
  return `<svg class="spark" width="${series.length * step}" height="${h}" viewBox="0 0 ${series.length * step} ${h}" role="img" aria-label="trend">${base}${bars}</svg>`;
}
