import { EXIT, type Io } from '../io.js';
import type { FileStat } from '../model/stats.js';
import { terminalText } from '../render/escape.js';
import type { Tally } from '../summary/tally.js';

/**
 * When nothing at all could be read — every input missing or unopenable (not one byte of it read), or
 * skipped as binary — one line per input (and one saying so, when any was binary) and EXIT.ERROR, as rg
 * does, never an empty report (its "No catalog codes found" would read as an all-clear); else undefined. A
 * damaged gzip was read in part: it gets its report (a gzip of a shape mxscan would misread, none of it
 * read, does not). A partial is written with its binary inputs (the merged report names them, and its merge
 * comes here): a shard of them alone is not lost. Returns the exit code and the lines said (for the outputs:
 * see clearOutputs).
 */
export function nothingRead(tally: Tally, partial: boolean, io: Io): { code: number; lines: string[] } | undefined {
  const stats = [...tally.files.values()];
  const unread = (f: FileStat): boolean => (f.status === 'binary' && !partial) || (f.status === 'error' && f.bytes === 0 && f.records === 0 && (!f.compressed || f.expandedBytes === 0));
  if (stats.length === 0 || !stats.every(unread)) return undefined;
  const lines = stats.map((f) => `${f.status === 'binary' ? 'skipped' : 'cannot read'} ${f.path}: ${f.message ?? 'unknown error'}`);
  if (stats.some((f) => f.status === 'binary')) lines.push('nothing was scanned: every input was binary or could not be read');
  for (const line of lines) io.stderr(`mxscan: ${terminalText(line)}\n`);
  return { code: EXIT.ERROR, lines };
}
