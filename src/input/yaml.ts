// YAML exports (`gcloud logging read` writes YAML unless told otherwise): each document is a record, read
// as the same entry in JSON would be. The documents are turned into a JSON array on the way in, each element
// on its document's first line, so the JSON array engine reads them and evidence points into the YAML file.
import type { FileStat } from '../model/stats.js';
import { firstRecords } from './first-records.js';

const LF = 0x0a;
const CR = 0x0d;
/** A document's start (`---`, alone or before its content) and end (`...`) at the start of a line. */
const START = /^---(?:[ \t]|$)/;
const END = /^\.\.\.(?:[ \t]|$)/;
/** A line of a block mapping at the top level: a plain or quoted key, `:`, then a blank or the line's end. */
const KEY = /^(?:[^\s#'"?:,[\]{}&*!|>%@`-][^:#]*?|'[^'\n]*'|"[^"\n]*"):(?:[ \t]|$)/;
/** A line before a document's content: blank, a comment, a directive. */
const PREAMBLE = /^(?:\s*$|#|%)/;
/** A sequence item at the top level. */
const ITEM = /^-(?:[ \t]|$)/;
/** A line a document may hold anywhere: blank, a comment, or indented under a key or item. */
const INSIDE = /^(?:[ \t]|#|$)/;
/** Names of files read as YAML whatever their content (with --input-format auto). */
export const YAML_NAME = /\.ya?ml$/;
/**
 * Longest document (or item of a sequence at the top level) parsed as YAML: its parse holds some hundred
 * times its size; a longer one is read as lines of text.
 */
const DOCUMENT_MAX = 4 * 1024 * 1024;
/** Longest text of a document YAML cannot read that is one record (Cloud Logging's entries are at most 256 KiB). */
const WHOLE_TEXT = 256 * 1024;
/** Bytes elements are gathered into before they are handed on. */
const BATCH = 1 << 20;

/**
 * Is the content YAML documents: its first line that is no comment or directive `---`, the document after it
 * a block mapping (or sequence) at the top level — every line of it a key (none twice), an item, indented,
 * blank or a comment, as far as the bytes go — or such a mapping first, then a `---` and a key (the first marker cut
 * off)? A text log fails at its first line of text, which is all that is decoded then.
 * `complete`: the bytes are the whole input (else a line cut at their end is not judged).
 */
export function isYamlStream(head: Uint8Array, complete: boolean): boolean {
  const b = Buffer.from(head.buffer, head.byteOffset, head.length);
  if (!mayStartYaml(b)) return false;
  const lines = linesIn(b, complete);
  let line = lines.next();
  while (!line.done && PREAMBLE.test(line.value)) line = lines.next();
  if (line.done) return false;
  const first = line.value;
  const marked = /^---[ \t]*(?:#.*)?$/.test(first);
  if (!marked && !KEY.test(first)) return false;
  // A mapping's keys are distinct: a log of `INFO: …` and `ERROR: …` lines after a `---` repeats its own.
  const seen = new Set<string>();
  const newKey = (l: string): boolean => {
    const k = KEY.exec(l)![0].trimEnd();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  };
  if (!marked) newKey(first);
  let keys = marked ? 0 : 1;
  for (line = lines.next(); !line.done; line = lines.next()) {
    const l = line.value;
    if (START.test(l) || END.test(l)) {
      if (marked) return keys > 0;
      // A key at the start of the next document too.
      for (line = lines.next(); !line.done && INSIDE.test(line.value); ) line = lines.next();
      return !line.done && KEY.test(line.value);
    }
    if (KEY.test(l)) {
      if (!newKey(l)) return false;
      keys++;
    } else if (ITEM.test(l)) keys++;
    else if (!INSIDE.test(l)) return false;
  }
  return marked && keys > 0;
}

/**
 * Most logs show at once that they are no YAML, without a line decoded: a first line that starts with none
 * of `-`, `#`, `%`, a blank, and whose first `:` (if any) has no blank or line end after it, holds no key.
 */
function mayStartYaml(b: Buffer): boolean {
  const c = b[0];
  if (c === undefined || c === 0x2d || c === 0x23 || c === 0x25 || c === 0x20 || c === 0x09 || c === LF || c === CR) return true;
  // A loop, not indexOf: the first `:` is most often a few bytes in (a time's), and a native call costs more.
  for (let i = 1; i < b.length; i++) {
    const x = b[i]!;
    if (x === LF) return false;
    if (x === 0x3a) {
      const after = b[i + 1];
      return after === undefined || after === 0x20 || after === 0x09 || after === LF || after === CR;
    }
  }
  return true;
}

/** The lines in b, decoded one at a time; the last only when `complete`. */
function* linesIn(b: Buffer, complete: boolean): Generator<string> {
  let from = 0;
  for (let nl = b.indexOf(LF); nl !== -1; nl = b.indexOf(LF, from)) {
    yield b.toString('utf8', from, b[nl - 1] === CR ? nl - 1 : nl);
    from = nl + 1;
  }
  if (complete && from < b.length) yield b.toString('utf8', from);
}

/** The yaml package's two functions used here (loaded with the first YAML input). */
type Yaml = Pick<typeof import('yaml'), 'parseAllDocuments' | 'isSeq' | 'isNode'>;

/**
 * The documents of a YAML stream as one JSON array, each element on the line its document's content starts
 * on (a top-level sequence: an element per item, on its line), blank lines between them: the lines of the
 * YAML file are the lines of the array. A document YAML cannot read is one malformed record of its text
 * (see textDocument); one longer than `maxLength` bytes is read as lines of text: its first line a malformed
 * record, each other line a string element; a line longer than `maxLength` is skipped and counted in
 * `stat.skippedLines`. Memory holds one document.
 */
export async function* yamlAsJson(chunks: AsyncIterable<Buffer>, stat: FileStat, maxLength: number): AsyncGenerator<Buffer> {
  const yaml: Yaml = await import('yaml');
  const out = new Elements();
  let doc: string[] = [];
  let docLine = 1;
  let held = 0;
  // The document is read as text from here on (too long to hold).
  let asText = false;
  // Its content so far: none yet, a sequence at the top level (read an item at a time), or another value.
  let content: 'none' | 'items' | 'other' = 'none';
  const limit = Math.min(maxLength, DOCUMENT_MAX);
  const flush = (): void => {
    if (!asText && doc.length > 0) documentElements(yaml, doc, docLine, out);
    doc = [];
    held = 0;
    asText = false;
    content = 'none';
  };
  // Its lines as plain text's are cut (a `\r` before the `\n` off, one longer than maxLength skipped: null).
  for await (const rec of firstRecords('text', chunks, maxLength)) {
    const no = rec.line;
    const line = rec.skipped === true ? null : rec.text;
    if (line !== null && START.test(line)) {
      flush();
      docLine = no;
    }
    if (line !== null && content === 'items' && ITEM.test(line)) {
      // The next item of a sequence at the top level: the items before it are read (memory holds one).
      flush();
      content = 'items';
      docLine = no;
    } else if (line !== null && content === 'none' && !PREAMBLE.test(line) && !START.test(line)) content = ITEM.test(line) ? 'items' : 'other';
    if (line === null) stat.skippedLines++;
    if (asText) out.text(line, no);
    else if (line === null || held + line.length + 1 > limit) {
      asText = true;
      textLines(doc, docLine, out);
      out.text(line, no);
    } else {
      doc.push(line);
      held += line.length + 1;
    }
    if (line !== null && END.test(line)) {
      flush();
      docLine = no + 1;
    }
    const batch = out.take(BATCH);
    if (batch !== undefined) yield batch;
  }
  flush();
  yield out.end();
}

/** The elements of one document's lines (numbered from `first`): its values, or its lines as text when YAML cannot read it. */
function documentElements(yaml: Yaml, lines: readonly string[], first: number, out: Elements): void {
  const text = lines.join('\n');
  const docs = yaml.parseAllDocuments(text);
  if (!Array.isArray(docs)) return;
  const found: { at: number; value: unknown }[] = [];
  const lineOf = linesUpTo(text, first);
  try {
    for (const d of docs) {
      if (d.errors.length > 0) return textDocument(lines, first, out);
      const node = d.contents;
      if (node === null) continue;
      const value: unknown = d.toJS({ maxAliasCount: 100 });
      if (yaml.isSeq(node) && Array.isArray(value)) node.items.forEach((item, k) => found.push({ at: lineOf(yaml.isNode(item) ? item.range?.[0] : undefined), value: value[k] }));
      else found.push({ at: lineOf(node.range?.[0]), value });
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

/** A document's lines read as text: the first with content a malformed record, each other one a string. */
function textLines(lines: readonly string[], first: number, out: Elements): void {
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

/** The JSON array being written: its elements, each on its line. */
class Elements {
  private parts: string[] = ['['];
  private size = 1;
  private line = 1;
  private first = true;
  /** The next line of text read as text is a malformed record (the first of a document read so). */
  private malformed = true;

  /** A document's value; none for a null. A scalar is a string, read as text. */
  value(v: unknown, at: number): void {
    if (v === null || v === undefined) return;
    this.put(typeof v === 'object' ? JSON.stringify(v) : JSON.stringify(String(v)), at);
  }

  /** A document read as text starts: its first line with content is a malformed record. */
  beginText(): void {
    this.malformed = true;
  }

  /** A line read as text (null: one too long, skipped): the first of a document malformed, JSON no parser accepts and that still holds its text. */
  text(line: string | null, at: number): void {
    if (line === null || /^\s*$/.test(line) || START.test(line) || END.test(line)) return;
    // Control characters would be escapes glued to the words beside them.
    const plain = JSON.stringify(line.replace(/[\u0000-\u001f\u007f]+/g, ' '));
    this.put(this.malformed ? `{${plain}}` : plain, at);
    this.malformed = false;
  }

  private put(json: string, at: number): void {
    if (at > this.line) {
      this.push('\n'.repeat(at - this.line));
      this.line = at;
    }
    this.push(this.first ? json : `,${json}`);
    this.first = false;
  }

  private push(s: string): void {
    this.parts.push(s);
    this.size += s.length;
  }

  /** What was written, once it holds `min` characters. */
  take(min: number): Buffer | undefined {
    if (this.size < min) return undefined;
    const b = Buffer.from(this.parts.join(''), 'utf8');
    this.parts = [];
    this.size = 0;
    return b;
  }

  /** The rest, and the array's end. */
  end(): Buffer {
    this.push('\n]\n');
    return this.take(0)!;
  }
}
