// The build's last JavaScript step: the command line and the worker thread's entry, as tsc wrote them, each
// become one file holding every module of mxscan they load (rolldown). Node then reads and compiles one file
// where it read about 130 modules at every start of the command line and of every worker. The command line
// (dist/command-line.cjs, which holds the workers' code too) is CommonJS, so that the bin (dist/bin.js) and the
// worker threads (dist/parallel/worker-thread.cjs), each bundled with what it imports, compile it as a script
// with V8's code cache (src/code-cache.ts, scripts/code-cache.mjs); its builtins are required as CommonJS
// objects, which an ES import would evaluate whole (node:crypto its webcrypto, node:fs its promises). Each
// module's import.meta.url stays the URL it had, so the paths made from it (package.json, the kernel, the
// worker) are the ones the unbundled modules use. The runtime packages stay imports, but for yargs: it is
// bundled too, so that what it loads only for help (cliui and string-width build an Intl.Segmenter and an
// emoji RegExp at load: more than half of start-up) loads from yargs' own install on its first call, never for
// a scan. The other files of dist/ (the library, its types) stay as tsc wrote them.
import { renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
/** Each bundle: the module tsc wrote, the file it becomes, its format. */
const ENTRIES = [
  { input: 'bin.js', output: 'bin.js', format: 'esm' },
  { input: 'command-line.js', output: 'command-line.cjs', format: 'cjs' },
  { input: 'parallel/worker-thread.js', output: 'parallel/worker-thread.cjs', format: 'cjs' },
];
const external = [/^node:/, /^split2$/, /^fast-glob$/, /^yaml$/];
/** yargs' entry, as installed: its bundled modules are located from it. */
const yargsEntry = createRequire(import.meta.url).resolve('yargs');
const yargsDir = path.dirname(yargsEntry);
const inYargs = (id) => id.startsWith(yargsDir + path.sep);
/** What yargs imports only to lay out help text. */
const HELP_LAYOUT = new Set(['cliui', 'string-width']);

/**
 * A plugin: yargs' help layout loads when first called, from yargs' install as yargs would resolve it
 * (require of an ES module, Node 20.19+).
 */
const lazyHelpLayout = (met, format) => ({
  name: 'lazy-help-layout',
  resolveId(id, importer) {
    if (!HELP_LAYOUT.has(id) || importer === undefined || !inYargs(importer)) return null;
    met.add(id);
    return `\0help-layout:${id}`;
  },
  load(id) {
    if (!id.startsWith('\0help-layout:')) return null;
    const name = JSON.stringify(id.slice('\0help-layout:'.length));
    return [
      `import { createRequire } from 'node:module';`,
      `let loaded;`,
      // An ES module comes as its namespace; cliui's `module.exports` export comes as the function itself.
      `const real = () => (loaded ??= ((m) => (typeof m === 'function' ? m : m.default))(createRequire(${yargsPath(format)})(${name})));`,
      `export default (...args) => real()(...args);`,
    ].join('\n');
  },
});

/**
 * A plugin: `import.meta.url` in a bundled module reads as that module's own URL: mxscan's relative to the
 * bundle's; yargs' and its packages' (yargs' locales, their `require`) relative to yargs' install, wherever
 * the package manager put it.
 */
const ownUrls = (bundle) => ({
  name: 'own-import-meta-url',
  transform(code, id) {
    if (id.startsWith('\0') || !code.includes('import.meta')) return null;
    const aPackage = id.includes(`${path.sep}node_modules${path.sep}`);
    let rel = path.relative(aPackage ? yargsDir : path.dirname(bundle), id).split(path.sep).join('/');
    if (!rel.startsWith('.')) rel = `./${rel}`;
    if (!aPackage) return code.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`);
    // yargs resolves a configuration's `extends` with import.meta.resolve (never used by mxscan): as the bundle
    // would resolve it.
    const own = code.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, ${YARGS_HOME}.yargsUrl).href`).replaceAll('import.meta.resolve(', `${YARGS_HOME}.resolveUrl(`);
    return `import * as ${YARGS_HOME} from '\0yargs-home';\n${own}`;
  },
});

/** The name yargs' modules are given the yargs-home module by (a name no module of yargs uses). */
const YARGS_HOME = '__mxscanYargsHome';

/**
 * A plugin: a module of the bundle's own that tells where yargs is installed (as a URL), and resolves as the
 * bundle would, from either format (a CommonJS bundle has no import.meta, an ES module no require).
 */
const yargsHome = (format) => ({
  name: 'yargs-home',
  resolveId: (id) => (id === '\0yargs-home' ? id : null),
  load(id) {
    if (id !== '\0yargs-home') return null;
    if (format !== 'cjs') return `export const yargsUrl = import.meta.resolve('yargs');\nexport const resolveUrl = (s) => import.meta.resolve(s);`;
    // yargs' folder as require finds it from the bundle (the nearest node_modules/yargs, by its real path),
    // looked up without Node's resolver, whose first use costs more than the rest of this. A URL in that folder.
    return [
      `import { existsSync, realpathSync } from 'node:fs';`,
      `import path from 'node:path';`,
      `import { pathToFileURL } from 'node:url';`,
      `const home = () => {`,
      `  for (let dir = __dirname; ; dir = path.dirname(dir)) {`,
      `    const yargs = path.join(dir, 'node_modules', 'yargs');`,
      `    if (existsSync(path.join(yargs, 'package.json'))) return path.join(realpathSync(yargs), 'index.mjs');`,
      `    if (path.dirname(dir) === dir) return require.resolve('yargs');`,
      `  }`,
      `};`,
      `export const yargsUrl = pathToFileURL(home()).href;`,
      `export const resolveUrl = (s) => pathToFileURL(require.resolve(s)).href;`,
    ].join('\n');
  },
});

/**
 * A plugin: yargs' assertions (of its own invariants, on every call) take node:assert only when one fails, to
 * throw its error: a run never loads it.
 */
const lazyAssert = {
  name: 'lazy-assert',
  resolveId: (id, importer) => (id === 'assert' && importer !== undefined && inYargs(importer) ? '\0lazy-assert' : null),
  load(id) {
    if (id !== '\0lazy-assert') return null;
    return [
      `const assert = () => process.getBuiltinModule('node:assert');`,
      `export const strictEqual = (a, b, message) => { if (!Object.is(a, b)) assert().strictEqual(a, b, message); };`,
      `export const notStrictEqual = (a, b, message) => { if (Object.is(a, b)) assert().notStrictEqual(a, b, message); };`,
    ].join('\n');
  },
};

/** Where yargs is installed, as the bundle resolves it at run time: a path (CommonJS) or a URL (ES module). */
const yargsPath = (format) => (format === 'cjs' ? 'require.resolve("yargs")' : 'import.meta.resolve("yargs")');

for (const { input, output, format } of ENTRIES) {
  const file = path.join(dist, output);
  const met = new Set();
  const build = await rolldown({ input: path.join(dist, input), platform: 'node', external, plugins: [lazyHelpLayout(met, format), lazyAssert, ownUrls(file), yargsHome(format)], logLevel: 'warn' });
  try {
    // One file: the command line's dynamic import of the rest (see src/command-line.ts) is inlined too; in
    // CommonJS, the runtime packages' dynamic imports are requires (the bundle runs as a script).
    // The CommonJS bundle is read as a script at every start: in ASCII (read as Latin-1, no UTF-8 to decode)
    // and without comments (less to read, hash and keep).
    const script = format === 'cjs' ? { dynamicImportInCjs: false, charset: 'ascii', comments: false } : {};
    await build.write({ file: `${file}.bundle`, format, codeSplitting: false, ...script });
  } finally {
    await build.close();
  }
  renameSync(`${file}.bundle`, file);
  // The command line bundles yargs: had its help layout not been met, it would load at every start, unnoticed.
  if (output === 'command-line.cjs' && met.size !== HELP_LAYOUT.size) throw new Error(`bundle.mjs: yargs no longer imports ${[...HELP_LAYOUT].filter((n) => !met.has(n)).join(', ')}: look again at what it loads`);
}
