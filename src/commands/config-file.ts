import { readFile, stat } from 'node:fs/promises';
import { withoutBom } from '../io.js';
import path from 'node:path';
import { unknownKey } from '../catalog/nearest.js';
import { ScanError } from '../errors.js';
import { parseDelimiter } from '../input/csv-dialect.js';
import { fsReason } from '../write.js';
import { compileTimeFormat } from '../extract/time-format.js';

/** The files looked for in the working directory, in this order, when --config is not given. */
export const CONFIG_NAMES = ['mxscan.config.json', '.mxscanrc.json'] as const;

/** Defaults a configuration file sets; the command line wins over each. */
export interface ConfigValues {
  catalog?: string[];
  builtinCatalog?: boolean;
  suppress?: string;
  failOn?: string;
  exclude?: string[];
  /** The IANA time zone times written without one are read in (--tz). */
  tz?: string;
  /** The order of day and month in numeric dates (--date-order). */
  dateOrder?: string;
  /** An strftime pattern of times in another form (--time-format). */
  timeFormat?: string;
  codeField?: string;
  timeField?: string;
  /** CSV field delimiter (`,` `;` `|` or `tab`); unset: each file's header decides. */
  delimiter?: string;
  /** `--records`: the dotted path of a wrapped JSON export's records array. */
  records?: string;
}

export type ConfigKey = keyof ConfigValues;

const LEVELS = ['none', 'error', 'warn', 'info'];

/** Each key, and how its value is checked (paths are resolved against the file's directory). */
const KEYS: Readonly<Record<ConfigKey, (v: unknown, at: (p: string) => string) => unknown>> = {
  catalog: (v, at) => (typeof v === 'string' ? [at(v)] : isStrings(v) ? v.map(at) : bad('a path or a list of paths')),
  builtinCatalog: (v) => (typeof v === 'boolean' ? v : bad('true or false')),
  suppress: (v, at) => (typeof v === 'string' && v !== '' ? at(v) : bad('a path')),
  failOn: (v) => {
    const l = typeof v === 'string' ? v.trim().toLowerCase().replace(/^warning$/, 'warn') : '';
    return LEVELS.includes(l) ? l : bad(`one of ${LEVELS.join(', ')}`);
  },
  exclude: (v) => (typeof v === 'string' ? [v] : isStrings(v) ? v : bad('a glob or a list of globs')),
  tz: (v) => (typeof v === 'string' && isTimeZone(v) ? v : bad('an IANA time zone such as Europe/Paris or UTC')),
  dateOrder: (v) => (v === 'mdy' || v === 'dmy' ? v : bad('mdy or dmy')),
  timeFormat: (v) => (typeof v === 'string' && compileTimeFormat(v).ok ? v : bad('an strftime pattern such as "%d/%m/%Y %H:%M:%S"')),
  codeField: (v) => (typeof v === 'string' && v !== '' ? v : bad('a field name')),
  timeField: (v) => (typeof v === 'string' && v !== '' ? v : bad('a field name')),
  delimiter: (v) => (typeof v === 'string' ? parseDelimiter(v) : undefined) ?? bad('one of ",", ";", "|", "tab"'),
  records: (v) => (typeof v === 'string' && v !== '' ? v : bad('a dotted path such as hits.hits')),
};

/** The keys each command takes from a configuration file. */
export const KEYS_OF: Readonly<Record<string, readonly ConfigKey[]>> = {
  scan: Object.keys(KEYS) as ConfigKey[],
  config: Object.keys(KEYS) as ConfigKey[],
  merge: ['suppress', 'failOn'],
  explain: ['catalog', 'builtinCatalog'],
  catalog: ['catalog', 'builtinCatalog'],
};

class BadValue extends Error {}
const bad = (expected: string): never => {
  throw new BadValue(expected);
};
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string' && s !== '');

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * Checks a configuration file's text: a JSON object of known keys. A problem is one line naming the file and
 * the key, as a bad catalog is. Relative paths in it are taken from the file's directory (`base`), written
 * relative to `cwd`.
 */
export function parseConfig(text: string, source: string, base: string, cwd: string): ConfigValues {
  const fail = (why: string): never => {
    throw new ScanError('BAD_CONFIG', `bad config file ${source}: ${why}`);
  };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return fail(`not valid JSON (${(err as Error).message.split('\n')[0]})`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return fail('expected a JSON object such as { "failOn": "error" }');
  const at = (p: string): string => path.relative(cwd, path.resolve(base, p)) || '.';
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    // An editor's schema hint says nothing to mxscan.
    if (key === '$schema') continue;
    const check = Object.prototype.hasOwnProperty.call(KEYS, key) ? KEYS[key as ConfigKey] : undefined;
    if (check === undefined) return fail(unknownKey(key, Object.keys(KEYS)));
    try {
      out[key] = check(value, at);
    } catch (err) {
      if (!(err instanceof BadValue)) throw err;
      return fail(`key ${JSON.stringify(key)}: expected ${err.message}, got ${JSON.stringify(value)}`);
    }
  }
  return out as ConfigValues;
}

/**
 * The configuration: --config FILE (--no-config: none), else the first of CONFIG_NAMES in `cwd` or the nearest directory above
 * it that has one, up to the repository's root (the directory that holds `.git`) or the file system's (as
 * eslint and prettier look: a CI step run in a subdirectory still finds the repository's), else none.
 */
export async function loadConfig(explicit: string | false | undefined, cwd: string): Promise<{ file: string | null; values: ConfigValues }> {
  // --no-config: none is read.
  if (explicit === false) return { file: null, values: {} };
  const read = async (name: string, file: string): Promise<{ file: string; values: ConfigValues } | undefined> => {
    let text: string;
    try {
      text = withoutBom(await readFile(file, 'utf8'));
    } catch (err) {
      if (explicit === undefined && ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR')) return undefined;
      throw new ScanError('BAD_CONFIG', `cannot read config file ${name}: ${fsReason(err)}`);
    }
    return { file: name, values: parseConfig(text, name, path.dirname(file), cwd) };
  };
  if (explicit !== undefined) return (await read(explicit, path.resolve(cwd, explicit)))!;
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    for (const name of CONFIG_NAMES) {
      const file = path.join(dir, name);
      const found = await read(path.relative(cwd, file) || name, file);
      if (found !== undefined) return found;
    }
    if (path.dirname(dir) === dir || (await exists(path.join(dir, '.git')))) return { file: null, values: {} };
  }
}

/** Is anything there (`.git` is a directory, or a file in a worktree or submodule)? */
const exists = (p: string): Promise<boolean> => stat(p).then(() => true, () => false);

/** The parsed command line with the configuration's defaults under it: what was typed wins. */
export function withDefaults(args: Record<string, unknown>, values: ConfigValues, keys: readonly ConfigKey[]): Record<string, unknown> {
  const out = { ...args };
  for (const k of keys) {
    if (out[k] === undefined && values[k] !== undefined) out[k] = values[k];
  }
  return out;
}
