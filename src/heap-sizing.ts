import { scanArgs } from './argv.js';
import { fileSize } from './parallel/warm.js';

/** At most this many regular files named on a scan's command line: few enough that their own state is small. */
export const FEW_FILES = 16;

/**
 * Whether V8's heap is sized for memory (`--optimize-for-size`) for `mxscan ARGV`, read from the raw
 * arguments before anything else loads. A scan of many files keeps a state per file and makes garbage that
 * outlives the young generation: with V8's default heap growth its heap grows well past what is live. A
 * scan of a few named regular files holds little beyond its read buffers: there the sizing only adds
 * collections, in every thread (README "Speed", Memory). Directories, globs, standard input, more files
 * and the other commands (merge reads many partial reports) keep it.
 */
export function sizedForMemory(argv: readonly string[], size: (p: string) => number | undefined = fileSize): boolean {
  const args = scanArgs(argv);
  if (args === undefined || args.inputs.length === 0 || args.inputs.length > FEW_FILES) return true;
  return !args.inputs.every((p) => p !== '-' && size(p) !== undefined);
}
