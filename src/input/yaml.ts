// YAML exports (`gcloud logging read` writes YAML unless told otherwise): each document is a record, read
// as the same entry in JSON would be. The documents are turned into a JSON array on the way in, each element
// on its document's first line, so the JSON array engine reads them and evidence points into the YAML file.
import type { FileStat } from '../model/stats.js';
import { blockDocument } from './yaml-block.js';
import { DocLines, marker, type ItemLines } from './yaml-lines.js';
import { Elements, END, START } from './yaml-elements.js';
import { DEFAULT_SHAPE, type JsonShape } from './json-shape.js';
import { unwrap } from './yaml-wrapped.js';
import { documentElements, textLines, yamlReads, type Yaml } from './yaml-documents.js';
import { ColumnSequence, dedented, endsAt, itemAt } from './yaml-list.js';

const LF = 0x0a;
const CR = 0x0d;
/** A line of a block mapping at the top level: a plain or quoted key, `:`, then a blank or the line's end. */
const KEY = /^(?:[^\s#'"?:,[\]{}&*!|>%@`-][^:#]*?|'[^'\n]*'|"[^"\n]*"):(?:[ \t]|$)/;
/** A line before a document's content: blank, a comment, a directive. */
const PREAMBLE = /^(?:\s*$|#|%)/;
/** A sequence item at the top level. */
const ITEM = /^-(?:[ \t]|$)/;
/** A line a document may hold anywhere: blank, a comment, or indented under a key or item. */
const INSIDE = /^(?:[ \t]|#|$)/;
/** Names of files read as YAML whatever their content (--input-format auto). */
export const YAML_NAME = /\.ya?ml$/;
/**
 * Longest document (or item of a sequence at the top level) the yaml package parses: its parse holds some
 * hundred times its size. A longer one is written as JSON from its bytes when yaml-block.ts can (a kubectl
 * list of thousands of events), else read as lines of text.
 */
const DOCUMENT_MAX = 4 * 1024 * 1024;
/**
 * Longest document held to be written from its bytes: a scan holds some eight times its size while it reads
 * one (its bytes, their JSON, the records cut from it): 10 MiB peaks near 130 MiB, under 150; a longer one
 * is read as lines of text, unless it is a wrapped list (kubectl's) read an item at a time from there.
 */
const BLOCK_MAX = 10 * 1024 * 1024;
/** A wrapped list (kubectl's) is read an item at a time once it holds this much (its items are what it gives). */
const STREAM_AT = 1024 * 1024;

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

/**
 * The documents of a YAML stream as one JSON array, each element on the line its document's content starts
 * on (a top-level sequence: an element per item, on its line), blank lines between them: the lines of the
 * YAML file are the lines of the array. A document YAML cannot read is one malformed record of its text
 * (see textDocument); one longer than `maxLength`, BLOCK_MAX, or DOCUMENT_MAX unless written from its bytes,
 * is read as lines of text (its first line a malformed record, each other line a string element) unless it
 * is a wrapped list, then read an item at a time (streamList); a line longer than `maxLength` is skipped and
 * counted in `stat.skippedLines`. Lines are cut as plain text's are (a `\r` before the `\n` off). Memory holds
 * one document (or item), its bytes as read: most are written as JSON without a line decoded (yaml-block.ts;
 * `shortcut` false: every document is the yaml package's, the shortcut's reference).
 */
export async function* yamlAsJson(chunks: AsyncIterable<Buffer>, stat: FileStat, maxLength: number, shape: JsonShape = DEFAULT_SHAPE, shortcut = true): AsyncGenerator<Buffer> {
  const yaml: Yaml = await import('yaml');
  const out = new Elements();
  const doc = new DocLines();
  const items: ItemLines = new Map();
  let buf: Buffer = Buffer.alloc(0);
  const joined = new Held();
  let docLine = 1;
  // The document's length so far: in bytes, an upper bound of its length in characters (UTF-16 code units,
  // what the limit counts) until that bound passes the limit, then in characters (`exact`).
  let held = 0;
  let exact = false;
  // The document is read as text from here on (too long to hold).
  let asText = false;
  // Its content so far: none yet, a sequence at the top level (read an item at a time), or another value.
  let content: 'none' | 'items' | 'other' = 'none';
  // A mapping's sequence at column 0 (kubectl's `items:`); a wrapped list too long to hold read an item at a
  // time ('items'), then past its list ('tail': held, then passed over as unwrap passes it: see passOver).
  const seq = new ColumnSequence();
  let streamed: 'no' | 'items' | 'tail' = 'no';
  // The column of the streamed list's items (their blanks before it taken off: a sequence at the top level).
  let streamInd = 0;
  // Past DOCUMENT_MAX only the shortcut reads a document (see flush).
  const limit = Math.min(maxLength, shortcut ? BLOCK_MAX : DOCUMENT_MAX);
  const streamAt = Math.min(limit, STREAM_AT);
  const decoded = (): string[] => Array.from({ length: doc.count }, (_, k) => buf.toString('utf8', doc.starts[k], doc.ends[k]));
  /** The length in characters of lines joined by line breaks (what the limits count), a break after each. */
  const charsOf = (lines: readonly string[]): number => lines.reduce((n, l) => n + l.length + 1, 0);
  const flush = (): void => {
    if (!asText && doc.count > 0) {
      const mark = out.mark();
      if (items.size > 0) items.clear();
      if (!shortcut || !blockDocument(buf, doc, out, items)) {
        const lines = decoded();
        // Past DOCUMENT_MAX characters the yaml package does not parse it: lines of text.
        if (held > DOCUMENT_MAX && (exact || charsOf(lines) > DOCUMENT_MAX)) textLines(lines, docLine, out);
        else documentElements(yaml, lines, docLine, out, items);
      }
      unwrap(out, mark, items, shape);
    }
    doc.count = 0;
    held = 0;
    exact = false;
    asText = false;
    content = 'none';
  };
  /**
   * What follows a list read an item at a time (`kind: List`, its `metadata`) is passed over, as unwrap passes
   * it over, when it is YAML; else its text is read (a line at column 0 inside an item, and the items after it:
   * one malformed record, or lines of text past the limit, as the whole document would be).
   */
  const passOver = (): void => {
    if (!asText && doc.count > 0) {
      const mark = out.mark();
      const read = blockDocument(buf, doc, out, items);
      out.restore(mark);
      if (!read) {
        const lines = decoded();
        if (charsOf(lines) > DOCUMENT_MAX || !yamlReads(yaml, lines)) textLines(lines, docLine, out);
      }
    }
    doc.count = 0;
  };
  const endDocument = (): void => {
    if (streamed === 'tail') passOver();
    flush();
    streamed = 'no';
    seq.reset();
  };
  /**
   * A wrapped list past the limit (a kubectl list of 100,000 events): its head and whole items are read as a
   * document, and when unwrap makes their records of this list's items (as of the whole: json-shape.ts isEvent
   * judges one that long by its fields before its records), the rest is read an item at a time, as a sequence
   * at the top level is, and what follows the list passed over. Only when that document is read from its
   * bytes (yaml-block.ts: no anchor a later item's alias could name, no quoted key). False (nothing written)
   * when it is not. `no`: the line being read.
   */
  const streamList = (no: number): boolean => {
    seq.tried = true;
    const whole = doc.count;
    const mark = out.mark();
    doc.count = seq.last;
    if (items.size > 0) items.clear();
    const read = blockDocument(buf, doc, out, items);
    // The reference reads it with the yaml package (after the same test, so that both read the same way).
    if (read && !shortcut) {
      out.restore(mark);
      documentElements(yaml, decoded(), docLine, out, items);
    }
    doc.count = whole;
    if (!read || unwrap(out, mark, items, shape) !== seq.name) {
      out.restore(mark);
      return false;
    }
    doc.dropFirst(seq.last);
    streamInd = seq.ind;
    doc.dedent(buf, streamInd);
    seq.reset();
    streamed = 'items';
    content = 'items';
    docLine = doc.count > 0 ? doc.nos[0]! : no;
    held = doc.bytes();
    exact = false;
    return true;
  };
  /** The text of the line from s to e; null for one skipped (s < 0). */
  const textOf = (s: number, e: number): string | null => (s < 0 ? null : buf.toString('utf8', s, e));
  /** Does the line from s to e still fit, its length and the document's counted in characters (from here on)? */
  const fits = (s: number, e: number): boolean => {
    if (!exact) held = charsOf(decoded());
    exact = true;
    return held + buf.toString('utf8', s, e).length + 1 <= limit;
  };
  /** A line from s to e (-1: one too long, skipped), numbered `no`. */
  const line = (s: number, e: number, no: number): void => {
    // Only a line that starts with `-` or `.` may be a document's marker or an item.
    const c = s < e ? buf[s]! : -1;
    const start = c === 0x2d && marker(buf, s, e);
    if (start) {
      endDocument();
      docLine = no;
    }
    // An item at column 0 (a streamed list's: at its items' column).
    const item = itemAt(buf, s, e, streamed === 'items' ? streamInd : 0);
    if (item && content === 'items') {
      // The next item of a sequence at the top level: the items before it are read (memory holds one).
      flush();
      content = 'items';
      docLine = no;
    } else if (s >= 0 && content === 'none' && !start && !preamble(buf, s, e)) content = item ? 'items' : 'other';
    if (s < 0) stat.skippedLines++;
    const end = c === 0x2e && marker(buf, s, e);
    // A streamed list's sequence ends at a line with content at its items' column or before it that is no
    // item: its last item is read, and what follows held (see passOver).
    if (streamed === 'items' && s >= 0 && !end && endsAt(buf, s, e, streamInd)) {
      flush();
      [streamed, content, docLine] = ['tail', 'other', no];
    }
    // (Most lines are indented, and only some of them are looked at: see watching.)
    if (content === 'other' && s >= 0 && streamed === 'no' && (c !== 0x20 || seq.watching())) seq.see(buf, s, e, doc.count);
    if (asText) out.text(textOf(s, e), no);
    else {
      let over = s < 0 || (held + (e - s) + 1 > limit && !fits(s, e));
      const long = over || held + (e - s) + 1 > streamAt;
      if (long && s >= 0 && streamed === 'no' && content === 'other' && seq.ready() && streamList(no)) over = held + (e - s) + 1 > limit && !fits(s, e);
      if (over) {
        asText = true;
        textLines(decoded(), docLine, out);
        doc.count = 0;
        out.text(textOf(s, e), no);
      } else {
        // A streamed list's item, its blanks before its items' column taken off.
        doc.push(streamed === 'items' ? dedented(buf, s, e, streamInd) : s, e, no);
        held += (exact ? buf.toString('utf8', s, e).length : e - s) + 1;
      }
    }
    if (end) {
      endDocument();
      docLine = no + 1;
    }
  };
  let p = 0;
  let no = 1;
  // In a line longer than the limit: its bytes are dropped until its end.
  let dropping = false;
  for await (let chunk of chunks) {
    if (dropping) {
      const nl = chunk.indexOf(LF);
      if (nl === -1) continue;
      line(-1, -1, no++);
      dropping = false;
      chunk = chunk.subarray(nl + 1);
    }
    // The document being held, and the line not ended, go on in the next chunk's buffer.
    const from = doc.count > 0 ? Math.min(doc.starts[0]!, p) : p;
    buf = from === buf.length ? chunk : joined.join(buf, from, chunk);
    doc.shift(from);
    p -= from;
    for (let nl = buf.indexOf(LF, p); nl !== -1; nl = buf.indexOf(LF, p)) {
      if (nl - p > maxLength) line(-1, -1, no++);
      else line(p, nl > p && buf[nl - 1] === CR ? nl - 1 : nl, no++);
      p = nl + 1;
    }
    if (buf.length - p > maxLength) {
      dropping = true;
      p = buf.length;
    }
    const piece = out.take();
    if (piece !== undefined) yield piece;
  }
  if (dropping) line(-1, -1, no);
  else if (p < buf.length) line(p, buf[buf.length - 1] === CR ? buf.length - 1 : buf.length, no);
  endDocument();
  yield out.end();
}

/**
 * The bytes a document held over several chunks is read from: one buffer, grown by doubling, not a new one
 * per chunk (a kubectl list of 16 MiB would otherwise leave a trail of buffers of every size to collect).
 */
class Held {
  private store = Buffer.alloc(0);

  /** buf[from..] and then chunk, as one buffer (a view of the store). */
  join(buf: Buffer, from: number, chunk: Buffer): Buffer {
    const keep = buf.length - from;
    const need = keep + chunk.length;
    if (buf.buffer === this.store.buffer && need <= this.store.length) buf.copy(this.store, 0, from);
    else {
      const store = Buffer.allocUnsafe(Math.max(Math.ceil(need * 1.5), 1 << 20));
      buf.copy(store, 0, from);
      this.store = store;
    }
    chunk.copy(this.store, keep);
    return this.store.subarray(0, need);
  }
}

/** Is the line one before a document's content (PREAMBLE), read from its bytes where they are ASCII? */
function preamble(b: Buffer, s: number, e: number): boolean {
  for (let i = s; i < e; i++) {
    const c = b[i]!;
    if (c >= 0x80) return PREAMBLE.test(b.toString('utf8', s, e));
    if (c === 0x23 || c === 0x25) return i === s;
    if (c !== 0x20 && (c < 0x09 || c > 0x0d)) return false;
  }
  return true;
}
