/**
 * An account field's value (README "Accounts"): trimmed and lower-cased, and a name with an address gives
 * the address. Expected accounts are written out by hand from the inputs below.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { accountValue, accountValues } from '../src/extract/accounts.js';
import { accounts, scan } from './support/fixtures.js';
import { ENGINE_FLAGS, on } from './oracle/switch.js';
import { tempDir } from './support/main.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts; src/scan.ts is mocked
// by the setup file of the project these tests run in, test/support/oracle-mock.ts).

const { remove, write: written } = tempDir('mxscan-account-fields-');
afterAll(remove);

describe('accountValue', () => {
  it('takes the address of a name and an address, and leaves other values whole', () => {
    expect(accountValue('Lee <Lee@Contoso.com>')).toBe('lee@contoso.com');
    expect(accountValue('"Lee, Ann" <ann@contoso.com> ')).toBe('ann@contoso.com');
    expect(accountValue('<bo@contoso.com>')).toBe('bo@contoso.com');
    // Outlook separates recipients with `;` (and writes one after the last).
    expect(accountValue('Kim Park <kim@contoso.com>;')).toBe('kim@contoso.com');
    expect(accountValue('hal@contoso.com;')).toBe('hal@contoso.com');
    // Not an address: the value as it is.
    expect(accountValue('tenant-42;')).toBe('tenant-42;');
    expect(accountValue('  Tenant-42 ')).toBe('tenant-42');
    expect(accountValue(42)).toBe('42');
    // No address between the brackets: the value as it is; text after an address: the address.
    expect(accountValue('ops <on call>')).toBe('ops <on call>');
    expect(accountValue('<lee@contoso.com> (Lee)')).toBe('lee@contoso.com');
    expect(accountValue('   ')).toBeUndefined();
  });

  it('names no account for a placeholder or a word for none, and trims a file\'s extension after an address', () => {
    for (const v of ['-', ' - ', '—', 'N/A', 'null', 'NULL', '0', '#N/A']) expect(accountValue(v), v).toBeUndefined();
    expect(accountValue('Ann@Contoso.com.PST')).toBe('ann@contoso.com');
    expect(accountValue('ann@contoso.com.csv.gz')).toBe('ann@contoso.com');
    expect(accountValue('Ann <ann@contoso.com.pst>')).toBe('ann@contoso.com');
    // No domain would be left, no address before the extension, or no extension: the value as it is.
    expect(accountValue('ann@host.pst')).toBe('ann@host.pst');
    expect(accountValue('backup.pst')).toBe('backup.pst');
    expect(accountValue('ann@contoso.zip')).toBe('ann@contoso.zip');
  });
});

describe('placeholders and files in an account field', () => {
  it.each(ENGINE_FLAGS)('Kibana\'s `-`, N/A and a mailbox\'s .pst file %j: no account, and the address the text names once', async (flags) => {
    const jsonl = written('p.jsonl', [
      '{"time":"2026-04-07T09:15:00Z","code":"storage_error","user":"-"}',
      '{"time":"2026-04-07T09:16:00Z","code":"storage_error","mailbox":"ann@contoso.com.pst","msg":"exporting ann@contoso.com.pst"}',
      '{"time":"2026-04-07T09:17:00Z","code":"smime_error","account":"N/A"}',
    ].join('\n'));
    const csv = written('p.csv', 'time,code,user\n2026-04-07T09:18:00Z,storage_error,-\n2026-04-07T09:19:00Z,smime_error,BEN@CONTOSO.COM.PST\n');
    const { report } = await scan([jsonl, csv, ...on(flags).args], { engine: on(flags).engine });
    // storage_error: lines 1 and 3 of p.jsonl's, p.csv's row 1: only ann (line 2's field and text, one account).
    expect(accounts(report, 'storage_error')).toEqual(['ann@contoso.com']);
    expect(accounts(report, 'smime_error')).toEqual(['ben@contoso.com']);
  });
});

describe('a name and an address in an account field', () => {
  const jsonl = [
    '{"time":"2026-04-07T09:15:00Z","code":"storage_error","user":"Lee <lee@contoso.com>","msg":"upload for lee@contoso.com failed"}',
    // Go's encoding/json writes < and > as \u003c and \u003e.
    '{"time":"2026-04-07T09:16:00Z","code":"smime_error","user":"\\"Ann, B\\" \\u003cann@contoso.com\\u003e"}',
    '{"time":"2026-04-07T09:17:00Z","code":"smime_error","user":"bob@contoso.com"}',
    '{"time":"2026-04-07T09:18:00Z","code":"web_hook_moved","user":"Kim Park <kim@contoso.com>;"}',
    '{"time":"2026-04-07T09:19:00Z","code":"web_hook_moved","account":"hal@contoso.com;","msg":"for hal@contoso.com"}',
  ].join('\n');
  const csv = 'time,code,user\n2026-04-07T09:15:00Z,storage_error,Lee <lee@contoso.com>\n2026-04-07T09:16:00Z,smime_error,"""Ann, B"" <ann@contoso.com>"\n2026-04-07T09:18:00Z,web_hook_moved,Kim Park <kim@contoso.com>;\n';
  const array = JSON.stringify([
    { time: '2026-04-07T09:15:00Z', code: 'storage_error', mailbox: 'Lee <lee@contoso.com>' },
    { time: '2026-04-07T09:16:00Z', code: 'smime_error', email: 'Ann <ann@contoso.com>' },
  ]);
  it.each(ENGINE_FLAGS)('JSON lines, CSV and a JSON array %j: the address, once, as the text names it', async (flags) => {
    const files = [written('a.jsonl', jsonl), written('a.csv', csv), written('a.json', array)];
    const { report } = await scan([...files, ...on(flags).args], { engine: on(flags).engine });
    // storage_error: lee in each of the three files (one account however each record names it);
    // smime_error: ann in each file, bob in the JSON lines'.
    expect(accounts(report, 'storage_error')).toEqual(['lee@contoso.com']);
    expect(accounts(report, 'smime_error')).toEqual(['ann@contoso.com', 'bob@contoso.com']);
    // Outlook's `;` after the address: kim, in the JSON lines' and the CSV's; hal once, field and text alike.
    expect(accounts(report, 'web_hook_moved')).toEqual(['kim@contoso.com', 'hal@contoso.com']);
  });
});

describe('an account field holding an address among other text', () => {
  it('gives the addresses its text names: a proxy address, a link, a name after it, a list', () => {
    expect(accountValues('SMTP:Jane@Contoso.com')).toEqual(['jane@contoso.com']);
    expect(accountValues('mailto:bob@contoso.com')).toEqual(['bob@contoso.com']);
    expect(accountValues('carol@contoso.com (Carol King)')).toEqual(['carol@contoso.com']);
    expect(accountValues('jane@contoso.com;bob@contoso.com')).toEqual(['jane@contoso.com', 'bob@contoso.com']);
    // No address its text names (one label after the `@`): the value as it is, one account.
    expect(accountValues('ann@contoso.pst')).toEqual(['ann@contoso.pst']);
    expect(accountValues('jdoe')).toEqual(['jdoe']);
    expect(accountValues('N/A')).toEqual([]);
  });

  it.each(ENGINE_FLAGS)('counts each person once, in JSON lines and CSV %j', async (flags) => {
    const jsonl = written(
      'proxy.jsonl',
      [
        '{"time":"2026-04-07T09:00:00Z","code":"STORAGE_USER_WITH_ERROR","user":"SMTP:jane@contoso.com"}',
        '{"time":"2026-04-07T09:01:00Z","code":"STORAGE_USER_WITH_ERROR","email":"mailto:bob@contoso.com"}',
        '{"time":"2026-04-07T09:02:00Z","code":"STORAGE_USER_WITH_ERROR","user":"carol@contoso.com (Carol King)"}',
        '{"time":"2026-04-07T09:03:00Z","code":"STORAGE_USER_WITH_ERROR","mailbox":"jane@contoso.com;bob@contoso.com"}',
        '{"time":"2026-04-07T09:04:00Z","code":"STORAGE_USER_WITH_ERROR","user":"jdoe"}',
        '',
      ].join('\n'),
    );
    // An address a URL's encoding starts (`to%3D`): the address its text names, as in the text.
    const encoded = written('encoded.jsonl', '{"time":"2026-04-07T09:07:00Z","code":"STORAGE_USER_WITH_ERROR","user":"to%3Djane@contoso.com"}\n');
    const csv = written('proxy.csv', 'time,code,user\n2026-04-07T09:05:00Z,smime_error,SMTP:dave@contoso.com\n2026-04-07T09:06:00Z,smime_error,"erin@contoso.com (Erin)"\n');
    const { report } = await scan([jsonl, csv, encoded, ...on(flags).args], { engine: on(flags).engine });
    // Before: smtp:jane@contoso.com and jane@contoso.com, two accounts for one person (and a list's whole value).
    // By count: jane three times (lines 1 and 4, encoded.jsonl's), bob twice (lines 2 and 4), then carol and jdoe once.
    expect(accounts(report, 'STORAGE_USER_WITH_ERROR')).toEqual(['jane@contoso.com', 'bob@contoso.com', 'carol@contoso.com', 'jdoe']);
    expect(accounts(report, 'smime_error')).toEqual(['dave@contoso.com', 'erin@contoso.com']);
    expect([report.impact.affectedAccounts, report.impact.accountsSeen]).toEqual([6, 6]);
  });
});

