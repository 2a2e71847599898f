import type { Report } from '../summary/report.js';
import { renderMarkdown, type MarkdownLimits } from './markdown.js';

/** GitHub's limit for one step's job summary is 1 MiB; stay clear of it. */
export const SUMMARY_LIMIT = 1_000_000;

/** Ever shorter versions of the report, the longest sections cut first, with a note on what was cut. */
const STEPS: { limits: MarkdownLimits; what: string }[] = [
  { limits: { samples: 1 }, what: 'evidence cut to one line per code' },
  { limits: { samples: 1, files: 200, unknown: 100 }, what: 'evidence cut to one line per code; files and unknown codes tables cut' },
  { limits: { samples: 0, files: 50, unknown: 25, timeline: false }, what: 'evidence and timeline left out; files and unknown codes tables cut' },
  { limits: { samples: 0, files: 10, unknown: 10, timeline: false }, what: 'evidence and timeline left out; files and unknown codes tables cut short' },
];

/**
 * The markdown report for the job summary, under SUMMARY_LIMIT bytes: when the whole report is too long,
 * the longest sections are trimmed and the report says what was trimmed and, in `fullReport` (a sentence),
 * where the whole report is.
 */
export function stepSummary(r: Report, limit = SUMMARY_LIMIT, fullReport = 'See the full report for the rest.'): string {
  const full = renderMarkdown(r);
  if (Buffer.byteLength(full) <= limit) return full;
  for (const step of STEPS) {
    const note = `Trimmed to fit the job summary: ${step.what}. ${fullReport}`;
    const text = renderMarkdown(r, { ...step.limits, note });
    if (Buffer.byteLength(text) <= limit) return text;
  }
  const last = renderMarkdown(r, { ...STEPS[STEPS.length - 1]!.limits, note: `Trimmed to fit the job summary: cut at its size limit. ${fullReport}` });
  const tail = '\n\n> …cut at the job summary size limit.\n';
  // Cut at a line end, never inside a character; what is left, with the note, stays within the limit.
  const room = Math.max(0, limit - Buffer.byteLength(tail));
  const cut = Buffer.from(last).subarray(0, room).toString('utf8').replace(/\uFFFD+$/, '');
  const whole = cut.includes('\n') ? cut.replace(/\n[^\n]*$/, '') : cut;
  const text = whole + tail;
  return Buffer.byteLength(text) <= limit ? text : Buffer.from(text).subarray(0, limit).toString('utf8').replace(/\uFFFD+$/, '');
}
