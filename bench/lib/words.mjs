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
