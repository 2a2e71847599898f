// A YAML document that is a mapping with a block sequence under one of its keys at column 0, as kubectl
// (`kubectl get events -o yaml`: `items:` then `- apiVersion: v1` …) and PyYAML write a list, or yq (its items
// indented: `  - apiVersion: v1`): where its items start among the document's lines, so that a list too long
// to hold whole is read an item at a time (see yamlAsJson's streamList).

/** The document's lines seen so far: the sequence under its last key at column 0, if one is open. */
export class ColumnSequence {
  /** The index among the document's lines of the sequence's first item, and of its last item's first line; -1: none. */
  first = -1;
  last = -1;
  /** The column of its items' `-`. */
  ind = 0;
  /** The key the sequence is the value of, as YAML reads a plain or quoted key (no escape in it). */
  name = '';
  /** The last line at column 0 was a key with no value on its line (`items:`): a sequence may follow; its key's bytes. */
  private keyOpen = false;
  private keyS = 0;
  private keyE = 0;
  /** The document was tried as a list to read an item at a time (once: see ready). */
  tried = false;

  reset(): void {
    this.first = -1;
    this.last = -1;
    this.keyOpen = false;
    this.tried = false;
  }

  /** Must an indented line be seen (it may start an item)? A line at column 0 always must. */
  watching(): boolean {
    return this.keyOpen || (this.first >= 0 && this.ind > 0);
  }

  /** Line k of the document, buf[s, e) (s < e). */
  see(buf: Uint8Array, s: number, e: number, k: number): void {
    if (this.first >= 0) {
      if (itemAt(buf, s, e, this.ind)) {
        this.last = k;
        return;
      }
      if (!endsAt(buf, s, e, this.ind)) return;
      // Content at its items' column or before it: the sequence has ended.
      this.first = -1;
      this.last = -1;
    }
    const l = leading(buf, s, e, e - s);
    if (!hasContent(buf, s + l, e)) return;
    if (this.keyOpen) {
      this.keyOpen = false;
      // The key's value is a sequence when its first line with content is an item, at any column.
      if (itemAt(buf, s, e, l)) {
        [this.first, this.last, this.ind] = [k, k, l];
        this.name = keyName(buf, this.keyS, this.keyE);
        return;
      }
    }
    if (l > 0) return;
    let j = e;
    while (j > s && (buf[j - 1] === 0x20 || buf[j - 1] === 0x09)) j--;
    this.keyOpen = buf[j - 1] === 0x3a;
    [this.keyS, this.keyE] = [s, j - 1];
  }

  /** Items before the last one's first line are whole: the list may be read from there an item at a time, if not tried yet. */
  ready(): boolean {
    return !this.tried && this.first >= 0 && this.last > this.first;
  }
}

/** A key's name from its bytes before its `:`: blanks after it off, a quoted one's quotes off. */
function keyName(buf: Uint8Array, s: number, e: number): string {
  while (e > s && (buf[e - 1] === 0x20 || buf[e - 1] === 0x09)) e--;
  const q = buf[s];
  if ((q === 0x22 || q === 0x27) && e - s >= 2 && buf[e - 1] === q) [s, e] = [s + 1, e - 1];
  return Buffer.from(buf.buffer, buf.byteOffset + s, e - s).toString('utf8');
}

/** The blanks at the start of buf[s, e), counted up to `most` + 1. */
export function leading(buf: Uint8Array, s: number, e: number, most: number): number {
  let i = s;
  while (i < e && i - s <= most && buf[i] === 0x20) i++;
  return i - s;
}

/** Where buf[s, e) starts with up to n of its blanks at the start taken off. */
export const dedented = (buf: Uint8Array, s: number, e: number, n: number): number => s + Math.min(leading(buf, s, e, n), n);

/** Is there content from t (no line end, no tab or comment first)? */
const hasContent = (buf: Uint8Array, t: number, e: number): boolean => t < e && buf[t] !== 0x09 && buf[t] !== 0x23 && !(buf[t] === 0x0d && t + 1 === e);

/** Is buf[s, e) an item at column `ind`: `ind` blanks, then `- ` (or `-` alone)? */
export function itemAt(buf: Uint8Array, s: number, e: number, ind: number): boolean {
  const d = s + ind;
  if (d >= e || leading(buf, s, e, ind) !== ind || buf[d] !== 0x2d) return false;
  return d + 1 === e || buf[d + 1] === 0x20 || buf[d + 1] === 0x09;
}

/** Does buf[s, e) end a sequence whose items are at column `ind`: content at that column or before it that is no item? */
export function endsAt(buf: Uint8Array, s: number, e: number, ind: number): boolean {
  const l = leading(buf, s, e, ind);
  return l <= ind && hasContent(buf, s + l, e) && !itemAt(buf, s, e, ind);
}
