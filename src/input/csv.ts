import type { CsvSplitter } from './csv-split.js';

/** The values of the record the splitter just gave (quotes taken off, `""` read as `"`). */
export function fieldValues(buf: Buffer, split: CsvSplitter): string[] {
  const values: string[] = [];
  for (let k = 0; k < split.nf; k++) values.push(fieldValue(buf, split, k));
  return values;
}

/** One field's value. */
export function fieldValue(buf: Buffer, split: CsvSplitter, k: number): string {
  const v = buf.toString('utf8', split.fs[k]!, split.fe[k]!);
  return split.fq[k] === 2 ? v.replaceAll('""', '"') : v;
}
