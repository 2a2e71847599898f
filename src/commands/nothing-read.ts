import { unlink } from 'node:fs/promises';
import path from 'node:path';
import { isOwnOutput } from '../input/own-outputs.js';
import { EXIT, type Io } from '../io.js';
import type { FileStat } from '../model/stats.js';
import { terminalText } from '../render/escape.js';
import { renderJunitUnread } from '../render/junit.js';
import { maskedFile } from '../summary/finalize.js';
import type { Tally } from '../summary/tally.js';
import { outputFiles, type Delivery } from './deliver.js';
import { checkTarget, safeWrite, type InputsOfSize } from './targets.js';

/**
 * When nothing at all could be read — every input missing or unopenable (not one byte of it read), or
 * skipped as binary — one line per input (and one saying so, when any was binary) and EXIT.ERROR, as rg
 * does, never an empty report (its "No catalog codes found" would read as an all-clear); else undefined. A
 * damaged gzip was read in part: it gets its report (a gzip of a shape mxscan would misread, none of it
 * read, does not). A partial is written with its binary inputs (the merged report names them, and its merge
 * comes here): a shard of them alone is not lost. Returns the exit code and the lines said (for the outputs:
 * see clearOutputs).
 */
export function nothingRead(tally: Tally, partial: boolean, redact: boolean, io: Io): { code: number; lines: string[] } | undefined {
  const stats = [...tally.files.values()];
  const unread = (f: FileStat): boolean => (f.status === 'binary' && !partial) || (f.status === 'error' && f.bytes === 0 && f.records === 0 && (!f.compressed || f.expandedBytes === 0));
  if (stats.length === 0 || !stats.every(unread)) return undefined;
  // Masked as a report's file rows are (a file named for a person: jane.doe@contoso.com.log).
  const lines = stats.map((f) => (redact ? maskedFile(f) : f)).map((f) => `${f.status === 'binary' ? 'skipped' : 'cannot read'} ${f.path}: ${f.message ?? 'unknown error'}`);
  if (stats.some((f) => f.status === 'binary')) lines.push('nothing was scanned: every input was binary or could not be read');
  for (const line of lines) io.stderr(`mxscan: ${terminalText(line)}\n`);
  return { code: EXIT.ERROR, lines };
}

/**
 * A run that read nothing writes no report (see nothingRead): a report, partial or accounts list of this
 * tool's that an earlier run left at this run's targets is removed, one line saying so (a reused workspace
 * would publish it as this run's); a JUnit target (--junit, `-o x.xml`) gets a file whose one case is in
 * error, saying why (a test tab never shows such a run as all passed; a partial keeps none). A file at a
 * target that is no report of this tool's, or an input, is left as it is.
 */
export async function clearOutputs(d: Delivery, lines: readonly string[], cwd: string, inputs: InputsOfSize, io: Io): Promise<void> {
  const junits = new Set([...(d.junit !== undefined ? [d.junit] : []), ...d.outputs.output.filter((o) => o.format === 'junit').map((o) => o.file)]);
  for (const f of outputFiles(d)) {
    const file = path.resolve(cwd, f);
    try {
      if (junits.has(f)) {
        if (!d.partial) await safeWrite(file, renderJunitUnread(lines), inputs);
      } else if (isOwnOutput(file) && (await checkTarget(file, inputs).then(() => true, () => false))) {
        await unlink(file);
        if (!d.quiet) io.stderr(`mxscan: ${terminalText(`removed ${f}: an earlier run's report (this run read nothing)`)}\n`);
      }
    } catch (err) {
      io.stderr(`mxscan: ${terminalText(err instanceof Error ? err.message : String(err))}\n`);
    }
  }
}
