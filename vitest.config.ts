import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

const testFiles = readdirSync('test', { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => `test/${f.split('\\').join('/')}`);

/**
 * The test files that need a module graph of their own: they replace a module or a global (`vi.mock`,
 * `vi.spyOn`), or test a module's own state from its start (their header says `fresh module state`). The
 * others share one graph per vitest process, so src/ is imported once a process and not once a file (two
 * thirds of `npm test`'s time, before).
 */
const isolated = testFiles.filter((f) => /\bvi\.(?:mock|doMock|spyOn|stubEnv|stubGlobal)\(|fresh module state/.test(readFileSync(f, 'utf8')));

/**
 * The test files that run the command line with the oracle as well as the engine (see test/oracle/switch.ts)
 * and replace nothing else; each says so by naming their project's setup file, which mocks src/scan.ts once
 * for them all (test/support/oracle-mock.ts): they share one graph too.
 */
const switched = testFiles.filter((f) => !isolated.includes(f) && readFileSync(f, 'utf8').includes('test/support/oracle-mock.ts'));

export default defineConfig({
  test: {
    // Tests run dist/ too (the bin, worker threads, the kernels): it is built from src/ first when older.
    globalSetup: ['test/support/global-setup.ts'],
    // CLI and subprocess tests read files and spawn node: give them room on a loaded CI machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // vitest runs cores − 1 files at a time: one on a two-core machine. Two keep both cores busy (the tests
    // wait on the processes and worker threads they start). The slow cases (large generated files) stay one
    // at a time.
    ...(process.env['MXSCAN_SLOW'] === undefined ? { maxWorkers: Math.max(2, availableParallelism() - 1) } : {}),
    projects: [
      { extends: true, test: { name: 'isolated', include: isolated, isolate: true } },
      { extends: true, test: { name: 'switched', include: switched, isolate: false, setupFiles: ['test/support/oracle-mock.ts'] } },
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...isolated, ...switched], isolate: false } },
    ],
  },
});
