// Where a YAML stream of documents may be cut for threads to share it (see src/parallel/plan.ts cutAfter):
// at a `---` line, which always starts a document (no document's content may hold a line that starts so),
// before a document that surely starts a record of its own.
import { MESSAGE_FIELDS } from '../model/record.js';
import { KEY } from './yaml.js';
import { END, START } from './yaml-elements.js';

const LF = 0x0a;
/** A key at the top level with nothing after it (its value on the lines under it), a comment aside. */
const OPENS = /^[^\s#-][^:]*:[ \t]*(?:#.*)?$/;
/** A line under it that makes its value a mapping or a sequence: an indented key, or an item. */
const NESTED = /^(?:[ \t]+[^\s#-][^:#]*:(?:[ \t]|$)|[ \t]*-(?:[ \t]|$))/;
/** A message field at the top level (src/model/record.ts MESSAGE_FIELDS). */
const MESSAGE = new RegExp(`^(?:${MESSAGE_FIELDS.join('|')}):(?:[ \\t]|$)`);

/**
 * The start of the first `---` line of the block after its first newline whose document (its lines up to the
 * next marker, within the block) starts a record, or -1. A document carries the record before it on only as
 * a flat object whose message field holds a stack trace's later line (src/wasm/json-records.ts
 * messageCarries): one without a message field at its top level is sure, and so is one with a mapping or a
 * sequence under a key (no flat object).
 */
export function yamlCut(block: Buffer): number {
  for (let nl = block.indexOf(LF); nl !== -1; nl = block.indexOf(LF, nl + 1)) {
    if (block[nl + 1] !== 0x2d || !START.test(lineFrom(block, nl + 1))) continue;
    const sure = startsRecord(block, nl + 1);
    if (sure === undefined) return -1;
    if (sure) return nl + 1;
  }
  return -1;
}

/** The line at `s` (up to 64 bytes of it: enough to tell a marker or a key), its `\r` off. */
function lineFrom(block: Buffer, s: number): string {
  const nl = block.indexOf(LF, s);
  const e = nl === -1 ? block.length : nl;
  return block.toString('latin1', s, Math.min(e, s + 64)).replace(/\r$/, '');
}

/** Whether the document after the marker at `s` surely starts a record; undefined when it does not end in the block. */
function startsRecord(block: Buffer, s: number): boolean | undefined {
  let message = false;
  let opened = false;
  for (let nl = block.indexOf(LF, s); nl !== -1; nl = block.indexOf(LF, nl + 1)) {
    const line = lineFrom(block, nl + 1);
    if (START.test(line) || END.test(line)) return !message;
    if (opened && NESTED.test(line)) return true;
    opened = OPENS.test(line) && KEY.test(line);
    if (MESSAGE.test(line)) message = true;
  }
  return undefined;
}
