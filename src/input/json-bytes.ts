// Byte helpers of the JSON splitter (src/input/json-split.ts): where an element and a line end, and where a
// compact export's array opens.
export const NL = 0x0a;
export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const COMMA = 0x2c;
export const OPEN_BRACE = 0x7b;
export const CLOSE_BRACE = 0x7d;
export const OPEN_BRACKET = 0x5b;
export const CLOSE_BRACKET = 0x5d;

/** JSON's white space: 1 for each of its bytes. */
export const WS = new Uint8Array(256);
for (const c of [0x20, 0x09, 0x0a, 0x0d]) WS[c] = 1;

/** Past JSON white space from i, up to `to`. */
export function skipWs(buf: Uint8Array, i: number, to: number): number {
  while (i < to && WS[buf[i]!] === 1) i++;
  return i;
}

/**
 * True when the array whose `[` is just before `at` (its object starting at s) opens on the line of its
 * first element, or of its end: no line end from s to the first byte after `at` that is no white space;
 * undefined when no such byte comes before `to` (false when `last`: none comes).
 */
export function firstOnLine(buf: Buffer, s: number, at: number, to: number, last: boolean): boolean | undefined {
  const k = skipWs(buf, at, to);
  if (k === to) return last ? false : undefined;
  const nl = buf.indexOf(NL, s);
  return nl === -1 || nl > k;
}

/** The first `\n` in buf[from, to), or `to`: a search never goes past `to` (a one-line array has none). */
export function nextNl(buf: Buffer, from: number, to: number): number {
  const i = buf.indexOf(NL, from);
  return i === -1 || i > to ? to : i;
}

/**
 * Where the element starting at s ends: its delimiter (`,` or `]` outside strings and nesting), or -1 when
 * none comes before `to`. A stray `}` at the top stays in the element (which then fails to parse).
 */
export function elementEnd(buf: Buffer, s: number, to: number): number {
  let depth = 0;
  for (let i = s; i < to; i++) {
    const c = buf[i]!;
    if (c === QUOTE) {
      // A string: its closing quote is the first one after an even run of backslashes.
      let k = i + 1;
      for (;;) {
        k = buf.indexOf(QUOTE, k);
        if (k === -1 || k >= to) return -1;
        let b = k - 1;
        while (b > i && buf[b] === BACKSLASH) b--;
        if ((k - 1 - b) % 2 === 0) break;
        k++;
      }
      i = k;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
    else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (depth > 0) depth--;
      else if (c === CLOSE_BRACKET) return i;
    } else if (c === COMMA && depth === 0) return i;
  }
  return -1;
}

/** End of buf[s, e) once trimEnd has taken off its trailing white space (any that JavaScript trims). */
export function trimEnd(buf: Buffer, s: number, e: number): number {
  while (e > s && WS[buf[e - 1]!] === 1) e--;
  const c = buf[e - 1]!;
  if (e > s && (c >= 0x80 || c === 0x0b || c === 0x0c)) {
    // Other white space (no-break space, line separators…): decoded to be sure.
    return s + Buffer.byteLength(buf.toString('utf8', s, e).trimEnd());
  }
  return e;
}

/**
 * The blanks before each element of a bare JSON array whose elements start lines of their own (pretty-printed,
 * as gcloud, the AWS and Azure CLIs, `jq .` and PowerShell's ConvertTo-Json write one): those between the
 * first element's line start and its `{`, on a line after the `[`; undefined for any other input.
 */
export function arrayIndent(head: Buffer): Buffer | undefined {
  const open = skipWs(head, 0, head.length);
  if (head[open] !== OPEN_BRACKET) return undefined;
  const first = skipWs(head, open + 1, head.length);
  const nl = head.lastIndexOf(NL, first);
  if (head[first] !== OPEN_BRACE || nl < open) return undefined;
  const indent = head.subarray(nl + 1, first);
  return indent.every((c) => c === 0x20 || c === 0x09) ? indent : undefined;
}
