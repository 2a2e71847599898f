/**
 * A configuration file (mxscan.config.json or .mxscanrc.json in the working directory or the nearest one
 * above it, up to the repository's root, or --config FILE)
 * sets defaults; the command line wins; `mxscan config` prints the settings in effect; a bad file is one
 * line naming the file and the key, exit 2.
 */
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runMain, tempDir } from './support/main.js';

// One ERROR code (storage_error) and one INFO code (web_hook_moved).
const LOG = '2026-03-18T08:00:00Z ERROR storage_error on box\n2026-03-18T08:01:00Z INFO web_hook_moved folder\n';

let dir: string;
let remove: () => void;
beforeEach(() => {
  ({ dir, remove } = tempDir('config-'));
  writeFileSync(path.join(dir, 'app.log'), LOG);
});
afterEach(() => remove());

const write = (name: string, value: unknown): void => writeFileSync(path.join(dir, name), typeof value === 'string' ? value : JSON.stringify(value));
const run = (argv: string[]) => runMain(argv, { cwd: dir });

describe('the configuration file', () => {
  it('mxscan.config.json sets --fail-on; the command line wins', async () => {
    expect((await run(['scan', 'app.log', '--quiet'])).code).toBe(0);
    write('mxscan.config.json', { failOn: 'ERROR' });
    expect((await run(['scan', 'app.log', '--quiet'])).code).toBe(1);
    expect((await run(['scan', 'app.log', '--quiet', '--fail-on', 'none'])).code).toBe(0);
  });

  it('--no-config reads none (it crashed with a stack trace)', async () => {
    write('mxscan.config.json', { failOn: 'error' });
    const r = await run(['scan', 'app.log', '--quiet', '--no-config']);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toBe('');
  });

  it('.mxscanrc.json is read too, and --config FILE names another', async () => {
    write('.mxscanrc.json', { failOn: 'warning' });
    // warn: the ERROR code is at or above it.
    expect((await run(['scan', 'app.log', '--quiet'])).code).toBe(1);
    mkdirSync(path.join(dir, 'ci'));
    write('ci/strict.json', { failOn: 'none' });
    expect((await run(['scan', 'app.log', '--quiet', '--config', 'ci/strict.json'])).code).toBe(0);
  });

  it('is found in the nearest directory above, up to the repository\'s root (a CI step in a subdirectory); $schema is allowed', async () => {
    mkdirSync(path.join(dir, 'repo', '.git'), { recursive: true });
    mkdirSync(path.join(dir, 'repo', 'svc', 'logs'), { recursive: true });
    writeFileSync(path.join(dir, 'repo', 'svc', 'logs', 'app.log'), LOG);
    writeFileSync(path.join(dir, 'repo', 'mxscan.config.json'), JSON.stringify({ $schema: 'https://example.com/mxscan.schema.json', failOn: 'error' }));
    const inSvc = await runMain(['scan', 'logs/app.log', '--quiet'], { cwd: path.join(dir, 'repo', 'svc') });
    expect(inSvc.code, inSvc.err).toBe(1);
    const shown = await runMain(['config'], { cwd: path.join(dir, 'repo', 'svc') });
    expect(shown.out).toContain('../mxscan.config.json');
    // Above the repository's root it is not looked for.
    writeFileSync(path.join(dir, 'mxscan.config.json'), JSON.stringify({ failOn: 'info' }));
    rmSync(path.join(dir, 'repo', 'mxscan.config.json'));
    expect((await runMain(['scan', 'logs/app.log', '--quiet'], { cwd: path.join(dir, 'repo', 'svc') })).code).toBe(0);
  });

  it('sets exclude and catalogs (paths from the file’s directory)', async () => {
    mkdirSync(path.join(dir, 'ci'));
    write('skip.log', '2026-03-18T08:00:00Z ERROR smime_error\n');
    write('ci/catalog.json', [{ code: 'box_full', module: 'storage', type: 'quota', level: 'WARN', description: 'Box is full', action: 'Free space' }]);
    write('box.log', '2026-03-18T08:00:00Z box_full\n');
    write('ci/cfg.json', { exclude: ['skip.log', 'ci/**'], catalog: 'catalog.json' });
    const r = await run(['scan', '.', '--format', 'json', '--config', 'ci/cfg.json']);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out) as { codes: { code: string; count: number }[]; files: { path: string }[] };
    expect(j.codes.map((c) => [c.code, c.count])).toEqual([
      ['storage_error', 1],
      ['box_full', 1],
      ['web_hook_moved', 1],
    ]);
    expect(j.files.map((f) => f.path)).not.toContain('skip.log');
  });

  it('`scan .` leaves out the files the run reads itself: its configuration, catalogs, suppressions and baseline', async () => {
    mkdirSync(path.join(dir, 'catalogs'));
    // Each names codes: read as logs, the suppression's expired entry and the catalog's code counted.
    write('catalogs/tenant.json', [{ code: 'box_full', module: 'storage', type: 'quota', level: 'ERROR', description: 'Box is full', action: 'Free space' }]);
    write('suppressions.json', [{ code: 'storage_credential_no_access', reason: 'migration week', expires: '2026-01-31' }]);
    write('mxscan.config.json', { suppress: 'suppressions.json', catalog: 'catalogs/tenant.json', failOn: 'error' });
    write('app.log', '2026-03-18T08:01:00Z INFO web_hook_moved folder\n');
    const base = await run(['scan', 'app.log', '--format', 'json', '--quiet']);
    write('base.json', base.out);
    const r = await run(['scan', '.', '--format', 'json', '--baseline', 'base.json']);
    // app.log alone: one INFO code, nothing at --fail-on error.
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out) as { codes: { code: string; count: number }[]; files: { path: string }[] };
    expect(j.files.map((f) => f.path)).toEqual(['app.log']);
    expect(j.codes.map((c) => [c.code, c.count])).toEqual([['web_hook_moved', 1]]);
    // A glob that matches only such files finds nothing to scan: exit 2, no all-clear.
    const glob = await run(['scan', '*.json', '--quiet']);
    expect(glob.code).toBe(2);
    expect(glob.err).toContain('*.json: no file to scan matches this pattern (only ');
    // A directory walked through a symbolic link finds them under another name: left out all the same.
    symlinkSync(dir, path.join(dir, 'again'));
    const linked = await run(['scan', 'again', '--format', 'json', '--quiet']);
    expect((JSON.parse(linked.out) as { files: { path: string }[] }).files.map((f) => f.path).filter((p) => !p.includes('base.json'))).toEqual(['again/app.log']);
    // Named as an input, a file is read all the same.
    const named = await run(['scan', 'suppressions.json', '--format', 'json', '--quiet', '--fail-on', 'none']);
    expect((JSON.parse(named.out) as { files: { path: string }[] }).files.map((f) => f.path)).toEqual(['suppressions.json']);
  });

  it('sets the code and time fields of structured records', async () => {
    // The code is in evt.name, the time in at; `code` holds another known code that the field setting ignores.
    write('events.jsonl', '{"at":"2026-03-18T08:00:00Z","evt":{"name":"smime_error"},"code":"storage_error"}\n');
    write('mxscan.config.json', { codeField: 'evt.name', timeField: 'at' });
    const r = await run(['scan', 'events.jsonl', '--format', 'json']);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out) as { codes: { code: string; count: number; firstSeen: string }[] };
    expect(j.codes.map((c) => [c.code, c.count, c.firstSeen])).toEqual([['smime_error', 1, '2026-03-18T08:00:00.000Z']]);
  });

  it('mxscan config prints the settings in effect, the command line over the file', async () => {
    write('mxscan.config.json', { failOn: 'warn', tz: 'Europe/Paris', codeField: 'event.code', catalog: ['a.json'], records: 'result.rows' });
    const r = await run(['config', '--fail-on', 'error']);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      file: 'mxscan.config.json',
      settings: { catalog: ['a.json'], builtinCatalog: true, suppress: null, failOn: 'error', exclude: [], tz: 'Europe/Paris', dateOrder: null, timeFormat: null, codeField: 'event.code', timeField: null, delimiter: null, records: 'result.rows' },
    });
    const none = JSON.parse((await runMain(['config'], { cwd: path.join(dir, '..') })).out) as { file: unknown };
    expect(none.file).toBe(null);
  });

  it.each([
    ['{ "failOn": ', 'mxscan: bad config file mxscan.config.json: not valid JSON'],
    [{ failon: 'error' }, 'mxscan: bad config file mxscan.config.json: unknown key "failon" (did you mean "failOn"?)\n'],
    [{ failOn: 'fatal' }, 'mxscan: bad config file mxscan.config.json: key "failOn": expected one of none, error, warn, info, got "fatal"\n'],
    [{ tz: 'Mars/Olympus' }, 'mxscan: bad config file mxscan.config.json: key "tz": expected an IANA time zone such as Europe/Paris or UTC, got "Mars/Olympus"\n'],
    [[1], 'mxscan: bad config file mxscan.config.json: expected a JSON object such as { "failOn": "error" }\n'],
  ])('a bad file %j is one line naming the file and the key, exit 2', async (content, line) => {
    write('mxscan.config.json', content);
    const r = await run(['scan', 'app.log']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.startsWith(line)).toBe(true);
    expect(r.err.split('\n').length).toBe(2);
  });

  it('a --config file that cannot be read is one line', async () => {
    const r = await run(['scan', 'app.log', '--config', 'missing.json']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('mxscan: cannot read config file missing.json: no such file or directory\n');
  });
});
