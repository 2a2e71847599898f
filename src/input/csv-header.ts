import type { Delimiter } from '../model/record.js';
import { fieldValues } from './csv.js';
import { CsvSplitter } from './csv-split.js';
import { csvHeader, type CsvHeader } from './fields.js';

/**
 * The header a CSV file's scan takes from its first records (see CsvFastScan.record: preamble lines, an
 * over-long or malformed record before it passed over), read from the file's first bytes `head`; undefined
 * when it does not end there. A later byte range of the file is read by these columns (src/parallel/plan.ts).
 */
export function fileHeader(head: Buffer, delimiter: Delimiter, maxLength: number): CsvHeader | undefined {
  const split = new CsvSplitter(maxLength, undefined, delimiter);
  let found: CsvHeader | undefined;
  const sink = {
    record(buf: Buffer, s: number, e: number, _line: number, bad: boolean): void {
      if (!bad) found = csvHeader(fieldValues(buf, split), buf.toString('latin1', s, e));
    },
    skipped(): void {},
  };
  for (let p = 0; found === undefined && p < head.length; ) {
    const q = split.split(head, p, head.length, false, sink, true);
    if (q === p) return undefined;
    p = q;
  }
  return found;
}

/**
 * The start of the first line of the block after its first newline from which two records read as rows of
 * the header's `width` (neither malformed, nor cut by the block's end), or -1. A line inside a quoted cell
 * seldom reads so; when one does, the read of the range before it tells it (CsvFastScan.cleanCut).
 */
export function csvCut(block: Buffer, delimiter: Delimiter, width: number, maxLength: number): number {
  for (let nl = block.indexOf(0x0a); nl !== -1 && nl + 1 < block.length; nl = block.indexOf(0x0a, nl + 1)) {
    if (rowsAt(block, nl + 1, delimiter, width, maxLength)) return nl + 1;
  }
  return -1;
}

function rowsAt(block: Buffer, p: number, delimiter: Delimiter, width: number, maxLength: number): boolean {
  const split = new CsvSplitter(maxLength, undefined, delimiter);
  let rows = 0;
  let good = true;
  const sink = {
    record(_buf: Buffer, _s: number, _e: number, _line: number, bad: boolean): void {
      if (bad || split.nf !== width) good = false;
      else rows++;
    },
    skipped(): void {
      good = false;
    },
  };
  while (good && rows < 2) {
    const q = split.split(block, p, block.length, false, sink, true);
    if (q === p) return false;
    p = q;
  }
  return good;
}
