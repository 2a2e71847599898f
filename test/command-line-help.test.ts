/** A command line that helps: typos get a suggestion, help leads with examples, -V and version work. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runMain } from './support/main.js';

const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describe('typos', () => {
  it.each([
    [['scna', 'fixtures/incident'], 'mxscan: unknown command "scna": did you mean scan?\n'],
    [['mrege', 'a.json'], 'mxscan: unknown command "mrege": did you mean merge?\n'],
    [['scan', 'fixtures/incident', '--fial-on', 'error'], 'mxscan: unknown option --fial-on: did you mean --fail-on?\n'],
    [['scan', 'fixtures/incident', '--exlude', '*.gz'], 'mxscan: unknown option --exlude: did you mean --exclude?\n'],
    [['merge', 'a.json', '--baseilne', 'b.json'], 'mxscan: unknown option --baseilne: did you mean --baseline?\n'],
    [['scan', 'fixtures/incident', '--fail-on', 'eror'], 'mxscan: invalid value for --fail-on: "eror" (choices: "none", "error", "warn", "info"): did you mean error?\n'],
    [['scan', 'fixtures/incident', '--input-format', 'jsnl'], 'mxscan: invalid value for --input-format: "jsnl" (choices: "auto", "text", "jsonl", "csv", "json", "yaml"): did you mean jsonl?\n'],
  ])('%j gets one line with a suggestion, exit 2', async (argv, line) => {
    const r = await runMain(argv);
    expect(r.code).toBe(2);
    expect(r.err).toBe(line);
    expect(r.out).toBe('');
  });

  it('names an unknown option once, without its camelCase twin', async () => {
    const r = await runMain(['scan', 'fixtures/incident', '--zzz-qqq', 'x']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('mxscan: unknown option --zzz-qqq\nRun mxscan --help for usage.\n');
  });

  it('echoes a bad number as it was typed', async () => {
    const r = await runMain(['scan', 'fixtures/incident', '--jobs', 'abc']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('mxscan: --jobs: expected a whole number from 1 to 256, got "abc"\n');
  });
});

describe('help and version', () => {
  it('--help leads with examples, then the commands', async () => {
    const r = await runMain(['--help']);
    expect(r.code).toBe(0);
    const examples = r.out.indexOf('Examples:');
    expect(examples).toBeGreaterThan(0);
    expect(examples).toBeLessThan(r.out.indexOf('Commands:'));
    expect(r.out).toContain('mxscan scan app.log --since 2h');
  });

  it('scan --help leads with examples and groups the options: input, time window, report, CI, performance', async () => {
    const out = (await runMain(['scan', '--help'])).out;
    const at = ['Examples:', 'Input:', 'Time window:', 'Report:', 'CI:', 'Performance:'].map((h) => out.indexOf(`\n${h}\n`));
    expect(at.every((i) => i > 0), JSON.stringify(at)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // Each option in its group.
    const option = (flag: string): number => out.search(new RegExp(`\\n {2}(?:-[a-z], | {4})${flag} `));
    expect(option('--since')).toBeGreaterThan(at[2]!);
    expect(option('--since')).toBeLessThan(at[3]!);
    expect(option('--output')).toBeGreaterThan(at[3]!);
    expect(option('--fail-on')).toBeGreaterThan(at[4]!);
    expect(option('--jobs')).toBeGreaterThan(at[5]!);
  });

  it('-h is the short form: examples and commands, no option list', async () => {
    const r = await runMain(['-h']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe('Usage: mxscan <command> [options]');
    expect(r.out).toContain('Examples:');
    expect(r.out).toContain('Commands: scan, merge, explain, catalog, config, version');
    expect(r.out).not.toContain('--max-line-length');
    expect((await runMain(['-qh'])).out).toBe(r.out);
  });

  it('<command> -h is the short form of that command: its usage, its own examples, where its options are', async () => {
    const scan = await runMain(['scan', '-h']);
    expect(scan.code).toBe(0);
    const lines = scan.out.split('\n');
    expect(lines.slice(0, 3)).toEqual(['Usage: mxscan scan [inputs..] [options]', '', 'Scan files, directories, globs or - (stdin) and write the report.']);
    // The five examples of scan, not explain's.
    expect(lines.filter((l) => l.startsWith('mxscan scan ') && l.includes(' # '))).toHaveLength(5);
    expect(scan.out).not.toContain('mxscan explain');
    expect(lines.at(-2)).toBe('mxscan scan --help for every option.');
    const explain = await runMain(['explain', '-h']);
    expect(explain.out.split('\n')[0]).toBe('Usage: mxscan explain <code>');
    expect(explain.out).toContain('mxscan explain storage_error  # what a code means, what to do');
  });

  it.each([[['-V']], [['--version']], [['version']]])('%j prints the version', async (argv) => {
    const r = await runMain(argv);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${VERSION}\n`);
  });
});

describe('operands after --, and help as a command', () => {
  it('reads every argument after -- as an operand, whatever it starts with (xargs -0 mxscan scan --)', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(path.join(tmpdir(), 'mxscan-dashes-'));
    try {
      writeFileSync(path.join(dir, '-weird.log'), '2026-03-18T08:00:00Z ERROR storage_error\n');
      writeFileSync(path.join(dir, '--also.log'), '2026-03-18T08:01:00Z ERROR smime_error\n');
      const r = await runMain(['scan', '--format', 'json', '--', '-weird.log', '--also.log'], { cwd: dir });
      expect(r.code, r.err).toBe(0);
      const report = JSON.parse(r.out) as { totals: { files: number }; codes: { code: string }[] };
      expect(report.totals.files).toBe(2);
      expect(report.codes.map((c) => c.code)).toEqual(['smime_error', 'storage_error']);
      // An operand that is no file is named as typed.
      const missing = await runMain(['scan', '--', '-gone.log'], { cwd: dir });
      expect(missing.code).toBe(2);
      expect(missing.err).toContain('mxscan: cannot read -gone.log: no such file or directory');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const explain = await runMain(['explain', '--', 'storage_error']);
    expect(explain.code).toBe(0);
    expect(explain.out.split('\n')[0]).toBe('storage_error (ERROR: requires immediate action)');
  });

  it('mxscan help scan is mxscan scan --help, as git and npm read it', async () => {
    const a = await runMain(['help', 'scan']);
    const b = await runMain(['scan', '--help']);
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    expect(a.out.split('\n')[0]).toBe('Usage: mxscan scan [inputs..] [options]');
  });
});

describe('a missing input', () => {
  it('is one line and exit 2 when nothing at all could be read', async () => {
    const r = await runMain(['scan', 'no-such.log']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe('mxscan: cannot read no-such.log: no such file or directory\n');
  });

  it('is one line per input when none could be read', async () => {
    const r = await runMain(['scan', 'no-such.log', 'nope/*.log']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe('mxscan: cannot read no-such.log: no such file or directory\nmxscan: cannot read nope/*.log: no file matches this pattern\n');
  });

  it('says a glob whose files --exclude all leaves out is not one that matches nothing', async () => {
    // fixtures/formats holds .log files: the pattern matches them, --exclude takes them all out.
    const r = await runMain(['scan', 'fixtures/formats/*.log', '--exclude', '*.log']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('mxscan: cannot read fixtures/formats/*.log: every file this pattern matches is excluded (--exclude, or the configuration file\'s exclude)\n');
  });

  it('still gets the report of the rest, and exit 2, when some inputs were read', async () => {
    const r = await runMain(['scan', 'fixtures/incident', 'no-such.log']);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/^# mxscan incident report\n/);
    expect(r.err.split('\n')[0]).toBe('mxscan: cannot read no-such.log: no such file or directory');
  });
});
