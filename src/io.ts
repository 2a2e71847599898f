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
  /** The regular file standard output is redirected to (absolute): never an input a walk or a glob finds. */
  readonly stdoutFile?: string;
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

/** Variables one CI service or another sets (beside `CI`, which most set). */
const CI_VARIABLES = ['GITHUB_ACTIONS', 'GITLAB_CI', 'TF_BUILD', 'JENKINS_URL', 'BUILDKITE', 'CIRCLECI', 'TRAVIS', 'TEAMCITY_VERSION', 'BITBUCKET_BUILD_NUMBER', 'CODEBUILD_BUILD_ID', 'APPVEYOR', 'DRONE', 'BUILD_ID'] as const;

/**
 * Does mxscan run in CI (redaction on by default, no progress bar)? `CI` set to anything but empty, `0`
 * or `false` (any case: AppVeyor writes `True`, others `1`), or a variable a CI service sets (Azure's
 * `TF_BUILD`, Jenkins' `JENKINS_URL`, …).
 */
export function inCi(env: Readonly<Record<string, string | undefined>>): boolean {
  const ci = (env['CI'] ?? '').trim().toLowerCase();
  if (ci !== '') return ci !== '0' && ci !== 'false';
  return CI_VARIABLES.some((v) => (env[v] ?? '') !== '');
}

/** A settings file's text as an editor saved it: a UTF-8 byte-order mark (Notepad's, PowerShell's `Out-File`) is none of it. */
export const withoutBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
