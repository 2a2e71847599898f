import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config';

/**
 * The test run Stryker mutates against: every test but
 * - hostile-input-*: excluded whole, as when it was one file; hostile-input-inputs runs dist/bin.js as
 *   another user (uid 65534), who cannot reach Stryker's sandbox (.stryker-tmp/sandbox-*, created mode 0700);
 * - slow/json-array-stream: a 210 MB JSON array, a memory test; through Stryker's instrumented byte loop it
 *   takes minutes per covering mutant (an initial run took 3 min 40 s with it, 24 s without) and kills nothing a small array
 *   does not.
 * - fresh-build: it checks that dist/ is the build of src/, which Stryker's instrumented src/ never is.
 */
export default mergeConfig(
  // No globalSetup: Stryker instruments src/ in its sandbox, and dist/ must not be rebuilt from that.
  { ...base, test: { ...base.test, globalSetup: [] } },
  defineConfig({
    test: {
      exclude: [...configDefaults.exclude, 'test/hostile-input-*.test.ts', 'test/slow/json-array-stream.test.ts', 'test/fresh-build.test.ts'],
    },
  }),
);
