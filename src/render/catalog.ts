import type { Catalog } from '../catalog/catalog.js';
import type { CatalogEntry } from '../catalog/types.js';
import { cleanText, code, text } from './escape.js';

/** The active catalog as a markdown table. */
export function renderCatalogMarkdown(catalog: Catalog): string {
  const rows = catalog.entries.map(
    (e) => `| ${text(e.module)} | ${code(e.code)} | ${text(e.type)} | ${e.level} | ${text(e.description)} | ${text(e.action)} |`,
  );
  return (
    [
      `# mxscan catalog (${catalog.entries.length} entries)`,
      '',
      '| Module | Code | Type | Level | Description | Suggested action |',
      '| --- | --- | --- | --- | --- | --- |',
      ...rows,
    ].join('\n') + '\n'
  );
}

/** The active catalog as JSON, in the custom-catalog file format. */
export function renderCatalogJson(catalog: Catalog): string {
  return JSON.stringify(catalog.entries, null, 2) + '\n';
}

const LEVEL_MEANING = {
  ERROR: 'requires immediate action',
  WARN: 'some functions might be affected',
  INFO: 'informative',
} as const;

/** One catalog entry as readable text, like `journalctl -x` or `oerr`. */
export function renderExplain(e: CatalogEntry): string {
  // A custom catalog's text is shown as text: no escape sequence of its reaches the terminal.
  const t = cleanText;
  return (
    [
      `${t(e.code)} (${e.level}: ${LEVEL_MEANING[e.level]})`,
      '',
      `  Module:   ${t(e.module)}`,
      `  Type:     ${t(e.type)}`,
      `  Level:    ${e.level}`,
      '',
      `  What it means:`,
      `    ${t(e.description)}`,
      '',
      `  What to do:`,
      `    ${t(e.action)}`,
    ].join('\n') + '\n'
  );
}
