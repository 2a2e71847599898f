import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/main.js';

const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const check = (tag: string) => spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'release-check.mjs'), tag], { encoding: 'utf8' });

describe('the release check (.github/workflows/release.yml)', () => {
  it('takes the tag of the package version and prints the major tag the action is used by', () => {
    const r = check(`v${VERSION}`);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(`v${VERSION.split('.')[0]}`);
  });

  it('refuses a tag of another version, and one that is not a version', () => {
    const other = check('v9.8.7');
    expect(other.status).toBe(2);
    expect(other.stderr).toBe(`release: the tag v9.8.7 does not match package.json's version ${VERSION}: bump the version or tag v${VERSION}\n`);
    const bad = check('nightly');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('is not a version tag');
  });

  it('is what the release workflow runs before it publishes', () => {
    const yml = readFileSync(path.join(ROOT, '.github', 'workflows', 'release.yml'), 'utf8');
    const steps = ['node scripts/release-check.mjs', 'npm test', 'npm publish', 'git add --force dist'].map((s) => yml.indexOf(s));
    expect(steps.every((i) => i > 0)).toBe(true);
    // In that order: nothing is published before the check and the tests, and the major tag moves last.
    expect([...steps].sort((a, b) => a - b)).toEqual(steps);
  });
});
