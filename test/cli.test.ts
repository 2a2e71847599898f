import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Io } from '../src/cli.js';
import { DEFAULT_MAX_LINE_LENGTH } from '../src/scan.js';
import { ROOT, runMain } from './support/main.js';


const run = (argv: string[], io: Partial<Io> = {}) => runMain(argv, { io });

describe('the command line', () => {
  it('prints help and the version', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('mxscan scan');
    expect(help.out).toContain('mxscan merge');
    const version = await run(['--version']);
    expect(version.code).toBe(0);
    expect(version.out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it.each([
    [['scan', 'fixtures', '--bogus']],
    [['scan', 'fixtures', '--fail-on', 'fatal']],
    [['scan', 'fixtures', '--format', 'xml']],
    [['scan', 'fixtures', '--jobs', 'zero']],
    [['scan', 'fixtures', '--jobs', '0']],
    [['scan', 'fixtures', '--since', 'yesterday']],
    [['scan', 'fixtures', '--window', '30m']],
    [['scan', 'fixtures', '--window', '30x', '--around', '2026-03-18T10:00:00Z']],
    [['scan', 'fixtures', '--since', '2026-03-19', '--until', '2026-03-18']],
    [['scan', 'fixtures', '--fail-on-new', 'error']],
    [['scan']],
    [['frobnicate']],
    [[]],
  ])('exits 2 with one line (no stack) for a usage error: %j', async (argv) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toMatch(/^mxscan: /);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(r.out).toBe('');
  });

  it.each([
    [['scan', 'fixtures', '--fail-on', 'bogus'], 'mxscan: invalid value for --fail-on: "bogus" (choices: "none", "error", "warn", "info")'],
    [['scan', 'fixtures', '--format', 'xml'], 'mxscan: invalid value for --format: "xml" (choices: "markdown", "json")'],
    [['scan', 'fixtures', '-f', 'xml', '--fail-on-new', 'new'], 'mxscan: invalid value for --format: "xml" (choices: "markdown", "json"); invalid value for --fail-on-new: "new" (choices: "error", "warn", "info")'],
    [['scan', 'fixtures', '--input-format', '\u001b[31mxml\u001b[0m'], 'mxscan: invalid value for --input-format: "\\u001b[31mxml\\u001b[0m" (choices: "auto", "text", "jsonl", "csv", "json", "yaml")'],
    [['catalog', '--format', 'yaml'], 'mxscan: invalid value for --format: "yaml" (choices: "markdown", "json")'],
  ])('names the flag, the value and the choices of a bad value in one line: %j', async (argv, line) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`${line}\nRun mxscan --help for usage.\n`);
  });

  it.each([
    [['scan', 'fixtures/incident', '--fail-on-new', 'error']],
    [['merge', 'no-such-partial.json', '--fail-on-new', 'warn']],
  ])('refuses --fail-on-new without --baseline (it could never fire): %j', async (argv) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.err).toBe('mxscan: --fail-on-new needs --baseline (the earlier report to compare with)\n');
    expect(r.out).toBe('');
  });

  it('takes the last of an option of one value given twice, as getopt tools do; repeatable ones keep every value', async () => {
    // SUSPECTED BUG: --junit, --since, --out, --config … given twice crashed (a TypeError, exit 1: "a code was found").
    const dir = mkdtempSync(path.join(tmpdir(), 'mxscan-twice-'));
    const log = path.join(dir, 'a.log');
    writeFileSync(log, '2026-03-20T10:00:00Z storage_error\n2026-04-07T09:14:02Z smime_error\n');
    const r = await run(['scan', log, '--junit', path.join(dir, 'a.xml'), '--junit', path.join(dir, 'b.xml'), '--since', '2026-01-01', '--since', '2026-04-01', '--fail-on', 'none', '--fail-on', 'warn', '-f', 'markdown', '-f', 'json', '--max-line-length', '1k', '--max-line-length', '2k', '--exclude', 'x', '--exclude', 'y']);
    expect(r.err).not.toMatch(/\n\s+at /);
    // Only smime_error (WARN) is inside the last --since; --fail-on warn fails on it.
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as { codes: { code: string }[]; provenance: { options: Record<string, unknown> } };
    expect(report.codes.map((c) => c.code)).toEqual(['smime_error']);
    expect(readFileSync(path.join(dir, 'b.xml'), 'utf8')).toContain('<testsuites');
    expect(() => readFileSync(path.join(dir, 'a.xml'))).toThrow();
  });

  it('scans a file named help when one is there, and shows the help when none is', async () => {
    // SUSPECTED BUG: `mxscan scan help` showed the help with a log named help in the directory.
    const dir = mkdtempSync(path.join(tmpdir(), 'mxscan-help-'));
    const empty = mkdtempSync(path.join(tmpdir(), 'mxscan-nohelp-'));
    writeFileSync(path.join(dir, 'help'), '2026-04-07T09:14:02Z storage_error\n');
    const r = await run(['scan', 'help', '-f', 'json', '-q'], { cwd: dir });
    expect((JSON.parse(r.out) as { files: { path: string }[] }).files.map((f) => f.path)).toEqual(['help']);
    expect((await run(['scan', 'help'], { cwd: empty })).out).toMatch(/^Usage: mxscan scan/);
  });

  it('reads a baseline, a suppressions file and a configuration file saved with a byte-order mark (Notepad, PowerShell)', async () => {
    // SUSPECTED BUG: "not a JSON report", "Unexpected token ''": the mark is none of the file's text.
    const dir = mkdtempSync(path.join(tmpdir(), 'mxscan-bom-'));
    const log = path.join(dir, 'a.log');
    writeFileSync(log, '2026-04-07T09:14:02Z storage_error\n');
    const base = await run(['scan', log, '-f', 'json', '-q']);
    const bom = (name: string, text: string): string => (writeFileSync(path.join(dir, name), '\ufeff' + text), path.join(dir, name));
    const r = await run(['scan', log, '-q', '-f', 'json', '--baseline', bom('base.json', base.out), '--suppress', bom('s.json', '[{"code":"storage_error","reason":"known"}]'), '--config', bom('c.json', '{"failOn":"error"}')]);
    expect(r.err).toBe('');
    // Suppressed, so --fail-on error from the configuration file does not fail the run; unchanged against the baseline.
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as { suppressed: { code: string }[]; provenance: { options: { failOn: string } } };
    expect(report.suppressed.map((x) => x.code)).toEqual(['storage_error']);
    expect(report.provenance.options.failOn).toBe('error');
  });

  it('documents the --max-line-length default the code uses, in the README and in --help', async () => {
    const row = readFileSync(path.join(ROOT, 'README.md'), 'utf8').split('\n').find((l) => l.startsWith('| `--max-line-length SIZE` |')) ?? '';
    const mib = DEFAULT_MAX_LINE_LENGTH / 1024 ** 2;
    expect(row.match(/\(default ([0-9]+)M\)/)?.[1]).toBe(String(mib));
    expect((await run(['scan', '--help'])).out).toContain(`[default: ${mib}M]`);
  });

  it('speaks English whatever the locale of the environment', async () => {
    const saved = process.env['LC_ALL'];
    process.env['LC_ALL'] = 'de_DE.UTF-8';
    try {
      expect((await run(['scan', 'fixtures', '--bogus'])).err.split('\n')[0]).toBe('mxscan: unknown option --bogus');
    } finally {
      if (saved === undefined) delete process.env['LC_ALL'];
      else process.env['LC_ALL'] = saved;
    }
  });

  it('explains a code, and suggests the nearest ones for an unknown code', async () => {
    const ok = await run(['explain', 'SMIME_ERROR']);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('smime_error (ERROR: requires immediate action)');
    expect(ok.out).toContain('Check certificates/keys/trust chain and message format, then retry processing.');
    const unknown = await run(['explain', 'storage_eror']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toBe('mxscan: storage_eror is not in the catalog. Did you mean: storage_error, smime_error?\n');
  });

  it('prints the active catalog as markdown and as JSON in the custom-catalog format', async () => {
    const md = await run(['catalog']);
    expect(md.out.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Module') && !l.startsWith('| ---'))).toHaveLength(15);
    const json = await run(['catalog', '--format', 'json']);
    const entries = JSON.parse(json.out) as { code: string }[];
    expect(entries).toHaveLength(15);
    // What `catalog --format json` prints is a valid custom catalog.
    const dir = mkdtempSync(path.join(tmpdir(), 'mxscan-cli-'));
    writeFileSync(path.join(dir, 'c.json'), json.out);
    const again = await run(['catalog', '--format', 'json', '--no-builtin-catalog', '--catalog', path.join(dir, 'c.json')]);
    expect(again.out).toBe(json.out);
  });

  it('rejects a bad catalog with exit 2 and one line naming the file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mxscan-cli-'));
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, '[{"module":"m","code":"a_b","type":"t","level":"LOUD","description":"d","action":"a"}]');
    const r = await run(['scan', 'fixtures/edge/crlf.log', '--catalog', file]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`mxscan: bad catalog ${file}: entry 0, field "level": expected ERROR, WARN (or WARNING) or INFO, got "LOUD"\n`);
    const none = await run(['scan', 'fixtures/edge/crlf.log', '--no-builtin-catalog']);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/^mxscan: no catalog/);
  });

  it('counts with a custom catalog only, and matches codes that are not words', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mxscan-cli-'));
    const cat = path.join(dir, 'c.json');
    writeFileSync(cat, JSON.stringify([{ module: 'm', code: 'E-42', type: 't', level: 'WARN', description: 'd', action: 'a' }]));
    const log = path.join(dir, 'a.log');
    writeFileSync(log, '2026-03-18T10:00:00Z got E-42\n2026-03-18T10:01:00Z got e-42 and e-420 and storage_error\n');
    const r = await run(['scan', log, '--no-builtin-catalog', '--catalog', cat, '--format', 'json', '--quiet']);
    const report = JSON.parse(r.out) as { codes: { code: string; count: number }[] };
    expect(report.codes.map((c) => [c.code, c.count])).toEqual([['E-42', 2]]);
  });

  it('says in one line on stderr what it found when stdout is not a terminal', async () => {
    const r = await run(['scan', 'fixtures/edge/case-and-distinct.log']);
    expect(r.code).toBe(0);
    expect(r.out.startsWith('# mxscan incident report\n')).toBe(true);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/^mxscan: .*records in 1 file\b/);
    const tty = await run(['scan', 'fixtures/edge/case-and-distinct.log'], { stdoutIsTTY: true });
    expect(tty.err).toBe('');
  });

  it('reads standard input given as -', async () => {
    const r = await run(['scan', '-', '--format', 'json', '--quiet'], { stdin: Readable.from([Buffer.from('2026-03-18T10:00:00Z smime_error\n')]) });
    const report = JSON.parse(r.out) as { files: { path: string }[]; codes: { code: string; count: number }[] };
    expect(report.files[0]!.path).toBe('(stdin)');
    expect(report.codes.map((c) => [c.code, c.count])).toEqual([['smime_error', 1]]);
  });

  it('says so when standard input held nothing: no "No catalog codes found" (SUSPECTED BUG: an all-clear for kubectl logs wrong-pod |)', async () => {
    const r = await run(['scan', '-', '--format', 'json', '--quiet', '--fail-on', 'error'], { stdin: Readable.from([]) });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as { verdict: string }).verdict).toBe('No records read: the input read was empty');
  });
});

describe('the built bin', () => {
  it('reads a directory on standard input as an input that cannot be read (SUSPECTED BUG: an empty input, exit 0)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mxscan-stdin-dir-'));
    const p = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'bin.js'), 'scan', '-', '--fail-on', 'error'], { stdio: [openSync(dir, 'r'), 'pipe', 'pipe'], encoding: 'utf8' });
    expect(p.status).toBe(2);
    expect(p.stderr).toBe('mxscan: cannot read (stdin): it is a directory\n');
  });

  it('runs as a subprocess and returns the documented exit codes', async () => {
    const exec = promisify(execFile);
    const bin = path.join(ROOT, 'dist/bin.js');
    const ok = await exec(process.execPath, [bin, 'scan', 'fixtures/incident', '--format', 'json', '--quiet'], { cwd: ROOT });
    const report = JSON.parse(ok.stdout) as { totals: { records: number } };
    expect(report.totals.records).toBe(299); // 327 lines, 28 of them in the record above them
    const failed = await exec(process.execPath, [bin, 'scan', 'fixtures/incident', '--fail-on', 'error', '--quiet'], { cwd: ROOT }).catch(
      (e: { code: number }) => e,
    );
    expect((failed as { code: number }).code).toBe(1);
    const missing = await exec(process.execPath, [bin, 'scan', 'no/such/dir', '--quiet'], { cwd: ROOT }).catch((e: { code: number; stderr: string }) => e);
    expect((missing as { code: number }).code).toBe(2);
  });

  it('lays out --help as the unbundled command line does (the bundle loads yargs\' help layout only for help)', async () => {
    const exec = promisify(execFile);
    const bin = path.join(ROOT, 'dist/bin.js');
    for (const argv of [['--help'], ['scan', '--help']]) {
      const built = await exec(process.execPath, [bin, ...argv], { cwd: ROOT });
      expect(built.stdout).toBe((await runMain(argv)).out);
    }
    // Two columns: the option, then its description, on one line.
    const scanHelp = (await exec(process.execPath, [bin, 'scan', '--help'], { cwd: ROOT })).stdout;
    expect(scanHelp).toMatch(/\n {2}-j, --jobs +Worker threads \(default: the number of cores; 1 scans in one thread\) +\[string\]\n/);
  });
});
