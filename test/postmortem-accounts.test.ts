/**
 * Postmortem capability: the affected accounts per code. Every expected value below was counted by hand from the
 * fixture text (line numbers cited in the comments) and the rules of the capability, never copied from mxscan's
 * output.
 *
 * Logs live under fixtures/postmortem/<scenario>/; baselines, suppression files and catalogs under test/data/
 * (fixtures/ is scanned whole by `npm start`); the paths several files share are in test/support/postmortem-
 * paths.ts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { logWriter, order, row, scanJson, scanMarkdown, section, tempDir } from './support/postmortem-cli.js';
import { PM, ACCOUNTS } from './support/postmortem-paths.js';

const temp = tempDir();
afterAll(() => temp.remove());

const tempLog = logWriter(temp.dir);

// ---------------------------------------------------------------------------------------------------
// 3. Affected accounts
//
// accounts/storage-box.log (text):
//   1 storage_error: Kim.Park@… and <kim.park@…>                        → kim.park (once)
//   2 storage_credential_no_access: li.wei@…; <Ops.Team+alerts@…>       → li.wei, ops.team+alerts
//   3 storage_error AND storage_credential_no_access: li.wei, (user=Dana.Kim@…) → both codes get li.wei, dana.kim
//   4 storage_error: root@localhost (one label), admin@mail.server1 (last label not letters): none;
//     mailto:kim.park@northwind-traders.com. (trailing dot)               → kim.park
//   5 storage_error: eve.stone@legal.northwind-traders.co.uk (the longest domain)
//   6 STORAGE_USER_WITH_ERROR: li.wei
//   7 no code: zed.north is nobody's account
//   8 storage_error: tom@northwind-traders.c (last label 1 long), " @northwind-traders.com" (no local part): none
// accounts/notifications.jsonl (structured):
//   1 storage_error: account "  Kim.Park@Northwind-Traders.com " (trimmed, lower-cased) = the address in the text
//   2 storage_error: user "SVC-Archive" → svc-archive; mailbox Legal-Hold@… → legal-hold@…
//   3 STORAGE_USER_WITH_ERROR: email Li.Wei@… → li.wei@…; user "li.wei" → li.wei (another account)
//   4 storage_credential_no_access: account dana.kim@…; ops.team+alerts@… in the text of "note"
// ---------------------------------------------------------------------------------------------------

const NW = '@northwind-traders.com';

describe('accounts: who is affected, per code', () => {
  it('collects e-mail addresses and account fields, lower-cased, once per record, top 5 by count then name', async () => {
    const { report } = await scanJson([ACCOUNTS]);
    expect(order(report)).toEqual([
      ['storage_error', 7], // text 1, 3, 4, 5, 8; jsonl 1, 2
      ['storage_credential_no_access', 3], // text 2, 3; jsonl 4
      ['STORAGE_USER_WITH_ERROR', 2], // text 6; jsonl 3
    ]);
    expect(row(report, 'storage_error').accounts).toEqual({
      distinct: 6, // kim.park, li.wei, dana.kim, eve.stone@legal…, svc-archive, legal-hold
      bounded: false,
      top: [
        { account: `kim.park${NW}`, count: 3 }, // text 1, 4; jsonl 1
        { account: `dana.kim${NW}`, count: 1 },
        { account: 'eve.stone@legal.northwind-traders.co.uk', count: 1 },
        { account: `legal-hold${NW}`, count: 1 },
        { account: `li.wei${NW}`, count: 1 },
        // svc-archive (count 1) is sixth
      ],
    });
    expect(row(report, 'storage_credential_no_access').accounts).toEqual({
      distinct: 3,
      bounded: false,
      top: [
        { account: `dana.kim${NW}`, count: 2 }, // text 3; jsonl 4
        { account: `li.wei${NW}`, count: 2 }, // text 2, 3
        { account: `ops.team+alerts${NW}`, count: 2 }, // text 2; jsonl 4
      ],
    });
    expect(row(report, 'STORAGE_USER_WITH_ERROR').accounts).toEqual({
      distinct: 2,
      bounded: false,
      top: [
        { account: `li.wei${NW}`, count: 2 }, // text 6; jsonl 3
        { account: 'li.wei', count: 1 }, // jsonl 3, field user
      ],
    });
  });

  it('takes the account, user, email and mailbox columns of a CSV export, trimmed and lower-cased', async () => {
    // accounts-csv/mailbox-export.csv: row 2 (line 2) storage_error, mailbox " Legal-Hold@…" (also in the detail
    // text), user SVC-Archive; line 3 storage_error, mailbox finance@…, empty user; line 4 web_hook_moved, user
    // Kim.Park, kim.park@… in the detail text
    const { report } = await scanJson([`${PM}/accounts-csv/mailbox-export.csv`]);
    expect(order(report)).toEqual([
      ['storage_error', 2],
      ['web_hook_moved', 1],
    ]);
    expect(row(report, 'storage_error').accounts).toEqual({
      distinct: 3,
      bounded: false,
      top: [
        { account: `finance${NW}`, count: 1 },
        { account: `legal-hold${NW}`, count: 1 },
        { account: 'svc-archive', count: 1 },
      ],
    });
    expect(row(report, 'web_hook_moved').accounts).toEqual({
      distinct: 2,
      bounded: false,
      top: [
        { account: 'kim.park', count: 1 },
        { account: `kim.park${NW}`, count: 1 },
      ],
    });
  });

  it('shows the accounts in an "Affected accounts" section', async () => {
    const { out } = await scanMarkdown([ACCOUNTS]);
    const s = section(out, 'Affected accounts');
    const line = s.split('\n').find((l) => l.includes('`storage_error`'))!;
    expect(line).toMatch(/\| 6 \|/);
    expect(line).toContain(`kim.park${NW}`);
    expect(line).not.toContain('svc-archive'); // sixth: not in the top 5
  });

  it('stops counting distinct accounts at 10,000 for a code and says it is a lower bound', async () => {
    // 10,050 records of storage_error, each with its own address; plus 2 records of smime_error with 2 addresses
    const lines: string[] = [];
    for (let i = 0; i < 10_050; i++) {
      lines.push(`2026-03-18T16:${String(Math.floor(i / 200)).padStart(2, '0')}:00Z ERROR [storage-box] upload failed for user${String(i).padStart(5, '0')}@northwind-traders.com: storage_error (507)`);
    }
    lines.push(`2026-03-18T16:59:00Z ERROR [smime-gw] smime_error for kim.park${NW} and li.wei${NW}`);
    lines.push(`2026-03-18T16:59:30Z ERROR [smime-gw] smime_error for kim.park${NW}`);
    const file = tempLog('ten-thousand-and-fifty.log', lines);
    const { report } = await scanJson([file]);
    const se = row(report, 'storage_error');
    expect(se.count).toBe(10_050);
    expect(se.accounts.distinct).toBe(10_000);
    expect(se.accounts.bounded).toBe(true);
    expect(se.accounts.top).toHaveLength(5);
    for (const a of se.accounts.top) expect(a.count).toBe(1);
    // the action plan counts the accounts it kept, and says that is a lower bound
    expect(report.actions.map((a) => [a.codes, a.count, a.accounts, a.bounded])).toEqual([
      [['storage_error'], 10_050, 10_000, true],
      [['smime_error'], 2, 2, false], // kim.park, li.wei
    ]);
    // the bound is per code
    expect(row(report, 'smime_error').accounts).toEqual({
      distinct: 2,
      bounded: false,
      top: [
        { account: `kim.park${NW}`, count: 2 },
        { account: `li.wei${NW}`, count: 1 },
      ],
    });
    const md = (await scanMarkdown([file])).out;
    const line = section(md, 'Affected accounts').split('\n').find((l) => l.includes('`storage_error`'))!;
    expect(line).toContain('≥ 10,000');
    expect(section(md, 'Affected accounts').split('\n').find((l) => l.includes('`smime_error`'))).not.toContain('≥');
    const plan = section(md, 'Action plan').split('\n').filter((l) => l.startsWith('- [ ] '));
    expect(plan).toHaveLength(2);
    expect(plan[0]).toContain('`storage_error`: 10,050 occurrences, ≥ 10,000 accounts)');
    expect(plan[1]).toContain('`smime_error`: 2 occurrences, 2 accounts)');
  });

  it('is not bounded at exactly 10,000 distinct accounts', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 10_000; i++) lines.push(`2026-03-18T17:00:00Z ERROR [storage-box] storage_error for u${i}@northwind-traders.com`);
    const file = tempLog('ten-thousand.log', lines);
    const { report } = await scanJson([file]);
    expect(row(report, 'storage_error').accounts).toMatchObject({ distinct: 10_000, bounded: false });
    expect(report.actions.map((a) => [a.codes, a.accounts, a.bounded])).toEqual([[['storage_error'], 10_000, false]]);
    const md = (await scanMarkdown([file])).out;
    const line = section(md, 'Affected accounts').split('\n').find((l) => l.includes('`storage_error`'))!;
    expect(line).toContain('| 10,000 |');
    expect(line).not.toContain('≥');
  });
});
