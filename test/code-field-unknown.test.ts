/**
 * A code field holding a value that is no catalog code: an unknown code, and the record read as text too, so
 * that the catalog codes its other fields name count (Winston's `code` is a Node error code). One holding a
 * catalog code stays the record's only code. Expected values worked out by hand.
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { order, scan, unknown } from './support/fixtures.js';
import { tempDir } from './support/cli.js';
import { ENGINES } from './oracle/switch.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts; src/scan.ts is mocked
// by the setup file of the project these tests run in, test/support/oracle-mock.ts).

let dir: string;
beforeAll(() => {
  dir = tempDir('code-unknown');
  // 40,000 rows of quota_warning (no catalog code; 2.5 MB, so that the kernel reads the later chunks' rows of a
  // value it was given): every 4th row names smime_error in its message, the others nothing; then a row of
  // storage_error whose message names web_hook_moved (not counted).
  const rows = ['time,code,message'];
  for (let i = 1; i <= 40_000; i++) rows.push(`2026-04-07T09:00:00Z,quota_warning,${i % 4 === 0 ? 'then smime_error for ann@contoso.com' : 'quota at 91 % of the mailbox'}`);
  rows.push('2026-04-07T09:30:00Z,storage_error,see web_hook_moved');
  writeFileSync(path.join(dir, 'export.csv'), rows.join('\n') + '\n');
  // The same 40,001 events as JSON lines and as one JSON array: the kernel counts the text's codes of the
  // later ones itself, the caller gets their unknown value.
  const events: string[] = [];
  for (let i = 1; i <= 40_000; i++) {
    events.push(JSON.stringify({ time: '2026-04-07T09:00:00Z', code: 'quota_warning', msg: i % 4 === 0 ? 'then smime_error for ann@contoso.com' : 'quota at 91 % of the mailbox' }));
  }
  events.push(JSON.stringify({ time: '2026-04-07T09:30:00Z', code: 'storage_error', msg: 'see web_hook_moved' }));
  writeFileSync(path.join(dir, 'events.jsonl'), events.join('\n') + '\n');
  writeFileSync(path.join(dir, 'events.json'), '[' + events.join(',\n') + ']\n');
  // Values the text rule reads only the head of, or whole though they are long: the value's own.
  const long = 'a_' + 'b'.repeat(130);
  writeFileSync(
    path.join(dir, 'heads.jsonl'),
    [
      '{"code":"quota_warning: 91%","msg":"smime_error"}', // 1: the key's text gives quota_warning: the value's head
      '{"code":"E_CONN.refused"}', // 2: E_CONN, its head
      `{"code":"${long}","msg":"error_code=${long} smime_error"}`, // 3: the value (shown cut at 120) once
      '',
    ].join('\n'),
  );
  // JSON lines: the text's own finding of the value (its key, another spelling of it in the message) is the
  // same unknown code; another unknown code in the text is one more.
  writeFileSync(
    path.join(dir, 'app.jsonl'),
    [
      '{"code":"Quota_Warning","msg":"error_code=quota_warning, smime_error"}', // 1: Quota_Warning once, smime_error
      '{"code":"Quota_Warning","msg":"error_code=disk_full"}', // 2: Quota_Warning and disk_full
      '{"code":"Quota_Warning"}', // 3: Quota_Warning alone
      '',
    ].join('\n'),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(ENGINES)('an unknown value in a code field (%s)', (engine) => {
  it('CSV: the row is read as text too; a catalog code in the code column stays the only code', async () => {
    const { code, report } = await scan([path.join(dir, 'export.csv')], { engine });
    expect(code).toBe(0);
    expect(order(report)).toEqual([
      ['smime_error', 10_000], // rows 4, 8, …, 40,000
      ['storage_error', 1], // the last row (its message's web_hook_moved does not count)
    ]);
    expect(unknown(report)).toEqual({ quota_warning: 40_000 });
    expect(report.codes.find((c) => c.code === 'smime_error')!.accounts.top.map((a) => [a.account, a.count])).toEqual([['ann@contoso.com', 10_000]]);
  });

  it.each(['events.jsonl', 'events.json'])('%s: the kernel counts the text codes of most, as the caller the first', async (name) => {
    const { report } = await scan([path.join(dir, name)], { engine });
    expect(order(report)).toEqual([
      ['smime_error', 10_000], // events 4, 8, …, 40,000
      ['storage_error', 1], // the last (its msg's web_hook_moved does not count)
    ]);
    expect(unknown(report)).toEqual({ quota_warning: 40_000 });
    expect(report.codes.find((c) => c.code === 'smime_error')!.accounts.top.map((a) => [a.account, a.count])).toEqual([['ann@contoso.com', 10_000]]);
  });

  it('JSON lines: what the text finds that the value starts with is the value (its head, or all of a long one)', async () => {
    const { report } = await scan([path.join(dir, 'heads.jsonl')], { engine });
    expect(order(report)).toEqual([['smime_error', 2]]); // lines 1 and 3
    expect(unknown(report)).toEqual({ 'quota_warning: 91%': 1, 'E_CONN.refused': 1, [`a_${'b'.repeat(118)}…`]: 1 });
  });

  it('JSON lines: the value once a record, however often and however the text spells it', async () => {
    const { report } = await scan([path.join(dir, 'app.jsonl')], { engine });
    expect(order(report)).toEqual([['smime_error', 1]]);
    expect(unknown(report)).toEqual({ Quota_Warning: 3, disk_full: 1 });
  });
});

describe.each(ENGINES)('code fields by other spellings (%s)', (engine) => {
  it('Serilog: the PascalCase ErrorCode and Code properties are code fields; the codes a detail names are not counted', async () => {
    const f = 'fixtures/exports/serilog/mail2cloud.clef';
    const { code, report } = await scan([f], { engine });
    expect(code).toBe(0);
    expect(order(report)).toEqual([
      ['storage_error', 1], // line 1's ErrorCode (not its Detail's smime_error)
      ['task_finished_without_error', 1], // line 3's Code (not the execution_failed its template names)
    ]);
    expect(unknown(report)).toEqual({ provider_throttled: 1 }); // line 2's ErrorCode
  });

  it('a spreadsheet: an `Error Code` column is the code field; an empty cell leaves the row to its text', async () => {
    const f = 'fixtures/exports/sheets/error-code-column.csv';
    const { code, report } = await scan([f], { engine });
    expect(code).toBe(0);
    expect(order(report)).toEqual([
      ['execution_failed', 1], // row 3: no code, its Details
      ['storage_error', 1], // row 1 (not the smime_error its Details names)
    ]);
    expect(unknown(report)).toEqual({ 'QUOTA-HARD': 1 }); // row 2: not code-shaped, but a code column's value
  });
});
