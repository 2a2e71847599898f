import { randomUUID } from 'node:crypto';
import type { Io } from '../io.js';
import { breakOldCommands, guardCommands, readsAsCommand } from '../render/github.js';

/**
 * The standard streams of a run in a GitHub job, where the runner reads every line of both as a possible
 * workflow command: no `##[` is left in any text (breakOldCommands), and text printed to stdout with a
 * line that starts one (`::error::` in a report's evidence) is wrapped in `::stop-commands::`. stderr's
 * lines are mxscan's own (`mxscan: …`, one line each, log text escaped) and its annotations.
 */
export function forRunner(io: Io): Io {
  return {
    ...io,
    stdout: (text) => {
      const t = breakOldCommands(text);
      io.stdout(readsAsCommand(t) ? guardCommands(t, randomUUID().replace(/-/g, '')) : t);
    },
    stderr: (text) => io.stderr(breakOldCommands(text)),
  };
}
