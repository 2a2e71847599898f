import type { Io } from './io.js';

/**
 * Runs mxscan with command-line arguments and returns the exit code (see cli.ts). The command line and
 * yargs load on the first call, so that importing the library does not load them.
 */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const cli = await import('./cli.js');
  return cli.main(argv, io);
}
