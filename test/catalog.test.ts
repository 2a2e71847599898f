import { describe, expect, it } from 'vitest';
import { BUILTIN_CATALOG } from '../src/catalog/builtin.js';
import { buildCatalog, nearestCodes } from '../src/catalog/catalog.js';
import { parseCatalog } from '../src/catalog/load.js';
import { ScanError } from '../src/errors.js';

// Written out by hand from the vendor's page "Notifications: Error Codes Reference" (March 18th, 2026).
const PAGE = [
  ['storage', 'storage_credential_no_access', 'STORAGE', 'ERROR', 'The storage credentials/token (e.g., Box, OneDrive) lost access or became invalid.', 'Reconnect/re-authorize storage credentials and validate provider permissions for the affected user.'],
  ['storage', 'storage_error', 'MAIL', 'ERROR', 'Storage mail processing failed or ended in relevant error/warn condition.', 'Inspect execution details, validate storage access/quota/path, and retry affected flow.'],
  ['drag-and-drop', 'web_hook_deleted', 'RULE', 'INFO', 'A webhook linked to a rule/folder was deleted.', 'Verify if deletion was expected; if not, recreate webhook mapping and review recent folder/rule changes.'],
  ['drag-and-drop', 'web_hook_removed_by_move_conflict', 'RULE', 'WARN', 'Folder move created a webhook conflict; webhook was removed to avoid inconsistency.', 'Review conflict details, re-link folder/webhook, and validate rule path consistency.'],
  ['drag-and-drop', 'web_hook_moved', 'RULE', 'INFO', 'Webhook path/folder mapping was updated successfully.', 'No urgent action; keep as audit signal and confirm rule still points to intended folder.'],
  ['emailsync', 'task_finished_with_error', 'RULE', 'ERROR', 'Sync task finished with one or more account/process failures.', 'Open task execution details, identify failed accounts, retry targeted failures.'],
  ['emailsync', 'task_finished_without_error', 'RULE', 'INFO', 'Sync task finished successfully.', 'No action required (monitoring/audit only).'],
  ['emailsync', 'STORAGE_USER_WITH_ERROR', 'RULE', 'WARN', 'A storage user was marked unhealthy due to repeated failures.', 'Investigate last error cause, validate account/provider status, and re-enable user when stable.'],
  ['emailsync', 'connection_error_max_retry', 'RULE', 'ERROR', 'Maximum retries reached on connection failures.', 'Check provider/API connectivity, credentials, throttling, and queue/backoff behavior before retrying.'],
  ['sources-sync', 'accounts_and_groups_source_sync_warning', 'PLATFORM', 'WARN', 'Source sync completed with warnings in accounts/groups/domains.', 'Review warning counts/details and correct source data/config mismatches.'],
  ['sources-sync', 'accounts_and_groups_source_sync_error', 'PLATFORM', 'ERROR', 'Source synchronization failed with blocking error.', 'Check source connector auth/API health, fix root cause, rerun sync safely.'],
  ['store-in-ai', 'store_in_ai_error', 'MAIL', 'ERROR', 'Content could not be stored in AI service.', 'Validate AI service availability, payload constraints, and auth; retry failed operation.'],
  ['smime', 'smime_error', 'MAIL', 'ERROR', 'S/MIME processing failed (sign/encrypt/verify stage).', 'Check certificates/keys/trust chain and message format, then retry processing.'],
  ['engine', 'execution_failed', 'MAIL', 'ERROR', 'Rule execution failed in a known/handled path.', 'Review execution details for failed action step, fix rule/dependency issue, rerun if needed.'],
  ['engine', 'execution_unexpected_error', 'MAIL', 'ERROR', 'Rule execution failed due to unexpected runtime exception.', 'Capture stack/context, escalate to owning dev team, and apply workaround/retry strategy.'],
] as const;

describe('the built-in catalog', () => {
  it('holds the 15 entries of the vendor page, every field as the page gives it', () => {
    expect(BUILTIN_CATALOG).toHaveLength(15);
    BUILTIN_CATALOG.forEach((e, i) => {
      const [module, code, type, level, description, action] = PAGE[i]!;
      expect(e).toEqual({ module, code, type, level, description, action });
    });
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(BUILTIN_CATALOG)).toBe(true);
    expect(Object.isFrozen(BUILTIN_CATALOG[0])).toBe(true);
  });
});

const entry = (over: Record<string, unknown> = {}) => ({
  module: 'storage',
  code: 'storage_quota_exceeded',
  type: 'STORAGE',
  level: 'WARN',
  description: 'Quota full.',
  action: 'Free space.',
  ...over,
});
const bad = (json: unknown): string => {
  try {
    parseCatalog(typeof json === 'string' ? json : JSON.stringify(json), 'my.json');
  } catch (err) {
    expect(err).toBeInstanceOf(ScanError);
    const message = (err as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('accepted a bad catalog');
};

describe('custom catalogs', () => {
  it('extend the built-in catalog, and an entry with the same code in any case replaces it in place', () => {
    const custom = parseCatalog(JSON.stringify([entry(), entry({ code: 'SMIME_ERROR', level: 'INFO', action: 'Ignore.' })]), 'c.json');
    const catalog = buildCatalog([custom]);
    expect(catalog.entries).toHaveLength(16);
    expect(catalog.byKey.get('smime_error')).toMatchObject({ code: 'SMIME_ERROR', level: 'INFO', action: 'Ignore.' });
    expect(catalog.entries.findIndex((e) => e.code === 'SMIME_ERROR')).toBe(12);
    expect(catalog.entries[15]!.code).toBe('storage_quota_exceeded');
  });

  it('can replace the built-in catalog altogether', () => {
    const catalog = buildCatalog([parseCatalog(JSON.stringify([entry()]), 'c.json')], false);
    expect(catalog.entries.map((e) => e.code)).toEqual(['storage_quota_exceeded']);
  });

  it('accept WARNING for WARN and any case of a level', () => {
    expect(parseCatalog(JSON.stringify([entry({ level: 'warning' })]), 'c.json')[0]!.level).toBe('WARN');
    expect(parseCatalog(JSON.stringify([entry({ level: 'Error' })]), 'c.json')[0]!.level).toBe('ERROR');
  });

  it('are rejected with one line naming the file, the entry and the field', () => {
    expect(bad('[{')).toMatch(/^bad catalog my\.json: not valid JSON/);
    expect(bad({ code: 'x' })).toBe('bad catalog my.json: expected a JSON array of entries');
    expect(bad([entry(), 42])).toMatch(/my\.json: entry 1: expected an object/);
    expect(bad([entry({ level: 'FATAL' })])).toBe('bad catalog my.json: entry 0, field "level": expected ERROR, WARN (or WARNING) or INFO, got "FATAL"');
    expect(bad([entry({ action: 7 })])).toBe('bad catalog my.json: entry 0, field "action": expected a string, got number 7');
    expect(bad([entry(), entry({ code: 'STORAGE_QUOTA_EXCEEDED' })])).toMatch(/entry 1, field "code": duplicate of entry 0/);
    expect(bad([entry({ description: undefined })])).toMatch(/entry 0, field "description": missing/);
    expect(bad([entry({ code: 'has space' })])).toMatch(/entry 0, field "code": only printable ASCII/);
    expect(bad([entry({ code: 'x'.repeat(201) })])).toMatch(/entry 0, field "code": longer than 200/);
  });

  it('read __proto__ and constructor keys as plain data', () => {
    const text = '[{"__proto__": {"polluted": true}, "constructor": 1, "module": "m", "code": "a_b", "type": "T", "level": "INFO", "description": "d", "action": "a"}]';
    const [e] = parseCatalog(text, 'c.json');
    expect(e).toEqual({ module: 'm', code: 'a_b', type: 'T', level: 'INFO', description: 'd', action: 'a' });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('explaining a mistyped code', () => {
  it('suggests the nearest catalog codes', () => {
    const catalog = buildCatalog([]);
    expect(nearestCodes(catalog, 'storage_eror')[0]).toBe('storage_error');
    expect(nearestCodes(catalog, 'SMIME_EROR')[0]).toBe('smime_error');
    expect(nearestCodes(catalog, 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz')).toEqual([]);
  });
});
