// Inputs of a shape mxscan would misread are not read: one line says what they are and what to export
// instead (exit 2, the rest of the scan reported), never a plausible and wrong count.
import { columnarResponse, insightsResponse } from './columnar.js';
import { skipWs } from './json-bytes.js';

/**
 * A Grafana Loki query_range response (its lines are pairs in data.result[].values, one array per stream), as
 * the input's first bytes show it: its keys in Loki's order (`status`, then `data` opening with `resultType`
 * `streams`) or sorted (`jq -S`: `data` opening with `result`, a stream's labels, then `values` pairs whose
 * first is a time in nanoseconds). A JSON line that mentions such keys is no response.
 */
const LOKI = new RegExp(
  String.raw`^\s*\{\s*(?:"status"\s*:\s*"success"\s*,\s*"data"\s*:\s*\{\s*"resultType"\s*:\s*"streams"` +
    String.raw`|"data"\s*:\s*\{\s*"result"\s*:\s*\[\s*\{\s*"stream"\s*:\s*\{[^{}]*\}\s*,\s*"values"\s*:\s*\[\s*\[\s*"\d{19}")`,
);

/**
 * Why an input of a shape mxscan would misread is not read, or undefined: a Loki query response would be one
 * record per stream (its lines' codes counted once for all of them), or one in all on a line; a columnar
 * query response one record in all (its rows are arrays, their fields named by the columns); a CloudWatch Logs
 * Insights response's messages would take the times of the rows before them.
 */
export function unreadShape(head: Uint8Array): string | undefined {
  // Most inputs show at once that they are no JSON object (nor array: Data Explorer's frames).
  const first = head[skipWs(head, 0, head.length)];
  if (first !== 0x7b && first !== 0x5b) return undefined;
  // A stream's labels come before its values: they fit in the first 64 KiB.
  if (first === 0x7b && LOKI.test(Buffer.from(head.buffer, head.byteOffset, Math.min(head.length, 1 << 16)).toString('latin1'))) {
    return 'a Loki query response (export its lines with logcli query --output=jsonl)';
  }
  if (columnarResponse(head)) return 'a columnar query response (ES|QL, SQL, Log Analytics: export its rows as CSV or JSON objects)';
  if (first === 0x7b && insightsResponse(head)) {
    return 'a CloudWatch Logs Insights response (download its table as CSV)';
  }
  return undefined;
}


