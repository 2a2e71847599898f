import type { Report } from '../summary/report.js';

// Characters JSON may carry raw but a terminal or editor could act on: DEL, C1 controls (U+009B is an
// 8-bit CSI), bidirectional overrides, line separators. Escaped, the data is the same.
const RISKY = /[\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** The JSON report: the report object as is, two-space indented, fixed key order, newline at the end. */
export function renderJson(report: Report): string {
  return (
    JSON.stringify(report, null, 2).replace(RISKY, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')) + '\n'
  );
}
