/**
 * Runs the command line with the oracle in place of the engine: src/scan.ts is mocked with
 *
 *   vi.mock('../src/scan.js', async (real) => (await import('./oracle/switch.js')).withOracle(await real()));
 *
 * by the setup file of the project that runs the test files naming it (test/support/oracle-mock.ts, see
 * vitest.config.ts), or by a test file that replaces more of its own. `withEngine('oracle', () =>
 * runMain([...]))` then scans with oracleScan; everything after the tally (report, notes, exit code, stderr)
 * is the real code. Nothing in src/ knows of it.
 */
import type * as ScanModule from '../../src/scan.js';
import { oracleScan } from './scan.js';

/** `engine`: the byte-level engine in src/; `oracle`: the record-by-record reference in test/oracle/. */
export type Engine = 'engine' | 'oracle';
export const ENGINES: readonly Engine[] = ['engine', 'oracle'];

let current: Engine = 'engine';
/** Set once src/scan.ts is mocked: without the mock, asking for the oracle is an error, never the engine again. */
let mocked = false;

/** src/scan.ts with its `scan` swapped for the oracle's while `withEngine('oracle', …)` runs. */
export function withOracle(real: typeof ScanModule): typeof ScanModule {
  mocked = true;
  return { ...real, scan: (opts) => (current === 'oracle' ? oracleScan({ ...opts, jobs: 1 }, real) : real.scan(opts)) };
}

/** Runs `fn` with the scans it starts done by `engine` (the test file must mock src/scan.ts, see above). */
export async function withEngine<T>(engine: Engine, fn: () => Promise<T>): Promise<T> {
  if (engine === 'oracle' && !mocked) throw new Error('the oracle runs under the command line only where the test file mocks src/scan.ts (see test/oracle/switch.ts)');
  current = engine;
  try {
    return await fn();
  } finally {
    current = 'engine';
  }
}

/** A case run three ways (it.each): by the engine, by the oracle, and by the engine with two workers (see on). */
export const ENGINE_FLAGS: string[][][] = [[[]], [['oracle']], [['--jobs', '2']]];

/** A case's flags with `oracle` among them: the oracle scans (see withEngine), the other flags go to the command line. */
export function on(flags: readonly string[]): { args: string[]; engine: Engine } {
  return { args: flags.filter((f) => f !== 'oracle'), engine: flags.includes('oracle') ? 'oracle' : 'engine' };
}
