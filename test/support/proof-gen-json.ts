/**
 * Generators of JSON inputs for the reader property tests (see proof-gen.ts): objects with code fields,
 * escapes and padding, values that are not objects, broken records; JSON lines and JSON arrays made of them.
 */
import fc from 'fast-check';
import { BARE_SEPS, catalogCode, codeToken, JSON_SEPS, msg } from './proof-gen-text.js';
import { addRecord, type Built, lineAt, lineByLine, newExpected } from './proof-gen-expected.js';

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

/** Padding JS `trim` removes; `\t` and `\n` are written as escapes, whose letter is no word character before a code. */
const PADS = ['', ' ', '  ', '\t', '\n', '\u00a0', '\u2028', '\ufeff'] as const;

/** Values of a code field that are not catalog codes; `raw` is what the text rule finds in them. */
export const UNKNOWN_VALUES: readonly { v: string; raw: readonly string[]; shaped: boolean }[] = [
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
      .map(([t, l, r]) => ({ json: JSON.stringify(l + t.text + r), value: l + t.text + r, rawCodes: [t.code!] })),
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

/** The code fields, in turn (CODE_FIELDS as the README has them). */
export const CODE_KEYS = ['code', 'error_code', 'errorCode', 'Code', 'ErrorCode'] as const;

const codeField: fc.Arbitrary<Field> = fc
  .tuple(fc.constantFrom('code', 'code', 'c\\u006fde', 'error_code', 'errorCode', 'Code', 'ErrorCode'), codeValue)
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
  // Key names are exact in JSON: "CODE" is no code field, its value is raw text like any other.
  { weight: 1, arbitrary: codeToken.map((t) => plainField('CODE', JSON.stringify(t.text), t.text, [t.code!])) },
  // A nested code is no code field either.
  { weight: 1, arbitrary: codeToken.map((t) => plainField('data', `{"code": "${t.text}"}`, { code: t.text }, [t.code!])) },
  // A \t escape's letter is no word character: the code right after it counts in the raw text.
  { weight: 1, arbitrary: codeToken.map((t) => plainField('note', JSON.stringify('\t' + t.text), '\t' + t.text, [t.code!])) },
  // A backslash, then `n` (`\\n` in the raw text: JSON in a JSON string doubles its escapes): the code counts.
  { weight: 1, arbitrary: codeToken.map((t) => plainField('note', JSON.stringify('\\n' + t.text), '\\n' + t.text, [t.code!])) },
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

/**
 * What the record counts once it parsed: its code field's catalog code alone; an unknown value, and the raw
 * text's findings beside it (the text's own finding of the value once); or the raw text.
 */
export function objectFindings(o: GenObject): { codes: string[]; unknown: string[] } {
  const last = new Map<string, Field>();
  for (const f of o.fields) last.set(f.key, f); // the last of duplicate keys wins, as in JSON.parse
  for (const k of CODE_KEYS) {
    const v = last.get(k)?.value;
    if (typeof v === 'string' && v.trim() !== '') {
      const code = catalogCode(v.trim());
      if (code !== undefined) return { codes: [code], unknown: [] };
      const raw = rawFindings(o);
      return { codes: raw.codes, unknown: [unknownShown(v.trim()), ...raw.unknown.filter((u) => !v.trim().toLowerCase().startsWith(u.toLowerCase()))] };
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
      addRecord(exp, lineAt(text, text.length), rec.codes, rec.unknown, rec.malformed, rec.text);
      text += rec.text + after + (i < elements.length - 1 ? ',' : '');
    });
    text += close + ']';
    if (trailing !== null) {
      const [ws, m] = trailing;
      text += ws;
      // Text after the array: one more record, to the end of the input, malformed.
      addRecord(exp, lineAt(text, text.length), m.codes, m.unknown, true, m.text);
      text += 'tail ' + m.text;
    }
    if (finalNewline) text += '\n';
    return { format: 'json' as const, text, expected: exp, ambiguous: false };
  });
