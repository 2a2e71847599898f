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
