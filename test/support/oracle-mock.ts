/**
 * The setup file of the test files that run the command line with the oracle as well as the engine (see
 * test/oracle/switch.ts): src/scan.ts is mocked with the engine switch once for all of them, so that they
 * share one module graph instead of importing src/ once a file.
 */
import { vi } from 'vitest';

vi.mock('../../src/scan.js', async (real) => (await import('../oracle/switch.js')).withOracle(await real<typeof import('../../src/scan.js')>()));
