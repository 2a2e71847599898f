// The build's last JavaScript step: dist/bin.js and dist/parallel/worker.js, as tsc wrote them, are each
// replaced by one file holding every module of mxscan they load (rolldown). Node then reads, resolves and
// compiles one module where it read about 130 at every start of the command line and of every worker.
// Each module's import.meta.url stays the URL it had, so the paths made from it (package.json, the kernel,
// the worker) are the ones the unbundled modules use. The runtime packages stay imports, and the other
// files of dist/ (the library, its types) stay as tsc wrote them.
import { renameSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const ENTRIES = ['bin.js', 'parallel/worker.js'];
const external = [/^node:/, /^yargs(\/|$)/, /^split2$/, /^fast-glob$/, /^csv-parse(\/|$)/];

/** A plugin: `import.meta.url` in a bundled module reads as that module's own URL, relative to the bundle's. */
const ownUrls = (bundle) => ({
  name: 'own-import-meta-url',
  transform(code, id) {
    if (!code.includes('import.meta.url')) return null;
    let rel = path.relative(path.dirname(bundle), id).split(path.sep).join('/');
    if (!rel.startsWith('.')) rel = `./${rel}`;
    return code.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`);
  },
});

for (const entry of ENTRIES) {
  const file = path.join(dist, entry);
  const build = await rolldown({ input: file, platform: 'node', external, plugins: [ownUrls(file)], logLevel: 'warn' });
  try {
    // One file: the command line's dynamic import of the rest (see src/bin.ts) is inlined too.
    await build.write({ file: `${file}.bundle`, format: 'esm', codeSplitting: false });
  } finally {
    await build.close();
  }
  renameSync(`${file}.bundle`, file);
}
