/** Byte → 1 when it is a word character [A-Za-z0-9_]: the characters a code boundary may not touch. */
export const WORD = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95) WORD[c] = 1;
}
