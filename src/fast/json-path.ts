import { valueEnd } from '../input/json-records.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const isWs = (c: number | undefined): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** Where a value lies: buf[start, end) (a string's with its quotes). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * The value at a dotted path (`keys`, each as its bytes) in the JSON object buf[s, e), which the kernel
 * proved valid: at each level the last of duplicate keys wins, as in JSON.parse. null when the path is
 * not there (or leads through a value that is not an object); undefined when JSON.parse could see it
 * otherwise (a key with an escape, a path through an array): the caller then parses the record.
 */
export function pathValue(buf: Buffer, s: number, e: number, keys: readonly Buffer[]): Span | null | undefined {
  let i = s;
  const ws = (): void => {
    while (i < e && isWs(buf[i])) i++;
  };
  ws();
  for (let d = 0; d < keys.length; d++) {
    const key = keys[d]!;
    let found = -1;
    i++; // past `{`
    for (;;) {
      ws();
      if (buf[i] === 0x7d || i >= e) break;
      const ks = i + 1;
      let ke = ks;
      while (ke < e && buf[ke] !== QUOTE) {
        if (buf[ke] === BACKSLASH) return undefined;
        ke++;
      }
      const match = ke - ks === key.length && buf.compare(key, 0, key.length, ks, ke) === 0;
      i = ke + 1;
      ws();
      i++; // past `:`
      ws();
      if (match) found = i;
      const ve = valueEnd(buf, i, e);
      if (ve < 0) return undefined;
      i = ve;
      ws();
      if (buf[i] === 0x2c) i++;
    }
    if (found === -1) return null;
    if (d === keys.length - 1) {
      const end = valueEnd(buf, found, e);
      return end < 0 ? undefined : { start: found, end };
    }
    // JSON.parse would find an array's items by index: left to it.
    if (buf[found] === 0x5b) return undefined;
    if (buf[found] !== 0x7b) return null;
    i = found;
  }
  return null;
}
