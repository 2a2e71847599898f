// ANSI/VT escape sequences: CSI (ESC [ … final), OSC (ESC ] … BEL or ESC \), other two-byte ESC sequences,
// and their 8-bit forms (U+009B CSI, U+009D OSC).
const ANSI = /(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|\x1b[@-Z\\-_]/g;
// C0 and C1 controls (newlines and tabs are handled apart), DEL, the soft hyphen, bidirectional marks,
// overrides and isolates (the Arabic letter mark too), zero-width characters, BOM, line and paragraph
// separators, interlinear annotations, tag characters: none is seen, and each can hide or reorder text.
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\xad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]|\udb40[\udc00-\udc7f]/g;

/** Log text made safe for any display: escape sequences and control characters gone, line breaks shown as ⏎. */
export function cleanText(text: string): string {
  return text.replace(ANSI, '').replace(/\r\n|\r|\n/g, ' ⏎ ').replace(/\t/g, ' ').replace(CONTROL, '');
}

/** cleanText for text of several lines: its line breaks and tabs kept. */
export function cleanLines(text: string): string {
  return text.replace(ANSI, '').replace(CONTROL, '');
}

/**
 * Untrusted text as a markdown code span: nothing inside one is read as markdown or HTML, so no link,
 * image, heading, mention, issue reference or tag can come out of it. In a table a `|` is shown as `│`:
 * GFM splits cells before it reads code spans, and no escaping survives every renderer (`x\|` written
 * as `x\\|` is an escaped backslash and a cell border).
 */
export function code(text: string, inTable = true): string {
  let s = cleanText(text);
  if (inTable) s = s.replace(/\|/g, '│');
  let longest = 0;
  for (const m of s.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(longest + 1);
  const pad = s.startsWith('`') || s.endsWith('`') || (s.startsWith(' ') && s.endsWith(' ') && s.trim() !== '') ? ' ' : '';
  return s === '' ? '` `' : `${fence}${pad}${s}${pad}${fence}`;
}

/**
 * Trusted-shape text (catalog fields, numbers, our own words) escaped for markdown prose and table cells:
 * HTML and markdown punctuation cannot start markup.
 */
export function text(s: string): string {
  return (
    cleanText(s)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/([\\`*_[\]#!|~])/g, '\\$1')
      // Nor may a mention, an address, a web address or an issue reference come out of it (GitHub links
      // `https://…`, `www.…`, `#12`, `owner/repo#12` and `GH-12` in prose once its escapes are read): a
      // zero-width space after the `@`, the `:`, the `www`, the `#` and the `GH-`.
      .replace(/@/g, '@\u200b')
      .replace(/:\/\//g, ':\u200b//')
      .replace(/\b(www)\./gi, '$1\u200b.')
      .replace(/#(?=\d)/g, '#\u200b')
      .replace(/\b(GH-)(?=\d)/gi, '$1\u200b')
  );
}

/** Text for terminal lines on stderr: one line, no escape sequences. */
export function terminalText(s: string): string {
  return cleanText(s);
}

/**
 * Any text made safe for HTML element content and quoted attribute values: escape sequences and controls
 * gone (as `cleanText`), then `& < > " '` as character references, so no text can open an element, close
 * an attribute or start a URL.
 */
export function html(s: string): string {
  return cleanText(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
