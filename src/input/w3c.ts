// The W3C extended log file format (IIS, CloudFront, other web servers' access logs): directives such as
// `#Software:`, `#Version:`, `#Date:` and `#Fields: date time …` head the file, and its times are in UTC
// whatever zone the machine runs in (the format's definition: "all times are specified in GMT").

/** Bytes of a file's head looked through for the directives. */
const W3C_HEAD = 16 * 1024;
const FIELDS = Buffer.from('#Fields:');

/** Does the file start with W3C directives, one of them `#Fields:`? Then its times are UTC (see Sniffed.utc). */
export function w3cHead(head: Uint8Array): boolean {
  const end = Math.min(head.length, W3C_HEAD);
  // Directive lines first (`#` at the start of each): a `#Fields:` among them.
  for (let s = 0; s < end && head[s] === 0x23; ) {
    let e = head.indexOf(0x0a, s);
    if (e < 0 || e > end) e = end;
    if (e - s >= FIELDS.length && Buffer.from(head.buffer, head.byteOffset + s, FIELDS.length).equals(FIELDS)) return true;
    s = e + 1;
  }
  return false;
}
