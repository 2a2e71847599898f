/**
 * Generators of log inputs with catalog codes injected at KNOWN places, for the reader property tests.
 * Every generator returns the text it built together with what the counting rules say about it — per
 * record, its line and the codes placed in it — worked out from the placements, never by scanning.
 *
 * Text is built with `\n` line ends and placeholder characters (U+E000…) where invalid UTF-8 goes; `encode`
 * then applies the line-end style, the BOM, UTF-16, the junk bytes and gzip.
 */
import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { BUILTIN_CATALOG } from '../../src/catalog/builtin.js';

export const CODES: readonly string[] = BUILTIN_CATALOG.map((e) => e.code);
const BY_KEY = new Map(CODES.map((c) => [c.toLowerCase(), c]));
/** The catalog spelling of a code, case-insensitively; undefined when it is not a catalog code. */
export const catalogCode = (s: string): string | undefined => BY_KEY.get(s.toLowerCase());

/** Random ASCII case (only ASCII letters change: `ı`.toUpperCase() is `I`, which would make a near miss a code). */
export const casing = (s: string): fc.Arbitrary<string> =>
  fc
    .array(fc.boolean(), { minLength: s.length, maxLength: s.length })
    .map((flags) => [...s].map((ch, i) => (!/[A-Za-z]/.test(ch) ? ch : flags[i] ? ch.toUpperCase() : ch.toLowerCase())).join(''));

/** Characters that are not [A-Za-z0-9_] (non-ASCII letters included: they are boundaries too). */
export const TEXT_SEPS = [
  ' ', '  ', '\t', '[', ']', '(', ')', '{', '}', '<', '>', '=', ':', '"', "'", ',', ';', '/', '\\', '?', '!', '-', '.',
  '|', '@', '#', '$', '%', '&', '*', '+', '~', '`', '^', '\u00e9', '\u00df', '\u0131', '\u20ac', '\u{1f600}', '\u00a0',
  '\u3000', ' - ', '=>', '...', '\u00ff\u00fe',
] as const;
/** Separators inside JSON strings: no control character, whose JSON escape (`\t`) would end in a letter. */
export const JSON_SEPS = TEXT_SEPS.filter((s) => !s.includes('\t'));
/** Separators of a bare (unquoted, malformed) JSON array element: nothing that opens, closes or splits one. */
export const BARE_SEPS = TEXT_SEPS.filter((s) => !/[[\]{}",]/.test(s));

/** Words that must NOT count: a code with a word character stuck to it, another separator, a non-ASCII fold. */
export const NEAR_MISSES = [
  'storage_error_count', 'xsmime_error', 'storage-error', 'storage error', 'storage.error', 'execution_failed2',
  '2execution_failed', 'web_hook', 'task_finished_with_errors', 'STORAGE_USER_WITH_ERRORS', '_storage_error',
  'storage_error_', '__smime_error__', 'smime__error', 'storage_erro', 'torage_error', 'web_hook_moved_total',
  'task_finished', 'accounts_and_groups_source_sync', 'sm\u0131me_error', 'web_hoo\u212a_moved', '\u017ftorage_error',
  'execution_failed_x', 'store_in_ai_error9', 'web_hook_deleted_', 'connection_error_max_retry_count',
] as const;

/** Harmless words (no code, no `code` key: no unknown code either). */
export const FILLERS = [
  'INFO', 'WARN', 'ERROR', 'mail2cloud', 'sync', 'user42', 'Box', 'OneDrive', 'retry', 'the', 'x', '0', '1234', 'ok',
  'a_b', '_', '__', 'error', 'storage', 'task', 'finished', 'with', 'hook', 'alice@example.com', '2026-03-18T08:00:00Z',
  'req-1001', 'failed', 'moved',
] as const;

/** Invalid UTF-8, each standing in the text as a placeholder character until `encode`. */
const JUNK = [[0xff], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xf0, 0x9f, 0x98], [0xfe], [0x80]].map((b) => Buffer.from(b));
const PLACEHOLDER = 0xe000;
const junkToken = fc.integer({ min: 0, max: JUNK.length - 1 }).map((i) => String.fromCharCode(PLACEHOLDER + i));

/** A run of tokens joined by separators, and the catalog codes and unknown codes placed in it. */
export interface Msg {
  readonly text: string;
  /** Catalog spelling. */
  readonly codes: readonly string[];
  /** Code-shaped values given to a `code`, `error_code` or `errorCode` key, not in the catalog. */
  readonly unknown: readonly string[];
}

interface Token {
  text: string;
  code?: string;
  unknown?: string;
}

const codeToken: fc.Arbitrary<Token> = fc.constantFrom(...CODES).chain((c) => casing(c).map((text) => ({ text, code: c })));
const nearToken: fc.Arbitrary<Token> = fc.constantFrom(...NEAR_MISSES).chain((w) => casing(w).map((text) => ({ text })));
const fillerToken: fc.Arbitrary<Token> = fc.constantFrom(...FILLERS).map((text) => ({ text }));

/** Values shaped like codes (a letter, then `_`-joined groups) that are not in the catalog. */
export const SHAPED_UNKNOWN = ['quota_exceeded', 'Mailbox_Full', 'E_42', 'Zip_Zap', 'x_1_y'] as const;

/** Where a `key<sep>value` token goes: what its separators may hold and still read as written. */
export type Keyed = 'none' | 'text' | 'raw' | 'json';

/**
 * `key<sep>value`: the text rule's unknown code when the value is code-shaped and not in the catalog, a
 * catalog code when it is one. `"` only in plain text (JSON escapes it, CSV doubles it: the pattern breaks),
 * a tab not in JSON strings (escaped as `\t`).
 */
const keyedToken = (where: Keyed): fc.Arbitrary<Token> =>
  fc
    .tuple(
      fc.constantFrom('code', 'error_code', 'errorCode').chain(casing),
      fc.constantFrom('=', ': ', ' = ', ':', ...(where === 'json' ? [] : ['\t:\t']), ...(where === 'text' ? ['":"', ' = "', '": "'] : [])),
      fc.oneof(fc.constantFrom(...SHAPED_UNKNOWN).map((v) => ({ text: v, unknown: v })), codeToken),
    )
    .map(([k, sep, v]) => ({ ...v, text: k + sep + v.text }));

/**
 * Tokens separated by at least one separator each, so every code token is bounded by a separator or the
 * edge of the message. Junk (invalid UTF-8) only comes as a token of its own: never next to a code.
 */
export function msg(seps: readonly string[], opts: { junk?: boolean; maxTokens?: number; keyed?: Keyed } = {}): fc.Arbitrary<Msg> {
  const tokens: fc.WeightedArbitrary<Token>[] = [
    { weight: 4, arbitrary: codeToken },
    { weight: 3, arbitrary: nearToken },
    { weight: 3, arbitrary: fillerToken },
  ];
  if (opts.junk === true) tokens.push({ weight: 1, arbitrary: junkToken.map((text) => ({ text })) });
  if (opts.keyed !== undefined && opts.keyed !== 'none') tokens.push({ weight: 1, arbitrary: keyedToken(opts.keyed) });
  const n = opts.maxTokens ?? 8;
  return fc
    .record({
      toks: fc.array(fc.oneof(...tokens), { maxLength: n }),
      seps: fc.array(fc.constantFrom(...seps), { minLength: n + 2, maxLength: n + 2 }),
      lead: fc.boolean(),
      trail: fc.boolean(),
    })
    .map(({ toks, seps: s, lead, trail }) => {
      let text = lead ? s[0]! : '';
      toks.forEach((t, i) => {
        if (i > 0) text += s[i + 1]!;
        text += t.text;
      });
      if (trail) text += s[n + 1]!;
      return {
        text,
        codes: toks.flatMap((t) => (t.code === undefined ? [] : [t.code])),
        unknown: toks.flatMap((t) => (t.unknown === undefined ? [] : [t.unknown])),
      };
    });
}

// ------------------------------------------------------------------------------------------------
// What the generator placed
// ------------------------------------------------------------------------------------------------

/** The expected tally of one input. */
export interface Expected {
  records: number;
  malformed: number;
  /** Catalog code → the line of every record that counts it (once per record). */
  readonly lines: Map<string, number[]>;
  /** Lower-cased unknown code → records holding it. */
  readonly unknown: Map<string, number>;
}

export const newExpected = (): Expected => ({ records: 0, malformed: 0, lines: new Map(), unknown: new Map() });

/** Adds one record at `line` holding these codes (each distinct code once) and unknown codes. */
export function addRecord(exp: Expected, line: number, codes: Iterable<string>, unknown: Iterable<string> = [], malformed = false): void {
  exp.records++;
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

/** Code → `file:line` of its first three records (the report's samples). */
export const expectedSamples = (exp: Expected, file: string): Record<string, string[]> =>
  Object.fromEntries([...exp.lines].map(([c, l]) => [c, [...l].sort((a, b) => a - b).slice(0, 3).map((n) => `${file}:${n}`)]));

export const expectedUnknown = (exp: Expected): Record<string, number> => Object.fromEntries(exp.unknown);

/** 1-based line of the character at `index`. */
const lineAt = (text: string, index: number): number => {
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
// Plain text
// ------------------------------------------------------------------------------------------------

/** Generated lines joined into a text, one record each (its line number its place). */
function lineByLine(
  lines: readonly { text: string; codes: Iterable<string>; unknown: Iterable<string>; malformed?: boolean }[],
  finalNewline: boolean,
): { text: string; expected: Expected } {
  const expected = newExpected();
  const text = lines.map((l) => l.text).join('\n') + (finalNewline && lines.length > 0 ? '\n' : '');
  lines.forEach((l, i) => {
    // An empty last piece after the last newline is no line.
    if (i === lines.length - 1 && !finalNewline && l.text === '') return;
    addRecord(expected, i + 1, l.codes, l.unknown, l.malformed === true);
  });
  return { text, expected };
}

export const textInput: fc.Arbitrary<Built> = fc
  .record({
    lines: fc.array(fc.oneof({ weight: 8, arbitrary: msg(TEXT_SEPS, { junk: true, keyed: 'text' }) }, { weight: 1, arbitrary: fc.constant({ text: '', codes: [], unknown: [] }) }), {
      maxLength: 25,
    }),
    finalNewline: fc.boolean(),
  })
  .map(({ lines, finalNewline }) => {
    const { text, expected: exp } = lineByLine(lines, finalNewline);
    const first = lines.map((l) => l.text.trim()).find((l) => l !== '') ?? '';
    return { format: 'text' as const, text, expected: exp, ambiguous: first.startsWith('{') || first.startsWith('[') };
  });

// ------------------------------------------------------------------------------------------------
// JSON objects (JSON lines and JSON array elements)
// ------------------------------------------------------------------------------------------------

/** One field of a generated object: its raw key and value, and what a raw-text scan finds in them. */
interface Field {
  /** The key as written between the quotes. */
  readonly rawKey: string;
  /** The key JSON.parse gives. */
  readonly key: string;
  readonly json: string;
  readonly value: unknown;
  /** Catalog codes the text rule finds in `"rawKey": json`. */
  readonly rawCodes: readonly string[];
  /** Unknown codes the text rule finds there (a code-shaped value right after a `"code": "` key). */
  readonly rawUnknown: readonly string[];
}

/** Padding JS `trim` removes; `\t` and `\n` are written as escapes that end in a letter. */
const PADS = ['', ' ', '  ', '\t', '\n', '\u00a0', '\u2028', '\ufeff'] as const;
const wordEndingEscape = (pad: string): boolean => pad === '\t' || pad === '\n';

/** Values of a code field that are not catalog codes; `raw` is what the text rule finds in them. */
const UNKNOWN_VALUES: readonly { v: string; raw: readonly string[]; shaped: boolean }[] = [
  { v: 'quota_exceeded', raw: [], shaped: true },
  { v: 'Mailbox_Full', raw: [], shaped: true },
  { v: 'E_42', raw: [], shaped: true },
  { v: 'storage_error_count', raw: [], shaped: true },
  { v: 'SMIME-ERROR', raw: [], shaped: false },
  { v: '500', raw: [], shaped: false },
  { v: 'x storage_error', raw: ['storage_error'], shaped: false },
  { v: 'see smime_error, web_hook_moved', raw: ['smime_error', 'web_hook_moved'], shaped: false },
  // Longer than 120 characters: reported cut, with `…`.
  { v: 'Long_' + 'x'.repeat(150), raw: [], shaped: true },
];

/** How an unknown code-field value is reported: trimmed, cut to 120 characters plus `…`. */
export const unknownShown = (v: string): string => (v.length > 120 ? v.slice(0, 120) + '…' : v);

/** A value for a code key: what JSON.parse gives, its JSON text, and what the raw text holds. */
interface CodeValue {
  readonly json: string;
  readonly value: unknown;
  readonly rawCodes: readonly string[];
  /** Code-shaped, not in the catalog, and written right after the opening quote. */
  readonly shapedAtStart?: string;
}

const hex4 = (n: number, upper: boolean): string => {
  const h = n.toString(16).padStart(4, '0');
  return upper ? h.toUpperCase() : h;
};

const codeValue: fc.Arbitrary<CodeValue> = fc.oneof(
  // A catalog code, random case, padded: trimmed, it is the code.
  {
    weight: 5,
    arbitrary: fc
      .tuple(codeToken, fc.constantFrom(...PADS), fc.constantFrom(...PADS))
      .map(([t, l, r]) => ({ json: JSON.stringify(l + t.text + r), value: l + t.text + r, rawCodes: wordEndingEscape(l) ? [] : [t.code!] })),
  },
  // Its first letter written as a \u escape: the same code once parsed, no code in the raw text.
  {
    weight: 1,
    arbitrary: fc
      .tuple(codeToken, fc.boolean())
      .map(([t, upper]) => ({ json: `"\\u${hex4(t.text.charCodeAt(0), upper)}${t.text.slice(1)}"`, value: t.text, rawCodes: [] })),
  },
  // Not a catalog code: an unknown code (and never a catalog code, whatever the rest of the record says).
  {
    weight: 2,
    arbitrary: fc.tuple(fc.constantFrom(...UNKNOWN_VALUES), fc.constantFrom('', ' ', '\u00a0'), fc.constantFrom('', ' ', '\t')).map(([u, l, r]) => ({
      json: JSON.stringify(l + u.v + r),
      value: l + u.v + r,
      rawCodes: u.raw,
      ...(u.shaped && l === '' ? { shapedAtStart: u.v } : {}),
    })),
  },
  // Empty or blank: no code field here, the next one is tried.
  { weight: 2, arbitrary: fc.constantFrom('', ' ', '\t', '\u00a0').map((v) => ({ json: JSON.stringify(v), value: v, rawCodes: [] })) },
  // Not a string: no code field here either; a code inside it is raw text.
  {
    weight: 2,
    arbitrary: fc.oneof(
      fc.constantFrom('null', '0', '42', 'true', '[]', '{}').map((json) => ({ json, value: JSON.parse(json) as unknown, rawCodes: [] })),
      codeToken.map((t) => ({ json: `["${t.text}"]`, value: [t.text], rawCodes: [t.code!] })),
      codeToken.map((t) => ({ json: `{"k": "${t.text}"}`, value: { k: t.text }, rawCodes: [t.code!] })),
    ),
  },
);

const CODE_KEYS = ['code', 'error_code', 'errorCode'] as const;

const codeField: fc.Arbitrary<Field> = fc
  .tuple(fc.constantFrom('code', 'code', 'c\\u006fde', 'error_code', 'errorCode'), codeValue)
  .map(([rawKey, v]) => {
    const key = rawKey === 'c\\u006fde' ? 'code' : rawKey;
    // The text rule reads `code": "value` only where the key is written plainly.
    const rawUnknown = v.shapedAtStart !== undefined && rawKey === key ? [v.shapedAtStart] : [];
    return { rawKey, key, json: v.json, value: v.value, rawCodes: v.rawCodes, rawUnknown };
  });

const plainField = (key: string, json: string, value: unknown, rawCodes: readonly string[] = [], rawUnknown: readonly string[] = []): Field => ({
  rawKey: key,
  key,
  json,
  value,
  rawCodes,
  rawUnknown,
});

const otherField: fc.Arbitrary<Field> = fc.oneof(
  { weight: 4, arbitrary: msg(JSON_SEPS, { junk: true, keyed: 'json' }).map((m) => plainField('msg', JSON.stringify(m.text), m.text, m.codes, m.unknown)) },
  { weight: 1, arbitrary: fc.constant(plainField('level', '"INFO"', 'INFO')) },
  { weight: 1, arbitrary: fc.constant(plainField('ts', '"2026-03-18T08:00:00Z"', '2026-03-18T08:00:00Z')) },
  // Key names are exact in JSON: "Code" is no code field, its value is raw text like any other.
  { weight: 1, arbitrary: codeToken.map((t) => plainField('Code', JSON.stringify(t.text), t.text, [t.code!])) },
  // A nested code is no code field either.
  { weight: 1, arbitrary: codeToken.map((t) => plainField('data', `{"code": "${t.text}"}`, { code: t.text }, [t.code!])) },
  // A \t escape ends in a letter: the code right after it has no boundary in the raw text.
  { weight: 1, arbitrary: codeToken.map((t) => plainField('note', JSON.stringify('\t' + t.text), '\t' + t.text)) },
);

/** A generated JSON object: its fields in order, and how it is laid out. */
export interface GenObject {
  readonly fields: readonly Field[];
  /** Whitespace after `:` and after `,`. */
  readonly colon: string;
  readonly comma: string;
}

/** An object; `commaWs` is the whitespace allowed after a comma (JSON lines: no newline). */
export function genObject(commaWs: readonly string[]): fc.Arbitrary<GenObject> {
  return fc.record({
    fields: fc.array(fc.oneof({ weight: 2, arbitrary: codeField }, { weight: 3, arbitrary: otherField }), { maxLength: 6 }),
    colon: fc.constantFrom('', ' ', '\t'),
    comma: fc.constantFrom(...commaWs),
  });
}

export const objectText = (o: GenObject): string =>
  '{' + o.fields.map((f) => `"${f.rawKey}":${o.colon}${f.json}`).join(',' + o.comma) + '}';

/** What the record counts once it parsed: its code field's value alone, or the raw text. */
export function objectFindings(o: GenObject): { codes: string[]; unknown: string[] } {
  const last = new Map<string, Field>();
  for (const f of o.fields) last.set(f.key, f); // the last of duplicate keys wins, as in JSON.parse
  for (const k of CODE_KEYS) {
    const v = last.get(k)?.value;
    if (typeof v === 'string' && v.trim() !== '') {
      const code = catalogCode(v.trim());
      return code !== undefined ? { codes: [code], unknown: [] } : { codes: [], unknown: [unknownShown(v.trim())] };
    }
  }
  return rawFindings(o);
}

/** What a text scan of the object's raw text finds (the record has no code field, or did not parse). */
export function rawFindings(o: GenObject): { codes: string[]; unknown: string[] } {
  return { codes: o.fields.flatMap((f) => f.rawCodes), unknown: o.fields.flatMap((f) => f.rawUnknown) };
}

/** A JSON value that is not an object (valid: not malformed; scanned as text). */
const valueRecord: fc.Arbitrary<{ text: string; codes: readonly string[]; unknown: readonly string[] }> = fc.oneof(
  msg(JSON_SEPS, { junk: true, keyed: 'json' }).map((m) => ({ text: JSON.stringify(m.text), codes: m.codes, unknown: m.unknown })),
  msg(JSON_SEPS, { keyed: 'json' }).map((m) => ({ text: `[${JSON.stringify(m.text)}, 1]`, codes: m.codes, unknown: m.unknown })),
  fc.constantFrom('42', 'null', 'true', '[]', '-1.5e3').map((text) => ({ text, codes: [], unknown: [] })),
);

interface GenRecord {
  readonly text: string;
  readonly codes: readonly string[];
  readonly unknown: readonly string[];
  readonly malformed: boolean;
}

/** Records that do not parse: scanned as raw text, counted as malformed. */
function brokenRecord(commaWs: readonly string[], opts: { unclosed: boolean }): fc.Arbitrary<GenRecord> {
  const broken = (text: string, o: GenObject): GenRecord => ({ text, ...rawFindings(o), malformed: true });
  const kinds: fc.Arbitrary<GenRecord>[] = [
    genObject(commaWs).map((o) => broken(objectText(o).slice(0, -1) + ',}', o)),
    genObject(commaWs).map((o) => broken('INFO ' + objectText(o), o)),
    msg(BARE_SEPS, { keyed: 'raw' }).map((m) => ({ text: 'bare ' + m.text, codes: m.codes, unknown: m.unknown, malformed: true })),
  ];
  // An unclosed object runs to the line's end in JSON lines (in a JSON array it would run to the end).
  if (opts.unclosed) kinds.push(genObject(commaWs).map((o) => broken(objectText(o).slice(0, -1), o)));
  return fc.oneof(...kinds);
}

function jsonRecordArb(commaWs: readonly string[], opts: { unclosed: boolean; blank: boolean }): fc.Arbitrary<GenRecord> {
  const arbs: fc.WeightedArbitrary<GenRecord>[] = [
    { weight: 6, arbitrary: genObject(commaWs).map((o) => ({ text: objectText(o), ...objectFindings(o), malformed: false })) },
    { weight: 1, arbitrary: valueRecord.map((v) => ({ ...v, malformed: false })) },
    { weight: 2, arbitrary: brokenRecord(commaWs, opts) },
  ];
  if (opts.blank) {
    arbs.push({ weight: 1, arbitrary: fc.constantFrom('', '  ', '\t', '\u00a0').map((text) => ({ text, codes: [], unknown: [], malformed: false })) });
  }
  return fc.oneof(...arbs);
}

// ------------------------------------------------------------------------------------------------
// JSON lines
// ------------------------------------------------------------------------------------------------

export const jsonlInput: fc.Arbitrary<Built> = fc
  .record({
    lines: fc.array(jsonRecordArb(['', ' ', '\t'], { unclosed: true, blank: true }), { maxLength: 20 }),
    finalNewline: fc.boolean(),
  })
  .map(({ lines, finalNewline }) => {
    const { text, expected: exp } = lineByLine(lines, finalNewline);
    return { format: 'jsonl' as const, text, expected: exp, ambiguous: true };
  });

// ------------------------------------------------------------------------------------------------
// JSON array
// ------------------------------------------------------------------------------------------------

const WS_JSON = ['', ' ', '\n', '\n  ', ' \n\n', '\t'] as const;

export const jsonArrayInput: fc.Arbitrary<Built> = fc
  .record({
    lead: fc.constantFrom('', '\n', ' \n '),
    elements: fc.array(fc.tuple(fc.constantFrom(...WS_JSON), jsonRecordArb(['', ' ', '\n', '\n  '], { unclosed: false, blank: false }), fc.constantFrom(...WS_JSON)), {
      maxLength: 12,
    }),
    close: fc.constantFrom('', '\n'),
    trailing: fc.option(fc.tuple(fc.constantFrom(' ', '\n', '\n\n'), msg(BARE_SEPS, { keyed: 'raw' })), { freq: 4 }),
    finalNewline: fc.boolean(),
  })
  .map(({ lead, elements, close, trailing, finalNewline }) => {
    const exp = newExpected();
    let text = lead + '[';
    elements.forEach(([before, rec, after], i) => {
      text += before;
      addRecord(exp, lineAt(text, text.length), rec.codes, rec.unknown, rec.malformed);
      text += rec.text + after + (i < elements.length - 1 ? ',' : '');
    });
    text += close + ']';
    if (trailing !== null) {
      const [ws, m] = trailing;
      text += ws;
      // Text after the array: one more record, to the end of the input, malformed.
      addRecord(exp, lineAt(text, text.length), m.codes, m.unknown, true);
      text += 'tail ' + m.text;
    }
    if (finalNewline) text += '\n';
    return { format: 'json' as const, text, expected: exp, ambiguous: false };
  });

// ------------------------------------------------------------------------------------------------
// CSV
// ------------------------------------------------------------------------------------------------

interface CsvCell {
  readonly value: string;
  readonly rawCodes: readonly string[];
  readonly rawUnknown?: readonly string[];
}

const csvCodeCell: fc.Arbitrary<CsvCell> = fc.oneof(
  fc.tuple(codeToken, fc.constantFrom('', ' ', '\u00a0', '\t'), fc.constantFrom('', ' ', '\t')).map(([t, l, r]) => ({ value: l + t.text + r, rawCodes: [t.code!] })),
  fc.tuple(fc.constantFrom(...UNKNOWN_VALUES), fc.constantFrom('', ' ')).map(([u, pad]) => ({ value: pad + u.v, rawCodes: u.raw })),
  fc.constantFrom('', '  ').map((value) => ({ value, rawCodes: [] })),
);

/** A message cell: may hold commas, quotes and line breaks (then it is quoted). */
const csvMsgCell: fc.Arbitrary<CsvCell> = msg([...TEXT_SEPS, '\n', ' \n'], { junk: true, keyed: 'raw' }).map((m) => ({
  value: m.text,
  rawCodes: m.codes,
  rawUnknown: m.unknown,
}));

/**
 * A cell as CSV writes it: quoted when it must be (or when asked). A `"` inside an unquoted cell, not first,
 * is left as it is when the cell has an even length (a coin flip the shrinker keeps): csv-parse's
 * relax_quotes reads it as a plain character.
 */
const quoteCell = (v: string, force: boolean): string => {
  const bareQuoteOk = !force && !/[,\n]/.test(v) && !v.startsWith('"') && !/^\s/.test(v) && v.length % 2 === 0;
  return !bareQuoteOk && (force || /[",\n]/.test(v)) ? `"${v.replace(/"/g, '""')}"` : v;
};

type Column = 'time' | 'level' | 'message' | (typeof CODE_KEYS)[number];

export const csvInput: fc.Arbitrary<Built> = fc
  .record({
    codeColumns: fc.subarray([...CODE_KEYS]),
    headerCase: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
    order: fc.array(fc.nat(), { minLength: 6, maxLength: 6 }),
    leadBlank: fc.nat({ max: 2 }),
    rows: fc.array(
      fc.record({
        codes: fc.array(csvCodeCell, { minLength: 3, maxLength: 3 }),
        message: csvMsgCell,
        quote: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
        shape: fc.constantFrom('ok', 'ok', 'ok', 'ok', 'short', 'long'),
        blankAfter: fc.nat({ max: 1 }),
      }),
      { maxLength: 12 },
    ),
    finalNewline: fc.boolean(),
  })
  .map(({ codeColumns, headerCase, order, leadBlank, rows, finalNewline }) => {
    // Columns in a shuffled order (a stable sort by random keys).
    const cols: Column[] = ['time', 'level', 'message', ...codeColumns];
    const sorted = cols.map((c, i) => ({ c, k: order[i]! })).sort((a, b) => a.k - b.k).map((x) => x.c);
    const header = sorted.map((c) => {
      const i = CODE_KEYS.indexOf(c as (typeof CODE_KEYS)[number]);
      // Header names match case-insensitively and trimmed.
      return i !== -1 && headerCase[i] ? ` ${c.toUpperCase()}` : c;
    });
    const exp = newExpected();
    let text = '\n'.repeat(leadBlank) + header.join(',') + '\n';
    rows.forEach((row, ri) => {
      const cells = sorted.map((c): CsvCell => {
        if (c === 'time') return { value: '2026-03-18T08:00:00Z', rawCodes: [] };
        if (c === 'level') return { value: 'WARN', rawCodes: [] };
        if (c === 'message') return row.message;
        return row.codes[CODE_KEYS.indexOf(c)]!;
      });
      let written = cells;
      if (row.shape === 'short') written = cells.slice(0, -1);
      if (row.shape === 'long') written = [...cells, { value: 'extra', rawCodes: [] }];
      const line = lineAt(text, text.length);
      if (row.shape !== 'ok') {
        addRecord(exp, line, written.flatMap((c) => c.rawCodes), written.flatMap((c) => c.rawUnknown ?? []), true);
      } else {
        let found: { codes: string[]; unknown: string[] } | undefined;
        for (const k of CODE_KEYS) {
          const i = sorted.indexOf(k);
          const v = i === -1 ? undefined : cells[i]!.value.trim();
          if (v !== undefined && v !== '') {
            const code = catalogCode(v);
            found = code !== undefined ? { codes: [code], unknown: [] } : { codes: [], unknown: [unknownShown(v)] };
            break;
          }
        }
        found ??= { codes: cells.flatMap((c) => c.rawCodes), unknown: cells.flatMap((c) => c.rawUnknown ?? []) };
        addRecord(exp, line, found.codes, found.unknown);
      }
      const rowText = written.map((c, i) => quoteCell(c.value, row.quote[i] ?? false)).join(',');
      // A row that is one empty unquoted field would be an empty line, skipped: never the case here (3+ columns).
      text += rowText + (ri < rows.length - 1 || finalNewline ? '\n' : '') + (ri < rows.length - 1 ? '\n'.repeat(row.blankAfter) : '');
    });
    return { format: 'csv' as const, text, expected: exp, ambiguous: true };
  });

// ------------------------------------------------------------------------------------------------
// Bytes
// ------------------------------------------------------------------------------------------------

export type LineEnds = 'lf' | 'crlf' | 'mixed' | 'cr';

export interface Encoding {
  readonly lineEnds: LineEnds;
  /** Per line end, for `mixed`: CRLF when true. */
  readonly crlf: readonly boolean[];
  readonly bom: boolean;
  readonly utf16: 'no' | 'le' | 'be';
  readonly gzip: boolean;
  /** gzip only: cut into two members at this byte (modulo the length) when not null. */
  readonly members: number | null;
}

export const encodingArb = (format: Format): fc.Arbitrary<Encoding> =>
  fc.record({
    // csv-parse takes the first line end as the record delimiter: a CSV file keeps one style.
    lineEnds: format === 'csv' ? fc.constantFrom<LineEnds>('lf', 'crlf', 'cr') : fc.constantFrom<LineEnds>('lf', 'crlf', 'mixed', 'cr'),
    crlf: fc.array(fc.boolean(), { maxLength: 64 }),
    bom: fc.boolean(),
    utf16: fc.constantFrom<'no' | 'le' | 'be'>('no', 'no', 'no', 'no', 'le', 'be'),
    gzip: fc.boolean(),
    members: fc.option(fc.nat(), { freq: 3 }),
  });

/** The bytes of a built input: line ends, junk bytes (UTF-8) or spaces (UTF-16), BOM, gzip. */
export function encode(text: string, e: Encoding): Buffer {
  let k = 0;
  const ends = text.replace(/\n/g, () => {
    if (e.lineEnds === 'crlf') return '\r\n';
    if (e.lineEnds === 'cr') return '\r';
    if (e.lineEnds === 'mixed') return e.crlf[k++ % Math.max(1, e.crlf.length)] === true ? '\r\n' : '\n';
    return '\n';
  });
  let bytes: Buffer;
  if (e.utf16 !== 'no') {
    const s = ends.replace(/[\ue000-\ue00f]/g, ' ');
    const le = Buffer.from('\ufeff' + s, 'utf16le');
    if (e.utf16 === 'be') for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
    bytes = le;
  } else {
    const parts = ends.split(/([\ue000-\ue00f])/);
    bytes = Buffer.concat(parts.map((p, i) => (i % 2 === 1 ? JUNK[p.charCodeAt(0) - PLACEHOLDER]! : Buffer.from(p, 'utf8'))));
    if (e.bom) bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
  }
  if (!e.gzip) return bytes;
  if (e.members === null) return gzipSync(bytes);
  // A multi-member gzip file (as `cat a.gz b.gz` makes): every member is read.
  const cut = e.members % (bytes.length + 1);
  return Buffer.concat([gzipSync(bytes.subarray(0, cut)), gzipSync(bytes.subarray(cut))]);
}

/** The file name that makes auto-detection pick the format. */
export const fileName = (format: Format, gzip: boolean): string =>
  ({ text: 'input.log', jsonl: 'input.jsonl', csv: 'input.csv', json: 'input.json' })[format] + (gzip ? '.gz' : '');

/** Cuts bytes into chunks of the given sizes (cycled). */
export function chunks(bytes: Buffer, sizes: readonly number[]): Buffer[] {
  const out: Buffer[] = [];
  let i = 0;
  let k = 0;
  while (i < bytes.length) {
    const n = Math.max(1, sizes[k++ % Math.max(1, sizes.length)] ?? bytes.length);
    out.push(bytes.subarray(i, i + n));
    i += n;
  }
  return out;
}
