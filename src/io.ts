import { readFileSync } from 'node:fs';
import type { Workers } from './parallel/warm.js';

// What the command line and its commands share, apart from both: the commands import it, not cli.ts.

/** Where the command line reads and writes: the real process in the bin, buffers in tests. */
export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly stdin?: NodeJS.ReadableStream;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
  readonly stdoutIsTTY?: boolean;
  readonly stderrIsTTY?: boolean;
  /** Columns of the terminal on stdout, when it is one. */
  readonly columns?: number;
  /** The clock relative times (--since 2h) count back from; Date.now when not given. */
  readonly now?: () => number;
  /** Worker threads the caller started ahead of time, for a scan to use first. */
  readonly workers?: Workers;
}

/**
 * Stands in for a lone `-` while yargs parses (yargs drops it: yargs/yargs-parser#381). No real argument
 * can hold a NUL byte.
 */
export const STDIN_ARG = '\u0000-';

/** Exit codes, as documented in the README. */
export const EXIT = { OK: 0, FOUND: 1, ERROR: 2 } as const;

/** mxscan's version, as package.json gives it. */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
