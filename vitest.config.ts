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
  },
});
