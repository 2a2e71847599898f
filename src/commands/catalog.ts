import { nearestCodes } from '../catalog/catalog.js';
import { loadCatalog } from '../catalog/read.js';
import { EXIT, type Io } from '../io.js';
import { cleanText } from '../render/escape.js';
import { renderCatalogJson, renderCatalogMarkdown, renderExplain } from '../render/catalog.js';

/** The catalog files and switches every command takes. */
export function catalogArgs(args: Record<string, unknown>): { files: string[]; builtin: boolean } {
  return { files: (args['catalog'] as string[] | undefined) ?? [], builtin: args['builtinCatalog'] !== false };
}

/** `mxscan catalog`: prints the active catalog. */
export async function runCatalog(args: Record<string, unknown>, io: Io): Promise<number> {
  const { files, builtin } = catalogArgs(args);
  const catalog = await loadCatalog(files, builtin, io.cwd ?? process.cwd());
  io.stdout(args['format'] === 'json' ? renderCatalogJson(catalog) : renderCatalogMarkdown(catalog));
  return EXIT.OK;
}

/** `mxscan explain CODE`: the entry, or exit 2 with the nearest codes. */
export async function runExplain(args: Record<string, unknown>, io: Io): Promise<number> {
  const { files, builtin } = catalogArgs(args);
  const catalog = await loadCatalog(files, builtin, io.cwd ?? process.cwd());
  const query = String(args['code']).trim();
  const entry = catalog.byKey.get(query.toLowerCase());
  if (entry !== undefined) {
    io.stdout(renderExplain(entry));
    return EXIT.OK;
  }
  const near = nearestCodes(catalog, query);
  const hint = near.length > 0 ? ` Did you mean: ${near.join(', ')}?` : '';
  io.stderr(`mxscan: ${cleanText(query)} is not in the catalog.${hint}\n`);
  return EXIT.ERROR;
}
