import { WIDTHS } from './buckets.js';
import { num, plural } from './count-text.js';
import type { CodeRow, Comparison, KeyEvent, Place, Report } from './report-shape.js';
import { busiestBucket, type Timeline } from './timeline.js';

// What happened, told from the report's rows: where the incident began, the key events in time order and
// the one-line verdict. Pure functions of report data, so the report and its finalized form agree.

type Level = CodeRow['level'];

/** A time in prose, whole: `2026-03-18 08:10:58.004Z` (no `.000`). */
const prose = (iso: string): string => iso.replace('T', ' ').replace('.000Z', 'Z');

/** a before b: earlier time (untimed last), then file, then line. */
function earlier(a: Place, b: Place): boolean {
  if (a.time !== b.time) return b.time === null ? a.time !== null : a.time !== null && a.time < b.time;
  return a.file !== b.file ? a.file < b.file : a.line < b.line;
}

function earliest(rows: readonly CodeRow[]): CodeRow | undefined {
  let best: CodeRow | undefined;
  for (const c of rows) if (best === undefined || earlier(c.first, best.first)) best = c;
  return best;
}

const placeOf = (c: CodeRow): NonNullable<Report['startHere']> => ({ code: c.code, time: c.first.time, file: c.first.file, line: c.first.line });

/** The earliest first occurrence of an ERROR code among `codes` (the report's `firstError`), or null. */
export function firstErrorOf(codes: readonly CodeRow[]): Report['firstError'] {
  const e = earliest(codes.filter((c) => c.level === 'ERROR'));
  return e === undefined ? null : placeOf(e);
}

/**
 * The onset among `errors` (the ERROR codes that may start an incident): the ERROR peak is the timeline
 * bucket where they are most (the earliest on a tie); walking back from it while the bucket before holds a
 * quarter as many or more gives the first bucket of its run; the onset is the earliest first occurrence that falls in that
 * bucket. When every code of that bucket was seen before it (a burst of a code that is also a background),
 * the earliest of their occurrences kept as evidence (a code's first in its busiest bucket, its last) from
 * the run's start on, in the run if one is: not their first occurrences days before.
 * Without times, the earliest first occurrence of all.
 */
export function onset(errors: readonly CodeRow[], timeline: Timeline): Report['startHere'] {
  if (errors.length === 0) return null;
  const { peak, total } = errorPeak(errors, timeline);
  const width = WIDTHS.find(([name]) => name === timeline.bucket);
  if (peak === -1 || width === undefined) return placeOf(earliest(errors)!);
  // The run of buckets around the peak that hold a quarter of its ERRORs or more: an error an hour all day
  // long (a background) does not carry the onset back to midnight.
  const floor = Math.max(1, Math.ceil(total[peak]! / 4));
  let b = peak;
  while (b > 0 && total[b - 1]! >= floor) b--;
  const start = timeline.buckets[b]!.start;
  const end = new Date(Date.parse(start) + width[1]).toISOString();
  const inBucket = errors.filter((c) => (c.series[b] ?? 0) > 0);
  const begun = inBucket.filter((c) => c.first.time !== null && c.first.time >= start && c.first.time < end);
  if (begun.length > 0) return placeOf(earliest(begun)!);
  // Their evidence from the run's start on, in the run first (a code's last occurrence is one, at least).
  const runEnd = new Date(Date.parse(timeline.buckets[peak]!.start) + width[1]).toISOString();
  let best: NonNullable<Report['startHere']> | undefined;
  for (const inRun of [true, false]) {
    for (const c of inBucket) {
      for (const s of c.samples) {
        if (s.time === null || s.time < start || (inRun && s.time >= runEnd)) continue;
        const here = { code: c.code, time: s.time, file: s.file, line: s.line };
        if (best === undefined || earlier(here, best)) best = here;
      }
    }
    if (best !== undefined) return best;
  }
  return placeOf(earliest(inBucket)!);
}

/**
 * The ERROR code the verdict leads with: the most frequent (`errors` in report order: by count), unless it is
 * background at the ERROR peak — under a quarter of the occurrences there of the code with the most — and
 * that code holds an eighth of its count or more: a burst of 40 beside an error an hour all week (168) is led
 * by the burst, 2 in a minute beside 20 spread over an hour are not. Undefined without ERRORs.
 */
export function leadCode(errors: readonly CodeRow[], timeline: Timeline): string | undefined {
  const top = errors[0];
  if (top === undefined) return undefined;
  const { peak } = errorPeak(errors, timeline);
  if (peak === -1) return top.code;
  let lead = top;
  for (const c of errors) if ((c.series[peak] ?? 0) > (lead.series[peak] ?? 0)) lead = c;
  // Only when the most frequent is background at the peak (under a quarter of the lead's there), and the lead
  // no small thing beside it (an eighth of its count or more).
  return (top.series[peak] ?? 0) * 4 < (lead.series[peak] ?? 0) && lead.count * 8 >= top.count ? lead.code : top.code;
}

/** The ERROR peak of `errors`: the bucket where they are most (the earliest on a tie; -1: none), and their sum per bucket. */
function errorPeak(errors: readonly CodeRow[], timeline: Timeline): { peak: number; total: number[] } {
  const n = timeline.buckets.length;
  const total = new Array<number>(n).fill(0);
  for (const c of errors) c.series.forEach((k, i) => (total[i]! += k));
  let peak = -1;
  for (let i = 0; i < n; i++) if (total[i]! > (peak === -1 ? 0 : total[peak]!)) peak = i;
  return { peak, total };
}

/** The codes new or increased since the baseline, in lower case (null without one). */
export function grownCodes(comparison: Comparison | undefined): Set<string> | null {
  return comparison === undefined ? null : new Set(comparison.codes.filter((c) => c.status === 'new' || c.status === 'increased').map((c) => c.code.toLowerCase()));
}

/** The ERROR codes that may start an incident: not suppressed, and with a baseline only new or increased ones. */
export function onsetCandidates(active: readonly CodeRow[], comparison: Comparison | undefined): CodeRow[] {
  const changed = grownCodes(comparison);
  return active.filter((c) => c.level === 'ERROR' && (changed === null || changed.has(c.code.toLowerCase())));
}

/** First sight of each code, the busiest bucket and the last ERROR (of the codes that `counts`), in time order (untimed last). */
export function keyEvents(codes: readonly CodeRow[], timeline: Timeline, counts: (c: CodeRow) => boolean = () => true): KeyEvent[] {
  const events: { e: KeyEvent; order: number }[] = codes.map((c) => ({ e: { time: c.firstSeen, kind: 'first-seen', code: c.code, level: c.level }, order: 1 }));
  // The busiest bucket of the codes that count: a suppressed code's burst is no peak of the incident's.
  const counted = codes.filter(counts);
  const buckets =
    counted.length === codes.length
      ? timeline.buckets
      : timeline.buckets.map((b, i) => {
          const of = (level: Level): number => counted.reduce((n, c) => n + (c.level === level ? (c.series[i] ?? 0) : 0), 0);
          return { start: b.start, ERROR: of('ERROR'), WARN: of('WARN'), INFO: of('INFO') };
        });
  const peak = buckets[busiestBucket(buckets)];
  if (peak !== undefined) events.push({ e: { time: peak.start, kind: 'peak', ERROR: peak.ERROR, WARN: peak.WARN, INFO: peak.INFO }, order: 0 });
  let last: CodeRow | undefined;
  // The last ERROR of those that count (not one under an active suppression: see finalize).
  for (const c of codes) if (c.level === 'ERROR' && counts(c) && c.lastSeen !== null && (last === undefined || c.lastSeen > last.lastSeen!)) last = c;
  if (last !== undefined) events.push({ e: { time: last.lastSeen!, kind: 'last-error', code: last.code }, order: 2 });
  const t = (x: KeyEvent): string | null => x.time;
  events.sort((a, b) => {
    const [x, y] = [t(a.e), t(b.e)];
    if (x === y) return a.order - b.order;
    return x === null ? 1 : y === null ? -1 : x < y ? -1 : 1;
  });
  return events.map((x) => x.e);
}

/** What the top code did: when it began and peaked, and how many accounts it touched. */
function story(c: CodeRow, bucket: string | null): string {
  const accounts = c.accounts.distinct === 0 ? 'no account named' : `${c.accounts.bounded ? '≥ ' : ''}${plural(c.accounts.distinct, 'account')}`;
  const when =
    c.firstSeen === null
      ? `${c.code} (${num(c.count)}) has no time`
      : `${c.code} (${num(c.count)}) began ${prose(c.firstSeen)}` + (c.peak !== null && bucket !== null ? ` and peaked in the ${bucket} from ${prose(c.peak.start)} (${num(c.peak.count)})` : '');
  return `${when}; ${accounts}`;
}

/**
 * The report's one-line verdict: the most urgent level among `codes` (the active ones, in report order) and
 * what its top ERROR code did (see leadCode) in the timeline's buckets; with a baseline, what is new or increased since it. Then how many seen codes
 * were kept out by suppressions and how many inputs could not be read.
 */
export function verdictLine(
  codes: readonly CodeRow[],
  skipped: { readonly unreadableFiles: number; readonly binaryFiles: number; readonly unknown?: number },
  suppressed = 0,
  comparison?: Comparison,
  timeline?: Timeline,
): string {
  const bucket = timeline?.bucket ?? null;
  const of = (level: Level): CodeRow[] => codes.filter((c) => c.level === level);
  const extra: string[] = [];
  if (suppressed > 0) extra.push(`${suppressed} suppressed`);
  const unreadable = skipped.unreadableFiles;
  if (unreadable > 0) extra.push(`${plural(unreadable, 'input')} could not be read`);
  // A binary input was not scanned: a verdict on the rest must say so ("No catalog codes found" alone would not).
  if (skipped.binaryFiles > 0) extra.push(`${plural(skipped.binaryFiles, 'binary file')} skipped`);
  const tail = extra.length > 0 ? ` (${extra.join('; ')})` : '';
  const errors = of('ERROR');
  if (errors.length > 0 && comparison !== undefined) {
    const status = new Map(comparison.codes.map((c) => [c.code, c.status]));
    const fresh = errors.filter((c) => status.get(c.code) === 'new');
    const up = errors.filter((c) => status.get(c.code) === 'increased');
    // A new code before an increased one (seen most first within each): what was not there before leads.
    const top = errors.find((c) => status.get(c.code) === 'new') ?? errors.find((c) => status.get(c.code) === 'increased');
    if (top === undefined) {
      // New or increased WARN codes, which --fail-on-new warn fails the run on, are said too.
      const warns = of('WARN').filter((c) => status.get(c.code) === 'new' || status.get(c.code) === 'increased').length;
      return `No new or increased ERROR codes since the baseline; ${plural(errors.length, 'ERROR code')} as before${warns > 0 ? `; ${plural(warns, 'WARN code')} new or increased` : ''}` + tail;
    }
    const what =
      fresh.length === 0
        ? `${plural(up.length, 'ERROR code')} increased since the baseline`
        : `${plural(fresh.length, 'new ERROR code')}${up.length > 0 ? ` and ${up.length} increased` : ''} since the baseline`;
    return `${what}: ${story(top, bucket)}` + tail;
  }
  // The code of the ERROR peak (see leadCode), else the one seen most: a steady background error an hour all
  // week is not what the headline should send on-call to.
  const lead = timeline === undefined ? undefined : leadCode(errors, timeline);
  const top = errors.find((c) => c.code === lead) ?? errors[0];
  if (top !== undefined) return `${plural(errors.length, 'ERROR code')} need${errors.length === 1 ? 's' : ''} action: ${story(top, bucket)}` + tail;
  if (of('WARN').length > 0) {
    // With a baseline, the WARN codes new or increased since it (what --fail-on-new warn fails the run on).
    const moved = comparison === undefined ? 0 : of('WARN').filter((c) => comparison.codes.some((x) => x.code === c.code && (x.status === 'new' || x.status === 'increased'))).length;
    return `No ERROR codes; ${plural(of('WARN').length, 'WARN code')} to review${moved > 0 ? `, ${moved} new or increased since the baseline` : ''}` + tail;
  }
  if (of('INFO').length > 0) return `No ERROR or WARN codes; ${plural(of('INFO').length, 'INFO code')} for information` + tail;
  // Codes the catalog does not hold were seen (a code field's value, a code-shaped word): no all-clear.
  const unknown = skipped.unknown ?? 0;
  return NO_CODES + (unknown > 0 ? `; ${plural(unknown, 'occurrence')} of ${unknown === 1 ? 'a code' : 'codes'} the catalog does not hold (see Unknown codes)` : '') + tail;
}

/** The verdict when no catalog code was found (see withTimes: not when nothing was inside the window). */
export const NO_CODES = 'No catalog codes found';
