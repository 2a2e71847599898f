/** Byte → 1 when it is a word character [A-Za-z0-9_]: the characters a code boundary may not touch. */
export const WORD = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95) WORD[c] = 1;
}

/** Byte → 1 when it is a hex digit [0-9A-Fa-f]. */
export const HEX = new Uint8Array(256);
for (let c = 0; c < 256; c++) HEX[c] = (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102) ? 1 : 0;

/** The letters that end a one-letter escape: `\b`, `\f`, `\n`, `\r`, `\t` (the kernel's isEscapeLetter is generated from them). */
export const ESCAPE_LETTERS = 'bfnrt';
const ESCAPE = new Set([...ESCAPE_LETTERS].map((ch) => ch.charCodeAt(0)));
const isHexByte = (c: number | undefined): boolean => c !== undefined && HEX[c] === 1;

/**
 * Where a word that starts at s (its last byte before e) starts once an escape's tail is taken off — looked up
 * when the word is no code as it stands (`\task_finished_without_error` after a path's `\` is that code): after
 * `\n`, `\t`, `\r`, `\b`, `\f` or `\u` and four hex digits after a `\`, the letters are no word characters
 * (JSON's text holds a line break or a tab so: `"…\nstorage_error"`; JSON held in a JSON string doubles
 * the backslash, `\\nstorage_error`, so any run of them will do); nor are the two hex digits after a `%`
 * (a URL's encoded blank or `=`: `q=upload%20storage_error`, `code%3Dstorage_error`). s when none ends
 * there. The kernel reads the same (src/wasm/words.ts pastEscape).
 */
export function pastEscape(buf: Uint8Array, ls: number, s: number, e: number): number {
  if (s <= ls) return s;
  const c = buf[s]!;
  if (buf[s - 1] === 0x25) return s + 2 <= e && isHexByte(c) && isHexByte(buf[s + 1]) ? s + 2 : s;
  if (buf[s - 1] !== 0x5c) return s;
  let tail = 0;
  if (ESCAPE.has(c)) tail = 1;
  else if (c === 0x75 && s + 5 <= e && isHexByte(buf[s + 1]) && isHexByte(buf[s + 2]) && isHexByte(buf[s + 3]) && isHexByte(buf[s + 4])) tail = 5;
  return s + tail;
}
