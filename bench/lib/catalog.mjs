/**
 * The codes the corpus plants, as the built-in catalog spells them (src/catalog/builtin.ts), with their
 * levels. A copy on purpose: the expected counts must not come from the code under test. run.mjs checks
 * this list against `mxscan catalog --format json` and warns when they drift apart.
 */
/** @typedef {{ code: string, level: 'ERROR' | 'WARN' | 'INFO', module: string }} CodeInfo */

/** @type {readonly CodeInfo[]} */
export const CODES = Object.freeze([
  { code: 'storage_credential_no_access', level: 'ERROR', module: 'storage' },
  { code: 'storage_error', level: 'ERROR', module: 'storage' },
  { code: 'web_hook_deleted', level: 'INFO', module: 'drag-and-drop' },
  { code: 'web_hook_removed_by_move_conflict', level: 'WARN', module: 'drag-and-drop' },
  { code: 'web_hook_moved', level: 'INFO', module: 'drag-and-drop' },
  { code: 'task_finished_with_error', level: 'ERROR', module: 'emailsync' },
  { code: 'task_finished_without_error', level: 'INFO', module: 'emailsync' },
  { code: 'STORAGE_USER_WITH_ERROR', level: 'WARN', module: 'emailsync' },
  { code: 'connection_error_max_retry', level: 'ERROR', module: 'emailsync' },
  { code: 'accounts_and_groups_source_sync_warning', level: 'WARN', module: 'sources-sync' },
  { code: 'accounts_and_groups_source_sync_error', level: 'ERROR', module: 'sources-sync' },
  { code: 'store_in_ai_error', level: 'ERROR', module: 'store-in-ai' },
  { code: 'smime_error', level: 'ERROR', module: 'smime' },
  { code: 'execution_failed', level: 'ERROR', module: 'engine' },
  { code: 'execution_unexpected_error', level: 'ERROR', module: 'engine' },
]);

/** Lower-cased code → catalog spelling. */
export const BY_KEY = new Map(CODES.map((c) => [c.code.toLowerCase(), c.code]));

/**
 * Words that look like codes but must not count: a code glued to a word character, a hyphen for the
 * underscore, or a prefix of a longer code.
 */
export const NEAR_MISSES = Object.freeze([
  'storage_error_count',
  'xsmime_error',
  'execution_failed2',
  'storage-error',
  'web_hook',
  'task_finished',
  'smime_error_rate',
  'pre_execution_failed',
  'STORAGE_ERRORS',
  'web-hook-moved',
  'connection_error',
]);

/** Values of a JSON `code` field that are not in the catalog (so nothing counts on that line). */
export const OTHER_CODES = Object.freeze(['quota_warning', 'mailbox_not_found', 'rate_limited_by_provider']);

/** An empty `code → count` table in catalog order, every code at 0. */
export function zeroCounts() {
  /** @type {Record<string, number>} */
  const counts = {};
  for (const c of CODES) counts[c.code] = 0;
  return counts;
}

/** The ERROR/WARN/INFO totals of a `code → count` table (what mxscan reports as totals.byLevel). */
export function countsByLevel(/** @type {Record<string, number>} */ counts) {
  /** @type {Record<string, number>} */
  const byLevel = { ERROR: 0, WARN: 0, INFO: 0 };
  for (const c of CODES) byLevel[c.level] = (byLevel[c.level] ?? 0) + (counts[c.code] ?? 0);
  return byLevel;
}
