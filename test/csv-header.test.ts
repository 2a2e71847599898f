/** A CSV file's first record: its header, or its first row when a field is what no column name is. */
import { describe, expect, it } from 'vitest';
import { csvHeader, type CsvHeader } from '../src/input/fields.js';

const head = (values: string[]): CsvHeader => csvHeader(values, values.join(','))!;

describe('csvHeader', () => {
  it('takes column names for a header, by lower-cased name, the first of duplicates winning', () => {
    const h = head(['@timestamp', 'Code', 'user.email', 'code', '2xx_count']);
    expect([h.row, h.width, [...h.index]]).toEqual([false, 5, [['@timestamp', 0], ['code', 1], ['user.email', 2], ['2xx_count', 4]]]);
  });

  it('takes a record with a date-time or an e-mail address for a row: the file has no header, no column a name', () => {
    for (const first of [
      ['2026-04-07 09:14:02.113+00', 'storage_error'], // PostgreSQL COPY
      ['2026-04-07T09:14:02Z', 'x'],
      ['x', ' 2026-04-07 '], // a date alone
      ['storage_error', 'ana@contoso.com'],
    ]) {
      const h = head(first);
      expect([h.row, h.width, h.index.size, h.names]).toEqual([true, 2, 0, []]);
    }
  });

  it('keeps names that only look like parts of one: a year, a date without its day, an @ name', () => {
    for (const names of [['2026', 'code'], ['2026-04', 'code'], ['@timestamp', 'email'], ['date 2026-04-07', 'x'], ['a@b', 'c']]) expect(head(names).row).toBe(false);
  });

  it("is not yet made by Excel's `sep=` line (the next record is the header)", () => {
    expect(csvHeader(['sep=', ''], 'sep=;')).toBeUndefined();
    expect(csvHeader(['sep=,'], ' SEP=, ')).toBeUndefined();
    expect(csvHeader(['sep=;x'], 'sep=;x')).toBeDefined();
  });
});
