import { shownUnknown } from '../extract/record.js';
import { evidence } from '../extract/sample.js';
import type { LineFindings } from './line-findings.js';

/** Evidence for a code field's value v (as the record reader has it: around the first place v is in the line buf[ls, e)). */
export function fieldSample(buf: Buffer, ls: number, e: number, v: string, redact: boolean): string {
  const text = buf.toString('utf8', ls, e);
  return evidence(text, Math.max(0, text.indexOf(v)), v.length, redact);
}

/** A record's code field holds v, an unknown value (its record's key `key`): its evidence (sample) is made only while it can be kept. */
export function unknownField(found: LineFindings, key: number, v: string, sample: (v: string) => string): void {
  const shown = shownUnknown(v);
  found.addUnknown(shown, found.wantsUnknownSample(shown, key) ? sample(v) : undefined);
}

/**
 * A record whose code field holds the unknown value `value` is read as text too: the unknown codes the text
 * gave that the value starts with (case aside) are the value's own — its key's text read again, whole or its
 * code-like head (`quota_warning` of `quota_warning: 91%`) — and leave the record's findings, but the value
 * itself (as the field put it in: shownUnknown). The kernel leaves them out alike (src/wasm/jsonl.ts recordFindings).
 */
export function dropValueOwn(found: LineFindings, value: string): void {
  const v = value.toLowerCase();
  const own = shownUnknown(value).toLowerCase();
  for (const key of found.unknown.keys()) if (key !== own && v.startsWith(key)) found.unknown.delete(key);
}
