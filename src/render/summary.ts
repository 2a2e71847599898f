import type { Report } from '../summary/report.js';
import { renderMarkdown, type MarkdownLimits } from './markdown.js';

/** GitHub's limit for one step's job summary is 1 MiB; stay clear of it. */
export const SUMMARY_LIMIT = 1_000_000;

/** GitHub's limit for a comment (an issue, a pull request): 65,536 characters. */
export const COMMENT_LIMIT = 65_536;

/** Ever shorter versions of the report, the longest sections cut first, with a note on what was cut. */
// The tables of files and unknown codes are cut down before evidence and the timeline go: those tell the
// incident, a 300-file table does not.
const STEPS: { limits: MarkdownLimits; what: string }[] = [
  { limits: { samples: 1 }, what: 'evidence cut to one line per code' },
  { limits: { samples: 1, files: 200, unknown: 100 }, what: 'evidence cut to one line per code; files and unknown codes tables cut' },
  { limits: { samples: 1, files: 50, unknown: 25 }, what: 'evidence cut to one line per code; files and unknown codes tables cut' },
  { limits: { samples: 1, files: 10, unknown: 10 }, what: 'evidence cut to one line per code; files and unknown codes tables cut short' },
  { limits: { samples: 0, files: 10, unknown: 10 }, what: 'evidence left out; files and unknown codes tables cut short' },
  { limits: { samples: 0, files: 10, unknown: 10, timeline: false }, what: 'evidence and timeline left out; files and unknown codes tables cut short' },
];

/** What a limit is counted in, and what it is the limit of (for the note). */
interface Fit {
  readonly limit: number;
  readonly size: (s: string) => number;
  /** Cuts a text to at most n of the limit's units, never inside a character. */
  readonly cut: (s: string, n: number) => string;
  readonly to: string;
}

const bytes = (limit: number): Fit => ({
  limit,
  size: (s) => Buffer.byteLength(s),
  cut: (s, n) => Buffer.from(s).subarray(0, n).toString('utf8').replace(/\uFFFD+$/, ''),
  to: 'the job summary',
});

const chars = (limit: number): Fit => ({
  limit,
  size: (s) => s.length,
  // Not between the two halves of a surrogate pair.
  cut: (s, n) => s.slice(0, n).replace(/[\uD800-\uDBFF]$/, ''),
  to: 'a GitHub comment',
});

/**
 * The markdown report within a size limit: when the whole report is too long, the longest sections are
 * trimmed and the report says what was trimmed and, in `fullReport` (a sentence), where the whole report is.
 */
function fitted(r: Report, fit: Fit, fullReport: string): string {
  const full = renderMarkdown(r);
  if (fit.size(full) <= fit.limit) return full;
  for (const step of STEPS) {
    const note = `Trimmed to fit ${fit.to}: ${step.what}. ${fullReport}`;
    const text = renderMarkdown(r, { ...step.limits, note });
    if (fit.size(text) <= fit.limit) return text;
  }
  const last = renderMarkdown(r, { ...STEPS[STEPS.length - 1]!.limits, note: `Trimmed to fit ${fit.to}: cut at its size limit. ${fullReport}` });
  const tail = `\n\n> …cut at the size limit of ${fit.to}.\n`;
  // Cut at a line end; what is left, with the note, stays within the limit.
  const cut = fit.cut(last, Math.max(0, fit.limit - fit.size(tail)));
  const whole = cut.includes('\n') ? cut.replace(/\n[^\n]*$/, '') : cut;
  const text = whole + tail;
  return fit.size(text) <= fit.limit ? text : fit.cut(text, fit.limit);
}

/** The markdown report for the job summary, under `limit` bytes (see `fitted`). */
export function stepSummary(r: Report, limit = SUMMARY_LIMIT, fullReport = 'See the full report for the rest.'): string {
  return fitted(r, bytes(limit), fullReport);
}

/** The markdown report as printed and written: short enough to paste into a GitHub comment (see `fitted`). */
export function commentReport(r: Report, fullReport: string, limit = COMMENT_LIMIT): string {
  return fitted(r, chars(limit), fullReport);
}
