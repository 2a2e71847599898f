/**
 * A code field holding a placeholder — no letter or digit, as Kibana writes `-` in an empty cell — is no
 * value: the next code field decides, else the record is read as text. Expected values worked out by hand.
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldCode } from '../src/extract/record.js';
import { order, scan, unknown } from './support/fixtures.js';
import { tempDir } from './support/cli.js';
import { ENGINES } from './oracle/switch.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts; src/scan.ts is mocked
// by the setup file of the project these tests run in, test/support/oracle-mock.ts).

let dir: string;
beforeAll(() => {
  dir = tempDir('placeholder');
  // 1: `-`, the text's smime_error counts; 2: `--`, then error_code decides; 3: `?`, nothing in the text;
  // 4: an escaped em dash (read by JSON.parse), the text's web_hook_moved counts; 5: a raw em dash, the
  // text's storage_error counts; 6: `E-1` has a letter: an unknown code, and the text's smime_error counts.
  writeFileSync(
    path.join(dir, 'app.jsonl'),
    [
      '{"code":"-","msg":"smime_error for ann@contoso.com"}',
      '{"code":"--","error_code":"storage_credential_no_access","msg":"x"}',
      '{"code":"?","msg":"nothing to see"}',
      '{"code":"\\u2014","msg":"web_hook_moved"}',
      '{"code":"—","msg":"storage_error"}',
      '{"code":"E-1","msg":"smime_error"}',
      '',
    ].join('\n'),
  );
  // Kibana's CSV export: `-` in the empty cells (row 3's code and account).
  writeFileSync(
    path.join(dir, 'kibana.csv'),
    ['"@timestamp",code,"user.email",message', '"Apr 7, 2026 @ 09:14:02.113","storage_error","ann@contoso.com","upload failed"', '"Apr 7, 2026 @ 09:15:30.500","-","-","task_finished_with_error for cy@contoso.com"', ''].join('\n'),
  );
  // Words for none: .NET's `"ErrorCode":"None"`, SSMS's `NULL`, `N/A`, `0` for no error.
  writeFileSync(
    path.join(dir, 'none.jsonl'),
    ['{"ErrorCode":"None","Message":"upload done for ann@contoso.com"}', '{"ErrorCode":" NULL ","error_code":"smime_error","Message":"x"}', '{"code":"0","msg":"storage_error retried"}', '{"ErrorCode":"Nonesuch","Message":"y"}', ''].join('\n'),
  );
  writeFileSync(path.join(dir, 'ssms.csv'), ['Time,Error Code,Message', '2026-04-07 09:00:00,NULL,ok', '2026-04-07 09:01:00,N/A,web_hook_moved', '2026-04-07 09:02:00,0,fine', ''].join('\n'));
  // Two exports joined (`copy /b a.csv+b.csv`): the second's header is a row, its Code cell the column's name.
  writeFileSync(
    path.join(dir, 'joined.csv'),
    ['Timestamp,Code,Message', '2026-04-07 09:14:02,storage_error,upload failed', 'Timestamp,Code,Message', '2026-04-07 09:20:00,smime_error,sign failed', ''].join('\r\n'),
  );
  // A nested code field (--code-field attributes.code) in a JSON array.
  writeFileSync(path.join(dir, 'dd.json'), '[{"attributes":{"code":"-"},"message":"smime_error"},\n{"attributes":{"code":"storage_error"},"message":"web_hook_moved"}]\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fieldCode', () => {
  it('trims a value, and gives none for a placeholder', () => {
    expect(['storage_error', ' E-1 ', '500', 'Überlauf', '-', ' -- ', '—', '?', '', ' ', '_'].map(fieldCode)).toEqual(['storage_error', 'E-1', '500', 'Überlauf', undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  it('gives none for a word for none, in any case', () => {
    expect(['None', ' NULL ', 'n/a', '#N/A', '0', '00', 'Nonesuch', 'null_pointer'].map(fieldCode)).toEqual([undefined, undefined, undefined, undefined, undefined, '00', 'Nonesuch', 'null_pointer']);
  });
});

describe.each(ENGINES)('a placeholder in a code field (%s)', (engine) => {
  it('JSON lines: the next code field, else the text', async () => {
    const { code, report } = await scan([path.join(dir, 'app.jsonl')], { engine });
    expect(code).toBe(0);
    expect(order(report)).toEqual([
      ['smime_error', 2], // lines 1 and 6 (E-1 is no catalog code: the line is read as text too)
      ['storage_credential_no_access', 1], // line 2's error_code
      ['storage_error', 1], // line 5
      ['web_hook_moved', 1], // line 4
    ]);
    expect(unknown(report)).toEqual({ 'E-1': 1 });
  });

  it('a word for none (None, NULL, N/A, 0) is no code: the next code field, else the text', async () => {
    const json = await scan([path.join(dir, 'none.jsonl')], { engine });
    expect(order(json.report)).toEqual([
      ['smime_error', 1], // line 2's error_code, after ErrorCode's NULL
      ['storage_error', 1], // line 3's text: its code is 0
    ]);
    expect(unknown(json.report)).toEqual({ Nonesuch: 1 }); // line 4
    const csv = await scan([path.join(dir, 'ssms.csv')], { engine });
    expect(order(csv.report)).toEqual([['web_hook_moved', 1]]); // row 3's message
    expect(unknown(csv.report)).toEqual({});
  });

  it('a Kibana CSV export: a `-` code cell leaves the row to its text', async () => {
    const { report } = await scan([path.join(dir, 'kibana.csv')], { engine });
    expect(order(report)).toEqual([
      ['storage_error', 1], // row 2's code
      ['task_finished_with_error', 1], // row 3's message
    ]);
    expect(unknown(report)).toEqual({});
    expect(report.codes.find((c) => c.code === 'task_finished_with_error')!.accounts.top.map((a) => a.account)).toEqual(['cy@contoso.com']);
  });

  it('a header row repeated where two CSV exports were joined: its Code cell is no unknown code', async () => {
    const { report } = await scan([path.join(dir, 'joined.csv')], { engine });
    expect(order(report)).toEqual([
      ['smime_error', 1],
      ['storage_error', 1],
    ]);
    // Before: an unknown code `Code` (the catalog seemed out of date).
    expect(unknown(report)).toEqual({});
  });

  it('a nested code field (--code-field attributes.code) in a JSON array', async () => {
    const { report } = await scan([path.join(dir, 'dd.json'), '--code-field', 'attributes.code'], { engine });
    // element 1: `-`, its message's smime_error; element 2: storage_error (its message does not count)
    expect(order(report)).toEqual([
      ['smime_error', 1],
      ['storage_error', 1],
    ]);
    expect(unknown(report)).toEqual({});
  });
});
