import type { Sample } from '../model/finding.js';

export type { Sample };

/** Evidence kept per code. */
export const MAX_SAMPLES = 3;

/** Order of evidence: file path (code-unit order, the order files are scanned in), then line. */
export function compareWhere(a: { file: string; line: number }, b: { file: string; line: number }): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line;
}

/** Adds a sample in place, keeping the first MAX_SAMPLES by (file, line). */
export function addSample(list: Sample[], s: Sample): void {
  if (list.length === MAX_SAMPLES && compareWhere(s, list[MAX_SAMPLES - 1]!) >= 0) return;
  let i = list.length;
  while (i > 0 && compareWhere(s, list[i - 1]!) < 0) i--;
  list.splice(i, 0, s);
  if (list.length > MAX_SAMPLES) list.length = MAX_SAMPLES;
}

/** The first MAX_SAMPLES of two sample lists. */
export function mergeSamples(a: readonly Sample[], b: readonly Sample[]): Sample[] {
  const out = [...a];
  for (const s of b) addSample(out, s);
  return out;
}
