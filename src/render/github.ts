import { LEVELS, type Level } from '../catalog/types.js';
import { activeCodes } from '../summary/finalize.js';
import type { Report } from '../summary/report.js';
import { cleanText } from './escape.js';

/** Annotations per level before the rest are summed up in one notice. */
export const MAX_ANNOTATIONS = 10;

const COMMAND: Record<Level, string> = { ERROR: 'error', WARN: 'warning', INFO: 'notice' };

/** A workflow command's message, escaped as @actions/core escapes data. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value, escaped as @actions/core escapes properties. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * Workflow annotations, one per code at its first evidence: `::error` for ERROR, `::warning` for WARN,
 * `::notice` for INFO, at most MAX_ANNOTATIONS per level and then one notice saying how many more. Each is
 * one line; log text in it is escaped, so it can never start a workflow command of its own.
 */
export function renderAnnotations(r: Report): string {
  const lines: string[] = [];
  const codes = activeCodes(r);
  for (const level of LEVELS) {
    const rows = codes.filter((c) => c.level === level);
    for (const c of rows.slice(0, MAX_ANNOTATIONS)) {
      const s = c.samples[0];
      const props = [
        ...(s !== undefined ? [`file=${escapeProperty(s.file)}`, `line=${s.line}`] : []),
        `title=${escapeProperty(`${c.code} (${c.level}, ${c.count}×)`)}`,
      ];
      const message = `${c.description} Suggested action: ${c.action}` + (s !== undefined ? `\nFirst seen: ${cleanText(s.text)}` : '');
      lines.push(`::${COMMAND[level]} ${props.join(',')}::${escapeData(message)}`);
    }
    if (rows.length > MAX_ANNOTATIONS) {
      const more = rows.length - MAX_ANNOTATIONS;
      lines.push(`::notice title=${escapeProperty(`mxscan: ${more} more ${level} codes`)}::${escapeData(`${more} more ${level}-level codes are in the job summary and the report.`)}`);
    }
  }
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}

/**
 * Wraps text printed in a GitHub job so that none of its lines is read as a workflow command
 * (`::stop-commands::` with a one-time token, then the token to resume).
 */
export function guardCommands(text: string, token: string): string {
  return `::stop-commands::${token}\n${text}${text.endsWith('\n') ? '' : '\n'}::${token}::\n`;
}
