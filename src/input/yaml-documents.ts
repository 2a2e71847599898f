// A YAML document read by the yaml package (one that yaml-block.ts cannot write from its bytes), or as text:
// the elements yamlAsJson writes for it.
import type { Elements } from './yaml-elements.js';
import { END, START } from './yaml-elements.js';
import type { ItemLines } from './yaml-lines.js';

/** Longest text of a document YAML cannot read that is one record (a Cloud Logging entry is at most 256 KiB). */
const WHOLE_TEXT = 256 * 1024;

/** What is used here of the yaml package (loaded with the first YAML input). */
export type Yaml = Pick<typeof import('yaml'), 'parseAllDocuments' | 'isSeq' | 'isNode' | 'isMap' | 'isScalar'>;

/** The elements of one document's lines (numbered from `first`): its values, or its lines as text when YAML cannot read it. */
export function documentElements(yaml: Yaml, lines: readonly string[], first: number, out: Elements, items: ItemLines): void {
  const text = lines.join('\n');
  const docs = parse(yaml, text);
  if (!Array.isArray(docs)) return;
  const found: { at: number; value: unknown }[] = [];
  const lineOf = linesUpTo(text, first);
  try {
    for (const d of docs) {
      if (d.errors.length > 0 || keyTwice(yaml, d.contents)) return textDocument(lines, first, out);
      const node = d.contents;
      if (node === null) continue;
      const value: unknown = d.toJS({ maxAliasCount: 100 });
      if (yaml.isSeq(node) && Array.isArray(value)) node.items.forEach((item, k) => found.push({ at: lineOf(yaml.isNode(item) ? item.range?.[0] : undefined), value: value[k] }));
      else {
        found.push({ at: lineOf(node.range?.[0]), value });
        // The lines of the items of each sequence under a key of its mapping (see unwrap).
        if (yaml.isMap(node)) {
          for (const pair of node.items) {
            if (!yaml.isSeq(pair.value)) continue;
            const key = yaml.isScalar(pair.key) ? String(pair.key.value) : '';
            items.set(key, pair.value.items.map((item) => lineOf(yaml.isNode(item) ? item.range?.[0] : undefined)));
          }
        }
      }
    }
  } catch {
    // Aliases expanded past the limit (a "billion laughs" document): read as text.
    return textDocument(lines, first, out);
  }
  for (const f of found) out.value(f.value, f.at);
}

/**
 * A document YAML cannot read (numbered from `first`): one malformed record of its text, its lines joined by
 * blanks, on its first line with content — its codes once, its time the first its text holds; one longer
 * than WHOLE_TEXT (no entry of a log is: a text log taken for YAML may be) is read as lines (textLines).
 */
function textDocument(lines: readonly string[], first: number, out: Elements): void {
  const kept = lines.map((line, k) => ({ line, k })).filter(({ line }) => !/^\s*$/.test(line) && !START.test(line) && !END.test(line));
  const text = kept.map(({ line }) => line).join(' ');
  if (text.length > WHOLE_TEXT) return textLines(lines, first, out);
  if (kept.length === 0) return;
  out.beginText();
  out.text(text, first + kept[0]!.k);
}

/** Does the yaml package read the lines without an error? */
export function yamlReads(yaml: Yaml, lines: readonly string[]): boolean {
  const docs = parse(yaml, lines.join('\n'));
  try {
    return Array.isArray(docs) && docs.every((d) => d.errors.length === 0 && !keyTwice(yaml, d.contents));
  } catch {
    return false;
  }
}

/**
 * The yaml package's documents of a text, its warnings (a key that is a collection, stringified) left out, and
 * its check that a mapping's keys are unique left to keyTwice: it compares every key with every one before
 * (a mapping of 80,000 keys took 40 s a document).
 */
function parse(yaml: Yaml, text: string): ReturnType<Yaml['parseAllDocuments']> {
  return yaml.parseAllDocuments(text, { logLevel: 'error', uniqueKeys: false });
}

/**
 * Does a mapping under `node` hold a key twice, as the yaml package's check has it (one scalar's value `===`
 * another's; a collection key is only itself)? One pass a mapping. An error of the document, as the package's.
 */
function keyTwice(yaml: Yaml, node: unknown): boolean {
  if (yaml.isSeq(node)) return node.items.some((item) => keyTwice(yaml, item));
  if (!yaml.isMap(node)) return false;
  const seen = new Set<unknown>();
  for (const pair of node.items) {
    const k = pair.key;
    // NaN is never `===` itself, where a set holds it once.
    if (yaml.isScalar(k) && !Number.isNaN(k.value)) {
      if (seen.has(k.value)) return true;
      seen.add(k.value);
    }
    if (keyTwice(yaml, k) || keyTwice(yaml, pair.value)) return true;
  }
  return false;
}

/** A document's lines read as text: the first with content a malformed record, each other one a string. */
export function textLines(lines: readonly string[], first: number, out: Elements): void {
  out.beginText();
  lines.forEach((line, k) => out.text(line, first + k));
}

/**
 * The line of an offset in text (its first line `first`), asked in increasing order: the line breaks before
 * it are counted from the last offset asked, not from the start (a sequence of 100,000 items is one pass).
 */
function linesUpTo(text: string, first: number): (offset: number | undefined) => number {
  let at = 0;
  let line = first;
  return (offset = 0) => {
    if (offset < at) {
      at = 0;
      line = first;
    }
    for (let i = text.indexOf('\n', at); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
    at = Math.max(at, offset);
    return line;
  };
}
