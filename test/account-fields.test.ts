/**
 * An account field's value (README "Accounts"): trimmed and lower-cased, and a name with an address gives
 * the address. Expected accounts are written out by hand from the inputs below.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { accountValue } from '../src/extract/accounts.js';
import { accounts, scan } from './support/fixtures.js';
import { on } from './oracle/switch.js';
import { tempDir } from './support/main.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts).
vi.mock('../src/scan.js', async (real) => (await import('./oracle/switch.js')).withOracle(await real<typeof import('../src/scan.js')>()));

const { dir, remove } = tempDir('mxscan-account-fields-');
afterAll(remove);
function written(name: string, text: string): string {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
}
const FLAGS: string[][][] = [[[]], [['oracle']], [['--jobs', '2']]];

describe('accountValue', () => {
  it('takes the address of a name and an address, and leaves other values whole', () => {
    expect(accountValue('Lee <Lee@Contoso.com>')).toBe('lee@contoso.com');
    expect(accountValue('"Lee, Ann" <ann@contoso.com> ')).toBe('ann@contoso.com');
    expect(accountValue('<bo@contoso.com>')).toBe('bo@contoso.com');
    expect(accountValue('  Tenant-42 ')).toBe('tenant-42');
    expect(accountValue(42)).toBe('42');
    // No address between the brackets, or text after them: the value as it is.
    expect(accountValue('ops <on call>')).toBe('ops <on call>');
    expect(accountValue('<lee@contoso.com> (Lee)')).toBe('<lee@contoso.com> (lee)');
    expect(accountValue('   ')).toBeUndefined();
  });
});

describe('a name and an address in an account field', () => {
  const jsonl = [
    '{"time":"2026-04-07T09:15:00Z","code":"storage_error","user":"Lee <lee@contoso.com>","msg":"upload for lee@contoso.com failed"}',
    // Go's encoding/json writes < and > as \u003c and \u003e.
    '{"time":"2026-04-07T09:16:00Z","code":"smime_error","user":"\\"Ann, B\\" \\u003cann@contoso.com\\u003e"}',
    '{"time":"2026-04-07T09:17:00Z","code":"smime_error","user":"bob@contoso.com"}',
  ].join('\n');
  const csv = 'time,code,user\n2026-04-07T09:15:00Z,storage_error,Lee <lee@contoso.com>\n2026-04-07T09:16:00Z,smime_error,"""Ann, B"" <ann@contoso.com>"\n';
  const array = JSON.stringify([
    { time: '2026-04-07T09:15:00Z', code: 'storage_error', mailbox: 'Lee <lee@contoso.com>' },
    { time: '2026-04-07T09:16:00Z', code: 'smime_error', email: 'Ann <ann@contoso.com>' },
  ]);
  it.each(FLAGS)('JSON lines, CSV and a JSON array %j: the address, once, as the text names it', async (flags) => {
    const files = [written('a.jsonl', jsonl), written('a.csv', csv), written('a.json', array)];
    const { report } = await scan([...files, ...on(flags).args], { engine: on(flags).engine });
    // storage_error: lee in each of the three files (one account however each record names it);
    // smime_error: ann in each file, bob in the JSON lines'.
    expect(accounts(report, 'storage_error')).toEqual(['lee@contoso.com']);
    expect(accounts(report, 'smime_error')).toEqual(['ann@contoso.com', 'bob@contoso.com']);
  });
});
