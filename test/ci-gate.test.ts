/**
 * CI signals that agree: one gate decides which codes fail the run, and the exit code, the JUnit failures, the
 * annotations and the "failing: …" line all say the same; stdout holds only the report under GitHub Actions.
 * Expected values are counted by hand from the logs written below.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { breakOldCommands, readsAsCommand } from '../src/render/github.js';
import { parseFailLevel } from '../src/summary/gate.js';
import { BIN, requireBin } from './support/cli.js';
import { runMain, tempDir } from './support/main.js';

// now.log, 6 records:
//   storage_credential_no_access (ERROR) on lines 1, 2, 3 → 3; storage_error (ERROR) line 4 → 1;
//   STORAGE_USER_WITH_ERROR (WARN) line 5 → 1; task_finished_without_error (INFO) line 6 → 1.
const NOW = [
  '2026-03-18T08:00:00Z ERROR [storage-box] storage_credential_no_access for tenant 1',
  '2026-03-18T08:00:01Z ERROR [storage-box] storage_credential_no_access for tenant 2',
  '2026-03-18T08:00:02Z ERROR [storage-box] storage_credential_no_access for tenant 3',
  '2026-03-18T08:00:03Z ERROR [storage-box] upload failed: storage_error',
  '2026-03-18T08:00:04Z WARN  [emailsync] STORAGE_USER_WITH_ERROR after 5 failures',
  '2026-03-18T08:00:05Z INFO  [notifier] task_finished_without_error',
];
// base.log, 6 records: the same but line 4 holds no code. Against it (rates per 10,000 records, 6 records each):
// storage_error is new; the other three are unchanged.
const BASE = [...NOW.slice(0, 3), '2026-03-18T08:00:03Z INFO  [storage-box] upload done', ...NOW.slice(4)];

const temp = tempDir('mxscan-gate-');
const dir = temp.dir;
const summaryFile = path.join(dir, 'summary.md');
beforeAll(async () => {
  writeFileSync(path.join(dir, 'now.log'), NOW.join('\n') + '\n');
  writeFileSync(path.join(dir, 'base.log'), BASE.join('\n') + '\n');
  const base = await runMain(['scan', 'base.log', '--format', 'json', '--quiet'], { cwd: dir });
  writeFileSync(path.join(dir, 'base.json'), base.out);
});
afterAll(() => temp.remove());

interface Signals {
  code: number;
  /** stderr lines that are not workflow commands. */
  messages: string[];
  /** [command, code] of each annotation, in order. */
  annotations: [string, string][];
  /** Names of the JUnit test cases that fail. */
  failures: string[];
  junit: Map<string, { failure?: unknown; 'system-out'?: string }>;
  summary: string;
}

/** One GitHub run of `mxscan scan now.log` with JUnit: every signal it gives. */
async function signals(args: string[], quiet = false): Promise<Signals> {
  writeFileSync(summaryFile, '');
  const junitFile = path.join(dir, 'junit.xml');
  const r = await runMain(['scan', 'now.log', '--junit', junitFile, ...(quiet ? ['--quiet'] : []), ...args], {
    cwd: dir,
    env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summaryFile },
  });
  const lines = r.err.split('\n').filter((l) => l !== '');
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', isArray: (n) => n === 'testcase' });
  const doc = parser.parse(readFileSync(junitFile, 'utf8')) as { testsuites: { testsuite: { testcase: ({ '@_name': string; failure?: unknown; 'system-out'?: string })[] } } };
  const cases = doc.testsuites.testsuite.testcase;
  return {
    code: r.code,
    messages: lines.filter((l) => !l.startsWith('::')),
    annotations: lines.filter((l) => l.startsWith('::')).map((l) => [l.slice(2, l.indexOf(' ')), /title=([A-Za-z_]+)/.exec(l)?.[1] ?? l]),
    failures: cases.filter((c) => c.failure !== undefined).map((c) => c['@_name']).sort(),
    junit: new Map(cases.map((c) => [c['@_name'], c])),
    summary: readFileSync(summaryFile, 'utf8'),
  };
}

describe('stdout holds only what was asked for', () => {
  it('under GITHUB_ACTIONS=true, `--format json` on stdout parses as JSON, annotations on stderr', async () => {
    const r = await runMain(['scan', 'now.log', '--format', 'json', '--fail-on', 'error'], { cwd: dir, env: { GITHUB_ACTIONS: 'true', CI: 'true' } });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as { codes: { code: string; count: number }[] };
    expect(report.codes.map((c) => [c.code, c.count])).toEqual([
      ['storage_credential_no_access', 3],
      ['storage_error', 1],
      ['STORAGE_USER_WITH_ERROR', 1],
      ['task_finished_without_error', 1],
    ]);
    expect(r.err).toMatch(/^::error /m);
  });

  it('the README recipe `--format json | jq` works with the built bin in a GitHub job', () => {
    requireBin();
    // The report goes through a JSON parser in a pipe, as jq would read it; stderr is the job log.
    const parse = `node -e "const r = JSON.parse(require('fs').readFileSync(0, 'utf8')); console.log(r.codes.map((c) => c.code + '=' + c.count).join(' '))"`;
    const p = spawnSync('bash', ['-c', `node '${BIN}' scan now.log --format json | ${parse}; echo "status=\${PIPESTATUS[0]},\${PIPESTATUS[1]}"`], {
      cwd: dir,
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', GITHUB_ACTIONS: 'true', CI: 'true' },
      encoding: 'utf8',
    });
    expect(p.stdout).toBe('storage_credential_no_access=3 storage_error=1 STORAGE_USER_WITH_ERROR=1 task_finished_without_error=1\nstatus=0,0\n');
    expect(p.stderr).toMatch(/^::warning /m);
  });

  it('a JSON report never has a line the runner reads as a command, even of hostile log text', async () => {
    // workflow-commands.log holds `::error::pwned storage_error` and `%0A::warning::forged web_hook_moved`
    const r = await runMain(['scan', 'fixtures/postmortem/github/workflow-commands.log', '--format', 'json', '--quiet'], { env: { GITHUB_ACTIONS: 'true' } });
    expect(r.out).toContain('::error::pwned storage_error');
    expect(readsAsCommand(r.out)).toBe(false);
    expect(() => JSON.parse(r.out) as unknown).not.toThrow();
  });

  it('readsAsCommand: a line starting, after blanks, with ::', () => {
    expect(['::error::x', 'a\n  ::warning::x', 'a\r\n\t::group::x', 'a\r::notice::x'].map(readsAsCommand)).toEqual([true, true, true, true]);
    expect(['a ::error::x', '"::error::x"', '| ::error:: |', '#[x]'].map(readsAsCommand)).toEqual([false, false, false, false]);
  });

  it('breakOldCommands: no `##[` anywhere in a line (the runner reads the old form there), the text otherwise as it was', () => {
    expect(breakOldCommands('mxscan: skipped d/##[stop-commands]x.bin: binary')).toBe('mxscan: skipped d/#\u200b#[stop-commands]x.bin: binary');
    expect(breakOldCommands('a ###[b ##[c')).toBe('a ##\u200b#[b #\u200b#[c');
    expect(breakOldCommands('# [x] #[y] ##x')).toBe('# [x] #[y] ##x');
  });

  it('in a GitHub job nothing printed holds the old form: stderr naming a file or quoting a log, the markdown and JSON reports', async () => {
    const { dir, remove } = tempDir('old-commands');
    writeFileSync(path.join(dir, '##[stop-commands]x.bin'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]));
    writeFileSync(path.join(dir, 'events.jsonl'), '{"time":"##[error]forged","msg":"storage_error for ##[add-mask]2026"}\n');
    for (const env of [{ GITHUB_ACTIONS: 'true' }, {}] as Record<string, string>[]) {
      const flags = 'GITHUB_ACTIONS' in env ? ['--no-github'] : ['--github'];
      const md = await runMain(['scan', dir, '--since', '2026-03-18T00:00Z', ...flags], { env, cwd: dir });
      const json = await runMain(['scan', dir, '--since', '2026-03-18T00:00Z', '--format', 'json', ...flags], { env, cwd: dir });
      // The time that cannot be read is quoted on stderr; the binary file named; the line kept (no window time).
      expect(md.err).toContain('#\u200b#[error]forged');
      expect(md.err).toContain('#\u200b#[stop-commands]x.bin');
      for (const text of [md.out, md.err, json.out, json.err]) expect(text).not.toContain('##[');
      expect(JSON.stringify(JSON.parse(json.out))).toContain('##[stop-commands]x.bin');
    }
    remove();
  });
});

describe('one gate: exit code, JUnit failures and annotations agree', () => {
  it('--fail-on none (the default): nothing fails, no ::error, no JUnit failure', async () => {
    const s = await signals([]);
    expect(s.code).toBe(0);
    expect(s.failures).toEqual([]);
    expect(s.annotations).toEqual([
      ['warning', 'storage_credential_no_access'],
      ['warning', 'storage_error'],
      ['warning', 'STORAGE_USER_WITH_ERROR'],
      ['notice', 'task_finished_without_error'],
    ]);
    expect(s.junit.get('storage_credential_no_access')!['system-out']).toBe('3 occurrence(s) at level ERROR; not failing the run.');
    expect(s.messages.some((l) => l.includes('failing'))).toBe(false);
    expect(s.summary).not.toContain('failed this run');
  });

  it('--fail-on warn fails ERROR and WARN codes; an INFO code never fails below --fail-on info', async () => {
    const s = await signals(['--fail-on', 'warn']);
    expect(s.code).toBe(1);
    expect(s.failures).toEqual(['STORAGE_USER_WITH_ERROR', 'storage_credential_no_access', 'storage_error']);
    expect(s.annotations).toEqual([
      ['error', 'storage_credential_no_access'],
      ['error', 'storage_error'],
      ['error', 'STORAGE_USER_WITH_ERROR'],
      ['notice', 'task_finished_without_error'],
    ]);
    const info = await signals(['--fail-on', 'info']);
    expect(info.failures).toEqual(['STORAGE_USER_WITH_ERROR', 'storage_credential_no_access', 'storage_error', 'task_finished_without_error']);
  });

  it('a suppressed code fails nothing anywhere', async () => {
    writeFileSync(path.join(dir, 'suppress.json'), JSON.stringify([{ code: 'storage_credential_no_access', reason: 'known outage' }]));
    const s = await signals(['--fail-on', 'error', '--suppress', 'suppress.json']);
    expect(s.code).toBe(1);
    expect(s.failures).toEqual(['storage_error']);
    expect(s.annotations.filter(([, c]) => c === 'storage_credential_no_access')).toEqual([]);
    expect(s.messages.at(-1)).toBe('mxscan: failing: 1 ERROR code at or above --fail-on error: storage_error (1)');
  });

  it('with a baseline and --fail-on-new: JUnit fails and annotations name only the new code; the others are one notice', async () => {
    const s = await signals(['--baseline', 'base.json', '--fail-on-new', 'error']);
    expect(s.code).toBe(1);
    expect(s.failures).toEqual(['storage_error']);
    expect(s.junit.get('storage_credential_no_access')!['system-out']).toBe('3 occurrence(s) at level ERROR, unchanged against the baseline; not failing the run.');
    expect(s.annotations).toEqual([
      ['error', 'storage_error'],
      ['notice', 'mxscan'],
    ]);
    const err = (await runMain(['scan', 'now.log', '--baseline', 'base.json', '--fail-on-new', 'error', '--github'], { cwd: dir })).err;
    const notice = err.split('\n').find((l) => l.startsWith('::notice'))!;
    expect(notice).toBe(
      '::notice title=mxscan%3A 3 codes not new or increased against the baseline::' +
        'storage_credential_no_access (ERROR, 3, unchanged), STORAGE_USER_WITH_ERROR (WARN, 1, unchanged), task_finished_without_error (INFO, 1, unchanged).',
    );
    expect(s.messages.at(-1)).toBe('mxscan: failing: 1 ERROR code new or increased against the baseline, at or above --fail-on-new error: storage_error (new, 1)');
  });

  it('a new code on a stack trace\'s line inside the window, its record\'s first line before it, fails --fail-on-new', async () => {
    // Line 1 (09:59:59.900) starts the record, before --since; line 2 (10:00:00.100) carries it on and names
    // smime_error, which base.log never had: counted inside the window by its own time, and new.
    writeFileSync(path.join(dir, 'straddle.log'), '2026-03-18T09:59:59.900Z ERROR sync failed: java.io.IOException\n2026-03-18T10:00:00.100Z \tat com.mxhero.Sync.run(Sync.java:42) smime_error\n');
    const r = await runMain(['scan', 'straddle.log', '--since', '2026-03-18T10:00:00Z', '--baseline', 'base.json', '--fail-on-new', 'error', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as { verdict: string; totals: { records: number; outsideWindow: number }; comparison: { codes: { code: string; status: string }[] } };
    expect(report.totals).toMatchObject({ records: 1, outsideWindow: 1 });
    expect(report.comparison.codes.filter((c) => c.status === 'new').map((c) => c.code)).toEqual(['smime_error']);
    expect(report.verdict).toMatch(/^1 new ERROR code since the baseline: smime_error \(1\)/);
  });

  it('a new INFO code does not fail --fail-on-new warn', async () => {
    writeFileSync(path.join(dir, 'no-info.log'), NOW.slice(0, 5).join('\n') + '\n');
    const base = await runMain(['scan', 'no-info.log', '--format', 'json', '--quiet'], { cwd: dir });
    writeFileSync(path.join(dir, 'no-info.json'), base.out);
    // against no-info.log (5 records) only task_finished_without_error is new, and it is INFO
    const s = await signals(['--baseline', 'no-info.json', '--fail-on-new', 'warn']);
    expect(s.code).toBe(0);
    expect(s.failures).toEqual([]);
  });
});

describe('say why it failed', () => {
  it('on stderr after the summary line, and first in the job summary', async () => {
    const s = await signals(['--fail-on', 'error']);
    expect(s.code).toBe(1);
    const why = 'failing: 2 ERROR codes at or above --fail-on error: storage_credential_no_access (3), storage_error (1)';
    // All six records fall in one 1m bucket, where storage_credential_no_access has its 3.
    const verdict = '2 ERROR codes need action: storage_credential_no_access (3) began 2026-03-18 08:00:00Z and peaked in the 1m from 2026-03-18 08:00:00Z (3); no account named';
    expect(s.messages).toEqual([`mxscan: ${verdict} (6 records in 1 file)`, `mxscan: ${why}`]);
    expect(s.summary.split('\n')[0]).toBe(`> **mxscan failed this run.** \`${why}\``);
  });

  it('names both rules when both fail the run', async () => {
    const s = await signals(['--fail-on', 'warn', '--baseline', 'base.json', '--fail-on-new', 'error']);
    expect(s.code).toBe(1);
    expect(s.messages.slice(-2)).toEqual([
      'mxscan: failing: 2 ERROR and 1 WARN codes at or above --fail-on warn: storage_credential_no_access (3), storage_error (1), STORAGE_USER_WITH_ERROR (1)',
      'mxscan: failing: 1 ERROR code new or increased against the baseline, at or above --fail-on-new error: storage_error (new, 1)',
    ]);
  });

  it('is not said when the run passes, nor with --quiet', async () => {
    expect((await signals(['--fail-on', 'error'], true)).messages).toEqual([]);
  });
});

describe('--fail-on and --fail-on-new take levels in any case, warning as warn', () => {
  it.each([
    ['ERROR', 1],
    ['Error', 1],
    ['WARNING', 1],
    ['warning', 1],
    ['None', 0],
  ])('--fail-on %s', async (value, code) => {
    const r = await runMain(['scan', 'now.log', '--quiet', '--fail-on', value], { cwd: dir });
    expect(r.err).toBe('');
    expect(r.code).toBe(code);
  });

  it('--fail-on-new WARNING is --fail-on-new warn', async () => {
    const r = await runMain(['scan', 'now.log', '--baseline', 'base.json', '--fail-on-new', 'WARNING'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.err.split('\n').at(-2)).toBe('mxscan: failing: 1 ERROR code new or increased against the baseline, at or above --fail-on-new warn: storage_error (new, 1)');
  });

  it('anything else is one line and exit 2', async () => {
    const r = await runMain(['scan', 'now.log', '--fail-on', 'fatal'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe('mxscan: invalid value for --fail-on: "fatal" (choices: "none", "error", "warn", "info")');
    const none = await runMain(['scan', 'now.log', '--baseline', 'base.json', '--fail-on-new', 'none'], { cwd: dir });
    expect(none.code).toBe(2);
  });

  it('parseFailLevel', () => {
    expect(['none', 'NONE', 'error', 'Warn', 'WARNING', ' info ', 'fatal', ''].map(parseFailLevel)).toEqual(['none', 'none', 'error', 'warn', 'warn', 'info', undefined, undefined]);
  });
});
