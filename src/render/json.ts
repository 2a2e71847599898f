import type { Report } from '../summary/report.js';

// Characters JSON may carry raw but a terminal or editor could act on or hide: DEL, C1 controls (U+009B
// is an 8-bit CSI), bidirectional marks and overrides, line separators, the soft hyphen, tag characters
// (render/escape.ts CONTROL's, bar C0: JSON escapes those). Escaped, the data is the same.
const RISKY = /[\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]|\udb40[\udc00-\udc7f]/g;

// ASCII without DEL (a UTF-8 byte a character) holds none of them: told without the regular expression.
// A `##[` (a workflow command's old form, read anywhere in a line: render/github.ts breakOldCommands) is
// written `##\u005b`, the same string, so the report can be printed in a GitHub job as it is (only a
// string holds one, and a piece ends with a whole part: none is cut in two).
const escapeRisky = (s: string): string => {
  const t = s.includes('##[') ? s.replace(/##\[/g, '##\\u005b') : s;
  return Buffer.byteLength(t) === t.length && !t.includes('\u007f') ? t : t.replace(RISKY, unit);
};

/** A character's UTF-16 units as JSON escapes (a tag character's two: a surrogate pair). */
const unit = (c: string): string => {
  let out = '';
  for (let i = 0; i < c.length; i++) out += '\\u' + c.charCodeAt(i).toString(16).padStart(4, '0');
  return out;
};

/** The JSON report: the report object as is, two-space indented, fixed key order, newline at the end. */
export function renderJson(report: Report): string {
  return escapeRisky(JSON.stringify(report, null, 2)) + '\n';
}

/** Pieces of about this many characters: few writes, and no string of the whole report. */
const PIECE = 1 << 16;

/**
 * The same bytes as renderJson, in pieces: a report of many files (files[], provenance.inputs[]) is
 * several megabytes, and one string of it, then its bytes on the way out, raised the peak memory.
 */
export function* renderJsonPieces(report: Report): Generator<string> {
  let buf = '';
  for (const part of parts(report, '', 0)) {
    buf += part;
    if (buf.length >= PIECE) {
      yield escapeRisky(buf);
      buf = '';
    }
  }
  yield escapeRisky(buf) + '\n';
}

/** Containers this deep are opened (the report and the objects in it, and its lists); deeper values are stringified whole. */
const OPEN_DEPTH = 2;

/**
 * JSON.stringify(value, null, 2) at this indent, as a stream of parts (value is never undefined here). The
 * rows of a list are never opened: each is bounded, and few calls here keep this generator cold, so the
 * process does not wait at its exit for an optimizing compile of it (a generator's takes ~10 ms).
 */
function* parts(value: unknown, indent: string, depth: number): Generator<string> {
  const open = depth <= OPEN_DEPTH && typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
  // A row of plain values (a file's, an input's) is short: stringified whole, not a part per value.
  if (!open || (depth === OPEN_DEPTH && flat(value))) {
    // JSON strings hold no raw newline: every newline is the indentation's.
    yield JSON.stringify(value, null, 2).replace(/\n/g, '\n' + indent);
    return;
  }
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    yield '[';
    for (let i = 0; i < value.length; ) {
      yield (i === 0 ? '\n' : ',\n') + inner;
      // Rows go a run at a time: one call for many.
      const j = runEnd(value, i);
      if (j > i) {
        yield runText(value.slice(i, j), indent);
        i = j;
        continue;
      }
      // As JSON.stringify: a value with no JSON form is null in an array.
      const v: unknown = value[i++];
      if (skipped(v)) yield 'null';
      else yield* parts(v, inner, depth + 1);
    }
    yield '\n' + indent + ']';
    return;
  }
  const keys = Object.keys(value).filter((k) => !skipped((value as Record<string, unknown>)[k]));
  if (keys.length === 0) {
    yield '{}';
    return;
  }
  yield '{';
  for (let i = 0; i < keys.length; i++) {
    yield (i === 0 ? '\n' : ',\n') + inner + JSON.stringify(keys[i]) + ': ';
    yield* parts((value as Record<string, unknown>)[keys[i]!], inner, depth + 1);
  }
  yield '\n' + indent + '}';
}

/** Rows stringified in one call at most (see parts). */
const RUN = 256;

/**
 * The rows of `run` as they stand in a list at `indent`, less its brackets: the run is stringified nested in
 * as many lists as the indent is deep, so its lines come indented already (no pass to indent them).
 */
function runText(run: unknown[], indent: string): string {
  let nested: unknown = run;
  let shape: unknown = [0];
  for (let d = 0; d < indent.length; d += 2) {
    nested = [nested];
    shape = [shape];
  }
  // Around the rows is what is around the 0 in the same nesting.
  const frame = JSON.stringify(shape, null, 2);
  const head = frame.indexOf('0');
  const text = JSON.stringify(nested, null, 2);
  return text.slice(head, text.length - (frame.length - head - 1));
}

/**
 * Where the run of rows from i ends (i: none). Not in parts: a loop over every row of a long list there makes
 * V8 compile the generator (~10 ms, which the process waits for at its exit); this small function compiles fast.
 */
function runEnd(rows: readonly unknown[], i: number): number {
  let j = i;
  while (j < rows.length && j - i < RUN && whole(rows[j])) j++;
  return j;
}

/** A row a run can hold: a value with a JSON form and no toJSON (which is told its key). */
function whole(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null;
  return typeof (v as { toJSON?: unknown }).toJSON !== 'function';
}

/** An object or array none of whose values is an object or array. */
function flat(value: object): boolean {
  for (const v of Object.values(value)) if (typeof v === 'object' && v !== null) return false;
  return true;
}

/** Values JSON.stringify leaves out of an object (and writes as null in an array). */
function skipped(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}
