import { cutAfter, type SplitFormat, type Unit } from '../../src/parallel/plan.js';

/**
 * A file that threads share (a unit whose range is the whole file), cut into up to `parts` byte ranges
 * near even places, where a thread taking the back half of a range would cut it (cutAfter); other units
 * as they are. For tests that scan the ranges one by one, as the threads would.
 */
export async function evenRanges(units: readonly Unit[], parts: number): Promise<Unit[]> {
  const out: Unit[] = [];
  for (const u of units) {
    const range = u.input.range;
    if (range === undefined || u.shares === undefined) {
      out.push(u);
      continue;
    }
    const starts = [range.start];
    for (let i = 1; i < parts; i++) {
      const at = Math.floor(range.start + ((range.end - range.start) * i) / parts);
      const cut = at > starts[starts.length - 1]! ? await cutAfter(u.input.file!, at, range.end, u.input.format as SplitFormat) : -1;
      if (cut > starts[starts.length - 1]!) starts.push(cut);
    }
    starts.forEach((start, i) => {
      const end = starts[i + 1] ?? range.end;
      out.push({ input: { ...u.input, range: { start, end } }, size: end - start });
    });
  }
  return out;
}
