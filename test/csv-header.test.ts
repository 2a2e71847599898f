/** A CSV file's first record: its header, or its first row when a field is what no column name is. */
import { describe, expect, it } from 'vitest';
import { csvDialect } from '../src/input/csv-dialect.js';
import { csvHeader, type CsvHeader } from '../src/input/fields.js';

const head = (values: string[]): CsvHeader => csvHeader(values, values.join(','))!;

describe('csvHeader', () => {
  it('takes column names for a header, by lower-cased name, the first of duplicates winning', () => {
    const h = head(['@timestamp', 'Code', 'user.email', 'code', '2xx_count']);
    // the names as written (lower-cased); the squashed ones after them start with a NUL (see headerColumn)
    const named = [...h.index].filter(([k]) => !k.startsWith('\0'));
    expect([h.row, h.width, named]).toEqual([false, 5, [['@timestamp', 0], ['code', 1], ['user.email', 2], ['2xx_count', 4]]]);
  });

  it('takes a record with a date and a time of day for a row: the file has no header, no column a name', () => {
    for (const first of [
      ['2026-04-07 09:14:02.113+00', 'storage_error'], // PostgreSQL COPY
      ['2026-04-07T09:14:02Z', 'x'],
      ['x', ' 2026-04-07 09:14'],
    ]) {
      const h = head(first);
      expect([h.row, h.width, h.index.size, h.names]).toEqual([true, 2, 0, []]);
    }
  });

  it('keeps names that are dates alone (a pivot’s columns), e-mail addresses, years, or hold a date further in', () => {
    for (const names of [['code', '2026-04-07', '2026-04-08'], ['code', 'ana@contoso.com', 'bo@contoso.com'], ['2026', 'code'], ['2026-04', 'code'], ['@timestamp', 'email'], ['date 2026-04-07 09:14', 'x']]) {
      expect(head(names).row, names.join(',')).toBe(false);
    }
  });

  it("is not yet made by Excel's `sep=` line naming a delimiter mxscan reads (the next record is the header)", () => {
    expect(csvHeader(['sep=', ''], 'sep=;')).toBeUndefined();
    expect(csvHeader(['sep=,'], 'SEP=,\r')).toBeUndefined();
    expect(csvHeader(['sep=\t'], 'sep=\t')).toBeUndefined();
    // another delimiter, or more after it: the header
    expect(csvHeader(['sep=:'], 'sep=:')?.row).toBe(false);
    expect(csvHeader(['sep=;x'], 'sep=;x')?.row).toBe(false);
  });
});

describe('csvDialect and a `sep=` line', () => {
  const dialect = (name: string, text: string, forced?: ',' | ';') => csvDialect(name, Buffer.from(text), true, forced).delimiter;
  it('takes the delimiter it names over the header’s and a .tsv name, not over --delimiter', () => {
    expect(dialect('a.csv', 'sep=;\na,b;c\n1,2;3\n')).toBe(';');
    expect(dialect('a.csv', 'sep=\t\ncode\tmessage\nx\ty\n')).toBe('\t');
    expect(dialect('a.tsv', 'sep=;\ncode;message\nx;y\n')).toBe(';');
    expect(dialect('a.csv', 'sep=;\ncode,message\nx,y\n', ',')).toBe(',');
    // `sep=:` names no delimiter mxscan reads: an ordinary first line (here a header of one field)
    expect(dialect('a.csv', 'sep=:\ncode;message\nx;y\n')).toBe(',');
  });
});
