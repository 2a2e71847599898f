/**
 * The engine tests (npm run test:engines) skip a part that cannot run here only outside CI: under CI=true a
 * missing prerequisite fails the run, so a CI job never passes by skipping its engines.
 */
import { describe, expect, it } from 'vitest';
import { sshSkip } from './engines/sshd.js';
import { cannotRun } from './engines/support.js';

describe('engine tests that cannot run', () => {
  it('the ssh part: runs as root, skipped when not root outside CI, a failure when not root under CI=true', () => {
    expect(sshSkip(0, { CI: 'true' })).toBeUndefined();
    expect(sshSkip(0, {})).toBeUndefined();
    expect(sshSkip(1000, {})).toBe('the ssh tests start their own sshd, which needs root');
    expect(() => sshSkip(1000, { CI: 'true' })).toThrow('the ssh tests start their own sshd, which needs root');
  });

  it('any part: a reason outside CI, an error under CI=true', () => {
    expect(cannotRun('no parallel here', { CI: 'false' })).toBe('no parallel here');
    expect(() => cannotRun('no parallel here', { CI: 'true' })).toThrow('no parallel here');
  });
});
