/**
 * Postmortem capability in CI: JUnit XML, one test case per catalog code. Every expected value was counted by
 * hand from the fixture text (line numbers cited) and the capability's rules, never copied from mxscan's output.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { dirMaker, scanJson, tempDir } from './support/postmortem-cli.js';
import { PM, DATA } from './support/postmortem-paths.js';

const temp = tempDir('mxscan-pm-ci-');
afterAll(() => temp.remove());

/** A fresh sub-directory of the temp dir. */
const freshDir = dirMaker(temp.dir);

// ---------------------------------------------------------------------------------------------------
// 6. JUnit
//
// junit/hostile-evidence.log: storage_error 2 (1: markup, `]]>`, \x01 and an ANSI colour; 7: an OSC sequence
// with BEL), smime_error 1 (2: `]]><![CDATA[` and \x0b \x0c), STORAGE_USER_WITH_ERROR 1 (3, WARN),
// task_finished_without_error 1 (4, INFO, `&`), connection_error_max_retry 1 (5), execution_failed 1 (6),
// web_hook_removed_by_move_conflict 1 (8, WARN, U+FFFE and U+FFFF in a folder name).
// ---------------------------------------------------------------------------------------------------
const JUNIT_LOG = `${PM}/junit/hostile-evidence.log`;
const BUILTIN_CODES = [
  'storage_credential_no_access',
  'storage_error',
  'web_hook_deleted',
  'web_hook_removed_by_move_conflict',
  'web_hook_moved',
  'task_finished_with_error',
  'task_finished_without_error',
  'STORAGE_USER_WITH_ERROR',
  'connection_error_max_retry',
  'accounts_and_groups_source_sync_warning',
  'accounts_and_groups_source_sync_error',
  'store_in_ai_error',
  'smime_error',
  'execution_failed',
  'execution_unexpected_error',
];

interface Case {
  '@_name': string;
  failure?: { '#text'?: string; '@_message'?: string };
  skipped?: { '@_message'?: string };
}
interface Junit {
  suites: Record<string, string>;
  suite: Record<string, string>;
  cases: Map<string, Case>;
}

function parseJunit(xml: string): Junit {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    isArray: (name) => name === 'testcase' || name === 'testsuite',
  });
  const doc = parser.parse(xml) as { testsuites: Record<string, unknown> & { testsuite: (Record<string, unknown> & { testcase: Case[] })[] } };
  const attrs = (o: Record<string, unknown>): Record<string, string> =>
    Object.fromEntries(Object.entries(o).filter(([k]) => k.startsWith('@_')).map(([k, v]) => [k.slice(2), String(v)]));
  const suite = doc.testsuites.testsuite[0]!;
  return { suites: attrs(doc.testsuites), suite: attrs(suite), cases: new Map(suite.testcase.map((c) => [c['@_name'], c])) };
}

const ILLEGAL_XML = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/;

async function junit(args: string[]): Promise<{ code: number; xml: string; j: Junit }> {
  const file = path.join(freshDir(), 'junit.xml');
  const r = await scanJson([JUNIT_LOG, '--junit', file, ...args]);
  const xml = readFileSync(file, 'utf8');
  return { code: r.code, xml, j: parseJunit(xml) };
}

describe('JUnit: one test case per catalog code', () => {
  it('writes valid XML: 15 cases, failing for the codes seen at ERROR with --fail-on error', async () => {
    const { code, xml, j } = await junit(['--fail-on', 'error']);
    expect(code).toBe(1);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).not.toMatch(ILLEGAL_XML);
    expect(j.suites).toMatchObject({ tests: '15', failures: '4', skipped: '0' });
    expect(j.suite).toMatchObject({ tests: '15', failures: '4', skipped: '0' });
    expect([...j.cases.keys()].sort()).toEqual([...BUILTIN_CODES].sort());
    const failing = [...j.cases.values()].filter((c) => c.failure !== undefined).map((c) => c['@_name']);
    expect(failing.sort()).toEqual(['connection_error_max_retry', 'execution_failed', 'smime_error', 'storage_error']);
    expect([...j.cases.values()].filter((c) => c.skipped !== undefined)).toEqual([]);
  });

  it('puts the count, the action and the samples, markup intact and illegal characters stripped, in the failure', async () => {
    const { j } = await junit(['--fail-on', 'error']);
    const f = j.cases.get('storage_error')!.failure!;
    const body = f['#text']!;
    expect(`${f['@_message']}\n${body.split('\n')[0]}`).toMatch(/(^|\D)2(\D|$)/); // 2 occurrences
    expect(body).toContain('Inspect execution details, validate storage access/quota/path, and retry affected flow.');
    expect(body).toContain(`${JUNIT_LOG}:1`);
    expect(body).toContain(`${JUNIT_LOG}:7`);
    // `<`, `>`, `&`, `"` and `]]>` come back as written
    expect(body).toContain('Box said <error code="401">Unauthorized & revoked</error> ]]>');
    expect(body).not.toMatch(ILLEGAL_XML);
    const smime = j.cases.get('smime_error')!.failure!['#text']!;
    expect(smime).toContain('bad MIME boundary "]]><![CDATA["');
    expect(smime).toContain('Check certificates/keys/trust chain and message format, then retry processing.');
    expect(smime).not.toMatch(ILLEGAL_XML);
    // seen below the failing level: not a failure
    expect(j.cases.get('STORAGE_USER_WITH_ERROR')!.failure).toBeUndefined();
    expect(j.cases.get('task_finished_without_error')!.failure).toBeUndefined();
    expect(j.cases.get('web_hook_removed_by_move_conflict')!.failure).toBeUndefined();
  });

  it('has one case per entry of a custom catalog too', async () => {
    // many-errors.log holds all 9 built-in ERROR codes and the 4 of catalog-extra-errors.json
    const file = path.join(freshDir(), 'junit.xml');
    await scanJson([`${PM}/github/many-errors.log`, '--catalog', `${DATA}/catalog-extra-errors.json`, '--junit', file, '--fail-on', 'error']);
    const { suites, cases } = parseJunit(readFileSync(file, 'utf8'));
    expect(suites).toMatchObject({ tests: '19', failures: '13', skipped: '0' });
    expect(cases.has('box_rate_limited')).toBe(true);
    expect(cases.get('web_hook_moved')!.failure).toBeUndefined();
  });

  it('fails the codes at or above --fail-on', async () => {
    const warn = await junit(['--fail-on', 'warn']);
    expect(warn.code).toBe(1);
    expect(XMLValidator.validate(warn.xml)).toBe(true);
    expect(warn.xml).not.toMatch(ILLEGAL_XML);
    // 4 ERROR + STORAGE_USER_WITH_ERROR + web_hook_removed_by_move_conflict
    expect(warn.j.suites).toMatchObject({ tests: '15', failures: '6', skipped: '0' });
    expect(warn.j.cases.get('STORAGE_USER_WITH_ERROR')!.failure).toBeDefined();
    expect(warn.j.cases.get('web_hook_removed_by_move_conflict')!.failure!['#text']).toContain('folder "/Legal/Intake" moved twice');
    const info = await junit(['--fail-on', 'info']);
    expect(info.j.suites).toMatchObject({ tests: '15', failures: '7', skipped: '0' });
    expect(info.j.cases.get('task_finished_without_error')!.failure).toBeDefined();
  });

  it('skips a code under an active suppression and fails one whose suppression expired', async () => {
    // suppress-junit.json: connection_error_max_retry until 2999-12-31, execution_failed until 2001-09-09
    const { code, xml, j } = await junit(['--suppress', `${DATA}/suppress-junit.json`, '--fail-on', 'error']);
    expect(code).toBe(1);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(j.suites).toMatchObject({ tests: '15', failures: '3', skipped: '1' });
    const skipped = j.cases.get('connection_error_max_retry')!;
    expect(skipped.failure).toBeUndefined();
    expect(skipped.skipped!['@_message']).toContain('Box API outage INC-2231, vendor fix pending');
    expect(j.cases.get('execution_failed')!.failure).toBeDefined();
  });

  it('adds a case in error when an input could not be read: the test tab never shows the run as all passed', async () => {
    const { code, xml, j } = await junit(['fixtures/bad/no-such-file.log']);
    expect(code).toBe(2);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(j.suites).toMatchObject({ tests: '16', failures: '0', errors: '1', skipped: '0' });
    const error = (j.cases.get('every input read') as unknown as { error: { '@_message': string; '@_type': string; '#text': string } }).error;
    expect(error['@_message']).toBe('the scan is incomplete: 1 problem with its inputs');
    expect(error['@_type']).toBe('incomplete');
    expect(error['#text']).toBe('cannot read fixtures/bad/no-such-file.log: no such file or directory');
    // A scan that read everything has no such case.
    const clean = await junit([]);
    expect(clean.j.suites).toMatchObject({ tests: '15', errors: '0' });
    expect(clean.j.cases.has('every input read')).toBe(false);
  });
});

describe('a run that reads nothing, where an earlier run wrote its reports', () => {
  it('leaves no earlier report at its targets, and its JUnit file holds one case in error saying why', async () => {
    const { run } = await import('./support/postmortem-cli.js');
    const { writeFileSync, existsSync } = await import('node:fs');
    const dir = freshDir();
    writeFileSync(path.join(dir, 'warn.log'), '2026-04-07T09:14:02Z WARN STORAGE_USER_WITH_ERROR for ann@contoso.com\n');
    const first = await run(['scan', 'warn.log', '--junit', 'j.xml', '--out', 'rep', '-o', 'r.json', '--accounts', 'acc.csv', '-q'], { cwd: dir });
    expect(first.code).toBe(0);
    for (const f of ['j.xml', 'rep/report.md', 'rep/report.json', 'rep/report.html', 'r.json', 'acc.csv']) expect(existsSync(path.join(dir, f))).toBe(true);
    const second = await run(['scan', 'gone.log', '--junit', 'j.xml', '--out', 'rep', '-o', 'r.json', '--accounts', 'acc.csv', '-q'], { cwd: dir });
    expect(second.code).toBe(2);
    expect(second.err).toBe('mxscan: cannot read gone.log: no such file or directory\n');
    for (const f of ['rep/report.md', 'rep/report.json', 'rep/report.html', 'r.json', 'acc.csv']) expect(existsSync(path.join(dir, f))).toBe(false);
    const xml = readFileSync(path.join(dir, 'j.xml'), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const j = parseJunit(xml);
    expect([j.suites['tests'], j.suites['failures'], j.suites['errors']]).toEqual(['1', '0', '1']);
    expect(xml).toContain('<testcase classname="mxscan.scan" name="every input read" time="0">');
    expect(xml).toContain('<error message="nothing was scanned: no input could be read" type="incomplete">cannot read gone.log: no such file or directory</error>');
  });

  it('says what it removed; leaves a file that is no report of its own; writes -o x.xml as JUnit; masks names under --redact', async () => {
    const { run } = await import('./support/postmortem-cli.js');
    const { writeFileSync, existsSync, mkdirSync } = await import('node:fs');
    const dir = freshDir();
    writeFileSync(path.join(dir, 'warn.log'), '2026-04-07T09:14:02Z WARN STORAGE_USER_WITH_ERROR for ann@contoso.com\n');
    await run(['scan', 'warn.log', '-o', 'r.md', '-o', 'junit.xml', '-q'], { cwd: dir });
    writeFileSync(path.join(dir, 'notes.md'), '# Notes\n\nabout mxscan\n');
    const r = await run(['scan', 'jane.doe@contoso.com.log', '-o', 'r.md', '-o', 'notes.md', '-o', 'junit.xml', '--redact'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.err).toBe('mxscan: cannot read j***@contoso.com.log: no such file or directory\nmxscan: removed r.md: an earlier run\'s report (this run read nothing)\n');
    expect(existsSync(path.join(dir, 'r.md'))).toBe(false);
    expect(readFileSync(path.join(dir, 'notes.md'), 'utf8')).toBe('# Notes\n\nabout mxscan\n');
    const xml = readFileSync(path.join(dir, 'junit.xml'), 'utf8');
    expect(xml).toContain('type="incomplete">cannot read j***@contoso.com.log: no such file or directory</error>');
    expect(xml).not.toContain('jane.doe');
    // scan --partial --out DIR: the earlier partial.json goes (a merge of part-*/partial.json would take it).
    mkdirSync(path.join(dir, 'part-1'));
    await run(['scan', 'warn.log', '--partial', '--out', 'part-1', '-q'], { cwd: dir });
    expect(existsSync(path.join(dir, 'part-1', 'partial.json'))).toBe(true);
    const p = await run(['scan', 'gone.log', '--partial', '--out', 'part-1', '--junit', 'pj.xml'], { cwd: dir });
    expect(p.code).toBe(2);
    expect(existsSync(path.join(dir, 'part-1', 'partial.json'))).toBe(false);
    // a partial keeps no JUnit
    expect(existsSync(path.join(dir, 'pj.xml'))).toBe(false);
  });
});
