// A YAML document that is a mapping with a block sequence at column 0 under one of its keys, as kubectl
// (`kubectl get events -o yaml`: `items:` then `- apiVersion: v1` …) and PyYAML write a list: where its items
// start among the document's lines, so that a list too long to hold whole is read an item at a time (see
// yamlAsJson's streamList).

/** The document's lines seen so far: the sequence under its last key at column 0, if one is open. */
export class ColumnSequence {
  /** The index among the document's lines of the sequence's first item, and of its last item's first line; -1: none. */
  first = -1;
  last = -1;
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

  /** Line k of the document, buf[s, e) (s < e); `item`: it starts with `- ` (or is `-` alone). */
  see(buf: Uint8Array, s: number, e: number, k: number, item: boolean): void {
    if (item) {
      if (this.first < 0 && this.keyOpen) {
        this.first = k;
        this.name = keyName(buf, this.keyS, this.keyE);
      }
      if (this.first >= 0) this.last = k;
      this.keyOpen = false;
      return;
    }
    // Indented, a comment or blank: inside whatever is open.
    if (!atColumn0(buf, s, e)) return;
    // Another key: the sequence (if any) has ended.
    this.first = -1;
    this.last = -1;
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

/** Does buf[s, e) hold content at column 0: no blank, tab or `#` first, and no blank line? */
export function atColumn0(buf: Uint8Array, s: number, e: number): boolean {
  const c = buf[s];
  if (s >= e || c === 0x20 || c === 0x09 || c === 0x23) return false;
  return !(c === 0x0d && e === s + 1);
}
