// The import graph of src/, read with the TypeScript scanner (no type-checking, no process): what the
// dependency test checks for cycles and arrows against the one-way flow.
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { SyntaxKind } from 'typescript/unstable/ast';
import { createScanner } from 'typescript/unstable/ast/scanner';

/** One import of a module: its specifier as written, and whether it exists for types only. */
export interface ImportEdge {
  readonly specifier: string;
  /** `import type`, `export type … from` or `typeof import(…)`: nothing is loaded at run time. */
  readonly typeOnly: boolean;
  /** `import(…)`: loaded when the code runs, not when the module is. */
  readonly dynamic: boolean;
}

// Tokens after which a `/` divides; anywhere else it starts a regular expression.
const ENDS_EXPRESSION = new Set<SyntaxKind>([
  SyntaxKind.Identifier, SyntaxKind.ThisKeyword, SyntaxKind.SuperKeyword, SyntaxKind.TrueKeyword,
  SyntaxKind.FalseKeyword, SyntaxKind.NullKeyword, SyntaxKind.NumericLiteral, SyntaxKind.BigIntLiteral,
  SyntaxKind.StringLiteral, SyntaxKind.NoSubstitutionTemplateLiteral, SyntaxKind.TemplateTail,
  SyntaxKind.RegularExpressionLiteral, SyntaxKind.CloseParenToken, SyntaxKind.CloseBracketToken,
  SyntaxKind.CloseBraceToken, SyntaxKind.PlusPlusToken, SyntaxKind.MinusMinusToken,
]);

/** The tokens of a TypeScript source, with regular expressions and template literals scanned whole. */
export function tokensOf(text: string): { kind: SyntaxKind; value: string }[] {
  const scanner = createScanner(true, undefined, text);
  const tokens: { kind: SyntaxKind; value: string }[] = [];
  // One entry per open `{`: true where it closes a template's `${`.
  const braces: boolean[] = [];
  let previous = SyntaxKind.Unknown;
  for (let kind = scanner.scan(); kind !== SyntaxKind.EndOfFile; kind = scanner.scan()) {
    if ((kind === SyntaxKind.SlashToken || kind === SyntaxKind.SlashEqualsToken) && !ENDS_EXPRESSION.has(previous)) {
      kind = scanner.reScanSlashToken();
    } else if (kind === SyntaxKind.TemplateHead || kind === SyntaxKind.OpenBraceToken) {
      braces.push(kind === SyntaxKind.TemplateHead);
    } else if (kind === SyntaxKind.CloseBraceToken && braces.pop() === true) {
      kind = scanner.reScanTemplateToken(false);
      if (kind === SyntaxKind.TemplateMiddle) braces.push(true);
    }
    tokens.push({ kind, value: scanner.getTokenValue() });
    previous = kind;
  }
  return tokens;
}

/** Every module a TypeScript source imports or re-exports from. */
export function importsOf(text: string): ImportEdge[] {
  const tokens = tokensOf(text);
  const at = (i: number): SyntaxKind => tokens[i]?.kind ?? SyntaxKind.EndOfFile;
  const edges: ImportEdge[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const kind = at(i);
    if (kind === SyntaxKind.ImportKeyword && at(i + 1) === SyntaxKind.OpenParenToken) {
      if (at(i + 2) === SyntaxKind.StringLiteral) {
        edges.push({ specifier: tokens[i + 2]!.value, typeOnly: at(i - 1) === SyntaxKind.TypeOfKeyword, dynamic: true });
      }
    } else if (kind === SyntaxKind.ImportKeyword && at(i + 1) === SyntaxKind.StringLiteral) {
      edges.push({ specifier: tokens[i + 1]!.value, typeOnly: false, dynamic: false });
    } else if (kind === SyntaxKind.ImportKeyword || kind === SyntaxKind.ExportKeyword) {
      const typeOnly = at(i + 1) === SyntaxKind.TypeKeyword && at(i + 2) !== SyntaxKind.FromKeyword
        && at(i + 2) !== SyntaxKind.CommaToken && at(i + 2) !== SyntaxKind.EqualsToken;
      let j = typeOnly ? i + 2 : i + 1;
      // An export without a module (`export const`, `export { a }`) is no edge: stop at its end.
      if (kind === SyntaxKind.ExportKeyword) {
        if (at(j) === SyntaxKind.AsteriskToken) j = at(j + 1) === SyntaxKind.AsKeyword ? j + 3 : j + 1;
        else if (at(j) === SyntaxKind.OpenBraceToken) while (j < tokens.length && at(j) !== SyntaxKind.CloseBraceToken) j++;
        else continue;
        if (at(j) === SyntaxKind.CloseBraceToken) j++;
      } else {
        while (j < tokens.length && at(j) !== SyntaxKind.FromKeyword && at(j) !== SyntaxKind.SemicolonToken) j++;
      }
      if (at(j) === SyntaxKind.FromKeyword && at(j + 1) === SyntaxKind.StringLiteral) {
        edges.push({ specifier: tokens[j + 1]!.value, typeOnly, dynamic: false });
      }
    }
  }
  return edges;
}

/** The .ts files under a folder, as POSIX paths relative to root, sorted. */
export function sourcesUnder(root: string, folder: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) found.push(relative(root, path).split('\\').join('/'));
    }
  };
  walk(join(root, folder));
  return found.sort();
}

/** A module's edges, relative specifiers resolved to the .ts file they name (packages stay as written). */
export interface ModuleEdge extends ImportEdge {
  readonly target: string;
}

/** The import graph of the files under a folder: file → its edges. */
export function importGraph(root: string, folder: string): Map<string, ModuleEdge[]> {
  const graph = new Map<string, ModuleEdge[]>();
  for (const file of sourcesUnder(root, folder)) {
    const edges = importsOf(readFileSync(join(root, file), 'utf8')).map((edge) => ({
      ...edge,
      target: edge.specifier.startsWith('.')
        ? // The kernel's AssemblyScript names its modules without an extension.
          posix.join(posix.dirname(file), edge.specifier).replace(/\.js$/, '.ts').replace(/(\/[^./]+)$/, '$1.ts')
        : edge.specifier,
    }));
    graph.set(file, edges);
  }
  return graph;
}

/** The import cycles of a graph (its strongly connected parts of more than one file, or a file importing itself). */
export function cyclesOf(graph: ReadonlyMap<string, readonly { target: string }[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const { target: w } of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const part: string[] = [];
    for (let w = stack.pop()!; ; w = stack.pop()!) {
      onStack.delete(w);
      part.push(w);
      if (w === v) break;
    }
    if (part.length > 1 || (graph.get(v) ?? []).some((e) => e.target === v)) cycles.push(part.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

/** Every module loaded when `entry` is: static imports that exist at run time, followed to the end. */
export function loadedBy(graph: ReadonlyMap<string, readonly ModuleEdge[]>, entry: string): Set<string> {
  const seen = new Set<string>([entry]);
  const queue = [entry];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const edge of graph.get(file) ?? []) {
      if (edge.typeOnly || edge.dynamic || seen.has(edge.target)) continue;
      seen.add(edge.target);
      queue.push(edge.target);
    }
  }
  return seen;
}
