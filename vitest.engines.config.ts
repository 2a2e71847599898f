import { defineConfig } from 'vitest/config';

// `npm run test:engines`: sharded scans through real engines (GNU parallel, over ssh, Dask), apart from
// `npm test` because they install Debian packages and start servers on 127.0.0.1.
export default defineConfig({
  test: {
    include: ['test/engines/**/*.engine.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 300_000,
    hookTimeout: 600_000,
    pool: 'forks',
    // One engine at a time: each one already keeps both cores busy.
    fileParallelism: false,
  },
});
