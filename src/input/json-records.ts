// Wrapped JSON exports: a top-level object whose records are an array under a known key (CloudWatch
// `events`, Datadog `data`, Elasticsearch `hits.hits`, …). Finds where that array opens, from bytes.

/**
 * The arrays wrapped exports hold their records in (dotted: a path through nested objects), the first
 * one met in the object wins: CloudWatch `aws logs filter-log-events` (`events`), the Datadog Logs API
 * (`data`), an Elasticsearch search response (`hits.hits`), CloudTrail (`Records`), and common API shapes.
 */
export const RECORDS_PATHS: readonly string[] = ['events', 'data', 'hits.hits', 'Records', 'logs', 'results', 'items', 'entries', 'messages'];

/** recordsStart: the object ends (or is not JSON) before any records array. */
export const NO_RECORDS = -1;
/** recordsStart: the bytes end before the answer (more are needed). */
export const MORE = -2;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const isWs = (c: number | undefined): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/**
 * Where the records array of the object starting at buf[from] (its first byte other than white space must
 * be `{`) opens: the index just past its `[`. The array is the value of a key whose path is one of
 * `paths` (descending only into objects that lead to one) and its first element is an object (or it is
 * empty): an array of other values is passed over. NO_RECORDS when the object ends first or the bytes are
 * not JSON; MORE when buf[from, to) ends first. `opened` is told how many objects the array is inside.
 */
export function recordsStart(buf: Uint8Array, from: number, to: number, paths: readonly string[], opened?: { objects: number }): number {
  let i = from;
  const ws = (): void => {
    while (i < to && isWs(buf[i])) i++;
  };
  ws();
  if (i >= to) return MORE;
  if (buf[i] !== OPEN_BRACE) return NO_RECORDS;
  i++;
  // The key paths of the objects descended into ('' for the top level).
  const open: string[] = [''];
  for (;;) {
    ws();
    if (i >= to) return MORE;
    if (buf[i] === CLOSE_BRACE) {
      i++;
      open.pop();
      if (open.length === 0) return NO_RECORDS;
      if ((i = afterValue(buf, i, to)) < 0) return i;
      continue;
    }
    if (buf[i] !== QUOTE) return NO_RECORDS;
    const ke = stringEnd(buf, i + 1, to);
    if (ke < 0) return ke;
    const key = keyText(buf, i + 1, ke);
    i = ke + 1;
    ws();
    if (i >= to) return MORE;
    if (buf[i] !== 0x3a) return NO_RECORDS;
    i++;
    ws();
    if (i >= to) return MORE;
    const prefix = open[open.length - 1]!;
    const path = prefix === '' ? key : `${prefix}.${key}`;
    const c = buf[i];
    if (c === OPEN_BRACKET && paths.includes(path)) {
      let k = i + 1;
      while (k < to && isWs(buf[k])) k++;
      if (k >= to) return MORE;
      if (buf[k] === OPEN_BRACE || buf[k] === CLOSE_BRACKET) {
        if (opened !== undefined) opened.objects = open.length;
        return i + 1;
      }
    }
    if (c === OPEN_BRACE && paths.some((p) => p.startsWith(`${path}.`))) {
      open.push(path);
      i++;
      continue;
    }
    const ve = valueEnd(buf, i, to);
    if (ve < 0) return ve;
    if ((i = afterValue(buf, ve, to)) < 0) return i;
  }
}

/** After a value ending at i: past the `,` that follows (a `}` is left for the caller), or MORE / NO_RECORDS. */
function afterValue(buf: Uint8Array, i: number, to: number): number {
  while (i < to && isWs(buf[i])) i++;
  if (i >= to) return MORE;
  if (buf[i] === 0x2c) return i + 1;
  return buf[i] === CLOSE_BRACE ? i : NO_RECORDS;
}

/** The index of the closing quote of a string whose content starts at i, or MORE. */
export function stringEnd(buf: Uint8Array, i: number, to: number): number {
  for (; i < to; i++) {
    const c = buf[i];
    if (c === QUOTE) return i;
    if (c === BACKSLASH) i++;
  }
  return MORE;
}

/** A key's text (decoded when it holds an escape). */
export function keyText(buf: Uint8Array, s: number, e: number): string {
  const raw = Buffer.from(buf.buffer, buf.byteOffset + s, e - s).toString('utf8');
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

/** Where the value starting at i ends (strings and nesting tracked), or MORE / NO_RECORDS. */
export function valueEnd(buf: Uint8Array, i: number, to: number): number {
  let depth = 0;
  for (; i < to; i++) {
    const c = buf[i]!;
    if (c === QUOTE) {
      const e = stringEnd(buf, i + 1, to);
      if (e < 0) return e;
      i = e;
      if (depth === 0) return i + 1;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
    else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (depth === 0) return i;
      if (--depth === 0) return i + 1;
    } else if (depth === 0 && (c === 0x2c || isWs(c))) return i;
  }
  return MORE;
}

/** The records paths for a `--records` choice: that one path, or the known ones. */
export function recordsPaths(records: string | undefined): readonly string[] {
  return records === undefined ? RECORDS_PATHS : [records];
}
