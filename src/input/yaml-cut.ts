// Where a YAML stream of documents may be cut for threads to share it (see src/parallel/plan.ts cutAfter):
// at a `---` line, which always starts a document (no document's content may hold a line that starts so),
// before a document that surely starts a record of its own.
import { MESSAGE_FIELDS } from '../model/record.js';
import { END, START } from './yaml-elements.js';

const LF = 0x0a;
/** A plain key at column 0 and its `:` (its name first), its value after it. */
const KEY_LINE = /^([A-Za-z_$][^\s:#'"{}[\],&*!|>%@`?]*):(?:[ \t]+|$)/;
/** A blank line, or a comment. */
const BLANK = /^[ \t]*(?:#.*)?$/;
/** An item of a block sequence. */
const ITEM = /^[ \t]*-(?:[ \t]|$)/;
/** The marker line alone. */
const MARKER = /^---[ \t]*(?:#.*)?$/;
/** A plain scalar YAML reads as no string (a number, null, a boolean), or one that may go on past its line. */
const NO_STRING = /^(?:[-+.\d]|(?:null|true|false|~)$|[|>&*!%@`[{])/i;

/**
 * The start of the first `---` line of the block after its first newline whose document (its lines up to the
 * next marker, within the block) surely starts a record, or -1. A document carries the record before it on
 * when its first message field that holds a string holds a stack trace's later line: `carries` is asked of
 * the JSON of its message fields at the top level (src/wasm/json-records.ts messageCarries, the rule's
 * home). One whose message field is no one-line string or literal block is not sure, nor is one cut by the
 * block's end.
 */
export function yamlCut(block: Buffer, carries: (json: Uint8Array) => boolean): number {
  for (let nl = block.indexOf(LF); nl !== -1; nl = block.indexOf(LF, nl + 1)) {
    const e = block.indexOf(LF, nl + 1);
    if (e === -1) return -1;
    // A document that starts on its marker's line (`--- {…}`) is not read here: no cut before it.
    if (block[nl + 1] !== 0x2d || !MARKER.test(lineOf(block, nl + 1, e))) continue;
    const sure = startsRecord(block, e, carries);
    if (sure === undefined) return -1;
    if (sure) return nl + 1;
  }
  return -1;
}

/** The line [s, e) of the block, its `\r` off. */
const lineOf = (block: Buffer, s: number, e: number): string => block.toString('utf8', s, e > s && block[e - 1] === 0x0d ? e - 1 : e);

/**
 * Whether the document after the marker line ending at `nl` surely starts a record; undefined when it does not
 * end in the block. Sure only for a block mapping of plain keys, each at column 0 (no quoted, anchored,
 * explicit or flow key, no list at the top level: a message field may hide in those) and none holding a
 * sequence (a wrapped list's items are records: src/input/yaml-wrapped.ts), whose message fields, one-line
 * strings, carry nothing on.
 */
function startsRecord(block: Buffer, nl: number, carries: (json: Uint8Array) => boolean): boolean | undefined {
  const messages: Record<string, string> = {};
  let sure = true;
  // The line before was a message field's; a key's with its value under it.
  let field = false;
  let opened = false;
  // A message field's literal block (`|`): its key, and the lines under it so far.
  let held: { key: string; lines: string[] } | undefined;
  const settle = (): void => {
    if (held === undefined) return;
    const v = literal(held.lines);
    if (v === undefined) sure = false;
    else messages[held.key] ??= v;
    held = undefined;
  };
  for (let e = block.indexOf(LF, nl + 1); e !== -1; nl = e, e = block.indexOf(LF, e + 1)) {
    const line = lineOf(block, nl + 1, e);
    if (START.test(line) || END.test(line)) {
      settle();
      return sure && !(Object.keys(messages).length > 0 && carries(Buffer.from(JSON.stringify(messages))));
    }
    if (held !== undefined && (line === '' || /^[ \t]/.test(line))) {
      held.lines.push(line);
      continue;
    }
    settle();
    if (BLANK.test(line)) continue;
    if (/^[ \t]/.test(line)) {
      // A line under a message field's value goes on with it; an item under a key makes a sequence of it.
      if (field || (opened && ITEM.test(line))) sure = false;
      continue;
    }
    const k = KEY_LINE.exec(line);
    field = false;
    opened = k !== null && /^[ \t]*(?:#.*)?$/.test(line.slice(k[0].length));
    if (k === null || ITEM.test(line)) {
      sure = false;
      continue;
    }
    if (!(MESSAGE_FIELDS as readonly string[]).includes(k[1]!)) continue;
    const rest = line.slice(k[0].length);
    if (/^\|[-+]?[ \t]*(?:#.*)?$/.test(rest)) {
      held = { key: k[1]!, lines: [] };
      continue;
    }
    field = true;
    const v = scalar(rest);
    if (v === undefined) sure = false;
    else messages[k[1]!] ??= v;
  }
  return undefined;
}

/** A literal block's string from its lines (its start is what tells a trace's line); undefined when not surely read so. */
function literal(lines: readonly string[]): string | undefined {
  const first = lines.find((l) => l.trim() !== '');
  const indent = first === undefined ? 0 : /^ */.exec(first)![0].length;
  // Indented by spaces, every line at least as far as the first (YAML's rule; a tab is no indentation).
  if (indent === 0 || lines.some((l) => l.trim() !== '' && /^ */.exec(l)![0].length < indent)) return undefined;
  return lines.map((l) => l.slice(indent)).join('\n');
}

/** A scalar on one line as YAML reads it when surely a string: plain, or in quotes; undefined for anything else. */
function scalar(text: string): string | undefined {
  const t = text.trimEnd();
  if (t.startsWith("'")) return t.length > 1 && t.endsWith("'") && !/'(?!')/.test(t.slice(1, -1).replace(/''/g, '')) ? t.slice(1, -1).replace(/''/g, "'") : undefined;
  if (t.startsWith('"')) {
    try {
      // YAML's double-quoted escapes JSON does not know (`\x41`, `\e`) are not read here.
      return t.endsWith('"') ? (JSON.parse(t) as string) : undefined;
    } catch {
      return undefined;
    }
  }
  const plain = t.replace(/[ \t]#.*$/, '');
  return plain === '' || NO_STRING.test(plain) || /:[ \t]|[ \t]#/.test(plain) ? undefined : plain;
}
