// A YAML document's lines as yamlAsJson holds them: places in the bytes read, none decoded.
import { dedented } from './yaml-list.js';

/** A document's lines: where each starts and ends (a `\r` before its `\n` off) in a buffer, and its number. */
export class DocLines {
  starts: Int32Array = new Int32Array(256);
  ends: Int32Array = new Int32Array(256);
  nos: Float64Array = new Float64Array(256);
  count = 0;

  push(s: number, e: number, no: number): void {
    if (this.count === this.starts.length) {
      this.starts = grow(this.starts);
      this.ends = grow(this.ends);
      const nos = new Float64Array(this.nos.length * 2);
      nos.set(this.nos);
      this.nos = nos;
    }
    this.starts[this.count] = s;
    this.ends[this.count] = e;
    this.nos[this.count++] = no;
  }

  /** The first k lines are dropped. */
  dropFirst(k: number): void {
    this.starts.copyWithin(0, k, this.count);
    this.ends.copyWithin(0, k, this.count);
    this.nos.copyWithin(0, k, this.count);
    this.count -= k;
  }

  /** Up to n blanks at the start of each line are taken off (a list's items, indented, read as a sequence at the top level). */
  dedent(buf: Uint8Array, n: number): void {
    for (let k = 0; k < this.count; k++) this.starts[k] = dedented(buf, this.starts[k]!, this.ends[k]!, n);
  }

  /** Their bytes, a line break after each. */
  bytes(): number {
    let n = 0;
    for (let k = 0; k < this.count; k++) n += this.ends[k]! - this.starts[k]! + 1;
    return n;
  }

  /** The buffer they are in now starts `by` bytes later. */
  shift(by: number): void {
    for (let k = 0; k < this.count; k++) {
      this.starts[k] = this.starts[k]! - by;
      this.ends[k] = this.ends[k]! - by;
    }
  }
}

/** Is the line buf[s, e) a document's marker (`---` or `...`, alone or before a blank)? */
export function marker(b: Uint8Array, s: number, e: number): boolean {
  const c = b[s];
  return e - s >= 3 && b[s + 1] === c && b[s + 2] === c && (e === s + 3 || b[s + 3] === 0x20 || b[s + 3] === 0x09);
}

const grow = (a: Int32Array): Int32Array => {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
};

/**
 * The lines of the items of each sequence that is the value of a key of a document's mapping (`[]` too),
 * by the key: where each record of a document that is a wrapped export (a kubectl list's `items`) starts.
 */
export type ItemLines = Map<string, number[]>;
