import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ScanError } from '../errors.js';
import { buildCatalog, type Catalog } from './catalog.js';
import { parseCatalog } from './load.js';
import type { CatalogEntry } from './types.js';

/** Catalog files larger than this are refused rather than read into memory. */
const MAX_CATALOG_BYTES = 64 * 1024 * 1024;

/** Reads and validates the custom catalog files, then builds the active catalog. */
export async function loadCatalog(files: readonly string[], builtin: boolean, cwd: string): Promise<Catalog> {
  const custom: CatalogEntry[][] = [];
  for (const file of files) {
    const abs = path.resolve(cwd, file);
    let text: string;
    try {
      const st = await stat(abs);
      if (st.isDirectory()) throw new ScanError('BAD_CATALOG', `bad catalog ${file}: is a directory`);
      if (st.size > MAX_CATALOG_BYTES) throw new ScanError('BAD_CATALOG', `bad catalog ${file}: larger than 64 MiB`);
      text = await readFile(abs, 'utf8');
    } catch (err) {
      if (err instanceof ScanError) throw err;
      const code = (err as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
      throw new ScanError('BAD_CATALOG', `cannot read catalog ${file}: ${why}`);
    }
    custom.push(parseCatalog(text, file));
  }
  if (!builtin && custom.every((c) => c.length === 0)) {
    throw new ScanError('NO_CATALOG', 'no catalog: --no-builtin-catalog needs at least one --catalog file with entries');
  }
  return buildCatalog(custom, builtin);
}
