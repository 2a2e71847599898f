import type { FileStat } from '../model/stats.js';
import { plural } from './count-text.js';
import { NO_CODES } from './story.js';
import type { InputNote, Report } from './report-shape.js';

// Records without a time, told in the report: the one rule of which inputs had no readable time at all,
// and what the verdict says of them. Pure.

type Counted = Pick<FileStat, 'path' | 'status' | 'records' | 'untimedRecords'> & { readonly format: string };


/** True when an input was read and not one of its records had a time, own or inherited. */
export function hasNoTime(f: Counted): boolean {
  return f.status === 'ok' && f.records > 0 && f.untimedRecords === f.records;
}

/**
 * The notes of a report: under a window, one `no-time` note per input without a readable time, then the
 * other notes, by file. The scan's edge gives its notes (`given`: it read the inputs again, for the field
 * tried and an example, and leaves out a file of blank lines only, which has nothing to miss); without
 * them, every input without a readable time gets a note of its own.
 */
export function inputNotes(files: readonly Counted[], windowed: boolean, given?: readonly InputNote[]): InputNote[] {
  const notes: InputNote[] = [];
  if (windowed) {
    for (const f of files) {
      if (!hasNoTime(f)) continue;
      const note = given === undefined ? { kind: 'no-time' as const, file: f.path, source: sourceOf(f.format) } : given.find((n) => n.kind === 'no-time' && n.file === f.path);
      if (note !== undefined) notes.push(note);
    }
  }
  if (given === undefined) return notes;
  // By file (given in scan order, or partial by partial in a merge), each file's in the order given.
  const rest = given.filter((n) => n.kind !== 'no-time');
  rest.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  notes.push(...rest);
  return notes;
}

/** What an input's records are, as a note names them. */
export function sourceOf(format: string): NonNullable<InputNote['source']> {
  return format === 'csv' ? 'column' : format === 'text' ? 'line' : 'field';
}

/** True when the scan could not do what was asked of an input: under a window, one had no readable time. */
export function timesMissing(r: Pick<Report, 'inputNotes'>): boolean {
  return (r.inputNotes ?? []).some((n) => n.kind === 'no-time');
}

/**
 * The verdict with what the times leave unsaid: when every input read was empty, that; under a window, the inputs whose records could not be placed
 * in it come first (the scan is incomplete); without one, when no record at all had a time, that the time
 * range is unknown and why.
 */
export function withTimes(verdict: string, r: Pick<Report, 'inputNotes' | 'window' | 'files'>): string {
  // Inputs that held nothing (`kubectl logs wrong-pod | mxscan scan -`) are no all-clear either: said so.
  const ok = r.files.filter((f) => f.status === 'ok');
  if (verdict.startsWith(NO_CODES) && ok.length > 0 && ok.every((f) => f.records === 0)) {
    return `No records read: ${ok.length === 1 ? 'the input read was empty' : `all ${plural(ok.length, 'input')} read were empty`}${verdict.slice(NO_CODES.length)}`;
  }
  if (r.window !== null) {
    const n = (r.inputNotes ?? []).filter((x) => x.kind === 'no-time').length;
    if (n > 0) return `Incomplete: no readable time in ${plural(n, 'file')}, so the window could not be applied to ${n === 1 ? 'it' : 'them'}. ${verdict}`;
    // Nothing was found because nothing was inside the window: no all-clear (a wrong --since or --tz, an old export).
    const outside = allOutside(r);
    return outside > 0 && verdict.startsWith(NO_CODES) ? `No record inside the window: ${outside === 1 ? 'the 1 record read is' : `all ${plural(outside, 'record')} read are`} outside it (check --since, --until and --tz)${verdict.slice(NO_CODES.length)}` : verdict;
  }
  const read = r.files.filter((f) => f.status === 'ok' && f.records > 0);
  if (read.length === 0 || !read.every(hasNoTime)) return verdict;
  return `${verdict}. No readable times in ${plural(read.length, 'file')}: time range unknown`;
}

/**
 * Records were read under a window, some with a time, and every one is outside it (those without a time
 * are): how many (0 when not so).
 */
export function allOutside(r: Pick<Report, 'window' | 'files'>): number {
  if (r.window === null) return 0;
  let records = 0;
  let timed = 0;
  let outside = 0;
  for (const f of r.files) {
    records += f.records;
    timed += f.records - f.untimedRecords;
    outside += f.outsideWindow;
  }
  return timed > 0 && outside === records ? records : 0;
}

/** What a report says for its time range when it has none: that no record was inside the window, or that none had a time. */
export function noTimeRange(r: Pick<Report, 'window' | 'files'>, found = false): string {
  return allOutside(r) > 0 ? 'no record inside the window' : found ? 'no timestamps found' : 'no timestamps';
}

/**
 * The occurrences of codes that are in no timeline bucket: their records had no time (own or before them).
 * The timeline says so, so that its bars never read as all of them.
 */
export function untimedOccurrences(r: Pick<Report, 'codes' | 'timeline'>): number {
  let all = 0;
  for (const c of r.codes) all += c.count;
  let timed = 0;
  for (const b of r.timeline.buckets) timed += b.ERROR + b.WARN + b.INFO;
  return Math.max(0, all - timed);
}
