/**
 * -o/--output FILE: one report per file, its format from the extension (or --format), written atomically,
 * repeatable; --out DIR still writes report.md and report.json; -o DIR/ or an existing directory (the old
 * meaning) still works, but -o NAME where nothing exists is a file.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runMain, tempDir } from './support/main.js';
import { BIN } from './support/cli.js';

const LOG = ['2026-03-18T08:00:00Z ERROR storage_error writing box A', '2026-03-18T08:05:00Z INFO web_hook_moved folder renamed', ''].join('\n');

let dir: string;
let remove: () => void;
beforeEach(() => {
  ({ dir, remove } = tempDir('output-'));
  writeFileSync(path.join(dir, 'app.log'), LOG);
});
afterEach(() => remove());

const run = (argv: string[]) => runMain(['scan', 'app.log', ...argv], { cwd: dir });
const read = (f: string): string => readFileSync(path.join(dir, f), 'utf8');

describe('-o FILE', () => {
  it('writes one report per -o, in the format of its extension, and nothing on stdout', async () => {
    const markdown = (await run([])).out;
    const json = (await run(['--format', 'json'])).out;
    const r = await run(['-o', 'report.md', '--output', 'report.json', '-o', 'junit.xml']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe('');
    expect(read('report.md')).toBe(markdown);
    const a = JSON.parse(read('report.json')) as { totals: { records: number; byLevel: Record<string, number> } };
    expect(a.totals.records).toBe(2);
    expect(a.totals.byLevel).toEqual({ ERROR: 1, WARN: 0, INFO: 1 });
    expect(read('report.json')).toBe(json);
    expect(read('junit.xml')).toMatch(/^<\?xml/);
    expect(statSync(path.join(dir, 'report.json')).isFile()).toBe(true);
    // Written through a temporary file renamed into place: none is left behind.
    expect(readdirSync(dir).sort()).toEqual(['app.log', 'junit.xml', 'report.json', 'report.md']);
    // 08:00 to 08:05: 1m buckets; storage_error's one occurrence is its peak.
    const verdict = '1 ERROR code needs action: storage_error (1) began 2026-03-18 08:00:00Z and peaked in the 1m from 2026-03-18 08:00:00Z (1); no account named';
    expect(r.err).toBe(`mxscan: ${verdict} (2 records in 1 file) — wrote report.md, report.json and junit.xml\n`);
  });

  it('takes one FILE per -o, so inputs may follow it (repeatable options never swallow them)', async () => {
    writeFileSync(path.join(dir, 'other.log'), '2026-03-18T09:00:00Z WARN box_gone the box went away\n');
    writeFileSync(path.join(dir, 'cat.json'), JSON.stringify([{ module: 'storage', code: 'box_gone', type: 'STORAGE', level: 'WARN', description: 'Box gone.', action: 'Reconnect.' }]));
    const r = await runMain(['scan', '-o', 'report.json', '--exclude', 'nothing-*.log', '--catalog', 'cat.json', 'app.log', 'other.log'], { cwd: dir });
    expect(r.code, r.err).toBe(0);
    const a = JSON.parse(read('report.json')) as { totals: { records: number; byLevel: Record<string, number> } };
    // app.log: storage_error (ERROR) and web_hook_moved (INFO); other.log: box_gone, WARN in cat.json.
    expect(a.totals.records).toBe(3);
    expect(a.totals.byLevel).toEqual({ ERROR: 1, WARN: 1, INFO: 1 });
    expect(readdirSync(dir).sort()).toEqual(['app.log', 'cat.json', 'other.log', 'report.json']);
  });

  it('writes to stdout for -o -, in --format (markdown when none), beside other -o files', async () => {
    const markdown = (await run([])).out;
    const json = (await run(['--format', 'json'])).out;
    const r = await run(['-o', '-']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe(markdown);
    const both = await run(['--format', 'json', '-o', '-', '-o', 'report.md']);
    expect(both.code, both.err).toBe(0);
    expect(both.out).toBe(json);
    expect(JSON.parse(both.out).totals.records).toBe(2);
    expect(read('report.md')).toBe(markdown);
    // No file is named `-`, and nothing was taken for a directory.
    expect(readdirSync(dir).sort()).toEqual(['app.log', 'report.md']);
  });

  it('names a lone - as typed in what an option says about it (it stands for stdin while parsing)', async () => {
    const r = await run(['--baseline', '-']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('mxscan: cannot read baseline -: no such file or directory\n');
    const c = await run(['--config', '-']);
    expect(c.code).toBe(2);
    expect(c.err).toBe('mxscan: cannot read config file -: no such file or directory\n');
  });

  it('refuses - for --out, --junit and --accounts (stdout is -o -) and writes nothing', async () => {
    for (const [flag, what] of [['--out', 'directory'], ['--junit', 'file'], ['--accounts', 'file']]) {
      const r = await run([flag!, '-']);
      expect(r.code).toBe(2);
      expect(r.err).toBe(`mxscan: ${flag} -: give a ${what} name (the report goes to stdout with -o -)\n`);
    }
    expect(readdirSync(dir)).toEqual(['app.log']);
  });

  it('refuses an empty name (an unset variable) for -o, --out, --junit and --accounts, and writes nothing', async () => {
    for (const argv of [['-o', ''], ['--out='], ['--junit', ''], ['--accounts=', '-o', 'r.md']]) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toMatch(/^mxscan: (-o|--out|--junit|--accounts): an empty name \(an unset variable\?\); give a (file|directory) name\n/);
      expect(readdirSync(dir)).toEqual(['app.log']);
    }
  });

  it('-o through a path whose parent is a file: one line naming it, exit 2, no stack trace', async () => {
    const r = await run(['-o', 'app.log/x.md']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('mxscan: cannot write');
    expect(r.err).toContain('app.log is not a directory');
    expect(r.err).not.toMatch(/^\s+at /m);
  });

  it('leaves the reports an earlier run wrote where this one writes out of a walk: a re-run counts the logs alone', async () => {
    const scanDir = (argv: string[]) => runMain(['scan', '.', ...argv], { cwd: dir });
    const outs = ['--out', 'rep', '-o', 'r.json', '--junit', 'rep/junit.xml', '--accounts', 'rep/accounts.csv'];
    const first = await scanDir([...outs, '--format', 'json']);
    expect(first.code, first.err).toBe(0);
    // app.log: storage_error and web_hook_moved once each, 2 records in 1 file, again and again.
    for (let run = 0; run < 2; run++) {
      const again = await scanDir(outs);
      expect(again.code, again.err).toBe(0);
      const report = JSON.parse(read('r.json')) as { totals: { files: number; records: number }; codes: { code: string; count: number }[] };
      expect(report.totals).toMatchObject({ files: 1, records: 2 });
      expect(report.codes.map((c) => [c.code, c.count])).toEqual([['storage_error', 1], ['web_hook_moved', 1]]);
    }
    // A file in the output's place that is no report of mxscan's is an input: writing over it is refused.
    writeFileSync(path.join(dir, 'rep', 'report.md'), '2026-03-18T08:10:00Z ERROR smime_error\n');
    const refused = await scanDir(['--out', 'rep']);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('it is one of the scanned inputs');
  });

  it('leaves reports an earlier run wrote anywhere in a walk or a glob out, and says so; one named is read', async () => {
    const scanDir = (argv: string[]) => runMain(['scan', ...argv], { cwd: dir });
    // The action's default directory, a partial, JUnit and the accounts file, each written by another run.
    const outs = ['--out', 'mxscan-report', '--junit', 'ci/junit.xml', '--accounts', 'ci/accounts.csv', '--quiet'];
    expect((await scanDir(['app.log', ...outs])).code).toBe(0);
    expect((await scanDir(['app.log', '--partial', '-o', 'ci/partial.json', '--quiet'])).code).toBe(0);
    for (const inputs of [['.'], ['**/*'], ['app.log', 'mxscan-report', 'ci']]) {
      const again = await scanDir([...inputs, '--format', 'json']);
      // A directory named that holds earlier reports alone is one with nothing to scan: exit 2, not an all-clear.
      expect(again.code, again.err).toBe(inputs.length === 3 ? 2 : 0);
      if (inputs.length === 3) {
        expect(again.err).toContain("mxscan: cannot read ci: directory holds no files to scan (only 3 earlier reports of mxscan's, left out)\n");
        expect(again.err).toContain("mxscan: cannot read mxscan-report: directory holds no files to scan (only 3 earlier reports of mxscan's, left out)\n");
      }
      const report = JSON.parse(again.out) as { totals: { files: number; records: number }; codes: { code: string; count: number }[] };
      // Before: storage_error 9 (the reports name it) and every catalog code the JUnit file lists.
      expect(report.totals.records).toBe(2);
      if (inputs.length === 1) expect(report.totals.files).toBe(1);
      expect(report.codes.map((c) => [c.code, c.count])).toEqual([['storage_error', 1], ['web_hook_moved', 1]]);
      expect(again.err).toContain('mxscan: left out 6 earlier mxscan reports found among the inputs (ci/accounts.csv, ci/junit.xml, ci/partial.json, … (3 more)): their codes are no events; name one as an input to read it');
    }
    // A glob that finds earlier reports alone: exit 2 and no report, never an all-clear (SUSPECTED BUG: "No catalog codes found", exit 0).
    const only = await scanDir(['mxscan-report/*', '--format', 'json', '--fail-on', 'error']);
    expect(only.code).toBe(2);
    expect(only.out).toBe('');
    expect(only.err).toContain("mxscan: cannot read mxscan-report/*: no file to scan matches this pattern (only 3 earlier reports of mxscan's, left out)\n");
    // Named, a report is read (its markdown names storage_error).
    const named = await scanDir(['mxscan-report/report.md', '--format', 'json']);
    expect((JSON.parse(named.out) as { codes: unknown[] }).codes.length).toBeGreaterThan(0);
    expect(named.err).not.toContain('left out');
  });

  it('writes a file named twice once, and refuses a window bound before the year 1000', async () => {
    const r = await run(['-o', 'r.md', '-o', './r.md']);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/— wrote r\.md\n$/);
    const far = await run(['--until', '1000000d']);
    expect(far.code).toBe(2);
    expect(far.err).toBe('mxscan: --until: "1000000d" back from now is before the year 1000\n');
  });

  it('takes the format from --format when the extension names none', async () => {
    const r = await run(['--format', 'json', '-o', 'report.txt']);
    expect(r.code, r.err).toBe(0);
    expect((JSON.parse(read('report.txt')) as { totals: { records: number } }).totals.records).toBe(2);
  });

  it('writes the HTML report to -o FILE.html beside the others', async () => {
    const r = await run(['-o', 'report.html', '-o', 'report.md']);
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['app.log', 'report.html', 'report.md']);
    expect(read('report.html').startsWith('<!DOCTYPE html>')).toBe(true);
  });

  it('keeps --out DIR writing report.md, report.json and report.html, beside -o files', async () => {
    const r = await run(['--out', 'out', '-o', 'one.json']);
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(path.join(dir, 'out')).sort()).toEqual(['report.html', 'report.json', 'report.md']);
    expect(existsSync(path.join(dir, 'one.json'))).toBe(true);
  });

  it('reads -o DIR (ending in a slash, or an existing directory) as --out DIR, with a note', async () => {
    mkdirSync(path.join(dir, 'existing.json'));
    mkdirSync(path.join(dir, 'existing'));
    for (const target of ['reports2/', 'existing.json', 'existing']) {
      const r = await run(['-o', target]);
      expect(r.code, r.err).toBe(0);
      expect(r.err.split('\n')[0]).toBe(`mxscan: -o ${target} names a directory: writing report.md, report.json and report.html there as --out does (-o now names one file: -o report.md)`);
      expect(readdirSync(path.join(dir, target)).sort()).toEqual(['report.html', 'report.json', 'report.md']);
    }
  });

  it('never makes a directory for -o NAME with no extension: a usage error naming the extensions', async () => {
    const r = await run(['-o', 'reports']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe('mxscan: -o reports: cannot tell the format from the extension (use .md, .json, .html, .xml, or give --format)\n');
    expect(readdirSync(dir)).toEqual(['app.log']);
  });

  it('writes -o NAME with no extension as a file when --format is given', async () => {
    const r = await run(['-o', 'reports', '--format', 'json']);
    expect(r.code, r.err).toBe(0);
    expect(statSync(path.join(dir, 'reports')).isFile()).toBe(true);
    expect((JSON.parse(read('reports')) as { totals: { records: number } }).totals.records).toBe(2);
  });

  it('writes a partial report to -o FILE', async () => {
    const r = await run(['--partial', '-o', 'part.json']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe('');
    expect((JSON.parse(read('part.json')) as { kind: string }).kind).toBe('mxscan-partial');
  });

  it.runIf(process.platform === 'linux')('leaves the file standard output is redirected to out of a walk, as ripgrep does', () => {
    // SUSPECTED BUG: `mxscan scan . > report.md` (and a shard's `> part-1.json`) read the empty file the shell
    // had made: shards sliced from inputs that differed by it could not be merged.
    for (const out of ['report.md', 'part-1.json']) {
      const fd = openSync(path.join(dir, out), 'w');
      const p = spawnSync(process.execPath, [BIN, 'scan', '.', '--format', 'json', '-q', '--jobs', '1'], { cwd: dir, stdio: ['ignore', fd, 'pipe'], env: { PATH: process.env['PATH'] ?? '' } });
      closeSync(fd);
      expect(p.status, String(p.stderr)).toBe(0);
      expect((JSON.parse(read(out)) as { files: { path: string }[] }).files.map((f) => f.path)).toEqual(['app.log']);
    }
  });
});
