// Loading a bundle (the command line, a worker) with V8's code cache. Compiling the command line's 600 KB of
// JavaScript, and then each function it calls, costs more than any other step before the first byte is read:
// a cache made at build time after a scan (scripts/code-cache.mjs) holds the bytecode of all of them, and V8
// reads it instead. The cache is only a shortcut: refused by V8 (other flags), the bundle is compiled as without
// one; missing, damaged, made from another bundle or by another V8, it is left aside, and the bundle is compiled
// as without one on Node 20, through Node's loader with Node's own compile cache on Node 22+ (which Node keeps
// in its own directory, by default under the system's temporary one). Nothing is written into the install.
import type { Script } from 'node:vm';

// Builtins taken as CommonJS objects: an ES import of one evaluates all its lazy parts (node:fs its promises,
// readline and watchers), which the bin would load for nothing.
const { readFileSync } = process.getBuiltinModule('node:fs');
const { isAscii } = process.getBuiltinModule('node:buffer');
const path = process.getBuiltinModule('node:path');
const vm = process.getBuiltinModule('node:vm');
const nodeModule = process.getBuiltinModule('node:module');
const { createRequire } = nodeModule;

/**
 * A cache file: this line (with the V8 that made it: another would refuse it), a SHA-1 of the bundle it was
 * made from followed by V8's data (20 bytes), then V8's data. V8 checks that data's length, version and flags,
 * not its bytes (a damaged one can crash the process): the hash does.
 */
export const MAGIC = Buffer.from(`mxscan code cache 1 v8 ${process.versions.v8}\n`);
const HASH = 20;

/**
 * Where a bundle's code caches live, beside it: one for the main thread, made under V8's default flags (the
 * bin compiles the command line before it sets its flag), one for worker threads, made under the flag.
 */
export const cacheFiles = (bundle: string): { readonly main: string; readonly workers: string } => ({ main: `${bundle}.cache`, workers: `${bundle}.workers.cache` });

/** The flag the bin sets once the command line has loaded, for the whole process (see bin.ts). */
export const BIN_FLAGS = '--optimize-for-size';

/** How a bundle was compiled: with its cache, with a cache V8 refused, or without (none, or not its own). */
export type CacheUse = 'accepted' | 'rejected' | 'none';

/**
 * A bundle, compiled and run: what it exports, how its cache served, and (when it was compiled here, not by
 * Node's loader) its bytes and script, to make a cache of.
 */
export interface Loaded {
  readonly exports: Record<string, unknown>;
  readonly cache: CacheUse;
  readonly compiled?: { readonly source: Buffer; readonly script: Script };
}

/** The SHA-1 of a bundle and its cache (node:crypto is loaded by every scan anyway: the catalog's hash). */
const sha1 = (source: Buffer, data: Buffer): Buffer => process.getBuiltinModule('node:crypto').createHash('sha1').update(source).update(data).digest();

/** V8's data in a cache file, if the file is whole and made from exactly these bundle bytes. */
export function cachedDataFor(cacheFile: string, source: Buffer): Buffer | undefined {
  let file: Buffer;
  try {
    file = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  const head = MAGIC.length + HASH;
  if (file.length <= head || !file.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const data = file.subarray(head);
  return file.subarray(MAGIC.length, head).equals(sha1(source, data)) ? data : undefined;
}

/** A cache file's bytes for a bundle that has run (after its run, the cache holds what it compiled). */
export function cacheBytes(loaded: Loaded): Buffer {
  const { source, script } = loaded.compiled!;
  const data = script.createCachedData();
  return Buffer.concat([MAGIC, sha1(source, data), data]);
}

/**
 * Compiles and runs a CommonJS bundle as Node would (same wrapper, `require` from its place), with the cache
 * file given when that cache was made from it and by this V8. Without one, Node 22+ loads it with its own
 * compile cache (module.enableCompileCache); `cacheFile: undefined` compiles it here, without (to make a cache).
 */
export function loadBundle(bundle: string, cacheFile: string | undefined): Loaded {
  const useCache = cacheFile !== undefined;
  const source = readFileSync(bundle);
  const cachedData = useCache ? cachedDataFor(cacheFile, source) : undefined;
  const enableCompileCache = (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache;
  if (useCache && cachedData === undefined && enableCompileCache !== undefined) {
    enableCompileCache();
    return { exports: createRequire(bundle)(bundle) as Record<string, unknown>, cache: 'none' };
  }
  // Node's CommonJS wrapper, on the first line so that line numbers stay the bundle's.
  // A bundle in ASCII (scripts/bundle.mjs writes it so) is read as Latin-1: the same text, no UTF-8 to decode.
  const text = source.toString(isAscii(source) ? 'latin1' : 'utf8');
  const code = `(function (exports, require, module, __filename, __dirname) { ${text}\n})`;
  const script = new vm.Script(code, { filename: bundle, ...(cachedData !== undefined ? { cachedData } : {}) });
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  const module = { exports: {} as Record<string, unknown> };
  wrapper.call(module.exports, module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
  const cache: CacheUse = cachedData === undefined ? 'none' : script.cachedDataRejected === true ? 'rejected' : 'accepted';
  return { exports: module.exports, cache, compiled: { source, script } };
}
