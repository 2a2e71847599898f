// A YAML document that is a wrapped export — a kubectl list (`kind: List`, its records in `items`), an API's
// page — gives its records as the same object in JSON does (json-records.ts recordsStart and json-shape.ts
// isEvent decide, on the document's JSON), each on the line its item starts on; the rest of the object is
// passed over. Read whole, a list of events was one record: every code once, at the first event's time.
import { elementEnd, skipWs } from './json-bytes.js';
import { recordsStart } from './json-records.js';
import { isEvent, type JsonShape } from './json-shape.js';
import type { Elements, Mark } from './yaml-elements.js';
import type { ItemLines } from './yaml-lines.js';

const OPEN_BRACE = 0x7b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;

/**
 * The one element a document wrote since `mark`: when it is a wrapped export whose records array is the
 * value of one of its keys, a block sequence of mappings (their lines in `items`), its records take its place
 * (and that key is returned).
 */
export function unwrap(out: Elements, mark: Mark, items: ItemLines, shape: JsonShape): string | undefined {
  if (items.size === 0 || out.count !== mark.count + 1) return undefined;
  const b = out.b;
  const s = out.lastStart;
  const e = out.n;
  if (b[s] !== OPEN_BRACE) return undefined;
  const opened = { objects: 0 };
  const at = recordsStart(b, s, e, shape.paths, opened);
  if (at < 0 || opened.objects !== 1 || isEvent(b, s, at, opened.objects, e, true, shape) !== false) return undefined;
  const key = keyBefore(b, at - 1);
  const lines = items.get(key);
  if (lines === undefined) return undefined;
  // Its records, each an object (an item of another kind keeps the document whole).
  const bounds: number[] = [];
  for (let p = skipWs(b, at, e); b[p] !== CLOSE_BRACKET; p = skipWs(b, p + 1, e)) {
    const end = elementEnd(b, p, e);
    if (b[p] !== OPEN_BRACE || end < 0) return undefined;
    let last = end;
    while (last > p && b[last - 1] !== 0x7d) last--;
    bounds.push(p, last);
    p = end;
    if (b[end] === CLOSE_BRACKET) break;
  }
  // A list of none stays one record: read as none, codes elsewhere in the document would go unseen (a JSON
  // export of no record gets a note that says so; a YAML document no note).
  if (bounds.length === 0 || bounds.length !== lines.length * 2) return undefined;
  const json = Buffer.from(b.subarray(s, e));
  out.restore(mark);
  for (let k = 0; k < lines.length; k++) out.putBytes(json, bounds[2 * k]! - s, bounds[2 * k + 1]! - s, lines[k]!);
  return key;
}

/** The key whose value's `[` is at i (`"key":[`, as the document's JSON writes it). */
function keyBefore(b: Buffer, i: number): string {
  let k = i - 1;
  if (b[k] !== 0x3a || b[k - 1] !== QUOTE) return '';
  const close = k - 1;
  // Its opening quote: the first one before that no odd run of backslashes escapes.
  for (k = close - 1; k >= 0; k--) {
    if (b[k] !== QUOTE) continue;
    let n = 0;
    while (b[k - 1 - n] === 0x5c) n++;
    if (n % 2 === 0) break;
  }
  try {
    return JSON.parse(b.toString('utf8', k, close + 1)) as string;
  } catch {
    return '';
  }
}
