/**
 * Postmortem capability: the action plan. Every expected value below was counted by hand from the fixture text
 * (line numbers cited in the comments) and the rules of the capability, never copied from mxscan's output.
 *
 * Logs live under fixtures/postmortem/<scenario>/; baselines, suppression files and catalogs under test/data/
 * (fixtures/ is scanned whole by `npm start`); the paths several files share are in test/support/postmortem-
 * paths.ts.
 */
import { describe, expect, it } from 'vitest';
import { scanJson, scanMarkdown, section } from './support/postmortem-cli.js';
import { DATA, TIMELINE, ACCOUNTS } from './support/postmortem-paths.js';

// ---------------------------------------------------------------------------------------------------
// 4. Action plan
// ---------------------------------------------------------------------------------------------------
describe('action plan: one checklist item per suggested action', () => {
  it('orders items by level, then count, then the action text (not the code)', async () => {
    const { report } = await scanJson([TIMELINE]);
    // Built-in catalog: every code has its own action. Accounts from the timeline fixture: storage_error
    // kim.park (6), li.wei (7, 16), eve.stone (13) = 3; storage_credential_no_access kim.park (5);
    // execution_failed dana.kim (11); STORAGE_USER_WITH_ERROR kim.park (14); the rest none.
    expect(report.actions.map((a) => [a.level, a.codes, a.count, a.accounts])).toEqual([
      ['ERROR', ['storage_error'], 5, 3],
      ['ERROR', ['connection_error_max_retry'], 2, 0],
      // count 1 both: "Reconnect/re-authorize…" sorts before "Review execution details…"
      ['ERROR', ['storage_credential_no_access'], 1, 1],
      ['ERROR', ['execution_failed'], 1, 1],
      // count 1 both: "Investigate last error cause…" before "Review warning counts…"
      ['WARN', ['STORAGE_USER_WITH_ERROR'], 1, 1],
      ['WARN', ['accounts_and_groups_source_sync_warning'], 1, 0],
      // task_finished_without_error (2) says "No action required": information, not a to-do
      ['INFO', ['web_hook_moved'], 1, 0],
    ]);
    expect(report.actions[0]!.action).toBe('Inspect execution details, validate storage access/quota/path, and retry affected flow.');
    expect(report.actions[2]!.action).toBe(
      'Reconnect/re-authorize storage credentials and validate provider permissions for the affected user.',
    );
  });

  it('groups codes that share an action: most urgent level, codes in report order, summed count, distinct accounts', async () => {
    // catalog-shared-actions.json gives storage_credential_no_access (ERROR) and STORAGE_USER_WITH_ERROR (WARN)
    // one action text
    const { report } = await scanJson([ACCOUNTS, '--catalog', `${DATA}/catalog-shared-actions.json`]);
    expect(report.actions).toEqual([
      {
        action: 'Inspect execution details, validate storage access/quota/path, and retry affected flow.',
        level: 'ERROR',
        codes: ['storage_error'],
        count: 7,
        accounts: 6,
        bounded: false,
      },
      {
        action: "Reconnect the user's storage account, then re-enable the user once uploads succeed.",
        level: 'ERROR',
        codes: ['storage_credential_no_access', 'STORAGE_USER_WITH_ERROR'],
        count: 5, // 3 + 2
        // {li.wei@, ops.team+alerts@, dana.kim@} ∪ {li.wei@, li.wei}
        accounts: 4,
        bounded: false,
      },
    ]);
  });

  it('renders an "Action plan" of - [ ] items in the same order', async () => {
    const { out } = await scanMarkdown([ACCOUNTS, '--catalog', `${DATA}/catalog-shared-actions.json`]);
    const items = section(out, 'Action plan')
      .split('\n')
      .filter((l) => l.startsWith('- '));
    expect(items).toHaveLength(2);
    for (const i of items) expect(i.startsWith('- [ ] ')).toBe(true);
    expect(items[0]).toContain('storage_error');
    expect(items[0]).toContain('ERROR');
    expect(items[1]).toContain('storage_credential_no_access');
    expect(items[1]).toContain('STORAGE_USER_WITH_ERROR');
    expect(items[1]).toMatch(/\b5\b/);
  });
});
