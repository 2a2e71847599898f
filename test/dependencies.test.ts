import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cyclesOf, importGraph, importsOf, loadedBy, type ModuleEdge } from './support/imports.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const graph = importGraph(ROOT, 'src');

/**
 * The stages of the one-way flow, first to last: a file may import its own stage or an earlier one, never a
 * later one (type-only imports included). The first prefix a file's path starts with gives its stage.
 */
const STAGES: readonly (readonly string[])[] = [
  // The model and what every stage may read: the catalog, the typed errors, the help-flag test.
  ['src/model/', 'src/catalog/', 'src/errors.ts', 'src/argv.ts'],
  // discover → open → records.
  ['src/input/'],
  // Codes, times and accounts in a record.
  ['src/extract/'],
  // Tally (the fast paths and their kernel count straight into it) and the report built from it.
  ['src/fast/', 'src/wasm/', 'src/summary/'],
  ['src/render/'],
  ['src/write.ts'],
  // The orchestrator and its worker threads.
  ['src/scan.ts', 'src/parallel/', 'src/code-cache.ts'],
  // The command line and the library's entry.
  ['src/io.ts', 'src/commands/', 'src/cli.ts', 'src/main.ts', 'src/index.ts', 'src/command-line.ts', 'src/bin.ts'],
];

/** The summary/ modules whose functions the fast paths count into the model's aggregates with. */
const COUNTING = ['tally', 'accounts', 'account-list', 'buckets', 'samples', 'window', 'accounts-seen'].map((m) => `src/summary/${m}.ts`);

/** The types a source imports from summary/ (`import type { … }` or `{ type … }`), as "module names". */
function summaryTypesIn(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s*from\s*'([^']*\/summary\/[^']*)'/g)) {
    const names = m[2]!.split(',').map((n) => n.trim()).filter((n) => n !== '');
    const types = m[1] !== undefined ? names : names.filter((n) => n.startsWith('type ')).map((n) => n.slice(5));
    if (types.length > 0) found.push(`${m[3]} ${types.join(', ')}`);
  }
  return found;
}

function stageOf(file: string): number {
  return STAGES.findIndex((prefixes) => prefixes.some((p) => file.startsWith(p)));
}

/** Imports of a src/ file that point to a later stage than the file's own. */
function arrowsAgainstFlow(g: ReadonlyMap<string, readonly ModuleEdge[]>): string[] {
  const wrong: string[] = [];
  for (const [file, edges] of g) {
    for (const e of edges) {
      if (!e.target.startsWith('src/')) continue;
      if (stageOf(e.target) > stageOf(file)) wrong.push(`${file} -> ${e.target}`);
    }
  }
  return wrong;
}

describe('the import graph of src/', () => {
  it('is read from every kind of import and re-export, and from nothing else', () => {
    const text = [
      "import a from './a.js';",
      "import type { B } from './b.js';",
      "import { type C, d } from './c.js';",
      "import './side.js';",
      "export { e } from './e.js';",
      "export type { F } from './f.js';",
      "export * as g from './g.js';",
      'export const h = 1;',
      "const i = await import('./i.js');",
      "let j: typeof import('./j.js');",
      "// import k from './k.js';",
      "const l = \"import m from './m.js'\";",
      "const n = /from '.\\/n.js'/;",
      "const o = `${1} from './o.js'`;",
    ].join('\n');
    expect(importsOf(text)).toEqual([
      { specifier: './a.js', typeOnly: false, dynamic: false },
      { specifier: './b.js', typeOnly: true, dynamic: false },
      { specifier: './c.js', typeOnly: false, dynamic: false },
      { specifier: './side.js', typeOnly: false, dynamic: false },
      { specifier: './e.js', typeOnly: false, dynamic: false },
      { specifier: './f.js', typeOnly: true, dynamic: false },
      { specifier: './g.js', typeOnly: false, dynamic: false },
      { specifier: './i.js', typeOnly: false, dynamic: true },
      { specifier: './j.js', typeOnly: true, dynamic: true },
    ]);
  });

  it('finds a cycle, through type-only imports too, and a file importing itself', () => {
    const edge = (target: string): ModuleEdge => ({ target, specifier: target, typeOnly: true, dynamic: false });
    const g = new Map([
      ['a', [edge('b')]],
      ['b', [edge('c')]],
      ['c', [edge('a'), edge('d')]],
      ['d', [edge('d')]],
      ['e', [edge('a')]],
    ]);
    expect(cyclesOf(g)).toEqual([['d'], ['a', 'b', 'c']]);
    expect(cyclesOf(new Map([['a', [edge('b')]], ['b', []]]))).toEqual([]);
  });

  it('reads every file of src/ and resolves its imports to files of src/', () => {
    expect(graph.size).toBeGreaterThan(50);
    for (const [file, edges] of graph) {
      for (const e of edges) if (e.specifier.startsWith('.')) expect(graph.has(e.target), `${file} -> ${e.specifier}`).toBe(true);
    }
  });

  it('has no import cycle', () => {
    expect(cyclesOf(graph)).toEqual([]);
  });

  it('puts every file in a stage of the flow', () => {
    expect([...graph.keys()].filter((f) => stageOf(f) === -1)).toEqual([]);
  });

  it('flows one way: discover → open → records → extract → tally → report → render → write', () => {
    expect(arrowsAgainstFlow(graph)).toEqual([]);
  });

  it('sees an arrow against the flow', () => {
    const back = new Map([['src/input/open.ts', [{ target: 'src/summary/tally.ts', specifier: '', typeOnly: true, dynamic: false }]]]);
    expect(arrowsAgainstFlow(back)).toEqual(['src/input/open.ts -> src/summary/tally.ts']);
  });

  it('keeps the model free of the stages: it imports only the model and the catalog\'s types', () => {
    const model = [...graph].filter(([f]) => f.startsWith('src/model/'));
    expect(model.length).toBeGreaterThan(0);
    const out = model.flatMap(([f, edges]) =>
      edges
        .filter((e) => !e.target.startsWith('src/model/') && !(e.target.startsWith('src/catalog/') && e.typeOnly))
        .map((e) => `${f} -> ${e.target}`),
    );
    expect(out).toEqual([]);
  });

  it('keeps input/ and extract/ from summary/, types included', () => {
    const out = [...graph]
      .filter(([f]) => f.startsWith('src/input/') || f.startsWith('src/extract/'))
      .flatMap(([f, edges]) => edges.filter((e) => e.target.startsWith('src/summary/')).map((e) => `${f} -> ${e.target}`));
    expect(out).toEqual([]);
  });

  it('has the fast paths take every type from the model: from summary/ only the functions that count', () => {
    const out = [...graph]
      .filter(([f]) => f.startsWith('src/fast/'))
      .flatMap(([f, edges]) => [
        ...edges.filter((e) => e.target.startsWith('src/summary/') && (e.typeOnly || !COUNTING.includes(e.target))).map((e) => `${f} -> ${e.target}`),
        ...summaryTypesIn(readFileSync(path.join(ROOT, f), 'utf8')).map((t) => `${f} -> ${t}`),
      ]);
    expect(out).toEqual([]);
  });

  it('has the fast paths read no file: the bytes come from input/ (discover, open, read)', () => {
    const out = [...graph]
      .filter(([f]) => f.startsWith('src/fast/'))
      .flatMap(([f, edges]) => edges.filter((e) => /^(node:)?fs(\/|$)/.test(e.target)).map((e) => `${f} -> ${e.target}`));
    expect(out).toEqual([]);
  });

  it('sees a type taken from summary/', () => {
    const text = "import { addHit, type Tally } from '../summary/tally.js';\nimport type { X } from '../model/tally.js';";
    expect(summaryTypesIn(text)).toEqual(['../summary/tally.js Tally']);
    expect(summaryTypesIn("import type { A, B } from '../summary/samples.js';")).toEqual(['../summary/samples.js A, B']);
  });

  it('loads no command line with the library: index.ts loads neither yargs nor cli.ts nor commands/', () => {
    const loaded = [...loadedBy(graph, 'src/index.ts')];
    expect(loaded).toContain('src/scan.ts');
    expect(loaded.filter((f) => f === 'yargs' || f === 'src/cli.ts' || f.startsWith('src/commands/'))).toEqual([]);
    // The bin does load them.
    expect([...loadedBy(graph, 'src/cli.ts')]).toContain('yargs');
  });
});

describe('the size of a file', () => {
  it('is at most 400 lines, in src/, test/, scripts/ and bench/ (generated code aside)', () => {
    const long: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
        const rel = `${dir}/${e.name}`;
        if (e.isDirectory()) walk(rel);
        else if (/\.(ts|mts|js|mjs)$/.test(e.name) && rel !== 'src/wasm/generated.ts') {
          const lines = readFileSync(path.join(ROOT, rel), 'utf8').split('\n').length - 1;
          if (lines > 400) long.push(`${rel}: ${lines}`);
        }
      }
    };
    for (const dir of ['src', 'test', 'scripts', 'bench']) walk(dir);
    expect(long).toEqual([]);
  });
});
