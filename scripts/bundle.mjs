// The build's last JavaScript step: dist/bin.js and dist/parallel/worker.js, as tsc wrote them, are each
// replaced by one file holding every module of mxscan they load (rolldown). Node then reads, resolves and
// compiles one module where it read about 130 at every start of the command line and of every worker.
// Each module's import.meta.url stays the URL it had, so the paths made from it (package.json, the kernel,
// the worker) are the ones the unbundled modules use. The runtime packages stay imports, but for yargs: it is
// bundled too, so that what it loads only for help (cliui and string-width build an Intl.Segmenter and an
// emoji RegExp at load: more than half of start-up) loads from yargs' own install on its first call, never for
// a scan. The other files of dist/ (the library, its types) stay as tsc wrote them.
import { renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const ENTRIES = ['bin.js', 'parallel/worker.js'];
const external = [/^node:/, /^split2$/, /^fast-glob$/, /^csv-parse(\/|$)/];
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
const lazyHelpLayout = (met) => ({
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
      `const real = () => (loaded ??= ((m) => (typeof m === 'function' ? m : m.default))(createRequire(import.meta.resolve('yargs'))(${name})));`,
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
    if (id.startsWith('\0') || !code.includes('import.meta.url')) return null;
    const aPackage = id.includes(`${path.sep}node_modules${path.sep}`);
    let rel = path.relative(aPackage ? yargsDir : path.dirname(bundle), id).split(path.sep).join('/');
    if (!rel.startsWith('.')) rel = `./${rel}`;
    return code.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, ${aPackage ? 'import.meta.resolve("yargs")' : 'import.meta.url'}).href`);
  },
});

for (const entry of ENTRIES) {
  const file = path.join(dist, entry);
  const met = new Set();
  const build = await rolldown({ input: file, platform: 'node', external, plugins: [lazyHelpLayout(met), ownUrls(file)], logLevel: 'warn' });
  try {
    // One file: the command line's dynamic import of the rest (see src/bin.ts) is inlined too.
    await build.write({ file: `${file}.bundle`, format: 'esm', codeSplitting: false });
  } finally {
    await build.close();
  }
  renameSync(`${file}.bundle`, file);
  // The command line bundles yargs: had its help layout not been met, it would load at every start, unnoticed.
  if (entry === 'bin.js' && met.size !== HELP_LAYOUT.size) throw new Error(`bundle.mjs: yargs no longer imports ${[...HELP_LAYOUT].filter((n) => !met.has(n)).join(', ')}: look again at what it loads`);
}
