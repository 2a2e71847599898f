import type { Kernel } from './kernels.js';
import type { LineFindings } from './line-findings.js';
import type { Sampler } from './sampler.js';

/**
 * Records the `_` words of the record buf[s, e) (buf from the kernel's `room`; the sampler on the record),
 * read by the kernel in one call as checkWord reads them one by one: each catalog code once (first place),
 * each unknown-code value. `line` is the record's number (see LineFindings.isNew); `codeLength` the codes'
 * lengths by catalog index. False when there were more words than the kernel's output holds: nothing was
 * recorded, and the caller reads them itself.
 */
export function recordWords(kernel: Kernel, found: LineFindings, line: number, s: number, e: number, sampler: Sampler, codeLength: Int32Array): boolean {
  const got = kernel.pieceWords(s, e);
  if (got === undefined) return false;
  const { n, codes, words, at } = got;
  const base = kernel.offset;
  for (let k = 0, w = at; k < n; k++, w += 2) {
    if (k < codes) {
      const idx = words[w]!;
      if (found.isNew(idx, line)) found.addCode(idx, line, found.wantsSample(idx) ? sampler.text(words[w + 1]! - base, codeLength[idx]!) : undefined);
    } else {
      const ws = words[w]! - base;
      const we = words[w + 1]! - base;
      found.addUnknown(sampler.buf.toString('latin1', ws, we), sampler.text(ws, we - ws));
    }
  }
  return true;
}
