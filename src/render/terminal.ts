import type { Level } from '../catalog/types.js';
import type { Report } from '../summary/report-shape.js';
import { terminalText } from './escape.js';
import { impactLine, num } from './format.js';
import { noTimeRange } from '../summary/untimed.js';
import { plural } from '../summary/count-text.js';

/** How the terminal report is laid out. */
export interface TerminalOptions {
  /** Columns of the terminal; the report never writes a longer line. */
  readonly width: number;
  readonly color: boolean;
  /** How many codes and actions are listed before "… and N more". */
  readonly rows?: number;
}

const SGR: Readonly<Record<Level | 'bold' | 'dim' | 'ok', string>> = { ERROR: '31', WARN: '33', INFO: '36', bold: '1', dim: '2', ok: '32' };

/**
 * The compact report for a person at a terminal: the verdict, a narrow table of codes (level, code, count,
 * first and last seen), the top actions and how to get the full report. Pure: lines fit `width`, color only
 * when asked.
 */
export function renderTerminal(r: Report, o: TerminalOptions): string {
  const width = Math.max(40, Math.floor(o.width));
  const paint = (style: keyof typeof SGR, s: string): string => (o.color ? `\x1b[${SGR[style]}m${s}\x1b[0m` : s);
  const rows = o.rows ?? 10;
  const out: string[] = [];
  const worst = r.codes.find((c) => c.count > 0)?.level;
  // The verdict is what the reader came for: wrapped to the width, never cut.
  for (const line of wrap(terminalText(r.verdict), width)) out.push(paint(worst ?? 'ok', paint('bold', line)));
  // Every time shown is UTC: said once, where the range is.
  const range = r.timeRange.start === null ? noTimeRange(r) : `${short(r.timeRange.start)} → ${short(r.timeRange.end)} UTC`;
  out.push(paint('dim', fit(`${plural(r.totals.records, 'record')} in ${plural(r.totals.files, 'file')} · ${range}`, width)));
  const half = r.provenance?.options['halfWidth'];
  // A merged partial's own words (anything): shown as text, as every string from a report.
  const around = typeof half === 'string' ? ` (± ${terminalText(half.replace(/ \(the default.*\)$/, ', the default'))})` : '';
  if (r.window !== null) out.push(paint('dim', fit(`window ${short(r.window.since) || '…'} → ${short(r.window.until) || '…'} UTC${around}`, width)));
  for (const line of wrap(`${impactLine(r.impact)}.`, width)) out.push(line);

  if (r.codes.length > 0) {
    out.push('');
    out.push(...codeTable(r, width, rows, paint));
  }
  if (r.totals.unknown > 0) out.push(fit(`${plural(r.totals.unknown, 'occurrence')} of ${plural(r.unknownCodes.length, 'code')} not in the catalog`, width));

  // What is suppressed is known: no next step.
  const actions = r.actions.filter((a) => a.suppressed !== true).slice(0, 3);
  if (actions.length > 0) {
    out.push('', paint('bold', 'Next steps'));
    for (const a of actions) out.push(`${paint(a.level, '•')} ${fit(terminalText(a.action), width - 2)}`);
  }
  const problems = r.totals.unreadableFiles + r.totals.binaryFiles;
  if (problems > 0) out.push('', fit(`${plural(problems, 'input')} ${problems === 1 ? 'was' : 'were'} not read (see stderr)`, width));
  out.push('', paint('dim', fit('Full report: --format markdown, -o report.md, or --out DIR', width)));
  return out.join('\n') + '\n';
}

type Paint = (style: keyof typeof SGR, s: string) => string;

/** LEVEL CODE COUNT FIRST LAST, the code column taking what the others leave; the times go first when narrow. */
function codeTable(r: Report, width: number, rows: number, paint: Paint): string[] {
  const shown = r.codes.slice(0, rows);
  const countW = Math.max(5, ...shown.map((c) => num(c.count).length));
  // Within one year the year says nothing: MM-DD HH:MM leaves the code column more room.
  const years = new Set(shown.flatMap((c) => [c.firstSeen, c.lastSeen]).filter((t) => t !== null).map((t) => t!.slice(0, 4)));
  const stamp = (iso: string | null): string => (years.size <= 1 ? short(iso).slice(5) : short(iso));
  const timeW = years.size <= 1 ? 11 : 16;
  const withTimes = width >= 5 + 1 + 16 + 1 + countW + 2 * (1 + timeW);
  const codeW = Math.max(8, width - 6 - 1 - countW - (withTimes ? 2 * (1 + timeW) : 0));
  const line = (level: string, code: string, count: string, first: string, last: string): string =>
    [level.padEnd(5), fit(code, codeW).padEnd(codeW), count.padStart(countW), ...(withTimes ? [first.padEnd(timeW), last] : [])].join(' ').trimEnd();
  // The zone in the head too: the range line that says UTC may be cut on a narrow terminal.
  const lines = [paint('bold', line('LEVEL', 'CODE', 'COUNT', 'FIRST (UTC)', 'LAST (UTC)'))];
  for (const c of shown) {
    const row = line('', terminalText(c.code), num(c.count), stamp(c.firstSeen), stamp(c.lastSeen));
    lines.push(paint(c.level, c.level.padEnd(5)) + row.slice(5));
  }
  if (r.codes.length > rows) lines.push(`… and ${r.codes.length - rows} more code${r.codes.length - rows === 1 ? '' : 's'}`);
  return lines;
}

/** An ISO time as `YYYY-MM-DD HH:MM` (UTC), '' for none. */
function short(iso: string | null): string {
  return iso === null ? '' : iso.slice(0, 16).replace('T', ' ');
}

/** Lines of at most `width` characters, broken at spaces (a word longer than the width is cut). */
function wrap(s: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of s.split(' ')) {
    const next = line === '' ? word : `${line} ${word}`;
    if ([...next].length <= width || line === '') line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  lines.push(line);
  return lines.map((l) => fit(l, width));
}

/** Cuts a line to `width` characters, ending in … when cut. */
function fit(s: string, width: number): string {
  const chars = [...s];
  return chars.length <= width ? s : chars.slice(0, Math.max(0, width - 1)).join('') + '…';
}
