import type { Catalog } from '../catalog/catalog.js';
import { LEVELS, levelRank, type Level } from '../catalog/types.js';
import { isoOrNull } from '../extract/timestamp.js';
import { topAccounts } from './accounts.js';
import { addSeen, copySeen, newSeen, seenCount, seenHash } from './accounts-seen.js';
import {
  SCHEMA_VERSION,
  type ActionItem,
  type CodeRow,
  type FileRow,
  type InputNote,
  type Impact,
  type Provenance,
  type Report,
  type UnknownRow,
} from './report-shape.js';
import { maxTime, minTime, type FileStat, type Tally } from './tally.js';
import { pickSamples } from './samples.js';
import { buildTimeline, peakRow } from './timeline.js';
import { keyEvents, onset, onsetCandidates, verdictLine } from './story.js';
import { inputNotes, withTimes } from './untimed.js';
import type { TimeWindow } from '../model/settings.js';
import { mixedDateOrder, timesAfterModified } from '../model/stats.js';

export { verdictLine };
export { SCHEMA_VERSION, type ActionItem, type CodeRow, type FileRow, type Provenance, type Report, type UnknownRow };

export interface ReportContext {
  readonly catalog: Catalog;
  readonly version: string;
  readonly window: TimeWindow | null;
  /** What the scan's edge found out about inputs (see InputNote): the field tried and an example, missing fields. */
  readonly notes?: readonly InputNote[];
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Builds the report from a tally. Pure: the same tally gives the same report. */
export function buildReport(tally: Tally, ctx: ReportContext): Report {
  const files = [...tally.files.values()].sort((a, b) => byString(a.path, b.path));
  let start: number | null = null;
  let end: number | null = null;
  for (const f of files) {
    start = minTime(minTime(start, f.firstTime), f.lastTime);
    end = maxTime(maxTime(end, f.firstTime), f.lastTime);
  }
  const stats = [...tally.codes].map(([code, s]) => {
    const entry = ctx.catalog.byKey.get(code.toLowerCase());
    if (entry === undefined) throw new Error(`code ${code} is not in the catalog`);
    start = minTime(start, s.firstSeen);
    end = maxTime(end, s.lastSeen);
    return { entry, s };
  });
  stats.sort(
    (a, b) =>
      levelRank(a.entry.level) - levelRank(b.entry.level) || b.s.count - a.s.count || byString(a.entry.code, b.entry.code),
  );
  const range = start !== null && end !== null ? { start, end } : null;
  const { timeline, width, series, peaks } = buildTimeline(
    stats.map(({ entry, s }) => ({ level: entry.level, buckets: s.buckets })),
    range,
  );

  const codes: CodeRow[] = stats.map(({ entry, s }, i) => ({
    code: entry.code,
    module: entry.module,
    type: entry.type,
    level: entry.level,
    description: entry.description,
    action: entry.action,
    count: s.count,
    firstSeen: isoOrNull(s.firstSeen),
    lastSeen: isoOrNull(s.lastSeen),
    first: { time: isoOrNull(s.first.time), file: s.first.file, line: s.first.line },
    files: s.files.size,
    samples: pickSamples(s.evidence, s.samples, width, peaks[i]?.[0] ?? null).map((x) => ({ file: x.file, line: x.line, time: isoOrNull(x.time), text: x.text })),
    peak: peakRow(peaks[i] ?? null),
    series: series[i] ?? [],
    accounts: { distinct: s.accounts.counts.size, bounded: s.accounts.bounded, top: topAccounts(s.accounts) },
  }));

  const unknownCodes: UnknownRow[] = [...tally.unknown.entries()]
    .sort((a, b) => b[1].count - a[1].count || byString(a[0], b[0]))
    .map(([, u]) => ({ code: u.code, count: u.count, files: u.files.size, samples: u.samples }));

  const byLevel: Record<Level, number> = { ERROR: 0, WARN: 0, INFO: 0 };
  for (const c of codes) byLevel[c.level] += c.count;

  let firstError: Report['firstError'] = null;
  let firstErrorAt: (typeof stats)[number]['s']['first'] | undefined;
  for (const { entry, s } of stats) {
    if (entry.level !== 'ERROR') continue;
    const f = s.first;
    if (firstErrorAt === undefined || earlierOccurrence(f, firstErrorAt)) {
      firstErrorAt = f;
      firstError = { code: entry.code, time: isoOrNull(f.time), file: f.file, line: f.line };
    }
  }

  // The files' totals in one pass (a scan of many small files has tens of thousands).
  const t = { records: 0, bytes: 0, skippedLines: 0, malformedRecords: 0, outsideWindow: 0, untimedRecords: 0, unreadableFiles: 0, binaryFiles: 0 };
  for (const f of files) {
    t.records += f.records;
    t.bytes += f.bytes;
    t.skippedLines += f.skippedLines;
    t.malformedRecords += f.malformedRecords;
    t.outsideWindow += f.outsideWindow;
    t.untimedRecords += f.untimedRecords;
    if (f.status === 'error') t.unreadableFiles++;
    else if (f.status === 'binary') t.binaryFiles++;
  }
  const notes = inputNotes(files, ctx.window !== null, ctx.notes);
  const window = ctx.window === null ? null : { since: isoOrNull(ctx.window.since), until: isoOrNull(ctx.window.until) };
  const report: Report = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'mxscan', version: ctx.version },
    verdict: withTimes(verdictLine(codes, t, 0, undefined, timeline), { inputNotes: notes, window, files }),
    totals: {
      files: files.length,
      records: t.records,
      bytes: t.bytes,
      byLevel,
      codes: codes.length,
      unknown: unknownCodes.reduce((n, u) => n + u.count, 0),
      skippedLines: t.skippedLines,
      malformedRecords: t.malformedRecords,
      outsideWindow: t.outsideWindow,
      untimedRecords: t.untimedRecords,
      unreadableFiles: t.unreadableFiles,
      binaryFiles: t.binaryFiles,
    },
    impact: impactOf(tally, (code) => ctx.catalog.byKey.get(code.toLowerCase())?.level !== 'INFO'),
    timeRange: { start: isoOrNull(start), end: isoOrNull(end) },
    window,
    codes,
    unknownCodes,
    timeline,
    firstError,
    startHere: onset(onsetCandidates(codes, undefined), timeline),
    keyEvents: keyEvents(codes, timeline),
    actions: actionPlan(codes, tally),
    files: files.map(fileRow),
    ...(notes.length > 0 ? { inputNotes: notes } : {}),
  };
  return report;
}

/**
 * Affected accounts out of all accounts seen, the affected ones counted as seen too: those an ERROR or WARN
 * code names (`harms`), not an INFO one's (`task_finished_without_error`: a task that went well).
 */
function impactOf(tally: Tally, harms: (code: string) => boolean): Impact {
  const affected = new Set<string>();
  let bounded = false;
  for (const [code, s] of tally.codes) {
    if (!harms(code)) continue;
    s.accounts.counts.forEach((_, a) => affected.add(a));
    bounded ||= s.accounts.bounded;
  }
  const seen = tally.seen === undefined ? newSeen() : copySeen(tally.seen);
  for (const a of affected) addSeen(seen, seenHash(a));
  const { count, bounded: estimated } = seenCount(seen);
  const accountsSeen = Math.max(count, affected.size);
  return { affectedAccounts: affected.size, accountsSeen, ratio: accountsSeen === 0 ? null : affected.size / accountsSeen, bounded: bounded || estimated };
}

function earlierOccurrence(a: { time: number | null; file: string; line: number }, b: typeof a): boolean {
  if (a.time !== b.time) return b.time === null ? a.time !== null : a.time !== null && a.time < b.time;
  return a.file !== b.file ? a.file < b.file : a.line < b.line;
}

/** A file's row in the report, as its stat says. */
export function fileRow(f: FileStat): FileRow {
  return {
    path: f.path,
    // A skipped binary file was never read as any format.
    format: f.status === 'binary' ? 'binary' : f.format,
    compressed: f.compressed,
    encoding: f.encoding,
    ...(f.delimiter !== undefined ? { delimiter: f.delimiter } : {}),
    ...(f.likelyDelimiter !== undefined ? { likelyDelimiter: f.likelyDelimiter } : {}),
    status: f.status,
    ...(f.message !== undefined ? { message: f.message } : {}),
    records: f.records,
    bytes: f.bytes,
    expandedBytes: f.expandedBytes,
    matches: f.matches,
    unknown: f.unknown,
    malformedRecords: f.malformedRecords,
    skippedLines: f.skippedLines,
    ...(f.nulBytes !== undefined ? { nulBytes: f.nulBytes } : {}),
    outsideWindow: f.outsideWindow,
    untimedRecords: f.untimedRecords,
    ...(mixedDateOrder(f) ? { mixedDateOrder: true as const } : {}),
    ...(timesAfterModified(f) ? { timesAfterModified: true as const } : {}),
  };
}

const NO_ACTION = /^\s*no action required\b/i;

/** One checklist item per distinct suggested action: level, then count, then the action's text. */
function actionPlan(codes: readonly CodeRow[], tally: Tally): ActionItem[] {
  const items = new Map<string, { level: Level; codes: string[]; count: number; bounded: boolean }>();
  for (const c of codes) {
    // "No action required" is information, not a to-do.
    if (c.level === 'INFO' && NO_ACTION.test(c.action)) continue;
    let item = items.get(c.action);
    if (item === undefined) {
      item = { level: c.level, codes: [], count: 0, bounded: false };
      items.set(c.action, item);
    }
    if (levelRank(c.level) < levelRank(item.level)) item.level = c.level;
    item.codes.push(c.code);
    item.count += c.count;
    if (c.accounts.bounded) item.bounded = true;
  }
  return [...items]
    .map(([action, i]) => ({ action, level: i.level, codes: i.codes, count: i.count, accounts: distinctAccounts(tally, i.codes), bounded: i.bounded }))
    .sort((a, b) => levelRank(a.level) - levelRank(b.level) || b.count - a.count || byString(a.action, b.action));
}

/** How many distinct accounts these codes name together (one code's: its own count, no set is made). */
function distinctAccounts(tally: Tally, codes: readonly string[]): number {
  if (codes.length === 1) return tally.codes.get(codes[0]!)?.accounts.counts.size ?? 0;
  const all = new Set<string>();
  for (const code of codes) tally.codes.get(code)?.accounts.counts.forEach((_, a) => all.add(a));
  return all.size;
}

export { LEVELS };
