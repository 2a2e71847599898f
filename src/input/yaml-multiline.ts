// Scalars of a YAML block document (yaml-block.ts) that go on over lines, as emitters write long values:
// PyYAML (gcloud's printer) wraps a plain or quoted string past 80 columns and writes one holding line breaks
// as a literal block (`|`, `|-`). Their lines are folded as YAML 1.2 says and the yaml package does (the
// property test holds the two side by side); anything unusual fails the document, and the yaml package reads it.
import type { DocLines } from './yaml-lines.js';
import { closingQuote, hasControl, notBlock, plainJson, plainLine, quotedJson, skipBlanks } from './yaml-scalars.js';

/** A scalar read over lines: its JSON and the last of the document's lines it takes. */
export interface Multiline {
  json: string;
  last: number;
}

/**
 * A plain or quoted scalar that starts at s on the document's line `first` and goes on below it (its key or
 * `-` at indentation `indent`): a quoted one to its closing quote, a plain one over the lines indented further.
 */
export function flowScalar(b: Buffer, doc: DocLines, first: number, s: number, indent: number): Multiline {
  const q = b[s]!;
  if (q === 0x22 || q === 0x27) {
    const lines = [b.toString('utf8', s + 1, doc.ends[first])];
    for (let r = first + 1; r < doc.count; r++) {
      const ls = doc.starts[r]!;
      const le = doc.ends[r]!;
      const t = skipBlanks(b, ls, le);
      // A line that goes on must be indented past its key.
      if (t < le && t - ls <= indent) throw notBlock;
      if (hasControl(b, ls, le)) throw notBlock;
      const close = t < le ? closingQuote(b, t, le, q) : -1;
      if (close < 0) {
        lines.push(b.toString('utf8', ls, le));
        continue;
      }
      if (skipBlanks(b, close + 1, le) !== le) throw notBlock;
      lines.push(b.toString('utf8', ls, close));
      return { json: quotedJson(fold(lines, q === 0x22 ? 'double' : 'single'), q === 0x22), last: r };
    }
    throw notBlock;
  }
  const lines = [b.toString('utf8', s, doc.ends[first])];
  plainLine(b, s, doc.ends[first]!, true);
  let last = first;
  for (let r = first + 1; r < doc.count; r++) {
    const ls = doc.starts[r]!;
    let le = doc.ends[r]!;
    const t = skipBlanks(b, ls, le);
    while (le > t && b[le - 1] === 0x20) le--;
    if (t === le) continue;
    if (t - ls <= indent) break;
    // A comment ends a plain scalar: what follows it would be the yaml package's to judge.
    if (b[t] === 0x23) throw notBlock;
    plainLine(b, t, le, false);
    for (let k = last + 1; k < r; k++) lines.push('');
    lines.push(b.toString('utf8', t, le));
    last = r;
  }
  if (last === first) throw notBlock;
  return { json: plainJson(fold(lines, 'plain')), last };
}

/**
 * Lines of a scalar folded: a line break between two lines a space, one followed by k empty lines k line
 * breaks; in a flow scalar each line's blanks around it off first (but an escaped blank at a double-quoted
 * line's end), and in a double-quoted one a line ending in an odd run of `\` goes on at the next line's first
 * non-blank, no space between. The escapes (and `''`) are left for the scalar to read.
 */
function fold(lines: readonly string[], kind: 'plain' | 'single' | 'double' | 'block'): string {
  const n = lines.length - 1;
  let out = '';
  let breaks = 0;
  let joined = false;
  for (let i = 0; i <= n; i++) {
    let t = i > 0 && kind !== 'block' ? lines[i]!.replace(/^[ \t]+/, '') : lines[i]!;
    let escaped = false;
    if (i < n && kind !== 'block') {
      const trimmed = t.replace(/[ \t]+$/, '');
      if (kind === 'double' && oddBackslashes(t)) {
        escaped = true;
        t = t.slice(0, -1);
        // An escape the line break cuts (`\\u00`, break, `41`) is the yaml package's to refuse.
        if (CUT_ESCAPE.test(t)) throw notBlock;
      } else t = kind === 'double' && trimmed.length < t.length && oddBackslashes(trimmed) ? t.slice(0, trimmed.length + 1) : trimmed;
    }
    if (i === 0) out = t;
    else if (joined) out += t;
    else if (t === '' && !escaped && i < n) {
      // An empty line (a line that was only an escaped line break is none: it joins the next).
      breaks++;
      continue;
    } else {
      out += breaks === 0 ? ' ' : '\n'.repeat(breaks);
      out += t;
    }
    breaks = 0;
    joined = escaped;
  }
  return out;
}

/** A `\\x`, `\\u` or `\\U` escape at a text's end with fewer hex digits than it takes (after an even run of `\\`). */
const CUT_ESCAPE = /(?:^|[^\\])(?:\\\\)*\\(?:x[0-9a-fA-F]?|u[0-9a-fA-F]{0,3}|U[0-9a-fA-F]{0,7})$/;

/** Does the text end in an odd run of `\`? */
function oddBackslashes(t: string): boolean {
  let k = 0;
  while (k < t.length && t.charCodeAt(t.length - 1 - k) === 0x5c) k++;
  return k % 2 === 1;
}

/**
 * A block scalar whose header (`|` or `>`, then `-` or `+` or nothing) is from s to e on the document's line
 * `first` (its key or `-` at indentation `indent`): the lines below indented as its first line with text is,
 * and the empty ones among and after them. Literal lines are kept, folded ones joined by a blank (k empty
 * lines between: k line breaks); `-` takes every line break at its end off, `+` keeps them, none keeps one.
 */
export function blockScalar(b: Buffer, doc: DocLines, first: number, s: number, e: number, indent: number): Multiline {
  const chomp = e - s === 2 ? b[s + 1] : 0;
  if (e - s > 2 || chomp !== 0 && chomp !== 0x2d && chomp !== 0x2b) throw notBlock;
  const literal = b[s] === 0x7c;
  const body: string[] = [];
  let n = -1;
  let lastText = -1;
  let r = first + 1;
  for (; r < doc.count; r++) {
    const ls = doc.starts[r]!;
    const le = doc.ends[r]!;
    const t = skipBlanks(b, ls, le);
    if (t === le) {
      // Blanks only: past the indentation they would be text (or, before it is known, an error).
      if (t > ls && (n < 0 || t - ls > n)) throw notBlock;
      body.push('');
      continue;
    }
    if (n < 0) {
      n = t - ls;
      if (n <= indent) throw notBlock;
    } else if (t - ls < n) break;
    if (hasControl(b, ls, le, true)) throw notBlock;
    // A folded scalar's line indented further (by a blank or a tab) is kept as it is: the yaml package's.
    if (!literal && (t - ls > n || b[ls + n] === 0x09)) throw notBlock;
    body.push(b.toString('utf8', ls + n, le));
    lastText = body.length - 1;
  }
  if (lastText < 0 || !literal && body[0] === '') throw notBlock;
  // The line breaks after its last text: one per empty line after it, and the one before the next line; its
  // last line has one even at the document's end (as the yaml package reads it).
  const breaks = Math.max(1, body.length - 1 - lastText + (r < doc.count ? 1 : 0));
  let text = literal ? body.slice(0, lastText + 1).join('\n') : fold(body.slice(0, lastText + 1), 'block');
  if (chomp === 0x2b) text += '\n'.repeat(breaks);
  else if (chomp === 0) text += '\n';
  return { json: JSON.stringify(text), last: r - 1 };
}
