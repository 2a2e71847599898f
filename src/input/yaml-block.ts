// The YAML most exports hold — block mappings and sequences of plain keys and scalars (one-line ones here,
// those over lines in yaml-multiline.ts), as `gcloud logging read` prints its entries — turned into JSON
// bytes as the yaml package would read it (YAML 1.2, core schema) and JSON.stringify write it, without
// decoding a line. Anything else (a quoted or complex key, a flow collection, an anchor, alias or tag, a
// comment after a value, a tab, a control character, a key seen twice) fails the document, and the yaml
// package reads it: a shortcut past it, never a second reading of YAML.
import { isAscii, isUtf8 } from 'node:buffer';
import type { Elements } from './yaml-elements.js';
import type { DocLines, ItemLines } from './yaml-lines.js';
import { blockScalar, flowScalar, type Multiline } from './yaml-multiline.js';
import { MAY_RESOLVE, closingQuote, hasControl, notBlock, nullOrBool, scalar, skipBlanks } from './yaml-scalars.js';

/** Bytes of a plain key after its first: letters, digits, `_ . / -` and blanks inside it. */
const KEY_BYTE = new Uint8Array(256);
for (let c = 0; c < 128; c++) if (/[\w./ -]/.test(String.fromCharCode(c))) KEY_BYTE[c] = 1;
/** Keys of a mapping each compared with the ones before it; past them, its keys are looked up in a set. */
const KEYS_LINEAR = 64;
/** Longest plain key, to its `:` (the yaml package reads a longer one as an error: KEY_OVER_1024_CHARS). */
const KEY_MAX = 1024;
/** Deepest nesting here (the yaml package runs out of stack near a thousand levels and reads the document as text). */
const DEPTH_MAX = 64;

/**
 * Writes a document's elements to `out` — one for a mapping at the top level, one per item of a sequence at
 * the top level whose items are mappings — and says whether it could; when it could not, nothing of it is
 * left in `out`.
 */
export function blockDocument(buf: Buffer, doc: DocLines, out: Elements, items: ItemLines): boolean {
  const mark = out.mark();
  if (read(buf, doc, out, items)) return true;
  out.restore(mark);
  if (items.size > 0) items.clear();
  return false;
}

function read(buf: Buffer, doc: DocLines, out: Elements, items: ItemLines): boolean {
  const r = reader;
  r.items = items;
  r.collect = undefined;
  r.buf = buf;
  r.out = out;
  r.doc = doc;
  r.count = 0;
  r.at = 0;
  r.keys = 0;
  // Cleared only when it holds something: Map#clear makes a new table, and a stream has a document per entry.
  if (r.keySets.size > 0) r.keySets.clear();
  r.depth = 0;
  if (!r.lines(doc)) return false;
  try {
    r.topLevel();
    return r.at === r.count;
  } catch (e) {
    if (e === notBlock) return false;
    throw e;
  }
}

class Reader {
  buf: Buffer = Buffer.alloc(0);
  out!: Elements;
  doc!: DocLines;
  /** Content lines: their text's start (after the indentation) and end (blanks after it off), indentation, number. */
  s = new Int32Array(256);
  e = new Int32Array(256);
  indent = new Int32Array(256);
  no = new Float64Array(256);
  /** Which of the document's lines each is. */
  raw = new Int32Array(256);
  count = 0;
  at = 0;
  /** The keys of the mappings being read, innermost last. */
  keyS = new Int32Array(KEYS_LINEAR * 8);
  keyE = new Int32Array(KEYS_LINEAR * 8);
  keys = 0;
  /** Per open mapping past KEYS_LINEAR keys (by its first key's place): its keys (a mapping of 80,000 keys is read here too). */
  keySets = new Map<number, Set<string>>();
  /** Mappings and sequences open. */
  depth = 0;
  /** The lines of the items of each sequence under a key of the document's mapping (see ItemLines), and those being noted. */
  items!: ItemLines;
  collect: number[] | undefined;
  private readonly collected: number[] = [];
  rootMap = false;

  /** Takes the document's content lines; false for a byte or line outside the shortcut. */
  lines(doc: DocLines): boolean {
    const b = this.buf;
    const from = doc.starts[0]!;
    const to = doc.ends[doc.count - 1]!;
    if (doc.count > this.s.length) {
      this.s = new Int32Array(doc.count);
      this.e = new Int32Array(doc.count);
      this.indent = new Int32Array(doc.count);
      this.no = new Float64Array(doc.count);
      this.raw = new Int32Array(doc.count);
    }
    for (let k = 0; k < doc.count; k++) {
      const s = doc.starts[k]!;
      let e = doc.ends[k]!;
      const t = skipBlanks(b, s, e);
      while (e > t && b[e - 1] === 0x20) e--;
      if (t === e) continue;
      if (b[t] === 0x23) {
        // A line's key and scalar are tested for control characters as they are read; a comment here.
        if (hasControl(b, t, e)) return false;
        continue;
      }
      if (t === s && (b[t] === 0x25 || e - t >= 3 && (isRun(b, t, 0x2d) || isRun(b, t, 0x2e)))) {
        // A document's marker alone on its line (yamlAsJson ends a document at each); a directive is the yaml package's.
        if (e - t !== 3 || b[t] === 0x25) return false;
        continue;
      }
      this.s[this.count] = t;
      this.e[this.count] = e;
      this.indent[this.count] = t - s;
      this.raw[this.count] = k;
      this.no[this.count++] = doc.nos[k]!;
    }
    if (this.count === 0 || this.indent[0] !== 0) return false;
    // Bytes that are no UTF-8 would be decoded (to U+FFFD) by the yaml package's reading: not copied as they are.
    const bytes = b.subarray(from, to);
    return isAscii(bytes) || isUtf8(bytes);
  }

  topLevel(): void {
    this.rootMap = !this.isItem(this.s[0]!, this.e[0]!);
    if (this.rootMap) {
      this.out.element(this.no[0]!);
      this.mapping(0, -1);
      return;
    }
    while (this.at < this.count) {
      const s = this.s[this.at]!;
      if (this.indent[this.at] !== 0 || !this.isItem(s, this.e[this.at]!)) throw notBlock;
      const rest = this.afterDash(s, this.e[this.at]!);
      // Only an item that is a mapping on the item's own line: a scalar item is the yaml package's.
      if (rest < 0 || this.keyEnd(rest, this.e[this.at]!) < 0) throw notBlock;
      this.out.element(this.no[this.at]!);
      this.mapping(rest - s, rest);
    }
  }

  /** A block mapping at `indent`; `first`: where its first line's text starts when it follows a sequence item's `- `. */
  private mapping(indent: number, first: number): void {
    const out = this.out;
    const base = this.keys;
    if (++this.depth > DEPTH_MAX) throw notBlock;
    out.byte(0x7b);
    for (let t = first; this.at < this.count; t = -1) {
      const e = this.e[this.at]!;
      if (t < 0) {
        const i = this.indent[this.at]!;
        if (i < indent) break;
        if (i > indent) throw notBlock;
        t = this.s[this.at]!;
        if (this.isItem(t, e)) break;
      }
      const colon = this.keyEnd(t, e);
      if (colon < 0 || colon - t > KEY_MAX) throw notBlock;
      let k = colon;
      while (this.buf[k - 1] === 0x20) k--;
      this.key(t, k, base);
      // Its bytes after the first are checked as they are written (KEY_BYTE).
      if (!out.member(this.buf, t, k, this.keys > base + 1, KEY_BYTE)) throw notBlock;
      this.at++;
      const v = skipBlanks(this.buf, colon + 1, e);
      // The document's own keys note the lines of the lists under them (see ItemLines), `[]` too.
      const lists = this.depth === 1 && this.rootMap;
      if (v < e) {
        if (lists && e - v === 2 && this.buf[v] === 0x5b && this.buf[v + 1] === 0x5d) this.items.set(this.buf.toString('latin1', t, k), []);
        this.inline(v, e, indent);
      } else if (lists) {
        // One array for every key's items (most keys have none), copied for a key that has some.
        this.collect = this.collected;
        this.collect.length = 0;
        this.nested(indent, true);
        if (this.collect.length > 0) this.items.set(this.buf.toString('latin1', t, k), this.collect.slice());
        this.collect = undefined;
      } else this.nested(indent, true);
    }
    out.byte(0x7d);
    this.keys = base;
    this.keySets.delete(base);
    this.depth--;
  }

  /** A plain key from s to e: one the shortcut takes (its bytes after the first: see mapping), and not one its mapping had (from `base`). */
  private key(s: number, e: number, base: number): void {
    const b = this.buf;
    const c = b[s]!;
    if (!(c >= 0x41 && c <= 0x5a || c >= 0x61 && c <= 0x7a || c === 0x5f)) throw notBlock;
    const n = e - s;
    // A key the core schema reads as null or a boolean, and `__proto__`, are the yaml package's.
    if (MAY_RESOLVE[c] === 2 && nullOrBool(b, s, e) !== undefined || n === 9 && c === 0x5f && b.toString('latin1', s, e) === '__proto__') throw notBlock;
    if (this.keys - base >= KEYS_LINEAR) {
      let set = this.keySets.get(base);
      if (set === undefined) {
        set = new Set();
        for (let j = base; j < this.keys; j++) set.add(b.toString('latin1', this.keyS[j]!, this.keyE[j]!));
        this.keySets.set(base, set);
      }
      const key = b.toString('latin1', s, e);
      if (set.has(key)) throw notBlock;
      set.add(key);
    } else {
      for (let j = base; j < this.keys; j++) {
        const js = this.keyS[j]!;
        if (this.keyE[j]! - js === n && b[js] === c && same(b, s, js, n)) throw notBlock;
      }
    }
    if (this.keys === this.keyS.length) {
      const grown = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
        const g = new Int32Array(a.length * 2);
        g.set(a);
        return g;
      };
      this.keyS = grown(this.keyS);
      this.keyE = grown(this.keyE);
    }
    this.keyS[this.keys] = s;
    this.keyE[this.keys++] = e;
  }

  /** A block sequence at `indent`: the lines there that are items. */
  private sequence(indent: number): void {
    const out = this.out;
    if (++this.depth > DEPTH_MAX) throw notBlock;
    out.byte(0x5b);
    for (let n = 0; this.at < this.count; n++) {
      const s = this.s[this.at]!;
      const e = this.e[this.at]!;
      if (this.indent[this.at] !== indent || !this.isItem(s, e)) {
        if (this.indent[this.at]! > indent) throw notBlock;
        break;
      }
      if (n > 0) out.byte(0x2c);
      const rest = this.afterDash(s, e);
      // An item's line is its content's: below a `-` alone, the next line's when it is indented further.
      if (this.collect !== undefined && this.depth === 2) this.collect.push(this.no[rest < 0 && this.at + 1 < this.count && this.indent[this.at + 1]! > indent ? this.at + 1 : this.at]!);
      if (rest < 0) {
        this.at++;
        this.nested(indent, false);
      } else if (this.keyEnd(rest, e) >= 0) this.mapping(indent + rest - s, rest);
      else {
        this.at++;
        this.inline(rest, e, indent);
      }
    }
    out.byte(0x5d);
    this.depth--;
  }

  /** The value after a key or `-` with nothing after it: a block below it (a key's may be a sequence at the key's own indentation), or null. */
  private nested(indent: number, ofKey: boolean): void {
    if (this.at < this.count) {
      const i = this.indent[this.at]!;
      if (i > indent || ofKey && i === indent && this.isItem(this.s[this.at]!, this.e[this.at]!)) {
        if (this.isItem(this.s[this.at]!, this.e[this.at]!)) this.sequence(i);
        else this.mapping(i, -1);
        return;
      }
    }
    this.out.ascii('null');
  }

  /**
   * A scalar that starts on the line of its key or `-` (the line before `at`), at `indent`: on that line, or
   * going on below it — a block scalar's header, a quote not closed there, a plain one with lines indented
   * further below.
   */
  private inline(s: number, e: number, indent: number): void {
    const b = this.buf;
    const c = b[s];
    const first = this.raw[this.at - 1]!;
    if (c === 0x7c || c === 0x3e) return this.multiline(blockScalar(b, this.doc, first, s, e, indent));
    const quoted = c === 0x22 || c === 0x27;
    const close = quoted ? closingQuote(b, s + 1, e, c) : -1;
    if (quoted && close < 0) return this.multiline(flowScalar(b, this.doc, first, s, indent));
    if (this.at < this.count && this.indent[this.at]! > indent) {
      if (quoted) throw notBlock;
      return this.multiline(flowScalar(b, this.doc, first, s, indent));
    }
    scalar(b, s, e, this.out, close);
  }

  /** A scalar read over lines: its JSON written, the content lines it took passed. */
  private multiline(m: Multiline): void {
    this.out.string(m.json);
    while (this.at < this.count && this.raw[this.at]! <= m.last) this.at++;
  }

  private isItem(s: number, e: number): boolean {
    return this.buf[s] === 0x2d && (s + 1 === e || this.buf[s + 1] === 0x20);
  }

  /** Where the text after an item's `- ` starts; -1 for none. */
  private afterDash(s: number, e: number): number {
    const k = skipBlanks(this.buf, s + 1, e);
    return k === e ? -1 : k;
  }

  /** Where the `:` that ends a plain key is (a blank or the line's end after it), or -1 for a line with none. */
  private keyEnd(s: number, e: number): number {
    const b = this.buf;
    if (b[s] === 0x22 || b[s] === 0x27) return -1;
    let k = s;
    while (k < e && b[k] !== 0x3a) k++;
    if (k === s || k === e) return -1;
    return k + 1 === e || b[k + 1] === 0x20 ? k : -1;
  }
}

const reader = new Reader();

/** Are the n bytes at s and at t the same? */
function same(b: Buffer, s: number, t: number, n: number): boolean {
  for (let i = 0; i < n; i++) if (b[s + i] !== b[t + i]) return false;
  return true;
}

/** Is b[s..] a run of three of c? */
const isRun = (b: Buffer, s: number, c: number): boolean => b[s] === c && b[s + 1] === c && b[s + 2] === c;
