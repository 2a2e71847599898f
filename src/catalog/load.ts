import { ScanError } from '../errors.js';
import { normalizeLevel, type CatalogEntry } from './types.js';

const FIELDS = ['module', 'code', 'type', 'level', 'description', 'action'] as const;
const MAX_CODE_LENGTH = 200;

/**
 * Parses and validates the text of a catalog file: a JSON array of entries with string fields
 * module, code, type, level, description, action. Any fault is one ScanError naming the file,
 * the entry index and the field.
 */
export function parseCatalog(text: string, source: string): CatalogEntry[] {
  const fail = (where: string, why: string): never => {
    throw new ScanError('BAD_CATALOG', `bad catalog ${source}: ${where}${why}`);
  };
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    return fail('', `not valid JSON (${(err as Error).message.split('\n')[0]})`);
  }
  if (!Array.isArray(data)) return fail('', 'expected a JSON array of entries');
  const seen = new Map<string, number>();
  return data.map((item: unknown, index): CatalogEntry => {
    const at = `entry ${index}`;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      return fail(at, ': expected an object with fields ' + FIELDS.join(', '));
    }
    const record = item as Record<string, unknown>;
    const value = (field: (typeof FIELDS)[number]): string => {
      // Own properties only: a "__proto__" or "constructor" key is data, never the prototype.
      const v = Object.prototype.hasOwnProperty.call(record, field) ? record[field] : undefined;
      if (v === undefined) return fail(at, `, field "${field}": missing`);
      if (typeof v !== 'string') return fail(at, `, field "${field}": expected a string, got ${describe(v)}`);
      return v;
    };
    const code = value('code').trim();
    if (code === '') fail(at, ', field "code": empty');
    if (code.length > MAX_CODE_LENGTH) fail(at, `, field "code": longer than ${MAX_CODE_LENGTH} characters`);
    // Codes are matched in raw bytes against word boundaries: keep them to printable ASCII.
    if (!/^[\x21-\x7e]+$/.test(code)) fail(at, ', field "code": only printable ASCII without spaces is allowed');
    const rawLevel = value('level');
    const level = normalizeLevel(rawLevel);
    if (level === undefined) {
      fail(at, `, field "level": expected ERROR, WARN (or WARNING) or INFO, got ${JSON.stringify(clip(rawLevel))}`);
    }
    const key = code.toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined) fail(at, `, field "code": duplicate of entry ${earlier} (${JSON.stringify(code)})`);
    seen.set(key, index);
    return {
      module: value('module'),
      code,
      type: value('type'),
      level: level as CatalogEntry['level'],
      description: value('description'),
      action: value('action'),
    };
  });
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`;
}

function clip(s: string): string {
  return s.length > 40 ? s.slice(0, 40) + '…' : s;
}
