/** How a piece of JSON text can end: at a byte JSON rejects, where the text is cut, or at a given index. */
const BAD = -1;
const CUT = -2;

const enum Next {
  /** A value. */
  Value,
  /** Right after `{`: a key or `}`. */
  FirstKey,
  /** After `,` in an object: a key. */
  Key,
  Colon,
  /** Right after `[`: a value or `]`. */
  FirstItem,
  /** After a value: `,` or the container's closing bracket. */
  Comma,
  /** After the top-level value: only white space. */
  End,
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
/** What a number cut anywhere may look like. */
const NUMBER_START = /^-?(?:(?:0|[1-9]\d*)(?:\.|(?:\.\d+)?(?:[eE][+-]?\d*)?))?$/;
const NUMBER_RUN = /[-+.eE0-9]*/y;
const WORD_RUN = /[a-z]*/y;
const LITERALS = ['true', 'false', 'null'];

/**
 * True when `text` is the beginning of one JSON object, cut anywhere: it starts with `{`, a key (or the
 * closing `}`) comes next, nothing in it is what JSON rejects there, and after the object there is only
 * white space. Decides the format of a first line too long to hold (src/input/detect.ts).
 */
export function startsJsonObject(text: string): boolean {
  if (!text.startsWith('{')) return false;
  const open: number[] = [];
  let next = Next.Value;
  let keyed = false;
  let i = 0;
  const n = text.length;
  const afterValue = (): Next => (open.length === 0 ? Next.End : Next.Comma);
  for (;;) {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    if (i === n) return keyed;
    const c = text[i]!;
    if (next === Next.End) return false;
    if (next === Next.FirstKey || next === Next.Key) {
      keyed = true;
      if (next === Next.FirstKey && c === '}') {
        open.pop();
        i++;
        next = afterValue();
        continue;
      }
      if (c !== '"') return false;
      const e = stringEnd(text, i + 1);
      if (e < 0) return e === CUT;
      i = e;
      next = Next.Colon;
      continue;
    }
    if (next === Next.Colon) {
      if (c !== ':') return false;
      i++;
      next = Next.Value;
      continue;
    }
    if (next === Next.Comma) {
      const top = open[open.length - 1];
      i++;
      if (c === ',') next = top === 0x7b ? Next.Key : Next.Value;
      else if ((c === '}' && top === 0x7b) || (c === ']' && top === 0x5b)) {
        open.pop();
        next = afterValue();
      } else return false;
      continue;
    }
    if (next === Next.FirstItem && c === ']') {
      open.pop();
      i++;
      next = afterValue();
      continue;
    }
    // A value.
    const e = valueEnd(text, i);
    if (e === BAD) return false;
    if (e === CUT) return keyed;
    if (c === '{' || c === '[') {
      open.push(c.charCodeAt(0));
      next = c === '{' ? Next.FirstKey : Next.FirstItem;
    } else next = afterValue();
    i = e;
  }
}

/** Where a value starting at i ends (just past `{` or `[` for a container), or BAD, or CUT. */
function valueEnd(text: string, i: number): number {
  const c = text[i]!;
  if (c === '{' || c === '[') return i + 1;
  if (c === '"') return stringEnd(text, i + 1);
  if (c === '-' || (c >= '0' && c <= '9')) {
    NUMBER_RUN.lastIndex = i;
    NUMBER_RUN.test(text);
    const run = NUMBER_RUN.lastIndex;
    if (run === text.length) return NUMBER_START.test(text.slice(i)) ? CUT : BAD;
    NUMBER.lastIndex = i;
    return NUMBER.test(text) && NUMBER.lastIndex === run ? run : BAD;
  }
  WORD_RUN.lastIndex = i;
  WORD_RUN.test(text);
  const word = text.slice(i, WORD_RUN.lastIndex);
  if (word === '') return BAD;
  if (WORD_RUN.lastIndex === text.length) return LITERALS.some((l) => l.startsWith(word)) ? CUT : BAD;
  return LITERALS.includes(word) ? WORD_RUN.lastIndex : BAD;
}

/** Just past the closing quote of a string whose content starts at i, or BAD, or CUT. */
function stringEnd(text: string, i: number): number {
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) return BAD;
    if (c !== 0x5c) continue;
    const e = text[++i];
    if (e === undefined) return CUT;
    if (e === 'u') {
      for (let k = 1; k <= 4; k++) {
        const h = text[i + k];
        if (h === undefined) return CUT;
        if (!/[0-9a-fA-F]/.test(h)) return BAD;
      }
      i += 4;
    } else if (!'"\\/bfnrt'.includes(e)) return BAD;
  }
  return CUT;
}

/** JSON's white space. */
function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}
