/**
 * Generators of CSV inputs for the reader property tests (see proof-gen.ts): a header with a code column or
 * not, quoted cells with commas, quotes and line breaks.
 */
import fc from 'fast-check';
import { catalogCode, codeToken, msg, TEXT_SEPS } from './proof-gen-text.js';
import { addRecord, type Built, lineAt, newExpected } from './proof-gen-expected.js';
import { UNKNOWN_VALUES, unknownShown } from './proof-gen-json.js';

/** Code columns by the code fields' names (a header's other spellings of them: test/fields.test.ts). */
const CODE_KEYS = ['code', 'error_code', 'errorCode'] as const;

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
      const rowText = written.map((c, i) => quoteCell(c.value, row.quote[i] ?? false)).join(',');
      if (row.shape !== 'ok') {
        addRecord(exp, line, written.flatMap((c) => c.rawCodes), written.flatMap((c) => c.rawUnknown ?? []), true, rowText);
      } else {
        let found: { codes: string[]; unknown: string[] } | undefined;
        for (const k of CODE_KEYS) {
          const i = sorted.indexOf(k);
          const v = i === -1 ? undefined : cells[i]!.value.trim();
          if (v !== undefined && v !== '') {
            const code = catalogCode(v);
            // An unknown value: the row's raw text is read too (its own finding of the value once).
            const raw = { codes: cells.flatMap((c) => c.rawCodes), unknown: cells.flatMap((c) => c.rawUnknown ?? []).filter((u) => !v.toLowerCase().startsWith(u.toLowerCase())) };
            found = code !== undefined ? { codes: [code], unknown: [] } : { codes: raw.codes, unknown: [unknownShown(v), ...raw.unknown] };
            break;
          }
        }
        found ??= { codes: cells.flatMap((c) => c.rawCodes), unknown: cells.flatMap((c) => c.rawUnknown ?? []) };
        addRecord(exp, line, found.codes, found.unknown, false, rowText);
      }
      // A row that is one empty unquoted field would be an empty line, skipped: never the case here (3+ columns).
      text += rowText + (ri < rows.length - 1 || finalNewline ? '\n' : '') + (ri < rows.length - 1 ? '\n'.repeat(row.blankAfter) : '');
    });
    return { format: 'csv' as const, text, expected: exp, ambiguous: true };
  });
