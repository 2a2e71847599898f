/** Vocabulary of the synthetic Mail2Cloud logs. None of these strings holds a catalog code. */

export const FIRST = ['ana', 'bruno', 'chen', 'dana', 'emil', 'fatima', 'george', 'hana', 'ivan', 'julia', 'kofi', 'lena', 'marco', 'nina', 'omar', 'priya', 'quinn', 'rosa', 'sam', 'tomas', 'uma', 'victor', 'wei', 'yara', 'zoe'];
export const LAST = ['silva', 'nguyen', 'mueller', 'okafor', 'rossi', 'tanaka', 'kowalski', 'haddad', 'johnson', 'garcia', 'dubois', 'larsen', 'singh', 'cohen', 'moreau', 'ivanova'];
export const DOMAINS = ['acme-corp.com', 'globex.io', 'initech.net', 'umbrella-group.co.uk', 'contoso.onmicrosoft.com', 'wayne-ent.com', 'stark.industries', 'hooli.xyz'];
export const PROVIDERS = ['box', 'onedrive', 'gdrive', 'sharepoint', 'dropbox', 'egnyte'];
export const FOLDERS = ['INBOX', 'Sent Items', 'Archive/2025', 'Projects/Q3', 'Legal', 'Finance/Invoices', 'Shared/Clients'];
/** A few subjects with non-ASCII characters, so byte and character counts differ as in real exports. */
export const SUBJECTS = ['Relatório mensal', 'Überweisung März', '会議の議事録', 'Café order #42', 'Ελέγχος λογαριασμού', 'Plan de año'];

/** Per module: the thread and the logger class that write its lines. */
export const COMPONENTS = [
  { module: 'emailsync', thread: 'sync-worker', logger: 'TaskRunner' },
  { module: 'storage', thread: 'storage-gw', logger: 'Uploader' },
  { module: 'drag-and-drop', thread: 'dnd-hooks', logger: 'WebhookSvc' },
  { module: 'sources-sync', thread: 'src-sync', logger: 'DirSync' },
  { module: 'store-in-ai', thread: 'ai-indexer', logger: 'AiClient' },
  { module: 'smime', thread: 'smime-pool', logger: 'Smime' },
  { module: 'engine', thread: 'rule-engine', logger: 'RuleExec' },
  { module: 'http', thread: 'http-exec', logger: 'AccessLog' },
];

/** What a failing line says besides its code; `{a}` is the account, `{n}` a number. */
export const FAILURES = [
  'upload failed: 507 Insufficient Storage',
  'token revoked by provider after {n} attempts',
  'could not create folder /Archive for {a}',
  'provider said 429 after {n} retries',
  'webhook target moved by user {a}',
  'sync task {n} completed for {a}',
  'certificate chain incomplete for {a}',
  'AI service rejected payload of {n} KB',
  'rule {n} threw NullPointerException',
  'directory source returned {n} warnings',
];

/** snake_case keys of service logs, with a value maker each (`rng` → value). None is a code field. */
export const SNAKE_FIELDS = [
  { key: 'tenant_id', value: (/** @type {import('./rng.mjs').Rng} */ r) => `t${r.int(5000)}` },
  { key: 'retry_count', value: (/** @type {import('./rng.mjs').Rng} */ r) => String(r.int(6)) },
  { key: 'request_id', value: (/** @type {import('./rng.mjs').Rng} */ r) => r.hex(12) },
  { key: 'duration_ms', value: (/** @type {import('./rng.mjs').Rng} */ r) => String(r.int(9000)) },
  { key: 'queue_name', value: (/** @type {import('./rng.mjs').Rng} */ r) => r.pick(['mail_sync_high', 'mail_sync_low', 'dnd_events', 'ai_index_batch']) },
  { key: 'job_type', value: (/** @type {import('./rng.mjs').Rng} */ r) => r.pick(['incremental_sync', 'full_resync', 'folder_scan']) },
  { key: 'provider_name', value: (/** @type {import('./rng.mjs').Rng} */ r) => r.pick(['google_drive', 'one_drive', 'share_point', 'box_com']) },
  { key: 'http_status', value: (/** @type {import('./rng.mjs').Rng} */ r) => String(r.pick([200, 201, 204, 404, 429, 500, 507])) },
  { key: 'batch_size', value: (/** @type {import('./rng.mjs').Rng} */ r) => String(r.int(500)) },
  { key: 'trace_span_id', value: (/** @type {import('./rng.mjs').Rng} */ r) => r.hex(8) },
];
