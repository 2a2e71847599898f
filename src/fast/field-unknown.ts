import { shownUnknown } from '../extract/record.js';
import type { LineFindings } from './line-findings.js';

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
