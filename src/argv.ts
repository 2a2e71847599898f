/**
 * The raw command line, read before yargs loads: whether it asks for help (--help, -h, alone or among
 * other short flags, before any `--`).
 */
export function asksForHelp(argv: readonly string[]): boolean {
  for (const a of argv) {
    if (a === '--') return false;
    if (a === '--help' || a.startsWith('--help=') || /^-[A-Za-z]*h/.test(a)) return true;
  }
  return false;
}

/** What `scan ARGV` names, read from the raw arguments before yargs loads: its inputs and --jobs. */
export interface ScanArgs {
  /** Files, directories and globs as given; `-` for standard input. */
  readonly inputs: readonly string[];
  /** --jobs as given (a whole number from 1), or undefined. */
  readonly jobs: number | undefined;
}

/**
 * The inputs and --jobs of a scan, read from the raw command line as a guess for what to start before the
 * rest loads (see likelyWorkers): undefined for any other command, help or version.
 * Most options take a value: a boolean one before an input hides that input from this guess.
 */
export function scanArgs(argv: readonly string[]): ScanArgs | undefined {
  if (argv[0] !== 'scan' || asksForHelp(argv)) return undefined;
  let jobs: number | undefined;
  const inputs: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a === '--version') return undefined;
    const m = /^(?:--jobs|-j)(?:=?(.+))?$/.exec(a);
    if (m !== null) {
      const n = Number(m[1] ?? argv[++i]);
      if (Number.isInteger(n) && n >= 1) jobs = n;
    } else if (a.startsWith('-') && a !== '-' && !a.includes('=') && i + 1 < argv.length && !argv[i + 1]!.startsWith('-')) i++;
    else if (!a.startsWith('-') || a === '-') inputs.push(a);
  }
  return { inputs, jobs };
}
