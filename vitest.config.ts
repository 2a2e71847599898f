import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
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
  },
});
