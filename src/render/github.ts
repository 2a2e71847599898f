import { activeCodes } from '../summary/finalize.js';
import { isFailing, type Gate } from '../summary/gate.js';
import type { CodeRow, Report } from '../summary/report.js';
import { cleanLines, cleanText } from './escape.js';

/** Annotations per level before the rest are summed up in one notice. */
export const MAX_ANNOTATIONS = 10;

/** A workflow command's message, escaped as @actions/core escapes data. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value, escaped as @actions/core escapes properties. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

type Command = 'error' | 'warning' | 'notice';
const COMMANDS: readonly Command[] = ['error', 'warning', 'notice'];

/**
 * Workflow annotations, taken from the gate: `::error` for each code that fails the run, `::warning` for an
 * ERROR or WARN code that does not, `::notice` for an INFO one, at its first evidence; at most
 * MAX_ANNOTATIONS per kind, then one notice saying how many more. With a baseline only new and increased
 * codes (and failing ones) have their own; the others are one notice with their counts. Suppressed codes
 * have none. Each is one line; log text in it is escaped, so it can never start a workflow command.
 * `place`: the path GitHub knows a sample's file by (relative to the repository), or undefined for none
 * (standard input): the annotation then has no file.
 */
export function renderAnnotations(r: Report, gate: Gate, place: (file: string) => string | undefined = (f) => f): string {
  const lines: string[] = [];
  const codes = activeCodes(r);
  const change = (c: CodeRow): string | undefined => gate.changes?.get(c.code.toLowerCase());
  const own = (c: CodeRow): boolean => gate.changes === undefined || isFailing(gate, c.code) || change(c) === 'new' || change(c) === 'increased';
  const command = (c: CodeRow): Command => (isFailing(gate, c.code) ? 'error' : c.level === 'INFO' ? 'notice' : 'warning');
  for (const kind of COMMANDS) {
    const rows = codes.filter((c) => own(c) && command(c) === kind);
    for (const c of rows.slice(0, MAX_ANNOTATIONS)) {
      const s = c.samples[0];
      const status = change(c);
      const placed = s === undefined ? undefined : place(s.file);
      // A path with characters that hide or reorder text (U+202E) is no link: named in the message, cleaned.
      const file = placed !== undefined && cleanLines(placed) === placed ? placed : undefined;
      const props = [
        ...(s !== undefined && file !== undefined ? [`file=${escapeProperty(file)}`, `line=${s.line}`] : []),
        `title=${escapeProperty(`${c.code} (${c.level}, ${c.count}×${status === undefined ? '' : `, ${status}`})`)}`,
      ];
      const unlinked = placed !== undefined && file === undefined ? ` (${cleanText(placed)}:${s!.line})` : '';
      const message = `${cleanText(c.description)} Suggested action: ${cleanText(c.action)}` + (s !== undefined ? `\nFirst seen${unlinked}: ${cleanText(s.text)}` : '');
      lines.push(`::${kind} ${props.join(',')}::${escapeData(message)}`);
    }
    if (rows.length > MAX_ANNOTATIONS) {
      const more = rows.length - MAX_ANNOTATIONS;
      const what = kind === 'error' ? 'failing' : kind === 'warning' ? 'ERROR or WARN' : 'INFO';
      lines.push(`::notice title=${escapeProperty(`mxscan: ${more} more ${what} codes`)}::${escapeData(`${more} more ${what} codes are in the job summary and the report.`)}`);
    }
  }
  const rest = codes.filter((c) => !own(c));
  if (rest.length > 0) {
    const listed = rest.slice(0, MAX_LISTED).map((c) => `${c.code} (${c.level}, ${c.count}, ${change(c) ?? 'unchanged'})`);
    const more = rest.length > MAX_LISTED ? ` and ${rest.length - MAX_LISTED} more` : '';
    const title = `mxscan: ${rest.length} code${rest.length === 1 ? '' : 's'} not new or increased against the baseline`;
    lines.push(`::notice title=${escapeProperty(title)}::${escapeData(`${listed.join(', ')}${more}.`)}`);
  }
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}

/**
 * One `::error` when the scan did not read all it was given (see incompleteReasons), so that a check's
 * annotations show it beside the exit code 2; empty when it did.
 */
export function incompleteAnnotation(reasons: readonly string[]): string {
  if (reasons.length === 0) return '';
  const shown = reasons.slice(0, MAX_LISTED).map(cleanText);
  const more = reasons.length > MAX_LISTED ? `\n… and ${reasons.length - MAX_LISTED} more (see the report)` : '';
  return `::error title=${escapeProperty(`mxscan: the scan is incomplete (${reasons.length} problem${reasons.length === 1 ? '' : 's'} with its inputs)`)}::${escapeData(shown.join('\n') + more)}\n`;
}

/** Codes named in the notice of codes that did not grow against the baseline. */
const MAX_LISTED = 30;

/**
 * True when a line of text would be read by the runner as a workflow command in today's form: `::name`
 * at its start, after blanks (the old form, `##[name`, is read anywhere in a line: breakOldCommands).
 */
export function readsAsCommand(text: string): boolean {
  return text.split(/\r\n|\r|\n/).some((l) => /^\s*::/.test(l));
}

/**
 * Wraps text printed in a GitHub job so that none of its lines is read as a workflow command
 * (`::stop-commands::` with a one-time token, then the token to resume).
 */
export function guardCommands(text: string, token: string): string {
  return `::stop-commands::${token}\n${text}${text.endsWith('\n') ? '' : '\n'}::${token}::\n`;
}

/**
 * Text with no workflow command in the runner's old form: the runner looks for `##[name]` anywhere in a
 * line of a step's stdout and stderr (`##[error]`, `##[add-mask]`, `##[stop-commands]` …), so a file name or
 * a log's text printed there could forge an annotation, mask the log or stop its commands. A zero-width
 * space between the `#`s: the same text to read, no command.
 */
export function breakOldCommands(text: string): string {
  return text.includes('##[') ? text.replace(/##\[/g, '#\u200b#[') : text;
}
