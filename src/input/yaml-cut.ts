// Where a YAML stream of documents may be cut for threads to share it (see src/parallel/plan.ts cutAfter):
// at a `---` line, which always starts a document (no document's content may hold a line that starts so),
// before a document that surely starts a record of its own.
import { MESSAGE_FIELDS } from '../model/record.js';
import { END, START } from './yaml-elements.js';

const LF = 0x0a;
/** A message field at the top level (src/model/record.ts MESSAGE_FIELDS), its value after it. */
const MESSAGE = new RegExp(`^(${MESSAGE_FIELDS.join('|')}):(?:[ \\t]+|$)`);
/** A plain scalar YAML reads as no string (a number, null, a boolean), or one that may go on past its line. */
const NO_STRING = /^(?:[-+.\d]|(?:null|true|false|~)$|[|>&*!%@`[{])/i;

/**
 * The start of the first `---` line of the block after its first newline whose document (its lines up to the
 * next marker, within the block) surely starts a record, or -1. A document carries the record before it on
 * when its first message field that holds a string holds a stack trace's later line: `carries` is asked of
 * the JSON of its message fields at the top level (src/wasm/json-records.ts messageCarries, the rule's
 * home). One whose message field is not a scalar on one line is not sure, nor is one cut by the block's end.
 */
export function yamlCut(block: Buffer, carries: (json: Uint8Array) => boolean): number {
  for (let nl = block.indexOf(LF); nl !== -1; nl = block.indexOf(LF, nl + 1)) {
    const e = block.indexOf(LF, nl + 1);
    if (e === -1) return -1;
    if (block[nl + 1] !== 0x2d || !START.test(lineOf(block, nl + 1, e))) continue;
    const sure = startsRecord(block, e, carries);
    if (sure === undefined) return -1;
    if (sure) return nl + 1;
  }
  return -1;
}

/** The line [s, e) of the block, its `\r` off. */
const lineOf = (block: Buffer, s: number, e: number): string => block.toString('utf8', s, e > s && block[e - 1] === 0x0d ? e - 1 : e);

/** Whether the document after the marker line ending at `nl` surely starts a record; undefined when it does not end in the block. */
function startsRecord(block: Buffer, nl: number, carries: (json: Uint8Array) => boolean): boolean | undefined {
  const messages: Record<string, string> = {};
  let sure = true;
  let field = false;
  for (let e = block.indexOf(LF, nl + 1); e !== -1; nl = e, e = block.indexOf(LF, e + 1)) {
    const line = lineOf(block, nl + 1, e);
    if (START.test(line) || END.test(line)) return sure && !(Object.keys(messages).length > 0 && carries(Buffer.from(JSON.stringify(messages))));
    // A line under a message field's value goes on with it.
    if (field && /^[ \t]+[^ \t#]/.test(line)) sure = false;
    const m = MESSAGE.exec(line);
    field = m !== null;
    if (m === null) continue;
    const v = scalar(line.slice(m[0].length));
    if (v === undefined) sure = false;
    else messages[m[1]!] ??= v;
  }
  return undefined;
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
