// One JSON text parsed, never a throw: what the structured readers and the detection share.

/**
 * What a JSON text starts with after its white space (RFC 8259: a value's first character), and ends with
 * before it: a text that does not (a stack trace's line among JSON lines) is malformed, told without a parse
 * (the kernel's table is made from these, src/fast/kernel-source.ts JSON_EDGES, for its notJson).
 */
export const JSON_FIRST = '{["-0123456789tfn';
export const JSON_LAST = '}]"0123456789el';
const isJsonWs = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** May the text be JSON, by its first and last characters after and before white space (see JSON_FIRST)? */
export function mayBeJson(text: string): boolean {
  let i = 0;
  let j = text.length - 1;
  while (i <= j && isJsonWs(text.charCodeAt(i))) i++;
  while (j >= i && isJsonWs(text.charCodeAt(j))) j--;
  return j >= i && JSON_FIRST.includes(text[i]!) && JSON_LAST.includes(text[j]!);
}

/**
 * Parses one JSON text: `{ value }` or `{ err }`, never a throw. A text no JSON value starts or ends like is
 * told at once: a throw costs microseconds, thousands of lines in a row of them a second.
 */
export function parseJson(text: string): { value: unknown } | { err: true } {
  if (!mayBeJson(text)) return { err: true };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return { err: true };
  }
}
