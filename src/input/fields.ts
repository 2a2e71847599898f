import type { Fields } from '../model/record.js';

/** Fields of a JSON object: own properties by exact name, or a dotted path into nested objects. */
export function objectFields(obj: Record<string, unknown>): Fields {
  return {
    get(name: string): unknown {
      if (Object.prototype.hasOwnProperty.call(obj, name)) return obj[name];
      if (!name.includes('.')) return undefined;
      let cur: unknown = obj;
      for (const part of name.split('.')) {
        if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, part)) return undefined;
        cur = (cur as Record<string, unknown>)[part];
      }
      return cur;
    },
    names: () => Object.keys(obj),
  };
}

/** Fields of a CSV row: header names matched case-insensitively; the first of duplicate names wins. */
export function rowFields(index: ReadonlyMap<string, number>, row: readonly string[], header?: readonly string[]): Fields {
  return {
    get(name: string): unknown {
      const i = index.get(name.toLowerCase());
      return i === undefined ? undefined : row[i];
    },
    ...(header !== undefined ? { names: () => header } : {}),
  };
}

/** Lower-cased header name → column. */
export function headerIndex(header: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    const key = h.trim().toLowerCase();
    if (!index.has(key)) index.set(key, i);
  });
  return index;
}

/** Parses one JSON text: `{ value }` or `{ err }`, never a throw. */
export function parseJson(text: string): { value: unknown } | { err: true } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return { err: true };
  }
}

/** A structured record's fields when the text parses as a JSON object; `malformed` when it does not parse. */
export function jsonRecord(text: string): { fields?: Fields; malformed: boolean } {
  const parsed = parseJson(text);
  if ('err' in parsed) return { malformed: true };
  const v = parsed.value;
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) return { fields: objectFields(v as Record<string, unknown>), malformed: false };
  return { malformed: false };
}
