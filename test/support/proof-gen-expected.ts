/**
 * What a generator of the reader property tests placed (see proof-gen.ts): the expected tally of an input,
 * worked out from the placements, the built input that carries it, and lines joined one record each.
 */

/** The expected tally of one input. */
export interface Expected {
  records: number;
  malformed: number;
  /** Catalog code → the line of every record that counts it (once per record). */
  readonly lines: Map<string, number[]>;
  /** Lower-cased unknown code → records holding it. */
  readonly unknown: Map<string, number>;
  /**
   * The line of the first record whose text holds TIME, where a record may span lines (a JSON array's
   * element, a quoted CSV field): its time is TIME though TIME is on a later line (see expectedSamples).
   */
  timedFrom?: number;
}

export const newExpected = (): Expected => ({ records: 0, malformed: 0, lines: new Map(), unknown: new Map() });

/** Adds one record at `line` holding these codes (each distinct code once) and unknown codes. */
export function addRecord(exp: Expected, line: number, codes: Iterable<string>, unknown: Iterable<string> = [], malformed = false, text?: string): void {
  exp.records++;
  if (exp.timedFrom === undefined && text?.includes(TIME) === true) exp.timedFrom = line;
  if (malformed) exp.malformed++;
  for (const c of new Set(codes)) {
    const list = exp.lines.get(c) ?? [];
    list.push(line);
    exp.lines.set(c, list);
  }
  for (const u of new Set([...unknown].map((x) => x.toLowerCase()))) exp.unknown.set(u, (exp.unknown.get(u) ?? 0) + 1);
}

/** Code → count. */
export const expectedCounts = (exp: Expected): Record<string, number> =>
  Object.fromEntries([...exp.lines].map(([c, l]) => [c, l.length]));

/** The one time the generators write: records from the first that holds it on have a time (own or inherited). */
export const TIME = '2026-03-18T08:00:00Z';

/**
 * Code → `file:line` of the report's samples, by line: its first occurrence, the first of its busiest
 * bucket and its last, by time then line (untimed records after timed ones), topped up by line to three.
 * Every time is TIME: the records from the first that holds it on are timed, those before not (by the
 * line that first holds it in `text`, but for records that span lines: see Expected.timedFrom).
 */
export const expectedSamples = (exp: Expected, file: string, text: string): Record<string, string[]> => {
  const at = text.indexOf(TIME);
  const timedFrom = exp.timedFrom ?? (at === -1 ? Infinity : lineAt(text, at));
  return Object.fromEntries(
    [...exp.lines].map(([c, lines]) => {
      // Records by place (records of a one-line JSON array share a line: told apart by their index).
      const all = [...lines].sort((a, b) => a - b).map((line, i) => ({ line, i }));
      // Time order: the timed ones by place (one instant, one bucket), then the untimed by place.
      const inOrder = [...all.filter((r) => r.line >= timedFrom), ...all.filter((r) => r.line < timedFrom)];
      const shown = new Set([inOrder[0]!, inOrder[inOrder.length - 1]!]);
      for (const r of all.slice(0, 3).sort((a, b) => inOrder.indexOf(a) - inOrder.indexOf(b))) if (shown.size < 3) shown.add(r);
      return [c, [...shown].sort((a, b) => a.i - b.i).map((r) => `${file}:${r.line}`)];
    }),
  );
};

export const expectedUnknown = (exp: Expected): Record<string, number> => Object.fromEntries(exp.unknown);

/** 1-based line of the character at `index`. */
export const lineAt = (text: string, index: number): number => {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) n++;
  return n;
};

export type Format = 'text' | 'jsonl' | 'csv' | 'json';

/** A generated input before encoding: `\n` line ends, placeholders for junk. */
export interface Built {
  readonly format: Format;
  readonly text: string;
  readonly expected: Expected;
  /** Auto-detection by content could take it for another format: give `--input-format`. */
  readonly ambiguous: boolean;
}

// ------------------------------------------------------------------------------------------------
// One record a line (plain text, JSON lines)
// ------------------------------------------------------------------------------------------------

/**
 * Generated lines joined into a text, one record each (its line number its place). With `timed` (plain
 * text), a line it says has a time of its own starts a record, as does one `clock` says starts with a time
 * of day alone, and the lines after it without one join it (at most 1,000 lines: the generators' lines are
 * far shorter than the 1 MiB limit); lines before the first such one are records of their own. A code
 * counts once per record, at the line it first appears on. Records from the first timed line on are timed
 * (Expected.timedFrom).
 */
export function lineByLine(
  lines: readonly { text: string; codes: Iterable<string>; unknown: Iterable<string>; malformed?: boolean }[],
  finalNewline: boolean,
  timed?: (text: string) => boolean,
  clock: (text: string) => boolean = () => false,
): { text: string; expected: Expected } {
  const expected = newExpected();
  const text = lines.map((l) => l.text).join('\n') + (finalNewline && lines.length > 0 ? '\n' : '');
  let open = false;
  let held = 0;
  const seen = new Set<string>();
  lines.forEach((l, i) => {
    // An empty last piece after the last newline is no line.
    if (i === lines.length - 1 && !finalNewline && l.text === '') return;
    const own = timed?.(l.text) === true;
    if (own) expected.timedFrom ??= i + 1;
    const starts = own || (timed !== undefined && clock(l.text));
    if (timed === undefined || starts || !open || held >= 1000) {
      open ||= starts;
      held = 1;
      seen.clear();
      addRecord(expected, i + 1, l.codes, l.unknown, l.malformed === true);
      for (const c of l.codes) seen.add(c);
      for (const u of l.unknown) seen.add('?' + u.toLowerCase());
      return;
    }
    held++;
    // In the record of a line before it: only what that record does not hold yet counts.
    expected.records--;
    addRecord(expected, i + 1, [...l.codes].filter((c) => !seen.has(c)), [...l.unknown].filter((u) => !seen.has('?' + u.toLowerCase())));
    for (const c of l.codes) seen.add(c);
    for (const u of l.unknown) seen.add('?' + u.toLowerCase());
  });
  return { text, expected };
}
