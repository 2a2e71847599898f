// A YAML document's lines as yamlAsJson holds them: places in the bytes read, none decoded.

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

  /** The buffer they are in now starts `by` bytes later. */
  shift(by: number): void {
    for (let k = 0; k < this.count; k++) {
      this.starts[k] = this.starts[k]! - by;
      this.ends[k] = this.ends[k]! - by;
    }
  }
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
